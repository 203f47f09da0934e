/* redundant_fetch (ln-651), the list-row form: a function loads many
 * rows of a model, walks them, and hands only each row's id to a project
 * function that loads that same row again before it does anything else:
 *
 *     const children = await prisma.folder.findMany({ where: { parentId } });
 *     for (const f of children) {
 *       await this.exportFolder(f.id);      // exportFolder(id) { getFolder(id) ... }
 *     }
 *
 * One query per row that handing the row on would save. The reload is
 * the callee's own single-row read of the same model naming the
 * parameter, or a call of a project loader (one definition, reading and
 * writing nothing else, not memoised) whose own single-row read of the
 * same model names the parameter it is handed. Silent when the list read
 * names its columns (`select`/`omit`: the callee may need others), when
 * the caller writes between the list read and the call or the callee
 * writes before its reload (the row may have changed: the fresh read is
 * wanted), when the loop variable or the list is reassigned. A recursive
 * walk (the callee is the function itself, reached for each child row)
 * is the typical case and is reported. */
#include "auditor.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "semantic.h"
#include "summary.h"
#include "qe.h"

static int qr_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$';
}

static int qr_ident(const char *s)
{
	if (*s == '\0' || (*s >= '0' && *s <= '9'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '$'))
			return 0;
	return 1;
}

/* True when text (a query's arguments) names a projection key of the
 * catalog (`select:`, `omit:`) at any depth. */
static int qr_projects(const struct model *m, const char *text)
{
	for (const char *p = text; *p; p++) {
		char key[64];
		size_t n = 0;

		if (!qr_ident_char(*p) || (p > text && qr_ident_char(p[-1])))
			continue;
		while (qr_ident_char(p[n]) && n + 1 < sizeof key) {
			key[n] = p[n];
			n++;
		}
		key[n] = '\0';
		if (p[n] == ':' && qe_word(m, "qe_schema_projection_keys", key))
			return 1;
		p += n - 1;
	}
	return 0;
}

static const struct node *qr_reload(const struct audit_input *in, size_t gfi,
				    const struct node *g, const char *name, const char *model,
				    int depth, struct qe_read *out);

/* True when call k of function g (file gfi) reloads the row: a
 * single-row read of model naming name, or with depth > 0 a call of a
 * project loader (not memoised, not g itself) handed name that makes
 * such a read with it. */
static int qr_reload_call(const struct audit_input *in, size_t gfi, const struct node *g,
			  const struct node *k, const char *name, const char *model, int depth,
			  struct qe_read *out)
{
	const struct model *gm = in->proj->files[gfi].model;
	struct qe_read r;
	struct func_ref h;
	char text[512];
	unsigned facts;

	if (k->kind != NODE_CALL || k->u.call == NULL || (k->flags & NF_DECORATOR))
		return 0;
	if (qe_read_call(in, gm, g, k, &r) && r.single && !r.repo) {
		span_copy(gm, k->u.call->args_text, text, sizeof text);
		if (r.model[0] && strcasecmp(r.model, model) == 0 && sem_mentions(text, name)) {
			*out = r;
			return 1;
		}
	}
	facts = summary_call_facts(in->sum, gfi, k);
	if (depth == 0 || !(facts & SUM_DB_READ) || (facts & (SUM_MEMOISED | SUM_DB_WRITE)) ||
	    !summary_call_target(in->sum, gfi, k, &h) ||
	    (h.file == gfi && h.node == node_index(gm, g)))
		return 0;
	for (uint32_t ai = 0; ai < k->u.call->n_args; ai++) {
		const struct model *hm = in->proj->files[h.file].model;
		const struct node *hn = model_node(hm, h.node);
		const struct param *p;
		char arg[128];

		if (k->u.call->args[ai].name != NULL)
			continue;
		span_copy(gm, k->u.call->args[ai].expr, arg, sizeof arg);
		if (strcmp(arg, name) != 0 || (p = qf_param_for(gm, k, ai, hn)) == NULL)
			continue;
		if (qr_reload(in, h.file, hn, p->name, model, 0, out) != NULL)
			return 1;
	}
	return 0;
}

/* The reload of the row in function g (file gfi) through its parameter
 * name (qr_reload_call), made on every call of g: before any write of g
 * and before any return that does not make it (`if (hit) return hit;`
 * of a cache in front of the read, or a validation that answers early,
 * means the read does not always run). NULL otherwise. */
