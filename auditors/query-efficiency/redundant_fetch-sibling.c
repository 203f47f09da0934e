/* redundant_fetch (ln-651), the sibling form: one function hands the same
 * key to two project helpers in a row, and each of them loads the same
 * entity by it.
 *
 *     if (!(await canViewWebsite(auth, websiteId))) return unauthorized();
 *     const website = await getWebsite(websiteId);
 *
 * The permission helper loaded the website (through getEntity ->
 * getWebsite -> findUnique) only to answer yes or no, and the handler
 * loads it again: one query per request that handing the loaded row on
 * would save. What a helper loads is followed a few calls deep through
 * the parameter that receives the key (a field of an argument object,
 * `findWebsite({ where: { id } })`, counts); only single-row reads by
 * that key count, never writes. */
#include "auditor.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "semantic.h"
#include "qe.h"

enum { QS_DEPTH = 4, QS_MODELS = 8 };

/* The models a helper loads one row of by a key. */
struct qs_loads {
	char model[QS_MODELS][64];
	uint32_t line[QS_MODELS];     /* where (in the file of file[i]) */
	size_t file[QS_MODELS];
	int n;
};

static void qs_add(struct qs_loads *l, const char *model, size_t file, uint32_t line)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (strcasecmp(l->model[i], model) == 0)
			return;
	if (l->n == QS_MODELS)
		return;
	snprintf(l->model[l->n], sizeof l->model[l->n], "%.63s", model);
	l->file[l->n] = file;
	l->line[l->n] = line;
	l->n++;
}

/* The one project definition of the function called by c, or NULL. */
static const struct node *qs_def(const struct audit_input *in, const struct node *c, size_t *file)
{
	const struct func_ref *defs;
	size_t nd = 0;

	if (c->u.call == NULL || c->u.call->name == NULL || strchr(c->u.call->callee, '(') != NULL ||
	    strchr(c->u.call->callee, '.') != NULL)
		return NULL;
	defs = index_funcs_named(in->proj->index, c->u.call->name, &nd);
	if (nd != 1 || in->proj->files[defs[0].file].model == NULL)
		return NULL;
	*file = defs[0].file;
	return model_node(in->proj->files[defs[0].file].model, defs[0].node);
}

/* True when the read's arguments (text) name another parameter of g
 * besides pname: a composite key (`{ teamId, userId }`), so two reads by
 * the same pname may well be two different rows. */
static int qs_composite(const struct model *gm, const struct node *g, const char *pname,
			const char *text, uint32_t line)
{
	uint32_t i;

	for (i = 0; g->u.func != NULL && i < g->u.func->n_params; i++) {
		const char *q = g->u.func->params[i].name;

		if (q != NULL && strcmp(q, pname) != 0 && strchr(q, '{') == NULL &&
		    strchr(q, '[') == NULL && sem_mentions(text, q))
			return 1;
	}
	/* a value g loaded itself is part of the key too: `(project=
	 * check.project, user=request.user)` picks a row per check */
	for (const char *p = text; *p; ) {
		char word[64];
		size_t n = 0;

		if (!(isalpha((unsigned char)*p) || *p == '_') ||
		    (p > text && (p[-1] == '.' || isalnum((unsigned char)p[-1]) || p[-1] == '_'))) {
			p++;
			continue;
		}
		while ((isalnum((unsigned char)p[n]) || p[n] == '_') && n + 1 < sizeof word) {
			word[n] = p[n];
			n++;
		}
		word[n] = '\0';
		p += n;
		if (*p == '=' || strcmp(word, pname) == 0)
			continue;
		if (sem_assignment(gm, g, word, line) != NULL)
			return 1;
	}
	return 0;
}

/* Adds to l the models g (in file gfi) loads one row of by its parameter
 * pname, directly or through the helpers it hands pname to. */
static void qs_loads_by(const struct audit_input *in, size_t gfi, const struct node *g,
			const char *pname, int depth, struct qs_loads *l)
{
	const struct model *gm = in->proj->files[gfi].model;
	const struct node *k;

	for (k = NULL; (k = model_walk(gm, g, k, 1)) && budget_step(); ) {
		struct qe_read r;
		const struct node *h;
		size_t hfi;
		uint32_t ai;
		char text[1024];

		if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->callee == NULL ||
		    !sem_mentions(span_copy(gm, k->u.call->args_text, text, sizeof text), pname))
			continue;
		/* a read that names its model; a project helper read by its
		 * name alone (`getWebsite(id)`) is followed instead */
		if (qe_read_call(in, gm, g, k, &r) && r.model[0] != '\0') {
			if (r.single && !r.repo && !qs_composite(gm, g, pname, text, k->line))
				qs_add(l, r.model, gfi, k->line);
			continue;
		}
		if (depth == 0 || (h = qs_def(in, k, &hfi)) == NULL || h == g)
			continue;
		for (ai = 0; ai < k->u.call->n_args; ai++) {
			const struct param *q;

			if (!sem_mentions(span_copy(gm, k->u.call->args[ai].expr, text, sizeof text),
					  pname) ||
			    (q = qf_param_for(gm, k, ai, h)) == NULL || q->name == NULL)
				continue;
			qs_loads_by(in, hfi, h, q->name, depth - 1, l);
		}
	}
}

