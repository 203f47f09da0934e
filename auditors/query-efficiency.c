/* ln-651 Query Efficiency: per-row writes in loops.
 *
 * A write is "per row" when a loop over a collection that grows with the
 * data issues one statement per item. Set-based statements in a loop
 * (`WHERE id IN (...)`, executemany, one statement per chunk or per model)
 * are not, and neither is re-adding an object that was just loaded: only
 * constructing new rows (or deleting loaded ones one by one) is. */
#include "auditor.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-common.h"
#include "db-ops.h"
#include "query-efficiency.h"
#include "summary.h"

/* The statement a call of a project function runs when that function is
 * a wrapper around it: `qtx.InsertItemLine(ctx, arg)` reaches sqlc's
 * `func (q *Queries) InsertItemLine` whose own first write is
 * `q.db.QueryRowContext(ctx, insertItemLine, ...)` with the SQL in a
 * constant. Only one helper away (the witness sits in the function called
 * and every definition of the name writes); fills oi from the witness. */
static enum db_op qe_wrapped_op(const struct audit_input *in, const struct model *m,
				const struct node *c, struct db_op_info *oi)
{
	struct summary_witness w;
	const struct model *wm;
	const struct node *wc, *wf;
	size_t fi;

	memset(oi, 0, sizeof *oi);
	if (in->sum == NULL || c->u.call == NULL || c->u.call->name == NULL)
		return DB_OP_NONE;
	for (fi = 0; fi < in->proj->n_files && in->proj->files[fi].model != m; fi++)
		;
	if (fi == in->proj->n_files ||
	    !summary_call_has(in->sum, in->proj, fi, c, SUM_DB_WRITE, &w) ||
	    w.file == UINT32_MAX || (wm = in->proj->files[w.file].model) == NULL)
		return DB_OP_NONE;
	wc = model_node(wm, w.node);
	wf = model_enclosing_func(wm, wc);
	if (wf == NULL || wf->name == NULL || strcmp(wf->name, c->u.call->name) != 0 ||
	    db_call_op(wm, wc, oi) == DB_OP_NONE || !oi->sql)
		return DB_OP_NONE;
	snprintf(oi->what, sizeof oi->what, "%.127s", c->u.call->callee);
	return oi->op;
}


/* True when call c constructs a new ORM row: a model the index knows, or,
 * when the project declares no models, a CapWords class. */
static int qe_is_constructor(const struct audit_input *in, const struct model *m,
			     const struct node *c, char *model, size_t size)
{
	const char *name;

	if (c == NULL || c->kind != NODE_CALL || c->u.call == NULL ||
	    (name = c->u.call->name) == NULL || strchr(c->u.call->callee, '(') != NULL)
		return 0;
	(void)m;
	if (name[0] < 'A' || name[0] > 'Z')
		return 0;
	if (index_n_models(in->proj->index) > 0) {
		if (index_model_named(in->proj->index, name) == NULL)
			return 0;
	} else {
		size_t i;
		int lower = 0;

		for (i = 0; name[i]; i++)
			lower |= name[i] >= 'a' && name[i] <= 'z';
		if (!lower)
			return 0;
	}
	snprintf(model, size, "%s", name);
	return 1;
}

