/* missing_cleanup (ln-654): a session, connection, cursor, file or pooled
 * HTTP client acquired without a guaranteed release; Go's handles without
 * a deferred Close are in deferred-release.c. */
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

/* True when a broad `except:` / `except Exception:` handler of fn closes
 * var: with a close after the try as well, both paths are covered. */
static int rl_closed_in_broad_except(const struct model *m, const struct node *fn,
				     const char *var)
{
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); ) {
		const struct node *exc;

		if (x->kind != NODE_CALL || !rl_is_close(m, x, var) ||
		    (exc = model_ancestor(m, x, NODE_EXCEPT)) == NULL || !model_is_within(m, exc, fn))
			continue;
		if (exc->flags & NF_CATCH_ALL)
			return 1;
	}
	return 0;
}

/* missing_cleanup | a session, connection, cursor or pooled client
 * acquired without guaranteed release: `Session()`, `engine.connect()`,
 * `pool.acquire()`, `await asyncpg.connect()`, `pool.connect()` without
 * `release()` in `finally` | HIGH for sessions/connections, MEDIUM for
 * files/cursors */
static const struct node *rl_gap_before_try(const struct model *m, const struct node *c,
					    const char *var);

/* missing_cleanup, second form: released in a finally, but acquired
 * before statements that may raise ahead of the try. */
static void rl_report_gap(const struct audit_input *in, struct finding_sink *out, size_t fi,
			  const struct node *c, const char *var, enum rl_res r,
			  const struct node *gap)
{
	const struct model *m = in->proj->files[fi].model;
	struct finding *f;
	char call[160], line[16];

	f = auditor_emit(in, out, &rl_checks[RL_MISSING_CLEANUP],
			 r == RES_SESSION || r == RES_CONNECTION ? SEV_HIGH : SEV_MEDIUM, fi, c);
	if (f == NULL)
		return;
	sem_call_brief(m, c, call, sizeof call);
	snprintf(line, sizeof line, "%u", gap->line);
	rl_set_issue(f, m, "missing_cleanup.gap",
		     (const char *const[]){ "var", var, "call", call, "where", sem_func_name(m, c),
					    "line", line, "what", rl_res_name(m, r), NULL });
	sem_add_line(f, m, gap->line);
	rl_set_fix(f, m, "missing_cleanup.gap_fix",
		   (const char *const[]){ "line", line, "var", var, NULL });
}

static void rl_check_missing_cleanup(const struct audit_input *in, struct finding_sink *out,
				     size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = sem_func(m, c), *closer;
	const char *var;
	enum rl_res r;
	struct finding *f;
	char call[160], line[16];

	if (fn == NULL || (c->flags & (NF_DECORATOR | NF_HEADER)) || rl_managed_here(m, c))
		return;
	if ((r = rl_acquisition(in->proj, m, c)) == RES_NONE) {
		char res[256];

		/* a pooled HTTP client (requests.Session, httpx.Client) keeps its
		 * sockets until closed; only one never closed is reported: one
		 * closed on the happy path is reclaimed soon enough */
		sem_callee(m, c, res, sizeof res);
		if (!catalog_match(catalog_get(m->lang, "http_client_factories"), res))
			return;
		r = RES_CLIENT;
	}
	if ((var = rl_bound_var(m, c)) == NULL)
		return; /* returned, chained or stored elsewhere: not ours to track */
	if (r == RES_CLIENT && (rl_close_call(m, fn, var) != NULL || rl_global(m, fn, var)))
		return;
	if (rl_released_in_finally(m, fn, var)) {
		const struct node *gap = rl_gap_before_try(m, c, var);

		if (gap != NULL && !rl_escapes(m, fn, var, c->line))
			rl_report_gap(in, out, fi, c, var, r, gap);
		return;
	}
	if (rl_escapes(m, fn, var, c->line) ||
	    (r == RES_CURSOR && rl_cursor_owner_released(m, fn, c)))
		return;
	if (rl_leaky_except(m, fn, var, c) != NULL)
		return; /* error_path_leak reports the explicit error path */
	if (rl_closed_in_broad_except(m, fn, var))
		return; /* closed on the error path and the normal path */
	f = auditor_emit(in, out, &rl_checks[RL_MISSING_CLEANUP],
			 r == RES_SESSION || r == RES_CONNECTION ? SEV_HIGH : SEV_MEDIUM, fi, c);
	if (f == NULL)
		return;
	closer = rl_close_call(m, fn, var);
	sem_call_brief(m, c, call, sizeof call);
	if (closer) {
		snprintf(line, sizeof line, "%u", closer->line);
		rl_set_issue(f, m, "missing_cleanup.closed_late",
			     (const char *const[]){ "var", var, "call", call,
						    "where", sem_func_name(m, c), "what", rl_res_name(m, r),
						    "line", line, "verb", sem_throw_word(m),
						    "tail", r == RES_SESSION ?
						    " and the pooled connection it holds" : "", NULL });
	} else {
		rl_set_issue(f, m, "missing_cleanup.never_closed",
			     (const char *const[]){ "var", var, "call", call,
						    "where", sem_func_name(m, c), "what", rl_res_name(m, r),
						    "tail", r == RES_SESSION || r == RES_CONNECTION ?
						    "; its connection stays checked out until garbage "
						    "collection, draining the pool under load" : "", NULL });
	}
	if (closer) {
		size_t len = 0;
		const char *t = model_line(m, closer->line, &len);

		if (t)
			finding_add_evidence(f, (int)closer->line, t, len);
	}
	if (db_advice(in, m, "missing_cleanup", rl_res_name(m, r), f))
		return;
	rl_set_fix(f, m, r == RES_SESSION ? "missing_cleanup.session_fix" :
		   r == RES_CONNECTION ? "missing_cleanup.connection_fix" :
		   "missing_cleanup.other_fix",
		   (const char *const[]){ "mode", rl_async_word(m, sem_in_async(m, c)),
					  "call", call, "var", var, NULL });
}

/* For a resource released in a finally: the first statement between its
 * acquisition (the statement holding c) and the try whose finally releases
 * it that calls something, so may raise and leak it; NULL when the try
 * follows at once (`f = open(p)` then `try:`) or there is no such try. */
static const struct node *rl_gap_before_try(const struct model *m, const struct node *c,
					    const char *var)
{
	const struct node *st = model_node(m, c->parent), *x, *gap = NULL;

	for (x = st->next_sibling ? model_node(m, st->next_sibling) : NULL; x != NULL;
	     x = x->next_sibling ? model_node(m, x->next_sibling) : NULL) {
		if (x->kind == NODE_TRY) {
			for (const struct node *k = NULL; (k = model_walk(m, x, k, 0)); )
				if (k->kind == NODE_CALL && rl_is_close(m, k, var) &&
				    model_ancestor(m, k, NODE_FINALLY) != NULL)
					return gap;
			return NULL;
		}
		if (gap == NULL)
			for (const struct node *k = NULL; (k = model_walk(m, x, k, 0)); )
				if (k->kind == NODE_CALL) {
					gap = x;
					break;
				}
	}
	return NULL;
}

static void visit(const struct audit_input *in, struct finding_sink *out, size_t fi,
		  const struct node *n)
{
	if (n->u.call != NULL && n->u.call->callee != NULL && n->u.call->name != NULL)
		rl_check_missing_cleanup(in, out, fi, n);
}

const struct check_impl check_missing_cleanup = {
	.def = &rl_checks[RL_MISSING_CLEANUP],
	.kinds = VISITS(NODE_CALL),
	.visit = visit,
};
