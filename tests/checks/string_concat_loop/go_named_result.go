// path: internal/report/lines.go
package report

import (
	"fmt"
	"strconv"
)

type Entry struct {
	Group string
	Text  string
}

type Entries []Entry

// The accumulator is a named result (no literal initialiser): the value
// appended is what says it is a string.
func (es Entries) Render() (text string) {
	seen := map[string]bool{}
	for _, es := range es {
		if !seen[es.Group] {
			text += fmt.Sprintf("[%s]\n", es.Group) // expect: string_concat_loop MEDIUM
			seen[es.Group] = true
		}
		text += fmt.Sprintf("%s\n", es.Text)
	}
	return text
}

// The same with a conversion call as the piece.
func Numbers(ns []int) (s string) {
	for _, n := range ns {
		s += strconv.Itoa(n) // expect: string_concat_loop MEDIUM
	}
	return s
}

// Look-alike: a length counter fed by a call, not a string.
func Width(es Entries) (w int) {
	for _, e := range es {
		w += len(fmt.Sprint(e.Text))
	}
	return w
}

// Look-alike: reset each iteration, every string stays short.
func Each(es Entries, emit func(string)) {
	var line string
	for _, e := range es {
		line = ""
		line += fmt.Sprintf("%s=%s", e.Group, e.Text)
		emit(line)
	}
}

// The handlers of the package reach these.
var handlers = []interface{}{Numbers}
