/* ORM models for the project index: SQLAlchemy declarative classes
 * (`__tablename__`, Base / DeclarativeBase / db.Model / SQLModel with
 * table=True), their columns (Column / mapped_column / Mapped[...]) and
 * relationships (relationship(..., lazy=...)), and Django models
 * (models.Model subclasses, models.XField columns, ForeignKey / OneToOne /
 * ManyToMany relationships).
 *
 * A class deriving from an already-known model is a model too (single
 * table inheritance, abstract Django bases), so the scan repeats until no
 * new model appears. */
#include "index.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "index-private.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/xalloc.h"

enum orm_kind { ORM_NONE, ORM_SQLALCHEMY, ORM_DJANGO };

/* Strips whitespace and one pair of quotes around s[0..n). */
static const char *orm_unquote(const char *s, size_t *n)
{
	while (*n && isspace((unsigned char)s[0])) {
		s++;
		(*n)--;
	}
	while (*n && isspace((unsigned char)s[*n - 1]))
		(*n)--;
	if (*n >= 2 && (s[0] == '"' || s[0] == '\'') && s[*n - 1] == s[0]) {
		s++;
		*n -= 2;
	}
	return s;
}

/* True when the bases text has a token (a run of name characters and
 * dots, bounded by other characters) in list l. */
static int orm_base_listed(const char *bases, const struct catalog_list *l)
{
	const char *p = bases;

	while (*p) {
		const char *w = p;
		char tok[256];

		while (*p && (isalnum((unsigned char)*p) || *p == '_' || *p == '.'))
			p++;
		if (p == w) {
			p++;
			continue;
		}
		if ((size_t)(p - w) < sizeof tok) {
			memcpy(tok, w, (size_t)(p - w));
			tok[p - w] = '\0';
			if (catalog_match(l, tok))
				return 1;
		}
	}
	return 0;
}

/* The first CALL child of a statement node, or NULL. */
static const struct node *orm_first_call(const struct model *m, const struct node *st)
{
	for (uint32_t k = st->first_child; k; k = m->nodes[k].next_sibling)
		if (m->nodes[k].kind == NODE_CALL && m->nodes[k].u.call)
			return &m->nodes[k];
	return NULL;
}

/* The annotation text of an annotated assignment `x: T = v`: the source
 * between the target and '=' (the model keeps only the target). */
static struct span orm_annotation(const struct model *m, const struct node *a)
{
	struct span s = { a->text.off + a->text.len, 0 };
	const char *p = m->src + s.off, *end = m->src + m->src_len;
	int depth = 0;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end || *p != ':')
		return s;
	p++;
	s.off = (uint32_t)(p - m->src);
	for (; p < end; p++) {
		if (*p == '[' || *p == '(')
			depth++;
		else if (*p == ']' || *p == ')')
			depth--;
		else if (depth <= 0 && (*p == '=' || *p == '\n' || *p == '#'))
			break;
	}
	s.len = (uint32_t)(p - (m->src + s.off));
	return s;
}

/* The model class named by a typing annotation such as
 * Mapped[list["Item"]] or Mapped[Optional["User"]]. */
static const char *orm_annotation_target(struct project_index *ix, const struct model *m,
					 struct span ann)
{
	const struct catalog_list *skip = catalog_get(m->lang, "ix_annotation_wrappers");
	const char *p = span_ptr(m, ann), *end = p + ann.len;

	while (p < end) {
		const char *w;
		char word[64];
		int skipped = 0;

		while (p < end && !(isalpha((unsigned char)*p) || *p == '_'))
			p++;
		for (w = p; p < end && (isalnum((unsigned char)*p) || *p == '_'); p++)
			;
		if (p == w)
			break;
		if ((size_t)(p - w) < sizeof word) {
			memcpy(word, w, (size_t)(p - w));
			word[p - w] = '\0';
			skipped = catalog_match(skip, word);
		}
		if (!skipped && p < end && *p == '.')
			continue; /* a module prefix */
		if (!skipped)
			return ix_strndup(ix, w, (size_t)(p - w));
	}
	return NULL;
}

/* Decides whether a class is an ORM model, from its bases and body. */
/* Set of the model class names found so far (open addressing; keys
 * borrowed), so "a subclass of a known model" costs one lookup per base
 * name instead of a scan of every model. */
struct orm_name_set {
	struct orm_name_slot {
		const char *name;
		int django;
	} *slots;
	size_t cap;
};

/* Keyed (util/hash.h): the class names come from the tree. */
static size_t orm_hash(const char *s, size_t n)
{
	return (size_t)hash_text(s, n);
}

static void orm_set_add(struct orm_name_set *set, const char *name, int django)
{
	size_t h, n = strlen(name);

	for (h = orm_hash(name, n) & (set->cap - 1); set->slots[h].name; h = (h + 1) & (set->cap - 1))
		if (strcmp(set->slots[h].name, name) == 0)
			return;
	set->slots[h].name = name;
	set->slots[h].django = django;
}

/* The known model named s[0..n): 1 SQLAlchemy, 2 Django, 0 unknown. */
static int orm_set_has(const struct orm_name_set *set, const char *s, size_t n)
{
	size_t h;

	for (h = orm_hash(s, n) & (set->cap - 1); set->slots[h].name; h = (h + 1) & (set->cap - 1))
		if (strncmp(set->slots[h].name, s, n) == 0 && set->slots[h].name[n] == '\0')
			return set->slots[h].django ? 2 : 1;
	return 0;
}

/* Whether one identifier of bases (not part of a dotted prefix or
 * suffix) names a known model: 1 SQLAlchemy, 2 Django, 0 none. */
static int orm_bases_name_known(const char *bases, const struct orm_name_set *set)
{
	const char *p = bases;

	while (*p) {
		const char *w;

		if (!(isalpha((unsigned char)*p) || *p == '_')) {
			p++;
			continue;
		}
		for (w = p; isalnum((unsigned char)*p) || *p == '_'; p++)
			;
		if ((w == bases || w[-1] != '.') && *p != '.') {
			int kind = orm_set_has(set, w, (size_t)(p - w));
			if (kind)
				return kind;
		}
	}
	return 0;
}

static enum orm_kind orm_classify(const struct project_index *ix, const struct model *m,
				  const struct node *cls, const struct orm_name_set *known)
{
	char bases[512];
	int has_table = 0, has_columns = 0;

	(void)ix;
	if (cls->u.cls == NULL)
		return ORM_NONE;
	span_copy(m, cls->u.cls->bases, bases, sizeof bases);
	if (catalog_match(catalog_get(m->lang, "ix_django_bases"), bases))
		return ORM_DJANGO;
	for (uint32_t c = cls->first_child; c; c = m->nodes[c].next_sibling) {
		const struct node *st = &m->nodes[c];
		const struct node *call;

		if (st->kind != NODE_ASSIGN || st->name == NULL)
			continue;
		if (catalog_match(catalog_get(m->lang, "ix_orm_table_attrs"), st->name))
			has_table = 1;
		if ((call = orm_first_call(m, st)) && call->u.call->name &&
		    catalog_match(catalog_get(m->lang, "ix_orm_column_calls"), call->u.call->name))
			has_columns = 1;
		if ((st->flags & NF_ANNOTATED) &&
		    ix_span_match(m, orm_annotation(m, st), catalog_get(m->lang, "ix_mapped_annotations")))
			has_columns = 1;
	}
	if (has_table)
		return ORM_SQLALCHEMY;
	if (orm_base_listed(bases, catalog_get(m->lang, "ix_sqlmodel_base_tokens")))
		return strstr(bases, "table=True") ? ORM_SQLALCHEMY : ORM_NONE;
	/* the declarative base itself and abstract mixins have neither a
	 * table nor columns: not models */
	if ((orm_base_listed(bases, catalog_get(m->lang, "ix_declarative_base_tokens")) ||
	     catalog_match(catalog_get(m->lang, "ix_declarative_base_texts"), bases)) && has_columns)
		return ORM_SQLALCHEMY;
	/* a subclass of a known model (inheritance, abstract bases) */
	switch (orm_bases_name_known(bases, known)) {
	case 1: return ORM_SQLALCHEMY;
	case 2: return ORM_DJANGO;
	default: break;
	}
	/* `class Job(AppBase)` with mapped columns: a project-specific base */
	if (has_columns && catalog_match(catalog_get(m->lang, "ix_base_hint_texts"), bases) &&
	    !catalog_match(catalog_get(m->lang, "ix_pydantic_base_texts"), bases))
		return ORM_SQLALCHEMY;
	return ORM_NONE;
}

