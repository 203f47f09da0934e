/* Helpers shared by the persistence auditors (ln-651 query efficiency,
 * ln-652 transaction correctness): recognising sessions and connections,
 * SQL in string literals, transaction blocks, per-item loops and the
 * stack-specific wording of recommendations.
 *
 * Everything here reads the shared, read-only project; nothing allocates
 * beyond what the caller frees (buffers are the caller's). */
#ifndef PPAUDIT_DB_COMMON_H
#define PPAUDIT_DB_COMMON_H

#include <stddef.h>

#include "auditor.h"
#include "catalog.h"

enum { DBC_NAME_MAX = 512 };

/* The callee of call c resolved through the file's imports, into buf. */
const char *dbc_callee(const struct model *m, const struct node *c, char *buf, size_t size);

/* The receiver's last segment of a dotted callee: "self.session.commit"
 * -> "session", "session.query().filter().first" -> "session" (the root of
 * a call chain), "commit" -> "". Writes into buf. */
const char *dbc_receiver(const char *callee, char *buf, size_t size);

/* True when name looks like a session or connection of lang's catalog
 * ("session", "db", "self._session", "conn", "pool", "tx"). */
int dbc_is_session_name(enum lang lang, const char *name);

/* True when call c matches catalog list `list` and its receiver is a
 * session or connection. */
int dbc_session_call(const struct model *m, const struct node *c, const char *list);

/* True when call c matches catalog list `list` (resolved through imports). */
int dbc_call_is(const struct model *m, const struct node *c, const char *list);

/* The SQL of a string literal first argument of call c (also through a
 * text("...") child call), copied into buf without quotes; NULL when the
 * first argument is not a literal. */
const char *dbc_sql_arg(const struct model *m, const struct node *c, char *buf, size_t size);

/* The text of the string literal at the start of s (n bytes: Python
 * prefixes and triple quotes, ' " and `), without its quotes, into buf;
 * NULL when s does not start with a literal. */
const char *dbc_sql_literal(const char *s, size_t n, char *buf, size_t size);

/* The leading SQL keyword of sql ("UPDATE", "DELETE", "INSERT", "SELECT",
 * ...), upper-cased into buf, or "" when there is none. */
const char *dbc_sql_verb(const char *sql, char *buf, size_t size);

/* True when the text is set-based: `IN (...)`, `= ANY(...)`, `.in_(`,
 * `__in=`, `bindparam(`, `unnest(`, a multi-row VALUES list. */
int dbc_text_set_based(const char *text);

/* Copies the source lines of node n (line .. end_line) into buf. */
const char *dbc_node_text(const struct model *m, const struct node *n, char *buf, size_t size);

/* True when identifier word occurs in text as a whole identifier. */
int dbc_mentions(const char *text, const char *word);

/* True when the statement text mentions any identifier bound by the
 * target of loop (`job`, `(job_id, status)`, `i, row`). */
int dbc_mentions_loop_target(const struct model *m, const struct node *loop, const char *text);

/* True for a loop that advances a result cursor once per row: a
 * while-form loop whose condition calls the catalog's row_cursor_advance
 * (`for rows.Next() {`). Its per-row variables are what the body scans
 * from that cursor (row_cursor_scan: `rows.Scan(&id)`); it is per-row like
 * a for-each over the rows. */
int dbc_loop_cursor(const struct model *m, const struct node *loop);

/* True for a retry loop (`for attempt in range(3)`, target named
 * attempt/retry/tries) or a per-chunk loop (target or iterable naming a
 * chunk / batch / page): statements in them are not per-row. */
int dbc_loop_not_per_row(const struct model *m, const struct node *loop);

/* True when call c, inside loop, runs at most once per run of the loop:
 * it sits in an except or an if branch that ends with raise, return or
 * break (`except: mark_failed(job); raise`). */
int dbc_runs_once_in_loop(const struct model *m, const struct node *c, const struct node *loop);

/* The transaction block enclosing n within its function: a WITH whose
 * header opens a transaction (`session.begin()`, `engine.begin()`,
 * `transaction.atomic()`, `conn.transaction()`), or the FUNC itself when
 * decorated with `@transaction.atomic`. NULL when there is none. */
const struct node *dbc_tx_block(const struct model *m, const struct node *n);

/* True when WITH node w opens a transaction (see dbc_tx_block). */
int dbc_is_tx_with(const struct model *m, const struct node *w);

/* True when FUNC node f is decorated with a transaction decorator. */
int dbc_func_is_tx(const struct model *m, const struct node *f);

/* The first call under root (own scope) matching list, or NULL. */
const struct node *dbc_find_call(const struct model *m, const struct node *root, const char *list);

/* True when root's subtree (own scope) contains a call matching list. */
int dbc_contains_call(const struct model *m, const struct node *root, const char *list);

/* Severity from the role of the function enclosing n: hi in a handler
 * (or on the request path), lo elsewhere. */
enum severity dbc_role_severity(const struct audit_input *in, size_t fi, const struct node *n,
				enum severity hi, enum severity lo);

/* Short description of the role for issue text: "async handler `f`",
 * "background task `f`", "function `f`". Writes into buf. */
const char *dbc_func_desc(const struct audit_input *in, size_t fi, const struct node *n,
			  char *buf, size_t size);

/* The index of m's file in p (SIZE_MAX when none); O(1) for repeated
 * questions about one file. */
size_t dbc_file_of(const struct project *p, const struct model *m);

/* Which persistence stack the project uses, for recommendations. */
enum dbc_stack { DBC_SA_ASYNC, DBC_SA_SYNC, DBC_DJANGO, DBC_ASYNCPG, DBC_PSYCOPG };
enum dbc_stack dbc_stack(const struct project *p);

/* The text of a loop's iterable (or while condition), trimmed, into buf. */
const char *dbc_loop_iter(const struct model *m, const struct node *loop, char *buf, size_t size);

/* The source text of call c on its first line ("session.add(Job(...))"),
 * shortened to about 80 characters with "..." when it goes on. */
const char *dbc_call_text(const struct model *m, const struct node *c, char *buf, size_t size);

/* The argument text of the first call of a chain: "Job" for
 * `update(Job).where(...).values(...)`, into buf ("" when not on the
 * call's first line). */
const char *dbc_chain_head_args(const struct model *m, const struct node *c, char *buf,
				size_t size);

/* The header of a compound statement (loop, with) without the colon:
 * "for job in jobs", "async with session.begin()". */
const char *dbc_header_text(const struct model *m, const struct node *n, char *buf, size_t size);

/* Adds line `line` of the file as evidence (e.g. a loop header). */
void dbc_add_line(struct finding *f, const struct model *m, uint32_t line);

/* For SQL text in call c: the values bound to the parameters of its
 * WHERE clause (`$2`, `:id`, `%(id)s`), i.e. what picks the rows, into
 * buf ("" when there is no WHERE: every row each time); 0 when c has no
 * SQL literal. */
int dbc_sql_row_text(const struct model *m, const struct node *c, char *buf, size_t size);

#endif
