/* ln-654 where failures are values (lang traits.errors_are_values: Go):
 * rows, statements and response bodies released by a deferred Close, the
 * Go form of missing_cleanup (no close at all) and error_path_leak (a
 * close that an early return skips). One pass serves both checks; each
 * finding is guarded by its own check's switch. */
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

/* The lists that acquire a handle; the issue texts are named after them
 * (missing_cleanup.<list>, error_path_leak.<list>). */
static const char *const rld_kinds[] = {
	"cursor_acquisitions", "statement_acquisitions", "response_acquisitions",
	"file_acquisitions", "pool_acquisitions",
};

/* The handle call c acquires (index into rld_kinds), or -1; the variable
 * it is bound to into var. */
static int rld_acquired(const struct model *m, const struct node *c, char *var, size_t size)
{
	const struct node *a = c->parent ? model_node(m, c->parent) : NULL;
	const char *t;
	size_t n = 0;
	int k = -1;

	if (a == NULL || a->kind != NODE_ASSIGN || a->text.len == 0 || (a->flags & NF_TARGET_ATTR))
		return -1;
	for (size_t i = 0; i < sizeof rld_kinds / sizeof *rld_kinds && k < 0; i++)
		if (catalog_match_call(catalog_get(m->lang, rld_kinds[i]), m, c))
			k = (int)i;
	if (k < 0)
		return -1;
	/* a driver method needs a database receiver: not `r.URL.Query()` */
	if (k < 2) {
		char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX];

		if (strchr(c->u.call->callee, '(') != NULL ||
		    !sem_is_session_name(m->lang,
					 sem_receiver_name(sem_callee(m, c, callee, sizeof callee),
							   recv, sizeof recv)))
			return -1;
	}
	t = span_ptr(m, a->text);
	while (n < a->text.len && n + 1 < size && t[n] != ',' && t[n] != ' ' && t[n] != '=')
		n++;
	memcpy(var, t, n);
	var[n] = '\0';
	return n > 0 && !catalog_match(catalog_get(m->lang, "rl_discard_names"), var) ? k : -1;
}

/* True when f's text uses a field of var that the catalog's
 * response_fields names (`resp.Body`, `resp.StatusCode`): a client call
 * the catalog matched by a pattern (`*lient.Get`) may be another library's
 * (an etcd `client.Get(ctx, key)` response has no Body): never used as a
 * response, it is not tracked as one. */
