/* ln-654 Resource Lifecycle: connection pool configuration and sessions,
 * connections, cursors and files acquired without guaranteed release
 * (this file), plus the request-scope checks in resource-lifecycle-scope.c.
 *
 * An acquisition is tracked through the variable it is bound to, within
 * its function: released when a close()/release() sits in a finally
 * block or the variable is managed by `with`, handed over when it is
 * returned, yielded or stored on an object (someone else owns it then). */
#include "auditor.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "context.h"
#include "db-common.h"
#include "pyscope.h"
#include "db-ops.h"
#include "resource-lifecycle.h"


const char *rl_res_name(enum rl_res r)
{
	switch (r) {
	case RES_SESSION: return "session";
	case RES_CONNECTION: return "connection";
	case RES_CURSOR: return "cursor";
	case RES_FILE: return "file";
	case RES_CLIENT: return "HTTP client";
	default: return "resource";
	}
}

enum rl_res rl_acquisition(const struct project *p, const struct model *m, const struct node *c)
{
	const char *name = c->u.call->name, *callee = c->u.call->callee;
	char res[256], recv[128];

	if (name == NULL || callee == NULL)
		return RES_NONE;
	pyscope_callee(m, c, res, sizeof res);
	pyscope_receiver(callee, recv, sizeof recv);
	if (strchr(callee, '(') == NULL &&
	    index_session_factory(p->index, name) != SESSION_NONE &&
	    ((strcmp(name, "Session") != 0 && strcmp(name, "AsyncSession") != 0) ||
	     strncmp(res, "sqlalchemy", 10) == 0))
		return RES_SESSION;
	if (strcmp(res, "psycopg2.connect") == 0 || strcmp(res, "psycopg.connect") == 0 ||
	    strcmp(res, "asyncpg.connect") == 0 || strcmp(res, "aiomysql.connect") == 0 ||
	    strcmp(res, "pymysql.connect") == 0 || strcmp(res, "MySQLdb.connect") == 0 ||
	    strcmp(res, "psycopg.AsyncConnection.connect") == 0 ||
	    strcmp(res, "psycopg.Connection.connect") == 0 || strcmp(res, "aiosqlite.connect") == 0)
		return RES_CONNECTION;
	if ((strcmp(name, "connect") == 0 || strcmp(name, "raw_connection") == 0) &&
	    strstr(recv, "engine") != NULL)
		return RES_CONNECTION;
	if (strcmp(name, "acquire") == 0 && strstr(recv, "pool") != NULL)
		return RES_CONNECTION;
	if (strcmp(name, "getconn") == 0 && strstr(recv, "pool") != NULL)
		return RES_CONNECTION;
	if (strcmp(name, "cursor") == 0 && recv[0] && strchr(recv, '(') == NULL &&
	    (strstr(recv, "conn") || strstr(recv, "db") || strstr(recv, "cnx")))
		return RES_CURSOR;
	/* the language's pooled connections: pg `pool.connect()`, mysql2
	 * `pool.getConnection()`, TypeORM `createQueryRunner()` */
	if (catalog_match(catalog_get(m->lang, "connection_acquire"), res))
		return RES_CONNECTION;
	if (catalog_match(catalog_get(m->lang, "file_open"), res))
		return RES_FILE;
	return RES_NONE;
}

const char *rl_bound_var(const struct model *m, const struct node *c)
{
	const struct node *st = &m->nodes[c->parent];

	if (st->kind != NODE_ASSIGN || st->name == NULL ||
	    (st->flags & (NF_TARGET_ATTR | NF_WALRUS)) || strpbrk(st->name, ".[, ()") ||
	    pyscope_first_call(m, st) != c)
		return NULL;
	/* the call must be the whole value (`x = open(p)`, `x = await f()`) */
	if (!pyscope_call_is_whole(m, c, st->value))
		return NULL;
	return st->name;
}

/* True when call x closes var: var.close(), await var.aclose(),
 * pool.release(var), pool.putconn(var), var.dispose(). */
static int rl_is_close(const struct model *m, const struct node *x, const char *var)
{
	static const char *const closers[] = {
		"close", "aclose", "release", "dispose", "disconnect", "terminate", NULL,
	};
	const char *callee = x->u.call ? x->u.call->callee : NULL;
	size_t vn = strlen(var);

	if (callee == NULL)
		return 0;
	for (int k = 0; closers[k]; k++) {
		if (strcmp(x->u.call->name, closers[k]) != 0)
			continue;
		if (strncmp(callee, var, vn) == 0 && callee[vn] == '.' &&
		    strchr(callee + vn + 1, '.') == NULL)
			return 1;
	}
	if ((strcmp(x->u.call->name, "release") == 0 || strcmp(x->u.call->name, "putconn") == 0 ||
	     strcmp(x->u.call->name, "enter_context") == 0 ||
	     strcmp(x->u.call->name, "enter_async_context") == 0 ||
	     strcmp(x->u.call->name, "closing") == 0) &&
	    pyscope_span_has_ident(m, x->u.call->args_text, var))
		return 1;
	return 0;
}

