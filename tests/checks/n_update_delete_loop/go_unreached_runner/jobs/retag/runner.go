package retag

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type Note struct {
	ID  int64
	Tag string
}

// Job is started by the program (cmd/app): its loop runs in production.
type Job struct {
	DB *sqlx.DB
}

func NewJob(db *sqlx.DB) *Job {
	return &Job{DB: db}
}

// Start is what the program calls; Sweep is reached only from here.
func (j *Job) Start(ctx context.Context) {
	go j.sweep(ctx)
}

func (j *Job) sweep(ctx context.Context) error {
	var notes []Note
	if err := j.DB.SelectContext(ctx, &notes, `SELECT id, tag FROM notes`); err != nil {
		return err
	}
	for _, n := range notes {
		if _, err := j.DB.ExecContext(ctx, `UPDATE notes SET tag = upper($1) WHERE id = $2`, n.Tag, n.ID); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}
