/* "Recommended Actions": the open findings grouped by cause and ranked
 * (issue 10, item 5). Findings of one check with the same recommendation
 * have one cause and one fix: they become one row with a count and their
 * locations. Rows are ranked by severity weight x count, cheaper effort
 * first on ties, so the table reads as a work plan. */
#include "report/actions.h"

#include <stdlib.h>
#include <string.h>

#include "util/sanitize.h"
#include "util/xalloc.h"

enum { ACTIONS_LOCATIONS = 3 };

struct action {
	const struct finding *first;     /* the most severe finding of the group */
	size_t *members;                 /* finding indexes, run order */
	size_t n, cap;
	enum severity sev;               /* the group's highest severity */
	char effort;                     /* the group's largest effort */
	long weight;
};

static long sev_weight(enum severity s)
{
	switch (s) {
	case SEV_CRITICAL: return 8;
	case SEV_HIGH: return 4;
	case SEV_MEDIUM: return 2;
	default: return 1;
	}
}

static int effort_rank(char e)
{
	return e == 'S' ? 0 : e == 'L' ? 2 : 1;
}

/* What a finding blames, from its issue text: the blocking call a helper
 * reaches ("it reaches `X` at f:l"), else the first quoted code (the
 * offending call). Points into the text; *len receives its length. */
static const char *cause_text(const struct finding *f, size_t *len)
{
	const char *t = f->issue ? f->issue : "", *q = strstr(t, "it reaches `"), *e;

	q = q ? q + 11 : strchr(t, '`');
	if (q == NULL || (e = strchr(q + 1, '`')) == NULL) {
		*len = strlen(t);
		return t;
	}
	if (strstr(t, "it reaches `") != NULL && (e = strchr(q + 1, ')')) != NULL)
		e++;   /* "`X` at file:line)": the place is part of the cause */
	else
		e = strchr(q + 1, '`');
	*len = (size_t)(e - q);
	return q;
}

/* One cause: the same check, the same fix, and the same code blamed
 * (one helper's blocking call reached from many handlers, one query
 * repeated in several places). */
static int same_cause(const struct finding *a, const struct finding *b)
{
	const char *ra = a->recommendation ? a->recommendation : "";
	const char *rb = b->recommendation ? b->recommendation : "";
	const char *ca, *cb;
	size_t la, lb;

	if (a->check != b->check || strcmp(ra, rb) != 0)
		return 0;
	ca = cause_text(a, &la);
	cb = cause_text(b, &lb);
	return la == lb && strncmp(ca, cb, la) == 0;
}

static int action_cmp(const void *pa, const void *pb)
{
	const struct action *a = pa, *b = pb;

	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	if (a->sev != b->sev)
		return a->sev > b->sev ? -1 : 1;
	if (effort_rank(a->effort) != effort_rank(b->effort))
		return effort_rank(a->effort) - effort_rank(b->effort);
	return a->members[0] < b->members[0] ? -1 : a->members[0] > b->members[0];
}

/* The groups of the open findings of category cat (-1: all), ranked. */
static struct action *group(const struct run *r, int cat, size_t *n_out)
{
	struct action *acts = NULL;
	size_t n = 0, cap = 0, i, k;

	for (i = 0; i < r->n_findings; i++) {
		const struct finding *f = &r->findings[i];
		struct action *a = NULL;

		if (f->status != ST_OPEN || (cat >= 0 && (int)f->category != cat))
			continue;
		/* a linear scan: groups are few next to findings, and the
		 * report is written once per run */
		for (k = 0; k < n && a == NULL; k++)
			if (same_cause(acts[k].first, f))
				a = &acts[k];
		if (a == NULL) {
			XGROW(acts, cap, n + 1);
			a = &acts[n++];
			memset(a, 0, sizeof *a);
			a->first = f;
			a->sev = f->severity;
			a->effort = f->effort ? f->effort : 'M';
		}
		XGROW(a->members, a->cap, a->n + 1);
		a->members[a->n++] = i;
		if (f->severity > a->sev) {
			a->sev = f->severity;
			a->first = f;
		}
		if (effort_rank(f->effort ? f->effort : 'M') > effort_rank(a->effort))
			a->effort = f->effort;
	}
	for (k = 0; k < n; k++) {
		long w = 0;
		for (i = 0; i < acts[k].n; i++)
			w += sev_weight(r->findings[acts[k].members[i]].severity);
		acts[k].weight = w;
	}
	if (n > 1)
		xqsort(acts, n, sizeof *acts, action_cmp);
	*n_out = n;
	return acts;
}

static void cell(struct strbuf *sb, const char *text)
{
	sb_addc(sb, ' ');
	sanitize_md_cell(sb, text ? text : "");
	sb_adds(sb, " |");
}

/* "a.py:12, b.py:40, c.py:7 and 4 more" */
static char *locations(const struct run *r, const struct action *a)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < a->n && i < ACTIONS_LOCATIONS; i++) {
		const struct finding *f = &r->findings[a->members[i]];
		sb_addf(&sb, "%s%s:%d", i ? ", " : "", f->file ? f->file : "", f->line);
	}
	if (a->n > ACTIONS_LOCATIONS)
		sb_addf(&sb, " and %zu more", a->n - ACTIONS_LOCATIONS);
	return sb_detach(&sb);
}

size_t actions_table(struct strbuf *sb, const struct run *r, int cat, size_t max)
{
	size_t n, i, shown;
	struct action *acts = group(r, cat, &n);

	if (n == 0) {
		sb_adds(sb, "None: there are no open findings.\n");
		free(acts);
		return 0;
	}
	sb_adds(sb, "| Priority | Category | Location | Issue | Recommendation | Effort |\n");
	sb_adds(sb, "|----------|----------|----------|-------|----------------|--------|\n");
	shown = max && n > max ? max : n;
	for (i = 0; i < shown; i++) {
		const struct action *a = &acts[i];
		char *loc = locations(r, a), effort[2] = { a->effort, '\0' };
		char *issue = a->n > 1 ? xasprintf("%s (%zu findings, one cause)", a->first->issue,
						   a->n) : NULL;

		sb_addc(sb, '|');
		cell(sb, severity_name(a->sev));
		cell(sb, category_short(a->first->category));
		cell(sb, loc);
		cell(sb, issue ? issue : a->first->issue);
		cell(sb, a->first->recommendation);
		cell(sb, effort);
		sb_addc(sb, '\n');
		free(loc);
		free(issue);
	}
	for (i = 0; i < n; i++)
		free(acts[i].members);
	free(acts);
	return n - shown;
}
