/* Private to ln-652 (auditors/transaction-correctness/): the check table,
 * the checks (one per file, each exporting a struct check_impl that
 * auditor.c lists) and the statement-flow helpers they share (flow.c). */
#ifndef PPAUDIT_TC_H
#define PPAUDIT_TC_H

#include "checks.h"
#include "auditor.h"
#include "db-ops.h"

enum tc_check {
	TC_MISSING_ROLLBACK,
	TC_TRANSACTION_WIDE,
	TC_MISSING_INTERMEDIATE_COMMITS,
	TC_TRANSACTION_NARROW,
	TC_LONG_HELD_TRANSACTION,
	TC_N_CHECKS
};

/* this auditor's block of the check registry (src/checks.c) */
#define tc_checks (check_defs + CHECKS_TC)

/* The checks, one file each (whole-file checks: check_impl.file). */
struct check_impl;
extern const struct check_impl check_missing_rollback, check_transaction_wide,
	check_missing_intermediate_commits, check_transaction_narrow,
	check_long_held_transaction;

/* ---- statement flow (flow.c) ---- */

/* The statement node n belongs to: a call climbs to its simple statement;
 * a header call (for/with/if) to its compound statement. */
const struct node *tc_stmt(const struct model *m, const struct node *n);

/* True when b runs after a whenever b runs: b starts below a's statement
 * and sits in the same block as that statement (or nested deeper in it). */
int tc_before(const struct model *m, const struct node *a, const struct node *b);

/* True when call c commits: `commit()` on a session or connection, or a
 * call, handed a session, to a project function that commits it. */
int tc_is_commit(const struct audit_input *in, const struct model *m, const struct node *c);

/* True when root's own scope holds a commit (tc_is_commit) or a
 * transaction block (`session.begin()`, `atomic()`), which commits too. */
int tc_has_commit(const struct audit_input *in, const struct model *m, const struct node *root);

/* True when WITH node w opens a transaction that commits at its end (a
 * `begin_nested()` savepoint does not). */
int tc_commit_block(const struct model *m, const struct node *w);

/* The ORM model of local `name` in function f: bound by an assignment
 * whose value calls the model (`Job(...)`, `session.get(Job, id)`,
 * `select(Job)...`) or a parameter annotated with it. NULL otherwise. */
const struct orm_model *tc_var_model(const struct audit_input *in, const struct model *m,
				     const struct node *f, const char *name);

/* Splits an attribute-write target "job.progress" into obj and attr;
 * 0 unless the target is exactly `name.attr`. */
int tc_attr_target(const struct model *m, const struct node *n, char *obj, size_t osize,
		   char *attr, size_t asize);

/* The table written by a statement call c (`session.execute(update(Job)
 * ...)`, `conn.execute("UPDATE jobs ...")`) into buf, lower case, or
 * NULL when c writes no table it can name. op receives DB_OP_UPDATE,
 * DB_OP_INSERT or DB_OP_DELETE (may be NULL). */
const char *tc_stmt_table(const struct audit_input *in, const struct model *m,
			  const struct node *c, char *buf, size_t size, enum db_op *op);

/* Sets f's recommendation from catalog text name, its `{key}` holes
 * filled from kv (key, value pairs ending with NULL; NULL for none). */
void tc_set_recommendation(const struct model *m, struct finding *f, const char *name,
			   const char *const *kv);

/* True when the call's receiver is the implicit one (tc_self_prefixes:
 * `self.helper()`). */
int tc_self_call(const struct model *m, const char *callee);

/* Where in text the first pattern of word list `list` ("*.where(*": a
 * substring, tried in the catalog's order) that text holds occurs, or
 * NULL; *len receives the length of that substring. */
const char *tc_find_word(enum lang lang, const char *list, const char *text, size_t *len);

/* True when the source text of span s matches a pattern of word list
 * `list` ("*Depends*": it holds that substring). */
int tc_span_matches(const struct model *m, struct span s, const char *list);

