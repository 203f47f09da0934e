package ledger

import "example.com/ledger/internal/store"

type Entry struct {
	ID     int64
	Amount int64
}

// Look-alike: the session's deferred Close rolls back whatever was not
// committed, so the early return does not leave the transaction open.
func Post(e *Entry) error {
	s := store.Begin()
	defer s.Close()
	e.ID = 0
	if _, err := s.Insert(e); err != nil {
		return err
	}
	return s.Commit()
}

// The session is never closed: the failed insert returns with the
// transaction open and its connection out of the pool.
func PostUnclosed(e *Entry) error {
	s := store.Begin() // expect: missing_rollback MEDIUM
	e.ID = 0
	if _, err := s.Insert(e); err != nil {
		return err
	}
	return s.Commit()
}
