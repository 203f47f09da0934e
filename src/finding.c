/* Findings: names of the enums, the sink auditors emit into, evidence,
 * fingerprints and the canonical sort order. */
#include "finding.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/sanitize.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Evidence lines longer than this are cut (at a UTF-8 boundary). */
#define EVIDENCE_MAX 200
/* Anchors are folded up to this many bytes: a minified file holds
 * thousands of findings on one line of a megabyte, and a whole copy of
 * that line per finding (twice) was quadratic in time and memory. Only
 * anchors of lines longer than this fingerprint differently from before;
 * repeats of a shared prefix are told apart by the occurrence counter. */
#define ANCHOR_MAX 4096

static const char *const sev_names[SEV_COUNT] = { "LOW", "MEDIUM", "HIGH", "CRITICAL" };
static const char *const sev_titles[SEV_COUNT] = { "Low", "Medium", "High", "Critical" };
static const char *const cat_ids[CAT_COUNT] = {
	"query_efficiency", "transaction_correctness", "runtime_performance", "resource_lifecycle"
};
static const char *const cat_names[CAT_COUNT] = {
	"Query Efficiency", "Transaction Correctness", "Runtime Performance", "Resource Lifecycle"
};
static const char *const cat_shorts[CAT_COUNT] = { "Query", "Transaction", "Runtime", "Resource" };
static const char *const status_names[ST_COUNT] = {
	"open", "advisory", "adr_override", "false_positive"
};
static const char *const rule_names[] = { "none", "execution_context", "adr", "manual", "inline" };

/* "HIGH"; "?" for out-of-range values so callers never print NULL. */
const char *severity_name(enum severity s)
{
	return (unsigned)s < SEV_COUNT ? sev_names[s] : "?";
}

/* "High" */
const char *severity_title(enum severity s)
{
	return (unsigned)s < SEV_COUNT ? sev_titles[s] : "?";
}

/* Case-insensitive parse of a severity name; 0 on success. */
int severity_parse(const char *s, enum severity *out)
{
	int i;

	if (!s)
		return -1;
	for (i = 0; i < SEV_COUNT; i++) {
		if (strcasecmp(s, sev_names[i]) == 0) {
			*out = (enum severity)i;
			return 0;
		}
	}
	return -1;
}

/* "query_efficiency" */
const char *category_id(enum category c)
{
	return (unsigned)c < CAT_COUNT ? cat_ids[c] : "?";
}

/* "Query Efficiency" */
const char *category_name(enum category c)
{
	return (unsigned)c < CAT_COUNT ? cat_names[c] : "?";
}

/* "Query" */
const char *category_short(enum category c)
{
	return (unsigned)c < CAT_COUNT ? cat_shorts[c] : "?";
}

/* "open", "advisory", "adr_override", "false_positive" */
const char *status_name(enum finding_status s)
{
	return (unsigned)s < ST_COUNT ? status_names[s] : "?";
}

/* Exact parse of a status name (as written in run.json / triage.json). */
int status_parse(const char *s, enum finding_status *out)
{
	int i;

	if (!s)
		return -1;
	for (i = 0; i < ST_COUNT; i++) {
		if (strcmp(s, status_names[i]) == 0) {
			*out = (enum finding_status)i;
			return 0;
		}
	}
	return -1;
}

/* "execution_context", "adr", "manual", "inline" ("none" for ADV_NONE). */
const char *advisory_rule_name(enum advisory_rule r)
{
	return (unsigned)r < sizeof rule_names / sizeof rule_names[0] ? rule_names[r] : "?";
}

/* Appends a zeroed finding to the sink and fills what the caller gave. */
struct finding *sink_add(struct finding_sink *s, const struct check_def *chk,
			 enum severity sev, const char *file, int line, int end_line,
			 const char *function)
{
	struct finding *f;

	XGROW(s->items, s->cap, s->n + 1);
	f = &s->items[s->n++];
	memset(f, 0, sizeof *f);
	f->check = chk;
	f->category = chk->category;
	f->severity = f->original_severity = sev;
	f->file = xstrdup(file ? file : "");
	f->line = line;
	f->end_line = end_line >= line ? end_line : line;
	f->function = function ? xstrdup(function) : NULL;
	f->effort = chk->effort ? chk->effort : 'M';
	f->status = ST_OPEN;
	return f;
}

/* Replaces *dst with a formatted string. */
static void set_formatted(char **dst, const char *fmt, va_list ap)
{
	free(*dst);
	*dst = xvasprintf(fmt, ap);
}

/* Sets the issue text (printf-style). */
void finding_set_issue(struct finding *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_formatted(&f->issue, fmt, ap);
	va_end(ap);
}

/* Sets the recommendation text (printf-style). */
void finding_set_recommendation(struct finding *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_formatted(&f->recommendation, fmt, ap);
	va_end(ap);
}

