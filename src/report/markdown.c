/* The Markdown reports: the consolidated persistence_audit.md (SPEC §7,
 * byte for byte the seed workflow's shape) and the four worker reports.
 *
 * Renderers read only the run and never the clock, so the same run gives
 * the same bytes. All text that came from audited files, from users
 * (issue, evidence, reasons, paths) or from a reopened run.json goes
 * through sanitize_md_cell. */
#include "report/report.h"
#include "report/actions.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "lang/lang.h"
#include "util/sanitize.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static const char *const worker_ids[CAT_COUNT] = { "ln-651", "ln-652", "ln-653", "ln-654" };
static const char *const worker_files[CAT_COUNT] = {
	"651-query-efficiency.md", "652-transaction-correctness.md",
	"653-runtime-performance.md", "654-resource-lifecycle.md"
};

/* "651-query-efficiency.md" */
const char *report_worker_file(enum category c)
{
	return (unsigned)c < CAT_COUNT ? worker_files[c] : "unknown.md";
}

/* "ln-651" */
const char *report_worker_id(enum category c)
{
	return (unsigned)c < CAT_COUNT ? worker_ids[c] : "ln-65?";
}

/* Appends a table cell's text: " text |". */
static void cell(struct strbuf *sb, const char *text)
{
	sb_addc(sb, ' ');
	sanitize_md_cell(sb, text ? text : "");
	sb_adds(sb, " |");
}

/* "file:line" cell. */
static void cell_location(struct strbuf *sb, const struct finding *f)
{
	char *loc = xasprintf("%s:%d", f->file ? f->file : "", f->line);

	cell(sb, loc);
	free(loc);
}

/* Effort letter cell. */
static void cell_effort(struct strbuf *sb, const struct finding *f)
{
	char e[2] = { f->effort ? f->effort : 'M', '\0' };

	cell(sb, e);
}

/* ---- ordering ---- */

/* qsort has no context argument in C11: sort (severity, index) pairs
 * rather than consult a global, so renders stay reentrant. */
struct sev_idx {
	int sev;
	size_t idx;
};