const struct node *rl_close_call(const struct model *m, const struct node *fn, const char *var)
{
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); )
		if (x->kind == NODE_CALL && rl_is_close(m, x, var))
			return x;
	return NULL;
}

int rl_released_in_finally(const struct model *m, const struct node *fn, const char *var)
{
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); ) {
		if (x->kind == NODE_WITH) {
			for (uint32_t k = 0; k < x->n_items; k++)
				if (pyscope_span_has_ident(m, x->u.items[k].expr, var))
					return 1;
		}
		if (x->kind == NODE_CALL && rl_is_close(m, x, var)) {
			const struct node *fin = model_ancestor(m, x, NODE_FINALLY);

			if (fin && model_is_within(m, fin, fn))
				return 1;
			if (strcmp(x->u.call->name, "enter_context") == 0 ||
			    strcmp(x->u.call->name, "enter_async_context") == 0 ||
			    strcmp(x->u.call->name, "closing") == 0)
				return 1;
		}
	}
	return 0;
}

int rl_cursor_owner_released(const struct model *m, const struct node *fn, const struct node *c)
{
	char recv[128];

	/* closing a DB-API connection closes its cursors with it */
	pyscope_receiver(c->u.call->callee, recv, sizeof recv);
	return recv[0] && strchr(recv, '(') == NULL && rl_released_in_finally(m, fn, recv);
}

/* True when text s[0..n) names var other than as the receiver of a method
 * call: `return session` or `return Repo(session)` hand the resource on,
 * `return list(session.scalars(q))` hands on only what it read. */
static int rl_hands_on(const char *s, size_t n, const char *var)
{
	size_t k = strlen(var), i, j;

	for (i = 0; k > 0 && i + k <= n; i++) {
		if (memcmp(s + i, var, k) != 0 ||
		    (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_' ||
			       s[i - 1] == '.')) ||
		    (i + k < n && (isalnum((unsigned char)s[i + k]) || s[i + k] == '_')))
			continue;
		j = i + k;
		if (j < n && s[j] == '.') {
			while (++j < n && (isalnum((unsigned char)s[j]) || s[j] == '_'))
				;
			if (j < n && s[j] == '(' && j > i + k + 1)
				continue; /* var.method(...) */
		}
		return 1;
	}
	return 0;
}

/* True when fn declares var a name of an outer scope (`global`): the
 * assignment sets module state (a client kept for the process). */
static int rl_global(const struct model *m, const struct node *fn, const char *var)
{
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); )
		if (x->kind == NODE_STMT && (x->flags & NF_OUTER_NAMES) &&
		    pyscope_span_has_ident(m, x->value, var))
			return 1;
	return 0;
}

int rl_escapes(const struct model *m, const struct node *fn, const char *var, unsigned after)
{
	const struct catalog_list *launch = catalog_get(m->lang, "background_launchers");

	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 1)); ) {
		if (x->line < after)
			continue;
		switch (x->kind) {
		case NODE_RETURN:
		case NODE_YIELD:
			if (rl_hands_on(span_ptr(m, x->value), x->value.len, var))
				return 1;
			break;
		case NODE_ASSIGN:
			/* self.db = db, registry[k] = conn, other = conn; not
			 * out[k] = session.get(url).json(), which stores a result */
			if (x->line > after && pyscope_span_has_ident(m, x->value, var) &&
			    ((x->flags & NF_TARGET_ATTR) || pyscope_first_call(m, x) == NULL) &&
			    rl_hands_on(span_ptr(m, x->value), x->value.len, var))
				return 1;
			break;
		case NODE_CALL:
			if (catalog_match_call(launch, m, x) &&
			    pyscope_span_has_ident(m, x->u.call->args_text, var))
				return 1;
			if (x->u.call->name && (strcmp(x->u.call->name, "append") == 0 ||
						strcmp(x->u.call->name, "setdefault") == 0) &&
			    pyscope_span_has_ident(m, x->u.call->args_text, var))
				return 1;
			break;
		case NODE_FUNC:
			/* a nested function may own it from here on */
			if (x->flags & NF_LAMBDA)
				break;
			for (uint32_t l = x->line; l <= x->end_line && budget_step(); l++) {
				size_t len = 0;
				const char *t = model_line(m, l, &len);

				if (t && pyscope_has_ident(t, len, var))
					return 1;
			}
			break;
		default:
			break;
		}
	}
	return 0;
}

