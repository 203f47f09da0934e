/* Receiver types for the function summaries: which method a call on
 * `self.repos.recipes` reaches, from what the project's classes declare.
 * See receiver-types.h. */
#include "receiver-types.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "lang/lang.h"
#include "semantic.h"
#include "util/xalloc.h"

enum { TYPES_DEPTH = 6 };

struct class_entry {
	const char *name;
	uint32_t file, node;
};

struct class_table {
	struct class_entry *c;        /* by name */
	struct class_entry *pos;      /* the same, by (file, node) */
	size_t n;
};

static int pos_cmp(const void *a, const void *b)
{
	const struct class_entry *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->node < y->node ? -1 : x->node > y->node;
}

/* The class at node index node of file fi. */
static const struct class_entry *class_at(const struct class_table *t, uint32_t fi,
					  uint32_t node)
{
	size_t lo = 0, hi = t->n;
	struct class_entry key = { NULL, fi, node };

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pos_cmp(&t->pos[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n && t->pos[lo].file == fi && t->pos[lo].node == node ? &t->pos[lo] : NULL;
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct class_entry *)a)->name, ((const struct class_entry *)b)->name);
}

struct class_table *class_table_build(const struct project *p)
{
	struct class_table *t = xcalloc(1, sizeof *t);
	size_t cap = 0;

	for (uint32_t fi = 0; fi < p->n_files; fi++) {
		const struct model *m = p->files[fi].model;

		for (uint32_t i = 0; m && i < m->n_nodes; i++)
			if (m->nodes[i].kind == NODE_CLASS && m->nodes[i].name && m->nodes[i].u.cls) {
				XGROW(t->c, cap, t->n + 1);
				t->c[t->n].name = m->nodes[i].name;
				t->c[t->n].file = fi;
				t->c[t->n].node = i;
				t->n++;
			}
	}
	if (t->n > 1)
		xqsort(t->c, t->n, sizeof *t->c, entry_cmp);
	t->pos = xcalloc(t->n ? t->n : 1, sizeof *t->pos);
	if (t->n > 0)
		memcpy(t->pos, t->c, t->n * sizeof *t->c);
	if (t->n > 1)
		xqsort(t->pos, t->n, sizeof *t->pos, pos_cmp);
	return t;
}

void class_table_free(struct class_table *t)
{
	if (t == NULL)
		return;
	free(t->c);
	free(t->pos);
	free(t);
}

/* The class named name when exactly one class has it. */
static const struct class_entry *class_named(const struct class_table *t, const char *name,
					     size_t len)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(t->c[mid].name, name, len);
		if (c == 0 && t->c[mid].name[len] != '\0')
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= t->n || strncmp(t->c[lo].name, name, len) != 0 || t->c[lo].name[len] != '\0')
		return NULL;
	if (lo + 1 < t->n && strcmp(t->c[lo + 1].name, t->c[lo].name) == 0)
		return NULL;   /* two classes of that name: not sure which */
	return &t->c[lo];
}

/* The class a type expression names: "RepoX", "RepoX | None",
 * "Optional[RepoX]", "'RepoX'", "mod.RepoX[T]". */
static const struct class_entry *class_of_type(const struct class_table *t, const char *type)
{
	char buf[160];
	const char *s = type, *e;

	while (*s == ' ' || *s == '"' || *s == '\'')
		s++;
	s += sem_prefix_len(catalog_common_lang(), "rp_type_optional_wrappers", s, 0);
	snprintf(buf, sizeof buf, "%s", s);
	/* the first name, its last dotted segment */
	e = buf;
	while (*e && (isalnum((unsigned char)*e) || *e == '_' || *e == '.'))
		e++;
	{
		const char *last = buf;
		for (const char *x = buf; x < e; x++)
			if (*x == '.')
				last = x + 1;
		if (e == last || !isupper((unsigned char)last[0]))
			return NULL;
		return class_named(t, last, (size_t)(e - last));
	}
}

/* Annotation text of `name: T` (= ...) on line ln of m, into buf. */
static int annotation_on_line(const struct model *m, uint32_t ln, char *buf, size_t size)
{
	size_t len = 0, n;
	const char *l = model_line(m, ln, &len), *colon, *end;

	if (l == NULL || (colon = memchr(l, ':', len)) == NULL)
		return 0;
	colon++;
	end = memchr(colon, '=', len - (size_t)(colon - l));
	n = (size_t)((end ? end : l + len) - colon);
	if (n >= size)
		n = size - 1;
	memcpy(buf, colon, n);
	buf[n] = '\0';
	return 1;
}

