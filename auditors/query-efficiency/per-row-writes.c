/* ln-651: what the per-row write checks share: the loop that makes a
 * call run once per row, writes one helper away (the summaries), sqlc
 * wrappers. */
#include "auditor.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "semantic.h"
#include "db-ops.h"
#include "qe.h"
#include "summary.h"
#include "dispatch.h"
#include "lang/lang.h"
#include "audit-context.h"
#include "util/xalloc.h"

/* The text of positional argument i of call c, or "" (into buf). */
const char *qe_arg(const struct model *m, const struct node *c, uint32_t i,
		   char *buf, size_t size)
{
	buf[0] = '\0';
	if (c->u.call != NULL && i < c->u.call->n_args && c->u.call->args[i].name == NULL)
		span_copy(m, c->u.call->args[i].expr, buf, size);
	return buf;
}

/* True when the write wc of function wf sits in a loop of wf over one of
 * wf's own parameters: wf writes a whole collection, one row per element
 * (reported there if at all). A caller that hands it one batch per item
 * of a queue (`for batch := range q.Dequeue() { c.addMessages(batch) }`)
 * pays one call per batch, not per row. */
int qe_batch_writer(const struct model *wm, const struct node *wc, const struct node *wf)
{
	char iter[128];

	if (wf == NULL || wf->u.func == NULL)
		return 0;
	for (const struct node *l = model_enclosing_loop(wm, wc);
	     l != NULL && l->line >= wf->line && l->end_line <= wf->end_line;
	     l = model_enclosing_loop(wm, l)) {
		sem_loop_iter(wm, l, iter, sizeof iter);
		for (uint32_t i = 0; iter[0] != '\0' && i < wf->u.func->n_params; i++)
			if (wf->u.func->params[i].name != NULL &&
			    strcmp(wf->u.func->params[i].name, iter) == 0)
				return 1;
	}
	return 0;
}

/* True when call c has an argument that is exactly the loop's one
 * target (`for batch := range ch { store(batch) }`; Go's `_, x` counts
 * as x), not a part of a tuple target or a value derived from it. */
int qe_item_passed_whole(const struct model *m, const struct node *loop, const struct node *c)
{
	char target[128], arg[128];
	const char *t = target;

	if (loop->u.loop == NULL || loop->u.loop->target.len == 0 || c->u.call == NULL)
		return 0;
	span_copy(m, loop->u.loop->target, target, sizeof target);
	if (t[0] == '_' && t[1] == ',')
		for (t += 2; *t == ' '; t++)
			;
	if (*t == '\0' || strpbrk(t, ", ()[]") != NULL)
		return 0;
	for (uint32_t i = 0; i < c->u.call->n_args; i++)
		if (strcmp(qe_arg(m, c, i, arg, sizeof arg), t) == 0)
			return 1;
	return 0;
}

/* The statement a call of a project function runs when that function is
 * a wrapper around it: `qtx.InsertItemLine(ctx, arg)` reaches sqlc's
 * `func (q *Queries) InsertItemLine` whose own first write is
 * `q.db.QueryRowContext(ctx, insertItemLine, ...)` with the SQL in a
 * constant. Only one helper away (the witness sits in the function called
 * and every definition of the name writes); fills oi from the witness. */
/* The statement call c runs when the project function it calls (one
 * definition the summaries resolve) sends SQL it was handed: `query =
 * "UPDATE posts ..."; db.AttemptClaim(&p, query, params, i)` reaching
 * `func (db *datastore) AttemptClaim(p *Post, query string, ...)` whose
 * `db.Exec(query, params...)` runs its parameter. The SQL is the caller's
 * (a literal, or a local of one verb); one call deep. */
static enum db_op qe_handed_sql(const struct audit_input *in, const struct model *m, size_t fi,
				const struct node *c, struct db_op_info *oi)
{
	const struct model *dm;
	const struct node *d, *x;
	struct func_ref ref;
	uint32_t skip;

	if (!summary_call_target(in->sum, fi, c, &ref) ||
	    (dm = in->proj->files[ref.file].model) == NULL ||
	    (d = model_node(dm, ref.node))->kind != NODE_FUNC || d->u.func == NULL)
		return DB_OP_NONE;
	/* a method's receiver is no argument of the call */
	skip = (d->flags & NF_GO_RECEIVER) ||
	       (d->parent != 0 && dm->nodes[d->parent].kind == NODE_CLASS) ? 1 : 0;
	for (x = NULL; (x = model_walk(dm, d, x, 0)) && budget_step(); ) {
		if (x->kind != NODE_CALL || x->u.call == NULL)
			continue;
		for (uint32_t a = 0; a < x->u.call->n_args && a < 2; a++) {
			char text[64], sql[512];

			span_copy(dm, x->u.call->args[a].expr, text, sizeof text);
			for (uint32_t i = skip; text[0] != '\0' && i < d->u.func->n_params; i++) {
				const struct param *pa = &d->u.func->params[i];

				if (pa->name == NULL || pa->star != 0 || strcmp(pa->name, text) != 0)
					continue;
				if (sem_sql_arg_at(m, c, i - skip, sql, sizeof sql) == NULL ||
				    db_handed_sql_op(dm, x, a, sql, oi) == DB_OP_NONE)
					break;
				snprintf(oi->what, sizeof oi->what, "%.127s", c->u.call->callee);
				return oi->op;
			}
		}
	}
	return DB_OP_NONE;
}

enum db_op qe_wrapped_op(const struct audit_input *in, const struct model *m,
				const struct node *c, struct db_op_info *oi)
{
	struct summary_witness w;
	const struct model *wm;
	const struct node *wc, *wf;
	size_t fi;

	memset(oi, 0, sizeof *oi);
	if (in->sum == NULL || c->u.call == NULL || c->u.call->name == NULL)
		return DB_OP_NONE;
	fi = sem_file_of(in->proj, m);
	if (fi == SIZE_MAX)
		return DB_OP_NONE;
	if (!summary_call_has(in->sum, in->proj, fi, c, SUM_DB_WRITE, &w) ||
	    w.file == UINT32_MAX || (wm = in->proj->files[w.file].model) == NULL)
		return qe_handed_sql(in, m, fi, c, oi);
	wc = model_node(wm, w.node);
	wf = model_enclosing_func(wm, wc);
	if (wf == NULL || wf->name == NULL || strcmp(wf->name, c->u.call->name) != 0 ||
	    qe_batch_writer(wm, wc, wf))
		return DB_OP_NONE;
	if (db_call_op(wm, wc, oi) == DB_OP_NONE || !oi->sql)
		return qe_handed_sql(in, m, fi, c, oi);
	snprintf(oi->what, sizeof oi->what, "%.127s", c->u.call->callee);
	return oi->op;
}

/* True when loop sits in an `except` of a `try` whose own block writes
 * in bulk (catalog list bulk_apis): the row-by-row path runs only when
 * the bulk statement failed, to keep the rows that are valid (SPEC 11,
 * a per-object path beside a bulk one). */
static int qe_bulk_fallback(const struct model *m, const struct node *loop)
{
	const struct node *x, *prev = loop;

	for (x = loop->parent ? model_node(m, loop->parent) : NULL;
	     x != NULL && x->kind != NODE_FUNC && x->kind != NODE_MODULE;
	     prev = x, x = x->parent ? model_node(m, x->parent) : NULL) {
		const struct node *k;

		if (x->kind != NODE_TRY || prev->kind != NODE_EXCEPT)
			continue;
		for (k = x->first_child ? model_node(m, x->first_child) : NULL;
		     k != NULL && budget_step();
		     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
			if (k->kind == NODE_EXCEPT || k->kind == NODE_ELSE || k->kind == NODE_FINALLY)
				continue;
			if ((k->kind == NODE_CALL && sem_call_is(m, k, "bulk_apis")) ||
			    sem_contains_call(m, k, "bulk_apis"))
				return 1;
		}
	}
	return 0;
}

/* True when loop runs only in development: inside the block of an `if`
 * whose condition names a debug switch (catalog dev_only_guards, e.g.
 * `if settings.DEBUG_USE_SEED_DATA:` around a startup hook that loads
 * seed rows) and is not its negation (dev_only_negations). The `else`
 * of such an `if` is production code and stays. */
static int qe_dev_only(const struct model *m, const struct node *loop)
{
	const struct node *x, *prev = loop;
	char cond[200];

	if (catalog_list_empty(catalog_get(m->lang, "dev_only_guards")))
		return 0;
	for (x = loop->parent ? model_node(m, loop->parent) : NULL; x != NULL && budget_step();
	     prev = x, x = x->parent ? model_node(m, x->parent) : NULL) {
		if (x->kind != NODE_IF || (prev->flags & NF_HEADER))
			continue;
		span_copy(m, x->value, cond, sizeof cond);
		if (sem_match_lower(m->lang, "dev_only_guards", cond) &&
		    !sem_match_lower(m->lang, "dev_only_negations", cond))
			return 1;
		if (x->kind == NODE_MODULE)
			break;
	}
	return 0;
}

/* True when loop walks the keys of an object (catalog
 * qe_object_key_iterations: `Object.keys(sortOrder)`,
 * `Object.entries(groupBy(rows, 'environment'))`, a local spread from a
 * map's keys): one pass per key of a settings map or per group of a
 * grouping, a handful of names, not one per row. */
static int qe_key_iteration(const struct model *m, const struct node *loop)
{
	const struct catalog_list *heads = catalog_get(m->lang, "qe_object_key_iterations");
	char iter[256];
	size_t n;

	const struct node *fn = model_enclosing_func(m, loop), *as;
	const char *v = iter;

	if (catalog_list_empty(heads))
		return 0;
	sem_loop_iter(m, loop, iter, sizeof iter);
	/* through one local: `const envs = [...this.revisions.keys()]` */
	if (strchr(iter, '(') == NULL && fn != NULL &&
	    (as = sem_assignment(m, fn, iter, loop->line)) != NULL && as->value.len > 0) {
		span_copy(m, as->value, iter, sizeof iter);
		while (*v == '[' || *v == '.' || *v == ' ')
			v++;
	}
	n = strcspn(v, "(");
	if (v[n] != '(')
		return 0;
	memmove(iter, v, n);
	iter[n] = '\0';
	return catalog_match(heads, iter);
}

/* True when IF node a rejects a list longer than a configured limit:
 * its condition compares a `.length` with a name of the catalog's
 * qe_cap_limit_names (`segmentIds.length > this.config.segmentsLimit`)
 * and its body throws. Fills list with what is measured ("segmentIds"). */
static int qe_cap_guard(const struct model *m, const struct node *a, char *list, size_t size)
{
	const struct catalog_list *names;
	char cond[256], word[64];
	const char *len, *p, *s;
	int raises = 0;

	/* the kind first: the parameter form asks this of every node of
	 * the file */
	if (a->kind != NODE_IF)
		return 0;
	names = catalog_get(m->lang, "qe_cap_limit_names");
	if (catalog_list_empty(names))
		return 0;
	span_copy(m, a->value.len ? a->value : a->text, cond, sizeof cond);
	/* no `>` at all: no comparison with a limit (most conditions; this
	 * runs for every `if` of a function, per loop asked about) */
	if (strchr(cond, '>') == NULL)
		return 0;
	/* `<list>.<size field>` (catalog qe_cap_length_fields) */
	for (len = strchr(cond, '.'); len != NULL; len = strchr(len + 1, '.')) {
		size_t n = 0;

		while (isalnum((unsigned char)len[1 + n]) || len[1 + n] == '_')
			n++;
		if (n == 0 || n >= sizeof word)
			continue;
		memcpy(word, len + 1, n);
		word[n] = '\0';
		if (catalog_match(catalog_get(m->lang, "qe_cap_length_fields"), word))
			break;
	}
	if (len == NULL || strchr(len, '>') == NULL)
		return 0;
	for (s = len; s > cond && (isalnum((unsigned char)s[-1]) || s[-1] == '_' || s[-1] == '$'); s--)
		;
	snprintf(list, size, "%.*s", (int)(len - s), s);
	for (p = strchr(len, '>') + 1; *p; ) {
		size_t n;

		while (*p && !isalnum((unsigned char)*p) && *p != '_')
			p++;
		n = 0;
		while (isalnum((unsigned char)p[n]) || p[n] == '_')
			n++;
		if (n == 0 || n >= sizeof word)
			break;
		memcpy(word, p, n);
		word[n] = '\0';
		p += n;
		if (catalog_match(names, word)) {
			for (const struct node *x = NULL; (x = model_walk(m, a, x, 0)) != NULL; )
				raises |= x->kind == NODE_RAISE;
			return raises && list[0] != '\0';
		}
	}
	return 0;
}

