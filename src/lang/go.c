/* Go front end: go_parse(), token helpers and declarations (func, type,
 * var, const, import). Statements are in go-stmt.c, expressions in
 * go-expr.c; the mapping onto the model is described in go.h. */
#include "lang/go.h"
#include "lang/go-parse.h"

#include <stdlib.h>
#include <string.h>

uint32_t go_find_op(const struct go_parser *p, uint32_t a, uint32_t b, unsigned code)
{
	for (uint32_t i = a; i < b; i = go_skip(p, i))
		if (go_is_op(p, i, code))
			return i;
	return b;
}

uint32_t go_find_semi(const struct go_parser *p, uint32_t a, uint32_t b)
{
	for (uint32_t i = a; i < b; i = go_skip(p, i))
		if (p->t[i].kind == GT_SEMI)
			return i;
	return b;
}

struct span go_span(const struct go_parser *p, uint32_t a, uint32_t b)
{
	struct span s = { 0, 0 };

	/* automatic semicolons and synthesized closers have no text */
	while (b > a && p->t[b - 1].len == 0)
		b--;
	if (a < b) {
		s.off = p->t[a].off;
		s.len = p->t[b - 1].off + p->t[b - 1].len - s.off;
	}
	return s;
}

const char *go_text(struct go_parser *p, uint32_t a, uint32_t b)
{
	struct span s = go_span(p, a, b);

	return arena_intern(&p->m->arena, p->src + s.off, s.len);
}

uint32_t go_end_line(const struct go_parser *p, uint32_t i)
{
	const struct go_tok *t = &p->t[i];
	const uint32_t *lo = p->m->line_off;
	uint32_t end, a, b;

	if (t->kind != GT_STRING || t->len == 0)
		return t->line;
	end = t->off + t->len - 1;
	a = t->line - 1;
	b = p->m->n_lines;
	while (b - a > 1) {
		uint32_t mid = a + (b - a) / 2;
		if (lo[mid] <= end)
			a = mid;
		else
			b = mid;
	}
	return a + 1;
}

uint32_t go_node(struct go_parser *p, uint32_t parent, enum node_kind kind, uint32_t i,
		 uint32_t last)
{
	uint32_t n = model_add_node(p->m, parent, kind, p->t[i].line, p->t[i].col);
	uint32_t end = go_end_line(p, last < i ? i : last);

	p->m->nodes[n].end_line = end < p->t[i].line ? p->t[i].line : end;
	return n;
}

void go_error(struct go_parser *p, uint32_t i, const char *what)
{
	const struct go_tok *t = &p->t[i];

	if (t->line == p->err_line)
		return;
	p->err_line = t->line;
	if (t->kind == GT_SEMI || t->kind == GT_END || t->len == 0)
		model_add_error(p->m, t->line, "%s", what);
	else
		model_add_error(p->m, t->line, "%s: '%.*s'", what, (int)(t->len > 40 ? 40 : t->len),
				p->src + t->off);
}

int go_enter(struct go_parser *p, uint32_t i)
{
	if (++p->depth > GO_MAX_DEPTH) {
		p->depth--;
		go_error(p, i, "nested too deeply");
		return 0;
	}
	return 1;
}

const char *go_qualname(struct go_parser *p, uint32_t parent, const char *name)
{
	for (uint32_t i = parent; i != 0; i = p->m->nodes[i].parent) {
		const struct node *nd = &p->m->nodes[i];
		if (nd->kind == NODE_FUNC && nd->u.func != NULL) {
			sb_reset(&p->sb);
			sb_adds(&p->sb, nd->u.func->qualname);
			sb_addc(&p->sb, '.');
			sb_adds(&p->sb, name);
			return arena_intern(&p->m->arena, p->sb.buf, p->sb.len);
		}
	}
	return name;
}

/* The receiver's base type name in the parentheses at open:
 * `(s *Store[T])` -> "Store". NULL when there is none. */
static uint32_t go_recv_type(const struct go_parser *p, uint32_t open)
{
	uint32_t b = p->t[open].match, i = open + 1;

	if (i < b && go_is_ident(p, i) && i + 1 < b && !go_is_op(p, i + 1, '[') &&
	    !go_is_op(p, i + 1, '.'))
		i++;  /* the receiver's name */
	while (i < b && (go_is_op(p, i, '*') || go_is_op(p, i, '(')))
		i++;
	return i < b && go_is_ident(p, i) ? i : 0;
}

