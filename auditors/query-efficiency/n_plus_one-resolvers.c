/* ln-651 Query Efficiency: n_plus_one through GraphQL field resolvers.
 *
 * A field resolver (a method decorated as one, catalog list
 * graphql_field_resolvers, in a class whose resolver decorator names its
 * parent type, graphql_resolver_classes) runs once per parent object the
 * GraphQL layer resolves. When the project returns that parent type as a
 * list somewhere (a query or another field resolver declared with a list
 * type, `() => [Team]`, catalog graphql_list_resolvers), a read in the
 * field resolver (direct, or in the service it calls: the function
 * summaries) is one query per item of that list: the loop is the
 * executor's, not the source's.
 *
 * Silent when the resolver batches (a call of graphql_batch_loads, a
 * DataLoader's `load`), when it reads only the parent's own fields (no
 * read), and when its type is never returned as a list. One finding per
 * field resolver, at its first read. */
#include "auditor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit-context.h"
#include "semantic.h"
#include "qe.h"
#include "summary.h"
#include "util/xalloc.h"

struct qr_listed {
	char type[96];
	char where[160];   /* the resolver that returns the list: "Class.method" */
};

struct qr_cache {
	struct qr_listed *types;
	size_t n, cap;
};

static void qr_release(void *state)
{
	free(((struct qr_cache *)state)->types);
}

static const struct audit_cache_def qr_cache_def = {
	.name = "types GraphQL resolvers return as lists", .size = sizeof(struct qr_cache),
	.release = qr_release,
};

static int qr_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$';
}

/* The type a decorator's type argument names: `() => [Card]` gives Card
 * with *list 1; `() => Board`, `of => Board`, `Board` and `() => 'Board'`
 * give Board. 0 when the text names none. */
static int qr_type_arg(const char *text, char *out, size_t size, int *list)
{
	const char *p = strstr(text, "=>");
	size_t n = 0;

	p = p != NULL ? p + 2 : text;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '(')
		p++;
	*list = 0;
	if (*p == '[') {
		*list = 1;
		p++;
		while (*p == ' ')
			p++;
	}
	if (*p == '\'' || *p == '"' || *p == '`')
		p++;
	while (qr_ident_char(p[n]) && n + 1 < size) {
		out[n] = p[n];
		n++;
	}
	out[n] = '\0';
	return n > 0 && !(out[0] >= '0' && out[0] <= '9');
}

/* The decorator call of owner (a CLASS or FUNC node) that list names, or
 * NULL. */
static const struct node *qr_decorator(const struct model *m, const struct node *owner,
				       const char *list)
{
	for (const struct node *k = owner->first_child ? model_node(m, owner->first_child) : NULL;
	     k != NULL; k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		if (k->kind == NODE_CALL && (k->flags & NF_DECORATOR) && k->u.call != NULL &&
		    sem_call_is(m, k, list))
			return k;
	return NULL;
}

/* The type named by decorator d's first positional argument, into out. */
static int qr_decorator_type(const struct model *m, const struct node *d, char *out,
			     size_t size, int *list)
{
	char text[256];

	if (d == NULL || d->u.call->n_args == 0 || d->u.call->args[0].name != NULL)
		return 0;
	span_copy(m, d->u.call->args[0].expr, text, sizeof text);
	return qr_type_arg(text, out, size, list);
}

static const struct qr_listed *qr_find(const struct qr_cache *c, const char *type)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->types[i].type, type) == 0)
			return &c->types[i];
	return NULL;
}

/* Collects the types some query or field resolver of the project returns
 * as a list. */
