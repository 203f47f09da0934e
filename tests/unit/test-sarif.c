/* SARIF and HTML exports of an in-memory run: rule table, levels,
 * locations, fingerprints, suppressions, baseline states, escaping. */
#include "tap.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auditor.h"
#include "embedded.h"
#include "report/export.h"
#include "run.h"
#include "util/fsutil.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

/* Check definitions the way an auditor declares them; the exporters find
 * the real tables by id, so these only need the ids to exist there. */
static const struct check_def chk_loop = { "n_update_delete_loop", "N UPDATE/DELETE loop",
					   CAT_QUERY, "Query Efficiency / Batch writes", 'M' };
static const struct check_def chk_blocking = { "blocking_io", "Blocking I/O in async code",
					       CAT_RUNTIME, "Runtime Performance / Async I/O", 'S' };
static const struct check_def chk_rollback = { "missing_rollback", "Commit without rollback",
					       CAT_TRANSACTION, "Transaction Correctness / Rollback", 'S' };
static const struct check_def chk_cleanup = { "missing_cleanup", "Resource without cleanup",
					      CAT_RESOURCE, "Resource Lifecycle / Cleanup", 'S' };

/* Adds a finding to the run being built. */
static struct finding *add(struct finding_sink *s, const struct check_def *c, enum severity sev,
			   const char *file, int line, const char *fn, const char *issue,
			   const char *evidence)
{
	struct finding *f = sink_add(s, c, sev, file, line, line + 1, fn);

	finding_set_issue(f, "%s", issue);
	finding_set_recommendation(f, "Fix %s.", c->id);
	finding_add_evidence(f, line, evidence, strlen(evidence));
	f->effort = c->effort;
	return f;
}

/* A run with open, advisory, ADR, inline-ignored and hostile findings. */
static struct run *make_run(void)
{
	struct finding_sink s = { 0 };
	struct run *r = xcalloc(1, sizeof *r);
	struct finding *f;

	add(&s, &chk_loop, SEV_HIGH, "app/jobs.py", 42, "reset_jobs",
	    "Loop over jobs issues one UPDATE per job via repo.update().",
	    "        await repo.update(job.id, status=\"queued\")");
	f = add(&s, &chk_blocking, SEV_MEDIUM, "app/api/reports.py", 12, "read_report",
		"open() blocks the event loop", "    data = open(path).read()");
	f->status = ST_ADVISORY;
	f->adv.rule = ADV_MANUAL;
	f->adv.reason = xstrdup("config file read once at startup");
	f->adv.author = xstrdup("Dana Reviewer");
	f->adv.time = xstrdup("2026-03-02T10:00:00Z");
	f = add(&s, &chk_rollback, SEV_MEDIUM, "app/db.py", 30, NULL,
		"commit() without rollback", "session.commit()");
	f->status = ST_FALSE_POSITIVE;
	f->adv.rule = ADV_INLINE;
	f->adv.reason = xstrdup("framework rolls back");
	f = add(&s, &chk_cleanup, SEV_HIGH, "app/my file.py", 7, "Repo.load",
		"Session() never closed", "s = Session()");
	f->status = ST_ADR_OVERRIDE;
	f->adv.rule = ADV_ADR;
	f->adv.adr = xstrdup("ADR-007");
	f->adv.reason = xstrdup("ADR-007 names app/my file.py");
	add(&s, &chk_loop, SEV_LOW, "app/jobs.py", 80, "purge",
	    "<script>alert(1)</script> & \"quotes\" in issue", "repo.delete(x)  # <b>");
	/* the same line text twice in one file: occurrences 1 and 2 */
	add(&s, &chk_blocking, SEV_CRITICAL, "app/jobs.py", 90, "purge", "second", "repo.delete(x)  # <b>");

	r->findings = s.items;
	r->n_findings = s.n;
	findings_fingerprint(r->findings, r->n_findings);
	run_number_findings(r);
	memcpy(r->date, "2026-03-01", 11);
	r->root = xstrdup("/srv/jobs service");
	r->tool_version = xstrdup("9.9.9");
	return r;
}

