/* Context validation (SPEC §4): ADR matches (explicit, glob, keyword
 * fallback, rejected ADRs), the execution-context rule (1 point lowers,
 * 3 points advisory), exemptions, LOW untouched, inline ignores. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "project.h"
#include "tap.h"
#include "util/fsutil.h"
#include "util/xalloc.h"
#include "validate.h"

static const struct check_def c_n1 = { "n_plus_one", "N+1 queries", CAT_QUERY, "Q / N+1", 'M' };
static const struct check_def c_loop = { "n_update_delete_loop", "N UPDATE/DELETE loop", CAT_QUERY, "Q / B", 'M' };
static const struct check_def c_io = { "blocking_io", "Blocking I/O in async code", CAT_RUNTIME, "R / B", 'S' };
static const struct check_def c_sleep = { "sync_sleep", "Blocking sleep", CAT_RUNTIME, "R / S", 'S' };
static const struct check_def c_tw = { "transaction_wide", "Wide transaction", CAT_TRANSACTION, "T / W", 'M' };
static const struct check_def c_rb = { "missing_rollback", "Missing rollback", CAT_TRANSACTION, "T / R", 'S' };

/* A heap string array. */
static char **strs(size_t n, const char *a, const char *b)
{
	char **v = xcalloc(n ? n : 1, sizeof *v);

	if (n > 0)
		v[0] = xstrdup(a);
	if (n > 1)
		v[1] = xstrdup(b);
	return v;
}

/* Appends an ADR to ctx. */
static void adr(struct context *ctx, const char *id, const char *title, const char *status,
		size_t np, const char *p0, size_t nc, const char *c0)
{
	struct adr *a;

	ctx->adrs = xrealloc(ctx->adrs, (ctx->n_adrs + 1) * sizeof *ctx->adrs);
	a = &ctx->adrs[ctx->n_adrs++];
	memset(a, 0, sizeof *a);
	a->id = xstrdup(id);
	a->title = xstrdup(title);
	a->status = status ? xstrdup(status) : NULL;
	a->file = xasprintf("docs/adr/%s.md", id);
	a->paths = strs(np, p0, NULL);
	a->n_paths = np;
	a->checks = strs(nc, c0, NULL);
	a->n_checks = nc;
}

/* Adds a finding with one evidence line. */
static struct finding *add(struct finding_sink *s, const struct check_def *c, enum severity sev,
			   const char *file, int line, const char *fn, const char *ev, const char *issue)
{
	struct finding *f = sink_add(s, c, sev, file, line, line, fn);

	finding_add_evidence(f, line, ev, strlen(ev));
	finding_set_issue(f, "%s", issue);
	return f;
}

