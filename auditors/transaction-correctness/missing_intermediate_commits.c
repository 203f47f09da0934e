/* ln-652 missing_intermediate_commits: progress written to a table that a
 * NOTIFY trigger watches, with no commit between the writes.
 *
 * PostgreSQL queues a NOTIFY raised inside a transaction and delivers it
 * only when the transaction commits. A job that updates its progress row
 * ten times and commits once therefore sends its ten notifications in one
 * burst at the end: the progress bar a listener drives jumps from 0 to
 * 100 %. Only the same row written again and again matters here; a loop
 * that updates a different row per item is n_update_delete_loop's. */
#include "auditor.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "semantic.h"
#include "dispatch.h"
#include "tc.h"
#include "util/xalloc.h"

/* One write to a notified table inside a function. obj is the ORM local
 * written (`job` of `job.progress = ...`), empty for a statement write
 * (`session.execute(update(Job)...)`, `UPDATE jobs ...`). */
struct tn_write {
	const struct node *n;
	const struct trigger *trg;
	char obj[64];
	char attr[64];
	char key[128];        /* obj.attr, or the table for statements */
};

/* Writes of one function; owned array, freed by the caller. */
struct tn_writes {
	struct tn_write *items;
	size_t n, cap;
};

/* The NOTIFY trigger firing on UPDATE of table, or NULL. */
static const struct trigger *tn_trigger(const struct project *p, const char *table)
{
	size_t i;

	if (p->ctx == NULL || table == NULL)
		return NULL;
	for (i = 0; i < p->ctx->db.n_triggers; i++) {
		const struct trigger *t = &p->ctx->db.triggers[i];

		if (t->notifies && t->table != NULL && t->event != NULL &&
		    sem_match_lower(catalog_common_lang(), "tc_update_trigger_events", t->event) &&
		    strcasecmp(t->table, table) == 0)
			return t;
	}
	return NULL;
}

/* True when the project has any NOTIFY trigger on UPDATE. */
static int tn_any_trigger(const struct project *p)
{
	size_t i;

	for (i = 0; p->ctx != NULL && i < p->ctx->db.n_triggers; i++)
		if (p->ctx->db.triggers[i].notifies && p->ctx->db.triggers[i].event != NULL &&
		    sem_match_lower(catalog_common_lang(), "tc_update_trigger_events",
				    p->ctx->db.triggers[i].event))
			return 1;
	return 0;
}

/* Describes a real-time consumer of notifications found in the code into
 * buf: a LISTEN (asyncpg add_listener, `LISTEN chan`, psycopg notifies)
 * first, else an SSE / WebSocket endpoint. 0 when there is none. */
static int tn_realtime_consumer_scan(const struct project *p, char *buf, size_t size)
{
	char stream[256] = "", sql[256], verb[16];
	size_t fi;

	for (fi = 0; fi < p->n_files; fi++) {
		const struct source_file *sf = &p->files[fi];
		const struct model *m = sf->model;
		const struct node *n;

		if (m == NULL || (sf->flags & (FILE_TEST | FILE_VENDORED | FILE_MIGRATION)))
			continue;
		for (n = NULL; (n = model_walk(m, model_node(m, 0), n, 1)); ) {
			const char *name;

			if (n->kind == NODE_FUNC && n->u.func != NULL && stream[0] == '\0' &&
			    (n->u.func->role & (ROLE_STREAMING | ROLE_WEBSOCKET)))
				db_text(m, (n->u.func->role & ROLE_WEBSOCKET) ?
					"missing_intermediate_commits.websocket_consumer" :
					"missing_intermediate_commits.streaming_consumer",
					(const char *const[]){ "name", n->name ? n->name : "?",
							       "path", sf->path, NULL },
					stream, sizeof stream);
			if (n->kind != NODE_CALL || n->u.call == NULL || (name = n->u.call->name) == NULL)
				continue;
			if (catalog_match(catalog_get(m->lang, "tc_listen_calls"), name) ||
			    (sem_sql_arg(m, n, sql, sizeof sql) != NULL &&
			     catalog_match(catalog_get(m->lang, "tc_listen_verbs"),
					   sem_sql_verb(sql, verb, sizeof verb)))) {
				snprintf(buf, size, "a LISTEN consumer (`%s` in %s:%u)",
					 name, sf->path, n->line);
				return 1;
			}
		}
	}
	snprintf(buf, size, "%s", stream);
	return stream[0] != '\0';
}

