package audit

import (
	"context"
	"database/sql"
	"sync"
)

// Recorder has two implementations: one keeps entries in memory, so a
// call through the interface is not surely a network call.
type Recorder interface {
	Record(ctx context.Context, entry string) error
}

type memoryRecorder struct {
	mu      sync.Mutex
	entries []string
}

func (r *memoryRecorder) Record(ctx context.Context, entry string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.entries = append(r.entries, entry)
	return nil
}

type Notifier interface {
	Send(ctx context.Context, to string) error
}

type Service struct {
	db       *sql.DB
	recorder Recorder
	notifier Notifier
}

// Look-alike: the recorder may be the in-memory one.
func (s *Service) Approve(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE requests SET approved = true WHERE id = $1", id); err != nil {
		return err
	}
	if err := s.recorder.Record(ctx, "approved"); err != nil {
		return err
	}
	return tx.Commit()
}

// Look-alike: Send has no implementation in the project; a method
// named like a network call is not evidence enough.
func (s *Service) Reject(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE requests SET rejected = true WHERE id = $1", id); err != nil {
		return err
	}
	if err := s.notifier.Send(ctx, "owner"); err != nil {
		return err
	}
	return tx.Commit()
}