static void test_adr(void)
{
	struct context ctx;
	struct finding_sink s = { 0 };

	memset(&ctx, 0, sizeof ctx);
	adr(&ctx, "ADR-007", "Reports read path rewrite", "Accepted", 1, "app/reports/*", 1, "n_plus_one");
	adr(&ctx, "ADR-008", "Legacy services", "Accepted", 1, "services/**/legacy_*.py", 0, NULL);
	adr(&ctx, "ADR-009", "Scripts are one-off", "Proposed", 1, "scripts/", 0, NULL);
	adr(&ctx, "ADR-010", "Nightly invoices synchronization batching", "Accepted", 0, NULL, 0, NULL);
	adr(&ctx, "ADR-011", "Blocking reads allowed", "Rejected", 1, "app/io/", 1, "blocking_io");
	adr(&ctx, "ADR-012", "Old plan", "Superseded by ADR-013", 1, "app/old/", 0, NULL);
	adr(&ctx, "ADR-014", "Invoices nightly synchronization", "Proposed", 0, NULL, 0, NULL);
	adr(&ctx, "ADR-015", "Library modules", "Accepted", 1, "lib/*.py", 0, NULL);

	add(&s, &c_n1, SEV_HIGH, "app/reports/daily.py", 10, "build", "x", "N+1 over rows");
	add(&s, &c_n1, SEV_HIGH, "app/reports/sub/deep.py", 10, "build", "x", "N+1 over rows");
	add(&s, &c_n1, SEV_HIGH, "app/orders.py", 10, "build", "x", "N+1 over rows");
	add(&s, &c_io, SEV_MEDIUM, "services/billing/v1/legacy_sync.py", 3, "f", "x", "open()");
	add(&s, &c_io, SEV_MEDIUM, "scripts/one/two.py", 3, "f", "x", "open()");
	add(&s, &c_sleep, SEV_HIGH, "app/sync/invoices.py", 3, "f", "time.sleep(1)",
	    "time.sleep() blocks during nightly synchronization of invoices");
	add(&s, &c_io, SEV_HIGH, "app/io/read.py", 3, "f", "x", "open()");
	add(&s, &c_io, SEV_HIGH, "app/old/read.py", 3, "f", "x", "open()");
	add(&s, &c_io, SEV_LOW, "scripts/low.py", 3, "f", "x", "open()");
	add(&s, &c_io, SEV_HIGH, "lib/sub/x.py", 3, "f", "x", "open()");
	add(&s, &c_io, SEV_HIGH, "lib/x.py", 3, "f", "x", "open()");
	validate_findings(s.items, s.n, &ctx, NULL);

	is_int(s.items[0].status, ST_ADR_OVERRIDE, "explicit check + path glob");
	is_str(s.items[0].adv.reason,
	       "[Planned: ADR-007] ADR-007 names check n_plus_one and path app/reports/*", "reason explains");
	is_str(s.items[0].adv.adr, "ADR-007", "adr id recorded");
	is_int(s.items[0].adv.rule, ADV_ADR, "rule adr");
	is_int(s.items[1].status, ST_ADR_OVERRIDE, "a glob matching a directory covers what is below it");
	is_int(s.items[2].status, ST_OPEN, "other path: no match");
	is_int(s.items[3].status, ST_ADR_OVERRIDE, "** glob matches deep path");
	is_str(s.items[3].adv.reason, "[Planned: ADR-008] ADR-008 names path services/**/legacy_*.py",
	       "path-only reason");
	is_int(s.items[4].status, ST_ADR_OVERRIDE, "plain directory prefix matches below it");
	is_int(s.items[5].status, ST_OPEN, "a keyword match alone silences nothing");
	is_str(s.items[5].suggest.adr, "ADR-010", "it is suggested");
	ok(s.items[5].suggest.reason &&
	   strstr(s.items[5].suggest.reason, "(keyword match: words invoices, nightly, synchronization \xe2\x80\x94 weak"),
	   "the suggestion says it is a weak keyword match: %s", s.items[5].suggest.reason);
	ok(s.items[0].suggest.adr == NULL, "an explicit match carries no suggestion");
	is_int(s.items[6].status, ST_OPEN, "rejected ADR ignored");
	is_int(s.items[7].status, ST_OPEN, "superseded ADR ignored");
	is_int(s.items[8].status, ST_OPEN, "LOW untouched even under a matching ADR");
	is_int(s.items[9].status, ST_OPEN, "single * does not cross directories");
	is_int(s.items[10].status, ST_ADR_OVERRIDE, "*.py matches in its directory");
	sink_free(&s);
	{
		/* a proposed ADR never wins by keywords alone */
		struct context c2;

		memset(&c2, 0, sizeof c2);
		c2.adrs = &ctx.adrs[6];
		c2.n_adrs = 1;
		add(&s, &c_sleep, SEV_HIGH, "app/sync/invoices.py", 3, "f", "x",
		    "time.sleep() blocks during nightly synchronization of invoices");
		validate_findings(s.items, s.n, &c2, NULL);
		is_int(s.items[0].status, ST_OPEN, "keyword fallback needs an accepted ADR");
		ok(s.items[0].suggest.adr == NULL, "and is not even suggested");
		sink_free(&s);
	}
	ctx.codebase_root = NULL;
	context_free(&ctx);
}

/* ADR paths are text from the audited tree: a glob with many stars must
 * not take exponential time (SPEC §12), and '**' keeps its meaning. */
static void test_adr_globs(void)
{
	struct context ctx;
	struct finding_sink s = { 0 };
	char pat[128] = "", file[128] = "";

	for (int i = 0; i < 24; i++)
		strcat(pat, "*a");
	strcat(pat, "b");
	memset(file, 'a', 90);
	strcpy(file + 90, ".py");
	memset(&ctx, 0, sizeof ctx);
	adr(&ctx, "ADR-020", "Stars", "Accepted", 1, pat, 0, NULL);
	adr(&ctx, "ADR-021", "Zero dirs", "Accepted", 1, "svc/**/jobs.py", 0, NULL);
	add(&s, &c_io, SEV_HIGH, file, 3, "f", "x", "open()");
	add(&s, &c_io, SEV_HIGH, "svc/jobs.py", 3, "f", "x", "open()");
	add(&s, &c_io, SEV_HIGH, "svc/a/b/jobs.py", 3, "f", "x", "open()");
	add(&s, &c_io, SEV_HIGH, "svcx/jobs.py", 3, "f", "x", "open()");
	validate_findings(s.items, s.n, &ctx, NULL);
	is_int(s.items[0].status, ST_OPEN, "24-star glob against a 90-char name: no match, no hang");
	is_int(s.items[1].status, ST_ADR_OVERRIDE, "'**/' matches zero directories");
	is_int(s.items[2].status, ST_ADR_OVERRIDE, "'**' crosses directories");
	is_int(s.items[3].status, ST_OPEN, "'**/' after a literal keeps its '/'");
	sink_free(&s);
	context_free(&ctx);
}