/* Adds a relationship to model om; returns it (valid until the next add). */
static struct orm_relationship *orm_add_rel(struct orm_model *om, const char *attr,
					    const char *target, const char *lazy, unsigned flags)
{
	struct orm_relationship *r;

	om->rels = xrealloc(om->rels, (size_t)(om->n_rels + 1) * sizeof *om->rels);
	r = &om->rels[om->n_rels++];
	memset(r, 0, sizeof *r);
	r->attr = attr;
	r->target = target;
	r->lazy = lazy;
	r->flags = flags;
	return r;
}

/* Adds a column name to model om. */
static void orm_add_column(struct orm_model *om, const char *name)
{
	om->columns = xrealloc(om->columns, (size_t)(om->n_columns + 1) * sizeof *om->columns);
	om->columns[om->n_columns++] = name;
}

/* The text of keyword argument kw of call c (unquoted, index-owned), or NULL. */
static const char *orm_kwarg(struct project_index *ix, const struct model *m,
			     const struct node *c, const char *kw)
{
	for (uint32_t k = 0; k < c->u.call->n_args; k++) {
		const struct arg *a = &c->u.call->args[k];

		if (a->name && strcmp(a->name, kw) == 0) {
			size_t n = a->expr.len;
			const char *s = orm_unquote(span_ptr(m, a->expr), &n);

			return ix_strndup(ix, s, n);
		}
	}
	return NULL;
}

/* The first positional argument of c as a class name: quotes and module
 * prefixes removed ("auth.User" -> User). */
static const char *orm_first_positional(struct project_index *ix, const struct model *m,
					const struct node *c)
{
	for (uint32_t k = 0; k < c->u.call->n_args; k++) {
		const struct arg *a = &c->u.call->args[k];

		if (a->name == NULL) {
			size_t n = a->expr.len;
			const char *s = orm_unquote(span_ptr(m, a->expr), &n);
			const char *dot = memrchr(s, '.', n);

			if (dot) {
				n -= (size_t)(dot + 1 - s);
				s = dot + 1;
			}
			return n ? ix_strndup(ix, s, n) : NULL;
		}
	}
	return NULL;
}

/* The value of keyword kw in the text of a call's arguments (`lazy="dynamic"`
 * inside `backref("x", lazy="dynamic")`), unquoted, index-owned; NULL when
 * absent. Only for short declaration texts. */
static const char *orm_text_kwarg(struct project_index *ix, const char *text, const char *kw)
{
	size_t kl = strlen(kw);

	for (const char *p = strstr(text, kw); p != NULL; p = strstr(p + 1, kw)) {
		const char *v = p + kl, *e;
		size_t n;

		if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			continue;
		while (*v == ' ')
			v++;
		if (*v != '=' || v[1] == '=')
			continue;
		for (v++; *v == ' '; v++)
			;
		for (e = v; *e && *e != ',' && *e != ')'; e++)
			;
		n = (size_t)(e - v);
		v = orm_unquote(v, &n);
		return ix_strndup(ix, v, n);
	}
	return NULL;
}

/* The backref a SQLAlchemy relationship declares on its target:
 * `backref="team"` or `backref=backref("team", lazy="dynamic",
 * uselist=False)`. Fills rel->reverse, reverse_lazy, reverse_flags. */
static void orm_read_backref(struct project_index *ix, const struct model *m,
			     const struct node *call, struct orm_relationship *rel)
{
	for (uint32_t k = 0; k < call->u.call->n_args; k++) {
		const struct arg *a = &call->u.call->args[k];
		char text[512];
		const char *q, *e, *v;

		if (a->name == NULL || strcmp(a->name, "backref") != 0)
			continue;
		span_copy(m, a->expr, text, sizeof text);
		/* the accessor name: the first quoted string */
		if ((q = strpbrk(text, "\"'")) == NULL || (e = strchr(q + 1, *q)) == NULL ||
		    e == q + 1)
			return;
		rel->reverse = ix_strndup(ix, q + 1, (size_t)(e - q - 1));
		if (q != text) {
			/* backref("team", ...): its own options */
			rel->reverse_lazy = orm_text_kwarg(ix, e + 1, "lazy");
			if ((v = orm_text_kwarg(ix, e + 1,
						catalog_text(m->lang, "ix.rel_uselist_kwarg"))) != NULL)
				rel->reverse_flags =
					catalog_match(catalog_get(m->lang, "ix_false_values"), v) ?
					ORM_REL_SCALAR : ORM_REL_COLLECTION;
		}
		if (rel->reverse_lazy != NULL &&
		    catalog_match(catalog_get(m->lang, "ix_dynamic_lazy_modes"), rel->reverse_lazy))
			rel->reverse_flags = ORM_REL_COLLECTION;
		/* many-to-many both ways; otherwise the other end of this side */
		if (rel->reverse_flags == 0 &&
		    orm_kwarg(ix, m, call, catalog_text(m->lang, "ix.rel_secondary_kwarg")) != NULL)
			rel->reverse_flags = ORM_REL_COLLECTION;
		else if (rel->reverse_flags == 0 && (rel->flags & ORM_REL_COLLECTION))
			rel->reverse_flags = ORM_REL_SCALAR;
		else if (rel->reverse_flags == 0 && (rel->flags & ORM_REL_SCALAR))
			rel->reverse_flags = ORM_REL_COLLECTION;
		return;
	}
}

/* What a SQLAlchemy relationship holds, from uselist=, secondary=, its
 * loading mode and its Mapped[...] annotation: ORM_REL_SCALAR,
 * ORM_REL_COLLECTION, or 0 when the declaration does not say. */
static unsigned orm_sa_rel_shape(struct project_index *ix, const struct model *m,
				 const struct node *call, struct span ann, const char *lazy)
{
	const char *uselist = orm_kwarg(ix, m, call, catalog_text(m->lang, "ix.rel_uselist_kwarg"));

	if (uselist != NULL)
		return catalog_match(catalog_get(m->lang, "ix_false_values"), uselist) ?
		       ORM_REL_SCALAR : ORM_REL_COLLECTION;
	if (lazy != NULL && catalog_match(catalog_get(m->lang, "ix_collection_lazy_modes"), lazy))
		return ORM_REL_COLLECTION;
	if (orm_kwarg(ix, m, call, catalog_text(m->lang, "ix.rel_secondary_kwarg")) != NULL)
		return ORM_REL_COLLECTION;
	if (ann.len) {
		if (ix_span_match(m, ann, catalog_get(m->lang, "ix_collection_annotations")))
			return ORM_REL_COLLECTION;
		if (ix_span_match(m, ann, catalog_get(m->lang, "ix_mapped_annotations")))
			return ORM_REL_SCALAR;
	}
	return 0;
}

