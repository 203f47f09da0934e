// path: internal/store/albums.go
// stack: github.com/jmoiron/sqlx github.com/mattn/go-sqlite3
package store

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type Albums struct {
	db *sqlx.DB
}

func (a *Albums) inTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := a.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// The DELETE text is a local string completed with `+=` before it is
// prepared; the statements then run once per id passed in (one finding
// per loop, at its first per-row write).
func (a *Albums) Drop(ctx context.Context, ids ...int) error {
	return a.inTx(ctx, func(tx *sqlx.Tx) error {
		delPhotos := `DELETE FROM photo`
		delAlbum := `DELETE FROM album`
		if len(ids) == 0 {
			if _, err := tx.ExecContext(ctx, delPhotos); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, delAlbum)
			return err
		}
		delPhotos += ` WHERE album_id = ?`
		delAlbum += ` WHERE id = ?`
		stPhotos, err := tx.Preparex(delPhotos)
		if err != nil {
			return err
		}
		stAlbum, err := tx.Preparex(delAlbum)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := stPhotos.ExecContext(ctx, id); err != nil { // expect: n_update_delete_loop HIGH
				return err
			}
			if _, err := stAlbum.ExecContext(ctx, id); err != nil {
				return err
			}
		}
		return nil
	})
}

func albumCountSQL() string { return `SELECT COUNT(*) FROM photo WHERE album_id = ?` }

// Look-alike: the statement text comes from a function, so what it runs
// is not known here; nothing is claimed.
func (a *Albums) Touch(ctx context.Context, ids ...int) error {
	return a.inTx(ctx, func(tx *sqlx.Tx) error {
		q := albumCountSQL()
		st, err := tx.Preparex(q)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := st.ExecContext(ctx, id); err != nil {
				return err
			}
		}
		return nil
	})
}
