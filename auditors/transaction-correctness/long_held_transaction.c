/* ln-652 long_held_transaction: transactions that stay open across
 * sleeps, calls to external services, or many lines of code.
 *
 * Two kinds of transaction are measured: blocks (`session.begin()`,
 * `engine.begin()`, `conn.transaction()`, `atomic()`), and the implicit
 * transaction of an explicit session, from its first write (the first
 * statement that takes row locks: a flush, a DML statement, a
 * `with_for_update` read) to its commit.
 *
 * Overlap with transaction_wide: that check already reports a network
 * call or file I/O inside a transaction *block*. To report each defect
 * once, this check stays silent about such blocks unless they also hold
 * something transaction_wide does not see — a sleep, or an awaited call
 * to an external service outside the network-client catalog (a message
 * broker, a cloud SDK). The length rule applies only to blocks
 * transaction_wide leaves alone. Implicit session transactions are never
 * seen by transaction_wide, so here network calls count as external. */
#include "auditor.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "semantic.h"
#include "db-ops.h"
#include "errpath.h"
#include "lang/lang.h"
#include "dispatch.h"
#include "summary.h"
#include "receiver-types.h"
#include "tc.h"

enum { TH_MAX_OPEN = 8, TH_READ_MAX_LINES = 1000 };

/* The receiver of a read behind a helper: the project's global session. */
#define TH_GLOBAL "*"

/* What a transaction spans. Nodes point into the model. */
struct th_span {
	const struct node *sleep;     /* first real sleep */
	const struct node *ext;       /* first awaited call to an external service */
	const struct node *net;       /* first network call */
	char via[128];                /* library call behind a project helper in net */
	int file_io;                  /* file I/O inside (transaction_wide's) */
	int read;                     /* opened by a read: no row locks, a snapshot */
	int busy;                     /* per-row statements (one in a loop) or an awaited call
	                                 that is no statement: something length can stand for */
};

/* An implicit transaction still open on one session receiver. */
struct th_open {
	char recv[64];
	const struct node *first;     /* its first write, or the begin that named it */
	int begun;                    /* opened by a begin bound to recv (tc_begun_name) */
};

/* th_report's kinds of span: a block, or a transaction begun by name;
 * transaction_wide owns network calls and file I/O in either */
enum { TH_BLOCK = 1, TH_BEGUN = 2 };

/* The configured length limit in lines. */
static int th_limit(const struct audit_input *in)
{
	const struct config *cfg = in->proj->cfg;

	return cfg != NULL && cfg->long_transaction_lines > 0 ? cfg->long_transaction_lines : 50;
}

/* True when call k is a statement built on the transaction handle that a
 * managed transaction hands its callback f (`trx(...)...`, `trx.raw`). */
static int th_on_handle(const struct model *m, const struct node *f, const struct node *k)
{
	const char *h, *callee = k->u.call != NULL ? k->u.call->callee : NULL;
	size_t n;

	if (callee == NULL || f == NULL || f->kind != NODE_FUNC || f->u.func == NULL ||
	    f->u.func->n_params == 0 || (h = f->u.func->params[0].name) == NULL ||
	    f->parent == 0 || m->nodes[f->parent].kind != NODE_CALL)
		return 0;
	n = strlen(h);
	return n > 0 && strncmp(callee, h, n) == 0 && (callee[n] == '(' || callee[n] == '.');
}

/* True when call k queues a task (`handler.delay(...)`) whose handler, a
 * project function (every definition of its name, at most two), is
 * registered with a decorator of a queue kept in the database
 * ("db_task_queue_decorators"): queuing it inserts a row in the same
 * database, no round trip to another service. */
static int th_db_queued(const struct audit_input *in, const struct model *m, const struct node *k)
{
	const struct call_info *ci = k->u.call;
	const struct func_ref *refs;
	char recv[SEM_NAME_MAX];
	size_t n;

	if (ci == NULL || ci->callee == NULL || in->proj->index == NULL ||
	    catalog_list_empty(catalog_get(m->lang, "db_task_queue_decorators")) ||
	    sem_receiver_name(ci->callee, recv, sizeof recv) == NULL || recv[0] == '\0')
		return 0;
	refs = index_funcs_named(in->proj->index, recv, &n);
	if (n == 0 || n > 2)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const struct model *dm = in->proj->files[refs[i].file].model;
		const struct node *d = dm != NULL ? model_node(dm, refs[i].node) : NULL;
		int queued = 0;

		for (uint32_t j = 0; d != NULL && d->kind == NODE_FUNC && d->u.func != NULL &&
		     j < d->u.func->n_decorators; j++) {
			char text[SEM_NAME_MAX], resolved[SEM_NAME_MAX];

			span_copy(dm, d->u.func->decorators[j], text, sizeof text);
			text[strcspn(text, "(")] = '\0';
			model_resolve(dm, text, resolved, sizeof resolved);
			if (catalog_match(catalog_get(dm->lang, "db_task_queue_decorators"), resolved))
				queued = 1;
		}
		if (!queued)
			return 0;
	}
	return 1;
}

/* Records what call k adds to span s. */
static void th_note(const struct audit_input *in, const struct model *m, const struct node *f,
		    const struct node *k, struct th_span *s)
{
	char via[128];
	struct db_op_info di;
	const struct node *loop;

	if (db_call_op(m, k, &di) != DB_OP_NONE) {
		loop = model_enclosing_loop(m, k);
		if (loop != NULL && model_is_within(m, loop, f))
			s->busy = 1;
	} else if (th_on_handle(m, f, k)) {
		loop = model_enclosing_loop(m, k);
		if (loop != NULL && model_is_within(m, loop, f))
			s->busy = 1;
	} else if (k->flags & NF_AWAITED)
		s->busy = 1;
	if (s->sleep == NULL && tc_sleep_call(m, k))
		s->sleep = k;
	else if (s->net == NULL && tc_network_call(in, m, f, k, via, sizeof via)) {
		s->net = k;
		snprintf(s->via, sizeof s->via, "%s", via);
	} else if (s->ext == NULL && (((k->flags & NF_AWAITED) &&
					sem_call_is(m, k, "external_services")) ||
				       (sem_call_is(m, k, "task_queue_calls") &&
					!th_db_queued(in, m, k))))
		/* a task queued with `.delay()` is a synchronous publish to
		 * the broker: a network round trip, awaited or not (unless the
		 * queue is a table of the same database) */
		s->ext = k;
	else if (sem_call_is(m, k, "file_io"))
		s->file_io = 1;
}

