// path: internal/catalog/products.go
// stack: github.com/lib/pq
package catalog

import (
	"context"
	"database/sql"
	"io"
	"net/http"
)

type Repo struct {
	db     *sql.DB
	client *http.Client
}

// rows never closed: an error inside the loop returns with the connection held.
func (r *Repo) Names(ctx context.Context) ([]string, error) {
	rows, err := r.db.QueryContext(ctx, "SELECT name FROM products") // expect: missing_cleanup MEDIUM
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// A prepared statement that is never closed.
func (r *Repo) Touch(ctx context.Context, ids []int64) error {
	stmt, err := r.db.PrepareContext(ctx, "UPDATE products SET seen = now() WHERE id = $1") // expect: missing_cleanup MEDIUM
	if err != nil {
		return err
	}
	_, err = stmt.ExecContext(ctx, ids[0])
	return err
}

// The response body is read but never closed.
func (r *Repo) Feed(ctx context.Context, url string) ([]byte, error) {
	resp, err := r.client.Get(url) // expect: missing_cleanup MEDIUM
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

// Look-alike: deferred close right after the error check.
func (r *Repo) Count(ctx context.Context) (int, error) {
	rows, err := r.db.QueryContext(ctx, "SELECT id FROM products")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// Look-alike: the rows go back to the caller, who closes them.
func (r *Repo) Cursor(ctx context.Context) (*sql.Rows, error) {
	rows, err := r.db.QueryContext(ctx, "SELECT id, name FROM products")
	if err != nil {
		return nil, err
	}
	return rows, nil
}

// Look-alike: handed to a helper that scans and closes.
func (r *Repo) All(ctx context.Context) ([]string, error) {
	rows, err := r.db.QueryContext(ctx, "SELECT name FROM products")
	if err != nil {
		return nil, err
	}
	return scanNames(rows)
}

func scanNames(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Look-alike: a URL's query values, not a database cursor.
func page(req *http.Request) string {
	q := req.URL.Query()
	return q.Get("page")
}