/* The answer of tn_realtime_consumer_scan, computed once per run: the
 * scan covers the whole project, so per finding it made the check
 * quadratic. */
struct tn_rt_answer {
	int known, found;
	char text[320];
};

static const struct audit_cache_def tn_rt_def = {
	.name = "is there a realtime consumer", .size = sizeof(struct tn_rt_answer),
};

static int tn_realtime_consumer(const struct audit_input *in, char *buf, size_t size)
{
	struct tn_rt_answer *rt = audit_context_cache(in->audit, &tn_rt_def);

	if (!rt->known) {
		/* a project-wide fact: scanned whole, outside the file's budget */
		struct budget *saved = budget_suspend();

		rt->found = tn_realtime_consumer_scan(in->proj, rt->text, sizeof rt->text);
		rt->known = 1;
		budget_resume(saved);
	}
	snprintf(buf, size, "%s", rt->text);
	return rt->found;
}

/* Adds a write to ws. */
static struct tn_write *tn_add(struct tn_writes *ws, const struct node *n,
			       const struct trigger *t)
{
	struct tn_write *w;

	XGROW(ws->items, ws->cap, ws->n + 1);
	w = &ws->items[ws->n++];
	memset(w, 0, sizeof *w);
	w->n = n;
	w->trg = t;
	return w;
}

/* Collects f's writes (own scope) to rows of notified tables. */
static void tn_collect(const struct audit_input *in, const struct model *m, const struct node *f,
		       struct tn_writes *ws)
{
	const struct node *n;

	for (n = NULL; (n = model_walk(m, f, n, 0)); ) {
		char obj[64], attr[64], table[128];
		enum db_op op = DB_OP_NONE;
		const struct orm_model *om;
		const struct trigger *t;
		struct tn_write *w;

		if (tc_attr_target(m, n, obj, sizeof obj, attr, sizeof attr)) {
			om = tc_var_model(in, m, f, obj);
			if (om == NULL || (t = tn_trigger(in->proj, om->table)) == NULL)
				continue;
			w = tn_add(ws, n, t);
			snprintf(w->obj, sizeof w->obj, "%s", obj);
			snprintf(w->attr, sizeof w->attr, "%s", attr);
			snprintf(w->key, sizeof w->key, "%s.%s", obj, attr);
		} else if (n->kind == NODE_CALL &&
			   tc_stmt_table(in, m, n, table, sizeof table, &op) != NULL &&
			   op == DB_OP_UPDATE && (t = tn_trigger(in->proj, table)) != NULL) {
			char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX];

			/* asyncpg / autocommit connections commit each statement
			 * unless a transaction block is open */
			sem_receiver_name(sem_callee(m, n, callee, sizeof callee), recv, sizeof recv);
			if (catalog_match(catalog_get(m->lang, "connection_names"), recv) &&
			    sem_tx_block(m, n) == NULL)
				continue;
			w = tn_add(ws, n, t);
			snprintf(w->key, sizeof w->key, "%s", table);
		}
	}
}

/* True for a retry loop: the same work again, not a sequence of steps. */
static int tn_retry_loop(const struct model *m, const struct node *loop)
{
	char target[128] = "";

	if (loop->u.loop != NULL)
		span_copy(m, loop->u.loop->target, target, sizeof target);
	return sem_match_lower(m->lang, "tc_retry_loop_words", target);
}

