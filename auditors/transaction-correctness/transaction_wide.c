/* ln-652 checks about what a transaction spans: network calls and file
 * I/O inside transaction blocks.
 *
 * A transaction holds a pooled connection (and any row locks it took)
 * until it ends, so everything slow inside it — an HTTP round trip, an
 * upload, a file write — is paid for by every other request waiting for
 * the connection or the lock. */
#include "auditor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "semantic.h"
#include "dispatch.h"
#include "tc.h"

/* Recommendation for transaction_wide, by stack. */
static void ts_wide_recommendation(const struct audit_input *in, const struct model *m,
				   struct finding *f, int network)
{
	const char *what = network ? "the network call" : "the file I/O";
	const char *name;

	switch (sem_db_stack(in->proj)) {
	case SEM_DJANGO:
		name = "transaction_wide.django";
		break;
	case SEM_ASYNCPG:
	case SEM_PSYCOPG:
		name = "transaction_wide.pg_driver";
		break;
	default:
		name = "transaction_wide.sqlalchemy";
		break;
	}
	tc_set_recommendation(m, f, name, (const char *const[]){ "what", what, NULL });
}

/* Reports the first network call (else the first file I/O) in block b. */
static void ts_check_block(const struct audit_input *in, size_t fi, struct finding_sink *out,
			   const struct node *b, unsigned char *seen)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *f = b->kind == NODE_FUNC ? b : model_enclosing_func(m, b);
	const struct node *n, *net = NULL, *file = NULL;
	struct tc_clients cl = { { NULL }, 0 };
	char via[128] = "", call[128], header[128], desc[160];
	struct finding *fd;

	if (f != NULL)
		tc_add_clients_of(in, m, f, &cl);
	tc_add_clients_of(in, m, model_node(m, 0), &cl);
	for (n = NULL; (n = model_walk(m, b, n, 0)); ) {
		if (n->kind != NODE_CALL || seen[node_index(m, n)] ||
		    (n->parent == node_index(m, b) && (n->flags & NF_HEADER)))
			continue;
		seen[node_index(m, n)] = 1;
		if (net == NULL && tc_network_call_in(in, m, n, &cl, via, sizeof via))
			net = n;
		else if (file == NULL && sem_call_is(m, n, "file_io"))
			file = n;
	}
	if (net == NULL && file == NULL)
		return;
	fd = auditor_emit(in, out, &tc_checks[TC_TRANSACTION_WIDE], net ? SEV_HIGH : SEV_MEDIUM,
			  fi, net ? net : file);
	if (fd == NULL)
		return;
	sem_call_source(m, net ? net : file, call, sizeof call);
	if (b->kind == NODE_FUNC && b->parent != 0 && m->nodes[b->parent].kind == NODE_CALL) {
		/* the callback of a managed transaction: name the call, and
		 * the function it is in */
		snprintf(header, sizeof header, "%.*s(...)",
			 (int)strcspn(m->nodes[b->parent].u.call->callee, "("),
			 m->nodes[b->parent].u.call->callee);
		sem_func_desc(in, fi, &m->nodes[b->parent], desc, sizeof desc);
	} else {
		if (b->kind == NODE_FUNC)
			snprintf(header, sizeof header, "@transaction.atomic %s",
				 b->name ? b->name : "");
		else
			sem_header_text(m, b, header, sizeof header);
		sem_func_desc(in, fi, b, desc, sizeof desc);
	}
	if (net != NULL && via[0] != '\0')
		finding_set_issue(fd, "`%s` (which calls `%s`) runs inside `%s` in %s: the "
				  "transaction keeps its connection and locks for the whole "
				  "network round trip", call, via, header, desc);
	else if (net != NULL)
		finding_set_issue(fd, "`%s` is a network call inside `%s` in %s: the transaction "
				  "keeps its connection and locks for the whole round trip",
				  call, header, desc);
	else
		finding_set_issue(fd, "`%s` does file I/O inside `%s` in %s: the transaction "
				  "stays open while the disk works", call, header, desc);
	ts_wide_recommendation(in, m, fd, net != NULL);
	sem_add_line(fd, m, b->line);
}

/* Transactions begun by name (`tx, err := db.Begin()`, a project factory
 * of begun sessions `s := db.NewSession()`), from the begin to their
 * commit, or to the return when only a deferred close or rollback ends
 * them: the first network call (else file I/O) in between. */
