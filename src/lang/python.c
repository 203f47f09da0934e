/* Python front end: the structural statement parser and python_parse().
 *
 * DESIGN
 * python-lex.c turns the file into tokens with balanced brackets and
 * NEWLINE / INDENT / DEDENT. This file walks them one logical line at a
 * time: a compound header whose ':' ends the line leaves its node
 * "pending", and the following INDENT opens a block owned by that node;
 * DEDENT closes it. Bodies on the header line (`if x: return y`) are
 * parsed as simple statements right away. Expressions inside statements
 * are handed to python-expr.c. Recoverable problems become model errors
 * and parsing resumes at the next logical line; the model is always
 * usable. End lines of compound nodes are filled in one final pass
 * (children always have larger indexes than their parents). */
#include "lang/python-parse.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Owning block of the innermost open indented block. */
static uint32_t py_top(const struct py_parser *p)
{
	return p->blocks[p->n_blocks - 1];
}

/* The ':' ending a compound header in [a, b), skipping lambdas' own
 * colons (`for f in lambda c: c.copy(), copy.copy:`); b when missing. */
static uint32_t py_colon(const struct py_parser *p, uint32_t a, uint32_t b)
{
	int lambdas = 0;

	for (uint32_t i = a; i < b; i = py_skip(p, i)) {
		if (py_is_kw(p, i, KW_LAMBDA))
			lambdas++;
		else if (py_is_op(p, i, ':') && lambdas-- == 0)
			return i;
	}
	return b;
}

/* Sets the node's end line from the last token of its statement. */
static void py_set_end(struct py_parser *p, uint32_t n, uint32_t last)
{
	p->m->nodes[n].end_line = py_end_line(p, last);
}

/* Scans header expression tokens [a, b) of compound node n. */
static void py_header(struct py_parser *p, uint32_t a, uint32_t b, uint32_t n)
{
	uint16_t saved = p->expr_flags;

	p->expr_flags = NF_HEADER;
	py_scan(p, a, b, n);
	p->expr_flags = saved;
}

/* True when a target in [a, b) writes an attribute or subscript. */
static int py_target_attr(const struct py_parser *p, uint32_t a, uint32_t b)
{
	for (uint32_t i = a; i < b; i = py_skip(p, i)) {
		if (py_is_op(p, i, '.'))
			return 1;
		if (py_is_op(p, i, '[') && i > a && !py_is_op(p, i - 1, ','))
			return 1;
	}
	return 0;
}

/* `import a.b as c, d` and `from ..m import (x as y, z)`. */
static void py_import(struct py_parser *p, uint32_t a, uint32_t b, uint32_t n)
{
	struct strbuf mod = STRBUF_INIT;
	uint32_t i = a + 1, line = p->t[a].line, end = b;
	int from = py_is_kw(p, a, KW_FROM);

	if (from) {
		for (; i < b && !py_is_kw(p, i, KW_IMPORT); i++)
			sb_add(&mod, p->src + p->t[i].off, p->t[i].len);
		i++;
		if (i < b && py_is_op(p, i, '('))
			b = p->t[i++].match;
	}
	while (i < b) {
		uint32_t e = py_find_op(p, i, b, ','), as = py_find_kw(p, i, e, KW_AS);
		size_t name_at;
		struct span loc;

		sb_reset(&p->sb);
		if (from && mod.len > 0) {
			sb_add(&p->sb, mod.buf, mod.len);
			if (mod.buf[mod.len - 1] != '.')
				sb_addc(&p->sb, '.');
		}
		name_at = p->sb.len;
		for (uint32_t k = i; k < as; k++)
			sb_add(&p->sb, p->src + p->t[k].off, p->t[k].len);
		if (as > i) {
			if (as + 1 < e) {
				loc = py_span(p, as + 1, as + 2);
				model_add_import(p->m, p->src + loc.off, loc.len,
						 p->sb.buf, p->sb.len, line);
			} else if (from) {
				model_add_import(p->m, p->sb.buf + name_at, p->sb.len - name_at,
						 p->sb.buf, p->sb.len, line);
			} else {
				/* `import a.b` binds a */
				size_t first = strcspn(p->sb.buf, ".");
				model_add_import(p->m, p->sb.buf, first, p->sb.buf, first, line);
			}
		}
		i = e + 1;
	}
	sb_release(&mod);
	if (n != 0)
		p->m->nodes[n].text = py_span(p, a, end);
}

