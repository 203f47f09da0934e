/* JavaScript/TypeScript declarations: classes (members, fields,
 * decorators), ES imports and CommonJS require bindings.
 *
 * Class fields become ASSIGN nodes in the class body (NF_ANNOTATED when
 * typed), like Python class attributes; a field whose value is a function
 * literal holds it as a FUNC with NF_METHOD ("Class.field"). Overload
 * signatures and abstract methods without a body add no node. Type-only
 * imports bind nothing at run time and add no import entries. Function
 * parameters skip TypeScript modifiers (parameter properties) and scan
 * parameter decorators as NF_DECORATOR calls of the function. */
#include "lang/javascript-parse.h"
#include "util/xalloc.h"

#include <string.h>

static struct span js_unquote(const struct js_parser *p, uint32_t i);

uint32_t js_decorator(struct js_parser *p, uint32_t i, uint32_t b)
{
	uint32_t k = i + 1, a;

	if (k < b && js_is_op(p, k, '(')) {
		k = p->t[k].match + 1;
	} else {
		while (k < b && p->t[k].kind == JT_NAME) {
			k++;
			if (k + 1 < b && js_is_op(p, k, '.') && p->t[k + 1].kind == JT_NAME)
				k++;
			else
				break;
		}
		if (k < b && js_is_op(p, k, '<') && (a = js_skip_angle(p, k, b)) != 0)
			k = a;
		if (k < b && js_is_op(p, k, '('))
			k = p->t[k].match + 1;
	}
	if (k == i + 1) {
		model_add_error(p->m, p->t[i].line, "expected a decorator after '@'");
		return k;
	}
	if (p->n_decos == p->cap_decos)
		XGROW(p->decos, p->cap_decos, p->n_decos + 1);
	p->decos[p->n_decos].a = i + 1;
	p->decos[p->n_decos++].b = k;
	return k;
}

struct span *js_take_decorators(struct js_parser *p, uint32_t n, uint32_t *count)
{
	struct span *d;
	uint32_t saved = p->expr_flags;

	*count = (uint32_t)p->n_decos;
	if (p->n_decos == 0)
		return NULL;
	d = arena_alloc(&p->m->arena, p->n_decos * sizeof *d);
	p->n_decos = 0;  /* before scanning: a nested class must not take them */
	p->expr_flags = NF_DECORATOR;
	for (uint32_t k = 0; k < *count; k++) {
		d[k] = js_span(p, p->decos[k].a, p->decos[k].b);
		js_scan(p, p->decos[k].a, p->decos[k].b, n);
	}
	p->expr_flags = saved;
	return d;
}

/* Member modifiers; a modifier word followed by '(' '=' ';' ... is the
 * member's own name (`get() {}`, `static = 1`). */
static int js_modifier(const struct js_parser *p, uint32_t k, uint32_t b)
{
	static const char *const words[] = {
		"public", "private", "protected", "static", "readonly", "abstract", "override",
		"declare", "accessor", "async", "get", "set", NULL
	};
	const struct js_tok *n;
	int hit = 0;

	if (k + 1 >= b || p->t[k].kind != JT_NAME)
		return 0;
	for (int w = 0; words[w] && !hit; w++)
		hit = js_name_is(p, k, words[w]);
	n = &p->t[k + 1];
	if (!hit || (n->flags & JTF_NL && js_name_is(p, k, "async")))
		return 0;
	return n->kind == JT_NAME || n->kind == JT_STRING || n->kind == JT_NUMBER ||
	       js_is_op(p, k + 1, '[') || js_is_op(p, k + 1, '*') || js_is_op(p, k + 1, '{');
}

/* True when the method whose parameters (or `<T>`) start at k has a body. */
int js_has_body(struct js_parser *p, uint32_t k, uint32_t b)
{
	uint32_t a;

	if (k < b && js_is_op(p, k, '<') && (a = js_skip_angle(p, k, b)) != 0)
		k = a;
	if (k >= b || !js_is_op(p, k, '('))
		return 0;
	k = p->t[k].match + 1;
	if (k < b && js_is_op(p, k, ':'))
		k = js_skip_type(p, k + 1, b);
	return k < b && js_is_op(p, k, '{');
}

