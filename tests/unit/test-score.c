/* Scoring (SPEC §5): the penalty formula, one-decimal rounding, the
 * overall mean, and statuses that carry no penalty. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "run.h"
#include "tap.h"

static const struct check_def chk_q = { "n_plus_one", "N+1", CAT_QUERY, "Query Efficiency / N+1", 'M' };
static const struct check_def chk_t = { "missing_rollback", "Rollback", CAT_TRANSACTION, "T / R", 'S' };
static const struct check_def chk_r = { "blocking_io", "Blocking", CAT_RUNTIME, "R / B", 'S' };
static const struct check_def chk_l = { "missing_cleanup", "Cleanup", CAT_RESOURCE, "L / C", 'M' };

/* Adds n findings of one check and severity with a status. */
static void add_n(struct finding_sink *s, const struct check_def *c, enum severity sev, int n,
		  enum finding_status st)
{
	while (n-- > 0) {
		struct finding *f = sink_add(s, c, sev, "app/x.py", 10 + n, 10 + n, "f");

		f->status = st;
	}
}

/* Exact comparison to one decimal. */
static int eq1(double got, double want)
{
	return fabs(got - want) < 1e-9;
}

int main(void)
{
	struct finding_sink s = { 0 };
	struct scores sc;

	scores_compute(NULL, 0, &sc);
	ok(eq1(sc.overall, 10.0) && eq1(sc.category[CAT_QUERY], 10.0), "no findings: 10.0 everywhere");

	/* Query: 3 high + 4 medium + 1 low = 3 + 2 + 0.2 = 5.2 -> 4.8 */
	add_n(&s, &chk_q, SEV_HIGH, 3, ST_OPEN);
	add_n(&s, &chk_q, SEV_MEDIUM, 4, ST_OPEN);
	add_n(&s, &chk_q, SEV_LOW, 1, ST_OPEN);
	/* Transaction: 1 critical + 1 low = 2.2 -> 7.8 */
	add_n(&s, &chk_t, SEV_CRITICAL, 1, ST_OPEN);
	add_n(&s, &chk_t, SEV_LOW, 1, ST_OPEN);
	/* Runtime: 7 criticals = 14 -> clamped at 0 */
	add_n(&s, &chk_r, SEV_CRITICAL, 7, ST_OPEN);
	/* Resource: only non-open findings -> 10 */
	add_n(&s, &chk_l, SEV_CRITICAL, 1, ST_ADVISORY);
	add_n(&s, &chk_l, SEV_HIGH, 2, ST_ADR_OVERRIDE);
	add_n(&s, &chk_l, SEV_MEDIUM, 3, ST_FALSE_POSITIVE);
	scores_compute(s.items, s.n, &sc);
	ok(eq1(sc.category[CAT_QUERY], 4.8), "query 10 - 5.2 = 4.8 (got %.17g)", sc.category[CAT_QUERY]);
	ok(eq1(sc.category[CAT_TRANSACTION], 7.8), "transaction 7.8 (got %g)", sc.category[CAT_TRANSACTION]);
	ok(eq1(sc.category[CAT_RUNTIME], 0.0), "runtime clamps at 0 (got %g)", sc.category[CAT_RUNTIME]);
	ok(eq1(sc.category[CAT_RESOURCE], 10.0), "advisory / adr / false positive carry no penalty");
	/* (4.8 + 7.8 + 0 + 10) / 4 = 5.65 -> 5.7 (half up) */
	ok(eq1(sc.overall, 5.7), "overall mean rounded half up: 5.65 -> 5.7 (got %.17g)", sc.overall);
	is_int(sc.counts[CAT_QUERY][SEV_HIGH], 3, "open counts per category");
	is_int(sc.counts[CAT_RESOURCE][SEV_CRITICAL], 0, "advisory not counted");
	is_int(sc.totals[SEV_CRITICAL], 8, "totals by severity");
	is_int(sc.n_open, 17, "open count");
	is_int(sc.n_advisory, 1, "advisory count");
	is_int(sc.n_adr, 2, "adr count");
	is_int(sc.n_false_positive, 3, "false positive count");
	sink_free(&s);

	/* float trap: 0.1 * 3 style sums must still land on exact tenths */
	add_n(&s, &chk_q, SEV_LOW, 3, ST_OPEN);     /* 0.6 -> 9.4 */
	add_n(&s, &chk_t, SEV_MEDIUM, 1, ST_OPEN);  /* 0.5 -> 9.5 */
	add_n(&s, &chk_r, SEV_LOW, 1, ST_OPEN);     /* 0.2 -> 9.8 */
	add_n(&s, &chk_l, SEV_LOW, 1, ST_OPEN);     /* 0.2 -> 9.8 */
	scores_compute(s.items, s.n, &sc);
	ok(eq1(sc.category[CAT_QUERY], 9.4), "9.4 exactly (got %.17g)", sc.category[CAT_QUERY]);
	/* (9.4 + 9.5 + 9.8 + 9.8) / 4 = 9.625 -> 9.6 */
	ok(eq1(sc.overall, 9.6), "9.625 -> 9.6 (got %.17g)", sc.overall);
	sink_free(&s);

	/* 9.95-like case: (10 + 10 + 9.9 + 9.9) / 4 = 9.95 -> 10.0 */
	add_n(&s, &chk_r, SEV_LOW, 0, ST_OPEN);
	{
		struct finding *f = sink_add(&s, &chk_r, SEV_LOW, "a.py", 1, 1, NULL);
		(void)f;
	}
	scores_compute(s.items, s.n, &sc);
	ok(eq1(sc.category[CAT_RUNTIME], 9.8), "one low: 9.8");
	/* (10 + 10 + 9.8 + 10) / 4 = 9.95 -> 10.0 */
	ok(eq1(sc.overall, 10.0), "9.95 rounds half up to 10.0 (got %.17g)", sc.overall);
	sink_free(&s);

	/* severity lowered but still open counts at its new severity */
	{
		struct finding *f = sink_add(&s, &chk_r, SEV_HIGH, "a.py", 1, 1, NULL);

		f->severity = SEV_MEDIUM;
	}
	scores_compute(s.items, s.n, &sc);
	ok(eq1(sc.category[CAT_RUNTIME], 9.5), "lowered finding scored at its current severity");
	sink_free(&s);
	return done_testing();
}
