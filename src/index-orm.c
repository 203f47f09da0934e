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
#include <stdlib.h>
#include <string.h>

#include "index-private.h"
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

/* True when the comma/space separated bases text has a token equal to tok. */
static int orm_base_token(const char *bases, const char *tok)
{
	size_t n = strlen(tok);
	const char *p = bases;

	while ((p = strstr(p, tok)) != NULL) {
		int left = p == bases || !(isalnum((unsigned char)p[-1]) || p[-1] == '_' ||
					   p[-1] == '.');
		int right = !(isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '.');

		if (left && right)
			return 1;
		p += n;
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
	static const char *const skip[] = {
		"Mapped", "WriteOnlyMapped", "DynamicMapped", "list", "List", "Optional", "Set",
		"set", "Union", "None", "typing", "sa", "orm", "sqlalchemy", NULL,
	};
	const char *p = span_ptr(m, ann), *end = p + ann.len;

	while (p < end) {
		const char *w;
		int k, skipped = 0;

		while (p < end && !(isalpha((unsigned char)*p) || *p == '_'))
			p++;
		for (w = p; p < end && (isalnum((unsigned char)*p) || *p == '_'); p++)
			;
		if (p == w)
			break;
		for (k = 0; skip[k]; k++)
			if (strlen(skip[k]) == (size_t)(p - w) && strncmp(w, skip[k], (size_t)(p - w)) == 0)
				skipped = 1;
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

static size_t orm_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	while (n--) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ull;
	}
	return (size_t)h;
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
	if (strstr(bases, "models.Model"))
		return ORM_DJANGO;
	for (uint32_t c = cls->first_child; c; c = m->nodes[c].next_sibling) {
		const struct node *st = &m->nodes[c];
		const struct node *call;

		if (st->kind != NODE_ASSIGN || st->name == NULL)
			continue;
		if (strcmp(st->name, "__tablename__") == 0 || strcmp(st->name, "__table__") == 0)
			has_table = 1;
		if ((call = orm_first_call(m, st)) && call->u.call->name &&
		    (strcmp(call->u.call->name, "Column") == 0 ||
		     strcmp(call->u.call->name, "mapped_column") == 0))
			has_columns = 1;
		if ((st->flags & NF_ANNOTATED) && span_has(m, orm_annotation(m, st), "Mapped["))
			has_columns = 1;
	}
	if (has_table)
		return ORM_SQLALCHEMY;
	if (orm_base_token(bases, "SQLModel"))
		return strstr(bases, "table=True") ? ORM_SQLALCHEMY : ORM_NONE;
	/* the declarative base itself and abstract mixins have neither a
	 * table nor columns: not models */
	if ((orm_base_token(bases, "Base") || orm_base_token(bases, "DeclarativeBase") ||
	     strstr(bases, "db.Model")) && has_columns)
		return ORM_SQLALCHEMY;
	/* a subclass of a known model (inheritance, abstract bases) */
	switch (orm_bases_name_known(bases, known)) {
	case 1: return ORM_SQLALCHEMY;
	case 2: return ORM_DJANGO;
	default: break;
	}
	/* `class Job(AppBase)` with mapped columns: a project-specific base */
	if (has_columns && strstr(bases, "Base") && !strstr(bases, "BaseModel"))
		return ORM_SQLALCHEMY;
	return ORM_NONE;
}

/* Adds a relationship to model om. */
static void orm_add_rel(struct project_index *ix, struct orm_model *om, const char *attr,
			const char *target, const char *lazy)
{
	om->rels = xrealloc(om->rels, (size_t)(om->n_rels + 1) * sizeof *om->rels);
	om->rels[om->n_rels].attr = attr;
	om->rels[om->n_rels].target = target;
	om->rels[om->n_rels].lazy = lazy;
	om->n_rels++;
	(void)ix;
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

/* Reads the class body of a SQLAlchemy model: table, columns, relationships. */
static void orm_read_sqlalchemy(struct project_index *ix, const struct model *m,
				const struct node *cls, struct orm_model *om)
{
	for (uint32_t c = cls->first_child; c; c = m->nodes[c].next_sibling) {
		const struct node *st = &m->nodes[c];
		const struct node *call;
		const char *cname;
		struct span ann = { 0, 0 };

		if (st->kind != NODE_ASSIGN || st->name == NULL || (st->flags & NF_TARGET_ATTR))
			continue;
		if (strcmp(st->name, "__tablename__") == 0) {
			size_t n = st->value.len;
			const char *s = orm_unquote(span_ptr(m, st->value), &n);

			if (n && s[0] != '(' && memchr(s, '(', n) == NULL)
				om->table = ix_strndup(ix, s, n);
			continue;
		}
		if (strncmp(st->name, "__", 2) == 0)
			continue;
		if (st->flags & NF_ANNOTATED)
			ann = orm_annotation(m, st);
		call = orm_first_call(m, st);
		cname = call && call->u.call->name ? call->u.call->name : "";
		if (strcmp(cname, "relationship") == 0 || strcmp(cname, "Relationship") == 0 ||
		    strcmp(cname, "dynamic_loader") == 0) {
			const char *target = orm_first_positional(ix, m, call);
			const char *lazy = orm_kwarg(ix, m, call, "lazy");

			if (target == NULL && ann.len)
				target = orm_annotation_target(ix, m, ann);
			if (lazy == NULL && ann.len && span_has(m, ann, "WriteOnlyMapped"))
				lazy = "write_only";
			else if (lazy == NULL && ann.len && span_has(m, ann, "DynamicMapped"))
				lazy = "dynamic";
			else if (lazy == NULL && strcmp(cname, "dynamic_loader") == 0)
				lazy = "dynamic";
			orm_add_rel(ix, om, st->name, target, lazy ? lazy : "select");
		} else if (strcmp(cname, "Column") == 0 || strcmp(cname, "mapped_column") == 0 ||
			   (strcmp(cname, "Field") == 0 && (st->flags & NF_ANNOTATED)) ||
			   (ann.len && span_has(m, ann, "Mapped[") && !span_has(m, ann, "ClassVar"))) {
			orm_add_column(om, st->name);
		} else if ((st->flags & NF_ANNOTATED) && span_has(m, cls->u.cls->bases, "SQLModel")) {
			orm_add_column(om, st->name); /* SQLModel: `name: str` is a column */
		}
	}
}

/* Reads the class body of a Django model: fields, relations, Meta.db_table. */
static void orm_read_django(struct project_index *ix, const struct model *m, const char *path,
			    const struct node *cls, struct orm_model *om)
{
	for (uint32_t c = cls->first_child; c; c = m->nodes[c].next_sibling) {
		const struct node *st = &m->nodes[c];
		const struct node *call;
		const char *cname;

		if (st->kind == NODE_CLASS && st->name && strcmp(st->name, "Meta") == 0) {
			for (uint32_t k = st->first_child; k; k = m->nodes[k].next_sibling) {
				const struct node *a = &m->nodes[k];
				size_t n = a->value.len;
				const char *s;

				if (a->kind != NODE_ASSIGN || a->name == NULL ||
				    strcmp(a->name, "db_table") != 0)
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
		if (strcmp(cname, "ForeignKey") == 0 || strcmp(cname, "OneToOneField") == 0) {
			orm_add_column(om, st->name);
			orm_add_rel(ix, om, st->name, orm_first_positional(ix, m, call), "select");
		} else if (strcmp(cname, "ManyToManyField") == 0) {
			orm_add_rel(ix, om, st->name, orm_first_positional(ix, m, call), "select");
		} else if (strlen(cname) > 5 && strcmp(cname + strlen(cname) - 5, "Field") == 0) {
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
	orm_find_factories(ix, p);
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
			if (strstr(res, "async_sessionmaker") || strstr(res, "async_scoped_session"))
				kind = SESSION_ASYNC;
			else if (strstr(res, "sessionmaker") || strstr(res, "scoped_session"))
				kind = span_has(m, st->value, "AsyncSession") ? SESSION_ASYNC : SESSION_SYNC;
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
	if (strcmp(name, "AsyncSession") == 0)
		return SESSION_ASYNC;
	if (strcmp(name, "Session") == 0)
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
