/* ln-654 Resource Lifecycle: connection pool configuration, and sessions,
 * connections, cursors, files and clients acquired without a guaranteed
 * release, held too long or handed to work that outlives the request; one
 * check per file in this folder.
 *
 * An acquisition is tracked through the variable it is bound to, within
 * its function: released when a close()/release() sits in a finally
 * block or the variable is managed by `with`, handed over when it is
 * returned, yielded or stored on an object (someone else owns it then). */
#include "auditor.h"

#include "dispatch.h"
#include "rl.h"

/* The order of the former per-node walk; the dispatcher calls them per
 * node. deferred-release.c is Go's form of two checks (no def). */
static const struct check_impl *const rl_impls[] = {
	&check_pool_configuration, &check_missing_cleanup, &check_error_path_leak,
	&check_factory_vs_injection, &check_deferred_release, &check_resource_scope_mismatch,
	&check_streaming_resource_holding,
};
#define RL_N_IMPLS (sizeof rl_impls / sizeof rl_impls[0])

_Static_assert(RL_N_CHECKS == CHECK_COUNT - CHECKS_RL, "the check registry block matches this auditor");

static void rl_file(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	dispatch_file(rl_impls, RL_N_IMPLS, in, fi, out);
}

/* Runs ln-654 over the project. */
static void rl_run(const struct audit_input *in, struct finding_sink *out)
{
	dispatch_prepare(rl_impls, RL_N_IMPLS, in);
	auditor_for_each_file(&auditor_resource_lifecycle, in, out, rl_file);
	dispatch_finish(rl_impls, RL_N_IMPLS, in);
}

const struct auditor auditor_resource_lifecycle = {
	.worker = "ln-654",
	.category = CAT_RESOURCE,
	.report_name = "654-resource-lifecycle.md",
	.checks = rl_checks,
	.n_checks = RL_N_CHECKS,
	.run = rl_run,
};