static void ts_check_begun(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *f, *k;

	for (f = NULL; (f = model_walk(m, model_node(m, 0), f, 1)); ) {
		if (f->kind != NODE_FUNC || sem_func_is_tx(m, f))
			continue;
		for (k = NULL; (k = model_walk(m, f, k, 0)); ) {
			struct tc_clients cl = { { NULL }, 0 };
			const struct node *end, *x, *net = NULL, *file = NULL;
			char name[SEM_NAME_MAX], via[128] = "", call[128], opener[128], desc[160];
			uint32_t end_line;
			struct finding *fd;

			/* the begin first: most calls bind no name (cheap), and
			 * sem_tx_block is not */
			if (k->kind != NODE_CALL ||
			    tc_begun_name(in, fi, m, k, name, sizeof name) == NULL ||
			    sem_tx_block(m, k) != NULL || model_ancestor(m, k, NODE_DEFER) != NULL ||
			    !tc_begun_end(m, f, k, name, &end, &end_line))
				continue;
			tc_add_clients_of(in, m, f, &cl);
			tc_add_clients_of(in, m, model_node(m, 0), &cl);
			for (x = NULL; net == NULL && (x = model_walk(m, f, x, 0)); ) {
				if (x->kind != NODE_CALL || x == end || x->line <= k->line ||
				    x->line > end_line || sem_tx_block(m, x) != NULL ||
				    model_ancestor(m, x, NODE_DEFER) != NULL)
					continue;
				if (tc_network_call_in(in, m, x, &cl, via, sizeof via))
					net = x;
				else if (file == NULL && sem_call_is(m, x, "file_io"))
					file = x;
			}
			if (net == NULL && file == NULL)
				continue;
			fd = auditor_emit(in, out, &tc_checks[TC_TRANSACTION_WIDE],
					  net ? SEV_HIGH : SEV_MEDIUM, fi, net ? net : file);
			if (fd == NULL)
				continue;
			sem_call_source(m, net ? net : file, call, sizeof call);
			sem_call_source(m, k, opener, sizeof opener);
			sem_func_desc(in, fi, k, desc, sizeof desc);
			if (net != NULL && via[0] != '\0')
				finding_set_issue(fd, "`%s` (which calls `%s`) runs inside the transaction "
						  "begun by `%s` (line %u) in %s: the transaction keeps "
						  "its connection and locks for the whole network round trip",
						  call, via, opener, k->line, desc);
			else if (net != NULL)
				finding_set_issue(fd, "`%s` is a network call inside the transaction begun "
						  "by `%s` (line %u) in %s: the transaction keeps its "
						  "connection and locks for the whole round trip",
						  call, opener, k->line, desc);
			else
				finding_set_issue(fd, "`%s` does file I/O inside the transaction begun by "
						  "`%s` (line %u) in %s: the transaction stays open while "
						  "the disk works", call, opener, k->line, desc);
			if (!db_advice(in, m, net ? "transaction_wide" : "transaction_wide.file_io", NULL,
				       fd))
				ts_wide_recommendation(in, m, fd, net != NULL);
			sem_add_line(fd, m, k->line);
			if (end != NULL)
				sem_add_line(fd, m, end->line);
		}
	}
}

/* transaction_wide — a transaction block (`async with session.begin()`,
 * `with transaction.atomic()`, `BEGIN…COMMIT`, `db.Begin()`…`Commit()`,
 * `$transaction`) that contains network calls (httpx, aiohttp, requests,
 * grpc, fetch/axios, `http.Get`) or file I/O. HIGH for network calls,
 * MEDIUM for file I/O. */
static void tc_check_transaction_wide(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	unsigned char *seen = calloc(m->n_nodes ? m->n_nodes : 1, 1);
	const struct node *n;

	/* pre-order: an outer block claims its calls before an inner one */
	for (n = NULL; (n = model_walk(m, model_node(m, 0), n, 1)); )
		if ((n->kind == NODE_WITH && sem_is_tx_with(m, n)) ||
		    (n->kind == NODE_FUNC && sem_func_is_tx(m, n)))
			ts_check_block(in, fi, out, n, seen);
	free(seen);
	ts_check_begun(in, fi, out);
}

const struct check_impl check_transaction_wide = {
	.def = &tc_checks[TC_TRANSACTION_WIDE],
	.file = tc_check_transaction_wide,
};
