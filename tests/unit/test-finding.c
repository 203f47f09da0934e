/* Findings: names, sink, evidence, fingerprints, sort order. */
#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "tap.h"

static const struct check_def chk_loop = {
	"n_update_delete_loop", "N UPDATE/DELETE loop", CAT_QUERY, "Query Efficiency / Batch writes", 'M'
};
static const struct check_def chk_sleep = {
	"sync_sleep", "Blocking sleep", CAT_RUNTIME, "Runtime Performance / Event loop", 'S'
};

/* One finding with one evidence line. */
static struct finding *add(struct finding_sink *s, const struct check_def *c, enum severity sev,
			   const char *file, int line, const char *fn, const char *text)
{
	struct finding *f = sink_add(s, c, sev, file, line, line, fn);

	finding_add_evidence(f, line, text, strlen(text));
	return f;
}

static void test_names(void)
{
	enum severity s;
	enum finding_status st;

	is_str(severity_name(SEV_CRITICAL), "CRITICAL", "severity_name");
	is_str(severity_title(SEV_MEDIUM), "Medium", "severity_title");
	ok(severity_parse("high", &s) == 0 && s == SEV_HIGH, "severity_parse is case-insensitive");
	ok(severity_parse("severe", &s) != 0, "severity_parse rejects unknown names");
	is_str(category_id(CAT_RESOURCE), "resource_lifecycle", "category_id");
	is_str(category_name(CAT_TRANSACTION), "Transaction Correctness", "category_name");
	is_str(category_short(CAT_RUNTIME), "Runtime", "category_short");
	ok(status_parse("adr_override", &st) == 0 && st == ST_ADR_OVERRIDE, "status_parse");
	ok(status_parse("closed", &st) != 0, "status_parse rejects unknown");
	is_str(advisory_rule_name(ADV_EXECUTION_CONTEXT), "execution_context", "advisory_rule_name");
}

static void test_evidence(void)
{
	struct finding_sink s = { 0 };
	struct finding *f;
	char longline[400];

	f = add(&s, &chk_loop, SEV_HIGH, "app/jobs.py", 42, "reset_jobs",
		"        await repo.update(job)\n");
	is_str(f->evidence[0], "42: await repo.update(job)", "evidence trimmed and numbered");
	is_str(f->anchor, "await repo.update(job)", "first evidence becomes the anchor");
	is_int(f->effort, 'M', "effort defaults from the check");
	is_int(f->category, CAT_QUERY, "category from the check");
	is_int(f->original_severity, SEV_HIGH, "original severity recorded");
	finding_add_evidence(f, 43, "\tx = \"\x1b[31mred\"", 15);
	is_str(f->evidence[1], "43: x = \"?[31mred\"", "escape bytes sanitized");
	memset(longline, 'a', sizeof longline - 1);
	longline[sizeof longline - 1] = '\0';
	longline[197] = '\xc3';
	longline[198] = '\xa9';
	finding_add_evidence(f, 1, longline, strlen(longline));
	ok(strlen(f->evidence[2]) <= 200, "evidence capped at 200 bytes (%zu)", strlen(f->evidence[2]));
	/* "1: " + 197 'a' puts the two-byte é across byte 200: it must go whole */
	is_int(strlen(f->evidence[2]), 200, "cut lands on a character boundary");
	ok((unsigned char)f->evidence[2][199] == 0xc3 ? 0 : 1, "no dangling lead byte");
	finding_set_issue(f, "Loop issues %d UPDATEs", 3);
	is_str(f->issue, "Loop issues 3 UPDATEs", "finding_set_issue formats");
	{
		struct finding copy;

		finding_copy(&copy, f);
		ok(copy.evidence != f->evidence && strcmp(copy.evidence[0], f->evidence[0]) == 0,
		   "finding_copy is deep");
		finding_free(&copy);
	}
	sink_free(&s);
	ok(s.n == 0 && s.items == NULL, "sink_free empties the sink");
}