/* Object member by key (NULL-safe). */
static const cJSON *get(const cJSON *o, const char *key)
{
	return o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
}

/* String member or NULL. */
static const char *gets(const cJSON *o, const char *key)
{
	const cJSON *v = get(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The result whose properties.id is id. */
static const cJSON *result_by_id(const cJSON *results, const char *id)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, results) {
		const char *v = gets(get(e, "properties"), "id");
		if (v && strcmp(v, id) == 0)
			return e;
	}
	return NULL;
}

static void test_rules_and_results(const struct run *r)
{
	struct sarif_opts o = { 0 };
	char *text;
	cJSON *log;
	const cJSON *run, *driver, *rules, *results, *res, *rule, *loc, *fp, *sup;
	size_t a, i, n_checks = 0;
	int idx, all_ok = 1;

	text = export_sarif(r, &o);
	log = cJSON_Parse(text);
	ok(log != NULL, "SARIF parses as JSON");
	is_str(gets(log, "version"), "2.1.0", "version 2.1.0");
	ok(gets(log, "$schema") && strstr(gets(log, "$schema"), "sarif-schema-2.1.0.json"),
	   "$schema names the 2.1.0 schema");
	is_int(cJSON_GetArraySize(get(log, "runs")), 1, "one run");
	run = cJSON_GetArrayItem(get(log, "runs"), 0);
	driver = get(get(run, "tool"), "driver");
	is_str(gets(driver, "name"), "ppaudit", "driver name");
	is_str(gets(driver, "version"), "9.9.9", "driver version from the run");
	ok(get(driver, "informationUri") == NULL, "informationUri omitted when there is none");

	rules = get(driver, "rules");
	for (a = 0; a < CAT_COUNT; a++)
		n_checks += auditors[a]->n_checks;
	is_int(cJSON_GetArraySize(rules), n_checks, "one rule per check of every auditor");
	for (a = 0, idx = 0; a < CAT_COUNT; a++) {
		for (i = 0; i < auditors[a]->n_checks; i++, idx++) {
			const struct check_def *c = &auditors[a]->checks[i];
			const cJSON *ru = cJSON_GetArrayItem(rules, idx);
			const char *tag = cJSON_GetArrayItem(get(get(ru, "properties"), "tags"), 0)
						  ? cJSON_GetArrayItem(get(get(ru, "properties"), "tags"), 0)->valuestring
						  : NULL;
			if (!gets(ru, "id") || strcmp(gets(ru, "id"), c->id) != 0 ||
			    !gets(get(ru, "shortDescription"), "text") ||
			    strcmp(gets(get(ru, "shortDescription"), "text"), c->title) != 0 ||
			    !gets(get(ru, "fullDescription"), "text") || !gets(get(ru, "help"), "text") ||
			    !gets(get(ru, "help"), "markdown") || !tag ||
			    strcmp(tag, category_id(c->category)) != 0 || !gets(ru, "name") ||
			    strchr(gets(ru, "name"), '_') != NULL)
				all_ok = 0;
		}
	}
	ok(all_ok, "every rule has id, CamelCase name, descriptions, help and its category tag");
	rule = NULL;
	cJSON_ArrayForEach(res, rules)
		if (gets(res, "id") && strcmp(gets(res, "id"), "n_update_delete_loop") == 0)
			rule = res;
	if (rule) {
		is_str(gets(rule, "name"), "NUpdateDeleteLoop", "rule name is CamelCase of the id");
		is_str(gets(get(rule, "defaultConfiguration"), "level"), "error",
		       "a HIGH-topped check defaults to error");
	} else {
		ok(0, "n_update_delete_loop rule present");
	}
	cJSON_ArrayForEach(res, rules) {
		const struct embedded_file *doc = embedded_find("docs/blocking_io.md");
		const char *full = gets(get(res, "fullDescription"), "text");

		if (!gets(res, "id") || strcmp(gets(res, "id"), "blocking_io") != 0 || doc == NULL)
			continue;
		is_str(gets(get(res, "help"), "markdown"), doc->data, "help.markdown is the doc page");
		ok(full && strncmp(full, "Category:", 9) != 0 && strchr(full, '\n') == NULL &&
		   strstr(doc->data, "\n## ") && strlen(full) > 20,
		   "fullDescription is a prose paragraph of the page, on one line");
		ok(full && full[strlen(full) - 1] != ':' && strstr(full, "async def`: ") &&
		   strstr(full, "`open()`") && !strstr(full, "- `open"),
		   "a paragraph ending in a colon keeps the list it opens, without bullets");
	}
	cJSON_ArrayForEach(res, rules)
		if (gets(res, "id") && strcmp(gets(res, "id"), "missing_bulk_ops") == 0)
			is_str(gets(get(res, "defaultConfiguration"), "level"), "warning",
			       "a MEDIUM-topped check defaults to warning");

	ok(get(get(run, "originalUriBaseIds"), "%SRCROOT%") != NULL &&
	   gets(get(get(run, "originalUriBaseIds"), "%SRCROOT%"), "uri") == NULL &&
	   gets(get(get(get(run, "originalUriBaseIds"), "%SRCROOT%"), "description"), "text") != NULL,
	   "%%SRCROOT%% is described, with no path of this machine");

	results = get(run, "results");
	is_int(cJSON_GetArraySize(results), r->n_findings, "one result per finding");
	all_ok = 1;
	cJSON_ArrayForEach(res, results) {
		const cJSON *ri = get(res, "ruleIndex");
		const cJSON *ru = cJSON_IsNumber(ri) ? cJSON_GetArrayItem(rules, ri->valueint) : NULL;
		if (!ru || strcmp(gets(ru, "id"), gets(res, "ruleId")) != 0)
			all_ok = 0;
		if (get(res, "baselineState") != NULL)
			all_ok = 0;
	}
	ok(all_ok, "every ruleIndex points at its ruleId; no baselineState without a baseline");

	res = result_by_id(results, "F0001");
	is_str(gets(res, "ruleId"), "n_update_delete_loop", "F0001 rule");
	is_str(gets(res, "level"), "error", "HIGH is error");
	is_str(gets(get(res, "message"), "text"),
	       "Loop over jobs issues one UPDATE per job via repo.update().\n\n"
	       "Recommendation: Fix n_update_delete_loop.",
	       "message is the issue, then the recommendation as its own paragraph");
	loc = get(cJSON_GetArrayItem(get(res, "locations"), 0), "physicalLocation");
	is_str(gets(get(loc, "artifactLocation"), "uri"), "app/jobs.py", "relative uri");
	is_str(gets(get(loc, "artifactLocation"), "uriBaseId"), "%SRCROOT%", "uriBaseId");
	is_int(get(get(loc, "region"), "startLine")->valueint, 42, "startLine");
	is_int(get(get(loc, "region"), "endLine")->valueint, 43, "endLine");
	is_str(gets(cJSON_GetArrayItem(get(cJSON_GetArrayItem(get(res, "locations"), 0),
					   "logicalLocations"), 0), "fullyQualifiedName"),
	       "reset_jobs", "logical location is the function");
	fp = get(res, "partialFingerprints");
	is_str(gets(fp, "ppauditFingerprint/v1"), r->findings[0].fingerprint, "ppaudit fingerprint");
	{
		char h[17], want[32];
		export_line_hash(&r->findings[0], h);
		snprintf(want, sizeof want, "%s:1", h);
		is_str(gets(fp, "primaryLocationLineHash"), want, "line hash with occurrence 1");
	}
	ok(get(res, "suppressions") == NULL, "open finding has no suppression");
	is_str(gets(get(res, "properties"), "severity"), "HIGH", "properties.severity");
	is_str(gets(get(res, "properties"), "effort"), "M", "properties.effort");
	is_str(gets(get(res, "properties"), "category"), "query_efficiency", "properties.category");
	is_str(gets(get(res, "properties"), "function"), "reset_jobs", "properties.function");

	res = result_by_id(results, "F0002");
	is_str(gets(res, "level"), "warning", "MEDIUM is warning");
	sup = cJSON_GetArrayItem(get(res, "suppressions"), 0);
	is_str(gets(sup, "kind"), "external", "manual advisory is an external suppression");
	is_str(gets(sup, "status"), "accepted", "suppression accepted");
	is_str(gets(sup, "justification"), "config file read once at startup", "justification is the reason");

	res = result_by_id(results, "F0003");
	sup = cJSON_GetArrayItem(get(res, "suppressions"), 0);
	is_str(gets(sup, "kind"), "inSource", "inline-ignore false positive is inSource");
	ok(gets(sup, "justification") && strstr(gets(sup, "justification"), "framework rolls back"),
	   "inline justification carries the reason");

	res = result_by_id(results, "F0004");
	sup = cJSON_GetArrayItem(get(res, "suppressions"), 0);
	ok(gets(sup, "justification") && strncmp(gets(sup, "justification"), "[Planned: ADR-007]", 18) == 0,
	   "ADR override justification names the ADR");
	loc = get(cJSON_GetArrayItem(get(res, "locations"), 0), "physicalLocation");
	is_str(gets(get(loc, "artifactLocation"), "uri"), "app/my%20file.py", "uri is percent-encoded");

	res = result_by_id(results, "F0005");
	is_str(gets(res, "level"), "note", "LOW is note");
	{
		const char *h5 = gets(get(res, "partialFingerprints"), "primaryLocationLineHash");
		const char *h6 = gets(get(result_by_id(results, "F0006"), "partialFingerprints"),
				      "primaryLocationLineHash");
		ok(h5 && h6 && strncmp(h5, h6, 16) == 0 && strcmp(h5 + 16, ":1") == 0 &&
		   strcmp(h6 + 16, ":2") == 0, "same line text twice in a file: occurrences 1 and 2");
	}
	is_str(gets(result_by_id(results, "F0006"), "level"), "error", "CRITICAL is error");
	is_str(gets(get(run, "properties"), "date"), "2026-03-01", "run properties carry the date");
	cJSON_Delete(log);

	{
		char *again = export_sarif(r, &o);
		is_str(again, text, "two exports of the same run are byte-equal");
		free(again);
	}
	free(text);
}

