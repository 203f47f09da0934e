// path: internal/store/notes.go
// stack: github.com/jmoiron/sqlx github.com/mattn/go-sqlite3
package store

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"
)

type Notes struct {
	db *sqlx.DB
}

// inTx hands its callback a transaction and ends it on every path.
func (s *Notes) inTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// Look-alike: statements prepared on the callback's transaction are
// closed by database/sql when the transaction commits or rolls back.
func (s *Notes) Archive(ctx context.Context, id int64, label string) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		mark, err := tx.PreparexContext(ctx, `UPDATE note SET archived = 1 WHERE id = ?`)
		if err != nil {
			return err
		}
		tag, err := tx.Preparex(`INSERT INTO note_label (note_id, label) VALUES (?, ?)`)
		if err != nil {
			return err
		}
		if _, err := mark.ExecContext(ctx, id); err != nil {
			return err
		}
		_, err = tag.ExecContext(ctx, id, label)
		return err
	})
}

// Look-alike: a transaction begun in this very function; the statement
// lives and dies with it.
func (s *Notes) Rename(ctx context.Context, id int64, title string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `UPDATE note SET title = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	if _, err := st.ExecContext(ctx, title, id); err != nil {
		return err
	}
	return tx.Commit()
}

// Look-alike: a helper that takes the caller's transaction.
func purgeLabels(ctx context.Context, tx *sql.Tx, id int64) error {
	st, err := tx.PrepareContext(ctx, `DELETE FROM note_label WHERE note_id = ?`)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, id)
	return err
}

// Prepared on the pool and never closed: it stays allocated.
func (s *Notes) Touch(ctx context.Context, id int64) error {
	st, err := s.db.PreparexContext(ctx, `UPDATE note SET seen_at = CURRENT_TIMESTAMP WHERE id = ?`) // expect: missing_cleanup MEDIUM
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, id)
	return err
}

// Prepared on a dedicated connection, not a transaction: still a leak.
func pin(ctx context.Context, conn *sql.Conn, id int64) error {
	st, err := conn.PrepareContext(ctx, `UPDATE note SET pinned = 1 WHERE id = ?`) // expect: missing_cleanup MEDIUM
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, id)
	return err
}

// Named `tx` but bound to the pool in this function: still a leak.
func (s *Notes) Unpin(ctx context.Context, id int64) error {
	tx := s.db
	st, err := tx.PreparexContext(ctx, `UPDATE note SET pinned = 0 WHERE id = ?`) // expect: missing_cleanup MEDIUM
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, id)
	return err
}
