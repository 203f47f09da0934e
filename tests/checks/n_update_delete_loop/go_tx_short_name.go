// path: internal/account/purge.go
// stack: github.com/go-sql-driver/mysql
package account

import "database/sql"

type Blog struct {
	ID    int64
	Alias string
}

type Store struct {
	db *sql.DB
}

// The transaction is called `t`: one DELETE per blog of the account.
func (s *Store) Purge(owner int64, blogs []Blog) error {
	t, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer t.Rollback()
	for _, b := range blogs {
		if _, err = t.Exec("DELETE FROM blog_settings WHERE blog_id = ?", b.ID); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	if _, err = t.Exec("DELETE FROM blogs WHERE owner_id = ?", owner); err != nil {
		return err
	}
	return t.Commit()
}

// Look-alike: a `t` that no Begin bound runs a job per blog, not SQL.
type job struct{ name string }

func (j *job) Exec(query string, args ...interface{}) (int, error) { return 0, nil }

func newJob(name string) *job { return &job{name: name} }

func Schedule(blogs []Blog) error {
	t := newJob("reindex")
	for _, b := range blogs {
		if _, err := t.Exec("DELETE FROM search_queue WHERE blog_id = ?", b.ID); err != nil {
			return err
		}
	}
	return nil
}