/* Recommendation for long_held_transaction, by stack and reason. */
static void th_recommendation(const struct audit_input *in, const struct model *m,
			      struct finding *fd, int waits, int block)
{
	const char *tail = waits ?
		"do the slow work (sleep, remote call) before the transaction starts or after it "
		"commits; an outbox row written inside the transaction makes a side effect "
		"reliable without holding it open" :
		"split the block: prepare and validate before it, keep only the writes that "
		"must be atomic inside, and move reporting and follow-up work after the commit";
	const char *name;

	switch (sem_db_stack(in->proj)) {
	case SEM_DJANGO:
		name = "long_held_transaction.django";
		break;
	case SEM_ASYNCPG:
	case SEM_PSYCOPG:
		name = "long_held_transaction.pg_driver";
		break;
	default:
		name = block ? "long_held_transaction.sqlalchemy_block" :
			       "long_held_transaction.sqlalchemy";
		break;
	}
	tc_set_recommendation(m, fd, name, (const char *const[]){ "tail", tail, NULL });
}

/* The lines of code from line `from` to `to`: blank lines and lines
 * holding only a comment do not make a transaction longer. */
/* True when if-statement x is error plumbing where failures are values:
 * its body only returns (`if err != nil { return err }`); the calls of its
 * header (`if _, err := tx.Exec(...); err != nil`) still count. */
static int th_error_return(const struct model *m, const struct node *x)
{
	int returns = 0;

	for (const struct node *k = x->first_child ? model_node(m, x->first_child) : NULL; k;
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
		if (k->flags & NF_HEADER)
			continue;
		if (k->kind != NODE_RETURN)
			return 0;
		returns++;
	}
	return returns > 0;
}

/* True when a function literal sits inside node x. */
static int th_has_func(const struct model *m, const struct node *x)
{
	for (const struct node *k = NULL; (k = model_walk(m, x, k, 0)) != NULL && budget_step(); )
		if (k->kind == NODE_FUNC)
			return 1;
	return 0;
}

static uint32_t th_code_lines(const struct model *m, uint32_t from, uint32_t to)
{
	const struct front_end *fe = lang_get(m->lang);
	const char *leader = fe != NULL ? fe->traits.comment : "#";
	size_t ll = strlen(leader);
	uint32_t n = 0, skip_from = 0, skip_to = 0;
	int values = ep_errors_are_values(m);
	unsigned char *skip = NULL;

	if (to >= from)
		skip = calloc(to - from + 1, 1);
	for (uint32_t i = 1; skip != NULL && i < m->n_nodes; i++) {
		const struct node *x = &m->nodes[i];

		if (x->line < from || x->line > to || x->end_line <= x->line)
			continue;
		/* where failures are values, the `if err != nil { return ... }`
		 * after each statement holds nothing longer: only the
		 * statements count */
		if (values && x->kind == NODE_IF && th_error_return(m, x)) {
			skip_from = x->line + 1;
		/* there too, one call whose arguments are laid out one per
		 * line is one statement (`stmt.Exec(\n m.ID,\n m.Time, ...)`),
		 * unless a function literal among them holds statements of its
		 * own. Elsewhere the lines stay counted: an awaited ORM call
		 * with a nested object literal per row (a Prisma callback
		 * over an import) is what makes those transactions long. */
		} else if (values && x->kind == NODE_CALL && !th_has_func(m, x)) {
			skip_from = x->line + 1;
		} else {
			continue;
		}
		skip_to = x->end_line < to ? x->end_line : to;
		for (uint32_t l = skip_from; l <= skip_to; l++)
			skip[l - from] = 1;
	}
	for (uint32_t l = from; l <= to; l++) {
		size_t len = 0;
		const char *t = model_line(m, l, &len);

		if (skip != NULL && skip[l - from])
			continue;
		while (t != NULL && len > 0 && (*t == ' ' || *t == '\t' || *t == '\r')) {
			t++;
			len--;
		}
		if (t == NULL || len == 0 || *t == '\n' || (len >= ll && strncmp(t, leader, ll) == 0))
			continue;
		/* a line that only closes a block is not a statement */
		if (values && (*t == '}' || *t == ')') && (len == 1 || t[1] == '\n' || t[1] == '\r' ||
							   (len >= 2 && strchr("})", t[1]) &&
							    (len == 2 || t[2] == '\n'))))
			continue;
		n++;
	}
	free(skip);
	return n;
}

/* Emits a finding for a transaction from `start` (the block, or the first
 * write) to `end_line`, described by what; kind is 0, TH_BLOCK or
 * TH_BEGUN. Returns nothing when the span is short and waits for nothing.
 * A length finding is reported at `at` (the begin of a transaction begun
 * by name, whose length counts from its first write), else at start. */
static void th_report_at(const struct audit_input *in, size_t fi, struct finding_sink *out,
			 const struct node *start, const struct node *at, uint32_t end_line,
			 const char *what, const struct th_span *s, int kind)
{
	int block = (kind & TH_BLOCK) != 0;
	const struct model *m = in->proj->files[fi].model;
	const struct node *why;
	uint32_t lines = end_line >= start->line ? th_code_lines(m, start->line, end_line) : 0;
	char call[128], desc[160];
	struct finding *fd;

	/* transaction_wide owns blocks, and transactions begun by name
	 * (`tx, err := db.Begin()` ... `tx.Commit()`), with network calls or
	 * file I/O */
	why = s->sleep ? s->sleep : s->ext ? s->ext : kind ? NULL : s->net;
	if (why == NULL && (lines <= (uint32_t)th_limit(in) || (kind && (s->net || s->file_io))))
		return;
	/* length alone in async code: the span awaits nothing but set-based
	 * statements and runs none per row, so the lines are in-memory work
	 * that holds no lock longer than the statements themselves
	 * (auditors/docs/long_held_transaction.md) */
	if (why == NULL && !s->busy && sem_in_async(m, start))
		return;
	fd = auditor_emit(in, out, &tc_checks[TC_LONG_HELD_TRANSACTION],
			  why ? SEV_HIGH : SEV_MEDIUM, fi, why ? why : at);
	if (fd == NULL)
		return;
	sem_func_desc(in, fi, at, desc, sizeof desc);
	if (why != NULL) {
		sem_call_source(m, why, call, sizeof call);
		finding_set_issue(fd, "%s in %s stays open across `%s`%s%s%s: the connection "
				  "%s held while it %s",
				  what, desc, call, why == s->net && s->via[0] ? " (which calls `" : "",
				  why == s->net && s->via[0] ? s->via : "",
				  why == s->net && s->via[0] ? "`)" : "",
				  s->read ? "sits idle in transaction, its snapshot" :
					    "and every row lock taken so far are",
				  why == s->sleep ? "sleeps" : "waits for another service");
		sem_add_line(fd, m, start->line);
		if (!block)
			sem_add_line(fd, m, end_line);
	} else {
		finding_set_issue(fd, "%s in %s stays open for %u lines of code%s (limit %d): every "
				  "row lock taken early in it is held until line %u", what, desc,
				  lines, at != start ? " after its first write" : "", th_limit(in),
				  end_line);
		sem_add_line(fd, m, end_line);
	}
	if (!db_advice(in, m, "long_held_transaction", NULL, fd))
		th_recommendation(in, m, fd, why != NULL, block);
}