static void test_baseline_and_drop(struct run *r)
{
	struct sarif_opts o = { 0 };
	struct run base = { 0 };
	char *text;
	cJSON *log;
	const cJSON *results;

	/* the baseline knew F0001 and F0005 only */
	base.findings = xcalloc(2, sizeof *base.findings);
	base.n_findings = 2;
	memcpy(base.findings[0].fingerprint, r->findings[0].fingerprint, 17);
	memcpy(base.findings[1].fingerprint, r->findings[4].fingerprint, 17);
	o.baseline = &base;
	o.drop_suppressed = 1;
	o.information_uri = "https://example.org/ppaudit";
	text = export_sarif(r, &o);
	log = cJSON_Parse(text);
	results = get(cJSON_GetArrayItem(get(log, "runs"), 0), "results");
	is_int(cJSON_GetArraySize(results), 3, "--sarif-drop-suppressed keeps the 3 open findings");
	ok(result_by_id(results, "F0002") == NULL, "dropped: advisory");
	is_str(gets(result_by_id(results, "F0001"), "baselineState"), "unchanged", "known -> unchanged");
	is_str(gets(result_by_id(results, "F0005"), "baselineState"), "unchanged", "known -> unchanged (2)");
	is_str(gets(result_by_id(results, "F0006"), "baselineState"), "new", "unknown -> new");
	is_str(gets(get(get(cJSON_GetArrayItem(get(log, "runs"), 0), "tool"), "driver"), "informationUri"),
	       "https://example.org/ppaudit", "informationUri when given");
	cJSON_Delete(log);
	free(text);
	free(base.findings);
}

