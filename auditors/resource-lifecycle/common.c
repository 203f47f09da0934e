/* ln-654: following a session, connection or file through one function:
 * what acquires it, whether a with / finally / return releases or hands it
 * on, which except path leaks it, and the request session a handler was
 * given. Shared by the checks of this folder (rl.h). */
#include "auditor.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "context.h"
#include "semantic.h"
#include "db-ops.h"
#include "dispatch.h"
#include "errpath.h"
#include "index.h"
#include "semantic.h"
#include "rl.h"
#include "summary.h"
#include "lang/lang.h"

const char *rl_res_name(const struct model *m, enum rl_res r)
{
	static const char *const keys[] = {
		[RES_NONE] = "rl_resource.other", [RES_SESSION] = "rl_resource.session",
		[RES_CONNECTION] = "rl_resource.connection", [RES_CURSOR] = "rl_resource.cursor",
		[RES_FILE] = "rl_resource.file", [RES_CLIENT] = "rl_resource.client",
		[RES_POOL] = "rl_resource.pool",
	};
	const char *t = catalog_text(m->lang, keys[(unsigned)r < sizeof keys / sizeof *keys ? r : 0]);

	return t ? t : "";
}

const char *rl_async_word(const struct model *m, int on)
{
	const char *t = on ? catalog_text(m->lang, "rl_async_prefix") : NULL;

	return t ? t : "";
}

const char *rl_await_word(const struct model *m, int on)
{
	const char *t = on ? catalog_text(m->lang, "rl_await_prefix") : NULL;

	return t ? t : "";
}

int rl_span_match(const struct model *m, struct span sp, const struct catalog_list *l)
{
	char small[256], *buf = sp.len < sizeof small ? small : xmalloc(sp.len + 1);
	int hit;

	memcpy(buf, m->src + sp.off, sp.len);
	buf[sp.len] = '\0';
	hit = catalog_match(l, buf);
	if (buf != small)
		free(buf);
	return hit;
}

static int rl_set_text(struct finding *f, const struct model *m, const char *name,
		       const char *const *kv, int fix)
{
	const char *t = catalog_text(m->lang, name);
	size_t holes = 0, vals = 0, size;
	char *buf;

	if (t == NULL)
		return 0;
	/* room for every placeholder filled with every value: never cut */
	for (const char *p = t; *p; p++)
		holes += *p == '{';
	for (size_t i = 0; kv[i] && kv[i + 1]; i += 2)
		vals += strlen(kv[i + 1]);
	size = strlen(t) + holes * vals + 1;
	buf = xmalloc(size);
	db_text(m, name, kv, buf, size);
	if (fix)
		finding_set_recommendation(f, "%s", buf);
	else
		finding_set_issue(f, "%s", buf);
	free(buf);
	return 1;
}

int rl_set_issue(struct finding *f, const struct model *m, const char *name,
		 const char *const *kv)
{
	return rl_set_text(f, m, name, kv, 0);
}

int rl_set_fix(struct finding *f, const struct model *m, const char *name, const char *const *kv)
{
	return rl_set_text(f, m, name, kv, 1);
}

enum rl_res rl_acquisition(const struct project *p, const struct model *m, const struct node *c)
{
	const char *name = c->u.call->name, *callee = c->u.call->callee;
	char res[256], recv[128];

