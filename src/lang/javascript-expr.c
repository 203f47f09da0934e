/* JavaScript/TypeScript expression scanner: finds what the model cares
 * about in an expression (call chains, function literals, classes, object
 * literal methods, await, yield) without building an expression tree, and
 * skips TypeScript types.
 *
 * A call chain is a primary followed by trailers (.x, ?.x, (...), [...],
 * postfix !, type arguments, a tagged template); the prefix ending at the
 * last call is ONE call node whose callee is normalized: `?.` reads as
 * `.`, intermediate calls as "()", subscripts as "[]", `!` and type
 * arguments vanish, `new a.B(x)` calls "a.B". A function literal passed to
 * forEach/map/filter/... becomes a NF_JS_CALLBACK loop around its FUNC. */
#include "lang/javascript-parse.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static uint32_t js_chain(struct js_parser *p, uint32_t i, uint32_t b, uint32_t parent, int awaited);

/* An expression-level node carrying the header/decorator context. */
static uint32_t js_expr_node(struct js_parser *p, uint32_t parent, enum node_kind kind,
			     uint32_t i, uint32_t last)
{
	uint32_t n = js_node(p, parent, kind, i);

	p->m->nodes[n].flags |= p->expr_flags;
	p->m->nodes[n].end_line = js_end_line(p, last);
	return n;
}

/* ---- function literals ---- */

/* True when an arrow follows the parameter group at open. */
static int js_arrow_after(struct js_parser *p, uint32_t open, uint32_t b)
{
	uint32_t k = p->t[open].match + 1;

	if (k < b && js_is_op(p, k, JO_ARROW))
		return 1;
	if (k < b && js_is_op(p, k, ':')) {
		k = js_skip_type(p, k + 1, b);
		return k < b && js_is_op(p, k, JO_ARROW);
	}
	return 0;
}

/* A name that can be an arrow's single parameter. */
static int js_param_name(const struct js_parser *p, uint32_t i)
{
	unsigned s = p->t[i].sub;
	return p->t[i].kind == JT_NAME && (s == JK_NONE || s == JK_AS || s == JK_FROM ||
					   s == JK_OF || s == JK_SATISFIES || s == JK_ASYNC);
}

int js_starts_function(struct js_parser *p, uint32_t i, uint32_t b)
{
	uint32_t a;

	if (i >= b)
		return 0;
	if (js_is_kw(p, i, JK_FUNCTION))
		return 1;
	if (js_is_kw(p, i, JK_ASYNC) && i + 1 < b && !js_nl(p, i + 1)) {
		if (js_is_kw(p, i + 1, JK_FUNCTION))
			return 1;
		i++;
		if (js_param_name(p, i) && i + 1 < b && js_is_op(p, i + 1, JO_ARROW))
			return 1;
	}
	if (js_param_name(p, i) && i + 1 < b && js_is_op(p, i + 1, JO_ARROW))
		return 1;
	if (js_is_op(p, i, '<') && (a = js_skip_angle(p, i, b)) != 0 && a < b && js_is_op(p, a, '('))
		i = a;
	return js_is_op(p, i, '(') && js_arrow_after(p, i, b);
}

/* Params, return type and body of a function node fn whose parameter
 * list opens at open; returns the index after the function. */
static uint32_t js_func_rest(struct js_parser *p, uint32_t fn, uint32_t open, uint32_t b, int arrow)
{
	struct func_info *fi = p->m->nodes[fn].u.func;
	uint32_t k, end;

	if (js_is_op(p, open, '(')) {
		js_params(p, open, fn);
		k = p->t[open].match + 1;
	} else {
		k = open + 1;  /* a single arrow parameter name */
		fi->params = arena_alloc(&p->m->arena, sizeof *fi->params);
		fi->params[0].name = js_text(p, open, open + 1);
		fi->n_params = 1;
	}
	if (k < b && js_is_op(p, k, ':')) {
		uint32_t r = js_skip_type(p, k + 1, b);
		fi->returns = js_span(p, k + 1, r);
		k = r;
	}
	if (arrow) {
		if (k >= b || !js_is_op(p, k, JO_ARROW))
			return k;
		k++;
	}
	if (k < b && js_is_op(p, k, '{')) {
		end = p->t[k].match;
		fi->body_line = k + 1 < end ? p->t[k + 1].line : p->t[k].line;
		js_block(p, k + 1, end, fn);
		p->m->nodes[fn].end_line = js_end_line(p, end);
		return end + 1;
	}
	if (!arrow)
		return k;  /* an overload signature or abstract method: no body */
	/* expression body: up to the next ',' or ';' at this level */
	for (end = k; end < b && !js_is_op(p, end, ',') && !js_is_op(p, end, ';');)
		end = js_skip(p, end);
	if (k < end) {
		uint32_t saved = p->expr_flags;
		fi->body_line = p->t[k].line;
		p->expr_flags = 0;
		js_scan(p, k, end, fn);
		p->expr_flags = saved;
		p->m->nodes[fn].end_line = js_end_line(p, end - 1);
	}
	return end;
}