static void th_report(const struct audit_input *in, size_t fi, struct finding_sink *out,
		      const struct node *start, uint32_t end_line, const char *what,
		      const struct th_span *s, int kind)
{
	th_report_at(in, fi, out, start, start, end_line, what, s, kind);
}

/* Transaction blocks: `with session.begin()`, `@atomic` functions. */
static void th_blocks(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *b;

	for (b = NULL; (b = model_walk(m, model_node(m, 0), b, 1)); ) {
		struct th_span s;
		const struct node *k, *f;
		char hdr[128], what[200];
		int with = b->kind == NODE_WITH && sem_is_tx_with(m, b);

		if (!with && !(b->kind == NODE_FUNC && sem_func_is_tx(m, b)))
			continue;
		if (sem_tx_block(m, b) != NULL)  /* nested: the outer block is measured */
			continue;
		/* a synchronous driver's transaction commits at the async
		 * callback's first `await`: nothing is held across the rest
		 * (its lost atomicity is transaction_narrow's) */
		if (!with && tc_sync_driver_async_callback(in, m, b))
			continue;
		memset(&s, 0, sizeof s);
		f = with ? model_enclosing_func(m, b) : b;
		for (k = NULL; (k = model_walk(m, b, k, 0)); )
			if (k->kind == NODE_CALL &&
			    !(k->parent == node_index(m, b) && (k->flags & NF_HEADER)))
				th_note(in, m, f, k, &s);
		if (with)
			snprintf(what, sizeof what, "The block `%s`",
				 sem_header_text(m, b, hdr, sizeof hdr));
		else if (b->parent != 0 && m->nodes[b->parent].kind == NODE_CALL &&
			 m->nodes[b->parent].u.call != NULL) {
			/* the callback of a managed transaction */
			const char *callee = m->nodes[b->parent].u.call->callee;
			char head[SEM_NAME_MAX];

			snprintf(head, sizeof head, "%.*s", (int)strcspn(callee, "("), callee);
			if (db_text(m, "long_held_transaction.callback_block",
				    (const char *const[]){ "call", head, NULL }, what,
				    sizeof what) == NULL)
				what[0] = '\0';
		} else if (db_text(m, "long_held_transaction.decorated_function",
				   (const char *const[]){ NULL }, what, sizeof what) == NULL)
			what[0] = '\0';
		th_report(in, fi, out, b, b->end_line, what, &s, TH_BLOCK);
	}
}

/* True when call k takes locks through a session: a flush, a DML
 * statement, or a `with_for_update` read. `session.add()` alone sends
 * nothing to the database (the flush does), so it opens nothing yet. */
static int th_write(const struct audit_input *in, const struct model *m, const struct node *k)
{
	char table[128], args[512];

	if (sem_session_call(m, k, "db_executemany"))
		return 1;
	if (sem_session_call(m, k, "orm_reads") &&
	    catalog_match(catalog_get(m->lang, "tc_locking_read_args"),
			  span_copy(m, k->u.call->args_text, args, sizeof args)))
		return 1;
	if (k->u.call->name != NULL &&
	    catalog_match(catalog_get(m->lang, "tc_flush_names"), k->u.call->name) &&
	    sem_session_call(m, k, "db_flush"))
		return 1;
	if (tc_stmt_table(in, m, k, table, sizeof table, NULL) != NULL)
		return 1;
	/* `session.execute(update(Order)...)` on a model defined elsewhere:
	 * the statement writes though its table is not known here */
	if (sem_session_call(m, k, "db_execute"))
		for (const struct node *a = k->first_child ? model_node(m, k->first_child) : NULL;
		     a != NULL; a = a->next_sibling ? model_node(m, a->next_sibling) : NULL)
			if (a->kind == NODE_CALL && (sem_call_is(m, a, "sql_update") ||
						     sem_call_is(m, a, "sql_insert") ||
						     sem_call_is(m, a, "sql_delete")))
				return 1;
	/* a driver statement the catalog knows writes: `tx.Exec("UPDATE ...")` */
	{
		struct db_op_info oi;

		return db_op_writes(db_call_op(m, k, &oi)) || oi.op == DB_OP_BULK;
	}
}

/* Measures the implicit transaction from write `first` to commit c, or,
 * with c NULL, to end_line (the end of a function whose decorator
 * commits or flushes after it returns). */
static void th_close_at(const struct audit_input *in, size_t fi, struct finding_sink *out,
			const struct node *f, const struct node *first, const struct node *c,
			uint32_t end_line, const char *begun)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *start = first, *a, *k;
	char what[200], call[128];
	struct th_span s;

	/* a transaction begun by name takes its first row lock at its first
	 * write: the reads before it hold none (a snapshot at most), so its
	 * length is measured from there, and one that writes nothing is
	 * long only across a wait */
	if (begun != NULL) {
		const struct node *w = NULL;

		for (k = NULL; w == NULL && (k = model_walk(m, f, k, 0)); )
			if (k->kind == NODE_CALL && k != c && k->line > first->line &&
			    k->line <= end_line && model_ancestor(m, k, NODE_DEFER) == NULL &&
			    (th_write(in, m, k) || tc_begun_write(in, fi, m, first, begun, k)))
				w = k;
		memset(&s, 0, sizeof s);
		for (k = NULL; (k = model_walk(m, f, k, 0)); )
			if (k->kind == NODE_CALL && k != c && k->line > first->line &&
			    k->line <= end_line && sem_tx_block(m, k) == NULL)
				th_note(in, m, f, k, &s);
		snprintf(what, sizeof what, "The transaction begun by `%s` (line %u)",
			 sem_call_source(m, first, call, sizeof call), first->line);
		if (w == NULL) {
			if (s.sleep != NULL || s.ext != NULL)
				th_report(in, fi, out, first, end_line, what, &s, TH_BEGUN);
			return;
		}
		start = w;
		for (a = model_node(m, w->parent); a != f && node_index(m, a) != 0;
		     a = model_node(m, a->parent))
			if (a->kind == NODE_LOOP && !(a->flags & NF_COMPREHENSION) &&
			    (c == NULL || !model_is_within(m, c, a)))
				start = a;
		th_report_at(in, fi, out, start, first, end_line, what, &s, TH_BEGUN);
		return;
	}

	/* a write inside a loop that ends before the commit: the transaction
	 * is open from the loop's first iteration on */
	for (a = model_node(m, first->parent); c != NULL && a != f && node_index(m, a) != 0;
	     a = model_node(m, a->parent))
		if (a->kind == NODE_LOOP && !(a->flags & NF_COMPREHENSION) && !model_is_within(m, c, a))
			start = a;
	memset(&s, 0, sizeof s);
	for (k = NULL; (k = model_walk(m, f, k, 0)); )
		if (k->kind == NODE_CALL && k != c && k->line >= start->line && k->line <= end_line &&
		    sem_tx_block(m, k) == NULL)
			th_note(in, m, f, k, &s);
	snprintf(what, sizeof what, "The transaction opened by `%s` (line %u)",
		 sem_call_source(m, first, call, sizeof call), first->line);
	th_report(in, fi, out, start, end_line, what, &s, 0);
}

