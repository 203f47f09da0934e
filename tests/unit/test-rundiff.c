/* Comparing two runs: new / fixed / unchanged by fingerprint, duplicate
 * fingerprints, status and severity changes, the CI gate count, the JSON
 * form, and the dated history helpers. */
#include "tap.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history.h"
#include "report/export.h"
#include "rundiff.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

static const struct check_def chk = { "n_update_delete_loop", "N UPDATE/DELETE loop", CAT_QUERY,
				      "Query Efficiency / Batch writes", 'M' };

/* A run of n findings with the given fingerprints, severities and ids
 * numbered in order. */
static struct run *make(const char *date, const char *const *fps, const enum severity *sev, size_t n)
{
	struct run *r = xcalloc(1, sizeof *r);
	size_t i;

	memcpy(r->date, date, 11);
	r->root = xstrdup(".");
	r->findings = xcalloc(n + 1, sizeof *r->findings);
	r->n_findings = n;
	for (i = 0; i < n; i++) {
		struct finding *f = &r->findings[i];

		f->check = &chk;
		f->category = CAT_QUERY;
		f->severity = f->original_severity = sev[i];
		f->file = xasprintf("app/f%zu.py", i);
		f->line = (int)(10 * (i + 1));
		f->issue = xasprintf("issue %zu", i);
		f->recommendation = xstrdup("batch it");
		f->effort = 'M';
		snprintf(f->fingerprint, sizeof f->fingerprint, "%s", fps[i]);
	}
	run_number_findings(r);
	return r;
}

static void test_compute(void)
{
	static const char *const a_fp[] = { "aaaa000000000001", "aaaa000000000002", "aaaa000000000003",
					    "aaaa000000000004", "aaaa000000000004" };
	static const enum severity a_sev[] = { SEV_HIGH, SEV_MEDIUM, SEV_LOW, SEV_HIGH, SEV_HIGH };
	static const char *const b_fp[] = { "aaaa000000000009", "aaaa000000000002", "aaaa000000000001",
					    "aaaa000000000004", "aaaa000000000008" };
	static const enum severity b_sev[] = { SEV_CRITICAL, SEV_MEDIUM, SEV_MEDIUM, SEV_HIGH, SEV_LOW };
	struct run *a = make("2026-03-01", a_fp, a_sev, 5), *b = make("2026-03-08", b_fp, b_sev, 5);
	struct rundiff d;
	char *json;
	cJSON *j;

	b->findings[1].status = ST_ADVISORY;   /* triaged since */
	b->findings[1].adv.rule = ADV_MANUAL;
	rundiff_compute(a, b, &d);
	is_int(d.count[RUNDIFF_NEW], 2, "two new (…09, …08)");
	is_int(d.count[RUNDIFF_FIXED], 2, "two fixed (…03 and the second …04)");
	is_int(d.count[RUNDIFF_UNCHANGED], 3, "three unchanged (…01, …02, one …04)");
	is_int(d.n, 7, "every finding of both runs appears once");
	ok(d.items[0].kind == RUNDIFF_NEW && d.items[0].cur == &b->findings[0] && d.items[0].old == NULL,
	   "new ones first, in the newer run's order");
	ok(d.items[1].kind == RUNDIFF_NEW && d.items[1].cur == &b->findings[4], "second new one");
	ok(d.items[2].kind == RUNDIFF_FIXED && d.items[2].old == &a->findings[2] && d.items[2].cur == NULL,
	   "fixed ones next, in the older run's order");
	ok(d.items[3].kind == RUNDIFF_FIXED && d.items[3].old == &a->findings[4],
	   "the second duplicate fingerprint is the fixed one");
	ok(d.items[4].kind == RUNDIFF_UNCHANGED && d.items[4].cur == &b->findings[1] &&
	   d.items[4].old == &a->findings[1], "unchanged pairs the same fingerprint");
	is_int(d.n_status_changed, 1, "one status change");
	is_int(d.n_severity_changed, 1, "one severity change (…01 HIGH -> MEDIUM)");
	is_int(rundiff_kind_of(&d, "aaaa000000000009"), RUNDIFF_NEW, "kind_of new");
	is_int(rundiff_kind_of(&d, "aaaa000000000001"), RUNDIFF_UNCHANGED, "kind_of unchanged");
	is_int(rundiff_kind_of(&d, "aaaa000000000003"), -1, "kind_of a fixed one is -1 (not in the newer run)");
	is_int(rundiff_new_at_or_above(&d, SEV_HIGH), 1, "one new finding at or above HIGH");
	is_int(rundiff_new_at_or_above(&d, SEV_LOW), 2, "two new at or above LOW");
	b->findings[0].status = ST_FALSE_POSITIVE;
	is_int(rundiff_new_at_or_above(&d, SEV_HIGH), 0, "a triaged new finding does not gate");
	b->findings[0].status = ST_OPEN;
	is_str(rundiff_kind_name(RUNDIFF_FIXED), "fixed", "kind names");

	json = export_diff_json(a, NULL, b, NULL, &d);
	j = cJSON_Parse(json);
	ok(j != NULL, "diff JSON parses");
	is_int(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "counts"), "new")->valueint, 2, "JSON counts.new");
	is_int(cJSON_GetArraySize(cJSON_GetObjectItem(j, "fixed")), 2, "JSON fixed array");
	is_str(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "new"), 0), "fingerprint")->valuestring,
	       "aaaa000000000009", "JSON new[0] fingerprint");
	is_str(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "unchanged"), 0),
				   "previous_status")->valuestring, "open", "JSON unchanged carries previous status");
	is_str(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "to"), "date")->valuestring, "2026-03-08", "JSON to.date");
	cJSON_Delete(j);
	free(json);
	rundiff_free(&d);
	ok(d.items == NULL && d.n == 0, "rundiff_free resets");

	/* a run against itself: nothing new, nothing fixed */
	rundiff_compute(a, a, &d);
	ok(d.count[RUNDIFF_NEW] == 0 && d.count[RUNDIFF_FIXED] == 0 && d.count[RUNDIFF_UNCHANGED] == 5,
	   "a run against itself is all unchanged");
	rundiff_free(&d);
	run_free(a);
	run_free(b);
}

