// path: internal/desk/assign.go
// stack: github.com/lib/pq
// The UPDATE text sits in the caller (a local, or a literal) and a helper
// method of the store sends whatever text it is handed: the statement per
// item is the caller's.
package desk

import (
	"database/sql"
	"log"
)

type Ticket struct {
	ID    int64
	Queue string
	Token string
}

type store struct {
	*sql.DB
}

// tryAssign sends the statement it is handed, retrying once on a conflict.
func (db *store) tryAssign(t *Ticket, query string, args []interface{}) (sql.Result, error) {
	res, err := db.Exec(query, args...)
	if err != nil && t.Queue == "" {
		return db.Exec(query, args...)
	}
	return res, err
}

// note only logs the text it is handed.
func (db *store) note(t *Ticket, query string) {
	log.Printf("ticket %d: %s", t.ID, query)
}

func (db *store) queryFor(t *Ticket) string {
	return "UPDATE tickets SET agent_id = ? WHERE id = ?"
}

func (db *store) AssignAll(tickets *[]Ticket, agentID int64) error {
	for i := range *tickets {
		t := (*tickets)[i]
		var query string
		var args []interface{}
		if t.Queue != "" {
			query = "UPDATE tickets SET agent_id = ?, queue = ? WHERE id = ?"
			args = []interface{}{agentID, t.Queue, t.ID}
		} else {
			query = "UPDATE tickets SET agent_id = ? WHERE id = ? AND token = ?"
			args = []interface{}{agentID, t.ID, t.Token}
		}
		if _, err := db.tryAssign(&t, query, args); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}

func (db *store) CloseAll(tickets []Ticket) error {
	for _, t := range tickets {
		if _, err := db.tryAssign(&t, "UPDATE tickets SET closed = true WHERE id = ?", []interface{}{t.ID}); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}

// Look-alike: the helper only logs the text.
func (db *store) NoteAll(tickets []Ticket) {
	for _, t := range tickets {
		db.note(&t, "UPDATE tickets SET seen = true WHERE id = ?")
	}
}

// Look-alike: the text comes from a function, not from SQL the index reads.
func (db *store) AssignComputed(tickets []Ticket, agentID int64) error {
	for _, t := range tickets {
		query := db.queryFor(&t)
		if _, err := db.tryAssign(&t, query, []interface{}{agentID, t.ID}); err != nil {
			return err
		}
	}
	return nil
}
