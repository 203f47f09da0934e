/* A run: scores (SPEC §5), finding ids, and run.json (SPEC §8) both ways.
 *
 * run.json is written with keys in the SPEC's order so that diffs between
 * dated runs stay readable; scores are written as raw "X.X" numbers so a
 * 6.0 never turns into a bare 6. The loader is strict: a run.json that
 * does not look like one of ours is an error naming the file and the
 * reason, never a half-filled run. */
#include "autoconfig.h"
#include "run.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "lang/lang.h"
#include "run-coverage.h"
#include "util/fsutil.h"
#include "util/sanitize.h"
#include "util/strbuf.h"
#include "util/textpos.h"
#include "util/xalloc.h"

/* run.json may be large, but a file past this is not ours. */
#define RUN_JSON_MAX (256u * 1024 * 1024)

/* Largest line number accepted: consumers add context lines to it (the
 * TUI's source window), which must not overflow an int. */
#define RUN_LINE_MAX (INT_MAX / 2)

/* Frees a run and everything it owns. */
void run_free(struct run *r)
{
	size_t i;

	if (!r)
		return;
	free(r->started_at);
	free(r->finished_at);
	free(r->root);
	free(r->project);
	free(r->tool_version);
	free(r->partial_reason);
	free(r->git.head);
	free(r->git.branch);
	if (r->ctx) {
		/* context_free releases the contents, not the struct */
		context_free(r->ctx);
		free(r->ctx);
	}
	for (i = 0; i < r->n_findings; i++)
		finding_free(&r->findings[i]);
	free(r->findings);
	free(r->check_counts);
	run_coverage_free(&r->coverage);
	for (i = 0; i < r->n_not_analysed; i++)
		unanalysed_free(&r->not_analysed[i]);
	free(r->not_analysed);
	free(r);
}

/* Scores per SPEC §5. Penalties are multiples of 0.1, so the whole
 * computation runs in tenths with integers: no 9.95-style float rounding
 * surprises, and the same bytes on every platform. */
void scores_compute(const struct finding *items, size_t n, struct scores *out)
{
	static const unsigned weight10[SEV_COUNT] = { 2, 5, 10, 20 }; /* low..critical, tenths */
	unsigned long sum10 = 0;
	size_t i;
	int c, s;

	memset(out, 0, sizeof *out);
	for (i = 0; i < n; i++) {
		const struct finding *f = &items[i];

		switch (f->status) {
		case ST_OPEN:
			if ((unsigned)f->category < CAT_COUNT && (unsigned)f->severity < SEV_COUNT) {
				out->counts[f->category][f->severity]++;
				out->totals[f->severity]++;
			}
			out->n_open++;
			break;
		case ST_ADVISORY:
			out->n_advisory++;
			break;
		case ST_ADR_OVERRIDE:
			out->n_adr++;
			break;
		case ST_FALSE_POSITIVE:
		default:
			out->n_false_positive++;
			break;
		}
	}
	for (c = 0; c < CAT_COUNT; c++) {
		unsigned long pen10 = 0;
		long score10;

		for (s = 0; s < SEV_COUNT; s++)
			pen10 += (unsigned long)weight10[s] * out->counts[c][s];
		score10 = pen10 >= 100 ? 0 : 100 - (long)pen10;
		out->category[c] = (double)score10 / 10.0;
		sum10 += (unsigned long)score10;
	}
	/* mean of four tenths-values, rounded half up to one decimal */
	out->overall = (double)((sum10 * 10 + 20) / 40) / 10.0;
}

/* Assigns F0001, F0002, ... in the current order (F10000 and up past
 * 9999; id[] holds up to six digits). */
void run_number_findings(struct run *r)
{
	size_t i;

	for (i = 0; i < r->n_findings; i++)
		snprintf(r->findings[i].id, sizeof r->findings[i].id, "F%04u",
			 (unsigned)(i + 1 > 999999 ? 999999 : i + 1));
}

/* ---- serialization ---- */

/* A string, or JSON null for NULL. */
static cJSON *str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

/* A score as a raw "X.X" number. */
static cJSON *score_item(double v)
{
	char buf[16];

	snprintf(buf, sizeof buf, "%.1f", v);
	return cJSON_CreateRaw(buf);
}

