/* factory_vs_injection (ln-654): a per-request session handed to work
 * that outlives the request. */
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

/* factory_vs_injection | a per-request session (`Depends(get_session)`)
 * handed to something that outlives the request: SSE/WebSocket endpoint,
 * `BackgroundTasks.add_task(fn, session)`, `asyncio.create_task(...)` |
 * CRITICAL for streaming, HIGH for background tasks */
static void rl_check_factory_vs_injection(const struct audit_input *in, struct finding_sink *out,
				   size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = sem_func(m, c);
	const struct param *pr;
	int streaming;
	struct finding *f;
	char call[160];

	/* the catalog tests are bit tests: do them before the parameter scan,
	 * which runs for every call of the project otherwise */
	streaming = catalog_match_call(catalog_get(m->lang, "streaming_responses"), m, c);
	if (!streaming && !catalog_match_call(catalog_get(m->lang, "background_launchers"), m, c))
		return;
	if (fn == NULL || (pr = rls_session_param(in->proj, m, fn)) == NULL ||
	    !sem_span_has_plain_ident(m, c->u.call->args_text, pr->name))
		return;
	f = auditor_emit(in, out, &rl_checks[RL_FACTORY_VS_INJECTION],
			 streaming ? SEV_CRITICAL : SEV_HIGH, fi, c);
	if (f == NULL)
		return;
	sem_call_brief(m, c, call, sizeof call);
	finding_set_issue(f, "`%s` in `%s` hands the per-request session `%s` to %s that outlives "
			  "the request: %s",
			  call, sem_func_name(m, c), pr->name,
			  streaming ? "a stream" : "a background task",
			  streaming ? "the stream keeps the session (and its connection) for its "
			  "whole life, and the dependency may close it underneath" :
			  "the dependency closes the session when the response is sent, so the "
			  "task runs on a closed (or concurrently used) session");
	rl_set_fix(f, m, streaming ? "factory_vs_injection.fix_stream" :
		   "factory_vs_injection.fix_task", (const char *const[]){ NULL });
}

static void visit(const struct audit_input *in, struct finding_sink *out, size_t fi,
		  const struct node *n)
{
	if (n->u.call != NULL && n->u.call->callee != NULL && n->u.call->name != NULL)
		rl_check_factory_vs_injection(in, out, fi, n);
}

const struct check_impl check_factory_vs_injection = {
	.def = &rl_checks[RL_FACTORY_VS_INJECTION],
	.kinds = VISITS(NODE_CALL),
	.visit = visit,
};
