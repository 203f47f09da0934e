/* Architecture decision records: id, title, status, the paths and check
 * ids each names explicitly (what the ADR rule of validate.c matches on
 * first), and the body for the weaker keyword fallback. */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discover-int.h"
#include "util/fsutil.h"
#include "util/regex.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* The check ids of SPEC §3; an ADR naming one exempts that check. */
static const char *const check_ids[] = {
	"redundant_fetch", "n_update_delete_loop", "n_plus_one", "unnecessary_resolve",
	"over_fetching", "missing_bulk_ops", "wrong_caching_scope",
	"missing_intermediate_commits", "transaction_wide", "transaction_narrow",
	"missing_rollback", "long_held_transaction",
	"blocking_io", "sync_sleep", "cpu_bound", "unnecessary_allocation",
	"string_concat_loop", "redundant_copy",
	"resource_scope_mismatch", "streaming_resource_holding", "missing_cleanup",
	"pool_configuration", "error_path_leak", "factory_vs_injection",
};

static const char *const default_dirs[] = {
	"docs/adr", "docs/adrs", "docs/decisions", "docs/reference/adrs",
	"docs/architecture/decisions",
};

/* Appends s to a string array unless already there. */
static void add_unique(char ***arr, size_t *n, const char *s, size_t len)
{
	for (size_t i = 0; i < *n; i++)
		if (strlen((*arr)[i]) == len && !strncmp((*arr)[i], s, len))
			return;
	*arr = xrealloc(*arr, (*n + 1) * sizeof **arr);
	(*arr)[(*n)++] = xstrndup(s, len);
}

/* A backticked token that reads as a project path or glob; URL routes
 * ("/jobs/{id}") and code ("pg_notify('x')") are not, and neither is a
 * token of wildcards, dots and slashes alone (a lone star, two stars, star
 * dot star): prose about syntax, which as a glob would scope the ADR to
 * every file of the project. */
static int looks_like_path(const char *s, size_t n)
{
	int slash = 0, named = 0;

	if (!n || s[0] == '/' || memmem(s, n, "://", 3))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strchr("*?/.[]", s[i]))
			named = 1;
	if (!named)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (isspace((unsigned char)s[i]) || strchr("{}()'\"=,;<>|", s[i]))
			return 0;
		if (s[i] == '/' || s[i] == '*')
			slash = 1;
	}
	if (slash)
		return 1;
	return (n > 3 && !strncmp(s + n - 3, ".py", 3)) || (n > 3 && !strncmp(s + n - 3, ".ts", 3)) ||
	       (n > 3 && !strncmp(s + n - 3, ".go", 3));
}

/* Heap copy of s[0..n) trimmed of blanks, backticks, quotes and paired
 * markdown emphasis; a glob's trailing '*' survives. */
static char *trim_md(const char *s, size_t n)
{
	for (int changed = 1; changed;) {
		changed = 0;
		while (n && (isspace((unsigned char)*s) || strchr("`\"'", *s)))
			s++, n--, changed = 1;
		while (n && (isspace((unsigned char)s[n - 1]) || strchr("`\"'.", s[n - 1])))
			n--, changed = 1;
		if (n >= 4 && ((!strncmp(s, "**", 2) && !strncmp(s + n - 2, "**", 2)) ||
			       (!strncmp(s, "__", 2) && !strncmp(s + n - 2, "__", 2)))) {
			s += 2;
			n -= 4;
			changed = 1;
		}
	}
	return xstrndup(s, n);
}

/* The comma-separated items of an "Applies to:" or "Scope:" line. */
static void scope_items(struct adr *a, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t e = i;
		char *item;

		while (e < n && s[e] != ',' && s[e] != ';')
			e++;
		item = trim_md(s + i, e - i);
		if (*item && !strchr(item, ' '))
			add_unique(&a->paths, &a->n_paths, item, strlen(item));
		free(item);
		i = e + 1;
	}
}

