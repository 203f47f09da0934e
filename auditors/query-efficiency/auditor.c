/* ln-651 Query Efficiency: N+1 reads, per-row writes, missing bulk
 * operations, over-fetching, redundant fetches and resolves, and caches
 * of the wrong scope; one check per file in this folder, each reading a
 * whole file at a time (loops and what feeds them). */
#include "auditor.h"

#include "dispatch.h"
#include "qe.h"

/* In the order of the former per-file function. */
static const struct check_impl *const qe_impls[] = {
	&check_missing_bulk_ops, &check_n_update_delete_loop, &check_n_plus_one,
	&check_over_fetching, &check_redundant_fetch, &check_unnecessary_resolve,
	&check_wrong_caching_scope,
};

_Static_assert(sizeof qe_impls / sizeof qe_impls[0] == QE_N_CHECKS,
	       "every ln-651 check has its implementation");
_Static_assert(QE_N_CHECKS == CHECKS_TC - CHECKS_QE, "the check registry block matches this auditor");

static void qe_file(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	dispatch_file(qe_impls, QE_N_CHECKS, in, fi, out);
}

/* The ln-651 entry point (its caches are in->audit's). */
static void qe_run(const struct audit_input *in, struct finding_sink *out)
{
	dispatch_prepare(qe_impls, QE_N_CHECKS, in);
	auditor_for_each_file(&auditor_query_efficiency, in, out, qe_file);
	dispatch_finish(qe_impls, QE_N_CHECKS, in);
}

const struct auditor auditor_query_efficiency = {
	.worker = "ln-651",
	.category = CAT_QUERY,
	.report_name = "651-query-efficiency.md",
	.checks = qe_checks,
	.n_checks = QE_N_CHECKS,
	.run = qe_run,
};
