// path: internal/template/scan.go
package template

type Scanner struct {
	src string
	at  int
	cur byte
}

type Token struct {
	Text string
}

func (s *Scanner) step() {
	s.at++
	if s.at < len(s.src) {
		s.cur = s.src[s.at]
	} else {
		s.cur = 0
	}
}

// A quoted value with escapes: the string is declared with its type and
// grown in a bare loop, under an if and a switch.
func (s *Scanner) quoted() string {
	s.step()
	from := s.at
	var out string
	for {
		if s.cur == '\\' {
			out += s.src[from:s.at] // expect: string_concat_loop MEDIUM
			s.step()
			switch s.cur {
			case 'n':
				out += "\n"
			case 't':
				out += "\t"
			}
			from = s.at + 1
		} else if s.cur == '\'' || s.cur == 0 {
			break
		}
		s.step()
	}
	return out + s.src[from:s.at]
}

// Every token's text joined, over a list that grows with the input.
func Join(tokens []Token) string {
	var joined string
	for _, t := range tokens {
		joined += t.Text // expect: string_concat_loop MEDIUM
	}
	return joined
}

// Look-alike: a counter declared with its type.
func Width(tokens []Token) int {
	var w int
	for _, t := range tokens {
		w += len(t.Text)
	}
	return w
}

// Look-alike: the string is reset on every pass, so each stays short.
func Longest(tokens []Token) string {
	best := ""
	for _, t := range tokens {
		var cur string
		cur += t.Text
		if len(cur) > len(best) {
			best = cur
		}
	}
	return best
}

// The handlers of the package reach these.
var handlers = []interface{}{Join}
