package reindex

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type Note struct {
	ID   int64
	Body string
}

// Reindexer recomputes the search text of every note. Nothing constructs it and
// nothing calls its method: dead code is no per-row cost anyone pays.
type Reindexer struct {
	DB *sqlx.DB
}

func NewReindexer(db *sqlx.DB) *Reindexer {
	return &Reindexer{DB: db}
}

// Sweep rewrites every note's search column.
func (j *Reindexer) Sweep(ctx context.Context) error {
	var notes []Note
	if err := j.DB.SelectContext(ctx, &notes, `SELECT id, body FROM notes`); err != nil {
		return err
	}
	for _, n := range notes {
		if _, err := j.DB.ExecContext(ctx, `UPDATE notes SET search = lower($1) WHERE id = $2`, n.Body, n.ID); err != nil {
			return err
		}
	}
	return nil
}
