/* n_plus_one (ln-651): a read per row of another read or of a growing
 * parameter list; lazy relationships are in n_plus_one-lazy.c. */
#include "auditor.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "semantic.h"
#include "lang/lang.h"
#include "db-ops.h"
#include "qe.h"
#include "summary.h"
#include "dispatch.h"
#include "receiver-types.h"

/* True for characters that continue an identifier. */
static int qe_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* True when the loop stops after its first item: an unconditional
 * break/return/raise directly in its body, or one under `if found:`
 * right in the body where found is a plain name the body assigned (the
 * row it just looked up: `b = get(i)` .. `if b: ... return`): the loop
 * ends at the first item that exists, one lookup when the ids are
 * valid. */
static int qe_loop_stops_at_first(const struct model *m, const struct node *loop)
{
	const struct node *k;

	for (k = loop->first_child ? model_node(m, loop->first_child) : NULL;
	     k != NULL && budget_step();
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
		if (k->kind == NODE_RETURN || k->kind == NODE_RAISE)
			return 1;
		if (k->kind == NODE_BREAK)
			return 1;
		if (k->kind == NODE_IF && !(k->flags & NF_ELIF) && k->value.len > 0 &&
		    k->value.len < 64) {
			char cond[64];
			size_t n = 0;
			int assigned = 0;

			span_copy(m, k->value, cond, sizeof cond);
			while (qe_ident_char(cond[n]))
				n++;
			if (n == 0 || cond[n] != '\0')
				continue;
			for (const struct node *a = loop->first_child ? model_node(m, loop->first_child) : NULL;
			     a != NULL && a != k;
			     a = a->next_sibling ? model_node(m, a->next_sibling) : NULL)
				assigned |= a->kind == NODE_ASSIGN && a->name != NULL &&
					    strcmp(a->name, cond) == 0;
			if (!assigned)
				continue;
			for (const struct node *b = k->first_child ? model_node(m, k->first_child) : NULL;
			     b != NULL && budget_step();
			     b = b->next_sibling ? model_node(m, b->next_sibling) : NULL)
				if (b->kind == NODE_RETURN || b->kind == NODE_BREAK)
					return 1;
		}
	}
	return 0;
}

/* True when the loop's iterable is a parameter holding a collection that
 * grows with the data: `job_ids: list[int]`, `body.user_ids`. */
static int qe_loop_over_param_list(const struct model *m, const struct node *fn,
				   const char *iter)
{
	char root[128];
	size_t n = 0;
	const struct param *pa = NULL;

	while (qe_ident_char(iter[n]) && n + 1 < sizeof root) {
		root[n] = iter[n];
		n++;
	}
	root[n] = '\0';
	if (n == 0 || fn == NULL || fn->u.func == NULL)
		return 0;
	for (uint32_t i = 0; i < fn->u.func->n_params; i++)
		if (strcmp(fn->u.func->params[i].name, root) == 0)
			pa = &fn->u.func->params[i];
	/* a closure's loop over a list it captured from the function around
	 * it (`withTx(ctx, func(tx *sqlx.Tx) error { for _, b := range
	 * items ...})`): that function's parameter, unless the closure binds
	 * the name itself */
	if (pa == NULL && (fn->flags & NF_LAMBDA) && sem_assignment(m, fn, root, 0) == NULL)
		return qe_loop_over_param_list(m, model_enclosing_func(m, fn), iter);
	if (pa == NULL)
		return 0;
	if (qe_word(m, "qe_id_list_names", iter))
		return 1;
	/* a list field of a request message (catalog words
	 * request_param_types): `range req.Names` */
	if (iter[n] == '.' && qe_ident_char(iter[n + 1]) && strpbrk(iter + n + 1, ".([") == NULL &&
	    pa->annotation.len) {
		char type[128];
		const char *t = span_copy(m, pa->annotation, type, sizeof type);

		while (*t == '*' || *t == '&')
			t++;
		if (catalog_match(catalog_get(m->lang, "request_param_types"), t))
			return 1;
	}
	if (iter[n] != '\0')
		return 0;
	/* a slice type, `ids []int64`, or the rest of the arguments
	 * (`items ...Item`, `*ids`) */
	if ((pa->annotation.len && span_starts(m, pa->annotation, "[]")) || pa->star == 1)
		return 1;
	/* list[int], Sequence[str], set[UUID], tuple[int, ...] */
	return pa->annotation.len && qe_span_word(m, "qe_collection_types", pa->annotation);
}

/* True when iter is a local of fn built, before line `before`, from a
 * parameter list (qe_loop_over_param_list) over one or more statements:
 * `by_id = {e["id"]: e for e in bulk_data}` then `ids = by_id.keys()`
 * for `bulk_data: list`. A value that picks fixed items (`xs[0]`,
 * `xs[:3]`) is bounded and not followed, nor is a field of a parameter
 * (`len(cfg.Admins)`): the parameter itself must be the list. */
static int qe_derived_param_list(const struct model *m, const struct node *fn, const char *iter,
				 uint32_t before, int depth)
{
	const struct catalog_list *keywords = catalog_get(m->lang, "qe_value_keywords");
	const struct node *as;
	char val[512];
	const char *p;
	size_t n = strlen(iter);

	if (depth > 3 || n == 0 || n > 100 || strpbrk(iter, ".([ ") != NULL || fn == NULL ||
	    (as = sem_assignment(m, fn, iter, before)) == NULL || as->value.len == 0)
		return 0;
	span_copy(m, as->value, val, sizeof val);
	for (p = val; *p; p++)
		if (*p == '[' && (isdigit((unsigned char)p[1]) || p[1] == ':' || p[1] == '-'))
			return 0;
	char word[128];

	for (p = val; (p = qe_next_name(val, p, word, sizeof word)) != NULL; ) {
		if (isdigit((unsigned char)word[0]) || catalog_match(keywords, word) ||
		    strcmp(word, iter) == 0)
			continue;
		/* a keyword argument's name (`f(provider_ids=[p.id])`) */
		{
			const char *q = p;

			while (*q == ' ')
				q++;
			if (*q == '=' && q[1] != '=')
				continue;
		}
		/* the list itself, not a field of a parameter (`cfg.Admins`
		 * of `cfg settings`) */
		if ((*p != '.' && qe_loop_over_param_list(m, fn, word)) ||
		    qe_derived_param_list(m, fn, word, as->line, depth + 1))
			return 1;
	}
	return 0;
}

/* True when a loop walks a list decoded from the request body (catalog
 * list request_decoders): `for _, e := range in.Emails` or `for n :=
 * range num` with `num := len(in.IDs)`, after `c.Bind(&in)` or
 * `json.NewDecoder(r.Body).Decode(&in)` in fn: input that grows with the
 * caller. */
static int qe_loop_over_decoded_input(const struct model *m, const struct node *fn,
				      const char *iter, uint32_t before)
{
	char coll[256], root[128], want[130];
	size_t n = 0, ll = 0;

	if (catalog_list_empty(catalog_get(m->lang, "request_decoders")) || fn == NULL)
		return 0;
	snprintf(coll, sizeof coll, "%.255s", iter);
	/* a count: `range num` after `num := len(in.IDs)` */
	for (const struct node *a = NULL; strchr(coll, '.') == NULL &&
	     (a = model_walk(m, fn, a, 0)) != NULL && budget_step(); )
		if (a->kind == NODE_ASSIGN && a->line < before && a->name != NULL &&
		    strcmp(a->name, coll) == 0 && a->value.len > 5 &&
		    qe_span_word(m, "qe_len_calls", a->value)) {
			span_copy(m, a->value, coll, sizeof coll);
			break;
		}
	if (qe_find(m, "qe_len_calls", coll, &ll) == coll) {
		memmove(coll, coll + ll, strlen(coll + ll) + 1);
		coll[strcspn(coll, ")")] = '\0';
	}
	while (qe_ident_char(coll[n]) && n + 1 < sizeof root) {
		root[n] = coll[n];
		n++;
	}
	root[n] = '\0';
	/* the decoded value itself (`Decode(&items)`, `range items`) or
	 * one of its fields */
	if (n == 0 || (coll[n] != '.' && coll[n] != '\0'))
		return 0;
	snprintf(want, sizeof want, "&%s", root);
	for (const struct node *k = NULL; (k = model_walk(m, fn, k, 0)) != NULL && budget_step(); ) {
		char arg[130];

		if (k->kind != NODE_CALL || k->line >= before || k->u.call == NULL ||
		    !catalog_match_call(catalog_get(m->lang, "request_decoders"), m, k))
			continue;
		for (uint32_t i = 0; i < k->u.call->n_args; i++)
			if (k->u.call->args[i].name == NULL &&
			    strcmp(span_copy(m, k->u.call->args[i].expr, arg, sizeof arg), want) == 0)
				return 1;
	}
	return 0;
}

