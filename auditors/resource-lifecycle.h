/* Private to auditors/resource-lifecycle*.c: the ln-654 check table, the
 * acquisition model shared by the checks, and the checks that live in
 * resource-lifecycle-scope.c. */
#ifndef PPAUDIT_RESOURCE_LIFECYCLE_H
#define PPAUDIT_RESOURCE_LIFECYCLE_H

#include "checks.h"
#include <stddef.h>

#include "auditor.h"

enum rl_check {
	RL_RESOURCE_SCOPE_MISMATCH, RL_STREAMING_RESOURCE_HOLDING, RL_MISSING_CLEANUP,
	RL_POOL_CONFIGURATION, RL_ERROR_PATH_LEAK, RL_FACTORY_VS_INJECTION, RL_N_CHECKS
};

/* this auditor's block of the check registry (src/checks.c) */
#define rl_checks (check_defs + CHECKS_RL)

/* What an acquiring call hands out. */
enum rl_res { RES_NONE, RES_SESSION, RES_CONNECTION, RES_CURSOR, RES_FILE, RES_CLIENT };

/* Classifies call c as a resource acquisition. */
enum rl_res rl_acquisition(const struct project *p, const struct model *m, const struct node *c);
const char *rl_res_name(enum rl_res r);

/* The variable a resource is bound to when call c is the whole value of
 * a plain assignment `var = c(...)` / `var = await c(...)`, or NULL. */
const char *rl_bound_var(const struct model *m, const struct node *c);

/* True when var is released (close / release / aclose / with var /
 * enter_context) inside a finally block of fn, or managed by a with. */
int rl_released_in_finally(const struct model *m, const struct node *fn, const char *var);

/* True when cursor acquisition c (`cur = conn.cursor()`) belongs to a
 * connection that fn releases in finally or a with: the cursor goes with it. */
int rl_cursor_owner_released(const struct model *m, const struct node *fn, const struct node *c);

/* The first close-like call on var in fn, or NULL. */
const struct node *rl_close_call(const struct model *m, const struct node *fn, const char *var);

/* True when var leaves fn: returned, yielded, stored on an attribute or
 * in a container, or handed to a task. */
int rl_escapes(const struct model *m, const struct node *fn, const char *var, unsigned after);

/* The except handler that returns or raises before var is closed, for the
 * resource bound at node acq; NULL when none (error_path_leak). */
const struct node *rl_leaky_except(const struct model *m, const struct node *fn,
				   const char *var, const struct node *acq);

/* True when the parameter is a per-request session injected with
 * Depends(...) (or annotated as a session). */
int rl_injected_session(const struct project *p, const struct model *m, const struct param *pr);

void rl_check_error_path_leak(const struct audit_input *in, struct finding_sink *out,
			      size_t fi, const struct node *c);
void rl_check_generator_leak(const struct audit_input *in, struct finding_sink *out,
			     size_t fi, const struct node *fn);
void rl_check_resource_scope_mismatch(const struct audit_input *in, struct finding_sink *out,
				      size_t fi, const struct node *fn);
void rl_check_streaming_resource_holding(const struct audit_input *in,
					 struct finding_sink *out, size_t fi,
					 const struct node *fn);
void rl_check_factory_vs_injection(const struct audit_input *in, struct finding_sink *out,
				   size_t fi, const struct node *c);

/* resource-lifecycle-deferred.c: where failures are values (Go). Handles
 * released by a deferred call (missing_cleanup, error_path_leak), and pools
 * configured by setters (pool_configuration); silent elsewhere. */
void rl_check_deferred_release(const struct audit_input *in, struct finding_sink *out,
			       size_t fi, const struct node *c);
/* pool_configuration for pools sized by an options object (catalog
 * pool_option_openers / pool_size_options): resource-lifecycle-options.c */
void rl_check_pool_options(const struct audit_input *in, struct finding_sink *out, size_t fi,
			   const struct node *c);
void rl_check_pool_setters(const struct audit_input *in, struct finding_sink *out, size_t fi,
			   const struct node *c);

#endif
