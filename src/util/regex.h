/* Thin wrapper over PCRE2 (8-bit, JIT when available) for text that is
 * text by nature: SQL in migrations, manifest lines, ADR matching,
 * catalog patterns. The only place that includes pcre2.h.
 *
 * Ownership: struct regex is opaque and owned by whoever compiled it;
 * regex_free() releases it. A compiled regex is immutable, so several
 * threads may call regex_match() on the same one at once: each call uses
 * its own match data. */
#ifndef PPAUDIT_REGEX_H
#define PPAUDIT_REGEX_H

#include <stddef.h>

#define REGEX_CASELESS  0x1u
#define REGEX_MULTILINE 0x2u   /* ^ and $ match at line boundaries */
#define REGEX_DOTALL    0x4u   /* . matches newlines too */

#define REGEX_MAX_GROUPS 10

struct regex;

/* Group 0 is the whole match; unset groups have off and len -1. */
struct regex_match {
	long off[REGEX_MAX_GROUPS];
	long len[REGEX_MAX_GROUPS];
	int n_groups;          /* groups reported by the pattern (incl. group 0) */
};

/* Compiles pattern; returns NULL and a message (with the offset) in err
 * on a syntax error. */
struct regex *regex_compile(const char *pattern, unsigned flags, char *err, size_t errlen);

/* Searches s[start..len) for the pattern. Returns 1 and fills m (when not
 * NULL) on a match, 0 when there is none, -1 on a matching error (e.g. a
 * resource limit). */
int regex_match(const struct regex *re, const char *s, size_t len, size_t start,
		struct regex_match *m);

/* Convenience: 1 when the NUL-terminated s matches anywhere. */
int regex_test(const struct regex *re, const char *s);

void regex_free(struct regex *re);

#endif