/* One finding's JSON object (SPEC §8 order). */
static cJSON *finding_to_json(const struct finding *f)
{
	cJSON *o = cJSON_CreateObject(), *ev, *adv;
	char effort[2] = { f->effort ? f->effort : 'M', '\0' };
	size_t i;

	cJSON_AddStringToObject(o, "id", f->id);
	cJSON_AddStringToObject(o, "fingerprint", f->fingerprint);
	cJSON_AddStringToObject(o, "category", category_id(f->category));
	cJSON_AddStringToObject(o, "check", f->check ? f->check->id : "");
	cJSON_AddStringToObject(o, "severity", severity_name(f->severity));
	cJSON_AddStringToObject(o, "original_severity", severity_name(f->original_severity));
	cJSON_AddStringToObject(o, "file", f->file ? f->file : "");
	if (f->file && !utf8_valid(f->file)) {
		struct strbuf raw = STRBUF_INIT;

		pct_encode(&raw, f->file);
		cJSON_AddStringToObject(o, "file_bytes", sb_str(&raw));
		sb_release(&raw);
	}
	cJSON_AddNumberToObject(o, "line", f->line);
	cJSON_AddNumberToObject(o, "end_line", f->end_line);
	cJSON_AddItemToObject(o, "function", str_or_null(f->function));
	/* the file's language (a repository may hold several services); an
	 * optional field: runs written before it was added still load */
	{
		const struct front_end *fe = f->file ? lang_for_path(f->file) : NULL;

		if (fe != NULL)
			cJSON_AddStringToObject(o, "language", fe->key);
	}
	cJSON_AddStringToObject(o, "issue", f->issue ? f->issue : "");
	cJSON_AddStringToObject(o, "principle",
				f->check && f->check->principle ? f->check->principle : "");
	cJSON_AddStringToObject(o, "recommendation", f->recommendation ? f->recommendation : "");
	cJSON_AddStringToObject(o, "effort", effort);
	cJSON_AddStringToObject(o, "status", status_name(f->status));
	/* An open finding whose severity rule 6 lowered keeps its reason too. */
	if (f->status != ST_OPEN || f->adv.rule != ADV_NONE) {
		adv = cJSON_CreateObject();
		cJSON_AddStringToObject(adv, "rule", advisory_rule_name(f->adv.rule));
		cJSON_AddItemToObject(adv, "reason", str_or_null(f->adv.reason));
		cJSON_AddItemToObject(adv, "adr", str_or_null(f->adv.adr));
		cJSON_AddNumberToObject(adv, "points", f->adv.points);
		if (f->adv.author)
			cJSON_AddStringToObject(adv, "author", f->adv.author);
		if (f->adv.time)
			cJSON_AddStringToObject(adv, "time", f->adv.time);
		cJSON_AddItemToObject(o, "advisory", adv);
	} else {
		cJSON_AddNullToObject(o, "advisory");
	}
	/* a keyword-only ADR match: shown, not applied (SPEC §4) */
	if (f->suggest.adr) {
		cJSON *sg = cJSON_CreateObject();

		cJSON_AddStringToObject(sg, "adr", f->suggest.adr);
		cJSON_AddStringToObject(sg, "match", "keywords");
		cJSON_AddItemToObject(sg, "reason", str_or_null(f->suggest.reason));
		cJSON_AddItemToObject(o, "adr_suggestion", sg);
	}
	ev = cJSON_AddArrayToObject(o, "evidence");
	for (i = 0; i < f->n_evidence; i++)
		cJSON_AddItemToArray(ev, cJSON_CreateString(f->evidence[i]));
	return o;
}

/* The context object: the discover helper's serializer, or an empty
 * object when the run has no context (unit tests). */
static cJSON *context_item(const struct context *ctx)
{
	cJSON *j = ctx ? context_to_json(ctx) : NULL;

	return j ? j : cJSON_CreateObject();
}

/* run.json as a heap string (formatted, SPEC §8 key order, then the extra
 * "checks" array with the per-check counts). */
