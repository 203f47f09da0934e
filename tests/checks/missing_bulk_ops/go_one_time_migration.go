// path: internal/accounts/schema.go
// stack: database/sql github.com/mattn/go-sqlite3
package accounts

import (
	"database/sql"
	"net/http"
)

type Manager struct {
	db *sql.DB
}

func (a *Manager) setup() error {
	var version int
	if err := a.db.QueryRow("SELECT version FROM schema_version").Scan(&version); err != nil {
		return err
	}
	if version == 1 {
		return migrateFrom1(a.db)
	}
	return nil
}

// Look-alike: the one-time schema migration 1 -> 2 at start-up. It
// copies each old user into the new table once per installation.
func migrateFrom1(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	names, err := oldNames(tx)
	if err != nil {
		return err
	}
	for _, name := range names {
		if _, err := tx.Exec("INSERT INTO users (name, role) VALUES (?, 'user')", name); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func oldNames(tx *sql.Tx) ([]string, error) {
	rows, err := tx.Query("SELECT name FROM old_users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Positive: the same copy, run by a request handler every time an admin
// imports users.
func (a *Manager) handleImport(w http.ResponseWriter, r *http.Request) {
	names := r.URL.Query()["name"]
	tx, err := a.db.Begin()
	if err != nil {
		return
	}
	defer tx.Rollback()
	for _, name := range names {
		if _, err := tx.Exec("INSERT INTO users (name, role) VALUES (?, 'user')", name); err != nil { // expect: missing_bulk_ops MEDIUM
			return
		}
	}
	_ = tx.Commit()
}

func (a *Manager) Routes(mux *http.ServeMux) {
	mux.HandleFunc("/import", a.handleImport)
}
