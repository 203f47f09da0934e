/* Python expression scanner: finds the parts of an expression the model
 * cares about (call chains, lambdas, comprehensions, walrus, await,
 * yield) without building a full expression tree.
 *
 * A call chain is a primary (name, string or bracket atom) followed by
 * trailers (.name, (...), [...]); the prefix ending at the last (...) is
 * one CALL node with a normalized callee. Everything inside its argument
 * lists and subscripts becomes its children; a bracket atom is scanned
 * first, into the enclosing node, because it is evaluated first. */
#include "lang/python-parse.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Nesting beyond this is skipped (hostile input would exhaust the stack). */
enum { PY_MAX_DEPTH = 200 };

static void py_scan_group(struct py_parser *p, uint32_t open, uint32_t parent);

/* First index in [a, b) at depth 0 with operator code, or b. */
uint32_t py_find_op(const struct py_parser *p, uint32_t a, uint32_t b, unsigned code)
{
	for (uint32_t i = a; i < b; i = py_skip(p, i))
		if (py_is_op(p, i, code))
			return i;
	return b;
}

/* First index in [a, b) at depth 0 with keyword kw, or b. */
uint32_t py_find_kw(const struct py_parser *p, uint32_t a, uint32_t b, unsigned kw)
{
	for (uint32_t i = a; i < b; i = py_skip(p, i))
		if (py_is_kw(p, i, kw))
			return i;
	return b;
}

/* True when token i is a plain name spelled s. */
int py_name_is(const struct py_parser *p, uint32_t i, const char *s)
{
	const struct py_tok *t = &p->t[i];
	size_t n = strlen(s);

	return t->kind == PT_NAME && t->sub == KW_NONE && t->len == n &&
	       memcmp(p->src + t->off, s, n) == 0;
}

/* Source span of tokens [a, b). */
struct span py_span(const struct py_parser *p, uint32_t a, uint32_t b)
{
	struct span s = { 0, 0 };

	if (a < b) {
		s.off = p->t[a].off;
		s.len = p->t[b - 1].off + p->t[b - 1].len - s.off;
	}
	return s;
}

/* Arena copy of the source text of tokens [a, b). */
const char *py_text(struct py_parser *p, uint32_t a, uint32_t b)
{
	struct span s = py_span(p, a, b);

	return arena_intern(&p->m->arena, p->src + s.off, s.len);
}

/* Last line of token i: strings may span lines, so look the end offset
 * up in the model's line table. */
uint32_t py_end_line(const struct py_parser *p, uint32_t i)
{
	const struct py_tok *t = &p->t[i];
	const uint32_t *lo = p->m->line_off;
	uint32_t end, a, b;

	if (t->kind != PT_STRING || t->len == 0)
		return t->line;
	end = t->off + t->len - 1;
	a = t->line - 1;
	b = p->m->n_lines;
	/* the last line whose start is <= end */
	while (b - a > 1) {
		uint32_t mid = a + (b - a) / 2;
		if (lo[mid] <= end)
			a = mid;
		else
			b = mid;
	}
	return a + 1;
}

/* Adds a node positioned at token i. */
uint32_t py_node(struct py_parser *p, uint32_t parent, enum node_kind kind, uint32_t i)
{
	return model_add_node(p->m, parent, kind, p->t[i].line, p->t[i].col);
}

/* Adds an expression-level node, carrying the header/decorator context. */
static uint32_t py_expr_node(struct py_parser *p, uint32_t parent, enum node_kind kind,
			     uint32_t i, uint32_t last)
{
	uint32_t n = py_node(p, parent, kind, i);

	p->m->nodes[n].flags |= p->expr_flags;
	p->m->nodes[n].end_line = py_end_line(p, last);
	return n;
}

/* Dotted qualified name: enclosing def/class names joined with '.'. */
const char *py_qualname(struct py_parser *p, uint32_t parent, const char *name)
{
	const char *chain[64];
	int n = 0;

	for (uint32_t i = parent; i != 0 && n < 64; i = p->m->nodes[i].parent) {
		const struct node *nd = &p->m->nodes[i];
		if ((nd->kind == NODE_FUNC || nd->kind == NODE_CLASS) && nd->name != NULL)
			chain[n++] = nd->name;
	}
	sb_reset(&p->sb);
	while (n-- > 0) {
		sb_adds(&p->sb, chain[n]);
		sb_addc(&p->sb, '.');
	}
	sb_adds(&p->sb, name);
	return arena_intern(&p->m->arena, p->sb.buf, p->sb.len);
}