/* True when a broad `except:` / `except Exception:` handler of fn closes
 * var: with a close after the try as well, both paths are covered. */
static int rl_closed_in_broad_except(const struct model *m, const struct node *fn,
				     const char *var)
{
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); ) {
		const struct node *exc;

		if (x->kind != NODE_CALL || !rl_is_close(m, x, var) ||
		    (exc = model_ancestor(m, x, NODE_EXCEPT)) == NULL || !model_is_within(m, exc, fn))
			continue;
		if (exc->flags & NF_CATCH_ALL)
			return 1;
	}
	return 0;
}

/* ---- pool_configuration ---- */

/* The keyword argument kw of c, or NULL. Settings passed through a
 * `**options` dict count when that dict (assigned in the same function or
 * at module level) names kw, or cannot be found at all: an unknown dict
 * may well hold it. */
/* True when engine variable var is a plain local of fn: not self.x or a
 * global, not returned, not stored into an attribute or handed out by
 * `yield`. */
static int rl_local_engine(const struct model *m, const struct node *fn, const char *var)
{
	if (strchr(var, '.') != NULL || fn->kind != NODE_FUNC)
		return 0;
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); ) {
		if ((x->kind == NODE_RETURN || x->kind == NODE_YIELD) &&
		    pyscope_span_has_ident(m, x->value, var))
			return 0;
		if (x->kind == NODE_ASSIGN && (x->flags & NF_TARGET_ATTR) &&
		    pyscope_span_has_ident(m, x->value, var))
			return 0;
		if (x->kind == NODE_STMT && x->text.len > 7 && span_has(m, x->text, "global ") &&
		    pyscope_span_has_ident(m, x->text, var))
			return 0;
	}
	return 1;
}

/* True when dict variable name is changed after its assignment in scope:
 * `name[...] = v`, `name.update(...)`, `name.setdefault(...)`, `name |= ...`. */
static int rl_dict_mutated(const struct model *m, const struct node *scope, const char *name)
{
	size_t n = strlen(name);

	for (const struct node *x = NULL; (x = model_walk(m, scope, x, 0)); ) {
		if ((x->kind == NODE_ASSIGN || x->kind == NODE_AUGASSIGN) && x->name != NULL &&
		    strncmp(x->name, name, n) == 0 && (x->name[n] == '[' ||
		    (x->kind == NODE_AUGASSIGN && x->name[n] == '\0')))
			return 1;
		if (x->kind == NODE_CALL && x->u.call && x->u.call->callee &&
		    strncmp(x->u.call->callee, name, n) == 0 && x->u.call->callee[n] == '.' &&
		    (strcmp(x->u.call->callee + n + 1, "update") == 0 ||
		     strcmp(x->u.call->callee + n + 1, "setdefault") == 0))
			return 1;
	}
	return 0;
}

static const struct arg *rl_kwarg(const struct model *m, const struct node *c, const char *kw)
{
	const struct arg *spread = NULL;

	for (uint32_t k = 0; k < c->u.call->n_args; k++) {
		const struct arg *a = &c->u.call->args[k];

		if (a->name && strcmp(a->name, kw) == 0)
			return a;
		if (a->name && strcmp(a->name, "**") == 0)
			spread = a;
	}
	if (spread != NULL) {
		const struct node *fn = pyscope_func(m, c), *as = NULL;
		char name[96], q1[64], q2[64];

		span_copy(m, spread->expr, name, sizeof name);
		if (strpbrk(name, ".()[] ") == NULL) {
			if (fn != NULL)
				as = pyscope_assignment(m, fn, name, c->line);
			if (as == NULL)
				as = pyscope_assignment(m, &m->nodes[0], name, 0);
		}
		if (as == NULL)
			return spread;
		snprintf(q1, sizeof q1, "\"%s\"", kw);
		snprintf(q2, sizeof q2, "%s=", kw);
		if (span_has(m, as->value, q1) || span_has(m, as->value, q2))
			return spread;
		/* a dict filled in afterwards (`kw["pool_size"] = 5`,
		 * `kw.update(...)`, `{**base, ...}`): what it holds is not
		 * known here, so nothing is reported missing */
		if (rl_dict_mutated(m, fn ? fn : &m->nodes[0], name) || span_has(m, as->value, "**"))
			return spread;
	}
	return NULL;
}