static void test_empty(void)
{
	struct run *a = make("2026-03-01", NULL, NULL, 0);
	static const char *const fp[] = { "bbbb000000000001" };
	static const enum severity sev[] = { SEV_LOW };
	struct run *b = make("2026-03-02", fp, sev, 1);
	struct rundiff d;

	rundiff_compute(a, b, &d);
	ok(d.n == 1 && d.count[RUNDIFF_NEW] == 1, "empty -> one: one new");
	rundiff_free(&d);
	rundiff_compute(b, a, &d);
	ok(d.n == 1 && d.count[RUNDIFF_FIXED] == 1, "one -> empty: one fixed");
	rundiff_free(&d);
	run_free(a);
	run_free(b);
}

static void test_history(void)
{
	char dir[] = "/tmp/ppaudit-test-hist-XXXXXX", err[600] = "";
	static const char *const fp[] = { "cccc000000000001" };
	static const enum severity sev[] = { SEV_HIGH };
	const char *dates[] = { "2026-03-08", "2026-03-01", "2026-02-20" };
	struct run *r;
	char *hist, *run_dir = NULL, **list, *latest;
	size_t i, n;

	ok(history_is_date("2026-03-01") && !history_is_date("2026-3-01") &&
	   !history_is_date("latest") && !history_is_date(NULL), "history_is_date");
	if (!ok(mkdtemp(dir) != NULL, "temp dir"))
		return;
	ok(history_latest(dir) == NULL, "no history: no latest");
	r = history_load(dir, NULL, NULL, err, sizeof err);
	ok(r == NULL && strstr(err, "no dated runs") != NULL, "no history: a clear error");
	hist = history_dir(dir);
	for (i = 0; i < 3; i++) {
		struct run *w = make(dates[i], fp, sev, 1);
		char *d = fs_join(hist, dates[i]), *p = fs_join(d, "run.json"), *text = run_to_json(w);

		fs_mkdir_p(d, 0777);
		fs_write_atomic(p, text, strlen(text));
		free(text);
		free(p);
		free(d);
		run_free(w);
	}
	{
		char *junk = fs_join(hist, "not-a-date");
		fs_mkdir_p(junk, 0777);
		free(junk);
	}
	list = history_dates(dir, &n);
	ok(n == 3 && strcmp(list[0], "2026-02-20") == 0 && strcmp(list[2], "2026-03-08") == 0,
	   "dates sorted oldest first, other folders ignored");
	history_dates_free(list, n);
	latest = history_latest(dir);
	is_str(latest, "2026-03-08", "latest");
	free(latest);
	r = history_load(dir, "previous", &run_dir, err, sizeof err);
	ok(r != NULL && strcmp(r->date, "2026-03-01") == 0, "previous is the one before the latest");
	ok(run_dir && strstr(run_dir, "ln-650/2026-03-01") != NULL, "run_dir of the loaded run");
	if (r)
		run_free(r);
	free(run_dir);
	r = history_load(dir, "2026-01-01", NULL, err, sizeof err);
	ok(r == NULL && strstr(err, "no run 2026-01-01") != NULL, "a missing date names it");
	r = history_load(dir, "yesterday", NULL, err, sizeof err);
	ok(r == NULL && strstr(err, "is not a run") != NULL, "a non-date is refused");
	{
		char *p = history_triage_path(dir);
		ok(strstr(p, "docs/project/.audit/ln-650/triage.json") != NULL, "triage path");
		free(p);
	}
	{
		char *o = history_out_root(dir, hist, err, sizeof err);
		is_str(o, hist, "--output-dir wins");
		free(o);
		o = history_out_root(dir, NULL, err, sizeof err);
		is_str(o, dir, "no config: the root");
		free(o);
	}
	free(hist);
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);
		ok(system(cmd) == 0, "cleanup");
		free(cmd);
	}
}

int main(void)
{
	test_compute();
	test_empty();
	test_history();
	return done_testing();
}