/* Severity desc, then the run's order (findings_sort order). */
static int sev_idx_cmp(const void *pa, const void *pb)
{
	const struct sev_idx *a = pa, *b = pb;

	if (a->sev != b->sev)
		return a->sev > b->sev ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Indexes of the findings that pass the filter, CRITICAL -> LOW.
 * cat < 0 means every category; want_open selects open (1) or
 * not-open (0) findings; by_original sorts on original severity. */
static size_t select_findings(const struct run *r, int cat, int want_open, int by_original,
			      size_t **out)
{
	struct sev_idx *v = xcalloc(r->n_findings ? r->n_findings : 1, sizeof *v);
	size_t i, n = 0;

	for (i = 0; i < r->n_findings; i++) {
		const struct finding *f = &r->findings[i];

		if (cat >= 0 && (int)f->category != cat)
			continue;
		if ((f->status == ST_OPEN) != (want_open != 0))
			continue;
		v[n].sev = (int)(by_original ? f->original_severity : f->severity);
		v[n].idx = i;
		n++;
	}
	xqsort(v, n, sizeof *v, sev_idx_cmp);
	*out = xcalloc(n ? n : 1, sizeof **out);
	for (i = 0; i < n; i++)
		(*out)[i] = v[i].idx;
	free(v);
	return n;
}

/* ---- shared pieces ---- */

/* True when b repeats a's cause: the same check at the same severity in
 * the same function of the same file (one loop's several queries, one
 * handler's several blocking reads). */
static int same_cause(const struct finding *a, const struct finding *b)
{
	return a->check == b->check && a->severity == b->severity && a->file && b->file &&
	       strcmp(a->file, b->file) == 0 && a->function && b->function &&
	       strcmp(a->function, b->function) == 0;
}

/* "| Severity | Location | Issue | Recommendation | Effort |" table of the
 * open findings of one category. Findings with one cause make one row:
 * the first one's issue and recommendation, every location, a count. */
static void findings_table(struct strbuf *sb, const struct run *r, enum category c)
{
	size_t *idx, *next, *tail, n, i, j, cap = 16;
	size_t *slot;

	sb_adds(sb, "| Severity | Location | Issue | Recommendation | Effort |\n");
	sb_adds(sb, "|----------|----------|-------|----------------|--------|\n");
	n = select_findings(r, (int)c, 1, 0, &idx);
	if (n == 0)
		sb_adds(sb, "| - | - | No issues found | - | - |\n");
	/* group by cause in one pass: a hash of (check, severity, file,
	 * function) to the group's first finding; next[] chains the rest in
	 * order, tail[] is a group's last (SIZE_MAX: none / not a leader) */
	while (cap < 2 * n + 1)
		cap *= 2;
	slot = xmalloc(cap * sizeof *slot);
	next = xmalloc((n ? n : 1) * sizeof *next);
	tail = xmalloc((n ? n : 1) * sizeof *tail);
	for (i = 0; i < cap; i++)
		slot[i] = SIZE_MAX;
	for (i = 0; i < n; i++) {
		const struct finding *f = &r->findings[idx[i]];
		uint64_t h = 1469598103934665603ull ^ (uintptr_t)f->check ^ (uint64_t)f->severity;

		next[i] = SIZE_MAX;
		tail[i] = i;
		if (f->file == NULL || f->function == NULL)
			continue;
		for (const char *q = f->file; *q; q++)
			h = (h ^ (unsigned char)*q) * 1099511628211ull;
		for (const char *q = f->function; *q; q++)
			h = (h ^ (unsigned char)*q) * 1099511628211ull;
		for (j = (size_t)h & (cap - 1); slot[j] != SIZE_MAX; j = (j + 1) & (cap - 1))
			if (same_cause(&r->findings[idx[slot[j]]], f))
				break;
		if (slot[j] == SIZE_MAX) {
			slot[j] = i;
		} else {
			size_t lead = slot[j];

			next[tail[lead]] = i;
			tail[lead] = i;
			tail[i] = SIZE_MAX;   /* a follower: printed with its leader */
		}
	}
	for (i = 0; i < n; i++) {
		const struct finding *f = &r->findings[idx[i]];
		size_t more = 0;

		if (tail[i] == SIZE_MAX)
			continue;
		for (j = next[i]; j != SIZE_MAX; j = next[j])
			more++;
		sb_addc(sb, '|');
		cell(sb, severity_name(f->severity));
		if (more == 0) {
			cell_location(sb, f);
			cell(sb, f->issue);
		} else {
			struct strbuf loc = STRBUF_INIT, issue = STRBUF_INIT;

			sb_addf(&loc, "%s:%d", f->file, f->line);
			for (j = next[i]; j != SIZE_MAX; j = next[j])
				sb_addf(&loc, ", %d", r->findings[idx[j]].line);
			sb_addf(&issue, "%zu findings of `%s` in `%s`, the first: %s", more + 1,
				f->check->id, f->function, f->issue ? f->issue : "");
			cell(sb, sb_str(&loc));
			cell(sb, sb_str(&issue));
			sb_release(&loc);
			sb_release(&issue);
		}
		cell(sb, f->recommendation);
		cell_effort(sb, f);
		sb_addc(sb, '\n');
	}
	free(slot);
	free(next);
	free(tail);
	free(idx);
}

/* Date part of an ISO-8601 time. */
static void add_date_part(struct strbuf *sb, const char *iso)
{
	size_t n = strlen(iso);

	sb_add(sb, iso, n > 10 ? 10 : n);
}

/* The "Rule" cell text of a non-open finding. */
static char *rule_text(const struct finding *f)
{
	struct strbuf sb = STRBUF_INIT;
	const char *reason = f->adv.reason && f->adv.reason[0] ? f->adv.reason : NULL;

	if (f->status == ST_FALSE_POSITIVE) {
		if (f->adv.rule == ADV_INLINE)
			sb_addf(&sb, "Inline ignore: %s", reason ? reason : "inline ignore");
		else
			sb_addf(&sb, "False positive: %s", reason ? reason : "no reason given");
	} else if (f->status == ST_ADR_OVERRIDE || f->adv.rule == ADV_ADR) {
		const char *adr = f->adv.adr ? f->adv.adr : "ADR";

		if (reason && strncmp(reason, "[Planned:", 9) == 0)
			sb_adds(&sb, reason);
		else
			sb_addf(&sb, "[Planned: %s]%s%s", adr, reason ? " " : "", reason ? reason : "");
	} else if (f->adv.rule == ADV_EXECUTION_CONTEXT) {
		sb_addf(&sb, "Execution context (%d point%s: %s)", f->adv.points,
			f->adv.points == 1 ? "" : "s", reason ? reason : "");
	} else if (f->adv.rule == ADV_INLINE) {
		sb_addf(&sb, "Inline ignore: %s", reason ? reason : "inline ignore");
	} else {
		sb_addf(&sb, "Manual advisory: %s", reason ? reason : "no reason given");
		if (f->adv.author || f->adv.time) {
			sb_adds(&sb, " (");
			if (f->adv.author)
				sb_adds(&sb, f->adv.author);
			if (f->adv.author && f->adv.time)
				sb_adds(&sb, ", ");
			if (f->adv.time)
				add_date_part(&sb, f->adv.time);
			sb_addc(&sb, ')');
		}
	}
	return sb_detach(&sb);
}

/* "### Advisory Findings" section for one category or all (cat < 0). */
static void advisory_section(struct strbuf *sb, const struct run *r, int cat)
{
	size_t *idx, n, i, k;

	sb_adds(sb, "### Advisory Findings\n\n");
	n = select_findings(r, cat, 0, 1, &idx);
	if (n == 0) {
		sb_adds(sb, "None.\n");
		free(idx);
		return;
	}
	sb_adds(sb, "| Original Severity | Location | Check | Rule | Evidence |\n");
	sb_adds(sb, "|-------------------|----------|-------|------|----------|\n");
	for (i = 0; i < n; i++) {
		const struct finding *f = &r->findings[idx[i]];
		struct strbuf ev = STRBUF_INIT;
		char *rule = rule_text(f);

		for (k = 0; k < f->n_evidence; k++) {
			if (k)
				sb_adds(&ev, " / ");
			sb_adds(&ev, f->evidence[k]);
		}
		sb_addc(sb, '|');
		cell(sb, severity_name(f->original_severity));
		cell_location(sb, f);
		cell(sb, f->check ? f->check->id : "");
		cell(sb, rule);
		cell(sb, ev.len ? sb_str(&ev) : "-");
		sb_addc(sb, '\n');
		free(rule);
		sb_release(&ev);
	}
	free(idx);
}

/* The keyword-only ADR matches of the open findings (SPEC §4: a weaker
 * fallback, shown as such and never applied), after the advisories of
 * one category or all (cat < 0); nothing when there are none. */
static void suggestion_section(struct strbuf *sb, const struct run *r, int cat)
{
	size_t *idx, n, i, shown = 0;

	n = select_findings(r, cat, 1, 0, &idx);
	for (i = 0; i < n; i++) {
		const struct finding *f = &r->findings[idx[i]];

		if (!f->suggest.adr)
			continue;
		if (shown++ == 0) {
			sb_adds(sb, "\nADR suggestions (keyword match only, not applied: the findings stay "
				    "open; link one with `ppaudit triage adr ID ADR`, or name the path or "
				    "check in the ADR):\n\n");
			sb_adds(sb, "| Severity | Location | Check | Suggested ADR | Why |\n");
			sb_adds(sb, "|----------|----------|-------|---------------|-----|\n");
		}
		sb_addc(sb, '|');
		cell(sb, severity_name(f->severity));
		cell_location(sb, f);
		cell(sb, f->check ? f->check->id : "");
		cell(sb, f->suggest.adr);
		cell(sb, f->suggest.reason ? f->suggest.reason : "-");
		sb_addc(sb, '\n');
	}
	free(idx);
}

/* Per-check count of open findings, for the notes and the summary. */
struct check_tally {
	const char *id;
	unsigned count;
};

/* Count desc, id asc. */
static int tally_cmp(const void *pa, const void *pb)
{
	const struct check_tally *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->id, b->id);
}

