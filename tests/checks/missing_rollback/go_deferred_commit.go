// path: internal/store/txhelpers.go
// stack: github.com/jmoiron/sqlx github.com/lib/pq
package store

import (
	"context"
	"database/sql"
	"fmt"
	"log"

	"github.com/jmoiron/sqlx"
)

type Store struct {
	pool *sqlx.DB
}

// A unit-of-work helper that commits in a deferred literal and rolls back
// only when fn returns an error: a panic inside fn still commits.
func (s *Store) inTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := s.pool.BeginTxx(ctx, nil) // expect: missing_rollback MEDIUM
	if err != nil {
		return err
	}
	defer func() {
		if cerr := tx.Commit(); cerr != nil {
			log.Printf("commit: %v", cerr)
		}
	}()
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return nil
}

// A bare deferred commit: the early error return commits the half-done
// transfer.
func (s *Store) Move(ctx context.Context, from, to, cents int64) error {
	tx, err := s.pool.BeginTx(ctx, nil) // expect: missing_rollback MEDIUM
	if err != nil {
		return err
	}
	defer tx.Commit()
	if _, err := tx.ExecContext(ctx, "UPDATE wallet SET cents = cents - $1 WHERE id = $2", cents, from); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "UPDATE wallet SET cents = cents + $1 WHERE id = $2", cents, to)
	return err
}

// Look-alike: the recover idiom; the deferred literal rolls back on a
// panic or an error and commits otherwise.
func (s *Store) inTxSafe(ctx context.Context, fn func(tx *sqlx.Tx) error) (err error) {
	tx, err := s.pool.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		} else if err != nil {
			_ = tx.Rollback()
		} else {
			err = tx.Commit()
		}
	}()
	return fn(tx)
}

// Look-alike: a deferred commit with a deferred rollback after it (run
// first, so a panic rolls back and the commit then finds the tx done).
func (s *Store) Touch(ctx context.Context, id int64) error {
	tx, err := s.pool.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Commit()
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, "UPDATE wallet SET seen = now() WHERE id = $1", id)
	return err
}

// Look-alike: the caller's transaction, committed on the way out here.
func finish(ctx context.Context, tx *sql.Tx, id int64) error {
	defer tx.Commit()
	_, err := tx.ExecContext(ctx, "UPDATE wallet SET closed = true WHERE id = $1", id)
	return err
}

// Look-alike: the deferred call closes a statement; the commit is the
// last statement and every error path rolls back.
func (s *Store) Seed(ctx context.Context, names []string) error {
	tx, err := s.pool.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PreparexContext(ctx, "INSERT INTO tag (name) VALUES ($1)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	if _, err := stmt.ExecContext(ctx, fmt.Sprint(len(names))); err != nil {
		return err
	}
	return tx.Commit()
}
