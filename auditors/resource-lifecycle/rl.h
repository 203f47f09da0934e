/* Private to ln-654 (auditors/resource-lifecycle/): the check table and
 * what its checks share (common.c). One check per file, each exporting a
 * struct check_impl that auditor.c lists; language forms of a check live
 * beside it (pool_configuration-options.c, deferred-release.c). */
#ifndef PPAUDIT_RL_H
#define PPAUDIT_RL_H

#include "checks.h"
#include <stddef.h>

#include "auditor.h"

enum rl_check {
	RL_RESOURCE_SCOPE_MISMATCH, RL_STREAMING_RESOURCE_HOLDING, RL_MISSING_CLEANUP,
	RL_POOL_CONFIGURATION, RL_ERROR_PATH_LEAK, RL_FACTORY_VS_INJECTION, RL_N_CHECKS
};

/* this auditor's block of the check registry (src/checks.c) */
#define rl_checks (check_defs + CHECKS_RL)

/* What an acquiring call hands out. */
enum rl_res { RES_NONE, RES_SESSION, RES_CONNECTION, RES_CURSOR, RES_FILE, RES_CLIENT,
	      RES_POOL /* a client pool of another service (a Redis job queue's) */ };

/* ---- common.c ---- */

struct catalog_list;

/* What the issue calls a resource of kind r, from the catalog texts
 * rl_resource.* (every language has them: common-resource-lifecycle.json). */
const char *rl_res_name(const struct model *m, enum rl_res r);

/* The language's "async " / "await " prefix for code in recommendations
 * when on, else "". */
const char *rl_async_word(const struct model *m, int on);
const char *rl_await_word(const struct model *m, int on);

/* True when the text of span sp matches a pattern of word list l: a
 * `*x*` pattern tests a substring, a plain name the whole text. */
int rl_span_match(const struct model *m, struct span sp, const struct catalog_list *l);

/* Sets f's issue (rl_set_issue) or recommendation (rl_set_fix) from the
 * catalog text called name with its `{key}` placeholders filled from kv
 * (key, value pairs ending with NULL), never truncated. Returns 0 when
 * the language has no such text (f untouched). */
int rl_set_issue(struct finding *f, const struct model *m, const char *name,
		 const char *const *kv);
int rl_set_fix(struct finding *f, const struct model *m, const char *name,
	       const char *const *kv);

enum rl_res rl_acquisition(const struct project *p, const struct model *m, const struct node *c);

/* What call c of file fi hands out: rl_acquisition, a pooled client
 * (RES_CLIENT) or client pool (RES_POOL) of the catalogs, or, when c
 * reaches one project helper (function summaries) whose every valued
 * return hands out a resource it acquired itself and did not close
 * (`return Session(engine)`, `return await create_pool(...)`, `conn =
 * connect(...); return conn`), that resource, followed two helpers deep.
 * *via_helper (may be NULL) is set when the resource comes from a helper.
 * A generator or memoised helper hands out nothing of its own. */
enum rl_res rl_acquired(const struct audit_input *in, size_t fi, const struct node *c,
			int *via_helper);

const char *rl_bound_var(const struct model *m, const struct node *c);

/* True when call x closes var: var.close(), await var.aclose(),
 * pool.release(var), pool.putconn(var), var.dispose(). */
int rl_is_close(const struct model *m, const struct node *x, const char *var);

const struct node *rl_close_call(const struct model *m, const struct node *fn, const char *var);

int rl_released_in_finally(const struct model *m, const struct node *fn, const char *var);

int rl_cursor_owner_released(const struct model *m, const struct node *fn, const struct node *c);

/* True when text s[0..n) names var other than as the receiver of a method
 * call: `return session` or `return Repo(session)` hand the resource on,
 * `return list(session.scalars(q))` hands on only what it read. */
int rl_hands_on(const char *s, size_t n, const char *var);

/* True when fn declares var a name of an outer scope (`global`): the
 * assignment sets module state (a client kept for the process). */
int rl_global(const struct model *m, const struct node *fn, const char *var);

int rl_escapes(const struct model *m, const struct node *fn, const char *var, unsigned after);

/* True when call c is managed where it is made: a with item, wrapped in
 * closing()/enter_context(), or a direct argument of another call. */
int rl_managed_here(const struct model *m, const struct node *c);

/* True when statement x leaves the function (return / raise). */
int rls_exits(const struct node *x);

const struct node *rl_leaky_except(const struct model *m, const struct node *fn,
				   const char *var, const struct node *acq);

/* True when the annotation's leading type names an ORM model of the
 * project: `user_session: UserSession = Depends(get_admin)` is a row of an
 * auth table, not a database session. */
int rls_annotation_is_model(const struct project *p, const struct model *m,
				   struct span ann);

int rl_injected_session(const struct project *p, const struct model *m, const struct param *pr);

/* True when call x uses var as a database handle: a method call on it. */
int rls_db_use(const struct node *x, const char *var);

/* True when call c builds an object around what it is given: a class
 * (`OrderRepository(session)`) or a `from_*` factory
 * (`Repo.from_session(session)`), as opposed to a helper returning data. */
int rls_wraps(const struct model *m, const struct node *c);

/* Fills names with var and the locals that hold it for later use (`repo =
 * Repo.from_session(session)`, `svc = Service(repo)`): calls on those are
 * session uses too. Returns how many. */
size_t rls_aliases(const struct model *m, const struct node *fn, const char *var,
			  const char **names);

/* True when awaited call x can actually suspend: not a project coroutine
 * whose body never awaits (`await add_toast(request, msg)` only appends
 * to a list). Callees outside the project are presumed to wait. */
int rls_really_waits(const struct project *p, const struct node *x);

/* True when the call ends the session's transaction (the connection goes
 * back to the pool). */
int rls_releases(const struct model *m, const struct node *x);

/* True when call x reaches an external service (HTTP client, cloud SDK). */
int rls_external(const struct model *m, const struct node *x);

/* True when the stack of the file being audited names SQLite: an
 * embedded database has no pool to configure. */
int rl_sqlite_stack(const struct project *p, const struct model *m);

/* The request session parameter of fn or of a function around it, or NULL. */
const struct param *rls_session_param(const struct project *p, const struct model *m,
				      const struct node *fn);

enum { RLS_MAX_ALIASES = 8 };

/* ---- pool_configuration-options.c ---- */

/* pool_configuration for a pool built from an options object (Node). */
void rl_check_pool_options(const struct audit_input *in, struct finding_sink *out, size_t fi,
			   const struct node *c);

/* ---- pool_configuration-session.c ---- */

/* pool_configuration for a pool set up by setter calls: a literal
 * connection lifetime under a minute, a per-connection setting sent once
 * through the pool. */
void rl_check_pool_session(const struct audit_input *in, struct finding_sink *out, size_t fi,
			   const struct node *c);

/* ---- the checks ---- */

struct check_impl;
extern const struct check_impl check_pool_configuration, check_missing_cleanup,
	check_error_path_leak, check_factory_vs_injection, check_resource_scope_mismatch,
	check_streaming_resource_holding, check_deferred_release;

#endif
