/* ln-651 Query Efficiency: n_plus_one through the serializer of a list
 * view.
 *
 * A REST layer's list view (a class whose bases name a list view, catalog
 * words serializer_list_views, or a project class that does) renders
 * every object of its queryset through its serializer class. A field of
 * that serializer that reads a relation of the object (a nested
 * serializer over a relation, or `source='owner.name'`) loads the
 * relation once per object unless the view's queryset loads it eagerly:
 * the loop is the framework's, not the source's.
 *
 * The serializer and its model (its Meta class's model), the fields and
 * their relations come from the project; a relation path is loaded when
 * the queryset text (the class attribute and the whole get_queryset
 * method) names it as a string ("notes", "notes__user", or a deeper path
 * under it). One level of nesting is followed (the fields of a nested
 * serializer over a loaded relation), so `prefetch_related("notes")`
 * with a nested user per note is reported as `notes__user`.
 *
 * Silent (a guess otherwise): when the view chooses its serializer or
 * renders its list in code of its own (serializer_view_overrides), when
 * its queryset goes through a project function (that may load the
 * relations), when no queryset text is found, when the serializer name or
 * its model is not one class of the project, for fields written only
 * (write_only), for attributes that are not relations (columns, `*_id`
 * keys, properties). One finding per view, at its queryset. */
#include "auditor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit-context.h"
#include "semantic.h"
#include "qe.h"
#include "db-ops.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

enum { QS_SERIALIZER = 1, QS_LIST_VIEW = 2 };

struct qs_class {
	const char *name;
	uint32_t file, node;
	int kind;
};

struct qs_cache {
	struct qs_class *v;
	size_t n, cap;
};

static void qs_release(void *state)
{
	free(((struct qs_cache *)state)->v);
}

static const struct audit_cache_def qs_cache_def = {
	.name = "serializer and list view classes", .size = sizeof(struct qs_cache),
	.release = qs_release,
};

static int qs_word(const struct model *m, const char *list, const char *name)
{
	const struct catalog_list *l = catalog_get(m->lang, list);

	return name != NULL && !catalog_list_empty(l) && catalog_match(l, name);
}

/* The class named name of kind (in file fi if it holds one, else the only
 * one of the project), or NULL. */
static const struct qs_class *qs_find(const struct qs_cache *c, const char *name, int kind,
				      size_t fi)
{
	const struct qs_class *only = NULL;
	int n = 0;

	for (size_t i = 0; i < c->n; i++) {
		if (c->v[i].kind != kind || strcmp(c->v[i].name, name) != 0)
			continue;
		if (c->v[i].file == fi)
			return &c->v[i];
		only = &c->v[i];
		n++;
	}
	return n == 1 ? only : NULL;
}

/* Calls fn(base, last segment) for each base of cls ("serializers.
 * ModelSerializer[Note]" gives "serializers.ModelSerializer",
 * "ModelSerializer"); stops at the first nonzero return. */
