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

#include "catalog.h"
#include "semantic.h"
#include "summary.h"
#include "receiver-types.h"
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

/* The one project definition of the function called by c (in file fi),
 * or NULL. A bare name is looked up by its name; a method call
 * (`s.groups.Update(...)`) only when its target is provable from the
 * declared types of its receiver chain (a struct's method, or the one
 * implementation the project declares of the interface the chain ends
 * in). An interface with two implementations gives
 * no answer (one may serve from memory what the other reads). */
static const struct node *qs_def(const struct audit_input *in, size_t fi, const struct node *c,
				 size_t *file)
{
	const struct func_ref *defs;
	size_t nd = 0;

	if (c->u.call == NULL || c->u.call->name == NULL || strchr(c->u.call->callee, '(') != NULL)
		return NULL;
	if (strchr(c->u.call->callee, '.') != NULL) {
		struct func_ref ref[2];

		if (in->sum == NULL)
			return NULL;
		if (!receiver_go_method(in->proj, summary_classes(in->sum), fi, c, &ref[0]) &&
		    receiver_go_iface_methods(in->proj, summary_classes(in->sum), fi, c, ref, 2) != 1)
			return NULL;
		if (in->proj->files[ref[0].file].model == NULL)
			return NULL;
		*file = ref[0].file;
		return model_node(in->proj->files[ref[0].file].model, ref[0].node);
	}
	defs = index_funcs_named(in->proj->index, c->u.call->name, &nd);
	if (nd != 1 || in->proj->files[defs[0].file].model == NULL)
		return NULL;
	*file = defs[0].file;
	return model_node(in->proj->files[defs[0].file].model, defs[0].node);
}

/* True when text has `<pk>: pname` for a field of the catalog words
 * primary_key_fields (`id: collectionId`). */
static int qs_by_primary_key(const struct model *m, const char *text, const char *pname)
{
	const struct catalog_list *pk = catalog_get(m->lang, "primary_key_fields");
	size_t pn = strlen(pname);
	const char *p;

	if (catalog_list_empty(pk) || pn == 0)
		return 0;
	for (p = strstr(text, pname); p != NULL; p = strstr(p + 1, pname)) {
		const char *q = p, *e;
		char field[32];
		size_t n;

		if ((p > text && sem_ident_char(p[-1])) || sem_ident_char(p[pn]))
			continue;
		while (q > text && q[-1] == ' ')
			q--;
		if (q == text || q[-1] != ':')
			continue;
		for (q--; q > text && q[-1] == ' '; q--)
			;
		for (e = q; q > text && sem_ident_char(q[-1]); q--)
			;
		n = (size_t)(e - q);
		if (n == 0 || n >= sizeof field)
			continue;
		memcpy(field, q, n);
		field[n] = '\0';
		if (catalog_match(pk, field))
			return 1;
	}
	return 0;
}

/* True when local var of g holds parameter pname at line: its last
 * assignment before it is exactly pname (`let currentId = parentId`, the
 * start of a walk up a tree). */
static int qs_alias_of(const struct model *gm, const struct node *g, const char *var,
		       const char *pname, uint32_t line)
{
	const struct node *as = sem_assignment(gm, g, var, line);

	return as != NULL && as->value.len == strlen(pname) &&
	       memcmp(span_ptr(gm, as->value), pname, as->value.len) == 0;
}

/* True when text (a read's arguments at line) names parameter pname of
 * g, itself or through a local that holds it. */
static int qs_names_key(const struct model *gm, const struct node *g, const char *text,
			const char *pname, uint32_t line)
{
	if (sem_mentions(text, pname))
		return 1;
	for (const char *p = text; *p; ) {
		char word[64];
		size_t n = 0;

		if (!sem_ident_char(*p) || (p > text && (sem_ident_char(p[-1]) || p[-1] == '.'))) {
			p++;
			continue;
		}
		while (sem_ident_char(p[n]) && n + 1 < sizeof word) {
			word[n] = p[n];
			n++;
		}
		word[n] = '\0';
		p += n;
		if (n > 0 && !isdigit((unsigned char)word[0]) && qs_alias_of(gm, g, word, pname, line))
			return 1;
	}
	return 0;
}