/* True when loop runs over a list kept under a configured cap: the
 * function around it rejects a list longer than a limit (the loop then
 * walks that list or what was derived from it beside the stored rows),
 * or the loop walks a parameter that a function of the file, having
 * capped a list, fills from that list when it calls this one
 * (`segmentIds`, at most five segments per strategy). */
static int qe_capped_loop(const struct model *m, const struct node *loop)
{
	const struct node *fn = model_enclosing_func(m, loop);
	char iter[128], list[64];

	while (fn != NULL && (fn->flags & NF_LAMBDA))
		fn = model_enclosing_func(m, fn);
	if (fn == NULL || catalog_list_empty(catalog_get(m->lang, "qe_cap_limit_names")))
		return 0;
	for (const struct node *a = NULL; (a = model_walk(m, fn, a, 0)) != NULL; )
		if (a->line < loop->line && qe_cap_guard(m, a, list, sizeof list))
			return 1;
	/* the excess beyond a cap, trimmed each time one is added: a local
	 * `const extra = sessions.slice(maxSessions)` (catalog
	 * qe_cap_trim_methods, its argument one of qe_cap_limit_names) */
	sem_loop_iter(m, loop, iter, sizeof iter);
	{
		const struct node *as = strchr(iter, '(') == NULL
					? sem_assignment(m, fn, iter, loop->line) : NULL;
		char val[256], meth[64], arg[64];
		const char *open, *dot;
		size_t n;

		if (as != NULL && as->value.len > 0) {
			span_copy(m, as->value, val, sizeof val);
			if ((open = strrchr(val, '(')) != NULL) {
				for (dot = open; dot > val && dot[-1] != '.'; dot--)
					;
				n = (size_t)(open - dot);
				if (dot > val && n > 0 && n < sizeof meth) {
					memcpy(meth, dot, n);
					meth[n] = '\0';
					n = strcspn(open + 1, ",)");
					if (n > 0 && n < sizeof arg && open[1 + n] == ')') {
						memcpy(arg, open + 1, n);
						arg[n] = '\0';
						if (catalog_match(catalog_get(m->lang, "qe_cap_trim_methods"),
								  meth) &&
						    catalog_match(catalog_get(m->lang, "qe_cap_limit_names"),
								  arg))
							return 1;
					}
				}
			}
		}
	}
	/* a parameter the function's callers hand on from a list they
	 * capped: a call of this function in the file, after such a guard
	 * in the caller's own body, whose argument at the parameter's place
	 * names the capped list (`this.dropLabels(id, labelIds)`, or a
	 * filter of it) */
	for (uint32_t i = 0; fn->name != NULL && fn->u.func != NULL && i < fn->u.func->n_params; i++) {
		const struct front_end *fe = lang_get(m->lang);
		const char *pn = fn->u.func->params[i].name, *p0 = fn->u.func->params[0].name;
		uint32_t pos = i;

		if (pn == NULL || strcmp(pn, iter) != 0)
			continue;
		/* `self` is no argument of `self.f(a)` */
		if ((fn->flags & NF_METHOD) && p0 != NULL && fe != NULL && fe->traits.receivers != NULL)
			for (const char *const *r = fe->traits.receivers; *r != NULL; r++)
				if (strcmp(*r, p0) == 0 && pos > 0) {
					pos--;
					break;
				}
		for (uint32_t k = 0; k < m->n_nodes; k++) {
			const struct node *g = &m->nodes[k], *gf;

			if (g->kind != NODE_IF || !qe_cap_guard(m, g, list, sizeof list))
				continue;
			gf = model_enclosing_func(m, g);
			while (gf != NULL && (gf->flags & NF_LAMBDA))
				gf = model_enclosing_func(m, gf);
			if (gf == NULL || gf == fn)
				continue;
			for (const struct node *c = NULL; (c = model_walk(m, gf, c, 1)) != NULL &&
			     budget_step(); ) {
				const struct arg *a = NULL;
				char arg[256];
				uint32_t seen = 0;

				if (c->kind != NODE_CALL || c->u.call == NULL || c->line < g->line ||
				    c->u.call->name == NULL || strcmp(c->u.call->name, fn->name) != 0)
					continue;
				for (uint32_t q = 0; q < c->u.call->n_args && a == NULL; q++)
					if (c->u.call->args[q].name == NULL && seen++ == pos)
						a = &c->u.call->args[q];
				if (a != NULL && sem_mentions(span_copy(m, a->expr, arg, sizeof arg), list))
					return 1;
			}
		}
		break;
	}
	return 0;
}

/* True when loop drains a write-behind queue: it walks a local that took
 * a field of the receiver (`pending := f.pending`), and the function
 * reset that field before the loop (`f.pending = make(...)`, `= nil`).
 * Work queued in memory per request is written once per flush, in one
 * pass: the batching is the design, not a row-by-row slip. */
static int qe_drained_queue(const struct model *m, const struct node *loop)
{
	const struct node *fn = model_enclosing_func(m, loop), *as;
	char iter[128], field[128], tgt[128];

	while (fn != NULL && (fn->flags & NF_LAMBDA))
		fn = model_enclosing_func(m, fn);
	if (fn == NULL)
		return 0;
	sem_loop_iter(m, loop, iter, sizeof iter);
	if (iter[0] == '\0' || strpbrk(iter, ".([") != NULL ||
	    (as = sem_assignment(m, fn, iter, loop->line)) == NULL || as->value.len == 0)
		return 0;
	span_copy(m, as->value, field, sizeof field);
	/* `recv.field`: one dot, names only */
	if (strchr(field, '.') == NULL || strchr(field, '.') != strrchr(field, '.'))
		return 0;
	for (const char *p = field; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '.')
			return 0;
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)) != NULL && budget_step(); ) {
		if (x->kind != NODE_ASSIGN || !(x->flags & NF_TARGET_ATTR) || x->line <= as->line ||
		    x->line >= loop->line)
			continue;
		span_copy(m, x->text, tgt, sizeof tgt);
		tgt[strcspn(tgt, " =\t")] = '\0';
		if (strcmp(tgt, field) == 0)
			return 1;
	}
	return 0;
}

/* True when loop sits in a one-time data migration: a function named
 * for it (catalog words qe_one_time_migration_funcs: `migrateFrom1`,
 * `MigrateV2`), which runs once at start-up when the schema version says
 * so. Its row-by-row copy is paid once per installation, not per
 * request (migrations in a migrations folder are skipped as files). */
static int qe_migration_loop(const struct model *m, const struct node *loop)
{
	const struct node *fn = model_enclosing_func(m, loop);

	while (fn != NULL && (fn->flags & NF_LAMBDA))
		fn = model_enclosing_func(m, fn);
	return fn != NULL && fn->name != NULL &&
	       qe_word(m, "qe_one_time_migration_funcs", fn->name);
}

/* True when arg (`milestone=us.milestone`) is one whole argument of the
 * argument text args. */
static int qe_has_arg(const char *args, const char *arg)
{
	size_t n = strlen(arg);

	for (const char *q = args; (q = strstr(q, arg)) != NULL; q++)
		if ((q == args || q[-1] == ',' || q[-1] == ' ' || q[-1] == '(') &&
		    (q[n] == '\0' || q[n] == ',' || q[n] == ')' || q[n] == ' '))
			return 1;
	return 0;
}

/* True when loop walks a queryset the statement before it emptied:
 * `tasks = us.tasks.exclude(milestone=us.milestone)`, then
 * `tasks.update(milestone=us.milestone)`, then `for t in tasks`. The
 * loop runs the query again, after the update, and every row it
 * excluded now matches: the loop never runs (a correctness bug, not a
 * per-row cost). The name must be used nowhere else in between. */
static int qe_emptied_queryset(const struct model *m, const struct node *loop)
{
	const struct node *fn = model_enclosing_func(m, loop), *as, *up = NULL;
	char iter[96], value[512], kw[256], args[512];
	const char *ex, *close;
	size_t n;

	if (fn == NULL || loop->u.loop == NULL || (loop->flags & (NF_WHILE | NF_COMPREHENSION)))
		return 0;
	sem_loop_iter(m, loop, iter, sizeof iter);
	for (n = 0; iter[n]; n++)
		if (!isalnum((unsigned char)iter[n]) && iter[n] != '_')
			return 0;
	if (n == 0 || (as = sem_assignment(m, fn, iter, loop->line)) == NULL ||
	    as->value.len == 0 || as->value.len >= sizeof value)
		return 0;
	span_copy(m, as->value, value, sizeof value);
	/* the value ends with `.<exclude>(K=V)`, one keyword */
	n = strlen(value);
	while (n > 0 && isspace((unsigned char)value[n - 1]))
		value[--n] = '\0';
	if (n == 0 || value[n - 1] != ')' || (ex = strrchr(value, '(')) == NULL || ex == value)
		return 0;
	close = value + n - 1;
	snprintf(kw, sizeof kw, "%.*s", (int)(close - ex - 1), ex + 1);
	{
		const char *d = ex;
		char meth[64];

		while (d > value && (isalnum((unsigned char)d[-1]) || d[-1] == '_'))
			d--;
		if (d == value || d[-1] != '.' || (size_t)(ex - d) >= sizeof meth)
			return 0;
		snprintf(meth, sizeof meth, "%.*s", (int)(ex - d), d);
		if (!qe_word(m, "qe_exclude_methods", meth))
			return 0;
	}
	if (kw[0] == '\0' || strchr(kw, ',') != NULL || strchr(kw, '(') != NULL ||
	    strchr(kw, '=') == NULL || strstr(kw, "==") != NULL)
		return 0;
	/* then `<iter>.<update>(..., K=V, ...)` and no other use of the name */
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)) != NULL && budget_step(); ) {
		size_t il = strlen(iter);

		if (x->line <= as->line || x->line >= loop->line)
			continue;
		if (x->kind == NODE_CALL && x->u.call != NULL && x->u.call->name != NULL &&
		    strncmp(x->u.call->callee, iter, il) == 0 && x->u.call->callee[il] == '.' &&
		    strcmp(x->u.call->callee + il + 1, x->u.call->name) == 0 &&
		    qe_word(m, "qe_set_update_methods", x->u.call->name)) {
			span_copy(m, x->u.call->args_text, args, sizeof args);
			if (up != NULL || !qe_has_arg(args, kw))
				return 0;
			up = x;
		}
	}
	if (up == NULL)
		return 0;
	for (unsigned l = as->end_line + 1; l < loop->line && l <= m->n_lines; l++) {
		const char *a = m->src + m->line_off[l - 1];
		const char *b = l < m->n_lines ? m->src + m->line_off[l] : m->src + m->src_len;
		char line[512];

		if (l >= up->line && l <= up->end_line)
			continue;
		snprintf(line, sizeof line, "%.*s", (int)(b - a), a);
		if (sem_has_plain_ident(line, strlen(line), iter))
			return 0;
	}
	return 1;
}

/* True when the loop walks a list decoded from one field of one record:
 * `const ids = ev.chatflowId ? JSON.parse(ev.chatflowId) : []` then
 * `for (let i = 0; i < ids.length; i++)` (catalog words json_parse). A
 * list kept in a single column is the handful of items a user picked
 * for that record (the chatflows of one evaluation), not a table's rows.
 * The decoded field must belong to a local of the function: a field of a
 * parameter (`req.body`, `body.items`) is a request's list and stays. */