static void th_close(const struct audit_input *in, size_t fi, struct finding_sink *out,
		     const struct node *f, const struct th_open *o, const struct node *c)
{
	th_close_at(in, fi, out, f, o->first, c, c->line, o->begun ? o->recv : NULL);
}

/* True when project function def (file of model dm), or a function nested
 * in it, ends a session's transaction: a `commit()`, or a `flush()` that
 * sends what is pending (the wrapper of a transaction decorator). */
static int th_def_ends_tx(const struct model *dm, const struct node *def)
{
	const struct node *k;

	for (k = NULL; (k = model_walk(dm, def, k, 1)) && budget_step(); )
		if (k->kind == NODE_CALL && k->u.call != NULL && k->u.call->name != NULL &&
		    (sem_session_call(dm, k, "db_commit") ||
		     (catalog_match(catalog_get(dm->lang, "tc_flush_names"), k->u.call->name) &&
		      sem_session_call(dm, k, "db_flush"))))
			return 1;
	return 0;
}

/* True when function f is decorated by a project decorator (one
 * definition of its name) whose wrapper commits or flushes the session
 * after f returns: `@managed_tx_method(CommitMode.FLUSH)`. What f writes
 * is sent to the database by the time it returns, so it holds its locks
 * to f's end at least. Catalogued decorators (`@atomic`) are blocks. */
static int th_managed(const struct audit_input *in, const struct model *m, const struct node *f)
{
	for (uint32_t i = 0; f->kind == NODE_FUNC && f->u.func != NULL &&
	     i < f->u.func->n_decorators; i++) {
		char text[SEM_NAME_MAX], *name;
		const struct func_ref *refs;
		const struct model *dm;
		size_t n;

		span_copy(m, f->u.func->decorators[i], text, sizeof text);
		text[strcspn(text, "(")] = '\0';
		name = strrchr(text, '.') ? strrchr(text, '.') + 1 : text;
		if (name[0] == '\0' || in->proj->index == NULL)
			continue;
		refs = index_funcs_named(in->proj->index, name, &n);
		if (n == 1 && (dm = in->proj->files[refs[0].file].model) != NULL &&
		    th_def_ends_tx(dm, model_node(dm, refs[0].node)))
			return 1;
	}
	return 0;
}

/* True when call k reaches a project function (every definition of its
 * name, at most two) that is itself transaction-managed (th_managed) and
 * writes: by its return its rows are flushed, so they are locked. */
static int th_managed_write(const struct audit_input *in, size_t fi, const struct model *m,
			    const struct node *k)
{
	const struct call_info *ci = k->u.call;
	const struct func_ref *refs;
	size_t n;

	if (ci == NULL || ci->name == NULL || in->sum == NULL || in->proj->index == NULL ||
	    !(summary_call_facts(in->sum, fi, k) & SUM_DB_WRITE))
		return 0;
	refs = index_funcs_named(in->proj->index, ci->name, &n);
	if (n == 0 || n > 2)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const struct model *dm = in->proj->files[refs[i].file].model;

		if (dm == NULL || !th_managed(in, dm, model_node(dm, refs[i].node)))
			return 0;
	}
	return 1;
}

/* True when call k on a session sends SQL, and with it (autoflush) the
 * rows `session.add()` / `session.delete()` left pending: a query, a read,
 * a statement, a flush or a refresh. */
static int th_sends(const struct model *m, const struct node *k)
{
	const char *name = k->u.call != NULL ? k->u.call->name : NULL;
	char hdr[128];

	/* `with session.no_autoflush:` queries without flushing */
	for (const struct node *w = k; node_index(m, w) != 0; w = model_node(m, w->parent))
		if (w->kind == NODE_WITH &&
		    catalog_match(catalog_get(m->lang, "tc_no_autoflush_words"),
				  sem_header_text(m, w, hdr, sizeof hdr)))
			return name != NULL && catalog_match(catalog_get(m->lang, "tc_flush_names"), name);
	if (name != NULL && catalog_match(catalog_get(m->lang, "tc_send_pending_names"), name) &&
	    sem_session_call(m, k, "db_flush"))
		return 1;
	if (name != NULL && catalog_match(catalog_get(m->lang, "tc_query_names"), name)) {
		char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX];

		sem_receiver_name(sem_callee(m, k, callee, sizeof callee), recv, sizeof recv);
		return sem_is_session_name(m->lang, recv);
	}
	return sem_session_call(m, k, "orm_reads") || sem_session_call(m, k, "db_execute");
}

/* A call of a project helper that commits the session it is handed
 * (`save(session)`, a repository's `self.commit_all()`): the session's
 * name into recv ("" when the helper works on its own attribute).
 * Direct `session.commit()` is not one. */
static int th_helper_commit(const struct audit_input *in, size_t fi, const struct model *m,
			    const struct node *k, char *recv, size_t size)
{
	const struct call_info *ci = k->u.call;
	int helper = 0;

	recv[0] = '\0';
	if (ci == NULL || ci->name == NULL || sem_session_call(m, k, "db_commit"))
		return 0;
	for (uint32_t a = 0; a < ci->n_args && recv[0] == '\0'; a++) {
		char text[64];

		span_copy(m, ci->args[a].expr, text, sizeof text);
		if (sem_is_session_name(m->lang, text))
			snprintf(recv, size, "%s", text);
	}
	if (tc_is_commit(in, m, k))
		helper = 1;
	else if (recv[0] != '\0' && in->sum != NULL &&
		 summary_call_has(in->sum, in->proj, fi, k, SUM_COMMITS, NULL))
		helper = 1;
	return helper;
}

/* The transactions function literal f begins by name (`s :=
 * db.NewSession()` in a job's closure), each to its commit or, when only
 * a deferred close or rollback ends it, to f's end. */
