/* n_update_delete_loop (ln-651): one UPDATE or DELETE round trip per item. */
#include "auditor.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "semantic.h"
#include "db-ops.h"
#include "qe.h"
#include "summary.h"
#include "dispatch.h"

/* For a write through a helper: the set-based statement belongs in a
 * helper that takes the list, called once after the loop. */
static void qe_helper_advice(struct finding *f, const char *helper)
{
	char *stack = f->recommendation ? strdup(f->recommendation) : NULL;

	finding_set_recommendation(f, "Give `%s` a variant that takes the whole list and call "
				   "it once after the loop%s%s", helper, stack ? ": " : ".",
				   stack ? stack : "");
	free(stack);
}

/* What kind of statement a per-item write is, for the wording. */
enum qe_write_kind { QE_W_ORM, QE_W_REPO, QE_W_SQL, QE_W_UPSERT };

/* Recommendation for set-based updates and deletes, by stack. */
static void qe_update_recommendation(const struct audit_input *in, const struct model *m,
				     struct finding *f, const char *what, int is_delete,
				     enum qe_write_kind kind, const char *sql_call)
{
	enum sem_db_stack stack = sem_db_stack(in->proj);
	const char *key;
	char text[1024];

	if (db_advice(in, m, "n_update_delete_loop", what, f))
		return;
	/* the catalog's wording: "n_update_delete_loop.<form>_<op>" */
	if (kind == QE_W_REPO) {
		key = "n_update_delete_loop.repo_fix";
	} else if (kind == QE_W_UPSERT) {
		key = "n_update_delete_loop.upsert_fix";
	} else if (kind == QE_W_SQL) {
		/* keep the placeholder style of the driver in use */
		if (strstr(sql_call, "$1"))
			key = is_delete ? "n_update_delete_loop.sql_dollar_delete" :
					  "n_update_delete_loop.sql_dollar_update";
		else if (strstr(sql_call, "%s"))
			key = is_delete ? "n_update_delete_loop.sql_percent_delete" :
					  "n_update_delete_loop.sql_percent_update";
		else
			key = is_delete ? "n_update_delete_loop.sql_named_delete" :
					  "n_update_delete_loop.sql_named_update";
	} else if (stack == SEM_DJANGO) {
		key = is_delete ? "n_update_delete_loop.django_delete" :
				  "n_update_delete_loop.django_update";
	} else if (stack == SEM_ASYNCPG || stack == SEM_PSYCOPG) {
		key = "n_update_delete_loop.sql_driver_fix";
	} else if (stack == SEM_SA_ASYNC) {
		key = is_delete ? "n_update_delete_loop.sa_async_delete" :
				  "n_update_delete_loop.sa_async_update";
	} else {
		key = is_delete ? "n_update_delete_loop.sa_delete" : "n_update_delete_loop.sa_update";
	}
	if (db_text(m, key, (const char *const[]){ "what", what, NULL }, text, sizeof text))
		finding_set_recommendation(f, "%s", text);
}

/* True when the row-picking part of statement text (`.where(...)` or
 * `.filter(...)`, up to `.values(` / `.update(` / `.delete(`) names
 * nothing the loop binds: every pass writes the same rows (a progress or
 * heartbeat write), not one row per item. */
static int qe_same_rows(const struct model *m, const struct node *loop, const char *text)
{
	char where[2048];
	const char *w, *e;

	/* the first of .where( / .filter( / .filter_by( in the list's order */
	if ((w = qe_find(m, "qe_row_filters", text, NULL)) == NULL)
		return 0;
	snprintf(where, sizeof where, "%s", w);
	/* cut at the earliest .values( / .update( / .delete( */
	while ((e = qe_find(m, "qe_write_ends", where, NULL)) != NULL)
		where[e - where] = '\0';
	return !sem_mentions_loop_target(m, loop, where);
}

/* True when statement text filters by a list: an object key of the
 * catalog words set_based_filter_keys (Prisma's `{ id: { in: ids } }`). */
static int qe_set_based_filter(const struct model *m, const char *text)
{
	const struct catalog_list *keys = catalog_get(m->lang, "set_based_filter_keys");
	const char *p;

	if (catalog_list_empty(keys))
		return 0;
	for (p = text; *p; p++) {
		char word[32];
		size_t n = 0;
		const char *q;

		if (!sem_ident_char(*p) || (p > text && sem_ident_char(p[-1])))
			continue;
		while (sem_ident_char(p[n]) && n + 1 < sizeof word) {
			word[n] = p[n];
			n++;
		}
		word[n] = '\0';
		for (q = p + n; *q == ' '; q++)
			;
		if (*q == ':' && q[1] != ':' && catalog_match(keys, word))
			return 1;
		p += n - 1;
	}
	return 0;
}

/* Appends to text the value of the plain name that is c's first
 * argument when it is assigned in c's function before c (the SQL
 * template a raw query method is handed). */