/* Lowercase first word of s (letters and '-'), or NULL. */
static char *first_word(const char *s, size_t n)
{
	size_t i = 0, e;
	char *w;

	while (i < n && !isalpha((unsigned char)s[i]))
		i++;
	e = i;
	while (e < n && (isalpha((unsigned char)s[e]) || s[e] == '-'))
		e++;
	if (e == i)
		return NULL;
	w = xstrndup(s + i, e - i);
	for (char *p = w; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return w;
}

/* Fills one ADR from its text; returns 0 when the file has no id. */
static int parse_adr(struct adr *a, const char *base, const char *text, size_t len)
{
	char err[128];
	struct regex *title_re, *status_re, *section_re, *scope_re, *idhead_re, *numhead_re, *tick_re;
	struct regex_match m;
	long num = -1;
	size_t pos;

	/* Id from the file name: "0007-use-x.md", "ADR-012-foo.md", "adr_3.md". */
	{
		const char *p = base;

		if (!strncasecmp(p, "adr", 3)) {
			p += 3;
			while (*p == '-' || *p == '_' || *p == ' ')
				p++;
		}
		if (isdigit((unsigned char)*p))
			num = strtol(p, NULL, 10);
	}
	title_re = regex_compile("^#[ \\t]+(.+?)[ \\t]*$", REGEX_MULTILINE, err, sizeof err);
	idhead_re = regex_compile("^(?:ADR|Decision)[\\s_-]*0*(\\d+)\\s*[:.\\-\\x{2013}\\x{2014}]?\\s*",
				  REGEX_CASELESS, err, sizeof err);
	numhead_re = regex_compile("^0*(\\d+)[.:)][ \\t]+", 0, err, sizeof err);
	status_re = regex_compile("^[\\s>*_-]*(?:\\*\\*|__)?Status(?:\\*\\*|__)?\\s*:\\s*(?:\\*\\*|__)?"
				  "[ \\t]*([^\\n]*)", REGEX_CASELESS | REGEX_MULTILINE, err, sizeof err);
	section_re = regex_compile("^#{2,}[ \\t]*Status[ \\t]*\\n\\s*([^\\n]+)",
				   REGEX_CASELESS | REGEX_MULTILINE, err, sizeof err);
	scope_re = regex_compile("^[\\s>*_-]*(?:\\*\\*|__)?(?:Applies[ \\t]+to|Scope|Paths)(?:\\*\\*|__)?"
				 "[ \\t]*:[ \\t]*(?:\\*\\*|__)?([^\\n]*)",
				 REGEX_CASELESS | REGEX_MULTILINE, err, sizeof err);
	tick_re = regex_compile("`([^`\\n]+)`", 0, err, sizeof err);
	if (!title_re || !idhead_re || !numhead_re || !status_re || !section_re || !scope_re || !tick_re)
		fatal("internal ADR regex: %s", err);

	if (regex_match(title_re, text, len, 0, &m) == 1) {
		const char *t = text + m.off[1];
		size_t tl = (size_t)m.len[1];
		struct regex_match h;

		if (regex_match(idhead_re, t, tl, 0, &h) == 1 ||
		    regex_match(numhead_re, t, tl, 0, &h) == 1) {
			/* "ADR-7: X" and adr-tools' "7. X" both carry the id. */
			if (num < 0)
				num = strtol(t + h.off[1], NULL, 10);
			t += h.len[0];
			tl -= (size_t)h.len[0];
		}
		a->title = trim_md(t, tl);
	}
	if (num < 0) {
		/* "ADR-7:" anywhere near the top, e.g. in a front-matter line. */
		struct regex *any = regex_compile("\\bADR[\\s_-]*0*(\\d+)\\s*:", REGEX_CASELESS, err,
						  sizeof err);

		if (any && regex_match(any, text, len < 2000 ? len : 2000, 0, &m) == 1)
			num = strtol(text + m.off[1], NULL, 10);
		regex_free(any);
	}
	if (num >= 0) {
		a->id = xasprintf("ADR-%03ld", num);
		if (regex_match(status_re, text, len, 0, &m) == 1 ||
		    regex_match(section_re, text, len, 0, &m) == 1)
			a->status = first_word(text + m.off[1], (size_t)m.len[1]);
		pos = 0;
		while (regex_match(scope_re, text, len, pos, &m) == 1) {
			scope_items(a, text + m.off[1], (size_t)m.len[1]);
			pos = (size_t)(m.off[0] + m.len[0]);
		}
		pos = 0;
		while (regex_match(tick_re, text, len, pos, &m) == 1) {
			const char *t = text + m.off[1];
			size_t tl = (size_t)m.len[1];

			if (looks_like_path(t, tl))
				add_unique(&a->paths, &a->n_paths, t, tl);
			pos = (size_t)(m.off[0] + m.len[0]);
		}
		/* Check ids as whole words, in catalog order. */
		for (size_t i = 0; i < sizeof check_ids / sizeof check_ids[0]; i++) {
			size_t cl = strlen(check_ids[i]);

			for (const char *p = text; (p = strstr(p, check_ids[i])); p += cl) {
				int before = p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_');
				int after = isalnum((unsigned char)p[cl]) || p[cl] == '_';

				if (!before && !after) {
					add_unique(&a->checks, &a->n_checks, check_ids[i], cl);
					break;
				}
			}
		}
		a->body = xstrndup(text, len);
	}
	regex_free(title_re);
	regex_free(idhead_re);
	regex_free(numhead_re);
	regex_free(status_re);
	regex_free(section_re);
	regex_free(scope_re);
	regex_free(tick_re);
	return num >= 0;
}

/* Frees one ADR's fields. */
static void adr_clear(struct adr *a)
{
	free(a->id);
	free(a->title);
	free(a->status);
	free(a->file);
	free(a->body);
	for (size_t i = 0; i < a->n_paths; i++)
		free(a->paths[i]);
	free(a->paths);
	for (size_t i = 0; i < a->n_checks; i++)
		free(a->checks[i]);
	free(a->checks);
	memset(a, 0, sizeof *a);
}

/* Files that sit in ADR folders but are not decisions. */
static int not_an_adr(const char *name)
{
	static const char *const skip[] = { "readme.md", "index.md", "template.md", "_template.md" };

	for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
		if (!strcasecmp(name, skip[i]))
			return 1;
	return strcasestr(name, "template") != NULL;
}

/* Reads the *.md files of one folder (one level of subfolders too). */
static void adr_dir(struct disc *d, const char *rel, int depth, struct disc_list *seen)
{
	char *path = fs_join(d->root, rel);
	DIR *dir = fs_opendir(path);
	struct dirent *e;
	struct disc_list names = { 0 };

	free(path);
	if (!dir)
		return;
	while ((e = readdir(dir)))
		if (e->d_name[0] != '.')
			disc_list_add(&names, e->d_name);
	closedir(dir);
	for (size_t i = 0; i < names.n; i++) {
		const char *nm = names.items[i];
		char *sub = xasprintf("%s/%s", rel, nm);
		size_t l = strlen(nm), len;
		char *full, *text;
		struct context *ctx = d->ctx;

		full = fs_join(d->root, sub);
		if (fs_is_dir(full)) {
			if (depth < 1)
				adr_dir(d, sub, depth + 1, seen);
		} else if (l > 3 && !strcasecmp(nm + l - 3, ".md") && !not_an_adr(nm)) {
			int dup = 0;

			for (size_t k = 0; k < seen->n; k++)
				dup |= !strcmp(seen->items[k], sub);
			if (!dup && (text = disc_read(d, sub, &len))) {
				struct adr a = { 0 };

				disc_list_add(seen, sub);
				if (parse_adr(&a, nm, text, len)) {
					a.file = xstrdup(sub);
					ctx->adrs = xrealloc(ctx->adrs, (ctx->n_adrs + 1) * sizeof *ctx->adrs);
					ctx->adrs[ctx->n_adrs++] = a;
					disc_source(d, sub);
				} else {
					adr_clear(&a);
				}
				free(text);
			}
		}
		free(full);
		free(sub);
	}
	disc_list_free(&names);
}

/* Numeric order of the id, then the file, so ADR-010 follows ADR-009. */
static int cmp_adr(const void *pa, const void *pb)
{
	const struct adr *a = pa, *b = pb;
	long x = strtol(a->id + 4, NULL, 10), y = strtol(b->id + 4, NULL, 10);

	if (x != y)
		return x < y ? -1 : 1;
	return strcmp(a->file, b->file);
}

/* See discover-int.h. */
void disc_adrs(struct disc *d)
{
	struct disc_list seen = { 0 };

	for (size_t i = 0; i < sizeof default_dirs / sizeof default_dirs[0]; i++)
		adr_dir(d, default_dirs[i], 0, &seen);
	if (d->cfg)
		for (size_t i = 0; i < d->cfg->n_adr_dirs; i++) {
			char *dir = xstrdup(d->cfg->adr_dirs[i]);
			size_t l = strlen(dir);

			while (l > 1 && dir[l - 1] == '/')
				dir[--l] = '\0';
			adr_dir(d, dir, 0, &seen);
			free(dir);
		}
	if (d->ctx->n_adrs > 1)
		xqsort(d->ctx->adrs, d->ctx->n_adrs, sizeof *d->ctx->adrs, cmp_adr);
	disc_list_free(&seen);
}
