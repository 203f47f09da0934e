/* ln-654, request-scope checks: error_path_leak, resource_scope_mismatch,
 * streaming_resource_holding and factory_vs_injection.
 *
 * They all follow a session or connection through one function: where it
 * comes from (acquired here, or injected per request with Depends), where
 * it is last used, and what the function does after that (streams,
 * hands it to a task, returns from an error path). */
#include "auditor.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "pyscope.h"
#include "db-ops.h"
#include "resource-lifecycle.h"

/* True when statement x leaves the function (return / raise). */
static int rls_exits(const struct node *x)
{
	return x->kind == NODE_RETURN || x->kind == NODE_RAISE;
}

const struct node *rl_leaky_except(const struct model *m, const struct node *fn,
				   const char *var, const struct node *acq)
{
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); ) {
		const struct node *exc, *try_;
		int closed = 0;

		if (!rls_exits(x) || x->line <= acq->line ||
		    (exc = model_ancestor(m, x, NODE_EXCEPT)) == NULL || !model_is_within(m, exc, fn))
			continue;
		try_ = &m->nodes[exc->parent];
		/* the try must cover code after the acquisition */
		if (try_->kind != NODE_TRY || try_->end_line < acq->line)
			continue;
		/* a close in this handler before the exit, or a finally, is fine */
		for (const struct node *y = NULL; (y = model_walk(m, exc, y, 0)); ) {
			if (y->line > x->line)
				break;
			if (y->kind == NODE_CALL && y->u.call && y->u.call->callee &&
			    strncmp(y->u.call->callee, var, strlen(var)) == 0 &&
			    y->u.call->callee[strlen(var)] == '.' && y->u.call->name &&
			    (strcmp(y->u.call->name, "close") == 0 ||
			     strcmp(y->u.call->name, "release") == 0 ||
			     strcmp(y->u.call->name, "aclose") == 0))
				closed = 1;
		}
		if (closed || rl_released_in_finally(m, fn, var))
			continue;
		/* the resource is closed on the normal path only */
		if (rl_close_call(m, fn, var) == NULL)
			continue;
		return x;
	}
	return NULL;
}

/* Severity of an error-path leak from the role of the function. */
static enum severity rls_leak_severity(unsigned role)
{
	if (role & (ROLE_HANDLER | ROLE_HANDLER_PATH | ROLE_DEPENDENCY))
		return SEV_HIGH;
	return SEV_MEDIUM;
}

/* error_path_leak | an `except`/`catch`/`if err != nil` path that returns
 * or re-raises before the acquired resource is closed; a generator holding
 * a session without `try/finally` around `yield` | CRITICAL in
 * high-frequency handlers, HIGH in handlers, MEDIUM in background */
void rl_check_error_path_leak(const struct audit_input *in, struct finding_sink *out,
			      size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = pyscope_func(m, c), *exit_, *exc;
	const char *var;
	enum rl_res r;
	struct finding *f;
	unsigned role;
	char call[160];
	size_t len = 0;
	const char *t;

	if (fn == NULL || (c->flags & (NF_DECORATOR | NF_HEADER)) ||
	    (r = rl_acquisition(in->proj, m, c)) == RES_NONE ||
	    m->nodes[c->parent].kind != NODE_ASSIGN || (var = rl_bound_var(m, c)) == NULL ||
	    rl_escapes(m, fn, var, c->line) ||
	    (r == RES_CURSOR && rl_cursor_owner_released(m, fn, c)) ||
	    (exit_ = rl_leaky_except(m, fn, var, c)) == NULL)
		return;
	role = index_role_at(in->proj, (uint32_t)fi, c);
	f = auditor_emit(in, out, &rl_checks[RL_ERROR_PATH_LEAK], rls_leak_severity(role), fi, c);
	if (f == NULL)
		return;
	exc = model_ancestor(m, exit_, NODE_EXCEPT);
	pyscope_call_text(m, c, call, sizeof call);
	finding_set_issue(f, "`%s = %s` in `%s`: the `%s` branch at line %u %s before the %s "
			  "is closed, so every failure leaks it%s",
			  var, call, pyscope_func_name(m, c), pyscope_catch_word(m),
			  exc ? exc->line : exit_->line,
			  exit_->kind == NODE_RAISE ? (strcmp(pyscope_throw_word(m), "raises") == 0 ?
						       "re-raises" : "re-throws") : "returns",
			  rl_res_name(r),
			  r == RES_SESSION || r == RES_CONNECTION ?
			  " (a pooled connection stays checked out)" : "");
	if (db_advice(in, m, "error_path_leak", rl_res_name(r), f)) {
		if ((t = model_line(m, exit_->line, &len)) != NULL)
			finding_add_evidence(f, (int)exit_->line, t, len);
		return;
	}
	finding_set_recommendation(f, "Close it in `finally` (or acquire it with `%swith`) so "
				   "the error path releases it too.",
				   pyscope_in_async(m, c) ? "async " : "");
	if ((t = model_line(m, exit_->line, &len)) != NULL)
		finding_add_evidence(f, (int)exit_->line, t, len);
}

