// path: internal/events/store.go
// stack: database/sql github.com/mattn/go-sqlite3
package events

import (
	"database/sql"
	"time"
)

type Event struct {
	ID   string
	Kind string
	At   time.Time
}

type Store struct {
	db      *sql.DB
	queue   chan []*Event
	single  chan *Event
}

// Look-alike: the consumer of a batching queue. Each item of the channel
// is a whole batch, and store() writes it in one transaction; the
// per-row statement is the own loop of store() (one finding there), not one
// call per row here.
func (s *Store) consume() {
	for evs := range s.queue {
		if err := s.store(evs); err != nil {
			continue
		}
	}
}

func (s *Store) store(evs []*Event) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, e := range evs {
		if _, err := tx.Exec("INSERT INTO events (id, kind, at) VALUES (?, ?, ?)", e.ID, e.Kind, e.At.Unix()); err != nil { // expect: missing_bulk_ops MEDIUM
			return err
		}
	}
	return tx.Commit()
}

// Positive: one event per call, one INSERT per item of the list.
func (s *Store) Import(evs []*Event) error {
	for _, e := range evs {
		if err := s.writeOne(e); err != nil { // expect: missing_bulk_ops MEDIUM
			return err
		}
	}
	return nil
}

func (s *Store) writeOne(e *Event) error {
	_, err := s.db.Exec("INSERT INTO events (id, kind, at) VALUES (?, ?, ?)", e.ID, e.Kind, e.At.Unix())
	return err
}

func (s *Store) Run(evs []*Event) {
	go s.consume()
	_ = s.Import(evs)
}