/* Reads the class body of a SQLAlchemy model: table, columns, relationships. */
static void orm_read_sqlalchemy(struct project_index *ix, const struct model *m,
				const struct node *cls, struct orm_model *om)
{
	const struct catalog_list *rels = catalog_get(m->lang, "orm_relationships");
	const struct catalog_list *dyn = catalog_get(m->lang, "orm_dynamic_loaders");

	for (uint32_t c = cls->first_child; c; c = m->nodes[c].next_sibling) {
		const struct node *st = &m->nodes[c];
		const struct node *call;
		const char *cname;
		struct span ann = { 0, 0 };
		int is_dyn = 0;

		if (st->kind != NODE_ASSIGN || st->name == NULL || (st->flags & NF_TARGET_ATTR))
			continue;
		if (catalog_match(catalog_get(m->lang, "ix_orm_tablename_attrs"), st->name)) {
			size_t n = st->value.len;
			const char *s = orm_unquote(span_ptr(m, st->value), &n);

			if (n && s[0] != '(' && memchr(s, '(', n) == NULL)
				om->table = ix_strndup(ix, s, n);
			continue;
		}
		if (catalog_match(catalog_get(m->lang, "ix_orm_private_attrs"), st->name))
			continue;
		if (st->flags & NF_ANNOTATED)
			ann = orm_annotation(m, st);
		call = orm_first_call(m, st);
		cname = call && call->u.call->name ? call->u.call->name : "";
		/* the relationship is the assigned value itself, not a call
		 * somewhere inside it */
		if (call != NULL && span_starts(m, st->value, call->u.call->callee) &&
		    (catalog_match_call(rels, m, call) || (is_dyn = catalog_match_call(dyn, m, call)))) {
			const char *target = orm_first_positional(ix, m, call);
			const char *lazy = orm_kwarg(ix, m, call, "lazy");
			struct orm_relationship *rel;

			if (target == NULL)
				target = orm_kwarg(ix, m, call,
						   catalog_text(m->lang, "ix.rel_argument_kwarg"));
			if (target == NULL && ann.len)
				target = orm_annotation_target(ix, m, ann);
			if (lazy == NULL && ann.len &&
			    ix_span_match(m, ann, catalog_get(m->lang, "ix_write_only_annotations")))
				lazy = catalog_text(m->lang, "ix.lazy_write_only");
			else if (lazy == NULL && ann.len &&
				 ix_span_match(m, ann, catalog_get(m->lang, "ix_dynamic_annotations")))
				lazy = catalog_text(m->lang, "ix.lazy_dynamic");
			else if (lazy == NULL && is_dyn)
				lazy = catalog_text(m->lang, "ix.lazy_dynamic");
			rel = orm_add_rel(om, st->name, target,
					  lazy ? lazy : catalog_text(m->lang, "ix.lazy_default"),
					  orm_sa_rel_shape(ix, m, call, ann, lazy));
			orm_read_backref(ix, m, call, rel);
		} else if (catalog_match(catalog_get(m->lang, "ix_orm_column_calls"), cname) ||
			   (catalog_match(catalog_get(m->lang, "ix_sqlmodel_field_calls"), cname) &&
			    (st->flags & NF_ANNOTATED)) ||
			   (ann.len && ix_span_match(m, ann, catalog_get(m->lang, "ix_mapped_annotations")) &&
			    !ix_span_match(m, ann, catalog_get(m->lang, "ix_classvar_annotations")))) {
			orm_add_column(om, st->name);
		} else if ((st->flags & NF_ANNOTATED) &&
			   ix_span_match(m, cls->u.cls->bases,
					 catalog_get(m->lang, "ix_sqlmodel_base_texts"))) {
			orm_add_column(om, st->name); /* SQLModel: `name: str` is a column */
		}
	}
}

/* The Django reverse accessor a relation field adds to its target:
 * related_name, or `<model>_set` (`<model>` for a one-to-one); NULL for
 * `related_name="+"` and names built from `%(class)s` placeholders. */
static const char *orm_django_reverse(struct project_index *ix, const struct model *m,
				      const struct node *call, const char *model, int one_to_one)
{
	const char *rn = orm_kwarg(ix, m, call, catalog_text(m->lang, "ix.django_related_name_kwarg"));
	const char *suffix = catalog_text(m->lang, "ix.django_reverse_suffix");
	char buf[160];
	size_t n = 0;

	if (rn != NULL) {
		size_t l = strlen(rn);

		if (l == 0 || rn[l - 1] == '+' || strchr(rn, '%') != NULL || strchr(rn, '(') != NULL)
			return NULL;
		for (size_t i = 0; i < l; i++)
			if (!(isalnum((unsigned char)rn[i]) || rn[i] == '_'))
				return NULL;
		return rn;
	}
	for (; model[n] && n + strlen(suffix) + 1 < sizeof buf; n++)
		buf[n] = (char)tolower((unsigned char)model[n]);
	if (!one_to_one) {
		memcpy(buf + n, suffix, strlen(suffix));
		n += strlen(suffix);
	}
	return ix_strndup(ix, buf, n);
}

/* Reads the class body of a Django model: fields, relations, Meta.db_table. */
static void orm_read_django(struct project_index *ix, const struct model *m, const char *path,
			    const struct node *cls, struct orm_model *om)
{
	const struct catalog_list *fks = catalog_get(m->lang, "django_foreign_keys");
	const struct catalog_list *o2o = catalog_get(m->lang, "django_one_to_one");
	const struct catalog_list *m2m = catalog_get(m->lang, "django_many_to_many");

	for (uint32_t c = cls->first_child; c; c = m->nodes[c].next_sibling) {
		const struct node *st = &m->nodes[c];
		const struct node *call;
		const char *cname;
		int fk, one, many;

		if (st->kind == NODE_CLASS && st->name &&
		    catalog_match(catalog_get(m->lang, "ix_django_meta_classes"), st->name)) {
			for (uint32_t k = st->first_child; k; k = m->nodes[k].next_sibling) {
				const struct node *a = &m->nodes[k];
				size_t n = a->value.len;
				const char *s;

				if (a->kind != NODE_ASSIGN || a->name == NULL ||
				    !catalog_match(catalog_get(m->lang, "ix_django_table_attrs"), a->name))
					continue;
				s = orm_unquote(span_ptr(m, a->value), &n);
				om->table = ix_strndup(ix, s, n);
			}
			continue;
		}
		if (st->kind != NODE_ASSIGN || st->name == NULL || (st->flags & NF_TARGET_ATTR) ||
		    (call = orm_first_call(m, st)) == NULL || call->u.call->name == NULL)
			continue;
		cname = call->u.call->name;
		fk = catalog_match_call(fks, m, call);
		one = !fk && catalog_match_call(o2o, m, call);
		many = !fk && !one && catalog_match_call(m2m, m, call);
		if (fk || one || many) {
			const char *target = orm_first_positional(ix, m, call);
			struct orm_relationship *rel;
			char idattr[160];

			if (target == NULL &&
			    (target = orm_kwarg(ix, m, call,
						catalog_text(m->lang, "ix.django_to_kwarg"))) != NULL &&
			    strrchr(target, '.') != NULL)
				target = strrchr(target, '.') + 1;
			if (target != NULL &&
			    catalog_match(catalog_get(m->lang, "ix_django_self_targets"), target))
				target = om->name;
			if (!many)
				orm_add_column(om, st->name);
			rel = orm_add_rel(om, st->name, target, catalog_text(m->lang, "ix.lazy_default"),
					  many ? ORM_REL_COLLECTION : ORM_REL_SCALAR);
			if (!many) {
				snprintf(idattr, sizeof idattr, "%s_id", st->name);
				rel->fk_attr = ix_strndup(ix, idattr, strlen(idattr));
			}
			rel->reverse = orm_django_reverse(ix, m, call, om->name, one);
			rel->reverse_lazy = catalog_text(m->lang, "ix.lazy_default");
			rel->reverse_flags = one ? ORM_REL_SCALAR : ORM_REL_COLLECTION;
		} else if (catalog_match(catalog_get(m->lang, "ix_django_field_calls"), cname)) {
			orm_add_column(om, st->name);
		}
	}
	if (om->table == NULL && om->name) {
		/* Django's default: <app label>_<model name lowercased>, the app
		 * being the package that holds models.py / models/ */
		const char *end = strstr(path, "/models");
		const char *start = end;
		char t[256];
		size_t n = 0, i;

		if (end != NULL) {
			while (start > path && start[-1] != '/')
				start--;
			for (i = 0; start + i < end && n + 2 < sizeof t; i++)
				t[n++] = start[i];
			t[n++] = '_';
		}
		for (i = 0; om->name[i] && n + 1 < sizeof t; i++)
			t[n++] = (char)tolower((unsigned char)om->name[i]);
		om->table = ix_strndup(ix, t, n);
	}
}

