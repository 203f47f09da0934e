// path: internal/calendar/feed.go
package calendar

import "strconv"

type Entry struct {
	ID    int64
	Title string
	Notes []string
}

type Card struct {
	Name  string
	Steps []string
	Text  string
}

// A feed written with raw (backquoted) string pieces, one block per
// entry: each += copies the whole feed built so far.
func Feed(name string, entries []*Entry) (out string) {
	out = `BEGIN:FEED
NAME:` + name
	for _, e := range entries {
		out += `ITEM:` + strconv.FormatInt(e.ID, 10) // expect: string_concat_loop MEDIUM
		out += `
TITLE:` + e.Title
	}
	return out + "\nEND:FEED"
}

// A field of the value being built grows once per step of the card.
func Import(cards []Card) []*Entry {
	res := make([]*Entry, 0, len(cards))
	for _, c := range cards {
		e := &Entry{Title: c.Name}
		for _, s := range c.Steps {
			e.Title += "\n- " + s // expect: string_concat_loop MEDIUM
		}
		res = append(res, e)
	}
	return res
}

// Look-alike: the loop's own item gets one suffix; nothing accumulates.
func Mark(cards []*Card) {
	for _, c := range cards {
		c.Name += ` (imported)`
	}
}

// Look-alike: the field is set again at the start of every pass.
func Reset(cards []Card, e *Entry) {
	for _, c := range cards {
		e.Title = ""
		e.Title += "card: " + c.Name
	}
}

// Look-alike: a counter field, not a string.
type Stats struct{ Bytes int }

func Count(cards []Card, st *Stats) {
	for _, c := range cards {
		st.Bytes += len(c.Text)
	}
}

// Look-alike: a field of a field (`a.b.c`) is not read.
type Holder struct{ Card Card }

func Deep(h *Holder, steps []string) {
	for _, s := range steps {
		h.Card.Text += s
	}
}

// The handlers of the package reach these.
var handlers = []interface{}{Feed, Import}