/* Adds a FUNC node at token i. */
static uint32_t js_func_node(struct js_parser *p, uint32_t parent, uint32_t i, const char *name,
			     uint32_t flags)
{
	uint32_t fn = js_expr_node(p, parent, NODE_FUNC, i, i);
	struct func_info *fi = arena_alloc(&p->m->arena, sizeof *fi);

	p->m->nodes[fn].flags = (p->m->nodes[fn].flags & ~(uint32_t)NF_HEADER) | flags;
	p->m->nodes[fn].name = name;
	p->m->nodes[fn].u.func = fi;
	fi->qualname = js_qualname(p, parent, name);
	fi->body_line = p->t[i].line;
	if (p->want_decos) {
		p->want_decos = 0;
		fi->decorators = js_take_decorators(p, fn, &fi->n_decorators);
	}
	return fn;
}

uint32_t js_function(struct js_parser *p, uint32_t i, uint32_t b, uint32_t parent,
		     const char *name, uint32_t flags, int method)
{
	uint32_t k = i, fn, a, r;
	int arrow = 1;

	if (!method && !js_starts_function(p, i, b))
		return 0;
	if (!js_enter(p, i))
		return b;
	if (!method && js_is_kw(p, k, JK_ASYNC) && k + 1 < b && !js_is_op(p, k + 1, JO_ARROW) &&
	    !js_nl(p, k + 1) && (js_is_kw(p, k + 1, JK_FUNCTION) || js_starts_function(p, k + 1, b))) {
		flags |= NF_ASYNC;
		k++;
	}
	if (js_is_kw(p, k, JK_FUNCTION)) {
		arrow = 0;
		k++;
		if (k < b && js_is_op(p, k, '*')) {
			flags |= NF_GENERATOR;
			k++;
		}
		if (k < b && p->t[k].kind == JT_NAME && !js_is_op(p, k, '(')) {
			if (name == NULL)
				name = js_text(p, k, k + 1);
			k++;
		}
	} else if (method) {
		arrow = 0;  /* k is at the parameter list of a method */
	}
	if (k < b && js_is_op(p, k, '<') && (a = js_skip_angle(p, k, b)) != 0)
		k = a;
	/* an arrow bound to a name (`const list = async (req) => {...}`, a
	 * class field, an object property) is a function of its own, called
	 * by that name; only an anonymous arrow is an inline lambda */
	if (name == NULL) {
		name = arrow ? "<arrow>" : "<function>";
		if (arrow)
			flags |= NF_LAMBDA;
	}
	fn = js_func_node(p, parent, i, name, flags);
	if (k >= b || !(js_is_op(p, k, '(') || (arrow && p->t[k].kind == JT_NAME))) {
		model_add_error(p->m, p->t[k < b ? k : i].line, "expected '(' after function");
		js_leave(p);
		return k < b ? k + 1 : b;
	}
	r = js_func_rest(p, fn, k, b, arrow);
	js_leave(p);
	return r;
}

/* ---- chains and calls ---- */

static const char *const callback_methods[] = {
	"forEach", "map", "flatMap", "filter", "reduce", "reduceRight", "some", "every",
	"find", "findIndex", "findLast", "findLastIndex", NULL
};

/* Functions taking the collection first and a per-item callback after it. */
static const char *const callback_functions[] = {
	"_.forEach", "_.each", "_.map", "_.flatMap", "_.filter", "_.reduce", "_.some",
	"_.every", "_.find", "lodash.forEach", "lodash.map", "lodash.filter",
	"Array.from", "Promise.map", "Promise.each", "Promise.mapSeries", "Bluebird.map",
	"Bluebird.each", "Bluebird.mapSeries", "pMap", "async.each", "async.eachSeries",
	"async.eachLimit", "async.map", "async.mapSeries", "async.mapLimit", NULL
};

