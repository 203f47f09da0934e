/* redundant_fetch (ln-651), the typed form: a function holds a row of a
 * declared type T (read here, an element of rows read or handed in, or a
 * parameter typed T) and hands only its id to a project function, which
 * reads the T row again by that id before it works:
 *
 *     for _, a := range attachments {               // []*store.Attachment
 *         s.Store.DeleteAttachment(ctx, &store.DeleteAttachment{ID: a.ID})
 *     }
 *     func (s *Store) DeleteAttachment(ctx context.Context, d *DeleteAttachment) error {
 *         a, err := s.GetAttachment(ctx, &FindAttachment{ID: &d.ID})
 *
 * One query per call that handing the row on would save. Every type comes
 * from a declaration: a parameter, a struct field, the result type of the
 * project function that produced the value, `make([]*T, n)`; the callee
 * is the one definition the summaries resolve (receiver types included),
 * and its read must have T as its single result. A value of unknown type,
 * a read of another type, a read by another key: silence. The form needs
 * the language's slice-of-rows type syntax (catalog words
 * row_slice_prefixes); a language without it costs nothing. */
#include "auditor.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "receiver-types.h"
#include "semantic.h"
#include "summary.h"
#include "catalog.h"
#include "qe.h"

enum { QT_DEPTH = 4 };

/* A declared type reduced to what the form compares: the last segment of
 * its name ("store.Attachment" is Attachment) and whether it is a slice
 * of such values. */
struct qt_type {
	char name[96];
	int many;
};

static int qt_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Parses a type text: "*Attachment", "[]*store.Attachment", the first
 * result of "(*Attachment, error)". 0 for what the form does not follow
 * (maps, channels, functions, slices of slices). */
static int qt_parse(const struct model *m, const char *s, struct qt_type *t)
{
	const char *last;
	size_t n;

	memset(t, 0, sizeof *t);
	while (*s == ' ' || *s == '(')
		s++;
	for (;;) {
		size_t k;

		if (*s == '*') {
			s++;
		} else if ((k = sem_prefix_len(m->lang, "row_slice_prefixes", s, 0)) > 0) {
			if (t->many++)
				return 0;
			s += k;
		} else {
			break;
		}
	}
	if (!isalpha((unsigned char)*s) && *s != '_')
		return 0;
	last = s;
	for (n = 0; qt_ident(s[n]) || s[n] == '.'; n++)
		if (s[n] == '.')
			last = s + n + 1;
	n = (size_t)(s + n - last);
	if (n == 0 || n >= sizeof t->name || s[last - s + n] == '[')
		return 0;
	memcpy(t->name, last, n);
	t->name[n] = '\0';
	return 1;
}

/* The declared result type of the one project function call c reaches. */
static int qt_call_type(const struct audit_input *in, size_t fi, const struct node *c,
			struct qt_type *t)
{
	const struct model *m = in->proj->files[fi].model;
	struct func_ref ref;
	const struct model *gm;
	const struct node *g;
	char text[160];

	if (c->u.call == NULL || c->u.call->name == NULL)
		return 0;
	if (qe_word(m, "typed_makers", c->u.call->callee)) {
		/* make([]*T, 0, n) */
		return c->u.call->n_args > 0 &&
		       qt_parse(m, span_copy(m, c->u.call->args[0].expr, text, sizeof text), t);
	}
	if (!summary_call_target(in->sum, fi, c, &ref) ||
	    (gm = in->proj->files[ref.file].model) == NULL)
		return 0;
	g = model_node(gm, ref.node);
	if (g->kind != NODE_FUNC || g->u.func == NULL || g->u.func->returns.len == 0)
		return 0;
	return qt_parse(gm, span_copy(gm, g->u.func->returns, text, sizeof text), t);
}

/* The name bound first by an assignment's target ("a" of "a, err"). */
static int qt_first_name(const struct model *m, const struct node *x, const char *name)
{
	size_t n = strlen(name);

	(void)m;
	return x->name != NULL && strncmp(x->name, name, n) == 0 &&
	       (x->name[n] == '\0' || x->name[n] == ',' || x->name[n] == ' ');
}

