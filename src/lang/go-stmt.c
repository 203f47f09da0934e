/* Go statements: blocks, simple statements, if / for / switch / select,
 * defer, go, return, break / continue. The mapping onto the model is
 * described in go.h. */
#include "lang/go-parse.h"

#include <stdlib.h>
#include <string.h>

/* Scans header expression tokens [a, b) of compound node n. */
static void go_header(struct go_parser *p, uint32_t a, uint32_t b, uint32_t n)
{
	uint32_t saved = p->expr_flags;

	p->expr_flags = NF_HEADER;
	go_scan(p, a, b, n);
	p->expr_flags = saved;
}

/* The '{' opening the body of an if / for / switch / select whose header
 * starts at a, or b. A brace that closes a function literal's signature,
 * follows struct / interface, or follows a composite literal type that
 * is not a plain name (`[]T{...}`, `map[K]V{...}`) is not the body: the
 * Go grammar only forbids `T{...}` there without parentheses. b when the
 * header has no body. */
static uint32_t go_body_brace(const struct go_parser *p, uint32_t a, uint32_t b)
{
	int func = 0, lit = 0, semis = 0;

	for (uint32_t i = a; i < b;) {
		const struct go_tok *t = &p->t[i];

		/* a header ends on its line and has at most two ';' (for clauses):
		 * stopping there keeps a brace-less header from scanning on */
		if (t->kind == GT_SEMI && (t->sub == 1 || ++semis > 2))
			return b;

		if (go_is_op(p, i, '{')) {
			if (i > a && (go_is_kw(p, i - 1, GK_STRUCT) || go_is_kw(p, i - 1, GK_INTERFACE))) {
				i = p->t[i].match + 1;
				continue;
			}
			if (func || lit) {
				if (func)
					func--;
				else
					lit = 0;
				i = p->t[i].match + 1;
				continue;
			}
			return i;
		}
		if (go_is_kw(p, i, GK_FUNC)) {
			func++;
		} else if (go_is_kw(p, i, GK_MAP)) {
			lit = 1;
		} else if (go_is_op(p, i, '[')) {
			/* `[` where an operand starts is an array / slice type */
			const struct go_tok *pv = i > a ? &p->t[i - 1] : NULL;
			if (pv == NULL || (pv->kind == GT_OP && pv->sub != ')' && pv->sub != ']' &&
					   pv->sub != '}') ||
			    (pv->kind == GT_NAME && pv->sub == GK_RANGE))
				lit = 1;
		} else if (t->kind == GT_SEMI || (t->kind == GT_OP && t->sub != '*' && t->sub != '.' &&
						  t->sub != ']' && t->sub != ')')) {
			/* an operator, or `(`: `[]byte(s)` is a conversion */
			lit = 0;
		}
		i = go_skip(p, i);
	}
	return b;
}

/* True when a target in [a, b) writes a field or an element. */
static int go_target_attr(const struct go_parser *p, uint32_t a, uint32_t b)
{
	for (uint32_t i = a; i < b; i = go_skip(p, i))
		if (go_is_op(p, i, '.') || go_is_op(p, i, '[') || go_is_op(p, i, '*'))
			return 1;
	return 0;
}

/* An assignment, inc/dec, send or expression statement in [a, b). */
static void go_simple(struct go_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	uint32_t n, op = b;

	for (uint32_t i = a; i < b && op == b; i = go_skip(p, i))
		if (go_is_op(p, i, '=') || go_is_op(p, i, GO_DEFINE) || go_is_op(p, i, GO_ASSIGNOP) ||
		    go_is_op(p, i, GO_INC) || go_is_op(p, i, GO_DEC))
			op = i;
	if (op == b || op == a) {
		n = go_node(p, parent, NODE_STMT, a, b - 1);
		p->m->nodes[n].text = go_span(p, a, b);
		go_scan(p, a, b, n);
		return;
	}
	n = go_node(p, parent, NODE_ASSIGN, a, b - 1);
	p->m->nodes[n].name = go_text(p, a, op);
	p->m->nodes[n].text = go_span(p, a, op);
	if (go_target_attr(p, a, op))
		p->m->nodes[n].flags |= NF_TARGET_ATTR;
	go_scan(p, a, op, n);
	if (go_is_op(p, op, GO_INC) || go_is_op(p, op, GO_DEC) || go_is_op(p, op, GO_ASSIGNOP)) {
		p->m->nodes[n].kind = NODE_AUGASSIGN;
		p->m->nodes[n].name = go_text(p, op, op + 1);
		if (go_is_op(p, op, GO_ASSIGNOP))
			p->m->nodes[n].value = go_span(p, op + 1, b);
		else if (op + 1 < b)
			go_error(p, op + 1, "unexpected text after inc/dec");
	} else {
		if (go_is_op(p, op, GO_DEFINE))
			p->m->nodes[n].flags |= NF_GO_DEFINE;
		p->m->nodes[n].value = go_span(p, op + 1, b);
		if (op + 1 >= b)
			go_error(p, op, "missing value in assignment");
	}
	go_scan(p, op + 1, b, n);
}