/* Marks the function whose own scope contains node n as a generator. */
static void py_mark_generator(struct py_parser *p, uint32_t n)
{
	while (n != 0) {
		n = p->m->nodes[n].parent;
		if (p->m->nodes[n].kind == NODE_FUNC) {
			p->m->nodes[n].flags |= NF_GENERATOR;
			return;
		}
	}
}

/* Number of comma-separated items in [a, b) at depth 0 (trailing comma ok). */
static uint32_t py_count_items(const struct py_parser *p, uint32_t a, uint32_t b)
{
	uint32_t n = 0, last = a;

	if (a >= b)
		return 0;
	for (uint32_t i = a; i < b; i = py_skip(p, i))
		if (py_is_op(p, i, ',')) {
			n++;
			last = i + 1;
		}
	return last < b ? n + 1 : n;
}

/* Value of an integer literal token, or -1. */
static long py_int_value(const struct py_parser *p, uint32_t i)
{
	char buf[24];
	size_t n = 0;
	const struct py_tok *t = &p->t[i];

	if (t->kind != PT_NUMBER || t->len >= sizeof buf)
		return -1;
	for (uint32_t k = 0; k < t->len; k++) {
		char c = p->src[t->off + k];
		if (c == '_')
			continue;
		if (c < '0' || c > '9')
			return -1;
		buf[n++] = c;
	}
	buf[n] = '\0';
	return n ? strtol(buf, NULL, 10) : -1;
}

/* Small literal iterable: a display of < 100 items or range() with literal N < 100. */
int py_small_literal(const struct py_parser *p, uint32_t a, uint32_t b)
{
	/* a loop, not recursion, through redundant parentheses: their
	 * nesting is the input's to choose */
	while (a < b && py_is_opener(p, a) && p->t[a].match == b - 1) {
		uint32_t in_a = a + 1, in_b = b - 1;
		if (py_find_kw(p, in_a, in_b, KW_FOR) != in_b)
			return 0;
		if (!(p->t[a].sub == '(' && in_a < in_b && py_find_op(p, in_a, in_b, ',') == in_b))
			return py_count_items(p, in_a, in_b) < 100;
		a = in_a;  /* just parentheses */
		b = in_b;
	}
	if (a >= b)
		return 0;
	if (py_name_is(p, a, "range") && a + 1 < b && py_is_op(p, a + 1, '(') &&
	    p->t[a + 1].match == b - 1) {
		uint32_t n = py_count_items(p, a + 2, b - 1), i = a + 2, k = 0;
		long stop = -1;
		if (n < 1 || n > 3)
			return 0;
		for (; i < b - 1; k++) {
			long v = py_int_value(p, i);
			if (v < 0 || !(py_is_op(p, i + 1, ',') || i + 1 == b - 1))
				return 0;
			if (k == (n == 1 ? 0u : 1u))
				stop = v;
			i += 2;
		}
		return stop >= 0 && stop < 100;
	}
	/* a bare tuple: for x in a, b, c */
	if (py_find_op(p, a, b, ',') != b)
		return py_count_items(p, a, b) < 100;
	return 0;
}

/* Fills a call's argument list from the parentheses at open. */
static void py_call_args(struct py_parser *p, struct call_info *ci, uint32_t open)
{
	uint32_t a = open + 1, b = p->t[open].match, n = py_count_items(p, a, b), k = 0;

	ci->args_text = py_span(p, a, b);
	if (n == 0)
		return;
	ci->args = arena_alloc(&p->m->arena, n * sizeof *ci->args);
	for (uint32_t s = a; s < b && k < n;) {
		uint32_t e = py_find_op(p, s, b, ',');
		struct arg *ar = &ci->args[k];
		if (e > s) {
			uint32_t x = s;
			if (e - s >= 2 && p->t[s].kind == PT_NAME && py_is_op(p, s + 1, '=')) {
				ar->name = py_text(p, s, s + 1);
				x = s + 2;
			} else if (py_is_op(p, s, '*')) {
				ar->name = "*";
				x = s + 1;
			} else if (py_is_op(p, s, OP_POW)) {
				ar->name = "**";
				x = s + 1;
			}
			ar->expr = py_span(p, x, e);
			k++;
		}
		s = e + 1;
	}
	ci->n_args = k;
}

