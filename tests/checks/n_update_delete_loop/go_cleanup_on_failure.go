package push

import (
	"database/sql"
	"errors"
)

type Endpoint struct {
	URL string
}

type EndpointStore struct{ db *sql.DB }

func (s *EndpointStore) Forget(url string) error {
	_, err := s.db.Exec(`DELETE FROM endpoints WHERE url = $1`, url)
	return err
}

func (s *EndpointStore) Touch(url string) error {
	_, err := s.db.Exec(`UPDATE endpoints SET seen_at = now() WHERE url = $1`, url)
	return err
}

type Pusher struct {
	endpoints *EndpointStore
}

var errGone = errors.New("endpoint gone")

func deliver(url string, body []byte) (int, error) { return 200, nil }

// Deletes the endpoint only when delivery failed: the DELETE is the
// cleanup of a dead endpoint, inside the failure branch (the cleanup's
// own `if err := ...; err != nil` is not the branch that decides).
func (p *Pusher) send(e *Endpoint, body []byte) error {
	code, err := deliver(e.URL, body)
	if err != nil {
		if err := p.endpoints.Forget(e.URL); err != nil {
			return err
		}
		return err
	}
	if code == 410 {
		if err := p.endpoints.Forget(e.URL); err != nil {
			return err
		}
		return errGone
	}
	return nil
}

// Writes on every delivery, whatever happened.
func (p *Pusher) sendAndTouch(e *Endpoint, body []byte) error {
	if _, err := deliver(e.URL, body); err != nil {
		return err
	}
	if err := p.endpoints.Touch(e.URL); err != nil {
		return err
	}
	return nil
}

// Look-alike: one DELETE per failed endpoint only, not per row.
func (p *Pusher) fanOut(all []*Endpoint, body []byte) {
	for _, e := range all {
		_ = p.send(e, body)
	}
}

// Positive: one UPDATE per endpoint on every delivery.
func (p *Pusher) fanOutTouch(all []*Endpoint, body []byte) {
	for _, e := range all {
		_ = p.sendAndTouch(e, body) // expect: n_update_delete_loop HIGH
	}
}