static void th_begun_spans(const struct audit_input *in, size_t fi, struct finding_sink *out,
			   const struct node *f)
{
	const struct model *m = in->proj->files[fi].model;
	char name[SEM_NAME_MAX];
	const struct node *k, *end;
	uint32_t end_line;

	for (k = NULL; (k = model_walk(m, f, k, 0)); )
		if (k->kind == NODE_CALL && tc_begun_name(in, fi, m, k, name, sizeof name) != NULL &&
		    sem_tx_block(m, k) == NULL && model_ancestor(m, k, NODE_DEFER) == NULL &&
		    tc_begun_end(m, f, k, name, &end, &end_line))
			th_close_at(in, fi, out, f, k, end, end_line, name);
}

/* Implicit transactions of explicit sessions, per function. */
static void th_spans(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *f;

	for (f = NULL; (f = model_walk(m, model_node(m, 0), f, 1)); ) {
		struct th_open open[TH_MAX_OPEN], pending[TH_MAX_OPEN];
		const struct node *k;
		int n_open = 0, n_pending = 0;

		int managed;

		if (f->kind != NODE_FUNC || sem_func_is_tx(m, f))
			continue;
		/* a function literal with a body of its own (a job handed to a
		 * scheduler): only the transactions it begins by name */
		if (f->flags & NF_LAMBDA) {
			th_begun_spans(in, fi, out, f);
			continue;
		}
		managed = th_managed(in, m, f);
		for (k = NULL; (k = model_walk(m, f, k, 0)); ) {
			char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX];
			int i, commit, rollback;

			const char *begun;

			/* a deferred call runs when the function returns */
			if (k->kind != NODE_CALL || sem_tx_block(m, k) != NULL ||
			    model_ancestor(m, k, NODE_DEFER) != NULL)
				continue;
			commit = sem_session_call(m, k, "db_commit");
			rollback = sem_session_call(m, k, "db_rollback");
			/* the commit or rollback of a handle begun by name, whatever
			 * the name (`s := db.NewSession()` ... `s.Commit()`) */
			for (i = 0; i < n_open && !open[i].begun; i++)
				;
			if (!commit && !rollback && i < n_open &&
			    (sem_call_is(m, k, "db_commit") || sem_call_is(m, k, "db_rollback"))) {
				sem_receiver_name(sem_callee(m, k, callee, sizeof callee), recv,
						  sizeof recv);
				for (i = 0; i < n_open; i++)
					if (open[i].begun && strcmp(open[i].recv, recv) == 0) {
						commit = sem_call_is(m, k, "db_commit");
						rollback = !commit;
					}
			}
			/* where failures are values, a rollback on an `if err != nil
			 * { ...; return }` path ends only that path */
			if (rollback && tc_error_path(m, f, k))
				continue;
			/* a project helper that commits the session: with no
			 * session handed, it ends the one transaction open */
			if (!commit && !rollback && th_helper_commit(in, fi, m, k, recv, sizeof recv)) {
				if (recv[0] == '\0' && n_open == 1)
					snprintf(recv, sizeof recv, "%s", open[0].recv);
				for (i = 0; i < n_open && strcmp(open[i].recv, recv) != 0; i++)
					;
				if (i < n_open) {
					th_close(in, fi, out, f, &open[i], k);
					open[i] = open[--n_open];
				}
				for (i = 0; i < n_pending && strcmp(pending[i].recv, recv) != 0; i++)
					;
				if (i < n_pending)
					pending[i] = pending[--n_pending];
				continue;
			}
			/* in a managed function, a managed helper's write: the
			 * span is the function's own (its decorator ends it) */
			if (managed && !commit && !rollback && th_managed_write(in, fi, m, k)) {
				for (i = 0; i < n_open && open[i].recv[0] != '\0'; i++)
					;
				if (i == n_open && n_open < TH_MAX_OPEN) {
					open[n_open].recv[0] = '\0';
					open[n_open].begun = 0;
					open[n_open++].first = k;
				}
				continue;
			}
			begun = tc_begun_name(in, fi, m, k, recv, sizeof recv);
			if (!commit && !rollback && !begun && !th_write(in, m, k)) {
				int add = sem_session_call(m, k, "orm_add") ||
					  sem_session_call(m, k, "orm_delete");

				/* `session.add()` leaves the row pending; the next
				 * statement on that session flushes it first */
				if (!add && !th_sends(m, k))
					continue;
				sem_receiver_name(sem_callee(m, k, callee, sizeof callee), recv, sizeof recv);
				for (i = 0; i < n_pending && strcmp(pending[i].recv, recv) != 0; i++)
					;
				if (add && i == n_pending && n_pending < TH_MAX_OPEN)
					snprintf(pending[n_pending++].recv, sizeof pending[0].recv,
						 "%.63s", recv);
				if (add || i == n_pending)
					continue;
				pending[i] = pending[--n_pending];
			} else if (!begun)
				sem_receiver_name(sem_callee(m, k, callee, sizeof callee), recv, sizeof recv);
			if (commit || rollback)
				for (i = 0; i < n_pending; i++)
					if (strcmp(pending[i].recv, recv) == 0)
						pending[i--] = pending[--n_pending];
			for (i = 0; i < n_open && strcmp(open[i].recv, recv) != 0; i++)
				;
			if (commit || rollback) {
				if (i == n_open)
					continue;
				if (commit)
					th_close(in, fi, out, f, &open[i], k);
				open[i] = open[--n_open];
			} else if (i == n_open && n_open < TH_MAX_OPEN) {
				snprintf(open[n_open].recv, sizeof open[n_open].recv, "%.63s", recv);
				open[n_open].begun = begun != NULL;
				open[n_open++].first = k;
			}
		}
		for (int i = 0; i < n_open; i++) {
			const struct node *end;
			uint32_t end_line;

			/* the decorator commits (or flushes) after the function returns */
			if (managed)
				th_close_at(in, fi, out, f, open[i].first, NULL, f->end_line,
					    open[i].begun ? open[i].recv : NULL);
			/* a handle begun by name that only a deferred close or
			 * rollback ends (`defer s.Close()`): open to the return */
			else if (open[i].begun &&
				 tc_begun_end(m, f, open[i].first, open[i].recv, &end, &end_line) &&
				 end == NULL)
				th_close_at(in, fi, out, f, open[i].first, NULL, end_line,
					    open[i].recv);
		}
	}
}

/* The `with` block of f, around call k, that binds session recv
 * (`with SessionLocal() as session:`): leaving it closes the session. */