static const char src_sync[] =
	"import httpx\n"                                    /* 1 */
	"\n"                                                /* 2 */
	"async def init_cache(client):\n"                   /* 3 */
	"    data = open('data/seed.json').read()\n"        /* 4 */
	"    r = await client.get(URL, timeout=5)\n"        /* 5 */
	"    return data, r\n"                              /* 6 */
	"\n"                                                /* 7 */
	"async def refresh(client):\n"                      /* 8 */
	"    for name in ('a', 'b'):\n"                     /* 9 */
	"        text = open(name).read()\n"                /* 10 */
	"    return text\n";                                /* 11 */

static const char src_api[] =
	"async def on_startup():\n"                         /* 1 */
	"    cfg = open('/etc/app.toml').read()\n"          /* 2 */
	"    return cfg\n"                                  /* 3 */
	"\n"                                                /* 4 */
	"async def handler():\n"                            /* 5 */
	"    return open('x.bin').read()\n"                 /* 6 */
	"\n"                                                /* 7 */
	"async def get_items():\n"                          /* 8 */
	"    return open('y.bin').read()\n";                /* 9 */

/* A project of two parsed files rooted at root. */
static void make_project(struct project *p, const char *root)
{
	static const char *const paths[] = { "app/main.py", "app/tasks/sync.py" };
	const char *srcs[] = { src_api, src_sync };
	size_t i;

	memset(p, 0, sizeof *p);
	p->root = xstrdup(root);
	p->files = xcalloc(2, sizeof *p->files);
	p->n_files = p->cap_files = 2;
	for (i = 0; i < 2; i++) {
		p->files[i].path = xstrdup(paths[i]);
		p->files[i].lang = LANG_PYTHON;
		p->files[i].model = python_parse(xstrdup(srcs[i]), strlen(srcs[i]));
	}
}

/* Adds an ignore comment to a model by hand (the parser's own detection
 * is tested in test-python). */
static void add_ignore(struct model *m, uint32_t line, const char *checks, const char *reason)
{
	m->ignores = xrealloc(m->ignores, (m->n_ignores + 1) * sizeof *m->ignores);
	m->cap_ignores = m->n_ignores + 1;
	m->ignores[m->n_ignores].line = line;
	m->ignores[m->n_ignores].checks = arena_strdup(&m->arena, checks);
	m->ignores[m->n_ignores].reason = arena_strdup(&m->arena, reason);
	m->n_ignores++;
}

