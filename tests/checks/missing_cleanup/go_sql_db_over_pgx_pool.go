// path: internal/store/migrate.go
// stack: github.com/jackc/pgx/v5 github.com/pressly/goose/v3
package store

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
)

// A *sql.DB opened over a pgx pool is a pool of its own: it must be
// closed even though the pgx pool it draws from is closed elsewhere.

type Store struct {
	Pool *pgxpool.Pool
	sql  *sql.DB
}

// Opened per migration run, handed to goose and never closed.
func MigrateUp(ctx context.Context, p *pgxpool.Pool, dir string) error {
	db := stdlib.OpenDBFromPool(p) // expect: missing_cleanup MEDIUM
	if err := goose.Up(db, dir); err != nil {
		return err
	}
	return nil
}

// Same, to a target version.
func MigrateTo(p *pgxpool.Pool, dir string, v int64) error {
	db := stdlib.OpenDBFromPool(p) // expect: missing_cleanup MEDIUM
	return goose.UpTo(db, dir, v)
}

// Look-alike: closed by defer.
func MigrateDown(p *pgxpool.Pool, dir string) error {
	db := stdlib.OpenDBFromPool(p)
	defer db.Close()
	return goose.Down(db, dir)
}

// Look-alike: returned to the caller, who owns it.
func OpenSQL(p *pgxpool.Pool) *sql.DB {
	db := stdlib.OpenDBFromPool(p)
	return db
}

// Look-alike: kept in the store for the process's lifetime.
func NewStore(p *pgxpool.Pool) *Store {
	db := stdlib.OpenDBFromPool(p)
	return &Store{Pool: p, sql: db}
}

// Look-alike: handed to a project function that keeps it.
func Attach(s *Store, p *pgxpool.Pool) {
	db := stdlib.OpenDBFromPool(p)
	keep(s, db)
}

func keep(s *Store, db *sql.DB) {
	s.sql = db
}
