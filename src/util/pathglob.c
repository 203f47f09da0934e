/* Path globs shared by the ADR rule (paths an ADR names) and bulk
 * triage (--path): see pathglob.h. Patterns come from the audited tree
 * (ADRs) and from users, so matching is linear in pattern × string and
 * never backtracks. */
#include "util/pathglob.h"

#include <string.h>

enum { GLOB_MAX = 1024 };

/* What each pattern position is, tokenized left to right as the match
 * reads it: a literal or '?', a '*', a '**' (fresh: nothing consumed
 * yet) and the position after it, which stands for "'**' that has
 * consumed something" (no zero-directory skip from there). */
enum glob_role { G_CHAR, G_STAR, G_DSTAR, G_DSTAR_MORE };

static void glob_roles(const char *p, size_t n, unsigned char *role)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '*' && p[i + 1] == '*') {
			role[i] = G_DSTAR;
			role[++i] = G_DSTAR_MORE;
		} else {
			role[i] = p[i] == '*' ? G_STAR : G_CHAR;
		}
	}
}

/* Adds to set what its positions reach without consuming a character:
 * past a '*' or '**' (zero characters), past a fresh '**' and its '/'
 * (zero directories). Those moves only go forward: one sweep does it. */
static void glob_close(const char *p, size_t n, const unsigned char *role, unsigned char *set)
{
	for (size_t i = 0; i < n; i++) {
		if (!set[i])
			continue;
		if (role[i] == G_STAR || role[i] == G_DSTAR_MORE) {
			set[i + 1] = 1;
		} else if (role[i] == G_DSTAR) {
			set[i + 2] = 1;
			if (p[i + 2] == '/')
				set[i + 3] = 1;
		}
	}
}

/* Glob match of pattern p against string s: '*' and '?' stay inside one
 * path segment, '**' crosses segments ('**' followed by '/' also matches
 * zero directories). Run as the set of pattern positions still alive,
 * one character of s at a time: O(|p|·|s|) whatever the stars (the
 * backtracking form was exponential in them, and ADRs are text from the
 * audited tree). Patterns of GLOB_MAX bytes or more match nothing. */
int path_glob_match(const char *p, const char *s)
{
	unsigned char role[GLOB_MAX], cur[GLOB_MAX + 1], next[GLOB_MAX + 1];
	size_t n = strlen(p);

	if (n >= GLOB_MAX)
		return 0;
	glob_roles(p, n, role);
	memset(cur, 0, n + 1);
	cur[0] = 1;
	glob_close(p, n, role, cur);
	for (; *s; s++) {
		int alive = 0;

		memset(next, 0, n + 1);
		for (size_t i = 0; i < n; i++) {
			if (!cur[i])
				continue;
			switch (role[i]) {
			case G_DSTAR:
				next[i + 1] = 1;      /* '**' takes anything */
				break;
			case G_DSTAR_MORE:
				next[i] = 1;
				break;
			case G_STAR:
				if (*s != '/')
					next[i] = 1;  /* '*' stays in the segment */
				break;
			default:
				if (p[i] == '?' ? *s != '/' : p[i] == *s)
					next[i + 1] = 1;
				break;
			}
		}
		glob_close(p, n, role, next);
		for (size_t i = 0; i <= n; i++)
			alive |= next[i];
		if (!alive)
			return 0;
		memcpy(cur, next, n + 1);
	}
	return cur[n];
}

/* True when the ADR path (a file, a directory prefix or a glob) covers
 * file. A glob matching a leading directory covers everything below it. */
int path_covers(const char *pat, const char *file)
{
	char buf[1024];
	size_t n;

	while (pat[0] == '.' && pat[1] == '/')
		pat += 2;
	n = strlen(pat);
	if (n == 0 || n >= sizeof buf)
		return 0;
	memcpy(buf, pat, n + 1);
	while (n > 1 && buf[n - 1] == '/')
		buf[--n] = '\0';
	if (!strpbrk(buf, "*?"))
		return strcmp(buf, file) == 0 ||
		       (strncmp(buf, file, n) == 0 && file[n] == '/');
	if (path_glob_match(buf, file))
		return 1;
	/* directory prefixes of file */
	{
		char dir[1024];
		const char *slash;

		for (slash = strchr(file, '/'); slash; slash = strchr(slash + 1, '/')) {
			size_t k = (size_t)(slash - file);

			if (k >= sizeof dir)
				break;
			memcpy(dir, file, k);
			dir[k] = '\0';
			if (path_glob_match(buf, dir))
				return 1;
		}
	}
	return 0;
}