static void qe_append_sql_var(const struct model *m, const struct node *c, char *text,
			      size_t size)
{
	const struct node *fn = model_enclosing_func(m, c), *a;
	char name[SEM_NAME_MAX];
	size_t used = strlen(text);

	if (fn == NULL || c->u.call->n_args == 0 || c->u.call->args[0].name != NULL ||
	    c->u.call->args[0].expr.len >= sizeof name)
		return;
	span_copy(m, c->u.call->args[0].expr, name, sizeof name);
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '$')
			return;
	if ((a = sem_assignment(m, fn, name, c->line)) == NULL || a->value.len == 0 ||
	    used + 2 >= size)
		return;
	text[used++] = ' ';
	span_copy(m, a->value, text + used, size - used);
}

/* `db.Exec(query, params...)` with `params = []interface{}{postID, owner}`
 * built just before: the values of a spread argument name the row, so its
 * last assignment before c is appended to text. */
static void qe_append_spread_args(const struct model *m, const struct node *c, char *text,
				  size_t size)
{
	const struct node *fn = model_enclosing_func(m, c), *a;
	char name[SEM_NAME_MAX];

	if (fn == NULL)
		return;
	for (uint32_t i = 1; i < c->u.call->n_args; i++) {
		size_t n = c->u.call->args[i].expr.len, used = strlen(text);

		/* the parser names a spread argument "*" (`xs...`) */
		if (c->u.call->args[i].name == NULL || strcmp(c->u.call->args[i].name, "*") != 0 ||
		    n == 0 || n >= sizeof name)
			continue;
		span_copy(m, c->u.call->args[i].expr, name, sizeof name);
		for (const char *p = name; *p; p++)
			if (!isalnum((unsigned char)*p) && *p != '_')
				return;
		if ((a = sem_assignment(m, fn, name, c->line)) == NULL || a->value.len == 0 ||
		    used + 2 >= size)
			continue;
		text[used++] = ' ';
		span_copy(m, a->value, text + used, size - used);
	}
}

/* True when loop ranges over a local bound, before it, to a written list
 * of at most ten elements each holding an empty composite value
 * (`[]struct{...}{{"user_id", &Favorite{}}, {"owner_id", &Token{}}}`):
 * a fixed list of models, each a table and no row. One statement per
 * model over such a list is SPEC's "one set-based statement per model
 * class over a fixed list of models", not a per-row write. A list bound
 * again (`append(...)`) or built from values stays. */
static int qe_model_list_loop(const struct model *m, const struct node *loop)
{
	const struct node *fn = sem_func(m, loop), *a;
	char it[64], val[1024];
	const char *p, *body;
	int depth = 0, elems = 0, empties = 0, cur_empty = 0, in_elem = 0;
	char quote = 0;

	if (fn == NULL || loop->u.loop == NULL || (loop->flags & NF_WHILE) ||
	    loop->u.loop->iter.len == 0 || loop->u.loop->iter.len >= sizeof it)
		return 0;
	span_copy(m, loop->u.loop->iter, it, sizeof it);
	for (p = it; *p; p++)
		if (!sem_ident_char(*p))
			return 0;
	if ((a = sem_assignment(m, fn, it, loop->line)) == NULL || a->value.len == 0 ||
	    a->value.len >= sizeof val)
		return 0;
	span_copy(m, a->value, val, sizeof val);
	if (strncmp(val, "[]", 2) != 0)
		return 0;
	/* the elements' braces: the last top-level `{` opens the list (a
	 * `struct{...}` element type comes before it) */
	body = NULL;
	for (p = val; *p; p++) {
		if (*p == '{' && depth++ == 0)
			body = p;
		else if (*p == '}')
			depth--;
	}
	if (body == NULL || depth != 0)
		return 0;
	for (p = body + 1, depth = 0; *p; p++) {
		if (quote) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == quote)
				quote = 0;
			continue;
		}
		if (*p == '"' || *p == '`' || *p == '\'') {
			quote = *p;
			in_elem = 1;
			continue;
		}
		if (*p == '{') {
			if (p[1] == '}')
				cur_empty = 1;
			depth++;
			in_elem = 1;
		} else if (*p == '}' && depth == 0) {
			break;
		} else if (*p == '}') {
			depth--;
		} else if (*p == ',' && depth == 0) {
			if (in_elem) {
				elems++;
				empties += cur_empty;
			}
			in_elem = cur_empty = 0;
		} else if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
			in_elem = 1;
		}
	}
	if (in_elem) {
		elems++;
		empties += cur_empty;
	}
	return elems > 0 && elems <= 10 && empties == elems;
}

/* Classifies call c as a per-item UPDATE/DELETE; fills what (model,
 * table or repository), *kind, *builder (the update()/delete() call when
 * there is one) and *is_delete. */