	if (name == NULL || callee == NULL)
		return RES_NONE;
	sem_callee(m, c, res, sizeof res);
	sem_receiver_path(callee, recv, sizeof recv);
	/* a bare `Session()` may be another library's: only SQLAlchemy's counts */
	if (strchr(callee, '(') == NULL &&
	    index_session_factory(p->index, name) != SESSION_NONE &&
	    (!catalog_match(catalog_get(m->lang, "rl_ambiguous_session_classes"), name) ||
	     catalog_match(catalog_get(m->lang, "rl_sqlalchemy_callees"), res)))
		return RES_SESSION;
	if (catalog_match(catalog_get(m->lang, "rl_driver_connects"), res))
		return RES_CONNECTION;
	if (catalog_match(catalog_get(m->lang, "rl_engine_connect_methods"), name) &&
	    catalog_match(catalog_get(m->lang, "rl_engine_receivers"), recv))
		return RES_CONNECTION;
	if (catalog_match(catalog_get(m->lang, "rl_pool_acquire_methods"), name) &&
	    catalog_match(catalog_get(m->lang, "rl_pool_receivers"), recv))
		return RES_CONNECTION;
	/* a cursor of a web framework's own connection (rl_framework_cursors,
	 * resolved through the imports): the framework opens and closes that
	 * connection around each request or task, and the wrapper it hands
	 * out holds nothing past the call once collected */
	if (catalog_match(catalog_get(m->lang, "rl_cursor_methods"), name) && recv[0] &&
	    strchr(recv, '(') == NULL && catalog_match(catalog_get(m->lang, "rl_cursor_owners"), recv))
		return catalog_match(catalog_get(m->lang, "rl_framework_cursors"), res) ? RES_NONE :
		       RES_CURSOR;
	/* the language's pooled connections: pg `pool.connect()`, mysql2
	 * `pool.getConnection()`, TypeORM `createQueryRunner()` */
	if (catalog_match(catalog_get(m->lang, "connection_acquire"), res))
		return RES_CONNECTION;
	if (catalog_match(catalog_get(m->lang, "file_open"), res))
		return RES_FILE;
	return RES_NONE;
}

/* rl_acquisition, then the pooled clients and client pools of the
 * catalogs. */
static enum rl_res rl_direct(const struct project *p, const struct model *m,
			     const struct node *c)
{
	enum rl_res r = rl_acquisition(p, m, c);
	char res[256];

	if (r != RES_NONE)
		return r;
	sem_callee(m, c, res, sizeof res);
	if (catalog_match(catalog_get(m->lang, "http_client_factories"), res))
		return RES_CLIENT;
	if (catalog_match(catalog_get(m->lang, "rl_client_pool_factories"), res))
		return RES_POOL;
	return RES_NONE;
}

static enum rl_res rl_from_helper(const struct audit_input *in, size_t fi,
				  const struct node *c, int depth);

/* What the value of return statement x of helper fn (model hm, file hf)
 * hands out: a resource acquired by the whole returned call, or by the
 * call a returned local was bound to (and not closed); RES_NONE else. */
static enum rl_res rl_returned(const struct audit_input *in, uint32_t hf,
			       const struct model *hm, const struct node *fn,
			       const struct node *x, int depth)
{
	const struct node *rc = sem_first_call(hm, x), *as;
	char var[96];
	enum rl_res r;

	if (rc != NULL && sem_call_is_whole(hm, rc, x->value)) {
		r = rl_direct(in->proj, hm, rc);
		return r != RES_NONE ? r : rl_from_helper(in, hf, rc, depth - 1);
	}
	if (rc != NULL || x->value.len == 0 || x->value.len >= sizeof var)
		return RES_NONE;
	span_copy(hm, x->value, var, sizeof var);
	for (const char *q = var; *q; q++)
		if (!isalnum((unsigned char)*q) && *q != '_')
			return RES_NONE;
	if ((as = sem_assignment(hm, fn, var, x->line)) == NULL ||
	    (rc = sem_first_call(hm, as)) == NULL || rl_bound_var(hm, rc) == NULL ||
	    rl_close_call(hm, fn, var) != NULL)
		return RES_NONE;
	r = rl_direct(in->proj, hm, rc);
	return r != RES_NONE ? r : rl_from_helper(in, hf, rc, depth - 1);
}

static enum rl_res rl_from_helper(const struct audit_input *in, size_t fi,
				  const struct node *c, int depth)
{
	struct func_ref ref;
	const struct model *hm;
	const struct node *fn;
	enum rl_res got = RES_NONE;

	if (depth <= 0 || in->sum == NULL || !summary_call_target(in->sum, fi, c, &ref))
		return RES_NONE;
	hm = in->proj->files[ref.file].model;
	fn = &hm->nodes[ref.node];
	if ((fn->flags & (NF_GENERATOR | NF_LAMBDA)) ||
	    (summary_facts(in->sum, ref.file, fn) & SUM_MEMOISED))
		return RES_NONE;
	for (const struct node *x = NULL; (x = model_walk(hm, fn, x, 0)); ) {
		enum rl_res r;

		if (x->kind != NODE_RETURN || x->value.len == 0 ||
		    rl_span_match(hm, x->value, catalog_get(hm->lang, "rl_null_literals")))
			continue;
		r = rl_returned(in, ref.file, hm, fn, x, depth);
		/* a cursor's connection may be the caller's; every valued
		 * return must hand out something fresh */
		if (r == RES_NONE || r == RES_CURSOR)
			return RES_NONE;
		got = r;
	}
	return got;
}