/* Parses one simple statement in [a, b) under parent. */
static void py_simple(struct py_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	const struct py_tok *t = &p->t[a];
	uint32_t n, i, eq = b, first = b;
	enum node_kind kind = NODE_STMT;

	if (t->kind == PT_OP && !py_is_opener(p, a) && t->sub != '*' && t->sub != '-' &&
	    t->sub != '+' && t->sub != '~' && t->sub != OP_ELLIPSIS && t->sub != OP_POW)
		model_add_error(p->m, t->line, "unexpected '%.*s'", (int)(t->len ? t->len : 1),
				t->len ? p->src + t->off : (const char *)&t->sub);
	if (t->kind == PT_NAME) {
		switch (t->sub) {
		case KW_IN: case KW_IS: case KW_AND: case KW_OR: case KW_AS: case KW_ELSE:
		case KW_ELIF: case KW_EXCEPT: case KW_FINALLY: case KW_CLASS: case KW_DEF:
			model_add_error(p->m, t->line, "unexpected '%.*s'", (int)t->len, p->src + t->off);
			break;
		case KW_RETURN: kind = NODE_RETURN; break;
		case KW_RAISE: kind = NODE_RAISE; break;
		case KW_DEL: kind = NODE_DEL; break;
		case KW_BREAK: kind = NODE_BREAK; break;
		case KW_CONTINUE: kind = NODE_CONTINUE; break;
		case KW_YIELD:
			py_scan(p, a, b, parent);
			return;
		case KW_IMPORT: case KW_FROM:
			/* a module-level import is only its m->imports entries:
			 * no node (no check visits one; model.h) */
			if (parent == 0) {
				py_import(p, a, b, 0);
				return;
			}
			n = py_node(p, parent, NODE_IMPORT, a);
			py_set_end(p, n, b - 1);
			py_import(p, a, b, n);
			return;
		case KW_GLOBAL: case KW_NONLOCAL:
			n = py_node(p, parent, NODE_STMT, a);
			py_set_end(p, n, b - 1);
			p->m->nodes[n].flags |= NF_OUTER_NAMES;
			p->m->nodes[n].value = py_span(p, a + 1, b);
			return;
		case KW_PASS: case KW_ASSERT: case KW_LAMBDA: case KW_AWAIT:
		case KW_NOT:
			first = a;  /* an expression statement: no target */
			break;
		}
	}
	if (kind != NODE_STMT) {
		n = py_node(p, parent, kind, a);
		py_set_end(p, n, b - 1);
		p->m->nodes[n].value = py_span(p, a + 1, b);
		py_scan(p, a + 1, b, n);
		return;
	}
	if (py_name_is(p, a, "type") && a + 2 < b && p->t[a + 1].kind == PT_NAME &&
	    (py_is_op(p, a + 2, '=') || py_is_op(p, a + 2, '['))) {
		/* PEP 695 alias: `type X[T] = ...` */
		n = py_node(p, parent, NODE_STMT, a);
		py_set_end(p, n, b - 1);
		p->m->nodes[n].name = py_text(p, a + 1, a + 2);
		p->m->nodes[n].text = py_span(p, a, b);
		eq = py_find_op(p, a + 2, b, '=');
		p->m->nodes[n].value = py_span(p, eq + 1, b);
		py_scan(p, eq + 1, b, n);
		return;
	}
	/* the first of '=', op= or ':' at depth 0 decides what this is */
	for (i = a; first == b && i < b; i = py_skip(p, i)) {
		if (py_is_kw(p, i, KW_LAMBDA))
			break;
		if (py_is_op(p, i, '=') || py_is_op(p, i, OP_AUGASSIGN) || py_is_op(p, i, ':'))
			first = i;
	}
	n = py_node(p, parent, NODE_STMT, a);
	py_set_end(p, n, b - 1);
	if (first == b || first == a) {
		p->m->nodes[n].text = py_span(p, a, b);
		py_scan(p, a, b, n);
		return;
	}
	p->m->nodes[n].name = py_text(p, a, first);
	p->m->nodes[n].text = py_span(p, a, first);
	if (py_target_attr(p, a, first))
		p->m->nodes[n].flags |= NF_TARGET_ATTR;
	py_scan(p, a, first, n);
	if (py_is_op(p, first, OP_AUGASSIGN)) {
		p->m->nodes[n].kind = NODE_AUGASSIGN;
		p->m->nodes[n].name = py_text(p, first, first + 1);
		p->m->nodes[n].value = py_span(p, first + 1, b);
		py_scan(p, first + 1, b, n);
		return;
	}
	p->m->nodes[n].kind = NODE_ASSIGN;
	if (py_is_op(p, first, ':')) {
		p->m->nodes[n].flags |= NF_ANNOTATED;
		eq = py_find_op(p, first + 1, b, '=');
		py_scan(p, first + 1, eq, n);
		if (eq < b) {
			p->m->nodes[n].value = py_span(p, eq + 1, b);
			py_scan(p, eq + 1, b, n);
		}
		return;
	}
	/* chained `a = b = c`: middle targets are scanned, value is the last part */
	for (i = first; i < b; i = eq) {
		eq = py_find_op(p, i + 1, b, '=');
		if (eq == b) {
			p->m->nodes[n].value = py_span(p, i + 1, b);
			py_scan(p, i + 1, b, n);
		} else {
			py_scan(p, i + 1, eq, n);
		}
	}
}