/* True when local name is (re)bound inside loop: a new row each time. */
static int tn_bound_in(const struct model *m, const struct node *loop, const char *name)
{
	const struct node *n;

	for (n = NULL; (n = model_walk(m, loop, n, 0)); )
		if (n->kind == NODE_ASSIGN && n->name != NULL && strcmp(n->name, name) == 0)
			return 1;
	return 0;
}

/* The row-selecting text of a statement write: the WHERE parameters of
 * SQL text, the `.where(...)` part of a chain, else the whole statement. */
static const char *tn_row_text(const struct model *m, const struct node *n, char *buf, size_t size)
{
	const char *w;

	if (sem_sql_row_text(m, n, buf, size))
		return buf;
	sem_node_text(m, tc_stmt(m, n), buf, size);
	if ((w = tc_find_word(m->lang, "tc_row_selectors", buf, NULL)) != NULL) {
		const char *v = tc_find_word(m->lang, "tc_row_setters", w, NULL);

		memmove(buf, w, strlen(w) + 1);
		/* `.where(Job.id == job_id).values(progress=step.pct)`: the
		 * values change per step, the row does not */
		if (v != NULL && v > w)
			buf[v - w] = '\0';
	}
	return buf;
}

/* The innermost loop around write w (within f) that writes the same row
 * on every iteration, with no enclosing loop committing per iteration;
 * NULL when there is none. */
static const struct node *tn_repeat_loop(const struct audit_input *in, const struct model *m,
					 const struct node *f, const struct tn_write *w)
{
	const struct node *a, *found = NULL;
	char text[2048];

	if (w->obj[0] == '\0')
		tn_row_text(m, w->n, text, sizeof text);
	for (a = model_node(m, w->n->parent); a != NULL && a != f && node_index(m, a) != 0;
	     a = model_node(m, a->parent)) {
		if (a->kind == NODE_FUNC)
			break;
		if (a->kind != NODE_LOOP || (a->flags & NF_COMPREHENSION))
			continue;
		if (tc_has_commit(in, m, a))
			return NULL;
		if (found != NULL || tn_retry_loop(m, a))
			continue;
		if (w->obj[0] != '\0' ? (!sem_mentions_loop_target(m, a, w->obj) &&
					 !tn_bound_in(m, a, w->obj))
				      : !sem_mentions_loop_target(m, a, text))
			found = a;
	}
	return found;
}

/* True when something happens between a and b that a listener would want
 * to see the first state during: a flush or an awaited call (sync code:
 * any call that is not logging or a builtin). */
static int tn_work_between(const struct model *m, const struct node *f, const struct node *a,
			   const struct node *b, const struct node **flush)
{
	const struct node *k;
	int work = 0;

	*flush = NULL;
	for (k = NULL; (k = model_walk(m, f, k, 0)); ) {
		const char *callee;

		if (k->kind != NODE_CALL || k->line <= tc_stmt(m, a)->end_line || k->line >= b->line)
			continue;
		if (k->u.call->name != NULL &&
		    catalog_match(catalog_get(m->lang, "tc_flush_names"), k->u.call->name) &&
		    sem_session_call(m, k, "db_flush")) {
			*flush = k;
			return 1;
		}
		if (k->flags & NF_AWAITED) {
			work = 1;
			continue;
		}
		if ((f->flags & NF_ASYNC) || (callee = k->u.call->callee) == NULL ||
		    catalog_match(catalog_get(m->lang, "tc_logging_calls"), callee))
			continue;
		if (!catalog_match(catalog_get(m->lang, "tc_trivial_calls"), callee))
			work = 1;
	}
	return work;
}

