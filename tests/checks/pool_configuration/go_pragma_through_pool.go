// path: internal/store/sqlite.go
// stack: modernc.org/sqlite github.com/jmoiron/sqlx
package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"
	_ "modernc.org/sqlite"
)

type Store struct {
	rw *sqlx.DB
	ro *sqlx.DB
}

// Per-connection settings sent once through each pool: only the
// connection that ran them keeps them (one finding per function).
func (s *Store) tune(ctx context.Context) error {
	for _, pool := range []*sqlx.DB{s.rw, s.ro} {
		if _, err := pool.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
			return err
		}
		if _, err := pool.ExecContext(ctx, "PRAGMA busy_timeout = 5000"); err != nil { // expect: pool_configuration MEDIUM
			return err
		}
		if _, err := pool.ExecContext(ctx, "PRAGMA foreign_keys=ON"); err != nil {
			return err
		}
	}
	s.rw.SetMaxOpenConns(1)
	return nil
}

// The same through a *sql.DB parameter.
func enableForeignKeys(db *sql.DB) error {
	_, err := db.Exec("PRAGMA foreign_keys(ON)") // expect: pool_configuration MEDIUM
	return err
}

// Look-alike: a pragma that only reads.
func pageCount(ctx context.Context, db *sql.DB) (int64, error) {
	var n int64
	err := db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&n)
	return n, err
}

// Look-alike: one dedicated connection keeps its settings.
func withConn(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.ExecContext(ctx, "PRAGMA synchronous=NORMAL")
	return err
}

// Look-alike: inside a transaction, on its connection.
func deferChecks(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys=ON"); err != nil {
		return err
	}
	return tx.Commit()
}

// Look-alike: a pool capped at one connection here before the setting.
func openWriter(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("PRAGMA busy_timeout=5000"); err != nil {
		return nil, fmt.Errorf("pragma: %w", err)
	}
	return db, nil
}