/* Parses `;`-separated simple statements in [a, b) under parent. */
static void py_simple_list(struct py_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	while (a < b) {
		uint32_t e = py_find_op(p, a, b, ';');
		if (e > a)
			py_simple(p, a, e, parent);
		a = e + 1;
	}
}

/* Finishes a compound header: body on the same line or a pending block. */
static uint32_t py_body(struct py_parser *p, uint32_t n, uint32_t colon, uint32_t b)
{
	py_set_end(p, n, b - 1);
	if (colon >= b) {
		model_add_error(p->m, p->t[b - 1].line, "expected ':'");
		return 0;
	}
	if (colon + 1 < b) {
		if (p->m->nodes[n].kind == NODE_FUNC)
			p->m->nodes[n].u.func->body_line = p->t[colon + 1].line;
		py_simple_list(p, colon + 1, b, n);
		return 0;
	}
	return n;
}

/* Copies the pending decorators into an arena array; scans their calls. */
static struct span *py_take_decorators(struct py_parser *p, uint32_t n, uint32_t *count)
{
	struct span *d = NULL;
	uint16_t saved = p->expr_flags;

	*count = (uint32_t)p->n_decos;
	if (p->n_decos == 0)
		return NULL;
	d = arena_alloc(&p->m->arena, p->n_decos * sizeof *d);
	p->expr_flags = NF_DECORATOR;
	for (size_t k = 0; k < p->n_decos; k++) {
		d[k] = py_span(p, p->decos[k].a, p->decos[k].b);
		py_scan(p, p->decos[k].a, p->decos[k].b, n);
	}
	p->expr_flags = saved;
	p->n_decos = 0;
	return d;
}