/* Whitespace folded to single spaces, trimmed, at most ANCHOR_MAX bytes
 * (never ending in a space, so folding it again changes nothing); heap
 * string. The anchor is normalized once so that reindenting code keeps
 * the fingerprint. */
static char *fold_space(const char *s, size_t n)
{
	char *out = xmalloc((n < ANCHOR_MAX ? n : ANCHOR_MAX) + 1);
	size_t i, o = 0;
	int pending = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			pending = o > 0;
			continue;
		}
		if (o + (size_t)pending + 1 > ANCHOR_MAX)
			break;
		if (pending)
			out[o++] = ' ';
		pending = 0;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
}

/* Adds "N: text" with leading whitespace and trailing newline trimmed,
 * sanitized and cut to EVIDENCE_MAX bytes. The first evidence line also
 * becomes the anchor when none was set. */
void finding_add_evidence(struct finding *f, int line, const char *text, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t cut;

	if (!text)
		len = 0;
	while (len > 0 && (*text == ' ' || *text == '\t')) {
		text++;
		len--;
	}
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r' ||
			   text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (!f->anchor)
		f->anchor = fold_space(text, len);
	sb_addf(&sb, "%d: ", line);
	/* only what can survive the cut: each input byte gives at least one
	 * output byte and a UTF-8 sequence is at most 4 bytes, so the kept
	 * part is the same as for the whole line, without sanitizing a
	 * megabyte line once per finding on it */
	sanitize_append(&sb, text, len < EVIDENCE_MAX + 4 ? len : EVIDENCE_MAX + 4);
	if (sb.len > EVIDENCE_MAX) {
		/* back up over UTF-8 continuation bytes so no sequence is split */
		cut = EVIDENCE_MAX;
		while (cut > 0 && ((unsigned char)sb.buf[cut] & 0xC0) == 0x80)
			cut--;
		sb.len = cut;
		sb.buf[cut] = '\0';
	}
	f->evidence = xrealloc(f->evidence, (f->n_evidence + 1) * sizeof *f->evidence);
	f->evidence[f->n_evidence++] = sb_detach(&sb);
}

/* Sets the fingerprint anchor (whitespace-folded copy). */
void finding_set_anchor(struct finding *f, const char *text, size_t len)
{
	free(f->anchor);
	f->anchor = fold_space(text ? text : "", text ? len : 0);
}

/* Frees what a finding owns (check is static) and zeroes it. */
void finding_free(struct finding *f)
{
	size_t i;

	if (!f)
		return;
	free(f->file);
	free(f->function);
	free(f->issue);
	free(f->recommendation);
	for (i = 0; i < f->n_evidence; i++)
		free(f->evidence[i]);
	free(f->evidence);
	free(f->adv.reason);
	free(f->adv.adr);
	free(f->adv.author);
	free(f->adv.time);
	free(f->suggest.adr);
	free(f->suggest.reason);
	free(f->anchor);
	memset(f, 0, sizeof *f);
}

/* xstrdup that passes NULL through. */
static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Deep copy of src into dst (dst's old contents are not freed). */
void finding_copy(struct finding *dst, const struct finding *src)
{
	size_t i;

	*dst = *src;
	dst->file = dup_or_null(src->file);
	dst->function = dup_or_null(src->function);
	dst->issue = dup_or_null(src->issue);
	dst->recommendation = dup_or_null(src->recommendation);
	dst->anchor = dup_or_null(src->anchor);
	dst->adv.reason = dup_or_null(src->adv.reason);
	dst->adv.adr = dup_or_null(src->adv.adr);
	dst->adv.author = dup_or_null(src->adv.author);
	dst->adv.time = dup_or_null(src->adv.time);
	dst->suggest.adr = dup_or_null(src->suggest.adr);
	dst->suggest.reason = dup_or_null(src->suggest.reason);
	dst->evidence = NULL;
	if (src->n_evidence) {
		dst->evidence = xmalloc(src->n_evidence * sizeof *dst->evidence);
		for (i = 0; i < src->n_evidence; i++)
			dst->evidence[i] = xstrdup(src->evidence[i]);
	}
}

/* Frees every finding and the array. */
void sink_free(struct finding_sink *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		finding_free(&s->items[i]);
	free(s->items);
	s->items = NULL;
	s->n = s->cap = 0;
	for (i = 0; i < s->n_skipped; i++)
		unanalysed_free(&s->skipped[i]);
	free(s->skipped);
	s->skipped = NULL;
	s->n_skipped = s->cap_skipped = 0;
}

void sink_add_unanalysed(struct finding_sink *s, const char *file, const char *check,
			 const char *reason)
{
	struct unanalysed *u;

	XGROW(s->skipped, s->cap_skipped, s->n_skipped + 1);
	u = &s->skipped[s->n_skipped++];
	u->file = xstrdup(file ? file : "");
	u->check = xstrdup(check ? check : "");
	u->reason = xstrdup(reason ? reason : "");
}

void unanalysed_free(struct unanalysed *u)
{
	free(u->file);
	free(u->check);
	free(u->reason);
	memset(u, 0, sizeof *u);
}

/* ---- fingerprints ---- */

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

/* FNV-1a over n bytes, continuing from h: byte-wise, so the result is the
 * same on every platform and endianness. */
static uint64_t fnv_add(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= FNV_PRIME;
	}
	return h;
}