void qe_resolvers_prepare(const struct audit_input *in)
{
	struct qr_cache *c = audit_context_cache(in->audit, &qr_cache_def);

	for (size_t fi = 0; fi < in->proj->n_files; fi++) {
		const struct model *m = in->proj->files[fi].model;

		if (m == NULL || catalog_list_empty(catalog_get(m->lang, "graphql_list_resolvers")))
			continue;
		for (uint32_t i = 1; i < m->n_nodes; i++) {
			const struct node *fn = &m->nodes[i], *d;
			char type[96];
			int list;

			if (fn->kind != NODE_FUNC || !(fn->flags & NF_METHOD) ||
			    (d = qr_decorator(m, fn, "graphql_list_resolvers")) == NULL ||
			    !qr_decorator_type(m, d, type, sizeof type, &list) || !list ||
			    qr_find(c, type) != NULL)
				continue;
			XGROW(c->types, c->cap, c->n + 1);
			snprintf(c->types[c->n].type, sizeof c->types[0].type, "%s", type);
			snprintf(c->types[c->n].where, sizeof c->types[0].where, "%s",
				 fn->u.func && fn->u.func->qualname ? fn->u.func->qualname :
				 fn->name ? fn->name : "");
			c->n++;
		}
	}
}

/* The first read of field resolver fn (its own calls, the callbacks it
 * passes included), or NULL; NULL too when it batches through a loader. */
static const struct node *qr_first_read(const struct audit_input *in, size_t fi,
					const struct node *fn)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *first = NULL;

	for (const struct node *k = NULL; (k = model_walk(m, fn, k, 1)) != NULL && budget_step(); ) {
		struct qe_read r;
		unsigned facts;

		if (k->kind != NODE_CALL || (k->flags & NF_DECORATOR) || k->u.call == NULL ||
		    k->u.call->name == NULL)
			continue;
		if (sem_call_is(m, k, "graphql_batch_loads"))
			return NULL;
		if (first != NULL)
			continue;
		facts = summary_call_facts(in->sum, fi, k);
		if (qe_read_call(in, m, model_enclosing_func(m, k), k, &r) ||
		    ((facts & SUM_DB_READ) && !(facts & (SUM_DB_WRITE | SUM_MEMOISED))))
			first = k;
	}
	return first;
}

/* Reports the field resolvers of file fi whose parent type is returned as
 * a list and that read the database per parent. */
void qe_field_resolvers(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct qr_cache *c = audit_context_cache(in->audit, &qr_cache_def);

	if (c->n == 0 || catalog_list_empty(catalog_get(m->lang, "graphql_field_resolvers")))
		return;
	for (uint32_t i = 1; i < m->n_nodes; i++) {
		const struct node *cls = &m->nodes[i];
		const struct qr_listed *l;
		char type[96];
		int list;

		if (cls->kind != NODE_CLASS ||
		    !qr_decorator_type(m, qr_decorator(m, cls, "graphql_resolver_classes"), type,
				       sizeof type, &list) ||
		    list || (l = qr_find(c, type)) == NULL)
			continue;
		for (const struct node *fn = cls->first_child ? model_node(m, cls->first_child) : NULL;
		     fn != NULL; fn = fn->next_sibling ? model_node(m, fn->next_sibling) : NULL) {
			const struct node *rd;
			struct finding *f;
			char call[128], text[1024];

			if (fn->kind != NODE_FUNC || fn->name == NULL ||
			    qr_decorator(m, fn, "graphql_field_resolvers") == NULL ||
			    (rd = qr_first_read(in, fi, fn)) == NULL)
				continue;
			f = auditor_emit(in, out, &qe_checks[QE_N_PLUS_ONE], SEV_HIGH, fi, rd);
			if (f == NULL)
				continue;
			sem_call_source(m, rd, call, sizeof call);
			if (db_text(m, "n_plus_one.field_resolver_issue",
				    (const char *const[]){ "call", call, "field", fn->name, "type", type,
							   "list", l->where, NULL },
				    text, sizeof text))
				finding_set_issue(f, "%s", text);
			if (db_text(m, "n_plus_one.field_resolver_fix",
				    (const char *const[]){ "type", type, NULL }, text, sizeof text))
				finding_set_recommendation(f, "%s", text);
			sem_add_line(f, m, fn->line);
		}
	}
}
