/* ln-651 Query Efficiency: checks that follow data across functions —
 * redundant_fetch and unnecessary_resolve (wrong_caching_scope, the third
 * cross-function check, is in query-efficiency-cache.c).
 *
 * They pair a caller with its callees through the project index
 * (functions by bare name). To stay precise a callee must resolve to one
 * definition (two for redundant_fetch when both reload), the reload must
 * use a session the callee was given (a callee opening its own session
 * runs a separate unit of work on purpose), and the argument must be the
 * loaded object's own `.id`. */
#include "auditor.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "context.h"
#include "db-common.h"
#include "lang/lang.h"
#include "query-efficiency.h"

/* True for characters that continue an identifier. */
static int qf_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* True when s is a plain identifier. */
static int qf_is_ident(const char *s)
{
	if (s == NULL || *s == '\0' || isdigit((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!qf_ident_char(*s))
			return 0;
	return 1;
}

/* The single-row read assigned by statement a (`x = await session.get(M,
 * id)`), filling r; NULL when a is no such load. */
static const struct node *qf_load(const struct audit_input *in, const struct model *m,
				  const struct node *fn, const struct node *a, struct qe_read *r)
{
	const struct node *k;

	if (a->kind != NODE_ASSIGN || (a->flags & NF_TARGET_ATTR) || !qf_is_ident(a->name))
		return NULL;
	for (k = a->first_child ? model_node(m, a->first_child) : NULL; k != NULL && budget_step();
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
		if (k->kind != NODE_CALL)
			continue;
		/* the read is the value itself, not one argument of it */
		if (!span_has(m, a->value, k->u.call->callee) && strchr(k->u.call->callee, '(') == NULL)
			return NULL;
		if (!qe_read_call(in, m, fn, k, r))
			return NULL;
		/* (await session.execute(select(M)...)).scalar_one() */
		if (span_has(m, a->value, "scalar_one") || span_has(m, a->value, ".first()") ||
		    span_has(m, a->value, ".one()") || span_has(m, a->value, "one_or_none"))
			r->single = 1;
		return r->single ? k : NULL;
	}
	return NULL;
}

/* True when the call's session is one the function was given: a
 * parameter, or an attribute of self (a repository or service). */
static int qf_given_session(const struct model *m, const struct node *fn, const struct node *k)
{
	char root[128];
	const char *callee = k->u.call->callee;
	size_t n = 0;

	(void)m;
	if (strstr(callee, ".objects.") != NULL)
		return 1;   /* Django: the connection is implicit and shared */
	while (qf_ident_char(callee[n]) && n + 1 < sizeof root) {
		root[n] = callee[n];
		n++;
	}
	root[n] = '\0';
	if (strcmp(root, "self") == 0 || strcmp(root, "cls") == 0)
		return 1;
	for (uint32_t i = 0; fn->u.func != NULL && i < fn->u.func->n_params; i++)
		if (strcmp(fn->u.func->params[i].name, root) == 0)
			return 1;
	return 0;
}

/* The parameter of callee g that receives argument ai of call c, or NULL. */
static const struct param *qf_param_for(const struct model *m, const struct node *c,
					uint32_t ai, const struct node *g)
{
	const struct arg *a = &c->u.call->args[ai];
	const struct func_info *gi = g->u.func;
	uint32_t skip = 0, pos = 0;

	(void)m;
	if (gi == NULL)
		return NULL;
	if (a->name != NULL) {
		for (uint32_t i = 0; i < gi->n_params; i++)
			if (strcmp(gi->params[i].name, a->name) == 0)
				return &gi->params[i];
		return NULL;
	}
	for (uint32_t i = 0; i < ai; i++)
		if (c->u.call->args[i].name != NULL)
			return NULL;   /* a keyword before a positional: not Python */
	pos = ai;
	if ((g->flags & NF_METHOD) && gi->n_params > 0 &&
	    (strcmp(gi->params[0].name, "self") == 0 || strcmp(gi->params[0].name, "cls") == 0))
		skip = 1;
	if (pos + skip >= gi->n_params || gi->params[pos + skip].star)
		return NULL;
	return &gi->params[pos + skip];
}

/* The fields of variable y read in fn after line `after`: returns the
 * number of distinct fields, the first in field (and its line in *line),
 * or -1 when y is used any other way (passed on, returned, written,
 * a method called on it). `y is None` / `not y` checks are allowed. */
static int qf_fields_read(const struct model *m, const struct node *fn, const char *y,
			  uint32_t after, char *field, size_t size, uint32_t *line)
{
	size_t yl = strlen(y);
	int count = 0;

	field[0] = '\0';
	for (uint32_t l = after + 1; l <= fn->end_line && budget_step(); l++) {
		size_t len = 0;
		const char *t = model_line(m, l, &len);
		char buf[1024];
		const char *p;

		if (t == NULL)
			continue;
		snprintf(buf, sizeof buf, "%.*s", (int)len, t);
		lang_cut_comment(m->lang, buf);
		for (p = strstr(buf, y); p != NULL; p = strstr(p + 1, y)) {
			const char *q = p + yl;
			char f[128];
			size_t n = 0;

			if ((p > buf && (qf_ident_char(p[-1]) || p[-1] == '.')) || qf_ident_char(*q))
				continue;
			if (strncmp(q, " is None", 8) == 0 || strncmp(q, " is not None", 12) == 0 ||
			    (p - buf >= 4 && strncmp(p - 4, "not ", 4) == 0))
				continue;
			if (*q != '.')
				return -1;
			for (q++; qf_ident_char(q[n]) && n + 1 < sizeof f; n++)
				f[n] = q[n];
			f[n] = '\0';
			q += n;
			while (*q == ' ')
				q++;
			/* a call or a write is more than reading one field */
			if (n == 0 || *q == '(' || (q[0] == '=' && q[1] != '=') ||
			    (q[0] && q[1] == '=' && strchr("+-*/|&", q[0]) && q[0] != '\0'))
				return -1;
			if (field[0] == '\0') {
				snprintf(field, size, "%s", f);
				*line = l;
				count = 1;
			} else if (strcmp(field, f) != 0) {
				count = 2;
			}
		}
	}
	return count;
}

/* True when every call of function g (file gfi) in the project passes
 * `obj.id` for parameter p: the callers already hold the object. Counts
 * them in *n_calls and names the first object in obj. */
static int qf_callers_hold_object(const struct audit_input *in, const struct node *g,
				  const struct param *p, int *n_calls, char *obj, size_t size)
{
	const struct project *proj = in->proj;

	*n_calls = 0;
	obj[0] = '\0';
	for (size_t fi = 0; fi < proj->n_files; fi++) {
		const struct model *m = proj->files[fi].model;
		const struct node *c;

		if (m == NULL || (proj->files[fi].flags & (FILE_VENDORED | FILE_MIGRATION)))
			continue;
		for (c = NULL; (c = model_walk(m, model_node(m, 0), c, 1)); ) {
			int matched = 0;

			if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
			    strcmp(c->u.call->name, g->name) != 0 || (c->flags & NF_DECORATOR))
				continue;
			if (proj->files[fi].flags & FILE_TEST)
				continue;   /* tests call with literal ids; they do not count */
			for (uint32_t ai = 0; ai < c->u.call->n_args; ai++) {
				char text[256], *dot;

				if (qf_param_for(m, c, ai, g) != p)
					continue;
				span_copy(m, c->u.call->args[ai].expr, text, sizeof text);
				dot = strchr(text, '.');
				if (dot == NULL || strcmp(dot, ".id") != 0)
					return 0;
				*dot = '\0';
				if (!qf_is_ident(text) || strcmp(text, "self") == 0)
					return 0;
				if (obj[0] == '\0')
					snprintf(obj, size, "%.100s", text);
				matched = 1;
			}
			if (!matched)
				return 0;
			(*n_calls)++;
		}
	}
	return *n_calls > 0;
}

/* What unnecessary_resolve needs from function g: a parameter named
 * `*_id` used only to load one row through a session g was given, and
 * that row only read for one field. Fills the load, the param and the
 * field; 0 when g is not such a function. */
static int qf_resolve_shape(const struct audit_input *in, const struct model *m,
			    const struct node *g, const struct node **load, const struct param **pp,
			    struct qe_read *r, char *field, size_t size, uint32_t *field_line)
{
	const struct node *a;

	if (g->kind != NODE_FUNC || g->u.func == NULL || (g->flags & NF_LAMBDA))
		return 0;
	for (a = NULL; (a = model_walk(m, g, a, 0)); ) {
		const struct node *k = qf_load(in, m, g, a, r);
		char text[512];

		if (k == NULL || !qf_given_session(m, g, k))
			continue;
		span_copy(m, k->u.call->args_text, text, sizeof text);
		for (uint32_t i = 0; i < g->u.func->n_params; i++) {
			const char *pn = g->u.func->params[i].name;
			size_t pl = strlen(pn);

			if (!(strcmp(pn, "id") == 0 || (pl > 3 && strcmp(pn + pl - 3, "_id") == 0)) ||
			    !dbc_mentions(text, pn))
				continue;
			if (qf_fields_read(m, g, a->name, a->end_line, field, size, field_line) != 1 ||
			    strcmp(field, "id") == 0)
				return 0;
			*load = k;
			*pp = &g->u.func->params[i];
			return 1;
		}
	}
	return 0;
}

/* unnecessary_resolve — a function receives `x_id`, loads the row only to
 * read one field that every caller already had. MEDIUM. */
static void check_unnecessary_resolve(const struct audit_input *in, size_t fi,
				      struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *g;

	for (g = NULL; (g = model_walk(m, model_node(m, 0), g, 1)); ) {
		const struct node *load;
		const struct param *p;
		struct qe_read r;
		char field[128], obj[128], call[128], desc[160];
		uint32_t field_line = 0;
		size_t ndefs = 0;
		int n_calls;
		struct finding *f;

		if (g->kind != NODE_FUNC || g->name == NULL ||
		    !qf_resolve_shape(in, m, g, &load, &p, &r, field, sizeof field, &field_line))
			continue;
		index_funcs_named(in->proj->index, g->name, &ndefs);
		if (ndefs != 1 || !qf_callers_hold_object(in, g, p, &n_calls, obj, sizeof obj))
			continue;
		f = auditor_emit(in, out, &qe_checks[QE_UNNECESSARY_RESOLVE], SEV_MEDIUM, fi, load);
		if (f == NULL)
			continue;
		dbc_call_text(m, load, call, sizeof call);
		dbc_func_desc(in, fi, load, desc, sizeof desc);
		if (n_calls == 1)
			finding_set_issue(f, "%s receives `%s` and runs `%s` only to read `.%s`; "
					  "its one caller passes `%s.id` of a `%s` it already holds",
					  desc, p->name, call, field, obj, r.model[0] ? r.model : obj);
		else
			finding_set_issue(f, "%s receives `%s` and runs `%s` only to read `.%s`; "
					  "all %d callers pass `%s.id` of a `%s` they already hold",
					  desc, p->name, call, field, n_calls, obj,
					  r.model[0] ? r.model : obj);
		finding_set_recommendation(f, "Take the value instead of the key: let `%s()` accept "
					   "`%s` as a parameter and pass `%s.%s` from the callers, "
					   "which drops one query per call.", g->name, field, obj, field);
		if (field_line)
			dbc_add_line(f, m, field_line);
	}
}

/* True when a commit on a session runs in fn between lines a and b. */
static int qf_commit_between(const struct model *m, const struct node *fn, uint32_t a,
			     uint32_t b)
{
	const struct node *c;

	for (c = NULL; (c = model_walk(m, fn, c, 0)); )
		if (c->kind == NODE_CALL && c->line > a && c->line < b &&
		    dbc_session_call(m, c, "db_commit"))
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
		if (dbc_mentions(text, p->name))
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
static void check_redundant_fetch(const struct audit_input *in, size_t fi,
				  struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct context *ctx = in->proj->ctx;
	int keeps = ctx != NULL && ctx->db.expire_on_commit == TRI_FALSE;
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
			f = auditor_emit(in, out, &qe_checks[QE_REDUNDANT_FETCH],
					 dbc_role_severity(in, fi, c, SEV_HIGH, SEV_MEDIUM), fi, c);
			if (f == NULL)
				continue;
			dbc_call_text(m, load, call, sizeof call);
			dbc_call_text(in->proj->files[gfi].model, reload, rcall, sizeof rcall);
			dbc_func_desc(in, fi, c, desc, sizeof desc);
			finding_set_issue(f, "%s loads `%s` with `%s` (line %u), then passes only "
					  "`%s` to `%s()`, which loads it again with `%s` (%s:%u): "
					  "one redundant query", desc, a->name, call, load->line, want,
					  g->name, rcall, in->proj->files[gfi].path, reload->line);
			finding_set_recommendation(f, "Pass the loaded `%s` object to `%s()` (accept "
						   "`%s` instead of its id)%s.", a->name, g->name,
						   r.model[0] ? r.model : a->name,
						   committed ? "; the session uses expire_on_commit=False, so "
						   "the object stays valid after commit" : "");
			dbc_add_line(f, m, load->line);
		}
	}
}

/* Runs the cross-function checks on one file. */
void qe_flow_file(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	if (auditor_check(&qe_checks[QE_REDUNDANT_FETCH]))
		check_redundant_fetch(in, fi, out);
	if (auditor_check(&qe_checks[QE_UNNECESSARY_RESOLVE]))
		check_unnecessary_resolve(in, fi, out);
	qe_caching_file(in, fi, out);
}
