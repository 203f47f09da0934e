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
#include "index.h"
#include "util/xalloc.h"

enum { TYPES_DEPTH = 6 };

struct class_entry {
	const char *name;
	uint32_t file, node;
	enum lang lang;               /* the language of the file */
	const char *dir;              /* the file's path: its folder is the */
	size_t dir_len;               /* first dir_len bytes */
};

struct class_table {
	struct class_entry *c;        /* by name */
	struct class_entry *pos;      /* the same, by (file, node) */
	const struct class_entry **fold; /* t->c by (name, language, folder,
					  * file, node): a package's classes
					  * of one name are adjacent */
	size_t n;
	struct go_meth *meth;         /* Go receiver methods by (qualname, name,
				       * index order); NULL without an index */
	size_t n_meth;
};

/* A Go method as index_funcs_named lists it: `func (s *Svc) Get()` is
 * ("Svc.Get", "Get", its place among the functions named Get). */
struct go_meth {
	const char *qual;
	const char *name;
	size_t seq;
	struct func_ref ref;
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
	struct class_entry key = { NULL, fi, node, LANG_NONE, NULL, 0 };

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pos_cmp(&t->pos[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n && t->pos[lo].file == fi && t->pos[lo].node == node ? &t->pos[lo] : NULL;
}

/* By name, then language, then position: the classes of one name and
 * language are adjacent, so a lookup in one language is a binary search
 * (hostile input chooses how many classes share a name), and within
 * them the order is the files' (what the first match of a scan meant). */
static int entry_cmp(const void *a, const void *b)
{
	const struct class_entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	if (x->lang != y->lang)
		return x->lang < y->lang ? -1 : 1;
	return pos_cmp(a, b);
}

/* Folders compared as byte strings, shorter first on a tie. */
static int dir_cmp(const char *a, size_t la, const char *b, size_t lb)
{
	int c = memcmp(a, b, la < lb ? la : lb);

	return c != 0 ? c : (la > lb) - (la < lb);
}

static int fold_cmp(const void *a, const void *b)
{
	const struct class_entry *x = *(const struct class_entry *const *)a;
	const struct class_entry *y = *(const struct class_entry *const *)b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	if (x->lang != y->lang)
		return x->lang < y->lang ? -1 : 1;
	if ((c = dir_cmp(x->dir, x->dir_len, y->dir, y->dir_len)) != 0)
		return c;
	return pos_cmp(x, y);
}

static size_t folder_len(const char *path);

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int go_meth_cmp(const void *a, const void *b)
{
	const struct go_meth *x = a, *y = b;
	int c = strcmp(x->qual, y->qual);

	if (c == 0)
		c = strcmp(x->name, y->name);
	return c != 0 ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* t->meth: every Go receiver method the index lists, looked up by
 * qualified name; go_method_of asked the index for every function of the
 * method's name and compared each one's qualified name, so 20 000
 * packages with a `Svc.Get` each cost 20 000 comparisons per call. */
static void go_meth_build(const struct project *p, struct class_table *t)
{
	const char **names = NULL;
	size_t n_names = 0, cap = 0, mcap = 0, w = 0;

	if (p->index == NULL)
		return;
	for (uint32_t fi = 0; fi < p->n_files; fi++) {
		const struct model *m = p->files[fi].model;

		for (uint32_t i = 0; m && i < m->n_nodes; i++) {
			const struct node *d = &m->nodes[i];

			if (d->kind == NODE_FUNC && d->name != NULL && (d->flags & NF_GO_RECEIVER) &&
			    d->u.func != NULL && d->u.func->qualname != NULL) {
				XGROW(names, cap, n_names + 1);
				names[n_names++] = d->name;
			}
		}
	}
	if (n_names > 1)
		xqsort(names, n_names, sizeof *names, str_ptr_cmp);
	for (size_t k = 0; k < n_names; k++) {
		const struct func_ref *refs;
		size_t n_refs;

		if (k > 0 && strcmp(names[k], names[w - 1]) == 0)
			continue;
		names[w++] = names[k];
		refs = index_funcs_named(p->index, names[k], &n_refs);
		for (size_t i = 0; refs != NULL && i < n_refs; i++) {
			const struct model *dm = p->files[refs[i].file].model;
			const struct node *d = dm ? &dm->nodes[refs[i].node] : NULL;

			if (d == NULL || !(d->flags & NF_GO_RECEIVER) || d->u.func == NULL ||
			    d->u.func->qualname == NULL)
				continue;
			XGROW(t->meth, mcap, t->n_meth + 1);
			t->meth[t->n_meth].qual = d->u.func->qualname;
			t->meth[t->n_meth].name = names[k];
			t->meth[t->n_meth].seq = i;
			t->meth[t->n_meth].ref = refs[i];
			t->n_meth++;
		}
	}
	free(names);
	if (t->n_meth > 1)
		xqsort(t->meth, t->n_meth, sizeof *t->meth, go_meth_cmp);
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
				t->c[t->n].lang = m->lang;
				t->c[t->n].dir = p->files[fi].path;
				t->c[t->n].dir_len = folder_len(p->files[fi].path);
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
	t->fold = xcalloc(t->n ? t->n : 1, sizeof *t->fold);
	for (size_t i = 0; i < t->n; i++)
		t->fold[i] = &t->c[i];
	if (t->n > 1)
		xqsort(t->fold, t->n, sizeof *t->fold, fold_cmp);
	go_meth_build(p, t);
	return t;
}

void class_table_free(struct class_table *t)
{
	if (t == NULL)
		return;
	free(t->c);
	free(t->pos);
	free(t->fold);
	free(t->meth);
	free(t);
}

/* True when e is named name (len bytes) and, unless lang is LANG_NONE,
 * of that language. */
static int class_is(const struct class_entry *e, const char *name, size_t len, enum lang lang)
{
	return strncmp(e->name, name, len) == 0 && e->name[len] == '\0' &&
	       (lang == LANG_NONE || e->lang == lang);
}

/* The first entry of t->c at or after (name, lang) (the first of the
 * name for LANG_NONE). */
static size_t class_lower_bound(const struct class_table *t, const char *name, size_t len,
				enum lang lang)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(t->c[mid].name, name, len);

		if (c == 0 && t->c[mid].name[len] != '\0')
			c = 1;
		if (c == 0 && lang != LANG_NONE && t->c[mid].lang != lang)
			c = t->c[mid].lang < lang ? -1 : 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The class named name when exactly one class has it; with lang other
 * than LANG_NONE, exactly one of that language (a Go struct and a
 * TypeScript class of the frontend may share a name: `UserService`). */
static const struct class_entry *class_named_in(const struct class_table *t, const char *name,
						size_t len, enum lang lang)
{
	size_t lo = class_lower_bound(t, name, len, lang);

	if (lo >= t->n || !class_is(&t->c[lo], name, len, lang))
		return NULL;
	if (lo + 1 < t->n && class_is(&t->c[lo + 1], name, len, lang))
		return NULL;   /* two classes of that name: not sure which */
	return &t->c[lo];
}

size_t class_table_find(const struct class_table *t, const char *name, size_t *first)
{
	size_t len = strlen(name), i;

	*first = i = t != NULL ? class_lower_bound(t, name, len, LANG_NONE) : 0;
	while (t != NULL && i < t->n && class_is(&t->c[i], name, len, LANG_NONE))
		i++;
	return i - *first;
}

const struct node *class_table_entry(const struct project *p, const struct class_table *t,
				     size_t i, uint32_t *file)
{
	const struct model *m = p->files[t->c[i].file].model;

	*file = t->c[i].file;
	return m != NULL ? &m->nodes[t->c[i].node] : NULL;
}

static const struct class_entry *class_named(const struct class_table *t, const char *name,
					     size_t len)
{
	return class_named_in(t, name, len, LANG_NONE);
}

/* The class a type expression names: "RepoX", "RepoX | None",
 * "Optional[RepoX]", "'RepoX'", "mod.RepoX[T]". A lower-case name
 * (`str`, `list`) is no class unless lower is set: a Go type the package
 * keeps to itself (`*messageCache`) is named in lower case, and only a
 * struct the project declares under that one name answers. With lang
 * other than LANG_NONE only that language's classes are candidates. */
static const struct class_entry *class_of_type_in(const struct class_table *t, const char *type,
						  int lower, enum lang lang)
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
		if (e == last || (!lower && !isupper((unsigned char)last[0])))
			return NULL;
		return class_named_in(t, last, (size_t)(e - last), lang);
	}
}

static const struct class_entry *class_of_type(const struct class_table *t, const char *type)
{
	return class_of_type_in(t, type, 0, LANG_NONE);
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

const struct node *class_method_named(const struct project *p, const struct class_table *t,
				      const char *cls, const char *name, uint32_t *file)
{
	if (t == NULL || cls == NULL || cls[0] == '\0')
		return NULL;
	return class_method(p, t, class_named(t, cls, strlen(cls)), name, file, 0);
}

const struct node *class_node_named(const struct project *p, const struct class_table *t,
				    const char *cls, uint32_t *file)
{
	const struct class_entry *e;

	if (t == NULL || cls == NULL || cls[0] == '\0' ||
	    (e = class_named(t, cls, strlen(cls))) == NULL || p->files[e->file].model == NULL)
		return NULL;
	*file = e->file;
	return model_node(p->files[e->file].model, e->node);
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

/* The project class a parameter of fn annotated `name: Class` declares,
 * for callee `name.rest` (*rest set past the dot), or NULL. Only for a
 * parameter the framework injects (its default or annotation matches the
 * catalog's rp_injected_param_markers, `Depends(...)`): what the framework
 * builds is an instance of the declared class, while a plain parameter
 * may be handed a subclass or a stand-in. */
static const struct class_entry *param_class(const struct project *p, const struct class_table *t,
					     const struct model *m, const struct node *fn,
					     const char *callee, const char **rest)
{
	const char *dot = strchr(callee, '.');
	size_t n = dot ? (size_t)(dot - callee) : 0;
	char ann[160];

	(void)p;
	const struct catalog_list *marks = catalog_get(m->lang, "rp_injected_param_markers");

	if (n == 0 || catalog_list_empty(marks) || fn->u.func == NULL)
		return NULL;
	for (uint32_t k = 0; k < fn->u.func->n_params; k++) {
		const struct param *pr = &fn->u.func->params[k];

		if (pr->name == NULL || strlen(pr->name) != n || strncmp(pr->name, callee, n) != 0 ||
		    pr->annotation.len == 0 || pr->star)
			continue;
		if (!catalog_match(marks, span_copy(m, pr->def, ann, sizeof ann)) &&
		    !catalog_match(marks, span_copy(m, pr->annotation, ann, sizeof ann)))
			return NULL;
		span_copy(m, pr->annotation, ann, sizeof ann);
		*rest = dot + 1;
		return class_of_type(t, ann);
	}
	return NULL;
}

/* The class of a local that fn binds once, before call c, to a new
 * object of a project class (`delivery = WebhookDelivery(log_repo)` ..
 * `delivery.deliver(...)`); *rest past the local's name. NULL when the
 * name is bound twice, or to anything else. */
static const struct class_entry *local_class(const struct class_table *t, const struct model *m,
					     const struct node *fn, const struct node *c,
					     const char *callee, const char **rest)
{
	const char *dot = strchr(callee, '.');
	size_t n = dot ? (size_t)(dot - callee) : 0;
	const struct class_entry *cls = NULL;
	char text[160];
	int bound = 0;

	if (n == 0 || fn->u.func == NULL)
		return NULL;
	for (uint32_t k = 0; k < fn->u.func->n_params; k++)
		if (fn->u.func->params[k].name != NULL &&
		    strlen(fn->u.func->params[k].name) == n &&
		    strncmp(fn->u.func->params[k].name, callee, n) == 0)
			return NULL;
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); ) {
		char *paren;

		if ((x->kind != NODE_ASSIGN && x->kind != NODE_AUGASSIGN) || x->name == NULL ||
		    strlen(x->name) != n || strncmp(x->name, callee, n) != 0)
			continue;
		if (bound++ || x->kind != NODE_ASSIGN || (x->flags & NF_TARGET_ATTR) ||
		    x->line > c->line || x->value.len == 0)
			return NULL;
		span_copy(m, x->value, text, sizeof text);
		if ((paren = strchr(text, '(')) == NULL)
			return NULL;
		*paren = '\0';
		for (const char *q = text; *q; q++)
			if (!isalnum((unsigned char)*q) && *q != '_' && *q != '.')
				return NULL;
		cls = class_of_type(t, text);
	}
	if (cls != NULL)
		*rest = dot + 1;
	return cls;
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
	if (t == NULL || sn == 0 || fn == NULL)
		return 0;
	if (strncmp(callee, self, sn) != 0) {
		/* `repository.create(...)` on an injected parameter annotated
		 * with a project class (`repository: TenantRepository =
		 * Depends(...)`) */
		cls = param_class(p, t, m, fn, callee, &s);
		if (cls == NULL)
			return 0;
	} else {
		if (!(fn->flags & NF_METHOD) || fn->parent == 0 ||
		    m->nodes[fn->parent].kind != NODE_CLASS)
			return 0;
		/* the enclosing class itself */
		cls = class_at(t, (uint32_t)fi, fn->parent);
		s = callee + sn;
	}
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

/* Whether files a and b sit in one folder (one Go package); below. */
static int same_folder(const struct project *p, uint32_t a, uint32_t b);

/* The one class of language lang named name (len bytes) declared in the
 * folder of file fi (one Go package), or NULL. */
/* True when e is named name (len bytes), of language lang, declared in
 * folder dir (dl bytes). */
static int fold_is(const struct class_entry *e, const char *name, size_t len, enum lang lang,
		   const char *dir, size_t dl)
{
	return class_is(e, name, len, lang) && e->dir_len == dl && memcmp(e->dir, dir, dl) == 0;
}

/* The first entry of t->fold at or after (name, lang, folder dir). */
static size_t fold_lower_bound(const struct class_table *t, const char *name, size_t len,
			       enum lang lang, const char *dir, size_t dl)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct class_entry *e = t->fold[mid];
		int c = strncmp(e->name, name, len);

		if (c == 0 && e->name[len] != '\0')
			c = 1;
		if (c == 0 && e->lang != lang)
			c = e->lang < lang ? -1 : 1;
		if (c == 0)
			c = dir_cmp(e->dir, e->dir_len, dir, dl);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct class_entry *class_named_in_folder(const struct project *p,
						       const struct class_table *t,
						       const char *name, size_t len,
						       enum lang lang, size_t fi)
{
	const char *dir = p->files[fi].path;
	size_t dl = folder_len(dir), i = fold_lower_bound(t, name, len, lang, dir, dl);

	/* a binary search in t->fold: walking every class of the name for
	 * the asking folder's made 20 000 packages that each declare a
	 * `Svc` take minutes */
	if (i >= t->n || !fold_is(t->fold[i], name, len, lang, dir, dl))
		return NULL;
	if (i + 1 < t->n && fold_is(t->fold[i + 1], name, len, lang, dir, dl))
		return NULL;
	return t->fold[i];
}

/* The class a Go type expression names, in file fi of model m: "*Core",
 * "core.Core", "*store.Store"; a slice, map or channel (the catalog's
 * unnamed types) names none. An unqualified name that several packages
 * declare (`*Service`) is the struct of the asking file's own package. */
static const struct class_entry *go_class_of_type(const struct project *p, size_t fi,
						  const struct model *m,
						  const struct class_table *t, const char *type)
{
	const struct class_entry *e;
	size_t n = 0;

	while (*type == ' ' || *type == '*')
		type++;
	if (*type == '[' || catalog_match(catalog_get(m->lang, "rp_unnamed_types"), type))
		return NULL;
	if ((e = class_of_type_in(t, type, 1, m->lang)) != NULL || fi >= p->n_files ||
	    p->files[fi].model != m)
		return e;
	while (isalnum((unsigned char)type[n]) || type[n] == '_')
		n++;
	if (n == 0 || type[n] == '.')
		return NULL;
	return class_named_in_folder(p, t, type, n, m->lang, fi);
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
			return go_class_of_type(p, cls->file, m, t, span_copy(m, x->text, text, sizeof text));
	}
	return NULL;
}

/* The type of a composite literal value text v (`&Hook{...}`, `Hook{}`,
 * `[]*Hook{}`, `models.Hook{ID: id}`, `make([]*Hook, 0, n)`), into buf
 * (`*Hook`, `[]*Hook`); NULL for anything else. */
static const char *go_literal_type(const struct model *m, const char *v, char *buf, size_t size)
{
	const char *e;
	char word[32];
	int amp = 0;

	while (*v == ' ')
		v++;
	/* the allocation builtin (catalog typed_makers) of a slice */
	e = v + strcspn(v, "(");
	if (*e == '(' && (size_t)(e - v) < sizeof word &&
	    catalog_match(catalog_get(m->lang, "typed_makers"),
			  (snprintf(word, sizeof word, "%.*s", (int)(e - v), v), word))) {
		v = e + 1;
		if (v[0] != '[' || v[1] != ']')
			return NULL;
		e = v + strcspn(v, ",)");
		snprintf(buf, size, "%.*s", (int)(e - v), v);
		return buf;
	}
	if (*v == '&') {
		amp = 1;
		v++;
	}
	e = v;
	if (e[0] == '[' && e[1] == ']') {
		e += 2;
		while (*e == '*')
			e++;
	}
	while (isalnum((unsigned char)*e) || *e == '_' || *e == '.')
		e++;
	if (*e != '{' || e == v || e[-1] == ']')
		return NULL;
	snprintf(buf, size, "%s%.*s", amp ? "*" : "", (int)(e - v), v);
	return buf;
}

/* True when text is one identifier. */
static int go_plain_name(const char *text)
{
	for (const char *t = text; *t; t++)
		if (!isalnum((unsigned char)*t) && *t != '_')
			return 0;
	return text[0] != '\0';
}

/* The type of Go local name at call c in function fn, into buf: its last
 * assignment before c from a composite literal (`h := &Hook{}`), or, for
 * the item of a range loop around c (`for _, h := range hooks`), the
 * element type of the ranged local or parameter when that is a slice
 * (`hooks := []*Hook{}`, `hooks []*Hook`). NULL when unknown. */
static const char *go_local_type(const struct model *m, const struct node *fn,
				 const struct node *c, const char *name, char *buf, size_t size,
				 int depth)
{
	const struct node *x, *a = NULL, *l;
	char text[160];

	buf[0] = '\0';
	if (depth > 2)
		return NULL;
	for (uint32_t i = 0; fn->u.func != NULL && i < fn->u.func->n_params; i++) {
		const struct param *pa = &fn->u.func->params[i];

		if (pa->name != NULL && strcmp(pa->name, name) == 0)
			return pa->annotation.len ? span_copy(m, pa->annotation, buf, size) : NULL;
	}
	for (x = NULL; (x = model_walk(m, fn, x, 0)) != NULL && x->line <= c->line; )
		if (x->kind == NODE_ASSIGN && x->name != NULL && strcmp(x->name, name) == 0 &&
		    !(x->flags & NF_TARGET_ATTR) && x != c)
			a = x;
	if (a != NULL && a->value.len)
		return go_literal_type(m, span_copy(m, a->value, text, sizeof text), buf, size);
	/* the item of a range loop around c */
	for (l = model_enclosing_loop(m, c); l != NULL && model_is_within(m, l, fn);
	     l = model_enclosing_loop(m, l)) {
		char target[128], iter[64], *item;

		if (l->kind != NODE_LOOP || l->u.loop == NULL || l->u.loop->target.len == 0)
			break;
		span_copy(m, l->u.loop->target, target, sizeof target);
		item = strrchr(target, ',') ? strrchr(target, ',') + 1 : target;
		while (*item == ' ')
			item++;
		if (strcmp(item, name) != 0 || item == target)
			continue;
		span_copy(m, l->u.loop->iter, iter, sizeof iter);
		if (iter[0] == '\0' || !go_plain_name(iter) ||
		    go_local_type(m, fn, l, iter, text, sizeof text, depth + 1) == NULL ||
		    text[0] != '[' || text[1] != ']')
			return NULL;
		snprintf(buf, size, "%s", text + 2);
		return buf;
	}
	return NULL;
}

/* The type text that follows name in decl (`team model.Team`, one
 * declaration of a list `(group model.UserGroup, err error)`), into buf;
 * NULL when name is not declared there with a type of its own. */
static const char *typed_name_in(const char *decl, const char *name, char *buf, size_t size)
{
	size_t nl = strlen(name);

	for (const char *q = strstr(decl, name); q != NULL; q = strstr(q + 1, name)) {
		const char *t = q + nl, *e;

		if ((q > decl && (isalnum((unsigned char)q[-1]) || q[-1] == '_' || q[-1] == '.')) ||
		    *t != ' ')
			continue;
		while (*t == ' ')
			t++;
		e = t;
		while (*e == '*' || *e == '[' || *e == ']')
			e++;
		while (isalnum((unsigned char)*e) || *e == '_' || *e == '.')
			e++;
		if (e == t || e[-1] == ']' || (*e != '\0' && *e != ',' && *e != ')' && *e != ' ' &&
						*e != '='))
			return NULL;
		snprintf(buf, size, "%.*s", (int)(e - t), t);
		return buf;
	}
	return NULL;
}

const char *receiver_go_local_decl_type(const struct model *m, const struct node *fn,
					const struct node *c, const char *name, char *buf,
					size_t size)
{
	const struct node *x, *a = NULL;
	char text[256];

	if (fn == NULL || fn->kind != NODE_FUNC || fn->u.func == NULL)
		return NULL;
	if (go_local_type(m, fn, c, name, buf, size, 0) != NULL && buf[0] != '\0')
		return buf;
	buf[0] = '\0';
	/* `var team model.Team` before c: a declaration without a value */
	for (x = NULL; (x = model_walk(m, fn, x, 0)) != NULL && x->line <= c->line; )
		if (x->kind == NODE_ASSIGN && x->name != NULL && strcmp(x->name, name) == 0 &&
		    !(x->flags & NF_TARGET_ATTR) && x != c)
			a = x;
	if (a != NULL) {
		size_t len = 0;
		const char *t;

		if (!(a->flags & NF_GO_DEFINE) || a->value.len != 0 ||
		    (t = model_line(m, a->line, &len)) == NULL)
			return NULL;
		snprintf(text, sizeof text, "%.*s", (int)(len < sizeof text ? len : sizeof text - 1), t);
		return typed_name_in(text, name, buf, size);
	}
	/* a named result: `(group model.UserGroup, err error)` */
	if (fn->u.func->returns.len == 0)
		return NULL;
	span_copy(m, fn->u.func->returns, text, sizeof text);
	return typed_name_in(text, name, buf, size);
}

const char *receiver_go_global_decl_type(const struct model *m, const char *name, char *buf,
					 size_t size)
{
	const struct node *a = NULL;
	char text[256];
	size_t len = 0;
	const char *t;

	for (const struct node *x = NULL; (x = model_walk(m, model_node(m, 0), x, 0)) != NULL; ) {
		if (x->kind != NODE_ASSIGN || x->name == NULL || strcmp(x->name, name) != 0 ||
		    (x->flags & NF_TARGET_ATTR) || model_enclosing_func(m, x) != NULL)
			continue;
		if (a != NULL)
			return NULL;   /* declared twice (build tags): unknown */
		a = x;
	}
	if (a == NULL || !(a->flags & NF_GO_DEFINE) || a->value.len != 0 ||
	    (t = model_line(m, a->line, &len)) == NULL)
		return NULL;
	snprintf(text, sizeof text, "%.*s", (int)(len < sizeof text ? len : sizeof text - 1), t);
	return typed_name_in(text, name, buf, size);
}

static int go_method(const struct project *p, const struct class_table *t, size_t fi,
		     const struct node *c, struct func_ref *out, int locals);

/* The element type of the slice that the project method called in
 * assignment a declares as its first result (`posts, err :=
 * app.db.GetPosts(...)` with `GetPosts(...) (*[]PublicPost, error)`
 * gives "PublicPost"), into buf; the method must be known without
 * local typing. NULL otherwise. */
static const char *go_call_result_elem(const struct project *p, const struct class_table *t,
				       size_t fi, const struct node *a, char *buf, size_t size)
{
	const struct model *m = p->files[fi].model, *dm;
	const struct node *call = NULL, *d;
	struct func_ref ref;
	char text[160], *s, *e;
	int depth = 0;

	for (const struct node *x = NULL; (x = model_walk(m, a, x, 0)) != NULL; )
		if (x->kind == NODE_CALL && x->u.call != NULL && x->u.call->callee != NULL) {
			call = x;
			break;
		}
	if (call == NULL || !go_method(p, t, fi, call, &ref, 0))
		return NULL;
	dm = p->files[ref.file].model;
	d = &dm->nodes[ref.node];
	if (d->u.func == NULL || d->u.func->returns.len == 0)
		return NULL;
	span_copy(dm, d->u.func->returns, text, sizeof text);
	s = text;
	while (*s == ' ' || *s == '(')
		s++;
	/* the first result, unnamed: `*[]PublicPost`, `[]*models.Task` */
	for (e = s; *e != '\0'; e++) {
		if (*e == '(' || *e == '[' || *e == '{')
			depth++;
		else if (*e == ')' || *e == ']' || *e == '}') {
			if (depth-- == 0)
				break;
		} else if ((*e == ',' || *e == ' ') && depth == 0)
			break;
	}
	if (*e == ' ')
		return NULL;   /* a named result (`posts []T, err error`) or `chan T` */
	*e = '\0';
	while (*s == '*')
		s++;
	if (s[0] != '[' || s[1] != ']')
		return NULL;
	s += 2;
	while (*s == '*')
		s++;
	if (*s == '\0' || *s == '[')
		return NULL;
	snprintf(buf, size, "%s", s);
	return buf;
}

/* The type of Go local name at call c when it is the item of a range
 * loop around c over a local that a project method's declared result
 * filled (`posts, err := app.db.GetPosts(...)`, then `for _, pp := range
 * *posts`): rows loaded by another call. The ranged local must be
 * assigned once in the function, from that call. NULL otherwise. */
static const char *go_rows_item_type(const struct project *p, const struct class_table *t,
				     size_t fi, const struct node *fn, const struct node *c,
				     const char *name, char *buf, size_t size)
{
	const struct model *m = p->files[fi].model;
	const struct node *l = model_enclosing_loop(m, c), *a = NULL, *x;
	char target[128], iter[64], *item, *it, first[64];
	int n_assign = 0;

	if (l == NULL || !model_is_within(m, l, fn) || l->kind != NODE_LOOP || l->u.loop == NULL ||
	    l->u.loop->target.len == 0)
		return NULL;
	span_copy(m, l->u.loop->target, target, sizeof target);
	item = strrchr(target, ',') ? strrchr(target, ',') + 1 : target;
	while (*item == ' ')
		item++;
	if (item == target || strcmp(item, name) != 0)
		return NULL;
	span_copy(m, l->u.loop->iter, iter, sizeof iter);
	it = iter;
	if (*it == '*')
		it++;
	if (!go_plain_name(it))
		return NULL;
	for (x = NULL; (x = model_walk(m, fn, x, 0)) != NULL; ) {
		size_t k;

		if ((x->kind != NODE_ASSIGN && x->kind != NODE_AUGASSIGN) || x->name == NULL)
			continue;
		k = strcspn(x->name, ", ");
		snprintf(first, sizeof first, "%.*s", (int)(k < 63 ? k : 63), x->name);
		if (strcmp(first, it) != 0)
			continue;
		n_assign++;
		a = x;
	}
	if (n_assign != 1 || a->kind != NODE_ASSIGN || (a->flags & NF_TARGET_ATTR) ||
	    a->line >= l->line)
		return NULL;
	return go_call_result_elem(p, t, fi, a, buf, size);
}

static size_t go_method_of(const struct project *p, const struct class_table *t,
			   const struct class_entry *cls, const char *s, struct func_ref *out);

/* The struct type the one method name of cls declares as its one result
 * (`func (app *App) Dao() *dao.Dao`); NULL for an interface, several
 * results, or a type the project does not declare once. */
static const struct class_entry *go_accessor_class(const struct project *p,
						   const struct class_table *t,
						   const struct class_entry *cls, const char *name)
{
	const struct model *dm;
	const struct node *d;
	const struct class_entry *r;
	struct func_ref ref;
	char text[160];

	if (go_method_of(p, t, cls, name, &ref) != 1)
		return NULL;
	dm = p->files[ref.file].model;
	d = &dm->nodes[ref.node];
	if (d->u.func == NULL || d->u.func->returns.len == 0 ||
	    span_copy(dm, d->u.func->returns, text, sizeof text) == NULL ||
	    strpbrk(text, ",()") != NULL)
		return NULL;
	r = go_class_of_type(p, ref.file, dm, t, text);
	if (r == NULL || (p->files[r->file].model->nodes[r->node].flags & NF_GO_INTERFACE))
		return NULL;
	return r;
}

/* The struct or interface type the receiver chain of Go call c names
 * (`a.core` in `a.core.GetMember`): the first name a parameter with its
 * declared type, then each field's. *method receives the called name. */
static const struct class_entry *go_chain_class(const struct project *p,
						const struct class_table *t, size_t fi,
						const struct node *c, const char **method, int locals)
{
	const struct model *m = p->files[fi].model;
	const char *callee = c->u.call->callee, *s, *dot;
	const struct node *fn = model_enclosing_func(m, c);
	const struct class_entry *cls = NULL;
	char seg[128], text[160];
	int depth = 0;

	while (fn != NULL && (fn->flags & NF_LAMBDA) && fn->parent)
		fn = model_enclosing_func(m, fn);
	if (t == NULL || fn == NULL || fn->u.func == NULL ||
	    (dot = strchr(callee, '.')) == NULL || (size_t)(dot - callee) >= sizeof seg ||
	    memchr(callee, '(', (size_t)(dot - callee)) != NULL)
		return NULL;
	/* the first name: a parameter (the receiver) with its declared type */
	snprintf(seg, sizeof seg, "%.*s", (int)(dot - callee), callee);
	for (uint32_t i = 0; i < fn->u.func->n_params; i++) {
		const struct param *pa = &fn->u.func->params[i];

		if (pa->name != NULL && strcmp(pa->name, seg) == 0 && pa->annotation.len)
			cls = go_class_of_type(p, fi, m, t, span_copy(m, pa->annotation, text, sizeof text));
	}
	/* or a local of a known type: a composite literal (`h := &Hook{}`),
	 * the item of a range over a slice of them */
	if (cls == NULL && locals == 1 &&
	    go_local_type(m, model_enclosing_func(m, c), c, seg, text, sizeof text, 0) != NULL)
		cls = go_class_of_type(p, fi, m, t, text);
	/* or (the summaries) a row another call loaded: `for _, pp := range
	 * *posts` with `posts, err := app.db.GetPosts(...)` */
	if (cls == NULL && locals == 2 &&
	    go_rows_item_type(p, t, fi, fn, c, seg, text, sizeof text) != NULL)
		cls = go_class_of_type(p, fi, m, t, text);
	/* then the fields (`a.core.GetMember`) and the accessors, methods
	 * whose one declared result is a project type (`app.Dao().FindPage`) */
	for (s = dot + 1; cls != NULL && (dot = strchr(s, '.')) != NULL; s = dot + 1) {
		if (dot == s || (size_t)(dot - s) >= sizeof seg || ++depth > TYPES_DEPTH)
			return NULL;
		snprintf(seg, sizeof seg, "%.*s", (int)(dot - s), s);
		if (dot - s > 2 && dot[-1] == ')' && dot[-2] == '(') {
			seg[dot - s - 2] = '\0';
			cls = go_accessor_class(p, t, cls, seg);
		} else {
			cls = go_field_class(p, t, cls, seg);
		}
	}
	if (strchr(s, '(') != NULL)
		return NULL;
	*method = s;
	return cls;
}

const char *receiver_go_chain_type(const struct project *p, const struct class_table *t,
				   size_t fi, const struct node *c, char *buf, size_t size,
				   uint32_t *file)
{
	const struct model *m = p->files[fi].model, *dm = m;
	const char *callee = c->u.call ? c->u.call->callee : NULL, *s, *dot;
	const struct node *fn = model_enclosing_func(m, c);
	const struct class_entry *cls = NULL;
	char seg[128];
	int depth = 0;

	buf[0] = '\0';
	while (fn != NULL && (fn->flags & NF_LAMBDA) && fn->parent)
		fn = model_enclosing_func(m, fn);
	if (t == NULL || fn == NULL || fn->u.func == NULL || callee == NULL ||
	    strchr(callee, '(') != NULL || (dot = strchr(callee, '.')) == NULL ||
	    (size_t)(dot - callee) >= sizeof seg)
		return NULL;
	/* the first name: a parameter (the receiver) with its declared type */
	snprintf(seg, sizeof seg, "%.*s", (int)(dot - callee), callee);
	for (uint32_t i = 0; i < fn->u.func->n_params; i++) {
		const struct param *pa = &fn->u.func->params[i];

		if (pa->name != NULL && strcmp(pa->name, seg) == 0 && pa->annotation.len)
			span_copy(m, pa->annotation, buf, size);
	}
	/* then each field's, through the project's structs */
	for (s = dot + 1; buf[0] != '\0' && (dot = strchr(s, '.')) != NULL; s = dot + 1) {
		const char *type = buf;

		while (*type == ' ' || *type == '*')
			type++;
		if (dot == s || (size_t)(dot - s) >= sizeof seg || ++depth > TYPES_DEPTH ||
		    (cls = go_class_of_type(p, fi, dm, t, type)) == NULL)
			return NULL;
		snprintf(seg, sizeof seg, "%.*s", (int)(dot - s), s);
		buf[0] = '\0';
		dm = p->files[cls->file].model;
		fi = cls->file;
		for (uint32_t k = dm->nodes[cls->node].first_child; k; k = dm->nodes[k].next_sibling) {
			const struct node *x = &dm->nodes[k];

			if (x->kind == NODE_ASSIGN && (x->flags & NF_ANNOTATED) && x->name != NULL &&
			    strcmp(x->name, seg) == 0 && x->text.len)
				span_copy(dm, x->text, buf, size);
		}
	}
	if (buf[0] == '\0')
		return NULL;
	*file = (uint32_t)fi;
	return buf;
}

/* The methods named s declared with class cls as their receiver: their
 * count, the last one in *out. */
static size_t go_method_of(const struct project *p, const struct class_table *t,
			   const struct class_entry *cls, const char *s, struct func_ref *out)
{
	const struct func_ref *refs;
	char qual[300];
	size_t n_refs, n = 0;

	snprintf(qual, sizeof qual, "%s.%s", cls->name, s);
	if (t->meth != NULL) {
		/* the same count and last match as the scan below, by a
		 * binary search: (qual, s) ranges over index order */
		struct go_meth key = { qual, s, 0, { 0, 0 } };
		size_t lo = 0, hi = t->n_meth, first;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (go_meth_cmp(&t->meth[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* and the end of the range: packages that each declare the
		 * same Svc.Get make it long, and only its length and last
		 * entry are asked for */
		first = lo;
		key.seq = (size_t)-1;
		hi = t->n_meth;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (go_meth_cmp(&t->meth[mid], &key) <= 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo > first)
			*out = t->meth[lo - 1].ref;
		return lo - first;
	}
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
	return n;
}

static int go_method(const struct project *p, const struct class_table *t, size_t fi,
		     const struct node *c, struct func_ref *out, int locals)
{
	const struct class_entry *cls;
	const struct model *dm;
	const char *s = NULL;
	size_t n;

	if ((cls = go_chain_class(p, t, fi, c, &s, locals)) == NULL)
		return 0;
	/* the method declared with that type as its receiver */
	if ((n = go_method_of(p, t, cls, s, out)) > 0)
		return n == 1;
	/* or promoted from one struct it embeds (`CollectionObj { Collection
	 * }` has Collection's methods), one level deep */
	dm = p->files[cls->file].model;
	for (uint32_t k = dm->nodes[cls->node].first_child; k; k = dm->nodes[k].next_sibling) {
		const struct node *x = &dm->nodes[k];
		const struct class_entry *e;
		char text[160];

		if (x->kind != NODE_ASSIGN || !(x->flags & NF_GO_EMBEDDED) || x->text.len == 0 ||
		    (e = go_class_of_type(p, cls->file, dm, t, span_copy(dm, x->text, text, sizeof text))) == NULL ||
		    e == cls)
			continue;
		n += go_method_of(p, t, e, s, out);
	}
	return n == 1;
}

int receiver_go_method(const struct project *p, const struct class_table *t, size_t fi,
		       const struct node *c, struct func_ref *out)
{
	return go_method(p, t, fi, c, out, 0);
}

/* The annotation text of field `field` declared in the body of cls or
 * of one of its bases (`permissions: list[UUID4]` in a request model). */
static int field_annotation(const struct project *p, const struct class_table *t,
			    const struct class_entry *cls, const char *field, char *buf,
			    size_t size, int depth)
{
	const struct model *m;

	if (cls == NULL || depth > TYPES_DEPTH)
		return 0;
	m = p->files[cls->file].model;
	for (const struct node *x = NULL; (x = model_walk(m, &m->nodes[cls->node], x, 1)); )
		if (x->kind == NODE_ASSIGN && x->name != NULL && (x->flags & NF_ANNOTATED) &&
		    x->parent == cls->node && strcmp(x->name, field) == 0 &&
		    annotation_on_line(m, x->line, buf, size))
			return 1;
	for (size_t i = 0; i < 8; i++)
		if (field_annotation(p, t, base_class(p, t, cls, i), field, buf, size, depth + 1))
			return 1;
	return 0;
}

int receiver_field_annotation(const struct project *p, const struct class_table *t,
			      const char *type, const char *field, char *buf, size_t size)
{
	buf[0] = '\0';
	return t != NULL && field_annotation(p, t, class_of_type(t, type), field, buf, size, 0);
}

/* The decorator calls written on field `field` of class cls (or a base's):
 * the NF_DECORATOR calls the parser hangs under the field's ASSIGN node. */
static size_t field_decorators(const struct project *p, const struct class_table *t,
			       const struct class_entry *cls, const char *field,
			       const struct node **out, size_t max, uint32_t *file, int depth)
{
	const struct model *m;
	const struct node *cn;

	if (cls == NULL || depth > TYPES_DEPTH)
		return 0;
	m = p->files[cls->file].model;
	cn = &m->nodes[cls->node];
	for (const struct node *k = cn->first_child ? model_node(m, cn->first_child) : NULL;
	     k != NULL; k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
		size_t n = 0;

		if (k->kind != NODE_ASSIGN || k->name == NULL || strcmp(k->name, field) != 0)
			continue;
		for (const struct node *d = k->first_child ? model_node(m, k->first_child) : NULL;
		     d != NULL && n < max; d = d->next_sibling ? model_node(m, d->next_sibling) : NULL)
			if (d->kind == NODE_CALL && (d->flags & NF_DECORATOR) && d->u.call != NULL)
				out[n++] = d;
		*file = cls->file;
		return n;
	}
	for (size_t i = 0; i < 8; i++) {
		size_t r = field_decorators(p, t, base_class(p, t, cls, i), field, out, max, file,
					    depth + 1);

		if (r > 0)
			return r;
	}
	return 0;
}

size_t receiver_field_decorators(const struct project *p, const struct class_table *t,
				 const char *type, const char *field,
				 const struct node **out, size_t max, uint32_t *file)
{
	return t == NULL ? 0 : field_decorators(p, t, class_of_type(t, type), field, out, max,
						 file, 0);
}

int receiver_local_method(const struct project *p, const struct class_table *t, size_t fi,
			  const struct node *c, struct func_ref *out)
{
	const struct model *m = p->files[fi].model;
	const char *callee = c->u.call != NULL ? c->u.call->callee : NULL, *s;
	const struct node *fn = model_enclosing_func(m, c), *f;
	const struct class_entry *cls;
	uint32_t file = 0;

	while (fn != NULL && (fn->flags & NF_LAMBDA) && fn->parent)
		fn = model_enclosing_func(m, fn);
	if (t == NULL || fn == NULL || callee == NULL || strchr(callee, '(') != NULL ||
	    (cls = local_class(t, m, fn, c, callee, &s)) == NULL || strchr(s, '.') != NULL ||
	    (f = class_method(p, t, cls, s, &file, 0)) == NULL)
		return 0;
	out->file = file;
	out->node = (uint32_t)(f - p->files[file].model->nodes);
	return 1;
}

int receiver_go_local_method(const struct project *p, const struct class_table *t, size_t fi,
			     const struct node *c, struct func_ref *out)
{
	return go_method(p, t, fi, c, out, 1);
}

int receiver_go_rows_method(const struct project *p, const struct class_table *t, size_t fi,
			    const struct node *c, struct func_ref *out)
{
	return go_method(p, t, fi, c, out, 2);
}

enum { IFACE_MAX_METHODS = 64, IFACE_TEXT = 16384, IFACE_PARAMS = 512 };

struct iface_method {
	char name[64];
	char params[IFACE_PARAMS];    /* the parameter types, normalised (go_norm_types) */
};

/* Appends type text t[0..n) to out without spaces or package
 * qualifiers (`*models.User` and `*User` are one type to us). */
static void go_norm_type(const char *t, size_t n, char *out, size_t size)
{
	size_t o = strlen(out);

	for (size_t i = 0; i < n && o + 1 < size; i++) {
		if (isspace((unsigned char)t[i]))
			continue;
		if (isalpha((unsigned char)t[i]) || t[i] == '_') {
			size_t e = i;

			while (e < n && (isalnum((unsigned char)t[e]) || t[e] == '_'))
				e++;
			if (e < n && t[e] == '.') {
				i = e;   /* a package name: skip it and its dot */
				continue;
			}
			while (i < e && o + 1 < size)
				out[o++] = t[i++];
			i--;
			continue;
		}
		out[o++] = t[i];
	}
	out[o] = '\0';
}

/* The parameter types of a Go parameter list text (between the
 * parentheses), normalised and joined by ';' into out. */
static void go_norm_types(enum lang lang, const char *t, size_t n, char *out, size_t size)
{
	size_t s = 0, pend = 0, items = 0;
	int named = 0, depth = 0;

	out[0] = '\0';
	/* named when an item holds a name and a type: `from time.Time` */
	for (size_t i = 0, st = 0; i <= n; i++) {
		if (i < n && (t[i] == '(' || t[i] == '[' || t[i] == '{'))
			depth++;
		else if (i < n && (t[i] == ')' || t[i] == ']' || t[i] == '}'))
			depth--;
		else if (i == n || (t[i] == ',' && depth == 0)) {
			size_t a = st, e = i;

			while (a < e && isspace((unsigned char)t[a]))
				a++;
			while (e > a && isspace((unsigned char)t[e - 1]))
				e--;
			if (e > a && (isalpha((unsigned char)t[a]) || t[a] == '_')) {
				size_t w = a;

				while (w < e && (isalnum((unsigned char)t[w]) || t[w] == '_'))
					w++;
				char word[16];

				snprintf(word, sizeof word, "%.*s", (int)(w - a < 15 ? w - a : 15), t + a);
				/* `chan T`, `func(...)`: a type, not a name */
				if (w < e && isspace((unsigned char)t[w]) &&
				    !catalog_match(catalog_get(lang, "sum_type_keywords"), word))
					named = 1;
			}
			st = i + 1;
		}
	}
	depth = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && (t[i] == '(' || t[i] == '[' || t[i] == '{'))
			depth++;
		else if (i < n && (t[i] == ')' || t[i] == ']' || t[i] == '}'))
			depth--;
		else if (i == n || (t[i] == ',' && depth == 0)) {
			size_t a = s, e = i;

			s = i + 1;
			while (a < e && isspace((unsigned char)t[a]))
				a++;
			while (e > a && isspace((unsigned char)t[e - 1]))
				e--;
			if (e == a)
				continue;
			if (named) {
				size_t w = a;

				while (w < e && (isalnum((unsigned char)t[w]) || t[w] == '_'))
					w++;
				while (w < e && isspace((unsigned char)t[w]))
					w++;
				if (w == e) {
					pend++;   /* `from, to time.Time`: shares the next type */
					continue;
				}
				a = w;
			}
			for (size_t k = 0; k <= pend; k++) {
				char one[160] = "";

				go_norm_type(t + a, e - a, one, sizeof one);
				if (strlen(out) + strlen(one) + 2 >= size)
					return;
				if (items++)
					strcat(out, ";");
				strcat(out, one);
			}
			pend = 0;
		}
	}
}

/* The methods a Go interface declares in its own body (not those of the
 * interfaces it embeds), read from its source: at the body's top level, a
 * name directly followed by `(`, with its parameter types. Returns their
 * count; 0 when it declares none, more than IFACE_MAX_METHODS or the
 * text is too long to read whole. */
static size_t iface_methods(const struct model *m, const struct node *cn,
			    struct iface_method *out)
{
	char *text = xmalloc(IFACE_TEXT);
	size_t tl = 0, n = 0;
	int brace = 0;

	for (uint32_t ln = cn->line; ln <= cn->end_line; ln++) {
		size_t len = 0;
		const char *l = model_line(m, ln, &len);

		if (l == NULL)
			continue;
		if (tl + len + 2 >= IFACE_TEXT) {
			free(text);
			return 0;
		}
		/* without its comment */
		for (size_t i = 0; i + 1 < len; i++)
			if (l[i] == '/' && l[i + 1] == '/') {
				len = i;
				break;
			}
		memcpy(text + tl, l, len);
		tl += len;
		text[tl++] = '\n';
	}
	for (size_t i = 0; i < tl; i++) {
		char ch = text[i];

		if (ch == '{')
			brace++;
		else if (ch == '}')
			brace--;
		else if (brace == 1 && (isalpha((unsigned char)ch) || ch == '_') &&
			 (i == 0 || !(isalnum((unsigned char)text[i - 1]) || text[i - 1] == '_' ||
				      text[i - 1] == '.'))) {
			size_t e = i, close, depth = 0;

			while (e < tl && (isalnum((unsigned char)text[e]) || text[e] == '_'))
				e++;
			if (e >= tl || text[e] != '(' || e - i >= sizeof out[0].name) {
				i = e - 1;
				continue;
			}
			for (close = e; close < tl; close++) {
				if (text[close] == '(')
					depth++;
				else if (text[close] == ')' && --depth == 0)
					break;
			}
			if (close >= tl || n == IFACE_MAX_METHODS) {
				free(text);
				return 0;
			}
			memcpy(out[n].name, text + i, e - i);
			out[n].name[e - i] = '\0';
			go_norm_types(m->lang, text + e + 1, close - e - 1, out[n].params,
				      sizeof out[n].params);
			n++;
			/* the results, to the end of the line */
			while (close < tl && text[close] != '\n')
				close++;
			i = close;
		}
	}
	free(text);
	return n;
}

/* True when Go method d of model dm takes the parameter types params
 * (normalised as go_norm_types does). */
static int go_params_match(const struct model *dm, const struct node *d, const char *params)
{
	char got[IFACE_PARAMS] = "", one[160];

	for (uint32_t k = 1; k < d->u.func->n_params; k++) {
		const struct param *pa = &d->u.func->params[k];
		char text[160];

		one[0] = '\0';
		if (pa->star)
			strcpy(one, "...");
		span_copy(dm, pa->annotation, text, sizeof text);
		go_norm_type(text, strlen(text), one, sizeof one);
		if (strlen(got) + strlen(one) + 2 >= sizeof got)
			return 0;
		if (k > 1)
			strcat(got, ";");
		strcat(got, one);
	}
	return strcmp(got, params) == 0;
}

/* Length of the folder part of path ("a/b/c.go" -> 3). */
static size_t folder_len(const char *path)
{
	const char *sl = strrchr(path, '/');

	return sl ? (size_t)(sl - path) : 0;
}

/* True when files a and b sit in the same folder (one Go package). */
static int same_folder(const struct project *p, uint32_t a, uint32_t b)
{
	size_t la = folder_len(p->files[a].path);

	return la == folder_len(p->files[b].path) &&
	       strncmp(p->files[a].path, p->files[b].path, la) == 0;
}

/* The Go method named name with receiver type `type` declared in the
 * folder of file fi, or NULL. */
static const struct func_ref *go_method_in(const struct project *p, uint32_t fi,
					   const char *type, const char *name,
					   const char *params)
{
	const struct func_ref *refs;
	size_t n_refs, tl = strlen(type);

	refs = index_funcs_named(p->index, name, &n_refs);
	for (size_t i = 0; refs != NULL && i < n_refs; i++) {
		const struct model *dm = p->files[refs[i].file].model;
		const struct node *d = dm ? &dm->nodes[refs[i].node] : NULL;
		const char *q;

		if (d != NULL && (d->flags & NF_GO_RECEIVER) && d->u.func != NULL &&
		    (q = d->u.func->qualname) != NULL && strncmp(q, type, tl) == 0 &&
		    q[tl] == '.' && strcmp(q + tl + 1, name) == 0 &&
		    same_folder(p, refs[i].file, fi) && go_params_match(dm, d, params))
			return &refs[i];
	}
	return NULL;
}

/* The struct named type declared in the folder of file fi, or NULL. */
static const struct class_entry *go_struct_in(const struct class_table *t,
					      const struct project *p, uint32_t fi,
					      const char *type)
{
	size_t len = strlen(type), dl = folder_len(p->files[fi].path);
	const char *dir = p->files[fi].path;
	const struct class_entry *best = NULL;

	/* the classes of that name in that folder only, each language's
	 * by binary search in t->fold (a scan of every class per
	 * implementation, then of every class of the name, was quadratic);
	 * the first in file order */
	for (int l = 0; l < LANG_COUNT; l++) {
		size_t i = fold_lower_bound(t, type, len, (enum lang)l, dir, dl);

		if (i < t->n && fold_is(t->fold[i], type, len, (enum lang)l, dir, dl) &&
		    (best == NULL || pos_cmp(t->fold[i], best) < 0))
			best = t->fold[i];
	}
	return best;
}

/* True when struct cls is a test double: a field of a mocking library's
 * type (testify's embedded mock, a gomock controller). */
static int go_test_double(const struct project *p, const struct class_entry *cls)
{
	const struct model *m = p->files[cls->file].model;
	char text[160];

	for (uint32_t k = m->nodes[cls->node].first_child; k; k = m->nodes[k].next_sibling) {
		const struct node *x = &m->nodes[k];

		if (x->kind == NODE_ASSIGN && (x->flags & NF_GO_FIELD) && x->text.len &&
		    catalog_match(catalog_get(m->lang, "sum_test_double_fields"),
				  span_copy(m, x->text, text, sizeof text)))
			return 1;
	}
	return 0;
}

size_t receiver_go_iface_methods(const struct project *p, const struct class_table *t,
				 size_t fi, const struct node *c, struct func_ref *out,
				 size_t max)
{
	const struct class_entry *cls;
	const struct model *im;
	const struct func_ref *refs;
	const char *s = NULL;
	struct iface_method *names;
	size_t n_names, n_refs, n = 0, k;
	int declared = 0;

	if ((cls = go_chain_class(p, t, fi, c, &s, 0)) == NULL)
		return 0;
	im = p->files[cls->file].model;
	if (!(im->nodes[cls->node].flags & NF_GO_INTERFACE))
		return 0;
	names = xcalloc(IFACE_MAX_METHODS, sizeof *names);
	n_names = iface_methods(im, &im->nodes[cls->node], names);
	for (k = 0; k < n_names; k++)
		declared |= strcmp(names[k].name, s) == 0;
	if (!declared) {
		free(names);
		return 0;   /* none, or a method of an embedded interface: unknown */
	}
	refs = index_funcs_named(p->index, s, &n_refs);
	for (size_t i = 0; refs != NULL && i < n_refs; i++) {
		const struct model *dm = p->files[refs[i].file].model;
		const struct node *d = dm ? &dm->nodes[refs[i].node] : NULL;
		const struct class_entry *impl;
		const char *q, *dot;
		char type[128];

		if (d == NULL || !(d->flags & NF_GO_RECEIVER) || d->u.func == NULL ||
		    (q = d->u.func->qualname) == NULL || (dot = strrchr(q, '.')) == NULL ||
		    (size_t)(dot - q) >= sizeof type || strcmp(dot + 1, s) != 0 ||
		    (p->files[refs[i].file].flags & FILE_TEST))
			continue;
		snprintf(type, sizeof type, "%.*s", (int)(dot - q), q);
		/* the type implements the interface: it has every method the
		 * interface declares, in its own package */
		for (k = 0; k < n_names; k++)
			if (go_method_in(p, refs[i].file, type, names[k].name,
					 names[k].params) == NULL)
				break;
		if (k < n_names)
			continue;
		/* a struct we can read, not a test double */
		impl = go_struct_in(t, p, refs[i].file, type);
		if (impl == NULL || (!go_test_double(p, impl) && n == max)) {
			n = 0;
			break;
		}
		if (!go_test_double(p, impl))
			out[n++] = refs[i];
	}
	free(names);
	return n;
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

const char *receiver_member_outside_type(const struct project *p, const struct class_table *t,
					 size_t fi, const struct node *c, char *buf, size_t size)
{
	const struct model *m = p->files[fi].model;
	const char *callee = c->u.call ? c->u.call->callee : NULL, *member, *dot;
	const struct node *fn = model_enclosing_func(m, c);
	const struct class_entry *cls;
	char self[16], attr[128], text[160];
	size_t sn = strlen(self_prefix(m, self, sizeof self)), n;

	while (fn != NULL && (fn->flags & NF_LAMBDA) && fn->parent)
		fn = model_enclosing_func(m, fn);
	if (t == NULL || callee == NULL || sn == 0 || strncmp(callee, self, sn) != 0 ||
	    fn == NULL || !(fn->flags & NF_METHOD) || fn->parent == 0 ||
	    m->nodes[fn->parent].kind != NODE_CLASS ||
	    (cls = class_at(t, (uint32_t)fi, fn->parent)) == NULL)
		return NULL;
	/* exactly `this.<member>.<method>` */
	member = callee + sn;
	if ((dot = strchr(member, '.')) == NULL || strchr(dot + 1, '.') != NULL ||
	    strchr(dot + 1, '(') != NULL || (n = (size_t)(dot - member)) == 0 || n >= sizeof attr)
		return NULL;
	memcpy(attr, member, n);
	attr[n] = '\0';
	text[0] = '\0';
	/* a constructor parameter property `private readonly attr: T`, or a
	 * field `attr: T` in the class body: the class's own declaration only */
	for (uint32_t k = m->nodes[cls->node].first_child; k && !text[0]; k = m->nodes[k].next_sibling) {
		const struct node *x = &m->nodes[k];

		if (x->kind == NODE_FUNC && x->u.func && x->name &&
		    catalog_match(catalog_get(m->lang, "rp_constructor_names"), x->name)) {
			for (uint32_t q = 0; q < x->u.func->n_params; q++)
				if (x->u.func->params[q].name &&
				    strcmp(x->u.func->params[q].name, attr) == 0 &&
				    x->u.func->params[q].annotation.len)
					span_copy(m, x->u.func->params[q].annotation, text, sizeof text);
		} else if (x->kind == NODE_ASSIGN && (x->flags & NF_ANNOTATED) && x->name &&
			   strcmp(x->name, attr) == 0) {
			annotation_on_line(m, x->line, text, sizeof text);
		}
	}
	{
		const char *s = text, *e;

		while (*s == ' ')
			s++;
		e = s;
		while (*e && (isalnum((unsigned char)*e) || *e == '_' || *e == '$'))
			e++;
		/* a plain name (`ConfigService`, `Repository<User>`), never a
		 * union, a dotted name or one the project's classes declare */
		n = (size_t)(e - s);
		if (n == 0 || n >= size || !isupper((unsigned char)*s) || *e == '.' || *e == '|' ||
		    strchr(e, '|') != NULL || class_named(t, s, n) != NULL)
			return NULL;
		memcpy(buf, s, n);
		buf[n] = '\0';
	}
	return buf;
}
