package store

import (
	"context"
	"database/sql"
)

// Look-alike: the package code itself is clean; only its test loops.
func Name(ctx context.Context, db *sql.DB, id int64) (string, error) {
	var n string
	err := db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&n)
	return n, err
}
