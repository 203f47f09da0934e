// path: internal/push/sender.go
// stack: github.com/SherClockHolmes/webpush-go
package push

import (
	"errors"

	"github.com/SherClockHolmes/webpush-go"
)

var errRejected = errors.New("push service rejected the message")

type Sender struct {
	opts *webpush.Options
}

// Positive: the library hands back the push service's *http.Response;
// its Body is never closed, once per subscriber per message.
func (s *Sender) Send(msg []byte, sub *webpush.Subscription) error {
	resp, err := webpush.SendNotification(msg, sub, s.opts) // expect: missing_cleanup MEDIUM
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		return errRejected
	}
	return nil
}

// Look-alike: the same call with the body closed.
func (s *Sender) SendClosed(msg []byte, sub *webpush.Subscription) error {
	resp, err := webpush.SendNotification(msg, sub, s.opts)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return errRejected
	}
	return nil
}

// Look-alike: a package-level helper of the same name in no such library.
func SendNotification(msg []byte) (int, error) {
	return len(msg), nil
}

func (s *Sender) Local(msg []byte) error {
	n, err := SendNotification(msg)
	if err != nil || n == 0 {
		return errRejected
	}
	return nil
}
