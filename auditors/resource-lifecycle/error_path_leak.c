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
	char call[160], line[16];
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
	snprintf(line, sizeof line, "%u", exc ? exc->line : exit_->line);
	rl_set_issue(f, m, exit_->kind == NODE_RAISE ? "error_path_leak.except_reraise" :
		     "error_path_leak.except_return",
		     (const char *const[]){ "var", var, "call", call, "where", sem_func_name(m, c),
					    "handler", sem_catch_word(m), "line", line,
					    "verb", sem_throw_word(m), "what", rl_res_name(m, r),
					    "tail", r == RES_SESSION || r == RES_CONNECTION ?
					    " (a pooled connection stays checked out)" : "", NULL });
	if (!db_advice(in, m, "error_path_leak", rl_res_name(m, r), f))
		rl_set_fix(f, m, "error_path_leak.except_fix",
			   (const char *const[]){ "mode", rl_async_word(m, sem_in_async(m, c)),
						  NULL });
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
		rl_set_issue(f, m, "error_path_leak.generator",
			     (const char *const[]){ "where", sem_func_name(m, fn),
						    "what", rl_res_name(m, r), "var", var, NULL });
		rl_set_fix(f, m, "error_path_leak.generator_fix",
			   (const char *const[]){ "var", var,
						  "waiting", rl_await_word(m, fn->flags & NF_ASYNC),
						  "mode", rl_async_word(m, fn->flags & NF_ASYNC),
						  NULL });
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
