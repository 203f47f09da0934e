// Package jobs: a small service over database/sql and pgx.
package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Job struct {
	ID     int64  `db:"id" json:"id"`
	Status string `db:"status"`
	Owner  *User
}

type Store[T any] interface {
	Get(ctx context.Context, id int64) (T, error)
}

func (s *Server) ListJobs(w http.ResponseWriter, r *http.Request) {
	rows, err := s.db.QueryContext(r.Context(), "SELECT id, status FROM jobs WHERE owner = $1", 7)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var j Job
		if err := rows.Scan(&j.ID, &j.Status); err != nil {
			return
		}
		// one query per row
		row := s.db.QueryRow("SELECT name FROM users WHERE id = $1", j.ID)
		_ = row.Scan(&j.Owner)
	}
	go func() {
		time.Sleep(time.Second)
	}()
	select {
	case <-r.Context().Done():
	default:
	}
	switch x := any(w).(type) {
	case http.Flusher:
		x.Flush()
	}
}

func requeue(ctx context.Context, pool *pgxpool.Pool, ids []int64) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback(ctx)
	for _, id := range ids {
		if _, err := tx.Exec(ctx, `UPDATE jobs SET status = 'queued' WHERE id = $1`, id); err != nil {
			return err
		}
	}
	if len(ids) > 0 {
		return tx.Commit(ctx)
	} else if ids == nil {
		return nil
	} else {
		return sql.ErrNoRows
	}
}