/* Tallies open findings of category c by check into *out (heap). */
static size_t tally_checks(const struct run *r, enum category c, struct check_tally **out)
{
	struct check_tally *t = xcalloc(r->n_findings ? r->n_findings : 1, sizeof *t);
	size_t i, k, n = 0;

	for (i = 0; i < r->n_findings; i++) {
		const struct finding *f = &r->findings[i];
		const char *id = f->check ? f->check->id : "?";

		if (f->category != c || f->status != ST_OPEN)
			continue;
		for (k = 0; k < n && strcmp(t[k].id, id) != 0; k++)
			;
		if (k == n)
			t[n++].id = id;
		t[k].count++;
	}
	xqsort(t, n, sizeof *t, tally_cmp);
	*out = t;
	return n;
}

/* "3 high, 4 medium, 1 low" (zero counts left out) into sb. */
static void severity_phrase(struct strbuf *sb, const unsigned counts[SEV_COUNT])
{
	size_t start = sb->len;
	int s, first = 1;

	for (s = SEV_CRITICAL; s >= SEV_LOW; s--) {
		if (!counts[s])
			continue;
		sb_addf(sb, "%s%u %s", first ? "" : ", ", counts[s], severity_name((enum severity)s));
		first = 0;
	}
	/* severity_name is upper case; the notes read better in lower case */
	for (size_t i = start; i < sb->len; i++)
		if (sb->buf[i] >= 'A' && sb->buf[i] <= 'Z')
			sb->buf[i] = (char)(sb->buf[i] - 'A' + 'a');
}

