// path: internal/orders/close.go
// stack: github.com/jackc/pgx/v5
// A transaction of nine statements, each followed by its `if err != nil`
// return: the error plumbing holds no lock longer, so it does not make the
// transaction long. One with 55 statements is.
package orders

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Store struct {
	pool *pgxpool.Pool
}

func (s *Store) Close(ctx context.Context, id int64) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx,
		"UPDATE orders SET step = $1 WHERE id = $2",
		0, id,
	); err != nil {
		return fmt.Errorf("step 0: %w", err)
	}

	if _, err := tx.Exec(ctx,
		"UPDATE orders SET step = $1 WHERE id = $2",
		1, id,
	); err != nil {
		return fmt.Errorf("step 1: %w", err)
	}

	if _, err := tx.Exec(ctx,
		"UPDATE orders SET step = $1 WHERE id = $2",
		2, id,
	); err != nil {
		return fmt.Errorf("step 2: %w", err)
	}

	if _, err := tx.Exec(ctx,
		"UPDATE orders SET step = $1 WHERE id = $2",
		3, id,
	); err != nil {
		return fmt.Errorf("step 3: %w", err)
	}

	if _, err := tx.Exec(ctx,
		"UPDATE orders SET step = $1 WHERE id = $2",
		4, id,
	); err != nil {
		return fmt.Errorf("step 4: %w", err)
	}

	if _, err := tx.Exec(ctx,
		"UPDATE orders SET step = $1 WHERE id = $2",
		5, id,
	); err != nil {
		return fmt.Errorf("step 5: %w", err)
	}

	if _, err := tx.Exec(ctx,
		"UPDATE orders SET step = $1 WHERE id = $2",
		6, id,
	); err != nil {
		return fmt.Errorf("step 6: %w", err)
	}

	if _, err := tx.Exec(ctx,
		"UPDATE orders SET step = $1 WHERE id = $2",
		1, id,
	); err != nil {
		return fmt.Errorf("step 1: %w", err)
	}

	if _, err := tx.Exec(ctx,
		"UPDATE orders SET step = $1 WHERE id = $2",
		2, id,
	); err != nil {
		return fmt.Errorf("step 2: %w", err)
	}

	return tx.Commit(ctx)
}

func (s *Store) Rebuild(ctx context.Context, id int64) error {
	tx, err := s.pool.Begin(ctx)  // expect: long_held_transaction MEDIUM
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 0", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 1", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 2", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 3", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 4", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 5", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 6", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 7", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 8", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 9", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 10", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 11", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 12", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 13", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 14", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 15", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 16", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 17", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 18", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 19", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 20", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 21", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 22", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 23", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 24", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 25", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 26", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 27", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 28", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 29", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 30", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 31", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 32", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 33", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 34", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 35", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 36", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 37", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 38", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 39", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 40", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 41", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 42", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 43", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 44", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 45", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 46", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 47", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 48", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 49", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 50", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 51", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 52", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 53", id)
	_, _ = tx.Exec(ctx, "UPDATE totals SET n = n + 1 WHERE id = $1 AND part = 54", id)
	return tx.Commit(ctx)
}