static int js_is_callback_function(const char *callee)
{
	for (int k = 0; callback_functions[k]; k++)
		if (strcmp(callee, callback_functions[k]) == 0)
			return 1;
	return 0;
}

static int js_is_callback_method(const char *name)
{
	for (int k = 0; callback_methods[k]; k++)
		if (strcmp(name, callback_methods[k]) == 0)
			return 1;
	return 0;
}

/* Span of the nth (0-based) parameter of the function literal at [s, e). */
static struct span js_nth_param(struct js_parser *p, uint32_t s, uint32_t e, int nth)
{
	struct span none = { 0, 0 };
	uint32_t k = s;

	if (js_is_kw(p, k, JK_ASYNC))
		k++;
	if (k < e && js_is_kw(p, k, JK_FUNCTION)) {
		while (k < e && !js_is_op(p, k, '('))
			k++;
	}
	if (k < e && p->t[k].kind == JT_NAME)
		return nth == 0 ? js_span(p, k, k + 1) : none;
	if (k >= e || !js_is_op(p, k, '('))
		return none;
	for (uint32_t a = k + 1, b = p->t[k].match; a < b; nth--) {
		uint32_t c = js_find_op(p, a, b, ','), x = a;
		if (nth == 0) {
			while (x < c && !js_is_op(p, x, ':') && !js_is_op(p, x, '=') && !js_is_op(p, x, '?'))
				x = js_skip(p, x);
			return js_span(p, a, x);
		}
		a = c + 1;
	}
	return none;
}

/* Scans the argument list at open, a call in the chain of call node call
 * (its own arguments when last). When the segment before it is a per-item
 * method on the receiver [ra, dot), function literals passed to it become
 * callback loops over the receiver; for a per-item function
 * (`_.map(xs, fn)`, `pMap(xs, fn)`) over its first argument. */
static void js_call_args(struct js_parser *p, uint32_t call, uint32_t open, uint32_t ra,
			 uint32_t dot, int last)
{
	struct call_info *ci = p->m->nodes[call].u.call;
	uint32_t a = open + 1, b = p->t[open].match, n = 1, k, mname = open - 1;
	int per_item, first_arg_iter = 0;

	per_item = dot > ra && mname == dot + 1 && p->t[mname].kind == JT_NAME;
	if (per_item) {
		char name[16];
		size_t len = p->t[mname].len < sizeof name ? p->t[mname].len : sizeof name - 1;
		memcpy(name, p->src + p->t[mname].off, len);
		name[len] = '\0';
		per_item = js_is_callback_method(name);
	}
	if (last && js_is_callback_function(ci->callee)) {
		per_item = first_arg_iter = 1;
		ra = a;
		dot = js_find_comma(p, a, b);
	}
	if (last)
		ci->args_text = js_span(p, a, b);
	if (a >= b)
		return;
	for (k = a; k < b; k = js_skip(p, k))
		n += js_is_op(p, k, ',');
	if (last)
		ci->args = arena_alloc(&p->m->arena, n * sizeof *ci->args);
	for (uint32_t s = a; s < b;) {
		uint32_t e = js_find_comma(p, s, b);
		if (e > s) {
			uint32_t x = s;
			if (js_is_op(p, s, JO_ELLIPSIS))
				x++;
			if (last && ci->n_args < n) {
				struct arg *ar = &ci->args[ci->n_args++];
				ar->name = x > s ? "*" : NULL;
				ar->expr = js_span(p, x, e);
			}
			if (per_item && js_starts_function(p, x, e) && !(first_arg_iter && s == a)) {
				uint32_t loop = js_expr_node(p, call, NODE_LOOP, x, e - 1);
				struct loop_info *li = arena_alloc(&p->m->arena, sizeof *li);
				uint32_t saved = p->expr_flags;
				li->iter = js_span(p, ra, dot);
				li->target = js_nth_param(p, x, e, js_name_is(p, mname, "reduce") ||
							  js_name_is(p, mname, "reduceRight") ||
							  strcmp(ci->name, "reduce") == 0);
				p->m->nodes[loop].u.loop = li;
				p->m->nodes[loop].flags |= NF_JS_CALLBACK |
							   (js_small_literal(p, ra, dot) ? NF_SMALL_LITERAL : 0);
				if (li->target.len > 0)
					p->m->nodes[loop].name = arena_intern(&p->m->arena,
									       p->src + li->target.off,
									       li->target.len);
				p->expr_flags = 0;
				js_scan(p, x, e, loop);
				p->expr_flags = saved;
			} else {
				js_scan(p, x, e, call);
			}
		}
		s = e + 1;
	}
}

