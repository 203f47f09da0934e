/* Go expression scanner: finds the parts of an expression the model cares
 * about (call chains, function literals) without building an expression
 * tree, and checks that operands and operators alternate so that garbage
 * is reported.
 *
 * A call chain is a primary (name, literal, parenthesized expression,
 * function literal, composite literal) followed by trailers (.name,
 * .(Type), [index], [TypeArgs], (args), {elements}); the prefix ending at
 * the last (args) is ONE call node with a normalized callee:
 * `db.QueryRowContext(ctx, q).Scan(&n)` -> "db.QueryRowContext().Scan".
 * Type assertions and generic instantiations are left out of the callee
 * (`x.(Querier).Query` -> "x.Query", `Map[int](xs)` -> "Map"); an index
 * stays as "[]". Everything inside the chain's brackets becomes the call's
 * children; a parenthesized primary is scanned first, into the enclosing
 * node. Conversions to composite types (`[]byte(s)`) are not calls. */
#include "lang/go-parse.h"

#include <string.h>

static const char *const go_predeclared[] = {
	"any", "bool", "byte", "comparable", "complex64", "complex128", "error",
	"float32", "float64", "int", "int8", "int16", "int32", "int64", "rune",
	"string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", NULL
};

/* True when token i names a type by its spelling: exported, or predeclared. */
static int go_typeish_name(const struct go_parser *p, uint32_t i)
{
	const struct go_tok *t = &p->t[i];
	const char *s = p->src + t->off;

	if (!go_is_ident(p, i))
		return 0;
	if (s[0] >= 'A' && s[0] <= 'Z')
		return 1;
	for (int k = 0; go_predeclared[k]; k++)
		if (strlen(go_predeclared[k]) == t->len && memcmp(go_predeclared[k], s, t->len) == 0)
			return 1;
	return 0;
}

/* True when token i starts a type that cannot be an expression operand. */
static int go_type_start(const struct go_parser *p, uint32_t i)
{
	const struct go_tok *t = &p->t[i];

	if (t->kind == GT_NAME)
		return t->sub == GK_MAP || t->sub == GK_CHAN || t->sub == GK_STRUCT ||
		       t->sub == GK_INTERFACE || t->sub == GK_FUNC;
	return go_is_op(p, i, '[') || go_is_op(p, i, '*') || go_is_op(p, i, GO_ARROW);
}

/* True when the bracket contents [a, b) read as type arguments. */
static int go_type_args(const struct go_parser *p, uint32_t a, uint32_t b)
{
	if (a >= b)
		return 0;
	for (uint32_t s = a; s < b;) {
		uint32_t e = go_find_op(p, s, b, ','), last = e;
		if (e == s)
			return 0;
		if (!go_type_start(p, s)) {
			/* the last name before any type arguments: pkg.Type[...] */
			for (uint32_t k = s; k < e; k = go_skip(p, k)) {
				if (go_is_op(p, k, '['))
					break;
				if (p->t[k].kind != GT_NAME && !go_is_op(p, k, '.'))
					return 0;
				if (go_is_ident(p, k))
					last = k;
			}
			if (last == e || !go_typeish_name(p, last))
				return 0;
		}
		s = e + 1;
	}
	return 1;
}

uint32_t go_skip_type(struct go_parser *p, uint32_t i, uint32_t b)
{
	uint32_t r = i;

	if (i >= b || !go_enter(p, i))
		return i;
	if (go_is_ident(p, i)) {
		r = i + 1;
		if (r + 1 < b && go_is_op(p, r, '.') && go_is_ident(p, r + 1))
			r += 2;
		if (r < b && go_is_op(p, r, '['))
			r = p->t[r].match + 1;
	} else if (go_is_op(p, i, '*') || go_is_op(p, i, GO_ELLIPSIS) || go_is_op(p, i, '~')) {
		r = go_skip_type(p, i + 1, b);
	} else if (go_is_op(p, i, '(')) {
		r = p->t[i].match + 1;
	} else if (go_is_op(p, i, '[')) {
		r = go_skip_type(p, p->t[i].match + 1, b);
	} else if (go_is_kw(p, i, GK_MAP)) {
		r = i + 1 < b && go_is_op(p, i + 1, '[') ? go_skip_type(p, p->t[i + 1].match + 1, b) : i + 1;
	} else if (go_is_kw(p, i, GK_CHAN)) {
		r = i + 1;
		if (r < b && go_is_op(p, r, GO_ARROW))
			r++;
		r = go_skip_type(p, r, b);
	} else if (go_is_op(p, i, GO_ARROW) && i + 1 < b && go_is_kw(p, i + 1, GK_CHAN)) {
		r = go_skip_type(p, i + 2, b);
	} else if (go_is_kw(p, i, GK_FUNC)) {
		r = i + 1 < b && go_is_op(p, i + 1, '(') ? go_skip_results(p, p->t[i + 1].match + 1, b) : i + 1;
	} else if (go_is_kw(p, i, GK_STRUCT) || go_is_kw(p, i, GK_INTERFACE)) {
		r = i + 1 < b && go_is_op(p, i + 1, '{') ? p->t[i + 1].match + 1 : i + 1;
	}
	go_leave(p);
	return r > b ? b : r;
}