static void test_context_rule(void)
{
	char root[] = "/tmp/ppaudit-validate-XXXXXX";
	struct finding_sink s = { 0 };
	struct context ctx;
	struct project proj;
	char *p, *cmd;

	memset(&ctx, 0, sizeof ctx);
	ok(mkdtemp(root) != NULL, "temp root");
	p = xasprintf("%s/data", root);
	fs_mkdir_p(p, 0755);
	free(p);
	p = xasprintf("%s/data/seed.json", root);
	fs_write_atomic(p, "{\"a\": 1}\n", 9);
	free(p);
	make_project(&proj, root);

	/* 0 */ add(&s, &c_io, SEV_HIGH, "app/main.py", 2, "on_startup", "cfg = open('/etc/app.toml').read()", "open()");
	/* 1 */ add(&s, &c_io, SEV_HIGH, "app/tasks/sync.py", 4, "init_cache", "data = open('data/seed.json').read()", "open()");
	/* 2 */ add(&s, &c_io, SEV_MEDIUM, "app/tasks/sync.py", 10, "refresh", "text = open(name).read()", "open()");
	/* 3 */ add(&s, &c_n1, SEV_HIGH, "app/tasks/sync.py", 4, "init_cache", "x", "N+1");
	/* 4 */ add(&s, &c_loop, SEV_HIGH, "app/tasks/sync.py", 4, "init_cache", "x", "loop");
	/* 5 */ add(&s, &c_rb, SEV_CRITICAL, "app/tasks/sync.py", 4, "init_cache", "x", "rollback");
	/* 6 */ add(&s, &c_io, SEV_LOW, "app/tasks/sync.py", 4, "init_cache", "x", "open()");
	/* 7 */ add(&s, &c_sleep, SEV_HIGH, "app/tasks/sync.py", 4, "init_cache", "time.sleep(1)", "sleep");
	/* 8 */ add(&s, &c_io, SEV_HIGH, "app/main.py", 6, "handler", "return open('x.bin').read()", "open()");
	/* 9 */ add(&s, &c_io, SEV_HIGH, "app/main.py", 9, "get_items", "return open('y.bin').read()", "open()");
	/* 10 */ add(&s, &c_tw, SEV_HIGH, "app/main.py", 9, "App.__init__", "x", "wide");
	validate_findings(s.items, s.n, &ctx, &proj);

	ok(s.items[0].status == ST_OPEN && s.items[0].severity == SEV_MEDIUM &&
	   s.items[0].original_severity == SEV_HIGH, "1 point (init function): lowered one level");
	is_int(s.items[0].adv.points, 1, "one point recorded");
	is_str(s.items[0].adv.reason, "init function on_startup", "point evidence");
	is_int(s.items[0].adv.rule, ADV_EXECUTION_CONTEXT, "rule recorded");

	is_int(s.items[1].status, ST_ADVISORY, ">= 3 points: advisory");
	is_int(s.items[1].adv.points, 4, "init + tasks/ + timeout + small file");
	is_str(s.items[1].adv.reason, "init function init_cache; tasks/ path; timeout nearby "
	       "(timeout= at line 5); small file data/seed.json (9 bytes)", "each point's evidence");
	is_int(s.items[1].severity, SEV_HIGH, "advisory keeps its severity");

	ok(s.items[2].status == ST_OPEN && s.items[2].severity == SEV_LOW && s.items[2].adv.points == 2,
	   "tasks/ + small literal loop: 2 points, lowered (%d: %s)", s.items[2].adv.points,
	   s.items[2].adv.reason ? s.items[2].adv.reason : "");
	ok(s.items[2].adv.reason && strstr(s.items[2].adv.reason, "small literal iterable (line 9)"),
	   "loop evidence");

	ok(s.items[3].status == ST_OPEN && s.items[3].severity == SEV_HIGH && s.items[3].adv.rule == ADV_NONE,
	   "n_plus_one exempt");
	ok(s.items[4].status == ST_OPEN && s.items[4].severity == SEV_HIGH && s.items[4].adv.rule == ADV_NONE,
	   "n_update_delete_loop exempt");
	ok(s.items[5].status == ST_OPEN && s.items[5].severity == SEV_CRITICAL, "critical missing_rollback exempt");
	ok(s.items[6].severity == SEV_LOW && s.items[6].adv.rule == ADV_NONE, "LOW untouched");
	ok(s.items[7].severity == SEV_HIGH && s.items[7].adv.rule == ADV_NONE, "sync_sleep not a rule 6 check");
	ok(s.items[8].severity == SEV_HIGH && s.items[8].adv.rule == ADV_NONE, "handler with no points untouched");
	ok(s.items[9].severity == SEV_HIGH, "get_items is not an init function (no 'init' word)");
	ok(s.items[10].severity == SEV_HIGH, "__init__ is a constructor, not start-up code");

	/* the same rule without a project reads the evidence lines */
	sink_free(&s);
	add(&s, &c_io, SEV_HIGH, "jobs/nightly.py", 4, "bootstrap_index",
	    "await asyncio.wait_for(fetch(), 3)", "open()");
	validate_findings(s.items, s.n, &ctx, NULL);
	is_int(s.items[0].status, ST_ADVISORY, "no project: init + jobs/ + timeout from evidence");
	is_str(s.items[0].adv.reason, "init function bootstrap_index; jobs/ path; timeout nearby "
	       "(asyncio.wait_for at line 4)", "evidence-based reason");
	sink_free(&s);

	/* inline ignores */
	add_ignore(proj.files[0].model, 6, "blocking_io, sync_sleep", "read at import time only");
	add_ignore(proj.files[0].model, 9, "n_plus_one", "not this one");
	add_ignore(proj.files[1].model, 4, "", "");
	add(&s, &c_io, SEV_HIGH, "app/main.py", 6, "handler", "x", "open()");
	add(&s, &c_io, SEV_HIGH, "app/main.py", 9, "get_items", "x", "open()");
	add(&s, &c_sleep, SEV_LOW, "app/tasks/sync.py", 4, "init_cache", "x", "sleep");
	add(&s, &c_io, SEV_HIGH, "app/main.py", 2, "on_startup", "x", "open()");
	validate_inline_ignores(s.items, s.n, &proj);
	ok(s.items[0].status == ST_FALSE_POSITIVE && s.items[0].adv.rule == ADV_INLINE,
	   "ignore naming the check -> false positive");
	is_str(s.items[0].adv.reason, "read at import time only", "comment reason kept");
	is_int(s.items[1].status, ST_OPEN, "ignore naming another check: untouched");
	ok(s.items[2].status == ST_FALSE_POSITIVE, "bare ignore covers every check");
	is_str(s.items[2].adv.reason, "inline ignore", "default reason");
	is_int(s.items[3].status, ST_OPEN, "no comment: untouched");
	sink_free(&s);

	project_free(&proj);
	cmd = xasprintf("rm -rf '%s'", root);
	if (system(cmd) != 0)
		printf("# cleanup failed\n");
	free(cmd);
}

int main(void)
{
	test_adr();
	test_adr_globs();
	test_context_rule();
	return done_testing();
}
