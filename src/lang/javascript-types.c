/* TypeScript types, skipped rather than modelled: a type annotation,
 * `as T`, type arguments `f<T>()`. The code model records their text as
 * spans where it has a field for it (param annotations, return types). */
#include "lang/javascript-parse.h"

/* Type arguments longer than this many tokens are taken for comparisons;
 * a bracketed group counts as one, so an object type of any size fits
 * (`GenService<{ ...hundreds of members... }>`). */
enum { JS_ANGLE_REACH = 256 };

uint32_t js_skip_angle(const struct js_parser *p, uint32_t i, uint32_t b)
{
	int d = 0;
	uint32_t n = 0;

	for (uint32_t k = i; k < b && n < JS_ANGLE_REACH; k = js_skip(p, k), n++) {
		const struct js_tok *t = &p->t[k];
		if (t->kind != JT_OP)
			continue;
		switch (t->sub) {
		case '<': d++; break;
		case '>': d--; break;
		case JO_SHR: d -= 2; break;
		case JO_USHR: d -= 3; break;
		case ';': case JO_AND: case JO_OR: case JO_ASSIGNOP: case JO_EQ:
		case JO_INC: case JO_DEC: case '!': case '+': case '*': case '/': case '%':
			return 0;
		}
		if (d <= 0)
			return d == 0 ? k + 1 : 0;
	}
	return 0;
}

/* A class or interface header runs to the '{' of its body, but type
 * arguments may hold braces of their own: `implements Store<M, { name: string }>`,
 * `interface R<P = {}>`. */
uint32_t js_find_outside_angle(const struct js_parser *p, uint32_t a, uint32_t b, unsigned stop,
			       const char *word)
{
	uint32_t k = a, e;

	while (k < b && !js_is_op(p, k, stop) && !(word && js_name_is(p, k, word))) {
		if (js_is_op(p, k, '<') && (e = js_skip_angle(p, k, b)) != 0)
			k = e;
		else
			k = js_skip(p, k);
	}
	return k < b ? k : b;
}

/* Type prefix words: `keyof T`, `typeof x`, `readonly T[]`, `infer U`... */
static int js_type_prefix(const struct js_parser *p, uint32_t k)
{
	return js_is_kw(p, k, JK_TYPEOF) || js_is_kw(p, k, JK_NEW) || js_name_is(p, k, "keyof") ||
	       js_name_is(p, k, "readonly") || js_name_is(p, k, "unique") ||
	       js_name_is(p, k, "infer") || js_name_is(p, k, "abstract") ||
	       js_name_is(p, k, "asserts");
}

uint32_t js_skip_type(struct js_parser *p, uint32_t i, uint32_t b)
{
	uint32_t k = i, a;
	int cond = 0, imp;

	if (!js_enter(p, i))
		return i;
	while (k < b) {
		const struct js_tok *t = &p->t[k];
		while (k + 1 < b && js_type_prefix(p, k) &&
		       (p->t[k + 1].kind != JT_OP || js_is_opener(p, k + 1)))
			k++;
		if (js_is_op(p, k, '|') || js_is_op(p, k, '&')) {
			k++;
			continue;
		}
		t = &p->t[k];
		/* `import("mod")` of `typeof import("mod").x` */
		imp = js_is_kw(p, k, JK_IMPORT) && k + 1 < b && js_is_op(p, k + 1, '(') &&
		      p->t[k + 1].match > k + 1 && p->t[k + 1].match < b;
		if (t->kind == JT_NAME) {
			k = imp ? p->t[k + 1].match + 1 : k + 1;
			while (k + 1 < b && (js_is_op(p, k, '.')) && p->t[k + 1].kind == JT_NAME)
				k += 2;
			if (k < b && js_is_op(p, k, '<') && (a = js_skip_angle(p, k, b)) != 0)
				k = a;
			if (k < b && js_name_is(p, k, "is") && !js_nl(p, k)) {
				k++;
				continue;
			}
		} else if (js_is_op(p, k, '<') && (a = js_skip_angle(p, k, b)) != 0 && a < b &&
			   js_is_op(p, a, '(')) {
			k = a;
			continue;
		} else if (js_is_op(p, k, '(')) {
			k = t->match + 1;
			if (k < b && js_is_op(p, k, JO_ARROW)) {
				k++;
				continue;
			}
		} else if (js_is_opener(p, k)) {
			k = t->match + 1;
		} else if (t->kind == JT_STRING || t->kind == JT_NUMBER || t->kind == JT_TEMPLATE) {
			k++;
		} else if (js_is_op(p, k, '-') && k + 1 < b && p->t[k + 1].kind == JT_NUMBER) {
			k += 2;
		} else {
			break;
		}
		while (k < b && js_is_op(p, k, '[') && !js_nl(p, k))
			k = p->t[k].match + 1;
		if (k >= b)
			break;
		/* no '=>' here: after a type it is the arrow of `(): T => body` */
		if (js_is_op(p, k, '|') || js_is_op(p, k, '&')) {
			k++;
		} else if (js_is_kw(p, k, JK_EXTENDS)) {
			cond++;
			k++;
		} else if (cond > 0 && js_is_op(p, k, '?')) {
			k++;
		} else if (cond > 0 && js_is_op(p, k, ':')) {
			cond--;
			k++;
		} else {
			break;
		}
	}
	js_leave(p);
	return k;
}

/* The next ',' at depth 0 in [a, b), stepping over type arguments of
 * calls (`new Map<K, V>()`) and types after `as` / `satisfies`. */
uint32_t js_find_comma(struct js_parser *p, uint32_t a, uint32_t b)
{
	uint32_t k = a, e;

	while (k < b) {
		if (js_is_op(p, k, ','))
			return k;
		if (js_is_op(p, k, '<') && (e = js_skip_angle(p, k, b)) != 0 && e < b &&
		    (js_is_op(p, e, '(') || p->t[e].kind == JT_TEMPLATE)) {
			k = e;
		} else if (js_is_kw(p, k, JK_AS) || js_is_kw(p, k, JK_SATISFIES) ||
			   (js_is_op(p, k, ':') && k > a && js_is_op(p, k - 1, ')'))) {
			/* a type: after as / satisfies, or an arrow's return type */
			e = js_skip_type(p, k + 1, b);
			k = e > k + 1 ? e : k + 1;
		} else {
			k = js_skip(p, k);
		}
	}
	return b;
}

/* True when [a, b) is an array literal of fewer than 100 items. */
int js_small_literal(const struct js_parser *p, uint32_t a, uint32_t b)
{
	uint32_t n = 0;

	if (a >= b || !js_is_op(p, a, '[') || p->t[a].match != b - 1)
		return 0;
	for (uint32_t k = a + 1; k < b - 1 && n < 100; k = js_skip(p, k))
		n += js_is_op(p, k, ',');
	return n < 100;
}