/* The Notes cell of the compliance table. */
static char *category_notes(const struct run *r, const struct scores *sc, enum category c)
{
	struct strbuf sb = STRBUF_INIT;
	struct check_tally *t;
	size_t n, i;

	n = tally_checks(r, c, &t);
	if (n == 0) {
		free(t);
		return xstrdup("No issues found");
	}
	severity_phrase(&sb, sc->counts[c]);
	sb_adds(&sb, " (");
	for (i = 0; i < n && i < 3; i++)
		sb_addf(&sb, "%s%s \xc3\x97%u", i ? ", " : "", t[i].id, t[i].count);
	if (n > 3)
		sb_addf(&sb, ", +%zu more", n - 3);
	sb_addc(&sb, ')');
	free(t);
	return sb_detach(&sb);
}

/* The category with the lowest score; ties go to the one with more
 * critical+high findings, then to the earlier category. */
static enum category worst_category(const struct scores *sc)
{
	int c, worst = 0;

	for (c = 1; c < CAT_COUNT; c++) {
		unsigned ch = sc->counts[c][SEV_CRITICAL] + sc->counts[c][SEV_HIGH];
		unsigned wh = sc->counts[worst][SEV_CRITICAL] + sc->counts[worst][SEV_HIGH];

		if (sc->category[c] < sc->category[worst] ||
		    (sc->category[c] == sc->category[worst] && ch > wh))
			worst = c;
	}
	return (enum category)worst;
}

/* "good" / "fair" / "poor" for an overall score. */
static const char *health_word(double overall)
{
	return overall >= 8.0 ? "good" : overall >= 6.0 ? "fair" : "poor";
}

