/* error_path_leak (ln-654): an except path that returns or re-raises
 * before the resource acquired above it is closed; a generator holding a
 * session without try/finally around its yield. */
#include "auditor.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "context.h"
#include "semantic.h"
#include "db-ops.h"
#include "dispatch.h"
#include "errpath.h"
#include "index.h"
#include "semantic.h"
#include "rl.h"

/* Severity of an error-path leak from the role of the function. */
static enum severity rls_leak_severity(unsigned role)
{
	if (role & (ROLE_HANDLER | ROLE_HANDLER_PATH | ROLE_DEPENDENCY))
		return SEV_HIGH;
	return SEV_MEDIUM;
}

/* error_path_leak | an `except`/`catch`/`if err != nil` path that returns
 * or re-raises before the acquired resource is closed; a generator holding
 * a session without `try/finally` around `yield` | CRITICAL in
 * high-frequency handlers, HIGH in handlers, MEDIUM in background */
static void rl_check_error_path_leak(const struct audit_input *in, struct finding_sink *out,
			      size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = sem_func(m, c), *exit_, *exc;
	const char *var;
	enum rl_res r;
	struct finding *f;
	unsigned role;
	char call[160];
	size_t len = 0;
	const char *t;

	if (fn == NULL || (c->flags & (NF_DECORATOR | NF_HEADER)) ||
	    (r = rl_acquisition(in->proj, m, c)) == RES_NONE ||
	    m->nodes[c->parent].kind != NODE_ASSIGN || (var = rl_bound_var(m, c)) == NULL ||
	    rl_escapes(m, fn, var, c->line) ||
	    (r == RES_CURSOR && rl_cursor_owner_released(m, fn, c)) ||
	    (exit_ = rl_leaky_except(m, fn, var, c)) == NULL)
		return;
	role = index_role_at(in->proj, (uint32_t)fi, c);
	f = auditor_emit(in, out, &rl_checks[RL_ERROR_PATH_LEAK], rls_leak_severity(role), fi, c);
	if (f == NULL)
		return;
	exc = model_ancestor(m, exit_, NODE_EXCEPT);
	sem_call_brief(m, c, call, sizeof call);
	finding_set_issue(f, "`%s = %s` in `%s`: the `%s` branch at line %u %s before the %s "
			  "is closed, so every failure leaks it%s",
			  var, call, sem_func_name(m, c), sem_catch_word(m),
			  exc ? exc->line : exit_->line,
			  exit_->kind == NODE_RAISE ? (strcmp(sem_throw_word(m), "raises") == 0 ?
						       "re-raises" : "re-throws") : "returns",
			  rl_res_name(r),
			  r == RES_SESSION || r == RES_CONNECTION ?
			  " (a pooled connection stays checked out)" : "");
	if (db_advice(in, m, "error_path_leak", rl_res_name(r), f)) {
		if ((t = model_line(m, exit_->line, &len)) != NULL)
			finding_add_evidence(f, (int)exit_->line, t, len);
		return;
	}
	finding_set_recommendation(f, "Close it in `finally` (or acquire it with `%swith`) so "
				   "the error path releases it too.",
				   sem_in_async(m, c) ? "async " : "");
	if ((t = model_line(m, exit_->line, &len)) != NULL)
		finding_add_evidence(f, (int)exit_->line, t, len);
}

/* error_path_leak, generator form: a dependency / generator that yields a
 * session it acquired, with no try/finally around the yield. */
static void rl_check_generator_leak(const struct audit_input *in, struct finding_sink *out,
			     size_t fi, const struct node *fn)
{
	const struct model *m = in->proj->files[fi].model;

	if (!(fn->flags & NF_GENERATOR))
		return;
	for (const struct node *y = NULL; (y = model_walk(m, fn, y, 0)); ) {
		const struct node *as, *c, *tr;
		char var[96];
		enum rl_res r;
		struct finding *f;
		unsigned role;

		if (y->kind != NODE_YIELD || y->value.len == 0 || y->value.len >= sizeof var)
			continue;
		span_copy(m, y->value, var, sizeof var);
		if ((as = sem_assignment(m, fn, var, y->line)) == NULL ||
		    (c = sem_first_call(m, as)) == NULL ||
		    (r = rl_acquisition(in->proj, m, c)) == RES_NONE || rl_bound_var(m, c) == NULL)
			continue;
		/* a try with finally around the yield closes it on every path */
		for (tr = model_ancestor(m, y, NODE_TRY); tr; tr = model_ancestor(m, tr, NODE_TRY)) {
			int has_finally = 0;

			for (uint32_t k = tr->first_child;
			     k && budget_step(); k = m->nodes[k].next_sibling)
				if (m->nodes[k].kind == NODE_FINALLY)
					has_finally = 1;
			if (has_finally)
				break;
		}
		if (tr != NULL && model_is_within(m, tr, fn))
			continue;
		if (rl_released_in_finally(m, fn, var))
			continue;
		role = index_role_at(in->proj, (uint32_t)fi, fn);
		f = auditor_emit(in, out, &rl_checks[RL_ERROR_PATH_LEAK], rls_leak_severity(role),
				 fi, y);
		if (f == NULL)
			continue;
		finding_set_issue(f, "Generator `%s` yields the %s `%s` without `try/finally` around "
				  "the `yield`: when the consumer raises (a failing request), the "
				  "code after `yield` never runs and the %s leaks",
				  sem_func_name(m, fn), rl_res_name(r), var, rl_res_name(r));
		finding_set_recommendation(f, "Wrap it: `try: yield %s` / `finally: %s%s.close()`, "
					   "or `%swith` the factory around the yield.", var,
					   (fn->flags & NF_ASYNC) ? "await " : "", var,
					   (fn->flags & NF_ASYNC) ? "async " : "");
		break;
	}
}

static void visit(const struct audit_input *in, struct finding_sink *out, size_t fi,
		  const struct node *n)
{
	if (n->kind == NODE_CALL) {
		if (n->u.call != NULL && n->u.call->callee != NULL && n->u.call->name != NULL)
			rl_check_error_path_leak(in, out, fi, n);
	} else if (n->u.func != NULL && !(n->flags & NF_LAMBDA)) {
		rl_check_generator_leak(in, out, fi, n);
	}
}

const struct check_impl check_error_path_leak = {
	.def = &rl_checks[RL_ERROR_PATH_LEAK],
	.kinds = VISITS(NODE_CALL) | VISITS(NODE_FUNC),
	.visit = visit,
};