/* True when loop's target binds name as its value (`_, a` / `i, a`). */
static int qt_loop_value(const struct model *m, const struct node *loop, const char *name)
{
	char tgt[128];
	const char *comma;

	span_copy(m, loop->u.loop->target, tgt, sizeof tgt);
	if ((comma = strchr(tgt, ',')) == NULL)
		return 0;
	comma++;
	while (*comma == ' ')
		comma++;
	return strcmp(comma, name) == 0;
}

static int qt_expr_type(const struct audit_input *in, size_t fi, const struct node *fn,
			const char *expr, uint32_t before, int depth, struct qt_type *t);

/* The declared type of variable name in fn at line before. */
static int qt_var_type(const struct audit_input *in, size_t fi, const struct node *fn,
		       const char *name, uint32_t before, int depth, struct qt_type *t)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *x;
	char text[256];

	if (depth <= 0 || fn->u.func == NULL)
		return 0;
	for (uint32_t i = 0; i < fn->u.func->n_params; i++) {
		const struct param *p = &fn->u.func->params[i];

		if (p->name != NULL && strcmp(p->name, name) == 0)
			return p->annotation.len &&
			       qt_parse(m, span_copy(m, p->annotation, text, sizeof text), t);
	}
	for (x = NULL; (x = model_walk(m, fn, x, 0)) && budget_step(); ) {
		if (x->line > before)
			break;
		if (x->kind == NODE_LOOP && x->u.loop != NULL && x->line < before &&
		    before <= x->end_line && qt_loop_value(m, x, name)) {
			span_copy(m, x->u.loop->iter, text, sizeof text);
			if (qt_expr_type(in, fi, fn, text, x->line, depth - 1, t) && t->many) {
				t->many = 0;
				return 1;
			}
			return 0;
		}
		if (x->kind != NODE_ASSIGN || !qt_first_name(m, x, name))
			continue;
		if (x->flags & NF_ANNOTATED) {
			if (x->text.len && qt_parse(m, span_copy(m, x->text, text, sizeof text), t))
				return 1;
			continue;
		}
		for (const struct node *k = x->first_child ? model_node(m, x->first_child) : NULL;
		     k != NULL; k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
			if (k->kind == NODE_CALL && k->u.call != NULL &&
			    span_has(m, x->value, k->u.call->callee)) {
				if (qt_call_type(in, fi, k, t))
					return 1;
				break;
			}
	}
	return 0;
}

/* The declared type of expression expr: a name, or `a.f` (a field of a
 * struct the function knows the type of). */
static int qt_expr_type(const struct audit_input *in, size_t fi, const struct node *fn,
			const char *expr, uint32_t before, int depth, struct qt_type *t)
{
	char head[96], ftype[160];
	const char *dot;
	struct qt_type st;
	size_t n;

	while (*expr == ' ')
		expr++;
	for (n = 0; qt_ident(expr[n]); n++)
		;
	if (n == 0 || n >= sizeof head)
		return 0;
	memcpy(head, expr, n);
	head[n] = '\0';
	if (expr[n] == '\0')
		return qt_var_type(in, fi, fn, head, before, depth, t);
	if (expr[n] != '.')
		return 0;
	dot = expr + n + 1;
	for (n = 0; qt_ident(dot[n]); n++)
		;
	if (n == 0 || dot[n] != '\0' || !qt_var_type(in, fi, fn, head, before, depth, &st) ||
	    st.many ||
	    receiver_field_type(in->proj, summary_classes(in->sum), st.name, dot, ftype,
				sizeof ftype) == NULL)
		return 0;
	return qt_parse(in->proj->files[fi].model, ftype, t);
}

/* When argument text is `v.ID`, or a struct literal one of whose fields
 * is `v.ID` (`&store.DeleteAttachment{ID: v.ID}`): 1, the holder v, the
 * id field, the literal's field name in lit ("" for the bare id) and the
 * id expression as written in expr. */