/* error_path_leak, generator form: a dependency / generator that yields a
 * session it acquired, with no try/finally around the yield. */
void rl_check_generator_leak(const struct audit_input *in, struct finding_sink *out,
			     size_t fi, const struct node *fn)
{
	const struct model *m = in->proj->files[fi].model;

	if (!(fn->flags & NF_GENERATOR))
		return;
	for (const struct node *y = NULL; (y = model_walk(m, fn, y, 0)); ) {
		const struct node *as, *c, *tr;
		char var[96];
		enum rl_res r;
		struct finding *f;
		unsigned role;

		if (y->kind != NODE_YIELD || y->value.len == 0 || y->value.len >= sizeof var)
			continue;
		span_copy(m, y->value, var, sizeof var);
		if ((as = pyscope_assignment(m, fn, var, y->line)) == NULL ||
		    (c = pyscope_first_call(m, as)) == NULL ||
		    (r = rl_acquisition(in->proj, m, c)) == RES_NONE || rl_bound_var(m, c) == NULL)
			continue;
		/* a try with finally around the yield closes it on every path */
		for (tr = model_ancestor(m, y, NODE_TRY); tr; tr = model_ancestor(m, tr, NODE_TRY)) {
			int has_finally = 0;

			for (uint32_t k = tr->first_child;
			     k && budget_step(); k = m->nodes[k].next_sibling)
				if (m->nodes[k].kind == NODE_FINALLY)
					has_finally = 1;
			if (has_finally)
				break;
		}
		if (tr != NULL && model_is_within(m, tr, fn))
			continue;
		if (rl_released_in_finally(m, fn, var))
			continue;
		role = index_role_at(in->proj, (uint32_t)fi, fn);
		f = auditor_emit(in, out, &rl_checks[RL_ERROR_PATH_LEAK], rls_leak_severity(role),
				 fi, y);
		if (f == NULL)
			continue;
		finding_set_issue(f, "Generator `%s` yields the %s `%s` without `try/finally` around "
				  "the `yield`: when the consumer raises (a failing request), the "
				  "code after `yield` never runs and the %s leaks",
				  pyscope_func_name(m, fn), rl_res_name(r), var, rl_res_name(r));
		finding_set_recommendation(f, "Wrap it: `try: yield %s` / `finally: %s%s.close()`, "
					   "or `%swith` the factory around the yield.", var,
					   (fn->flags & NF_ASYNC) ? "await " : "", var,
					   (fn->flags & NF_ASYNC) ? "async " : "");
		break;
	}
}

/* True when the annotation's leading type names an ORM model of the
 * project: `user_session: UserSession = Depends(get_admin)` is a row of an
 * auth table, not a database session. */
static int rls_annotation_is_model(const struct project *p, const struct model *m,
				   struct span ann)
{
	char buf[128], *s = buf, *e;

	span_copy(m, ann, buf, sizeof buf);
	/* Annotated[UserSession, Depends(...)] -> UserSession */
	if (strncmp(s, "Annotated[", 10) == 0)
		s += 10;
	while (*s == ' ')
		s++;
	for (e = s; *e && (isalnum((unsigned char)*e) || *e == '_' || *e == '.'); e++)
		;
	*e = '\0';
	if ((e = strrchr(s, '.')) != NULL)
		s = e + 1;
	return *s && p != NULL && index_model_named(p->index, s) != NULL;
}

