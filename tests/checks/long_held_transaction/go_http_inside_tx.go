// path: internal/payments/capture.go
// stack: github.com/jackc/pgx/v5
package payments

import (
	"bytes"
	"context"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Service struct {
	pool   *pgxpool.Pool
	client *http.Client
}

// The charge request runs while the transaction holds the row lock: a
// network call between Begin and Commit is transaction_wide (SPEC), a sleep
// there is long_held_transaction.
func (s *Service) Capture(ctx context.Context, id int64) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "UPDATE payments SET state = 'capturing' WHERE id = $1", id); err != nil {
		return err
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://psp.example.com/capture", bytes.NewReader(nil))
	resp, err := s.client.Do(req) // expect: transaction_wide HIGH
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return tx.Commit(ctx)
}

// A retry back-off sleeps with the transaction open.
func (s *Service) Settle(ctx context.Context, id int64) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "UPDATE payments SET state = 'settling' WHERE id = $1", id); err != nil {
		return err
	}
	time.Sleep(2 * time.Second) // expect: long_held_transaction HIGH
	return tx.Commit(ctx)
}

// Look-alike: the remote call happens after the commit.
func (s *Service) CaptureThenNotify(ctx context.Context, id int64) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "UPDATE payments SET state = 'captured' WHERE id = $1", id); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://hooks.example.com/paid", bytes.NewReader(nil))
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
