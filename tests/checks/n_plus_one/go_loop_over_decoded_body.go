// path: cmd/notify.go
// stack: github.com/labstack/echo/v4 github.com/jmoiron/sqlx github.com/lib/pq
package main

import (
	"encoding/json"
	"net/http"

	"github.com/jmoiron/sqlx"
	"github.com/labstack/echo/v4"
)

type Queries struct {
	GetContact *sqlx.Stmt `query:"get-contact"`
}

type Contact struct {
	ID    int    `db:"id"`
	Email string `db:"email"`
}

type Core struct {
	q *Queries
}

// GetContact reads one contact by id or e-mail.
func (c *Core) GetContact(id int, email string) (Contact, error) {
	var out []Contact
	if err := c.q.GetContact.Select(&out, id, email); err != nil {
		return Contact{}, err
	}
	if len(out) == 0 {
		return Contact{}, nil
	}
	return out[0], nil
}

type App struct {
	core *Core
}

type notifyReq struct {
	ContactIDs    []int    `json:"contact_ids"`
	ContactEmails []string `json:"contact_emails"`
}

// A lookup per id posted in the body, walked by index.
func (a *App) handleNotify(c echo.Context) error {
	var req notifyReq
	if err := c.Bind(&req); err != nil {
		return err
	}
	num := len(req.ContactIDs)
	sent := 0
	for n := range num {
		id := req.ContactIDs[n]
		ct, err := a.core.GetContact(id, "") // expect: n_plus_one HIGH
		if err != nil {
			return err
		}
		sent += ct.ID
	}
	return c.JSON(http.StatusOK, sent)
}

// A lookup per e-mail of a JSON body decoded by hand.
func (a *App) serveLookup(w http.ResponseWriter, r *http.Request) {
	var req notifyReq
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	found := []Contact{}
	for _, email := range req.ContactEmails {
		ct, err := a.core.GetContact(0, email) // expect: n_plus_one HIGH
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		found = append(found, ct)
	}
	_ = json.NewEncoder(w).Encode(found)
}

type settings struct {
	Admins []string
}

// Look-alike: the list comes from the service's own settings (a few
// addresses), not from the request body.
func (a *App) adminContacts(cfg settings) int {
	num := len(cfg.Admins)
	n := 0
	for i := range num {
		if ct, err := a.core.GetContact(0, cfg.Admins[i]); err == nil {
			n += ct.ID
		}
	}
	return n
}
