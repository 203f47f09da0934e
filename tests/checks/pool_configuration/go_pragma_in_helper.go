// path: internal/ledger/open.go
// stack: github.com/mattn/go-sqlite3
package ledger

import (
	"database/sql"

	_ "github.com/mattn/go-sqlite3"
)

const (
	schema = `
		CREATE TABLE IF NOT EXISTS entry (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL);
	`
	connSettings = `
		PRAGMA foreign_keys = ON;
	`
	walMode = `PRAGMA journal_mode = WAL`
	timeouts = `PRAGMA busy_timeout = 3000`
)

// The pool opened here is handed to a helper that sends a per-connection
// setting, kept in a constant, through it: reported at the opener.
func OpenLedger(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite3", path) // expect: pool_configuration MEDIUM
	if err != nil {
		return nil, err
	}
	if err := applySchema(db); err != nil {
		return nil, err
	}
	if err := applySettings(db); err != nil {
		return nil, err
	}
	return db, nil
}

// Look-alike: the same helper, but the caller keeps the pool at one
// connection first, so the setting reaches every statement.
func OpenSingle(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if err := applySettings(db); err != nil {
		return nil, err
	}
	return db, nil
}

func applySettings(db *sql.DB) error {
	_, err := db.Exec(connSettings)
	return err
}

// Look-alike: schema statements and the journal mode (stored in the
// file) are not per-connection settings.
func applySchema(db *sql.DB) error {
	if _, err := db.Exec(schema); err != nil {
		return err
	}
	_, err := db.Exec(walMode)
	return err
}

// A helper nobody in this file calls with a pool it opened: reported where
// the setting is sent.
func applyTimeouts(db *sql.DB) error {
	_, err := db.Exec(timeouts) // expect: pool_configuration MEDIUM
	return err
}
