// path: internal/core/members.go
// stack: github.com/lib/pq github.com/jmoiron/sqlx
package core

import (
	"github.com/jmoiron/sqlx"
)

type Queries struct {
	GetMember *sqlx.Stmt `query:"get-member"`
}

type Member struct {
	ID    int    `db:"id"`
	Email string `db:"email"`
}

type Core struct {
	q *Queries
}

// GetMember reads one member through a prepared statement.
func (c *Core) GetMember(id int) (Member, error) {
	var out []Member
	if err := c.q.GetMember.Select(&out, id); err != nil {
		return Member{}, err
	}
	if len(out) == 0 {
		return Member{}, nil
	}
	return out[0], nil
}

type App struct {
	core *Core
}

// One core read per id of the request.
func (a *App) Notify(ids []int) ([]Member, error) {
	out := []Member{}
	for _, id := range ids {
		m, err := a.core.GetMember(id) // expect: n_plus_one MEDIUM
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

type LookupRequest struct {
	Names []string
	Limit int
}

// GetMemberByEmail reads one member by e-mail.
func (c *Core) GetMemberByEmail(email string) (Member, error) {
	var out []Member
	if err := c.q.GetMember.Select(&out, 0, email); err != nil {
		return Member{}, err
	}
	return Member{}, nil
}

// One core read per name listed in the request message.
func (a *App) Lookup(req *LookupRequest) ([]Member, error) {
	out := []Member{}
	for _, name := range req.Names {
		m, err := a.core.GetMemberByEmail(name) // expect: n_plus_one MEDIUM
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// Look-alike: the loop counts to the request's limit and reads nothing per step.
func (a *App) Pad(req *LookupRequest) []Member {
	out := []Member{}
	for i := 0; i < req.Limit; i++ {
		out = append(out, Member{ID: i})
	}
	return out
}

type Batch struct {
	Emails []string
}

// Look-alike: a list field of an internal value, not of a request message
// (the caller hands in one parent's few children).
func (a *App) Resolve(b *Batch) ([]Member, error) {
	out := []Member{}
	for _, email := range b.Emails {
		m, err := a.core.GetMemberByEmail(email)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}