static int qe_update_trigger(const struct audit_input *in, const struct model *m,
			     const struct node *loop, const struct node *c,
			     char *what, size_t size, int *is_delete,
			     enum qe_write_kind *kind, const struct node **builder)
{
	char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX], text[2048], sql[512], verb[16];
	const char *name = c->u.call->name;
	const struct node *k;
	struct db_op_info oi;

	/* the catalog's ORM writes and SQL UPDATE/DELETE (db-ops.h); an ORM
	 * upsert (`prisma.tag.upsert`) writes a row per call too, and a
	 * set-based update or delete (`updateMany`) is one statement per item
	 * when its filter names the item rather than a list */
	int bulk = 0;

	db_call_op(m, c, &oi);
	if (oi.op == DB_OP_BULK &&
	    (catalog_match_call(catalog_get(m->lang, "orm_bulk_update_calls"), m, c) ||
	     (bulk = catalog_match_call(catalog_get(m->lang, "orm_bulk_delete_calls"), m, c)))) {
		oi.op = bulk ? DB_OP_DELETE : DB_OP_UPDATE;
		bulk = 1;
	} else if (oi.op == DB_OP_UPSERT && !oi.sql) {
		oi.op = DB_OP_UPDATE;
	}
	if (oi.op == DB_OP_UPDATE || oi.op == DB_OP_DELETE ||
	    (oi.op == DB_OP_NONE &&
	     (qe_wrapped_op(in, m, c, &oi) == DB_OP_UPDATE || oi.op == DB_OP_DELETE))) {
		/* the set-based method's own name is no list in its filter:
		 * only its arguments are asked (`updateMany(` has "any(") */
		if (bulk)
			span_copy(m, c->u.call->args_text, text, sizeof text);
		else
			sem_node_text(m, c, text, sizeof text);
		/* `$executeRaw(upd)` with `upd` a SQL template built just
		 * before: the template names the row */
		if (oi.sql) {
			qe_append_sql_var(m, c, text, sizeof text);
			qe_append_spread_args(m, c, text, sizeof text);
		}
		if (sem_text_set_based(text) || qe_set_based_filter(m, text) ||
		    !sem_mentions_loop_target(m, loop, text))
			return 0;
		*is_delete = oi.op == DB_OP_DELETE;
		*kind = oi.sql ? QE_W_SQL : QE_W_ORM;
		*builder = NULL;
		snprintf(what, size, "%s", oi.target[0] ? oi.target : "the model");
		return 1;
	}
	/* cheap name test first: the statement text is built and searched
	 * only for calls that can write (this runs for every call in a loop) */
	if (!catalog_match(catalog_get(m->lang, "repo_write_methods"), name) &&
	    !qe_word(m, "qe_queryset_writes", name) && !sem_session_call(m, c, "db_execute"))
		return 0;
	sem_callee(m, c, callee, sizeof callee);
	sem_node_text(m, c, text, sizeof text);
	if (sem_text_set_based(text) || !sem_mentions_loop_target(m, loop, text))
		return 0;
	*is_delete = qe_word(m, "qe_delete_names", name);
	*kind = QE_W_ORM;
	*builder = NULL;
	/* repository methods: await self.jobs.mark_failed(job.id) */
	sem_receiver_name(callee, recv, sizeof recv);
	if (catalog_match(catalog_get(m->lang, "repo_receivers"), recv) &&
	    catalog_match(catalog_get(m->lang, "repo_write_methods"), name) &&
	    !qe_word(m, "qe_set_repo_methods", name)) {
		snprintf(what, size, "%.200s", recv);
		*kind = QE_W_REPO;
		return 1;
	}
	/* querysets and legacy Query: Job.objects.filter(pk=x).update(...) */
	if ((qe_word(m, "qe_django_managers", callee) || qe_word(m, "qe_query_chains", callee)) &&
	    qe_word(m, "qe_queryset_writes", name)) {
		const char *o = qe_find(m, "qe_django_managers", callee, NULL);

		if (qe_same_rows(m, loop, text))
			return 0;
		*is_delete = qe_word(m, "qe_delete_names", name);
		if (o != NULL)
			snprintf(what, size, "%.*s", (int)(o - callee), callee);
		else
			snprintf(what, size, "%s", "the model");
		return 1;
	}
	if (!sem_session_call(m, c, "db_execute"))
		return 0;
	for (k = c->first_child ? model_node(m, c->first_child) : NULL; k != NULL && budget_step();
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
		char target[256], arg0[256];
		int upd, del;

		if (k->kind != NODE_CALL)
			continue;
		upd = sem_call_is(m, k, "sql_update");
		del = !upd && sem_call_is(m, k, "sql_delete");
		if (!upd && !del)
			continue;
		if (c->u.call->n_args >= 2 && qe_arg(m, c, 1, arg0, sizeof arg0)[0] == '[')
			return 0;  /* executemany-style parameter list */
		sem_chain_head_args(m, k, what, size);
		/* delete(model) for each model: one bulk statement per table */
		span_copy(m, loop->u.loop->target, target, sizeof target);
		if (what[0] != '\0' && strcmp(what, target) == 0)
			return 0;
		if (what[0] == '\0')
			snprintf(what, size, "%s", qe_model_placeholder(m));
		if (qe_same_rows(m, loop, text))
			return 0;
		*is_delete = del;
		*builder = k;
		return 1;
	}
	if (sem_sql_arg(m, c, sql, sizeof sql) != NULL) {
		sem_sql_verb(sql, verb, sizeof verb);
		if (qe_word(m, "qe_sql_row_writes", verb)) {
			const char *t = sql;
			size_t n = 0, fl = 0;
			char rows[512];

			/* `... WHERE id = $2` bound to a key the loop does not
			 * change: the same row on every pass */
			if (strcasestr(sql, " where ") != NULL &&
			    sem_sql_row_text(m, c, rows, sizeof rows) &&
			    !sem_mentions_loop_target(m, loop, rows))
				return 0;

			*is_delete = verb[0] == 'D';
			*kind = QE_W_SQL;
			while (*t == ' ')
				t++;
			t += 6;
			while (*t == ' ')
				t++;
			if (*is_delete && qe_find_nocase(m, "qe_sql_from", t, &fl) == t)
				for (t += fl; *t == ' '; t++)
					;
			while (t[n] && t[n] != ' ' && n + 1 < size)
				n++;
			snprintf(what, size, "%.*s", (int)n, t);
			return 1;
		}
	}
	return 0;
}