static void orm_find_factories(struct project_index *ix, const struct project *p);

/* The one model named name, or NULL (none, or two models of that name in
 * different modules: adding facts to the wrong one would be worse than
 * adding none). */
static struct orm_model *orm_unique_model(struct project_index *ix, const char *name)
{
	const struct name_slot *s = name ? name_map_get(&ix->model_by_name, name) : NULL;

	return s != NULL && s->count == 1 ? &ix->models[ix->model_name_order[s->start]] : NULL;
}

static int orm_has_rel(const struct orm_model *om, const char *attr)
{
	return index_model_relation(om, attr) != NULL;
}

/* The model base classes of om (identifiers of its bases naming one
 * model), at most max, into out; returns how many. */
static int orm_model_bases(struct project_index *ix, const struct project *p,
			   const struct orm_model *om, struct orm_model **out, int max)
{
	const struct model *m = p->files[om->where.file].model;
	const struct node *cls = &m->nodes[om->where.node];
	char bases[512];
	const char *q;
	int n = 0;

	if (cls->u.cls == NULL)
		return 0;
	span_copy(m, cls->u.cls->bases, bases, sizeof bases);
	for (q = bases; *q && n < max; ) {
		const char *w;
		char name[128];
		struct orm_model *b;

		if (!(isalpha((unsigned char)*q) || *q == '_')) {
			q++;
			continue;
		}
		for (w = q; isalnum((unsigned char)*q) || *q == '_'; q++)
			;
		if ((w > bases && w[-1] == '.') || *q == '.' || *q == '=' ||
		    (size_t)(q - w) >= sizeof name)
			continue;
		memcpy(name, w, (size_t)(q - w));
		name[q - w] = '\0';
		if ((b = orm_unique_model(ix, name)) != NULL && b != om)
			out[n++] = b;
	}
	return n;
}

/* True when om, or a model it derives from (4 levels), has column name. */
static int orm_has_column(struct project_index *ix, const struct project *p,
			  const struct orm_model *om, const char *name, int depth)
{
	struct orm_model *bases[8];
	int nb;

	for (int i = 0; i < om->n_columns; i++)
		if (strcmp(om->columns[i], name) == 0)
			return 1;
	if (depth >= 4)
		return 0;
	nb = orm_model_bases(ix, p, om, bases, 8);
	for (int i = 0; i < nb; i++)
		if (orm_has_column(ix, p, bases[i], name, depth + 1))
			return 1;
	return 0;
}

/* The stand-in for a Django relation target the project does not declare
 * (index_relation_owner), made on first use; NULL for no name, a name
 * declared (perhaps twice) as a model, or one that is not a class name.
 * `settings.AUTH_USER_MODEL` is auth's User. */
static struct orm_model *orm_stub(struct project_index *ix, const char *target)
{
	struct orm_model *st;

	if (target == NULL)
		return NULL;
	if (catalog_match(catalog_get(catalog_common_lang(), "ix_django_user_settings"), target))
		target = catalog_text(catalog_common_lang(), "ix.django_user_model");
	if (!isupper((unsigned char)target[0]) || name_map_get(&ix->model_by_name, target) != NULL)
		return NULL;
	for (const char *c = target; *c; c++)
		if (!(isalnum((unsigned char)*c) || *c == '_'))
			return NULL;
	for (size_t i = 0; i < ix->n_stubs; i++)
		if (strcmp(ix->stubs[i].name, target) == 0)
			return &ix->stubs[i];
	XGROW(ix->stubs, ix->cap_stubs, ix->n_stubs + 1);
	st = &ix->stubs[ix->n_stubs++];
	memset(st, 0, sizeof *st);
	st->name = target;
	st->is_django = 1;
	return st;
}

/* Completes the relationships once every model is known: the accessors
 * other models add (backrefs, Django reverse relations), the ones a model
 * inherits from model base classes, and the key column of a SQLAlchemy
 * many-to-one (`team` beside `team_id`). Inheritance is followed to a
 * fixed point, at most 8 levels deep. */
static void orm_link_relations(struct project_index *ix, const struct project *p)
{
	size_t n = ix->n_models;
	int *declared = xmalloc((n + 1) * sizeof *declared);

	for (size_t k = 0; k < n; k++)
		declared[k] = ix->models[k].n_rels;
	for (size_t k = 0; k < n; k++) {
		for (int r = 0; r < declared[k]; r++) {
			struct orm_relationship *rel = &ix->models[k].rels[r];
			struct orm_model *t = orm_unique_model(ix, rel->target);
			char idattr[160];

			if (ix->models[k].is_django || rel->target == NULL)
				continue;
			/* SQLAlchemy: a `<attr>_id` column beside the relationship
			 * makes it a many-to-one; a `<backref>_id` column on the
			 * target makes this side the collection */
			snprintf(idattr, sizeof idattr, "%s_id", rel->attr);
			if (!(rel->flags & ORM_REL_COLLECTION) &&
			    orm_has_column(ix, p, &ix->models[k], idattr, 0)) {
				rel->fk_attr = ix_strndup(ix, idattr, strlen(idattr));
				rel->flags |= ORM_REL_SCALAR;
			}
			if (rel->reverse != NULL && t != NULL && rel->reverse_flags == 0) {
				snprintf(idattr, sizeof idattr, "%s_id", rel->reverse);
				if (orm_has_column(ix, p, t, idattr, 0)) {
					rel->reverse_flags = ORM_REL_SCALAR;
					if (!(rel->flags & ORM_REL_SCALAR))
						rel->flags |= ORM_REL_COLLECTION;
				} else if (rel->flags & ORM_REL_SCALAR) {
					rel->reverse_flags = ORM_REL_COLLECTION;
				}
			}
		}
	}
	for (size_t k = 0; k < n; k++) {
		for (int r = 0; r < declared[k]; r++) {
			struct orm_relationship rel = ix->models[k].rels[r];
			struct orm_model *t = orm_unique_model(ix, rel.target);
			struct orm_relationship *back;

			if (t == NULL && ix->models[k].is_django && rel.reverse != NULL)
				t = orm_stub(ix, rel.target);
			if (rel.reverse == NULL || t == NULL || orm_has_rel(t, rel.reverse))
				continue;
			back = orm_add_rel(t, rel.reverse, ix->models[k].name,
					   rel.reverse_lazy ? rel.reverse_lazy :
					   catalog_text(catalog_common_lang(), "ix.lazy_default"),
					   rel.reverse_flags | ORM_REL_REVERSE);
			back->reverse = rel.attr;
			if (!t->is_django && (rel.reverse_flags & ORM_REL_SCALAR)) {
				char idattr[160];

				snprintf(idattr, sizeof idattr, "%s_id", rel.reverse);
				if (orm_has_column(ix, p, t, idattr, 0))
					back->fk_attr = ix_strndup(ix, idattr, strlen(idattr));
			}
		}
	}
	for (int depth = 0; depth < 8; depth++) {
		int changed = 0;

		for (size_t k = 0; k < n; k++) {
			struct orm_model *bases[8];
			int nb = orm_model_bases(ix, p, &ix->models[k], bases, 8);

			for (int bi = 0; bi < nb; bi++) {
				struct orm_model *b = bases[bi];

				for (int r = 0; r < b->n_rels; r++) {
					struct orm_relationship rel = b->rels[r];
					struct orm_relationship *copy;

					if (orm_has_rel(&ix->models[k], rel.attr))
						continue;
					copy = orm_add_rel(&ix->models[k], rel.attr, rel.target, rel.lazy,
							   rel.flags);
					*copy = rel;
					copy->flags |= ORM_REL_INHERITED;
					changed = 1;
				}
			}
		}
		if (!changed)
			break;
	}
	free(declared);
}