char *run_to_json(const struct run *r)
{
	static const char *const workers[CAT_COUNT] = { "ln-651", "ln-652", "ln-653", "ln-654" };
	struct scores sc;
	cJSON *root = cJSON_CreateObject(), *o, *g, *arr;
	char *out, *copy;
	size_t i;
	int c;

	scores_compute(r->findings, r->n_findings, &sc);
	cJSON_AddNumberToObject(root, "schema", 1);
	o = cJSON_AddObjectToObject(root, "tool");
	cJSON_AddStringToObject(o, "name", "ppaudit");
	cJSON_AddStringToObject(o, "version", r->tool_version ? r->tool_version : PACKAGE_VERSION);

	o = cJSON_AddObjectToObject(root, "run");
	cJSON_AddStringToObject(o, "date", r->date);
	cJSON_AddBoolToObject(o, "partial", r->partial != 0);
	if (r->partial_reason != NULL)
		cJSON_AddStringToObject(o, "partial_reason", r->partial_reason);
	cJSON_AddItemToObject(o, "started_at", str_or_null(r->started_at));
	cJSON_AddItemToObject(o, "finished_at", str_or_null(r->finished_at));
	cJSON_AddStringToObject(o, "root", r->root ? r->root : ".");
	if (r->project)
		cJSON_AddStringToObject(o, "project", r->project);
	cJSON_AddNumberToObject(o, "files_scanned", (double)r->files_scanned);
	cJSON_AddNumberToObject(o, "lines_scanned", (double)r->lines_scanned);
	cJSON_AddItemToObject(o, "coverage", run_coverage_to_json(&r->coverage));
	g = cJSON_AddObjectToObject(o, "git");
	cJSON_AddItemToObject(g, "head", str_or_null(r->git.head));
	cJSON_AddItemToObject(g, "branch", str_or_null(r->git.branch));
	cJSON_AddBoolToObject(g, "dirty", r->git.dirty != 0);
	/* files a check could not fully analyse (SPEC §12) */
	g = cJSON_AddArrayToObject(o, "files_not_analysed");
	for (i = 0; i < r->n_not_analysed; i++) {
		cJSON *u = cJSON_CreateObject();

		cJSON_AddStringToObject(u, "file", r->not_analysed[i].file);
		cJSON_AddStringToObject(u, "check", r->not_analysed[i].check);
		cJSON_AddStringToObject(u, "reason", r->not_analysed[i].reason);
		cJSON_AddItemToArray(g, u);
	}

	cJSON_AddItemToObject(root, "context", context_item(r->ctx));

	arr = cJSON_AddArrayToObject(root, "categories");
	for (c = 0; c < CAT_COUNT; c++) {
		cJSON *cat = cJSON_CreateObject(), *cnt;

		cJSON_AddStringToObject(cat, "worker", workers[c]);
		cJSON_AddStringToObject(cat, "id", category_id((enum category)c));
		cJSON_AddStringToObject(cat, "name", category_name((enum category)c));
		cJSON_AddItemToObject(cat, "score", score_item(sc.category[c]));
		cnt = cJSON_AddObjectToObject(cat, "counts");
		cJSON_AddNumberToObject(cnt, "critical", sc.counts[c][SEV_CRITICAL]);
		cJSON_AddNumberToObject(cnt, "high", sc.counts[c][SEV_HIGH]);
		cJSON_AddNumberToObject(cnt, "medium", sc.counts[c][SEV_MEDIUM]);
		cJSON_AddNumberToObject(cnt, "low", sc.counts[c][SEV_LOW]);
		cJSON_AddItemToArray(arr, cat);
	}
	cJSON_AddItemToObject(root, "overall_score", score_item(sc.overall));

	arr = cJSON_AddArrayToObject(root, "findings");
	for (i = 0; i < r->n_findings; i++)
		cJSON_AddItemToArray(arr, finding_to_json(&r->findings[i]));

	arr = cJSON_AddArrayToObject(root, "checks");
	for (i = 0; i < r->check_counts_n; i++) {
		cJSON *cc = cJSON_CreateObject();

		cJSON_AddStringToObject(cc, "id", r->check_counts[i].check);
		cJSON_AddNumberToObject(cc, "count", r->check_counts[i].count);
		cJSON_AddItemToArray(arr, cc);
	}

	out = cJSON_Print(root);
	cJSON_Delete(root);
	if (!out)
		fatal("out of memory serializing run.json");
	copy = sanitize_json_text(out);
	cJSON_free(out);
	return copy;
}

/* ---- loading ---- */

/* Loader state: the file name for messages and the error buffer. */
struct loader {
	const char *path;
	char *err;
	size_t errlen;
};

