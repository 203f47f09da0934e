/* ln-652 transaction_narrow, the managed-callback form: a transaction
 * callback that writes through the outer client instead of the
 * transaction handle it is given.
 *
 * `prisma.$transaction(async (tx) => { await prisma.a.create(...);
 * await prisma.b.update(...) })` opens a transaction and then never uses
 * it: each statement on `prisma` runs on its own pooled connection and
 * commits alone, so a failure part-way leaves the first writes in place.
 * The code says the writes belong together, which is what makes this a
 * split of one logical change over several commits. A callback that
 * names its parameter like the outer client (`async (prisma) => ...`)
 * shadows it and is fine. */
#include "auditor.h"

#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "context.h"
#include "semantic.h"
#include "db-ops.h"
#include "tc.h"
#include "summary.h"

/* The root name of call c's callee as written ("prisma" for
 * `prisma.link.update`), into buf; "" when there is none. */
static const char *tk_root(const struct node *c, char *buf, size_t size)
{
	const char *callee = c->u.call->callee;
	size_t n = strcspn(callee, ".(");

	if (callee[n] != '.' || n == 0 || n >= size)
		n = 0;
	memcpy(buf, callee, n);
	buf[n] = '\0';
	return buf;
}

/* True when call k writes rows (per-row or set-based, ORM or SQL). A
 * client imported from a project module (`import { prisma } from
 * "@acme/db"`) resolves to a path the ORM patterns do not know; inside
 * the callback its root is the transaction's own receiver, so the callee
 * as written is matched too (`prisma.link.create`). */
static int tk_writes(const struct model *m, const struct node *k, struct db_op_info *info)
{
	static const char *const lists[] = { "orm_insert_calls", "orm_update_calls",
					     "orm_delete_calls", "orm_upsert_calls",
					     "orm_bulk_calls" };
	enum db_op op = db_call_op(m, k, info);
	size_t i;

	if (db_op_writes(op) || op == DB_OP_BULK)
		return 1;
	for (i = 0; i < sizeof lists / sizeof *lists; i++)
		if (catalog_match(catalog_get(m->lang, lists[i]), k->u.call->callee))
			return 1;
	return 0;
}

/* True when the write at k creates a row bound to a local name that a
 * later outer write (after k, up to last) mentions: a parent and its
 * children. */
static int tk_parent_child(const struct model *m, const struct node *f, const struct node *k,
			   const char *root, const struct node *last)
{
	const struct node *s = tc_stmt(m, k), *w;
	struct db_op_info info;
	char args[4096], r[64];

	if (s == NULL || s->kind != NODE_ASSIGN || s->name == NULL ||
	    (db_call_op(m, k, &info) != DB_OP_INSERT &&
	     !catalog_match(catalog_get(m->lang, "orm_insert_calls"), k->u.call->callee)))
		return 0;
	for (w = NULL; (w = model_walk(m, f, w, 1)); ) {
		if (w->kind != NODE_CALL || w->u.call == NULL || w->line <= s->end_line ||
		    w->line > last->line || strcmp(tk_root(w, r, sizeof r), root) != 0 ||
		    !tk_writes(m, w, &info))
			continue;
		if (sem_mentions(span_copy(m, w->u.call->args_text, args, sizeof args), s->name))
			return 1;
	}
	return 0;
}

/* One managed transaction callback f (its parent is the `$transaction`
 * call): reports when two writes or more bypass its handle. */
static void tk_check_callback(const struct audit_input *in, size_t fi, struct finding_sink *out,
			      const struct node *f)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *tx = &m->nodes[f->parent], *k, *first = NULL, *last = NULL;
	const char *param = f->u.func->n_params > 0 ? f->u.func->params[0].name : NULL;
	char client[64], r[64], call[128], desc[160], rec[512];
	int outer = 0, inner = 0, parent = 0;
	struct db_op_info info;
	struct finding *fd;

	if (tx->u.call == NULL || tx->u.call->callee == NULL ||
	    tk_root(tx, client, sizeof client)[0] == '\0' ||
	    (param != NULL && strcmp(param, client) == 0))
		return;
	for (k = NULL; (k = model_walk(m, f, k, 1)); ) {
		if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->callee == NULL ||
		    !tk_writes(m, k, &info))
			continue;
		tk_root(k, r, sizeof r);
		if (param != NULL && strcmp(r, param) == 0)
			inner++;
		else if (strcmp(r, client) == 0) {
			if (first == NULL)
				first = k;
			last = k;
			outer++;
		}
	}
	if (outer == 0 || outer + inner < 2)
		return;
	for (k = NULL; !parent && (k = model_walk(m, f, k, 1)); )
		if (k->kind == NODE_CALL && k->u.call != NULL && k->u.call->callee != NULL &&
		    k != last && strcmp(tk_root(k, r, sizeof r), client) == 0)
			parent = tk_parent_child(m, f, k, client, last);
	fd = auditor_emit(in, out, &tc_checks[TC_TRANSACTION_NARROW],
			  parent ? SEV_HIGH : SEV_MEDIUM, fi, tx);
	if (fd == NULL)
		return;
	sem_func_desc(in, fi, tx, desc, sizeof desc);
	sem_call_source(m, first, call, sizeof call);
	finding_set_issue(fd, "In %s, the `%.*s` callback %s, but %d of its writes (first `%s`, "
			  "line %u) go through the outer `%s` client: each of them commits on "
			  "its own, outside the transaction, so a failure part-way leaves the "
			  "earlier writes in place%s",
			  desc, (int)strcspn(tx->u.call->callee, "("), tx->u.call->callee,
			  param != NULL ? "is handed a transaction client" : "takes no transaction client",
			  outer, call, first->line, client,
			  parent ? " (a new row without the rows that refer to it)" : "");
	{
		/* the callback's handle, else the name the catalog suggests */
		const char *handle = param != NULL ? param :
				     catalog_text(m->lang, "transaction_narrow.callback_handle_default");
		const char *kv[] = { "client", client, "handle", handle ? handle : "", NULL };

		if (handle != NULL &&
		    db_text(m, "transaction_narrow.callback_handle", kv, rec, sizeof rec) != NULL)
			finding_set_recommendation(fd, "%s", rec);
	}
	sem_add_line(fd, m, first->line);
	if (last != first)
		sem_add_line(fd, m, last->line);
}