/* Orders model indexes by name, then by table (through a file-scope pointer:
 * qsort has no context argument). */
static const struct orm_model *orm_sort_models;
static int orm_by_name(const void *a, const void *b)
{
	return strcmp(orm_sort_models[*(const uint32_t *)a].name,
		      orm_sort_models[*(const uint32_t *)b].name);
}

/* Orders model indexes by table name. */
static int orm_by_table(const void *a, const void *b)
{
	return strcmp(orm_sort_models[*(const uint32_t *)a].table,
		      orm_sort_models[*(const uint32_t *)b].table);
}

/* The first word of line s (identifier characters), its length in *n. */
static const char *schema_word(const char *s, const char *end, size_t *n)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	*n = 0;
	while (s + *n < end && (isalnum((unsigned char)s[*n]) || s[*n] == '_'))
		(*n)++;
	return s;
}

/* Where needle first occurs in [s, end), or NULL. */
static const char *schema_find(const char *s, const char *end, const char *needle)
{
	size_t n = strlen(needle);

	for (; s + n <= end; s++)
		if (memcmp(s, needle, n) == 0)
			return s;
	return NULL;
}

/* A schema's tables, read from a file of the tree: bounded so that a
 * crafted schema or type file costs time and memory linear in its size
 * (real schemas hold a few hundred models of a few dozen fields). */
#define SCHEMA_MAX_MODELS 4096
#define SCHEMA_MAX_FIELDS 1024

/* A word of a schema text: start and length. */
struct schema_name {
	const char *s;
	size_t n;
};

static int schema_name_cmp(const void *a, const void *b)
{
	const struct schema_name *x = a, *y = b;
	int c = memcmp(x->s, y->s, x->n < y->n ? x->n : y->n);

	return c != 0 ? c : x->n < y->n ? -1 : x->n > y->n;
}

/* True when the model name (n bytes) is one of the schema's models
 * (sorted: sorted names, schema_name_cmp). */
static int schema_is_model(const struct schema_name *sorted, size_t n_names, const char *name,
			   size_t n)
{
	struct schema_name key = { name, n };

	return bsearch(&key, sorted, n_names, sizeof *sorted, schema_name_cmp) != NULL;
}

/* Reads the models of the project's Prisma schemas: a block
 * `model Name { ... }`, one field a line (`name Type? @attrs`); a field
 * whose type is another model is a relation, any other (scalars, enums,
 * composite types, Unsupported) a column. Block attributes (`@@`) and
 * comments are not fields. */
static void orm_read_schemas(struct project_index *ix, const struct project *p)
{
	for (size_t si = 0; si < p->n_schema_paths; si++) {
		char *abs = fs_join(p->root, p->schema_paths[si]), *text;
		struct schema_name *names = NULL, *sorted;
		size_t n_names = 0, len = 0;
		const char *s, *end;

		text = fs_read_file(abs, 8u << 20, &len);
		free(abs);
		if (text == NULL)
			continue;
		end = text + len;
		/* pass 1: the model names */
		for (s = text; s < end; ) {
			const char *eol = memchr(s, '\n', (size_t)(end - s));
			size_t n, n2;
			const char *w = schema_word(s, end, &n), *w2;

			s = eol != NULL ? eol + 1 : end;

			if (n != 5 || memcmp(w, "model", 5) != 0)
				continue;
			w2 = schema_word(w + n, end, &n2);
			if (n2 == 0)
				continue;
			if (n_names == SCHEMA_MAX_MODELS)
				break;
			if ((n_names & (n_names - 1)) == 0)
				names = xrealloc(names, (n_names ? 2 * n_names : 1) * sizeof *names);
			names[n_names].s = w2;
			names[n_names++].n = n2;
		}
		sorted = n_names > 0 ? xmalloc(n_names * sizeof *sorted) : NULL;
		if (n_names > 0) {
			memcpy(sorted, names, n_names * sizeof *sorted);
			qsort(sorted, n_names, sizeof *sorted, schema_name_cmp);
		}
		/* pass 2: each model's fields, from the '{' that follows its name
		 * on its line to its '}', never past the next model's name (a
		 * block left open does not swallow the rest of the file) */
		for (size_t k = 0; k < n_names; k++) {
			struct orm_model *om;
			const char *b = names[k].s + names[k].n;
			const char *stop = k + 1 < n_names ? names[k + 1].s : end;
			int n_fields = 0;

			while (b < stop && (*b == ' ' || *b == '\t'))
				b++;
			if (b >= stop || *b != '{' || ix->n_schema_models >= SCHEMA_MAX_MODELS)
				continue;
			ix->schema_models = xrealloc(ix->schema_models, (ix->n_schema_models + 1) *
						     sizeof *ix->schema_models);
			om = &ix->schema_models[ix->n_schema_models++];
			memset(om, 0, sizeof *om);
			om->name = ix_strndup(ix, names[k].s, names[k].n);
			om->where.file = UINT32_MAX;
			for (s = b + 1; s < stop && *s != '}' && n_fields < SCHEMA_MAX_FIELDS; ) {
				const char *eol = memchr(s, '\n', (size_t)(stop - s)), *w, *t;
				size_t n, tn;

				if (eol == NULL)
					eol = stop;
				w = schema_word(s, eol, &n);
				if (w < eol && *w == '}')
					break;
				t = schema_word(w + n, eol, &tn);
				n_fields += n > 0 && tn > 0;
				if (n > 0 && tn > 0 && !schema_is_model(sorted, n_names, t, tn)) {
					om->columns = xrealloc(om->columns, (size_t)(om->n_columns + 1) *
							       sizeof *om->columns);
					om->columns[om->n_columns++] = ix_strndup(ix, w, n);
				} else if (n > 0 && tn > 0) {
					/* a relation; `@relation(fields: [ownerId], ...)` names
					 * the column that holds the related row's key */
					struct orm_relationship *rel;
					const char *fk = schema_find(t + tn, eol, "fields:");

					om->rels = xrealloc(om->rels, (size_t)(om->n_rels + 1) * sizeof *om->rels);
					rel = &om->rels[om->n_rels++];
					memset(rel, 0, sizeof *rel);
					rel->attr = ix_strndup(ix, w, n);
					rel->target = ix_strndup(ix, t, tn);
					if (t[tn] == '[')
						rel->flags |= ORM_REL_COLLECTION;
					if (fk != NULL && (fk = memchr(fk, '[', (size_t)(eol - fk))) != NULL) {
						size_t fn;
						const char *f = schema_word(fk + 1, eol, &fn);

						/* one key column only: a composite key is not one id */
						if (fn > 0 && f[fn] == ']')
							rel->fk_attr = ix_strndup(ix, f, fn);
					}
				}
				s = eol < stop ? eol + 1 : stop;
			}
		}
		free(names);
		free(sorted);
		free(text);
	}
}