static void test_html(const struct run *r)
{
	char *html = export_html(r);

	ok(strncmp(html, "<!DOCTYPE html>", 15) == 0, "HTML starts with a doctype");
	ok(strstr(html, "<script>alert(1)</script>") == NULL, "issue text cannot inject a script");
	ok(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;") != NULL,
	   "issue text is HTML-escaped");
	ok(strstr(html, "repo.delete(x)  # &lt;b&gt;") != NULL, "evidence is HTML-escaped");
	ok(strstr(html, "http://") == NULL && strstr(html, "https://") == NULL &&
	   strstr(html, "src=") == NULL && strstr(html, "href=") == NULL,
	   "no external URL, no src/href");
	ok(strstr(html, "<svg id=\"chart\"") != NULL, "inline SVG chart");
	ok(strstr(html, "data-category=\"query_efficiency\" data-severity=\"HIGH\" data-count=\"1\"") != NULL,
	   "chart bar for open HIGH query findings");
	ok(strstr(html, "data-category=\"runtime_performance\" data-severity=\"MEDIUM\"") == NULL,
	   "advisories are not charted");
	ok(strstr(html, "<input id=\"filter\"") != NULL, "filter box");
	ok(strstr(html, "id=\"cat-resource_lifecycle\"") != NULL, "a section per category");
	ok(strstr(html, "<tr class=\"advisory\" data-finding=\"F0004\"") != NULL, "ADR override in advisories");
	ok(strstr(html, "[Planned: ADR-007]") != NULL, "advisory rule shown");
	ok(strstr(html, "<meta name=\"generator\" content=\"ppaudit 9.9.9\">") != NULL, "generator tag");
	{
		char *again = export_html(r);
		is_str(again, html, "two HTML renders are byte-equal");
		free(again);
	}
	free(html);
}