/* True when a commit lands between writes a and b of function f. */
static int tn_commit_between(const struct audit_input *in, const struct model *m,
			     const struct node *f, const struct node *a, const struct node *b)
{
	const struct node *k;

	for (k = NULL; (k = model_walk(m, f, k, 0)); ) {
		if (k->kind == NODE_CALL && k->line > a->line && k->line < b->line &&
		    tc_is_commit(in, m, k))
			return 1;
		/* a transaction block around a but not b commits at its end */
		if (k->kind == NODE_WITH && tc_commit_block(m, k) && model_is_within(m, a, k) &&
		    !model_is_within(m, b, k))
			return 1;
	}
	return 0;
}

/* Recommendation for missing_intermediate_commits, by stack. */
static void tn_recommendation(const struct audit_input *in, const struct model *m,
			      struct finding *fd)
{
	const char *name;

	switch (sem_db_stack(in->proj)) {
	case SEM_DJANGO:
		name = "missing_intermediate_commits.django";
		break;
	case SEM_ASYNCPG:
	case SEM_PSYCOPG:
		name = "missing_intermediate_commits.pg_driver";
		break;
	case SEM_SA_SYNC:
		name = "missing_intermediate_commits.sqlalchemy_sync";
		break;
	default:
		name = "missing_intermediate_commits.sqlalchemy";
		break;
	}
	tc_set_recommendation(m, fd, name, NULL);
}

/* Emits one finding for write w (loop is the repeating loop, or NULL for
 * a sequence whose overwrite is `again`). */
static void tn_emit(const struct audit_input *in, size_t fi, struct finding_sink *out,
		    const struct tn_write *w, const struct node *loop, const struct node *again,
		    const struct node *flush)
{
	const struct model *m = in->proj->files[fi].model;
	char consumer[320], stmt[160], hdr[128], desc[160], what[200], trg[200], notify[256];
	int rt = tn_realtime_consumer(in, consumer, sizeof consumer);
	struct finding *fd = auditor_emit(in, out, &tc_checks[TC_MISSING_INTERMEDIATE_COMMITS],
					  rt ? SEV_CRITICAL : SEV_HIGH, fi, w->n);
	size_t len;

	if (fd == NULL)
		return;
	sem_header_text(m, tc_stmt(m, w->n), stmt, sizeof stmt);
	sem_func_desc(in, fi, w->n, desc, sizeof desc);
	len = strlen(stmt);
	if (len > 0 && stmt[len - 1] == ')' && w->obj[0] == '\0')
		sem_call_source(m, w->n, stmt, sizeof stmt);
	/* what the trigger calls, in the catalog's SQL: pg_notify('chan') or NOTIFY */
	if (db_text(m, w->trg->channel ? "missing_intermediate_commits.pg_notify_call" :
		    "missing_intermediate_commits.notify_call",
		    (const char *const[]){ "channel", w->trg->channel ? w->trg->channel : "", NULL },
		    notify, sizeof notify) == NULL)
		notify[0] = '\0';
	snprintf(trg, sizeof trg, "trigger `%s` on `%s` (%s:%d) calls %s",
		 w->trg->name ? w->trg->name : "?", w->trg->table, w->trg->file, w->trg->line,
		 notify);
	if (w->obj[0] != '\0')
		snprintf(what, sizeof what, "`%s` writes the `%s` row held in `%s`", stmt,
			 w->trg->table, w->obj);
	else
		snprintf(what, sizeof what, "`%s` updates the same `%s` row", stmt, w->trg->table);
	if (loop != NULL) {
		sem_header_text(m, loop, hdr, sizeof hdr);
		finding_set_issue(fd, "%s on every iteration of `%s` in %s, with no commit inside "
				  "the loop; %s, and NOTIFY is delivered only at commit, so "
				  "listeners see every step at once at the end%s%s",
				  what, hdr, desc, trg, rt ? " — it feeds " : "", rt ? consumer : "");
		sem_add_line(fd, m, loop->line);
	} else {
		finding_set_issue(fd, "%s, then writes it again at line %u in %s with no commit "
				  "between; %s, and NOTIFY is delivered only at commit, so "
				  "listeners never see the intermediate state%s%s",
				  what, again->line, desc, trg, rt ? " — it feeds " : "",
				  rt ? consumer : "");
		sem_add_line(fd, m, again->line);
	}
	if (flush != NULL)
		sem_add_line(fd, m, flush->line);
	tn_recommendation(in, m, fd);
}