/* The block that opens at b ('{') in [b, end): its closing '}', or NULL. */
static const char *schema_block_end(const char *b, const char *end)
{
	int depth = 0;

	for (const char *s = b; s < end; s++) {
		if (*s == '{')
			depth++;
		else if (*s == '}' && --depth == 0)
			return s;
	}
	return NULL;
}

/* The fields of a type block (b at its '{'): one a line at the block's
 * own depth, `name: Type;` or `name?: Type;`, as columns of om. */
static void schema_block_fields(struct project_index *ix, struct orm_model *om, const char *b,
				const char *close)
{
	int depth = 0;

	for (const char *s = b; s < close; ) {
		const char *eol = memchr(s, '\n', (size_t)(close - s)), *w, *after;
		size_t n;

		if (eol == NULL)
			eol = close;
		w = schema_word(s, eol, &n);
		after = w + n;
		if (after < eol && *after == '?')
			after++;
		if (depth == 1 && n > 0 && after < eol && *after == ':') {
			if (om->n_columns >= SCHEMA_MAX_FIELDS)
				return;
			om->columns = xrealloc(om->columns, (size_t)(om->n_columns + 1) *
					       sizeof *om->columns);
			om->columns[om->n_columns++] = ix_strndup(ix, w, n);
		}
		for (const char *q = s; q < eol; q++)
			depth += *q == '{' ? 1 : *q == '}' ? -1 : 0;
		s = eol < close ? eol + 1 : close;
	}
}

/* A type block of a text: where its keyword starts, its name, and (once
 * needed) its '{' and the model first read from it. */
struct schema_type {
	const char *at, *name, *brace;
	size_t n;
	size_t model; /* SIZE_MAX: not read yet */
};

static int schema_type_cmp(const void *a, const void *b)
{
	const struct schema_type *x = a, *y = b;
	struct schema_name nx = { x->name, x->n }, ny = { y->name, y->n };
	int c = schema_name_cmp(&nx, &ny);

	return c != 0 ? c : x->at < y->at ? -1 : x->at > y->at;
}

/* The tables of one text of lang (see orm_read_table_types). Each table's
 * row type is the first `<type_open>Name` block of the text; the type
 * blocks are indexed once and each is read once (a later table of the
 * same type shares its columns), so that a crafted map of many tables
 * costs time linear in the text. */
