/* string_concat_loop (ln-653): a string grown with += in a loop. */
#include "auditor.h"

#include <stdio.h>
#include <string.h>

#include "db-ops.h"
#include "dispatch.h"
#include "lang/lang.h"
#include "semantic.h"
#include "rp.h"

/* True when the expression text starts a str literal or f-string (after
 * the catalog's string prefix letters). */
static int rpa_string_literal(const struct model *m, const char *s, size_t n)
{
	const struct catalog_list *prefixes = catalog_get(m->lang, "rp_string_prefixes");

	s = rpa_trim(s, &n);
	for (size_t i = 0; i < n && i < 3; i++) {
		char ch[2] = { s[i], '\0' };

		if (s[i] == '"' || s[i] == '\'' || s[i] == '`')
			return 1; /* a backquote opens a raw string */
		if (s[i] == '\0' || !catalog_match(prefixes, ch))
			return 0; /* b"" is bytes: also quadratic, but rare; stay with str */
	}
	return 0;
}

/* True when target is one of the names loop binds on each pass (`for
 * chunk in parts`, `for i, chunk in ...`, `for _, chunk := range ...`):
 * rebound to the next item every time, it carries nothing over. */
static int rpa_loop_binds(const struct model *m, const struct node *loop, const char *target)
{
	char names[256], *tok, *save = NULL;

	if (loop->u.loop == NULL || loop->u.loop->target.len == 0 ||
	    loop->u.loop->target.len >= sizeof names)
		return 0;
	span_copy(m, loop->u.loop->target, names, sizeof names);
	for (tok = strtok_r(names, ",()[] \t", &save); tok != NULL;
	     tok = strtok_r(NULL, ",()[] \t", &save))
		if (strcmp(tok, target) == 0)
			return 1;
	return 0;
}

/* True when target is assigned anywhere in loop's body (same function),
 * or is the loop's own variable. For a field target `task.Body`, the
 * value that holds it (`task`) bound again counts, and so does the field
 * itself set with `=`: either starts a new, short string. */
static int rpa_assigned_in(const struct model *m, const struct node *loop, const char *target)
{
	const char *dot = strchr(target, '.');
	char base[96];

	if (dot != NULL) {
		snprintf(base, sizeof base, "%.*s", (int)(dot - target), target);
		if (rpa_assigned_in(m, loop, base))
			return 1;
		for (const struct node *x = NULL; (x = model_walk(m, loop, x, 0)); )
			if (x->kind == NODE_ASSIGN && x->name && (x->flags & NF_TARGET_ATTR) &&
			    strcmp(x->name, target) == 0)
				return 1;
		return 0;
	}
	if (rpa_loop_binds(m, loop, target))
		return 1;
	for (const struct node *x = NULL; (x = model_walk(m, loop, x, 0)); )
		if (x->kind == NODE_ASSIGN && x->name && !(x->flags & NF_TARGET_ATTR) &&
		    strcmp(x->name, target) == 0)
			return 1;
	return 0;
}

/* True when target is one field of a named value, `task.Body` (two
 * identifiers and one dot), and the language's catalog lets a field be an
 * accumulator (rp_field_accumulators). */
