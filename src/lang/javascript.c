/* JavaScript / TypeScript front end: the statement parser and
 * javascript_parse().
 *
 * DESIGN
 * javascript-lex.c turns the file into tokens with balanced brackets and a
 * line-break flag on each token. Statements are parsed by recursive
 * descent over token ranges; a simple statement ends at ';' or at a line
 * break the ASI rules do not continue (js_stmt_end). The model follows the
 * Python front end's shapes: an `else if` is an IF with NF_ELIF and a
 * plain `else` an ELSE node, both siblings after the IF; `catch` is an
 * EXCEPT with NF_CATCH_ALL; `switch` is a MATCH with CASE children.
 * TypeScript-only declarations (type aliases, interfaces, `declare`,
 * overload signatures) add no nodes; enums are one STMT named after the
 * enum; namespace bodies are parsed into the enclosing scope. Problems are
 * model errors; parsing always resumes at the next statement. */
#include "lang/javascript.h"
#include "lang/javascript-parse.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Previous token ends an expression that a following line may not
 * continue (`return`, `break`... are restricted productions). */
static int js_continues(const struct js_parser *p, uint32_t prev, uint32_t j)
{
	const struct js_tok *pt = &p->t[prev], *nt = &p->t[j];

	if (pt->kind == JT_NAME) {
		switch (pt->sub) {
		case JK_RETURN: case JK_THROW: case JK_BREAK: case JK_CONTINUE: case JK_YIELD:
		case JK_DEBUGGER:
			return 0;
		case JK_NEW: case JK_TYPEOF: case JK_INSTANCEOF: case JK_IN: case JK_OF:
		case JK_DELETE: case JK_EXTENDS: case JK_AS: case JK_SATISFIES:
			return 1;
		}
	} else if (pt->kind == JT_OP) {
		switch (pt->sub) {
		case ')': case ']': case '}': case JO_GROUP_END: case JO_INC: case JO_DEC: case '!': case '>':
		case JO_SHR: case JO_USHR:
			break;
		default:
			return 1;
		}
	}
	if (nt->kind == JT_TEMPLATE)
		return 1;
	/* in a class body a line starting `*gen()`, `[key]`, `(`... is a new member */
	if (p->in_members && nt->kind == JT_OP &&
	    (nt->sub == '*' || nt->sub == '[' || nt->sub == '(' || nt->sub == '<'))
		return 0;
	if (nt->kind == JT_NAME)
		return nt->sub == JK_INSTANCEOF || nt->sub == JK_IN || nt->sub == JK_AS ||
		       nt->sub == JK_SATISFIES;
	if (nt->kind != JT_OP)
		return 0;
	switch (nt->sub) {
	case '.': case JO_OPTCHAIN: case ',': case '?': case ':': case '=': case JO_EQ: case JO_CMP:
	case '<': case '>': case '+': case '-': case '*': case '/': case '%': case '&': case '|':
	case '^': case JO_AND: case JO_OR: case JO_NULLISH: case JO_POW: case JO_SHL: case JO_SHR:
	case JO_USHR: case JO_ASSIGNOP: case JO_ARROW: case '(': case '[':
		return 1;
	}
	return 0;
}

uint32_t js_stmt_end(const struct js_parser *p, uint32_t a, uint32_t b)
{
	uint32_t prev = a, j;

	if (a >= b)
		return b;
	if (js_is_op(p, a, ';'))
		return a;
	j = js_skip(p, a);
	prev = js_is_opener(p, a) ? p->t[a].match : a;
	for (; j < b; j = js_skip(p, j)) {
		if (js_is_op(p, j, ';'))
			return j;
		if (js_nl(p, j) && !js_continues(p, prev, j))
			return j;
		prev = js_is_opener(p, j) ? p->t[j].match : j;
	}
	return b;
}

/* Index after a statement ending at e (its ';' included). */
static uint32_t js_after(const struct js_parser *p, uint32_t e, uint32_t b)
{
	return e < b && js_is_op(p, e, ';') ? e + 1 : e;
}