/* Records "path: reason" and returns -1. */
static int load_fail(struct loader *ld, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int load_fail(struct loader *ld, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (ld->err && ld->errlen)
		snprintf(ld->err, ld->errlen, "%s: %s", ld->path, msg);
	return -1;
}

/* Member `key` of o as a string: 0 and *out (borrowed, NULL for JSON null
 * when nullable), or -1 with an error. */
static int get_str(struct loader *ld, const cJSON *o, const char *what, const char *key,
		   int nullable, const char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (nullable && (!v || cJSON_IsNull(v))) {
		*out = NULL;
		return 0;
	}
	if (!cJSON_IsString(v))
		return load_fail(ld, "%s: \"%s\" %s", what, key,
				 v ? "must be a string" : "is missing");
	*out = v->valuestring;
	return 0;
}

/* Member `key` of o as a number in 0..max. The bound is checked here
 * because converting an out-of-range double to an integer type is
 * undefined behaviour, and a hand-edited 1e300 must be an error. */
static int get_uint(struct loader *ld, const cJSON *o, const char *what, const char *key,
		    double max, double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(v) || v->valuedouble < 0)
		return load_fail(ld, "%s: \"%s\" %s", what, key,
				 v ? "must be a non-negative number" : "is missing");
	if (!(v->valuedouble <= max))
		return load_fail(ld, "%s: \"%s\" is out of range (%g)", what, key, v->valuedouble);
	*out = v->valuedouble;
	return 0;
}

/* xstrdup that passes NULL through. */
static char *dup_opt(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* "run.files_not_analysed" (absent in runs written before it existed). */
static int load_not_analysed(struct loader *ld, const cJSON *o, struct run *r)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, "files_not_analysed"), *e;
	size_t n;

	if (arr == NULL || cJSON_IsNull(arr))
		return 0;
	if (!cJSON_IsArray(arr))
		return load_fail(ld, "run: \"files_not_analysed\" must be an array");
	n = (size_t)cJSON_GetArraySize(arr);
	r->not_analysed = xcalloc(n ? n : 1, sizeof *r->not_analysed);
	cJSON_ArrayForEach(e, arr) {
		struct unanalysed *u = &r->not_analysed[r->n_not_analysed];
		const char *file = NULL, *check = NULL, *reason = NULL;

		if (!cJSON_IsObject(e))
			return load_fail(ld, "run: \"files_not_analysed\" must hold objects");
		if (get_str(ld, e, "run.files_not_analysed[]", "file", 0, &file) ||
		    get_str(ld, e, "run.files_not_analysed[]", "check", 0, &check) ||
		    get_str(ld, e, "run.files_not_analysed[]", "reason", 0, &reason))
			return -1;
		u->file = xstrdup(file);
		u->check = xstrdup(check);
		u->reason = xstrdup(reason);
		r->n_not_analysed++;
	}
	return 0;
}

/* The "run" object: dates, root, counters, git. */
static int load_run_meta(struct loader *ld, const cJSON *root, struct run *r)
{
	const cJSON *o = cJSON_GetObjectItemCaseSensitive(root, "run"), *g, *tool, *d;
	const char *s;
	double num;

	tool = cJSON_GetObjectItemCaseSensitive(root, "tool");
	if (cJSON_IsObject(tool) && get_str(ld, tool, "tool", "version", 1, &s) == 0)
		r->tool_version = dup_opt(s);
	if (!cJSON_IsObject(o))
		return load_fail(ld, "\"run\" %s", o ? "must be an object" : "is missing");
	if (get_str(ld, o, "run", "date", 0, &s))
		return -1;
	/* the date lands in report headings and titles: digits only */
	if (strlen(s) != 10 || strspn(s, "0123456789") != 4 || s[4] != '-' ||
	    strspn(s + 5, "0123456789") != 2 || s[7] != '-' || strspn(s + 8, "0123456789") != 2)
		return load_fail(ld, "run: \"date\" must be YYYY-MM-DD");
	memcpy(r->date, s, 11);
	{
		const cJSON *pv = cJSON_GetObjectItemCaseSensitive(o, "partial");
		if (pv != NULL && !cJSON_IsBool(pv))
			return load_fail(ld, "run: \"partial\" must be true or false");
		r->partial = cJSON_IsTrue(pv);
		if (get_str(ld, o, "run", "partial_reason", 1, &s))
			return -1;
		r->partial_reason = dup_opt(s);
	}
	if (get_str(ld, o, "run", "started_at", 1, &s))
		return -1;
	r->started_at = dup_opt(s);
	if (get_str(ld, o, "run", "finished_at", 1, &s))
		return -1;
	r->finished_at = dup_opt(s);
	if (get_str(ld, o, "run", "root", 0, &s))
		return -1;
	r->root = xstrdup(s);
	if (get_str(ld, o, "run", "project", 1, &s))
		return -1;
	r->project = dup_opt(s);
	if (get_uint(ld, o, "run", "files_scanned", (double)(SIZE_MAX / 2), &num))
		return -1;
	r->files_scanned = (size_t)num;
	if (get_uint(ld, o, "run", "lines_scanned", (double)(SIZE_MAX / 2), &num))
		return -1;
	r->lines_scanned = (size_t)num;
	{
		char cerr[200];
		if (run_coverage_from_json(cJSON_GetObjectItemCaseSensitive(o, "coverage"),
					   &r->coverage, cerr, sizeof cerr) != 0)
			return load_fail(ld, "%s", cerr);
	}
	g = cJSON_GetObjectItemCaseSensitive(o, "git");
	if (g && !cJSON_IsNull(g)) {
		if (!cJSON_IsObject(g))
			return load_fail(ld, "run: \"git\" must be an object");
		if (get_str(ld, g, "run.git", "head", 1, &s))
			return -1;
		r->git.head = dup_opt(s);
		if (get_str(ld, g, "run.git", "branch", 1, &s))
			return -1;
		r->git.branch = dup_opt(s);
		d = cJSON_GetObjectItemCaseSensitive(g, "dirty");
		r->git.dirty = cJSON_IsTrue(d);
	}
	return load_not_analysed(ld, o, r);
}

