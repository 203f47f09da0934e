/* Private state shared by the JavaScript/TypeScript statement parser
 * (javascript.c), the class/import/parameter parts (javascript-decl.c),
 * the expression scanner (javascript-expr.c), TypeScript type skipping
 * (javascript-types.c) and the token helpers (javascript-tokens.c).
 *
 * The parser works on the token array from javascript-lex.c and only ever
 * holds node indexes (the node array may move while nodes are added).
 * Token ranges are half-open [a, b); a range never crosses a bracket
 * boundary, so tok->match jumps stay inside it. One depth counter guards
 * every recursion (statements, expressions, types). */
#ifndef PPAUDIT_JAVASCRIPT_PARSE_H
#define PPAUDIT_JAVASCRIPT_PARSE_H

#include <stdint.h>

#include "lang/javascript-lex.h"
#include "util/strbuf.h"

struct js_range {
	uint32_t a, b;
};

struct js_parser {
	struct model *m;
	const char *src;
	const struct js_tok *t;
	uint32_t nt;
	uint32_t expr_flags;      /* NF_HEADER / NF_DECORATOR for expression nodes */
	int depth;                /* recursion depth, bounded against stack overflow */
	int too_deep;             /* the depth error was reported */
	struct js_range *decos;   /* decorators waiting for their class / member */
	size_t n_decos, cap_decos;
	int in_members;           /* js_stmt_end is ending a class field */
	int want_decos;           /* the next FUNC node takes them (a class method) */
	struct strbuf sb;         /* scratch */
};
/* javascript_parse() owns the parser: it frees decos and sb at the end;
 * everything else lives in the model (arena) or the token array. */

/* ---- token helpers ---- */

static inline int js_is_op(const struct js_parser *p, uint32_t i, unsigned code)
{
	return p->t[i].kind == JT_OP && p->t[i].sub == code;
}

static inline int js_is_kw(const struct js_parser *p, uint32_t i, unsigned kw)
{
	return p->t[i].kind == JT_NAME && p->t[i].sub == kw;
}

/* True when token i opens a group: a bracket, or a template / JSX element
 * holding expressions. */
static inline int js_is_opener(const struct js_parser *p, uint32_t i)
{
	const struct js_tok *t = &p->t[i];
	if (t->kind == JT_TEMPLATE || t->kind == JT_JSX)
		return t->match != 0;
	return t->kind == JT_OP && t->len == 1 && (t->sub == '(' || t->sub == '[' || t->sub == '{');
}

/* Index after token i, jumping over a whole bracket group. */
static inline uint32_t js_skip(const struct js_parser *p, uint32_t i)
{
	return js_is_opener(p, i) ? p->t[i].match + 1 : i + 1;
}

/* A line break precedes token i. */
static inline int js_nl(const struct js_parser *p, uint32_t i)
{
	return p->t[i].flags & JTF_NL;
}

/* Enters one recursion level; 0 (and one model error) when too deep. */
int js_enter(struct js_parser *p, uint32_t at);
static inline void js_leave(struct js_parser *p)
{
	p->depth--;
}

/* ---- tokens and nodes (javascript-tokens.c) ---- */

/* First index in [a, b) at depth 0 holding operator code, or b. */
uint32_t js_find_op(const struct js_parser *p, uint32_t a, uint32_t b, unsigned code);
/* Plain name (or contextual keyword) token i spelled s. */
int js_name_is(const struct js_parser *p, uint32_t i, const char *s);
struct span js_span(const struct js_parser *p, uint32_t a, uint32_t b);
const char *js_text(struct js_parser *p, uint32_t a, uint32_t b);
uint32_t js_end_line(const struct js_parser *p, uint32_t i);
uint32_t js_node(struct js_parser *p, uint32_t parent, enum node_kind kind, uint32_t i);
const char *js_qualname(struct js_parser *p, uint32_t parent, const char *name);
/* End of the statement starting at a (its ';' or the token the line
 * break before which ends it, by the ASI rules), at most b. */
uint32_t js_stmt_end(const struct js_parser *p, uint32_t a, uint32_t b);

/* ---- statements (javascript.c) ---- */

void js_block(struct js_parser *p, uint32_t a, uint32_t b, uint32_t parent);
/* Parses one statement at a; returns the index after it. */
uint32_t js_statement(struct js_parser *p, uint32_t a, uint32_t b, uint32_t parent);

/* ---- declarations and parameters (javascript-decl.c) ---- */

/* `class` at i (after modifiers): returns the index after the body. */
uint32_t js_class(struct js_parser *p, uint32_t i, uint32_t b, uint32_t parent);
/* `import ...` statement in [a, b). */
void js_import(struct js_parser *p, uint32_t a, uint32_t b, uint32_t parent);
/* Adds import bindings for `target = require("m")[.x]` in [a, b). */
void js_require(struct js_parser *p, uint32_t ta, uint32_t tb, uint32_t a, uint32_t b);
/* True when the function whose parameters (or `<T>`) start at k has a
 * body (not an overload signature or abstract method). */
int js_has_body(struct js_parser *p, uint32_t k, uint32_t b);
/* Collects a decorator at '@' i; returns the index after it. */
uint32_t js_decorator(struct js_parser *p, uint32_t i, uint32_t b);
/* Moves the pending decorators to node n (scanning their calls). */
struct span *js_take_decorators(struct js_parser *p, uint32_t n, uint32_t *count);

/* Function params between the parentheses at open, into FUNC node func. */
void js_params(struct js_parser *p, uint32_t open, uint32_t func);

/* ---- expressions (javascript-expr.c), types (javascript-types.c) ---- */

void js_scan(struct js_parser *p, uint32_t a, uint32_t b, uint32_t parent);
/* The next ',' at depth 0 in [a, b) that separates items (not one in
 * type arguments `new Map<K, V>()` or a type after `as`), or b. */
uint32_t js_find_comma(struct js_parser *p, uint32_t a, uint32_t b);
/* True when [a, b) is an array literal of fewer than 100 items. */
int js_small_literal(const struct js_parser *p, uint32_t a, uint32_t b);
/* Index after a TypeScript type starting at i (i itself when none). */
uint32_t js_skip_type(struct js_parser *p, uint32_t i, uint32_t b);
/* Index after the `<...>` type arguments at i, or 0 when it is not one. */
uint32_t js_skip_angle(const struct js_parser *p, uint32_t i, uint32_t b);
/* The first t[k] in [a, b) that is `stop` (or, with `word`, that name) outside
 * type arguments; b when none. */
uint32_t js_find_outside_angle(const struct js_parser *p, uint32_t a, uint32_t b, unsigned stop,
			       const char *word);
/* A function literal starting at i (`function`, `async`, arrow params),
 * or with method set a method whose parameter list (or `<T>`) is at i;
 * name NULL: its own or "<arrow>" / "<function>". Returns the index
 * after it, 0 when no function starts at i. */
uint32_t js_function(struct js_parser *p, uint32_t i, uint32_t b, uint32_t parent,
		     const char *name, uint32_t flags, int method);
/* True when a function literal starts at i. */
int js_starts_function(struct js_parser *p, uint32_t i, uint32_t b);

#endif
