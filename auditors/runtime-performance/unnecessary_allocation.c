/* unnecessary_allocation (ln-653): lists built only to be consumed. */
#include "auditor.h"

#include <stdio.h>
#include <string.h>

#include "db-ops.h"
#include "dispatch.h"
#include "semantic.h"
#include "rp.h"

/* unnecessary_allocation | `len([…])`, `any([…])`, `all([…])`, `sum([…])`,
 * `set([…])`, `"".join([…])`, `list(…)` around an already-iterable
 * argument in iteration | MEDIUM in a hot path (handler, loop), LOW
 * otherwise */
/* True when s[0..n) is one display: `(a, b)`, `[a]`, `{a, b}` whose
 * bracket closes at its end (not `(a, b) + rest`); a parenthesis needs a
 * comma at its top level (`(fields)` is only a grouping). */
static int ua_one_display(const char *s, size_t n)
{
	int depth = 0, comma = 0;
	char q = 0;

	if (!(s[0] == '(' || s[0] == '[' || s[0] == '{'))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (q) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == q)
				q = 0;
			continue;
		}
		if (s[i] == '"' || s[i] == '\'')
			q = s[i];
		else if (s[i] == '(' || s[i] == '[' || s[i] == '{')
			depth++;
		else if (s[i] == ')' || s[i] == ']' || s[i] == '}') {
			if (--depth == 0 && i + 1 != n)
				return 0;
		} else if (s[i] == ',' && depth == 1)
			comma = 1;
	}
	return depth == 0 && (s[0] != '(' || comma);
}

/* True when the list comprehension argument a of call c has one `for`,
 * over a display written out in the source (`[getattr(o, f) for f in
 * ("net", "tax")]`): the list holds those few items whatever the data,
 * so building it costs nothing worth a change. */
static int ua_over_fixed_display(const struct model *m, const struct node *c, const struct arg *a)
{
	const char *it, *rest;
	size_t n;

	for (const struct node *x = NULL; (x = model_walk(m, c, x, 0)); ) {
		if (x->kind != NODE_LOOP || !(x->flags & NF_COMPREHENSION) || x->u.loop == NULL ||
		    x->u.loop->iter.off < a->expr.off ||
		    x->u.loop->iter.off >= a->expr.off + a->expr.len)
			continue;
		it = span_ptr(m, x->u.loop->iter);
		n = x->u.loop->iter.len;
		while (n > 0 && (it[n - 1] == ' ' || it[n - 1] == '\n' || it[n - 1] == '\t'))
			n--;
		rest = it + x->u.loop->iter.len;
		if (n < 2 || !ua_one_display(it, n) || memchr(it, '*', n) != NULL ||
		    span_has(m, x->u.loop->iter, " for "))
			return 0;
		/* a second `for` multiplies the items */
		for (const char *q = rest; q < span_ptr(m, a->expr) + a->expr.len; q++)
			if (strncmp(q, " for ", 5) == 0)
				return 0;
		return 1;
	}
	return 0;
}

static void rp_check_unnecessary_allocation(const struct audit_input *in, struct finding_sink *out,
				     size_t fi, const struct node *c)
{
	static const char *const no_kv[] = { NULL };
	const struct model *m = in->proj->files[fi].model;
	const struct arg *a = rpa_single_arg(c);
	const char *fix = NULL;
	char call[160], buf[160];
	struct finding *f;

	if (a == NULL || (c->flags & NF_DECORATOR))
		return;
	/* `len([x for x in xs if p(x)])` builds a list only to count it */
	if (rpa_builtin(m, c, "rp_listcomp_consumers") &&
	    rpa_is_listcomp(span_ptr(m, a->expr), a->expr.len) && !ua_over_fixed_display(m, c, a)) {
		const char *name = c->u.call->callee;

		if (catalog_match(catalog_get(m->lang, "rp_count_consumers"), name))
			fix = db_text(m, "unnecessary_allocation.count", no_kv, buf, sizeof buf);
		else if (catalog_match(catalog_get(m->lang, "rp_set_consumers"), name))
			fix = db_text(m, "unnecessary_allocation.set", no_kv, buf, sizeof buf);
		else if (catalog_match(catalog_get(m->lang, "rp_shortcircuit_consumers"), name))
			fix = "pass a generator expression (drop the brackets): it also stops at the "
			      "first decisive item instead of evaluating every one";
		else
			fix = "pass a generator expression (drop the brackets)";
	}
	/* `for x in list(xs)` / `sorted(list(xs))`: the copy is never used */
	if (fix == NULL && rpa_builtin(m, c, "rp_list_builtins") && a->expr.len &&
	    !rpa_is_listcomp(span_ptr(m, a->expr), a->expr.len)) {
		const struct node *parent = &m->nodes[c->parent];
		char base[96];
		size_t bl = 0;

		while (bl + 1 < sizeof base && bl < a->expr.len &&
		       m->src[a->expr.off + bl] != '.' && m->src[a->expr.off + bl] != '(' &&
		       m->src[a->expr.off + bl] != '[')
			bl++;
		memcpy(base, span_ptr(m, a->expr), bl);
		base[bl] = '\0';
		if (parent->kind == NODE_LOOP && (c->flags & NF_HEADER) &&
		    !(parent->flags & (NF_COMPREHENSION | NF_WHILE)) && parent->u.loop &&
		    parent->u.loop->iter.len == a->expr.len + 6 && base[0] &&
		    !rpa_may_change(m, parent, base, 0, c) && !rpa_suspends(m, parent, 0)) {
			/* iterating a snapshot is right when the loop changes the
			 * collection; here it does not */
			fix = "iterate the collection directly";
		}
		if (fix == NULL && parent->kind == NODE_CALL &&
		    rpa_builtin(m, parent, "rp_iter_wrappers") && rpa_single_arg(parent) &&
		    rpa_single_arg(parent)->expr.len == a->expr.len + 6) {
			snprintf(buf, sizeof buf, "pass the iterable to `%s()` directly",
				 parent->u.call->callee);
			fix = buf;
		}
	}
	if (fix == NULL)
		return;
	f = auditor_emit(in, out, &rp_checks[RP_UNNECESSARY_ALLOCATION],
			 rpa_hot_severity(in, fi, c), fi, c);
	if (f == NULL)
		return;
	sem_call_brief(m, c, call, sizeof call);
	finding_set_issue(f, "`%s` in `%s` builds an intermediate list that is thrown away "
			  "right after%s", call, sem_func_name(m, c),
			  model_enclosing_loop(m, c) ? ", on every iteration" : "");
	finding_set_recommendation(f, "%c%s.", fix[0] - 32, fix + 1);
	rp_add_loop_evidence(m, f, c);
}

static void visit(const struct audit_input *in, struct finding_sink *out, size_t fi,
		  const struct node *n)
{
	if (n->u.call != NULL && n->u.call->callee != NULL)
		rp_check_unnecessary_allocation(in, out, fi, n);
}

const struct check_impl check_unnecessary_allocation = {
	.def = &rp_checks[RP_UNNECESSARY_ALLOCATION],
	.kinds = VISITS(NODE_CALL),
	.visit = visit,
};