void go_func_decl(struct go_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	uint32_t i = a + 1, recv = 0, name, n, res;
	struct func_info *fi;

	if (i < b && go_is_op(p, i, '(')) {
		recv = i;
		i = p->t[i].match + 1;
	}
	if (i >= b || !go_is_ident(p, i)) {
		go_error(p, i < b ? i : a, "expected a function name");
		return;
	}
	name = i++;
	n = go_node(p, parent, NODE_FUNC, a, b - 1);
	p->m->nodes[n].name = go_text(p, name, name + 1);
	fi = arena_alloc(&p->m->arena, sizeof *fi);
	p->m->nodes[n].u.func = fi;
	if (recv) {
		uint32_t rt = go_recv_type(p, recv);
		p->m->nodes[n].flags |= NF_METHOD;
		sb_reset(&p->sb);
		if (rt) {
			sb_add(&p->sb, p->src + p->t[rt].off, p->t[rt].len);
			sb_addc(&p->sb, '.');
		}
		sb_adds(&p->sb, p->m->nodes[n].name);
		fi->qualname = arena_intern(&p->m->arena, p->sb.buf, p->sb.len);
		go_params(p, recv, n, 1);
	} else {
		fi->qualname = go_qualname(p, parent, p->m->nodes[n].name);
	}
	if (i < b && go_is_op(p, i, '['))
		i = p->t[i].match + 1;  /* type parameters */
	if (i >= b || !go_is_op(p, i, '(')) {
		go_error(p, i < b ? i : b - 1, "expected '(' in function declaration");
		return;
	}
	go_params(p, i, n, 0);
	res = p->t[i].match + 1;
	i = go_skip_results(p, res, b);
	fi->returns = go_span(p, res, i);
	if (i < b && go_is_op(p, i, '{')) {
		fi->body_line = p->t[i + 1].line;  /* the first body token (no `;` follows `{`) */
		go_block(p, i, n);
		i = p->t[i].match + 1;
	}
	if (i < b)
		go_error(p, i, "unexpected text after function");
}

/* One struct field declaration [s, e) as an ASSIGN (see go.h). */
static void go_field(struct go_parser *p, uint32_t s, uint32_t e, uint32_t cls)
{
	uint32_t te = e, k, n;
	int embedded;

	if (te > s && p->t[te - 1].kind == GT_STRING)
		te--;  /* the tag */
	if (te <= s)
		return;
	embedded = go_is_op(p, s, '*') || te - s == 1 ||
		   (go_is_ident(p, s) && go_is_op(p, s + 1, '.')) ||
		   (go_is_ident(p, s) && go_is_op(p, s + 1, '[') && p->t[s + 1].match + 1 == te);
	if (embedded) {
		uint32_t last = s;
		if (go_skip_type(p, s, te) != te)
			go_error(p, go_skip_type(p, s, te), "malformed field");
		for (k = s; k < te; k = go_skip(p, k))
			if (go_is_ident(p, k))
				last = k;
		n = go_node(p, cls, NODE_ASSIGN, s, e - 1);
		p->m->nodes[n].flags |= NF_ANNOTATED | NF_GO_FIELD | NF_GO_EMBEDDED;
		p->m->nodes[n].name = go_text(p, last, last + 1);
		p->m->nodes[n].text = go_span(p, s, te);
		return;
	}
	/* `A, B Type`: names, then the type after the last comma-joined name */
	for (k = s; k + 1 < te && go_is_op(p, k + 1, ','); k += 2)
		;
	if (k + 1 >= te || go_skip_type(p, k + 1, te) != te)
		go_error(p, k + 1 < te ? go_skip_type(p, k + 1, te) : k, "malformed field");
	for (uint32_t i = s; i <= k; i += 2) {
		if (!go_is_ident(p, i)) {
			go_error(p, i, "expected a field name");
			return;
		}
		n = go_node(p, cls, NODE_ASSIGN, i, e - 1);
		p->m->nodes[n].flags |= NF_ANNOTATED | NF_GO_FIELD;
		p->m->nodes[n].name = go_text(p, i, i + 1);
		p->m->nodes[n].text = go_span(p, k + 1, te);
	}
}