/* True when the project serves requests (a web framework or a handler). */
static int rl_web_service_scan(const struct project *p)
{
	const char *fw = p->ctx ? p->ctx->stack.async_framework : NULL;

	if (fw && (strcmp(fw, "fastapi") == 0 || strcmp(fw, "starlette") == 0 ||
		   strcmp(fw, "flask") == 0 || strcmp(fw, "django") == 0 ||
		   strcmp(fw, "aiohttp") == 0 || strcmp(fw, "sanic") == 0 ||
		   strcmp(fw, "litestar") == 0 || strcmp(fw, "quart") == 0))
		return 1;
	for (size_t fi = 0; fi < p->n_files; fi++) {
		const struct model *m = p->files[fi].model;

		for (uint32_t i = 1; m && i < m->n_nodes; i++)
			if (m->nodes[i].kind == NODE_FUNC && m->nodes[i].u.func &&
			    (m->nodes[i].u.func->role & ROLE_HANDLER))
				return 1;
	}
	return 0;
}

/* True when the engine is created by a one-off script or a serverless
 * function, where a pool has nothing to keep alive. */
static int rl_short_lived(const struct project *p, const struct source_file *sf)
{
	const struct model *m = sf->model;

	if (strncmp(sf->path, "scripts/", 8) == 0 || strstr(sf->path, "/scripts/") ||
	    strncmp(sf->path, "bin/", 4) == 0 || strstr(sf->path, "alembic") ||
	    strcmp(sf->path, "manage.py") == 0 || strstr(sf->path, "lambda"))
		return 1;
	if (pyscope_stack_is(p, "mangum") || pyscope_stack_is(p, "aws-lambda-powertools") ||
	    pyscope_stack_is(p, "functions-framework"))
		return 1;
	for (uint32_t c = m->nodes[0].first_child; c && budget_step(); c = m->nodes[c].next_sibling)
		if (m->nodes[c].kind == NODE_IF && span_has(m, m->nodes[c].value, "__main__"))
			return 1;
	return 0;
}

/* Pool event listener calls of the project, and whether it is a web
 * service, gathered by rl_run on the ln-654 thread before the files are
 * audited: asked per engine, each was a project-wide scan. */
static _Thread_local struct {
	struct func_ref *items;
	size_t n, cap;
	int web;        /* rl_web_service_scan, -1 until gathered */
} rl_listeners = { NULL, 0, 0, -1 };

static int rl_web_service(const struct project *p)
{
	return rl_listeners.web >= 0 ? rl_listeners.web : rl_web_service_scan(p);
}

/* True when a pool event listener (`event.listens_for(engine, "checkout")`,
 * `event.listen(engine.sync_engine, ...)`, or on the Engine class) exists
 * anywhere in the project for engine variable var, or (var NULL, the
 * engine returned by function factory of model fm) for a name assigned
 * from factory(...). */
static int rl_has_pool_listener(const struct project *p, const char *var,
				const struct model *fm, const char *factory)
{
	size_t k;

	/* the listener calls were gathered once per run (rl_run): scanning the
	 * project per engine made this quadratic */
	for (k = 0; k < rl_listeners.n; k++) {
		const struct model *m = p->files[rl_listeners.items[k].file].model;
		const struct node *c = model_node(m, rl_listeners.items[k].node);
		const struct arg *a = &c->u.call->args[0];

		if ((var && pyscope_span_has_ident(m, a->expr, var)) ||
		    span_has(m, a->expr, "Engine") || span_has(m, a->expr, "Pool") ||
		    span_has(m, a->expr, "pool"))
			return 1;
		/* `audit_engine = make_engine(url)` then a listener on
		 * audit_engine, for an engine returned by factory make_engine */
		if (factory != NULL && a->expr.len < 96) {
			const struct model *am = m;
			const struct node *as, *fc;
			char ident[96];

			span_copy(m, a->expr, ident, sizeof ident);
			/* the assignment sits in the listener's file or the factory's */
			if ((as = pyscope_assignment(am, &am->nodes[0], ident, 0)) == NULL) {
				am = fm;
				as = pyscope_assignment(am, &am->nodes[0], ident, 0);
			}
			if (as != NULL && (fc = pyscope_first_call(am, as)) != NULL &&
			    fc->u.call->name && strcmp(fc->u.call->name, factory) == 0)
				return 1;
		}
	}
	return 0;
}

