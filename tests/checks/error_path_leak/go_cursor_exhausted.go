// path: internal/notes/store.go
// stack: database/sql github.com/mattn/go-sqlite3
package notes

import (
	"database/sql"
	"errors"
)

var errNoNote = errors.New("no such note")

type Note struct {
	ID   string
	Body string
}

type Store struct {
	db *sql.DB
}

// Look-alike: the early return runs only when Next returned false, and
// database/sql has closed the rows by then.
func (s *Store) Get(id string) (*Note, error) {
	rows, err := s.db.Query("SELECT id, body FROM notes WHERE id = ?", id)
	if err != nil {
		return nil, err
	}
	if !rows.Next() {
		return nil, errNoNote
	}
	defer rows.Close()
	var n Note
	if err := rows.Scan(&n.ID, &n.Body); err != nil {
		return nil, err
	}
	return &n, nil
}

// Positive: the rows are still open when the empty id is rejected.
func (s *Store) First(id string) (*Note, error) {
	rows, err := s.db.Query("SELECT id, body FROM notes WHERE id = ?", id) // expect: error_path_leak MEDIUM
	if err != nil {
		return nil, err
	}
	if !rows.Next() {
		return nil, errNoNote
	}
	if id == "" {
		return nil, errNoNote
	}
	defer rows.Close()
	var n Note
	if err := rows.Scan(&n.ID, &n.Body); err != nil {
		return nil, err
	}
	return &n, nil
}

// Positive: a positive Next leaves with a row still to read.
func (s *Store) Exists(id string) (bool, error) {
	rows, err := s.db.Query("SELECT id FROM notes WHERE id = ?", id) // expect: error_path_leak MEDIUM
	if err != nil {
		return false, err
	}
	if rows.Next() {
		return true, nil
	}
	defer rows.Close()
	return false, rows.Err()
}
