/* redundant_fetch (ln-651): the same row loaded again by a callee. */
#include "auditor.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "context.h"
#include "semantic.h"
#include "lang/lang.h"
#include "qe.h"
#include "dispatch.h"

/* True when a commit on a session runs in fn between lines a and b. */
static int qf_commit_between(const struct model *m, const struct node *fn, uint32_t a,
			     uint32_t b)
{
	const struct node *c;

	for (c = NULL; (c = model_walk(m, fn, c, 0)); )
		if (c->kind == NODE_CALL && c->line > a && c->line < b &&
		    sem_session_call(m, c, "db_commit"))
			return 1;
	return 0;
}

/* The reload of the entity in callee g (file gfi) through parameter p, or
 * NULL; the read goes to r. */
static const struct node *qf_reload(const struct audit_input *in, size_t gfi,
				    const struct node *g, const struct param *p, struct qe_read *r)
{
	const struct model *gm = in->proj->files[gfi].model;
	const struct node *a;

	for (a = NULL; (a = model_walk(gm, g, a, 0)); ) {
		const struct node *k = qf_load(in, gm, g, a, r);
		char text[512];

		if (k == NULL || !qf_given_session(gm, g, k))
			continue;
		span_copy(gm, k->u.call->args_text, text, sizeof text);
		if (sem_mentions(text, p->name))
			return k;
	}
	return NULL;
}

/* True when two loads read the same entity: the same model, or the same
 * repository method when the model is not visible. */
static int qf_same_entity(const struct qe_read *a, const struct qe_read *b)
{
	const char *da, *db;

	if (a->repo != b->repo)
		return 0;
	if (!a->repo)
		return a->model[0] && strcmp(a->model, b->model) == 0;
	da = strrchr(a->what, '.');
	db = strrchr(b->what, '.');
	return da && db && strcmp(da, db) == 0;
}

/* redundant_fetch — an entity is loaded (`session.get(M, id)`,
 * `repo.get(id)`, `Model.objects.get(pk=…)`, ...) and then only its id is
 * passed to a callee that loads the same entity again (needs caller +
 * callee, across files). Respect `expire_on_commit=False` (object stays
 * valid after commit). HIGH in a handler, MEDIUM in background. */
static void qe_redundant_fetch_file(const struct audit_input *in, size_t fi,
				  struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct context *ctx = in->proj->ctx;
	int keeps = ctx != NULL && ctx->db.expire_on_commit == TRI_FALSE;
	unsigned char *reported = calloc(m->n_nodes ? m->n_nodes : 1, 1);
	const struct node *a;

	for (a = NULL; (a = model_walk(m, model_node(m, 0), a, 1)); ) {
		const struct node *fn, *load, *c;
		struct qe_read r;
		char want[160];

		if (a->kind != NODE_ASSIGN || (fn = model_enclosing_func(m, a)) == NULL ||
		    (load = qf_load(in, m, fn, a, &r)) == NULL)
			continue;
		snprintf(want, sizeof want, "%s.id", a->name);
		for (c = NULL; (c = model_walk(m, fn, c, 0)); ) {
			const struct func_ref *defs;
			size_t nd = 0, gfi = 0;
			const struct node *g = NULL, *reload = NULL;
			struct qe_read r2;
			uint32_t ai;
			int committed;
			char call[128], rcall[128], desc[160];
			struct finding *f;

			if (c->kind != NODE_CALL || c->line <= a->line || c->u.call == NULL ||
			    c->u.call->name == NULL || (c->flags & NF_DECORATOR))
				continue;
			for (ai = 0; ai < c->u.call->n_args; ai++)
				if (span_eq(m, c->u.call->args[ai].expr, want))
					break;
			if (ai == c->u.call->n_args)
				continue;
			/* the object stays usable only without a commit in between,
			 * or when the session keeps objects after commit */
			committed = qf_commit_between(m, fn, a->line, c->line);
			if (committed && !keeps)
				continue;
			defs = index_funcs_named(in->proj->index, c->u.call->name, &nd);
			if (nd == 0 || nd > 2)
				continue;
			for (size_t d = 0; d < nd; d++) {
				const struct model *gm = in->proj->files[defs[d].file].model;
				const struct node *gd = model_node(gm, defs[d].node);
				const struct param *p = qf_param_for(m, c, ai, gd);
				const struct node *rl = p ? qf_reload(in, defs[d].file, gd, p, &r2) : NULL;

				if (rl == NULL || !qf_same_entity(&r, &r2)) {
					reload = NULL;
					break;
				}
				if (reload == NULL) {
					reload = rl;
					g = gd;
					gfi = defs[d].file;
				}
			}
			if (reload == NULL)
				continue;
			{
				/* one field only: unnecessary_resolve reports it at the callee */
				const struct node *l2;
				const struct param *p2;
				struct qe_read r3;
				char field[128], obj[128];
				uint32_t fl;
				int nc;

				if (nd == 1 && qf_resolve_shape(in, in->proj->files[gfi].model, g, &l2, &p2,
								&r3, field, sizeof field, &fl) &&
				    qf_callers_hold_object(in, g, p2, &nc, obj, sizeof obj))
					continue;
			}
			if (reported != NULL)
				reported[node_index(m, c)] = 1;
			f = auditor_emit(in, out, &qe_checks[QE_REDUNDANT_FETCH],
					 sem_role_severity(in, fi, c, SEV_HIGH, SEV_MEDIUM), fi, c);
			if (f == NULL)
				continue;
			sem_call_source(m, load, call, sizeof call);
			sem_call_source(in->proj->files[gfi].model, reload, rcall, sizeof rcall);
			sem_func_desc(in, fi, c, desc, sizeof desc);
			finding_set_issue(f, "%s loads `%s` with `%s` (line %u), then passes only "
					  "`%s` to `%s()`, which loads it again with `%s` (%s:%u): "
					  "one redundant query", desc, a->name, call, load->line, want,
					  g->name, rcall, in->proj->files[gfi].path, reload->line);
			finding_set_recommendation(f, "Pass the loaded `%s` object to `%s()` (accept "
						   "`%s` instead of its id)%s.", a->name, g->name,
						   r.model[0] ? r.model : a->name,
						   committed ? "; the session uses expire_on_commit=False, so "
						   "the object stays valid after commit" : "");
			sem_add_line(f, m, load->line);
		}
	}
	qf_typed_reloads(in, fi, out, reported);
	qf_loader_reloads(in, fi, out, reported);
	qf_row_reloads(in, fi, out, reported);
	qf_sibling_reloads(in, fi, out, reported);
	free(reported);
}

const struct check_impl check_redundant_fetch = {
	.def = &qe_checks[QE_REDUNDANT_FETCH],
	.file = qe_redundant_fetch_file,
};
