/* Private state shared by the Python statement parser (python.c) and the
 * expression scanner (python-expr.c).
 *
 * The parser works on the token array from python-lex.c and only ever
 * holds node indexes (the node array may move while nodes are added).
 * Token ranges are half-open [a, b) and never cross a logical line. */
#ifndef PPAUDIT_PYTHON_PARSE_H
#define PPAUDIT_PYTHON_PARSE_H

#include <stdint.h>

#include "lang/python-lex.h"
#include "util/strbuf.h"

struct py_range {
	uint32_t a, b;
};

struct py_parser {
	struct model *m;
	const char *src;
	const struct py_tok *t;
	uint32_t nt;
	uint16_t expr_flags;      /* NF_HEADER / NF_DECORATOR for expression nodes */
	int depth;                /* expression nesting, bounded against stack overflow */
	uint32_t *blocks;         /* node owning each open indented block */
	size_t n_blocks, cap_blocks;
	struct py_range *decos;   /* decorator expressions waiting for their def/class */
	size_t n_decos, cap_decos;
	struct strbuf sb;         /* scratch */
};

/* ---- token helpers ---- */

/* True when token i is the operator with this code. */
static inline int py_is_op(const struct py_parser *p, uint32_t i, unsigned code)
{
	return p->t[i].kind == PT_OP && p->t[i].sub == code;
}

/* True when token i is the hard keyword kw. */
static inline int py_is_kw(const struct py_parser *p, uint32_t i, unsigned kw)
{
	return p->t[i].kind == PT_NAME && p->t[i].sub == kw;
}

/* True when token i opens a bracket group. */
static inline int py_is_opener(const struct py_parser *p, uint32_t i)
{
	const struct py_tok *t = &p->t[i];
	return t->kind == PT_OP && (t->sub == '(' || t->sub == '[' || t->sub == '{');
}

/* Index after token i, jumping over a whole bracket group. */
static inline uint32_t py_skip(const struct py_parser *p, uint32_t i)
{
	return py_is_opener(p, i) ? p->t[i].match + 1 : i + 1;
}

/* First index in [a, b) at bracket depth 0 holding operator code, or b. */
uint32_t py_find_op(const struct py_parser *p, uint32_t a, uint32_t b, unsigned code);
/* Same for a keyword. */
uint32_t py_find_kw(const struct py_parser *p, uint32_t a, uint32_t b, unsigned kw);
/* True when plain name token i has exactly the text s. */
int py_name_is(const struct py_parser *p, uint32_t i, const char *s);
/* Source span covering tokens [a, b); empty when a >= b. */
struct span py_span(const struct py_parser *p, uint32_t a, uint32_t b);
/* Arena copy of the text of tokens [a, b) ("" when empty). */
const char *py_text(struct py_parser *p, uint32_t a, uint32_t b);
/* Last line touched by token i (multi-line strings included). */
uint32_t py_end_line(const struct py_parser *p, uint32_t i);
/* Adds a node of kind for token i under parent. */
uint32_t py_node(struct py_parser *p, uint32_t parent, enum node_kind kind, uint32_t i);

/* ---- expressions (python-expr.c) ---- */

/* Finds calls, lambdas, comprehensions, walrus, await and yield in tokens
 * [a, b) and adds them under parent. */
void py_scan(struct py_parser *p, uint32_t a, uint32_t b, uint32_t parent);
/* Parameters between the parentheses at open (def) or in [a, b) (lambda). */
void py_params(struct py_parser *p, uint32_t a, uint32_t b, uint32_t func, int lambda);
/* True when the iterable in [a, b) is a small literal or range(N < 100). */
int py_small_literal(const struct py_parser *p, uint32_t a, uint32_t b);
/* Qualified name for a new def/class called name under parent. */
const char *py_qualname(struct py_parser *p, uint32_t parent, const char *name);

#endif