/* True when call c is a network call: a client library function, a method
 * on a client bound in f or at module level, or (one level deep) a project
 * function that makes one; the library call goes to via ("" if direct). */
int tc_network_call(const struct audit_input *in, const struct model *m, const struct node *f,
		    const struct node *c, char *via, size_t vsize);

/* True when call c sleeps for a real time (`asyncio.sleep(0)` is a yield). */
int tc_sleep_call(const struct model *m, const struct node *c);

/* Local names bound to network clients (`c = httpx.AsyncClient()`,
 * `async with aiohttp.ClientSession() as http`); strings point into the
 * model's arena. Shared by transaction_wide and long_held_transaction. */
enum { TC_MAX_CLIENTS = 16 };
struct tc_clients {
	const char *names[TC_MAX_CLIENTS];
	int n;
};

/* Adds the client names bound in scope (its own scope only) to cl. */
void tc_collect_clients(const struct model *m, const struct node *scope, struct tc_clients *cl);

/* The same, remembered per scope for the run in in's audit context (in
 * may be NULL: then collected afresh). */
void tc_add_clients_of(const struct audit_input *in, const struct model *m,
		       const struct node *scope, struct tc_clients *cl);

/* Network call c: a client library call, a method on a client of cl, or
 * a call of a project function (one definition) that makes one in its
 * own body — then that library call goes to via. */
int tc_network_call_in(const struct audit_input *in, const struct model *m, const struct node *c,
		       const struct tc_clients *cl, char *via, size_t vsize);

/* transaction_narrow's managed-callback form (transaction_narrow-callback.c):
 * a `$transaction(async (tx) => ...)` callback whose writes go through the
 * outer client rather than its handle. */
void tc_narrow_callbacks(const struct audit_input *in, size_t fi, struct finding_sink *out);

/* True when f is an async callback handed to the transaction of a
 * synchronous driver (the file's stack names an ORM of catalog
 * tc_sync_tx_orms over a driver of tc_sync_tx_drivers): the driver
 * commits when the callback returns its promise, at its first `await`,
 * so nothing is held across the awaited work and what follows it runs
 * in autocommit. */
int tc_sync_driver_async_callback(const struct audit_input *in, const struct model *m,
				  const struct node *f);

/* transaction_narrow, the autocommit form (transaction_narrow-autocommit.c):
 * dependent writes of one function each committing alone. */
void tc_narrow_autocommit(const struct audit_input *in, size_t fi, struct finding_sink *out);

/* True when call k sits in an `if` block of f that returns after it, in
 * a language whose failures are values (errpath.h): an error path. */
int tc_error_path(const struct model *m, const struct node *f, const struct node *k);

/* The name call k binds when it begins a transaction by name: `tx, err :=
 * db.Begin()` (a session name), or `s := db.NewSession()` where the
 * project function called hands back a session it began (it calls a
 * begin on a name and returns that name). The name into buf; NULL
 * otherwise. */
const char *tc_begun_name(const struct audit_input *in, size_t fi, const struct model *m,
			  const struct node *k, char *buf, size_t size);

/* Forgets tc_begun_name's memo of project factories: called once per run
 * (tc_run) before any file is read. */
void tc_begun_reset(void);

/* Where the transaction begun by call k into name, in function f, ends:
 * the first commit, or rollback off an error path, of name after k, not
 * deferred (into *end, its line into *end_line); else, when f defers
 * name's close or rollback, f's last line (*end NULL). 0 when neither:
 * the handle leaves f open. */
int tc_begun_end(const struct model *m, const struct node *f, const struct node *k,
		 const char *name, const struct node **end, uint32_t *end_line);

/* True when call x writes in the transaction begun by call k into name:
 * a project helper whose summary writes rows, or a statement on name that
 * the declared result type of k's factory says writes (db_typed_op). */
int tc_begun_write(const struct audit_input *in, size_t fi, const struct model *m,
		   const struct node *k, const char *name, const struct node *x);

#endif