static int qs_bases(const struct model *m, const struct node *cls,
		    int (*fn)(const char *base, const char *last, void *arg), void *arg)
{
	char text[512], *p, *save = NULL;

	if (cls->u.cls == NULL || cls->u.cls->bases.len == 0)
		return 0;
	span_copy(m, cls->u.cls->bases, text, sizeof text);
	/* drop generic and call arguments: `X[Note]` */
	{
		char *w = text;
		int depth = 0;

		for (char *q = text; *q != '\0'; q++) {
			if (*q == '[' || *q == '(')
				depth++;
			else if ((*q == ']' || *q == ')') && depth > 0)
				depth--;
			else if (depth == 0)
				*w++ = *q;
		}
		*w = '\0';
	}
	for (p = strtok_r(text, ",", &save); p != NULL; p = strtok_r(NULL, ",", &save)) {
		char *e, *last;

		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		e = p + strlen(p);
		while (e > p && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t'))
			*--e = '\0';
		if (*p == '\0' || strchr(p, '=') != NULL)
			continue;
		last = strrchr(p, '.');
		last = last != NULL ? last + 1 : p;
		if (fn(p, last, arg))
			return 1;
	}
	return 0;
}

struct qs_kind_arg {
	const struct model *m;
	const struct qs_cache *c;
	size_t fi;
	int kind;
};

static int qs_base_is(const char *base, const char *last, void *arg)
{
	const struct qs_kind_arg *a = arg;
	const char *list = a->kind == QS_SERIALIZER ? "serializer_bases" : "serializer_list_views";

	/* a base name several project classes of this kind share (an `api`
	 * and an `app` package each with their own BaseSerializer) is still
	 * of this kind, whichever one the import picks */
	if (qs_word(a->m, list, base) || qs_word(a->m, list, last))
		return 1;
	for (size_t i = 0; i < a->c->n; i++)
		if (a->c->v[i].kind == a->kind && strcmp(a->c->v[i].name, last) == 0)
			return 1;
	return 0;
}

/* Collects the serializer and list view classes of the project: by their
 * framework bases, then (a few passes) by project bases that are. */
void qe_serializers_prepare(const struct audit_input *in)
{
	struct qs_cache *c = audit_context_cache(in->audit, &qs_cache_def);

	for (int pass = 0; pass < 4; pass++) {
		size_t before = c->n;

		for (size_t fi = 0; fi < in->proj->n_files; fi++) {
			const struct model *m = in->proj->files[fi].model;

			if (m == NULL || catalog_list_empty(catalog_get(m->lang, "serializer_bases")))
				continue;
			for (uint32_t i = 1; i < m->n_nodes; i++) {
				const struct node *cls = &m->nodes[i];

				if (cls->kind != NODE_CLASS || cls->name == NULL)
					continue;
				for (int kind = QS_SERIALIZER; kind <= QS_LIST_VIEW; kind++) {
					struct qs_kind_arg a = { m, c, fi, kind };
					int known = 0;

					for (size_t j = 0; j < c->n && !known; j++)
						known = c->v[j].file == fi && c->v[j].node == i &&
							c->v[j].kind == kind;
					if (known || !qs_bases(m, cls, qs_base_is, &a))
						continue;
					XGROW(c->v, c->cap, c->n + 1);
					c->v[c->n++] = (struct qs_class){ cls->name, (uint32_t)fi, i, kind };
				}
			}
		}
		if (c->n == before)
			break;
	}
}

/* The first direct child of parent of kind named by list, or NULL. */
static const struct node *qs_child(const struct model *m, const struct node *parent, int kind,
				   const char *list)
{
	for (const struct node *k = parent->first_child ? model_node(m, parent->first_child) : NULL;
	     k != NULL; k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		if (k->kind == kind && qs_word(m, list, k->name))
			return k;
	return NULL;
}

/* The first call among the children of statement s, or NULL. */
static const struct node *qs_value_call(const struct model *m, const struct node *s)
{
	for (const struct node *k = s->first_child ? model_node(m, s->first_child) : NULL;
	     k != NULL; k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		if (k->kind == NODE_CALL && k->u.call != NULL && k->u.call->callee != NULL)
			return k;
	return NULL;
}

/* The text of keyword argument named by list of call c, unquoted, into
 * out; NULL when absent. */
static const char *qs_kwarg(const struct model *m, const struct node *c, const char *list,
			    char *out, size_t size)
{
	for (uint32_t i = 0; i < c->u.call->n_args; i++) {
		const struct arg *a = &c->u.call->args[i];
		size_t n;

		if (a->name == NULL || !qs_word(m, list, a->name))
			continue;
		span_copy(m, a->expr, out, size);
		n = strlen(out);
		if (n >= 2 && (out[0] == '"' || out[0] == '\'') && out[n - 1] == out[0]) {
			memmove(out, out + 1, n - 2);
			out[n - 2] = '\0';
		}
		return out;
	}
	return NULL;
}

/* The model class of serializer s (its Meta's model, or a project base
 * serializer's), or NULL. */
static const struct orm_model *qs_model(const struct audit_input *in, const struct qs_cache *c,
					const struct qs_class *s, int depth)
{
	const struct model *m = in->proj->files[s->file].model;
	const struct node *cls = &m->nodes[s->node], *meta, *a;
	char text[128], *p;

	if ((meta = qs_child(m, cls, NODE_CLASS, "serializer_meta_classes")) != NULL &&
	    (a = qs_child(m, meta, NODE_ASSIGN, "serializer_meta_model")) != NULL) {
		span_copy(m, a->value, text, sizeof text);
		p = strrchr(text, '.');
		return index_model_named(in->proj->index, p != NULL ? p + 1 : text);
	}
	if (depth < 3) {
		char bases[256], *save = NULL;

		if (cls->u.cls == NULL)
			return NULL;
		span_copy(m, cls->u.cls->bases, bases, sizeof bases);
		for (char *b = strtok_r(bases, ",[( ", &save); b != NULL;
		     b = strtok_r(NULL, ",[( ", &save)) {
			const struct qs_class *bs = qs_find(c, b, QS_SERIALIZER, s->file);
			const struct orm_model *om;

			if (bs != NULL && bs != s && (om = qs_model(in, c, bs, depth + 1)) != NULL)
				return om;
		}
	}
	return NULL;
}

struct qs_miss {
	struct strbuf paths;     /* "`notes__user` (NotesSerializer.user)" ... */
	int n;
	const char *text;        /* the queryset text */
	const char *lazy;        /* ",a,b,": only paths under these relations count, or NULL */
};

/* Whether queryset text names relation path as a string (or a deeper path
 * under it): "notes__user" is loaded by "notes__user", "notes__user__x",
 * or by "notes" with "user" named too (a nested `Prefetch("notes",
 * queryset=Note.objects.select_related("user"))`), at any split of the
 * path. */
static int qs_loaded(const char *text, const char *path, const char *sep_word)
{
	size_t n = strlen(path), sl = strlen(sep_word);
	const char *sep;

	for (const char *p = text; (p = strstr(p, path)) != NULL; p += n) {
		if (p == text || (p[-1] != '"' && p[-1] != '\''))
			continue;
		if (p[n] == p[-1] || (sl > 0 && strncmp(p + n, sep_word, sl) == 0))
			return 1;
	}
	for (sep = path; sl > 0 && (sep = strstr(sep, sep_word)) != NULL; sep += sl) {
		char head[256];
		size_t hl = (size_t)(sep - path);

		if (hl >= sizeof head)
			return 0;
		memcpy(head, path, hl);
		head[hl] = '\0';
		if (qs_loaded(text, head, sep_word) && qs_loaded(text, sep + sl, sep_word))
			return 1;
	}
	return 0;
}

static void qs_fields(const struct audit_input *in, const struct qs_cache *c,
		      const struct qs_class *s, const struct orm_model *om, const char *prefix,
		      int depth, struct qs_miss *miss);

static int qs_ident(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '_';
}

/* Records path as read by s.field unless the queryset text loads it. */
static void qs_need(const struct qs_class *s, const char *field, const char *path,
		    const char *sep_word, struct qs_miss *miss)
{
	if (qs_loaded(miss->text, path, sep_word))
		return;
	if (miss->lazy != NULL) {
		char key[130];
		size_t hl = strcspn(path, *sep_word ? sep_word : ".");

		if (hl + 3 > sizeof key)
			return;
		key[0] = ',';
		memcpy(key + 1, path, hl);
		key[hl + 1] = ',';
		key[hl + 2] = '\0';
		if (strstr(miss->lazy, key) == NULL)
			return;
	}
	if (miss->n < 4)
		sb_addf(&miss->paths, "%s`%s` (%s.%s)", miss->n > 0 ? ", " : "", path, s->name,
			field);
	miss->n++;
}

/* A method field of serializer s (ASSIGN a over call): the relations of
 * om its method reaches through the object, `obj.owner.name`,
 * `obj.tags.all()`, each one query per object unless loaded. */
static void qs_method_field(const struct audit_input *in, const struct qs_class *s,
			    const struct node *a, const struct node *call,
			    const struct orm_model *om, const char *prefix, const char *sep_word,
			    struct qs_miss *miss)
{
	const struct model *m = in->proj->files[s->file].model;
	const struct node *cls = &m->nodes[s->node], *fn;
	const char *pre = catalog_text(m->lang, "serializer_method_prefix"), *obj;
	char method[128], seen[512] = "";
	size_t ol;

	if (qs_kwarg(m, call, "serializer_method_name_kw", method, sizeof method) == NULL)
		snprintf(method, sizeof method, "%s%s", pre != NULL ? pre : "", a->name);
	for (fn = cls->first_child ? model_node(m, cls->first_child) : NULL; fn != NULL;
	     fn = fn->next_sibling ? model_node(m, fn->next_sibling) : NULL)
		if (fn->kind == NODE_FUNC && fn->name != NULL && strcmp(fn->name, method) == 0)
			break;
	if (fn == NULL || fn->u.func == NULL || fn->u.func->n_params < 2 ||
	    (obj = fn->u.func->params[1].name) == NULL || (ol = strlen(obj)) == 0)
		return;
	for (uint32_t l = fn->line + 1; l <= fn->end_line; l++) {
		size_t len;
		const char *t = model_line(m, l, &len), *e;

		if (t == NULL)
			continue;
		e = t + len;
		for (const char *p = t; p + ol + 2 < e; p++) {
			const struct orm_relationship *r;
			char rel[96], path[256], key[100];
			size_t n = 0;

			if (memcmp(p, obj, ol) != 0 || p[ol] != '.' || (p > t && (qs_ident(p[-1]) ||
			    p[-1] == '.')))
				continue;
			while (p + ol + 1 + n < e && qs_ident(p[ol + 1 + n]) && n + 1 < sizeof rel) {
				rel[n] = p[ol + 1 + n];
				n++;
			}
			rel[n] = '\0';
			if (n == 0 || p + ol + 1 + n >= e || p[ol + 1 + n] != '.' ||
			    (r = index_model_relation(om, rel)) == NULL)
				continue;
			snprintf(key, sizeof key, ",%s,", rel);
			if (strstr(seen, key) != NULL)
				continue;
			if (strlen(seen) + strlen(key) < sizeof seen)
				strcat(seen, key);
			snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? sep_word : "", rel);
			qs_need(s, fn->name, path, sep_word, miss);
		}
	}
}

/* One field of serializer s (ASSIGN a): the relation path it reads, when
 * it reads one. */
static void qs_field(const struct audit_input *in, const struct qs_cache *c,
		     const struct qs_class *s, const struct node *a, const struct orm_model *om,
		     const char *prefix, int depth, struct qs_miss *miss)
{
	const struct model *m = in->proj->files[s->file].model;
	const struct node *call = qs_value_call(m, a);
	const struct qs_class *nested;
	const struct orm_relationship *rel = NULL;
	const struct orm_model *cur = om;
	const char *sep_word = catalog_text(m->lang, "serializer_path_separator");
	char source[128], flag[16], path[256], *seg, *save = NULL;
	size_t plen;

	if (sep_word == NULL)
		sep_word = "";

	if (call == NULL || a->name == NULL || strchr(a->name, '.') != NULL)
		return;
	if (qs_kwarg(m, call, "serializer_write_only_kw", flag, sizeof flag) != NULL &&
	    qs_word(m, "serializer_true_literals", flag))
		return;
	if (qs_word(m, "serializer_method_fields", call->u.call->name)) {
		qs_method_field(in, s, a, call, om, prefix, sep_word, miss);
		return;
	}
	nested = qs_find(c, call->u.call->name, QS_SERIALIZER, s->file);
	if (qs_kwarg(m, call, "serializer_source_kw", source, sizeof source) == NULL) {
		if (nested == NULL)
			return;
		snprintf(source, sizeof source, "%s", a->name);
	}
	snprintf(path, sizeof path, "%s", prefix);
	plen = strlen(path);
	for (seg = strtok_r(source, ".", &save); seg != NULL; seg = strtok_r(NULL, ".", &save)) {
		const struct orm_relationship *r = index_model_relation(cur, seg);

		if (r == NULL)
			break;
		rel = r;
		snprintf(path + plen, sizeof path - plen, "%s%s", plen > 0 ? sep_word : "", seg);
		plen = strlen(path);
		cur = r->target != NULL ? index_model_named(in->proj->index, r->target) : NULL;
		if (cur == NULL)
			break;
	}
	if (rel == NULL || plen == strlen(prefix))
		return;
	if (!qs_loaded(miss->text, path, sep_word)) {
		qs_need(s, a->name, path, sep_word, miss);
		return;
	}
	if (nested != NULL && depth < 2) {
		const struct orm_model *nm = qs_model(in, c, nested, 0);

		qs_fields(in, c, nested, nm != NULL ? nm : cur, path, depth + 1, miss);
	}
}

static void qs_fields(const struct audit_input *in, const struct qs_cache *c,
		      const struct qs_class *s, const struct orm_model *om, const char *prefix,
		      int depth, struct qs_miss *miss)
{
	const struct model *m = in->proj->files[s->file].model;
	const struct node *cls = &m->nodes[s->node];

	if (om == NULL)
		return;
	for (const struct node *k = cls->first_child ? model_node(m, cls->first_child) : NULL;
	     k != NULL; k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		if (k->kind == NODE_ASSIGN && budget_step())
			qs_field(in, c, s, k, om, prefix, depth, miss);
}

/* Appends the source lines of node n to b. */
static void qs_node_lines(const struct model *m, const struct node *n, struct strbuf *b)
{
	for (uint32_t l = n->line; l <= n->end_line; l++) {
		size_t len;
		const char *t = model_line(m, l, &len);

		if (t != NULL) {
			sb_add(b, t, len);
			sb_addc(b, '\n');
		}
	}
}

/* Whether get_queryset fn hands the queryset to project code (a bare or
 * self.<name> call of a project function with arguments). */
static int qs_through_project(const struct audit_input *in, const struct model *m,
			      const struct node *fn)
{
	for (const struct node *k = NULL; (k = model_walk(m, fn, k, 1)) != NULL; ) {
		const char *callee, *name;
		size_t nd = 0;

		if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->n_args == 0 ||
		    (callee = k->u.call->callee) == NULL || (name = k->u.call->name) == NULL)
			continue;
		if (callee != name) {
			/* a method of the view: `self.name(...)` */
			const struct param *self = fn->u.func != NULL && fn->u.func->n_params > 0 ?
						   &fn->u.func->params[0] : NULL;
			size_t sl = self != NULL && self->name != NULL ? strlen(self->name) : 0;

			if (sl == 0 || strncmp(callee, self->name, sl) != 0 || callee[sl] != '.' ||
			    callee + sl + 1 != name)
				continue;
		}
		if (index_funcs_named(in->proj->index, name, &nd) != NULL && nd > 0)
			return 1;
	}
	return 0;
}

/* Whether the view's own list method (NULL: none) renders some other way
 * than through the inherited one: it never calls the same method on the
 * result of a call (`super().list(...)`). */
static int qs_own_list(const struct model *m, const struct node *fn)
{
	if (fn == NULL)
		return 0;
	for (const struct node *k = NULL; (k = model_walk(m, fn, k, 1)) != NULL; ) {
		const char *callee, *name;
		size_t cl, nl;

		if (k->kind != NODE_CALL || k->u.call == NULL ||
		    (callee = k->u.call->callee) == NULL || (name = k->u.call->name) == NULL ||
		    strcmp(name, fn->name) != 0)
			continue;
		cl = strlen(callee);
		nl = strlen(name);
		if (cl > nl + 3 && memcmp(callee + cl - nl - 3, "().", 3) == 0)
			return 0;
	}
	return 1;
}

struct qs_base_arg {
	const struct qs_cache *c;
	size_t fi;
	const struct qs_class *found;
};

static int qs_base_view(const char *base, const char *last, void *arg)
{
	struct qs_base_arg *a = arg;

	(void)base;
	a->found = qs_find(a->c, last, QS_LIST_VIEW, a->fi);
	return a->found != NULL;
}

/* The direct child of kind named by list of list view v, or of the first
 * project list view it derives from that has one (a few levels); *where
 * gets the class that holds it. */
static const struct node *qs_view_child(const struct audit_input *in, const struct qs_cache *c,
					const struct qs_class *v, int kind, const char *list,
					const struct qs_class **where)
{
	for (int depth = 0; v != NULL && depth < 4; depth++) {
		const struct model *m = in->proj->files[v->file].model;
		const struct node *cls = &m->nodes[v->node], *k;
		struct qs_base_arg a = { c, v->file, NULL };

		if ((k = qs_child(m, cls, kind, list)) != NULL) {
			*where = v;
			return k;
		}
		qs_bases(m, cls, qs_base_view, &a);
		v = a.found != v ? a.found : NULL;
	}
	return NULL;
}

/* Reports the list views of file fi whose serializer reads relations the
 * queryset does not load. */
void qe_serializer_lists(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct qs_cache *c = audit_context_cache(in->audit, &qs_cache_def);

	for (size_t i = 0; i < c->n; i++) {
		const struct qs_class *v = &c->v[i], *s, *holder = NULL, *other = NULL;
		const struct qs_class *at_attr = NULL, *at_fn = NULL;
		const struct node *attr, *qs_attr, *qs_fn, *at, *list_fn;
		const struct model *hm;
		const struct orm_model *om;
		struct strbuf text = STRBUF_INIT;
		struct qs_miss miss = { STRBUF_INIT, 0, NULL, NULL };
		char name[128], issue[1024];
		struct finding *f;

		if (v->kind != QS_LIST_VIEW || v->file != fi)
			continue;
		if ((attr = qs_view_child(in, c, v, NODE_ASSIGN, "serializer_class_attrs", &holder)) == NULL ||
		    qs_view_child(in, c, v, NODE_FUNC, "serializer_view_overrides", &other) != NULL)
			continue;
		list_fn = qs_view_child(in, c, v, NODE_FUNC, "serializer_list_methods", &other);
		if (list_fn != NULL && qs_own_list(in->proj->files[other->file].model, list_fn))
			continue;
		hm = in->proj->files[holder->file].model;
		span_copy(hm, attr->value, name, sizeof name);
		if ((s = qs_find(c, name, QS_SERIALIZER, holder->file)) == NULL ||
		    (om = qs_model(in, c, s, 0)) == NULL)
			continue;
		qs_attr = qs_view_child(in, c, v, NODE_ASSIGN, "serializer_queryset_attrs", &at_attr);
		qs_fn = qs_view_child(in, c, v, NODE_FUNC, "serializer_queryset_methods", &at_fn);
		/* the nearest definition wins: a queryset attribute of the view
		 * itself under a get_queryset of its base is still read by it only
		 * through super(); keep both texts, report where the view's own is */
		if ((qs_attr == NULL && qs_fn == NULL) ||
		    (qs_fn != NULL && qs_through_project(in, in->proj->files[at_fn->file].model, qs_fn)))
			continue;
		if (qs_attr != NULL)
			qs_node_lines(in->proj->files[at_attr->file].model, qs_attr, &text);
		if (qs_fn != NULL)
			qs_node_lines(in->proj->files[at_fn->file].model, qs_fn, &text);
		miss.text = sb_str(&text);
		qs_fields(in, c, s, om, "", 0, &miss);
		/* the finding goes where this file can show it: the view's own
		 * get_queryset / queryset, else the class line */
		at = qs_fn != NULL && at_fn == v ? qs_fn : qs_attr != NULL && at_attr == v ? qs_attr :
		     &m->nodes[v->node];
		if (miss.n > 0 && (f = auditor_emit(in, out, &qe_checks[QE_N_PLUS_ONE], SEV_HIGH,
						      fi, at)) != NULL) {
			if (db_text(m, "n_plus_one.serializer_issue",
				    (const char *const[]){ "view", v->name, "serializer", s->name,
							   "paths", sb_str(&miss.paths), NULL },
				    issue, sizeof issue))
				finding_set_issue(f, "%s", issue);
			if (db_text(m, "n_plus_one.serializer_fix", (const char *const[]){ NULL },
				    issue, sizeof issue))
				finding_set_recommendation(f, "%s", issue);
			if (holder == v)
				sem_add_line(f, m, attr->line);
		}
		sb_release(&miss.paths);
		sb_release(&text);
	}
}

/* Whether some call of the project builds serializer `name` with
 * many=True (a list of objects, or a nested field of a list). */
static int qs_used_many(const struct audit_input *in, const char *name)
{
	for (size_t fi = 0; fi < in->proj->n_files; fi++) {
		const struct model *m = in->proj->files[fi].model;

		if (m == NULL)
			continue;
		for (uint32_t i = 1; i < m->n_nodes; i++) {
			const struct node *k = &m->nodes[i];
			char v[16];

			if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->name == NULL ||
			    strcmp(k->u.call->name, name) != 0)
				continue;
			if (qs_kwarg(m, k, "serializer_many_kw", v, sizeof v) != NULL &&
			    qs_word(m, "serializer_true_literals", v))
				return 1;
		}
	}
	return 0;
}

/* Whether method fn of serializer class cls runs once per rendered
 * object: the getter of a SerializerMethodField, or a per-row override
 * (serializer_row_methods). */
static int qs_row_method(const struct model *m, const struct node *cls, const struct node *fn)
{
	const char *pre = catalog_text(m->lang, "serializer_method_prefix");

	if (qs_word(m, "serializer_row_methods", fn->name))
		return 1;
	for (const struct node *a = cls->first_child ? model_node(m, cls->first_child) : NULL;
	     a != NULL; a = a->next_sibling ? model_node(m, a->next_sibling) : NULL) {
		const struct node *call;
		char method[128];

		if (a->kind != NODE_ASSIGN || a->name == NULL ||
		    (call = qs_value_call(m, a)) == NULL ||
		    !qs_word(m, "serializer_method_fields", call->u.call->name))
			continue;
		if (qs_kwarg(m, call, "serializer_method_name_kw", method, sizeof method) == NULL)
			snprintf(method, sizeof method, "%s%s", pre != NULL ? pre : "", a->name);
		if (strcmp(method, fn->name) == 0)
			return 1;
	}
	return 0;
}

/* Whether method fn looks at what the list query prefetched
 * (serializer_prefetch_reads: Django's `_prefetched_objects_cache`): its
 * query is then the fallback of an object rendered alone. */
static int qs_reads_prefetch(const struct model *m, const struct node *fn)
{
	for (uint32_t l = fn->line; l <= fn->end_line; l++) {
		size_t len;
		const char *t = model_line(m, l, &len);
		char line[1024];

		if (t == NULL)
			continue;
		if (len >= sizeof line)
			len = sizeof line - 1;
		memcpy(line, t, len);
		line[len] = '\0';
		if (qe_find(m, "serializer_prefetch_reads", line, NULL) != NULL)
			return 1;
	}
	return 0;
}

/* Reports the serializers of file fi whose per-object methods run a
 * query, when the serializer is built with many=True somewhere. */
void qe_serializer_getter_queries(const struct audit_input *in, size_t fi,
				  struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct qs_cache *c = audit_context_cache(in->audit, &qs_cache_def);

	for (size_t i = 0; i < c->n; i++) {
		const struct qs_class *s = &c->v[i];
		const struct node *cls;
		int many = -1;

		if (s->kind != QS_SERIALIZER || s->file != fi)
			continue;
		cls = &m->nodes[s->node];
		for (const struct node *fn = cls->first_child ? model_node(m, cls->first_child) : NULL;
		     fn != NULL; fn = fn->next_sibling ? model_node(m, fn->next_sibling) : NULL) {
			const struct node *q = NULL;
			struct finding *f;
			char text[1024];

			if (fn->kind != NODE_FUNC || fn->name == NULL || !qs_row_method(m, cls, fn))
				continue;
			for (uint32_t j = (uint32_t)(fn - m->nodes) + 1;
			     j < m->n_nodes && m->nodes[j].line <= fn->end_line && q == NULL; j++) {
				const struct node *k = &m->nodes[j];
				if (k->kind != NODE_CALL || k->u.call == NULL || k->line <= fn->line)
					continue;
				if (qe_call_is_db(in, m, fn, k))
					q = k;
			}
			if (q == NULL || qs_reads_prefetch(m, fn))
				continue;
			if (many < 0)
				many = qs_used_many(in, s->name);
			if (!many)
				break;
			if ((f = auditor_emit(in, out, &qe_checks[QE_N_PLUS_ONE], SEV_HIGH, fi, q)) == NULL)
				continue;
			if (db_text(m, "n_plus_one.serializer_getter_issue",
				    (const char *const[]){ "serializer", s->name, "method", fn->name, NULL },
				    text, sizeof text))
				finding_set_issue(f, "%s", text);
			if (db_text(m, "n_plus_one.serializer_getter_fix", (const char *const[]){ NULL },
				    text, sizeof text))
				finding_set_recommendation(f, "%s", text);
		}
	}
}

/* qs_find, or among same-named classes the one under the module that
 * file fi imports the name from (`from app.serializers import S` picks
 * app/serializers/...), when exactly one is. */
static const struct qs_class *qs_find_imported(const struct audit_input *in,
					       const struct qs_cache *c, const char *name,
					       int kind, size_t fi)
{
	const struct qs_class *hit = qs_find(c, name, kind, fi), *only = NULL;
	const struct model *m = in->proj->files[fi].model;
	char mod[256] = "";
	size_t ml, nl = strlen(name);
	int n = 0;

	if (hit != NULL)
		return hit;
	for (uint32_t i = 0; i < m->n_imports; i++) {
		const struct import_entry *e = &m->imports[i];
		size_t tl;

		if (e->local == NULL || e->target == NULL || strcmp(e->local, name) != 0 ||
		    (tl = strlen(e->target)) <= nl + 1 || tl - nl - 1 >= sizeof mod ||
		    e->target[tl - nl - 1] != '.')
			continue;
		memcpy(mod, e->target, tl - nl - 1);
		mod[tl - nl - 1] = '\0';
		break;
	}
	if ((ml = strlen(mod)) == 0)
		return NULL;
	for (char *p = mod; *p; p++)
		if (*p == '.')
			*p = '/';
	for (size_t i = 0; i < c->n; i++) {
		const char *path = in->proj->files[c->v[i].file].path;
		const char *at;

		if (c->v[i].kind != kind || strcmp(c->v[i].name, name) != 0 || path == NULL)
			continue;
		at = strstr(path, mod);
		if (at == NULL || (at != path && at[-1] != '/') ||
		    (at[ml] != '/' && at[ml] != '.'))
			continue;
		only = &c->v[i];
		n++;
	}
	return n == 1 ? only : NULL;
}

/* The relations of om that the project's constructor calls of om leave
 * unloaded, as ",a,b,": some call passes the key (`<rel>_id=`) and none
 * passes the object (`<rel>=`) nor a `**` mapping. */
static void qs_key_only_rels(const struct audit_input *in, const struct orm_model *om,
			     struct strbuf *out)
{
	for (int r = 0; r < om->n_rels; r++) {
		const struct orm_relationship *rel = &om->rels[r];
		int by_key = 0, by_obj = 0;

		if (rel->attr == NULL || rel->fk_attr == NULL)
			continue;
		for (size_t fi = 0; fi < in->proj->n_files && !by_obj; fi++) {
			const struct model *m = in->proj->files[fi].model;

			if (m == NULL)
				continue;
			for (uint32_t i = 1; i < m->n_nodes && !by_obj; i++) {
				const struct node *k = &m->nodes[i];

				if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->name == NULL ||
				    strcmp(k->u.call->name, om->name) != 0)
					continue;
				for (uint32_t a = 0; a < k->u.call->n_args; a++) {
					const char *an = k->u.call->args[a].name;

					if (an == NULL)
						continue;
					if (strcmp(an, "**") == 0 || strcmp(an, rel->attr) == 0)
						by_obj = 1;
					else if (strcmp(an, rel->fk_attr) == 0)
						by_key = 1;
				}
			}
		}
		if (by_key && !by_obj)
			sb_addf(out, "%s%s,", out->len == 0 ? "," : "", rel->attr);
	}
}

