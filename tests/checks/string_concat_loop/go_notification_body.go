// path: internal/notify/pager.go
package notify

import "fmt"

// A probe's outcome: one entry per check the operator configured.
type Outcome struct {
	Checks []Check
}

type Check struct {
	Expr string
	Ok   bool
}

type Member struct {
	Email   string
	Overdue []Chore
}

type Chore struct {
	Title string
}

// Round 32 decision: a page built once per outgoing notification over
// one parameter's list looks the same whether the list is a probe's few
// configured checks (the operator writes them) or a user's overdue
// chores (the data writes them). The index cannot tell which, so both
// stay reported; a rule that silences the first silences the second.
func pageBody(o *Outcome, title string) string {
	var lines string
	for _, c := range o.Checks {
		mark := "FAIL"
		if c.Ok {
			mark = "ok"
		}
		lines += fmt.Sprintf("%s %s\n", mark, c.Expr) // expect: string_concat_loop MEDIUM
	}
	return title + "\n" + lines
}

func overdueMail(m *Member) string {
	var body string
	for _, ch := range m.Overdue {
		body += fmt.Sprintf("- %s\n", ch.Title) // expect: string_concat_loop MEDIUM
	}
	return "Hello " + m.Email + "\n" + body
}

// The package's senders reach both builders (an uncalled function in an
// internal folder is dead code, which the check leaves alone).
var builders = []interface{}{pageBody, overdueMail}