static const struct node *th_session_with(const struct model *m, const struct node *f,
					  const struct node *k, const char *recv)
{
	for (const struct node *w = model_node(m, k->parent); w != f && node_index(m, w) != 0;
	     w = model_node(m, w->parent))
		for (uint32_t i = 0; w->kind == NODE_WITH && w->u.items != NULL && i < w->n_items; i++)
			if (w->u.items[i].name != NULL && strcmp(w->u.items[i].name, recv) == 0)
				return w;
	return NULL;
}

/* The innermost `with` around call k inside f that binds a session by
 * a session's name (`async with read_sessionmaker() as session:`), or
 * NULL: a helper's read on the session of that block (through a
 * repository made from it) ends with the block. */
static const struct node *th_any_session_with(const struct model *m, const struct node *f,
					      const struct node *k)
{
	for (const struct node *w = model_node(m, k->parent); w != f && node_index(m, w) != 0;
	     w = model_node(m, w->parent))
		for (uint32_t i = 0; w->kind == NODE_WITH && w->u.items != NULL && i < w->n_items; i++)
			if (w->u.items[i].name != NULL &&
			    sem_is_session_name(m->lang, w->u.items[i].name))
				return w;
	return NULL;
}

/* True when call k ends (or, writing, takes over) the transaction a read
 * opened on session recv: commit, rollback, close, a project helper that
 * commits it, or a write (from there the implicit span of th_spans
 * measures it). */
static int th_read_ends(const struct audit_input *in, size_t fi, const struct model *m,
			const struct node *k, const char *recv)
{
	char callee[SEM_NAME_MAX], r[SEM_NAME_MAX];

	if (th_helper_commit(in, fi, m, k, r, sizeof r))
		return r[0] == '\0' || strcmp(r, recv) == 0 || strcmp(recv, TH_GLOBAL) == 0;
	sem_receiver_name(sem_callee(m, k, callee, sizeof callee), r, sizeof r);
	if (strcmp(recv, TH_GLOBAL) == 0 ? !sem_is_session_name(m->lang, r) : strcmp(r, recv) != 0)
		return 0;
	return sem_session_call(m, k, "db_commit") || sem_session_call(m, k, "db_rollback") ||
	       sem_session_call(m, k, "db_close") || th_write(in, m, k) ||
	       sem_session_call(m, k, "orm_add") || sem_session_call(m, k, "orm_delete");
}

/* True when session recv was written (a write, `add`, `delete`) in f
 * before call k with no commit, rollback or close after it. */
static int th_written_before(const struct audit_input *in, size_t fi, const struct model *m,
			     const struct node *f, const struct node *k, const char *recv)
{
	int written = 0;

	for (const struct node *x = NULL; (x = model_walk(m, f, x, 0)) && x->line < k->line; ) {
		char callee[SEM_NAME_MAX], r[SEM_NAME_MAX];

		if (x->kind != NODE_CALL)
			continue;
		if (th_helper_commit(in, fi, m, x, r, sizeof r)) {
			if (r[0] == '\0' || strcmp(r, recv) == 0)
				written = 0;
			continue;
		}
		sem_receiver_name(sem_callee(m, x, callee, sizeof callee), r, sizeof r);
		if (strcmp(r, recv) != 0)
			continue;
		if (sem_session_call(m, x, "db_commit") || sem_session_call(m, x, "db_rollback") ||
		    sem_session_call(m, x, "db_close"))
			written = 0;
		else if (th_write(in, m, x) || sem_session_call(m, x, "orm_add") ||
			 sem_session_call(m, x, "orm_delete"))
			written = 1;
	}
	return written;
}

/* True when the span of a read k, ending at call end (NULL: at
 * end_line), ends in a change: a write or a helper commit ends it, or an
 * attribute of a loaded object is assigned inside it. */
static int th_read_modifies(const struct audit_input *in, size_t fi, const struct model *m,
			    const struct node *f, const struct node *k, const struct node *end,
			    uint32_t end_line)
{
	char r[SEM_NAME_MAX];

	if (end != NULL && (th_write(in, m, end) || sem_session_call(m, end, "orm_add") ||
			    sem_session_call(m, end, "orm_delete") ||
			    th_helper_commit(in, fi, m, end, r, sizeof r)))
		return 1;
	for (const struct node *x = NULL; (x = model_walk(m, f, x, 0)); ) {
		if (x->line <= k->line || x->line > end_line)
			continue;
		if ((x->kind == NODE_ASSIGN && (x->flags & NF_TARGET_ATTR)) ||
		    (x->kind == NODE_AUGASSIGN &&
		     memchr(span_ptr(m, x->text), '.', x->text.len) != NULL))
			return 1;
	}
	return 0;
}

/* True when text is a plain dotted name, nothing else (`Model.finder`). */
static int th_dotted_name(const char *text)
{
	for (const char *t = text; *t; t++)
		if (!isalnum((unsigned char)*t) && *t != '_' && *t != '.')
			return 0;
	return 1;
}

/* True when helper d (of model dm), called by k, calls one of its own
 * parameters (`rv = fn(*args)`) and k hands it there a reference to
 * project functions that all read and commit nothing
 * (`get_object_or_404(DataSource.get_by_id, ds_id)`): the helper runs
 * that read. At most four definitions of the referenced name. */
static int th_param_fn_reads(const struct audit_input *in, const struct model *m,
			     const struct node *k, const struct model *dm, const struct node *d)
{
	const struct call_info *ci = k->u.call;
	const struct func_info *fn = d->u.func;
	uint32_t pos = 0, skip = 0;

	/* a method's first parameter is its object, never an argument */
	if (fn->n_params > 0 && fn->params[0].name != NULL && d->parent != 0 &&
	    dm->nodes[d->parent].kind == NODE_CLASS)
		skip = 1;
	for (uint32_t i = skip; i < fn->n_params && budget_step(); i++, pos++) {
		const struct param *p = &fn->params[i];
		const struct func_ref *refs;
		const struct node *x;
		char text[SEM_NAME_MAX], *name;
		size_t n, j;
		int called = 0;

		if (p->name == NULL || p->star != 0)
			break;
		for (x = NULL; !called && (x = model_walk(dm, d, x, 0)); )
			called = x->kind == NODE_CALL && x->u.call != NULL &&
				 x->u.call->callee != NULL && strcmp(x->u.call->callee, p->name) == 0;
		if (!called || pos >= ci->n_args || ci->args[pos].name != NULL)
			continue;
		span_copy(m, ci->args[pos].expr, text, sizeof text);
		if (text[0] == '\0' || !th_dotted_name(text))
			continue;
		name = strrchr(text, '.') ? strrchr(text, '.') + 1 : text;
		/* `Model.method`: the method the class has, or inherits */
		if (name != text) {
			char *cls = name - 1;
			const struct node *md;
			uint32_t mf = 0;

			*cls = '\0';
			cls = strrchr(text, '.') ? strrchr(text, '.') + 1 : text;
			md = class_method_named(in->proj, summary_classes(in->sum), cls, name, &mf);
			if (md != NULL) {
				unsigned rf = summary_facts(in->sum, mf, md);

				if ((rf & SUM_DB_READ) && !(rf & (SUM_COMMITS | SUM_DB_WRITE)))
					return 1;
				continue;
			}
		}
		refs = index_funcs_named(in->proj->index, name, &n);
		if (n == 0 || n > 4)
			continue;
		for (j = 0; j < n; j++) {
			const struct model *rm = in->proj->files[refs[j].file].model;
			unsigned rf = rm != NULL ?
				summary_facts(in->sum, refs[j].file, model_node(rm, refs[j].node)) : 0;

			if (!(rf & SUM_DB_READ) || (rf & (SUM_COMMITS | SUM_DB_WRITE)))
				break;
		}
		if (j == n)
			return 1;
	}
	return 0;
}

