/* ln-653, allocation checks: unnecessary_allocation, string_concat_loop
 * and redundant_copy.
 *
 * These are cheap to get wrong, so each check proves its premise from the
 * code before reporting: the argument really is a list comprehension, the
 * operand really is a string, the copy really is never written to nor
 * handed to code that might write to it. */
#include "auditor.h"

#include <stdio.h>
#include <string.h>

#include "pyscope.h"
#include "runtime-performance.h"
#include "lang/lang.h"

/* True when the callee is the builtin `name` (bare, not shadowed by an
 * import). */
static int rpa_builtin(const struct model *m, const struct node *c, const char *name)
{
	char res[128];

	if (strcmp(c->u.call->callee, name) != 0)
		return 0;
	model_resolve(m, name, res, sizeof res);
	return strcmp(res, name) == 0;
}

/* Trims whitespace around s[0..*n). */
static const char *rpa_trim(const char *s, size_t *n)
{
	while (*n && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')) {
		s++;
		(*n)--;
	}
	while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\n' || s[*n - 1] == '\t' ||
		      s[*n - 1] == '\r'))
		(*n)--;
	return s;
}

/* True when s[0..n) is one list comprehension `[... for ... in ...]`. */
static int rpa_is_listcomp(const char *s, size_t n)
{
	int depth = 0, has_for = 0;

	s = rpa_trim(s, &n);
	if (n < 2 || s[0] != '[' || s[n - 1] != ']')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];

		if (ch == '"' || ch == '\'') {
			/* skip a simple string literal */
			char q = ch;

			for (i++; i < n && s[i] != q; i++)
				if (s[i] == '\\')
					i++;
			continue;
		}
		if (ch == '[' || ch == '(' || ch == '{')
			depth++;
		else if (ch == ']' || ch == ')' || ch == '}') {
			if (--depth == 0 && i != n - 1)
				return 0; /* `[a] + [b for ...]` is not one comprehension */
		} else if (depth == 1 && i + 5 < n && strncmp(s + i, " for ", 5) == 0)
			has_for = 1;
	}
	return has_for;
}

/* The only positional argument of c, or NULL. */
static const struct arg *rpa_single_arg(const struct node *c)
{
	if (c->u.call->n_args != 1 || c->u.call->args[0].name != NULL)
		return NULL;
	return &c->u.call->args[0];
}

/* Severity of the allocation checks: MEDIUM on a hot path (a handler or a
 * loop), LOW otherwise. */
static enum severity rpa_hot_severity(const struct audit_input *in, size_t fi,
				      const struct node *n)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *loop = model_enclosing_loop(m, n);
	unsigned role = index_role_at(in->proj, (uint32_t)fi, n);

	if ((role & (ROLE_HANDLER | ROLE_HANDLER_PATH)) || (loop && !(loop->flags & NF_COMPREHENSION)))
		return SEV_MEDIUM;
	return SEV_LOW;
}

/* Methods that may change a list / dict / set (or anything else) in place. */
static int rpa_readonly_method(const char *name)
{
	static const char *const ro[] = {
		"get", "keys", "values", "items", "count", "index", "copy", "startswith",
		"endswith", "format", "issubset", "issuperset", "isdisjoint", "union",
		"intersection", "difference", NULL,
	};

	for (int k = 0; ro[k]; k++)
		if (strcmp(name, ro[k]) == 0)
			return 1;
	return 0;
}

/* Calls that only read their arguments. */
static int rpa_readonly_call(const char *callee)
{
	static const char *const ro[] = {
		"len", "sorted", "sum", "min", "max", "any", "all", "enumerate", "zip", "print",
		"str", "repr", "set", "tuple", "frozenset", "isinstance", "bool", "iter",
		"reversed", "hash", "json.dumps", "logger.info", "logger.debug", "log.info",
		"logging.info", "logger.warning", NULL,
	};
	const char *dot = strrchr(callee, '.');

	for (int k = 0; ro[k]; k++)
		if (strcmp(callee, ro[k]) == 0)
			return 1;
	return dot && strcmp(dot, ".join") == 0 && (callee[0] == '"' || callee[0] == '\'');
}

/* True when ident occurs on any of the lines [from, to]. */
static int rpa_lines_have(const struct model *m, uint32_t from, uint32_t to, const char *ident)
{
	for (uint32_t l = from; l <= to && budget_step(); l++) {
		size_t len = 0;
		const char *t = model_line(m, l, &len);

		if (t && pyscope_has_ident(t, len, ident))
			return 1;
	}
	return 0;
}

