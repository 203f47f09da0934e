// path: internal/api/reports.go
// stack: github.com/jackc/pgx/v5 github.com/go-chi/chi/v5
package api

import (
	"encoding/json"
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Reports struct {
	pool *pgxpool.Pool
}

// rows.Close() at the end only: the scan error returns first.
func (h *Reports) Daily(w http.ResponseWriter, r *http.Request) {
	rows, err := h.pool.Query(r.Context(), "SELECT day, total FROM daily_totals") // expect: error_path_leak HIGH
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var out []map[string]any
	for rows.Next() {
		var day string
		var total int64
		if err := rows.Scan(&day, &total); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		out = append(out, map[string]any{"day": day, "total": total})
	}
	rows.Close()
	json.NewEncoder(w).Encode(out)
}

// Look-alike: closed before every return.
func (h *Reports) Weekly(w http.ResponseWriter, r *http.Request) {
	rows, err := h.pool.Query(r.Context(), "SELECT week, total FROM weekly_totals")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var out []int64
	for rows.Next() {
		var week string
		var total int64
		if err := rows.Scan(&week, &total); err != nil {
			rows.Close()
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		out = append(out, total)
	}
	rows.Close()
	json.NewEncoder(w).Encode(out)
}