/* Adds a string and its terminating NUL (the field separator). */
static uint64_t fnv_str(uint64_t h, const char *s)
{
	if (!s)
		s = "";
	return fnv_add(h, s, strlen(s) + 1);
}

/* The anchor a fingerprint uses: the explicit one (already folded), else
 * the first evidence line without its "N: " prefix (folded), else "".
 * Heap string. */
static char *anchor_of(const struct finding *f)
{
	const char *e;

	if (f->anchor)
		return xstrdup(f->anchor);
	if (f->n_evidence) {
		e = f->evidence[0];
		e += strspn(e, "0123456789");
		if (*e == ':')
			e++;
		return fold_space(e, strlen(e));
	}
	return xstrdup("");
}

struct fp_item {
	size_t idx;
	uint64_t base;
	const struct finding *f;
	char *anchor;
};

/* Null-safe strcmp. */
static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* Groups identical (check, file, function, anchor) tuples, line order
 * inside a group, original index last: a total, deterministic order. */
static int fp_cmp(const void *pa, const void *pb)
{
	const struct fp_item *a = pa, *b = pb;
	int c;

	if (a->base != b->base)
		return a->base < b->base ? -1 : 1;
	if ((c = cmp_str(a->f->check ? a->f->check->id : "", b->f->check ? b->f->check->id : "")))
		return c;
	if ((c = cmp_str(a->f->file, b->f->file)))
		return c;
	if ((c = cmp_str(a->f->function, b->f->function)))
		return c;
	if ((c = strcmp(a->anchor, b->anchor)))
		return c;
	if (a->f->line != b->f->line)
		return a->f->line < b->f->line ? -1 : 1;
	if (a->f->end_line != b->f->end_line)
		return a->f->end_line < b->f->end_line ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* True when a and b are the same fingerprint tuple. */
static int fp_same_tuple(const struct fp_item *a, const struct fp_item *b)
{
	return a->base == b->base &&
	       cmp_str(a->f->check ? a->f->check->id : "", b->f->check ? b->f->check->id : "") == 0 &&
	       cmp_str(a->f->file, b->f->file) == 0 &&
	       cmp_str(a->f->function, b->f->function) == 0 &&
	       strcmp(a->anchor, b->anchor) == 0;
}

/* Fingerprints every finding; see finding.h. */
void findings_fingerprint(struct finding *items, size_t n)
{
	struct fp_item *v;
	size_t i;
	unsigned occ = 0;

	if (n == 0)
		return;
	v = xcalloc(n, sizeof *v);
	for (i = 0; i < n; i++) {
		uint64_t h = FNV_OFFSET;

		v[i].idx = i;
		v[i].f = &items[i];
		v[i].anchor = anchor_of(&items[i]);
		h = fnv_str(h, items[i].check ? items[i].check->id : "");
		h = fnv_str(h, items[i].file);
		h = fnv_str(h, items[i].function);
		h = fnv_str(h, v[i].anchor);
		v[i].base = h;
	}
	xqsort(v, n, sizeof *v, fp_cmp);
	for (i = 0; i < n; i++) {
		char num[16];
		uint64_t h;
		int k;

		occ = (i > 0 && fp_same_tuple(&v[i - 1], &v[i])) ? occ + 1 : 0;
		k = snprintf(num, sizeof num, "#%u", occ);
		h = fnv_add(v[i].base, num, (size_t)k);
		snprintf(items[v[i].idx].fingerprint, sizeof items[0].fingerprint,
			 "%016llx", (unsigned long long)h);
	}
	for (i = 0; i < n; i++)
		free(v[i].anchor);
	free(v);
}

/* ---- sorting ---- */

/* Severity desc, category, file, line, check id, then the remaining
 * fields so that the order is total and never depends on qsort. */
static int finding_cmp(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c;

	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if (a->category != b->category)
		return a->category < b->category ? -1 : 1;
	if ((c = cmp_str(a->file, b->file)))
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if ((c = cmp_str(a->check ? a->check->id : "", b->check ? b->check->id : "")))
		return c;
	if (a->end_line != b->end_line)
		return a->end_line < b->end_line ? -1 : 1;
	if ((c = cmp_str(a->function, b->function)))
		return c;
	if ((c = cmp_str(a->issue, b->issue)))
		return c;
	if ((c = strcmp(a->fingerprint, b->fingerprint)))
		return c;
	return cmp_str(a->anchor, b->anchor);
}

/* Sorts findings into report order. */
void findings_sort(struct finding *items, size_t n)
{
	if (n > 1)
		xqsort(items, n, sizeof *items, finding_cmp);
}