/* A field `name[?!][: T] [= value]` at key, ending at the statement end. */
static uint32_t js_field(struct js_parser *p, uint32_t key, uint32_t k, uint32_t b, uint32_t cls)
{
	uint32_t n = js_node(p, cls, NODE_ASSIGN, key), e, count;
	const char *name = js_text(p, key, js_skip(p, key));

	p->m->nodes[n].name = name;
	p->m->nodes[n].text = js_span(p, key, js_skip(p, key));
	js_take_decorators(p, n, &count);
	if (k < b && js_is_op(p, k, ':')) {
		p->m->nodes[n].flags |= NF_ANNOTATED;
		k = js_skip_type(p, k + 1, b);
	}
	p->in_members = 1;
	/* without a value the field ends where its type does */
	e = k < b && js_is_op(p, k, '=') ? js_stmt_end(p, k + 1, b) : k;
	p->in_members = 0;
	if (k < b && js_is_op(p, k, '=') && k + 1 < e) {
		uint32_t v = k + 1, f = 0;
		p->m->nodes[n].value = js_span(p, v, e);
		if (js_starts_function(p, v, e))
			f = js_function(p, v, e, n, name, NF_METHOD, 0);
		js_scan(p, f ? f : v, e, n);
	}
	p->m->nodes[n].end_line = js_end_line(p, e > key ? e - 1 : key);
	return e;
}

/* Members of the class body [a, b) of class node cls. */
static void js_class_body(struct js_parser *p, uint32_t a, uint32_t b, uint32_t cls)
{
	for (uint32_t i = a; i < b;) {
		uint32_t s = i, flags = NF_METHOD, key;

		if (js_is_op(p, i, ';')) {
			i++;
			continue;
		}
		if (js_is_op(p, i, '@')) {
			i = js_decorator(p, i, b);
			continue;
		}
		while (js_modifier(p, i, b)) {
			if (js_name_is(p, i, "async"))
				flags |= NF_ASYNC;
			i++;
		}
		if (i < b && js_is_op(p, i, '{') && i > s && js_name_is(p, i - 1, "static")) {
			js_block(p, i + 1, p->t[i].match, cls);  /* static initialisation block */
			i = p->t[i].match + 1;
			continue;
		}
		if (i < b && js_is_op(p, i, '*')) {
			flags |= NF_GENERATOR;
			i++;
		}
		key = i;
		if (i < b && (p->t[i].kind == JT_NAME || p->t[i].kind == JT_STRING ||
			      p->t[i].kind == JT_NUMBER || js_is_op(p, i, '[')))
			i = js_skip(p, i);
		if (i == key) {
			model_add_error(p->m, p->t[key < b ? key : s].line, "unexpected token in class body");
			i = js_stmt_end(p, key, b);
			i = i > s ? i + 1 : s + 1;
			p->n_decos = 0;
			continue;
		}
		if (i < b && (js_is_op(p, i, '?') || js_is_op(p, i, '!')))
			i++;
		if (i < b && (js_is_op(p, i, '(') || js_is_op(p, i, '<'))) {
			struct span ks = js_unquote(p, key);
			const char *name = js_is_op(p, key, '[') ? "<computed>" :
					   arena_intern(&p->m->arena, p->src + ks.off, ks.len);
			if (!js_has_body(p, i, b)) {  /* overload or abstract: no code */
				p->n_decos = 0;
				i = js_stmt_end(p, i, b);
			} else {
				uint32_t fn;
				if (js_is_op(p, key, '['))
					js_scan(p, key + 1, p->t[key].match, cls);
				p->want_decos = 1;
				fn = p->m->n_nodes;
				i = js_function(p, i, b, cls, name, flags, 1);
				p->want_decos = 0;
				if (fn < p->m->n_nodes) {  /* the method starts at its modifiers */
					p->m->nodes[fn].line = p->t[s].line;
					p->m->nodes[fn].col = (uint16_t)(p->t[s].col > 65535 ? 65535 : p->t[s].col);
				}
			}
		} else if (js_is_op(p, key, '[') && i < b && js_is_op(p, i, ':') &&
			   js_find_op(p, key + 1, p->t[key].match, ':') < p->t[key].match) {
			p->n_decos = 0;  /* index signature [key: string]: T */
			i = js_stmt_end(p, i, b);
		} else {
			i = js_field(p, key, i, b, cls);
		}
		if (i < b && js_is_op(p, i, ';'))
			i++;
		if (i <= s)
			i = s + 1;
	}
}

