// path: internal/board/store.go
// stack: github.com/go-sql-driver/mysql
package board

import (
	"database/sql"
	"errors"
)

type datastore struct {
	*sql.DB
}

type Board struct {
	db *datastore
}

// The transaction is called `t`: the failed delete returns with it open.
func (b *Board) Archive(id int64) error {
	t, err := b.db.Begin() // expect: missing_rollback MEDIUM
	if err != nil {
		return err
	}
	_, err = t.Exec("DELETE FROM board_pins WHERE board_id = ?", id)
	if err != nil {
		return err
	}
	if _, err = t.Exec("UPDATE cards SET archived = 1 WHERE board_id = ?", id); err != nil {
		t.Rollback()
		return err
	}
	return t.Commit()
}

// Begun in one branch only; the error check after the whole if/else
// returns with the transaction open when the branch's delete failed.
func (b *Board) Remove(id, owner int64, shared bool) error {
	var t *sql.Tx
	var res sql.Result
	var err error
	if !shared {
		res, err = b.db.Exec("DELETE FROM boards WHERE id = ? AND owner_id = ?", id, owner)
	} else {
		t, err = b.db.Begin() // expect: missing_rollback MEDIUM
		if err != nil {
			return err
		}
		res, err = t.Exec("DELETE FROM boards WHERE id = ? AND owner_id = ?", id, owner)
	}
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if t != nil {
			t.Rollback()
		}
		return errors.New("not found")
	}
	if t != nil {
		return t.Commit()
	}
	return nil
}

// Look-alike: the only return without a rollback is in the other branch,
// where no transaction was begun.
func (b *Board) Rename(id int64, name string) error {
	var t *sql.Tx
	var err error
	if name != "" {
		t, err = b.db.Begin()
		if err != nil {
			return err
		}
		_, err = t.Exec("UPDATE boards SET name = ? WHERE id = ?", name, id)
	} else {
		return errors.New("empty name")
	}
	if err != nil {
		t.Rollback()
		return err
	}
	return t.Commit()
}

// Look-alike: the transaction is the caller's; it rolls back.
func clearPins(t *sql.Tx, id int64) error {
	if _, err := t.Exec("DELETE FROM board_pins WHERE board_id = ?", id); err != nil {
		return err
	}
	return t.Commit()
}

// Look-alike: a deferred rollback covers every way out.
func (b *Board) Pin(id int64) error {
	t, err := b.db.Begin()
	if err != nil {
		return err
	}
	defer t.Rollback()
	if _, err = t.Exec("INSERT INTO board_pins (board_id) VALUES (?)", id); err != nil {
		return err
	}
	return t.Commit()
}