static const struct node *qr_reload(const struct audit_input *in, size_t gfi,
				    const struct node *g, const char *name, const char *model,
				    int depth, struct qe_read *out)
{
	const struct model *gm = in->proj->files[gfi].model;
	struct db_op_info oi;

	if (qf_reassigned(gm, g, name, g->line, g->end_line + 1))
		return NULL;
	for (const struct node *k = NULL; (k = model_walk(gm, g, k, 0)) != NULL && budget_step(); ) {
		unsigned facts;

		if (k->kind == NODE_RETURN) {
			for (const struct node *c = NULL; (c = model_walk(gm, k, c, 0)) != NULL; )
				if (qr_reload_call(in, gfi, g, c, name, model, depth, out))
					return c;
			return NULL;
		}
		if (k->kind != NODE_CALL || k->u.call == NULL || (k->flags & NF_DECORATOR))
			continue;
		if (qr_reload_call(in, gfi, g, k, name, model, depth, out))
			return k;
		facts = summary_call_facts(in->sum, gfi, k);
		if ((facts & SUM_DB_WRITE) || db_op_writes(db_call_op(gm, k, &oi)))
			return NULL;
	}
	return NULL;
}

/* True when every write function g (file gfi) makes is a statement of
 * its own on a known model other than model; no project call writes. */
static int qr_writes_only_other(const struct audit_input *in, size_t gfi, const struct node *g,
				const char *model)
{
	const struct model *gm = in->proj->files[gfi].model;

	for (const struct node *k = NULL; (k = model_walk(gm, g, k, 0)) != NULL && budget_step(); ) {
		struct db_op_info oi;
		enum db_op op;

		if (k->kind != NODE_CALL || k->u.call == NULL)
			continue;
		op = db_call_op(gm, k, &oi);
		if (db_op_writes(op) || op == DB_OP_BULK) {
			if (!oi.target[0] || strcasecmp(oi.target, model) == 0)
				return 0;
		} else if (summary_call_facts(in->sum, gfi, k) & SUM_DB_WRITE) {
			return 0;
		}
	}
	return 1;
}

/* The many-rows read of a known model, naming no columns, that the
 * assignment a of function fn (file fi) holds: its own call, or with
 * depth > 0 the call of the one project function it calls whose returned
 * name holds such a read. NULL otherwise. */
static const struct node *qr_list_read(const struct audit_input *in, size_t fi,
				       const struct node *fn, const struct node *a, int depth,
				       struct qe_read *lr)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *list = NULL, *found = NULL;
	struct func_ref h;
	char text[1024];

	for (const struct node *k = a->first_child ? model_node(m, a->first_child) : NULL;
	     k != NULL; k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		if (k->kind == NODE_CALL && k->u.call != NULL) {
			list = k;
			break;
		}
	if (list == NULL)
		return NULL;
	if (qe_read_call(in, m, fn, list, lr)) {
		if (lr->single || lr->repo || !lr->model[0])
			return NULL;
		span_copy(m, list->u.call->args_text, text, sizeof text);
		return qr_projects(m, text) ? NULL : list;
	}
	if (depth == 0 || !summary_call_target(in->sum, fi, list, &h) ||
	    (summary_call_facts(in->sum, fi, list) & SUM_MEMOISED))
		return NULL;
	{
		const struct model *hm = in->proj->files[h.file].model;
		const struct node *hn = model_node(hm, h.node);

		/* every returned name holds the same model's list; an empty
		 * literal (`return []`) is no other list */
		for (const struct node *r = NULL; (r = model_walk(hm, hn, r, 0)) != NULL && budget_step(); ) {
			const struct node *ra = NULL, *l;
			struct qe_read rr;
			char name[64];

			if (r->kind != NODE_RETURN)
				continue;
			span_copy(hm, r->value, name, sizeof name);
			if (strcmp(name, "[]") == 0)
				continue;
			if (!qr_ident(name))
				return NULL;
			for (const struct node *x = NULL; (x = model_walk(hm, hn, x, 0)) != NULL && budget_step(); )
				if (x->kind == NODE_ASSIGN && x->line < r->line && x->name != NULL &&
				    strcmp(x->name, name) == 0)
					ra = x;
			if (ra == NULL || (l = qr_list_read(in, h.file, hn, ra, 0, &rr)) == NULL ||
			    (found != NULL && strcasecmp(rr.model, lr->model) != 0))
				return NULL;
			if (found == NULL)
				*lr = rr;
			found = l;
		}
	}
	if (found == NULL)
		return NULL;
	/* a helper that also writes hands back rows of the same state only
	 * when every write is its own statement on another model (the users
	 * a batch was picked for stamped, not the rows themselves) */
	if ((summary_call_facts(in->sum, fi, list) & SUM_DB_WRITE) &&
	    !qr_writes_only_other(in, h.file, model_node(in->proj->files[h.file].model, h.node),
				  lr->model))
		return NULL;
	return list;
}

