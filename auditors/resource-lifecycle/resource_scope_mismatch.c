/* resource_scope_mismatch (ln-654): a handler keeps the request session
 * long after its last use. */
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

/* resource_scope_mismatch | a session/connection injected for the whole
 * handler (`Depends(get_db)`) but used in less than 20 % of the body, with
 * non-DB work after it | CRITICAL in streaming handlers, HIGH with external
 * calls after the last DB use, MEDIUM when > 50 lines of non-DB work follow */
static void rl_check_resource_scope_mismatch(const struct audit_input *in, struct finding_sink *out,
				      size_t fi, const struct node *fn)
{
	const struct model *m = in->proj->files[fi].model;
	const struct func_info *info = fn->u.func;
	unsigned role = fn->u.func->role;

	if (!(role & ROLE_HANDLER) || info->body_line == 0)
		return;
	for (uint32_t k = 0; k < info->n_params; k++) {
		const struct param *pr = &info->params[k];
		const struct node *last = NULL, *ext = NULL, *wait = NULL;
		uint32_t body = fn->end_line - info->body_line + 1, after;
		enum severity sev;
		struct finding *f;
		const char *names[RLS_MAX_ALIASES];
		size_t n_names;

		if (!rl_injected_session(in->proj, m, pr))
			continue;
		n_names = rls_aliases(m, fn, pr->name, names);
		for (const struct node *x = NULL; (x = model_walk(m, fn, x, 1)); ) {
			if (x->kind != NODE_CALL)
				continue;
			for (size_t a = 0; a < n_names; a++)
				if (rls_db_use(x, names[a]) ||
				    sem_span_has_plain_ident(m, x->u.call->args_text, names[a]))
					last = x;
		}
		/* unused, or the last use ends the transaction: nothing is held */
		if (last == NULL || (rls_db_use(last, pr->name) && rls_releases(m, last)))
			continue;
		if ((last->line - info->body_line + 1) * 5 >= body)
			continue; /* used through 20 % of the body or more */
		for (const struct node *x = NULL; (x = model_walk(m, fn, x, 1)); ) {
			if (x->kind != NODE_CALL || x->line <= last->line)
				continue;
			if (wait == NULL && (x->flags & NF_AWAITED) && rls_really_waits(in->proj, x))
				wait = x;
			if (rls_external(m, x)) {
				ext = x;
				break;
			}
		}
		after = fn->end_line - last->line;
		/* In an async handler, a tail with no await runs straight through
		 * (building a page or a dict in memory): however long, it holds the
		 * connection for no measurable time. Line count only stands in for
		 * time where the tail can wait on something. */
		if (role & ROLE_STREAMING)
			sev = SEV_CRITICAL;
		else if (ext)
			sev = SEV_HIGH;
		else if (after > 50 && (wait != NULL || !(fn->flags & NF_ASYNC)))
			sev = SEV_MEDIUM;
		else
			continue;
		f = auditor_emit(in, out, &rl_checks[RL_RESOURCE_SCOPE_MISMATCH], sev, fi, last);
		if (f == NULL)
			continue;
		finding_set_issue(f, "Handler `%s` keeps the request session `%s` (and its open "
				  "transaction's connection) for %u more lines after its last use "
				  "at line %u%s%s",
				  sem_func_name(m, fn), pr->name, after, last->line,
				  ext ? "; an external call follows at line " : "",
				  ext ? "" : (role & ROLE_STREAMING) ? "; the response then streams" : "");
		if (ext) {
			char tail[160];
			size_t len = 0;
			const char *t = model_line(m, ext->line, &len);

			snprintf(tail, sizeof tail, "Handler `%s` keeps the request session `%s` (and its "
				 "open transaction's connection) through the external call at line %u, "
				 "%u lines after its last use at line %u",
				 sem_func_name(m, fn), pr->name, ext->line, after, last->line);
			finding_set_issue(f, "%s", tail);
			if (t)
				finding_add_evidence(f, (int)ext->line, t, len);
		}
		rl_set_fix(f, m, "resource_scope_mismatch.fix",
			   (const char *const[]){ "var", pr->name, NULL });
	}
}

static void visit(const struct audit_input *in, struct finding_sink *out, size_t fi,
		  const struct node *n)
{
	if (n->u.func != NULL && !(n->flags & NF_LAMBDA))
		rl_check_resource_scope_mismatch(in, out, fi, n);
}

const struct check_impl check_resource_scope_mismatch = {
	.def = &rl_checks[RL_RESOURCE_SCOPE_MISMATCH],
	.kinds = VISITS(NODE_FUNC),
	.visit = visit,
};