static void test_files(const struct run *r)
{
	char dir[] = "/tmp/ppaudit-test-sarif-XXXXXX", err[512] = "";
	char *sarif, *html, *other, *missing, *bad;

	if (!ok(mkdtemp(dir) != NULL, "temp dir"))
		return;
	sarif = fs_join(dir, "a.sarif");
	html = fs_join(dir, "a.html");
	other = fs_join(dir, "notes.html");
	missing = fs_join(dir, "missing.sarif");
	bad = fs_join(dir, "no/such/dir/x.sarif");
	is_int(export_sarif_write(r, sarif, NULL, err, sizeof err), 0, "SARIF written");
	is_int(export_html_write(r, html, err, sizeof err), 0, "HTML written");
	fs_write_atomic(other, "<html><body>my notes</body></html>\n", 35);
	is_int(export_is_ours(sarif), 1, "our SARIF is recognised");
	is_int(export_is_ours(html), 1, "our HTML is recognised");
	is_int(export_is_ours(other), 0, "someone else's HTML is not ours");
	is_int(export_is_ours(missing), -1, "a missing file");
	is_int(export_html_write(r, bad, err, sizeof err), -1, "unwritable path fails");
	ok(strstr(err, bad) != NULL, "the error names the file");
	unlink(sarif);
	unlink(html);
	unlink(other);
	rmdir(dir);
	free(sarif);
	free(html);
	free(other);
	free(missing);
	free(bad);
}

/* Hostile file names through SARIF, HTML and TSV; line-hash occurrences
 * follow line order whatever the run order. */