/* True when k is a call, other than the write c, that blocks on
 * something other than the database (file, HTTP, a TLS probe, a sleep):
 * directly or through a project helper (summaries). */
static int qe_blocking_work(const struct audit_input *in, size_t fi, const struct node *k,
			    const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;

	return k->kind == NODE_CALL && k != c && k->u.call != NULL && k->u.call->name != NULL &&
	       ((summary_call_facts(in->sum, fi, k) & SUM_BLOCKING) ||
		sem_call_is(m, k, "blocking") || sem_call_is(m, k, "network_clients"));
}

/* True when the loop also waits per item on something other than the
 * database: a direct blocking or network call, or a project helper that
 * blocks and touches no rows (`self.pause()` around `time.sleep`). A
 * loop paced like this (a mail and a pause per account) saves each item
 * as it is done, deliberately: the UPDATE is not its cost. */
static int qe_loop_waits(const struct audit_input *in, size_t fi, const struct node *loop,
			 const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *k;

	for (k = NULL; (k = model_walk(m, loop, k, 0)) != NULL && budget_step(); ) {
		unsigned facts;

		if (k->kind != NODE_CALL || k == c || k->u.call == NULL || k->u.call->name == NULL)
			continue;
		if (sem_call_is(m, k, "blocking") || sem_call_is(m, k, "network_clients") ||
		    sem_call_is(m, k, "sleep_calls"))
			return 1;
		facts = in->sum ? summary_call_facts(in->sum, fi, k) : 0;
		if ((facts & SUM_BLOCKING) && !(facts & (SUM_DB_READ | SUM_DB_WRITE | SUM_COMMITS)))
			return 1;
	}
	return 0;
}

/* True for `obj.save()` / `obj.delete()` (and async variants) on the loop
 * variable in a Django project: one UPDATE/DELETE per loaded object. */
static int qe_django_instance_write(const struct audit_input *in, const struct model *m,
				    const struct node *loop, const struct node *c,
				    char *what, size_t size, int *is_delete)
{
	const char *name = c->u.call->name, *callee = c->u.call->callee;
	char target[256];
	size_t rl;

	if (sem_db_stack(in->proj) != SEM_DJANGO || loop->u.loop == NULL)
		return 0;
	/* Django's save()/delete() take keywords only; obj.save(path) is not it */
	for (size_t i = 0; i < c->u.call->n_args; i++)
		if (c->u.call->args[i].name == NULL)
			return 0;
	if (!qe_word(m, "qe_instance_writes", name))
		return 0;
	rl = (size_t)(name - callee);
	span_copy(m, loop->u.loop->target, target, sizeof target);
	if (rl < 2)
		return 0;
	if (strlen(target) != rl - 1 || strncmp(callee, target, rl - 1) != 0) {
		/* an object the body loads for the item (`issue =
		 * Issue.objects.filter(pk=rec["issue_id"]).first()` ..
		 * `issue.save()`): loaded and written once per item */
		const struct node *fn = model_enclosing_func(m, loop), *as;
		char recv[128], val[512];

		if (rl - 1 >= sizeof recv || fn == NULL)
			return 0;
		snprintf(recv, sizeof recv, "%.*s", (int)(rl - 1), callee);
		for (size_t i = 0; recv[i]; i++)
			if (!sem_ident_char(recv[i]))
				return 0;
		if ((as = sem_assignment(m, fn, recv, c->line)) == NULL ||
		    !model_is_within(m, as, loop) || as->value.len == 0)
			return 0;
		span_copy(m, as->value, val, sizeof val);
		if (catalog_match_pattern(catalog_get(m->lang, "qe_django_managers"), val) == NULL ||
		    !sem_mentions_loop_target(m, loop, val))
			return 0;
		/* ... over items that grow with the data (n_plus_one's
		 * sources): a form's few ticked boxes, one user's handful of
		 * goals are the deliberate per-object writes of an edit */
		{
			struct strbuf origin = STRBUF_INIT;
			int src = qe_loop_source(in, m, fn, loop, &origin);

			sb_release(&origin);
			if (src == 0)
				return 0;
		}
		snprintf(target, sizeof target, "%s", recv);
	}
	*is_delete = name[0] == 'd' || name[1] == 'd';
	snprintf(what, size, "%s", target);
	return 1;
}

