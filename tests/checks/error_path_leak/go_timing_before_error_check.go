// path: internal/probe/http.go
// stack: net/http
package probe

import (
	"errors"
	"net/http"
	"time"
)

type Outcome struct {
	Took   time.Duration
	Status int
	Errors []string
}

func (o *Outcome) Fail(msg string) { o.Errors = append(o.Errors, msg) }

// Look-alike: the time taken is recorded between the request and its
// error check; on error Do returns no response, so nothing is held.
func Ping(client *http.Client, req *http.Request, o *Outcome) {
	var res *http.Response
	var err error
	start := time.Now()
	res, err = client.Do(req)
	o.Took = time.Since(start)
	if err != nil {
		o.Fail(err.Error())
		return
	}
	defer res.Body.Close()
	o.Status = res.StatusCode
}

// Look-alike: the same with a short declaration and two steps between.
func PingShort(client *http.Client, req *http.Request, o *Outcome) {
	start := time.Now()
	res, err := client.Do(req)
	o.Took = time.Since(start)
	o.Status = -1
	if err != nil {
		o.Fail(err.Error())
		return
	}
	defer res.Body.Close()
	o.Status = res.StatusCode
}

// The step between reads the response: the `if` after it is not the
// request's own error check, and its return leaves the body open.
func PingStatus(client *http.Client, req *http.Request, o *Outcome) error {
	res, err := client.Do(req) // expect: error_path_leak MEDIUM
	o.Status = res.StatusCode
	if o.Status >= 500 {
		return errors.New("server error")
	}
	if err != nil {
		return err
	}
	defer res.Body.Close()
	return nil
}

// The step between overwrites the error: the check that follows tests
// another call's error, and its return leaves the body open.
func PingThen(client *http.Client, req *http.Request, o *Outcome) error {
	res, err := client.Do(req) // expect: error_path_leak MEDIUM
	err = validate(o)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	o.Status = res.StatusCode
	return nil
}

func validate(o *Outcome) error {
	if len(o.Errors) > 0 {
		return errors.New(o.Errors[0])
	}
	return nil
}
