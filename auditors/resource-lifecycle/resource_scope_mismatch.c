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
#include "receiver-types.h"
#include "summary.h"

/* True when project function or method f takes an injected session. */
static int rls_takes_session(const struct project *p, const struct model *fm, const struct node *f)
{
	const struct func_info *fi = f->u.func;

	for (uint32_t k = 0; fi && k < fi->n_params; k++)
		if (rl_injected_session(p, fm, &fi->params[k]))
			return 1;
	return 0;
}

/* True when injected parameter pr is built by a project provider that
 * itself takes the request session (`repo: Repo = Depends(get_repo(Repo))`
 * where `get_repo.__call__(self, session = Depends(get_session))`): the
 * framework caches the session dependency per request, so calls on pr are
 * uses of the same session. */
static int rls_shares_session(const struct project *p, const struct summaries *in_sum,
			      const struct model *m, const struct param *pr)
{
	const struct catalog_list *calls = catalog_get(m->lang, "rl_injection_calls");
	const struct catalog_list *meths = catalog_get(m->lang, "rl_provider_methods");
	char buf[256], dep[96];
	const struct span *sp[2] = { &pr->def, &pr->annotation };

	for (int w = 0; w < 2; w++) {
		char *s, *q;
		size_t n = 0, nf;
		const struct func_ref *refs;

		if (sp[w]->len == 0)
			continue;
		span_copy(m, *sp[w], buf, sizeof buf);
		/* the first `Marker(` call whose name the catalog lists */
		for (s = buf; (q = strchr(s, '(')) != NULL; s = q + 1) {
			char *b = q;

			while (b > buf && (isalnum((unsigned char)b[-1]) || b[-1] == '_'))
				b--;
			*q = '\0';
			if (catalog_match(calls, b))
				break;
			*q = '(';
		}
		if (q == NULL)
			continue;
		for (s = q + 1; isspace((unsigned char)*s); s++)
			;
		while (isalnum((unsigned char)s[n]) || s[n] == '_' || s[n] == '.')
			n++;
		if (n == 0 || n >= sizeof dep)
			continue;
		memcpy(dep, s, n);
		dep[n] = '\0';
		if ((s = strrchr(dep, '.')) != NULL)
			memmove(dep, s + 1, strlen(s + 1) + 1);
		refs = index_funcs_named(p->index, dep, &nf);
		for (size_t i = 0; i < nf; i++)
			if (rls_takes_session(p, p->files[refs[i].file].model,
					      model_node(p->files[refs[i].file].model, refs[i].node)))
				return 1;
		/* a callable class: its __call__ / __init__ takes the session */
		{
			uint32_t cf;
			const struct node *cls = class_node_named(p, summary_classes(in_sum), dep, &cf);
			const struct model *cm = cls ? p->files[cf].model : NULL;

			for (const struct node *f = NULL; cm && (f = model_walk(cm, cls, f, 0)); )
				if (f->kind == NODE_FUNC && f->u.func && f->name &&
				    catalog_match(meths, f->name) && rls_takes_session(p, cm, f))
					return 1;
		}
	}
	return 0;
}

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
		size_t n_names, n_own;

		if (!rl_injected_session(in->proj, m, pr))
			continue;
		n_names = rls_aliases(m, fn, pr->name, names);
		/* other injected parameters built on the same request session
		 * (a repository), and the locals wrapping them: method calls on
		 * those use the session too. Only method calls count there, as a
		 * row the provider loaded is also passed around as an argument. */
		n_own = n_names;
		for (uint32_t k2 = 0; k2 < info->n_params; k2++) {
			const char *more[RLS_MAX_ALIASES];
			size_t n_more;

			if (k2 == k || info->params[k2].name == NULL ||
			    rl_injected_session(in->proj, m, &info->params[k2]) ||
			    !rls_shares_session(in->proj, in->sum, m, &info->params[k2]))
				continue;
			n_more = rls_aliases(m, fn, info->params[k2].name, more);
			for (size_t a = 0; a < n_more && n_names < RLS_MAX_ALIASES; a++)
				names[n_names++] = more[a];
		}
		for (const struct node *x = NULL; (x = model_walk(m, fn, x, 1)); ) {
			if (x->kind != NODE_CALL)
				continue;
			for (size_t a = 0; a < n_names; a++)
				if (rls_db_use(x, names[a]) ||
				    (a < n_own &&
				     sem_span_has_plain_ident(m, x->u.call->args_text, names[a])))
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