static int qe_column_list_loop(const struct model *m, const struct node *loop)
{
	const struct catalog_list *dec = catalog_get(m->lang, "json_parse");
	const struct node *fn = model_enclosing_func(m, loop), *k;
	char iter[256], name[128], val[256];
	const char *s, *e;
	size_t n;

	if (catalog_list_empty(dec) || fn == NULL || fn->u.func == NULL || loop->u.loop == NULL)
		return 0;
	sem_loop_iter(m, loop, iter, sizeof iter);
	/* `ids`, or `i < ids.length` (catalog words qe_rows_size_props) */
	s = NULL;
	for (const char *d = strchr(iter, '.'); d != NULL && s == NULL; d = strchr(d + 1, '.')) {
		char prop[32];
		size_t pn = 0;

		while (isalpha((unsigned char)d[1 + pn]) || d[1 + pn] == '_')
			pn++;

		snprintf(prop, sizeof prop, "%.*s", (int)(pn < 31 ? pn : 31), d + 1);
		if (pn > 0 && catalog_match(catalog_get(m->lang, "qe_rows_size_props"), prop))
			s = d;
	}
	if (s != NULL) {
		for (e = s; e > iter && (isalnum((unsigned char)e[-1]) || e[-1] == '_'); e--)
			;
		n = (size_t)(s - e);
	} else {
		e = iter;
		n = strlen(iter);
	}
	if (n == 0 || n >= sizeof name)
		return 0;
	memcpy(name, e, n);
	name[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '_')
			return 0;
	for (k = NULL; (k = model_walk(m, fn, k, 0)) != NULL && budget_step(); ) {
		const char *a, *p;
		char obj[128];
		size_t on;

		if (k->kind != NODE_ASSIGN || k->line >= loop->line || k->name == NULL ||
		    strcmp(k->name, name) != 0 || k->value.len == 0)
			continue;
		span_copy(m, k->value, val, sizeof val);
		for (a = val; (a = strchr(a, '(')) != NULL; a++) {
			const char *w = a;
			char callee[64];

			while (w > val && (isalnum((unsigned char)w[-1]) || w[-1] == '_' || w[-1] == '.'))
				w--;
			if ((size_t)(a - w) >= sizeof callee)
				continue;
			snprintf(callee, sizeof callee, "%.*s", (int)(a - w), w);
			if (catalog_match(dec, callee))
				break;
		}
		if (a == NULL)
			return 0;
		/* the argument: `obj.field)` and nothing else */
		p = a + 1;
		on = strcspn(p, ".");
		if (on == 0 || on >= sizeof obj || p[on] != '.')
			return 0;
		snprintf(obj, sizeof obj, "%.*s", (int)on, p);
		for (size_t i = 0; i < on; i++)
			if (!isalnum((unsigned char)obj[i]) && obj[i] != '_')
				return 0;
		p += on + 1;
		while (isalnum((unsigned char)*p) || *p == '_')
			p++;
		if (*p != ')')
			return 0;
		for (uint32_t i = 0; i < fn->u.func->n_params; i++)
			if (fn->u.func->params[i].name != NULL &&
			    strcmp(fn->u.func->params[i].name, obj) == 0)
				return 0;
		return 1;
	}
	return 0;
}

const struct node *qe_per_row_loop(const struct model *m, const struct node *c, int allow_small,
				   int allow_while)
{
	const struct node *l, *small = NULL;

	for (l = model_enclosing_loop(m, c); l != NULL; l = model_enclosing_loop(m, l)) {
		if (sem_loop_not_per_row(m, l) || qe_bulk_fallback(m, l) || qe_dev_only(m, l) ||
		    qe_key_iteration(m, l) || qe_capped_loop(m, l) || qe_drained_queue(m, l) ||
		    qe_migration_loop(m, l) || qe_emptied_queryset(m, l) ||
		    qe_column_list_loop(m, l))
			return NULL;
		if ((l->flags & NF_WHILE) && !allow_while && !sem_loop_cursor(m, l))
			continue;
		if (l->flags & NF_SMALL_LITERAL) {
			if (small == NULL)
				small = l;
			continue;
		}
		return l;
	}
	return allow_small ? small : NULL;
}

/* True when loop walks a parameter whose declared type is a message
 * stream (catalog words stream_param_types: a Go `<-chan T`): a queue
 * consumer handles one message at a time, not a collection. */
int qe_loop_over_stream(const struct model *m, const struct node *loop)
{
	const struct catalog_list *types = catalog_get(m->lang, "stream_param_types");
	const struct node *fn = model_enclosing_func(m, loop);
	char iter[128], type[64];

	if (catalog_list_empty(types) || fn == NULL || fn->u.func == NULL)
		return 0;
	sem_loop_iter(m, loop, iter, sizeof iter);
	for (uint32_t i = 0; i < fn->u.func->n_params; i++) {
		const struct param *pa = &fn->u.func->params[i];

		if (pa->name == NULL || strcmp(pa->name, iter) != 0 || pa->annotation.len == 0)
			continue;
		span_copy(m, pa->annotation, type, sizeof type);
		type[strcspn(type, " \t")] = '\0';
		return catalog_match(types, type);
	}
	return 0;
}

/* True when call k runs a function value that the loop's item holds:
 * `m.fn(db)` in `for _, m := range toRun` where a struct of this file
 * declares the field `fn` with a type of the catalog's func_field_types
 * (Go: `func(...)`). Each item brings its own work (a migration, a job),
 * which no set-based statement can run. */
static int qe_item_func_call(const struct model *m, const struct node *loop, const struct node *k)
{
	const struct catalog_list *types = catalog_get(m->lang, "func_field_types");
	char target[64], type[128];
	const char *callee, *dot, *item;
	size_t tn;

	if (catalog_list_empty(types) || k->u.call == NULL || k->u.call->callee == NULL ||
	    loop->u.loop == NULL || loop->u.loop->target.len == 0)
		return 0;
	span_copy(m, loop->u.loop->target, target, sizeof target);
	item = strrchr(target, ',');
	for (item = item ? item + 1 : target; *item == ' '; item++)
		;
	tn = strcspn(item, " ");
	callee = k->u.call->callee;
	dot = strchr(callee, '.');
	if (tn == 0 || dot == NULL || (size_t)(dot - callee) != tn || strncmp(callee, item, tn) != 0 ||
	    strchr(dot + 1, '.') != NULL || strchr(dot + 1, '(') != NULL)
		return 0;
	for (uint32_t i = 0; i < m->n_nodes && budget_step(); i++) {
		const struct node *x = &m->nodes[i];

		if (x->kind != NODE_ASSIGN || !(x->flags & NF_ANNOTATED) || x->name == NULL ||
		    strcmp(x->name, dot + 1) != 0 || x->text.len == 0 || x->parent == 0 ||
		    m->nodes[x->parent].kind != NODE_CLASS)
			continue;
		span_copy(m, x->text, type, sizeof type);
		if (catalog_match(types, type))
			return 1;
	}
	return 0;
}

int qe_loop_item_work(const struct model *m, const struct node *loop, const struct node *write)
{
	const struct node *k;

	for (k = NULL; (k = model_walk(m, loop, k, 0)) != NULL && budget_step(); )
		if (k->kind == NODE_CALL && k != write && !model_is_within(m, k, write) &&
		    qe_item_func_call(m, loop, k))
			return 1;
	return 0;
}

/* True when call k sits in loop's iterable (`for m in client.get(url)`):
 * it runs once, before the first pass, not once per item. A call whose
 * column is unknown (65535: past that on a long generated line) is not
 * placed in the iterable. */
static int qe_in_loop_iter(const struct model *m, const struct node *loop, const struct node *k)
{
	uint32_t from, to, off;

	if (loop->u.loop == NULL || loop->u.loop->iter.len == 0 || k->line == 0 ||
	    k->line > m->n_lines || k->col == 65535)
		return 0;
	from = loop->u.loop->iter.off;
	to = from + loop->u.loop->iter.len;
	off = m->line_off[k->line - 1] + k->col;
	return off >= from && off < to;
}

/* True when call k runs on a branch of its own inside loop: under an
 * if, else, case or except that does not also hold the write (`if
 * action.type == EMAIL: send(...)` beside `elif ...: create(...)`): it
 * does not run on the passes that write. */
static int qe_branch_apart(const struct model *m, const struct node *loop, const struct node *k,
			   const struct node *write)
{
	const struct node *x;

	for (x = model_node(m, k->parent); x != NULL && x != loop && x->parent != 0;
	     x = model_node(m, x->parent))
		if ((x->kind == NODE_IF || x->kind == NODE_ELSE || x->kind == NODE_CASE ||
		     x->kind == NODE_EXCEPT) && !model_is_within(m, write, x))
			return 1;
	return 0;
}

/* True when call k runs code the loop's item loaded for itself:
 * `item.fn.init()` where the loop assigned `item.fn = require(
 * `../modules/${item.key}/storage`)` (a loader of the catalog's
 * "item_module_loaders" handed a path built from the item). Each item
 * brings its own plugin, whose work (often a remote service's) no
 * set-based statement can run. */
static int qe_item_module_call(const struct model *m, const struct node *loop,
			       const struct node *k)
{
	char target[64], field[128], args[256];
	const char *callee, *item, *d2;
	const struct node *x, *c;
	size_t tn;

	if (k->u.call == NULL || (callee = k->u.call->callee) == NULL || loop->u.loop == NULL ||
	    loop->u.loop->target.len == 0 ||
	    catalog_list_empty(catalog_get(m->lang, "item_module_loaders")))
		return 0;
	span_copy(m, loop->u.loop->target, target, sizeof target);
	for (tn = strlen(target); tn > 0 && (isalnum((unsigned char)target[tn - 1]) ||
					     target[tn - 1] == '_' || target[tn - 1] == '$'); tn--)
		;
	item = target + tn;
	tn = strlen(item);
	if (tn == 0 || strncmp(callee, item, tn) != 0 || callee[tn] != '.' ||
	    (d2 = strchr(callee + tn + 1, '.')) == NULL || strchr(callee, '(') != NULL ||
	    (size_t)(d2 - callee) >= sizeof field)
		return 0;
	memcpy(field, callee, (size_t)(d2 - callee));
	field[d2 - callee] = '\0';
	for (x = NULL; (x = model_walk(m, loop, x, 0)) != NULL && budget_step(); ) {
		if (x->kind != NODE_ASSIGN || x->name == NULL || strcmp(x->name, field) != 0 ||
		    (c = sem_first_call(m, x)) == NULL || !sem_call_is(m, c, "item_module_loaders"))
			continue;
		span_copy(m, c->u.call->args_text, args, sizeof args);
		if (strstr(args, "${") != NULL && sem_mentions(args, item))
			return 1;
	}
	return 0;
}

/* True when call k calls a plain local name bound, in the function
 * around loop and before it, from a call of the catalog's
 * "unbatchable_client_factories" (`const apollo = createApolloFetch({
 * uri })`, then `await apollo({ query })` per item): a request to
 * another service, as a call of "unbatchable_side_effects" is. */
static int qe_remote_client_call(const struct model *m, const struct node *loop,
				 const struct node *k)
{
	const struct node *fn = model_enclosing_func(m, loop), *x, *c;
	const char *name = k->u.call != NULL ? k->u.call->callee : NULL;

	if (fn == NULL || name == NULL || name[0] == '\0' || strpbrk(name, ".([") != NULL)
		return 0;
	for (x = NULL; (x = model_walk(m, fn, x, 0)) != NULL; ) {
		if (x->line >= loop->line)
			break;
		if (x->kind == NODE_ASSIGN && x->name != NULL && strcmp(x->name, name) == 0 &&
		    !(x->flags & NF_TARGET_ATTR) && (c = sem_first_call(m, x)) != NULL &&
		    sem_call_is(m, c, "unbatchable_client_factories"))
			return 1;
	}
	return 0;
}

