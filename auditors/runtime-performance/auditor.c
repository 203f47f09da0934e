/* ln-653 Runtime Performance: event-loop blocking (blocking_io,
 * sync_sleep, cpu_bound) and wasteful allocation (unnecessary_allocation,
 * string_concat_loop, redundant_copy), one check per file in this folder.
 *
 * The event-loop checks look only at calls that run directly in an async
 * function (or anywhere in a handler where the language has one event
 * loop): a def nested in it is another scope (usually the function handed
 * to to_thread / run_in_executor, which is the fix), and calls inside the
 * arguments of an offload wrapper run on a thread. */
#include "auditor.h"

#include "dispatch.h"
#include "rp.h"

/* In registry order (src/checks.c); the dispatcher calls them per node. */
static const struct check_impl *const rp_impls[] = {
	&check_blocking_io, &check_sync_sleep, &check_cpu_bound, &check_unnecessary_allocation,
	&check_string_concat_loop, &check_redundant_copy,
};

_Static_assert(sizeof rp_impls / sizeof rp_impls[0] == RP_N_CHECKS,
	       "every ln-653 check has its implementation");
_Static_assert(RP_N_CHECKS == CHECKS_RL - CHECKS_RP, "the check registry block matches this auditor");

static void rp_file(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	dispatch_file(rp_impls, RP_N_CHECKS, in, fi, out);
}

/* Runs ln-653 over the project. */
static void rp_run(const struct audit_input *in, struct finding_sink *out)
{
	auditor_for_each_file(&auditor_runtime_performance, in, out, rp_file);
}

const struct auditor auditor_runtime_performance = {
	.worker = "ln-653",
	.category = CAT_RUNTIME,
	.report_name = "653-runtime-performance.md",
	.checks = rp_checks,
	.n_checks = RP_N_CHECKS,
	.run = rp_run,
};