/* True when expression v hands var itself on: `v`, `[v]`, `{"k": v}`,
 * `(a, v)`. Expressions that only read from it (`v["k"] * 2`,
 * `max(v) - min(v)`) do not. */
static int rpa_aliases(const struct model *m, struct span v, const char *var)
{
	size_t n = v.len, vn = strlen(var);
	const char *t = rpa_trim(span_ptr(m, v), &n);

	if (!pyscope_has_ident(t, n, var))
		return 0;
	return (n == vn && strncmp(t, var, vn) == 0) || (n && strchr("[{(", t[0]));
}

/* True when var (a name, or a dotted attribute path) may be written to or
 * escape in the body under root after line `after` (skipping node skip
 * and what it contains): a mutating method call, an item or attribute
 * assignment, del, an augmented assignment, being returned, aliased,
 * captured by a nested function or passed to a call that is not known to
 * be read-only. */
static int rpa_may_change(const struct model *m, const struct node *root, const char *var,
			  unsigned after, const struct node *skip);

static int rpa_may_change_walk(const struct model *m, const struct node *root, const char *var,
			       unsigned after, const struct node *skip)
{
	size_t vn = strlen(var);

	for (const struct node *x = NULL; (x = model_walk(m, root, x, 1)); ) {
		if (x->line <= after && x->end_line <= after)
			continue;
		if (skip && (x == skip || model_is_within(m, x, skip)))
			continue;
		switch (x->kind) {
		case NODE_CALL: {
			const char *callee = x->u.call ? x->u.call->callee : NULL;

			if (callee == NULL)
				break;
			if (strncmp(callee, var, vn) == 0 && callee[vn] == '.' &&
			    strchr(callee + vn + 1, '.') == NULL && !rpa_readonly_method(callee + vn + 1))
				return 1;
			if (!rpa_readonly_call(callee))
				for (uint32_t k = 0; k < x->u.call->n_args; k++)
					if (rpa_aliases(m, x->u.call->args[k].expr, var))
						return 1; /* handed to code that may keep or change it */
			break;
		}
		case NODE_ASSIGN:
		case NODE_AUGASSIGN:
			/* written through (`v[k] = `, `v.x = `, `v += `) or rebound */
			if (pyscope_span_has_ident(m, x->text, var))
				return 1;
			/* aliased or stored: `w = v`, `w = [v]`, `{"k": v}`; reads such
			 * as `p = v["price"] * 2` are fine */
			if (x->kind == NODE_ASSIGN && rpa_aliases(m, x->value, var))
				return 1;
			break;
		case NODE_RETURN:
		case NODE_YIELD:
			if (rpa_aliases(m, x->value, var))
				return 1;
			break;
		case NODE_DEL:
			if (rpa_lines_have(m, x->line, x->end_line, var))
				return 1;
			break;
		case NODE_LOOP:
			/* `for d in new_copy: d["k"] = ...` writes into the copy's
			 * items: each loop name is an alias of one of them */
			if (x->u.loop && x->u.loop->target.len && x->u.loop->target.len < 128 &&
			    pyscope_span_has_ident(m, x->u.loop->iter, var)) {
				char names[128], *tok, *save = NULL;

				span_copy(m, x->u.loop->target, names, sizeof names);
				for (tok = strtok_r(names, " ,()[]", &save); tok;
				     tok = strtok_r(NULL, " ,()[]", &save))
					if (strcmp(tok, var) != 0 && rpa_may_change(m, x, tok, 0, NULL))
						return 1;
			}
			break;
		case NODE_FUNC:
			/* a closure may keep it, or change it later */
			if (!(x->flags & NF_LAMBDA) && rpa_lines_have(m, x->line, x->end_line, var))
				return 1;
			break;
		default:
			break;
		}
	}
	return 0;
}

/* Loops over aliases recurse, one level per nesting: the thread's depth
 * guard bounds it, and a stopped analysis answers "may change" (no
 * finding). */
static int rpa_may_change(const struct model *m, const struct node *root, const char *var,
			  unsigned after, const struct node *skip)
{
	int r;

	if (!budget_enter())
		return 1;
	r = rpa_may_change_walk(m, root, var, after, skip);
	budget_leave();
	return r;
}

/* True when root may suspend after line `after` (an await, an `async
 * for` / `async with`, a yield): other code can then change a shared
 * collection meanwhile, and a snapshot of it is what keeps root safe. */
