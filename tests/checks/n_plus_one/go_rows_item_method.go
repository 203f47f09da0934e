package pantry

import (
	"database/sql"
	"net/http"
	"strings"
)

// The rows a store method returns type the loop's item: its methods
// (and the methods its fields promote from an embedded struct) are
// followed like any other project call.

type Server struct {
	store *store
}

type store struct {
	*sql.DB
}

type (
	Recipe struct {
		ID     int64
		Author string
	}
	// ListedRecipe embeds Recipe and adds a shelf it sits on.
	ListedRecipe struct {
		*Recipe
		Shelf *ShelfView
	}
	Shelf struct {
		ID int64
		db *store
	}
	// ShelfView gets Shelf's methods through the embedding.
	ShelfView struct {
		Shelf
		Count int
	}
)

func (db *store) Recipes(page int) (*[]ListedRecipe, error) {
	rows, err := db.Query("SELECT id, author FROM recipes LIMIT 20 OFFSET $1", page*20)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []ListedRecipe{}
	for rows.Next() {
		r := ListedRecipe{Recipe: &Recipe{}}
		if err := rows.Scan(&r.ID, &r.Author); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return &out, nil
}

func (db *store) CookName(handle string) (string, error) {
	var n string
	err := db.QueryRow("SELECT display FROM cooks WHERE handle = $1", handle).Scan(&n)
	return n, err
}

func (r *ListedRecipe) Credit(srv *Server) string {
	n, _ := srv.store.CookName(r.Author)
	return n
}

// Label reads nothing: the shelf's number in words.
func (r *ListedRecipe) Label() string {
	return strings.Repeat("*", int(r.ID%5))
}

func (sh *Shelf) IsPublic() bool {
	var ok bool
	sh.db.QueryRow("SELECT public FROM shelves WHERE id = $1", sh.ID).Scan(&ok)
	return ok
}

func (srv *Server) credits(w http.ResponseWriter, r *http.Request) {
	recipes, err := srv.store.Recipes(1)
	if err != nil {
		return
	}
	for _, rc := range *recipes {
		w.Write([]byte(rc.Credit(srv))) // expect: n_plus_one HIGH
		if rc.Shelf.IsPublic() { // expect: n_plus_one HIGH
			w.Write([]byte(rc.Label()))
		}
	}
}

// Look-alikes: a method that reads nothing; a local bound twice (which
// call filled it is not known, so its item stays untyped).
func (srv *Server) labels(w http.ResponseWriter, r *http.Request) {
	recipes, err := srv.store.Recipes(1)
	if err != nil {
		return
	}
	for _, rc := range *recipes {
		w.Write([]byte(rc.Label()))
	}
	again, _ := srv.store.Recipes(1)
	if r.URL.Query().Get("next") != "" {
		again, _ = srv.store.Recipes(2)
	}
	for _, rc := range *again {
		w.Write([]byte(rc.Credit(srv)))
	}
}