/* The argument of c that is exactly a plain name, and its index; NULL. */
static const char *qs_key_arg(const struct model *m, const struct node *c, uint32_t from,
			      uint32_t *ai, char *buf, size_t size)
{
	uint32_t i;

	for (i = from; i < c->u.call->n_args; i++) {
		const char *s = span_copy(m, c->u.call->args[i].expr, buf, size);
		size_t j;

		if (c->u.call->args[i].name != NULL || s[0] == '\0' || isdigit((unsigned char)s[0]))
			continue;
		for (j = 0; s[j] && (isalnum((unsigned char)s[j]) || s[j] == '_'); j++)
			;
		if (s[j] == '\0') {
			*ai = i;
			return buf;
		}
	}
	return NULL;
}

/* True when b runs whenever a has run and comes after it: every branch,
 * loop or handler that holds a (other than through its header) holds b. */
static int qs_then(const struct model *m, const struct node *fn, const struct node *a,
		   const struct node *b)
{
	const struct node *x, *up;

	if (b->line <= a->end_line)
		return 0;
	for (x = a; x != fn && x->parent != 0; x = up) {
		up = model_node(m, x->parent);
		if (up == fn)
			break;
		if ((up->kind == NODE_IF || up->kind == NODE_ELSE || up->kind == NODE_LOOP ||
		     up->kind == NODE_TRY || up->kind == NODE_EXCEPT || up->kind == NODE_FUNC) &&
		    !(x->flags & NF_HEADER) && !model_is_within(m, b, up))
			return 0;
	}
	return 1;
}

/* A call of fn to a project helper with a plain-name key argument, and
 * what it loads by that key. */
struct qs_site {
	const struct node *c;
	char key[64];
	struct qs_loads l;
};

enum { QS_SITES = 24 };

void qf_sibling_reloads(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn;

	for (fn = NULL; (fn = model_walk(m, model_node(m, 0), fn, 1)); ) {
		struct qs_site sites[QS_SITES];
		const struct node *c;
		int ns = 0, i, j;

		if (fn->kind != NODE_FUNC || fn->u.func == NULL || (fn->flags & NF_LAMBDA))
			continue;
		for (c = NULL; ns < QS_SITES && (c = model_walk(m, fn, c, 0)); ) {
			const struct node *g;
			const struct param *p;
			size_t gfi;
			uint32_t ai = 0;
			char key[64];

			if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->callee == NULL ||
			    (g = qs_def(in, c, &gfi)) == NULL || g == fn)
				continue;
			for (uint32_t from = 0; ns < QS_SITES &&
			     qs_key_arg(m, c, from, &ai, key, sizeof key) != NULL; from = ai + 1) {
				if ((p = qf_param_for(m, c, ai, g)) == NULL || p->name == NULL)
					continue;
				memset(&sites[ns], 0, sizeof sites[ns]);
				qs_loads_by(in, gfi, g, p->name, QS_DEPTH, &sites[ns].l);
				if (sites[ns].l.n == 0)
					continue;
				sites[ns].c = c;
				snprintf(sites[ns].key, sizeof sites[ns].key, "%.63s", key);
				ns++;
			}
		}
		/* one finding per function: the first call that loads again */
		for (j = 1; j < ns; j++)
			for (i = 0; i < j; i++) {
				const struct qs_site *a = &sites[i], *b = &sites[j];
				int x, y, hit = -1, hb = -1;
				char ca[128], cb[128], desc[160];
				struct finding *f;

				if (a->c == b->c || strcmp(a->key, b->key) != 0 || !qs_then(m, fn, a->c, b->c))
					continue;
				for (x = 0; hit < 0 && x < a->l.n; x++)
					for (y = 0; hit < 0 && y < b->l.n; y++)
						if (strcasecmp(a->l.model[x], b->l.model[y]) == 0) {
							hit = x;
							hb = y;
						}
				if (hit < 0)
					continue;
				f = auditor_emit(in, out, &qe_checks[QE_REDUNDANT_FETCH],
						 sem_role_severity(in, fi, b->c, SEV_HIGH, SEV_MEDIUM),
						 fi, b->c);
				i = j;
				j = ns;
				if (f == NULL)
					break;
				sem_call_source(m, a->c, ca, sizeof ca);
				sem_call_source(m, b->c, cb, sizeof cb);
				sem_func_desc(in, fi, fn, desc, sizeof desc);
				finding_set_issue(f, "%s passes `%s` to `%s` (line %u), which loads the "
						  "`%s` row by it (%s:%u), and then to `%s`, which loads "
						  "the same row again (%s:%u): one redundant query per call",
						  desc, a->key, ca, a->c->line, a->l.model[hit],
						  in->proj->files[a->l.file[hit]].path, a->l.line[hit], cb,
						  in->proj->files[b->l.file[hb]].path, b->l.line[hb]);
				finding_set_recommendation(f, "Load the `%s` once and hand the row on: "
							   "let `%s()` take (or return) the loaded "
							   "object instead of `%s`, or check the "
							   "permission on the row the handler loads.",
							   a->l.model[hit], a->c->u.call->name, a->key);
				sem_add_line(f, m, a->c->line);
				break;
			}
	}
}