static int qt_id_arg(const struct model *m, const char *text, char *v, size_t vsize,
		     char *field, size_t fsize, char *lit, size_t lsize, char *expr, size_t esize)
{
	const char *s = text, *open, *p;

	lit[0] = '\0';
	while (*s == ' ' || *s == '&')
		s++;
	open = strchr(s, '{');
	for (p = s; qt_ident(*p) || *p == '.'; p++)
		;
	if (open != NULL && p == open && text[strlen(text) - 1] == '}') {
		/* K: v.F pairs at the top level of the literal */
		const char *q = open + 1;

		while (*q) {
			const char *k0, *k1, *v0, *v1, *d;
			char key[64];

			while (*q == ' ' || *q == ',' || *q == '\n' || *q == '\t')
				q++;
			for (k0 = q; qt_ident(*q); q++)
				;
			k1 = q;
			while (*q == ' ')
				q++;
			if (k1 == k0 || *q != ':')
				return 0;
			q++;
			while (*q == ' ')
				q++;
			for (v0 = q; qt_ident(*q) || *q == '.'; q++)
				;
			v1 = q;
			while (*q == ' ' || *q == '\n' || *q == '\t')
				q++;
			if (*q != ',' && *q != '}')
				return 0;
			q++;
			d = memchr(v0, '.', (size_t)(v1 - v0));
			if (d == NULL || d == v0 || memchr(d + 1, '.', (size_t)(v1 - d - 1)) != NULL ||
			    (size_t)(k1 - k0) >= sizeof key || (size_t)(d - v0) >= vsize ||
			    (size_t)(v1 - d - 1) >= fsize)
				continue;
			snprintf(field, fsize, "%.*s", (int)(v1 - d - 1), d + 1);
			if (!qe_word(m, "qe_row_id_fields", field))
				continue;
			snprintf(v, vsize, "%.*s", (int)(d - v0), v0);
			snprintf(key, sizeof key, "%.*s", (int)(k1 - k0), k0);
			snprintf(lit, lsize, "%s", key);
			snprintf(expr, esize, "%.*s", (int)(v1 - v0), v0);
			return 1;
		}
		return 0;
	}
	/* the bare id: v.F and nothing else */
	p = strchr(s, '.');
	if (p == NULL || p == s || (size_t)(p - s) >= vsize)
		return 0;
	for (const char *c = s; c < p; c++)
		if (!qt_ident(*c))
			return 0;
	for (const char *c = p + 1; *c; c++)
		if (!qt_ident(*c))
			return 0;
	snprintf(v, vsize, "%.*s", (int)(p - s), s);
	snprintf(field, fsize, "%s", p + 1);
	snprintf(expr, esize, "%s", s);
	return field[0] != '\0' && qe_word(m, "qe_row_id_fields", field);
}

/* True when text mentions key (`d` or `d.ID`) as a whole expression:
 * not a longer name, not `d.IDs`, not `x.d.ID`. */
static int qt_mentions_key(const char *text, const char *key)
{
	size_t n = strlen(key);

	for (const char *p = strstr(text, key); p != NULL; p = strstr(p + 1, key))
		if ((p == text || (!qt_ident(p[-1]) && p[-1] != '.')) && !qt_ident(p[n]) &&
		    (p[n] != '.' || strchr(key, '.') != NULL))
			return 1;
	return 0;
}

/* True when path lies in the folder of from or beneath it. */
static int qt_beneath(const char *from, const char *path)
{
	const char *slash = strrchr(from, '/');
	size_t n = slash ? (size_t)(slash - from) + 1 : 0;

	return strncmp(from, path, n) == 0;
}

/* True when call c (file fi) reads the database (fact SUM_DB_READ) or
 * writes it (SUM_DB_WRITE): its summary says so, or the one function it
 * reaches makes such a call, or, for a method
 * called through a field of interface type (`s.driver.ListX(...)`, which
 * no summary resolves), every other method of that name in the caller's
 * package folder or beneath it does: the drivers behind the interface
 * (store/db/postgres/, store/db/sqlite/); a client of the same name in
 * another tree (generated RPC stubs) is not one of them. */
static int qt_does(const struct audit_input *in, size_t fi, const struct node *c, unsigned fact,
		   int depth);

