// path: internal/export/csv.go
package export

import (
	"fmt"
	"strings"
)

type Row struct {
	ID   int64
	Name string
}

// Each += copies the whole string built so far.
func CSV(rows []Row) string {
	out := "id,name\n"
	for _, r := range rows {
		out += fmt.Sprintf("%d,%s\n", r.ID, r.Name) // expect: string_concat_loop MEDIUM
	}
	return out
}

// Look-alike: strings.Builder grows in place.
func CSVBuilder(rows []Row) string {
	var b strings.Builder
	b.WriteString("id,name\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "%d,%s\n", r.ID, r.Name)
	}
	return b.String()
}

// Look-alike: a counter, not a string.
func Total(rows []Row) int64 {
	var n int64
	for _, r := range rows {
		n += r.ID
	}
	return n
}

// The handlers of the package reach these.
var handlers = []interface{}{CSV}