static int qe_loop_side_effect_in(const struct audit_input *in, size_t fi,
				  const struct node *loop, const struct node *write, int each)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *k;

	for (k = NULL; (k = model_walk(m, loop, k, 0)) != NULL && budget_step(); )
		if (k->kind == NODE_CALL && k != write && !model_is_within(m, k, write) &&
		    !qe_in_loop_iter(m, loop, k) && !(each && qe_branch_apart(m, loop, k, write)) &&
		    (sem_call_is(m, k, "unbatchable_side_effects") ||
		     qe_item_func_call(m, loop, k) || qe_remote_client_call(m, loop, k) ||
		     qe_item_module_call(m, loop, k)))
			return 1;
	for (k = NULL; in->sum != NULL && (k = model_walk(m, loop, k, 0)) != NULL && budget_step(); )
		if (k->kind == NODE_CALL && k != write && !model_is_within(m, k, write) &&
		    !qe_in_loop_iter(m, loop, k) && !(each && qe_branch_apart(m, loop, k, write)) &&
		    k->u.call != NULL && k->u.call->name != NULL &&
		    (summary_call_facts(in->sum, fi, k) & SUM_SIDE_EFFECT) &&
		    !(summary_call_facts(in->sum, fi, k) & SUM_DB_WRITE))
			return 1;
	return 0;
}

int qe_loop_side_effect(const struct audit_input *in, size_t fi, const struct node *loop,
			const struct node *write)
{
	return qe_loop_side_effect_in(in, fi, loop, write, 0);
}

/* True when, before write in loop's body and on every pass that reaches
 * it, a call hands the loop's item to an external side effect (the
 * summary's SUM_SIDE_EFFECT without a database write: an e-mail sent,
 * a webhook posted; or, where the summary follows the call nowhere, a
 * call the catalog names as a delivery, qe_delivery_call_names) and the loop leaves the pass when that call fails
 * (`if err != nil { ... continue }` between the two). The write records
 * that this one item's effect happened, so a crash half-way does not
 * repeat it: the per-item write is the idempotency mark, not a missed
 * set-based statement. */
int qe_loop_ack_after_effect(const struct audit_input *in, size_t fi, const struct node *loop,
			     const struct node *write)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *k, *x;
	char text[1024];

	if (in->sum == NULL)
		return 0;
	for (k = NULL; (k = model_walk(m, loop, k, 0)) != NULL && budget_step(); ) {
		unsigned facts;
		int guarded = 0;

		if (k->kind != NODE_CALL || k == write || k->u.call == NULL ||
		    k->line >= write->line || model_is_within(m, k, write) ||
		    model_is_within(m, write, k) || qe_in_loop_iter(m, loop, k) ||
		    qe_branch_apart(m, loop, k, write))
			continue;
		facts = summary_call_facts(in->sum, fi, k);
		/* an effect the summary sees, or a call it cannot follow
		 * (an interface whose sender lives elsewhere) named as a
		 * delivery (catalog qe_delivery_call_names: `SendReminder`) */
		if ((facts & SUM_DB_WRITE) ||
		    (!(facts & SUM_SIDE_EFFECT) &&
		     (facts != 0 || k->u.call->name == NULL ||
		      !qe_word(m, "qe_delivery_call_names", k->u.call->name))))
			continue;
		sem_node_text(m, k, text, sizeof text);
		if (!sem_mentions_loop_target(m, loop, text))
			continue;
		/* a failure of the effect skips the write: a guard between
		 * the two whose body leaves the pass */
		for (x = NULL; (x = model_walk(m, loop, x, 0)) != NULL && budget_step(); ) {
			const struct node *y;

			if (x->kind != NODE_IF || x->line <= k->line || x->line >= write->line ||
			    model_is_within(m, write, x))
				continue;
			for (y = NULL; (y = model_walk(m, x, y, 0)) != NULL; )
				if (y->kind == NODE_CONTINUE || y->kind == NODE_RETURN) {
					guarded = 1;
					break;
				}
			if (guarded)
				break;
		}
		if (guarded)
			return 1;
	}
	return 0;
}

/* The project file a call resolved through the imports names as its
 * module (`.services.f` from taiga/a/api.py: taiga/a/services.py;
 * `pkg.mod.f`: a file whose path ends in pkg/mod.py), or -1. */
static long qe_call_module_file(const struct project *p, size_t from, const char *resolved,
				const char *name)
{
	char mod[512], want[600];
	size_t rl = strlen(resolved), nl = strlen(name), dots = 0, ml;
	const char *path = p->files[from].path;

	if (rl <= nl + 1 || strcmp(resolved + rl - nl, name) != 0 || resolved[rl - nl - 1] != '.' ||
	    rl - nl - 1 >= sizeof mod || path == NULL)
		return -1;
	memcpy(mod, resolved, rl - nl - 1);
	mod[rl - nl - 1] = '\0';
	while (mod[dots] == '.')
		dots++;
	for (char *q = mod + dots; *q; q++)
		if (*q == '.')
			*q = '/';
	if (mod[dots] == '\0')
		return -1;
	if (dots > 0) {
		/* the caller's package, then one level up per extra dot */
		ml = (size_t)(strrchr(path, '/') ? strrchr(path, '/') - path : 0);
		for (size_t d = 1; d < dots; d++) {
			while (ml > 0 && path[ml - 1] != '/')
				ml--;
			if (ml > 0)
				ml--;
		}
		snprintf(want, sizeof want, "%.*s%s%s.py", (int)ml, path, ml ? "/" : "", mod + dots);
	} else {
		snprintf(want, sizeof want, "%s.py", mod);
	}
	for (size_t j = 0; j < p->n_files; j++) {
		const char *fp = p->files[j].path;
		size_t fl, wl = strlen(want);

		if (fp == NULL)
			continue;
		fl = strlen(fp);
		if (dots > 0 ? strcmp(fp, want) == 0
			     : (fl == wl && strcmp(fp, want) == 0) ||
			       (fl > wl && fp[fl - wl - 1] == '/' && strcmp(fp + fl - wl, want) == 0))
			return (long)j;
	}
	return -1;
}

/* The definitions and calls of the project by name (NODE_FUNC by its
 * name, NODE_CALL by its callee name), sorted by name, then file, then
 * node: qe_unreached_function asks who else is named like a function
 * for each would-be finding, and a scan of every node of every file per
 * question made it the cost of a large service. Only the names it can
 * ask about are kept, those of module-level functions: a table of every
 * call of the project (and qsort's copy of it) was the largest thing the
 * audit phase added at a million lines. Built once per run on the
 * auditor's thread; the audit context owns it. */
struct qe_name_site {
	const char *name;
	uint32_t file, node;
};

struct qe_name_sites {
	const struct project *proj;
	struct qe_name_site *v;
	size_t n;
};

static void qe_name_sites_release(void *state)
{
	free(((struct qe_name_sites *)state)->v);
}

static const struct audit_cache_def qe_name_sites_def = {
	.name = "the project's definitions and calls by name",
	.size = sizeof(struct qe_name_sites),
	.release = qe_name_sites_release,
};

static int qe_name_site_cmp(const void *a, const void *b)
{
	const struct qe_name_site *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->node < y->node ? -1 : x->node > y->node;
}

static int qe_str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of the project's module-level functions (qe_unreached_function
 * asks about no other), sorted, each once; *n receives their count. */
static const char **qe_module_func_names(const struct project *p, size_t *n)
{
	const char **v = NULL;
	size_t cap = 0, k = 0;

	*n = 0;
	for (size_t i = 0; i < p->n_files; i++) {
		const struct model *om = p->files[i].model;

		for (uint32_t j = 1; om != NULL && j < om->n_nodes; j++) {
			const struct node *x = &om->nodes[j];

			if (x->kind != NODE_FUNC || x->name == NULL ||
			    model_node(om, x->parent)->kind != NODE_MODULE)
				continue;
			XGROW(v, cap, *n + 1);
			v[(*n)++] = x->name;
		}
	}
	xqsort(v, *n, sizeof *v, qe_str_cmp);
	for (size_t i = 0; i < *n; i++)
		if (k == 0 || strcmp(v[k - 1], v[i]) != 0)
			v[k++] = v[i];
	*n = k;
	return v;
}