static void test_fingerprints(void)
{
	struct finding_sink a = { 0 }, b = { 0 };
	char fp1[17], fp2[17];

	add(&a, &chk_loop, SEV_HIGH, "app/jobs.py", 42, "reset_jobs", "    await repo.update(job)");
	add(&b, &chk_loop, SEV_HIGH, "app/jobs.py", 97, "reset_jobs", "await   repo.update(job)");
	add(&b, &chk_loop, SEV_HIGH, "app/jobs.py", 10, "reset_jobs", "await repo.update(job)");
	findings_fingerprint(a.items, a.n);
	findings_fingerprint(b.items, b.n);
	is_int(strlen(a.items[0].fingerprint), 16, "16 hex digits");
	ok(strspn(a.items[0].fingerprint, "0123456789abcdef") == 16, "lowercase hex");
	/* in b, line 10 is the first occurrence: it gets the same fp as a's only one */
	is_str(b.items[1].fingerprint, a.items[0].fingerprint, "same anchor on another line -> same fp");
	ok(strcmp(b.items[0].fingerprint, b.items[1].fingerprint) != 0,
	   "two identical tuples in one function -> different fps");
	strcpy(fp1, b.items[0].fingerprint);

	/* whitespace-only changes keep the fingerprint */
	sink_free(&a);
	add(&a, &chk_loop, SEV_HIGH, "app/jobs.py", 5, "reset_jobs", "await repo.update(job)");
	add(&a, &chk_loop, SEV_HIGH, "app/jobs.py", 6, "reset_jobs", "await  repo.update(job)   ");
	findings_fingerprint(a.items, a.n);
	is_str(a.items[1].fingerprint, fp1, "second occurrence stable across whitespace edits");

	/* another function, another file, another check: different */
	sink_free(&a);
	add(&a, &chk_loop, SEV_HIGH, "app/jobs.py", 42, "other", "await repo.update(job)");
	add(&a, &chk_loop, SEV_HIGH, "app/other.py", 42, "reset_jobs", "await repo.update(job)");
	add(&a, &chk_sleep, SEV_HIGH, "app/jobs.py", 42, "reset_jobs", "await repo.update(job)");
	findings_fingerprint(a.items, a.n);
	strcpy(fp2, b.items[1].fingerprint);
	ok(strcmp(a.items[0].fingerprint, fp2) && strcmp(a.items[1].fingerprint, fp2) &&
	   strcmp(a.items[2].fingerprint, fp2), "function, file and check all enter the hash");

	/* explicit anchor wins over evidence */
	sink_free(&a);
	add(&a, &chk_loop, SEV_HIGH, "app/jobs.py", 42, "reset_jobs", "for job in jobs:");
	finding_set_anchor(&a.items[0], "await repo.update(job)", 22);
	findings_fingerprint(a.items, a.n);
	is_str(a.items[0].fingerprint, fp2, "explicit anchor used");
	/* a known value (FNV-1a of "n_update_delete_loop\0a.py\0\0x\0#0", computed
	 * independently): the hash must not change between versions or platforms */
	sink_free(&a);
	add(&a, &chk_loop, SEV_HIGH, "a.py", 1, NULL, "x");
	findings_fingerprint(a.items, a.n);
	is_str(a.items[0].fingerprint, "1a8f9f83d607b729", "pinned fingerprint value");
	sink_free(&a);
	sink_free(&b);
}

/* A line of a minified file: the anchor is folded to its first 4096
 * bytes, the evidence is the same as sanitizing the whole line. */
static void test_long_line(void)
{
	struct finding_sink a = { 0 };
	size_t n = 300000, i;
	char *line = malloc(n + 1), *head;

	for (i = 0; i < n; i++)
		line[i] = i % 7 == 6 ? ' ' : i % 97 == 3 ? '\x1b' : ("ab\xc3\xa9" "cd")[i % 6];
	line[n] = '\0';
	add(&a, &chk_loop, SEV_HIGH, "app.js", 1, NULL, line);
	ok(strlen(a.items[0].anchor) <= 4096 && strlen(a.items[0].anchor) > 4000,
	   "the anchor of a 300 KB line is cut to 4096 bytes (%zu)", strlen(a.items[0].anchor));
	ok(a.items[0].anchor[strlen(a.items[0].anchor) - 1] != ' ', "and never ends in a space");
	head = strndup(line, 300);
	add(&a, &chk_loop, SEV_HIGH, "app.js", 1, NULL, head);
	is_str(a.items[0].evidence[0], a.items[1].evidence[0],
	       "the evidence is that of the line's head: only 200 bytes are kept");
	/* two lines that differ after the cut: told apart by the occurrence */
	line[n - 2] = 'z';
	add(&a, &chk_loop, SEV_HIGH, "app.js", 2, NULL, line);
	findings_fingerprint(a.items, a.n);
	ok(strcmp(a.items[0].fingerprint, a.items[2].fingerprint) != 0,
	   "lines alike for 4096 bytes still get distinct fingerprints");
	/* an anchor under the cut fingerprints as before (the pinned value) */
	sink_free(&a);
	add(&a, &chk_loop, SEV_HIGH, "a.py", 1, NULL, "x");
	findings_fingerprint(a.items, a.n);
	is_str(a.items[0].fingerprint, "1a8f9f83d607b729", "a short anchor keeps its fingerprint");
	sink_free(&a);
	free(head);
	free(line);
}

static void test_sort(void)
{
	struct finding_sink s = { 0 };

	add(&s, &chk_sleep, SEV_MEDIUM, "b.py", 3, NULL, "time.sleep(1)");
	add(&s, &chk_loop, SEV_MEDIUM, "b.py", 3, NULL, "repo.delete(x)");
	add(&s, &chk_loop, SEV_CRITICAL, "z.py", 9, NULL, "repo.delete(x)");
	add(&s, &chk_loop, SEV_MEDIUM, "a.py", 30, NULL, "repo.delete(x)");
	add(&s, &chk_loop, SEV_MEDIUM, "a.py", 4, NULL, "repo.delete(x)");
	findings_sort(s.items, s.n);
	is_str(s.items[0].file, "z.py", "critical first");
	ok(s.items[1].line == 4 && strcmp(s.items[1].file, "a.py") == 0, "then category, file, line");
	ok(s.items[2].line == 30, "line order within a file");
	is_str(s.items[3].file, "b.py", "query before runtime");
	is_str(s.items[4].check->id, "sync_sleep", "runtime category last");
	sink_free(&s);
}

int main(void)
{
	test_names();
	test_evidence();
	test_fingerprints();
	test_long_line();
	test_sort();
	return done_testing();
}