enum rl_res rl_acquired(const struct audit_input *in, size_t fi, const struct node *c,
			int *via_helper)
{
	const struct model *m = in->proj->files[fi].model;
	enum rl_res r = rl_direct(in->proj, m, c);

	if (via_helper)
		*via_helper = 0;
	if (r != RES_NONE)
		return r;
	r = rl_from_helper(in, fi, c, 2);
	if (r != RES_NONE && via_helper)
		*via_helper = 1;
	return r;
}

const char *rl_bound_var(const struct model *m, const struct node *c)
{
	const struct node *st = &m->nodes[c->parent];

	if (st->kind != NODE_ASSIGN || st->name == NULL ||
	    (st->flags & (NF_TARGET_ATTR | NF_WALRUS)) || strpbrk(st->name, ".[, ()") ||
	    sem_first_call(m, st) != c)
		return NULL;
	/* the call must be the whole value (`x = open(p)`, `x = await f()`) */
	if (!sem_call_is_whole(m, c, st->value))
		return NULL;
	return st->name;
}

/* True when call x closes var: var.close(), await var.aclose(),
 * pool.release(var), pool.putconn(var), var.dispose(). */
int rl_is_close(const struct model *m, const struct node *x, const char *var)
{
	const char *callee = x->u.call ? x->u.call->callee : NULL;
	size_t vn = strlen(var);

	if (callee == NULL)
		return 0;
	if (catalog_match(catalog_get(m->lang, "rl_close_methods"), x->u.call->name) &&
	    strncmp(callee, var, vn) == 0 && callee[vn] == '.' &&
	    strchr(callee + vn + 1, '.') == NULL)
		return 1;
	/* handed to what releases it: pool.release(conn), stack.enter_context(f) */
	if ((catalog_match(catalog_get(m->lang, "rl_pool_returns"), x->u.call->name) ||
	     catalog_match(catalog_get(m->lang, "rl_context_closers"), x->u.call->name)) &&
	    sem_span_has_plain_ident(m, x->u.call->args_text, var))
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
				if (sem_span_has_plain_ident(m, x->u.items[k].expr, var))
					return 1;
		}
		if (x->kind == NODE_CALL && rl_is_close(m, x, var)) {
			const struct node *fin = model_ancestor(m, x, NODE_FINALLY);

			if (fin && model_is_within(m, fin, fn))
				return 1;
			if (catalog_match(catalog_get(m->lang, "rl_context_closers"),
					  x->u.call->name))
				return 1;
		}
	}
	return 0;
}

int rl_cursor_owner_released(const struct model *m, const struct node *fn, const struct node *c)
{
	char recv[128];

	/* closing a DB-API connection closes its cursors with it */
	sem_receiver_path(c->u.call->callee, recv, sizeof recv);
	return recv[0] && strchr(recv, '(') == NULL && rl_released_in_finally(m, fn, recv);
}

/* True when text s[0..n) names var other than as the receiver of a method
 * call: `return session` or `return Repo(session)` hand the resource on,
 * `return list(session.scalars(q))` hands on only what it read. */
int rl_hands_on(const char *s, size_t n, const char *var)
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
int rl_global(const struct model *m, const struct node *fn, const char *var)
{
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); )
		if (x->kind == NODE_STMT && (x->flags & NF_OUTER_NAMES) &&
		    sem_span_has_plain_ident(m, x->value, var))
			return 1;
	return 0;
}

/* True when chained call x (`Thread(..., args=(var,)).start()`) starts
 * with a thread or process constructor whose arguments name var. */
