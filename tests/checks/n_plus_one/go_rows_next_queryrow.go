// path: internal/orders/handler.go
// stack: github.com/lib/pq
package orders

import (
	"database/sql"
	"encoding/json"
	"net/http"
)

type Handler struct {
	db *sql.DB
}

type line struct {
	ID      int64  `json:"id"`
	Product string `json:"product"`
}

// One product lookup per order line, inside the cursor loop of a handler.
func (h *Handler) Lines(w http.ResponseWriter, r *http.Request) {
	rows, err := h.db.QueryContext(r.Context(), "SELECT id, product_id FROM order_lines WHERE order_id = $1", r.URL.Query().Get("order"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	var out []line
	for rows.Next() {
		var l line
		var productID int64
		if err := rows.Scan(&l.ID, &productID); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		err := h.db.QueryRowContext(r.Context(), "SELECT name FROM products WHERE id = $1", productID).Scan(&l.Product) // expect: n_plus_one HIGH
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(out)
}

// Look-alike: the names come from a map filled once before the loop.
func (h *Handler) LinesWithNames(w http.ResponseWriter, r *http.Request, names map[int64]string) {
	rows, err := h.db.QueryContext(r.Context(), "SELECT id, product_id FROM order_lines")
	if err != nil {
		return
	}
	defer rows.Close()
	var out []line
	for rows.Next() {
		var l line
		var productID int64
		if err := rows.Scan(&l.ID, &productID); err != nil {
			return
		}
		l.Product = names[productID]
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return
	}
	json.NewEncoder(w).Encode(out)
}
