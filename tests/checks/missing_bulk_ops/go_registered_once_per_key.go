// path: internal/mailer/links.go
// stack: github.com/lib/pq github.com/jmoiron/sqlx
package mailer

import (
	"sync"

	"github.com/jmoiron/sqlx"
)

type Queries struct {
	InsertLink    *sqlx.Stmt `query:"insert-link"`
	InsertOpening *sqlx.Stmt `query:"insert-opening"`
}

type Store struct {
	q *Queries
}

// RegisterLink stores a URL and returns its id.
func (s *Store) RegisterLink(url string) (string, error) {
	var id string
	if err := s.q.InsertLink.Get(&id, url); err != nil {
		return "", err
	}
	return id, nil
}

// RecordOpening stores one opening of a message.
func (s *Store) RecordOpening(msgID string) error {
	_, err := s.q.InsertOpening.Exec(msgID)
	return err
}

type Tracker struct {
	store *Store
	mu    sync.RWMutex
	ids   map[string]string
}

// linkID registers a URL the first time it is seen; later calls hit the map.
func (t *Tracker) linkID(url string) string {
	t.mu.RLock()
	if id, ok := t.ids[url]; ok {
		t.mu.RUnlock()
		return id
	}
	t.mu.RUnlock()
	id, err := t.store.RegisterLink(url)
	if err != nil {
		return url
	}
	t.mu.Lock()
	t.ids[url] = id
	t.mu.Unlock()
	return id
}

// Look-alike: one insert per distinct URL, cached for the process.
func (t *Tracker) Rewrite(urls []string) []string {
	out := make([]string, 0, len(urls))
	for _, u := range urls {
		out = append(out, t.linkID(u))
	}
	return out
}

// One insert per opening handed in.
func (t *Tracker) RecordAll(msgIDs []string) error {
	for _, id := range msgIDs {
		if err := t.store.RecordOpening(id); err != nil { // expect: missing_bulk_ops MEDIUM
			return err
		}
	}
	return nil
}