uint32_t go_skip_results(struct go_parser *p, uint32_t i, uint32_t b)
{
	if (i >= b)
		return i;
	if (go_is_op(p, i, '('))
		return p->t[i].match + 1;
	if (go_is_ident(p, i) || go_type_start(p, i))
		return go_skip_type(p, i, b);
	return i;
}

/* Adds an expression-level node carrying the header context. */
static uint32_t go_expr_node(struct go_parser *p, uint32_t parent, enum node_kind kind,
			     uint32_t i, uint32_t last)
{
	uint32_t n = go_node(p, parent, kind, i, last);

	p->m->nodes[n].flags |= p->expr_flags;
	return n;
}

/* Scans the inside of the bracket group at open. */
static void go_scan_group(struct go_parser *p, uint32_t open, uint32_t parent)
{
	go_scan(p, open + 1, p->t[open].match, parent);
}

uint32_t go_func_lit(struct go_parser *p, uint32_t i, uint32_t b, uint32_t parent)
{
	uint32_t open = i + 1, res, body, fn;
	uint32_t saved = p->expr_flags;
	struct func_info *fi;

	res = p->t[open].match + 1;
	body = go_skip_results(p, res, b);
	fn = go_expr_node(p, parent, NODE_FUNC, i, p->t[body].match);
	p->m->nodes[fn].flags |= NF_LAMBDA;
	p->m->nodes[fn].name = "func";
	fi = arena_alloc(&p->m->arena, sizeof *fi);
	p->m->nodes[fn].u.func = fi;
	fi->qualname = go_qualname(p, parent, "func");
	fi->returns = go_span(p, res, body);
	fi->body_line = p->t[body + 1].line;  /* the first body token (no `;` follows `{`) */
	go_params(p, open, fn, 0);
	/* the body is the literal's own scope: not header code any more */
	p->expr_flags = 0;
	go_block(p, body, fn);
	p->expr_flags = saved;
	return p->t[body].match + 1;
}

/* True when `func` at i starts a literal (a body follows the signature). */
static uint32_t go_lit_body(struct go_parser *p, uint32_t i, uint32_t b)
{
	uint32_t e;

	if (i + 1 >= b || !go_is_op(p, i + 1, '('))
		return 0;
	e = go_skip_results(p, p->t[i + 1].match + 1, b);
	return e < b && go_is_op(p, e, '{') ? e : 0;
}

/* Fills a call's arguments from the parentheses at open. */
static void go_call_args(struct go_parser *p, struct call_info *ci, uint32_t open)
{
	uint32_t a = open + 1, b = p->t[open].match, n = 0, k = 0;

	ci->args_text = go_span(p, a, b);
	for (uint32_t s = a; s < b; s = go_find_op(p, s, b, ',') + 1)
		n++;
	if (n == 0)
		return;
	ci->args = arena_alloc(&p->m->arena, n * sizeof *ci->args);
	for (uint32_t s = a; s < b && k < n;) {
		uint32_t e = go_find_op(p, s, b, ','), x = e;
		if (e > s) {
			if (go_is_op(p, e - 1, GO_ELLIPSIS)) {
				ci->args[k].name = "*";  /* xs... spreads a slice */
				x = e - 1;
			}
			ci->args[k++].expr = go_span(p, s, x);
		}
		s = e + 1;
	}
	ci->n_args = k;
}