static void js_set_end(struct js_parser *p, uint32_t n, uint32_t last)
{
	uint32_t l = js_end_line(p, last);

	if (p->m->nodes[n].end_line < l)
		p->m->nodes[n].end_line = l;
}

/* Scans header expression tokens [a, b) of compound node n. */
static void js_header(struct js_parser *p, uint32_t a, uint32_t b, uint32_t n)
{
	uint32_t saved = p->expr_flags;

	p->expr_flags = NF_HEADER;
	js_scan(p, a, b, n);
	p->expr_flags = saved;
}

/* Expects '(' at k for keyword statement kw; 0 (and an error) when missing. */
static int js_paren(struct js_parser *p, uint32_t k, uint32_t b, const char *kw)
{
	if (k < b && js_is_op(p, k, '('))
		return 1;
	model_add_error(p->m, p->t[k < b ? k : b - 1].line, "expected '(' after '%s'", kw);
	return 0;
}

/* An expression statement [a, e): STMT, ASSIGN or AUGASSIGN. */
static void js_expr_stmt(struct js_parser *p, uint32_t a, uint32_t e, uint32_t parent)
{
	uint32_t n = js_node(p, parent, NODE_STMT, a), eq = e, f = 0;

	js_set_end(p, n, e > a ? e - 1 : a);
	for (uint32_t i = a; i < e; i = js_skip(p, i)) {
		if (js_is_op(p, i, JO_ARROW) || js_is_op(p, i, '?'))
			break;
		if (js_is_op(p, i, '=') || js_is_op(p, i, JO_ASSIGNOP)) {
			eq = i;
			break;
		}
	}
	if (eq == e || eq == a) {
		p->m->nodes[n].text = js_span(p, a, e);
		js_scan(p, a, e, n);
		return;
	}
	p->m->nodes[n].name = js_text(p, a, eq);
	p->m->nodes[n].text = js_span(p, a, eq);
	for (uint32_t i = a; i < eq; i = js_skip(p, i))
		if (js_is_op(p, i, '.') || js_is_op(p, i, JO_OPTCHAIN) || (js_is_op(p, i, '[') && i > a))
			p->m->nodes[n].flags |= NF_TARGET_ATTR;
	js_scan(p, a, eq, n);
	p->m->nodes[n].value = js_span(p, eq + 1, e);
	if (js_is_op(p, eq, JO_ASSIGNOP)) {
		p->m->nodes[n].kind = NODE_AUGASSIGN;
		p->m->nodes[n].name = js_text(p, eq, eq + 1);
		js_scan(p, eq + 1, e, n);
		return;
	}
	p->m->nodes[n].kind = NODE_ASSIGN;
	if (js_starts_function(p, eq + 1, e)) {
		/* `exports.handler = async () => ...`: named after the last segment */
		const char *name = p->t[eq - 1].kind == JT_NAME ? js_text(p, eq - 1, eq) : NULL;
		f = js_function(p, eq + 1, e, n, name, 0, 0);
	}
	js_scan(p, f ? f : eq + 1, e, n);
	js_require(p, a, eq, eq + 1, e);
}