static int qe_has_name(const char *const *v, size_t n, const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(v[mid], name);

		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The sites named name in ns (sorted), through *n; NULL when none. name
 * is a module-level function's: the table holds no other names. */
static const struct qe_name_site *qe_name_sites_of(const struct audit_input *in,
						   const char *name, size_t *n)
{
	const struct project *p = in->proj;
	struct qe_name_sites *ns = audit_context_cache(in->audit, &qe_name_sites_def);
	size_t lo = 0, hi, first;

	if (ns->proj != p) {
		size_t cap = 0, n_names;
		const char **names = qe_module_func_names(p, &n_names);

		free(ns->v);
		ns->v = NULL;
		ns->n = 0;
		for (size_t i = 0; i < p->n_files; i++) {
			const struct model *om = p->files[i].model;

			for (uint32_t k = 0; om != NULL && k < om->n_nodes; k++) {
				const struct node *x = &om->nodes[k];
				const char *nm = x->kind == NODE_FUNC ? x->name :
						 x->kind == NODE_CALL && x->u.call != NULL ?
						 x->u.call->name : NULL;

				if (nm == NULL || !qe_has_name(names, n_names, nm))
					continue;
				if (ns->n == cap) {
					cap = cap ? cap * 2 : 1024;
					ns->v = xrealloc(ns->v, cap * sizeof *ns->v);
				}
				ns->v[ns->n++] = (struct qe_name_site){ nm, (uint32_t)i, k };
			}
		}
		free(names);
		if (ns->n > 0)
			qsort(ns->v, ns->n, sizeof *ns->v, qe_name_site_cmp);
		ns->proj = p;
	}
	hi = ns->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ns->v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	while (lo < ns->n && strcmp(ns->v[lo].name, name) == 0)
		lo++;
	*n = lo - first;
	return *n > 0 ? ns->v + first : NULL;
}

/* True when the function holding c is a module-level def that no code
 * of the project reaches: undecorated (no route, task or receiver
 * registration), and every occurrence of its name in the project's
 * sources is a definition of that name or a call the summaries resolve
 * to another function (`services.snapshot_in_bulk(...)` reaching the
 * sibling module's definition of the same name), with at least one such
 * call. A name passed as a value, written in a string or a comment,
 * called where the call is not resolved, or never called at all keeps
 * it alive. A bulk helper left behind after its
 * caller moved on costs no one a round trip. */
int qe_unreached_function(const struct audit_input *in, size_t fi, const struct node *c)
{
	const struct project *p = in->proj;
	const struct model *m = p->files[fi].model;
	const struct node *fn = model_enclosing_func(m, c);
	const struct qe_name_site *named;
	size_t n_named;
	uint32_t self;
	int sites = 0, calls = 0;

	while (fn != NULL && (fn->flags & NF_LAMBDA))
		fn = model_enclosing_func(m, fn);
	if (in->sum == NULL || fn == NULL || fn->name == NULL || fn->u.func == NULL ||
	    (fn->flags & (NF_METHOD | NF_GO_RECEIVER)) || fn->u.func->n_decorators != 0 ||
	    model_node(m, fn->parent)->kind != NODE_MODULE || strlen(fn->name) < 4)
		return 0;
	self = node_index(m, fn);
	named = qe_name_sites_of(in, fn->name, &n_named);
	for (size_t s = 0; s < n_named && budget_step(); s++) {
		size_t i = named[s].file;
		const struct node *x = &p->files[i].model->nodes[named[s].node];
		struct func_ref r;

		if (x->kind == NODE_FUNC) {
			sites++;
			continue;
		}
		if (x->flags & NF_DECORATOR)
			return 0;
		if (summary_call_target(in->sum, i, x, &r)) {
			if (r.file == fi && r.node == self)
				return 0;
		} else {
			/* another module's def of that name, through the
			 * import the call is written with */
			long j = x->u.call->resolved == NULL ? -1 :
				 qe_call_module_file(p, i, x->u.call->resolved, fn->name);

			if (j < 0 || (size_t)j == fi)
				return 0;
		}
		sites++;
		calls++;
	}
	/* a name never called at all may be an entry point reached from
	 * outside (a route, a job, a plugin): only a name whose calls all
	 * go to another definition is proved dead */
	return calls > 0 &&
	       auditor_word_count(p, (size_t)-1, fn->name, strlen(fn->name), sites + 1) == sites;
}

/* A call to project code that writes one row per call, one helper away
 * or more (the function summaries: `await this.tags.createTag(t)`,
 * `repo_helper.mark_done(session, j)`), with the loop's item in its
 * arguments. want: the SUM_DB_* row facts that count; a helper that also
 * has one of avoid is left to the other check. Fills what (the callee),
 * why (where the write is) and *facts. */
int qe_helper_write(const struct audit_input *in, size_t fi, const struct node *loop,
			   const struct node *c, unsigned want, unsigned avoid,
			   char *what, size_t size, char *why, size_t why_size, unsigned *facts)
{
	const struct model *m = in->proj->files[fi].model;
	const char *name = c->u.call->name;
	struct summary_witness w = { UINT32_MAX, 0 };
	char text[1024];

	why[0] = '\0';
	*facts = summary_call_facts(in->sum, fi, c);
	if (!(*facts & want) || (*facts & (avoid | SUM_MEMOISED)) || qe_loop_over_stream(m, loop))
		return 0;
	/* each row goes with a file or a stored object removed or written
	 * beside it (`delete_file(f.id)` unlinks the upload too): the
	 * per-item work is deliberate, one statement could not do it */
	if ((*facts & SUM_SIDE_EFFECT) || qe_loop_side_effect_in(in, fi, loop, c, 1))
		return 0;
	/* a helper whose name says it takes the set is the batching */
	if (qe_word(m, "qe_set_helper_names", name))
		return 0;
	/* the item, or what the variables the call uses hold (`const row =
	 * { ...tag, user }; await this.tags.createTag(row)`) */
	{
		struct strbuf sb = STRBUF_INIT;
		int per_item;

		sb_adds(&sb, sem_node_text(m, c, text, sizeof text));
		qe_origin(in, m, model_enclosing_func(m, c), text, c->line, &sb, NULL);
		per_item = !sem_text_set_based(text) &&
			   sem_mentions_loop_target(m, loop, sb_str(&sb));
		sb_release(&sb);
		if (!per_item)
			return 0;
	}
	snprintf(what, size, "%.*s", (int)strcspn(c->u.call->callee, "("), c->u.call->callee);
	summary_call_has(in->sum, in->proj, fi, c, want, &w);
	if (w.file != UINT32_MAX && w.file < in->proj->n_files) {
		const struct model *wm = in->proj->files[w.file].model;
		const struct node *wf = model_enclosing_func(wm, &wm->nodes[w.node]);
		char wcall[100];

		/* the helper itself walks the collection it is handed, and
		 * the loop hands it its whole item: one batch per item */
		if (wf != NULL && wf->name != NULL && strcmp(wf->name, name) == 0 &&
		    qe_item_passed_whole(m, loop, c) && qe_batch_writer(wm, &wm->nodes[w.node], wf))
			return 0;

		sem_call_source(wm, &wm->nodes[w.node], wcall, sizeof wcall);
		snprintf(why, why_size, " (it reaches `%s` at %s:%u)", wcall,
			 in->proj->files[w.file].path, wm->nodes[w.node].line);
	}
	return 1;
}


/* True when the body of if x gives up with a return. */
static int qe_if_returns(const struct model *m, const struct node *x)
{
	for (const struct node *k = NULL; (k = model_walk(m, x, k, 0)); )
		if (k->kind == NODE_RETURN)
			return 1;
	return 0;
}

/* True when the loop checks each row it touches and gives the whole
 * operation up when one has changed: a per-row write whose affected-row
 * count is tested (`if n, _ := res.RowsAffected(); n != 1 { return
 * ErrConflict }`), or a row read in the body whose scanned values decide
 * a return (`Scan(&holder)` ... `if holder != want { return ... }`).
 * Inside one transaction this is optimistic locking of a parent's few
 * children: one set-based statement could not say which row conflicted.
 * A read whose only test is its own error (`if err := ...Scan(&n); err
 * != nil { continue }`) checks nothing. */
int qe_loop_prompts(const struct model *m, const struct node *loop)
{
	for (const struct node *k = NULL; (k = model_walk(m, loop, k, 0)) && budget_step(); )
		if (k->kind == NODE_CALL && k->u.call != NULL && sem_call_is(m, k, "interactive_prompts"))
			return 1;
	return 0;
}

int qe_conflict_checked(const struct model *m, const struct node *loop)
{
	char names[8][64], text[512];
	int nn = 0;

	for (const struct node *k = NULL; (k = model_walk(m, loop, k, 0)) && budget_step(); ) {
		if (k->kind != NODE_CALL || k->u.call == NULL)
			continue;
		if (sem_call_is(m, k, "affected_row_counts")) {
			const struct node *x = model_ancestor(m, k, NODE_IF);

			if (x != NULL && model_is_within(m, x, loop) && (k->flags & NF_HEADER) &&
			    qe_if_returns(m, x))
				return 1;
			continue;
		}
		/* a row read here (`QueryRow(...).Scan(&v)`), not the
		 * loop's own cursor (`rows.Scan(&id)`) */
		if (!sem_call_is(m, k, "row_cursor_scan") || k->u.call->callee == NULL ||
		    strchr(k->u.call->callee, '(') == NULL)
			continue;
		for (uint32_t i = 0; i < k->u.call->n_args && nn < 8; i++) {
			const char *a = span_copy(m, k->u.call->args[i].expr, text, sizeof text);

			if (*a == '&')
				a++;
			if (*a != '\0' && strlen(a) < sizeof names[0])
				snprintf(names[nn++], sizeof names[0], "%s", a);
		}
	}
	if (nn == 0)
		return 0;
	for (const struct node *x = NULL; (x = model_walk(m, loop, x, 0)) && budget_step(); ) {
		int calls = 0;

		if (x->kind != NODE_IF || x->text.len == 0)
			continue;
		/* a test of values only: an if whose header runs a call is
		 * the statement itself, or its error check */
		for (const struct node *k = NULL; (k = model_walk(m, x, k, 0)); )
			if (k->kind == NODE_CALL && model_ancestor(m, k, NODE_IF) == x &&
			    ((k->flags & NF_HEADER) || k->line == x->line))
				calls = 1;
		if (calls)
			continue;
		span_copy(m, x->text, text, sizeof text);
		for (int i = 0; i < nn; i++)
			if (sem_mentions(text, names[i]) && qe_if_returns(m, x))
				return 1;
	}
	return 0;
}

/* True when the project declares a class named cls (in a file of the
 * language) with a declared field `field` and at least one other declared
 * field: the body describes one object (a preset with its name, options
 * and tags; a comment with its text and mentions), and the list is a part
 * of it. A body whose only field is the list (`rows: list[Row]`) is a
 * batch of rows and stays reported. */
static int qe_form_model(const struct audit_input *in, const char *cls, const char *field)
{
	const struct project *p = in->proj;

	for (size_t fi = 0; fi < p->n_files; fi++) {
		const struct model *m = p->files[fi].model;

		if (m == NULL)
			continue;
		for (uint32_t i = 1; i < m->n_nodes && budget_step(); i++) {
			const struct node *k = &m->nodes[i], *x;
			int has = 0, others = 0;

			if (k->kind != NODE_CLASS || k->name == NULL || strcmp(k->name, cls) != 0)
				continue;
			for (x = k->first_child ? model_node(m, k->first_child) : NULL; x != NULL;
			     x = x->next_sibling ? model_node(m, x->next_sibling) : NULL) {
				if (x->kind != NODE_ASSIGN || !(x->flags & NF_ANNOTATED) || x->name == NULL)
					continue;
				if (strcmp(x->name, field) == 0)
					has = 1;
				else
					others++;
			}
			return has && others > 0;
		}
	}
	return 0;
}

/* True when iter is `P.field` where P is a parameter of the handler fn
 * that holds the submitted body: annotated with a class (a capital first
 * letter) and not handed in by the framework's dependency marker
 * (catalog dependency_markers). */
static int qe_body_field_iter(const struct audit_input *in, const struct model *m,
			      const struct node *fn, const char *iter)
{
	const char *dot = strchr(iter, '.');
	char ann[128], def[128];

	if (dot == NULL || dot == iter || strchr(dot + 1, '.') != NULL || dot[1] == '\0' ||
	    strpbrk(iter, "()[] ,") != NULL || fn->u.func == NULL)
		return 0;
	for (uint32_t i = 0; i < fn->u.func->n_params; i++) {
		const struct param *pa = &fn->u.func->params[i];

		if (pa->name == NULL || pa->star || strlen(pa->name) != (size_t)(dot - iter) ||
		    strncmp(pa->name, iter, (size_t)(dot - iter)) != 0)
			continue;
		span_copy(m, pa->annotation, ann, sizeof ann);
		if (ann[0] < 'A' || ann[0] > 'Z' || strchr(ann, '[') != NULL)
			return 0;
		span_copy(m, pa->def, def, sizeof def);
		def[strcspn(def, "(")] = '\0';
		if (def[0] != '\0' && catalog_match(catalog_get(m->lang, "dependency_markers"), def))
			return 0;
		ann[strcspn(ann, " |")] = '\0';
		return qe_form_model(in, ann, dot + 1);
	}
	return 0;
}

int qe_request_field_loop(const struct audit_input *in, size_t fi, const struct node *loop)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = model_enclosing_func(m, loop), *a, *k;
	char iter[256], val[64], inner[256];
	size_t n;
	int filled = 0;

	if (fn == NULL || loop->u.loop == NULL ||
	    !(index_role_at(in->proj, (uint32_t)fi, loop) & ROLE_HANDLER))
		return 0;
	sem_loop_iter(m, loop, iter, sizeof iter);
	if (qe_body_field_iter(in, m, fn, iter))
		return 1;
	/* `tags = []`, appended to only inside loops over a body field */
	for (n = 0; sem_ident_char(iter[n]); n++)
		;
	if (n == 0 || iter[n] != '\0' || (a = sem_assignment(m, fn, iter, loop->line)) == NULL)
		return 0;
	span_copy(m, a->value, val, sizeof val);
	if (strcmp(val, "[]") != 0)
		return 0;
	for (k = NULL; (k = model_walk(m, fn, k, 0)) != NULL && budget_step(); ) {
		const struct node *l;
		const char *callee;

		if (k->kind != NODE_CALL || k->u.call == NULL || (callee = k->u.call->callee) == NULL ||
		    strncmp(callee, iter, n) != 0 || callee[n] != '.')
			continue;
		if (!catalog_match(catalog_get(m->lang, "qe_list_appends"), callee + n + 1))
			return 0;
		l = model_enclosing_loop(m, k);
		if (l == NULL || l == loop)
			return 0;
		sem_loop_iter(m, l, inner, sizeof inner);
		if (!qe_body_field_iter(in, m, fn, inner))
			return 0;
		filled = 1;
	}
	return filled;
}

/* The iterable text with the catalog's wrappers (`sorted(x, key=...)`,
 * `enumerate(x)`: qe_iter_wrappers) and trailing set methods of a
 * relation (`.all()`, `.filter(...)`, `.items()`: qe_relation_set_methods)
 * taken off, in place: `sorted(self.widgets, key=k)` gives
 * `self.widgets`. */
static char *qe_iter_core(const struct model *m, char *iter)
{
	for (int guard = 0; guard < 8; guard++) {
		size_t n = 0, len = strlen(iter);
		char *p, saved;

		while (sem_ident_char(iter[n]))
			n++;
		if (n > 0 && iter[n] == '(' && len > n + 2 && iter[len - 1] == ')') {
			saved = iter[n];
			iter[n] = '\0';
			if (qe_word(m, "qe_iter_wrappers", iter)) {
				/* the first argument, up to its comma at depth 0 */
				int depth = 0;
				char *a = iter + n + 1, *e;

				for (e = a; *e; e++) {
					if (*e == '(' || *e == '[' || *e == '{')
						depth++;
					else if (*e == ')' || *e == ']' || *e == '}') {
						if (depth-- == 0)
							break;
					} else if (*e == ',' && depth == 0)
						break;
				}
				*e = '\0';
				memmove(iter, a, strlen(a) + 1);
				continue;
			}
			iter[n] = saved;
		}
		/* a trailing `.method(...)` of the relation's set */
		if (len < 3 || iter[len - 1] != ')')
			break;
		{
			int depth = 0;

			for (p = iter + len - 1; p > iter; p--) {
				if (*p == ')')
					depth++;
				else if (*p == '(' && --depth == 0)
					break;
			}
		}
		if (p == iter)
			break;
		{
			char *dot = p, name[64];
			size_t nl;

			while (dot > iter && sem_ident_char(dot[-1]))
				dot--;
			nl = (size_t)(p - dot);
			if (dot == iter || dot[-1] != '.' || nl == 0 || nl >= sizeof name)
				break;
			memcpy(name, dot, nl);
			name[nl] = '\0';
			if (!qe_word(m, "qe_relation_set_methods", name))
				break;
			dot[-1] = '\0';
		}
	}
	return iter;
}

