// path: internal/relay/diag.go
package relay

import (
	"fmt"
	"os"
	"strings"

	"github.com/ThreeDotsLabs/watermill"
	"github.com/ThreeDotsLabs/watermill/message"
)

type Hop struct {
	Name string
}

// An error whose message walks the hops it was built with.
type ErrLoopingRoute struct {
	Hops []int64
}

func (e *ErrLoopingRoute) Route() string {
	var route string
	for _, h := range e.Hops {
		route += fmt.Sprintf("%d > ", h)
	}
	return strings.TrimSuffix(route, " > ")
}

func (e *ErrLoopingRoute) Error() string {
	return "looping route: " + e.Route()
}

// Look-alike of the error case: a plain type (no Error method) whose
// method joins its own list, which grows with the data.
type Itinerary struct {
	Stops []Hop
}

func (it *Itinerary) Names() string {
	names := ""
	for _, h := range it.Stops {
		names += h.Name + ", " // expect: string_concat_loop MEDIUM
	}
	return names
}

// A logger's fields: what the log call site passed.
func flatten(fields watermill.LogFields) string {
	out := ""
	for k, v := range fields {
		out += fmt.Sprintf("%s=%v ", k, v)
	}
	return out
}

// A poisoned message's metadata headers, for one log line.
func describe(msg *message.Message) string {
	meta := ""
	for k, v := range msg.Metadata {
		meta += k + "=" + v + "; "
	}
	return meta
}

// The process environment, filtered to the service's own variables.
func envFile() string {
	vars := os.Environ()
	dot := ""
	for _, e := range vars {
		if strings.HasPrefix(e, "RELAY_") {
			dot += e + "\n"
		}
	}
	return dot
}

// Look-alike: a message's payload lines grow with what was sent.
func payloadLines(msg *message.Message) string {
	text := ""
	for _, line := range strings.Split(string(msg.Payload), "\n") {
		text += "> " + line + "\n" // expect: string_concat_loop MEDIUM
	}
	return text
}

// Look-alike: a caller's map of arbitrary size, typed as a plain map.
func query(params map[string]string) string {
	q := ""
	for k, v := range params {
		q += k + "=" + v + "&" // expect: string_concat_loop MEDIUM
	}
	return q
}

// The handlers of the package reach these.
var handlers = []interface{}{payloadLines, query}
