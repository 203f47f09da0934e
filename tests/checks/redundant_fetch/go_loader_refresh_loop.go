// path: internal/plan/plan.go
// stack: database/sql github.com/lib/pq
package plan

import (
	"database/sql"
	"time"
)

type Quota struct {
	Seats int64
}

type Watcher struct {
	db   *sql.DB
	last *Quota
}

func (w *Watcher) quota(team string) (*Quota, error) {
	var q Quota
	err := w.db.QueryRow(`SELECT seats FROM quota WHERE team = $1`, team).Scan(&q.Seats)
	if err != nil {
		return nil, err
	}
	return &q, nil
}

// refresh re-reads the quota every hour: a new value each time.
func (w *Watcher) refresh(team string) {
	for {
		time.Sleep(time.Hour)
		q, err := w.quota(team)
		if err != nil {
			continue
		}
		w.last = q
	}
}

// report reads the quota once more right away.
func (w *Watcher) report(team string) int64 {
	q, err := w.quota(team)
	if err != nil {
		return 0
	}
	return q.Seats
}

// Look-alike: the first read seeds the value, the loop refreshes it later.
func (w *Watcher) Start(team string) error {
	q, err := w.quota(team)
	if err != nil {
		return err
	}
	w.last = q
	go w.refresh(team)
	return nil
}

// Positive: the same quota is read again at once by report.
func (w *Watcher) Show(team string) (int64, error) {
	q, err := w.quota(team)
	if err != nil {
		return 0, err
	}
	w.last = q
	return w.report(team), nil // expect: redundant_fetch MEDIUM
}