/* True when the bracket at open after a type name holds type parameters
 * (`type Set[T comparable]`), not an array length (`type A [N]int`). */
static int go_type_params(const struct go_parser *p, uint32_t open)
{
	uint32_t i = open + 1, b = p->t[open].match;

	return i + 1 < b && go_is_ident(p, i) &&
	       (p->t[i + 1].kind == GT_NAME || go_is_op(p, i + 1, ',') ||
		go_is_op(p, i + 1, '*') || go_is_op(p, i + 1, '[') || go_is_op(p, i + 1, '~') ||
		go_is_op(p, i + 1, '(') || go_is_op(p, i + 1, '.'));
}

/* `Name[T any] Type` or `Name = Type`. */
static void go_type_spec(struct go_parser *p, uint32_t s, uint32_t e, uint32_t parent)
{
	uint32_t j = s + 1, n;

	if (!go_is_ident(p, s)) {
		go_error(p, s, "expected a type name");
		return;
	}
	if (j < e && go_is_op(p, j, '[') && go_type_params(p, j))
		j = p->t[j].match + 1;
	if (j < e && go_is_op(p, j, '='))
		j++;
	if (j + 1 < e && (go_is_kw(p, j, GK_STRUCT) || go_is_kw(p, j, GK_INTERFACE)) &&
	    go_is_op(p, j + 1, '{') && p->t[j + 1].match + 1 == e) {
		uint32_t open = j + 1, close = p->t[open].match;
		n = go_node(p, parent, NODE_CLASS, s, e - 1);
		p->m->nodes[n].name = go_text(p, s, s + 1);
		p->m->nodes[n].u.cls = arena_alloc(&p->m->arena, sizeof(struct class_info));
		if (go_is_kw(p, j, GK_INTERFACE)) {
			p->m->nodes[n].flags |= NF_GO_INTERFACE;
			return;
		}
		for (uint32_t f = open + 1; f < close;) {
			uint32_t fe = go_find_semi(p, f, close);
			go_field(p, f, fe, n);
			f = fe + 1;
		}
		return;
	}
	if (go_skip_type(p, j, e) != e)
		go_error(p, j < e ? go_skip_type(p, j, e) : e, "malformed type");
	n = go_node(p, parent, NODE_STMT, s, e - 1);
	p->m->nodes[n].name = go_text(p, s, s + 1);
	p->m->nodes[n].text = go_span(p, j, e);
}

/* `a, b T = x, y` (var / const) as one ASSIGN with NF_GO_DEFINE. */
static void go_var_spec(struct go_parser *p, uint32_t s, uint32_t e, uint32_t parent)
{
	uint32_t k = s, eq = go_find_op(p, s, e, '='), n;

	while (k + 2 < e && go_is_ident(p, k) && go_is_op(p, k + 1, ','))
		k += 2;
	if (!go_is_ident(p, k)) {
		go_error(p, k, "expected a name");
		return;
	}
	if (go_skip_type(p, k + 1, eq) != eq)
		go_error(p, go_skip_type(p, k + 1, eq), "malformed declaration");
	n = go_node(p, parent, NODE_ASSIGN, s, e - 1);
	p->m->nodes[n].flags |= NF_GO_DEFINE;
	p->m->nodes[n].name = go_text(p, s, k + 1);
	p->m->nodes[n].text = go_span(p, s, k + 1);
	if (eq < e) {
		p->m->nodes[n].value = go_span(p, eq + 1, e);
		go_scan(p, eq + 1, e, n);
	}
}

/* The package name an import path binds by default: its last element,
 * without a major-version element (`.../pgx/v5` -> pgx) or a gopkg.in
 * suffix (`yaml.v3` -> yaml) or a `-go` suffix, and after the last '-'
 * (`go-redis` -> redis). */
static void go_default_name(const char *path, size_t len, const char **name, size_t *n)
{
	const char *e = path + len, *s;

	s = e;
	while (s > path && s[-1] != '/')
		s--;
	if (e - s >= 2 && s[0] == 'v' && s[1] >= '0' && s[1] <= '9' && s > path + 1) {
		e = s - 1;
		s = e;
		while (s > path && s[-1] != '/')
			s--;
	}
	for (const char *q = s; q + 2 < e; q++)
		if (q[0] == '.' && q[1] == 'v' && q[2] >= '0' && q[2] <= '9') {
			e = q;
			break;
		}
	/* a `-go` suffix names the language, not the package:
	 * `webpush-go` -> webpush, `sentry-go` -> sentry */
	if (e - s > 3 && e[-3] == '-' && e[-2] == 'g' && e[-1] == 'o')
		e -= 3;
	for (const char *q = e; q > s; q--)
		if (q[-1] == '-') {
			s = q;
			break;
		}
	*name = s;
	*n = (size_t)(e - s);
}