/* The last operand of a parenthesised fallback of dotted names,
 * `(conn or db)` or `(a.session or b.session)`, or 0: the value is one of
 * them, and the last one is the default that is always there, so a call
 * on the group is named after it (`(conn or db).fetchone` as
 * `db.fetchone`). Anything else in the group (a call, a literal, `and`)
 * keeps the opaque name. */
static uint32_t py_fallback_operand(const struct py_parser *p, uint32_t open)
{
	uint32_t a = open + 1, b = p->t[open].match, last = 0, i = a;
	int ors = 0;

	while (i < b) {
		if (p->t[i].kind != PT_NAME || p->t[i].sub != KW_NONE)
			return 0;
		last = i;
		i++;
		while (i + 1 < b && py_is_op(p, i, '.') && p->t[i + 1].kind == PT_NAME)
			i += 2;
		if (i == b)
			break;
		if (!py_is_kw(p, i, KW_OR))
			return 0;
		ors++;
		i++;
	}
	return ors > 0 && i == b ? last : 0;
}

/* Appends the normalized text of chain segment [i, next) to p->sb. */
static void py_callee_segment(struct py_parser *p, uint32_t i, int atom)
{
	const struct py_tok *t = &p->t[i];

	if (atom) {
		uint32_t f = py_is_opener(p, i) && t->sub == '(' ? py_fallback_operand(p, i) : 0;
		if (f) {
			for (uint32_t k = f; k < t->match; k++)
				if (py_is_op(p, k, '.'))
					sb_addc(&p->sb, '.');
				else
					sb_add(&p->sb, p->src + p->t[k].off, p->t[k].len);
		} else if (t->kind == PT_NAME)
			sb_add(&p->sb, p->src + t->off, t->len);
		else if (t->kind == PT_STRING)
			sb_adds(&p->sb, "<str>");
		else
			sb_adds(&p->sb, "<expr>");
	} else if (py_is_op(p, i, '.')) {
		sb_addc(&p->sb, '.');
		sb_add(&p->sb, p->src + p->t[i + 1].off, p->t[i + 1].len);
	} else {
		sb_adds(&p->sb, t->sub == '(' ? "()" : "[]");
	}
}

/* Scans one primary with its trailers starting at i; returns its end. */
static uint32_t py_scan_chain(struct py_parser *p, uint32_t i, uint32_t b, uint32_t parent,
			      int awaited)
{
	uint32_t start = i, atom_end, j, last_call = 0, call;
	int has_call = 0;
	struct call_info *ci;

	if (p->t[i].kind == PT_STRING) {
		while (i < b && p->t[i].kind == PT_STRING)
			i++;
		atom_end = i;
	} else {
		atom_end = py_skip(p, i);
	}
	for (j = atom_end; j < b;) {
		if (py_is_op(p, j, '.') && j + 1 < b && p->t[j + 1].kind == PT_NAME) {
			j += 2;
		} else if (py_is_op(p, j, '(') || py_is_op(p, j, '[')) {
			if (p->t[j].sub == '(') {
				last_call = j;
				has_call = 1;
			}
			j = p->t[j].match + 1;
		} else {
			break;
		}
	}

	/* `await x.y()` awaits the call; `await x().y` or `await fut` does not */
	if (awaited && !(has_call && p->t[last_call].match + 1 == j)) {
		uint32_t aw = py_expr_node(p, parent, NODE_AWAIT, start, j - 1);
		p->m->nodes[aw].value = py_span(p, start, j);
		parent = aw;
		awaited = 0;
	}
	if (py_is_opener(p, start))
		py_scan_group(p, start, parent);
	if (!has_call) {
		for (uint32_t k = atom_end; k < j; k = py_skip(p, k))
			if (py_is_opener(p, k))
				py_scan_group(p, k, parent);
		return j;
	}

	sb_reset(&p->sb);
	py_callee_segment(p, start, 1);
	for (uint32_t k = atom_end; k < last_call; k = py_skip(p, k)) {
		py_callee_segment(p, k, 0);
		if (py_is_op(p, k, '.'))
			k++;
	}
	call = py_expr_node(p, parent, NODE_CALL, start, p->t[last_call].match);
	if (awaited)
		p->m->nodes[call].flags |= NF_AWAITED;
	ci = arena_alloc(&p->m->arena, sizeof *ci);
	ci->callee = arena_intern(&p->m->arena, p->sb.buf, p->sb.len);
	ci->name = strrchr(ci->callee, '.');
	ci->name = ci->name ? ci->name + 1 : ci->callee;
	py_call_args(p, ci, last_call);
	p->m->nodes[call].u.call = ci;
	for (uint32_t k = atom_end; k < j; k = py_skip(p, k))
		if (py_is_opener(p, k))
			py_scan_group(p, k, call);
	return j;
}