/* Gathers the SQLAlchemy event listener registrations of the project. */
static void rl_listeners_collect(const struct project *p)
{
	rl_listeners.n = 0;
	for (size_t fi = 0; fi < p->n_files; fi++) {
		const struct model *m = p->files[fi].model;

		for (uint32_t i = 1; m && i < m->n_nodes; i++) {
			const struct node *c = &m->nodes[i];
			char res[128];

			if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
			    (strcmp(c->u.call->name, "listens_for") != 0 &&
			     strcmp(c->u.call->name, "listen") != 0))
				continue;
			pyscope_callee(m, c, res, sizeof res);
			if (strncmp(res, "sqlalchemy", 10) != 0 && strcmp(res, "event.listen") != 0 &&
			    strcmp(res, "event.listens_for") != 0)
				continue;
			if (c->u.call->n_args == 0)
				continue;
			XGROW(rl_listeners.items, rl_listeners.cap, rl_listeners.n + 1);
			rl_listeners.items[rl_listeners.n].file = (uint32_t)fi;
			rl_listeners.items[rl_listeners.n].node = i;
			rl_listeners.n++;
		}
	}
}

/* Emits one pool_configuration finding with an anchor naming the problem,
 * so the several problems of one engine get distinct fingerprints. */
static struct finding *rl_pool_emit(const struct audit_input *in, struct finding_sink *out,
				    enum severity sev, size_t fi, const struct node *c,
				    const char *problem)
{
	const struct model *m = in->proj->files[fi].model;
	struct finding *f = auditor_emit(in, out, &rl_checks[RL_POOL_CONFIGURATION], sev, fi, c);
	char anchor[200];
	size_t len = 0;
	const char *text = model_line(m, c->line, &len);

	if (f == NULL)
		return NULL;
	while (len && (*text == ' ' || *text == '\t')) {
		text++;
		len--;
	}
	snprintf(anchor, sizeof anchor, "%.*s #%s", (int)(len > 120 ? 120 : len), text, problem);
	finding_set_anchor(f, anchor, strlen(anchor));
	return f;
}

/* pool_configuration | engine/pool creation missing `pool_pre_ping` and
 * `pool_recycle`, missing `max_overflow` in a web service, `NullPool` in a
 * long-running web service, missing pool event listeners | HIGH for no
 * pre-ping and no recycle, HIGH for unbounded overflow, MEDIUM for no
 * listeners, LOW for default sizes */