/* True when the read's arguments (text) name another parameter of g
 * besides pname: a composite key (`{ teamId, userId }`), so two reads by
 * the same pname may well be two different rows. */
static int qs_composite(const struct model *gm, const struct node *g, const char *pname,
			const char *text, uint32_t line)
{
	uint32_t i;

	/* `where: { id: collectionId, OR: [...] }`: the row is the one of
	 * that primary key; the other names only filter it */
	if (qs_by_primary_key(gm, text, pname))
		return 0;
	/* the other names a destructured parameter binds (`{ userId,
	 * collectionId }: Args`) are parameters too */
	for (i = 0; g->u.func != NULL && i < g->u.func->n_params; i++) {
		const char *q = g->u.func->params[i].name, *t;
		char local[64];

		if (q == NULL || q[0] != '{')
			continue;
		for (t = q + 1; *t; ) {
			size_t n = 0;

			while (*t && !sem_ident_char(*t))
				t++;
			while (sem_ident_char(t[n]))
				n++;
			if (n > 0 && n < sizeof local) {
				snprintf(local, sizeof local, "%.*s", (int)n, t);
				if (strcmp(local, pname) != 0 && sem_mentions(text, local))
					return 1;
			}
			t += n;
		}
	}
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
		if (qs_alias_of(gm, g, word, pname, line))
			continue;   /* the same key under another name */
		if (sem_assignment(gm, g, word, line) != NULL)
			return 1;
	}
	return 0;
}

/* True when read k rebinds the parameter it reads by, inside a try:
 * `try: obj = model_cls.objects.get(pk=obj.pk) except ...: return None`.
 * The helper re-reads the row it was handed on purpose, to learn whether
 * it still exists (and to see it fresh); that second look is its job,
 * not a load its caller could have passed on. */
static int qs_existence_recheck(const struct model *gm, const struct node *g,
				const struct node *k, const char *pname)
{
	const struct node *st = model_node(gm, k->parent), *x;

	if (st->kind != NODE_ASSIGN || st->name == NULL || strcmp(st->name, pname) != 0)
		return 0;
	for (x = model_node(gm, st->parent); x != g && x->parent != 0; x = model_node(gm, x->parent)) {
		if (x->kind == NODE_EXCEPT || x->kind == NODE_FINALLY || x->kind == NODE_ELSE)
			return 0;
		if (x->kind == NODE_TRY)
			return 1;
	}
	return 0;
}

/* The arguments of the filtering links of chain c (`Where("id = ?", id)`
 * in `tx.WithContext(ctx).Where("id = ?", id).First(&g)`, the links the
 * catalog words "qe_chain_filter_links" name), appended to buf after what
 * it holds: the key a chained read filters by sits in a link before the
 * last call, whose arguments are only the destination. The chain is read
 * from the source, across lines. */
static void qs_chain_filters(const struct model *m, const struct node *c, char *buf, size_t size)
{
	const struct catalog_list *links = catalog_get(m->lang, "qe_chain_filter_links");
	size_t j = strlen(buf);
	int depth = 0, keep = 0;
	char word[64];
	size_t wn = 0;

	if (catalog_list_empty(links))
		return;
	for (uint32_t l = c->line; l <= c->end_line && j + 2 < size; l++) {
		size_t len = 0, i = l == c->line ? c->col : 0;
		const char *t = model_line(m, l, &len);

		if (t == NULL || i >= len)
			continue;
		for (; i < len && j + 2 < size; i++) {
			char ch = t[i];

			if (depth == 0) {
				if (sem_ident_char(ch)) {
					if (wn + 1 < sizeof word)
						word[wn++] = ch;
					continue;
				}
				if (ch == '(') {
					word[wn] = '\0';
					keep = wn > 0 && catalog_match(links, word);
					depth = 1;
					if (keep)
						buf[j++] = ' ';
				}
				wn = 0;
				continue;
			}
			if (ch == '(' || ch == '[' || ch == '{')
				depth++;
			else if ((ch == ')' || ch == ']' || ch == '}') && --depth == 0) {
				keep = 0;
				continue;
			}
			if (keep)
				buf[j++] = ch;
		}
	}
	buf[j] = '\0';
}

