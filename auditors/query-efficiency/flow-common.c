/* ln-651: what redundant_fetch and unnecessary_resolve share: who loads
 * which object and hands it where. */
#include "auditor.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "context.h"
#include "semantic.h"
#include "lang/lang.h"
#include "qe.h"
#include "dispatch.h"

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
const struct node *qf_load(const struct audit_input *in, const struct model *m,
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
		if (qe_span_word(m, "qe_single_row_loads", a->value))
			r->single = 1;
		return r->single ? k : NULL;
	}
	return NULL;
}

/* True when the call's session is one the function was given: a
 * parameter, or an attribute of self (a repository or service). */
int qf_given_session(const struct model *m, const struct node *fn, const struct node *k)
{
	char root[128];
	const char *callee = k->u.call->callee;
	size_t n = 0;

	if (qe_word(m, "qe_django_managers", callee))
		return 1;   /* Django: the connection is implicit and shared */
	while (qf_ident_char(callee[n]) && n + 1 < sizeof root) {
		root[n] = callee[n];
		n++;
	}
	root[n] = '\0';
	if (qe_word(m, "qe_self_or_cls", root))
		return 1;
	for (uint32_t i = 0; fn->u.func != NULL && i < fn->u.func->n_params; i++)
		if (strcmp(fn->u.func->params[i].name, root) == 0)
			return 1;
	return 0;
}

/* The parameter of callee g that receives argument ai of call c, or NULL. */
const struct param *qf_param_for(const struct model *m, const struct node *c,
					uint32_t ai, const struct node *g)
{
	const struct arg *a = &c->u.call->args[ai];
	const struct func_info *gi = g->u.func;
	uint32_t skip = 0, pos = 0;

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
	    ((g->flags & NF_GO_RECEIVER) || qe_word(m, "qe_self_or_cls", gi->params[0].name)))
		skip = 1;   /* self, or a Go method's receiver: not passed in the parentheses */
	if (pos + skip >= gi->n_params || gi->params[pos + skip].star)
		return NULL;
	return &gi->params[pos + skip];
}

/* The fields of variable y read in fn after line `after`: returns the
 * number of distinct fields, the first in field (and its line in *line),
 * or -1 when y is used any other way (passed on, returned, written,
 * a method called on it). `y is None` / `not y` checks are allowed. */
int qf_fields_read(const struct model *m, const struct node *fn, const char *y,
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
			if (qe_word(m, "qe_none_tests", q) ||
			    sem_word_before(m->lang, "qe_negation_words", buf, p))
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
int qf_callers_hold_object(const struct audit_input *in, const struct node *g,
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
				if (dot == NULL || !qe_word(m, "qe_id_fields", dot + 1))
					return 0;
				*dot = '\0';
				if (!qf_is_ident(text) || qe_word(m, "qe_self", text))
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
int qf_resolve_shape(const struct audit_input *in, const struct model *m,
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

			/* `id`, `user_id` */
			if (!qe_word(m, "qe_key_params", pn) || !sem_mentions(text, pn))
				continue;
			if (qf_fields_read(m, g, a->name, a->end_line, field, size, field_line) != 1 ||
			    qe_word(m, "qe_id_fields", field))
				return 0;
			*load = k;
			*pp = &g->u.func->params[i];
			return 1;
		}
	}
	return 0;
}