/* "**Languages:** Python (3 findings), JavaScript/TypeScript (6 findings)"
 * when the findings come from more than one language: a repository may
 * hold several services (SPEC §10). Nothing for one language. */
static void languages_line(struct strbuf *sb, const struct run *r)
{
	size_t n_fe, i, k, seen = 0;
	const struct front_end *all = lang_all(&n_fe);
	unsigned counts[32] = { 0 };

	if (n_fe > 32)
		n_fe = 32;
	for (i = 0; i < r->n_findings; i++) {
		const struct front_end *fe = r->findings[i].file ?
			lang_for_path(r->findings[i].file) : NULL;

		for (k = 0; fe != NULL && k < n_fe; k++)
			if (&all[k] == fe && counts[k]++ == 0)
				seen++;
	}
	if (seen < 2)
		return;
	sb_adds(sb, "\n**Languages:** ");
	for (k = 0, i = 0; k < n_fe; k++)
		if (counts[k] > 0)
			sb_addf(sb, "%s%s (%u finding%s)", i++ ? ", " : "", all[k].name, counts[k],
				counts[k] == 1 ? "" : "s");
	sb_adds(sb, "\n");
}

/* The 2-3 sentences under "### Executive Summary". */
static void executive_summary(struct strbuf *sb, const struct run *r, const struct scores *sc)
{
	enum category w = worst_category(sc);
	struct check_tally *t;
	size_t n;

	sb_addf(sb, "Overall persistence and performance health is %s at %.1f/10 across the four "
		"audited categories. ", health_word(sc->overall), sc->overall);
	if (sc->n_open == 0) {
		sb_adds(sb, "There are no open findings; every category scores 10.0/10.\n");
		return;
	}
	sb_addf(sb, "%u open finding%s (%u critical, %u high) need attention. ", sc->n_open,
		sc->n_open == 1 ? "" : "s", sc->totals[SEV_CRITICAL], sc->totals[SEV_HIGH]);
	n = tally_checks(r, w, &t);
	sb_addf(sb, "The weakest category is %s at %.1f/10", category_name(w), sc->category[w]);
	if (n > 0)
		sb_addf(sb, ", mostly %s (%u finding%s)", t[0].id, t[0].count,
			t[0].count == 1 ? "" : "s");
	sb_adds(sb, ".\n");
	free(t);
}

/* True when record u concerns category c (its check, or its worker id). */
static int unanalysed_in(const struct unanalysed *u, int c)
{
	const struct check_def *d;

	if (c < 0)
		return 1;
	d = checks_find(u->check);
	return d ? (int)d->category == c : strcmp(u->check, report_worker_id((enum category)c)) == 0;
}

/* The files a check could not fully analyse (all of them when c < 0,
 * else category c's), as a short paragraph and table; nothing when none. */
static void not_analysed_note(struct strbuf *sb, const struct run *r, int c)
{
	size_t i, files = 0;
	const char *last = NULL;

	for (i = 0; i < r->n_not_analysed; i++) {
		const struct unanalysed *u = &r->not_analysed[i];

		if (!unanalysed_in(u, c))
			continue;
		if (last == NULL || strcmp(last, u->file) != 0)
			files++;
		last = u->file;
	}
	if (files == 0)
		return;
	sb_addf(sb, "\n**Not fully analysed:** %zu file%s. The checks below stopped early there "
		"(work or recursion budget, SPEC §12); their findings in those files are left out "
		"and the scores cover only what was analysed.\n\n", files, files == 1 ? "" : "s");
	sb_adds(sb, "| File | Check | Reason |\n");
	sb_adds(sb, "|------|-------|--------|\n");
	for (i = 0; i < r->n_not_analysed; i++) {
		const struct unanalysed *u = &r->not_analysed[i];

		if (!unanalysed_in(u, c))
			continue;
		sb_addc(sb, '|');
		cell(sb, u->file);
		cell(sb, u->check);
		cell(sb, u->reason);
		sb_addc(sb, '\n');
	}
}

