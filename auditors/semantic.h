/* The semantic layer every check asks instead of reading names itself:
 * where a node runs (its function, async or not, offloaded to a thread,
 * the role of the function), what a call does (resolved callee, session
 * or connection calls, catalog lists, the SQL of a literal), transaction
 * blocks and per-item loops, where a local value came from, and the
 * wording of issue text. One name per idea: the "receiver path" of
 * `self.db.query` is `self.db`, its "receiver name" is `db`.
 *
 * Neighbours of this layer, each with its own header: db-ops.h (the kind
 * of a DB statement), errpath.h (error paths), receiver-types.h (typed
 * receivers), summary.h (what a function does, across files).
 *
 * Everything here is a pure read of the shared, read-only project;
 * results point into the model or into the caller's buffer. */
#ifndef PPAUDIT_SEMANTIC_H
#define PPAUDIT_SEMANTIC_H

#include <ctype.h>
#include <stddef.h>

#include "auditor.h"
#include "catalog.h"
#include "finding.h"
#include "index.h"
#include "model.h"

enum { SEM_NAME_MAX = 512 };

/* A character of an identifier: letters, digits, underscore and any
 * non-ASCII byte (identifiers may be Unicode). */
static inline int sem_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80;
}

/* ---- scope: where a node runs ---- */

const struct node *sem_func(const struct model *m, const struct node *n);

/* True when n runs directly in an `async def` (a def or lambda nested in
 * an async def is its own, synchronous, scope). */
int sem_in_async(const struct model *m, const struct node *n);

/* True when call c sits inside the arguments of an offload wrapper
 * (asyncio.to_thread, run_in_executor, anyio.to_thread.run_sync, ...). */
int sem_offloaded(const struct model *m, const struct node *c);

/* Resolves call c's callee through imports into buf. */
const char *sem_callee(const struct model *m, const struct node *c, char *buf, size_t size);

/* True when ident occurs in s[0..n) as a whole identifier (not as part of
 * a longer name or an attribute of something else). */
int sem_has_plain_ident(const char *s, size_t n, const char *ident);
int sem_span_has_plain_ident(const struct model *m, struct span sp, const char *ident);

/* Short source form of call c for issue text, "time.sleep(2)", with long
 * argument lists shortened to "(...)". Returns buf. */
const char *sem_call_brief(const struct model *m, const struct node *c, char *buf, size_t size);

/* The qualified name of the function n is in ("module level" at the top). */
const char *sem_func_name(const struct model *m, const struct node *n);

/* The receiver of a dotted callee: "self.db.query" -> "self.db" into buf;
 * "" for a bare name. */
const char *sem_receiver_path(const char *callee, char *buf, size_t size);

/* The last plain assignment `var = ...` in function fn's own scope on a
 * line before `before` (or anywhere when before is 0), or NULL. */
const struct node *sem_assignment(const struct model *m, const struct node *fn,
				  const char *var, unsigned before);

/* The calls named name (struct call_info name) anywhere in m, nested
 * functions included, in walk order: *n of them, or NULL (none, or the
 * budget ran out building the file's index). Valid until the next call
 * on this thread with another model; built once per model and thread. */
const struct node *const *sem_calls_named(const struct model *m, const char *name, size_t *n);

/* The nodes of kind (enum node_kind) in fn's own scope (model_walk with
 * into_funcs 0), in walk order: *n of them, or NULL. Cached per thread
 * for the last few (function, kind) pairs; valid until the next call. */
const struct node *const *sem_own_nodes(const struct model *m, const struct node *fn, int kind,
					size_t *n);

/* The first call node directly under statement st, or NULL. */
const struct node *sem_first_call(const struct model *m, const struct node *st);

/* True when call c is the whole of expression span v (`x = f(a)`,
 * `x = await f()`), not part of a larger expression. */
int sem_call_is_whole(const struct model *m, const struct node *c, struct span v);

/* The parameter named var of function fn, or NULL. */
const struct param *sem_param(const struct node *fn, const char *var);

/* The severity for a blocking-style finding: HIGH on the request path
 * (handler, helper reached only from handlers, dependency), MEDIUM in
 * background and other code. */
enum severity sem_request_severity(unsigned role);

/* Words for the role in issue text: "async handler", "background task",
 * "async function". */
const char *sem_role_words(unsigned role, int is_async);
/* True when node c (a call, or a function) runs only at start-up: its
 * function's roles (role, from index_role_at) hold ROLE_INIT and no
 * serving role, and the function has no `while` loop (a reporter or
 * simulator started at start-up keeps running while the service serves). */
int sem_startup_only(const struct model *m, const struct node *c, unsigned role);