static int rl_chain_hands_to_thread(const struct model *m, const struct node *x, const char *var)
{
	char res[160], *paren;
	size_t len = 0;
	const char *t;

	sem_callee(m, x, res, sizeof res);
	if ((paren = strchr(res, '(')) == NULL)
		return 0;
	*paren = '\0';
	if (!catalog_match(catalog_get(m->lang, "rl_thread_handoffs"), res) ||
	    (t = model_line(m, x->line, &len)) == NULL)
		return 0;
	/* the constructor's arguments are on the call's first line or
	 * within its statement: look for var as a plain name there */
	for (uint32_t l = x->line; l <= m->nodes[x->parent].end_line && l < x->line + 20; l++) {
		char buf[512];

		if ((t = model_line(m, l, &len)) == NULL)
			break;
		snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf ? len : sizeof buf - 1), t);
		for (char *q = strstr(buf, var); q; q = strstr(q + 1, var)) {
			char b = q == buf ? ' ' : q[-1], a = q[strlen(var)];

			if (!isalnum((unsigned char)b) && b != '_' && b != '.' &&
			    !isalnum((unsigned char)a) && a != '_')
				return 1;
		}
	}
	return 0;
}

int rl_escapes(const struct model *m, const struct node *fn, const char *var, unsigned after)
{
	const struct catalog_list *launch = catalog_get(m->lang, "background_launchers");
	const struct catalog_list *store = catalog_get(m->lang, "rl_storing_methods");

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
			if (x->line > after && sem_span_has_plain_ident(m, x->value, var) &&
			    ((x->flags & NF_TARGET_ATTR) || sem_first_call(m, x) == NULL) &&
			    rl_hands_on(span_ptr(m, x->value), x->value.len, var))
				return 1;
			break;
		case NODE_CALL:
			if (catalog_match_call(launch, m, x) &&
			    sem_span_has_plain_ident(m, x->u.call->args_text, var))
				return 1;
			if (catalog_match(store, x->u.call->name) &&
			    sem_span_has_plain_ident(m, x->u.call->args_text, var))
				return 1;
			/* handed to a thread or process that owns it from then on */
			if (sem_span_has_plain_ident(m, x->u.call->args_text, var)) {
				char res[160];

				sem_callee(m, x, res, sizeof res);
				if (catalog_match(catalog_get(m->lang, "rl_thread_handoffs"), res))
					return 1;
			}
			/* `Thread(target=f, args=(conn,)).start()`: the first call
			 * of a chain holds the arguments */
			if (strchr(x->u.call->callee, '(') != NULL && rl_chain_hands_to_thread(m, x, var))
				return 1;
			break;
		case NODE_FUNC:
			/* a nested function may own it from here on */
			if (x->flags & NF_LAMBDA)
				break;
			for (uint32_t l = x->line; l <= x->end_line && budget_step(); l++) {
				size_t len = 0;
				const char *t = model_line(m, l, &len);

				if (t && sem_has_plain_ident(t, len, var))
					return 1;
			}
			break;
		default:
			break;
		}
	}
	return 0;
}

/* ---- missing_cleanup ---- */

/* True when call c is managed where it is made: a with item, wrapped in
 * closing()/enter_context(), or a direct argument of another call. */
int rl_managed_here(const struct model *m, const struct node *c)
{
	const struct node *par = &m->nodes[c->parent];

	if (par->kind == NODE_WITH)
		return 1;
	if (par->kind == NODE_CALL)
		return 1; /* handed to another call: that callee owns it */
	return 0;
}

/* True when statement x leaves the function (return / raise). */
int rls_exits(const struct node *x)
{
	return x->kind == NODE_RETURN || x->kind == NODE_RAISE;
}

/* True when the statement right after the one that acquires var (acq's
 * assignment, in the same block) releases it: `const c = await
 * pool.connect(); c.release();`, a probe. Nothing runs while it is held,
 * and an acquisition that fails hands out nothing to release. */
static int rl_released_next(const struct model *m, const struct node *acq, const char *var)
{
	const struct node *a = acq->parent ? model_node(m, acq->parent) : NULL, *nx, *k;

	while (a != NULL && a->kind != NODE_ASSIGN && a->parent != 0 && a->line == acq->line)
		a = model_node(m, a->parent);
	if (a == NULL || a->kind != NODE_ASSIGN || a->next_sibling == 0)
		return 0;
	nx = model_node(m, a->next_sibling);
	/* the statement itself, or the first call it holds */
	for (k = nx; k != NULL && k->kind != NODE_CALL;
	     k = k->first_child ? model_node(m, k->first_child) : NULL)
		if (k->kind != NODE_STMT && k->kind != NODE_AWAIT)
			return 0;
	return k != NULL && k->line == nx->line && rl_is_close(m, k, var);
}