void qf_row_reloads(const struct audit_input *in, size_t fi, struct finding_sink *out,
		    unsigned char *reported)
{
	const struct model *m = in->proj->files[fi].model;

	for (const struct node *loop = NULL; (loop = model_walk(m, model_node(m, 0), loop, 1)) != NULL; ) {
		const struct node *fn, *rows = NULL, *list = NULL;
		struct qe_read lr;
		char tgt[64], iter[64], want[80];

		if (loop->kind != NODE_LOOP || loop->u.loop == NULL ||
		    (fn = model_enclosing_func(m, loop)) == NULL)
			continue;
		span_copy(m, loop->u.loop->target, tgt, sizeof tgt);
		span_copy(m, loop->u.loop->iter, iter, sizeof iter);
		if (!qr_ident(tgt) || !qr_ident(iter))
			continue;
		/* the list: the last assignment of iter before the loop, a
		 * many-rows read of a known model naming no columns, made
		 * here or returned by the project function called there */
		for (const struct node *a = NULL; (a = model_walk(m, fn, a, 0)) != NULL && budget_step(); )
			if (a->kind == NODE_ASSIGN && a->line < loop->line && a->name != NULL &&
			    strcmp(a->name, iter) == 0)
				rows = a;
		if (rows == NULL || (rows->flags & NF_TARGET_ATTR) ||
		    (list = qr_list_read(in, fi, fn, rows, 1, &lr)) == NULL)
			continue;
		snprintf(want, sizeof want, "%s.id", tgt);
		/* a per-item callback (`rows.map(async (r) => ...)`) is a
		 * function under the loop: enter it */
		for (const struct node *c = NULL;
		     (c = model_walk(m, loop, c, (loop->flags & NF_JS_CALLBACK) != 0)) != NULL &&
		     budget_step(); ) {
			const struct model *gm;
			const struct node *g, *reload;
			const struct param *p;
			struct func_ref gr;
			struct qe_read rr;
			struct finding *f;
			char call[128], rcall[128], desc[160];
			uint32_t ai;

			if (c->kind != NODE_CALL || c->u.call == NULL || (c->flags & NF_DECORATOR) ||
			    (reported != NULL && reported[node_index(m, c)]))
				continue;
			for (ai = 0; ai < c->u.call->n_args; ai++)
				if (c->u.call->args[ai].name == NULL &&
				    span_eq(m, c->u.call->args[ai].expr, want))
					break;
			if (ai == c->u.call->n_args || !summary_call_target(in->sum, fi, c, &gr))
				continue;
			gm = in->proj->files[gr.file].model;
			g = model_node(gm, gr.node);
			if ((p = qf_param_for(m, c, ai, g)) == NULL || p->name == NULL ||
			    db_param_is_handle(gm, g, p->name) ||
			    (reload = qr_reload(in, gr.file, g, p->name, lr.model, 1, &rr)) == NULL ||
			    qf_writes_between(in, fi, fn, rows->line, c->line) ||
			    qf_reassigned(m, fn, iter, rows->line, c->line) ||
			    qf_reassigned(m, loop, tgt, loop->line, c->line))
				continue;
			if (reported != NULL)
				reported[node_index(m, c)] = 1;
			f = auditor_emit(in, out, &qe_checks[QE_REDUNDANT_FETCH],
					 sem_role_severity(in, fi, c, SEV_HIGH, SEV_MEDIUM), fi, c);
			if (f == NULL)
				continue;
			sem_call_source(m, list, call, sizeof call);
			sem_call_source(gm, reload, rcall, sizeof rcall);
			sem_func_desc(in, fi, c, desc, sizeof desc);
			finding_set_issue(f, "%s loads the rows `%s` with `%s` (line %u), then passes "
					  "only `%s` of each to `%s()`, which loads that row again with "
					  "`%s` (%s:%u): one redundant query per row", desc, iter, call,
					  list->line, want, g->name ? g->name : "", rcall,
					  in->proj->files[gr.file].path, reload->line);
			finding_set_recommendation(f, "Pass the loaded row `%s` to `%s()` (let it accept "
						   "the row, keeping an id-taking entry point for callers "
						   "that only have the id).", tgt, g->name ? g->name : "");
			sem_add_line(f, m, list->line);
		}
	}
}
