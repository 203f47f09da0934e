/* ln-653, allocation checks (unnecessary_allocation, string_concat_loop,
 * redundant_copy): the facts they share. These checks are cheap to get
 * wrong, so each proves its premise from the code before reporting: the
 * argument really is a list comprehension, the operand really is a string,
 * the copy really is never written to nor handed to code that might write
 * to it. */
#include "auditor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "semantic.h"
#include "util/xalloc.h"
#include "rp.h"

/* True when the callee is a builtin of word list `list` (bare, not
 * shadowed by an import). */
int rpa_builtin(const struct model *m, const struct node *c, const char *list)
{
	const char *name = c->u.call->callee;
	char res[128];

	if (!catalog_match(catalog_get(m->lang, list), name))
		return 0;
	model_resolve(m, name, res, sizeof res);
	return strcmp(res, name) == 0;
}

/* True when the text of span s matches word list `list` (its patterns
 * say prefix, suffix or substring). */
int rp_span_match(const struct model *m, struct span s, const char *list)
{
	char buf[256], *t = s.len < sizeof buf ? buf : xmalloc(s.len + 1);
	int r;

	memcpy(t, span_ptr(m, s), s.len);
	t[s.len] = '\0';
	r = catalog_match(catalog_get(m->lang, list), t);
	if (t != buf)
		free(t);
	return r;
}

/* Trims whitespace around s[0..*n). */
const char *rpa_trim(const char *s, size_t *n)
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
int rpa_is_listcomp(const char *s, size_t n)
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
const struct arg *rpa_single_arg(const struct node *c)
{
	if (c->u.call->n_args != 1 || c->u.call->args[0].name != NULL)
		return NULL;
	return &c->u.call->args[0];
}

/* Severity of the allocation checks: MEDIUM on a hot path (a handler or a
 * loop), LOW otherwise. */
enum severity rpa_hot_severity(const struct audit_input *in, size_t fi,
				      const struct node *n)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *loop = model_enclosing_loop(m, n);
	unsigned role = index_role_at(in->proj, (uint32_t)fi, n);

	if ((role & (ROLE_HANDLER | ROLE_HANDLER_PATH)) || (loop && !(loop->flags & NF_COMPREHENSION)))
		return SEV_MEDIUM;
	return SEV_LOW;
}

/* Methods that only read their receiver (the rest may change a list /
 * dict / set, or anything else, in place). */
int rpa_readonly_method(const struct model *m, const char *name)
{
	return catalog_match(catalog_get(m->lang, "rp_readonly_methods"), name);
}

/* Calls that only read their arguments: the catalog's, and a string
 * literal's join. */
int rpa_readonly_call(const struct model *m, const char *callee)
{
	if (catalog_match(catalog_get(m->lang, "rp_readonly_calls"), callee))
		return 1;
	return (callee[0] == '"' || callee[0] == '\'') &&
	       catalog_match(catalog_get(m->lang, "rp_string_join"), callee);
}

/* True when ident occurs on any of the lines [from, to]. */
int rpa_lines_have(const struct model *m, uint32_t from, uint32_t to, const char *ident)
{
	for (uint32_t l = from; l <= to && budget_step(); l++) {
		size_t len = 0;
		const char *t = model_line(m, l, &len);

		if (t && sem_has_plain_ident(t, len, ident))
			return 1;
	}
	return 0;
}

/* True when expression v hands var itself on: `v`, `[v]`, `{"k": v}`,
 * `(a, v)`. Expressions that only read from it (`v["k"] * 2`,
 * `max(v) - min(v)`) do not. */
int rpa_aliases(const struct model *m, struct span v, const char *var)
{
	size_t n = v.len, vn = strlen(var);
	const char *t = rpa_trim(span_ptr(m, v), &n);

	if (!sem_has_plain_ident(t, n, var))
		return 0;
	return (n == vn && strncmp(t, var, vn) == 0) || (n && strchr("[{(", t[0]));
}

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
			    strchr(callee + vn + 1, '.') == NULL && !rpa_readonly_method(m, callee + vn + 1))
				return 1;
			if (!rpa_readonly_call(m, callee))
				for (uint32_t k = 0; k < x->u.call->n_args; k++)
					if (rpa_aliases(m, x->u.call->args[k].expr, var))
						return 1; /* handed to code that may keep or change it */
			break;
		}
		case NODE_ASSIGN:
		case NODE_AUGASSIGN:
			/* written through (`v[k] = `, `v.x = `, `v += `) or rebound */
			if (sem_span_has_plain_ident(m, x->text, var))
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
			    sem_span_has_plain_ident(m, x->u.loop->iter, var)) {
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
int rpa_may_change(const struct model *m, const struct node *root, const char *var,
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
int rpa_suspends(const struct model *m, const struct node *root, uint32_t after)
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
