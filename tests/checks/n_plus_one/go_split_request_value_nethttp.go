// path: internal/web/labels.go
// stack: github.com/jmoiron/sqlx github.com/lib/pq
package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/jmoiron/sqlx"
)

type Label struct {
	ID   int    `db:"id"`
	Name string `db:"name"`
}

type Handlers struct {
	db *sqlx.DB
}

// One lookup per name of the `names` query parameter.
func (h *Handlers) Labels(w http.ResponseWriter, r *http.Request) {
	names := strings.Split(r.URL.Query().Get("names"), ",")
	out := []Label{}
	for _, name := range names {
		var l Label
		if err := h.db.Get(&l, "SELECT id, name FROM labels WHERE name = $1", name); err == nil { // expect: n_plus_one HIGH
			out = append(out, l)
		}
	}
	_ = json.NewEncoder(w).Encode(out)
}

// One lookup per word of a posted form field.
func (h *Handlers) Tags(w http.ResponseWriter, r *http.Request) {
	out := []Label{}
	for _, name := range strings.Fields(r.FormValue("tags")) {
		var l Label
		if err := h.db.Get(&l, "SELECT id, name FROM labels WHERE name = $1", name); err == nil { // expect: n_plus_one HIGH
			out = append(out, l)
		}
	}
	_ = json.NewEncoder(w).Encode(out)
}

// Look-alike: a header of the request names the one label to read; the
// loop walks a fixed pair of defaults.
func (h *Handlers) Defaults(w http.ResponseWriter, r *http.Request) {
	out := []Label{}
	for _, name := range strings.Split("inbox,archive", ",") {
		var l Label
		if err := h.db.Get(&l, "SELECT id, name FROM labels WHERE name = $1", name); err == nil {
			out = append(out, l)
		}
	}
	_ = json.NewEncoder(w).Encode(out)
}
