/* Context validation, rule 1 (SPEC §4): ADR / planned overrides.
 *
 * An ADR matches a finding explicitly when it names the finding's check
 * (and, if it names paths, one of them covers the file) or names a path
 * covering the file and no check; keyword overlap between the ADR title
 * and the finding is a weaker fallback, only suggested (the finding
 * stays as it is, with the ADR shown beside it). Only ADRs in
 * force (not rejected, superseded or deprecated) apply. */
#include "validate.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/pathglob.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "validate-private.h"

/* ---- rule 1: ADRs ---- */

/* An ADR whose status is rejected, superseded or deprecated is history,
 * not a plan. */
static int adr_in_force(const struct adr *a)
{
	return !a->status || (!strcasestr(a->status, "reject") && !strcasestr(a->status, "supersed") &&
			      !strcasestr(a->status, "deprecat"));
}

/* The ADR's path covering file, or NULL. */
static const char *adr_path_for(const struct adr *a, const char *file)
{
	size_t i;

	for (i = 0; i < a->n_paths; i++)
		if (a->paths[i] && path_covers(a->paths[i], file))
			return a->paths[i];
	return NULL;
}

/* True when the ADR names check id. */
static int adr_names_check(const struct adr *a, const char *id)
{
	size_t i;

	for (i = 0; id && i < a->n_checks; i++)
		if (a->checks[i] && strcmp(a->checks[i], id) == 0)
			return 1;
	return 0;
}

static const char *const stopwords[] = {
	"about", "above", "after", "again", "against", "being", "below", "between", "could",
	"every", "first", "other", "their", "there", "these", "those", "under", "until",
	"where", "which", "while", "would", "should", "using", "within", "without", "because",
	"before", "during", "through", "shall", "might", "based", "instead", "decision",
	"record", "status", "accepted", "proposed", "context", "consequences", "issue",
	"issues", "check", "checks", "finding", "python", "files", "called", "calls",
};

/* True for words that carry no meaning for matching. */
static int is_stopword(const char *w)
{
	size_t i;

	for (i = 0; i < sizeof stopwords / sizeof stopwords[0]; i++)
		if (strcmp(stopwords[i], w) == 0)
			return 1;
	return 0;
}

struct wordset {
	char **w;
	size_t n, cap;
};

/* Adds the distinctive words of text (lower case, alphanumeric runs of
 * length >= 5, no stopwords) to ws, without duplicates. */
static void words_add(struct wordset *ws, const char *text)
{
	const char *p = text;

	while (p && *p) {
		char w[64];
		size_t k = 0, i;

		while (*p && !isalnum((unsigned char)*p))
			p++;
		while (*p && isalnum((unsigned char)*p)) {
			if (k < sizeof w - 1)
				w[k++] = (char)tolower((unsigned char)*p);
			p++;
		}
		w[k] = '\0';
		if (k < 5 || is_stopword(w))
			continue;
		for (i = 0; i < ws->n && strcmp(ws->w[i], w) != 0; i++)
			;
		if (i < ws->n)
			continue;
		XGROW(ws->w, ws->cap, ws->n + 1);
		ws->w[ws->n++] = xstrdup(w);
	}
}

/* Frees a word set. */
static void words_free(struct wordset *ws)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		free(ws->w[i]);
	free(ws->w);
	memset(ws, 0, sizeof *ws);
}

/* qsort comparator for strings. */
static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Shared words of the ADR title and the finding, sorted, into *out
 * (comma-separated heap string); returns how many. */
static size_t keyword_overlap(const struct adr *a, const struct finding *f, char **out)
{
	struct wordset fw = { 0 }, aw = { 0 }, both = { 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t i, j, n;

	if (f->check) {
		words_add(&fw, f->check->title);
		words_add(&fw, f->check->id);
	}
	words_add(&fw, f->issue);
	words_add(&fw, f->file);
	words_add(&aw, a->title);
	for (i = 0; i < aw.n; i++)
		for (j = 0; j < fw.n; j++)
			if (strcmp(aw.w[i], fw.w[j]) == 0) {
				XGROW(both.w, both.cap, both.n + 1);
				both.w[both.n++] = xstrdup(aw.w[i]);
				break;
			}
	if (both.n > 1)
		xqsort(both.w, both.n, sizeof *both.w, cmp_strp);
	for (i = 0; i < both.n; i++)
		sb_addf(&sb, "%s%s", i ? ", " : "", both.w[i]);
	n = both.n;
	*out = sb_detach(&sb);
	words_free(&fw);
	words_free(&aw);
	words_free(&both);
	return n;
}

/* Marks f as an ADR override with the given reason (heap, taken). */
static void mark_adr(struct finding *f, const struct adr *a, char *reason)
{
	f->status = ST_ADR_OVERRIDE;
	f->adv.rule = ADV_ADR;
	f->adv.points = 0;
	validate_set_str(&f->adv.adr, xstrdup(a->id));
	validate_set_str(&f->adv.reason, reason);
}

/* Rule 1: explicit matches first (check id + path, then path only, in ADR
 * order); failing those, the best keyword match is recorded as a
 * suggestion (f->suggest) and not applied. Returns 1 when applied. */
int validate_adr_rule(struct finding *f, const struct context *ctx)
{
	const char *id = f->check ? f->check->id : NULL;
	const struct adr *best = NULL;
	char *best_words = NULL;
	size_t i, best_n = 0;

	if (!ctx)
		return 0;
	for (i = 0; i < ctx->n_adrs; i++) {
		const struct adr *a = &ctx->adrs[i];
		const char *path;

		if (!a->id || !adr_in_force(a) || !adr_names_check(a, id))
			continue;
		path = adr_path_for(a, f->file);
		if (a->n_paths == 0) {
			mark_adr(f, a, xasprintf("[Planned: %s] %s names check %s", a->id, a->id, id));
			return 1;
		}
		if (path) {
			mark_adr(f, a, xasprintf("[Planned: %s] %s names check %s and path %s", a->id,
						 a->id, id, path));
			return 1;
		}
	}
	for (i = 0; i < ctx->n_adrs; i++) {
		const struct adr *a = &ctx->adrs[i];
		const char *path;

		if (!a->id || !adr_in_force(a) || a->n_checks > 0)
			continue;
		if ((path = adr_path_for(a, f->file)) != NULL) {
			mark_adr(f, a, xasprintf("[Planned: %s] %s names path %s", a->id, a->id, path));
			return 1;
		}
	}
	for (i = 0; i < ctx->n_adrs; i++) {
		const struct adr *a = &ctx->adrs[i];
		char *words;
		size_t n;

		if (!a->id || !a->title || !a->status || !strcasestr(a->status, "accepted") ||
		    !adr_in_force(a))
			continue;
		n = keyword_overlap(a, f, &words);
		if (n >= 3 && n > best_n) {
			free(best_words);
			best = a;
			best_words = words;
			best_n = n;
		} else {
			free(words);
		}
	}
	if (best) {
		/* a suggestion only: a keyword overlap (a one-line note titled
		 * "blocking calls accepted") must not silence findings in files
		 * it never names (issue 13 item 2) */
		validate_set_str(&f->suggest.adr, xstrdup(best->id));
		validate_set_str(&f->suggest.reason,
				 xasprintf("%s \"%s\" (keyword match: words %s \xe2\x80\x94 weak, not applied)",
					   best->id, best->title, best_words));
		free(best_words);
	}
	return 0;
}