static int rpa_field_target(const struct model *m, const char *target)
{
	const char *dot = strchr(target, '.');

	if (catalog_list_empty(catalog_get(m->lang, "rp_field_accumulators")) || dot == NULL ||
	    dot == target || dot[1] == '\0' || strchr(dot + 1, '.') != NULL)
		return 0;
	for (const char *c = target; *c; c++)
		if (c != dot && !(*c == '_' || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
				  (*c >= '0' && *c <= '9')))
			return 0;
	return !(target[0] >= '0' && target[0] <= '9');
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

/* True when loop l iterates the keyword arguments of function fn: its
 * iterable is fn's `**kwargs` parameter, or a view of it
 * (`params.items()`, catalog rp_mapping_views). Their number is what the
 * call sites write, a handful, so a string built over them stays short. */
static int rp_over_kwargs(const struct model *m, const struct node *fn, const struct node *l)
{
	char it[128], *dot;

	if (fn == NULL || fn->kind != NODE_FUNC || fn->u.func == NULL || l->u.loop == NULL ||
	    (l->flags & NF_WHILE) || l->u.loop->iter.len == 0 ||
	    l->u.loop->iter.len >= sizeof it)
		return 0;
	span_copy(m, l->u.loop->iter, it, sizeof it);
	if ((dot = strchr(it, '.')) != NULL) {
		size_t n = strlen(dot + 1);

		if (n < 3 || strcmp(dot + 1 + n - 2, "()") != 0)
			return 0;
		dot[1 + n - 2] = '\0';
		if (!catalog_match(catalog_get(m->lang, "rp_mapping_views"), dot + 1))
			return 0;
		*dot = '\0';
	}
	for (uint32_t i = 0; i < fn->u.func->n_params; i++)
		if (fn->u.func->params[i].star == 2 && fn->u.func->params[i].name != NULL &&
		    strcmp(fn->u.func->params[i].name, it) == 0)
			return 1;
	return 0;
}

/* The declared type of fn's parameter name, without pointer stars
 * (`msg *message.Message` -> "message.Message"), into buf; "" when fn
 * has no such parameter or it has no type. */
static const char *rpa_param_type(const struct model *m, const struct node *fn,
				  const char *name, char *buf, size_t size)
{
	const char *t;
	size_t n;

	buf[0] = '\0';
	for (uint32_t i = 0; fn->u.func != NULL && i < fn->u.func->n_params; i++) {
		const struct param *pr = &fn->u.func->params[i];

		if (pr->name == NULL || strcmp(pr->name, name) != 0 || pr->annotation.len == 0)
			continue;
		t = span_ptr(m, pr->annotation);
		n = pr->annotation.len;
		while (n > 0 && (*t == '*' || *t == ' ')) {
			t++;
			n--;
		}
		if (n >= size)
			return buf;
		memcpy(buf, t, n);
		buf[n] = '\0';
		return buf;
	}
	return buf;
}

/* True when the receiver type of method fn (`Type.name`) also has, in
 * this file, a method the catalog lists in rp_message_methods (Go:
 * `Error`): fn works on a value that is its own message. */
static int rpa_message_type(const struct model *m, const struct node *fn)
{
	const struct catalog_list *names = catalog_get(m->lang, "rp_message_methods");
	const char *q = fn->u.func != NULL ? fn->u.func->qualname : NULL;
	const char *dot = q != NULL ? strrchr(q, '.') : NULL;
	size_t n;

	if (!(fn->flags & NF_METHOD) || dot == NULL || catalog_list_empty(names))
		return 0;
	n = (size_t)(dot - q);
	for (uint32_t i = 0; i < m->n_nodes; i++) {
		const struct node *x = &m->nodes[i];
		const char *xq;

		if (x->kind != NODE_FUNC || !(x->flags & NF_METHOD) || x->u.func == NULL ||
		    (xq = x->u.func->qualname) == NULL)
			continue;
		if (strncmp(xq, q, n) == 0 && xq[n] == '.' && catalog_match(names, xq + n + 1))
			return 1;
	}
	return 0;
}

/* True when loop l iterates something whose size is fixed by how it is
 * made, not by the data the service holds:
 *   - a call the catalog lists in rp_bounded_iterables (`os.Environ()`),
 *     written in the loop or assigned to the local it ranges over;
 *   - a parameter of fn, or a field of one, whose declared type (plus
 *     `.field`) is in rp_bounded_types (a logger's fields, a message's
 *     metadata headers);
 *   - a field of the receiver of a method of an error type (a type with
 *     a method in rp_message_methods): the payload the error was built
 *     with, written into its own message.
 * Like keyword arguments, a handful: the string built over them stays
 * short. */
static int rpa_bounded_iter(const struct model *m, const struct node *fn, const struct node *l)
{
	char it[128], type[128], *dot;
	const struct node *init;

	if (fn == NULL || fn->kind != NODE_FUNC || fn->u.func == NULL || l->u.loop == NULL ||
	    (l->flags & NF_WHILE) || l->u.loop->iter.len == 0 ||
	    l->u.loop->iter.len >= sizeof it)
		return 0;
	span_copy(m, l->u.loop->iter, it, sizeof it);
	if (catalog_match(catalog_get(m->lang, "rp_bounded_iterables"), it))
		return 1;
	if (strpbrk(it, "([ ") == NULL && strchr(it, '.') == NULL &&
	    (init = sem_assignment(m, fn, it, l->line)) != NULL && init->value.len > 0 &&
	    init->value.len < sizeof type) {
		span_copy(m, init->value, type, sizeof type);
		if (catalog_match(catalog_get(m->lang, "rp_bounded_iterables"), type))
			return 1;
	}
	if (strpbrk(it, "([ ") != NULL)
		return 0;
	dot = strchr(it, '.');
	if (dot != NULL && strchr(dot + 1, '.') != NULL)
		return 0;
	if (dot != NULL)
		*dot = '\0';
	rpa_param_type(m, fn, it, type, sizeof type);
	if (type[0] == '\0')
		return 0;
	if (dot != NULL) {
		size_t n = strlen(type);

		/* a field of the receiver of an error type's method */
		if ((fn->flags & NF_GO_RECEIVER) && fn->u.func->n_params > 0 &&
		    fn->u.func->params[0].name != NULL &&
		    strcmp(fn->u.func->params[0].name, it) == 0 && rpa_message_type(m, fn))
			return 1;
		if (n + 1 + strlen(dot + 1) >= sizeof type)
			return 0;
		type[n] = '.';
		memcpy(type + n + 1, dot + 1, strlen(dot + 1) + 1);
	}
	return catalog_match(catalog_get(m->lang, "rp_bounded_types"), type);
}

/* True when arg text t is a list written out in full at the call: a
 * composite or list literal (`[]string{hash}`, `[a, b]`) that spreads
 * nothing into itself, or the language's nil value (catalog
 * sum_nil_values). */
static int rpa_fixed_arg(const struct model *m, const char *t)
{
	size_t n = strlen(t);

	if (catalog_match(catalog_get(m->lang, "sum_nil_values"), t))
		return 1;
	if (n < 2 || t[0] != '[' || (t[n - 1] != '}' && t[n - 1] != ']') ||
	    strstr(t, "...") != NULL || strstr(t, " for ") != NULL)
		return 0;
	/* `[]T{...}`: the elements are between the braces */
	if (t[n - 1] == '}') {
		const char *b = strchr(t, '{');

		return b != NULL && strchr(b, '*') == NULL && strchr(b + 1, '{') == NULL;
	}
	return strchr(t, '*') == NULL && strchr(t + 1, '[') == NULL;
}

/* True when loop l ranges over a parameter of plain function fn (no
 * method) that every call of fn in the project fills with a list written
 * out at the call or nil (`buildCSP(nonce, nil, []string{hash})`), and
 * fn is called at least once: the caller fixed its length. Calls by
 * name only, when the project defines one function of that name. */
static int rpa_param_fixed_at_calls(const struct audit_input *in, const struct model *m,
				    const struct node *fn, const struct node *l)
{
	char it[64];
	uint32_t pi;
	size_t nd = 0, calls = 0;

	if (fn == NULL || fn->kind != NODE_FUNC || fn->u.func == NULL || fn->name == NULL ||
	    (fn->flags & (NF_METHOD | NF_LAMBDA)) || l->u.loop == NULL || (l->flags & NF_WHILE) ||
	    l->u.loop->iter.len == 0 || l->u.loop->iter.len >= sizeof it ||
	    in->proj->index == NULL)
		return 0;
	span_copy(m, l->u.loop->iter, it, sizeof it);
	for (pi = 0; pi < fn->u.func->n_params; pi++)
		if (fn->u.func->params[pi].name != NULL && strcmp(fn->u.func->params[pi].name, it) == 0)
			break;
	if (pi == fn->u.func->n_params || fn->u.func->params[pi].star ||
	    index_funcs_named(in->proj->index, fn->name, &nd) == NULL || nd != 1)
		return 0;
	for (uint32_t fi = 0; fi < in->proj->n_files; fi++) {
		const struct model *cm = in->proj->files[fi].model;

		if (cm == NULL || cm->lang != m->lang)
			continue;
		for (uint32_t k = 0; k < cm->n_nodes && budget_step(); k++) {
			const struct node *c = &cm->nodes[k];
			const struct call_info *ci = c->u.call;
			char arg[256];

			if (c->kind != NODE_CALL || ci == NULL || ci->name == NULL ||
			    strcmp(ci->name, fn->name) != 0)
				continue;
			if (pi >= ci->n_args || ci->args[pi].name != NULL ||
			    ci->args[pi].expr.len >= sizeof arg)
				return 0;
			for (uint32_t i = 0; i <= pi; i++)
				if (ci->args[i].name != NULL)
					return 0;
			span_copy(cm, ci->args[pi].expr, arg, sizeof arg);
			if (!rpa_fixed_arg(cm, arg))
				return 0;
			calls++;
		}
	}
	return calls > 0;
}

/* string_concat_loop | `s += <string>` inside a loop | MEDIUM when the loop
 * is unbounded, LOW for small literal iterables (range(N)); a string
 * built over a small literal tuple is not quadratic at all (SPEC 11) */
/* True when init declares its name with a string type and no value
 * (`var s string`; the catalog's rp_declared_string_types): the type
 * follows the name on the declaration's line. */
static int rpa_declared_string(const struct model *m, const struct node *init)
{
	char type[32];
	const char *t;
	size_t n = 0;

	if (init->value.len != 0 || init->text.len == 0 ||
	    catalog_list_empty(catalog_get(m->lang, "rp_declared_string_types")))
		return 0;
	t = span_ptr(m, init->text) + init->text.len;
	while (*t == ' ' || *t == '\t')
		t++;
	while (n + 1 < sizeof type && (isalnum((unsigned char)t[n]) || t[n] == '_' || t[n] == '.'))
		n++;
	if (n == 0 || n + 1 >= sizeof type)
		return 0;
	memcpy(type, t, n);
	type[n] = '\0';
	while (t[n] == ' ' || t[n] == '\t')
		n++;
	/* `var s string` alone: not `var s string = f()` nor a list */
	if (t[n] != '\n' && t[n] != '\r' && t[n] != '\0' && t[n] != ';' && t[n] != ')')
		return 0;
	return catalog_match(catalog_get(m->lang, "rp_declared_string_types"), type);
}

/* True when plain function fn of file fi is one no code can reach: its
 * file sits in a folder the module keeps private (catalog
 * rp_module_private_dirs, `internal/`: no other module may import it)
 * and its name is written nowhere in the project's code but at its
 * definition (tests and `//` comments left out: a commented-out call
 * is no call). A string built there costs nothing; a reviewer would ask
 * to delete the function, not to change its loop (Artalk's
 * utils.TruncateString). A name in a string, a method value or a block
 * comment keeps it. */
static int rpa_unreached_func(const struct audit_input *in, size_t fi, const struct node *fn)
{
	const struct model *m = in->proj->files[fi].model;
	const char *path = in->proj->files[fi].path, *slash;
	char dir[256];
	size_t n;

	if (fn == NULL || fn->kind != NODE_FUNC || fn->name == NULL ||
	    (fn->flags & (NF_METHOD | NF_LAMBDA | NF_GO_RECEIVER)) || path == NULL ||
	    (slash = strrchr(path, '/')) == NULL || (n = (size_t)(slash - path)) >= sizeof dir ||
	    catalog_list_empty(catalog_get(m->lang, "rp_module_private_dirs")))
		return 0;
	/* the folder as a dotted name, matched like a callee */
	for (size_t i = 0; i < n; i++)
		dir[i] = path[i] == '/' ? '.' : path[i];
	dir[n] = '\0';
	if (!catalog_match(catalog_get(m->lang, "rp_module_private_dirs"), dir))
		return 0;
	return auditor_code_word_count(in->proj, fn->name, strlen(fn->name), 2) == 1;
}

static void rp_check_string_concat_loop(const struct audit_input *in, struct finding_sink *out,
				 size_t fi, const struct node *a)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *loop, *fn, *init, *l;
	const struct node *vc = sem_first_call(m, a);
	static const char *const no_kv[] = { NULL };
	char target[96], stmt[100], conv[160], fix[200];
	int is_str = 0, unbounded = 0, outer = 0, display = 1, field;
	const struct front_end *fe = lang_get(m->lang);
	struct finding *f;

	/* JavaScript engines build `s += x` as ropes: not quadratic there */
	if (fe == NULL || !fe->traits.string_concat_quadratic)
		return;
	if (a->name == NULL || strcmp(a->name, "+=") != 0 || a->text.len == 0 ||
	    a->text.len >= sizeof target)
		return;
	span_copy(m, a->text, target, sizeof target);
	field = rpa_field_target(m, target);
	if (!field && strpbrk(target, ".[ ,()") != NULL)
		return;
	loop = model_enclosing_loop(m, a);
	if (loop == NULL || (loop->flags & NF_COMPREHENSION))
		return;
	/* reset at the start of each iteration: each string stays short */
	if (rpa_assigned_in(m, loop, target) || rpa_earlier_concat(m, loop, a, target))
		return;
	fn = sem_func(m, a);
	if (rpa_unreached_func(in, fi, fn))
		return;
	/* a field has no initialiser of its own to read: the piece must say */
	init = field ? NULL : sem_assignment(m, fn ? fn : &m->nodes[0], target, loop->line);
	if (init && span_ptr(m, init->value)[0] == '[')
		return; /* list += : extends in place */
	if (rpa_string_literal(m, span_ptr(m, a->value), a->value.len))
		is_str = 1;
	else if (vc && rpa_builtin(m, vc, "rp_str_builtins") &&
		 (snprintf(conv, sizeof conv, "%s(", vc->u.call->callee),
		  span_starts(m, a->value, conv)))
		is_str = 1;
	else if (init && rpa_string_literal(m, span_ptr(m, init->value), init->value.len))
		is_str = 1;
	else if (init && rpa_declared_string(m, init))
		is_str = 1;
	if (!is_str)
		return;
	/* the loops it accumulates over: up to the one that resets it */
	for (l = loop; l && !(l->flags & NF_COMPREHENSION); l = model_enclosing_loop(m, l)) {
		if (l != loop && rpa_assigned_in(m, l, target))
			break;
		/* `for key, value in params.items()` over `**params`: the
		 * keyword arguments a call site writes, a handful */
		if (rp_over_kwargs(m, fn, l) || rpa_bounded_iter(m, fn, l) ||
		    rpa_param_fixed_at_calls(in, m, fn, l)) {
			outer++;
			continue;
		}
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
	/* the statement as written: the target and its operator */
	snprintf(stmt, sizeof stmt, "%s +=", target);
	finding_set_issue(f, "`%s` grows a string inside the loop at line %u in `%s`: each "
			  "iteration copies everything built so far (quadratic in the %s)",
			  stmt, loop->line, sem_func_name(m, a),
			  unbounded ? "number of items" : "loop length, small here");
	if (db_text(m, "string_concat_loop.fix", no_kv, fix, sizeof fix))
		finding_set_recommendation(f, "%s", fix);
	rp_add_loop_evidence(m, f, a);
	(void)outer;
}

static void visit(const struct audit_input *in, struct finding_sink *out, size_t fi,
		  const struct node *n)
{
	if (1)
		rp_check_string_concat_loop(in, out, fi, n);
}

const struct check_impl check_string_concat_loop = {
	.def = &rp_checks[RP_STRING_CONCAT_LOOP],
	.kinds = VISITS(NODE_AUGASSIGN),
	.visit = visit,
};