/* Appends the callee text of the chain atom at i. */
static void js_atom_text(struct js_parser *p, uint32_t i)
{
	const struct js_tok *t = &p->t[i];

	if (t->kind == JT_NAME)
		sb_add(&p->sb, p->src + t->off, t->len);
	else if (t->kind == JT_STRING || t->kind == JT_TEMPLATE)
		sb_adds(&p->sb, "<str>");
	else
		sb_adds(&p->sb, "<expr>");
}

/* End of the trailers after atom_end; *last_call gets the last call's
 * '(' (or tagged template), 0 when none. */
static uint32_t js_trailers(struct js_parser *p, uint32_t j, uint32_t b, uint32_t *last_call)
{
	uint32_t a;

	*last_call = 0;
	while (j < b) {
		const struct js_tok *t = &p->t[j];
		if ((js_is_op(p, j, '.') || js_is_op(p, j, JO_OPTCHAIN)) && j + 1 < b &&
		    p->t[j + 1].kind == JT_NAME) {
			j += 2;
		} else if (js_is_op(p, j, JO_OPTCHAIN) && j + 1 < b && js_is_opener(p, j + 1)) {
			j++;
		} else if (js_is_op(p, j, '(')) {
			*last_call = j;
			j = t->match + 1;
		} else if (js_is_op(p, j, '[')) {
			j = t->match + 1;
		} else if (t->kind == JT_TEMPLATE) {
			*last_call = j;
			j = js_skip(p, j);
		} else if (js_is_op(p, j, '!') && !js_nl(p, j) && j + 1 < b &&
			   (js_is_op(p, j + 1, '.') || js_is_op(p, j + 1, JO_OPTCHAIN) ||
			    js_is_op(p, j + 1, '(') || js_is_op(p, j + 1, '[') ||
			    js_is_op(p, j + 1, '!'))) {
			j++;
		} else if (js_is_op(p, j, '<') && (a = js_skip_angle(p, j, b)) != 0 && a < b &&
			   (js_is_op(p, a, '(') || p->t[a].kind == JT_TEMPLATE)) {
			j = a;
		} else {
			break;
		}
	}
	return j;
}