int rl_injected_session(const struct project *p, const struct model *m, const struct param *pr)
{
	int dep = span_has(m, pr->def, "Depends(") || span_has(m, pr->annotation, "Depends(");
	int sessiony = span_has(m, pr->annotation, "Session") ||
		       span_has(m, pr->annotation, "Connection") ||
		       span_has(m, pr->def, "session") || span_has(m, pr->def, "get_db") ||
		       span_has(m, pr->annotation, "SessionDep") ||
		       span_has(m, pr->annotation, "DbSession");

	if (pr->name == NULL || rls_annotation_is_model(p, m, pr->annotation))
		return 0;
	if (dep && sessiony)
		return 1;
	/* `session: SessionDep` style aliases of Annotated[..., Depends(...)] */
	return !dep && pr->annotation.len &&
	       (span_eq(m, pr->annotation, "SessionDep") || span_eq(m, pr->annotation, "DbSession") ||
		span_eq(m, pr->annotation, "DBSession") || span_eq(m, pr->annotation, "AsyncSessionDep"));
}

/* The injected session parameter of fn or of a function around it (a
 * generator nested in the handler uses the handler's session), or NULL. */
static const struct param *rls_session_param(const struct project *p, const struct model *m,
					     const struct node *fn)
{
	for (const struct node *f = fn; f; f = model_enclosing_func(m, f)) {
		const struct func_info *info = f->u.func;

		for (uint32_t k = 0; info && k < info->n_params; k++)
			if (rl_injected_session(p, m, &info->params[k]))
				return &info->params[k];
	}
	return NULL;
}

/* True when call x uses var as a database handle: a method call on it. */
static int rls_db_use(const struct node *x, const char *var)
{
	const char *callee = x->u.call ? x->u.call->callee : NULL;
	size_t n = strlen(var);

	return callee && strncmp(callee, var, n) == 0 && callee[n] == '.';
}

enum { RLS_MAX_ALIASES = 8 };

/* True when call c builds an object around what it is given: a class
 * (`OrderRepository(session)`) or a `from_*` factory
 * (`Repo.from_session(session)`), as opposed to a helper returning data. */
static int rls_wraps(const struct node *c)
{
	const char *name = c->u.call->name;

	return name && (isupper((unsigned char)name[0]) || strncmp(name, "from_", 5) == 0);
}

/* Fills names with var and the locals that hold it for later use (`repo =
 * Repo.from_session(session)`, `svc = Service(repo)`): calls on those are
 * session uses too. Returns how many. */
static size_t rls_aliases(const struct model *m, const struct node *fn, const char *var,
			  const char **names)
{
	size_t n = 0;

	names[n++] = var;
	/* two passes catch an alias of an alias declared in source order */
	for (int pass = 0; pass < 2; pass++) {
		for (const struct node *x = NULL; (x = model_walk(m, fn, x, 1)); ) {
			const struct node *c;
			size_t k, seen = 0;

			if (x->kind != NODE_ASSIGN || x->name == NULL ||
			    (x->flags & NF_TARGET_ATTR) || strpbrk(x->name, ".[, ()") ||
			    (c = pyscope_first_call(m, x)) == NULL || !rls_wraps(c))
				continue;
			for (k = 0; k < n; k++)
				if (strcmp(names[k], x->name) == 0)
					seen = 1;
			for (k = 0; !seen && k < n; k++)
				if (pyscope_span_has_ident(m, c->u.call->args_text, names[k])) {
					if (n < RLS_MAX_ALIASES)
						names[n++] = x->name;
					break;
				}
		}
	}
	return n;
}

/* True when awaited call x can actually suspend: not a project coroutine
 * whose body never awaits (`await add_toast(request, msg)` only appends
 * to a list). Callees outside the project are presumed to wait. */