static int rpa_suspends(const struct model *m, const struct node *root, uint32_t after)
{
	for (const struct node *x = NULL; (x = model_walk(m, root, x, 0)); ) {
		if (x == root || x->line <= after)
			continue;
		if ((x->kind == NODE_CALL && (x->flags & NF_AWAITED)) || x->kind == NODE_YIELD ||
		    ((x->kind == NODE_LOOP || x->kind == NODE_WITH) && (x->flags & NF_ASYNC)))
			return 1;
	}
	return 0;
}

/* unnecessary_allocation | `len([…])`, `any([…])`, `all([…])`, `sum([…])`,
 * `set([…])`, `"".join([…])`, `list(…)` around an already-iterable
 * argument in iteration | MEDIUM in a hot path (handler, loop), LOW
 * otherwise */
void rp_check_unnecessary_allocation(const struct audit_input *in, struct finding_sink *out,
				     size_t fi, const struct node *c)
{
	static const char *const consumers[] = {
		"len", "any", "all", "sum", "min", "max", "set", NULL,
	};
	static const char *const wrappers[] = {
		"sorted", "set", "sum", "any", "all", "min", "max", "tuple", "frozenset", NULL,
	};
	const struct model *m = in->proj->files[fi].model;
	const struct arg *a = rpa_single_arg(c);
	const char *what = NULL, *fix = NULL;
	char call[160], buf[96];
	struct finding *f;
	int k;

	if (a == NULL || (c->flags & NF_DECORATOR))
		return;
	/* `len([x for x in xs if p(x)])` builds a list only to count it */
	for (k = 0; consumers[k] && what == NULL; k++) {
		if (!rpa_builtin(m, c, consumers[k]) ||
		    !rpa_is_listcomp(span_ptr(m, a->expr), a->expr.len))
			continue;
		what = consumers[k];
		if (strcmp(what, "len") == 0)
			fix = "count with `sum(1 for ... in ... if ...)` instead of building a list";
		else if (strcmp(what, "set") == 0)
			fix = "use a set comprehension `{... for ... in ...}`";
		else if (strcmp(what, "any") == 0 || strcmp(what, "all") == 0)
			fix = "pass a generator expression (drop the brackets): it also stops at the "
			      "first decisive item instead of evaluating every one";
		else
			fix = "pass a generator expression (drop the brackets)";
	}
	/* `for x in list(xs)` / `sorted(list(xs))`: the copy is never used */
	if (what == NULL && rpa_builtin(m, c, "list") && a->expr.len &&
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
			what = "list";
			fix = "iterate the collection directly";
		}
		for (k = 0; what == NULL && wrappers[k]; k++) {
			if (parent->kind == NODE_CALL && rpa_builtin(m, parent, wrappers[k]) &&
			    rpa_single_arg(parent) &&
			    rpa_single_arg(parent)->expr.len == a->expr.len + 6) {
				what = "list";
				snprintf(buf, sizeof buf, "pass the iterable to `%s()` directly",
					 wrappers[k]);
				fix = buf;
			}
		}
	}
	if (what == NULL)
		return;
	f = auditor_emit(in, out, &rp_checks[RP_UNNECESSARY_ALLOCATION],
			 rpa_hot_severity(in, fi, c), fi, c);
	if (f == NULL)
		return;
	pyscope_call_text(m, c, call, sizeof call);
	finding_set_issue(f, "`%s` in `%s` builds an intermediate list that is thrown away "
			  "right after%s", call, pyscope_func_name(m, c),
			  model_enclosing_loop(m, c) ? ", on every iteration" : "");
	finding_set_recommendation(f, "%c%s.", fix[0] - 32, fix + 1);
	rp_add_loop_evidence(m, f, c);
}

/* True when the expression text starts a str literal or f-string. */
static int rpa_string_literal(const char *s, size_t n)
{
	s = rpa_trim(s, &n);
	for (size_t i = 0; i < n && i < 3; i++) {
		if (s[i] == '"' || s[i] == '\'')
			return 1;
		if (!strchr("rRfFuU", s[i]))
			return 0; /* b"" is bytes: also quadratic, but rare; stay with str */
	}
	return 0;
}

/* True when target is assigned anywhere in loop's body (same function). */
static int rpa_assigned_in(const struct model *m, const struct node *loop, const char *target)
{
	for (const struct node *x = NULL; (x = model_walk(m, loop, x, 0)); )
		if (x->kind == NODE_ASSIGN && x->name && !(x->flags & NF_TARGET_ATTR) &&
		    strcmp(x->name, target) == 0)
			return 1;
	return 0;
}

/* True when loop iterates over a literal display (`("a", "b")`, `[x, y]`),
 * as opposed to `range(N)`. */