/* `[async] def name[T](params) -> ret:`; h is the `def` token. */
static uint32_t py_def(struct py_parser *p, uint32_t a, uint32_t h, uint32_t b, uint32_t parent)
{
	uint32_t n, i = h + 1, colon;
	struct func_info *fi;

	if (i >= b || p->t[i].kind != PT_NAME) {
		model_add_error(p->m, p->t[h].line, "expected a function name");
		p->n_decos = 0;
		return 0;
	}
	n = py_node(p, parent, NODE_FUNC, a);
	p->m->nodes[n].name = py_text(p, i, i + 1);
	if (h != a)
		p->m->nodes[n].flags |= NF_ASYNC;
	if (p->m->nodes[parent].kind == NODE_CLASS)
		p->m->nodes[n].flags |= NF_METHOD;
	fi = arena_alloc(&p->m->arena, sizeof *fi);
	p->m->nodes[n].u.func = fi;
	fi->qualname = py_qualname(p, parent, p->m->nodes[n].name);
	fi->decorators = py_take_decorators(p, n, &fi->n_decorators);
	i++;
	if (i < b && py_is_op(p, i, '['))
		i = p->t[i].match + 1;
	if (i < b && py_is_op(p, i, '(')) {
		py_params(p, i + 1, p->t[i].match, n, 0);
		i = p->t[i].match + 1;
	}
	colon = py_colon(p, i, b);
	if (i < colon && py_is_op(p, i, OP_ARROW)) {
		fi->returns = py_span(p, i + 1, colon);
		py_header(p, i + 1, colon, n);
	}
	return py_body(p, n, colon, b);
}

/* `class Name[T](bases):`. */
static uint32_t py_class(struct py_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	uint32_t n, i = a + 1;
	struct class_info *ci;

	if (i >= b || p->t[i].kind != PT_NAME) {
		model_add_error(p->m, p->t[a].line, "expected a class name");
		p->n_decos = 0;
		return 0;
	}
	n = py_node(p, parent, NODE_CLASS, a);
	p->m->nodes[n].name = py_text(p, i, i + 1);
	ci = arena_alloc(&p->m->arena, sizeof *ci);
	p->m->nodes[n].u.cls = ci;
	ci->decorators = py_take_decorators(p, n, &ci->n_decorators);
	i++;
	if (i < b && py_is_op(p, i, '['))
		i = p->t[i].match + 1;
	if (i < b && py_is_op(p, i, '(')) {
		ci->bases = py_span(p, i + 1, p->t[i].match);
		py_header(p, i + 1, p->t[i].match, n);
		i = p->t[i].match + 1;
	}
	return py_body(p, n, py_colon(p, i, b), b);
}

/* `[async] for target in iter:` and `while cond:`. */
static uint32_t py_loop(struct py_parser *p, uint32_t a, uint32_t h, uint32_t b, uint32_t parent)
{
	uint32_t n = py_node(p, parent, NODE_LOOP, a), colon = py_colon(p, h + 1, b);
	struct loop_info *li = arena_alloc(&p->m->arena, sizeof *li);

	p->m->nodes[n].u.loop = li;
	if (py_is_kw(p, h, KW_WHILE)) {
		p->m->nodes[n].flags |= NF_WHILE;
		li->iter = p->m->nodes[n].value = py_span(p, h + 1, colon);
	} else {
		uint32_t in = py_find_kw(p, h + 1, colon, KW_IN);
		if (h != a)
			p->m->nodes[n].flags |= NF_ASYNC;
		if (in == colon)
			model_add_error(p->m, p->t[h].line, "expected 'in' in for statement");
		li->target = py_span(p, h + 1, in);
		p->m->nodes[n].name = py_text(p, h + 1, in);
		if (in < colon) {
			li->iter = py_span(p, in + 1, colon);
			if (py_small_literal(p, in + 1, colon))
				p->m->nodes[n].flags |= NF_SMALL_LITERAL;
			h = in;
		}
	}
	py_header(p, h + 1, colon, n);
	return py_body(p, n, colon, b);
}