/* True when function g (file fi) has fact (see qt_does). */
static int qt_func_does(const struct audit_input *in, size_t fi, const struct node *g,
			unsigned fact, int depth)
{
	const struct model *gm = in->proj->files[fi].model;

	if (summary_facts(in->sum, fi, g) & fact)
		return 1;
	for (const struct node *k = NULL; (k = model_walk(gm, g, k, 0)) && budget_step(); )
		if (k->kind == NODE_CALL && qt_does(in, fi, k, fact, depth))
			return 1;
	return 0;
}

static int qt_does(const struct audit_input *in, size_t fi, const struct node *c, unsigned fact,
		   int depth)
{
	const struct model *m = in->proj->files[fi].model;
	const struct func_ref *defs;
	const struct node *self;
	struct func_ref ref;
	size_t nd = 0, n = 0;

	/* a query that opens rows (`d.db.QueryContext(ctx, query, args...)`)
	 * reads, whatever the text it runs was assembled from */
	if ((summary_call_facts(in->sum, fi, c) & fact) ||
	    (fact == SUM_DB_READ &&
	     catalog_match_call(catalog_get(m->lang, "cursor_acquisitions"), m, c)))
		return 1;
	if (depth <= 0 || c->u.call == NULL || c->u.call->name == NULL)
		return 0;
	if (summary_call_target(in->sum, fi, c, &ref)) {
		const struct model *gm = in->proj->files[ref.file].model;
		const struct node *g = gm ? model_node(gm, ref.node) : NULL;

		return g != NULL && qt_func_does(in, ref.file, g, fact, depth - 1);
	}
	if (strchr(c->u.call->callee, '.') == NULL || strchr(c->u.call->callee, '(') != NULL)
		return 0;
	self = model_enclosing_func(m, c);
	defs = index_funcs_named(in->proj->index, c->u.call->name, &nd);
	for (size_t i = 0; defs != NULL && i < nd; i++) {
		const struct model *dm = in->proj->files[defs[i].file].model;
		const struct node *d = dm ? model_node(dm, defs[i].node) : NULL;

		if (d == NULL || d == self || !qt_beneath(in->proj->files[fi].path,
							   in->proj->files[defs[i].file].path))
			continue;
		if (!(d->flags & NF_GO_RECEIVER) || !qt_func_does(in, defs[i].file, d, fact, depth - 1))
			return 0;
		n++;
	}
	return n > 0;
}

/* The read of a T row in g (file gfi) by key: an assignment whose value
 * is a call of a project function that reads the database and returns
 * one T, with key in its arguments. */
static const struct node *qt_reload(const struct audit_input *in, size_t gfi,
				    const struct node *g, const char *key, const char *type)
{
	const struct model *gm = in->proj->files[gfi].model;
	const struct node *x;

	for (x = NULL; (x = model_walk(gm, g, x, 0)) && budget_step(); ) {
		const struct node *k;
		struct qt_type t;
		char text[512];

		if (x->kind != NODE_ASSIGN || x->first_child == 0)
			continue;
		k = model_node(gm, x->first_child);
		if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->callee == NULL ||
		    !span_has(gm, x->value, k->u.call->callee) ||
		    !qt_mentions_key(span_copy(gm, k->u.call->args_text, text, sizeof text), key) ||
		    !qt_does(in, gfi, k, SUM_DB_READ, QT_DEPTH) ||
		    !qt_call_type(in, gfi, k, &t) || t.many || strcmp(t.name, type) != 0)
			continue;
		return k;
	}
	return NULL;
}

/* The line where fn last bound name before call c: an assignment to it,
 * or the header of a loop around c whose value it is; 0 when unknown. */
static uint32_t qt_bound_at(const struct model *m, const struct node *fn, const char *name,
			    const struct node *c)
{
	uint32_t at = 0;

	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)) && x->line < c->line; ) {
		if (x->kind == NODE_ASSIGN && qt_first_name(m, x, name))
			at = x->line;
		else if (x->kind == NODE_LOOP && x->u.loop != NULL && c->line <= x->end_line &&
			 qt_loop_value(m, x, name))
			at = x->line;
	}
	return at;
}

/* True when fn writes to the database between lines a and b: the row it
 * holds may be stale then, and a callee that returns the row read again
 * is refreshing it. */