/* The last assignment in fn before line `before` whose first target is
 * var: `items, err := parse(r)` as well as `items = parse(r)`. */
static const struct node *qe_first_target_assignment(const struct model *m, const struct node *fn,
						     const char *var, uint32_t before)
{
	const struct node *found = NULL;
	size_t n = strlen(var);

	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)) != NULL && budget_step(); ) {
		if (x->kind != NODE_ASSIGN || x->name == NULL || (x->flags & NF_TARGET_ATTR) ||
		    x->line >= before)
			continue;
		if (strncmp(x->name, var, n) == 0 &&
		    (x->name[n] == '\0' || x->name[n] == ',' || x->name[n] == ' '))
			found = x;
	}
	return found;
}

/* True when the function ref names returns, as its first result, what a
 * request decoder filled (`dec.Decode(&items); return items, nil`), or
 * what a project function of that kind returned to it (`items, err :=
 * tryParseBulk(r); return items, err`), up to two calls down. */
static int qe_returns_decoded(const struct audit_input *in, const struct func_ref *ref, int depth)
{
	const struct model *dm;
	const struct node *d;

	if (ref->file >= in->proj->n_files || (dm = in->proj->files[ref->file].model) == NULL)
		return 0;
	d = &dm->nodes[ref->node];
	for (const struct node *r = NULL; (r = model_walk(dm, d, r, 0)) != NULL && budget_step(); ) {
		char val[256], want[130];
		const struct node *as;
		size_t n = 0;

		if (r->kind != NODE_RETURN || r->value.len == 0)
			continue;
		span_copy(dm, r->value, val, sizeof val);
		while (qe_ident_char(val[n]) && n + 1 < sizeof want - 1)
			n++;
		if (n == 0 || (val[n] != ',' && val[n] != '\0'))
			continue;
		val[n] = '\0';
		snprintf(want, sizeof want, "&%.120s", val);
		for (const struct node *k = NULL; (k = model_walk(dm, d, k, 0)) != NULL && budget_step(); ) {
			char arg[130];

			if (k->kind != NODE_CALL || k->line >= r->line || k->u.call == NULL ||
			    !catalog_match_call(catalog_get(dm->lang, "request_decoders"), dm, k))
				continue;
			for (uint32_t i = 0; i < k->u.call->n_args; i++)
				if (k->u.call->args[i].name == NULL &&
				    strcmp(span_copy(dm, k->u.call->args[i].expr, arg, sizeof arg), want) == 0)
					return 1;
		}
		if (depth < 2 && (as = qe_first_target_assignment(dm, d, val, r->line)) != NULL) {
			const struct node *c = sem_first_call(dm, as);
			struct func_ref sub;

			if (c != NULL && summary_call_target(in->sum, ref->file, c, &sub) &&
			    qe_returns_decoded(in, &sub, depth + 1))
				return 1;
		}
	}
	return 0;
}

/* True when the loop walks what a project function decoded from the
 * request (qe_returns_decoded): `hbs, err := ParseHeartbeats(r)`, then
 * `for _, hb := range hbs`. Input that grows with the caller, like a
 * body decoded in fn itself. */
static int qe_loop_over_helper_decoded(const struct audit_input *in, const struct model *m,
				       const struct node *fn, const char *iter, uint32_t before)
{
	const struct node *as, *c;
	struct func_ref ref;
	size_t fi, n = 0;

	if (in->sum == NULL || catalog_list_empty(catalog_get(m->lang, "request_decoders")))
		return 0;
	while (qe_ident_char(iter[n]))
		n++;
	if (n == 0 || iter[n] != '\0' || (as = qe_first_target_assignment(m, fn, iter, before)) == NULL ||
	    (c = sem_first_call(m, as)) == NULL)
		return 0;
	for (fi = 0; fi < in->proj->n_files && in->proj->files[fi].model != m; fi++)
		;
	return fi < in->proj->n_files && summary_call_target(in->sum, fi, c, &ref) &&
	       qe_returns_decoded(in, &ref, 0);
}

/* True when the request value held in expression text (of fn, before
 * line `before`) is sent by the caller: a read of a request parameter
 * (catalog qe_request_value_readers) on a parameter of fn
 * (`c.Query("ids")`, `r.URL.Query().Get("ids")`), or a field of a value a
 * request decoder filled (`c.Bind(&p)`, `p.IDs`), or one a helper filled
 * from fn's request (`parseParams(c, &p)`, handed the request and the
 * pointer). */
/* True when name is a parameter of fn whose declared type is a request
 * or a framework's request context (catalog qe_request_param_types). */
static int qe_request_param(const struct model *m, const struct node *fn, const char *name)
{
	const struct param *pa = sem_param(fn, name);

	return pa != NULL && pa->annotation.len > 0 &&
	       index_type_matches(m, pa->annotation, "qe_request_param_types");
}

static int qe_request_value(const struct model *m, const struct node *fn, const char *text,
			    uint32_t before)
{
	char root[128], want[130];
	size_t n = 0;

	while (qe_ident_char(text[n]) && n + 1 < sizeof root) {
		root[n] = text[n];
		n++;
	}
	root[n] = '\0';
	if (n == 0 || text[n] != '.')
		return 0;
	if (sem_param(fn, root) != NULL) {
		if (!qe_request_param(m, fn, root))
			return 0;
		/* the value is the call itself, or a call chained on it
		 * (`r.URL.Query().Get("ids")`) */
		for (const struct node *k = NULL; (k = model_walk(m, fn, k, 0)) != NULL && budget_step(); ) {
			size_t cl;

			if (k->kind != NODE_CALL || k->line > before || k->u.call == NULL ||
			    k->u.call->callee == NULL)
				continue;
			cl = strlen(k->u.call->callee);
			if (strncmp(k->u.call->callee, text, cl) == 0 && text[cl] == '(' &&
			    sem_call_is(m, k, "qe_request_value_readers"))
				return 1;
		}
		return 0;
	}
	if (qe_loop_over_decoded_input(m, fn, text, before))
		return 1;
	snprintf(want, sizeof want, "&%s", root);
	for (const struct node *k = NULL; (k = model_walk(m, fn, k, 0)) != NULL && budget_step(); ) {
		int ptr = 0, req = 0;

		if (k->kind != NODE_CALL || k->line >= before || k->u.call == NULL)
			continue;
		for (uint32_t i = 0; i < k->u.call->n_args; i++) {
			char arg[130];

			if (k->u.call->args[i].name != NULL)
				continue;
			span_copy(m, k->u.call->args[i].expr, arg, sizeof arg);
			if (strcmp(arg, want) == 0)
				ptr = 1;
			else if (qe_request_param(m, fn, arg))
				req = 1;
		}
		if (ptr && req)
			return 1;
	}
	return 0;
}

/* True when iter holds the pieces of one request value split apart
 * (catalog qe_value_split_calls, or a project helper that splits):
 * `ids := strings.Split(c.Query("ids"), ",")`, `keys :=
 * splitTrim(p.PageKeys, ",")` after `bind(c, &p)`. The list grows with
 * what the caller sends; a literal or a setting split apart does not. */