uint32_t js_class(struct js_parser *p, uint32_t i, uint32_t b, uint32_t parent)
{
	uint32_t k = i + 1, n, a;
	struct class_info *ci;

	n = js_node(p, parent, NODE_CLASS, i);
	p->m->nodes[n].flags |= p->expr_flags & NF_HEADER;
	if (k < b && p->t[k].kind == JT_NAME && !js_is_kw(p, k, JK_EXTENDS) &&
	    !js_name_is(p, k, "implements")) {
		p->m->nodes[n].name = js_text(p, k, k + 1);
		k++;
	} else {
		p->m->nodes[n].name = "<class>";
	}
	ci = arena_alloc(&p->m->arena, sizeof *ci);
	p->m->nodes[n].u.cls = ci;
	ci->decorators = js_take_decorators(p, n, &ci->n_decorators);
	if (k < b && js_is_op(p, k, '<') && (a = js_skip_angle(p, k, b)) != 0)
		k = a;
	if (k < b && js_is_kw(p, k, JK_EXTENDS)) {
		uint32_t s = ++k, saved = p->expr_flags;
		k = js_find_outside_angle(p, k, b, '{', "implements");
		ci->bases = js_span(p, s, k);
		p->expr_flags = NF_HEADER;
		js_scan(p, s, k, n);
		p->expr_flags = saved;
	}
	k = js_find_outside_angle(p, k, b, '{', NULL);
	if (k >= b) {
		model_add_error(p->m, p->t[i].line, "expected a class body");
		return k;
	}
	js_class_body(p, k + 1, p->t[k].match, n);
	p->m->nodes[n].end_line = js_end_line(p, p->t[k].match);
	return p->t[k].match + 1;
}

/* Span of a string token's text without its quotes (other tokens whole). */
static struct span js_unquote(const struct js_parser *p, uint32_t i)
{
	struct span s = js_span(p, i, i + 1);

	if (p->t[i].kind == JT_STRING && s.len >= 2) {
		s.off++;
		s.len -= 2;
	}
	return s;
}

/* Adds local -> module[.member] (member may be an empty span). */
static void js_bind(struct js_parser *p, struct span local, struct span mod, struct span member,
		    uint32_t line)
{
	sb_reset(&p->sb);
	sb_add(&p->sb, p->src + mod.off, mod.len);
	if (member.len > 0) {
		sb_addc(&p->sb, '.');
		sb_add(&p->sb, p->src + member.off, member.len);
	}
	model_add_import(p->m, p->src + local.off, local.len, p->sb.buf, p->sb.len, line);
}

/* `{ a, b as c, type d, "x" as e }` of an import from mod. */
static void js_import_names(struct js_parser *p, uint32_t open, struct span mod, uint32_t line)
{
	uint32_t b = p->t[open].match;

	for (uint32_t s = open + 1; s < b;) {
		uint32_t e = js_find_op(p, s, b, ','), k = s;
		struct span imported, local;

		if (k + 1 < e && js_name_is(p, k, "type"))
			k++;  /* type-only member */
		else if (k < e) {
			imported = js_unquote(p, k);
			local = js_span(p, k, k + 1);
			if (k + 2 < e && js_is_kw(p, k + 1, JK_AS))
				local = js_span(p, k + 2, k + 3);
			if (p->t[k].kind == JT_NAME || p->t[k].kind == JT_STRING)
				js_bind(p, local, mod, imported, line);
		}
		s = e + 1;
	}
}

void js_import(struct js_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	uint32_t n = js_node(p, parent, NODE_IMPORT, a), k = a + 1, f, line = p->t[a].line;
	struct span mod, none = { 0, 0 };
	int type_only = 0;

	p->m->nodes[n].text = js_span(p, a, b);
	p->m->nodes[n].end_line = js_end_line(p, b > a ? b - 1 : a);
	if (k < b && js_name_is(p, k, "type") && k + 1 < b && !js_is_kw(p, k + 1, JK_FROM) &&
	    !js_is_op(p, k + 1, ',') && !js_is_op(p, k + 1, '=')) {
		type_only = 1;
		k++;
	}
	if (k + 2 < b && p->t[k].kind == JT_NAME && js_is_op(p, k + 1, '=')) {
		/* TypeScript `import x = require("m")` / `import x = A.B` */
		if (js_name_is(p, k + 2, "require"))
			js_require(p, k, k + 1, k + 2, b);
		else if (!type_only)
			js_bind(p, js_span(p, k, k + 1), js_span(p, k + 2, b), none, line);
		return;
	}
	if (k < b && p->t[k].kind == JT_STRING)
		return;  /* side effects only */
	for (f = k; f < b && !js_is_kw(p, f, JK_FROM); f = js_skip(p, f))
		;
	if (f + 1 >= b || p->t[f + 1].kind != JT_STRING) {
		model_add_error(p->m, line, "expected 'from \"module\"' in import");
		return;
	}
	if (type_only)
		return;
	mod = js_unquote(p, f + 1);
	while (k < f) {
		if (p->t[k].kind == JT_NAME) {
			js_bind(p, js_span(p, k, k + 1), mod, none, line);
			k++;
		} else if (js_is_op(p, k, '*') && k + 2 < f && js_is_kw(p, k + 1, JK_AS)) {
			js_bind(p, js_span(p, k + 2, k + 3), mod, none, line);
			k += 3;
		} else if (js_is_op(p, k, '{')) {
			js_import_names(p, k, mod, line);
			k = p->t[k].match + 1;
		} else {
			k++;
		}
	}
}