static int rls_really_waits(const struct project *p, const struct node *x)
{
	const struct func_ref *refs;
	size_t n;

	refs = index_funcs_named(p->index, x->u.call->name, &n);
	for (size_t i = 0; i < n; i++) {
		const struct model *fm = p->files[refs[i].file].model;
		const struct node *f = model_node(fm, refs[i].node);

		if (!(f->flags & NF_ASYNC))
			return 1;
		for (const struct node *y = NULL; (y = model_walk(fm, f, y, 0)); )
			if ((y->kind == NODE_CALL && (y->flags & NF_AWAITED)) ||
			    y->kind == NODE_AWAIT ||
			    ((y->kind == NODE_WITH || y->kind == NODE_LOOP) && (y->flags & NF_ASYNC)))
				return 1;
	}
	return n == 0;
}

/* True when the call ends the session's transaction (the connection goes
 * back to the pool). */
static int rls_releases(const struct node *x)
{
	const char *name = x->u.call->name;

	return strcmp(name, "commit") == 0 || strcmp(name, "close") == 0 ||
	       strcmp(name, "rollback") == 0;
}

/* True when call x reaches an external service (HTTP client, cloud SDK). */
static int rls_external(const struct model *m, const struct node *x)
{
	char recv[128];

	if (catalog_match_call(catalog_get(m->lang, "network_clients"), m, x))
		return 1;
	pyscope_receiver(x->u.call->callee, recv, sizeof recv);
	return (x->flags & NF_AWAITED) && (strstr(recv, "client") || strstr(recv, "http")) &&
	       x->u.call->name && (strcmp(x->u.call->name, "get") == 0 ||
				   strcmp(x->u.call->name, "post") == 0 ||
				   strcmp(x->u.call->name, "put") == 0 ||
				   strcmp(x->u.call->name, "request") == 0 ||
				   strcmp(x->u.call->name, "send") == 0);
}

/* resource_scope_mismatch | a session/connection injected for the whole
 * handler (`Depends(get_db)`) but used in less than 20 % of the body, with
 * non-DB work after it | CRITICAL in streaming handlers, HIGH with external
 * calls after the last DB use, MEDIUM when > 50 lines of non-DB work follow */
void rl_check_resource_scope_mismatch(const struct audit_input *in, struct finding_sink *out,
				      size_t fi, const struct node *fn)
{
	const struct model *m = in->proj->files[fi].model;
	const struct func_info *info = fn->u.func;
	unsigned role = fn->u.func->role;

	if (!(role & ROLE_HANDLER) || info->body_line == 0)
		return;
	for (uint32_t k = 0; k < info->n_params; k++) {
		const struct param *pr = &info->params[k];
		const struct node *last = NULL, *ext = NULL, *wait = NULL;
		uint32_t body = fn->end_line - info->body_line + 1, after;
		enum severity sev;
		struct finding *f;
		const char *names[RLS_MAX_ALIASES];
		size_t n_names;

		if (!rl_injected_session(in->proj, m, pr))
			continue;
		n_names = rls_aliases(m, fn, pr->name, names);
		for (const struct node *x = NULL; (x = model_walk(m, fn, x, 1)); ) {
			if (x->kind != NODE_CALL)
				continue;
			for (size_t a = 0; a < n_names; a++)
				if (rls_db_use(x, names[a]) ||
				    pyscope_span_has_ident(m, x->u.call->args_text, names[a]))
					last = x;
		}
		/* unused, or the last use ends the transaction: nothing is held */
		if (last == NULL || (rls_db_use(last, pr->name) && rls_releases(last)))
			continue;
		if ((last->line - info->body_line + 1) * 5 >= body)
			continue; /* used through 20 % of the body or more */
		for (const struct node *x = NULL; (x = model_walk(m, fn, x, 1)); ) {
			if (x->kind != NODE_CALL || x->line <= last->line)
				continue;
			if (wait == NULL && (x->flags & NF_AWAITED) && rls_really_waits(in->proj, x))
				wait = x;
			if (rls_external(m, x)) {
				ext = x;
				break;
			}
		}
		after = fn->end_line - last->line;
		/* In an async handler, a tail with no await runs straight through
		 * (building a page or a dict in memory): however long, it holds the
		 * connection for no measurable time. Line count only stands in for
		 * time where the tail can wait on something. */
		if (role & ROLE_STREAMING)
			sev = SEV_CRITICAL;
		else if (ext)
			sev = SEV_HIGH;
		else if (after > 50 && (wait != NULL || !(fn->flags & NF_ASYNC)))
			sev = SEV_MEDIUM;
		else
			continue;
		f = auditor_emit(in, out, &rl_checks[RL_RESOURCE_SCOPE_MISMATCH], sev, fi, last);
		if (f == NULL)
			continue;
		finding_set_issue(f, "Handler `%s` keeps the request session `%s` (and its open "
				  "transaction's connection) for %u more lines after its last use "
				  "at line %u%s%s",
				  pyscope_func_name(m, fn), pr->name, after, last->line,
				  ext ? "; an external call follows at line " : "",
				  ext ? "" : (role & ROLE_STREAMING) ? "; the response then streams" : "");
		if (ext) {
			char tail[160];
			size_t len = 0;
			const char *t = model_line(m, ext->line, &len);

			snprintf(tail, sizeof tail, "Handler `%s` keeps the request session `%s` (and its "
				 "open transaction's connection) through the external call at line %u, "
				 "%u lines after its last use at line %u",
				 pyscope_func_name(m, fn), pr->name, ext->line, after, last->line);
			finding_set_issue(f, "%s", tail);
			if (t)
				finding_add_evidence(f, (int)ext->line, t, len);
		}
		finding_set_recommendation(f, "End the transaction right after the DB work "
					   "(`await %s.commit()`, or `async with %s.begin():` around "
					   "it) before the slow part, or open a short-lived session "
					   "from the factory only where it is needed.",
					   pr->name, pr->name);
	}
}

