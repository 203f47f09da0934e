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
	const char *aw = sem_db_stack(in->proj) == SEM_SA_ASYNC ? "await " : "";

	if (db_advice(in, m, "n_update_delete_loop", what, f))
		return;

	if (kind == QE_W_REPO) {
		finding_set_recommendation(f, "Give `%s` a set-based method (e.g. one that takes "
					   "the list of ids and runs a single `UPDATE ... WHERE id "
					   "IN (...)`) and call it once after the loop.", what);
		return;
	}
	if (kind == QE_W_UPSERT) {
		finding_set_recommendation(f, "Write the collection in one statement: "
					   "`%s.objects.bulk_create(objs, update_conflicts=True, "
					   "unique_fields=[...], update_fields=[...])` (Django 4.1+), "
					   "or load the existing rows once (`in_bulk`), `bulk_update` "
					   "them and `bulk_create` the rest.", what);
		return;
	}
	if (kind == QE_W_SQL) {
		/* keep the placeholder style of the driver in use */
		const char *any = strstr(sql_call, "$1") ? "= ANY($1::bigint[])" :
				  strstr(sql_call, "%s") ? "= ANY(%s)" : "IN :ids";
		finding_set_recommendation(f, "Send one statement for the whole collection: "
					   "`%s ... WHERE id %s` with the list of keys%s, or "
					   "`executemany` when each row needs its own values.",
					   is_delete ? "DELETE FROM" : "UPDATE", any,
					   strcmp(any, "IN :ids") == 0 ?
					   " (`bindparam(\"ids\", expanding=True)`)" : "");
		return;
	}
	switch (sem_db_stack(in->proj)) {
	case SEM_DJANGO:
		finding_set_recommendation(f, is_delete ?
			"Delete once: `%s.objects.filter(pk__in=ids).delete()`." :
			"Update once: `%s.objects.filter(pk__in=ids).update(...)`, or "
			"`bulk_update(objs, fields, batch_size=500)` when values differ per row.",
			what);
		break;
	case SEM_ASYNCPG:
	case SEM_PSYCOPG:
		finding_set_recommendation(f,
			"Send one statement for the whole collection: `... WHERE id = ANY($1)` with "
			"the list of ids, or `executemany` when each row gets its own values.");
		break;
	default:
		if (is_delete)
			finding_set_recommendation(f,
				"Delete once: `%ssession.execute(delete(%s).where(%s.id.in_(ids)))`.",
				aw, what, what);
		else
			finding_set_recommendation(f,
				"Update once: `%ssession.execute(update(%s).where(%s.id.in_(ids))"
				".values(...))`; when values differ per row, pass a list to a bulk "
				"UPDATE by primary key: `%ssession.execute(update(%s), [{\"id\": ..., "
				"...}, ...])`.", aw, what, what, aw, what);
		break;
	}
}

/* True when the row-picking part of statement text (`.where(...)` or
 * `.filter(...)`, up to `.values(` / `.update(` / `.delete(`) names
 * nothing the loop binds: every pass writes the same rows (a progress or
 * heartbeat write), not one row per item. */
