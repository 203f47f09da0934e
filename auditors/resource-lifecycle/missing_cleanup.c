/* missing_cleanup (ln-654): a session, connection, cursor, file or pooled
 * HTTP client acquired without a guaranteed release; Go's handles without
 * a deferred Close are in deferred-release.c. */
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
#include "lang/lang.h"

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

/* missing_cleanup | a session, connection, cursor or pooled client
 * acquired without guaranteed release: `Session()`, `engine.connect()`,
 * `pool.acquire()`, `await asyncpg.connect()`, `pool.connect()` without
 * `release()` in `finally` | HIGH for sessions/connections, MEDIUM for
 * files/cursors */
static const struct node *rl_gap_before_try(const struct model *m, const struct node *c,
					    const char *var);
static int rl_lazy_singleton(const struct model *m, const struct node *fn, const char *var,
			     const struct node *c);

/* Released in a finally, but acquired before statements that may raise
 * ahead of the try: reported as error_path_leak (the exception path from
 * those statements leaves without the release). */
static void rl_report_gap(const struct audit_input *in, struct finding_sink *out, size_t fi,
			  const struct node *c, const char *var, enum rl_res r,
			  const struct node *gap)
{
	const struct model *m = in->proj->files[fi].model;
	struct finding *f;
	char call[160], line[16];

	unsigned role = index_role_at(in->proj, (uint32_t)fi, c);

	/* the statement between raises on an error path that skips the
	 * release: error_path_leak's severity (by role; a file or cursor
	 * at most MEDIUM) */
	f = auditor_emit(in, out, &rl_checks[RL_ERROR_PATH_LEAK],
			 (r == RES_SESSION || r == RES_CONNECTION) &&
			 (role & (ROLE_HANDLER | ROLE_HANDLER_PATH | ROLE_DEPENDENCY)) ?
			 SEV_HIGH : SEV_MEDIUM, fi, c);
	if (f == NULL)
		return;
	sem_call_brief(m, c, call, sizeof call);
	snprintf(line, sizeof line, "%u", gap->line);
	rl_set_issue(f, m, "missing_cleanup.gap",
		     (const char *const[]){ "var", var, "call", call, "where", sem_func_name(m, c),
					    "line", line, "what", rl_res_name(m, r), NULL });
	sem_add_line(f, m, gap->line);
	rl_set_fix(f, m, "missing_cleanup.gap_fix",
		   (const char *const[]){ "line", line, "var", var, NULL });
}

/* The attribute a call is stored in on the function's own object, with
 * the call the whole value or the fallback of one (`self.db = db or
 * open_session()`): "self.db" into buf, or NULL. */
static const char *rl_self_attribute(const struct model *m, const struct node *c,
				     char *buf, size_t size)
{
	const struct node *st = &m->nodes[c->parent];
	const struct front_end *fe = lang_get(m->lang);
	const char *self = fe && fe->traits.receivers ? fe->traits.receivers[0] : NULL;
	size_t sn = self ? strlen(self) : 0;
	const char *dot;

	if (self == NULL || st->kind != NODE_ASSIGN || st->name == NULL ||
	    !(st->flags & NF_TARGET_ATTR) || (st->flags & NF_WALRUS) ||
	    strncmp(st->name, self, sn) != 0 || st->name[sn] != '.' ||
	    (dot = strchr(st->name + sn + 1, '.')) != NULL || strpbrk(st->name, "[, ()") ||
	    sem_first_call(m, st) != c || strlen(st->name) >= size)
		return NULL;
	if (!sem_call_is_whole(m, c, st->value)) {
		/* `x or call()`, `x if x else call()`: names and words, the
		 * last a fallback operator, then the call as the rest */
		const char *p = span_ptr(m, st->value), *end = p + st->value.len, *w = NULL;
		const char *callee = c->u.call->callee;
		size_t cl = strlen(callee);
		char word[8];

		while (end > p && isspace((unsigned char)end[-1]))
			end--;
		for (const char *q = p; q + cl < end; q++) {
			if (strncmp(q, callee, cl) == 0 && q[cl] == '(' && (q == p || q[-1] == ' ')) {
				w = q;
				break;
			}
			if (!isalnum((unsigned char)*q) && *q != '_' && *q != ' ' && *q != '.')
				return NULL;
		}
		if (w == NULL || w == p || end[-1] != ')')
			return NULL;
		{
			const char *e = w, *b;

			while (e > p && e[-1] == ' ')
				e--;
			for (b = e; b > p && (isalnum((unsigned char)b[-1]) || b[-1] == '_'); b--)
				;
			if (b == e || (size_t)(e - b) >= sizeof word || b == p)
				return NULL;
			memcpy(word, b, (size_t)(e - b));
			word[e - b] = '\0';
			if (!catalog_match(catalog_get(m->lang, "rl_fallback_operators"), word))
				return NULL;
		}
	}
	snprintf(buf, size, "%s", st->name);
	return buf;
}