/* `[name|.|_] "path"`. */
static void go_import_spec(struct go_parser *p, uint32_t s, uint32_t e, uint32_t parent)
{
	uint32_t path = e - 1, n;
	const char *ps, *local;
	size_t plen, llen;

	if (s >= e || p->t[path].kind != GT_STRING || p->t[path].len < 2 ||
	    (path > s && !(path == s + 1 && (go_is_ident(p, s) || go_is_op(p, s, '.'))))) {
		go_error(p, s < e ? s : e, "malformed import");
		return;
	}
	ps = p->src + p->t[path].off + 1;
	plen = p->t[path].len - 2;
	n = go_node(p, parent, NODE_IMPORT, s, e - 1);
	p->m->nodes[n].text = go_span(p, s, e);
	if (path > s) {
		local = p->src + p->t[s].off;
		llen = p->t[s].len;
	} else {
		go_default_name(ps, plen, &local, &llen);
	}
	p->m->nodes[n].name = arena_intern(&p->m->arena, local, llen);
	model_add_import(p->m, local, llen, ps, plen, p->t[s].line);
}

void go_decl(struct go_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	unsigned kw = p->t[a].sub;
	uint32_t s = a + 1, e = b;

	if (s < b && go_is_op(p, s, '(')) {
		e = p->t[s].match;
		if (e + 1 < b)
			go_error(p, e + 1, "unexpected text after declaration");
		s++;
	} else if (s >= b) {
		go_error(p, a, "incomplete declaration");
		return;
	}
	while (s < e) {
		uint32_t se = go_find_semi(p, s, e);
		if (se > s) {
			if (kw == GK_TYPE)
				go_type_spec(p, s, se, parent);
			else if (kw == GK_IMPORT)
				go_import_spec(p, s, se, parent);
			else
				go_var_spec(p, s, se, parent);
		}
		s = se + 1;
	}
}

/* Top level: package clause, imports and declarations. */
static void go_top(struct go_parser *p)
{
	uint32_t end = p->nt - 1;  /* GT_END */

	for (uint32_t s = 0; s < end;) {
		uint32_t e = go_find_semi(p, s, end);
		if (e > s) {
			const struct go_tok *t = &p->t[s];
			if (go_is_kw(p, s, GK_FUNC))
				go_func_decl(p, s, e, 0);
			else if (t->kind == GT_NAME && (t->sub == GK_TYPE || t->sub == GK_VAR ||
							t->sub == GK_CONST || t->sub == GK_IMPORT))
				go_decl(p, s, e, 0);
			else if (go_is_kw(p, s, GK_PACKAGE) && e == s + 2 && go_is_ident(p, s + 1))
				;
			else {
				/* resume at a declaration starting a line (the garbage may
				 * have swallowed its semicolon) */
				uint32_t k;
				go_error(p, s, "expected a declaration");
				for (k = s + 1; k < e; k = go_skip(p, k)) {
					const struct go_tok *d = &p->t[k];
					if (d->col == 0 && d->kind == GT_NAME &&
					    (d->sub == GK_FUNC || d->sub == GK_TYPE || d->sub == GK_VAR ||
					     d->sub == GK_CONST || d->sub == GK_IMPORT))
						break;
				}
				if (k < e) {
					s = k;
					continue;
				}
			}
		}
		s = e + 1;
	}
}

struct model *go_parse(char *src, size_t len)
{
	struct go_parser p;
	struct go_tokens toks = { NULL, 0, 0 };
	struct model *m;

	m = model_new(LANG_GO, src, len);
	go_lex(m, &toks);

	memset(&p, 0, sizeof p);
	p.m = m;
	p.src = m->src;
	p.t = toks.t;
	p.nt = toks.n;
	go_top(&p);

	model_close_lines(m);

	sb_release(&p.sb);
	go_tokens_free(&toks);
	return m;
}
