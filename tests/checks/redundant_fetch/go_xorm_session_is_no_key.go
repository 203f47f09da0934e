// path: pkg/library/loans.go
// stack: xorm.io/xorm
package library

import (
	"errors"

	"xorm.io/xorm"
)

type Member struct {
	ID      int64
	Blocked bool
	Branch  int64
}

type Loan struct {
	ID       int64
	MemberID int64
	BookID   int64
}

// getMember reads one member row.
func getMember(s *xorm.Session, id int64) (*Member, error) {
	m := &Member{}
	has, err := s.ID(id).Get(m)
	if err != nil {
		return nil, err
	}
	if !has {
		return nil, errors.New("no member")
	}
	return m, nil
}

// checkQuota reads the member again by the id it is handed.
func checkQuota(s *xorm.Session, memberID int64) error {
	m, err := getMember(s, memberID)
	if err != nil {
		return err
	}
	if m.Blocked {
		return errors.New("blocked")
	}
	return nil
}

// Lend reads the member, then hands only its id on: checkQuota reads it again.
func Lend(s *xorm.Session, memberID, bookID int64) error {
	m, err := getMember(s, memberID)
	if err != nil {
		return err
	}
	if m.Blocked {
		return errors.New("blocked")
	}
	return checkQuota(s, memberID) // expect: redundant_fetch MEDIUM
}

// librarianOf reads another member: the branch's librarian, by its own key.
func librarianOf(s *xorm.Session) (*Member, error) {
	var librarianID int64 = 1
	return getMember(s, librarianID)
}

// Look-alike: only the session goes on; the callee loads a different member.
func LendWithApproval(s *xorm.Session, memberID int64) (*Member, error) {
	m, err := getMember(s, memberID)
	if err != nil {
		return nil, err
	}
	if m.Blocked {
		return nil, errors.New("blocked")
	}
	return librarianOf(s)
}

// openSession stands for the project's session factory.
func openSession(e *xorm.Engine) *xorm.Session {
	return e.NewSession()
}

// Look-alike: a local session handed on is the handle, not the key.
func LendFromQueue(e *xorm.Engine, memberID int64) (*Member, error) {
	sess := openSession(e)
	defer sess.Close()
	m, err := getMember(sess, memberID)
	if err != nil {
		return nil, err
	}
	if m.Blocked {
		return nil, errors.New("blocked")
	}
	return librarianOf(sess)
}