/* The language's words for issue text: "except" / "catch", "raises" /
 * "throws" (lang.h traits; Python's when the language has none). */
const char *sem_catch_word(const struct model *m);
const char *sem_throw_word(const struct model *m);

/* True when text, lower-cased, matches a pattern of word list `list` of
 * lang's catalog: "*cache*" there is a case-insensitive substring. */
int sem_match_lower(enum lang lang, const char *list, const char *text);

/* The length of the prefix of s named by a "x*" pattern of word list
 * `list` (9 for "Optional[T]" and the pattern "Optional\\[*"; backslash
 * escapes count once), 0 when no pattern matches s. With lower set, s is
 * compared lower-cased (SQL keywords: "INTO t" and "into *"). */
size_t sem_prefix_len(enum lang lang, const char *list, const char *s, int lower);

/* The catalog text called name for m's language, or "" (words of issue
 * text such as the `await ` before a call). */
const char *sem_text_or_empty(const struct model *m, const char *name);

/* The literal a "*x*", "x*" or "*x" pattern names, its backslash escapes
 * undone ("*tuple\\[*" gives "tuple["), into buf; "" when the pattern
 * holds another wildcard or does not fit. Returns buf. */
const char *sem_pattern_literal(const char *pat, char *buf, size_t size);

/* The word before position p of text (spaces skipped) is one of word
 * list `list` (`not` in "not x", `in` in "for r in x"). */
int sem_word_before(enum lang lang, const char *list, const char *text, const char *p);

/* True when one of the stack's names (ORM, driver, framework, library)
 * is in word list `list` ("flask-sqlalchemy"). */
int sem_stack_in(const struct project *p, enum lang lang, const char *list);

/* Short stack-specific wording helpers from ctx->stack. */
int sem_stack_is(const struct project *p, const char *what);

/* ---- calls, sessions, SQL, transactions and loops ---- */

/* The receiver's last segment of a dotted callee: "self.session.commit"
 * -> "session", "session.query().filter().first" -> "session" (the root of
 * a call chain), "commit" -> "". Writes into buf. */
const char *sem_receiver_name(const char *callee, char *buf, size_t size);

/* True when name looks like a session or connection of lang's catalog
 * ("session", "db", "self._session", "conn", "pool", "tx"). */
int sem_is_session_name(enum lang lang, const char *name);

/* True when call c matches catalog list `list` and its receiver is a
 * session or connection. */
int sem_session_call(const struct model *m, const struct node *c, const char *list);

/* True when call c matches catalog list `list` (resolved through imports). */
int sem_call_is(const struct model *m, const struct node *c, const char *list);

/* The SQL of a string literal first argument of call c (also through a
 * text("...") child call), copied into buf without quotes; NULL when the
 * first argument is not a literal. */
const char *sem_sql_arg(const struct model *m, const struct node *c, char *buf, size_t size);

/* The SQL of argument i of call c: a string literal, or a local every
 * assignment of which before c is a SQL literal of one verb (where the
 * catalog says so, sem_sql_in_locals); NULL otherwise. */
const char *sem_sql_arg_at(const struct model *m, const struct node *c, uint32_t i, char *buf,
			   size_t size);

/* The text of the string literal at the start of s (n bytes: Python
 * prefixes and triple quotes, ' " and `), without its quotes, into buf;
 * NULL when s does not start with a literal. */
const char *sem_sql_literal(const char *s, size_t n, char *buf, size_t size);

/* The leading SQL keyword of sql ("UPDATE", "DELETE", "INSERT", "SELECT",
 * ...), upper-cased into buf, or "" when there is none. */
const char *sem_sql_verb(const char *sql, char *buf, size_t size);

/* True when the SQL text sql with verb (sem_sql_verb) that call c hands
 * as one whole literal is prose, not a statement: the verb is one of
 * the catalog's "sem_sql_clause_verbs" but no word of the text is a
 * clause "sem_sql_verb_clauses" pairs with it ("UPDATE SET", "DELETE
 * FROM"): `log.Error("Update Comment error: ", err)`. */
int sem_sql_prose(const struct model *m, const struct node *c, const char *sql, const char *verb);

/* True when the text is set-based: `IN (...)`, `= ANY(...)`, `.in_(`,
 * `__in=`, `bindparam(`, `unnest(`, a multi-row VALUES list. */
int sem_text_set_based(const char *text);

/* Copies the source lines of node n (line .. end_line) into buf. */
const char *sem_node_text(const struct model *m, const struct node *n, char *buf, size_t size);

/* True when identifier word occurs in text as a whole identifier, also as
 * an attribute (`x.word`; sem_has_plain_ident refuses that). */