/* A chained read that fills a local through its address (`First(&team)`)
 * reads the rows of that local's declared type (`model.Team`): its name,
 * the last segment without pointer or slice marks, becomes r's model in
 * place of the session the chain starts from. */
static void qs_dest_model(const struct model *m, const struct node *g, const struct node *k,
			  struct qe_read *r)
{
	char arg[64], type[96];
	const char *t;
	/* the innermost function declares the local: a read inside a closure
	 * (`QueryWithCache(func() (user User, err error) { ...First(&user) })`)
	 * fills the closure's named result, not one of g's */
	const struct node *fn = model_enclosing_func(m, k);

	if (fn == NULL)
		fn = g;
	if (k->u.call->n_args == 0 || k->u.call->args[0].name != NULL ||
	    span_copy(m, k->u.call->args[0].expr, arg, sizeof arg)[0] != '&' ||
	    !sem_ident_char(arg[1]) ||
	    receiver_go_local_decl_type(m, fn, k, arg + 1, type, sizeof type) == NULL)
		return;
	t = strrchr(type, '.') ? strrchr(type, '.') + 1 : type;
	while (*t == '*' || *t == '[' || *t == ']')
		t++;
	if (*t != '\0')
		snprintf(r->model, sizeof r->model, "%.63s", t);
}

/* Adds to l the models g (in file gfi) loads one row of by its parameter
 * pname, directly or through the helpers it hands pname to. */
static void qs_loads_by(const struct audit_input *in, size_t gfi, const struct node *g,
			const char *pname, int depth, int fresh_only, struct qs_loads *l)
{
	const struct model *gm = in->proj->files[gfi].model;
	const struct node *k;

	for (k = NULL; (k = model_walk(gm, g, k, 1)) && budget_step(); ) {
		struct qe_read r;
		const struct node *h;
		size_t hfi;
		uint32_t ai;
		char text[1024];

		if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->callee == NULL)
			continue;
		span_copy(gm, k->u.call->args_text, text, sizeof text);
		if (strchr(k->u.call->callee, '(') != NULL) {
			/* the destination a chained read fills (`First(&team)`)
			 * is no part of its key */
			if (text[0] == '&')
				for (size_t t = 0; text[t] == '&' || sem_ident_char(text[t]); t++)
					text[t] = ' ';
			qs_chain_filters(gm, k, text, sizeof text);
		}
		if (!qs_names_key(gm, g, text, pname, k->line))
			continue;
		/* a read that names its model; a project helper read by its
		 * name alone (`getWebsite(id)`) is followed instead */
		if (qe_read_call(in, gm, g, k, &r) && r.model[0] != '\0') {
			qs_dest_model(gm, g, k, &r);
			if (r.single && !r.repo && !qs_composite(gm, g, pname, text, k->line) &&
			    !qs_existence_recheck(gm, g, k, pname) &&
			    (!fresh_only ||
			     catalog_match_call(catalog_get(gm->lang, "reads_without_identity_map"),
						gm, k)))
				qs_add(l, r.model, gfi, k->line);
			continue;
		}
		if (depth == 0 || (h = qs_def(in, gfi, k, &hfi)) == NULL || h == g)
			continue;
		for (ai = 0; ai < k->u.call->n_args; ai++) {
			const struct param *q;

			if (!sem_mentions(span_copy(gm, k->u.call->args[ai].expr, text, sizeof text),
					  pname) ||
			    (q = qf_param_for(gm, k, ai, h)) == NULL || q->name == NULL)
				continue;
			if (q->name[0] == '{')
				continue;   /* a pattern: its fields are not followed deeper */
			qs_loads_by(in, hfi, h, q->name, depth - 1, fresh_only, l);
		}
	}
}

/* The argument of c that is exactly a plain or dotted name (`id`,
 * `input.parentId`), and its index; NULL. */