static int rpa_literal_display(const struct model *m, const struct node *loop)
{
	char c;

	if (loop->u.loop == NULL || loop->u.loop->iter.len == 0)
		return 0;
	c = span_ptr(m, loop->u.loop->iter)[0];
	return c == '(' || c == '[' || c == '{';
}

/* A display of fixed length: `("v1", tenant, "log")` — its size is in the
 * source whatever its elements are (no comprehension, no unpacking). */
static int rpa_fixed_display(const struct model *m, const struct node *loop)
{
	return rpa_literal_display(m, loop) && !span_has(m, loop->u.loop->iter, " for ") &&
	       !span_has(m, loop->u.loop->iter, "*");
}

/* True when an earlier `target += ...` in the same loop body is already
 * the one reported: one finding per string per loop. */
static int rpa_earlier_concat(const struct model *m, const struct node *loop,
			      const struct node *a, const char *target)
{
	for (const struct node *x = NULL; (x = model_walk(m, loop, x, 0)); )
		if (x != a && x->kind == NODE_AUGASSIGN && x->line < a->line && x->name &&
		    strcmp(x->name, "+=") == 0 && span_eq(m, x->text, target) &&
		    model_enclosing_loop(m, x) == loop)
			return 1;
	return 0;
}

/* string_concat_loop | `s += <string>` inside a loop | MEDIUM when the loop
 * is unbounded, LOW for small literal iterables (range(N)); a string
 * built over a small literal tuple is not quadratic at all (SPEC 11) */
void rp_check_string_concat_loop(const struct audit_input *in, struct finding_sink *out,
				 size_t fi, const struct node *a)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *loop, *fn, *init, *l;
	const struct node *vc = pyscope_first_call(m, a);
	char target[96];
	int is_str = 0, unbounded = 0, outer = 0, display = 1;
	const struct front_end *fe = lang_get(m->lang);
	struct finding *f;

	/* JavaScript engines build `s += x` as ropes: not quadratic there */
	if (fe == NULL || !fe->traits.string_concat_quadratic)
		return;
	if (a->name == NULL || strcmp(a->name, "+=") != 0 || a->text.len == 0 ||
	    a->text.len >= sizeof target)
		return;
	span_copy(m, a->text, target, sizeof target);
	if (strpbrk(target, ".[ ,()") != NULL)
		return;
	loop = model_enclosing_loop(m, a);
	if (loop == NULL || (loop->flags & NF_COMPREHENSION))
		return;
	/* reset at the start of each iteration: each string stays short */
	if (rpa_assigned_in(m, loop, target) || rpa_earlier_concat(m, loop, a, target))
		return;
	fn = pyscope_func(m, a);
	init = pyscope_assignment(m, fn ? fn : &m->nodes[0], target, loop->line);
	if (init && span_ptr(m, init->value)[0] == '[')
		return; /* list += : extends in place */
	if (rpa_string_literal(span_ptr(m, a->value), a->value.len))
		is_str = 1;
	else if (vc && rpa_builtin(m, vc, "str") && span_starts(m, a->value, "str("))
		is_str = 1;
	else if (init && rpa_string_literal(span_ptr(m, init->value), init->value.len))
		is_str = 1;
	if (!is_str)
		return;
	/* the loops it accumulates over: up to the one that resets it */
	for (l = loop; l && !(l->flags & NF_COMPREHENSION); l = model_enclosing_loop(m, l)) {
		if (l != loop && rpa_assigned_in(m, l, target))
			break;
		if ((!(l->flags & NF_SMALL_LITERAL) && !rpa_fixed_display(m, l)) ||
		    (l->u.loop != NULL && span_has(m, l->u.loop->iter, "*")))
			unbounded = 1; /* `(*parts, "v2")` grows with parts */
		if (!rpa_literal_display(m, l))
			display = 0;
		outer++;
	}
	/* `for field in ("a", "b", "c"): s += ...`: a handful of pieces */
	if (!unbounded && display)
		return;
	f = auditor_emit(in, out, &rp_checks[RP_STRING_CONCAT_LOOP],
			 unbounded ? SEV_MEDIUM : SEV_LOW, fi, a);
	if (f == NULL)
		return;
	finding_set_issue(f, "`%s +=` grows a string inside the loop at line %u in `%s`: each "
			  "iteration copies everything built so far (quadratic in the %s)",
			  target, loop->line, pyscope_func_name(m, a),
			  unbounded ? "number of items" : "loop length, small here");
	finding_set_recommendation(f, "Collect the pieces in a list and `\"\".join(parts)` once "
				   "after the loop (or write to an `io.StringIO`).");
	rp_add_loop_evidence(m, f, a);
	(void)outer;
}

