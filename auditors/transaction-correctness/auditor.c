/* ln-652 Transaction Correctness: where transactions begin and end, and
 * what happens inside them; one check per file in this folder, all
 * reading a whole file at a time (the transaction spans), over the
 * statement flow of flow.c. */
#include "auditor.h"

#include "dispatch.h"
#include "tc.h"

/* In registry order (src/checks.c). */
static const struct check_impl *const tc_impls[] = {
	&check_missing_rollback, &check_transaction_wide, &check_missing_intermediate_commits,
	&check_transaction_narrow, &check_long_held_transaction,
};

_Static_assert(sizeof tc_impls / sizeof tc_impls[0] == TC_N_CHECKS,
	       "every ln-652 check has its implementation");
_Static_assert(TC_N_CHECKS == CHECKS_RP - CHECKS_TC, "the check registry block matches this auditor");

static void tc_file(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	dispatch_file(tc_impls, TC_N_CHECKS, in, fi, out);
}

/* The ln-652 entry point (its caches are in->audit's). */
static void tc_run(const struct audit_input *in, struct finding_sink *out)
{
	tc_begun_reset();
	dispatch_prepare(tc_impls, TC_N_CHECKS, in);
	auditor_for_each_file(&auditor_transaction_correctness, in, out, tc_file);
	dispatch_finish(tc_impls, TC_N_CHECKS, in);
}

const struct auditor auditor_transaction_correctness = {
	.worker = "ln-652",
	.category = CAT_TRANSACTION,
	.report_name = "652-transaction-correctness.md",
	.checks = tc_checks,
	.n_checks = TC_N_CHECKS,
	.run = tc_run,
};
