package feed

import (
	"database/sql"
	"sync"
)

type channel struct{ ID string }

// eventLog is kept to the package (a lower-case type) and reads the
// database: a call through a field of that type is a query.
type eventLog struct{ db *sql.DB }

func (l *eventLog) Since(name string, after int64) ([]string, error) {
	if after == 0 {
		return l.latest(name)
	}
	return l.after(name, after)
}

func (l *eventLog) latest(name string) ([]string, error) {
	rows, err := l.db.Query(`SELECT body FROM events WHERE channel = $1 ORDER BY id DESC LIMIT 1`, name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return bodies(rows)
}

func (l *eventLog) after(name string, after int64) ([]string, error) {
	rows, err := l.db.Query(`SELECT body FROM events WHERE channel = $1 AND id > $2`, name, after)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return bodies(rows)
}

func bodies(rows *sql.Rows) ([]string, error) {
	out := []string{}
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// recentLog is also lower case, but keeps its entries in memory.
type recentLog struct {
	mu   sync.Mutex
	byCh map[string][]string
}

func (r *recentLog) Since(name string, after int64) ([]string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.byCh[name], nil
}

type hub struct {
	events *eventLog
	recent *recentLog
}

// Positive: one SELECT per channel, the query one call away in the
// type's own helpers.
func (h *hub) replay(channels []*channel, after int64) ([]string, error) {
	all := []string{}
	for _, c := range channels {
		got, err := h.events.Since(c.ID, after) // expect: n_plus_one MEDIUM
		if err != nil {
			return nil, err
		}
		all = append(all, got...)
	}
	return all, nil
}

// Look-alike: the same loop over the in-memory log reads no rows.
func (h *hub) replayRecent(channels []*channel, after int64) ([]string, error) {
	all := []string{}
	for _, c := range channels {
		got, err := h.recent.Since(c.ID, after)
		if err != nil {
			return nil, err
		}
		all = append(all, got...)
	}
	return all, nil
}