static void orm_read_table_text(struct project_index *ix, enum lang lang, const char *src,
				size_t len)
{
	const char *open = catalog_text(lang, "schema_table_map_open");
	const char *type_open = catalog_text(lang, "schema_table_type_open");
	const char *b, *close, *end = src + len, *q;
	struct schema_type *types = NULL;
	size_t n_types = 0, ol, budget = 4 * len + (1u << 20);

	if (open == NULL || type_open == NULL || (b = schema_find(src, end, open)) == NULL)
		return;
	b += strlen(open) - 1;
	if (*b != '{' || (close = schema_block_end(b, end)) == NULL)
		return;
	/* the type blocks, in text order: each one's first '{' after it */
	ol = strlen(type_open);
	for (const char *tb = src; (tb = schema_find(tb, end, type_open)) != NULL; tb += ol) {
		size_t n = 0;

		while (tb + ol + n < end &&
		       (isalnum((unsigned char)tb[ol + n]) || tb[ol + n] == '_'))
			n++;
		if (n == 0 || tb + ol + n >= end)
			continue;
		if ((n_types & (n_types - 1)) == 0)
			types = xrealloc(types, (n_types ? 2 * n_types : 1) * sizeof *types);
		types[n_types++] = (struct schema_type){ tb, tb + ol, NULL, n, SIZE_MAX };
	}
	q = NULL;
	for (size_t k = 0; k < n_types; k++) {
		if (q == NULL || q < types[k].at)
			q = memchr(types[k].at, '{', (size_t)(end - types[k].at));
		if (q == NULL)
			break; /* no '{' after this one: none for the later ones */
		types[k].brace = q;
	}
	if (n_types > 0)
		qsort(types, n_types, sizeof *types, schema_type_cmp);
	for (const char *s = b + 1; s < close && ix->n_schema_models < SCHEMA_MAX_MODELS; ) {
		const char *eol = memchr(s, '\n', (size_t)(close - s)), *w, *t, *te = NULL;
		size_t n, tn, lo, hi;
		struct schema_type *ty;
		struct orm_model *om;

		if (eol == NULL)
			eol = close;
		w = schema_word(s, eol, &n);
		s = eol < close ? eol + 1 : close;
		if (n == 0 || w + n >= eol || w[n] != ':')
			continue;
		t = schema_word(w + n + 1, eol, &tn);
		if (tn == 0 || (t[tn] != ';' && t + tn != eol))
			continue;
		/* the row type's block, anywhere in the text: the first one of
		 * that name */
		for (lo = 0, hi = n_types; lo < hi; ) {
			size_t mid = lo + (hi - lo) / 2;
			struct schema_name a = { types[mid].name, types[mid].n }, key = { t, tn };

			if (schema_name_cmp(&a, &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == n_types || types[lo].n != tn || memcmp(types[lo].name, t, tn) != 0)
			continue;
		ty = &types[lo];
		if (ty->brace == NULL)
			continue;
		if (ty->model == SIZE_MAX) {
			/* read once; the scans of every block together stay
			 * within a few times the text */
			size_t scan = (size_t)(end - ty->brace), used;

			scan = scan < budget ? scan : budget;
			te = schema_block_end(ty->brace, ty->brace + scan);
			used = te != NULL ? 2 * (size_t)(te - ty->brace + 1) : scan;
			budget -= used < budget ? used : budget;
			if (te == NULL)
				continue;
		}
		ix->schema_models = xrealloc(ix->schema_models, (ix->n_schema_models + 1) *
					     sizeof *ix->schema_models);
		om = &ix->schema_models[ix->n_schema_models++];
		memset(om, 0, sizeof *om);
		om->name = ix_strndup(ix, w, n);
		om->table = om->name;
		om->where.file = UINT32_MAX;
		if (ty->model == SIZE_MAX) {
			ty->model = ix->n_schema_models - 1;
			schema_block_fields(ix, om, ty->brace, te);
		} else if (ix->schema_models[ty->model].n_columns > 0) {
			const struct orm_model *first = &ix->schema_models[ty->model];

			om->n_columns = first->n_columns;
			om->columns = xmalloc((size_t)om->n_columns * sizeof *om->columns);
			memcpy(om->columns, first->columns, (size_t)om->n_columns * sizeof *om->columns);
		}
	}
	free(types);
}

/* Reads the tables of a query builder's generated database type: the
 * block the catalog text "schema_table_map_open" opens (`export interface
 * DB {`) maps each table to its row type (`fileTasks: FileTasks;`), and
 * the row type's block (catalog text "schema_table_type_open" before its
 * name) has one field a line, each a column. A table becomes a schema
 * model named as the code names it (`selectFrom('fileTasks')`), its table
 * the same name. The type lives in a source or a declaration file. */
static void orm_read_table_types(struct project_index *ix, const struct project *p)
{
	for (size_t fi = 0; fi < p->n_files; fi++) {
		const struct model *m = p->files[fi].model;

		if (m != NULL && m->src != NULL)
			orm_read_table_text(ix, m->lang, m->src, m->src_len);
	}
	for (size_t k = 0; k < p->n_decl_paths; k++) {
		char *abs = fs_join(p->root, p->decl_paths[k]), *text;
		size_t len = 0;

		text = fs_read_file(abs, 8u << 20, &len);
		free(abs);
		if (text != NULL)
			orm_read_table_text(ix, p->decl_langs[k], text, len);
		free(text);
	}
}

/* The keys set to a whole-value word (catalog "qe_schema_include_whole":
 * `true`) in the object that top-level key `key_list` opens in the
 * arguments text t (`{ where, omit: { textContent: true } }`), added to
 * om->omitted once each. */
static void schema_omitted_keys(struct project_index *ix, enum lang lang, struct orm_model *om,
				const char *t, uint32_t file, uint32_t node)
{
	int depth = 0, top = t[0] == '(' ? 2 : 1, in = -1;

	for (const char *p = t; *p; p++) {
		char key[64], val[16];
		size_t kl = 0, vl = 0;
		const char *v;

		if (*p == '{' || *p == '(' || *p == '[') {
			depth++;
			continue;
		}
		if (*p == '}' || *p == ')' || *p == ']') {
			if (depth-- == in + 1)
				in = -1;
			continue;
		}
		if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '$') ||
		    (p > t && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.')))
			continue;
		while ((isalnum((unsigned char)p[kl]) || p[kl] == '_' || p[kl] == '$') &&
		       kl + 1 < sizeof key) {
			key[kl] = p[kl];
			kl++;
		}
		key[kl] = '\0';
		for (v = p + kl; *v == ' ' || *v == '\t' || *v == '\n'; v++)
			;
		p += kl - 1;
		if (*v != ':')
			continue;
		for (v++; *v == ' ' || *v == '\t' || *v == '\n'; v++)
			;
		if (depth == top && *v == '{' &&
		    catalog_match(catalog_get(lang, "qe_schema_omit_keys"), key)) {
			in = depth;
			continue;
		}
		if (in < 0 || depth != in + 1)
			continue;
		while (isalnum((unsigned char)v[vl]) && vl + 1 < sizeof val) {
			val[vl] = v[vl];
			vl++;
		}
		val[vl] = '\0';
		if (vl == 0 || !catalog_match(catalog_get(lang, "qe_schema_include_whole"), val))
			continue;
		if (om->n_omitted >= 32)
			return;
		om->omitted = xrealloc(om->omitted, (size_t)(om->n_omitted + 1) * sizeof *om->omitted);
		om->omitted_at = xrealloc(om->omitted_at, (size_t)(om->n_omitted + 1) *
					  sizeof *om->omitted_at);
		om->omitted_at[om->n_omitted].file = file;
		om->omitted_at[om->n_omitted].node = node;
		om->omitted[om->n_omitted++] = ix_strndup(ix, key, kl);
	}
}

/* The columns each schema model's many-rows reads leave out by name: a
 * call of the catalog's "qe_schema_many_reads" (`prisma.link.findMany`)
 * on the model's accessor whose arguments hold a "qe_schema_omit_keys"
 * object (`omit: { textContent: true }`). The project's own choice: that
 * column is not for lists. */
static void orm_read_omitted(struct project_index *ix, const struct project *p)
{
	if (ix->n_schema_models == 0)
		return;
	for (size_t fi = 0; fi < p->n_files; fi++) {
		const struct model *m = p->files[fi].model;

		if (m == NULL || catalog_list_empty(catalog_get(m->lang, "qe_schema_omit_keys")) ||
		    (p->files[fi].flags & FILE_TEST))
			continue;
		for (uint32_t i = 1; i < m->n_nodes; i++) {
			const struct node *c = &m->nodes[i];
			const char *callee, *dot, *start;
			char acc[64], args[4096];
			struct orm_model *om = NULL;

			if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
			    (callee = c->u.call->callee) == NULL ||
			    !catalog_match(catalog_get(m->lang, "qe_schema_many_reads"), c->u.call->name) ||
			    (dot = strrchr(callee, '.')) == NULL)
				continue;
			for (start = dot; start > callee && start[-1] != '.'; start--)
				;
			if (start == callee || (size_t)(dot - start) >= sizeof acc)
				continue;
			snprintf(acc, sizeof acc, "%.*s", (int)(dot - start), start);
			for (size_t k = 0; k < ix->n_schema_models; k++)
				if (ix->schema_models[k].table == NULL &&
				    toupper((unsigned char)ix->schema_models[k].name[0]) ==
				    toupper((unsigned char)acc[0]) &&
				    strcmp(ix->schema_models[k].name + 1, acc + 1) == 0)
					om = &ix->schema_models[k];
			if (om == NULL)
				continue;
			span_copy(m, c->u.call->args_text, args, sizeof args);
			schema_omitted_keys(ix, m->lang, om, args, (uint32_t)fi, i);
		}
	}
}

const struct orm_model *index_schema_model(const struct project_index *ix, const char *name)
{
	for (size_t k = 0; ix != NULL && name[0] != '\0' && k < ix->n_schema_models; k++) {
		const char *mn = ix->schema_models[k].name;

		if (toupper((unsigned char)mn[0]) == toupper((unsigned char)name[0]) &&
		    strcmp(mn + 1, name + 1) == 0)
			return &ix->schema_models[k];
	}
	return NULL;
}

void index_orm_build(struct project_index *ix, const struct project *p)
{
	const char **names;
	size_t before, k, n_tables = 0, n_cands = 0, cap_cands = 0;
	struct orm_cand {
		uint32_t file, node;
		int known;
	} *cands = NULL;
	struct orm_name_set known = { NULL, 16 };

	/* every class once; the passes below revisit only these */
	for (size_t fi = 0; fi < p->n_files; fi++) {
		const struct model *m = p->files[fi].model;

		for (uint32_t i = 1; m != NULL && i < m->n_nodes; i++) {
			if (m->nodes[i].kind != NODE_CLASS || m->nodes[i].name == NULL)
				continue;
			XGROW(cands, cap_cands, n_cands + 1);
			cands[n_cands].file = (uint32_t)fi;
			cands[n_cands].node = i;
			cands[n_cands].known = 0;
			n_cands++;
		}
	}
	while (known.cap < 2 * n_cands + 16)
		known.cap *= 2;
	known.slots = xcalloc(known.cap, sizeof *known.slots);
	do {
		before = ix->n_models;
		for (size_t ci = 0; ci < n_cands; ci++) {
			size_t fi = cands[ci].file;
			uint32_t i = cands[ci].node;
			const struct model *m = p->files[fi].model;
			const struct node *cls = &m->nodes[i];
			enum orm_kind kind;
			struct orm_model *om;

			if (cands[ci].known)
				continue;
			kind = orm_classify(ix, m, cls, &known);
			if (kind == ORM_NONE)
				continue;
			cands[ci].known = 1;
			XGROW(ix->models, ix->cap_models, ix->n_models + 1);
			om = &ix->models[ix->n_models++];
			memset(om, 0, sizeof *om);
			om->name = cls->name;
			om->where.file = (uint32_t)fi;
			om->where.node = i;
			om->is_django = kind == ORM_DJANGO;
			orm_set_add(&known, cls->name, kind == ORM_DJANGO);
			if (kind == ORM_DJANGO)
				orm_read_django(ix, m, p->files[fi].path, cls, om);
			else
				orm_read_sqlalchemy(ix, m, cls, om);
		}
	} while (ix->n_models != before);
	free(cands);
	free(known.slots);

	ix->model_name_order = xmalloc((ix->n_models + 1) * sizeof *ix->model_name_order);
	ix->model_table_order = xmalloc((ix->n_models + 1) * sizeof *ix->model_table_order);
	for (k = 0; k < ix->n_models; k++) {
		ix->model_name_order[k] = (uint32_t)k;
		if (ix->models[k].table)
			ix->model_table_order[n_tables++] = (uint32_t)k;
	}
	orm_sort_models = ix->models;
	xqsort(ix->model_name_order, ix->n_models, sizeof(uint32_t), orm_by_name);
	xqsort(ix->model_table_order, n_tables, sizeof(uint32_t), orm_by_table);
	names = xmalloc((ix->n_models + 1) * sizeof *names);
	for (k = 0; k < ix->n_models; k++)
		names[k] = ix->models[ix->model_name_order[k]].name;
	name_map_build(&ix->model_by_name, names, ix->n_models);
	for (k = 0; k < n_tables; k++)
		names[k] = ix->models[ix->model_table_order[k]].table;
	name_map_build(&ix->model_by_table, names, n_tables);
	free(names);
	orm_link_relations(ix, p);
	orm_find_factories(ix, p);
	orm_read_schemas(ix, p);
	orm_read_table_types(ix, p);
	orm_read_omitted(ix, p);
}

/* Orders factory indexes by name. */
static const char **orm_sort_names;
static int orm_by_factory(const void *a, const void *b)
{
	return strcmp(orm_sort_names[*(const uint32_t *)a], orm_sort_names[*(const uint32_t *)b]);
}

/* Records module-level session factories: `X = sessionmaker(...)`,
 * `X = async_sessionmaker(...)`, `X = scoped_session(sessionmaker(...))`. */
static void orm_find_factories(struct project_index *ix, const struct project *p)
{
	const char **names = NULL;
	unsigned char *kinds = NULL;
	size_t n = 0, cap = 0, cap2 = 0, k;
	uint32_t *order;

	for (size_t fi = 0; fi < p->n_files; fi++) {
		const struct model *m = p->files[fi].model;

		if (m == NULL)
			continue;
		for (uint32_t c = m->nodes[0].first_child; c; c = m->nodes[c].next_sibling) {
			const struct node *st = &m->nodes[c];
			const struct node *call;
			char res[256];
			int kind;

			if (st->kind != NODE_ASSIGN || st->name == NULL || (st->flags & NF_TARGET_ATTR) ||
			    (call = orm_first_call(m, st)) == NULL)
				continue;
			model_resolve(m, call->u.call->callee, res, sizeof res);
			if (catalog_match(catalog_get(m->lang, "ix_async_session_factories"), res))
				kind = SESSION_ASYNC;
			else if (catalog_match(catalog_get(m->lang, "ix_session_factories"), res))
				kind = ix_span_match(m, st->value,
						     catalog_get(m->lang, "ix_async_session_values")) ?
				       SESSION_ASYNC : SESSION_SYNC;
			else
				continue;
			XGROW(names, cap, n + 1);
			XGROW(kinds, cap2, n + 1);
			names[n] = st->name;
			kinds[n++] = (unsigned char)kind;
		}
	}
	order = xmalloc((n + 1) * sizeof *order);
	for (k = 0; k < n; k++)
		order[k] = (uint32_t)k;
	orm_sort_names = names;
	xqsort(order, n, sizeof *order, orm_by_factory);
	ix->factory_names = xmalloc((n + 1) * sizeof *ix->factory_names);
	ix->factory_kinds = xmalloc(n + 1);
	for (k = 0; k < n; k++) {
		ix->factory_names[k] = names[order[k]];
		ix->factory_kinds[k] = kinds[order[k]];
	}
	ix->n_factories = n;
	name_map_build(&ix->factory_by_name, ix->factory_names, n);
	free(order);
	free(names);
	free(kinds);
}

enum session_kind index_session_factory(const struct project_index *ix, const char *name)
{
	const struct name_slot *s;

	if (name == NULL)
		return SESSION_NONE;
	if (catalog_match(catalog_get(catalog_common_lang(), "ix_async_session_names"), name))
		return SESSION_ASYNC;
	if (catalog_match(catalog_get(catalog_common_lang(), "ix_sync_session_names"), name))
		return SESSION_SYNC;
	s = ix ? name_map_get(&ix->factory_by_name, name) : NULL;
	if (s == NULL)
		return SESSION_NONE;
	/* the same name defined differently in two files: trust neither */
	for (uint32_t k = 1; k < s->count; k++)
		if (ix->factory_kinds[s->start + k] != ix->factory_kinds[s->start])
			return SESSION_NONE;
	return (enum session_kind)ix->factory_kinds[s->start];
}

void index_orm_free(struct project_index *ix)
{
	free(ix->factory_names);
	free(ix->factory_kinds);
	name_map_free(&ix->factory_by_name);
	for (size_t k = 0; k < ix->n_models; k++) {
		free(ix->models[k].columns);
		free(ix->models[k].rels);
	}
	free(ix->models);
	for (size_t k = 0; k < ix->n_stubs; k++)
		free(ix->stubs[k].rels);
	free(ix->stubs);
	for (size_t k = 0; k < ix->n_schema_models; k++) {
		free(ix->schema_models[k].columns);
		free(ix->schema_models[k].rels);
		free(ix->schema_models[k].omitted);
		free(ix->schema_models[k].omitted_at);
	}
	free(ix->schema_models);
	free(ix->model_name_order);
	free(ix->model_table_order);
	name_map_free(&ix->model_by_name);
	name_map_free(&ix->model_by_table);
}

const struct orm_model *index_model_named(const struct project_index *ix, const char *class_name)
{
	const struct name_slot *s = ix ? name_map_get(&ix->model_by_name, class_name) : NULL;

	return s ? &ix->models[ix->model_name_order[s->start]] : NULL;
}

const struct orm_model *index_model_for_table(const struct project_index *ix, const char *table)
{
	const struct name_slot *s = ix ? name_map_get(&ix->model_by_table, table) : NULL;

	return s ? &ix->models[ix->model_table_order[s->start]] : NULL;
}

size_t index_n_models(const struct project_index *ix)
{
	return ix ? ix->n_models : 0;
}

const struct orm_model *index_model_at(const struct project_index *ix, size_t i)
{
	return ix && i < ix->n_models ? &ix->models[i] : NULL;
}

const struct orm_relationship *index_model_relation(const struct orm_model *om, const char *attr)
{
	if (om == NULL || attr == NULL)
		return NULL;
	for (int i = 0; i < om->n_rels; i++)
		if (strcmp(om->rels[i].attr, attr) == 0)
			return &om->rels[i];
	return NULL;
}

const struct orm_model *index_relation_owner(const struct project_index *ix, const char *class_name)
{
	const struct orm_model *om;

	if (ix == NULL || class_name == NULL)
		return NULL;
	if ((om = index_model_named(ix, class_name)) != NULL)
		return om;
	for (size_t i = 0; i < ix->n_stubs; i++)
		if (strcmp(ix->stubs[i].name, class_name) == 0)
			return &ix->stubs[i];
	return NULL;
}
