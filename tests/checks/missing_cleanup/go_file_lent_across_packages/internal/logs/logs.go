package logs

import "io"

type prefixed struct{ w io.Writer }

func (p *prefixed) Write(b []byte) (int, error) { return p.w.Write(b) }

var out io.Writer

// Redirect keeps the writer it is given for the life of the process.
func Redirect(w io.Writer) {
	out = &prefixed{w}
}