/* The first direct child call of n, or NULL. */
static const struct node *qe_first_child_call(const struct model *m, const struct node *n)
{
	const struct node *k;

	for (k = n->first_child ? model_node(m, n->first_child) : NULL; k != NULL && budget_step();
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		if (k->kind == NODE_CALL)
			return k;
	return NULL;
}

/* True when `name = Model(...)` is assigned somewhere under loop. */
static int qe_assigned_constructor(const struct audit_input *in, const struct model *m,
				   const struct node *loop, const char *name,
				   char *model, size_t size)
{
	const struct node *n;

	for (n = NULL; (n = model_walk(m, loop, n, 0)); ) {
		const struct node *c;

		if (n->kind != NODE_ASSIGN || n->name == NULL || strcmp(n->name, name) != 0)
			continue;
		c = qe_first_child_call(m, n);
		if (c != NULL && span_starts(m, n->value, c->u.call->callee) &&
		    qe_is_constructor(in, m, c, model, size))
			return 1;
	}
	return 0;
}

const struct node *qe_per_row_loop(const struct model *m, const struct node *c, int allow_small,
				   int allow_while)
{
	const struct node *l, *small = NULL;

	for (l = model_enclosing_loop(m, c); l != NULL; l = model_enclosing_loop(m, l)) {
		if (dbc_loop_not_per_row(m, l))
			return NULL;
		if ((l->flags & NF_WHILE) && !allow_while && !dbc_loop_cursor(m, l))
			continue;
		if (l->flags & NF_SMALL_LITERAL) {
			if (small == NULL)
				small = l;
			continue;
		}
		return l;
	}
	return allow_small ? small : NULL;
}

/* The text of positional argument i of call c, or "" (into buf). */
static const char *qe_arg(const struct model *m, const struct node *c, uint32_t i,
			  char *buf, size_t size)
{
	buf[0] = '\0';
	if (c->u.call != NULL && i < c->u.call->n_args && c->u.call->args[i].name == NULL)
		span_copy(m, c->u.call->args[i].expr, buf, size);
	return buf;
}

/* Recommendation for batching inserts, by stack. */
static void qe_bulk_recommendation(const struct audit_input *in, const struct model *m,
				   struct finding *f, const char *model, int deleting)
{
	if (db_advice(in, m, "missing_bulk_ops", model, f))
		return;
	switch (dbc_stack(in->proj)) {
	case DBC_DJANGO:
		finding_set_recommendation(f, deleting ?
			"Delete in one statement: `%s.objects.filter(pk__in=ids).delete()`." :
			"Build the objects in a list and insert them once with "
			"`%s.objects.bulk_create(objs, batch_size=500)`.", model);
		break;
	case DBC_ASYNCPG:
		finding_set_recommendation(f, deleting ?
			"Delete in one statement: `DELETE ... WHERE id = ANY($1::bigint[])`." :
			"Collect the rows and send them once with `await conn.executemany(...)` "
			"or `await conn.copy_records_to_table(...)` for large batches.");
		break;
	case DBC_PSYCOPG:
		finding_set_recommendation(f, deleting ?
			"Delete in one statement: `DELETE ... WHERE id = ANY(%%s)` with a list." :
			"Collect the rows and send them once with `cursor.executemany(...)` "
			"(psycopg 3 pipelines it) or `COPY` for large batches.");
		break;
	case DBC_SA_ASYNC:
	case DBC_SA_SYNC:
		if (deleting)
			finding_set_recommendation(f,
				"Delete in one statement: `%ssession.execute(delete(Model).where("
				"Model.id.in_(ids)))` with the ids of the `%s` objects, instead of "
				"one `session.delete()` per object.",
				dbc_stack(in->proj) == DBC_SA_ASYNC ? "await " : "", model);
		else
			finding_set_recommendation(f,
				"Build the rows first and add them once with `session.add_all(rows)` "
				"(one flush, batched INSERT), or `%ssession.execute(insert(%s), "
				"[{...}, ...])` for plain rows; flush or commit once after the loop.",
				dbc_stack(in->proj) == DBC_SA_ASYNC ? "await " : "", model);
		break;
	}
}

/* Classifies call c as a per-row insert/delete for missing_bulk_ops;
 * fills what (the model or table) and sets *deleting. */
static int qe_bulk_trigger(const struct audit_input *in, const struct model *m,
			   const struct node *loop, const struct node *c,
			   char *what, size_t size, int *deleting)
{
	char callee[DBC_NAME_MAX], arg[256], sql[512], verb[16], text[2048];
	const struct node *k;

	struct db_op_info oi;

	*deleting = 0;
	/* the catalog's ORM creates and SQL INSERTs (db-ops.h), also behind
	 * a wrapper function (sqlc) */
	if (db_call_op(m, c, &oi) == DB_OP_INSERT ||
	    (oi.op == DB_OP_NONE && qe_wrapped_op(in, m, c, &oi) == DB_OP_INSERT)) {
		dbc_node_text(m, c, text, sizeof text);
		if (oi.sql && (dbc_text_set_based(text) || !dbc_mentions_loop_target(m, loop, text)))
			return 0;
		snprintf(what, size, "%s", oi.target[0] ? oi.target : "the table");
		return 1;
	}
	dbc_callee(m, c, callee, sizeof callee);
	if (dbc_session_call(m, c, "orm_add")) {
		/* session.add(Job(...)) or x = Job(...); session.add(x) */
		k = qe_first_child_call(m, c);
		if (k != NULL && qe_is_constructor(in, m, k, what, size))
			return 1;
		qe_arg(m, c, 0, arg, sizeof arg);
		return arg[0] != '\0' && qe_assigned_constructor(in, m, loop, arg, what, size);
	}
	if (dbc_session_call(m, c, "orm_delete") && c->u.call->n_args == 1) {
		qe_arg(m, c, 0, arg, sizeof arg);
		*deleting = 1;
		snprintf(what, size, "%s", arg);
		return arg[0] != '\0';
	}
	/* Django: Job.objects.create(...) / obj = Job(...); obj.save() */
	if (strstr(callee, ".objects.") != NULL &&
	    (strcmp(c->u.call->name, "create") == 0 || strcmp(c->u.call->name, "acreate") == 0)) {
		snprintf(what, size, "%.*s", (int)(strstr(callee, ".objects.") - callee), callee);
		return 1;
	}
	if ((strcmp(c->u.call->name, "save") == 0 || strcmp(c->u.call->name, "asave") == 0) &&
	    c->u.call->n_args == 0 && dbc_stack(in->proj) == DBC_DJANGO) {
		char recv[DBC_NAME_MAX];

		snprintf(recv, sizeof recv, "%.*s", (int)(c->u.call->name - c->u.call->callee - 1),
			 c->u.call->callee);
		return qe_assigned_constructor(in, m, loop, recv, what, size);
	}
	if (!dbc_session_call(m, c, "db_execute"))
		return 0;
	dbc_node_text(m, c, text, sizeof text);
	if (dbc_text_set_based(text) || strstr(text, "values([") != NULL ||
	    !dbc_mentions_loop_target(m, loop, text))
		return 0;
	/* insert(Job).values(**row) executed once per item */
	for (k = c->first_child ? model_node(m, c->first_child) : NULL; k != NULL && budget_step();
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
		if (k->kind != NODE_CALL || !dbc_call_is(m, k, "sql_insert"))
			continue;
		if (c->u.call->n_args >= 2 && qe_arg(m, c, 1, arg, sizeof arg)[0] == '[')
			return 0;
		dbc_chain_head_args(m, k, what, size);
		return what[0] != '\0';
	}
	if (dbc_sql_arg(m, c, sql, sizeof sql) != NULL &&
	    strcmp(dbc_sql_verb(sql, verb, sizeof verb), "INSERT") == 0) {
		const char *into = strcasestr(sql, "into");

		snprintf(what, size, "%s", "the table");
		if (into != NULL) {
			size_t n = 0;

			into += 4;
			while (*into == ' ')
				into++;
			while (into[n] && into[n] != ' ' && into[n] != '(' && n + 1 < size)
				n++;
			snprintf(what, size, "%.*s", (int)n, into);
		}
		return 1;
	}
	return 0;
}

/* True when loop walks a parameter whose declared type is a message
 * stream (catalog words stream_param_types: a Go `<-chan T`): a queue
 * consumer handles one message at a time, not a collection. */
static int qe_loop_over_stream(const struct model *m, const struct node *loop)
{
	const struct catalog_list *types = catalog_get(m->lang, "stream_param_types");
	const struct node *fn = model_enclosing_func(m, loop);
	char iter[128], type[64];

	if (catalog_list_empty(types) || fn == NULL || fn->u.func == NULL)
		return 0;
	dbc_loop_iter(m, loop, iter, sizeof iter);
	for (uint32_t i = 0; i < fn->u.func->n_params; i++) {
		const struct param *pa = &fn->u.func->params[i];

		if (pa->name == NULL || strcmp(pa->name, iter) != 0 || pa->annotation.len == 0)
			continue;
		span_copy(m, pa->annotation, type, sizeof type);
		type[strcspn(type, " \t")] = '\0';
		return catalog_match(types, type);
	}
	return 0;
}

/* A call to project code that writes one row per call, one helper away
 * or more (the function summaries: `await this.tags.createTag(t)`,
 * `repo_helper.mark_done(session, j)`), with the loop's item in its
 * arguments. want: the SUM_DB_* row facts that count; a helper that also
 * has one of avoid is left to the other check. Fills what (the callee),
 * why (where the write is) and *facts. */
static int qe_helper_write(const struct audit_input *in, size_t fi, const struct node *loop,
			   const struct node *c, unsigned want, unsigned avoid,
			   char *what, size_t size, char *why, size_t why_size, unsigned *facts)
{
	const struct model *m = in->proj->files[fi].model;
	const char *name = c->u.call->name;
	struct summary_witness w = { UINT32_MAX, 0 };
	char text[1024];

	why[0] = '\0';
	*facts = summary_call_facts(in->sum, fi, c);
	if (!(*facts & want) || (*facts & (avoid | SUM_MEMOISED)) || qe_loop_over_stream(m, loop))
		return 0;
	/* each row goes with a file or a stored object removed or written
	 * beside it (`delete_file(f.id)` unlinks the upload too): the
	 * per-item work is deliberate, one statement could not do it */
	if ((*facts & SUM_SIDE_EFFECT) || dbc_contains_call(m, loop, "unbatchable_side_effects"))
		return 0;
	/* a helper whose name says it takes the set is the batching */
	if (strstr(name, "Many") || strstr(name, "many") || strstr(name, "bulk") ||
	    strstr(name, "Bulk") || strstr(name, "batch") || strstr(name, "Batch") ||
	    strstr(name, "_all") || strstr(name, "All"))
		return 0;
	/* the item, or what the variables the call uses hold (`const row =
	 * { ...tag, user }; await this.tags.createTag(row)`) */
	{
		struct strbuf sb = STRBUF_INIT;
		int per_item;

		sb_adds(&sb, dbc_node_text(m, c, text, sizeof text));
		qe_origin(in, m, model_enclosing_func(m, c), text, c->line, &sb, NULL);
		per_item = !dbc_text_set_based(text) &&
			   dbc_mentions_loop_target(m, loop, sb_str(&sb));
		sb_release(&sb);
		if (!per_item)
			return 0;
	}
	snprintf(what, size, "%.*s", (int)strcspn(c->u.call->callee, "("), c->u.call->callee);
	summary_call_has(in->sum, in->proj, fi, c, want, &w);
	if (w.file != UINT32_MAX && w.file < in->proj->n_files) {
		const struct model *wm = in->proj->files[w.file].model;
		char wcall[100];

		dbc_call_text(wm, &wm->nodes[w.node], wcall, sizeof wcall);
		snprintf(why, why_size, " (it reaches `%s` at %s:%u)", wcall,
			 in->proj->files[w.file].path, wm->nodes[w.node].line);
	}
	return 1;
}

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

/* missing_bulk_ops — `session.add(x)` / `session.delete(x)` / `.save()` /
 * single-row INSERT inside a loop where `add_all`, `insert().values([...])`,
 * `bulk_create`, `createMany` exists. MEDIUM. */
static void check_missing_bulk_ops(const struct audit_input *in, size_t fi,
				   struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct check_def *chk = &qe_checks[QE_MISSING_BULK_OPS];
	unsigned char *reported = calloc(m->n_nodes ? m->n_nodes : 1, 1);
	const struct node *c;

	for (c = NULL; (c = model_walk(m, model_node(m, 0), c, 1)); ) {
		const struct node *loop;
		char what[256], call[128], header[128], desc[160], per[400], why[300] = "";
		int deleting, helper = 0;
		unsigned facts;
		struct finding *f;

		if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
		    (c->flags & NF_DECORATOR))
			continue;
		loop = qe_per_row_loop(m, c, 0, 0);
		if (loop == NULL || (loop->flags & NF_COMPREHENSION) || reported[node_index(m, loop)] ||
		    dbc_runs_once_in_loop(m, c, loop))
			continue;
		if (!qe_bulk_trigger(in, m, loop, c, what, sizeof what, &deleting)) {
			/* a helper that creates the item's row (and maybe updates
			 * its companions): a helper that only updates or deletes is
			 * n_update_delete_loop's */
			if (!qe_helper_write(in, fi, loop, c, SUM_DB_INSERT, 0, what, sizeof what,
					     why, sizeof why, &facts))
				continue;
			helper = 1;
		}
		reported[node_index(m, loop)] = 1;
		f = auditor_emit(in, out, chk, SEV_MEDIUM, fi, c);
		if (f == NULL)
			continue;
		dbc_call_text(m, c, call, sizeof call);
		dbc_header_text(m, loop, header, sizeof header);
		dbc_func_desc(in, fi, c, desc, sizeof desc);
		if (deleting)
			snprintf(per, sizeof per, "%s", "issues one DELETE per object");
		else if (helper)
			snprintf(per, sizeof per, "inserts one row per item%s", why);
		else
			snprintf(per, sizeof per, "inserts one `%.100s` row per item", what);
		if (dbc_find_call(m, loop, "db_flush") != NULL || dbc_find_call(m, loop, "db_commit"))
			finding_set_issue(f, "`%s` inside `%s` in %s %s and flushes or commits "
					  "every iteration: one round trip per item",
					  call, header, desc, per);
		else
			finding_set_issue(f, "`%s` inside `%s` in %s %s instead of one bulk "
					  "statement", call, header, desc, per);
		qe_bulk_recommendation(in, m, f, helper ? "Model" : what, deleting);
		if (helper)
			qe_helper_advice(f, what);
		dbc_add_line(f, m, loop->line);
	}
	free(reported);
}