/* `var|let|const|using x[: T] = v, {a, b} = w` in [a, e). */
static void js_declaration(struct js_parser *p, uint32_t a, uint32_t e, uint32_t parent)
{
	for (uint32_t k = a; k < e;) {
		uint32_t s = k, te, n;

		if (p->t[k].kind != JT_NAME && !js_is_op(p, k, '{') && !js_is_op(p, k, '[')) {
			model_add_error(p->m, p->t[k].line, "expected a name in declaration");
			return;
		}
		k = js_skip(p, k);
		if (k < e && js_is_op(p, k, '!'))
			k++;
		te = k;
		n = js_node(p, parent, NODE_ASSIGN, s);
		p->m->nodes[n].name = js_text(p, s, te);
		p->m->nodes[n].text = js_span(p, s, te);
		if (k < e && js_is_op(p, k, ':')) {
			p->m->nodes[n].flags |= NF_ANNOTATED;
			k = js_skip_type(p, k + 1, e);
		}
		if (k < e && js_is_op(p, k, '=')) {
			uint32_t v = k + 1, ve = js_find_comma(p, v, e), f = 0;
			p->m->nodes[n].value = js_span(p, v, ve);
			if (js_starts_function(p, v, ve))
				f = js_function(p, v, ve, n, te == s + 1 ? p->m->nodes[n].name : NULL, 0, 0);
			js_scan(p, f ? f : v, ve, n);
			js_require(p, s, te, v, ve);
			k = ve;
		}
		js_set_end(p, n, k > s ? k - 1 : s);
		if (k < e && !js_is_op(p, k, ',')) {
			model_add_error(p->m, p->t[k].line, "unexpected token in declaration");
			return;
		}
		k++;
	}
}

/* `if (c) s [else if (c) s]* [else s]`. */
static uint32_t js_if(struct js_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	uint32_t k = a, n;
	int elif = 0;

	for (;;) {
		uint32_t open = k + 1, close;
		n = js_node(p, parent, NODE_IF, k);
		if (elif)
			p->m->nodes[n].flags |= NF_ELIF;
		if (!js_paren(p, open, b, "if"))
			return open;
		close = p->t[open].match;
		p->m->nodes[n].text = p->m->nodes[n].value = js_span(p, open + 1, close);
		js_header(p, open + 1, close, n);
		k = js_statement(p, close + 1, b, n);
		if (k >= b || !js_is_kw(p, k, JK_ELSE))
			return k;
		if (k + 1 < b && js_is_kw(p, k + 1, JK_IF)) {
			k++;
			elif = 1;
			continue;
		}
		n = js_node(p, parent, NODE_ELSE, k);
		return js_statement(p, k + 1, b, n);
	}
}

/* Loop target text without its `const` / `let` / `var` / `await using`. */
static uint32_t js_skip_decl_kw(const struct js_parser *p, uint32_t k, uint32_t e)
{
	if (k < e && js_is_kw(p, k, JK_AWAIT))
		k++;
	if (k + 1 < e && (js_is_kw(p, k, JK_CONST) || js_is_kw(p, k, JK_LET) ||
			  js_is_kw(p, k, JK_VAR) || js_name_is(p, k, "using")) &&
	    (p->t[k + 1].kind == JT_NAME || js_is_opener(p, k + 1)))
		k++;
	return k;
}

/* `for [await] (init; cond; step)`, `for (x of xs)`, `for (k in o)`. */
static uint32_t js_for(struct js_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	uint32_t k = a + 1, n = js_node(p, parent, NODE_LOOP, a), open, close, semi, of, t;
	struct loop_info *li = arena_alloc(&p->m->arena, sizeof *li);

	p->m->nodes[n].u.loop = li;
	if (k < b && js_is_kw(p, k, JK_AWAIT)) {
		p->m->nodes[n].flags |= NF_ASYNC;
		k++;
	}
	if (!js_paren(p, k, b, "for"))
		return k;
	open = k;
	close = p->t[open].match;
	semi = js_find_op(p, open + 1, close, ';');
	if (semi < close) {
		uint32_t semi2 = js_find_op(p, semi + 1, close, ';');
		t = js_skip_decl_kw(p, open + 1, semi);
		li->target = js_span(p, t, js_find_op(p, t, semi, '='));
		li->iter = js_span(p, semi + 1, semi2);
		if (semi2 < close)
			li->step = js_span(p, semi2 + 1, close);
		js_header(p, open + 1, close, n);
	} else {
		for (of = open + 1; of < close; of = js_skip(p, of))
			if (js_is_kw(p, of, JK_OF) || js_is_kw(p, of, JK_IN))
				break;
		t = js_skip_decl_kw(p, open + 1, of);
		li->target = js_span(p, t, of);
		p->m->nodes[n].name = js_text(p, t, of);
		if (of < close) {
			li->iter = js_span(p, of + 1, close);
			if (js_small_literal(p, of + 1, close))
				p->m->nodes[n].flags |= NF_SMALL_LITERAL;
			js_header(p, of + 1, close, n);
		} else {
			model_add_error(p->m, p->t[a].line, "expected 'of', 'in' or ';' in for");
		}
	}
	return js_statement(p, close + 1, b, n);
}

