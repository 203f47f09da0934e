package profile

import (
	"example.com/roster/internal/fetch"
	"example.com/roster/internal/store"
	"xorm.io/xorm"
)

type Member struct {
	ID      int64
	Name    string
	Picture []byte
	Badge   string
}

// refreshPicture is two calls away from the download: it goes through the
// fetch package.
func refreshPicture(sess *xorm.Session, m *Member, url string) error {
	data, err := fetch.Portrait(url)
	if err != nil {
		return err
	}
	m.Picture = data
	_, err = sess.ID(m.ID).Cols("picture").Update(m)
	return err
}

// setBadge only computes locally through the same package.
func setBadge(sess *xorm.Session, m *Member) error {
	m.Badge = fetch.Initials(m.Name)
	_, err := sess.ID(m.ID).Cols("badge").Update(m)
	return err
}

// The download happens while the begun transaction is still open.
func SyncMember(id int64, url string) error {
	sess := store.Begin()
	defer sess.Close()
	m := &Member{ID: id}
	if _, err := sess.Get(m); err != nil {
		return err
	}
	if err := refreshPicture(sess, m, url); err != nil { // expect: transaction_wide HIGH
		_ = sess.Rollback()
		return err
	}
	return sess.Commit()
}

// Look-alike: the helper reaches the same package but nothing there goes
// over the network.
func Rebadge(id int64) error {
	sess := store.Begin()
	defer sess.Close()
	m := &Member{ID: id}
	if _, err := sess.Get(m); err != nil {
		return err
	}
	if err := setBadge(sess, m); err != nil {
		_ = sess.Rollback()
		return err
	}
	return sess.Commit()
}

// Look-alike: the download runs only after the commit.
func SyncAfterCommit(id int64, url string) ([]byte, error) {
	sess := store.Begin()
	defer sess.Close()
	m := &Member{ID: id}
	if _, err := sess.Get(m); err != nil {
		return nil, err
	}
	if err := sess.Commit(); err != nil {
		return nil, err
	}
	return fetch.Portrait(url)
}