static const struct class_entry *attr_class(const struct project *p, const struct class_table *t,
					    const struct class_entry *cls, const char *attr,
					    int depth);

/* The k-th base class named in cls's statement (that the table knows), or
 * NULL. */
static const struct class_entry *base_class(const struct project *p, const struct class_table *t,
					    const struct class_entry *cls, size_t k)
{
	const struct model *m = p->files[cls->file].model;
	const struct node *cn = &m->nodes[cls->node];
	char bases[512];
	const char *b = bases;
	size_t seen = 0;

	span_copy(m, cn->u.cls->bases, bases, sizeof bases);
	while (*b) {
		const char *e = b, *last;
		int depth = 0;

		while (*b == ' ' || *b == ',' || *b == '\n')
			b++;
		e = b;
		while (*e && (isalnum((unsigned char)*e) || *e == '_' || *e == '.'))
			e++;
		last = b;
		for (const char *x = b; x < e; x++)
			if (*x == '.')
				last = x + 1;
		{
			const char *after = e;
			while (*after == ' ')
				after++;
			/* `metaclass=ABCMeta` is no base */
			if (e > last && *after != '=' && seen++ == k)
				return class_named(t, last, (size_t)(e - last));
		}
		/* skip to the next top-level comma */
		for (; *e; e++) {
			if (*e == '[' || *e == '(')
				depth++;
			else if (*e == ']' || *e == ')')
				depth--;
			else if (*e == ',' && depth == 0)
				break;
		}
		b = *e ? e + 1 : e;
	}
	return NULL;
}

const struct node *class_method(const struct project *p, const struct class_table *t,
				const struct class_entry *cls, const char *name, uint32_t *file,
				int depth)
{
	const struct model *m;

	if (cls == NULL || depth > TYPES_DEPTH)
		return NULL;
	m = p->files[cls->file].model;
	for (uint32_t k = m->nodes[cls->node].first_child; k; k = m->nodes[k].next_sibling)
		if (m->nodes[k].kind == NODE_FUNC && m->nodes[k].name &&
		    strcmp(m->nodes[k].name, name) == 0) {
			*file = cls->file;
			return &m->nodes[k];
		}
	for (size_t i = 0; i < 8; i++) {
		const struct class_entry *b = base_class(p, t, cls, i);
		const struct node *f;

		if (b == NULL)
			continue;
		if ((f = class_method(p, t, b, name, file, depth + 1)) != NULL)
			return f;
	}
	return NULL;
}

/* The implicit receiver of m's language followed by a dot ("self.",
 * "this."), into buf; "" when the language has none. */
static const char *self_prefix(const struct model *m, char *buf, size_t size)
{
	const struct front_end *fe = lang_get(m->lang);

	buf[0] = '\0';
	if (fe != NULL && fe->traits.receivers != NULL && fe->traits.receivers[0] != NULL)
		snprintf(buf, size, "%s.", fe->traits.receivers[0]);
	return buf;
}

/* The class attribute attr of cls holds: a property's return annotation
 * (or what it returns from self), a class-level annotation, or what a
 * method assigns to self.attr. */