/* streaming_resource_holding | an SSE / WebSocket / long-poll /
 * `StreamingResponse` / `EventSourceResponse` handler that keeps a DB
 * session or connection open for the life of the stream | CRITICAL; HIGH
 * for long-poll */
void rl_check_streaming_resource_holding(const struct audit_input *in,
					 struct finding_sink *out, size_t fi,
					 const struct node *fn)
{
	const struct model *m = in->proj->files[fi].model;
	unsigned role = index_role_at(in->proj, (uint32_t)fi, fn);
	const struct param *pr;
	const char *pvar = NULL, *own = NULL, *var;
	const struct node *with = NULL;
	char wvar[96];

	if (!(role & (ROLE_STREAMING | ROLE_LONGPOLL | ROLE_WEBSOCKET)))
		return;
	/* the request's session (held through the stream), and one the
	 * function opens itself */
	if ((pr = rls_session_param(in->proj, m, fn)) != NULL)
		pvar = pr->name;
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); ) {
		const struct node *loop;
		struct finding *f;
		enum severity sev;

		/* a generator that opens its own session (`session =
		 * SessionLocal()`, closed in its finally) holds it while it yields */
		if (x->kind == NODE_ASSIGN && (fn->flags & NF_GENERATOR) && with == NULL) {
			const struct node *c = pyscope_first_call(m, x);
			const char *bound = c ? rl_bound_var(m, c) : NULL;

			if (bound != NULL && rl_acquisition(in->proj, m, c) != RES_NONE &&
			    strlen(bound) < sizeof wvar) {
				strcpy(wvar, bound);
				own = wvar;
			}
		}
		/* `async with async_session() as s:` around the streaming loop */
		if (x->kind == NODE_WITH && x->n_items && x->u.items[0].name) {
			const struct node *c = pyscope_first_call(m, x);

			if (c && rl_acquisition(in->proj, m, c) != RES_NONE &&
			    strlen(x->u.items[0].name) < sizeof wvar) {
				strcpy(wvar, x->u.items[0].name);
				own = wvar;
				with = x;
			}
		}
		if (x->kind != NODE_CALL || rls_releases(x))
			continue;
		if (pvar != NULL && rls_db_use(x, pvar))
			var = pvar;
		else if (own != NULL && rls_db_use(x, own))
			var = own;
		else
			continue;
		loop = model_enclosing_loop(m, x);
		/* `for row in session.scalars(q).yield_per(500): yield ...`
		 * streams a server-side cursor: the iterable holds it */
		if (loop == NULL && (x->flags & NF_HEADER) && m->nodes[x->parent].kind == NODE_LOOP &&
		    (fn->flags & NF_GENERATOR))
			loop = &m->nodes[x->parent];
		if (loop == NULL || (loop->flags & NF_COMPREHENSION))
			continue;
		/* a handler that builds a response from memory with its own
		 * session (`with SessionLocal() as s:` then
		 * StreamingResponse(iter([buf.getvalue()]))) closes the session
		 * before anything streams; only generators and socket or poll
		 * loops stream while they query */
		if (var == own && !(fn->flags & NF_GENERATOR) &&
		    !(role & (ROLE_WEBSOCKET | ROLE_LONGPOLL)))
			continue;
		/* a session opened inside the loop is short-lived: fine */
		if (with != NULL && var == own && model_is_within(m, with, loop))
			continue;
		sev = (role & (ROLE_STREAMING | ROLE_WEBSOCKET)) ? SEV_CRITICAL : SEV_HIGH;
		f = auditor_emit(in, out, &rl_checks[RL_STREAMING_RESOURCE_HOLDING], sev, fi, x);
		if (f == NULL)
			return;
		finding_set_issue(f, "`%s` queries session `%s` inside the %s loop of `%s`: the "
				  "session and its pooled connection stay checked out for the whole "
				  "life of the %s",
				  x->u.call->callee, var,
				  (role & ROLE_WEBSOCKET) ? "websocket" :
				  (role & ROLE_STREAMING) ? "streaming" : "long-poll",
				  pyscope_func_name(m, fn),
				  (role & (ROLE_STREAMING | ROLE_WEBSOCKET)) ? "stream" : "poll");
		finding_set_recommendation(f, "Do the DB work before the stream starts, or open a "
					   "short-lived session per iteration (`async with "
					   "async_session() as s:` inside the loop); better, feed "
					   "the stream from LISTEN/NOTIFY, Redis pub/sub or a queue.");
		{
			size_t len = 0;
			const char *t = model_line(m, loop->line, &len);

			if (t && loop->line != x->line)
				finding_add_evidence(f, (int)loop->line, t, len);
		}
		return; /* one per function */
	}
}

