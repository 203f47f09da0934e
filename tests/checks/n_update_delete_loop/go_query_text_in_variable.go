// path: store/cards.go
// stack: database/sql github.com/go-sql-driver/mysql
package store

import "database/sql"

type Cards struct{ db *sql.DB }

// The UPDATE text sits in a local variable and its values in a slice
// spread into the call; it runs once per card of the request.
func (c *Cards) Unpin(owner int64, cardIDs []string) error {
	for _, cardID := range cardIDs {
		var q string
		var args []interface{}
		q = "UPDATE cards SET pinned = 0 WHERE id = ? AND owner = ?"
		args = []interface{}{cardID, owner}
		if _, err := c.db.Exec(q, args...); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}

// Two branches choose between two UPDATEs; either way one per card.
func (c *Cards) Move(owner, deck int64, ids []string, keep bool) error {
	for _, id := range ids {
		var q string
		if keep {
			q = "UPDATE cards SET deck = ? WHERE id = ? AND owner = ?"
		} else {
			q = "UPDATE cards SET deck = ?, pinned = 0 WHERE id = ? AND owner = ?"
		}
		if _, err := c.db.Exec(q, deck, id, owner); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}

// The loop runs over indexes; the item is taken by index into a local,
// and the spread values name that local.
func (c *Cards) Archive(owner int64, cardIDs []string) error {
	for i := range cardIDs {
		cardID := cardIDs[i]
		if cardID == "" {
			continue
		}
		var q string
		var args []interface{}
		q = "UPDATE cards SET archived = 1 WHERE id = ? AND owner = ?"
		args = []interface{}{cardID, owner}
		if _, err := c.db.Exec(q, args...); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}

// Look-alike: the spread values name the same owner on every pass, not
// the item: one statement repeated, not one per row.
func (c *Cards) Reset(owner int64, cardIDs []string) error {
	for range cardIDs {
		q := "UPDATE owners SET touched = 1 WHERE id = ?"
		args := []interface{}{owner}
		if _, err := c.db.Exec(q, args...); err != nil {
			return err
		}
	}
	return nil
}

// Look-alike: the text in the variable is a SELECT; nothing is written.
func (c *Cards) Count(ids []string) (int, error) {
	total := 0
	for _, id := range ids {
		q := "SELECT COUNT(*) FROM cards WHERE id = ?"
		var n int
		if err := c.db.QueryRow(q, id).Scan(&n); err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// Look-alike: the variable may hold a SELECT or a DELETE; what runs is
// not known, so nothing is claimed.
func (c *Cards) Sweep(ids []string, dry bool) error {
	for _, id := range ids {
		q := "DELETE FROM cards WHERE id = ?"
		if dry {
			q = "SELECT id FROM cards WHERE id = ?"
		}
		if _, err := c.db.Exec(q, id); err != nil {
			return err
		}
	}
	return nil
}

func cardSQL() string { return "UPDATE cards SET seen = 1 WHERE id = ?" }

// Look-alike: the text comes from a function call, not a literal.
func (c *Cards) Seen(ids []string) error {
	for _, id := range ids {
		q := cardSQL()
		if _, err := c.db.Exec(q, id); err != nil {
			return err
		}
	}
	return nil
}

// Look-alike: the text is pieced together from a literal and other values
// (a table name, a dialect's conflict clause); what runs is not known at
// the call, so nothing is claimed from it.
func (c *Cards) Mark(table, suffix string, cardIDs []string) error {
	for _, cardID := range cardIDs {
		q := "UPDATE " + table + " SET seen = 1 WHERE id = ?" + suffix
		if _, err := c.db.Exec(q, cardID); err != nil {
			return err
		}
	}
	return nil
}