/* True for `Model.objects.update_or_create(...)` with the loop's item in
 * its arguments: a SELECT ... FOR UPDATE, then an UPDATE (or an INSERT), in
 * a transaction of its own, per item. Chosen as n_update_delete_loop
 * rather than n_plus_one: what it costs per row is the write. */
static int qe_upsert_write(const struct audit_input *in, const struct model *m,
			   const struct node *loop, const struct node *c, char *what, size_t size)
{
	char callee[SEM_NAME_MAX], text[2048];
	const char *o;

	if (!catalog_match_call(catalog_get(m->lang, "orm_update_or_create"), m, c))
		return 0;
	sem_callee(m, c, callee, sizeof callee);
	/* Django's; a project's own update_or_create is a repository write */
	if (!qe_word(m, "qe_django_managers", callee) && sem_db_stack(in->proj) != SEM_DJANGO)
		return 0;
	sem_node_text(m, c, text, sizeof text);
	if (!sem_mentions_loop_target(m, loop, text))
		return 0;
	if ((o = qe_find(m, "qe_django_managers", callee, NULL)) != NULL) {
		const char *s = o;

		while (s > callee && s[-1] != '.')
			s--;
		snprintf(what, size, "%.*s", (int)(o - s), s);
	} else {
		snprintf(what, size, "%s", qe_model_placeholder(m));
	}
	return 1;
}

/* True when the name a decorator or base class text starts with (up to
 * `(`, `[` or `,`) resolves to an entry of list. */
static int qe_text_names(const struct model *m, const char *text, const struct catalog_list *list)
{
	char name[256], res[256];
	size_t n = 0;

	while (*text == ' ' || *text == '\n')
		text++;
	while (text[n] && (isalnum((unsigned char)text[n]) || text[n] == '_' || text[n] == '.') &&
	       n + 1 < sizeof name) {
		name[n] = text[n];
		n++;
	}
	name[n] = '\0';
	return n > 0 && catalog_match(list, model_resolve(m, name, res, sizeof res));
}

/* True when loop walks the selection of a Django admin action: a method
 * of a ModelAdmin (or a function decorated `@admin.action`) taking
 * (modeladmin, request, queryset) and looping over that queryset. Saving
 * or deleting each selected object there is deliberate: it runs the
 * model's save()/delete() logic and signals for what an operator ticked
 * (SPEC 11), which `queryset.update()` would skip. */