static const struct class_entry *attr_class(const struct project *p, const struct class_table *t,
					    const struct class_entry *cls, const char *attr,
					    int depth)
{
	const struct model *m;
	const struct node *f;
	uint32_t file = 0;
	char text[160], self[16];
	size_t sn;

	if (cls == NULL || depth > TYPES_DEPTH)
		return NULL;
	/* a property / cached_property */
	if ((f = class_method(p, t, cls, attr, &file, 0)) != NULL && f->u.func) {
		const struct model *fm = p->files[file].model;

		if (f->u.func->returns.len) {
			span_copy(fm, f->u.func->returns, text, sizeof text);
			return class_of_type(t, text);
		}
		sn = strlen(self_prefix(fm, self, sizeof self));
		for (const struct node *x = NULL; sn && (x = model_walk(fm, f, x, 0)); )
			if (x->kind == NODE_RETURN && x->value.len > sn) {
				span_copy(fm, x->value, text, sizeof text);
				if (strncmp(text, self, sn) == 0 && strchr(text + sn, '.') == NULL &&
				    strchr(text + sn, '(') == NULL)
					return attr_class(p, t, cls, text + sn, depth + 1);
			}
		return NULL;
	}
	m = p->files[cls->file].model;
	sn = strlen(self_prefix(m, self, sizeof self));
	/* `attr: T` in the class body, `self.attr = T(...)` in a method, a
	 * TypeScript constructor parameter property `private attr: T` */
	for (const struct node *x = NULL; (x = model_walk(m, &m->nodes[cls->node], x, 1)); ) {
		if (x->kind == NODE_FUNC && x->u.func && x->parent == cls->node && x->name &&
		    catalog_match(catalog_get(m->lang, "rp_constructor_names"), x->name))
			for (uint32_t k = 0; k < x->u.func->n_params; k++)
				if (x->u.func->params[k].name &&
				    strcmp(x->u.func->params[k].name, attr) == 0 &&
				    x->u.func->params[k].annotation.len) {
					span_copy(m, x->u.func->params[k].annotation, text,
						  sizeof text);
					return class_of_type(t, text);
				}
		if (x->kind != NODE_ASSIGN || x->name == NULL)
			continue;
		if ((x->flags & NF_ANNOTATED) && strcmp(x->name, attr) == 0 &&
		    x->parent == cls->node && annotation_on_line(m, x->line, text, sizeof text))
			return class_of_type(t, text);
		if (sn && strncmp(x->name, self, sn) == 0 && strcmp(x->name + sn, attr) == 0 &&
		    x->value.len > 0) {
			span_copy(m, x->value, text, sizeof text);
			if (strchr(text, '(') != NULL) {
				*strchr(text, '(') = '\0';
				return class_of_type(t, text);
			}
			/* `self.repos = repos`, a parameter annotated AllRepositories */
			{
				const struct node *f2 = model_enclosing_func(m, x);
				const struct func_info *fi2 = f2 ? f2->u.func : NULL;

				for (uint32_t k = 0; fi2 && k < fi2->n_params; k++)
					if (fi2->params[k].name && strcmp(fi2->params[k].name, text) == 0 &&
					    fi2->params[k].annotation.len) {
						char ann[160];
						span_copy(m, fi2->params[k].annotation, ann, sizeof ann);
						return class_of_type(t, ann);
					}
			}
		}
	}
	for (size_t i = 0; i < 8; i++) {
		const struct class_entry *b = base_class(p, t, cls, i);
		const struct class_entry *r;

		if (b != NULL && (r = attr_class(p, t, b, attr, depth + 1)) != NULL)
			return r;
	}
	return NULL;
}

int receiver_method(const struct project *p, const struct class_table *t, size_t fi,
		    const struct node *c, struct func_ref *out)
{
	const struct model *m = p->files[fi].model;
	const char *callee = c->u.call->callee, *s, *dot;
	const struct node *fn = model_enclosing_func(m, c), *f;
	const struct class_entry *cls;
	char seg[128], self[16];
	uint32_t file = 0;
	size_t sn = strlen(self_prefix(m, self, sizeof self));

	/* an arrow function's `this` is its enclosing method's */
	while (fn != NULL && (fn->flags & NF_LAMBDA) && fn->parent)
		fn = model_enclosing_func(m, fn);
	if (t == NULL || sn == 0 || strncmp(callee, self, sn) != 0 || fn == NULL ||
	    !(fn->flags & NF_METHOD) || fn->parent == 0 || m->nodes[fn->parent].kind != NODE_CLASS)
		return 0;
	/* the enclosing class itself */
	cls = class_at(t, (uint32_t)fi, fn->parent);
	s = callee + sn;
	while (cls != NULL && (dot = strchr(s, '.')) != NULL) {
		size_t n = (size_t)(dot - s);
		if (n == 0 || n >= sizeof seg)
			return 0;
		memcpy(seg, s, n);
		seg[n] = '\0';
		cls = attr_class(p, t, cls, seg, 0);
		s = dot + 1;
	}
	if (cls == NULL || strchr(s, '(') != NULL)
		return 0;
	if ((f = class_method(p, t, cls, s, &file, 0)) == NULL)
		return 0;
	out->file = file;
	out->node = (uint32_t)(f - p->files[file].model->nodes);
	return 1;
}

/* The class a Go type expression names: "*Core", "core.Core", "*store.Store";
 * a slice, map or channel (the catalog's unnamed types) names none. */
