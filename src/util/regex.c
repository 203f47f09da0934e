/* PCRE2 wrapper: compile once (JIT when the platform has it), match from
 * any thread with per-call match data. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/regex.h"
#include "util/xalloc.h"

struct regex {
	pcre2_code *code;
	int jit;               /* JIT compile succeeded */
};

/* Compiles pattern; JIT failures fall back to the interpreter silently
 * because some platforms (or SELinux policies) forbid executable memory. */
struct regex *regex_compile(const char *pattern, unsigned flags, char *err, size_t errlen)
{
	uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
	int errcode;
	PCRE2_SIZE erroff;
	pcre2_code *code;
	struct regex *re;

	if (flags & REGEX_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & REGEX_MULTILINE)
		opts |= PCRE2_MULTILINE;
	if (flags & REGEX_DOTALL)
		opts |= PCRE2_DOTALL;
	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &errcode,
			     &erroff, NULL);
	if (!code) {
		if (err && errlen) {
			PCRE2_UCHAR msg[160];

			pcre2_get_error_message(errcode, msg, sizeof msg);
			snprintf(err, errlen, "regex at offset %zu: %s", (size_t)erroff,
				 (const char *)msg);
		}
		return NULL;
	}
	re = xmalloc(sizeof *re);
	re->code = code;
	/* PPAUDIT_NO_JIT=1: interpreter only, for valgrind (JIT code reads
	 * ahead of the subject in ways memcheck cannot see are safe) */
	re->jit = getenv("PPAUDIT_NO_JIT") == NULL &&
		  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
	return re;
}

/* Matches with match data made for this call, so that a compiled regex
 * can be shared between the auditor threads without locking. */
int regex_match(const struct regex *re, const char *s, size_t len, size_t start,
		struct regex_match *m)
{
	pcre2_match_data *md;
	PCRE2_SIZE *ov;
	int rc, i;

	if (start > len)
		return 0;
	md = pcre2_match_data_create_from_pattern(re->code, NULL);
	if (!md)
		fatal("out of memory (regex match data)");
	/* pcre2_match runs the JIT code by itself when compiling it worked. */
	rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, start, 0, md, NULL);
	if (rc == PCRE2_ERROR_NOMATCH) {
		pcre2_match_data_free(md);
		return 0;
	}
	if (rc < 0) {
		pcre2_match_data_free(md);
		return -1;
	}
	if (m) {
		uint32_t n = pcre2_get_ovector_count(md);

		ov = pcre2_get_ovector_pointer(md);
		for (i = 0; i < REGEX_MAX_GROUPS; i++) {
			if ((uint32_t)i < n && i < rc && ov[2 * i] != PCRE2_UNSET) {
				m->off[i] = (long)ov[2 * i];
				m->len[i] = (long)(ov[2 * i + 1] - ov[2 * i]);
			} else {
				m->off[i] = -1;
				m->len[i] = -1;
			}
		}
		/* rc == 0 means the ovector was too small; it never is here
		 * because the match data comes from the pattern. */
		m->n_groups = rc > REGEX_MAX_GROUPS ? REGEX_MAX_GROUPS : rc;
	}
	pcre2_match_data_free(md);
	return 1;
}

/* Convenience for NUL-terminated subjects. */
int regex_test(const struct regex *re, const char *s)
{
	return regex_match(re, s, strlen(s), 0, NULL) == 1;
}

/* Frees the compiled pattern (and its JIT code). */
void regex_free(struct regex *re)
{
	if (!re)
		return;
	pcre2_code_free(re->code);
	free(re);
}