/* missing_cleanup, object form: a session or connection acquired in a
 * method and kept on the object (`self.con = connect(...)`, `self.db =
 * db or open_session()`) by a class that never closes it and has no
 * close / context-manager exit of its own: every instance leaves it
 * open. */
static void rl_check_kept_on_object(const struct audit_input *in, struct finding_sink *out,
				    size_t fi, const struct node *c, enum rl_res r)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = sem_func(m, c), *cls;
	const struct catalog_list *fin = catalog_get(m->lang, "rl_finalizer_methods");
	struct finding *f;
	char attr[128], call[160];

	if (r != RES_SESSION && r != RES_CONNECTION && r != RES_POOL)
		return;
	if (fn == NULL || rl_self_attribute(m, c, attr, sizeof attr) == NULL ||
	    (cls = model_node(m, fn->parent)) == NULL || cls->kind != NODE_CLASS)
		return;
	for (const struct node *x = NULL; (x = model_walk(m, cls, x, 1)); ) {
		if (x->kind == NODE_FUNC && x->name && catalog_match(fin, x->name))
			return; /* the class can be closed: its owner's duty */
		if (x->kind == NODE_CALL && rl_is_close(m, x, attr))
			return;
		if (x->kind == NODE_WITH)
			for (uint32_t k = 0; k < x->n_items; k++)
				if (x->u.items[k].expr.len == strlen(attr) &&
				    memcmp(span_ptr(m, x->u.items[k].expr), attr,
					   strlen(attr)) == 0)
					return;
	}
	f = auditor_emit(in, out, &rl_checks[RL_MISSING_CLEANUP],
			 r == RES_SESSION || r == RES_CONNECTION || r == RES_POOL ? SEV_HIGH :
			 SEV_MEDIUM, fi, c);
	if (f == NULL)
		return;
	sem_call_brief(m, c, call, sizeof call);
	rl_set_issue(f, m, "missing_cleanup.kept_on_object",
		     (const char *const[]){ "var", attr, "call", call, "where", sem_func_name(m, c),
					    "what", rl_res_name(m, r), "class", cls->name ? cls->name : "",
					    NULL });
	rl_set_fix(f, m, "missing_cleanup.kept_on_object_fix",
		   (const char *const[]){ "var", attr, "class", cls->name ? cls->name : "", NULL });
}

