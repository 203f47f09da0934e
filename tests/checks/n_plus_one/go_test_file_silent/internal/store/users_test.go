package store

import (
	"database/sql"
	"testing"
)

// Look-alike: tests are excluded from findings (SPEC 1.3), Go's *_test.go too.
func TestSeedUsers(t *testing.T) {
	db, _ := sql.Open("postgres", "postgres://localhost/test")
	rows, _ := db.Query("SELECT id FROM users")
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		db.QueryRow("SELECT name FROM profiles WHERE user_id = $1", id)
		db.Exec("UPDATE users SET seen = true WHERE id = $1", id)
	}
}
