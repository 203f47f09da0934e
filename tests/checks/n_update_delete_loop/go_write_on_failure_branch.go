// path: internal/jobs/runner.go
// stack: github.com/lib/pq
package jobs

import (
	"context"
	"database/sql"
	"fmt"
)

type Job struct {
	ID     int64
	Kind   string
	Status string
}

type Runner struct {
	db       *sql.DB
	handlers map[string]func(Job) error
}

// markStatus writes one job's status.
func (r *Runner) markStatus(ctx context.Context, id int64, status string) error {
	_, err := r.db.ExecContext(ctx, "UPDATE jobs SET status = $1 WHERE id = $2", status, id)
	return err
}

// start cancels a job whose kind has no handler, and only then.
func (r *Runner) start(ctx context.Context, j Job) error {
	h, ok := r.handlers[j.Kind]
	if !ok {
		r.markStatus(ctx, j.ID, "cancelled")
		return fmt.Errorf("no handler for job %d of kind %s", j.ID, j.Kind)
	}
	return h(j)
}

// finish always writes the job's status.
func (r *Runner) finish(ctx context.Context, j Job) error {
	if err := r.markStatus(ctx, j.ID, "done"); err != nil {
		return err
	}
	return nil
}

// Look-alike: the status is written only when a job cannot start.
func (r *Runner) StartAll(ctx context.Context, jobs []Job) {
	for _, j := range jobs {
		if err := r.start(ctx, j); err != nil {
			continue
		}
	}
}

// One UPDATE per finished job.
func (r *Runner) FinishAll(ctx context.Context, jobs []Job) error {
	for _, j := range jobs {
		if err := r.finish(ctx, j); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}