/* `[async] with a as x, b:` including the parenthesized form. */
static uint32_t py_with(struct py_parser *p, uint32_t a, uint32_t h, uint32_t b, uint32_t parent)
{
	uint32_t n = py_node(p, parent, NODE_WITH, a), colon = py_colon(p, h + 1, b);
	uint32_t s = h + 1, e = colon, cnt, k = 0;

	if (h != a)
		p->m->nodes[n].flags |= NF_ASYNC;
	p->m->nodes[n].text = py_span(p, h + 1, colon);
	/* `with (open(a) as f, open(b) as g):` lists items inside parentheses */
	if (py_is_op(p, s, '(') && p->t[s].match + 1 == colon &&
	    (py_find_kw(p, s + 1, p->t[s].match, KW_AS) != p->t[s].match ||
	     py_find_op(p, s + 1, p->t[s].match, ',') != p->t[s].match)) {
		e = p->t[s].match;
		s++;
	}
	cnt = 0;
	for (uint32_t i = s; i < e; i = py_find_op(p, i, e, ',') + 1)
		if (py_find_op(p, i, e, ',') > i)
			cnt++;
	if (cnt > UINT8_MAX) {
		model_add_error(p->m, p->t[s].line, "more than %u with-items; the rest are ignored",
				UINT8_MAX);
		cnt = UINT8_MAX;
	}
	if (cnt > 0)
		p->m->nodes[n].u.items = arena_alloc(&p->m->arena, cnt * sizeof(struct arg));
	for (uint32_t i = s; i < e && k < cnt;) {
		uint32_t ie = py_find_op(p, i, e, ','), as = py_find_kw(p, i, ie, KW_AS);
		if (ie > i) {
			struct arg *it = &p->m->nodes[n].u.items[k++];
			it->expr = py_span(p, i, as);
			if (as + 1 < ie)
				it->name = py_text(p, as + 1, ie);
			py_header(p, i, as, n);
			py_header(p, as + 1, ie, n);
		}
		i = ie + 1;
	}
	p->m->nodes[n].n_items = (uint8_t)k;
	return py_body(p, n, colon, b);
}

/* The dotted names of an except clause's types in tokens [a, b), and
 * NF_CATCH_ALL when it is bare or names Exception / BaseException. */
static void py_except_types(struct py_parser *p, uint32_t n, uint32_t a, uint32_t b)
{
	struct except_info *ei;
	uint32_t i, cnt = 0;

	for (i = a; i < b; i++)
		if (p->t[i].kind == PT_NAME && (i == a || !py_is_op(p, i - 1, '.')))
			cnt++;
	if (cnt == 0) {
		p->m->nodes[n].flags |= NF_CATCH_ALL;
		return;
	}
	ei = arena_alloc(&p->m->arena, sizeof *ei);
	ei->types = arena_alloc(&p->m->arena, cnt * sizeof *ei->types);
	ei->n_types = 0;
	for (i = a; i < b; i++) {
		uint32_t e = i;
		const char *last;

		if (p->t[i].kind != PT_NAME || (i > a && py_is_op(p, i - 1, '.')))
			continue;
		while (e + 2 < b && py_is_op(p, e + 1, '.') && p->t[e + 2].kind == PT_NAME)
			e += 2;
		ei->types[ei->n_types] = py_text(p, i, e + 1);
		last = strrchr(ei->types[ei->n_types], '.');
		last = last ? last + 1 : ei->types[ei->n_types];
		if (strcmp(last, "Exception") == 0 || strcmp(last, "BaseException") == 0)
			p->m->nodes[n].flags |= NF_CATCH_ALL;
		ei->n_types++;
		i = e;
	}
	p->m->nodes[n].u.exc = ei;
}

/* The TRY that an except / finally / try-else at this level belongs to. */
static uint32_t py_last_try(const struct py_parser *p, uint32_t parent)
{
	uint32_t last = p->m->nodes[parent].last_child;

	return last != 0 && p->m->nodes[last].kind == NODE_TRY ? last : 0;
}

/* try / except / finally / else / if / elif / match / case headers. */
static uint32_t py_clause(struct py_parser *p, uint32_t a, uint32_t b, uint32_t parent,
			  enum node_kind kind)
{
	uint32_t n, colon, h = a + 1, owner = parent;