/* Display name of a knowledge-base technology id. */
static const char *technology_title(const char *id)
{
	static const char *const map[][2] = {
		{ "sqlalchemy", "SQLAlchemy" }, { "postgresql", "PostgreSQL" },
		{ "asyncio", "asyncio" }, { "fastapi", "FastAPI" }, { "starlette", "Starlette" },
		{ "django", "Django" }, { "flask", "Flask" }, { "asyncpg", "asyncpg" },
		{ "psycopg", "psycopg" }, { "psycopg2", "psycopg2" }, { "mysql", "MySQL" },
		{ "sqlite", "SQLite" }, { "celery", "Celery" }, { "httpx", "HTTPX" },
		{ "aiohttp", "aiohttp" }, { "node-pg", "Node pg" }, { "pg", "Node pg" },
		{ "go-database-sql", "Go database/sql" }, { "hikaricp", "HikariCP" },
		{ "prisma", "Prisma" }, { "typeorm", "TypeORM" }, { "python", "Python" },
	};
	size_t i;

	for (i = 0; id && i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i][0], id) == 0)
			return map[i][1];
	return id ? id : "General";
}

/* "### Sources Consulted" bullets from the context's best practices. */
static void sources_section(struct strbuf *sb, const struct run *r)
{
	size_t i, shown = 0;

	sb_adds(sb, "### Sources Consulted\n\n");
	for (i = 0; r->ctx && i < r->ctx->n_practices; i++) {
		const struct best_practice *bp = &r->ctx->practices[i];

		if (!bp->url || !bp->url[0])
			continue;
		/* a reopened run's context comes from its run.json: escape it too */
		sb_adds(sb, "- ");
		sanitize_md_cell(sb, technology_title(bp->technology));
		sb_adds(sb, ": ");
		sanitize_md_cell(sb, bp->title ? bp->title : "");
		sb_adds(sb, " \xe2\x80\x94 ");
		sanitize_md_cell(sb, bp->url);
		sb_addc(sb, '\n');
		shown++;
	}
	if (!shown)
		sb_adds(sb, "No best-practice sources matched the detected stack.\n");
}

/* ---- the consolidated report ---- */

/* The consolidated report; see report.h. */
char *report_markdown(const struct run *r)
{
	struct strbuf sb = STRBUF_INIT;
	struct scores sc;

	int c;

	scores_compute(r->findings, r->n_findings, &sc);
	sb_addf(&sb, "## Persistence & Performance Audit Report - %s\n\n", r->date);

	sb_adds(&sb, "### Executive Summary\n\n");
	executive_summary(&sb, r, &sc);
	{
		/* scores cover only what was audited, and say so (SPEC §9) */
		char *scope = run_coverage_text(&r->coverage);
		if (scope[0])
			sb_addf(&sb, "\n**Scope:** the scores cover the %zu audited file%s only. %s\n",
				r->files_scanned, r->files_scanned == 1 ? "" : "s", scope);
		free(scope);
	}
	languages_line(&sb, r);
	not_analysed_note(&sb, r, -1);

	sb_adds(&sb, "\n### Compliance Score\n\n");
	sb_adds(&sb, "| Category | Score | Notes |\n");
	sb_adds(&sb, "|----------|-------|-------|\n");
	for (c = 0; c < CAT_COUNT; c++) {
		char *notes = category_notes(r, &sc, (enum category)c);

		sb_addf(&sb, "| %s | %.1f/10 |", category_name((enum category)c), sc.category[c]);
		cell(&sb, notes);
		sb_addc(&sb, '\n');
		free(notes);
	}
	sb_addf(&sb, "| **Overall** | **%.1f/10** | |\n", sc.overall);

	sb_adds(&sb, "\n### Severity Summary\n\n");
	sb_adds(&sb, "| Severity | Count |\n");
	sb_adds(&sb, "|----------|-------|\n");
	for (c = SEV_CRITICAL; c >= SEV_LOW; c--)
		sb_addf(&sb, "| %s | %u |\n", severity_title((enum severity)c), sc.totals[c]);

	sb_adds(&sb, "\n### Findings by Category\n");
	for (c = 0; c < CAT_COUNT; c++) {
		sb_addf(&sb, "\n#### %d. %s\n\n", c + 1, category_name((enum category)c));
		findings_table(&sb, r, (enum category)c);
	}

	sb_adds(&sb, "\n### Recommended Actions (Priority-Sorted)\n\n");
	{
		/* one row per cause, the 20 that weigh most; the rest stay in
		 * the worker reports */
		size_t more = actions_table(&sb, r, -1, 20);
		if (more > 0)
			sb_addf(&sb, "\n%zu more action%s in the worker reports.\n", more,
				more == 1 ? "" : "s");
	}

	sb_addc(&sb, '\n');
	advisory_section(&sb, r, -1);
	suggestion_section(&sb, r, -1);
	sb_addc(&sb, '\n');
	sources_section(&sb, r);
	return sb_detach(&sb);
}