const struct node *rl_leaky_except(const struct model *m, const struct node *fn,
				   const char *var, const struct node *acq)
{
	const struct catalog_list *closers = catalog_get(m->lang, "rl_except_closers");

	if (rl_released_next(m, acq, var))
		return NULL;

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
			    y->u.call->callee[strlen(var)] == '.' &&
			    catalog_match(closers, y->u.call->name))
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

/* True when the annotation's leading type names an ORM model of the
 * project: `user_session: UserSession = Depends(get_admin)` is a row of an
 * auth table, not a database session. */
int rls_annotation_is_model(const struct project *p, const struct model *m,
				   struct span ann)
{
	char buf[128], *s = buf, *e;

	span_copy(m, ann, buf, sizeof buf);
	/* Annotated[UserSession, Depends(...)] -> UserSession */
	s += sem_prefix_len(m->lang, "rl_annotated_wrappers", s, 0);
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
	const struct catalog_list *marks = catalog_get(m->lang, "rl_injection_markers");
	int dep = rl_span_match(m, pr->def, marks) || rl_span_match(m, pr->annotation, marks);
	int sessiony =
		rl_span_match(m, pr->annotation, catalog_get(m->lang, "rl_session_annotations")) ||
		rl_span_match(m, pr->def, catalog_get(m->lang, "rl_session_defaults"));

	if (pr->name == NULL || rls_annotation_is_model(p, m, pr->annotation))
		return 0;
	if (dep && sessiony)
		return 1;
	/* `session: SessionDep` style aliases of Annotated[..., Depends(...)] */
	return !dep && pr->annotation.len &&
	       rl_span_match(m, pr->annotation, catalog_get(m->lang, "rl_session_alias_types"));
}

/* The injected session parameter of fn or of a function around it (a
 * generator nested in the handler uses the handler's session), or NULL. */
const struct param *rls_session_param(const struct project *p, const struct model *m,
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
int rls_db_use(const struct node *x, const char *var)
{
	const char *callee = x->u.call ? x->u.call->callee : NULL;
	size_t n = strlen(var);

	return callee && strncmp(callee, var, n) == 0 && callee[n] == '.';
}

/* True when call c builds an object around what it is given: a class
 * (`OrderRepository(session)`) or a `from_*` factory
 * (`Repo.from_session(session)`), as opposed to a helper returning data. */
int rls_wraps(const struct model *m, const struct node *c)
{
	const char *name = c->u.call->name;

	return name && (isupper((unsigned char)name[0]) ||
			catalog_match(catalog_get(m->lang, "rl_factory_methods"), name));
}

/* Fills names with var and the locals that hold it for later use (`repo =
 * Repo.from_session(session)`, `svc = Service(repo)`): calls on those are
 * session uses too. Returns how many. */
size_t rls_aliases(const struct model *m, const struct node *fn, const char *var,
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
			    (c = sem_first_call(m, x)) == NULL || !rls_wraps(m, c))
				continue;
			for (k = 0; k < n; k++)
				if (strcmp(names[k], x->name) == 0)
					seen = 1;
			for (k = 0; !seen && k < n; k++)
				if (sem_span_has_plain_ident(m, c->u.call->args_text, names[k])) {
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
int rls_really_waits(const struct project *p, const struct node *x)
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
int rls_releases(const struct model *m, const struct node *x)
{
	return catalog_match(catalog_get(m->lang, "rl_tx_enders"), x->u.call->name);
}

/* True when call x reaches an external service (HTTP client, cloud SDK). */
int rls_external(const struct model *m, const struct node *x)
{
	char recv[128];

	if (catalog_match_call(catalog_get(m->lang, "network_clients"), m, x))
		return 1;
	sem_receiver_path(x->u.call->callee, recv, sizeof recv);
	return (x->flags & NF_AWAITED) &&
	       catalog_match(catalog_get(m->lang, "rl_http_receivers"), recv) &&
	       catalog_match(catalog_get(m->lang, "rl_http_methods"), x->u.call->name);
}

int rl_sqlite_stack(const struct project *p, const struct model *m)
{
	const struct tech_stack *st = auditor_stack(p);

	return st != NULL && st->database != NULL &&
	       catalog_match(catalog_get(m->lang, "rl_embedded_databases"), st->database);
}