/* Scans one primary with its trailers starting at i; returns its end. */
static uint32_t go_chain(struct go_parser *p, uint32_t i, uint32_t b, uint32_t parent)
{
	uint32_t start = i, atom_end, j, last_call = 0, call, target;
	uint32_t lit_body = 0;
	int has_call = 0, typed = 0;
	struct call_info *ci;

	if (go_is_kw(p, i, GK_FUNC) && (lit_body = go_lit_body(p, i, b)) != 0) {
		atom_end = p->t[lit_body].match + 1;
	} else if (go_type_start(p, i) && !go_is_op(p, i, '*') && !go_is_op(p, i, GO_ARROW)) {
		/* a composite type: a literal T{...}, a conversion T(x), or a bare type */
		atom_end = go_skip_type(p, i, b);
		if (atom_end == i)
			atom_end = i + 1;
		typed = 1;
	} else {
		atom_end = go_skip(p, i);
	}
	for (j = atom_end; j < b;) {
		if (go_is_op(p, j, '.') && j + 1 < b && go_is_ident(p, j + 1)) {
			j += 2;
		} else if (go_is_op(p, j, '.') && j + 1 < b && go_is_op(p, j + 1, '(')) {
			j = p->t[j + 1].match + 1;
		} else if (go_is_op(p, j, '(') && !(typed && j == atom_end)) {
			last_call = j;
			has_call = 1;
			j = p->t[j].match + 1;
		} else if (go_is_op(p, j, '[') || go_is_op(p, j, '{') || go_is_op(p, j, '(')) {
			j = p->t[j].match + 1;
		} else {
			break;
		}
	}
	if (go_is_op(p, start, '('))
		go_scan_group(p, start, parent);
	target = parent;
	if (has_call) {
		sb_reset(&p->sb);
		if (lit_body)
			sb_adds(&p->sb, "func");
		else if (p->t[start].kind == GT_NAME)
			sb_add(&p->sb, p->src + p->t[start].off, p->t[start].len);
		else if (p->t[start].kind == GT_STRING)
			sb_adds(&p->sb, "<str>");
		else
			sb_adds(&p->sb, "<expr>");
		for (uint32_t k = atom_end; k < last_call; k = go_skip(p, k)) {
			if (go_is_op(p, k, '.') && go_is_ident(p, k + 1)) {
				sb_addc(&p->sb, '.');
				sb_add(&p->sb, p->src + p->t[k + 1].off, p->t[k + 1].len);
				k++;
			} else if (go_is_op(p, k, '.')) {
				k++;  /* .(Type): an assertion, not part of the name */
			} else if (go_is_op(p, k, '(')) {
				sb_adds(&p->sb, "()");
			} else if (go_is_op(p, k, '{')) {
				sb_adds(&p->sb, "{}");
			} else if (go_is_op(p, k, '[') &&
				   !(go_is_op(p, p->t[k].match + 1, '(') &&
				     go_type_args(p, k + 1, p->t[k].match))) {
				sb_adds(&p->sb, "[]");
			}
		}
		call = go_expr_node(p, parent, NODE_CALL, start, p->t[last_call].match);
		ci = arena_alloc(&p->m->arena, sizeof *ci);
		ci->callee = arena_intern(&p->m->arena, p->sb.buf, p->sb.len);
		ci->name = strrchr(ci->callee, '.');
		ci->name = ci->name ? ci->name + 1 : ci->callee;
		go_call_args(p, ci, last_call);
		p->m->nodes[call].u.call = ci;
		target = call;
	}
	if (lit_body)
		go_func_lit(p, start, b, target);
	for (uint32_t k = atom_end; k < j; k = go_skip(p, k)) {
		if (go_is_op(p, k, '.') && go_is_op(p, k + 1, '(')) {
			k++;  /* .(Type) holds no calls */
			continue;
		}
		if (go_is_opener(p, k))
			go_scan_group(p, k, target);
	}
	return j;
}

/* True for binary operators and the separators allowed between operands. */
static int go_infix(const struct go_parser *p, uint32_t i)
{
	const struct go_tok *t = &p->t[i];

	if (t->kind != GT_OP)
		return 0;
	switch (t->sub) {
	case '+': case '-': case '*': case '/': case '%': case '&': case '|': case '^':
	case '<': case '>': case '=': case ',': case ':':
	case GO_EQ: case GO_NE: case GO_LE: case GO_GE: case GO_ANDAND: case GO_OROR:
	case GO_SHL: case GO_SHR: case GO_ANDNOT: case GO_DEFINE: case GO_ASSIGNOP:
	case GO_ARROW:
		return 1;
	}
	return 0;
}