static int qe_admin_selection(const struct model *m, const struct node *loop)
{
	const struct catalog_list *adm = catalog_get(m->lang, "django_admin");
	const struct node *fn = model_enclosing_func(m, loop);
	char iter[256], text[512];
	const char *qs;
	size_t n;

	if (fn == NULL || fn->u.func == NULL || fn->u.func->n_params != 3)
		return 0;
	qs = fn->u.func->params[2].name;
	n = strlen(qs);
	sem_loop_iter(m, loop, iter, sizeof iter);
	if (strncmp(iter, qs, n) != 0 || isalnum((unsigned char)iter[n]) || iter[n] == '_')
		return 0;
	for (uint32_t i = 0; i < fn->u.func->n_decorators; i++)
		if (qe_text_names(m, span_copy(m, fn->u.func->decorators[i], text, sizeof text), adm))
			return 1;
	if ((fn->flags & NF_METHOD) && fn->parent != 0 &&
	    model_node(m, fn->parent)->kind == NODE_CLASS &&
	    model_node(m, fn->parent)->u.cls != NULL) {
		const char *p;

		span_copy(m, model_node(m, fn->parent)->u.cls->bases, text, sizeof text);
		for (p = text; p != NULL && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
			if (qe_text_names(m, p, adm))
				return 1;
	}
	return 0;
}

/* `item.status = "lost"` then a commit, once per item of loop: the
 * commit flushes one UPDATE of the item and ends a transaction, per row.
 * c is the commit: the session's own (`db.session.commit()`), or a
 * project helper that commits (summaries: `store.update(item)`) handed
 * the item or nothing. An attribute of the loop's item set in the loop
 * before c makes it the item's UPDATE. Not when the loop also does
 * blocking work per item (a remote check, a TLS probe): the commit then
 * saves each item's result as it comes, deliberately. Fills what. */
static int qe_attr_commit(const struct audit_input *in, size_t fi, const struct node *loop,
			  const struct node *c, char *what, size_t size)
{
	const struct model *m = in->proj->files[fi].model;
	char target[128], args[256];
	size_t tl;
	const struct node *k, *set = NULL;
	int direct = sem_session_call(m, c, "db_commit");

	if (loop->u.loop == NULL || loop->u.loop->target.len == 0 || in->sum == NULL)
		return 0;
	/* `if processed_in_batch >= BATCH_SIZE: commit()`: one commit per
	 * batch, which is the fix */
	for (k = model_node(m, c->parent); k != NULL && k != loop && node_index(m, k) != 0;
	     k = model_node(m, k->parent)) {
		char cond[200];

		if (k->kind != NODE_IF)
			continue;
		span_copy(m, k->value, cond, sizeof cond);
		if (sem_match_lower(m->lang, "sem_chunk_words", cond))
			return 0;
	}
	span_copy(m, loop->u.loop->target, target, sizeof target);
	tl = strlen(target);
	for (size_t i = 0; i < tl; i++)
		if (!isalnum((unsigned char)target[i]) && target[i] != '_')
			return 0;
	if (tl == 0)
		return 0;
	if (!direct) {
		unsigned facts = summary_call_facts(in->sum, fi, c);

		if (!(facts & SUM_COMMITS) || (facts & (SUM_DB_INSERT | SUM_MEMOISED)))
			return 0;
		span_copy(m, c->u.call->args_text, args, sizeof args);
		if (args[0] != '\0' && strcmp(args, target) != 0)
			return 0;
	}
	for (k = NULL; (k = model_walk(m, loop, k, 0)) != NULL && budget_step(); ) {
		if (k->kind == NODE_ASSIGN && k->line < c->line && k->name != NULL &&
		    strncmp(k->name, target, tl) == 0 && k->name[tl] == '.' &&
		    strchr(k->name + tl + 1, '[') == NULL && set == NULL)
			set = k;
		if (qe_blocking_work(in, fi, k, c))
			return 0;
	}
	if (set == NULL)
		return 0;
	snprintf(what, size, "%s", set->name);
	return 1;
}

/* True when the loop's iterable is cut to at most 10 items by a literal
 * slice (`Variant.objects.all()[:2]`, `rows[:5]`): bounded like a small
 * literal, whatever it slices. */
static int qe_small_slice(const struct model *m, const struct node *loop)
{
	char iter[256];
	const char *s;
	char *end;
	long n;

	if (loop->u.loop == NULL || loop->u.loop->iter.len == 0)
		return 0;
	sem_loop_iter(m, loop, iter, sizeof iter);
	if ((s = strrchr(iter, '[')) == NULL || strncmp(s, "[:", 2) != 0)
		return 0;
	n = strtol(s + 2, &end, 10);
	return end != s + 2 && strcmp(end, "]") == 0 && n <= 10;
}

/* A Go method no code of the project reaches: its name is written
 * nowhere but at its definition, its receiver type is named in no other
 * file, and its file has a function returning that type (the
 * constructor) and none of those is ever called. A maintenance runner left without
 * a caller (memos' memopayload.Runner.RunOnce) is dead code, not a
 * per-row cost anyone pays. A method reached through an interface, a
 * method value or generated registration names either the method or a
 * constructor somewhere, and stays. */
static int qe_unreached_go_method(const struct audit_input *in, size_t fi, const struct node *c)
{
	const struct project *p = in->proj;
	const struct model *m = p->files[fi].model;
	const struct node *fn = model_enclosing_func(m, c);
	char type[128];
	const char *t;
	size_t tn;
	int makers = 0;

	while (fn != NULL && (fn->flags & NF_LAMBDA))
		fn = model_enclosing_func(m, fn);
	if (fn == NULL || !(fn->flags & NF_GO_RECEIVER) || fn->u.func == NULL ||
	    fn->u.func->n_params == 0 || fn->name == NULL ||
	    fn->u.func->params[0].annotation.len == 0)
		return 0;
	span_copy(m, fn->u.func->params[0].annotation, type, sizeof type);
	for (t = type; *t == '*' || *t == ' '; t++)
		;
	tn = strcspn(t, "[ ");
	if (tn == 0 || auditor_word_count(p, (size_t)-1, fn->name, strlen(fn->name), 2) != 1 ||
	    auditor_word_count(p, fi, t, tn, 1) != 0)
		return 0;
	for (uint32_t i = 0; i < m->n_nodes && budget_step(); i++) {
		const struct node *g = &m->nodes[i];
		char ret[128];
		const char *r;

		if (g->kind != NODE_FUNC || g->u.func == NULL || g->name == NULL ||
		    (g->flags & NF_GO_RECEIVER) || g->u.func->returns.len == 0)
			continue;
		span_copy(m, g->u.func->returns, ret, sizeof ret);
		for (r = ret; (r = strstr(r, t)) != NULL; r++)
			if ((r == ret || !(isalnum((unsigned char)r[-1]) || r[-1] == '_')) &&
			    !(isalnum((unsigned char)r[tn]) || r[tn] == '_'))
				break;
		if (r == NULL)
			continue;
		if (auditor_word_count(p, (size_t)-1, g->name, strlen(g->name), 2) != 1)
			return 0;
		makers++;
	}
	return makers > 0;
}

/* n_update_delete_loop — a loop issuing one UPDATE/DELETE per item
 * (`repo.update/delete/save/mark_*`, `session.execute(update(...))`,
 * `.update()`/`.delete()` on querysets, `UPDATE` SQL strings). HIGH when
 * the iterable is unbounded / > 10 items, MEDIUM when it is a small literal. */
/* A project helper named for an update or a delete (the catalog lists
 * qe_update_helper_names, qe_delete_helper_names: `updateStrategy`)
 * called with the loop's item, whose summary reaches the database (a
 * read, the guard before the write) but shows no write: the write sits
 * behind a collaborator the index cannot follow (an injected store).
 * The name is the only witness of the write, so a bounded list (a small
 * literal list, a short slice), a helper named for a set (`updateMany`)
 * and a call that does not name the item stay silent. */
static int qe_named_write(const struct audit_input *in, size_t fi, const struct node *loop,
			  const struct node *c, char *what, size_t size, int *is_delete)
{
	const struct model *m = in->proj->files[fi].model;
	const char *name = c->u.call->name;
	unsigned facts;
	char text[1024];

	if (in->sum == NULL)
		return 0;
	facts = summary_call_facts(in->sum, fi, c);
	if (!(facts & SUM_DB_READ) ||
	    (facts & (SUM_DB_WRITE | SUM_MEMOISED | SUM_SIDE_EFFECT | SUM_COMMITS)))
		return 0;
	if (qe_word(m, "qe_update_helper_names", name))
		*is_delete = 0;
	else if (qe_word(m, "qe_delete_helper_names", name))
		*is_delete = 1;
	else
		return 0;
	if (qe_word(m, "qe_set_helper_names", name) || qe_loop_over_stream(m, loop) ||
	    (loop->flags & NF_SMALL_LITERAL) || qe_small_slice(m, loop))
		return 0;
	sem_node_text(m, c, text, sizeof text);
	if (sem_text_set_based(text) || !sem_mentions_loop_target(m, loop, text))
		return 0;
	snprintf(what, size, "%.*s", (int)strcspn(c->u.call->callee, "("), c->u.call->callee);
	return 1;
}

/* True when the one project function helper call c reaches dispatches on
 * the kind of what it is handed: its body is a `switch` (or `match`)
 * on a field of one of its parameters (`switch (action.type)`) with
 * three arms or more. Each item is a command that runs its own arm (add
 * a tag, remove one, move to a list): the loop runs commands, not one
 * statement per row that a set-based statement could replace. */
int qe_dispatch_helper(const struct audit_input *in, size_t fi, const struct node *c)
{
	struct func_ref ref;
	const struct model *tm;
	const struct node *fn, *k;

	if (in->sum == NULL || !summary_call_target(in->sum, fi, c, &ref) ||
	    ref.file >= in->proj->n_files || (tm = in->proj->files[ref.file].model) == NULL)
		return 0;
	fn = &tm->nodes[ref.node];
	if (fn->kind != NODE_FUNC || fn->u.func == NULL)
		return 0;
	for (k = fn->first_child ? &tm->nodes[fn->first_child] : NULL; k != NULL;
	     k = k->next_sibling ? &tm->nodes[k->next_sibling] : NULL) {
		char subj[128];
		int arms = 0;

		if (k->kind != NODE_MATCH || k->value.len == 0)
			continue;
		span_copy(tm, k->value, subj, sizeof subj);
		for (uint32_t a = k->first_child; a; a = tm->nodes[a].next_sibling)
			arms += tm->nodes[a].kind == NODE_CASE;
		if (arms < 3)
			continue;
		for (uint32_t i = 0; i < fn->u.func->n_params; i++) {
			const char *pn = fn->u.func->params[i].name;
			size_t pl = pn != NULL ? strlen(pn) : 0;

			if (pl > 0 && strncmp(subj, pn, pl) == 0 && subj[pl] == '.')
				return 1;
		}
	}
	return 0;
}

static void qe_n_update_delete_loop_file(const struct audit_input *in, size_t fi,
				       struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct check_def *chk = &qe_checks[QE_N_UPDATE_DELETE_LOOP];
	unsigned char *reported = calloc(m->n_nodes ? m->n_nodes : 1, 1);
	const struct node *c;

	for (c = NULL; (c = model_walk(m, model_node(m, 0), c, 1)); ) {
		const struct node *loop;
		char what[256], call[128], header[128], desc[160], why[300] = "";
		int is_delete = 0, helper = 0;
		unsigned facts;
		struct finding *f;
		enum severity sev;
		enum qe_write_kind kind = QE_W_ORM;
		const struct node *builder = NULL;
		const char *op;

		if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
		    (c->flags & NF_DECORATOR))
			continue;
		loop = qe_per_row_loop(m, c, 1, 0);
		if (loop == NULL || reported[node_index(m, loop)] || loop->u.loop == NULL ||
		    sem_runs_once_in_loop(m, c, loop) ||
		    qe_once_guarded(in, fi, c, loop) || qe_conflict_checked(m, loop) ||
		    qe_loop_prompts(m, loop) ||
		    qe_startup_config_loop(in, fi, c, loop))
			continue;
		if (qe_upsert_write(in, m, loop, c, what, sizeof what))
			kind = QE_W_UPSERT;
		else if (qe_update_trigger(in, m, loop, c, what, sizeof what, &is_delete, &kind,
					   &builder))
			;
		else if (qe_django_instance_write(in, m, loop, c, what, sizeof what, &is_delete)) {
			if (qe_admin_selection(m, loop) || qe_loop_waits(in, fi, loop, c))
				continue;
		} else if (qe_attr_commit(in, fi, loop, c, what, sizeof what)) {
			if (qe_admin_selection(m, loop))
				continue;
			snprintf(why, sizeof why, ", committing the change to `%.100s` made before it", what);
			snprintf(what, sizeof what, "%s", qe_model_placeholder(m));
		} else if (qe_helper_write(in, fi, loop, c, SUM_DB_UPDATE | SUM_DB_DELETE,
					   SUM_DB_INSERT, what, sizeof what, why, sizeof why,
					   &facts)) {
			if (qe_admin_selection(m, loop))
				continue;
			helper = 1;
			is_delete = !(facts & SUM_DB_UPDATE);
		} else if (qe_named_write(in, fi, loop, c, what, sizeof what, &is_delete)) {
			if (qe_admin_selection(m, loop))
				continue;
			helper = 1;
			snprintf(why, sizeof why, " (a helper named for the write; its statement sits "
				 "behind a collaborator)");
		} else {
			continue;
		}
		/* a project method named as a write (`Store.DeleteFile`) that
		 * removes the stored file of its row too: storage first, one
		 * object at a time, is the deliberate unit (the helper form
		 * already knows it, qe_helper_write); or another call of the
		 * loop sends the mail / moves the file the write records */
		if (!helper && ((summary_call_facts(in->sum, fi, c) & SUM_SIDE_EFFECT) ||
				qe_loop_side_effect(in, fi, loop, c)))
			continue;
		if (helper && qe_loop_item_work(m, loop, c))
			continue;
		/* the item marked right after its own e-mail or webhook went
		 * out, skipped when that failed: idempotency (also where the
		 * sender is behind an interface the summary cannot follow) */
		if (qe_loop_ack_after_effect(in, fi, loop, c))
			continue;
		/* a project helper that runs one command per item (its own
		 * arm of a switch on the item's kind) */
		if (qe_dispatch_helper(in, fi, c))
			continue;
		if (qe_unreached_go_method(in, fi, c) || qe_unreached_function(in, fi, c))
			continue;
		/* the parts of one object (a handful); deleting every child of
		 * a row stays: the relation's set deletes them in one statement */
		if (!is_delete && qe_one_object_loop(in, fi, loop))
			continue;
		/* the rows of one pair of objects (one user's rows of one
		 * book): a handful, deletes included */
		if (qe_pair_pinned_loop(in, fi, loop))
			continue;
		/* the columns of one object (`getattr(book, col_name)`): as
		 * many passes as its schema has fields, deletes included */
		if (qe_object_field_loop(m, loop) || qe_path_parts_loop(m, loop) ||
		    qe_fixed_module_list(in, fi, loop))
			continue;
		/* one statement per table over a written list of models */
		if (qe_model_list_loop(m, loop))
			continue;
		reported[node_index(m, loop)] = 1;
		sev = (loop->flags & NF_SMALL_LITERAL) || qe_small_slice(m, loop) ?
		      SEV_MEDIUM : SEV_HIGH;
		f = auditor_emit(in, out, chk, sev, fi, c);
		if (f == NULL)
			continue;
		sem_call_source(m, c, call, sizeof call);
		if (builder != NULL && strstr(call, "...") != NULL) {
			/* session.execute(\n update(Job)...): show the statement */
			char stmt[100];

			sem_call_source(m, builder, stmt, sizeof stmt);
			snprintf(call, sizeof call, "%.*s(%s)",
				 (int)strlen(c->u.call->callee), c->u.call->callee, stmt);
		}
		sem_header_text(m, loop, header, sizeof header);
		sem_func_desc(in, fi, c, desc, sizeof desc);
		op = catalog_text(m->lang, kind == QE_W_UPSERT ? "n_update_delete_loop.op_upsert" :
				  is_delete ? "n_update_delete_loop.op_delete" :
				  "n_update_delete_loop.op_update");
		finding_set_issue(f, "`%s` runs once per item of `%s` in %s: one %s round trip "
				  "per row%s%s", call, header, desc, op ? op : "",
				  sev == SEV_HIGH ? " of a collection that grows with the data" :
				  (loop->flags & NF_SMALL_LITERAL) ? " (small literal list)" :
				  " (a slice of at most 10 items)", why);
		qe_update_recommendation(in, m, f, helper ? qe_model_placeholder(m) : what, is_delete,
					 kind, call);
		if (helper)
			qe_helper_advice(f, what);
		sem_add_line(f, m, loop->line);
	}
	free(reported);
}

const struct check_impl check_n_update_delete_loop = {
	.def = &qe_checks[QE_N_UPDATE_DELETE_LOOP],
	.file = qe_n_update_delete_loop_file,
};