static int rld_response_used(const struct model *m, const struct node *f, const char *var)
{
	const struct catalog_list *fields = catalog_get(m->lang, "response_fields");
	const char *p = m->src + m->line_off[f->line - 1];
	const char *end = f->end_line < m->n_lines ? m->src + m->line_off[f->end_line] :
			  m->src + m->src_len;
	size_t vn = strlen(var);

	for (; p + vn + 1 < end && (p = memmem(p, (size_t)(end - p), var, vn)) != NULL; p += vn) {
		char field[64];
		size_t n = 0;

		if (p[vn] != '.' || (p > m->src && (p[-1] == '_' || p[-1] == '.' ||
			(p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z') ||
			(p[-1] >= '0' && p[-1] <= '9'))))
			continue;
		while (p + vn + 1 + n < end && n + 1 < sizeof field &&
		       (p[vn + 1 + n] == '_' || (p[vn + 1 + n] >= 'A' && p[vn + 1 + n] <= 'Z') ||
			(p[vn + 1 + n] >= 'a' && p[vn + 1 + n] <= 'z')))
			field[n] = p[vn + 1 + n], n++;
		field[n] = '\0';
		if (n > 0 && catalog_match(fields, field))
			return 1;
	}
	return 0;
}

/* True when text s[0..n) is exactly var, or &var. */
static int rld_is_var(const char *s, size_t n, const char *var)
{
	size_t vn = strlen(var);

	if (n > 0 && *s == '&') {
		s++;
		n--;
	}
	return n == vn && memcmp(s, var, vn) == 0;
}

/* True when var appears in the result text v[0..n) as a value of its
 * own: whole (`return f`), wrapped (`&Rows{Rows: r}`, `T{Stmt: st}`,
 * `(*row)(rows.(*base))`), or as a field handed on (`return resp.Body`);
 * not a method called on it (`return f.Close()`). */
static int rld_in_result(const char *v, size_t n, const char *var)
{
	size_t vn = strlen(var);

	for (size_t i = 0; i + vn <= n; i++) {
		const char *p = v + i, *q = p + vn;

		if (memcmp(p, var, vn) != 0 ||
		    (i > 0 && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.')))
			continue;
		if (q < v + n && (isalnum((unsigned char)*q) || *q == '_'))
			continue;
		/* an argument of a call in the result: the call decides */
		{
			size_t j = i;
			int depth = 0;

			while (j > 0) {
				char ch = v[--j];

				if (ch == ')' || ch == '}' || ch == ']')
					depth++;
				else if ((ch == '(' || ch == '{' || ch == '[') && depth-- == 0)
					break;
			}
			if (depth < 0 && v[j] == '(' && j > 0 &&
			    (isalnum((unsigned char)v[j - 1]) || v[j - 1] == '_'))
				continue;
		}
		if (q < v + n && *q == '.' && q + 1 < v + n && q[1] != '(') {
			/* var.Field with no call in the result: handed on */
			if (memchr(v, '(', n) == NULL)
				return 1;
			continue;
		}
		return 1;
	}
	return 0;
}

/* True when the file handle var, argument ai of call k, is only lent:
 * a stream helper of the catalog (`io.Copy(out, src)`,
 * `csv.NewReader(f)`), or a project function (of this package, or of
 * another one named through an import: `blobs.Store(f, ...)`) whose
 * parameter there is an interface with no Close (`func countLines(r
 * io.Reader)`) and that does not keep it: the callee cannot close it,
 * so the caller still owns it. */
static int rld_lent(const struct audit_input *in, const struct model *m, const struct node *k,
		    uint32_t ai)
{
	const struct func_ref *defs;
	size_t nd = 0;
	char type[64];
	const char *dot = strchr(k->u.call->callee, '.');
	size_t seen = 0;
	int qualified;

	if (catalog_match_call(catalog_get(m->lang, "handle_borrowers"), m, k))
		return 1;
	/* `blobs.Store(f, ...)`: a function of another package of the
	 * project, named through an import of the file; a call on a value
	 * (`x.Store`) stays unknown */
	qualified = 0;
	if (dot != NULL && strchr(dot + 1, '.') == NULL)
		for (uint32_t i = 0; i < m->n_imports && !qualified; i++)
			qualified = m->imports[i].local != NULL &&
				    strlen(m->imports[i].local) == (size_t)(dot - k->u.call->callee) &&
				    memcmp(m->imports[i].local, k->u.call->callee,
					   (size_t)(dot - k->u.call->callee)) == 0;
	if ((dot != NULL && !qualified) || strchr(k->u.call->callee, '(') != NULL)
		return 0;
	defs = index_funcs_named(in->proj->index, k->u.call->name, &nd);
	if (nd == 0)
		return 0;
	for (size_t d = 0; d < nd; d++) {
		const struct model *dm = in->proj->files[defs[d].file].model;
		const struct node *g = dm ? model_node(dm, defs[d].node) : NULL;
		const struct param *pa;

		if (qualified && g != NULL && (g->flags & NF_GO_RECEIVER))
			continue; /* a method of that name is not the package's function */
		seen++;
		if (g == NULL || g->u.func == NULL || ai >= g->u.func->n_params)
			return 0;
		pa = &g->u.func->params[ai];
		if (pa->annotation.len == 0)
			return 0;
		span_copy(dm, pa->annotation, type, sizeof type);
		if (!catalog_match(catalog_get(m->lang, "borrowing_param_types"), type))
			return 0;
		/* a callee that keeps the handle (`output = &wrap{w}`, `return
		 * w`) takes it over: the caller no longer owns what it lent */
		if (pa->name == NULL)
			return 0;
		for (const struct node *x = NULL; (x = model_walk(dm, g, x, 1)) && budget_step(); )
			if ((x->kind == NODE_ASSIGN || x->kind == NODE_RETURN) && x->value.len > 0 &&
			    rld_in_result(span_ptr(dm, x->value), x->value.len, pa->name))
				return 0;
	}
	return seen > 0;
}

/* True when f defers the removal of var's file (`defer
 * os.Remove(tmp.Name())`, catalog file_removers): f owns the file to the
 * end and a call it hands the handle to only borrows it. */
static int rld_removed_on_exit(const struct model *m, const struct node *f, const char *var)
{
	const struct catalog_list *rm = catalog_get(m->lang, "file_removers");
	size_t vn = strlen(var);

	for (const struct node *d = NULL; (d = model_walk(m, f, d, 0)) && budget_step(); ) {
		if (d->kind != NODE_DEFER)
			continue;
		for (const struct node *k = NULL; (k = model_walk(m, d, k, 1)) && budget_step(); )
			if (k->kind == NODE_CALL && k->u.call && k->u.call->n_args > 0 &&
			    catalog_match_call(rm, m, k) && k->u.call->args[0].expr.len > vn &&
			    memcmp(span_ptr(m, k->u.call->args[0].expr), var, vn) == 0 &&
			    span_ptr(m, k->u.call->args[0].expr)[vn] == '.')
				return 1;
	}
	return 0;
}

/* True when some project function named like call k closes its
 * parameter number ai (`func upload(f *os.File) { defer f.Close() ...`):
 * the handle handed there is the callee's to release. */
static int rld_callee_closes(const struct audit_input *in, const struct node *k, uint32_t ai)
{
	const struct func_ref *defs;
	size_t nd = 0;

	defs = index_funcs_named(in->proj->index, k->u.call->name, &nd);
	for (size_t d = 0; d < nd; d++) {
		const struct model *dm = in->proj->files[defs[d].file].model;
		const struct node *g = dm ? model_node(dm, defs[d].node) : NULL;
		const char *pn;
		uint32_t pi = ai;

		if (g != NULL && (g->flags & NF_GO_RECEIVER))
			pi++;        /* params[0] is the method's receiver */
		if (g == NULL || g->u.func == NULL || pi >= g->u.func->n_params ||
		    (pn = g->u.func->params[pi].name) == NULL)
			return 1;
		for (const struct node *x = NULL; (x = model_walk(dm, g, x, 1)) && budget_step(); )
			if (x->kind == NODE_CALL && ep_call_on(dm, x, pn) &&
			    catalog_match_call(catalog_get(dm->lang, "db_close"), dm, x))
				return 1;
	}
	return 0;
}

/* True when var leaves f: returned, handed whole to another call,
 * assigned to something else, or used by a function literal. A file
 * (file != 0) lent to a reader or writer stays in f, and so does a pool
 * (pool != 0) handed to a library call that only runs statements on it
 * (catalog pool_borrowers: `goose.Up(db, dir)`). */
static int rld_escapes(const struct audit_input *in, const struct model *m,
		       const struct node *f, const char *var, const struct node *acq, int file,
		       int pool)
{
	const struct node *k;
	int owned = file && rld_removed_on_exit(m, f, var);

	for (k = NULL; (k = model_walk(m, f, k, 1)) && budget_step(); ) {
		if (k == acq || model_is_within(m, k, acq))
			continue;
		if (k->kind == NODE_RETURN && k->value.len > 0) {
			if (rld_in_result(span_ptr(m, k->value), k->value.len, var))
				return 1;
		} else if (k->kind == NODE_CALL && k->u.call != NULL && !ep_call_on(m, k, var)) {
			for (uint32_t i = 0; i < k->u.call->n_args; i++)
				if (rld_is_var(span_ptr(m, k->u.call->args[i].expr),
					       k->u.call->args[i].expr.len, var) &&
				    !(file && rld_lent(in, m, k, i)) &&
				    !(pool && catalog_match_call(catalog_get(m->lang, "pool_borrowers"),
								 m, k)) &&
				    !(owned && !rld_callee_closes(in, k, i)))
					return 1;
		} else if (k->kind == NODE_ASSIGN && rld_is_var(span_ptr(m, k->value), k->value.len,
								 var)) {
			return 1;
		}
	}
	return 0;
}

/* True when statement acquisition c is prepared on a transaction: its
 * receiver is a plain name that a function around c (the closure first,
 * then the functions holding it) declares as a parameter of a catalog
 * transaction type (`func(tx *sqlx.Tx) error`), or binds from a begin
 * call (`tx, err := db.BeginTxx(ctx, nil)`). database/sql closes such a
 * statement when the transaction commits or rolls back; a transaction
 * left open is missing_rollback's finding, not this one. A receiver of
 * any other or unknown kind keeps the statement tracked. */
static int rld_tx_statement(const struct model *m, const struct node *c)
{
	char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX], type[128];
	const struct node *f, *begin;

	sem_receiver_path(sem_callee(m, c, callee, sizeof callee), recv, sizeof recv);
	if (recv[0] == '\0' || strpbrk(recv, ".([") != NULL)
		return 0;
	for (f = model_enclosing_func(m, c); f != NULL && budget_step();
	     f = model_enclosing_func(m, f)) {
		const struct param *pa = sem_param(f, recv);

		if (pa != NULL) {
			span_copy(m, pa->annotation, type, sizeof type);
			return catalog_match(catalog_get(m->lang, "tx_handle_types"), type);
		}
		if (ep_acquired_by(m, f, "tx_begin", recv, c->line, &begin) != NULL)
			return 1;
		/* bound otherwise in this function: not a transaction we know */
		if (sem_assignment(m, f, recv, c->line) != NULL)
			return 0;
	}
	return 0;
}

/* The first release of var in f's own scope (not deferred), or NULL. */
static const struct node *rld_release(const struct model *m, const struct node *f,
				      const char *var, uint32_t after)
{
	const struct catalog_list *close = catalog_get(m->lang, "db_close");
	const struct node *k;

	for (k = NULL; (k = model_walk(m, f, k, 0)) && budget_step(); )
		if (k->kind == NODE_CALL && k->line > after && ep_call_on(m, k, var) &&
		    catalog_match_call(close, m, k) && model_ancestor(m, k, NODE_DEFER) == NULL)
			return k;
	return NULL;
}

/* True when return ret sits in the body of an `if !var.Next()` (catalog
 * words cursor_exhausted_methods): the cursor ran out, and the driver
 * closed it then (`database/sql` closes Rows when Next returns false),
 * so leaving there keeps nothing checked out. */
static int rld_after_exhausted(const struct model *m, const struct node *f,
			       const struct node *ret, const char *var)
{
	const struct node *x, *prev = ret;
	size_t vn = strlen(var);

	for (x = ret->parent ? model_node(m, ret->parent) : NULL; x != NULL && x != f;
	     prev = x, x = x->parent ? model_node(m, x->parent) : NULL) {
		char cond[128], meth[64];
		const char *c = cond;
		size_t n;

		if (x->kind != NODE_IF || (prev->flags & NF_HEADER) || prev->kind == NODE_ELSE)
			continue;
		span_copy(m, x->value, cond, sizeof cond);
		while (*c == ' ' || *c == '(')
			c++;
		if (*c++ != '!' || strncmp(c, var, vn) != 0 || c[vn] != '.')
			return 0;
		c += vn + 1;
		n = strcspn(c, "(");
		if (n == 0 || n >= sizeof meth || strcmp(c + n, "()") != 0)
			return 0;
		memcpy(meth, c, n);
		meth[n] = '\0';
		return catalog_match(catalog_get(m->lang, "cursor_exhausted_methods"), meth);
	}
	return 0;
}

/* The first deferred statement of f's own scope that closes var, or
 * NULL. */
static const struct node *rld_first_deferred_close(const struct model *m, const struct node *f,
						   const char *var)
{
	for (const struct node *d = NULL; (d = model_walk(m, f, d, 0)) && budget_step(); )
		if (d->kind == NODE_DEFER && ep_deferred_release(m, f, "db_close", var, d->line + 1))
			return d;
	return NULL;
}

/* True when the text t[0..n) binds its first target to a discard name
 * (`_, err := ...`, `_ = ...`). */
static int rld_discards_first(const struct model *m, const char *t, size_t n)
{
	char first[16];
	size_t j = 0;

	while (j < n && j + 1 < sizeof first && (isalnum((unsigned char)t[j]) || t[j] == '_'))
		j++;
	if (j == 0 || j + 1 >= sizeof first)
		return 0;
	memcpy(first, t, j);
	first[j] = '\0';
	while (j < n && t[j] == ' ')
		j++;
	return j < n && (t[j] == ',' || t[j] == '=' || t[j] == ':') &&
	       catalog_match(catalog_get(m->lang, "rl_discard_names"), first);
}

/* missing_cleanup for an HTTP response dropped to `_` (`_, err :=
 * client.Get(url)`, `if _, err := client.Do(req); err != nil`): its Body
 * can never be closed. A call matched by a receiver pattern (`*lient.Get`)
 * must take the HTTP method's own arguments (catalog
 * response_call_arities: `Get` one URL, not an etcd `Get(ctx, key)`).
 * True when c is such a call (reported or not). */
static int rld_discarded_response(const struct audit_input *in, size_t fi,
				  struct finding_sink *out, const struct node *f,
				  const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *a = c->parent ? model_node(m, c->parent) : NULL;
	char arity[96], call[128], desc[160], issue[600];
	struct finding *fd;

	if (a == NULL || c->u.call->callee == NULL ||
	    !catalog_match_call(catalog_get(m->lang, "response_acquisitions"), m, c))
		return 0;
	if (a->kind == NODE_ASSIGN && !(a->flags & NF_TARGET_ATTR)) {
		if (!rld_discards_first(m, span_ptr(m, a->text), a->text.len))
			return 0;
	} else if ((c->flags & NF_HEADER) && a->kind == NODE_IF) {
		/* `if _, err := client.Do(req); err != nil`: the header's text
		 * holds the short statement, the call is its first */
		if (sem_first_call(m, a) != c ||
		    !rld_discards_first(m, span_ptr(m, a->text), a->text.len))
			return 0;
	} else {
		return 0;
	}
	snprintf(arity, sizeof arity, "%s/%u", c->u.call->name, c->u.call->n_args);
	if (!catalog_match(catalog_get(m->lang, "response_call_arities"), arity) ||
	    !auditor_check(&rl_checks[RL_MISSING_CLEANUP]) ||
	    (fd = auditor_emit(in, out, &rl_checks[RL_MISSING_CLEANUP], SEV_MEDIUM, fi, c)) == NULL)
		return 1;
	(void)f;
	sem_call_source(m, c, call, sizeof call);
	sem_func_desc(in, fi, c, desc, sizeof desc);
	if (db_text(m, "missing_cleanup.response_discarded",
		    (const char *const[]){ "call", call, "where", desc, NULL }, issue,
		    sizeof issue) != NULL)
		finding_set_issue(fd, "%s", issue);
	if (db_text(m, "missing_cleanup.response_discarded.fix", (const char *const[]){ NULL },
		    issue, sizeof issue) != NULL)
		finding_set_recommendation(fd, "%s", issue);
	return 1;
}

enum { RLD_MAX_STEPS_BEFORE_CHECK = 3 };

/* The last target of assignment a (`err` in `resp, err = c.Do(r)`),
 * into buf; "" when a has a single target. */
static const char *rld_last_target(const struct model *m, const struct node *a, char *buf,
				   size_t size)
{
	char text[256];
	const char *eq, *comma;
	size_t b, e;

	buf[0] = '\0';
	/* the text is the targets, or the whole statement in some front ends */
	span_copy(m, a->text, text, sizeof text);
	eq = strchr(text, '=');
	e = eq != NULL ? (size_t)(eq - text) : strlen(text);
	while (e > 0 && (text[e - 1] == ':' || text[e - 1] == ' '))
		e--;
	for (comma = NULL, b = 0; b < e; b++)
		if (text[b] == ',')
			comma = text + b;
	if (comma == NULL)
		return buf;
	for (b = (size_t)(comma - text) + 1; b < e && text[b] == ' '; b++)
		;
	if (e > b && e - b < size) {
		memcpy(buf, text + b, e - b);
		buf[e - b] = '\0';
	}
	return buf;
}

/* True when statement n, between acquisition a and its error check,
 * leaves both alone: a one-line assignment or call that names neither
 * the handle var nor a's error (`result.Duration = time.Since(start)`,
 * timing taken right after a request). */
static int rld_step_before_check(const struct model *m, const struct node *a,
				 const struct node *n, const char *var)
{
	char text[512], errv[64];

	if (n->kind != NODE_ASSIGN && n->kind != NODE_CALL && n->kind != NODE_STMT)
		return 0;
	if (n->end_line != n->line)
		return 0;
	rld_last_target(m, a, errv, sizeof errv);
	/* a line too long to hold whole may hide a mention: stop there */
	if (strlen(sem_node_text(m, n, text, sizeof text)) + 1 >= sizeof text)
		return 0;
	return errv[0] != '\0' && !sem_mentions(text, var) && !sem_mentions(text, errv);
}

/* The statement that checks the error of assignment a: the `if` right
 * after it (or after a few statements that touch neither the handle var
 * nor the error), or, when a ends a branch of an if/else chain (`if
 * sqlite { rows, err = db.Query(A) } else { rows, err = db.Query(B) }`),
 * the `if` right after the whole chain, which checks the error of
 * whichever branch ran. NULL when no `if` follows. */
static const struct node *rld_error_check(const struct model *m, const struct node *a,
					  const char *var)
{
	const struct node *x = a, *n;
	int steps = 0;

	if (x->next_sibling == 0 && x->parent) {
		x = model_node(m, x->parent);
		if (x->kind != NODE_IF && x->kind != NODE_ELSE)
			return NULL;
		while (x->next_sibling &&
		       ((n = model_node(m, x->next_sibling))->kind == NODE_ELSE ||
			(n->kind == NODE_IF && (n->flags & NF_ELIF))))
			x = n;
	}
	while (x->next_sibling != 0 && steps < RLD_MAX_STEPS_BEFORE_CHECK &&
	       rld_step_before_check(m, a, (n = model_node(m, x->next_sibling)), var)) {
		x = n;
		steps++;
	}
	if (x->next_sibling == 0 || (n = model_node(m, x->next_sibling))->kind != NODE_IF ||
	    (n->flags & NF_ELIF))
		return NULL;
	return n;
}

static void rl_check_deferred_release(const struct audit_input *in, struct finding_sink *out,
			       size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *f, *a, *rel, *ret;
	char var[64], call[128], desc[160], line[16], dline[16], issue[600], key[64];
	struct finding *fd;
	uint32_t after;
	int k, late = 0;

	if (!ep_errors_are_values(m) || (f = model_enclosing_func(m, c)) == NULL)
		return;
	if (rld_discarded_response(in, fi, out, f, c) || (c->flags & NF_HEADER) ||
	    (k = rld_acquired(m, c, var, sizeof var)) < 0 ||
	    (k == 1 && rld_tx_statement(m, c)) ||
	    (k == 2 && !rld_response_used(m, f, var)))
		return;
	a = model_node(m, c->parent);
	/* the check of the acquisition's own error has no handle to release */
	after = a->end_line;
	if ((ret = rld_error_check(m, a, var)) != NULL)
		after = ret->end_line;
	if (ep_deferred_release(m, f, "db_close", var, UINT32_MAX)) {
		/* deferred, but only after returns that leave without it */
		rel = rld_first_deferred_close(m, f, var);
		if (rel == NULL || rel->line <= after)
			return;
		ret = ep_unreleased_return(m, f, "db_close", var, after, rel->line);
		while (k == 0 && ret != NULL && rld_after_exhausted(m, f, ret, var))
			ret = ep_unreleased_return(m, f, "db_close", var, ret->line, rel->line);
		if (ret == NULL)
			return;
		late = 1;
	} else if (rld_escapes(in, m, f, var, c, k == 3, k == 4)) {
		return;
	} else {
		rel = rld_release(m, f, var, a->line);
		ret = rel ? ep_unreleased_return(m, f, "db_close", var, after, rel->line) : NULL;
		if (rel != NULL && ret == NULL)
			return;
	}
	sem_call_source(m, c, call, sizeof call);
	sem_func_desc(in, fi, c, desc, sizeof desc);
	if (rel == NULL) {
		if (!auditor_check(&rl_checks[RL_MISSING_CLEANUP]) ||
		    (fd = auditor_emit(in, out, &rl_checks[RL_MISSING_CLEANUP], SEV_MEDIUM, fi,
				       c)) == NULL)
			return;
		snprintf(key, sizeof key, "missing_cleanup.%s", rld_kinds[k]);
	} else {
		unsigned role = index_role_at(in->proj, (uint32_t)fi, c);

		if (!auditor_check(&rl_checks[RL_ERROR_PATH_LEAK]) ||
		    (fd = auditor_emit(in, out, &rl_checks[RL_ERROR_PATH_LEAK],
				       role & (ROLE_HANDLER | ROLE_HANDLER_PATH) ? SEV_HIGH :
				       SEV_MEDIUM, fi, c)) == NULL)
			return;
		if (late)
			snprintf(key, sizeof key, "error_path_leak.late_defer.%s", rld_kinds[k]);
		else
			snprintf(key, sizeof key, "error_path_leak.%s", rld_kinds[k]);
		sem_add_line(fd, m, ret->line);
		sem_add_line(fd, m, rel->line);
	}
	snprintf(line, sizeof line, "%u", ret ? ret->line : 0);
	snprintf(dline, sizeof dline, "%u", rel ? rel->line : 0);
	if (db_text(m, key, (const char *const[]){ "var", var, "call", call, "where", desc,
		    "line", line, "defer_line", dline, NULL }, issue, sizeof issue) != NULL)
		finding_set_issue(fd, "%s", issue);
	snprintf(key, sizeof key, "%s.fix", rel ? "error_path_leak" : "missing_cleanup");
	if (db_text(m, key, (const char *const[]){ "var", var, NULL }, issue,
		    sizeof issue) != NULL)
		finding_set_recommendation(fd, "%s", issue);
}

static void visit(const struct audit_input *in, struct finding_sink *out, size_t fi,
		  const struct node *n)
{
	if (n->u.call != NULL && n->u.call->callee != NULL && n->u.call->name != NULL)
		rl_check_deferred_release(in, out, fi, n);
}

/* No def: it reports for two checks and asks auditor_check() for each. */
const struct check_impl check_deferred_release = {
	.def = NULL,
	.kinds = VISITS(NODE_CALL),
	.visit = visit,
};
