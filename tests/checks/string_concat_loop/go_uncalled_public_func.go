// path: pkg/textutil/clip.go
package textutil

// Positive: uncalled here, but outside `internal/` another module may
// import the package and call it.
func Clip(s string, max int) string {
	out := ""
	n := 0
	for _, r := range s {
		out += string(r) // expect: string_concat_loop MEDIUM
		n++
		if n >= max {
			break
		}
	}
	return out
}