/* One element of "findings". */
static int load_finding(struct loader *ld, const cJSON *o, size_t idx, struct finding *f)
{
	char what[32];
	const char *s = NULL;
	const cJSON *v, *adv, *e;
	double num;

	snprintf(what, sizeof what, "findings[%zu]", idx);
	if (!cJSON_IsObject(o))
		return load_fail(ld, "%s must be an object", what);
	if (get_str(ld, o, what, "check", 0, &s))
		return -1;
	f->check = checks_find(s);
	if (!f->check)
		return load_fail(ld, "%s: unknown check \"%.64s\"", what, s);
	f->category = f->check->category;
	if (get_str(ld, o, what, "fingerprint", 0, &s))
		return -1;
	if (strlen(s) != 16 || strspn(s, "0123456789abcdef") != 16)
		return load_fail(ld, "%s: \"fingerprint\" must be 16 lowercase hex digits", what);
	memcpy(f->fingerprint, s, 17);
	if (get_str(ld, o, what, "id", 1, &s))
		return -1;
	if (s)
		snprintf(f->id, sizeof f->id, "%s", s);
	if (get_str(ld, o, what, "severity", 0, &s))
		return -1;
	if (severity_parse(s, &f->severity))
		return load_fail(ld, "%s: unknown severity \"%.20s\"", what, s);
	if (get_str(ld, o, what, "original_severity", 1, &s))
		return -1;
	f->original_severity = f->severity;
	if (s && severity_parse(s, &f->original_severity))
		return load_fail(ld, "%s: unknown original_severity \"%.20s\"", what, s);
	if (get_str(ld, o, what, "file", 0, &s))
		return -1;
	v = cJSON_GetObjectItemCaseSensitive(o, "file_bytes");
	if (v && !cJSON_IsNull(v)) {
		if (!cJSON_IsString(v) || (f->file = pct_decode(v->valuestring)) == NULL)
			return load_fail(ld, "%s: \"file_bytes\" must be a percent-encoded name", what);
	} else {
		f->file = xstrdup(s);
	}
	if (get_uint(ld, o, what, "line", RUN_LINE_MAX, &num))
		return -1;
	f->line = (int)num;
	f->end_line = f->line;
	v = cJSON_GetObjectItemCaseSensitive(o, "end_line");
	if (cJSON_IsNumber(v)) {
		if (get_uint(ld, o, what, "end_line", RUN_LINE_MAX, &num))
			return -1;
		f->end_line = (int)num;
	}
	if (get_str(ld, o, what, "function", 1, &s))
		return -1;
	f->function = dup_opt(s);
	if (get_str(ld, o, what, "issue", 1, &s))
		return -1;
	f->issue = xstrdup(s ? s : "");
	if (get_str(ld, o, what, "recommendation", 1, &s))
		return -1;
	f->recommendation = xstrdup(s ? s : "");
	if (get_str(ld, o, what, "effort", 1, &s))
		return -1;
	f->effort = s && (s[0] == 'S' || s[0] == 'M' || s[0] == 'L') ? s[0] : f->check->effort;
	if (get_str(ld, o, what, "status", 0, &s))
		return -1;
	if (status_parse(s, &f->status))
		return load_fail(ld, "%s: unknown status \"%.20s\"", what, s);
	adv = cJSON_GetObjectItemCaseSensitive(o, "advisory");
	if (adv && !cJSON_IsNull(adv)) {
		static const enum advisory_rule rules[] = {
			ADV_NONE, ADV_EXECUTION_CONTEXT, ADV_ADR, ADV_MANUAL, ADV_INLINE
		};
		size_t k;

		if (!cJSON_IsObject(adv))
			return load_fail(ld, "%s: \"advisory\" must be an object or null", what);
		if (get_str(ld, adv, what, "rule", 0, &s))
			return -1;
		for (k = 0; k < sizeof rules / sizeof rules[0]; k++)
			if (strcmp(s, advisory_rule_name(rules[k])) == 0)
				break;
		if (k == sizeof rules / sizeof rules[0])
			return load_fail(ld, "%s: unknown advisory rule \"%.32s\"", what, s);
		f->adv.rule = rules[k];
		if (get_str(ld, adv, what, "reason", 1, &s))
			return -1;
		f->adv.reason = dup_opt(s);
		if (get_str(ld, adv, what, "adr", 1, &s))
			return -1;
		f->adv.adr = dup_opt(s);
		if (get_str(ld, adv, what, "author", 1, &s))
			return -1;
		f->adv.author = dup_opt(s);
		if (get_str(ld, adv, what, "time", 1, &s))
			return -1;
		f->adv.time = dup_opt(s);
		v = cJSON_GetObjectItemCaseSensitive(adv, "points");
		f->adv.points = cJSON_IsNumber(v) ? v->valueint : 0;
	} else if (f->status != ST_OPEN) {
		return load_fail(ld, "%s: status \"%s\" needs an \"advisory\" object", what,
				 status_name(f->status));
	}
	v = cJSON_GetObjectItemCaseSensitive(o, "adr_suggestion");
	if (v && !cJSON_IsNull(v)) {
		if (!cJSON_IsObject(v))
			return load_fail(ld, "%s: \"adr_suggestion\" must be an object or null", what);
		if (get_str(ld, v, what, "adr", 0, &s))
			return -1;
		f->suggest.adr = xstrdup(s);
		if (get_str(ld, v, what, "reason", 1, &s))
			return -1;
		f->suggest.reason = dup_opt(s);
	}
	v = cJSON_GetObjectItemCaseSensitive(o, "evidence");
	if (v && !cJSON_IsArray(v))
		return load_fail(ld, "%s: \"evidence\" must be an array of strings", what);
	cJSON_ArrayForEach(e, v) {
		if (!cJSON_IsString(e))
			return load_fail(ld, "%s: \"evidence\" must be an array of strings", what);
		f->evidence = xrealloc(f->evidence, (f->n_evidence + 1) * sizeof *f->evidence);
		f->evidence[f->n_evidence++] = xstrdup(e->valuestring);
	}
	return 0;
}