static int qe_loop_over_split_request(const struct audit_input *in, const struct model *m,
				      const struct node *fn, const struct node *loop,
				      const char *iter)
{
	const struct node *as, *c = NULL;
	struct func_ref ref;
	char arg[256];
	size_t fi, n = 0;
	uint32_t before = loop->line;
	int split;

	if (fn == NULL || catalog_list_empty(catalog_get(m->lang, "qe_value_split_calls")))
		return 0;
	while (qe_ident_char(iter[n]))
		n++;
	if (n > 0 && iter[n] == '\0') {
		if ((as = sem_assignment(m, fn, iter, before)) != NULL)
			c = sem_first_call(m, as);
	} else {
		/* split in the loop's header: `range strings.Split(...)` */
		for (const struct node *k = loop->first_child ? model_node(m, loop->first_child) : NULL;
		     c == NULL && k != NULL && (k->flags & NF_HEADER);
		     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
			c = k->kind == NODE_CALL ? k : sem_first_call(m, k);
	}
	if (c == NULL || c->u.call == NULL || c->u.call->n_args == 0 ||
	    c->u.call->args[0].name != NULL)
		return 0;
	split = sem_call_is(m, c, "qe_value_split_calls");
	for (fi = 0; !split && in->sum != NULL && fi < in->proj->n_files &&
	     in->proj->files[fi].model != m; fi++)
		;
	if (!split && in->sum != NULL && fi < in->proj->n_files &&
	    summary_call_target(in->sum, fi, c, &ref) && ref.file < in->proj->n_files &&
	    in->proj->files[ref.file].model != NULL) {
		const struct model *dm = in->proj->files[ref.file].model;
		const struct node *d = &dm->nodes[ref.node];

		for (const struct node *k = NULL; !split && (k = model_walk(dm, d, k, 0)) != NULL &&
		     budget_step(); )
			split = k->kind == NODE_CALL && sem_call_is(dm, k, "qe_value_split_calls");
	}
	if (!split)
		return 0;
	span_copy(m, c->u.call->args[0].expr, arg, sizeof arg);
	return qe_request_value(m, fn, arg, before);
}

/* True when iter is a map or slice of fn filled, item by item, inside a
 * loop over a parameter list: `byMemo[a.MemoID] = append(byMemo[a.MemoID],
 * a)` in `for _, a := range attachments` (`attachments []*Attachment`).
 * Grouping the input does not bound it. */
static int qe_grouped_param_list(const struct model *m, const struct node *fn, const char *iter,
				 uint32_t before)
{
	size_t n = strlen(iter);

	if (n == 0 || n > 100 || strpbrk(iter, ".([ ") != NULL)
		return 0;
	for (const struct node *a = NULL; (a = model_walk(m, fn, a, 0)) != NULL && budget_step(); ) {
		const struct node *l;
		char liter[512];

		if (a->kind != NODE_ASSIGN || a->line >= before || a->name == NULL ||
		    strncmp(a->name, iter, n) != 0 || (a->name[n] != '[' && a->name[n] != '\0') ||
		    (l = model_enclosing_loop(m, a)) == NULL || model_enclosing_func(m, l) != fn)
			continue;
		/* `xs = append(xs, ...)` or `m[k] = ...` */
		if (a->name[n] == '\0' && !qe_span_word(m, "qe_append_calls", a->value))
			continue;
		sem_loop_iter(m, l, liter, sizeof liter);
		if (qe_loop_over_param_list(m, fn, liter))
			return 1;
	}
	return 0;
}

/* True when iter is a slice or map of fn filled, item by item, inside a
 * loop over another query's rows: `names = append(names, n)` in `for
 * rows.Next()` after `rows, err := db.Query(...)`. Copying the rows into
 * a list first does not bound them. */
static int qe_collected_query_rows(const struct audit_input *in, const struct model *m,
				   const struct node *fn, const char *iter, uint32_t before)
{
	size_t n = strlen(iter);

	if (n == 0 || n > 100 || strpbrk(iter, ".([ ") != NULL)
		return 0;
	for (const struct node *a = NULL; (a = model_walk(m, fn, a, 0)) != NULL && budget_step(); ) {
		const struct node *l, *k;
		struct strbuf origin = STRBUF_INIT;
		char liter[512];
		int db = 0;

		if (a->kind != NODE_ASSIGN || a->line >= before || a->name == NULL ||
		    strncmp(a->name, iter, n) != 0 || (a->name[n] != '[' && a->name[n] != '\0') ||
		    (l = model_enclosing_loop(m, a)) == NULL || model_enclosing_func(m, l) != fn)
			continue;
		/* `xs = append(xs, ...)` or `m[k] = ...` */
		if (a->name[n] == '\0' && !qe_span_word(m, "qe_append_calls", a->value))
			continue;
		for (k = l->first_child ? model_node(m, l->first_child) : NULL;
		     k != NULL && budget_step() && (k->flags & NF_HEADER);
		     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
			if (qe_call_is_db(in, m, fn, k))
				db = 1;
		sem_loop_iter(m, l, liter, sizeof liter);
		if (!db)
			qe_origin_rows(in, m, fn, liter, l->line, &origin, &db);
		sb_release(&origin);
		if (db)
			return 1;
	}
	return 0;
}

/* True when a read before line `before` in fn fills the variable (or the
 * field) iter names through a destination argument: `db.Find(&posts)`,
 * `db.SelectContext(ctx, &invoices, "SELECT ...")`,
 * `tx.Model(u).Related(&u.Comments)` for `range u.Comments`. */
static int qe_filled_by_read(const struct audit_input *in, const struct model *m,
			     const struct node *fn, const char *iter, uint32_t before)
{
	char root[128];
	size_t n = 0;
	const struct node *k;

	while ((qe_ident_char(iter[n]) || (iter[n] == '.' && n > 0 && qe_ident_char(iter[n + 1]))) &&
	       n + 1 < sizeof root) {
		root[n] = iter[n];
		n++;
	}
	root[n] = '\0';
	if (n == 0 || iter[n] != '\0' || fn == NULL)
		return 0;
	for (k = NULL; (k = model_walk(m, fn, k, 0)) && budget_step(); ) {
		const struct call_info *ci = k->u.call;

		if (k->kind != NODE_CALL || ci == NULL || k->line >= before)
			continue;
		for (uint32_t i = 0; i < ci->n_args; i++) {
			const char *a = span_ptr(m, ci->args[i].expr);
			size_t len = ci->args[i].expr.len;

			if (len == n + 1 && a[0] == '&' && memcmp(a + 1, root, n) == 0 &&
			    qe_call_is_db(in, m, fn, k))
				return 1;
		}
	}
	return 0;
}

/* True when the loop walks parsed input (SPEC 11): the records of a
 * reader of the catalog's parsed_input_readers (`csv.DictReader(f)`) in
 * its header or held in the name it walks, or the lines of a file a
 * `with` around it opened (catalog list line_sources). */
static int qe_loop_over_parsed_input(const struct model *m, const struct node *fn,
				     const struct node *loop, const char *iter)
{
	const struct catalog_list *rd = catalog_get(m->lang, "parsed_input_readers");
	const struct node *k, *w, *as;
	size_t n = 0;

	if (catalog_list_empty(rd))
		return 0;
	for (k = loop->first_child ? model_node(m, loop->first_child) : NULL;
	     k != NULL && budget_step() && (k->flags & NF_HEADER);
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		if (k->kind == NODE_CALL && catalog_match_call(rd, m, k))
			return 1;
	while (qe_ident_char(iter[n]))
		n++;
	if (n == 0 || iter[n] != '\0')
		return 0;
	if ((as = sem_assignment(m, fn, iter, loop->line)) != NULL) {
		for (k = NULL; (k = model_walk(m, as, k, 0)) != NULL && budget_step(); )
			if (k->kind == NODE_CALL && catalog_match_call(rd, m, k))
				return 1;
		return 0;
	}
	for (w = loop->parent ? model_node(m, loop->parent) : NULL; w != NULL && w != fn;
	     w = w->parent ? model_node(m, w->parent) : NULL) {
		if (w->kind != NODE_WITH)
			continue;
		for (uint32_t i = 0; i < w->n_items; i++) {
			const struct arg *it = &w->u.items[i];

			if (it->name == NULL || strcmp(it->name, iter) != 0)
				continue;
			for (k = w->first_child ? model_node(m, w->first_child) : NULL;
			     k != NULL && budget_step() && (k->flags & NF_HEADER);
			     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
				if (k->kind == NODE_CALL && k->u.call != NULL &&
				    span_starts(m, it->expr, k->u.call->callee) &&
				    sem_call_is(m, k, "line_sources"))
					return 1;
		}
	}
	return 0;
}

/* True when project function ref calls a network client (catalog
 * network_clients) in its own body and reads nothing from the database:
 * what it returns is a remote service's answer (`get_paginated(url)`,
 * `self._client.get("/repos/x/comments")` over `requests.get`). */
static int qe_remote_fetcher(const struct audit_input *in, const struct func_ref *ref)
{
	const struct model *dm;
	const struct node *d;

	if (ref->file >= in->proj->n_files || (dm = in->proj->files[ref->file].model) == NULL)
		return 0;
	d = &dm->nodes[ref->node];
	if (summary_facts(in->sum, ref->file, d) & (SUM_DB_READ | SUM_DB_WRITE))
		return 0;
	for (const struct node *k = NULL; (k = model_walk(dm, d, k, 0)) != NULL && budget_step(); )
		if (k->kind == NODE_CALL && sem_call_is(dm, k, "network_clients"))
			return 1;
	return 0;
}

/* True when sub (a loop header's expression or the assignment the loop's
 * name holds) gets its value from a remote service: a network client's
 * call (`requests.get(url).json()`), a project function that is one
 * (qe_remote_fetcher), or a name of fn assigned from either before sub
 * (`resp = requests.get(url)`, `data = resp.json()`, `all_events =
 * all_events + events`). */
static int qe_value_remote(const struct audit_input *in, const struct model *m, size_t fi,
			   const struct node *fn, const struct node *sub, int depth)
{
	char text[512];
	const char *p;

	for (const struct node *k = sub; k != NULL && budget_step();
	     k = model_walk(m, sub, k == sub ? NULL : k, 0)) {
		struct func_ref ref;

		if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->callee == NULL)
			continue;
		if (sem_call_is(m, k, "network_clients") ||
		    (summary_call_target(in->sum, fi, k, &ref) && qe_remote_fetcher(in, &ref)))
			return 1;
	}
	if (depth >= 3)
		return 0;
	if (sub->kind == NODE_ASSIGN)
		span_copy(m, sub->value, text, sizeof text);
	else
		sem_node_text(m, sub, text, sizeof text);
	char word[128];

	for (p = text; (p = qe_next_name(text, p, word, sizeof word)) != NULL; ) {
		const struct node *as;

		if (isdigit((unsigned char)word[0]))
			continue;
		if ((as = sem_assignment(m, fn, word, sub->line)) != NULL && as != sub &&
		    qe_value_remote(in, m, fi, fn, as, depth + 1))
			return 1;
	}
	return 0;
}

/* True when the loop walks what a remote service answered (SPEC 11: the
 * records of an external API grow with that service's data): its
 * header calls one, or the name it walks (`for c in comments`,
 * `for d in data["results"]`) was assigned from one in fn. */
static int qe_loop_over_remote_input(const struct audit_input *in, const struct model *m,
				     const struct node *fn, const struct node *loop,
				     const char *iter)
{
	const struct node *k, *as;
	char root[128];
	size_t fi, n = 0;

	if (in->sum == NULL || catalog_list_empty(catalog_get(m->lang, "network_clients")))
		return 0;
	for (fi = 0; fi < in->proj->n_files && in->proj->files[fi].model != m; fi++)
		;
	if (fi == in->proj->n_files)
		return 0;
	for (k = loop->first_child ? model_node(m, loop->first_child) : NULL;
	     k != NULL && budget_step() && (k->flags & NF_HEADER);
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		if (qe_value_remote(in, m, fi, fn, k, 0))
			return 1;
	while (qe_ident_char(iter[n]) && n + 1 < sizeof root) {
		root[n] = iter[n];
		n++;
	}
	root[n] = '\0';
	/* the name itself or one of its keys: `data`, `data["results"]` */
	if (n == 0 || (iter[n] != '\0' && iter[n] != '['))
		return 0;
	return (as = sem_assignment(m, fn, root, loop->line)) != NULL &&
	       qe_value_remote(in, m, fi, fn, as, 1);
}

/* True when an asynchronous loop (`for await (const a of listAll())`,
 * `async for a in list_all()`) walks what a project async generator
 * yields: a stream of items produced page by page, the form code takes
 * for a collection too large to hold (a storage listing, a paginated
 * API, the rows of a table in chunks). A generator that answers a fixed
 * handful would return them. */
static int qe_loop_over_async_stream(const struct audit_input *in, const struct model *m,
				     const struct node *loop)
{
	size_t fi;

	if (in->sum == NULL || !(loop->flags & NF_ASYNC) || (loop->flags & NF_COMPREHENSION))
		return 0;
	for (fi = 0; fi < in->proj->n_files && in->proj->files[fi].model != m; fi++)
		;
	if (fi == in->proj->n_files)
		return 0;
	for (const struct node *k = loop->first_child ? model_node(m, loop->first_child) : NULL;
	     k != NULL && budget_step() && (k->flags & NF_HEADER);
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
		struct func_ref ref;
		const struct model *dm;
		const struct node *d;

		if (k->kind != NODE_CALL || !summary_call_target(in->sum, fi, k, &ref) ||
		    ref.file >= in->proj->n_files || (dm = in->proj->files[ref.file].model) == NULL)
			continue;
		d = &dm->nodes[ref.node];
		if ((d->flags & (NF_GENERATOR | NF_ASYNC)) == (NF_GENERATOR | NF_ASYNC))
			return 1;
	}
	return 0;
}

/* Where a loop's rows come from: 2 = another query's rows, 1 = a
 * parameter list, 3 = parsed input, 4 = a remote service's answer,
 * 5 = a project async generator's stream, 0 = none of them. origin receives
 * the followed text. */
/* True when iter is a list-of-ids field of a parameter typed with a
 * project class (`for permission_id in role_create.permissions` where
 * `RoleCreate` declares `permissions: list[UUID4]`, catalog
 * qe_id_list_field_types): the ids a request body carries, as many as
 * the client sends. Not a parameter the framework injects. */
/* True when field `field` of the project class named by `type` holds a
 * validated request list: an array (`Item[]`, `Array<Item>`) whose
 * decorators name a list validator of the catalog (`@IsArray()`,
 * `@ValidateNested({ each: true })`) and no cap (`@ArrayMaxSize(5)`).
 * A request body's list grows with what the client sends (SPEC 11's
 * parsed input), whatever its items hold. */
static int qe_request_list_field(const struct audit_input *in, const struct model *m,
				 const char *type, const char *field, const char *ann)
{
	const struct node *dec[16];
	uint32_t file = 0;
	size_t n, len = strlen(ann), listed = 0;
	const struct model *dm;

	while (len > 0 && (ann[len - 1] == ' ' || ann[len - 1] == ';'))
		len--;
	if (!((len > 2 && ann[len - 2] == '[' && ann[len - 1] == ']') ||
	      qe_word(m, "qe_array_type_prefixes", ann + strspn(ann, " \t"))))
		return 0;
	n = receiver_field_decorators(in->proj, summary_classes(in->sum), type, field, dec,
				      sizeof dec / sizeof dec[0], &file);
	if (n == 0 || (dm = in->proj->files[file].model) == NULL)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (sem_call_is(dm, dec[i], "qe_capped_list_validators"))
			return 0;
		if (sem_call_is(dm, dec[i], "qe_request_list_validators"))
			listed = 1;
	}
	return (int)listed;
}

static int qe_loop_over_body_ids(const struct audit_input *in, const struct model *m,
				 const struct node *fn, const char *iter_in)
{
	char iter[512];
	const char *dot;
	char root[128], type[160], ann[160], def[128];
	size_t o = 0;

	/* `body?.posts` is `body.posts` */
	for (const char *s = iter_in; *s && o + 1 < sizeof iter; s++)
		if (!(s[0] == '?' && s[1] == '.'))
			iter[o++] = *s;
	iter[o] = '\0';
	while (o > 0 && iter[o - 1] == '?')
		iter[--o] = '\0';
	dot = strchr(iter, '.');
	if (dot == NULL || in->sum == NULL || fn == NULL || fn->u.func == NULL ||
	    (size_t)(dot - iter) >= sizeof root || strpbrk(dot + 1, ".([ ") != NULL ||
	    !qe_ident_char(dot[1]))
		return 0;
	snprintf(root, sizeof root, "%.*s", (int)(dot - iter), iter);
	for (uint32_t i = 0; i < fn->u.func->n_params; i++) {
		const struct param *pa = &fn->u.func->params[i];

		if (pa->name == NULL || strcmp(pa->name, root) != 0 || pa->annotation.len == 0)
			continue;
		if (pa->def.len > 0 &&
		    catalog_match(catalog_get(m->lang, "rp_injected_param_markers"),
				  span_copy(m, pa->def, def, sizeof def)))
			return 0;
		span_copy(m, pa->annotation, type, sizeof type);
		if (!receiver_field_annotation(in->proj, summary_classes(in->sum), type, dot + 1,
					       ann, sizeof ann))
			return 0;
		return qe_word(m, "qe_id_list_field_types", ann + strspn(ann, " \t")) ||
		       qe_request_list_field(in, m, type, dot + 1, ann);
	}
	return 0;
}

/* Offset of needle in text at bracket depth 0 (outside (), [], {} and
 * quotes), or -1. */
static long qe_top_level(const char *text, const char *needle)
{
	int depth = 0;
	char quote = 0;
	size_t nl = strlen(needle);

	for (const char *p = text; *p; p++) {
		if (quote) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == quote)
				quote = 0;
			continue;
		}
		if (depth == 0 && strncmp(p, needle, nl) == 0)
			return p - text;
		if (*p == '"' || *p == '\'')
			quote = *p;
		else if (*p == '(' || *p == '[' || *p == '{')
			depth++;
		else if ((*p == ')' || *p == ']' || *p == '}') && depth > 0)
			depth--;
	}
	return -1;
}

/* True when the bracket opened at text[open] closes at text's last
 * character: `set(a)` but not `set(a).get(b)`, `d["k"]` but not
 * `d["k"][0]`. */
static int qe_wraps_rest(const char *text, size_t open)
{
	size_t len = strlen(text);
	const char *close = text[open] == '[' ? "]" : text[open] == '{' ? "}" : ")";

	return len > open + 1 && text[len - 1] == close[0] &&
	       qe_top_level(text + open + 1, close) == (long)(len - open - 2);
}

/* Copy text without surrounding blanks into out. */
static void qe_trim_copy(const char *text, size_t len, char *out, size_t size)
{
	while (len > 0 && isspace((unsigned char)*text)) {
		text++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		len--;
	if (len >= size)
		len = size - 1;
	memcpy(out, text, len);
	out[len] = '\0';
}

/* True when name is a parameter of fn. */
static int qe_is_param(const struct node *fn, const char *name)
{
	if (fn == NULL || fn->u.func == NULL)
		return 0;
	for (uint32_t i = 0; i < fn->u.func->n_params; i++)
		if (fn->u.func->params[i].name != NULL && strcmp(fn->u.func->params[i].name, name) == 0)
			return 1;
	return 0;
}

static int qe_body_list_value(const struct model *m, const struct node *fn, const char *text,
			      uint32_t before, int depth);

/* True when text is a whole input document: the request body (catalog
 * qe_request_body_roots: `request.data`), or a parameter or a body field
 * decoded by a catalog qe_input_decoders call (`json.loads(requested_data)`,
 * the form a task gets its payload in), or a name assigned one of them
 * (`data = json.loads(raw) if raw is not None else None`). */
static int qe_input_document(const struct model *m, const struct node *fn, const char *text_in,
			     uint32_t before, int depth)
{
	char text[512], arg[256];
	const struct node *as;
	size_t dl = 0, n = 0;
	const char *d;
	long at;

	if (depth > 4)
		return 0;
	qe_trim_copy(text_in, strlen(text_in), text, sizeof text);
	if ((at = qe_top_level(text, " if ")) > 0 && qe_top_level(text, " else ") > at)
		text[at] = '\0';
	if (catalog_match(catalog_get(m->lang, "qe_request_body_roots"), text))
		return 1;
	if ((d = qe_find(m, "qe_input_decoders", text, &dl)) == text && text[dl - 1] == '(' &&
	    qe_wraps_rest(text, dl - 1)) {
		qe_trim_copy(text + dl, strlen(text + dl) - 1, arg, sizeof arg);
		if (qe_top_level(arg, ",") >= 0)
			arg[qe_top_level(arg, ",")] = '\0';
		while (qe_ident_char(arg[n]))
			n++;
		if (n > 0 && arg[n] == '\0' && !isdigit((unsigned char)arg[0]) && qe_is_param(fn, arg) &&
		    sem_assignment(m, fn, arg, before) == NULL)
			return 1;
		return qe_body_list_value(m, fn, arg, before, depth + 1);
	}
	while (qe_ident_char(text[n]))
		n++;
	if (n > 0 && text[n] == '\0' && (as = sem_assignment(m, fn, text, before)) != NULL &&
	    as->value.len > 0 && as->value.len < sizeof text) {
		char val[512];

		span_copy(m, as->value, val, sizeof val);
		return qe_input_document(m, fn, val, as->line, depth + 1);
	}
	return 0;
}

/* True when text evaluates to a list the client or the task's caller
 * sent (SPEC 11: one query per item of parsed input): a field of an
 * input document (`request.data.get("members", [])`, `data["issues"]`
 * of a decoded payload, catalog qe_request_body_lists), that field
 * decoded again (`json.loads(data.get("created"))`), a comprehension
 * over one (`{m.get("id"): m for m in members}`), a set built from one
 * (`set(ids) - set(old)`), or a name assigned any of these. A list
 * literal (`[request.data.get("id")]`) holds what it lists. */
static int qe_body_list_value(const struct model *m, const struct node *fn, const char *text_in,
			      uint32_t before, int depth)
{
	char text[512], part[512];
	const struct node *as;
	size_t n = 0, dl = 0, len;
	long at;

	if (depth > 5)
		return 0;
	qe_trim_copy(text_in, strlen(text_in), text, sizeof text);
	len = strlen(text);
	if (len == 0)
		return 0;
	if (catalog_match(catalog_get(m->lang, "qe_request_body_lists"), text))
		return 1;
	/* `a if cond else b`, `a - b`, `a or []`: the first operand */
	if ((at = qe_top_level(text, " if ")) > 0 && qe_top_level(text, " else ") > at) {
		text[at] = '\0';
		return qe_body_list_value(m, fn, text, before, depth + 1);
	}
	if ((at = qe_top_level(text, " - ")) > 0 || (at = qe_top_level(text, " or ")) > 0) {
		text[at] = '\0';
		return qe_body_list_value(m, fn, text, before, depth + 1);
	}
	/* a comprehension over a list: its source */
	if ((text[0] == '[' || text[0] == '{') && (text[len - 1] == ']' || text[len - 1] == '}')) {
		long f, i;

		qe_trim_copy(text + 1, len - 2, part, sizeof part);
		if ((f = qe_top_level(part, " for ")) <= 0 ||
		    (i = qe_top_level(part + f + 5, " in ")) < 0)
			return 0;
		memmove(part, part + f + 5 + i + 4, strlen(part + f + 5 + i + 4) + 1);
		if ((at = qe_top_level(part, " if ")) > 0)
			part[at] = '\0';
		if ((at = qe_top_level(part, " for ")) > 0)
			part[at] = '\0';
		return qe_body_list_value(m, fn, part, before, depth + 1);
	}
	/* a wrapper that keeps the items (`set(...)`, `list(...)`) or a
	 * decoder of a field (`json.loads(data.get("created", "[]"))`) */
	if ((qe_find(m, "qe_list_wrappers", text, &dl) == text ||
	     qe_find(m, "qe_input_decoders", text, &dl) == text) &&
	    text[dl - 1] == '(' && qe_wraps_rest(text, dl - 1)) {
		qe_trim_copy(text + dl, len - dl - 1, part, sizeof part);
		if ((at = qe_top_level(part, ",")) >= 0)
			part[at] = '\0';
		return qe_body_list_value(m, fn, part, before, depth + 1);
	}
	/* a field of an input document: `data.get("issues")`, `data["ids"]`,
	 * `json.loads(raw).get("tags", [])`; the field is the last step */
	{
		long g = -1, b = qe_top_level(text, "["), at2;
		size_t open = 0;

		/* the first top-level `.name(` whose name reads one field of a
		 * mapping (catalog qe_mapping_field_reads: get, pop) */
		for (long d = qe_top_level(text, "."), base = 0; d >= 0 && g < 0;) {
			char meth[32];
			size_t k = 0;
			const char *q = text + base + d + 1;

			while (qe_ident_char(q[k]) && k + 1 < sizeof meth) {
				meth[k] = q[k];
				k++;
			}
			meth[k] = '\0';
			if (k > 0 && q[k] == '(' && qe_word(m, "qe_mapping_field_reads", meth)) {
				g = base + d;
				open = (size_t)g + 1 + k;
			}
			base += d + 1;
			d = qe_top_level(text + base, ".");
		}
		at2 = g > 0 && (b <= 0 || g < b) ? g : b;
		if (at2 == b)
			open = (size_t)b;
		if (at2 > 0) {
			char head[512];

			if (!qe_wraps_rest(text, open))
				return 0;
			snprintf(head, sizeof head, "%.*s", (int)at2, text);
			return qe_input_document(m, fn, head, before, depth + 1);
		}
	}
	while (qe_ident_char(text[n]))
		n++;
	if (n == 0 || isdigit((unsigned char)text[0]))
		return 0;
	if (text[n] != '\0' || (as = sem_assignment(m, fn, text, before)) == NULL ||
	    as->value.len == 0 || as->value.len >= sizeof part)
		return 0;
	span_copy(m, as->value, part, sizeof part);
	return qe_body_list_value(m, fn, part, as->line, depth + 1);
}

/* True when loop walks a whole input document that is a list of objects:
 * `for data in request.data:` whose body reads each item as a mapping
 * (`data.pop("key")`, `data["sort_order"]`): the client posted an array.
 * The keys of one posted object are strings, never read so. */
static int qe_loop_over_posted_array(const struct model *m, const struct node *fn,
				     const struct node *loop, const char *iter)
{
	return loop->u.loop != NULL && qe_input_document(m, fn, iter, loop->line, 0) &&
	       sem_loop_items_are_mappings(m, loop);
}

/* True when iter is a list the handler or task was sent
 * (qe_body_list_value) or the posted array itself
 * (qe_loop_over_posted_array). The body itself as one object (`for k in
 * request.get_json()`, the fields of one form) is no such list. */
static int qe_loop_over_request_list(const struct model *m, const struct node *fn,
				     const struct node *loop, const char *iter)
{
	if (fn == NULL || catalog_list_empty(catalog_get(m->lang, "qe_request_body_lists")))
		return 0;
	return qe_body_list_value(m, fn, iter, loop->line, 0) ||
	       qe_loop_over_posted_array(m, fn, loop, iter);
}

int qe_loop_source(const struct audit_input *in, const struct model *m,
		   const struct node *fn, const struct node *loop, struct strbuf *origin)
{
	char iter[512];
	const struct node *k;
	int db = 0;

	sem_loop_iter(m, loop, iter, sizeof iter);
	sb_adds(origin, iter);
	for (k = loop->first_child ? model_node(m, loop->first_child) : NULL;
	     k != NULL && budget_step() && (k->flags & NF_HEADER);
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		if (qe_call_is_db(in, m, fn, k) || qe_call_returns_queryset(in, m, k))
			db = 1;
	qe_origin_rows(in, m, fn, iter, loop->line, origin, &db);
	if (db || qe_filled_by_read(in, m, fn, iter, loop->line) ||
	    qe_collected_query_rows(in, m, fn, iter, loop->line))
		return 2;
	if (qe_loop_over_param_list(m, fn, iter) || qe_loop_over_body_ids(in, m, fn, iter) ||
	    qe_loop_over_request_list(m, fn, loop, iter) ||
	    qe_derived_param_list(m, fn, iter, loop->line, 0) ||
	    qe_loop_over_decoded_input(m, fn, iter, loop->line) ||
	    qe_loop_over_helper_decoded(in, m, fn, iter, loop->line) ||
	    qe_loop_over_split_request(in, m, fn, loop, iter) ||
	    qe_grouped_param_list(m, fn, iter, loop->line))
		return 1;
	if (qe_loop_over_parsed_input(m, fn, loop, iter))
		return 3;
	if (qe_loop_over_remote_input(in, m, fn, loop, iter))
		return 4;
	return qe_loop_over_async_stream(in, m, loop) ? 5 : 0;
}

int qe_startup_config_loop(const struct audit_input *in, size_t fi, const struct node *c,
			   const struct node *loop)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = model_enclosing_func(m, loop);
	struct strbuf origin = STRBUF_INIT;
	int src;

	if (fn == NULL || !sem_startup_only(m, c, index_role_at(in->proj, (uint32_t)fi, c)))
		return 0;
	src = qe_loop_source(in, m, fn, loop, &origin);
	sb_release(&origin);
	if (src != 0)
		return 0;
	/* the records of a data file decoded at start-up (`rows =
	 * json.load(f)`) are rows, not settings */
	{
		char iter[256];
		const struct node *as, *k;
		size_t n = 0;

		sem_loop_iter(m, loop, iter, sizeof iter);
		while (sem_ident_char(iter[n]))
			n++;
		if (n > 0 && iter[n] == '\0' && (as = sem_assignment(m, fn, iter, loop->line)) != NULL)
			for (k = NULL; (k = model_walk(m, as, k, 0)) != NULL && budget_step(); )
				if (k->kind == NODE_CALL && sem_call_is(m, k, "file_record_decoders"))
					return 0;
	}
	return 1;
}

/* Recommendation for an N+1 read, by stack. */
static void qe_n1_recommendation(const struct audit_input *in, const struct model *m,
				 struct finding *f, const struct qe_read *r)
{
	const char *model = r->model[0] ? r->model : qe_model_placeholder(m), *key;
	char text[1024];

	if (db_advice(in, m, "n_plus_one", r->model, f))
		return;
	/* the catalog's wording per stack */
	if (r->get_or_create)
		key = "n_plus_one.get_or_create";
	else if (sem_db_stack(in->proj) == SEM_DJANGO)
		key = "n_plus_one.django_fix";
	else if (sem_db_stack(in->proj) == SEM_ASYNCPG || sem_db_stack(in->proj) == SEM_PSYCOPG)
		key = "n_plus_one.sql_driver_fix";
	else if (r->repo)
		key = "n_plus_one.repository_fix";
	else if (sem_db_stack(in->proj) == SEM_SA_ASYNC)
		key = "n_plus_one.sa_async_fix";
	else
		key = "n_plus_one.sa_fix";
	if (db_text(m, key, (const char *const[]){ "model", model, NULL }, text, sizeof text))
		finding_set_recommendation(f, "%s", text);
}

/* n_plus_one — a query per iteration: a read (`session.get`,
 * `.query(...).first()`, `await repo.get`, `findUnique`, `QueryRow`)
 * inside a loop over the result of another query, or access to a lazy
 * relationship inside such a loop (relationship declared without eager
 * loading and no `selectinload/joinedload/prefetch_related/select_related/
 * include` on the outer query). Never downgraded by context (exempt).
 * HIGH in a handler, MEDIUM elsewhere. */
/* True when read n runs under `if key not in cache:` inside loop and the
 * same block stores into `cache[...]`: one query per distinct key, not
 * per row (memoised per key in a dict). */
static int qe_memoised_per_key(const struct model *m, const struct node *n,
			       const struct node *loop)
{
	for (const struct node *a = model_node(m, n->parent); a && a != loop;
	     a = a->parent ? model_node(m, a->parent) : NULL) {
		char cond[256], *in, target[160];
		size_t len;

		if (a->kind != NODE_IF || a->value.len == 0)
			continue;
		span_copy(m, a->value, cond, sizeof cond);
		if ((in = strstr(cond, " not in ")) == NULL)
			continue;
		in += 8;
		while (*in == ' ')
			in++;
		len = strcspn(in, " :)");
		if (len == 0 || len + 2 >= sizeof target)
			continue;
		memcpy(target, in, len);
		memcpy(target + len, "[", 2);
		for (const struct node *x = NULL; (x = model_walk(m, a, x, 0)); )
			if (x->kind == NODE_ASSIGN && x->name != NULL &&
			    strncmp(x->name, target, len + 1) == 0)
				return 1;
	}
	return 0;
}

/* A call to project code that reads the database, one helper away or
 * more (the function summaries): `load_owner(session, row.owner_id)`,
 * `self.repo.find_by_slug(slug)`. Fills r for the issue text. */
static int qe_helper_read(const struct audit_input *in, size_t fi, const struct node *c,
			  struct qe_read *r)
{
	const struct call_info *ci = c->u.call;
	const struct model *m = in->proj->files[fi].model;
	const struct node *st = model_node(m, c->parent);
	unsigned facts;

	if (ci == NULL || ci->name == NULL)
		return 0;
	/* a lookup: reads and writes nothing, and its result is used (a bare
	 * `await self.cancel(x)` per item is per-item processing, not a read) */
	facts = summary_call_facts(in->sum, fi, c);
	if (!(facts & SUM_DB_READ) || (facts & (SUM_DB_WRITE | SUM_MEMOISED)))
		return 0;
	/* a helper named for a write (`addToStrategy`, `update_item`) whose
	 * write sits behind a collaborator the index cannot follow: its read
	 * is a check before the write, and per-item writes are not extra
	 * queries (n_update_delete_loop, missing_bulk_ops) */
	if (qe_word(m, "qe_write_helper_names", ci->name))
		return 0;
	if (st != NULL && st->kind == NODE_STMT && st->name == NULL && st->line == c->line)
		return 0;
	memset(r, 0, sizeof *r);
	snprintf(r->what, sizeof r->what, "%s", ci->callee);
	r->repo = 1;
	return 1;
}

/* A closure started once per item: `go func(x T) {...}(x)` or a launcher
 * of the catalog (`g.Go(func() error {...})`, errgroup / conc pools)
 * inside a loop. The loop still issues one query per item, only
 * concurrently. Returns the launching call around read n (its args name
 * what the item binds), or NULL. */
static const struct node *qe_spawned_closure(const struct model *m, const struct node *n)
{
	const struct node *fn = model_enclosing_func(m, n), *p;

	if (fn == NULL || !(fn->flags & NF_LAMBDA) || fn->parent == 0)
		return NULL;
	p = model_node(m, fn->parent);
	if (p->kind != NODE_CALL)
		return NULL;
	if ((p->parent != 0 && model_node(m, p->parent)->kind == NODE_SPAWN) ||
	    sem_call_is(m, p, "per_item_launchers"))
		return p;
	return NULL;
}

/* A read in a per-item helper that also writes. qe_helper_read leaves the
 * call of such a helper alone (per-item processing, not a lookup), but
 * the read inside it still runs once per item when function fn (of file
 * fi) is called, in this file, per item of a loop over rows that grow,
 * the item (or a field of it) handed to a parameter that read n names:
 * `for await (const a of listing()) await tidy(a)` where tidy loads
 * `assets.findFirst({ where: eq(assets.id, a.assetId) })` before it
 * updates or deletes. Silent for a helper named for a write (its read is
 * a check before the write: qe_write_helper_names), a memoised one, and
 * the callers' loops the direct form skips. Returns the call, with its
 * loop and the loop's source in *loop_out and *src_out. */
static const struct node *qe_item_helper_call(const struct audit_input *in, size_t fi,
					      const struct node *fn, const struct node *n,
					      const struct node **loop_out, int *src_out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *const *named;
	char text[1024];
	unsigned facts;
	size_t n_named;

	if (fn == NULL || (fn->flags & NF_LAMBDA) || fn->name == NULL || fn->u.func == NULL ||
	    fn->u.func->n_params == 0 || qe_word(m, "qe_write_helper_names", fn->name))
		return NULL;
	facts = summary_facts(in->sum, fi, fn);
	if (!(facts & SUM_DB_WRITE) || (facts & SUM_MEMOISED))
		return NULL;
	sem_node_text(m, n, text, sizeof text);
	/* the file's calls of that name (an index: a walk of the whole file
	 * per read made a huge function quadratic) */
	named = sem_calls_named(m, fn->name, &n_named);
	for (size_t k = 0; k < n_named && budget_step(); k++) {
		const struct node *c = named[k], *loop, *lfn;
		struct func_ref ref;
		struct strbuf origin = STRBUF_INIT;
		int src, passed = 0;

		if ((c->flags & NF_DECORATOR) ||
		    !summary_call_target(in->sum, fi, c, &ref) || ref.file != fi ||
		    model_node(m, ref.node) != fn)
			continue;
		/* the item goes to a parameter the read names */
		for (uint32_t ai = 0; ai < c->u.call->n_args && !passed; ai++) {
			const struct param *pa = qf_param_for(m, c, ai, fn);
			char arg[256];

			if (pa == NULL || pa->name == NULL ||
			    !sem_has_plain_ident(text, strlen(text), pa->name))
				continue;
			span_copy(m, c->u.call->args[ai].expr, arg, sizeof arg);
			passed = (loop = qe_per_row_loop(m, c, 0, 0)) != NULL &&
				 sem_mentions_loop_target(m, loop, arg);
		}
		if (!passed || (loop = qe_per_row_loop(m, c, 0, 0)) == NULL ||
		    ((loop->flags & NF_WHILE) && !sem_loop_cursor(m, loop)) ||
		    qe_loop_stops_at_first(m, loop) || sem_runs_once_in_loop(m, c, loop) ||
		    qe_conflict_checked(m, loop) || qe_loop_prompts(m, loop) ||
		    qe_startup_config_loop(in, fi, c, loop) || qe_pair_pinned_loop(in, fi, loop) ||
		    (lfn = model_enclosing_func(m, loop)) == NULL || lfn == fn)
			continue;
		src = qe_loop_source(in, m, lfn, loop, &origin);
		sb_release(&origin);
		if (src == 0)
			continue;
		*loop_out = loop;
		*src_out = src;
		return c;
	}
	return NULL;
}

/* A read whose result leads to the next call of its own function: the
 * function calls itself (`this.loadThread(post.childrenPost[0].id)`,
 * `walk(row.parentId)`) with an argument naming the variable the read
 * was assigned to. One query per level of a chain or tree of rows, as
 * many as the data holds. Silent when the next argument is a page cursor
 * or an offset (qe_recursion_page_args: one query per page, the paging
 * the check accepts), when the function also writes (a walk that changes
 * each level is per-item processing, like qe_helper_read's rule), when
 * the read's result is not kept in a plain
 * variable, or when the self-call does not follow the read. Returns the
 * self-call. */
static const struct node *qe_self_recursion(const struct audit_input *in, size_t fi,
					    const struct node *fn, const struct node *n)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *as = n->parent != 0 ? model_node(m, n->parent) : NULL;
	const char *var;

	if (fn == NULL || (fn->flags & NF_LAMBDA) || fn->name == NULL || as == NULL ||
	    as->kind != NODE_ASSIGN || (var = as->name) == NULL || !qe_ident_char(var[0]) ||
	    strpbrk(var, ".[( ,") != NULL ||
	    (summary_facts(in->sum, fi, fn) & (SUM_DB_WRITE | SUM_MEMOISED)))
		return NULL;
	/* its own statements: a write the summary does not count (an UPDATE
	 * statement built into a variable, then executed) */
	for (const struct node *k = NULL; (k = model_walk(m, fn, k, 0)) != NULL && budget_step(); ) {
		struct db_op_info oi;

		if (k->kind == NODE_CALL && k->u.call != NULL &&
		    (db_op_writes(db_call_op(m, k, &oi)) || sem_call_is(m, k, "sql_update") ||
		     sem_call_is(m, k, "sql_delete") || sem_call_is(m, k, "sql_insert")))
			return NULL;
	}
	for (const struct node *c = NULL; (c = model_walk(m, fn, c, 1)) != NULL && budget_step(); ) {
		struct func_ref ref;

		if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
		    c->line < n->line || c == n || strcmp(c->u.call->name, fn->name) != 0 ||
		    !summary_call_target(in->sum, fi, c, &ref) || ref.file != fi ||
		    model_node(m, ref.node) != fn)
			continue;
		for (uint32_t ai = 0; ai < c->u.call->n_args; ai++) {
			char arg[256];

			span_copy(m, c->u.call->args[ai].expr, arg, sizeof arg);
			if (sem_has_plain_ident(arg, strlen(arg), var) &&
			    !qe_word(m, "qe_recursion_page_args", arg))
				return c;
		}
	}
	return NULL;
}

