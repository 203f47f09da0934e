/* sync_sleep (ln-653): a blocking sleep on an event loop. */
#include "auditor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "db-ops.h"
#include "dispatch.h"
#include "semantic.h"
#include "rp.h"
#include "util/xalloc.h"

/* sync_sleep | `time.sleep()` inside an async function | HIGH in a handler,
 * MEDIUM in background */
static void rp_check_sync_sleep(const struct audit_input *in, struct finding_sink *out,
				size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	static const char *const no_kv[] = { NULL };
	const char *kv[] = { "args", NULL, "background", NULL, NULL };
	char call[160], loop[80], background[160], *args, *fix;
	struct finding *f;
	unsigned role;

	if ((c->flags & NF_DECORATOR) || !rp_on_event_loop(in, fi, c) || sem_offloaded(m, c) ||
	    !catalog_match_call(catalog_get(m->lang, "sync_sleep"), m, c))
		return;
	role = index_role_at(in->proj, (uint32_t)fi, c);
	f = auditor_emit(in, out, &rp_checks[RP_SYNC_SLEEP], sem_request_severity(role), fi, c);
	if (f == NULL)
		return;
	sem_call_brief(m, c, call, sizeof call);
	finding_set_issue(f, "`%s` blocks the event loop inside %s `%s`%s: nothing else on this "
			  "worker runs while it sleeps",
			  call, sem_role_words(role, sem_in_async(m, c)), sem_func_name(m, c),
			  rp_loop_words(m, c, loop, sizeof loop));
	args = xstrndup(span_ptr(m, c->u.call->args_text), c->u.call->args_text.len);
	if (!(role & ROLE_BACKGROUND) ||
	    !db_text(m, "sync_sleep.background", no_kv, background, sizeof background))
		background[0] = '\0';
	kv[1] = args;
	kv[3] = background;
	fix = xmalloc(strlen(args) + sizeof background + 256);
	if (db_text(m, "sync_sleep.fix", kv, fix, strlen(args) + sizeof background + 256))
		finding_set_recommendation(f, "%s", fix);
	free(fix);
	free(args);
	rp_add_loop_evidence(m, f, c);
}

static void visit(const struct audit_input *in, struct finding_sink *out, size_t fi,
		  const struct node *n)
{
	if (n->u.call != NULL && n->u.call->callee != NULL)
		rp_check_sync_sleep(in, out, fi, n);
}

const struct check_impl check_sync_sleep = {
	.def = &rp_checks[RP_SYNC_SLEEP],
	.kinds = VISITS(NODE_CALL),
	.visit = visit,
};