/* True for unary (prefix) operators. */
static int go_prefix(const struct go_parser *p, uint32_t i)
{
	const struct go_tok *t = &p->t[i];

	if (t->kind == GT_NAME)
		return t->sub == GK_RANGE;
	if (t->kind != GT_OP)
		return 0;
	switch (t->sub) {
	case '+': case '-': case '!': case '^': case '*': case '&': case '~': case GO_ARROW:
	case GO_ELLIPSIS:
		return 1;
	}
	return 0;
}

void go_scan(struct go_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	int operand = 1;

	if (a >= b || !go_enter(p, a))
		return;
	for (uint32_t i = a; i < b;) {
		const struct go_tok *t = &p->t[i];

		if (t->kind == GT_SEMI) {
			operand = 1;
			i++;
			continue;
		}
		if (operand) {
			if (go_prefix(p, i) || go_is_op(p, i, ':') || go_is_op(p, i, ',')) {
				i++;
				continue;
			}
			if (go_is_opener(p, i) && t->sub == '{') {
				/* an element list inside a composite literal: {1, 2} */
				go_scan_group(p, i, parent);
				i = go_skip(p, i);
				operand = 0;
				continue;
			}
			if (t->kind == GT_NAME && t->sub != GK_NONE && !go_type_start(p, i)) {
				go_error(p, i, "unexpected keyword in expression");
				i++;
				continue;
			}
			if (t->kind == GT_OP && !go_is_opener(p, i) && !go_type_start(p, i)) {
				go_error(p, i, "unexpected operator in expression");
				i++;
				continue;
			}
			i = go_chain(p, i, b, parent);
			operand = 0;
			continue;
		}
		if (go_infix(p, i)) {
			operand = 1;
		} else if (!(go_is_op(p, i, GO_INC) || go_is_op(p, i, GO_DEC) ||
			     go_is_op(p, i, GO_ELLIPSIS))) {
			go_error(p, i, t->kind == GT_NAME ? "unexpected name in expression"
							  : "unexpected token in expression");
			/* resynchronise: treat it as the start of a new operand */
			operand = 1;
			continue;
		}
		i++;
	}
	go_leave(p);
}

/* True when the parameter item [s, e) is `name Type` rather than a type. */
static int go_param_named(const struct go_parser *p, uint32_t s, uint32_t e)
{
	if (!go_is_ident(p, s) || e - s < 2 || go_is_op(p, s + 1, '.'))
		return 0;
	if (go_is_op(p, s + 1, '[') && p->t[s + 1].match + 1 >= e)
		return p->t[s + 1].match == s + 2;  /* `x []` is not a type; `T[U]` is */
	return 1;
}

void go_params(struct go_parser *p, uint32_t open, uint32_t func, int receiver)
{
	struct func_info *fi = p->m->nodes[func].u.func;
	uint32_t a = open + 1, b = p->t[open].match, n = 0, k, named = 0, pend;
	struct param *np;

	for (uint32_t s = a; s < b; s = go_find_op(p, s, b, ',') + 1) {
		uint32_t e = go_find_op(p, s, b, ',');
		if (e > s) {
			n++;
			named |= go_param_named(p, s, e);
		}
	}
	if (n == 0)
		return;
	if (receiver && n > 1)
		n = 1;
	np = arena_alloc(&p->m->arena, (fi->n_params + n) * sizeof *np);
	if (fi->n_params)
		memcpy(np, fi->params, fi->n_params * sizeof *np);
	fi->params = np;
	k = fi->n_params;
	pend = k;
	for (uint32_t s = a; s < b && k < fi->n_params + n;) {
		uint32_t e = go_find_op(p, s, b, ','), ts = s;
		if (e > s) {
			struct param *pr = &np[k++];
			if (named) {
				pr->name = go_text(p, s, s + 1);
				ts = s + 1;
			} else {
				pr->name = "";
			}
			if (ts < e && go_is_op(p, ts, GO_ELLIPSIS)) {
				pr->star = 1;
				ts++;
			}
			if (ts < e && go_skip_type(p, ts, e) != e)
				go_error(p, go_skip_type(p, ts, e), "malformed parameter");
			/* `a, b int`: names without a type share the next type */
			if (ts < e || !named) {
				for (; pend < k; pend++) {
					np[pend].annotation = go_span(p, ts, e);
					np[pend].star = pr->star;
				}
			}
		}
		s = e + 1;
	}
	fi->n_params = k;
	if (receiver && k > 0)
		p->m->nodes[func].flags |= NF_GO_RECEIVER;
}