/* `while (c) s` and `do s while (c)`. */
static uint32_t js_while(struct js_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	uint32_t n = js_node(p, parent, NODE_LOOP, a), k = a + 1, close;
	struct loop_info *li = arena_alloc(&p->m->arena, sizeof *li);
	int is_do = js_is_kw(p, a, JK_DO);

	p->m->nodes[n].u.loop = li;
	p->m->nodes[n].flags |= NF_WHILE;
	if (is_do) {
		k = js_statement(p, k, b, n);
		if (k >= b || !js_is_kw(p, k, JK_WHILE)) {
			model_add_error(p->m, p->t[a].line, "expected 'while' after 'do' body");
			return k;
		}
		k++;
	}
	if (!js_paren(p, k, b, "while"))
		return k;
	close = p->t[k].match;
	li->iter = p->m->nodes[n].value = js_span(p, k + 1, close);
	js_header(p, k + 1, close, n);
	js_set_end(p, n, close);
	if (is_do)
		return js_after(p, close + 1, b);
	return js_statement(p, close + 1, b, n);
}

/* A `{ block }` at k under n; returns the index after it. */
static uint32_t js_braced(struct js_parser *p, uint32_t k, uint32_t b, uint32_t n, const char *what)
{
	if (k >= b || !js_is_op(p, k, '{')) {
		model_add_error(p->m, p->t[k < b ? k : b - 1].line, "expected '{' after '%s'", what);
		return k;
	}
	js_block(p, k + 1, p->t[k].match, n);
	js_set_end(p, n, p->t[k].match);
	return p->t[k].match + 1;
}

/* `try {} catch (e) {} finally {}`. */
static uint32_t js_try(struct js_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	uint32_t n = js_node(p, parent, NODE_TRY, a), k = js_braced(p, a + 1, b, n, "try"), h = 0;

	if (k < b && js_is_kw(p, k, JK_CATCH)) {
		uint32_t c = js_node(p, n, NODE_EXCEPT, k);
		p->m->nodes[c].flags |= NF_CATCH_ALL;  /* JS has no typed catch */
		k++;
		if (k < b && js_is_op(p, k, '(')) {
			uint32_t close = p->t[k].match, colon = js_find_op(p, k + 1, close, ':');
			if (k + 1 < colon)
				p->m->nodes[c].name = js_text(p, k + 1, colon);
			k = close + 1;
		}
		k = js_braced(p, k, b, c, "catch");
		h = 1;
	}
	if (k < b && js_is_kw(p, k, JK_FINALLY)) {
		uint32_t f = js_node(p, n, NODE_FINALLY, k);
		k = js_braced(p, k + 1, b, f, "finally");
		h = 1;
	}
	if (!h)
		model_add_error(p->m, p->t[a].line, "'try' without 'catch' or 'finally'");
	return k;
}