static void qe_n_plus_one_file(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *n;

	qe_field_resolvers(in, fi, out);
	qe_serializer_lists(in, fi, out);
	qe_serializer_getter_queries(in, fi, out);
	qe_serializer_bulk_rows(in, fi, out);
	for (n = NULL; (n = model_walk(m, model_node(m, 0), n, 1)); ) {
		const struct node *loop, *fn, *spawn;
		struct qe_read r;
		struct strbuf text = STRBUF_INIT, origin = STRBUF_INIT;
		char call[128], header[128], desc[160], node_text[1024];
		struct finding *f;
		int src;

		if (n->kind == NODE_LOOP && (!(n->flags & NF_WHILE) || sem_loop_cursor(m, n)) &&
		    (fn = model_enclosing_func(m, n)) != NULL && !(fn->flags & NF_LAMBDA) &&
		    !qe_loop_stops_at_first(m, n) && !(n->flags & NF_SMALL_LITERAL) &&
		    !qe_loop_prompts(m, n) && !qe_pair_pinned_loop(in, fi, n)) {
			src = qe_loop_source(in, m, fn, n, &origin);
			qe_lazy_relationships(in, fi, out, fn, n, sb_str(&origin), src == 2,
					      !sem_loop_not_per_row(m, n));
			sb_release(&origin);
			continue;
		}
		if (n->kind != NODE_CALL || (fn = model_enclosing_func(m, n)) == NULL)
			continue;
		if (qe_read_call(in, m, fn, n, &r)) {
			const struct node *hc, *hloop = NULL;
			int hsrc = 0;

			if (qe_per_row_loop(m, n, 0, 0) == NULL && qe_spawned_closure(m, n) == NULL &&
			    (hc = qe_item_helper_call(in, fi, fn, n, &hloop, &hsrc)) != NULL &&
			    (f = auditor_emit(in, out, &qe_checks[QE_N_PLUS_ONE],
					      sem_role_severity(in, fi, hc, SEV_HIGH, SEV_MEDIUM),
					      fi, n)) != NULL) {
				sem_call_source(m, n, call, sizeof call);
				sem_header_text(m, hloop, header, sizeof header);
				sem_func_desc(in, fi, n, desc, sizeof desc);
				finding_set_issue(f, "%s`%s` in %s runs once per item of `%s` (line %u), "
						  "which calls `%s` for each item: one %s query per row of %s",
						  (n->flags & NF_AWAITED) ? "awaited " : "", call, desc,
						  header, hloop->line, fn->name,
						  r.model[0] ? r.model : "extra",
						  hsrc == 2 ? "another query's result" :
						  hsrc == 3 ? "parsed input that grows with the data" :
						  hsrc == 4 ? "a remote service's answer that grows with its data" :
						  hsrc == 5 ? "an async generator's stream of items" :
						  "a parameter list that grows with the data");
				qe_n1_recommendation(in, m, f, &r);
				sem_add_line(f, m, hc->line);
				sem_add_line(f, m, hloop->line);
				continue;
			}
		} else if (!qe_helper_read(in, fi, n, &r)) {
			continue;
		}
		loop = qe_per_row_loop(m, n, 0, 0);
		spawn = loop == NULL ? qe_spawned_closure(m, n) : NULL;
		if (spawn != NULL)
			loop = qe_per_row_loop(m, spawn, 0, 0);
		if (loop == NULL && spawn == NULL) {
			const struct node *self = qe_self_recursion(in, fi, fn, n);

			if (self != NULL &&
			    (f = auditor_emit(in, out, &qe_checks[QE_N_PLUS_ONE],
					      sem_role_severity(in, fi, n, SEV_HIGH, SEV_MEDIUM),
					      fi, n)) != NULL) {
				sem_call_source(m, n, call, sizeof call);
				sem_func_desc(in, fi, n, desc, sizeof desc);
				finding_set_issue(f, "%s`%s` in %s feeds the next call of `%s` to itself "
						  "(line %u): one %s query per level of a chain or tree "
						  "of rows, as deep as the data goes",
						  (n->flags & NF_AWAITED) ? "awaited " : "", call, desc,
						  fn->name, self->line, r.model[0] ? r.model : "extra");
				qe_n1_recommendation(in, m, f, &r);
				sem_add_line(f, m, self->line);
			}
			continue;
		}
		if (loop == NULL || ((loop->flags & NF_WHILE) && !sem_loop_cursor(m, loop)) ||
		    qe_loop_stops_at_first(m, loop) || qe_memoised_per_key(m, n, loop) ||
		    sem_runs_once_in_loop(m, n, loop) || qe_conflict_checked(m, loop) ||
		    qe_loop_prompts(m, loop) || qe_startup_config_loop(in, fi, n, loop) ||
		    qe_pair_pinned_loop(in, fi, loop) || qe_object_field_loop(m, loop) ||
		    qe_path_parts_loop(m, loop) || qe_fixed_module_list(in, fi, loop))
			continue;
		/* the read must depend on the item: its text, or what the
		 * variables it uses hold, names the loop variable */
		sem_node_text(m, n, node_text, sizeof node_text);
		/* the names the statement assigns the result to (`tags, err
		 * :=`) are outputs: what they held before (an `err` from an
		 * earlier `sqlx.In(... IN (?))`) says nothing of this read */
		if (n->parent != 0 && model_node(m, n->parent)->kind == NODE_ASSIGN &&
		    model_node(m, n->parent)->text.len > 0) {
			const char *at = strstr(node_text, n->u.call->callee);

			if (at != NULL && at > node_text)
				memmove(node_text, at, strlen(at) + 1);
		}
		if (spawn != NULL) {
			/* what the closure captures or is passed comes from the
			 * function around the loop */
			char args[256];

			span_copy(m, spawn->u.call->args_text, args, sizeof args);
			if (strlen(node_text) + strlen(args) + 2 < sizeof node_text) {
				strcat(node_text, " ");
				strcat(node_text, args);
			}
		}
		sb_adds(&text, node_text);
		qe_origin(in, m, spawn != NULL ? model_enclosing_func(m, loop) : fn, node_text,
			  n->line, &text, NULL);
		/* a read that names the item of an outer loop of the same
		 * function only (`get_enrichment(t, event.fp)` inside `for
		 * trigger in workflow.triggers` inside `for event in events`)
		 * runs once per item of that loop at least: that loop decides */
		for (const struct node *outer = loop; spawn == NULL && outer != NULL &&
		     !sem_mentions_loop_target(m, loop, sb_str(&text)) && budget_step(); ) {
			outer = qe_per_row_loop(m, outer, 0, 0);
			if (outer == NULL || model_enclosing_func(m, outer) != fn ||
			    ((outer->flags & NF_WHILE) && !sem_loop_cursor(m, outer)) ||
			    qe_loop_stops_at_first(m, outer))
				break;
			if (sem_mentions_loop_target(m, outer, sb_str(&text)))
				loop = outer;
		}
		if (!sem_mentions_loop_target(m, loop, sb_str(&text)) ||
		    sem_text_set_based(sb_str(&text))) {
			sb_release(&text);
			continue;
		}
		sb_release(&text);
		/* the rows come from the loop's own function (a per-item
		 * callback's loop is in the function around the callback; a
		 * module-level loop around a callback has none: not followed) */
		src = model_enclosing_func(m, loop) == NULL ? 0 :
		      qe_loop_source(in, m, model_enclosing_func(m, loop), loop, &origin);
		sb_release(&origin);
		/* a loop over a field of each item of an outer loop (`for _, t
		 * := range b.Tags` inside `for _, b := range items`) runs as
		 * often as the outer one at least: the nearest enclosing loop
		 * whose rows grow decides */
		for (const struct node *outer = loop; src == 0 && outer != NULL &&
		     budget_step(); ) {
			outer = qe_per_row_loop(m, outer, 0, 0);
			if (outer == NULL || ((outer->flags & NF_WHILE) && !sem_loop_cursor(m, outer)) ||
			    qe_loop_stops_at_first(m, outer) || model_enclosing_func(m, outer) == NULL)
				break;
			src = qe_loop_source(in, m, model_enclosing_func(m, outer), outer, &origin);
			sb_release(&origin);
		}
		if (src == 0)
			continue;
		f = auditor_emit(in, out, &qe_checks[QE_N_PLUS_ONE],
				 sem_role_severity(in, fi, n, SEV_HIGH, SEV_MEDIUM), fi, n);
		if (f == NULL)
			continue;
		sem_call_source(m, n, call, sizeof call);
		sem_header_text(m, loop, header, sizeof header);
		sem_func_desc(in, fi, n, desc, sizeof desc);
		finding_set_issue(f, "%s`%s` runs once per item of `%s` in %s: one %s query%s per "
				  "row of %s", (n->flags & NF_AWAITED) ? "awaited " : "", call,
				  header, desc, r.model[0] ? r.model : "extra",
				  r.get_or_create ? " (and an INSERT for each missing row)" : "",
				  src == 2 ? "another query's result" :
				  src == 3 ? "parsed input that grows with the data" :
				  src == 4 ? "a remote service's answer that grows with its data" :
				  src == 5 ? "an async generator's stream of items" :
				  "a parameter list that grows with the data");
		qe_n1_recommendation(in, m, f, &r);
		sem_add_line(f, m, loop->line);
	}
}

static void qe_n_plus_one_prepare(const struct audit_input *in)
{
	qe_resolvers_prepare(in);
	qe_serializers_prepare(in);
}

const struct check_impl check_n_plus_one = {
	.def = &qe_checks[QE_N_PLUS_ONE],
	.file = qe_n_plus_one_file,
	.prepare = qe_n_plus_one_prepare,
};
