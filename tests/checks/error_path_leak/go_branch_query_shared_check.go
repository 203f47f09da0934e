// path: store/notes.go
// stack: database/sql
package store

import (
	"database/sql"
	"errors"
)

type Store struct {
	db     *sql.DB
	legacy bool
}

// Look-alike: each branch of the if/else runs its own query into the same
// rows; the one error check after the chain returns only when the query
// failed, where rows is nil and nothing is checked out.
func (s *Store) NoteIDs(book int64) ([]int64, error) {
	var rows *sql.Rows
	var err error
	if s.legacy {
		rows, err = s.db.Query("SELECT id FROM notes WHERE book = ? ORDER BY at", book)
	} else {
		rows, err = s.db.Query("SELECT id FROM notes WHERE book = $1 ORDER BY at", book)
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Look-alike: an else-if chain, same shared check.
func (s *Store) Titles(kind int) ([]string, error) {
	var rows *sql.Rows
	var err error
	if kind == 1 {
		rows, err = s.db.Query("SELECT title FROM notes WHERE pinned")
	} else if kind == 2 {
		rows, err = s.db.Query("SELECT title FROM notes WHERE archived")
	} else {
		rows, err = s.db.Query("SELECT title FROM notes")
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// Positive: after the shared error check, a second early return leaves
// before the deferred close, with the rows checked out.
func (s *Store) FirstTag(book int64) (string, error) {
	var rows *sql.Rows
	var err error
	if s.legacy {
		rows, err = s.db.Query("SELECT tag FROM tags WHERE book = ?", book) // expect: error_path_leak MEDIUM
	} else {
		rows, err = s.db.Query("SELECT tag FROM tags WHERE book = $1", book) // expect: error_path_leak MEDIUM
	}
	if err != nil {
		return "", err
	}
	if book == 0 {
		return "", errors.New("no book")
	}
	defer rows.Close()
	if !rows.Next() {
		return "", nil
	}
	var t string
	err = rows.Scan(&t)
	return t, err
}