int tc_sync_driver_async_callback(const struct audit_input *in, const struct model *m,
				  const struct node *f)
{
	const struct tech_stack *st = auditor_stack(in->proj);
	const char *driver;

	if (f->kind != NODE_FUNC || f->u.func == NULL || !(f->flags & NF_ASYNC) ||
	    f->parent == 0 || m->nodes[f->parent].kind != NODE_CALL || st == NULL ||
	    !auditor_file_stack_in(m->lang, "tc_sync_tx_orms"))
		return 0;
	/* the service's driver; a package with the ORM and no driver of its
	 * own (a workspace package handing it the database) uses the
	 * project's */
	driver = st->driver;
	if (driver == NULL && in->proj->ctx != NULL)
		driver = in->proj->ctx->stack.driver;
	return driver != NULL && catalog_match(catalog_get(m->lang, "tc_sync_tx_drivers"), driver) &&
	       sem_func_is_tx(m, f);
}

/* The synchronous-driver form: an async callback handed to the
 * transaction of a driver that commits when the callback returns
 * (better-sqlite3 under Drizzle). The callback returns its promise at
 * its first `await`, the driver commits then, and every awaited
 * statement runs afterwards in autocommit: a failure part-way leaves
 * the earlier writes in place. Reported when the callback awaits two
 * writes or more, a read and a later write (check-then-write), or a
 * project helper it hands its handle to that writes (the helper's
 * statements were meant to join the transaction). HIGH for two writes
 * or more, MEDIUM otherwise. */
static void tk_check_sync_callback(const struct audit_input *in, size_t fi,
				   struct finding_sink *out, const struct node *f)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *tx = &m->nodes[f->parent], *k, *first = NULL;
	const char *param = f->u.func->n_params > 0 ? f->u.func->params[0].name : NULL;
	char call[128], desc[160], args[1024];
	int writes = 0, reads = 0, read_then_write = 0, helper = 0;
	struct db_op_info info;
	struct finding *fd;

	if (tx->u.call == NULL || tx->u.call->callee == NULL)
		return;
	for (k = NULL; (k = model_walk(m, f, k, 0)); ) {
		enum db_op op;

		if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->callee == NULL ||
		    !(k->flags & NF_AWAITED))
			continue;
		op = db_call_op(m, k, &info);
		if (db_op_writes(op) || op == DB_OP_BULK || tk_writes(m, k, &info)) {
			writes++;
			read_then_write |= reads > 0;
		} else if (op == DB_OP_READ || op == DB_OP_READ_ONE) {
			reads++;
			continue;
		} else if (param != NULL && in->sum != NULL &&
			   sem_mentions(span_copy(m, k->u.call->args_text, args, sizeof args),
					param) &&
			   (summary_call_facts(in->sum, fi, k) & SUM_DB_WRITE)) {
			helper++;
		} else {
			continue;
		}
		if (first == NULL)
			first = k;
	}
	if (first == NULL || (writes < 2 && !read_then_write && helper == 0))
		return;
	fd = auditor_emit(in, out, &tc_checks[TC_TRANSACTION_NARROW],
			  writes >= 2 ? SEV_HIGH : SEV_MEDIUM, fi, tx);
	if (fd == NULL)
		return;
	sem_func_desc(in, fi, tx, desc, sizeof desc);
	sem_call_source(m, first, call, sizeof call);
	finding_set_issue(fd, "In %s, the `%.*s` callback is async, but this driver's "
			  "transaction commits as soon as the callback returns, when it first "
			  "waits: the writes it waits for (first `%s`, line %u) each "
			  "commit on their own, so a failure part-way leaves the earlier "
			  "writes in place",
			  desc, (int)strcspn(tx->u.call->callee, "("), tx->u.call->callee, call,
			  first->line);
	{
		const char *t = catalog_text(m->lang, "transaction_narrow.sync_driver_callback");

		if (t != NULL)
			finding_set_recommendation(fd, "%s", t);
	}
	sem_add_line(fd, m, first->line);
}

void tc_narrow_callbacks(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *f;

	for (f = NULL; (f = model_walk(m, model_node(m, 0), f, 1)); )
		if (f->kind == NODE_FUNC && f->u.func != NULL && f->parent != 0 &&
		    m->nodes[f->parent].kind == NODE_CALL && sem_func_is_tx(m, f)) {
			if (tc_sync_driver_async_callback(in, m, f))
				tk_check_sync_callback(in, fi, out, f);
			else
				tk_check_callback(in, fi, out, f);
		}
}