/* For a call `db.fetchall(...)` whose receiver is a plain name that the
 * project binds, at module level, only to instances of one project class
 * (`db = Database("main")`): that class's method (or a base's), its model
 * into *dm; NULL otherwise. */
static const struct node *th_global_method(const struct audit_input *in, const struct node *c,
					   const struct model **dm)
{
	const char *callee = c->u.call ? c->u.call->callee : NULL, *dot;
	char recv[64], cls[SEM_NAME_MAX] = "";
	uint32_t file = 0;
	const struct node *md;

	if (callee == NULL || (dot = strchr(callee, '.')) == NULL || strchr(dot + 1, '.') != NULL ||
	    (size_t)(dot - callee) >= sizeof recv || c->u.call->name == NULL)
		return NULL;
	snprintf(recv, sizeof recv, "%.*s", (int)(dot - callee), callee);
	for (size_t fi = 0; fi < in->proj->n_files; fi++) {
		const struct model *m = in->proj->files[fi].model;

		if (m == NULL || m->n_nodes == 0)
			continue;
		for (uint32_t k = m->nodes[0].first_child; k && budget_step(); k = m->nodes[k].next_sibling) {
			const struct node *x = &m->nodes[k], *v;

			if (x->kind != NODE_ASSIGN || x->name == NULL || (x->flags & NF_TARGET_ATTR) ||
			    strcmp(x->name, recv) != 0)
				continue;
			v = sem_first_call(m, x);
			if (v == NULL || v->u.call == NULL || v->u.call->name == NULL ||
			    strcmp(v->u.call->callee, v->u.call->name) != 0 ||
			    (cls[0] != '\0' && strcmp(cls, v->u.call->name) != 0))
				return NULL;
			snprintf(cls, sizeof cls, "%s", v->u.call->name);
		}
	}
	if (cls[0] == '\0' ||
	    (md = class_method_named(in->proj, summary_classes(in->sum), cls, c->u.call->name,
				     &file)) == NULL)
		return NULL;
	*dm = in->proj->files[file].model;
	return *dm != NULL ? md : NULL;
}

/* True when the read that call k reaches runs, some helpers down, in a
 * `with` block that binds its own session or connection (`async with
 * self.connect() as conn: return await conn.fetchall(...)`): following
 * the read's witness call by call, a block that opens the connection
 * closes it before the helper returns, so no transaction is left open in
 * the caller. At most eight calls deep. */
static int th_read_in_own_block(const struct audit_input *in, size_t fi, const struct node *k)
{
	struct summary_witness w;
	const struct node *c = k;
	size_t cf = fi;

	for (int depth = 0; depth < 8 && budget_step(); depth++) {
		const struct model *wm;
		const struct node *a;

		struct func_ref ref;

		if (!summary_call_has(in->sum, in->proj, cf, c, SUM_DB_READ, &w) ||
		    w.file == UINT32_MAX || (wm = in->proj->files[w.file].model) == NULL) {
			/* a read method of a project object (`db.fetchall(sql)` on
			 * a module-level database wrapper) that runs its statement
			 * in its own block */
			const struct model *dm;
			const struct node *d;

			if (c->kind != NODE_CALL)
				return 0;
			if (summary_call_target(in->sum, cf, c, &ref))
				dm = in->proj->files[ref.file].model,
				d = dm ? model_node(dm, ref.node) : NULL;
			else
				d = th_global_method(in, c, &dm);
			if (d == NULL || d->kind != NODE_FUNC || (d->flags & NF_GENERATOR))
				return 0;
			for (const struct node *x = NULL; (x = model_walk(dm, d, x, 0)); )
				if (x->kind == NODE_WITH)
					for (uint32_t i = 0; x->u.items != NULL && i < x->n_items; i++)
						if (x->u.items[i].name != NULL &&
						    sem_is_session_name(dm->lang, x->u.items[i].name))
							return 1;
			return 0;
		}
		c = model_node(wm, w.node);
		cf = w.file;
		for (a = c; a != model_node(wm, 0) && a->kind != NODE_FUNC; a = model_node(wm, a->parent))
			if (a->kind == NODE_WITH)
				for (uint32_t i = 0; a->u.items != NULL && i < a->n_items; i++)
					if (a->u.items[i].name != NULL &&
					    sem_is_session_name(wm->lang, a->u.items[i].name))
						return 1;
	}
	return 0;
}

/* True when call k reaches one project function that reads through a
 * session which outlives it: it reads (its summary), is handed no
 * session, commits nothing, and neither binds a session in a `with` nor
 * closes one, nor takes one as a parameter (a global scoped session,
 * Flask-SQLAlchemy's `Model.query`). Its caller's transaction is open
 * when it returns. */
