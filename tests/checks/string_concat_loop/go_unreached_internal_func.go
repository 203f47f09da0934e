// path: internal/textutil/clip.go
package textutil

// Look-alike: nothing in the module calls Clip (the call below is
// commented out, and `internal/` keeps other modules from importing
// it): a reviewer would delete the function, not rewrite its loop.
func Clip(s string, max int) string {
	out := ""
	n := 0
	for _, r := range s {
		out += string(r)
		n++
		if n >= max {
			break
		}
	}
	return out
}

// Called by Summary below: still reported.
func Initials(words []string) string {
	out := ""
	for _, w := range words {
		out += w[:1] // expect: string_concat_loop MEDIUM
	}
	return out
}

func Summary(title string, words []string) string {
	// return Clip(title, 80)
	return title + " " + Initials(words)
}