/* `lambda params: body`: a FUNC with NF_LAMBDA; returns the end of the body. */
static uint32_t py_scan_lambda(struct py_parser *p, uint32_t i, uint32_t b, uint32_t parent)
{
	uint32_t colon = py_find_op(p, i + 1, b, ':'), end, fn;
	uint16_t saved = p->expr_flags;
	struct func_info *fi;

	end = colon < b ? py_find_op(p, colon + 1, b, ',') : b;
	fn = py_expr_node(p, parent, NODE_FUNC, i, end > i + 1 ? end - 1 : i);
	p->m->nodes[fn].flags |= NF_LAMBDA;
	p->m->nodes[fn].name = "<lambda>";
	fi = arena_alloc(&p->m->arena, sizeof *fi);
	p->m->nodes[fn].u.func = fi;
	fi->qualname = py_qualname(p, parent, "<lambda>");
	fi->body_line = colon + 1 < end ? p->t[colon + 1].line : p->t[i].line;
	py_params(p, i + 1, colon, fn, 1);
	/* the body is the lambda's own scope: not header code any more */
	p->expr_flags = 0;
	if (colon < b)
		py_scan(p, colon + 1, end, fn);
	p->expr_flags = saved;
	return end;
}

/* `name := value`: an ASSIGN with NF_WALRUS; returns the end of the value. */
static uint32_t py_scan_walrus(struct py_parser *p, uint32_t i, uint32_t b, uint32_t parent)
{
	uint32_t end = py_find_op(p, i + 2, b, ','), n;

	n = py_expr_node(p, parent, NODE_ASSIGN, i, end > i + 2 ? end - 1 : i);
	p->m->nodes[n].flags |= NF_WALRUS;
	p->m->nodes[n].name = py_text(p, i, i + 1);
	p->m->nodes[n].text = py_span(p, i, i + 1);
	p->m->nodes[n].value = py_span(p, i + 2, end);
	py_scan(p, i + 2, end, n);
	return end;
}

/* `yield [from] value` up to the end of the range. */
static void py_scan_yield(struct py_parser *p, uint32_t i, uint32_t b, uint32_t parent)
{
	uint32_t j = i + 1, n = py_expr_node(p, parent, NODE_YIELD, i, b - 1);

	if (j < b && py_is_kw(p, j, KW_FROM)) {
		p->m->nodes[n].flags |= NF_YIELD_FROM;
		j++;
	}
	p->m->nodes[n].value = py_span(p, j, b);
	py_mark_generator(p, n);
	py_scan(p, j, b, n);
}