/* `if [init;] cond { } [else if ... | else { }]`: a loop, not recursion,
 * so that a long else-if chain cannot exhaust the stack. */
static void go_if(struct go_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	for (int elif = 0;; elif = 1) {
		uint32_t body = go_body_brace(p, a + 1, b), semi, n, after, cond;

		n = go_node(p, parent, NODE_IF, a, body < b ? p->t[body].match : b - 1);
		if (elif)
			p->m->nodes[n].flags |= NF_ELIF;
		semi = go_find_semi(p, a + 1, body);
		cond = semi < body ? semi + 1 : a + 1;
		p->m->nodes[n].text = go_span(p, a + 1, body);
		p->m->nodes[n].value = go_span(p, cond, body);
		if (semi < body)
			go_header(p, a + 1, semi, n);
		go_header(p, cond, body, n);
		if (body == b) {
			go_error(p, b - 1, "expected '{' after if");
			return;
		}
		if (cond >= body)
			go_error(p, body, "missing condition in if");
		go_block(p, body, n);
		after = p->t[body].match + 1;
		if (after >= b)
			return;
		if (!go_is_kw(p, after, GK_ELSE)) {
			go_error(p, after, "unexpected text after if block");
		} else if (after + 1 < b && go_is_kw(p, after + 1, GK_IF)) {
			a = after + 1;
			continue;
		} else if (after + 1 < b && go_is_op(p, after + 1, '{')) {
			uint32_t e = go_node(p, parent, NODE_ELSE, after, p->t[after + 1].match);
			go_block(p, after + 1, e);
			if (p->t[after + 1].match + 1 < b)
				go_error(p, p->t[after + 1].match + 1, "unexpected text after else block");
		} else {
			go_error(p, after, "expected 'if' or '{' after else");
		}
		return;
	}
}

/* True when token i is a decimal literal below 100. */
static int go_small_int(const struct go_parser *p, uint32_t i)
{
	const struct go_tok *t = &p->t[i];

	if (t->kind != GT_NUMBER || t->len > 2)
		return 0;
	for (uint32_t k = 0; k < t->len; k++)
		if (p->src[t->off + k] < '0' || p->src[t->off + k] > '9')
			return 0;
	return 1;
}

/* True when the condition [a, b) is `x < N` / `x <= N` with a literal N < 100. */
static int go_small_bound(const struct go_parser *p, uint32_t a, uint32_t b)
{
	return b - a == 3 && go_is_ident(p, a) &&
	       (go_is_op(p, a + 1, '<') || go_is_op(p, a + 1, GO_LE)) && go_small_int(p, a + 2);
}