static void rl_check_pool_configuration(const struct audit_input *in, struct finding_sink *out,
					size_t fi, const struct node *c)
{
	const struct project *p = in->proj;
	const struct source_file *sf = &p->files[fi];
	const struct model *m = sf->model;
	const struct arg *url, *pre, *rec, *ovf, *size, *pc;
	char res[160], ovfv[32] = "";
	const char *engine_var, *fn_name = c->u.call->name, *factory;
	int web, is_async, short_lived;
	struct finding *f;

	if (strcmp(fn_name, "create_engine") != 0 && strcmp(fn_name, "create_async_engine") != 0)
		return;
	pyscope_callee(m, c, res, sizeof res);
	if (strncmp(res, "sqlalchemy", 10) != 0 && strcmp(res, fn_name) != 0)
		return;
	is_async = strcmp(fn_name, "create_async_engine") == 0;
	url = c->u.call->n_args && c->u.call->args[0].name == NULL ? &c->u.call->args[0] : NULL;
	if (url && span_has(m, url->expr, "sqlite"))
		return; /* no pool semantics worth tuning */
	if (url == NULL && p->ctx && p->ctx->stack.database &&
	    strcmp(p->ctx->stack.database, "sqlite") == 0)
		return;
	short_lived = rl_short_lived(p, sf);
	engine_var = rl_bound_var(m, c);
	if (engine_var == NULL && m->nodes[c->parent].kind == NODE_ASSIGN)
		engine_var = m->nodes[c->parent].name;
	/* an engine its own function disposes of lives for one call; so does
	 * one kept in a plain local of a function that neither returns it nor
	 * stores it anywhere (a backup, a readiness probe, a migration) */
	if (engine_var && pyscope_func(m, c) &&
	    (rl_close_call(m, pyscope_func(m, c), engine_var) != NULL ||
	     rl_local_engine(m, pyscope_func(m, c), engine_var)))
		short_lived = 1;
	web = rl_web_service(p) && !short_lived;
	pre = rl_kwarg(m, c, "pool_pre_ping");
	rec = rl_kwarg(m, c, "pool_recycle");
	ovf = rl_kwarg(m, c, "max_overflow");
	size = rl_kwarg(m, c, "pool_size");
	pc = rl_kwarg(m, c, "poolclass");
	if (pc && span_has(m, pc->expr, "NullPool")) {
		if (web && (f = rl_pool_emit(in, out, SEV_HIGH, fi, c, "nullpool")) != NULL) {
			finding_set_issue(f, "`%s(...)` uses `NullPool` in a long-running web service: "
					  "every request opens and closes a new database connection "
					  "(a TCP + auth handshake per checkout)", fn_name);
			finding_set_recommendation(f, "Drop `poolclass=NullPool` and size a "
						   "`QueuePool` (`pool_size`, `max_overflow`, "
						   "`pool_pre_ping=True`, `pool_recycle`); keep NullPool "
						   "only behind an external pooler such as PgBouncer in "
						   "transaction mode, and say so in an ADR.");
		}
		return; /* no pool: the other settings mean nothing */
	}
	/* pre-ping and recycle guard connections that sit idle in a pool for
	 * hours; a one-off script's engine never has any */
	if ((pre == NULL || span_eq(m, pre->expr, "False")) && rec == NULL && !short_lived &&
	    (f = rl_pool_emit(in, out, SEV_HIGH, fi, c, "no_pre_ping")) != NULL) {
		finding_set_issue(f, "`%s(...)`%s%s%s sets neither `pool_pre_ping` nor `pool_recycle`: "
				  "connections dropped by the server, a failover or an idle "
				  "timeout are handed to requests and fail them",
				  fn_name, engine_var ? " (`" : "", engine_var ? engine_var : "",
				  engine_var ? "`)" : "");
		finding_set_recommendation(f, "Pass `pool_pre_ping=True` and a `pool_recycle` "
					   "below the server / load-balancer idle timeout (e.g. "
					   "`pool_recycle=1800`) to `%s`.", fn_name);
	}
	if (ovf)
		span_copy(m, ovf->expr, ovfv, sizeof ovfv);
	if (ovf && strcmp(ovfv, "-1") == 0) {
		if ((f = rl_pool_emit(in, out, SEV_HIGH, fi, c, "overflow_unbounded")) != NULL) {
			finding_set_issue(f, "`%s(..., max_overflow=-1)` lets the pool open unlimited "
					  "connections under load, until PostgreSQL refuses them "
					  "(max_connections) for every service sharing it", fn_name);
			finding_set_recommendation(f, "Bound the pool: `max_overflow` of a few "
						   "connections, with `pool_size` x workers x "
						   "replicas below the server's `max_connections`.");
		}
	} else if (ovf == NULL && web) {
		/* SQLAlchemy's default overflow is bounded (10): a default size,
		 * LOW by the SPEC; only max_overflow=-1 is unbounded (HIGH) */
		if ((f = rl_pool_emit(in, out, SEV_LOW, fi, c, "overflow_missing")) != NULL) {
			finding_set_issue(f, "`%s(...)` in a web service leaves `max_overflow`%s at "
					  "the default: each worker process may hold up to %s "
					  "connections, multiplied by workers and replicas",
					  fn_name, size ? "" : " and `pool_size`",
					  size ? "`pool_size` + 10" : "15");
			finding_set_recommendation(f, "Set `pool_size` and `max_overflow` explicitly "
						   "from the connection budget (server "
						   "`max_connections` / processes), e.g. "
						   "`pool_size=5, max_overflow=5`%s.",
						   is_async ? ", and `pool_timeout` so requests "
						   "fail fast instead of queueing" : "");
		}
	} else if (size == NULL && web) {
		if ((f = rl_pool_emit(in, out, SEV_LOW, fi, c, "default_size")) != NULL) {
			finding_set_issue(f, "`%s(...)` relies on the default `pool_size` (5)", fn_name);
			finding_set_recommendation(f, "Set `pool_size` explicitly from the connection "
						   "budget so capacity is a decision, not a default.");
		}
	}
	factory = NULL;
	if (engine_var == NULL && m->nodes[c->parent].kind == NODE_RETURN && pyscope_func(m, c))
		factory = pyscope_func(m, c)->name;
	if (web && !rl_has_pool_listener(p, engine_var, m, factory) &&
	    (f = rl_pool_emit(in, out, SEV_MEDIUM, fi, c, "no_listeners")) != NULL) {
		finding_set_issue(f, "No pool event listeners on `%s`: checkouts, invalidations "
				  "and slow checkouts are invisible, so pool exhaustion shows up "
				  "only as request timeouts", engine_var ? engine_var : fn_name);
		finding_set_recommendation(f, "Register `@event.listens_for(%s%s, \"checkout\")` "
					   "(and \"checkin\" / \"invalidate\") to log or export pool "
					   "metrics, or enable `pool.status()` reporting.",
					   engine_var ? engine_var : "engine",
					   is_async ? ".sync_engine" : "");
	}
}

/* ---- missing_cleanup ---- */

/* True when call c is managed where it is made: a with item, wrapped in
 * closing()/enter_context(), or a direct argument of another call. */
static int rl_managed_here(const struct model *m, const struct node *c)
{
	const struct node *par = &m->nodes[c->parent];

	if (par->kind == NODE_WITH)
		return 1;
	if (par->kind == NODE_CALL)
		return 1; /* handed to another call: that callee owns it */
	return 0;
}