/* The "findings" and "checks" arrays. */
static int load_findings(struct loader *ld, const cJSON *root, struct run *r)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "findings"), *e;
	size_t n, i = 0;

	if (!cJSON_IsArray(arr))
		return load_fail(ld, "\"findings\" %s", arr ? "must be an array" : "is missing");
	n = (size_t)cJSON_GetArraySize(arr);
	r->findings = xcalloc(n ? n : 1, sizeof *r->findings);
	cJSON_ArrayForEach(e, arr) {
		r->n_findings = i + 1; /* so run_free releases a partial one */
		if (load_finding(ld, e, i, &r->findings[i]))
			return -1;
		i++;
	}
	arr = cJSON_GetObjectItemCaseSensitive(root, "checks");
	if (!arr || cJSON_IsNull(arr))
		return 0;
	if (!cJSON_IsArray(arr))
		return load_fail(ld, "\"checks\" must be an array");
	n = (size_t)cJSON_GetArraySize(arr);
	r->check_counts = xcalloc(n ? n : 1, sizeof *r->check_counts);
	cJSON_ArrayForEach(e, arr) {
		const struct check_def *def;
		const char *s = NULL;
		double num = 0;

		if (!cJSON_IsObject(e))
			return load_fail(ld, "\"checks\" must hold objects");
		if (get_str(ld, e, "checks[]", "id", 0, &s) ||
		    get_uint(ld, e, "checks[]", "count", UINT_MAX, &num))
			return -1;
		def = checks_find(s);
		if (!def)
			return load_fail(ld, "checks: unknown check \"%.64s\"", s);
		r->check_counts[r->check_counts_n].check = def->id;
		r->check_counts[r->check_counts_n].count = (unsigned)num;
		r->check_counts_n++;
	}
	return 0;
}