/* `for`, `for cond`, `for init; cond; post`, `for k, v := range x`. */
static void go_for(struct go_parser *p, uint32_t a, uint32_t b, uint32_t parent, uint32_t label)
{
	uint32_t body = go_body_brace(p, a + 1, b), h = a + 1, n, r, s1, s2;
	struct loop_info *li = arena_alloc(&p->m->arena, sizeof *li);

	n = go_node(p, parent, NODE_LOOP, a, body < b ? p->t[body].match : b - 1);
	p->m->nodes[n].u.loop = li;
	if (label)
		p->m->nodes[n].text = go_span(p, label, label + 1);
	for (r = h; r < body && !go_is_kw(p, r, GK_RANGE); r = go_skip(p, r))
		;
	s1 = go_find_semi(p, h, body);
	if (r < body && s1 == body) {
		uint32_t te = r > h ? r - 1 : h;  /* before the := or = */
		li->target = go_span(p, h, te);
		p->m->nodes[n].name = go_text(p, h, te);
		li->iter = p->m->nodes[n].value = go_span(p, r + 1, body);
		if (r + 2 == body && go_small_int(p, r + 1))
			p->m->nodes[n].flags |= NF_SMALL_LITERAL;  /* range 10 */
		go_header(p, h, te, n);
		go_header(p, r + 1, body, n);
	} else if (s1 < body) {
		uint32_t def;
		s2 = go_find_semi(p, s1 + 1, body);
		def = go_find_op(p, h, s1, GO_DEFINE);
		if (def == s1)
			def = go_find_op(p, h, s1, '=');
		li->target = go_span(p, h, def);
		p->m->nodes[n].name = go_text(p, h, def);
		li->iter = p->m->nodes[n].value = go_span(p, s1 + 1, s2);
		if (go_small_bound(p, s1 + 1, s2))
			p->m->nodes[n].flags |= NF_SMALL_LITERAL;
		if (s2 == body)
			go_error(p, s1, "expected two ';' in for clause");
		go_header(p, h, s1, n);
		go_header(p, s1 + 1, s2, n);
		if (s2 < body)
			go_header(p, s2 + 1, body, n);
	} else {
		p->m->nodes[n].flags |= NF_WHILE;
		li->iter = p->m->nodes[n].value = go_span(p, h, body);
		go_header(p, h, body, n);
	}
	if (body == b) {
		go_error(p, b - 1, "expected '{' after for");
		return;
	}
	go_block(p, body, n);
	if (p->t[body].match + 1 < b)
		go_error(p, p->t[body].match + 1, "unexpected text after for block");
}

/* The case / default clauses of the switch or select block at open. */
static void go_clauses(struct go_parser *p, uint32_t open, uint32_t match)
{
	uint32_t end = p->t[open].match, i = open + 1;

	while (i < end) {
		uint32_t colon, j, c;

		if (p->t[i].kind == GT_SEMI) {
			i++;
			continue;
		}
		if (!go_is_kw(p, i, GK_CASE) && !go_is_kw(p, i, GK_DEFAULT)) {
			go_error(p, i, "expected 'case' or 'default'");
			i = go_find_semi(p, i, end) + 1;
			continue;
		}
		/* a clause header never holds a ';': a missing ':' costs one line */
		colon = go_find_op(p, i + 1, go_find_semi(p, i + 1, end), ':');
		for (j = colon + 1; j < end; j = go_skip(p, j))
			if ((go_is_kw(p, j, GK_CASE) || go_is_kw(p, j, GK_DEFAULT)) &&
			    (j == colon + 1 || p->t[j - 1].kind == GT_SEMI))
				break;
		c = go_node(p, match, NODE_CASE, i, j - 1);
		if (go_is_kw(p, i, GK_DEFAULT)) {
			p->m->nodes[c].name = "default";
			if (colon != i + 1 || !go_is_op(p, colon, ':'))
				go_error(p, i, "expected ':' after default");
		} else {
			p->m->nodes[c].text = go_span(p, i + 1, colon);
			if (!go_is_op(p, colon, ':') || colon == i + 1)
				go_error(p, colon == i + 1 ? colon : i, "malformed case");
			go_header(p, i + 1, colon, c);
		}
		if (colon < end && go_enter(p, colon)) {
			go_stmt_list(p, colon + 1, j, c);
			go_leave(p);
		}
		i = j;
	}
}

/* `switch [init;] [tag] {`, type switches and `select {`. */
static void go_switch(struct go_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	uint32_t body = go_body_brace(p, a + 1, b), semi, n, tag;

	/* a switch's label is not kept: name is the type switch's binding */
	n = go_node(p, parent, NODE_MATCH, a, body < b ? p->t[body].match : b - 1);
	if (go_is_kw(p, a, GK_SELECT)) {
		p->m->nodes[n].flags |= NF_GO_SELECT;
		if (body != a + 1)
			go_error(p, a + 1, "expected '{' after select");
	} else {
		semi = go_find_semi(p, a + 1, body);
		tag = semi < body ? semi + 1 : a + 1;
		p->m->nodes[n].text = go_span(p, a + 1, body);
		p->m->nodes[n].value = go_span(p, tag, body);
		for (uint32_t i = tag; i + 2 < body; i = go_skip(p, i))
			if (go_is_op(p, i, '.') && go_is_op(p, i + 1, '(') &&
			    go_is_kw(p, i + 2, GK_TYPE)) {
				uint32_t def = go_find_op(p, tag, body, GO_DEFINE);
				p->m->nodes[n].flags |= NF_GO_TYPESWITCH;
				if (def < body)
					p->m->nodes[n].name = go_text(p, tag, def);
				break;
			}
		if (semi < body)
			go_header(p, a + 1, semi, n);
		go_header(p, tag, body, n);
	}
	if (body == b) {
		go_error(p, b - 1, "expected '{'");
		return;
	}
	go_clauses(p, body, n);
	if (p->t[body].match + 1 < b)
		go_error(p, p->t[body].match + 1, "unexpected text after switch block");
}