static int qe_same_rows(const struct model *m, const struct node *loop, const char *text)
{
	static const char *const ends[] = { ".values(", ".update(", ".delete(" };
	char where[2048];
	const char *w;
	size_t i;

	if ((w = strstr(text, ".where(")) == NULL && (w = strstr(text, ".filter(")) == NULL &&
	    (w = strstr(text, ".filter_by(")) == NULL)
		return 0;
	snprintf(where, sizeof where, "%s", w);
	for (i = 0; i < sizeof ends / sizeof *ends; i++) {
		char *e = strstr(where, ends[i]);

		if (e != NULL)
			*e = '\0';
	}
	return !sem_mentions_loop_target(m, loop, where);
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

	/* the catalog's ORM writes and SQL UPDATE/DELETE (db-ops.h) */
	if (db_call_op(m, c, &oi) == DB_OP_UPDATE || oi.op == DB_OP_DELETE ||
	    (oi.op == DB_OP_NONE &&
	     (qe_wrapped_op(in, m, c, &oi) == DB_OP_UPDATE || oi.op == DB_OP_DELETE))) {
		sem_node_text(m, c, text, sizeof text);
		if (sem_text_set_based(text) || !sem_mentions_loop_target(m, loop, text))
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
	    strcmp(name, "update") != 0 && strcmp(name, "delete") != 0 &&
	    strcmp(name, "aupdate") != 0 && strcmp(name, "adelete") != 0 &&
	    !sem_session_call(m, c, "db_execute"))
		return 0;
	sem_callee(m, c, callee, sizeof callee);
	sem_node_text(m, c, text, sizeof text);
	if (sem_text_set_based(text) || !sem_mentions_loop_target(m, loop, text))
		return 0;
	*is_delete = strstr(name, "delete") != NULL || strstr(name, "remove") != NULL;
	*kind = QE_W_ORM;
	*builder = NULL;
	/* repository methods: await self.jobs.mark_failed(job.id) */
	sem_receiver_name(callee, recv, sizeof recv);
	if (catalog_match(catalog_get(m->lang, "repo_receivers"), recv) &&
	    catalog_match(catalog_get(m->lang, "repo_write_methods"), name) &&
	    strstr(name, "many") == NULL && strstr(name, "bulk") == NULL &&
	    strstr(name, "all") == NULL && strstr(name, "batch") == NULL) {
		snprintf(what, size, "%.200s", recv);
		*kind = QE_W_REPO;
		return 1;
	}
	/* querysets and legacy Query: Job.objects.filter(pk=x).update(...) */
	if ((strstr(callee, ".objects.") != NULL || strstr(callee, ".query(") != NULL) &&
	    (strcmp(name, "update") == 0 || strcmp(name, "delete") == 0 ||
	     strcmp(name, "aupdate") == 0 || strcmp(name, "adelete") == 0)) {
		const char *o = strstr(callee, ".objects.");

		if (qe_same_rows(m, loop, text))
			return 0;
		*is_delete = strstr(name, "delete") != NULL;
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
			snprintf(what, size, "%s", "Model");
		if (qe_same_rows(m, loop, text))
			return 0;
		*is_delete = del;
		*builder = k;
		return 1;
	}
	if (sem_sql_arg(m, c, sql, sizeof sql) != NULL) {
		sem_sql_verb(sql, verb, sizeof verb);
		if (strcmp(verb, "UPDATE") == 0 || strcmp(verb, "DELETE") == 0) {
			const char *t = sql;
			size_t n = 0;
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
			if (*is_delete && strncasecmp(t, "from", 4) == 0)
				for (t += 4; *t == ' '; t++)
					;
			while (t[n] && t[n] != ' ' && n + 1 < size)
				n++;
			snprintf(what, size, "%.*s", (int)n, t);
			return 1;
		}
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
	if (strcmp(name, "save") != 0 && strcmp(name, "asave") != 0 &&
	    strcmp(name, "delete") != 0 && strcmp(name, "adelete") != 0)
		return 0;
	rl = (size_t)(name - callee);
	span_copy(m, loop->u.loop->target, target, sizeof target);
	if (rl < 2 || strlen(target) != rl - 1 || strncmp(callee, target, rl - 1) != 0)
		return 0;
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
	if (strstr(callee, ".objects.") == NULL && sem_db_stack(in->proj) != SEM_DJANGO)
		return 0;
	sem_node_text(m, c, text, sizeof text);
	if (!sem_mentions_loop_target(m, loop, text))
		return 0;
	if ((o = strstr(callee, ".objects.")) != NULL) {
		const char *s = o;

		while (s > callee && s[-1] != '.')
			s--;
		snprintf(what, size, "%.*s", (int)(o - s), s);
	} else {
		snprintf(what, size, "%s", "Model");
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

/* n_update_delete_loop — a loop issuing one UPDATE/DELETE per item
 * (`repo.update/delete/save/mark_*`, `session.execute(update(...))`,
 * `.update()`/`.delete()` on querysets, `UPDATE` SQL strings). HIGH when
 * the iterable is unbounded / > 10 items, MEDIUM when it is a small literal. */
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

		if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
		    (c->flags & NF_DECORATOR))
			continue;
		loop = qe_per_row_loop(m, c, 1, 0);
		if (loop == NULL || reported[node_index(m, loop)] || loop->u.loop == NULL ||
		    sem_runs_once_in_loop(m, c, loop))
			continue;
		if (qe_upsert_write(in, m, loop, c, what, sizeof what))
			kind = QE_W_UPSERT;
		else if (qe_update_trigger(in, m, loop, c, what, sizeof what, &is_delete, &kind,
					   &builder))
			;
		else if (qe_django_instance_write(in, m, loop, c, what, sizeof what, &is_delete)) {
			if (qe_admin_selection(m, loop))
				continue;
		} else if (qe_helper_write(in, fi, loop, c, SUM_DB_UPDATE | SUM_DB_DELETE,
					   SUM_DB_INSERT, what, sizeof what, why, sizeof why,
					   &facts)) {
			if (qe_admin_selection(m, loop))
				continue;
			helper = 1;
			is_delete = !(facts & SUM_DB_UPDATE);
		} else {
			continue;
		}
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
		finding_set_issue(f, "`%s` runs once per item of `%s` in %s: one %s round trip "
				  "per row%s%s", call, header, desc,
				  kind == QE_W_UPSERT ? "SELECT FOR UPDATE + UPDATE (or INSERT)" :
				  is_delete ? "DELETE" : "UPDATE",
				  sev == SEV_HIGH ? " of a collection that grows with the data" :
				  (loop->flags & NF_SMALL_LITERAL) ? " (small literal list)" :
				  " (a slice of at most 10 items)", why);
		qe_update_recommendation(in, m, f, helper ? "Model" : what, is_delete, kind, call);
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