/* missing_cleanup | a session, connection, cursor or pooled client
 * acquired without guaranteed release: `Session()`, `engine.connect()`,
 * `pool.acquire()`, `await asyncpg.connect()`, `pool.connect()` without
 * `release()` in `finally` | HIGH for sessions/connections, MEDIUM for
 * files/cursors */
static const struct node *rl_gap_before_try(const struct model *m, const struct node *c,
					    const char *var);

/* missing_cleanup, second form: released in a finally, but acquired
 * before statements that may raise ahead of the try. */
static void rl_report_gap(const struct audit_input *in, struct finding_sink *out, size_t fi,
			  const struct node *c, const char *var, enum rl_res r,
			  const struct node *gap)
{
	const struct model *m = in->proj->files[fi].model;
	struct finding *f;
	char call[160];

	f = auditor_emit(in, out, &rl_checks[RL_MISSING_CLEANUP],
			 r == RES_SESSION || r == RES_CONNECTION ? SEV_HIGH : SEV_MEDIUM, fi, c);
	if (f == NULL)
		return;
	pyscope_call_text(m, c, call, sizeof call);
	finding_set_issue(f, "`%s = %s` in `%s` is closed in a `finally`, but line %u runs "
			  "between it and the `try`: an exception there leaks the %s",
			  var, call, pyscope_func_name(m, c), gap->line, rl_res_name(r));
	dbc_add_line(f, m, gap->line);
	finding_set_recommendation(f, "Move line %u below the `try:` (or acquire `%s` right "
				   "before it), or use `with ... as %s:`.", gap->line, var, var);
}

static void rl_check_missing_cleanup(const struct audit_input *in, struct finding_sink *out,
				     size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = pyscope_func(m, c), *closer;
	const char *var;
	enum rl_res r;
	struct finding *f;
	char call[160];

	if (fn == NULL || (c->flags & (NF_DECORATOR | NF_HEADER)) || rl_managed_here(m, c))
		return;
	if ((r = rl_acquisition(in->proj, m, c)) == RES_NONE) {
		char res[256];

		/* a pooled HTTP client (requests.Session, httpx.Client) keeps its
		 * sockets until closed; only one never closed is reported: one
		 * closed on the happy path is reclaimed soon enough */
		pyscope_callee(m, c, res, sizeof res);
		if (!catalog_match(catalog_get(m->lang, "http_client_factories"), res))
			return;
		r = RES_CLIENT;
	}
	if ((var = rl_bound_var(m, c)) == NULL)
		return; /* returned, chained or stored elsewhere: not ours to track */
	if (r == RES_CLIENT && (rl_close_call(m, fn, var) != NULL || rl_global(m, fn, var)))
		return;
	if (rl_released_in_finally(m, fn, var)) {
		const struct node *gap = rl_gap_before_try(m, c, var);

		if (gap != NULL && !rl_escapes(m, fn, var, c->line))
			rl_report_gap(in, out, fi, c, var, r, gap);
		return;
	}
	if (rl_escapes(m, fn, var, c->line) ||
	    (r == RES_CURSOR && rl_cursor_owner_released(m, fn, c)))
		return;
	if (rl_leaky_except(m, fn, var, c) != NULL)
		return; /* error_path_leak reports the explicit error path */
	if (rl_closed_in_broad_except(m, fn, var))
		return; /* closed on the error path and the normal path */
	f = auditor_emit(in, out, &rl_checks[RL_MISSING_CLEANUP],
			 r == RES_SESSION || r == RES_CONNECTION ? SEV_HIGH : SEV_MEDIUM, fi, c);
	if (f == NULL)
		return;
	closer = rl_close_call(m, fn, var);
	pyscope_call_text(m, c, call, sizeof call);
	if (closer)
		finding_set_issue(f, "`%s = %s` in `%s`: the %s is closed at line %u only when "
				  "nothing %s before it; an exception leaks it%s",
				  var, call, pyscope_func_name(m, c), rl_res_name(r), closer->line,
				  pyscope_throw_word(m),
				  r == RES_SESSION ? " and the pooled connection it holds" : "");
	else
		finding_set_issue(f, "`%s = %s` in `%s`: the %s is never closed%s",
				  var, call, pyscope_func_name(m, c), rl_res_name(r),
				  r == RES_SESSION || r == RES_CONNECTION ?
				  "; its connection stays checked out until garbage collection, "
				  "draining the pool under load" : "");
	if (closer) {
		size_t len = 0;
		const char *t = model_line(m, closer->line, &len);

		if (t)
			finding_add_evidence(f, (int)closer->line, t, len);
	}
	if (db_advice(in, m, "missing_cleanup", rl_res_name(r), f))
		return;
	switch (r) {
	case RES_SESSION:
		finding_set_recommendation(f, "Use `%swith %s as %s:` (or a `try/finally` that "
					   "closes it); in FastAPI take the session from a "
					   "`Depends` dependency that yields inside `%swith`.",
					   pyscope_in_async(m, c) ? "async " : "", call, var,
					   pyscope_in_async(m, c) ? "async " : "");
		break;
	case RES_CONNECTION:
		finding_set_recommendation(f, "Acquire it in `%swith` (`%swith %s as %s:`) or "
					   "release it in `finally`.",
					   pyscope_in_async(m, c) ? "async " : "",
					   pyscope_in_async(m, c) ? "async " : "", call, var);
		break;
	default:
		finding_set_recommendation(f, "Open it with `with ... as %s:` so it is closed on "
					   "every path.", var);
		break;
	}
}