	if (kind == NODE_EXCEPT || kind == NODE_FINALLY ||
	    (kind == NODE_ELSE && py_last_try(p, parent))) {
		owner = py_last_try(p, parent);
		if (owner == 0) {
			model_add_error(p->m, p->t[a].line, "'%s' without 'try'",
					kind == NODE_EXCEPT ? "except" : "finally");
			owner = parent;
		}
	} else if (kind == NODE_ELSE || (kind == NODE_IF && py_is_kw(p, a, KW_ELIF))) {
		uint32_t last = p->m->nodes[parent].last_child;
		unsigned lk = last ? p->m->nodes[last].kind : NODE_MODULE;
		if (lk != NODE_IF && (kind == NODE_IF || lk != NODE_LOOP))
			model_add_error(p->m, p->t[a].line, "'%s' without a matching statement",
					kind == NODE_IF ? "elif" : "else");
	}
	n = py_node(p, owner, kind, a);
	if (kind == NODE_EXCEPT && h < b && py_is_op(p, h, '*')) {
		p->m->nodes[n].flags |= NF_STAR_EXCEPT;
		h++;
	}
	colon = py_colon(p, h, b);
	switch (kind) {
	case NODE_IF:
		if (py_is_kw(p, a, KW_ELIF))
			p->m->nodes[n].flags |= NF_ELIF;
		/* fall through */
	case NODE_MATCH:
		p->m->nodes[n].text = p->m->nodes[n].value = py_span(p, h, colon);
		py_header(p, h, colon, n);
		break;
	case NODE_EXCEPT: {
		uint32_t as = py_find_kw(p, h, colon, KW_AS);
		p->m->nodes[n].text = py_span(p, h, as);
		py_except_types(p, n, h, as);
		if (as + 1 < colon)
			p->m->nodes[n].name = py_text(p, as + 1, colon);
		py_header(p, h, as, n);
		break;
	}
	case NODE_CASE: {
		uint32_t guard = py_find_kw(p, h, colon, KW_IF);
		p->m->nodes[n].text = py_span(p, h, guard);
		if (guard < colon) {
			p->m->nodes[n].value = py_span(p, guard + 1, colon);
			py_header(p, guard + 1, colon, n);
		}
		break;
	}
	default:
		break;
	}
	return py_body(p, n, colon, b);
}

/* `match subject:` only when the soft keyword fits the statement. */
static int py_is_match(const struct py_parser *p, uint32_t a, uint32_t b)
{
	const struct py_tok *t;

	if (!py_name_is(p, a, "match") || a + 2 >= b || !py_is_op(p, b - 1, ':') ||
	    py_colon(p, a + 1, b) != b - 1)
		return 0;
	t = &p->t[a + 1];
	if (t->kind == PT_NAME)
		return t->sub == KW_NONE || t->sub == KW_NOT || t->sub == KW_AWAIT ||
		       t->sub == KW_TRUE || t->sub == KW_FALSE || t->sub == KW_NONE_;
	if (t->kind == PT_OP)
		return t->sub == '(' || t->sub == '[' || t->sub == '{' || t->sub == '-' ||
		       t->sub == '*' || t->sub == '~' || t->sub == OP_ELLIPSIS;
	return t->kind == PT_NUMBER || t->kind == PT_STRING;
}

/* Parses one logical line [a, b) in the block owned by parent; returns
 * the node whose indented block should follow, or 0. */