/* ---- worker reports ---- */

/* Checks of category c with their counts: from r->check_counts when the
 * pipeline filled it, else every check of the auditor counted from the
 * findings (all statuses: what the check reported). */
static void checks_run_table(struct strbuf *sb, const struct run *r, enum category c)
{
	size_t i, k;
	unsigned rows = 0;

	sb_adds(sb, "| Check | Count |\n");
	sb_adds(sb, "|-------|-------|\n");
	for (i = 0; i < r->check_counts_n; i++) {
		const struct check_def *d = checks_find(r->check_counts[i].check);

		if (!d || d->category != c)
			continue;
		sb_addf(sb, "| %s | %u |\n", d->id, r->check_counts[i].count);
		rows++;
	}
	if (rows || r->check_counts_n)
		return;
	{
		for (k = 0; k < worker_defs[c].n_checks; k++) {
			const struct check_def *d = &check_defs[worker_defs[c].first_check + k];
			unsigned cnt = 0;

			for (i = 0; i < r->n_findings; i++)
				if (r->findings[i].check && strcmp(r->findings[i].check->id, d->id) == 0)
					cnt++;
			sb_addf(sb, "| %s | %u |\n", d->id, cnt);
		}
	}
}

/* A worker report; see report.h. */
char *report_worker_markdown(const struct run *r, enum category c)
{
	struct strbuf sb = STRBUF_INIT;
	struct scores sc;
	unsigned total = 0;
	int s;

	scores_compute(r->findings, r->n_findings, &sc);
	for (s = 0; s < SEV_COUNT; s++)
		total += sc.counts[c][s];
	sb_addf(&sb, "## %s Audit Report - %s\n\n", category_name(c), r->date);
	sb_addf(&sb, "Worker: %s (%s)\n\n", report_worker_id(c), category_id(c));
	sb_addf(&sb, "Score: %.1f/10 | Issues: %u (C:%u H:%u M:%u L:%u)\n\n", sc.category[c], total,
		sc.counts[c][SEV_CRITICAL], sc.counts[c][SEV_HIGH], sc.counts[c][SEV_MEDIUM],
		sc.counts[c][SEV_LOW]);
	sb_adds(&sb, "### Findings\n\n");
	findings_table(&sb, r, c);
	sb_adds(&sb, "\n### Recommended Actions\n\n");
	actions_table(&sb, r, (int)c, 0);
	sb_adds(&sb, "\n### Checks Run\n\n");
	checks_run_table(&sb, r, c);
	not_analysed_note(&sb, r, (int)c);
	sb_addc(&sb, '\n');
	advisory_section(&sb, r, (int)c);
	suggestion_section(&sb, r, (int)c);
	return sb_detach(&sb);
}