/* One statement [a, b) under parent. */
static void go_stmt(struct go_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	uint32_t label = 0, n;

	if (go_is_ident(p, a) && a + 1 < b && go_is_op(p, a + 1, ':')) {
		label = a;
		a += 2;
		if (a >= b)
			return;
	}
	if (p->t[a].kind != GT_NAME || p->t[a].sub == GK_NONE || p->t[a].sub == GK_FUNC ||
	    p->t[a].sub == GK_MAP || p->t[a].sub == GK_CHAN || p->t[a].sub == GK_STRUCT) {
		if (go_is_op(p, a, '{')) {
			go_block(p, a, parent);
			if (p->t[a].match + 1 < b)
				go_error(p, p->t[a].match + 1, "unexpected text after block");
			return;
		}
		go_simple(p, a, b, parent);
		return;
	}
	switch (p->t[a].sub) {
	case GK_VAR: case GK_CONST: case GK_TYPE:
		go_decl(p, a, b, parent);
		return;
	case GK_IF:
		go_if(p, a, b, parent);
		return;
	case GK_FOR:
		go_for(p, a, b, parent, label);
		return;
	case GK_SWITCH: case GK_SELECT:
		go_switch(p, a, b, parent);
		return;
	case GK_GO: case GK_DEFER:
		n = go_node(p, parent, p->t[a].sub == GK_GO ? NODE_SPAWN : NODE_DEFER, a, b - 1);
		p->m->nodes[n].value = go_span(p, a + 1, b);
		if (a + 1 >= b)
			go_error(p, a, "missing call");
		go_scan(p, a + 1, b, n);
		return;
	case GK_RETURN:
		n = go_node(p, parent, NODE_RETURN, a, b - 1);
		p->m->nodes[n].value = go_span(p, a + 1, b);
		go_scan(p, a + 1, b, n);
		return;
	case GK_BREAK: case GK_CONTINUE:
		n = go_node(p, parent, p->t[a].sub == GK_BREAK ? NODE_BREAK : NODE_CONTINUE, a, b - 1);
		if (a + 1 < b && go_is_ident(p, a + 1))
			p->m->nodes[n].name = go_text(p, a + 1, a + 2);
		if (a + 1 < b && !(a + 2 == b && go_is_ident(p, a + 1)))
			go_error(p, a + 1, "unexpected text after break/continue");
		return;
	case GK_GOTO: case GK_FALLTHROUGH:
		n = go_node(p, parent, NODE_STMT, a, b - 1);
		p->m->nodes[n].text = go_span(p, a, b);
		return;
	default:
		go_error(p, a, "unexpected keyword");
		return;
	}
}

/* End of the statement starting at a: the next semicolon at depth 0,
 * except that if / for / switch headers may hold their own semicolons. */
static uint32_t go_stmt_end(const struct go_parser *p, uint32_t a, uint32_t b)
{
	uint32_t h = a, body;

	if (h + 2 < b && go_is_ident(p, h) && go_is_op(p, h + 1, ':'))
		h += 2;
	if (!(go_is_kw(p, h, GK_FOR) || go_is_kw(p, h, GK_IF) || go_is_kw(p, h, GK_SWITCH)))
		return go_find_semi(p, a, b);
	body = go_body_brace(p, h + 1, b);
	/* `} else if init; cond {` repeats the header rule */
	while (body < b && go_is_kw(p, h, GK_IF) && p->t[body].match + 2 < b &&
	       go_is_kw(p, p->t[body].match + 1, GK_ELSE) && go_is_kw(p, p->t[body].match + 2, GK_IF)) {
		h = p->t[body].match + 2;
		body = go_body_brace(p, h + 1, b);
	}
	return body < b ? go_find_semi(p, p->t[body].match + 1, b) : go_find_semi(p, a, b);
}

void go_stmt_list(struct go_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	while (a < b) {
		uint32_t e = go_stmt_end(p, a, b);
		if (e > a)
			go_stmt(p, a, e, parent);
		a = e + 1;
	}
}

void go_block(struct go_parser *p, uint32_t open, uint32_t parent)
{
	if (!go_enter(p, open))
		return;
	go_stmt_list(p, open + 1, p->t[open].match, parent);
	go_leave(p);
}
