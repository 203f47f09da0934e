// path: internal/billing/expire.go
// stack: github.com/jackc/pgx/v5
package billing

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Expirer struct {
	pool *pgxpool.Pool
}

// One UPDATE per row of the cursor that found them.
func (e *Expirer) ExpireTrials(ctx context.Context) error {
	rows, err := e.pool.Query(ctx, "SELECT id FROM subscriptions WHERE trial_ends < now()")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		if _, err := e.pool.Exec(ctx, "UPDATE subscriptions SET state = 'expired' WHERE id = $1", id); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return rows.Err()
}

// One DELETE per id handed in.
func (e *Expirer) Purge(ctx context.Context, ids []int64) error {
	for _, id := range ids {
		if _, err := e.pool.Exec(ctx, "DELETE FROM sessions WHERE id = $1", id); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}

// Look-alike: one statement for the whole set.
func (e *Expirer) PurgeAll(ctx context.Context, ids []int64) error {
	_, err := e.pool.Exec(ctx, "DELETE FROM sessions WHERE id = ANY($1)", ids)
	return err
}

// Look-alike: the updates are queued on a pgx.Batch and sent once.
func (e *Expirer) Touch(ctx context.Context, ids []int64) error {
	batch := &pgx.Batch{}
	for _, id := range ids {
		batch.Queue("UPDATE sessions SET seen_at = $2 WHERE id = $1", id, time.Now())
	}
	return e.pool.SendBatch(ctx, batch).Close()
}