int sem_mentions(const char *text, const char *word);

/* True when the statement text mentions any identifier bound by the
 * target of loop (`job`, `(job_id, status)`, `i, row`). */
int sem_mentions_loop_target(const struct model *m, const struct node *loop, const char *text);

/* True for a loop that advances a result cursor once per row: a
 * while-form loop whose condition calls the catalog's row_cursor_advance
 * (`for rows.Next() {`). Its per-row variables are what the body scans
 * from that cursor (row_cursor_scan: `rows.Scan(&id)`); it is per-row like
 * a for-each over the rows. */
int sem_loop_cursor(const struct model *m, const struct node *loop);

/* True for a retry loop (`for attempt in range(3)`, target named
 * attempt/retry/tries) or a per-chunk loop (target or iterable naming a
 * chunk / batch / page): statements in them are not per-row. */
int sem_loop_not_per_row(const struct model *m, const struct node *loop);

/* True when call c, inside loop, runs at most once per run of the loop:
 * it sits in an except or an if branch that ends with raise, return or
 * break (`except: mark_failed(job); raise`). */
int sem_runs_once_in_loop(const struct model *m, const struct node *c, const struct node *loop);

/* The transaction block enclosing n within its function: a WITH whose
 * header opens a transaction (`session.begin()`, `engine.begin()`,
 * `transaction.atomic()`, `conn.transaction()`), or the FUNC itself when
 * decorated with `@transaction.atomic`. NULL when there is none. */
const struct node *sem_tx_block(const struct model *m, const struct node *n);

/* True when WITH node w opens a transaction (see sem_tx_block). */
int sem_is_tx_with(const struct model *m, const struct node *w);

/* True when FUNC node f is decorated with a transaction decorator. */
int sem_func_is_tx(const struct model *m, const struct node *f);

/* The first call under root (own scope) matching list, or NULL. */
const struct node *sem_find_call(const struct model *m, const struct node *root, const char *list);

/* True when root's subtree (own scope) contains a call matching list. */
int sem_contains_call(const struct model *m, const struct node *root, const char *list);

/* Severity from the role of the function enclosing n: hi in a handler
 * (or on the request path), lo elsewhere. */
enum severity sem_role_severity(const struct audit_input *in, size_t fi, const struct node *n,
				enum severity hi, enum severity lo);

/* Short description of the role for issue text: "async handler `f`",
 * "background task `f`", "function `f`". Writes into buf. */
const char *sem_func_desc(const struct audit_input *in, size_t fi, const struct node *n,
			  char *buf, size_t size);

/* The index of m's file in p (SIZE_MAX when none); O(1) for repeated
 * questions about one file. */
size_t sem_file_of(const struct project *p, const struct model *m);

/* Which persistence stack the project uses, for recommendations. */
enum sem_db_stack { SEM_SA_ASYNC, SEM_SA_SYNC, SEM_DJANGO, SEM_ASYNCPG, SEM_PSYCOPG };
enum sem_db_stack sem_db_stack(const struct project *p);

/* True when the loop's body reads each item as a mapping (catalog
 * sem_mapping_item_reads: `data.pop("key")`, `row.get("id")`): the items
 * are objects, so what it walks is an array of them. */
int sem_loop_items_are_mappings(const struct model *m, const struct node *loop);

/* The text of a loop's iterable (or while condition), trimmed, into buf. */
const char *sem_loop_iter(const struct model *m, const struct node *loop, char *buf, size_t size);

/* The source text of call c on its first line ("session.add(Job(...))"),
 * shortened to about 80 characters with "..." when it goes on. */
const char *sem_call_source(const struct model *m, const struct node *c, char *buf, size_t size);

/* The argument text of the first call of a chain: "Job" for
 * `update(Job).where(...).values(...)`, into buf ("" when not on the
 * call's first line). */
const char *sem_chain_head_args(const struct model *m, const struct node *c, char *buf,
				size_t size);

/* The header of a compound statement (loop, with) without the colon:
 * "for job in jobs", "async with session.begin()". */
const char *sem_header_text(const struct model *m, const struct node *n, char *buf, size_t size);

/* Adds line `line` of the file as evidence (e.g. a loop header). */
void sem_add_line(struct finding *f, const struct model *m, uint32_t line);

/* For SQL text in call c: the values bound to the parameters of its
 * WHERE clause (`$2`, `:id`, `%(id)s`), i.e. what picks the rows, into
 * buf ("" when there is no WHERE: every row each time); 0 when c has no
 * SQL literal. */
int sem_sql_row_text(const struct model *m, const struct node *c, char *buf, size_t size);

#endif /* PPAUDIT_SEMANTIC_H */