/* What kind of statement a per-item write is, for the wording. */
enum qe_write_kind { QE_W_ORM, QE_W_REPO, QE_W_SQL, QE_W_UPSERT };

/* Recommendation for set-based updates and deletes, by stack. */
static void qe_update_recommendation(const struct audit_input *in, const struct model *m,
				     struct finding *f, const char *what, int is_delete,
				     enum qe_write_kind kind, const char *sql_call)
{
	const char *aw = dbc_stack(in->proj) == DBC_SA_ASYNC ? "await " : "";

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
	switch (dbc_stack(in->proj)) {
	case DBC_DJANGO:
		finding_set_recommendation(f, is_delete ?
			"Delete once: `%s.objects.filter(pk__in=ids).delete()`." :
			"Update once: `%s.objects.filter(pk__in=ids).update(...)`, or "
			"`bulk_update(objs, fields, batch_size=500)` when values differ per row.",
			what);
		break;
	case DBC_ASYNCPG:
	case DBC_PSYCOPG:
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
	return !dbc_mentions_loop_target(m, loop, where);
}

/* Classifies call c as a per-item UPDATE/DELETE; fills what (model,
 * table or repository), *kind, *builder (the update()/delete() call when
 * there is one) and *is_delete. */
static int qe_update_trigger(const struct audit_input *in, const struct model *m,
			     const struct node *loop, const struct node *c,
			     char *what, size_t size, int *is_delete,
			     enum qe_write_kind *kind, const struct node **builder)
{
	char callee[DBC_NAME_MAX], recv[DBC_NAME_MAX], text[2048], sql[512], verb[16];
	const char *name = c->u.call->name;
	const struct node *k;
	struct db_op_info oi;

