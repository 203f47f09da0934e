// path: internal/headers/policy.go
package headers

import "strings"

// A slice parameter whose every caller writes the list out (nil, or a
// literal of one or two elements) holds a handful of items: a string
// built over it stays short. When one caller hands over a list it got
// from elsewhere, the length is the data's.

func joinSources(base string, extra []string) string {
	out := base
	for _, e := range extra {
		if e != "" {
			out += " " + e
		}
	}
	return out
}

func DefaultPolicy() string {
	return joinSources("'self'", nil)
}

func FormPolicy(target, hash string) string {
	return joinSources("'self'", []string{target, hash})
}

// Every caller of joinTags but one writes its list out; the last one
// passes what it was given.
func joinTags(prefix string, tags []string) string {
	s := prefix
	for _, t := range tags {
		s += "," + t // expect: string_concat_loop MEDIUM
	}
	return s
}

func OneTag(tag string) string {
	return joinTags("tags:", []string{tag})
}

func AllTags(tags []string) string {
	return joinTags("tags:", tags)
}

// Spread into the literal: the length is the caller's data again.
func joinNames(names []string) string {
	s := ""
	for _, n := range names {
		s += n + ";" // expect: string_concat_loop MEDIUM
	}
	return s
}

func Names(first string, rest []string) string {
	return joinNames(append([]string{first}, rest...))
}

func Pair(a, b string) string {
	return joinNames([]string{a, b}) + strings.Repeat(" ", 0)
}