/* True when local `var` of fn holds one row: assigned, before line
 * `before`, from a single-row read (`M.objects.filter(...).first()`,
 * `Query.query.get(id)`, `get_object_or_404(M, pk=pk)`: catalog words
 * qe_single_row_reads) that reaches the database. */
static int qe_single_row_local(const struct audit_input *in, const struct model *m,
			       const struct node *fn, const char *var, unsigned before)
{
	const struct node *as = sem_assignment(m, fn, var, before), *k;

	if (as == NULL)
		return 0;
	for (k = NULL; (k = model_walk(m, as, k, 0)) != NULL && budget_step(); )
		if (k->kind == NODE_CALL && k->u.call != NULL && k->u.call->name != NULL &&
		    sem_call_is_whole(m, k, as->value) &&
		    qe_word(m, "qe_single_row_reads", k->u.call->name) &&
		    (qe_call_is_db(in, m, fn, k) || strchr(k->u.call->callee, '.') == NULL))
			return 1;
	return 0;
}

/* The first `(` of text v that opens a call of a method of catalog words
 * `list` (`.filter(`), or NULL. */
static const char *qe_method_open(const struct model *m, const char *v, const char *list)
{
	for (const char *o = strchr(v, '('); o != NULL; o = strchr(o + 1, '(')) {
		const char *s = o;
		char name[32];

		while (s > v && sem_ident_char(s[-1]))
			s--;
		if (s == v || s[-1] != '.' || o - s == 0 || (size_t)(o - s) >= sizeof name)
			continue;
		memcpy(name, s, (size_t)(o - s));
		name[o - s] = '\0';
		if (qe_word(m, list, name))
			return o;
	}
	return NULL;
}

/* True when text v reads rows filtered by the primary key alone
 * (`M.objects.filter(pk=obj.id)`, catalog words qe_pk_filter_methods and
 * qe_primary_key_words): at most one row. */
static int qe_pk_filter_text(const struct model *m, const char *v)
{
	const char *at = qe_method_open(m, v, "qe_pk_filter_methods"), *p;
	char word[16];
	size_t n = 0;
	int depth = 1;

	if (at == NULL)
		return 0;
	p = at + 1;
	while (*p == ' ' || *p == '\n')
		p++;
	while (sem_ident_char(p[n]) && n + 1 < sizeof word) {
		word[n] = p[n];
		n++;
	}
	word[n] = '\0';
	if (n == 0 || !qe_word(m, "qe_primary_key_words", word))
		return 0;
	p += n;
	while (*p == ' ')
		p++;
	if (p[0] != '=' || p[1] == '=')
		return 0;
	for (p++; *p && depth > 0; p++) {
		if (*p == '(' || *p == '[' || *p == '{')
			depth++;
		else if (*p == ')' || *p == ']' || *p == '}')
			depth--;
		else if (*p == ',' && depth == 1)
			return 0;
	}
	return depth == 0;
}

/* True when local `var` of fn holds, before line `before`, a queryset
 * filtered by the primary key alone, refined after that only through
 * itself (`qs = qs.select_related(...)`, `qs = attach_x(qs)`): the loop
 * over it runs at most once. */
static int qe_pk_filtered_local(const struct model *m, const struct node *fn, const char *var,
				unsigned before)
{
	size_t vl = strlen(var);
	int first = 1;

	for (const struct node *k = NULL; (k = model_walk(m, fn, k, 0)) != NULL && budget_step(); ) {
		char val[512];

		if (k->kind != NODE_ASSIGN || k->name == NULL || strcmp(k->name, var) != 0 ||
		    k->line >= before)
			continue;
		span_copy(m, k->value, val, sizeof val);
		if (first) {
			if (!qe_pk_filter_text(m, val))
				return 0;
			first = 0;
			continue;
		}
		/* `qs = qs.method(...)` or `qs = helper(qs, ...)` */
		if (strncmp(val, var, vl) == 0 && val[vl] == '.')
			continue;
		{
			const char *open = strchr(val, '(');

			if (open != NULL && strncmp(open + 1, var, vl) == 0 &&
			    (open[1 + vl] == ')' || open[1 + vl] == ',') &&
			    strchr(val, '(') == strrchr(val, '('))
				continue;
		}
		return 0;
	}
	return !first;
}

/* True when name is a local of fn assigned from a key of the submitted
 * object's data (`rules = validated_data.pop("filter_rules")`, the
 * parameter named by catalog words qe_form_data_params): the nested
 * items of one object a serializer saves. */
static int qe_form_data_value(const struct model *m, const struct node *fn,
			      const struct node *as)
{
	char val[256], root[64], meth[32];
	size_t n = 0, k = 0;

	if (as->value.len == 0)
		return 0;
	span_copy(m, as->value, val, sizeof val);
	while (sem_ident_char(val[n]) && n + 1 < sizeof root) {
		root[n] = val[n];
		n++;
	}
	root[n] = '\0';
	if (n == 0 || !qe_word(m, "qe_form_data_params", root) || sem_param(fn, root) == NULL)
		return 0;
	if (val[n] == '[')
		return strchr(val + n, ']') != NULL && strchr(val + n, '(') == NULL;
	if (val[n] != '.')
		return 0;
	while (sem_ident_char(val[n + 1 + k]) && k + 1 < sizeof meth) {
		meth[k] = val[n + 1 + k];
		k++;
	}
	meth[k] = '\0';
	return val[n + 1 + k] == '(' && qe_word(m, "qe_form_data_reads", meth);
}

/* Every assignment of name in fn before line `before` takes the
 * submitted data (qe_form_data_value) or the language's empty value
 * (catalog words qe_empty_values: `rules = None` on the branch without
 * the key); at least one takes it. */
static int qe_form_data_local(const struct model *m, const struct node *fn, const char *name,
			      unsigned before)
{
	int found = 0;

	for (const struct node *a = NULL; (a = model_walk(m, fn, a, 0)) != NULL && budget_step(); ) {
		char val[32];

		if (a->kind != NODE_ASSIGN || a->name == NULL || strcmp(a->name, name) != 0 ||
		    a->line >= before || model_enclosing_func(m, a) != fn)
			continue;
		if (qe_form_data_value(m, fn, a))
			found = 1;
		else if (!qe_word(m, "qe_empty_values", span_copy(m, a->value, val, sizeof val)))
			return 0;
	}
	return found;
}

/* True when parameter p (index pi) of method fn receives, at every call
 * `self.fn(...)` in the file, a local that qe_form_data_local accepts
 * (`self.update_triggers_and_actions(instance, triggers, actions)` from
 * create/update). At least one call. */
static int qe_form_data_param(const struct model *m, const struct node *fn, uint32_t pi)
{
	int calls = 0;

	if (fn->name == NULL || pi == 0)
		return 0;
	for (uint32_t i = 1; i < m->n_nodes && budget_step(); i++) {
		const struct node *c = &m->nodes[i], *cf;
		const char *callee;
		char arg[128];

		const char *self;
		size_t sl;

		if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
		    strcmp(c->u.call->name, fn->name) != 0 || (callee = c->u.call->callee) == NULL)
			continue;
		/* called on the caller's own instance (its first parameter) */
		cf = model_enclosing_func(m, c);
		if (cf == NULL || cf == fn || cf->u.func == NULL || cf->u.func->n_params == 0 ||
		    (self = cf->u.func->params[0].name) == NULL)
			return 0;
		sl = strlen(self);
		if (strncmp(callee, self, sl) != 0 || callee[sl] != '.' ||
		    strcmp(callee + sl + 1, fn->name) != 0)
			return 0;
		qe_arg(m, c, pi - 1, arg, sizeof arg);
		if (!qe_form_data_local(m, cf, arg, c->line + 1))
			return 0;
		calls++;
	}
	return calls > 0;
}

int qe_one_object_loop(const struct audit_input *in, size_t fi, const struct node *loop)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = model_enclosing_func(m, loop), *k, *cls;
	char buf[512], *iter, root[64];
	size_t n = 0;

	if (fn == NULL || fn->u.func == NULL || loop->u.loop == NULL || (loop->flags & NF_WHILE))
		return 0;
	/* the parts of one object, not of each of many: no loop around it in
	 * its function, and none inside it multiplying the passes */
	for (k = model_enclosing_loop(m, loop); k != NULL; k = model_enclosing_loop(m, k))
		if (model_enclosing_func(m, k) == fn)
			return 0;
	for (k = NULL; (k = model_walk(m, loop, k, 0)) != NULL && budget_step(); )
		if (k->kind == NODE_LOOP && !(k->flags & NF_COMPREHENSION))
			return 0;
	sem_loop_iter(m, loop, buf, sizeof buf);
	/* `for x in M.objects.filter(pk=obj.pk)`: one row at most */
	if (qe_pk_filter_text(m, buf))
		return 1;
	iter = qe_iter_core(m, buf);
	while (sem_ident_char(iter[n]) && n + 1 < sizeof root) {
		root[n] = iter[n];
		n++;
	}
	root[n] = '\0';
	if (n == 0)
		return 0;
	/* a bare name: the nested items of the object a serializer saves */
	if (iter[n] == '\0') {
		if (qe_form_data_local(m, fn, root, loop->line) ||
		    qe_pk_filtered_local(m, fn, root, loop->line))
			return 1;
		for (uint32_t i = 0; i < fn->u.func->n_params; i++)
			if (fn->u.func->params[i].name != NULL &&
			    strcmp(fn->u.func->params[i].name, root) == 0)
				return qe_form_data_param(m, fn, i);
		return 0;
	}
	/* `obj.attr`: one attribute path, no call left in it */
	if (iter[n] != '.' || strpbrk(iter, "()[] ,") != NULL)
		return 0;
	if (fn->u.func->n_params > 0 && fn->u.func->params[0].name != NULL &&
	    strcmp(root, fn->u.func->params[0].name) == 0 &&
	    (cls = model_ancestor(m, fn, NODE_CLASS)) != NULL && cls->name != NULL &&
	    model_enclosing_func(m, cls) == NULL) {
		/* self of a model class: one row's relation (`self.widgets`) */
		return strchr(iter + n + 1, '.') == NULL && in->proj->index != NULL &&
		       index_model_named(in->proj->index, cls->name) != NULL;
	}
	for (uint32_t i = 0; i < fn->u.func->n_params; i++) {
		const struct param *pa = &fn->u.func->params[i];
		char ann[128];

		if (pa->name == NULL || strcmp(pa->name, root) != 0)
			continue;
		/* a parameter declared as one row of a model (`action:
		 * WorkflowAction`) */
		if (pa->star || pa->annotation.len == 0 || in->proj->index == NULL)
			return 0;
		span_copy(m, pa->annotation, ann, sizeof ann);
		ann[strcspn(ann, " |[")] = '\0';
		return index_model_named(in->proj->index, ann) != NULL;
	}
	return qe_single_row_local(in, m, fn, root, loop->line);
}

/* The model whose rows `<Class>.<manager>.filter(` reads, from the
 * receiver text [v, meth) before the method's dot: the class named by
 * the last-but-one part (`models.ShelfBook.objects`), or the class of a
 * method whose first parameter is that part (`cls.objects` in a
 * classmethod). NULL when the receiver holds a call or names no model. */