	/* the catalog's ORM writes and SQL UPDATE/DELETE (db-ops.h) */
	if (db_call_op(m, c, &oi) == DB_OP_UPDATE || oi.op == DB_OP_DELETE ||
	    (oi.op == DB_OP_NONE &&
	     (qe_wrapped_op(in, m, c, &oi) == DB_OP_UPDATE || oi.op == DB_OP_DELETE))) {
		dbc_node_text(m, c, text, sizeof text);
		if (dbc_text_set_based(text) || !dbc_mentions_loop_target(m, loop, text))
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
	    !dbc_session_call(m, c, "db_execute"))
		return 0;
	dbc_callee(m, c, callee, sizeof callee);
	dbc_node_text(m, c, text, sizeof text);
	if (dbc_text_set_based(text) || !dbc_mentions_loop_target(m, loop, text))
		return 0;
	*is_delete = strstr(name, "delete") != NULL || strstr(name, "remove") != NULL;
	*kind = QE_W_ORM;
	*builder = NULL;
	/* repository methods: await self.jobs.mark_failed(job.id) */
	dbc_receiver(callee, recv, sizeof recv);
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
	if (!dbc_session_call(m, c, "db_execute"))
		return 0;
	for (k = c->first_child ? model_node(m, c->first_child) : NULL; k != NULL && budget_step();
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
		char target[256], arg0[256];
		int upd, del;

		if (k->kind != NODE_CALL)
			continue;
		upd = dbc_call_is(m, k, "sql_update");
		del = !upd && dbc_call_is(m, k, "sql_delete");
		if (!upd && !del)
			continue;
		if (c->u.call->n_args >= 2 && qe_arg(m, c, 1, arg0, sizeof arg0)[0] == '[')
			return 0;  /* executemany-style parameter list */
		dbc_chain_head_args(m, k, what, size);
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
	if (dbc_sql_arg(m, c, sql, sizeof sql) != NULL) {
		dbc_sql_verb(sql, verb, sizeof verb);
		if (strcmp(verb, "UPDATE") == 0 || strcmp(verb, "DELETE") == 0) {
			const char *t = sql;
			size_t n = 0;
			char rows[512];

			/* `... WHERE id = $2` bound to a key the loop does not
			 * change: the same row on every pass */
			if (strcasestr(sql, " where ") != NULL &&
			    dbc_sql_row_text(m, c, rows, sizeof rows) &&
			    !dbc_mentions_loop_target(m, loop, rows))
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

	if (dbc_stack(in->proj) != DBC_DJANGO || loop->u.loop == NULL)
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
	char callee[DBC_NAME_MAX], text[2048];
	const char *o;

	if (!catalog_match_call(catalog_get(m->lang, "orm_update_or_create"), m, c))
		return 0;
	dbc_callee(m, c, callee, sizeof callee);
	/* Django's; a project's own update_or_create is a repository write */
	if (strstr(callee, ".objects.") == NULL && dbc_stack(in->proj) != DBC_DJANGO)
		return 0;
	dbc_node_text(m, c, text, sizeof text);
	if (!dbc_mentions_loop_target(m, loop, text))
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
	dbc_loop_iter(m, loop, iter, sizeof iter);
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
	dbc_loop_iter(m, loop, iter, sizeof iter);
	if ((s = strrchr(iter, '[')) == NULL || strncmp(s, "[:", 2) != 0)
		return 0;
	n = strtol(s + 2, &end, 10);
	return end != s + 2 && strcmp(end, "]") == 0 && n <= 10;
}

/* n_update_delete_loop — a loop issuing one UPDATE/DELETE per item
 * (`repo.update/delete/save/mark_*`, `session.execute(update(...))`,
 * `.update()`/`.delete()` on querysets, `UPDATE` SQL strings). HIGH when
 * the iterable is unbounded / > 10 items, MEDIUM when it is a small literal. */
static void check_n_update_delete_loop(const struct audit_input *in, size_t fi,
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
		    dbc_runs_once_in_loop(m, c, loop))
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
		dbc_call_text(m, c, call, sizeof call);
		if (builder != NULL && strstr(call, "...") != NULL) {
			/* session.execute(\n update(Job)...): show the statement */
			char stmt[100];

			dbc_call_text(m, builder, stmt, sizeof stmt);
			snprintf(call, sizeof call, "%.*s(%s)",
				 (int)strlen(c->u.call->callee), c->u.call->callee, stmt);
		}
		dbc_header_text(m, loop, header, sizeof header);
		dbc_func_desc(in, fi, c, desc, sizeof desc);
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
		dbc_add_line(f, m, loop->line);
	}
	free(reported);
}

/* Runs the ln-651 checks on one file. */
static void qe_file(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	if (auditor_check(&qe_checks[QE_MISSING_BULK_OPS]))
		check_missing_bulk_ops(in, fi, out);
	if (auditor_check(&qe_checks[QE_N_UPDATE_DELETE_LOOP]))
		check_n_update_delete_loop(in, fi, out);
	qe_reads_file(in, fi, out);
	qe_flow_file(in, fi, out);
}

/* The ln-651 entry point. */
static void qe_run(const struct audit_input *in, struct finding_sink *out)
{
	qe_origin_reset();
	auditor_for_each_file(&auditor_query_efficiency, in, out, qe_file);
	qe_origin_reset();
}

_Static_assert(QE_N_CHECKS == CHECKS_TC - CHECKS_QE, "the check registry block matches this auditor");

const struct auditor auditor_query_efficiency = {
	.worker = "ln-651",
	.category = CAT_QUERY,
	.report_name = "651-query-efficiency.md",
	.checks = qe_checks,
	.n_checks = QE_N_CHECKS,
	.run = qe_run,
};