static void rl_check_missing_cleanup(const struct audit_input *in, struct finding_sink *out,
				     size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = sem_func(m, c), *closer;
	const char *var;
	enum rl_res r;
	struct finding *f;
	char call[160], line[16];
	int helper = 0;

	if (fn == NULL || (c->flags & (NF_DECORATOR | NF_HEADER)) || rl_managed_here(m, c))
		return;
	if ((r = rl_acquired(in, fi, c, &helper)) == RES_NONE)
		return;
	/* a helper's resource taken once at start-up is not a leak per request */
	if (helper && (index_role_at(in->proj, (uint32_t)fi, c) & ROLE_INIT))
		return;
	if ((var = rl_bound_var(m, c)) == NULL) {
		rl_check_kept_on_object(in, out, fi, c, r);
		return; /* returned, chained or stored elsewhere: not ours to track */
	}
	/* a pooled client (requests.Session, httpx.Client, a job queue's
	 * pool) keeps its sockets until closed; only one never closed is
	 * reported: one closed on the happy path is reclaimed soon enough */
	if ((r == RES_CLIENT || r == RES_POOL) &&
	    (rl_close_call(m, fn, var) != NULL || rl_global(m, fn, var) ||
	     rl_lazy_singleton(m, fn, var, c)))
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
	/* closed by the very next statement: nothing runs in between */
	if ((closer = rl_close_call(m, fn, var)) != NULL &&
	    m->nodes[c->parent].next_sibling != 0 &&
	    model_node(m, m->nodes[c->parent].next_sibling) == model_node(m, closer->parent))
		return;
	f = auditor_emit(in, out, &rl_checks[RL_MISSING_CLEANUP],
			 r == RES_SESSION || r == RES_CONNECTION || r == RES_POOL ? SEV_HIGH : SEV_MEDIUM,
			 fi, c);
	if (f == NULL)
		return;
	closer = rl_close_call(m, fn, var);
	sem_call_brief(m, c, call, sizeof call);
	if (closer) {
		snprintf(line, sizeof line, "%u", closer->line);
		rl_set_issue(f, m, "missing_cleanup.closed_late",
			     (const char *const[]){ "var", var, "call", call,
						    "where", sem_func_name(m, c), "what", rl_res_name(m, r),
						    "line", line, "verb", sem_throw_word(m),
						    "tail", r == RES_SESSION ?
						    " and the pooled connection it holds" : "", NULL });
	} else {
		rl_set_issue(f, m, "missing_cleanup.never_closed",
			     (const char *const[]){ "var", var, "call", call,
						    "where", sem_func_name(m, c), "what", rl_res_name(m, r),
						    "tail", r == RES_SESSION || r == RES_CONNECTION ?
						    "; its connection stays checked out until garbage "
						    "collection, draining the pool under load" : "", NULL });
	}
	if (closer) {
		size_t len = 0;
		const char *t = model_line(m, closer->line, &len);

		if (t)
			finding_add_evidence(f, (int)closer->line, t, len);
	}
	/* a pooled client the language fixes its own way (an SDK client:
	 * one per process, or destroy() in finally) */
	if (r == RES_CLIENT && catalog_text(m->lang, "missing_cleanup.client_fix") != NULL &&
	    rl_set_fix(f, m, "missing_cleanup.client_fix",
		       (const char *const[]){ "call", call, "var", var, NULL }))
		return;
	if (db_advice(in, m, "missing_cleanup", rl_res_name(m, r), f))
		return;
	rl_set_fix(f, m, r == RES_SESSION ? "missing_cleanup.session_fix" :
		   r == RES_CONNECTION ? "missing_cleanup.connection_fix" :
		   "missing_cleanup.other_fix",
		   (const char *const[]){ "mode", rl_async_word(m, sem_in_async(m, c)),
					  "call", call, "var", var, NULL });
}

/* True when call c builds the process's one client, kept in a module
 * variable: var is assigned at module level (`let redis = null`) and c
 * sits under a test of var in fn (`if (!redis) redis = new Redis(url)`).
 * It is built once and lives as long as the process, like a client
 * built at module level. */
static int rl_lazy_singleton(const struct model *m, const struct node *fn, const char *var,
			     const struct node *c)
{
	if (sem_assignment(m, model_node(m, 0), var, 0) == NULL)
		return 0;
	for (const struct node *a = c; a != NULL && a != fn && a->parent != 0;
	     a = model_node(m, a->parent))
		if (a->kind == NODE_IF && a->value.len > 0 &&
		    sem_span_has_plain_ident(m, a->value, var))
			return 1;
	return 0;
}

/* True when call k reads a value synchronously: not awaited, no
 * arguments, a getter's name (rl_gap_accessors: `getPlatformType()`).
 * Nothing there reaches the database or the network. */
static int rl_plain_accessor(const struct model *m, const struct node *k)
{
	return k->u.call != NULL && k->u.call->name != NULL && k->u.call->n_args == 0 &&
	       !(k->flags & NF_AWAITED) &&
	       catalog_match(catalog_get(m->lang, "rl_gap_accessors"), k->u.call->name);
}

/* True when call k opens the resource that call c only described: c is a
 * lazy acquirer (rl_lazy_acquirers: a TypeORM `createQueryRunner()` holds
 * no connection yet) and k is `var.connect()` (rl_lazy_open_methods). A
 * connect that fails has taken nothing, so it leaks nothing. */
static int rl_lazy_open(const struct model *m, const struct node *c, const struct node *k,
			const char *var)
{
	size_t n = strlen(var);

	return c->u.call != NULL && c->u.call->name != NULL && k->u.call != NULL &&
	       k->u.call->callee != NULL && k->u.call->name != NULL &&
	       catalog_match(catalog_get(m->lang, "rl_lazy_acquirers"), c->u.call->name) &&
	       strncmp(k->u.call->callee, var, n) == 0 && k->u.call->callee[n] == '.' &&
	       strchr(k->u.call->callee + n + 1, '.') == NULL &&
	       catalog_match(catalog_get(m->lang, "rl_lazy_open_methods"), k->u.call->name);
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
				if (k->kind == NODE_CALL && !rl_lazy_open(m, c, k, var) &&
				    !rl_plain_accessor(m, k)) {
					gap = x;
					break;
				}
	}
	return NULL;
}