/* `switch (x) { case a: ... default: ... }`. */
static uint32_t js_switch(struct js_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	uint32_t n = js_node(p, parent, NODE_MATCH, a), k = a + 1, close, cur = 0, i;

	if (!js_paren(p, k, b, "switch"))
		return k;
	close = p->t[k].match;
	p->m->nodes[n].text = p->m->nodes[n].value = js_span(p, k + 1, close);
	js_header(p, k + 1, close, n);
	k = close + 1;
	if (k >= b || !js_is_op(p, k, '{')) {
		model_add_error(p->m, p->t[a].line, "expected '{' after 'switch (...)'");
		return k;
	}
	close = p->t[k].match;
	for (i = k + 1; i < close;) {
		if (js_is_kw(p, i, JK_CASE)) {
			uint32_t j, q = 0;
			for (j = i + 1; j < close; j = js_skip(p, j)) {
				if (js_is_op(p, j, '?'))
					q++;
				else if (js_is_op(p, j, ':') && q-- == 0)
					break;
			}
			cur = js_node(p, n, NODE_CASE, i);
			p->m->nodes[cur].text = js_span(p, i + 1, j);
			js_header(p, i + 1, j, cur);
			i = j + 1;
			continue;
		}
		if (js_is_kw(p, i, JK_DEFAULT) && i + 1 < close && js_is_op(p, i + 1, ':')) {
			cur = js_node(p, n, NODE_CASE, i);
			i += 2;
			continue;
		}
		if (cur == 0) {
			model_add_error(p->m, p->t[i].line, "statement before the first 'case'");
			cur = n;
		}
		i = js_statement(p, i, close, cur);
	}
	js_set_end(p, n, close);
	return close + 1;
}

/* `export ...`: the declaration is parsed as if unexported. */
static uint32_t js_export(struct js_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	uint32_t k = a + 1, e;

	if (k >= b)
		return k;
	if (js_is_kw(p, k, JK_DEFAULT)) {
		k++;
		if (k < b && (js_is_kw(p, k, JK_FUNCTION) || js_is_kw(p, k, JK_CLASS) ||
			      js_is_op(p, k, '@') || js_name_is(p, k, "abstract") ||
			      js_name_is(p, k, "interface") ||
			      (js_is_kw(p, k, JK_ASYNC) && k + 1 < b && js_is_kw(p, k + 1, JK_FUNCTION))))
			return js_statement(p, k, b, parent);
		e = js_stmt_end(p, k, b);
		if (e > k)
			js_expr_stmt(p, k, e, parent);
		return js_after(p, e, b);
	}
	if (js_is_op(p, k, '=')) {
		e = js_stmt_end(p, k + 1, b);
		if (e > k + 1)
			js_expr_stmt(p, k + 1, e, parent);
		return js_after(p, e, b);
	}
	if (js_is_op(p, k, '*') || js_is_op(p, k, '{') || js_name_is(p, k, "as") ||
	    (js_name_is(p, k, "type") && k + 1 < b && (js_is_op(p, k + 1, '{') || js_is_op(p, k + 1, '*')))) {
		/* a re-export list binds nothing here */
		e = js_stmt_end(p, k, b);
		return js_after(p, e, b);
	}
	return js_statement(p, k, b, parent);
}

/* TypeScript and contextual-keyword statements; 0 when t[a] starts none. */
static uint32_t js_ts_statement(struct js_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	uint32_t k = a + 1, e;

	if (k >= b || js_nl(p, k))
		return 0;
	if ((js_name_is(p, a, "type") && p->t[k].kind == JT_NAME && k + 1 < b &&
	     (js_is_op(p, k + 1, '=') || js_is_op(p, k + 1, '<'))) ||
	    (js_name_is(p, a, "declare") && p->t[k].kind == JT_NAME)) {
		e = js_stmt_end(p, a, b);
		return js_after(p, e, b);
	}
	if (js_name_is(p, a, "interface") && p->t[k].kind == JT_NAME) {
		e = js_find_outside_angle(p, k, b, '{', NULL);
		return e < b ? p->t[e].match + 1 : b;
	}
	if (js_name_is(p, a, "abstract") && js_is_kw(p, k, JK_CLASS))
		return js_class(p, k, b, parent);
	if (js_name_is(p, a, "enum") && p->t[k].kind == JT_NAME && k + 1 < b && js_is_op(p, k + 1, '{')) {
		uint32_t n = js_node(p, parent, NODE_STMT, a);
		p->m->nodes[n].name = js_text(p, k, k + 1);
		p->m->nodes[n].text = js_span(p, a, p->t[k + 1].match + 1);
		js_set_end(p, n, p->t[k + 1].match);
		return p->t[k + 1].match + 1;
	}
	if ((js_name_is(p, a, "namespace") || js_name_is(p, a, "module")) &&
	    (p->t[k].kind == JT_NAME || p->t[k].kind == JT_STRING)) {
		while (k + 1 < b && (p->t[k].kind == JT_NAME || p->t[k].kind == JT_STRING ||
				     js_is_op(p, k, '.')))
			k++;
		if (js_is_op(p, k, '{')) {
			js_block(p, k + 1, p->t[k].match, parent);
			return p->t[k].match + 1;
		}
		return 0;
	}
	if (js_name_is(p, a, "using") && p->t[k].kind == JT_NAME && k + 1 < b &&
	    js_is_op(p, k + 1, '=')) {
		e = js_stmt_end(p, a, b);
		js_declaration(p, k, e, parent);
		return js_after(p, e, b);
	}
	return 0;
}