/* Scans one chain at i (after an optional `new`); returns its end. */
static uint32_t js_chain(struct js_parser *p, uint32_t i, uint32_t b, uint32_t parent, int awaited)
{
	uint32_t start = i, atom_end, j, last_call, call, k, dot;
	int is_new = 0;
	struct call_info *ci;

	if (js_is_kw(p, i, JK_NEW)) {
		is_new = 1;
		while (++i < b && js_is_kw(p, i, JK_NEW))
			;  /* `new new X()()`: the innermost constructor is the call */
		if (i >= b)
			return b;
		if (js_is_op(p, i, '.'))  /* new.target */
			return i + 1;
		start = i;
	}
	atom_end = js_skip(p, i);
	if (is_new) {
		/* `new a.b.C<T>(args)`: the constructor is the dotted name */
		j = atom_end;
		while (j + 1 < b && js_is_op(p, j, '.') && p->t[j + 1].kind == JT_NAME)
			j += 2;
		if (j < b && js_is_op(p, j, '<') && (k = js_skip_angle(p, j, b)) != 0)
			j = k;
		if (j >= b || !js_is_op(p, j, '(')) {
			/* `new X` without arguments is still a call */
			call = js_expr_node(p, parent, NODE_CALL, start, j - 1);
			ci = arena_alloc(&p->m->arena, sizeof *ci);
			sb_reset(&p->sb);
			for (k = start; k < j && !js_is_op(p, k, '<'); k++)
				js_atom_text(p, k);
			ci->callee = arena_intern(&p->m->arena, p->sb.buf, p->sb.len);
			ci->name = strrchr(ci->callee, '.');
			ci->name = ci->name ? ci->name + 1 : ci->callee;
			p->m->nodes[call].u.call = ci;
			if (awaited)
				p->m->nodes[call].flags |= NF_AWAITED;
			return j;
		}
	}
	j = js_trailers(p, atom_end, b, &last_call);

	if (awaited && !(last_call != 0 && js_skip(p, last_call) == j)) {
		uint32_t aw = js_expr_node(p, parent, NODE_AWAIT, start, j - 1);
		p->m->nodes[aw].value = js_span(p, start, j);
		parent = aw;
		awaited = 0;
	}
	/* an object literal atom was scanned by the caller */
	if (js_is_opener(p, start) && !js_is_op(p, start, '{'))
		js_scan(p, start + 1, p->t[start].match, parent);
	if (last_call == 0) {
		for (k = atom_end; k < j; k = js_skip(p, k))
			if (js_is_opener(p, k))
				js_scan(p, k + 1, p->t[k].match, parent);
		return j;
	}

	sb_reset(&p->sb);
	js_atom_text(p, start);
	for (k = atom_end; k < last_call; k = js_skip(p, k)) {
		if ((js_is_op(p, k, '.') || js_is_op(p, k, JO_OPTCHAIN)) && k + 1 < last_call &&
		    p->t[k + 1].kind == JT_NAME) {
			sb_addc(&p->sb, '.');
			sb_add(&p->sb, p->src + p->t[k + 1].off, p->t[k + 1].len);
			k++;
		} else if (js_is_op(p, k, '(') || p->t[k].kind == JT_TEMPLATE) {
			sb_adds(&p->sb, "()");
		} else if (js_is_op(p, k, '[')) {
			sb_adds(&p->sb, "[]");
		} else if (js_is_op(p, k, '<') && js_skip_angle(p, k, last_call) != 0) {
			k = js_skip_angle(p, k, last_call) - 1;
		}
	}
	call = js_expr_node(p, parent, NODE_CALL, is_new ? start - 1 : start,
			    js_skip(p, last_call) - 1);
	if (awaited)
		p->m->nodes[call].flags |= NF_AWAITED;
	ci = arena_alloc(&p->m->arena, sizeof *ci);
	ci->callee = arena_intern(&p->m->arena, p->sb.buf, p->sb.len);
	ci->name = strrchr(ci->callee, '.');
	ci->name = ci->name ? ci->name + 1 : ci->callee;
	p->m->nodes[call].u.call = ci;
	for (k = atom_end, dot = 0; k < j; k = js_skip(p, k)) {
		if ((js_is_op(p, k, '.') || js_is_op(p, k, JO_OPTCHAIN)) && k + 1 < j &&
		    p->t[k + 1].kind == JT_NAME) {
			dot = k++;
		} else if (k == last_call && p->t[k].kind == JT_TEMPLATE) {
			/* tagged template: the template is the argument text */
			ci->args_text = js_span(p, k, k + 1);
			if (js_is_opener(p, k))
				js_scan(p, k + 1, p->t[k].match, call);
		} else if (js_is_op(p, k, '(')) {
			/* `a.map(f).filter(g)`: every per-item method of the chain */
			js_call_args(p, call, k, start, dot, k == last_call);
		} else if (js_is_opener(p, k)) {
			js_scan(p, k + 1, p->t[k].match, call);
		} else if (js_is_op(p, k, '<') && js_skip_angle(p, k, j)) {
			k = js_skip_angle(p, k, j) - 1;
		}
	}
	return j;
}

/* Object literal at open: methods and function-valued properties become
 * named FUNC nodes, everything else is scanned. */
