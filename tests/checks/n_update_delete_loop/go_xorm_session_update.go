// path: pkg/library/archive.go
// stack: xorm.io/xorm
package library

import (
	"xorm.io/xorm"
)

type Book struct {
	ID       int64
	Archived bool
}

// One UPDATE per stale book, on the session.
func ArchiveStale(s *xorm.Session, before int64) error {
	books := []*Book{}
	if err := s.Where("last_loan < ?", before).Find(&books); err != nil {
		return err
	}
	for _, b := range books {
		b.Archived = true
		if _, err := s.ID(b.ID).Cols("archived").Update(b); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}

// Look-alike: one UPDATE for the whole set.
func ArchiveStaleOnce(s *xorm.Session, before int64) error {
	_, err := s.Where("last_loan < ?", before).Cols("archived").Update(&Book{Archived: true})
	return err
}
