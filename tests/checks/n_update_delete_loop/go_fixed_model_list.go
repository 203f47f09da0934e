// path: pkg/models/account_close.go
package models

import (
	"xorm.io/xorm"
)

type Member struct {
	ID     int64 `xorm:"pk autoincr"`
	UserID int64
}

type Bookmark struct {
	ID     int64 `xorm:"pk autoincr"`
	UserID int64
}

type Token struct {
	ID      int64 `xorm:"pk autoincr"`
	OwnerID int64
	Expired bool
}

type Account struct {
	ID int64 `xorm:"pk autoincr"`
}

// One DELETE per table over a written list of models: one set-based
// statement per model class.
func closeAccount(s *xorm.Session, a *Account) error {
	owned := []struct {
		column string
		bean   any
	}{
		{"user_id", &Member{}},
		{"user_id", &Bookmark{}},
		{"owner_id", &Token{}},
	}

	for _, o := range owned {
		if _, err := s.Where(o.column+" = ?", a.ID).Delete(o.bean); err != nil {
			return err
		}
	}
	return nil
}

// The same with a flat list of empty beans.
func purgeOwned(s *xorm.Session, a *Account) error {
	beans := []any{&Member{}, &Bookmark{}}
	for _, b := range beans {
		if _, err := s.Where("user_id = ?", a.ID).Delete(b); err != nil {
			return err
		}
	}
	return nil
}

// Look-alike: a written list of rows (values, not empty models).
func expireTokens(s *xorm.Session, first, second *Token) error {
	tokens := []*Token{first, second}
	for _, t := range tokens {
		if _, err := s.ID(t.ID).Cols("expired").Update(&Token{Expired: true}); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}

// Look-alike: the list is grown from the data after it was written.
func dropMembers(s *xorm.Session, members []*Member) error {
	doomed := []*Member{}
	for _, m := range members {
		doomed = append(doomed, m)
	}
	for _, m := range doomed {
		if _, err := s.ID(m.ID).Delete(&Member{}); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}