static int qt_written_between(const struct audit_input *in, size_t fi, const struct node *fn,
			      uint32_t a, uint32_t b)
{
	const struct model *m = in->proj->files[fi].model;

	for (const struct node *k = NULL; (k = model_walk(m, fn, k, 0)) && budget_step(); )
		if (k->kind == NODE_CALL && k->line > a && k->line < b &&
		    qt_does(in, fi, k, SUM_DB_WRITE, QT_DEPTH))
			return 1;
	return 0;
}

void qf_typed_reloads(const struct audit_input *in, size_t fi, struct finding_sink *out,
		      unsigned char *reported)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn;

	if (in->sum == NULL || catalog_list_empty(catalog_get(m->lang, "row_slice_prefixes")))
		return;
	for (fn = NULL; (fn = model_walk(m, model_node(m, 0), fn, 1)); ) {
		const struct node *c;

		if (fn->kind != NODE_FUNC || fn->u.func == NULL)
			continue;
		for (c = NULL; (c = model_walk(m, fn, c, 0)) && budget_step(); ) {
			struct func_ref ref;
			const struct model *gm;
			const struct node *g, *reload = NULL;
			struct qt_type vt;
			char text[256], v[64], field[64], lit[64], idexpr[160], key[160], call[128], rcall[128],
				desc[160];
			uint32_t ai, skip;
			struct finding *f;

			if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->n_args == 0 ||
			    (c->flags & NF_DECORATOR) ||
			    (reported != NULL && reported[node_index(m, c)]))
				continue;
			for (ai = 0; ai < c->u.call->n_args; ai++)
				if (c->u.call->args[ai].name == NULL &&
				    qt_id_arg(m, span_copy(m, c->u.call->args[ai].expr, text, sizeof text),
					      v, sizeof v, field, sizeof field, lit, sizeof lit,
					      idexpr, sizeof idexpr))
					break;
			if (ai == c->u.call->n_args ||
			    !summary_call_target(in->sum, fi, c, &ref) ||
			    (gm = in->proj->files[ref.file].model) == NULL)
				continue;
			g = model_node(gm, ref.node);
			if (g == fn || g->u.func == NULL)
				continue;
			skip = (g->flags & NF_GO_RECEIVER) ? 1 : 0;
			if (ai + skip >= g->u.func->n_params || g->u.func->params[ai + skip].name == NULL)
				continue;
			/* the holder is one value of a declared type (the read in
			 * the callee must return that type) */
			if (!qt_var_type(in, fi, fn, v, c->line, QT_DEPTH, &vt) || vt.many ||
			    !isupper((unsigned char)vt.name[0]))
				continue;
			/* a callee that hands the row back after a write in between
			 * is a refresh: the row held may be stale */
			if (g->u.func->returns.len &&
			    sem_mentions(span_copy(gm, g->u.func->returns, text, sizeof text), vt.name) &&
			    qt_written_between(in, fi, fn, qt_bound_at(m, fn, v, c), c->line))
				continue;
			if (lit[0])
				snprintf(key, sizeof key, "%s.%s", g->u.func->params[ai + skip].name, lit);
			else
				snprintf(key, sizeof key, "%s", g->u.func->params[ai + skip].name);
			if ((reload = qt_reload(in, ref.file, g, key, vt.name)) == NULL)
				continue;
			f = auditor_emit(in, out, &qe_checks[QE_REDUNDANT_FETCH],
					 sem_role_severity(in, fi, c, SEV_HIGH, SEV_MEDIUM), fi, c);
			if (reported != NULL)
				reported[node_index(m, c)] = 1;
			if (f == NULL)
				continue;
			sem_call_source(m, c, call, sizeof call);
			sem_call_source(gm, reload, rcall, sizeof rcall);
			sem_func_desc(in, fi, c, desc, sizeof desc);
			finding_set_issue(f, "%s holds `%s`, a `%s` row, and passes only `%s` to "
					  "`%s`, which loads that `%s` again with `%s` (%s:%u): one "
					  "redundant query per call", desc, v, vt.name, idexpr, call,
					  vt.name, rcall, in->proj->files[ref.file].path, reload->line);
			finding_set_recommendation(f, "Hand the `%s` the caller already holds to "
						   "`%s()` (a variant that takes the row), instead of "
						   "its id.", vt.name, g->name);
		}
	}
}