static const struct orm_model *qe_filter_model(const struct audit_input *in,
					       const struct model *m, const struct node *fn,
					       const char *v, const char *meth)
{
	char recv[256], *dot, *last;
	const char *b = v;
	size_t n;
	const struct node *cls;

	while (*b == ' ' || *b == '\n' || *b == '(')
		b++;
	if (meth <= b + 1 || meth[-1] != '.' || (n = (size_t)(meth - 1 - b)) >= sizeof recv ||
	    in->proj->index == NULL)
		return NULL;
	memcpy(recv, b, n);
	recv[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (!sem_ident_char(recv[i]) && recv[i] != '.')
			return NULL;
	/* drop the manager */
	if ((dot = strrchr(recv, '.')) == NULL)
		return NULL;
	*dot = '\0';
	last = (dot = strrchr(recv, '.')) != NULL ? dot + 1 : recv;
	if (last == recv && fn->u.func != NULL && fn->u.func->n_params > 0 &&
	    fn->u.func->params[0].name != NULL && strcmp(recv, fn->u.func->params[0].name) == 0 &&
	    (cls = model_ancestor(m, fn, NODE_CLASS)) != NULL && cls->name != NULL)
		return index_model_named(in->proj->index, cls->name);
	return index_model_named(in->proj->index, last);
}

/* The next double underscore of a keyword path (`shelf__user`,
 * `created__gte`): the ORM's separator of relation steps and lookups. */
static char *qe_path_sep(char *s)
{
	for (; *s; s++)
		if (s[0] == '_' && s[1] == '_')
			return s;
	return NULL;
}

/* True when text v is `<Class>.<manager>.filter(k=v, ...)` (catalog words
 * qe_pair_filter_methods), followed only by methods of the relation's set
 * (qe_relation_set_methods: `.all()`, `.order_by(...)`), whose keywords
 * pin the rows to two different objects: two conditions on different
 * relations of the model (`user=request.user, book=book`,
 * `book__parent_work=w, shelf__user=u`), each equal to a name or an
 * attribute path, and the two values differ. No positional argument, no
 * `**kw`, no range lookup (`__in`, `__gt`: catalog words
 * qe_field_lookups) and no empty value (`parent=None`,
 * qe_empty_values): the rows of one pair, as many as that pair has. */
static int qe_pair_filter_text(const struct audit_input *in, const struct model *m,
			       const struct node *fn, const char *v)
{
	const char *open = qe_method_open(m, v, "qe_pair_filter_methods"), *meth, *p, *a;
	const struct orm_model *om;
	char rel[4][128], val[4][256];
	int pins = 0, depth = 1;

	if (open == NULL)
		return 0;
	for (meth = open; meth > v && sem_ident_char(meth[-1]); meth--)
		;
	if ((om = qe_filter_model(in, m, fn, v, meth)) == NULL)
		return 0;
	for (a = p = open + 1; *p && depth > 0; p++) {
		if (*p == '(' || *p == '[' || *p == '{')
			depth++;
		else if (*p == ')' || *p == ']' || *p == '}')
			depth--;
		if (!((*p == ',' && depth == 1) || depth == 0))
			continue;
		{
			char arg[256], key[128], *eq, *k, *x, *seg, *lastseg;
			size_t n = (size_t)(p - a);

			if (n >= sizeof arg)
				return 0;
			memcpy(arg, a, n);
			arg[n] = '\0';
			a = p + 1;
			for (k = arg; *k == ' ' || *k == '\n' || *k == '\t'; k++)
				;
			for (x = k + strlen(k); x > k && (x[-1] == ' ' || x[-1] == '\n' ||
							   x[-1] == '\t'); x--)
				x[-1] = '\0';
			if (*k == '\0' && depth == 0)
				break;     /* a trailing comma */
			if ((eq = strchr(k, '=')) == NULL || eq[1] == '=' || eq == k)
				return 0;  /* positional, `**kw` has no `=` */
			*eq = '\0';
			for (x = eq; x > k && x[-1] == ' '; x--)
				x[-1] = '\0';
			for (x = k; *x; x++)
				if (!sem_ident_char(*x))
					return 0;
			snprintf(key, sizeof key, "%s", k);
			for (x = eq + 1; *x == ' '; x++)
				;
			/* a range, not a pin: `order__gt=start`, `id__in=ids` */
			lastseg = key;
			for (seg = qe_path_sep(key); seg != NULL; seg = qe_path_sep(seg + 2))
				lastseg = seg + 2;
			if (lastseg != key && qe_word(m, "qe_field_lookups", lastseg))
				return 0;
			if ((seg = qe_path_sep(key)) != NULL)
				*seg = '\0';
			if (*x == '\0' || isdigit((unsigned char)*x) ||
			    qe_word(m, "qe_empty_values", x) || index_model_relation(om, key) == NULL)
				continue;  /* narrows the rows, pins nothing */
			{
				const char *y;

				for (y = x; *y && (sem_ident_char(*y) || *y == '.'); y++)
					;
				if (*y != '\0')
					continue;
			}
			if (pins < 4) {
				int dup = 0;

				for (int i = 0; i < pins; i++)
					if (strcmp(rel[i], key) == 0 || strcmp(val[i], x) == 0)
						dup = 1;
				if (!dup) {
					snprintf(rel[pins], sizeof rel[pins], "%s", key);
					snprintf(val[pins], sizeof val[pins], "%s", x);
					pins++;
				}
			}
		}
		if (depth == 0)
			break;
	}
	if (depth != 0 || pins < 2)
		return 0;
	/* only the relation's set methods after it: `.all()`, `.order_by(...)` */
	for (p++; *p; ) {
		char word[32];
		size_t n = 0;
		int d = 0;

		while (*p == ' ' || *p == '\n' || *p == ')')
			p++;
		if (*p == '\0')
			break;
		if (*p != '.')
			return 0;
		p++;
		while (sem_ident_char(p[n]) && n + 1 < sizeof word) {
			word[n] = p[n];
			n++;
		}
		word[n] = '\0';
		if (p[n] != '(' || !qe_word(m, "qe_relation_set_methods", word))
			return 0;
		for (p += n; *p; p++) {
			if (*p == '(')
				d++;
			else if (*p == ')' && --d == 0) {
				p++;
				break;
			}
		}
	}
	return 1;
}

/* True when function fn of model fm is called from inside a loop or a
 * comprehension anywhere in the project: a plain function by its name
 * (`[export_book(u, e) for e in editions]`), a method through its class
 * (`Member.remove(...)`) or the caller's own first parameter in the same
 * class (`self.remove(...)`). Its rows are then fetched once per item of
 * that outer loop. */
static int qe_called_per_item(const struct audit_input *in, const struct model *fm,
			      const struct node *fn)
{
	const struct node *cls = model_ancestor(fm, fn, NODE_CLASS);

	if (fn->name == NULL)
		return 1;
	for (size_t fi = 0; fi < in->proj->n_files; fi++) {
		const struct model *m = in->proj->files[fi].model;

		if (m == NULL)
			continue;
		for (uint32_t i = 1; i < m->n_nodes; i++) {
			const struct node *c = &m->nodes[i], *cf;
			const char *callee;
			char recv[256];
			const char *lastp;

			if (!budget_step())
				return 1;
			if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
			    strcmp(c->u.call->name, fn->name) != 0 ||
			    (callee = c->u.call->callee) == NULL)
				continue;
			sem_receiver_path(callee, recv, sizeof recv);
			if (cls != NULL) {
				lastp = strrchr(recv, '.') != NULL ? strrchr(recv, '.') + 1 : recv;
				cf = model_enclosing_func(m, c);
				if (!(cls->name != NULL && strcmp(lastp, cls->name) == 0) &&
				    !(m == fm && cf != NULL && cf->u.func != NULL &&
				      cf->u.func->n_params > 0 && cf->u.func->params[0].name != NULL &&
				      strcmp(recv, cf->u.func->params[0].name) == 0 &&
				      model_ancestor(m, cf, NODE_CLASS) == cls))
					continue;
			}
			if (model_enclosing_loop(m, c) != NULL)
				return 1;
		}
	}
	return 0;
}

int qe_pair_pinned_loop(const struct audit_input *in, size_t fi, const struct node *loop)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = model_enclosing_func(m, loop), *k, *as = NULL;
	char buf[512], *iter, val[1024];
	size_t n = 0;
	int assigns = 0;

	if (fn == NULL || fn->u.func == NULL || loop->u.loop == NULL || (loop->flags & NF_WHILE) ||
	    in->proj->index == NULL)
		return 0;
	for (k = model_enclosing_loop(m, loop); k != NULL; k = model_enclosing_loop(m, k))
		if (model_enclosing_func(m, k) == fn)
			return 0;
	for (k = NULL; (k = model_walk(m, loop, k, 0)) != NULL && budget_step(); )
		if (k->kind == NODE_LOOP && !(k->flags & NF_COMPREHENSION))
			return 0;
	sem_loop_iter(m, loop, buf, sizeof buf);
	if (!qe_pair_filter_text(in, m, fn, buf)) {
		iter = qe_iter_core(m, buf);
		while (sem_ident_char(iter[n]))
			n++;
		if (n == 0 || iter[n] != '\0')
			return 0;
		/* one local, assigned once before the loop, from the filter */
		for (k = NULL; (k = model_walk(m, fn, k, 0)) != NULL && budget_step(); )
			if ((k->kind == NODE_ASSIGN || k->kind == NODE_AUGASSIGN) && k->name != NULL &&
			    strcmp(k->name, iter) == 0 && model_enclosing_func(m, k) == fn &&
			    k->line < loop->line) {
				as = k;
				assigns++;
			}
		if (assigns != 1 || as->kind != NODE_ASSIGN)
			return 0;
		span_copy(m, as->value, val, sizeof val);
		if (!qe_pair_filter_text(in, m, fn, val))
			return 0;
	}
	return !qe_called_per_item(in, m, fn);
}

/* True when text names a local of fn that loop's body assigns from the
 * item: `cc_string = "custom_column_" + str(c.id)` for `c`. */
static int qe_item_local(const struct model *m, const struct node *fn, const struct node *loop,
			 const char *text, unsigned before)
{
	const struct node *as;
	char val[256];
	size_t n = 0;

	while (sem_ident_char(text[n]))
		n++;
	if (n == 0 || text[n] != '\0' || (as = sem_assignment(m, fn, text, before)) == NULL ||
	    !model_is_within(m, as, loop) || as->value.len == 0)
		return 0;
	span_copy(m, as->value, val, sizeof val);
	return sem_mentions_loop_target(m, loop, val);
}

int qe_object_field_loop(const struct model *m, const struct node *loop)
{
	const struct node *fn = model_enclosing_func(m, loop), *k;

	if (fn == NULL || loop->u.loop == NULL || (loop->flags & NF_WHILE))
		return 0;
	for (k = model_enclosing_loop(m, loop); k != NULL; k = model_enclosing_loop(m, k))
		if (model_enclosing_func(m, k) == fn)
			return 0;
	for (k = NULL; (k = model_walk(m, loop, k, 0)) != NULL && budget_step(); ) {
		char obj[128], name[256];
		const struct node *as;
		size_t n = 0;

		if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->n_args < 2 ||
		    !sem_call_is(m, k, "qe_dynamic_attr_reads"))
			continue;
		span_copy(m, k->u.call->args[0].expr, obj, sizeof obj);
		while (sem_ident_char(obj[n]))
			n++;
		/* the object: a plain name the loop neither binds nor assigns */
		if (n == 0 || obj[n] != '\0' || sem_mentions_loop_target(m, loop, obj) ||
		    ((as = sem_assignment(m, fn, obj, k->line)) != NULL &&
		     model_is_within(m, as, loop)))
			continue;
		span_copy(m, k->u.call->args[1].expr, name, sizeof name);
		if (sem_mentions_loop_target(m, loop, name) ||
		    qe_item_local(m, fn, loop, name, k->line))
			return 1;
	}
	return 0;
}

/* True when text ends with a split of a string on a path separator:
 * `path.split('/')`. */
