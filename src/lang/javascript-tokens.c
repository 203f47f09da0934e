/* JavaScript/TypeScript parser helpers over the token array: searching,
 * spans and text, lines, node creation and the shared recursion guard. */
#include "lang/javascript-parse.h"

#include <string.h>

/* Recursion beyond this is skipped (hostile input would exhaust the stack). */
enum { JS_MAX_DEPTH = 200 };

int js_enter(struct js_parser *p, uint32_t at)
{
	if (p->depth >= JS_MAX_DEPTH) {
		if (!p->too_deep)
			model_add_error(p->m, p->t[at < p->nt ? at : p->nt - 1].line,
					"nested too deeply; inner code skipped");
		p->too_deep = 1;
		return 0;
	}
	p->depth++;
	return 1;
}

uint32_t js_find_op(const struct js_parser *p, uint32_t a, uint32_t b, unsigned code)
{
	for (uint32_t i = a; i < b; i = js_skip(p, i))
		if (js_is_op(p, i, code))
			return i;
	return b;
}

int js_name_is(const struct js_parser *p, uint32_t i, const char *s)
{
	const struct js_tok *t = &p->t[i];
	size_t n = strlen(s);

	return t->kind == JT_NAME && t->len == n && memcmp(p->src + t->off, s, n) == 0;
}

struct span js_span(const struct js_parser *p, uint32_t a, uint32_t b)
{
	struct span s = { 0, 0 };

	if (a < b) {
		s.off = p->t[a].off;
		s.len = p->t[b - 1].off + p->t[b - 1].len - s.off;
	}
	return s;
}

const char *js_text(struct js_parser *p, uint32_t a, uint32_t b)
{
	struct span s = js_span(p, a, b);

	return arena_intern(&p->m->arena, p->src + s.off, s.len);
}

/* Last line of token i (templates, strings and JSX may span lines). */
uint32_t js_end_line(const struct js_parser *p, uint32_t i)
{
	const struct js_tok *t = &p->t[i];
	const uint32_t *lo = p->m->line_off;
	uint32_t end, a, b;

	if (t->len <= 1 || t->kind == JT_OP || t->kind == JT_NAME || t->kind == JT_NUMBER)
		return t->line;
	end = t->off + t->len - 1;
	a = t->line - 1;
	b = p->m->n_lines;
	if (a >= b)
		return t->line;
	while (b - a > 1) {
		uint32_t mid = a + (b - a) / 2;
		if (lo[mid] <= end)
			a = mid;
		else
			b = mid;
	}
	return a + 1;
}

uint32_t js_node(struct js_parser *p, uint32_t parent, enum node_kind kind, uint32_t i)
{
	return model_add_node(p->m, parent, kind, p->t[i].line, p->t[i].col);
}


/* Dotted name of a new function or class under parent: the enclosing
 * function and class names joined with '.'. */
const char *js_qualname(struct js_parser *p, uint32_t parent, const char *name)
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
