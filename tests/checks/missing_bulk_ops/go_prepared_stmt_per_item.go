// path: internal/loader/loader.go
// stack: github.com/lib/pq github.com/jmoiron/sqlx
package loader

import (
	"database/sql"

	"github.com/jmoiron/sqlx"
)

type Queries struct {
	InsertMember *sqlx.Stmt `query:"insert-member"`
	GetMember    *sqlx.Stmt `query:"get-member"`
}

type Options struct {
	UpsertStmt *sql.Stmt
	IgnoreStmt *sql.Stmt
	Overwrite  bool
}

type Loader struct {
	db  *sql.DB
	q   *Queries
	opt Options
	in  chan Row
}

type Row struct {
	Email string
	Name  string
}

// A statement prepared on the transaction, executed once per queued row.
func (l *Loader) Drain() error {
	tx, err := l.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var stmt *sql.Stmt
	if l.opt.Overwrite {
		stmt = tx.Stmt(l.opt.UpsertStmt)
	} else {
		stmt = tx.Stmt(l.opt.IgnoreStmt)
	}
	for r := range l.in {
		if _, err := stmt.Exec(r.Email, r.Name); err != nil { // expect: missing_bulk_ops MEDIUM
			return err
		}
	}
	return tx.Commit()
}

// A prepared query held in a struct field, executed per item.
func (l *Loader) SaveAll(rows []Row) error {
	for _, r := range rows {
		if _, err := l.q.InsertMember.Exec(r.Email, r.Name); err != nil { // expect: missing_bulk_ops MEDIUM
			return err
		}
	}
	return nil
}

// A statement prepared from SQL text in the same function, run per row.
func (l *Loader) Archive(rows []Row) error {
	stmt, err := l.db.Prepare("INSERT INTO archived_members (email, name) VALUES ($1, $2)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, r := range rows {
		if _, err := stmt.Exec(r.Email, r.Name); err != nil { // expect: missing_bulk_ops MEDIUM
			return err
		}
	}
	return nil
}

// Look-alike: a prepared lookup per row is a read, and a small fixed list.
func (l *Loader) Check(rows []Row) int {
	n := 0
	for _, email := range []string{"a@example.org", "b@example.org"} {
		var out []Row
		if err := l.q.GetMember.Select(&out, email); err == nil {
			n += len(out)
		}
	}
	return n
}

// Look-alike: the statement runs once, after the loop built its arguments.
func (l *Loader) SaveOnce(rows []Row) error {
	emails := make([]string, 0, len(rows))
	for _, r := range rows {
		emails = append(emails, r.Email)
	}
	_, err := l.q.InsertMember.Exec(emails, "")
	return err
}