static void test_hostile_names(void)
{
	struct finding_sink s = { 0 };
	struct run *r = xcalloc(1, sizeof *r);
	struct finding *f;
	struct fp_index hide;
	char *sarif, *html, *tsv;
	cJSON *log;
	const cJSON *results;
	const char *h;

	add(&s, &chk_blocking, SEV_HIGH, "app/esc\033]0;x\007\tbad\xff\n.py", 9, "h", "open()", "x = 1");
	f = add(&s, &chk_blocking, SEV_HIGH, "app/<b>.py", 30, "h", "open()", "same()");
	f->status = ST_ADVISORY;
	f->adv.rule = ADV_MANUAL;
	f->adv.reason = xstrdup("<img src=x onerror=alert(1)>");
	add(&s, &chk_blocking, SEV_HIGH, "app/<b>.py", 10, "h", "open()", "same()");
	add(&s, &chk_blocking, SEV_HIGH, "app/<b>.py", 20, "h", "open()", "same()");
	r->findings = s.items;
	r->n_findings = s.n;
	findings_fingerprint(r->findings, r->n_findings);
	run_number_findings(r);
	memcpy(r->date, "2026-03-01", 11);

	sarif = export_sarif(r, NULL);
	ok(utf8_valid(sarif) && strchr(sarif, '\033') == NULL, "SARIF: valid UTF-8, no ESC byte");
	log = cJSON_Parse(sarif);
	results = get(cJSON_GetArrayItem(get(log, "runs"), 0), "results");
	is_str(gets(get(get(cJSON_GetArrayItem(get(result_by_id(results, "F0001"), "locations"), 0),
			    "physicalLocation"), "artifactLocation"), "uri"),
	       "app/esc%1B%5D0%3Bx%07%09bad%FF%0A.py", "SARIF: the name percent-encoded in the URI");
	ok(gets(get(cJSON_GetArrayItem(get(result_by_id(results, "F0002"), "suppressions"), 0), "properties"),
		"status") != NULL, "SARIF: the advisory is a suppression");
	h = gets(get(result_by_id(results, "F0003"), "partialFingerprints"), "primaryLocationLineHash");
	ok(h && strcmp(h + 16, ":1") == 0, "line 10 is occurrence 1 (listed third)");
	h = gets(get(result_by_id(results, "F0004"), "partialFingerprints"), "primaryLocationLineHash");
	ok(h && strcmp(h + 16, ":2") == 0, "line 20 is occurrence 2");
	h = gets(get(result_by_id(results, "F0002"), "partialFingerprints"), "primaryLocationLineHash");
	ok(h && strcmp(h + 16, ":3") == 0, "line 30 is occurrence 3 (listed first)");
	cJSON_Delete(log);

	html = export_html(r);
	ok(utf8_valid(html) && strchr(html, '\033') == NULL, "HTML: valid UTF-8, no ESC byte");
	ok(strstr(html, "<img") == NULL && strstr(html, "<b>") == NULL, "HTML: no raw markup from names or reasons");

	tsv = export_tsv(r, NULL);
	{
		/* the first four columns of each record, after the header */
		struct strbuf four = STRBUF_INIT;
		const char *line = strchr(tsv, '\n');

		ok(strncmp(tsv, TSV_HEADER "\n", strlen(TSV_HEADER) + 1) == 0, "TSV: the header first");
		while (line && line[1]) {
			const char *p = line + 1, *end = strchr(p, '\n');
			int tabs = 0;

			for (; p < end && tabs < 4; p++) {
				if (*p == '\t' && ++tabs == 4)
					break;
				sb_addc(&four, *p);
			}
			sb_addc(&four, '\n');
			line = end;
		}
		is_str(sb_str(&four), "app/<b>.py:10\tblocking_io\tHIGH\topen\n"
				      "app/<b>.py:20\tblocking_io\tHIGH\topen\n"
				      "app/<b>.py:30\tblocking_io\tHIGH\tadvisory\n"
				      "app/esc\\x1b]0;x\\x07\\tbad\\xff\\n.py:9\tblocking_io\tHIGH\topen\n",
		       "TSV: sorted, one escaped line per finding");
		sb_release(&four);
	}
	free(tsv);
	fp_index_build(&hide, r);
	tsv = export_tsv(r, &hide);
	is_str(tsv, TSV_HEADER "\n", "TSV: findings in the index left out (the header stays)");
	ok(fp_index_has(&hide, r->findings[2].fingerprint) && !fp_index_has(&hide, "0000000000000000"),
	   "fp_index: members found, others not");
	fp_index_free(&hide);
	free(tsv);
	free(html);
	free(sarif);
	run_free(r);
}

int main(void)
{
	struct run *r = make_run();

	test_rules_and_results(r);
	test_baseline_and_drop(r);
	test_html(r);
	test_files(r);
	test_hostile_names();
	run_free(r);
	return done_testing();
}
