package billing

import (
	"bytes"
	"net/http"

	"example.com/ledger/internal/store"
)

type Receipt struct {
	ID       int64
	Callback string
	Sent     bool
}

// deliver posts the receipt to the customer's callback URL.
func (r *Receipt) deliver(body []byte) error {
	resp, err := http.Post(r.Callback, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// summary formats the receipt; no network.
func (r *Receipt) summary() string {
	if r.Sent {
		return "sent"
	}
	return "pending"
}

// The transaction the factory began is still open (only the deferred
// close ends it) while the loaded receipt is posted to the customer.
func SendReceipt(id int64, body []byte) error {
	sess := store.Open()
	defer sess.Close()
	r := &Receipt{}
	if _, err := sess.ID(id).Get(r); err != nil {
		return err
	}
	return r.deliver(body) // expect: transaction_wide HIGH
}

// A direct call to the payment provider before the commit.
func Refund(id int64, url string) error {
	sess := store.Open()
	defer sess.Close()
	if _, err := sess.Exec("UPDATE receipts SET refunded = true WHERE id = ?", id); err != nil {
		return err
	}
	resp, err := http.Get(url) // expect: transaction_wide HIGH
	if err != nil {
		return err
	}
	resp.Body.Close()
	return sess.Commit()
}

// Look-alike: the callback is posted after the commit.
func SendAfterCommit(id int64, body []byte) error {
	sess := store.Open()
	defer sess.Close()
	r := &Receipt{}
	if _, err := sess.ID(id).Get(r); err != nil {
		return err
	}
	if err := sess.Commit(); err != nil {
		return err
	}
	return r.deliver(body)
}

// Look-alike: a session from a factory that begins nothing holds no
// transaction across the call.
func SendUnbegun(id int64, body []byte) error {
	sess := store.Reader()
	defer sess.Close()
	r := &Receipt{}
	if _, err := sess.ID(id).Get(r); err != nil {
		return err
	}
	return r.deliver(body)
}

// Look-alike: the method of the loaded value makes no network call.
func Describe(id int64) (string, error) {
	sess := store.Open()
	defer sess.Close()
	r := &Receipt{}
	if _, err := sess.ID(id).Get(r); err != nil {
		return "", err
	}
	return r.summary(), nil
}