/* The only assignment of name in function fn before line, or NULL when
 * there is none or more than one (a name rebound). */
static const struct node *qs_sole_assign(const struct model *m, const struct node *fn,
					 const char *name)
{
	const struct node *hit = NULL;

	for (uint32_t j = (uint32_t)(fn - m->nodes) + 1;
	     j < m->n_nodes && m->nodes[j].line <= fn->end_line; j++) {
		const struct node *k = &m->nodes[j];

		if ((k->kind != NODE_ASSIGN && k->kind != NODE_AUGASSIGN) || k->name == NULL ||
		    strcmp(k->name, name) != 0)
			continue;
		if (hit != NULL || k->kind != NODE_ASSIGN)
			return NULL;
		hit = k;
	}
	return hit;
}

/* Reports the serializers built with many=True over the rows a bulk
 * create just returned (`rows = Model.objects.bulk_create(...)`, then
 * `S(rows, many=True)` in the same function): objects built with the
 * related key only (`owner_id=`) load each relation the serializer reads
 * once per row. */
void qe_serializer_bulk_rows(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct qs_cache *c = audit_context_cache(in->audit, &qs_cache_def);

	for (uint32_t i = 1; i < m->n_nodes; i++) {
		const struct node *k = &m->nodes[i], *fn, *as, *bulk;
		const struct qs_class *s;
		const struct orm_model *om;
		const struct arg *a0;
		struct strbuf lazy = STRBUF_INIT;
		struct qs_miss miss = { STRBUF_INIT, 0, "", NULL };
		char rows[96], flag[16], model[128], text[1024], *dot;
		struct finding *f;

		if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->name == NULL ||
		    k->u.call->n_args < 2 || (a0 = &k->u.call->args[0])->name != NULL)
			continue;
		if (qs_kwarg(m, k, "serializer_many_kw", flag, sizeof flag) == NULL ||
		    !qs_word(m, "serializer_true_literals", flag))
			continue;
		if ((s = qs_find_imported(in, c, k->u.call->name, QS_SERIALIZER, fi)) == NULL ||
		    (om = qs_model(in, c, s, 0)) == NULL || om->name == NULL)
			continue;
		span_copy(m, a0->expr, rows, sizeof rows);
		for (dot = rows; *dot != '\0' && qs_ident(*dot); dot++)
			;
		if (rows[0] == '\0' || *dot != '\0')
			continue;
		if ((fn = model_enclosing_func(m, k)) == NULL ||
		    (as = qs_sole_assign(m, fn, rows)) == NULL || as->line >= k->line ||
		    (bulk = qs_value_call(m, as)) == NULL ||
		    !qs_word(m, "serializer_bulk_creates", bulk->u.call->callee))
			continue;
		snprintf(model, sizeof model, "%s", bulk->u.call->callee);
		if ((dot = strchr(model, '.')) != NULL)
			*dot = '\0';
		if (strcmp(model, om->name) != 0)
			continue;
		qs_key_only_rels(in, om, &lazy);
		if (lazy.len > 0) {
			miss.lazy = sb_str(&lazy);
			qs_fields(in, c, s, om, "", 0, &miss);
		}
		if (miss.n > 0 &&
		    (f = auditor_emit(in, out, &qe_checks[QE_N_PLUS_ONE],
				      sem_role_severity(in, fi, k, SEV_HIGH, SEV_MEDIUM), fi, k)) != NULL) {
			if (db_text(m, "n_plus_one.serializer_bulk_issue",
				    (const char *const[]){ "serializer", s->name, "rows", rows,
							   "model", om->name, "paths",
							   sb_str(&miss.paths), NULL },
				    text, sizeof text))
				finding_set_issue(f, "%s", text);
			if (db_text(m, "n_plus_one.serializer_bulk_fix", (const char *const[]){ NULL },
				    text, sizeof text))
				finding_set_recommendation(f, "%s", text);
			sem_add_line(f, m, as->line);
		}
		sb_release(&miss.paths);
		sb_release(&lazy);
	}
}