/* Loads a run.json; see run.h. */
struct run *run_load(const char *path, char *err, size_t errlen)
{
	struct loader ld = { path, err, errlen };
	struct run *r;
	cJSON *root;
	const cJSON *v;
	const char *end = NULL;
	char *text;
	size_t len;

	if (err && errlen)
		err[0] = '\0';
	text = fs_read_file(path, RUN_JSON_MAX, &len);
	if (!text) {
		load_fail(&ld, "%s", fs_strerror(errno));
		return NULL;
	}
	root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		if (end && end >= text && end <= text + len)
			load_fail(&ld, "invalid JSON near line %d", text_line_at(text, (size_t)(end - text)));
		else
			load_fail(&ld, "invalid JSON");
		free(text);
		return NULL;
	}
	if (text_trailing_at(text, len, end) < len) {
		load_fail(&ld, "unexpected text after the JSON value near line %d",
			  text_line_at(text, text_trailing_at(text, len, end)));
		free(text);
		cJSON_Delete(root);
		return NULL;
	}
	free(text);
	r = xcalloc(1, sizeof *r);
	if (!cJSON_IsObject(root)) {
		load_fail(&ld, "not a JSON object");
		goto fail;
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "schema");
	if (!cJSON_IsNumber(v)) {
		load_fail(&ld, "\"schema\" %s", v ? "must be a number" : "is missing");
		goto fail;
	}
	if (v->valuedouble != 1) {
		load_fail(&ld, "unsupported schema %g (this ppaudit reads schema 1)", v->valuedouble);
		goto fail;
	}
	if (load_run_meta(&ld, root, r))
		goto fail;
	v = cJSON_GetObjectItemCaseSensitive(root, "context");
	/* an empty object is what a run without a context writes */
	if (v && !cJSON_IsNull(v) && !(cJSON_IsObject(v) && v->child == NULL)) {
		char cerr[256] = "";

		if (!cJSON_IsObject(v)) {
			load_fail(&ld, "\"context\" must be an object");
			goto fail;
		}
		r->ctx = context_from_json(v, cerr, sizeof cerr);
		if (!r->ctx) {
			/* the reader's reasons already start with "context: " */
			load_fail(&ld, "%s", cerr[0] ? cerr : "context: invalid");
			goto fail;
		}
	}
	if (load_findings(&ld, root, r))
		goto fail;
	cJSON_Delete(root);
	scores_compute(r->findings, r->n_findings, &r->scores);
	return r;
fail:
	cJSON_Delete(root);
	run_free(r);
	return NULL;
}

/* ---- fingerprint index ---- */

/* strcmp over const char * elements. */
static int fp_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void fp_index_build(struct fp_index *ix, const struct run *r)
{
	size_t i, n = r ? r->n_findings : 0;

	ix->fps = xcalloc(n + 1, sizeof *ix->fps);
	for (i = 0; i < n; i++)
		ix->fps[i] = r->findings[i].fingerprint;
	ix->n = n;
	xqsort(ix->fps, n, sizeof *ix->fps, fp_cmp);
}

int fp_index_has(const struct fp_index *ix, const char *fingerprint)
{
	return ix->n > 0 &&
	       bsearch(&fingerprint, ix->fps, ix->n, sizeof *ix->fps, fp_cmp) != NULL;
}

void fp_index_free(struct fp_index *ix)
{
	free(ix->fps);
	ix->fps = NULL;
	ix->n = 0;
}

/* The project's name from its root; see run.h. */
void run_set_project(struct run *r, const char *root)
{
	char *real, *slash;

	if (r == NULL || r->project != NULL || root == NULL)
		return;
	real = realpath(root, NULL);
	if (real == NULL)
		return;
	slash = strrchr(real, '/');
	if (slash != NULL && slash[1] != '\0')
		r->project = xstrdup(slash + 1);
	free(real);
}
