/* streaming_resource_holding (ln-654): a stream, websocket or long poll
 * that keeps a session for its whole life. */
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

/* streaming_resource_holding | an SSE / WebSocket / long-poll /
 * `StreamingResponse` / `EventSourceResponse` handler that keeps a DB
 * session or connection open for the life of the stream | CRITICAL; HIGH
 * for long-poll */
static void rl_check_streaming_resource_holding(const struct audit_input *in,
					 struct finding_sink *out, size_t fi,
					 const struct node *fn)
{
	const struct model *m = in->proj->files[fi].model;
	unsigned role = index_role_at(in->proj, (uint32_t)fi, fn);
	const struct param *pr;
	const char *pvar = NULL, *own = NULL, *var;
	const struct node *with = NULL;
	char wvar[96];

	if (!(role & (ROLE_STREAMING | ROLE_LONGPOLL | ROLE_WEBSOCKET)))
		return;
	/* the request's session (held through the stream), and one the
	 * function opens itself */
	if ((pr = rls_session_param(in->proj, m, fn)) != NULL)
		pvar = pr->name;
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); ) {
		const struct node *loop;
		struct finding *f;
		enum severity sev;

		/* a generator that opens its own session (`session =
		 * SessionLocal()`, closed in its finally) holds it while it yields */
		if (x->kind == NODE_ASSIGN && (fn->flags & NF_GENERATOR) && with == NULL) {
			const struct node *c = sem_first_call(m, x);
			const char *bound = c ? rl_bound_var(m, c) : NULL;

			if (bound != NULL && rl_acquisition(in->proj, m, c) != RES_NONE &&
			    strlen(bound) < sizeof wvar) {
				strcpy(wvar, bound);
				own = wvar;
			}
		}
		/* `async with async_session() as s:` around the streaming loop */
		if (x->kind == NODE_WITH && x->n_items && x->u.items[0].name) {
			const struct node *c = sem_first_call(m, x);

			if (c && rl_acquisition(in->proj, m, c) != RES_NONE &&
			    strlen(x->u.items[0].name) < sizeof wvar) {
				strcpy(wvar, x->u.items[0].name);
				own = wvar;
				with = x;
			}
		}
		if (x->kind != NODE_CALL || rls_releases(m, x))
			continue;
		if (pvar != NULL && rls_db_use(x, pvar))
			var = pvar;
		else if (own != NULL && rls_db_use(x, own))
			var = own;
		else
			continue;
		loop = model_enclosing_loop(m, x);
		/* `for row in session.scalars(q).yield_per(500): yield ...`
		 * streams a server-side cursor: the iterable holds it */
		if (loop == NULL && (x->flags & NF_HEADER) && m->nodes[x->parent].kind == NODE_LOOP &&
		    (fn->flags & NF_GENERATOR))
			loop = &m->nodes[x->parent];
		if (loop == NULL || (loop->flags & NF_COMPREHENSION))
			continue;
		/* a handler that builds a response from memory with its own
		 * session (`with SessionLocal() as s:` then
		 * StreamingResponse(iter([buf.getvalue()]))) closes the session
		 * before anything streams; only generators and socket or poll
		 * loops stream while they query */
		if (var == own && !(fn->flags & NF_GENERATOR) &&
		    !(role & (ROLE_WEBSOCKET | ROLE_LONGPOLL)))
			continue;
		/* a session opened inside the loop is short-lived: fine */
		if (with != NULL && var == own && model_is_within(m, with, loop))
			continue;
		sev = (role & (ROLE_STREAMING | ROLE_WEBSOCKET)) ? SEV_CRITICAL : SEV_HIGH;
		f = auditor_emit(in, out, &rl_checks[RL_STREAMING_RESOURCE_HOLDING], sev, fi, x);
		if (f == NULL)
			return;
		rl_set_issue(f, m, (role & ROLE_WEBSOCKET) ? "streaming_resource_holding.websocket" :
			     (role & ROLE_STREAMING) ? "streaming_resource_holding.streaming" :
			     "streaming_resource_holding.longpoll",
			     (const char *const[]){ "call", x->u.call->callee, "var", var,
						    "where", sem_func_name(m, fn), NULL });
		rl_set_fix(f, m, "streaming_resource_holding.fix", (const char *const[]){ NULL });
		{
			size_t len = 0;
			const char *t = model_line(m, loop->line, &len);

			if (t && loop->line != x->line)
				finding_add_evidence(f, (int)loop->line, t, len);
		}
		return; /* one per function */
	}
}

static void visit(const struct audit_input *in, struct finding_sink *out, size_t fi,
		  const struct node *n)
{
	if (n->u.func != NULL && !(n->flags & NF_LAMBDA))
		rl_check_streaming_resource_holding(in, out, fi, n);
}

const struct check_impl check_streaming_resource_holding = {
	.def = &rl_checks[RL_STREAMING_RESOURCE_HOLDING],
	.kinds = VISITS(NODE_FUNC),
	.visit = visit,
};
