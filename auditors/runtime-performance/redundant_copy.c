/* redundant_copy (ln-653): a copy that is only read. */
#include "auditor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch.h"
#include "semantic.h"
#include "rp.h"
#include "util/xalloc.h"

/* When assignment a is a plain copy: the catalog text naming its kind
 * ("redundant_copy.kind_method" for `.copy()`), the copied name in src. */
static const char *rpa_copy_kind(const struct model *m, const struct node *a, char *src,
				 size_t size)
{
	const struct node *c = sem_first_call(m, a);
	const struct node *fn = sem_func(m, a);
	const struct arg *arg;
	char res[128];
	if (c == NULL || a->value.len == 0 || !sem_call_is_whole(m, c, a->value))
		return NULL; /* the copy must be the whole value */
	sem_callee(m, c, res, sizeof res);
	if (catalog_match(catalog_get(m->lang, "rp_copy_methods"), c->u.call->name) &&
	    c->u.call->n_args == 0 && !catalog_match(catalog_get(m->lang, "rp_shallow_copy_calls"), res)) {
		sem_receiver_path(c->u.call->callee, src, size);
		if (src[0] == '\0' || strpbrk(src, "()[]"))
			return NULL;
		return "redundant_copy.kind_method";
	}
	if ((arg = rpa_single_arg(c)) == NULL || arg->expr.len == 0 || arg->expr.len >= size)
		return NULL;
	span_copy(m, arg->expr, src, size);
	if (strpbrk(src, "()[]{} +-*/,"))
		return NULL;
	if (catalog_match(catalog_get(m->lang, "rp_shallow_copy_calls"), res))
		return "redundant_copy.kind_copy";
	if (catalog_match(catalog_get(m->lang, "rp_deep_copy_calls"), res))
		return "redundant_copy.kind_deepcopy";
	if ((rpa_builtin(m, c, "rp_list_builtins") || rpa_builtin(m, c, "rp_dict_builtins")) &&
	    fn != NULL) {
		/* list(x) of an iterator is materialisation, not a copy: only when
		 * x is known to be a list / dict already */
		const struct param *p = strchr(src, '.') ? NULL : sem_param(fn, src);
		const struct node *def = strchr(src, '.') ? NULL : sem_assignment(m, fn, src, a->line);
		int is_list = rpa_builtin(m, c, "rp_list_builtins");

		if (p && p->annotation.len &&
		    rp_span_match(m, p->annotation,
				  is_list ? "rp_list_annotations" : "rp_dict_annotations"))
			return is_list ? "redundant_copy.kind_list" : "redundant_copy.kind_dict";
		if (def && def->value.len &&
		    span_ptr(m, def->value)[0] == (is_list ? '[' : '{'))
			return is_list ? "redundant_copy.kind_list" : "redundant_copy.kind_dict";
	}
	return NULL;
}

/* redundant_copy | `.copy()`, `list(x)`, `dict(x)`, `[...x]`, `{...x}` where
 * the copy is only read | LOW; MEDIUM inside a loop in a handler */
static void rp_check_redundant_copy(const struct audit_input *in, struct finding_sink *out,
			     size_t fi, const struct node *a)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = sem_func(m, a);
	const struct node *loop;
	char src[96], *stmt;
	const char *kind;
	enum severity sev = SEV_LOW;
	struct finding *f;
	unsigned role;

	if (fn == NULL || a->name == NULL || (a->flags & (NF_TARGET_ATTR | NF_WALRUS)) ||
	    strpbrk(a->name, ".[, ") != NULL)
		return;
	if ((kind = rpa_copy_kind(m, a, src, sizeof src)) == NULL)
		return;
	/* the copy is justified when either side changes afterwards or the
	 * copy leaves the function */
	if (rpa_may_change(m, fn, a->name, a->line, a) || rpa_may_change(m, fn, src, a->line, a))
		return;
	if (strchr(src, '.'))
		return; /* an attribute (shared state) may change under us between statements */
	if (rpa_suspends(m, fn, a->line))
		return; /* and across an await, any collection the caller shares */
	role = index_role_at(in->proj, (uint32_t)fi, a);
	loop = model_enclosing_loop(m, a);
	if (loop && (role & (ROLE_HANDLER | ROLE_HANDLER_PATH)))
		sev = SEV_MEDIUM;
	f = auditor_emit(in, out, &rp_checks[RP_REDUNDANT_COPY], sev, fi, a);
	if (f == NULL)
		return;
	/* the statement as written, from the audited source */
	stmt = xasprintf("%s = %.*s", a->name, (int)(a->value.len > 60 ? 60 : a->value.len),
			 span_ptr(m, a->value));
	finding_set_issue(f, "`%s` in `%s` copies `%s` (%s) but the copy is only read: "
			  "neither it nor the original is changed afterwards",
			  stmt, sem_func_name(m, a), src, sem_text_or_empty(m, kind));
	free(stmt);
	finding_set_recommendation(f, "Read `%s` directly; keep a copy only where one side is "
				   "mutated or the data leaves the function.", src);
	rp_add_loop_evidence(m, f, a);
}

static void visit(const struct audit_input *in, struct finding_sink *out, size_t fi,
		  const struct node *n)
{
	if (1)
		rp_check_redundant_copy(in, out, fi, n);
}

const struct check_impl check_redundant_copy = {
	.def = &rp_checks[RP_REDUNDANT_COPY],
	.kinds = VISITS(NODE_ASSIGN),
	.visit = visit,
};