static uint32_t py_line(struct py_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	uint32_t h = a;
	unsigned kw;
	struct node *owner = &p->m->nodes[parent];

	if (owner->kind == NODE_FUNC && owner->u.func->body_line == 0)
		owner->u.func->body_line = p->t[a].line;
	if (py_is_op(p, a, '@')) {
		if (p->n_decos == p->cap_decos)
			XGROW(p->decos, p->cap_decos, p->n_decos + 1);
		p->decos[p->n_decos].a = a + 1;
		p->decos[p->n_decos++].b = b;
		return 0;
	}
	if (py_is_kw(p, a, KW_ASYNC) && a + 1 < b &&
	    (py_is_kw(p, a + 1, KW_DEF) || py_is_kw(p, a + 1, KW_FOR) || py_is_kw(p, a + 1, KW_WITH)))
		h = a + 1;
	kw = p->t[h].kind == PT_NAME ? p->t[h].sub : KW_NONE;
	if (p->n_decos > 0 && kw != KW_DEF && kw != KW_CLASS) {
		model_add_error(p->m, p->t[a].line, "decorator not followed by def or class");
		p->n_decos = 0;
	}
	switch (kw) {
	case KW_DEF: return py_def(p, a, h, b, parent);
	case KW_CLASS: return py_class(p, a, b, parent);
	case KW_FOR: case KW_WHILE: return py_loop(p, a, h, b, parent);
	case KW_WITH: return py_with(p, a, h, b, parent);
	case KW_IF: case KW_ELIF: return py_clause(p, a, b, parent, NODE_IF);
	case KW_ELSE: return py_clause(p, a, b, parent, NODE_ELSE);
	case KW_TRY: return py_clause(p, a, b, parent, NODE_TRY);
	case KW_EXCEPT: return py_clause(p, a, b, parent, NODE_EXCEPT);
	case KW_FINALLY: return py_clause(p, a, b, parent, NODE_FINALLY);
	}
	if (py_is_match(p, a, b))
		return py_clause(p, a, b, parent, NODE_MATCH);
	if (owner->kind == NODE_MATCH && py_name_is(p, a, "case") && a + 1 < b)
		return py_clause(p, a, b, parent, NODE_CASE);
	py_simple_list(p, a, b, parent);
	return 0;
}

/* Walks all logical lines, maintaining the block stack. */
static void py_parse_tokens(struct py_parser *p)
{
	uint32_t i = 0, pending = 0;

	p->cap_blocks = 16;
	p->blocks = xmalloc(p->cap_blocks * sizeof *p->blocks);
	p->blocks[p->n_blocks++] = 0;
	while (p->t[i].kind != PT_END) {
		const struct py_tok *t = &p->t[i];
		uint32_t e;

		if (t->kind == PT_INDENT) {
			if (pending == 0)
				model_add_error(p->m, t->line, "unexpected indent");
			if (p->n_blocks == p->cap_blocks)
				XGROW(p->blocks, p->cap_blocks, p->n_blocks + 1);
			p->blocks[p->n_blocks++] = pending ? pending : py_top(p);
			pending = 0;
			i++;
			continue;
		}
		if (pending != 0 && t->kind != PT_NEWLINE) {
			model_add_error(p->m, t->line, "expected an indented block");
			pending = 0;
		}
		if (t->kind == PT_DEDENT) {
			if (p->n_blocks > 1)
				p->n_blocks--;
			i++;
			continue;
		}
		if (t->kind == PT_NEWLINE) {
			i++;
			continue;
		}
		for (e = i; p->t[e].kind != PT_NEWLINE && p->t[e].kind != PT_END;)
			e = py_skip(p, e);
		pending = py_line(p, i, e, py_top(p));
		i = e;
	}
	if (pending != 0)
		model_add_error(p->m, p->t[i].line, "expected an indented block");
	if (p->n_decos > 0)
		model_add_error(p->m, p->t[i].line, "decorator not followed by def or class");
}

/* Parses Python source (ownership of src taken) into a model. */
struct model *python_parse(char *src, size_t len)
{
	struct py_parser p;
	struct py_tokens toks = { NULL, 0, 0 };
	struct model *m;

	m = model_new(LANG_PYTHON, src, len);
	py_lex(m, &toks);

	memset(&p, 0, sizeof p);
	p.m = m;
	p.src = m->src;
	p.t = toks.t;
	p.nt = toks.n;
	py_parse_tokens(&p);

	model_close_lines(m);

	free(p.blocks);
	free(p.decos);
	sb_release(&p.sb);
	py_tokens_free(&toks);
	return m;
}