static const struct class_entry *go_class_of_type(const struct model *m,
						  const struct class_table *t, const char *type)
{
	while (*type == ' ' || *type == '*')
		type++;
	return *type == '[' || catalog_match(catalog_get(m->lang, "rp_unnamed_types"), type) ?
	       NULL : class_of_type(t, type);
}

/* The struct type of field name in the struct cls (`core *Core`). */
static const struct class_entry *go_field_class(const struct project *p,
						const struct class_table *t,
						const struct class_entry *cls, const char *name)
{
	const struct model *m = p->files[cls->file].model;
	char text[160];

	for (uint32_t k = m->nodes[cls->node].first_child; k; k = m->nodes[k].next_sibling) {
		const struct node *x = &m->nodes[k];

		if (x->kind == NODE_ASSIGN && (x->flags & NF_ANNOTATED) && x->name != NULL &&
		    strcmp(x->name, name) == 0 && x->text.len)
			return go_class_of_type(m, t, span_copy(m, x->text, text, sizeof text));
	}
	return NULL;
}

int receiver_go_method(const struct project *p, const struct class_table *t, size_t fi,
		       const struct node *c, struct func_ref *out)
{
	const struct model *m = p->files[fi].model;
	const char *callee = c->u.call->callee, *s, *dot;
	const struct node *fn = model_enclosing_func(m, c);
	const struct class_entry *cls = NULL;
	const struct func_ref *refs;
	char seg[128], qual[300], text[160];
	size_t n_refs, n = 0;
	int depth = 0;

	while (fn != NULL && (fn->flags & NF_LAMBDA) && fn->parent)
		fn = model_enclosing_func(m, fn);
	if (t == NULL || fn == NULL || fn->u.func == NULL || strchr(callee, '(') != NULL ||
	    (dot = strchr(callee, '.')) == NULL || (size_t)(dot - callee) >= sizeof seg)
		return 0;
	/* the first name: a parameter (the receiver) with its declared type */
	snprintf(seg, sizeof seg, "%.*s", (int)(dot - callee), callee);
	for (uint32_t i = 0; i < fn->u.func->n_params; i++) {
		const struct param *pa = &fn->u.func->params[i];

		if (pa->name != NULL && strcmp(pa->name, seg) == 0 && pa->annotation.len)
			cls = go_class_of_type(m, t, span_copy(m, pa->annotation, text, sizeof text));
	}
	/* then the fields: `a.core.GetMember` */
	for (s = dot + 1; cls != NULL && (dot = strchr(s, '.')) != NULL; s = dot + 1) {
		if (dot == s || (size_t)(dot - s) >= sizeof seg || ++depth > TYPES_DEPTH)
			return 0;
		snprintf(seg, sizeof seg, "%.*s", (int)(dot - s), s);
		cls = go_field_class(p, t, cls, seg);
	}
	if (cls == NULL)
		return 0;
	/* the method declared with that type as its receiver */
	snprintf(qual, sizeof qual, "%s.%s", cls->name, s);
	refs = index_funcs_named(p->index, s, &n_refs);
	for (size_t i = 0; refs != NULL && i < n_refs; i++) {
		const struct model *dm = p->files[refs[i].file].model;
		const struct node *d = dm ? &dm->nodes[refs[i].node] : NULL;

		if (d == NULL || !(d->flags & NF_GO_RECEIVER) || d->u.func == NULL ||
		    d->u.func->qualname == NULL || strcmp(d->u.func->qualname, qual) != 0)
			continue;
		*out = refs[i];
		n++;
	}
	return n == 1;
}

const char *receiver_field_type(const struct project *p, const struct class_table *t,
				const char *type_name, const char *field, char *buf, size_t size)
{
	const struct class_entry *cls;
	const struct model *m;

	const char *last = strrchr(type_name, '.');

	last = last ? last + 1 : type_name;
	/* by name alone: Go's unexported struct types start in lower case */
	if (t == NULL || *last == '\0' || (cls = class_named(t, last, strlen(last))) == NULL)
		return NULL;
	m = p->files[cls->file].model;
	for (uint32_t k = m->nodes[cls->node].first_child; k; k = m->nodes[k].next_sibling) {
		const struct node *x = &m->nodes[k];

		if (x->kind == NODE_ASSIGN && (x->flags & NF_ANNOTATED) && x->name != NULL &&
		    strcmp(x->name, field) == 0 && x->text.len)
			return span_copy(m, x->text, buf, size);
	}
	return NULL;
}