void js_require(struct js_parser *p, uint32_t ta, uint32_t tb, uint32_t a, uint32_t b)
{
	uint32_t k = a + 4, line = p->t[a].line;
	struct span mod, member = { 0, 0 };

	if (b < a + 4 || !js_name_is(p, a, "require") || !js_is_op(p, a + 1, '(') ||
	    p->t[a + 2].kind != JT_STRING || !js_is_op(p, a + 3, ')'))
		return;
	mod = js_unquote(p, a + 2);
	/* `require("m").a.b` */
	if (k + 1 < b && js_is_op(p, k, '.') && p->t[k + 1].kind == JT_NAME)
		member = js_span(p, k + 1, b);
	if (tb == ta + 1 && p->t[ta].kind == JT_NAME) {
		js_bind(p, js_span(p, ta, ta + 1), mod, member, line);
	} else if (js_is_op(p, ta, '{') && member.len == 0) {
		uint32_t e = p->t[ta].match;
		for (uint32_t s = ta + 1; s < e;) {
			uint32_t c = js_find_op(p, s, e, ',');
			if (p->t[s].kind == JT_NAME) {
				struct span local = js_span(p, s, s + 1);
				if (s + 2 < c && js_is_op(p, s + 1, ':') && p->t[s + 2].kind == JT_NAME)
					local = js_span(p, s + 2, s + 3);
				js_bind(p, local, mod, js_span(p, s, s + 1), line);
			}
			s = c + 1;
		}
	}
}

/* ---- parameters ---- */

/* Skips a parameter decorator `@X.y(...)` at i, scanning its calls. */
static uint32_t js_param_decorator(struct js_parser *p, uint32_t i, uint32_t b, uint32_t fn)
{
	uint32_t k = i + 1, saved = p->expr_flags;

	while (k < b && (p->t[k].kind == JT_NAME || js_is_op(p, k, '.')))
		k++;
	if (k < b && js_is_op(p, k, '('))
		k = p->t[k].match + 1;
	p->expr_flags = NF_DECORATOR | NF_HEADER;
	js_scan(p, i + 1, k, fn);
	p->expr_flags = saved;
	return k;
}

static int js_param_modifier(const struct js_parser *p, uint32_t k, uint32_t b)
{
	return k + 1 < b && (p->t[k + 1].kind == JT_NAME || js_is_opener(p, k + 1) ||
			     js_is_op(p, k + 1, JO_ELLIPSIS)) &&
	       (js_name_is(p, k, "public") || js_name_is(p, k, "private") ||
		js_name_is(p, k, "protected") || js_name_is(p, k, "readonly") ||
		js_name_is(p, k, "override"));
}

void js_params(struct js_parser *p, uint32_t open, uint32_t fn)
{
	struct func_info *fi = p->m->nodes[fn].u.func;
	uint32_t a = open + 1, b = p->t[open].match, n = 1, k, saved = p->expr_flags;

	if (a >= b)
		return;
	for (k = a; k < b; k = js_skip(p, k))
		n += js_is_op(p, k, ',');
	fi->params = arena_alloc(&p->m->arena, n * sizeof *fi->params);
	for (k = a; k < b && fi->n_params < n;) {
		struct param *pr = &fi->params[fi->n_params];
		uint32_t s;

		while (k < b && js_is_op(p, k, '@'))
			k = js_param_decorator(p, k, b, fn);
		while (js_param_modifier(p, k, b))
			k++;
		if (k < b && js_is_op(p, k, JO_ELLIPSIS)) {
			pr->star = 1;
			k++;
		}
		s = k;
		if (k < b && js_is_opener(p, k)) {
			/* a destructuring pattern: its defaults are header code */
			p->expr_flags = NF_HEADER;
			js_scan(p, k + 1, p->t[k].match, fn);
			p->expr_flags = saved;
		}
		if (k < b && (p->t[k].kind == JT_NAME || js_is_opener(p, k)))
			k = js_skip(p, k);
		if (k > s) {
			pr->name = js_text(p, s, k);
			fi->n_params++;
		}
		if (k < b && (js_is_op(p, k, '?') || js_is_op(p, k, '!')))
			k++;
		if (k < b && js_is_op(p, k, ':')) {
			uint32_t e = js_skip_type(p, k + 1, b);
			pr->annotation = js_span(p, k + 1, e);
			k = e;
		}
		if (k < b && js_is_op(p, k, '=')) {
			uint32_t e = js_find_comma(p, k + 1, b);
			pr->def = js_span(p, k + 1, e);
			p->expr_flags = NF_HEADER;
			js_scan(p, k + 1, e, fn);
			p->expr_flags = saved;
			k = e;
		}
		if (k < b && !js_is_op(p, k, ','))
			k = js_find_op(p, k, b, ',');  /* recover at the next parameter */
		k++;
	}
}
