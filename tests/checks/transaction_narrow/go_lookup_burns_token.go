// path: app/store.go
// stack: database/sql github.com/mattn/go-sqlite3
package app

import "database/sql"

// store methods each run one statement on the pool and commit alone.
type store struct{ db *sql.DB }

// OwnerOf reads who owns a key and, when the key is single-use, deletes it
// so it cannot be presented twice.
func (s *store) OwnerOf(key string) int64 {
	var owner int64
	var single bool
	err := s.db.QueryRow("SELECT owner, single FROM api_keys WHERE key = ?", key).Scan(&owner, &single)
	if err != nil {
		return -1
	}
	if single {
		s.db.Exec("DELETE FROM api_keys WHERE key = ?", key)
	}
	return owner
}

// ClearLabels removes every label of a board.
func (s *store) ClearLabels(board int64) error {
	_, err := s.db.Exec("DELETE FROM labels WHERE board = ?", board)
	return err
}

func (s *store) AddBoard(owner int64, name string) error {
	_, err := s.db.Exec("INSERT INTO boards (owner, name) VALUES (?, ?)", owner, name)
	return err
}

func (s *store) AddLabel(board int64, name string) error {
	_, err := s.db.Exec("INSERT INTO labels (board, name) VALUES (?, ?)", board, name)
	return err
}

// Look-alike: the delete is a side effect of authenticating the key; the
// new board is keyed by the owner the lookup returned, not by the rows it
// removed, so nothing is replaced.
func (s *store) BoardFromKey(key, name string) error {
	owner := s.OwnerOf(key)
	if owner == -1 {
		return sql.ErrNoRows
	}
	return s.AddBoard(owner, name)
}

// Positive: the labels of a board are cleared and written again in two
// commits; a failed insert leaves the board without labels.
func (s *store) SetLabel(board int64, name string) error {
	if err := s.ClearLabels(board); err != nil { // expect: transaction_narrow MEDIUM
		return err
	}
	return s.AddLabel(board, name)
}

// Prepare counts what a board already holds and, when a one-time code
// came with the request, burns that code on the way.
func (s *store) Prepare(board int64, code string) (bool, error) {
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM labels WHERE board = ?", board).Scan(&n); err != nil {
		return false, err
	}
	if code != "" {
		s.db.Exec("DELETE FROM codes WHERE code = ? AND board = ?", code, board)
	}
	return n == 0, nil
}

// Look-alike: Prepare looks the board up and only burns a code; the label
// added after it replaces none of the rows Prepare removed.
func (s *store) LabelWithCode(board int64, code, name string) error {
	if _, err := s.Prepare(board, code); err != nil {
		return err
	}
	return s.AddLabel(board, name)
}