/* For a resource released in a finally: the first statement between its
 * acquisition (the statement holding c) and the try whose finally releases
 * it that calls something, so may raise and leak it; NULL when the try
 * follows at once (`f = open(p)` then `try:`) or there is no such try. */
static const struct node *rl_gap_before_try(const struct model *m, const struct node *c,
					    const char *var)
{
	const struct node *st = model_node(m, c->parent), *x, *gap = NULL;

	for (x = st->next_sibling ? model_node(m, st->next_sibling) : NULL; x != NULL;
	     x = x->next_sibling ? model_node(m, x->next_sibling) : NULL) {
		if (x->kind == NODE_TRY) {
			for (const struct node *k = NULL; (k = model_walk(m, x, k, 0)); )
				if (k->kind == NODE_CALL && rl_is_close(m, k, var) &&
				    model_ancestor(m, k, NODE_FINALLY) != NULL)
					return gap;
			return NULL;
		}
		if (gap == NULL)
			for (const struct node *k = NULL; (k = model_walk(m, x, k, 0)); )
				if (k->kind == NODE_CALL) {
					gap = x;
					break;
				}
	}
	return NULL;
}

/* Runs every check over one file. */
static void rl_file(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;

	for (uint32_t i = 1; i < m->n_nodes; i++) {
		const struct node *n = &m->nodes[i];

		if (n->kind == NODE_CALL && n->u.call && n->u.call->callee && n->u.call->name) {
			if (auditor_check(&rl_checks[RL_POOL_CONFIGURATION]))
				rl_check_pool_configuration(in, out, fi, n);
			if (auditor_check(&rl_checks[RL_MISSING_CLEANUP]))
				rl_check_missing_cleanup(in, out, fi, n);
			if (auditor_check(&rl_checks[RL_ERROR_PATH_LEAK]))
				rl_check_error_path_leak(in, out, fi, n);
			if (auditor_check(&rl_checks[RL_FACTORY_VS_INJECTION]))
				rl_check_factory_vs_injection(in, out, fi, n);
			rl_check_deferred_release(in, out, fi, n);
			if (auditor_check(&rl_checks[RL_POOL_CONFIGURATION])) {
				rl_check_pool_setters(in, out, fi, n);
				rl_check_pool_options(in, out, fi, n);
			}
		} else if (n->kind == NODE_FUNC && n->u.func && !(n->flags & NF_LAMBDA)) {
			if (auditor_check(&rl_checks[RL_ERROR_PATH_LEAK]))
				rl_check_generator_leak(in, out, fi, n);
			if (auditor_check(&rl_checks[RL_RESOURCE_SCOPE_MISMATCH]))
				rl_check_resource_scope_mismatch(in, out, fi, n);
			if (auditor_check(&rl_checks[RL_STREAMING_RESOURCE_HOLDING]))
				rl_check_streaming_resource_holding(in, out, fi, n);
		}
	}
}

/* Runs ln-654 over the project. */
static void rl_run(const struct audit_input *in, struct finding_sink *out)
{
	rl_listeners_collect(in->proj);
	rl_listeners.web = rl_web_service_scan(in->proj);
	auditor_for_each_file(&auditor_resource_lifecycle, in, out, rl_file);
	free(rl_listeners.items);
	rl_listeners.items = NULL;
	rl_listeners.n = rl_listeners.cap = 0;
	rl_listeners.web = -1;
}

_Static_assert(RL_N_CHECKS == CHECK_COUNT - CHECKS_RL, "the check registry block matches this auditor");

const struct auditor auditor_resource_lifecycle = {
	.worker = "ln-654",
	.category = CAT_RESOURCE,
	.report_name = "654-resource-lifecycle.md",
	.checks = rl_checks,
	.n_checks = RL_N_CHECKS,
	.run = rl_run,
};