static const char *qs_key_arg(const struct model *m, const struct node *c, uint32_t from,
			      uint32_t *ai, char *buf, size_t size)
{
	uint32_t i;

	for (i = from; i < c->u.call->n_args; i++) {
		const char *s = span_copy(m, c->u.call->args[i].expr, buf, size);
		size_t j;

		if (c->u.call->args[i].name != NULL || s[0] == '\0' || isdigit((unsigned char)s[0]))
			continue;
		for (j = 0; s[j] && (isalnum((unsigned char)s[j]) || s[j] == '_' ||
				     (s[j] == '.' && j > 0 && s[j + 1] != '\0')); j++)
			;
		if (s[j] == '\0' && strchr(s, '(') == NULL) {
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
		     up->kind == NODE_TRY || up->kind == NODE_EXCEPT || up->kind == NODE_FUNC ||
		     up->kind == NODE_CASE) &&
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
	struct qs_loads l;      /* what it loads by the key */
	struct qs_loads fresh;  /* the same, reads that query every time */
	int direct;             /* c is the function's own load of the row `key`
				 * names the id of (`board = await
				 * prisma.board.findUnique(...)`, key "board.id") */
};

enum { QS_SITES = 24 };

/* The local name pattern pat (`{ userId, boardId: id }`) binds field key
 * to, into buf ("boardId", or "id" for the renamed one); NULL. */
static const char *qs_pattern_local(const char *pat, const char *key, char *buf, size_t size)
{
	size_t kn = strlen(key);
	const char *p;

	for (p = strstr(pat, key); p != NULL; p = strstr(p + 1, key)) {
		const char *q = p + kn;
		size_t n = 0;

		if ((p > pat && (sem_ident_char(p[-1]) || p[-1] == '.')) || sem_ident_char(*q))
			continue;
		while (*q == ' ')
			q++;
		if (*q == ',' || *q == '}' || *q == '\0') {
			snprintf(buf, size, "%s", key);
			return buf;
		}
		if (*q != ':')
			continue;
		for (q++; *q == ' '; q++)
			;
		while (sem_ident_char(q[n]))
			n++;
		if (n == 0 || n >= size)
			return NULL;
		snprintf(buf, size, "%.*s", (int)n, q);
		return buf;
	}
	return NULL;
}

/* Adds a site to sites (at *ns) for the call c of helper g (file gfi)
 * handing key to g's parameter pname; nothing when g loads nothing by it. */
static void qs_add_site(const struct audit_input *in, struct qs_site *sites, int *ns,
			const struct node *c, size_t gfi, const struct node *g, const char *key,
			const char *pname)
{
	struct qs_site *st = &sites[*ns];

	if (*ns >= QS_SITES)
		return;
	memset(st, 0, sizeof *st);
	qs_loads_by(in, gfi, g, pname, QS_DEPTH, 0, &st->l);
	if (st->l.n == 0)
		return;
	qs_loads_by(in, gfi, g, pname, QS_DEPTH, 1, &st->fresh);
	st->c = c;
	snprintf(st->key, sizeof st->key, "%.63s", key);
	(*ns)++;
}

/* The sites of an object literal argument `{ userId, boardId: board.id }`
 * handed to a parameter that destructures it (`{ userId, boardId }:
 * Args`): one per field whose value is a plain or dotted name. */
static void qs_object_sites(const struct audit_input *in, const struct model *m,
			    struct qs_site *sites, int *ns, const struct node *c, size_t gfi,
			    const struct node *g)
{
	for (uint32_t ai = 0; ai < c->u.call->n_args && *ns < QS_SITES; ai++) {
		const struct param *p;
		char text[512], local[64];
		const char *t;

		if (c->u.call->args[ai].name != NULL ||
		    span_copy(m, c->u.call->args[ai].expr, text, sizeof text)[0] != '{' ||
		    (p = qf_param_for(m, c, ai, g)) == NULL || p->name == NULL || p->name[0] != '{')
			continue;
		for (t = text + 1; *t && *t != '}'; ) {
			char field[64], val[64];
			size_t n = 0, v = 0;

			while (*t == ' ' || *t == ',' || *t == '\n' || *t == '\t' || *t == '\r')
				t++;
			while (sem_ident_char(t[n]) && n + 1 < sizeof field) {
				field[n] = t[n];
				n++;
			}
			field[n] = '\0';
			if (n == 0)
				break;
			t += n;
			while (*t == ' ')
				t++;
			if (*t == ':') {
				for (t++; *t == ' '; t++)
					;
				while ((sem_ident_char(t[v]) || (t[v] == '.' && v > 0)) &&
				       v + 1 < sizeof val) {
					val[v] = t[v];
					v++;
				}
				val[v] = '\0';
				t += v;
			} else {
				snprintf(val, sizeof val, "%s", field);
				v = n;
			}
			/* a value that is more than a name (`a.b()`, `x ?? y`) */
			while (*t == ' ')
				t++;
			if (*t != ',' && *t != '}' && *t != '\n' && *t != '\0') {
				while (*t && *t != ',' && *t != '}')
					t++;
				continue;
			}
			if (v > 0 && val[v - 1] != '.' &&
			    qs_pattern_local(p->name, field, local, sizeof local) != NULL)
				qs_add_site(in, sites, ns, c, gfi, g, val, local);
		}
	}
}

/* The function's own load c of one row of schema model `model` into
 * name, with relations included (`include: { collection: true }`, the
 * catalog words "schema_include_keys"): one more direct site per included
 * to-one relation whose key column the schema names, keyed by that column
 * (`link.collectionId`) and loading the related model. The related row is
 * already in memory; a helper that loads it again by the key repeats the
 * query. */
static void qs_included_sites(const struct audit_input *in, const struct model *m,
			      struct qs_site *sites, int *ns, const struct node *c,
			      const char *name, const char *model, size_t fi)
{
	const struct orm_model *om = index_schema_model(in->proj->index, model);
	char text[1024];
	int depth = 0, in_include = 0, top;

	if (om == NULL || om->n_rels == 0)
		return;
	span_copy(m, c->u.call->args_text, text, sizeof text);
	/* the arguments' object, with or without the call's parentheses */
	top = text[0] == '(' ? 2 : 1;
	for (const char *p = text; *p && *ns < QS_SITES; p++) {
		char key[64];
		size_t n = 0;

		if (*p == '{' || *p == '(' || *p == '[') {
			depth++;
			continue;
		}
		if (*p == '}' || *p == ')' || *p == ']') {
			if (--depth <= top)
				in_include = 0;
			continue;
		}
		if (!sem_ident_char(*p) || (p > text && sem_ident_char(p[-1])))
			continue;
		while (sem_ident_char(p[n]) && n + 1 < sizeof key) {
			key[n] = p[n];
			n++;
		}
		key[n] = '\0';
		if (p[n] == ':' && depth == top)
			in_include = catalog_match(catalog_get(m->lang, "schema_include_keys"), key);
		else if (p[n] == ':' && depth == top + 1 && in_include)
			for (int k = 0; k < om->n_rels; k++) {
				const struct orm_relationship *rel = &om->rels[k];
				struct qs_site *st = &sites[*ns];

				if (strcmp(rel->attr, key) != 0 || rel->fk_attr == NULL ||
				    rel->target == NULL || (rel->flags & ORM_REL_COLLECTION) ||
				    strlen(name) + strlen(rel->fk_attr) + 2 > sizeof st->key)
					continue;
				memset(st, 0, sizeof *st);
				st->c = c;
				st->direct = 1;
				snprintf(st->key, sizeof st->key, "%s.%s", name, rel->fk_attr);
				qs_add(&st->l, rel->target, fi, c->line);
				(*ns)++;
				break;
			}
		p += n - 1;
	}
}

void qf_sibling_reloads(const struct audit_input *in, size_t fi, struct finding_sink *out,
			const unsigned char *reported)
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
			const struct node *g, *a;
			const struct param *p;
			size_t gfi;
			uint32_t ai = 0;
			char key[64];
			struct qe_read r;

			if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->callee == NULL)
				continue;
			/* the function's own load of one row: `x = await ...` */
			if (c->parent != 0 && (a = model_node(m, c->parent))->kind == NODE_ASSIGN &&
			    qf_load(in, m, fn, a, &r) == c && r.model[0] != '\0' && !r.repo &&
			    strlen(a->name) + 4 < sizeof key) {
				memset(&sites[ns], 0, sizeof sites[ns]);
				sites[ns].c = c;
				sites[ns].direct = 1;
				snprintf(sites[ns].key, sizeof sites[ns].key, "%s.id", a->name);
				qs_add(&sites[ns].l, r.model, fi, c->line);
				ns++;
				qs_included_sites(in, m, sites, &ns, c, a->name, r.model, fi);
				continue;
			}
			if ((g = qs_def(in, fi, c, &gfi)) == NULL || g == fn)
				continue;
			for (uint32_t from = 0; ns < QS_SITES &&
			     qs_key_arg(m, c, from, &ai, key, sizeof key) != NULL; from = ai + 1) {
				if ((p = qf_param_for(m, c, ai, g)) == NULL || p->name == NULL ||
				    p->name[0] == '{')
					continue;
				qs_add_site(in, sites, &ns, c, gfi, g, key, p->name);
			}
			qs_object_sites(in, m, sites, &ns, c, gfi, g);
		}
		/* one finding per function: the first call that loads again */
		for (j = 1; j < ns; j++)
			for (i = 0; i < j; i++) {
				const struct qs_site *a = &sites[i], *b = &sites[j];
				/* after the function's own load, only reads that
				 * query again count (not an identity map's hit) */
				const struct qs_loads *bl = a->direct ? &b->fresh : &b->l;
				int x, y, hit = -1, hb = -1;
				char ca[128], cb[128], desc[160];
				struct finding *f;

				if (a->c == b->c || b->direct || strcmp(a->key, b->key) != 0 ||
				    (reported != NULL && reported[node_index(m, b->c)]) ||
				    !qs_then(m, fn, a->c, b->c))
					continue;
				/* a write between the two: the second load reads
				 * what the first one's row no longer shows */
				if (!a->direct && qf_writes_between(in, fi, fn, a->c->end_line, b->c->line))
					continue;
				/* the key's name bound anew in between: another row */
				{
					char root[64];

					snprintf(root, sizeof root, "%.*s", (int)strcspn(a->key, "."),
						 a->key);
					if (!a->direct &&
					    qf_reassigned(m, fn, root, a->c->end_line, b->c->line))
						continue;
				}
				for (x = 0; hit < 0 && x < a->l.n; x++)
					for (y = 0; hit < 0 && y < bl->n; y++)
						if (strcasecmp(a->l.model[x], bl->model[y]) == 0) {
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
				if (a->direct) {
					finding_set_issue(f, "%s loads the `%s` row with `%s` (line %u), "
							  "then passes only `%s` to `%s`, which loads the "
							  "same row again (%s:%u): one redundant query per "
							  "call", desc, a->l.model[hit], ca, a->c->line,
							  a->key, cb, in->proj->files[bl->file[hb]].path,
							  bl->line[hb]);
					finding_set_recommendation(f, "Hand the loaded row to `%s()` "
								   "(let it take the object, or the "
								   "fields it needs) instead of `%s`.",
								   b->c->u.call->name, a->key);
				} else {
					finding_set_issue(f, "%s passes `%s` to `%s` (line %u), which "
							  "loads the `%s` row by it (%s:%u), and then to "
							  "`%s`, which loads the same row again (%s:%u): "
							  "one redundant query per call",
							  desc, a->key, ca, a->c->line, a->l.model[hit],
							  in->proj->files[a->l.file[hit]].path,
							  a->l.line[hit], cb,
							  in->proj->files[bl->file[hb]].path, bl->line[hb]);
					finding_set_recommendation(f, "Load the `%s` once and hand the "
								   "row on: let `%s()` take (or "
								   "return) the loaded object instead "
								   "of `%s`, or check the permission on "
								   "the row the handler loads.",
								   a->l.model[hit], a->c->u.call->name,
								   a->key);
				}
				sem_add_line(f, m, a->c->line);
				break;
			}
	}
}