/* True when the whole word w appears in the source of fn after line
 * `after` (comments included: a name only in a comment is rare enough). */
static int rl_word_after(const struct model *m, const struct node *fn, const char *w,
			 uint32_t after)
{
	size_t k = strlen(w);

	for (uint32_t l = after + 1; l <= fn->end_line && l <= m->n_lines; l++) {
		size_t len = 0;
		const char *t = model_line(m, l, &len);

		for (size_t i = 0; t != NULL && k > 0 && i + k <= len; i++)
			if (memcmp(t + i, w, k) == 0 &&
			    (i == 0 || !(isalnum((unsigned char)t[i - 1]) || t[i - 1] == '_' ||
					 t[i - 1] == '.')) &&
			    (i + k == len || !(isalnum((unsigned char)t[i + k]) || t[i + k] == '_')))
				return 1;
	}
	return 0;
}

/* missing_cleanup, descriptor form: a call that opens a file and returns
 * its OS descriptor with its path (catalog list fd_path_openers:
 * `tempfile.mkstemp`), the descriptor thrown away: `_, path = mkstemp()`,
 * `path = mkstemp()[1]`, or a first name never read again. The file is
 * then reopened by path; nothing can close the descriptor, so every call
 * leaks one until the process exits. */
static void rl_check_discarded_fd(const struct audit_input *in, struct finding_sink *out,
				  size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = sem_func(m, c), *st = model_node(m, c->parent);
	char first[64], call[160], val[256];
	const char *comma;
	size_t n;
	struct finding *f;

	if (fn == NULL || st == NULL || st->kind != NODE_ASSIGN || st->name == NULL ||
	    (st->flags & (NF_TARGET_ATTR | NF_WALRUS)) || sem_first_call(m, st) != c ||
	    !sem_call_is(m, c, "fd_path_openers"))
		return;
	span_copy(m, st->value, val, sizeof val);
	n = strlen(val);
	while (n > 0 && isspace((unsigned char)val[n - 1]))
		val[--n] = '\0';
	if ((comma = strchr(st->name, ',')) != NULL) {
		/* `fd, path = mkstemp()`: the descriptor is the first name */
		const char *b = st->name;
		size_t len;

		if (!sem_call_is_whole(m, c, st->value))
			return;
		while (*b == ' ' || *b == '(')
			b++;
		len = (size_t)(comma - b);
		while (len > 0 && b[len - 1] == ' ')
			len--;
		if (len == 0 || len >= sizeof first)
			return;
		memcpy(first, b, len);
		first[len] = '\0';
		for (size_t i = 0; i < len; i++)
			if (!isalnum((unsigned char)first[i]) && first[i] != '_')
				return;
		if (!catalog_match(catalog_get(m->lang, "rl_discard_names"), first) &&
		    rl_word_after(m, fn, first, st->end_line))
			return;
	} else if (n < 4 || strcmp(val + n - 3, "[1]") != 0 || val[n - 4] != ')') {
		/* `path = mkstemp(...)[1]` keeps only the path */
		return;
	}
	f = auditor_emit(in, out, &rl_checks[RL_MISSING_CLEANUP], SEV_MEDIUM, fi, c);
	if (f == NULL)
		return;
	sem_call_brief(m, c, call, sizeof call);
	rl_set_issue(f, m, "missing_cleanup.fd_discarded",
		     (const char *const[]){ "call", call, "where", sem_func_name(m, c), NULL });
	rl_set_fix(f, m, "missing_cleanup.fd_discarded_fix",
		   (const char *const[]){ "call", call, NULL });
}

static void visit(const struct audit_input *in, struct finding_sink *out, size_t fi,
		  const struct node *n)
{
	if (n->u.call != NULL && n->u.call->callee != NULL && n->u.call->name != NULL) {
		rl_check_missing_cleanup(in, out, fi, n);
		rl_check_discarded_fd(in, out, fi, n);
	}
}

const struct check_impl check_missing_cleanup = {
	.def = &rl_checks[RL_MISSING_CLEANUP],
	.kinds = VISITS(NODE_CALL),
	.visit = visit,
};
