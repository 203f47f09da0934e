/* Scope and data-flow helpers shared by the runtime (ln-653) and resource
 * lifecycle (ln-654) auditors: which function a node runs in, whether it
 * is async, offloaded to a thread, what a local variable was assigned
 * from, and whether it is closed or escapes.
 *
 * All functions are pure reads of a model; results point into it. */
#ifndef PPAUDIT_PYSCOPE_H
#define PPAUDIT_PYSCOPE_H

#include <stddef.h>

#include "finding.h"
#include "index.h"
#include "model.h"

/* The function (def, async def or lambda) n runs in, or NULL. */
const struct node *pyscope_func(const struct model *m, const struct node *n);

/* True when n runs directly in an `async def` (a def or lambda nested in
 * an async def is its own, synchronous, scope). */
int pyscope_in_async(const struct model *m, const struct node *n);

/* True when call c sits inside the arguments of an offload wrapper
 * (asyncio.to_thread, run_in_executor, anyio.to_thread.run_sync, ...). */
int pyscope_offloaded(const struct model *m, const struct node *c);

/* Resolves call c's callee through imports into buf. */
const char *pyscope_callee(const struct model *m, const struct node *c, char *buf, size_t size);

/* True when ident occurs in s[0..n) as a whole identifier (not as part of
 * a longer name or an attribute of something else). */
int pyscope_has_ident(const char *s, size_t n, const char *ident);
int pyscope_span_has_ident(const struct model *m, struct span sp, const char *ident);

/* Short source form of call c for issue text, "time.sleep(2)", with long
 * argument lists shortened to "(...)". Returns buf. */
const char *pyscope_call_text(const struct model *m, const struct node *c, char *buf, size_t size);

/* The qualified name of the function n is in ("module level" at the top). */
const char *pyscope_func_name(const struct model *m, const struct node *n);

/* The receiver of a dotted callee: "self.db.query" -> "self.db" into buf;
 * "" for a bare name. */
const char *pyscope_receiver(const char *callee, char *buf, size_t size);

/* The last plain assignment `var = ...` in function fn's own scope on a
 * line before `before` (or anywhere when before is 0), or NULL. */
const struct node *pyscope_assignment(const struct model *m, const struct node *fn,
				      const char *var, unsigned before);

/* The first call node directly under statement st, or NULL. */
const struct node *pyscope_first_call(const struct model *m, const struct node *st);

/* True when call c is the whole of expression span v (`x = f(a)`,
 * `x = await f()`), not part of a larger expression. */
int pyscope_call_is_whole(const struct model *m, const struct node *c, struct span v);

/* The parameter named var of function fn, or NULL. */
const struct param *pyscope_param(const struct node *fn, const char *var);

/* The severity for a blocking-style finding: HIGH on the request path
 * (handler, helper reached only from handlers, dependency), MEDIUM in
 * background and other code. */
enum severity pyscope_request_severity(unsigned role);

/* Words for the role in issue text: "async handler", "background task",
 * "async function". */
const char *pyscope_role_words(unsigned role, int is_async);

/* The language's words for issue text: "except" / "catch", "raises" /
 * "throws" (lang.h traits; Python's when the language has none). */
const char *pyscope_catch_word(const struct model *m);
const char *pyscope_throw_word(const struct model *m);

/* Short stack-specific wording helpers from ctx->stack. */
int pyscope_stack_is(const struct project *p, const char *what);

#endif
