package billing

import (
	"database/sql"
	"errors"
	"net/http"
)

var ErrDuplicate = errors.New("duplicate")

type Plan struct {
	Code  string
	Seats int64
}

// Outbox is whatever the deployment plugs in (a queue, a webhook).
type Outbox interface {
	Send(team, code string) error
}

type Ledger struct {
	db     *sql.DB
	outbox Outbox
}

func (l *Ledger) Plan(code string) (*Plan, error) {
	var p Plan
	err := l.db.QueryRow(`SELECT code, seats FROM plan WHERE code = ?`, code).Scan(&p.Code, &p.Seats)
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// Assign reads the plan again by the code it is handed.
func (l *Ledger) Assign(team, code string) error {
	p, err := l.Plan(code)
	if err != nil {
		return err
	}
	_, err = l.db.Exec(`UPDATE team SET plan = ?, seats = ? WHERE name = ?`, code, p.Seats, team)
	return err
}

func (l *Ledger) Subscribe(team, code string) error {
	_, err := l.db.Exec(`INSERT INTO subscription (team, plan) VALUES (?, ?)`, team, code)
	return err
}

// Enroll reads the plan again only when handing the enrolment on failed
// as a duplicate: a re-check on that outcome, not a second load.
func (l *Ledger) Enroll(team, code string) error {
	if err := l.outbox.Send(team, code); err != nil {
		if errors.Is(err, ErrDuplicate) {
			if _, getErr := l.Plan(code); getErr != nil {
				return getErr
			}
			return nil
		}
		return err
	}
	return nil
}

type Handler struct{ ledger *Ledger }

// The plan is loaded, then only its code handed on: Assign loads it again.
func (h *Handler) assign(w http.ResponseWriter, r *http.Request, team, code string) error {
	p, err := h.ledger.Plan(code)
	if err != nil {
		return err
	}
	if p.Seats == 0 {
		return errors.New("plan closed")
	}
	return h.ledger.Assign(team, code) // expect: redundant_fetch HIGH
}

// An existence check whose row is dropped, then the same key handed on.
func (h *Handler) check(w http.ResponseWriter, r *http.Request, team, code string) error {
	_, err := h.ledger.Plan(code)
	if err != nil {
		return err
	}
	return h.ledger.Assign(team, code) // expect: redundant_fetch HIGH
}

// Look-alike: the callee re-checks only after a failed insert.
func (h *Handler) enroll(w http.ResponseWriter, r *http.Request, team, code string) error {
	p, err := h.ledger.Plan(code)
	if err != nil || p.Seats == 0 {
		return errors.New("plan closed")
	}
	return h.ledger.Enroll(team, code)
}

// Look-alike: a write between the load and the call; the reload may see
// the change.
func (h *Handler) move(w http.ResponseWriter, r *http.Request, team, code string) error {
	if _, err := h.ledger.Plan(code); err != nil {
		return err
	}
	p, err := h.ledger.Plan(code)
	if err != nil {
		return err
	}
	if err := h.ledger.Subscribe(team, p.Code); err != nil {
		return err
	}
	return h.ledger.Assign(team, code)
}