/* factory_vs_injection | a per-request session (`Depends(get_session)`)
 * handed to something that outlives the request: SSE/WebSocket endpoint,
 * `BackgroundTasks.add_task(fn, session)`, `asyncio.create_task(...)` |
 * CRITICAL for streaming, HIGH for background tasks */
void rl_check_factory_vs_injection(const struct audit_input *in, struct finding_sink *out,
				   size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = pyscope_func(m, c);
	const struct param *pr;
	int streaming;
	struct finding *f;
	char call[160];

	/* the catalog tests are bit tests: do them before the parameter scan,
	 * which runs for every call of the project otherwise */
	streaming = catalog_match_call(catalog_get(m->lang, "streaming_responses"), m, c);
	if (!streaming && !catalog_match_call(catalog_get(m->lang, "background_launchers"), m, c))
		return;
	if (fn == NULL || (pr = rls_session_param(in->proj, m, fn)) == NULL ||
	    !pyscope_span_has_ident(m, c->u.call->args_text, pr->name))
		return;
	f = auditor_emit(in, out, &rl_checks[RL_FACTORY_VS_INJECTION],
			 streaming ? SEV_CRITICAL : SEV_HIGH, fi, c);
	if (f == NULL)
		return;
	pyscope_call_text(m, c, call, sizeof call);
	finding_set_issue(f, "`%s` in `%s` hands the per-request session `%s` to %s that outlives "
			  "the request: %s",
			  call, pyscope_func_name(m, c), pr->name,
			  streaming ? "a stream" : "a background task",
			  streaming ? "the stream keeps the session (and its connection) for its "
			  "whole life, and the dependency may close it underneath" :
			  "the dependency closes the session when the response is sent, so the "
			  "task runs on a closed (or concurrently used) session");
	finding_set_recommendation(f, "Pass ids, not the session, and let the %s open its own "
				   "short-lived session from the factory (`async with "
				   "async_session() as session:`).",
				   streaming ? "stream generator" : "task");
}