/* What kind of copy the value of assignment a is, with its source in src. */
static const char *rpa_copy_kind(const struct model *m, const struct node *a, char *src,
				 size_t size)
{
	const struct node *c = pyscope_first_call(m, a);
	const struct node *fn = pyscope_func(m, a);
	const struct arg *arg;
	char res[128];
	if (c == NULL || a->value.len == 0 || !pyscope_call_is_whole(m, c, a->value))
		return NULL; /* the copy must be the whole value */
	pyscope_callee(m, c, res, sizeof res);
	if (strcmp(c->u.call->name, "copy") == 0 && c->u.call->n_args == 0 &&
	    strcmp(res, "copy.copy") != 0) {
		pyscope_receiver(c->u.call->callee, src, size);
		if (src[0] == '\0' || strpbrk(src, "()[]"))
			return NULL;
		return ".copy()";
	}
	if ((arg = rpa_single_arg(c)) == NULL || arg->expr.len == 0 || arg->expr.len >= size)
		return NULL;
	span_copy(m, arg->expr, src, size);
	if (strpbrk(src, "()[]{} +-*/,"))
		return NULL;
	if (strcmp(res, "copy.copy") == 0 || strcmp(res, "copy.deepcopy") == 0)
		return strcmp(res, "copy.copy") == 0 ? "copy.copy()" : "copy.deepcopy()";
	if ((rpa_builtin(m, c, "list") || rpa_builtin(m, c, "dict")) && fn != NULL) {
		/* list(x) of an iterator is materialisation, not a copy: only when
		 * x is known to be a list / dict already */
		const struct param *p = strchr(src, '.') ? NULL : pyscope_param(fn, src);
		const struct node *def = strchr(src, '.') ? NULL : pyscope_assignment(m, fn, src, a->line);
		int is_list = rpa_builtin(m, c, "list");

		if (p && p->annotation.len &&
		    (span_starts(m, p->annotation, is_list ? "list" : "dict") ||
		     span_starts(m, p->annotation, is_list ? "List" : "Dict")))
			return is_list ? "list()" : "dict()";
		if (def && def->value.len &&
		    span_ptr(m, def->value)[0] == (is_list ? '[' : '{'))
			return is_list ? "list()" : "dict()";
	}
	return NULL;
}

/* redundant_copy | `.copy()`, `list(x)`, `dict(x)`, `[...x]`, `{...x}` where
 * the copy is only read | LOW; MEDIUM inside a loop in a handler */
void rp_check_redundant_copy(const struct audit_input *in, struct finding_sink *out,
			     size_t fi, const struct node *a)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = pyscope_func(m, a);
	const struct node *loop;
	char src[96];
	const char *kind;
	enum severity sev = SEV_LOW;
	struct finding *f;
	unsigned role;

	if (fn == NULL || a->name == NULL || (a->flags & (NF_TARGET_ATTR | NF_WALRUS)) ||
	    strpbrk(a->name, ".[, ") != NULL)
		return;
	if ((kind = rpa_copy_kind(m, a, src, sizeof src)) == NULL)
		return;
	/* the copy is justified when either side changes afterwards or the
	 * copy leaves the function */
	if (rpa_may_change(m, fn, a->name, a->line, a) || rpa_may_change(m, fn, src, a->line, a))
		return;
	if (strncmp(src, "self.", 5) == 0 || strchr(src, '.'))
		return; /* shared state may change under us between statements */
	if (rpa_suspends(m, fn, a->line))
		return; /* and across an await, any collection the caller shares */
	role = index_role_at(in->proj, (uint32_t)fi, a);
	loop = model_enclosing_loop(m, a);
	if (loop && (role & (ROLE_HANDLER | ROLE_HANDLER_PATH)))
		sev = SEV_MEDIUM;
	f = auditor_emit(in, out, &rp_checks[RP_REDUNDANT_COPY], sev, fi, a);
	if (f == NULL)
		return;
	finding_set_issue(f, "`%s = %.*s` in `%s` copies `%s` (%s) but the copy is only read: "
			  "neither it nor the original is changed afterwards",
			  a->name, (int)(a->value.len > 60 ? 60 : a->value.len),
			  span_ptr(m, a->value), pyscope_func_name(m, a), src, kind);
	finding_set_recommendation(f, "Read `%s` directly; keep a copy only where one side is "
				   "mutated or the data leaves the function.", src);
	rp_add_loop_evidence(m, f, a);
}