static void js_object(struct js_parser *p, uint32_t open, uint32_t parent)
{
	uint32_t b = p->t[open].match;

	for (uint32_t s = open + 1; s < b;) {
		uint32_t e = js_find_comma(p, s, b), k = s, key, flags = 0;

		while (k + 1 < e && (js_is_kw(p, k, JK_ASYNC) || js_name_is(p, k, "get") ||
				     js_name_is(p, k, "set")) &&
		       (p->t[k + 1].kind == JT_NAME || p->t[k + 1].kind == JT_STRING ||
			js_is_op(p, k + 1, '[') || js_is_op(p, k + 1, '*'))) {
			if (js_is_kw(p, k, JK_ASYNC))
				flags |= NF_ASYNC;
			k++;
		}
		if (k < e && js_is_op(p, k, '*')) {
			flags |= NF_GENERATOR;
			k++;
		}
		key = k;
		if (k < e && (p->t[k].kind == JT_NAME || p->t[k].kind == JT_STRING ||
			      p->t[k].kind == JT_NUMBER || js_is_op(p, k, '[')))
			k = js_skip(p, k);
		if (k > key && k < e && (js_is_op(p, k, '(') || js_is_op(p, k, '<'))) {
			const char *name = p->t[key].kind == JT_NAME ? js_text(p, key, key + 1) : "<method>";
			if (js_is_op(p, key, '['))
				js_scan(p, key + 1, p->t[key].match, parent);
			uint32_t fn = p->m->n_nodes;
			js_function(p, k, e, parent, name, flags, 1);
			if (fn < p->m->n_nodes) {
				p->m->nodes[fn].line = p->t[s].line;
				p->m->nodes[fn].col = (uint16_t)(p->t[s].col > 65535 ? 65535 : p->t[s].col);
			}
		} else if (k > key && k + 1 < e && js_is_op(p, k, ':') && js_starts_function(p, k + 1, e)) {
			const char *name = p->t[key].kind == JT_NAME ? js_text(p, key, key + 1) : NULL;
			if (js_is_op(p, key, '['))
				js_scan(p, key + 1, p->t[key].match, parent);
			js_function(p, k + 1, e, parent, name, 0, 0);
		} else if (k > key && k < e && js_is_op(p, k, ':')) {
			if (js_is_op(p, key, '['))
				js_scan(p, key + 1, p->t[key].match, parent);
			js_scan(p, k + 1, e, parent);  /* the key may be any word: `function: x` */
		} else {
			js_scan(p, js_is_op(p, s, JO_ELLIPSIS) ? s + 1 : s, e, parent);
		}
		s = e + 1;
	}
}

/* `yield [*] value` to the end of the range. */
static void js_yield(struct js_parser *p, uint32_t i, uint32_t b, uint32_t parent)
{
	uint32_t j = i + 1, n = js_expr_node(p, parent, NODE_YIELD, i, b - 1);

	if (j < b && js_is_op(p, j, '*')) {
		p->m->nodes[n].flags |= NF_YIELD_FROM;
		j++;
	}
	p->m->nodes[n].value = js_span(p, j, b);
	for (uint32_t k = parent; k != 0; k = p->m->nodes[k].parent)
		if (p->m->nodes[k].kind == NODE_FUNC) {
			p->m->nodes[k].flags |= NF_GENERATOR;
			break;
		}
	js_scan(p, j, b, n);
}

void js_scan(struct js_parser *p, uint32_t a, uint32_t b, uint32_t parent)
{
	int awaited = 0;

	if (a >= b || !js_enter(p, a))
		return;
	for (uint32_t i = a, e; i < b;) {
		const struct js_tok *t = &p->t[i];
		int aw = awaited;

		awaited = 0;
		if (t->kind == JT_NAME) {
			switch (t->sub) {
			case JK_FUNCTION:
				e = js_function(p, i, b, parent, NULL, 0, 0);
				i = e ? e : i + 1;
				continue;
			case JK_CLASS:
				i = js_class(p, i, b, parent);
				continue;
			case JK_AWAIT:
				awaited = 1;
				i++;
				continue;
			case JK_YIELD:
				js_yield(p, i, b, parent);
				i = b;
				continue;
			case JK_AS: case JK_SATISFIES:
				e = js_skip_type(p, i + 1, b);
				i = e > i + 1 ? e : i + 1;
				continue;
			case JK_NONE: case JK_THIS: case JK_SUPER: case JK_IMPORT: case JK_NEW:
			case JK_ASYNC: case JK_OF: case JK_FROM: case JK_LET:
				if ((e = js_function(p, i, b, parent, NULL, 0, 0)) != 0) {
					i = e;
					continue;
				}
				i = js_chain(p, i, b, parent, aw);
				continue;
			default:
				i++;
				continue;
			}
		}
		if (js_is_op(p, i, '(') || js_is_op(p, i, '<')) {
			if ((e = js_function(p, i, b, parent, NULL, 0, 0)) != 0) {
				i = e;
				continue;
			}
			if (js_is_op(p, i, '<')) {
				i++;
				continue;
			}
			i = js_chain(p, i, b, parent, aw);
			continue;
		}
		if (js_is_op(p, i, '{')) {
			js_object(p, i, parent);
			i = js_chain(p, i, b, parent, aw);
			continue;
		}
		if (js_is_op(p, i, '[') || t->kind == JT_STRING || t->kind == JT_TEMPLATE ||
		    t->kind == JT_NUMBER || t->kind == JT_REGEX || t->kind == JT_JSX) {
			i = js_chain(p, i, b, parent, aw);
			continue;
		}
		i++;
	}
	js_leave(p);
}