static int qe_path_split_text(const struct model *m, const char *text)
{
	const char *open = qe_method_open(m, text, "qe_path_split_methods");
	char arg[64];
	size_t n, len;

	if (open == NULL)
		return 0;
	len = strlen(open + 1);
	while (len > 0 && (open[len] == ' ' || open[len] == '\n'))
		len--;
	if (len == 0 || open[len] != ')')
		return 0;
	n = len - 1;
	if (n == 0 || n >= sizeof arg || memchr(open + 1, '(', n) != NULL ||
	    memchr(open + 1, ',', n) != NULL)
		return 0;
	memcpy(arg, open + 1, n);
	arg[n] = '\0';
	return qe_word(m, "qe_path_separators", arg);
}

/* The iterable of loop (its core text, in buf), when loop is a `for` and
 * the outermost loop of its function fn; NULL otherwise. *n receives the
 * length of the leading name (the whole text when it is a bare name). */
static char *qe_outermost_iter(const struct model *m, const struct node *fn,
			       const struct node *loop, char *buf, size_t size, size_t *n)
{
	char *iter;

	if (fn == NULL || loop->u.loop == NULL || (loop->flags & NF_WHILE))
		return NULL;
	for (const struct node *k = model_enclosing_loop(m, loop); k != NULL;
	     k = model_enclosing_loop(m, k))
		if (model_enclosing_func(m, k) == fn)
			return NULL;
	sem_loop_iter(m, loop, buf, size);
	iter = qe_iter_core(m, buf);
	for (*n = 0; sem_ident_char(iter[*n]); (*n)++)
		;
	return iter;
}

int qe_path_parts_loop(const struct model *m, const struct node *loop)
{
	const struct node *fn = model_enclosing_func(m, loop), *as;
	char buf[512], *iter, val[256];
	size_t n = 0;

	if ((iter = qe_outermost_iter(m, fn, loop, buf, sizeof buf, &n)) == NULL)
		return 0;
	if (n > 0 && iter[n] == '\0') {
		if ((as = sem_assignment(m, fn, iter, loop->line)) == NULL || as->value.len == 0)
			return 0;
		span_copy(m, as->value, val, sizeof val);
		return qe_path_split_text(m, val);
	}
	return qe_path_split_text(m, iter);
}

/* Upper bounds of a module-wide list filled at import time: the number of
 * appends and the passes of the functions that hold them. */
enum { QE_FIXED_LIST_MAX = 8 };

/* True when fn (a module-level function) runs only at import time: every
 * occurrence of its name in the project is its definition or a call at
 * module level outside any loop, with at least one call; *calls counts
 * them. */
static int qe_import_time_func(const struct audit_input *in, const struct node *fn, int *calls)
{
	const struct project *p = in->proj;
	const struct qe_name_site *named;
	size_t n_named;
	int sites = 0;

	*calls = 0;
	if (fn->name == NULL || fn->u.func == NULL || fn->u.func->n_decorators != 0 ||
	    (fn->flags & NF_METHOD))
		return 0;
	named = qe_name_sites_of(in, fn->name, &n_named);
	for (size_t s = 0; s < n_named && budget_step(); s++) {
		const struct model *xm = p->files[named[s].file].model;
		const struct node *x = &xm->nodes[named[s].node];

		sites++;
		if (x->kind == NODE_FUNC)
			continue;
		if (x->kind != NODE_CALL || (x->flags & NF_DECORATOR) ||
		    model_enclosing_func(xm, x) != NULL || model_enclosing_loop(xm, x) != NULL)
			return 0;
		(*calls)++;
	}
	return *calls > 0 &&
	       auditor_word_count(p, (size_t)-1, fn->name, strlen(fn->name), sites + 1) == sites;
}

/* True when every return of fn gives back the name `list` itself. */
static int qe_returns_name(const struct model *m, const struct node *fn, const char *list)
{
	int seen = 0;

	for (const struct node *k = NULL; (k = model_walk(m, fn, k, 0)) != NULL; ) {
		char val[128];

		if (k->kind != NODE_RETURN || model_enclosing_func(m, k) != fn)
			continue;
		span_copy(m, k->value, val, sizeof val);
		if (strcmp(val, list) != 0)
			return 0;
		seen = 1;
	}
	return seen;
}

int qe_fixed_module_list(const struct audit_input *in, size_t fi, const struct node *loop)
{
	const struct project *p = in->proj;
	const struct model *m = p->files[fi].model;
	const struct node *fn = model_enclosing_func(m, loop), *k;
	char buf[512], *iter;
	size_t n = 0, len;
	int appends = 0, empty = 0;

	if (in->sum == NULL || (iter = qe_outermost_iter(m, fn, loop, buf, sizeof buf, &n)) == NULL)
		return 0;
	/* a bare name that is neither a parameter nor a local of fn */
	if (n == 0 || iter[n] != '\0' || sem_param(fn, iter) != NULL ||
	    sem_assignment(m, fn, iter, fn->end_line + 1) != NULL)
		return 0;
	len = n;
	for (size_t i = 0; i < p->n_files && budget_step(); i++) {
		const struct model *xm = p->files[i].model;

		if (xm == NULL || xm->lang != m->lang || xm->src == NULL ||
		    memmem(xm->src, xm->src_len, iter, len) == NULL)
			continue;
		for (k = NULL; (k = model_walk(xm, model_node(xm, 0), k, 1)) != NULL && budget_step(); ) {
			const struct node *kf;
			char val[128];

			if (k->kind == NODE_AUGASSIGN) {
				span_copy(xm, k->text, val, sizeof val);
				if (strncmp(val, iter, len) == 0 && !sem_ident_char(val[len]))
					return 0;
				continue;
			}
			if (k->kind == NODE_ASSIGN && k->name != NULL && strcmp(k->name, iter) == 0) {
				/* `list = []`, or `list = fill()` where fill hands
				 * the same list back, at import time */
				span_copy(xm, k->value, val, sizeof val);
				kf = model_enclosing_func(xm, k);
				if (kf != NULL || model_enclosing_loop(xm, k) != NULL)
					return 0;
				if (qe_word(xm, "qe_empty_values", val) || strcmp(val, "[]") == 0) {
					empty = 1;
					continue;
				}
				{
					/* the function of this module the call names */
					const struct node *c = sem_first_call(xm, k), *d = NULL;

					if (c == NULL || c->u.call == NULL || c->u.call->callee == NULL ||
					    c->u.call->name == NULL ||
					    strcmp(c->u.call->callee, c->u.call->name) != 0)
						return 0;
					for (uint32_t j = 1; j < xm->n_nodes && d == NULL; j++)
						if (xm->nodes[j].kind == NODE_FUNC &&
						    xm->nodes[j].name != NULL &&
						    strcmp(xm->nodes[j].name, c->u.call->name) == 0 &&
						    model_node(xm, xm->nodes[j].parent)->kind == NODE_MODULE)
							d = &xm->nodes[j];
					if (d == NULL || !qe_returns_name(xm, d, iter))
						return 0;
				}
				continue;
			}
			if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->callee == NULL ||
			    strncmp(k->u.call->callee, iter, len) != 0 ||
			    k->u.call->callee[len] != '.' || strchr(k->u.call->callee + len + 1, '.'))
				continue;
			/* a method on the list itself: only appends, outside
			 * any loop, at import time */
			if (!qe_word(xm, "qe_list_appends", k->u.call->callee + len + 1))
				return 0;
			if (model_enclosing_loop(xm, k) != NULL)
				return 0;
			kf = model_enclosing_func(xm, k);
			if (kf == NULL) {
				appends++;
			} else {
				int calls;

				if (model_node(xm, kf->parent)->kind != NODE_MODULE ||
				    !qe_import_time_func(in, kf, &calls))
					return 0;
				appends += calls;
			}
			if (appends > QE_FIXED_LIST_MAX)
				return 0;
		}
	}
	return empty && appends > 0;
}

/* The name an `if` tests for emptiness: `not v` (catalog words
 * qe_negation_words) or `v is None` (qe_empty_values give None); NULL
 * otherwise. */
static const char *qe_if_empty_test(const struct model *m, const struct node *x, char *name,
				    size_t cap)
{
	char cond[128];
	size_t n = 0;
	const char *v = cond;

	if (x->kind != NODE_IF || x->value.len == 0 || x->value.len >= sizeof cond)
		return NULL;
	span_copy(m, x->value, cond, sizeof cond);
	/* a leading negation word (catalog words qe_negation_words) */
	while (sem_ident_char(cond[n]))
		n++;
	if (n > 0 && cond[n] == ' ') {
		cond[n] = '\0';
		if (qe_word(m, "qe_negation_words", cond))
			v = cond + n + 1;
		cond[n] = ' ';
	}
	n = 0;
	while (sem_ident_char(v[n]) && n + 1 < cap)
		n++;
	if (n == 0)
		return NULL;
	if (v != cond) {
		if (v[n] != '\0')
			return NULL;
	} else if (strncmp(v + n, " is ", 4) != 0 || !qe_word(m, "qe_empty_values", v + n + 4)) {
		return NULL;
	}
	memcpy(name, v, n);
	name[n] = '\0';
	return name;
}

/* True when node k sits in (or is) an `if` inside loop that tests the
 * name v for emptiness. */
static int qe_within_empty_test(const struct model *m, const struct node *k,
				const struct node *loop, const char *v)
{
	char name[64];

	for (const struct node *x = k; x != NULL && x != loop && x->parent != 0;
	     x = model_node(m, x->parent))
		if (x->kind == NODE_IF && qe_if_empty_test(m, x, name, sizeof name) != NULL &&
		    strcmp(name, v) == 0)
			return 1;
	return 0;
}

int qe_once_guarded(const struct audit_input *in, size_t fi, const struct node *c,
		    const struct node *loop)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *x;
	char v[64];

	if (in->proj->index == NULL || loop->u.loop == NULL)
		return 0;
	for (x = model_node(m, c->parent); x != NULL && x != loop && x->kind != NODE_FUNC &&
	     x->parent != 0; x = model_node(m, x->parent)) {
		const struct node *a, *k;
		int set = 0;

		if (x->kind != NODE_IF || model_enclosing_loop(m, x) != loop ||
		    qe_if_empty_test(m, x, v, sizeof v) == NULL || sem_mentions_loop_target(m, loop, v))
			continue;
		/* the block sets v, unconditionally and before c, to a new
		 * row of a model: an object, never empty */
		for (a = x->first_child ? model_node(m, x->first_child) : NULL; a != NULL;
		     a = a->next_sibling ? model_node(m, a->next_sibling) : NULL) {
			char val[128], cls[64];
			const char *last, *open;

			if (a->kind != NODE_ASSIGN || a->name == NULL || strcmp(a->name, v) != 0 ||
			    a->line >= c->line)
				continue;
			span_copy(m, a->value, val, sizeof val);
			if ((open = strchr(val, '(')) == NULL)
				continue;
			last = open;
			while (last > val && (sem_ident_char(last[-1])))
				last--;
			if (last == open || (size_t)(open - last) >= sizeof cls ||
			    (last > val && last[-1] != '.'))
				continue;
			memcpy(cls, last, (size_t)(open - last));
			cls[open - last] = '\0';
			if (index_model_named(in->proj->index, cls) != NULL)
				set = 1;
		}
		if (!set)
			continue;
		/* every write of v in the loop sits under a test of v for
		 * emptiness: once set, it stays set */
		for (k = NULL; (k = model_walk(m, loop, k, 0)) != NULL && budget_step(); ) {
			char t[64];

			if (k->kind == NODE_AUGASSIGN) {
				span_copy(m, k->text, t, sizeof t);
				if (strcmp(t, v) == 0)
					return 0;
			} else if (k->kind == NODE_ASSIGN && k->name != NULL &&
				   strstr(k->name, v) != NULL &&
				   (strcmp(k->name, v) != 0 || !qe_within_empty_test(m, k, loop, v))) {
				/* a tuple target naming v, or a write outside the tests */
				size_t n = strlen(v);
				const char *p = k->name;

				for (; (p = strstr(p, v)) != NULL; p += n)
					if ((p == k->name || !sem_ident_char(p[-1])) && !sem_ident_char(p[n]))
						return 0;
			}
		}
		return 1;
	}
	return 0;
}