/* Scans a bracket group; a comprehension becomes a LOOP node. */
static void py_scan_group(struct py_parser *p, uint32_t open, uint32_t parent)
{
	uint32_t a = open + 1, b = p->t[open].match, f, fs, in, iter_end, loop;
	uint16_t saved = p->expr_flags;
	struct loop_info *li;

	if (b <= a)
		return;
	f = py_find_kw(p, a, b, KW_FOR);
	in = f < b ? py_find_kw(p, f + 1, b, KW_IN) : b;
	if (f == a || in == b) {
		py_scan(p, a, b, parent);
		return;
	}
	fs = py_is_kw(p, f - 1, KW_ASYNC) ? f - 1 : f;
	for (iter_end = in + 1; iter_end < b; iter_end = py_skip(p, iter_end))
		if (py_is_kw(p, iter_end, KW_FOR) || py_is_kw(p, iter_end, KW_ASYNC) ||
		    py_is_kw(p, iter_end, KW_IF))
			break;
	/* the first iterable is evaluated once, in the enclosing scope */
	py_scan(p, in + 1, iter_end, parent);
	loop = py_expr_node(p, parent, NODE_LOOP, open, b);
	p->m->nodes[loop].flags |= NF_COMPREHENSION | (fs != f ? NF_ASYNC : 0);
	p->m->nodes[loop].name = py_text(p, f + 1, in);
	li = arena_alloc(&p->m->arena, sizeof *li);
	li->target = py_span(p, f + 1, in);
	li->iter = py_span(p, in + 1, iter_end);
	p->m->nodes[loop].u.loop = li;
	p->expr_flags = 0;
	py_scan(p, a, fs, loop);
	py_scan(p, iter_end, b, loop);
	p->expr_flags = saved;
}

/* Scans tokens [a, b) for expression nodes, adding them under parent. */
void py_scan(struct py_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	int awaited = 0;

	if (++p->depth > PY_MAX_DEPTH) {
		if (p->depth == PY_MAX_DEPTH + 1)
			model_add_error(p->m, p->t[a < b ? a : 0].line, "expression nested too deeply");
		p->depth--;
		return;
	}
	for (uint32_t i = a; i < b;) {
		const struct py_tok *t = &p->t[i];
		int aw = awaited;

		awaited = 0;
		if (t->kind == PT_NAME) {
			switch (t->sub) {
			case KW_LAMBDA:
				i = py_scan_lambda(p, i, b, parent);
				continue;
			case KW_AWAIT:
				awaited = 1;
				i++;
				continue;
			case KW_YIELD:
				py_scan_yield(p, i, b, parent);
				i = b;
				continue;
			case KW_NONE:
				if (i + 1 < b && py_is_op(p, i + 1, OP_WALRUS)) {
					i = py_scan_walrus(p, i, b, parent);
					continue;
				}
				/* fall through */
			case KW_TRUE: case KW_FALSE: case KW_NONE_:
				i = py_scan_chain(p, i, b, parent, aw);
				continue;
			default:
				i++;
				continue;
			}
		}
		if (t->kind == PT_STRING || py_is_opener(p, i)) {
			i = py_scan_chain(p, i, b, parent, aw);
			continue;
		}
		i++;
	}
	p->depth--;
}

/* Fills func_info params from tokens [a, b) (between a def's parentheses
 * or a lambda's `lambda` and `:`); calls in defaults and annotations are
 * header code of the FUNC (lambda defaults belong to the enclosing node). */
void py_params(struct py_parser *p, uint32_t a, uint32_t b, uint32_t func, int lambda)
{
	struct func_info *fi = p->m->nodes[func].u.func;
	uint32_t n = py_count_items(p, a, b), k = 0;
	uint32_t owner = lambda ? p->m->nodes[func].parent : func;
	uint16_t saved = p->expr_flags;

	if (n == 0)
		return;
	fi->params = arena_alloc(&p->m->arena, n * sizeof *fi->params);
	if (!lambda)
		p->expr_flags = NF_HEADER;
	for (uint32_t s = a; s < b && k < n;) {
		uint32_t e = py_find_op(p, s, b, ','), x = s, eq;
		struct param *pr = &fi->params[k];

		/* a bare `*` (keyword-only marker) takes no slot: the next
		 * parameter reuses it and must not inherit its star */
		pr->star = 0;
		if (x < e && py_is_op(p, x, '*'))
			pr->star = 1, x++;
		else if (x < e && py_is_op(p, x, OP_POW))
			pr->star = 2, x++;
		if (x < e && p->t[x].kind == PT_NAME) {
			pr->name = py_text(p, x, x + 1);
			x++;
			eq = py_find_op(p, x, e, '=');
			if (x < e && py_is_op(p, x, ':')) {
				pr->annotation = py_span(p, x + 1, eq);
				py_scan(p, x + 1, eq, owner);
			}
			if (eq < e) {
				pr->def = py_span(p, eq + 1, e);
				py_scan(p, eq + 1, e, owner);
			}
			k++;
		}
		s = e + 1;
	}
	fi->n_params = k;
	p->expr_flags = saved;
}