/* One statement at a (depth already counted). */
static uint32_t js_statement_in(struct js_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	const struct js_tok *t = &p->t[a];
	uint32_t e, n, k;

	if (js_is_op(p, a, ';'))
		return a + 1;
	if (js_is_op(p, a, '@'))
		return js_decorator(p, a, b);
	if (p->n_decos > 0 && !js_is_kw(p, a, JK_CLASS) && !js_is_kw(p, a, JK_EXPORT) &&
	    !js_name_is(p, a, "abstract") && !js_name_is(p, a, "declare")) {
		model_add_error(p->m, t->line, "decorator not followed by a class or member");
		p->n_decos = 0;
	}
	if (js_is_op(p, a, '{')) {
		js_block(p, a + 1, t->match, parent);
		return t->match + 1;
	}
	if (t->kind == JT_NAME && t->sub == JK_NONE && a + 1 < b && js_is_op(p, a + 1, ':'))
		return js_statement(p, a + 2, b, parent);  /* label */
	if (t->kind == JT_NAME) {
		switch (t->sub) {
		case JK_ASYNC:
			if (!(a + 1 < b && js_is_kw(p, a + 1, JK_FUNCTION) && !js_nl(p, a + 1)))
				break;
			/* fall through */
		case JK_FUNCTION:
			k = a + (t->sub == JK_ASYNC) + 1;
			if (k < b && js_is_op(p, k, '*'))
				k++;
			if (k < b && p->t[k].kind == JT_NAME)
				k++;
			if (k < b && js_is_op(p, k, '(') && !js_has_body(p, k, b))
				return js_after(p, js_stmt_end(p, a, b), b);  /* overload */
			e = js_function(p, a, b, parent, NULL, 0, 0);
			return e > a ? e : a + 1;
		case JK_CLASS:
			return js_class(p, a, b, parent);
		case JK_CONST:
			if (a + 2 < b && js_name_is(p, a + 1, "enum"))
				return js_statement(p, a + 1, b, parent);
			/* fall through */
		case JK_VAR: case JK_LET:
			if (t->sub == JK_LET && !(a + 1 < b && (p->t[a + 1].kind == JT_NAME ||
							   js_is_opener(p, a + 1))))
				break;
			e = js_stmt_end(p, a, b);
			js_declaration(p, a + 1, e, parent);
			return js_after(p, e, b);
		case JK_IF:
			return js_if(p, a, b, parent);
		case JK_FOR:
			return js_for(p, a, b, parent);
		case JK_WHILE: case JK_DO:
			return js_while(p, a, b, parent);
		case JK_TRY:
			return js_try(p, a, b, parent);
		case JK_SWITCH:
			return js_switch(p, a, b, parent);
		case JK_RETURN: case JK_THROW:
			e = js_stmt_end(p, a, b);
			n = js_node(p, parent, t->sub == JK_RETURN ? NODE_RETURN : NODE_RAISE, a);
			js_set_end(p, n, e > a ? e - 1 : a);
			p->m->nodes[n].value = js_span(p, a + 1, e);
			js_scan(p, a + 1, e, n);
			return js_after(p, e, b);
		case JK_BREAK: case JK_CONTINUE:
			n = js_node(p, parent, t->sub == JK_BREAK ? NODE_BREAK : NODE_CONTINUE, a);
			if (a + 1 < b && p->t[a + 1].kind == JT_NAME && !js_nl(p, a + 1)) {
				p->m->nodes[n].name = js_text(p, a + 1, a + 2);
				return js_after(p, a + 2, b);
			}
			return js_after(p, a + 1, b);
		case JK_IMPORT:
			if (a + 1 < b && (js_is_op(p, a + 1, '(') || js_is_op(p, a + 1, '.')))
				break;  /* import(...) / import.meta: an expression */
			e = js_stmt_end(p, a, b);
			js_import(p, a, e, parent);
			return js_after(p, e, b);
		case JK_EXPORT:
			return js_export(p, a, b, parent);
		case JK_AWAIT:
			/* `await using conn = await pool.connect()` */
			if (a + 2 < b && js_name_is(p, a + 1, "using") && p->t[a + 2].kind == JT_NAME &&
			    !js_nl(p, a + 1)) {
				e = js_stmt_end(p, a, b);
				js_declaration(p, a + 2, e, parent);
				return js_after(p, e, b);
			}
			break;
		case JK_DEBUGGER:
			return js_after(p, a + 1, b);
		case JK_ELSE: case JK_CATCH: case JK_FINALLY: case JK_CASE: case JK_DEFAULT:
		case JK_EXTENDS: case JK_IN: case JK_INSTANCEOF:
			model_add_error(p->m, t->line, "unexpected '%.*s'", (int)t->len, p->src + t->off);
			return a + 1;
		case JK_NONE:
			if ((e = js_ts_statement(p, a, b, parent)) != 0)
				return e;
			break;
		}
	} else if (t->kind == JT_OP && t->sub != '(' && t->sub != '[' && t->sub != '!' &&
		   t->sub != '-' && t->sub != '+' && t->sub != '~' && t->sub != JO_INC &&
		   t->sub != JO_DEC && t->sub != '<' && t->sub != '/' && t->len > 0) {
		model_add_error(p->m, t->line, "unexpected '%.*s'", (int)t->len, p->src + t->off);
		return js_after(p, js_stmt_end(p, a, b), b);
	}
	e = js_stmt_end(p, a, b);
	if (e > a)
		js_expr_stmt(p, a, e, parent);
	return js_after(p, e, b);
}

uint32_t js_statement(struct js_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	uint32_t r;

	if (a >= b)
		return b;
	if (!js_enter(p, a))
		return b;
	r = js_statement_in(p, a, b, parent);
	js_leave(p);
	return r > a ? r : a + 1;
}

void js_block(struct js_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	for (uint32_t i = a; i < b;)
		i = js_statement(p, i, b, parent);
}

struct model *javascript_parse(char *src, size_t len)
{
	struct js_parser p;
	struct js_tokens toks = { NULL, 0, 0 };
	struct model *m;

	m = model_new(LANG_JAVASCRIPT, src, len);
	js_lex(m, &toks);

	memset(&p, 0, sizeof p);
	p.m = m;
	p.src = m->src;
	p.t = toks.t;
	p.nt = toks.n;
	js_block(&p, 0, toks.n - 1, 0);
	if (p.n_decos > 0)
		model_add_error(m, toks.t[toks.n - 1].line, "decorator not followed by a class or member");

	model_close_lines(m);
	for (uint32_t i = 0; i < m->n_errors; i++)
		if (m->errors[i].line > m->n_lines)
			m->errors[i].line = m->n_lines;

	free(p.decos);
	sb_release(&p.sb);
	js_tokens_free(&toks);
	return m;
}