static int th_helper_read(const struct audit_input *in, size_t fi, const struct model *m,
			  const struct node *k)
{
	const struct call_info *ci = k->u.call;
	const struct model *dm;
	const struct node *d, *x;
	struct func_ref ref;
	unsigned facts;

	/* a repository built in this function (`repo = UserRepo(session)`
	 * .. `repo.get_by_id(id)`): the summaries leave a local's class to
	 * the one call asked about */
	if (ci == NULL || ci->name == NULL || in->sum == NULL ||
	    !(summary_call_target(in->sum, fi, k, &ref) ||
	      receiver_local_method(in->proj, summary_classes(in->sum), fi, k, &ref)) ||
	    (dm = in->proj->files[ref.file].model) == NULL)
		return 0;
	for (uint32_t a = 0; a < ci->n_args; a++) {
		char text[64];

		if (sem_is_session_name(m->lang, span_copy(m, ci->args[a].expr, text, sizeof text)))
			return 0;
	}
	d = model_node(dm, ref.node);
	facts = summary_facts(in->sum, ref.file, d);
	if (d->u.func != NULL && !(facts & (SUM_DB_READ | SUM_COMMITS)) &&
	    th_param_fn_reads(in, m, k, dm, d))
		facts |= SUM_DB_READ;
	if (!(facts & SUM_DB_READ) || (facts & SUM_COMMITS) || (d->flags & NF_GENERATOR) ||
	    d->u.func == NULL)
		return 0;
	for (uint32_t i = 0; i < d->u.func->n_params; i++)
		if (d->u.func->params[i].name != NULL &&
		    sem_is_session_name(dm->lang, d->u.func->params[i].name))
			return 0;
	for (x = NULL; (x = model_walk(dm, d, x, 0)); ) {
		if (x->kind == NODE_WITH)
			for (uint32_t i = 0; x->u.items != NULL && i < x->n_items; i++)
				if (x->u.items[i].name != NULL &&
				    sem_is_session_name(dm->lang, x->u.items[i].name))
					return 0;
		if (x->kind == NODE_CALL && sem_session_call(dm, x, "db_close"))
			return 0;
	}
	return !th_read_in_own_block(in, fi, k);
}

/* Transactions opened by a read. A SQLAlchemy session begins its
 * transaction at its first statement, a SELECT included, and holds the
 * connection (and a REPEATABLE READ snapshot) until commit, rollback or
 * close. Only waits count here, a sleep or a call to another service
 * between the read and the end; never length. Not for Django (autocommit:
 * a read opens nothing) or outside Python, nor on the request path, where the framework's
 * session ends with the response (resource_scope_mismatch's question). */
static void th_read_spans(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	enum sem_db_stack stack = sem_db_stack(in->proj);
	const struct node *f;

	/* SQLAlchemy autobegins; Prisma, database/sql and Node drivers run a
	 * read outside a transaction unless one is begun: only a language
	 * whose catalog names ORMs that autobegin (th_autobegin_orms) */
	if (catalog_list_empty(catalog_get(m->lang, "th_autobegin_orms")) ||
	    (stack != SEM_SA_SYNC && stack != SEM_SA_ASYNC))
		return;
	for (f = NULL; (f = model_walk(m, model_node(m, 0), f, 1)); ) {
		const struct node *k;
		uint32_t done_to = 0;
		char done[SEM_NAME_MAX] = "";
		int request;

		/* the span search asks costly questions of each call after a
		 * read: bounded to functions of TH_READ_MAX_LINES lines, so the
		 * check stays within its work budget on generated code */
		if (f->kind != NODE_FUNC || (f->flags & NF_LAMBDA) || sem_func_is_tx(m, f) ||
		    f->end_line - f->line > TH_READ_MAX_LINES || th_managed(in, m, f) ||
		    (index_role_at(in->proj, (uint32_t)fi, f) &
		     (ROLE_STREAMING | ROLE_WEBSOCKET | ROLE_LONGPOLL)))
			continue;
		/* on the request path the framework's session ends with the
		 * response, and a remote call after a read is
		 * resource_scope_mismatch's question; a sleep there (a handler
		 * polling a queued job) holds the idle transaction for nothing */
		request = (index_role_at(in->proj, (uint32_t)fi, f) &
			   (ROLE_HANDLER | ROLE_HANDLER_PATH | ROLE_DEPENDENCY)) != 0;
		for (k = NULL; (k = model_walk(m, f, k, 0)); ) {
			char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX], what[200], call[128];
			const struct node *w, *x, *end = NULL;
			uint32_t end_line;
			struct th_span s;

			if (k->kind != NODE_CALL || k->u.call == NULL)
				continue;
			/* the span of an earlier read on this session covers k */
			sem_receiver_name(sem_callee(m, k, callee, sizeof callee), recv, sizeof recv);
			if (sem_is_session_name(m->lang, recv)) {
				if ((k->line <= done_to && strcmp(done, recv) == 0) ||
				    sem_tx_block(m, k) != NULL ||
				    model_ancestor(m, k, NODE_DEFER) != NULL || !th_sends(m, k) ||
				    th_read_ends(in, fi, m, k, recv))
					continue;
			} else if ((k->line <= done_to && strcmp(done, TH_GLOBAL) == 0) ||
				   sem_tx_block(m, k) != NULL ||
				   model_ancestor(m, k, NODE_DEFER) != NULL ||
				   !th_helper_read(in, fi, m, k))
				continue;
			else
				snprintf(recv, sizeof recv, "%s", TH_GLOBAL);
			w = th_session_with(m, f, k, recv);
			if (w == NULL && strcmp(recv, TH_GLOBAL) == 0)
				w = th_any_session_with(m, f, k);
			end_line = w != NULL ? w->end_line : f->end_line;
			for (x = k; (x = model_walk(m, f, x, 0)); )
				if (x->kind == NODE_CALL && x->line > k->line && x->line <= end_line &&
				    th_read_ends(in, fi, m, x, recv)) {
					end = x;
					end_line = x->line;
					break;
				}
			snprintf(done, sizeof done, "%s", recv);
			done_to = end_line;
			/* rows added or changed before the read: the write's own
			 * span (th_spans) measures this transaction */
			if (th_written_before(in, fi, m, f, k, recv))
				continue;
			memset(&s, 0, sizeof s);
			for (x = NULL; (x = model_walk(m, f, x, 0)); )
				if (x->kind == NODE_CALL && x != end && x->line > k->line &&
				    x->line <= end_line && sem_tx_block(m, x) == NULL)
					th_note(in, m, f, x, &s);
			/* load, call, save: when the span ends in a change of what
			 * was read, the remote call computes the change; only a
			 * sleep is held for nothing */
			if (request || th_read_modifies(in, fi, m, f, k, end, end_line))
				s.net = s.ext = NULL;
			/* a task queued on the broker is a short round trip, and a
			 * read's snapshot holds no row lock across it */
			s.ext = NULL;
			s.read = 1;
			if (s.sleep == NULL && s.ext == NULL && s.net == NULL)
				continue;
			snprintf(what, sizeof what, "The transaction opened by the read `%s` (line %u)",
				 sem_call_source(m, k, call, sizeof call), k->line);
			th_report(in, fi, out, k, end_line, what, &s, 0);
		}
	}
}

/* long_held_transaction — a transaction open across more than 50 lines,
 * or across `sleep`, or across awaited calls to external services. HIGH
 * with external calls, MEDIUM for length. */
static void tc_check_long_held(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	th_blocks(in, fi, out);
	th_spans(in, fi, out);
	th_read_spans(in, fi, out);
}

const struct check_impl check_long_held_transaction = {
	.def = &tc_checks[TC_LONG_HELD_TRANSACTION],
	.file = tc_check_long_held,
};