/* The first flush on a session inside loop (own scope), or NULL. */
static const struct node *tn_flush_in(const struct model *m, const struct node *root)
{
	const struct node *k;

	for (k = NULL; (k = model_walk(m, root, k, 0)); )
		if (k->kind == NODE_CALL && k->u.call->name != NULL &&
		    catalog_match(catalog_get(m->lang, "tc_flush_names"), k->u.call->name) &&
		    sem_session_call(m, k, "db_flush"))
			return k;
	return NULL;
}

/* Checks one function: one finding per written row (obj or table). */
static void tn_check_func(const struct audit_input *in, size_t fi, struct finding_sink *out,
			  const struct node *f)
{
	const struct model *m = in->proj->files[fi].model;
	struct tn_writes ws = { NULL, 0, 0 };
	unsigned char *done;
	size_t i, j;

	tn_collect(in, m, f, &ws);
	if (ws.n == 0)
		return;
	done = xcalloc(ws.n, 1);
	/* the loop case first: it is the clearer story */
	for (i = 0; i < ws.n; i++) {
		const struct node *loop;

		if (done[i] || (loop = tn_repeat_loop(in, m, f, &ws.items[i])) == NULL)
			continue;
		tn_emit(in, fi, out, &ws.items[i], loop, NULL, tn_flush_in(m, loop));
		for (j = 0; j < ws.n; j++)
			if (strcmp(ws.items[j].obj[0] ? ws.items[j].obj : ws.items[j].key,
				   ws.items[i].obj[0] ? ws.items[i].obj : ws.items[i].key) == 0)
				done[j] = 1;
	}
	for (i = 0; i < ws.n; i++) {
		for (j = i + 1; !done[i] && j < ws.n; j++) {
			const struct node *flush;

			if (done[j] || strcmp(ws.items[i].key, ws.items[j].key) != 0 ||
			    !tc_before(m, ws.items[i].n, ws.items[j].n) ||
			    tn_commit_between(in, m, f, ws.items[i].n, ws.items[j].n) ||
			    !tn_work_between(m, f, ws.items[i].n, ws.items[j].n, &flush))
				continue;
			tn_emit(in, fi, out, &ws.items[i], NULL, ws.items[j].n, flush);
			for (size_t k = 0; k < ws.n; k++)
				if (strcmp(ws.items[k].obj[0] ? ws.items[k].obj : ws.items[k].key,
					   ws.items[i].obj[0] ? ws.items[i].obj : ws.items[i].key) == 0)
					done[k] = 1;
		}
	}
	free(done);
	free(ws.items);
}

/* missing_intermediate_commits — repeated updates (in a loop, or a
 * sequence of progress/status writes) to a table that a trigger with
 * `pg_notify`/`NOTIFY` watches, with no commit between them: listeners
 * only see the final state. CRITICAL when the notifications feed a
 * real-time path (SSE/WebSocket/LISTEN consumer found in code), HIGH
 * otherwise. */
static void tc_check_intermediate_commits(const struct audit_input *in, size_t fi,
				   struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *f;

	if (!tn_any_trigger(in->proj))
		return;
	for (f = NULL; (f = model_walk(m, model_node(m, 0), f, 1)); )
		if (f->kind == NODE_FUNC && !(f->flags & NF_LAMBDA))
			tn_check_func(in, fi, out, f);
}

const struct check_impl check_missing_intermediate_commits = {
	.def = &tc_checks[TC_MISSING_INTERMEDIATE_COMMITS],
	.file = tc_check_intermediate_commits,
};
