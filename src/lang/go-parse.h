/* Private state shared by the Go parser files: go.c (declarations and
 * go_parse), go-stmt.c (statements in blocks) and go-expr.c (expressions
 * and types).
 *
 * The parser works on the token array from go-lex.c and only holds node
 * indexes (the node array may move while nodes are added). Token ranges
 * are half-open [a, b). A statement is the tokens up to the next
 * semicolon at bracket depth 0, so every block is parsed by splitting it
 * at its own semicolons and recursing into braces: each token is visited
 * a bounded number of times. */
#ifndef PPAUDIT_GO_PARSE_H
#define PPAUDIT_GO_PARSE_H

#include <stdint.h>

#include "lang/go-lex.h"
#include "util/strbuf.h"

/* Nesting beyond this is skipped with an error (hostile input would
 * exhaust the stack). */
enum { GO_MAX_DEPTH = 200 };

struct go_parser {
	struct model *m;
	const char *src;
	const struct go_tok *t;
	uint32_t nt;
	uint32_t expr_flags;      /* NF_HEADER for expression nodes of a header */
	int depth;                /* recursion depth (blocks, expressions, types) */
	uint32_t err_line;        /* last line given a syntax error: one per line */
	struct strbuf sb;         /* scratch */
};

/* ---- token helpers (go.c) ---- */

static inline int go_is_op(const struct go_parser *p, uint32_t i, unsigned code)
{
	return p->t[i].kind == GT_OP && p->t[i].sub == code;
}

static inline int go_is_kw(const struct go_parser *p, uint32_t i, unsigned kw)
{
	return p->t[i].kind == GT_NAME && p->t[i].sub == kw;
}

static inline int go_is_ident(const struct go_parser *p, uint32_t i)
{
	return p->t[i].kind == GT_NAME && p->t[i].sub == GK_NONE;
}

static inline int go_is_opener(const struct go_parser *p, uint32_t i)
{
	const struct go_tok *t = &p->t[i];
	return t->kind == GT_OP && t->len > 0 && (t->sub == '(' || t->sub == '[' || t->sub == '{');
}

/* Index after token i, jumping over a whole bracket group. */
static inline uint32_t go_skip(const struct go_parser *p, uint32_t i)
{
	return go_is_opener(p, i) ? p->t[i].match + 1 : i + 1;
}

/* First index in [a, b) at depth 0 holding operator code, or b. */
uint32_t go_find_op(const struct go_parser *p, uint32_t a, uint32_t b, unsigned code);
/* First semicolon in [a, b) at depth 0, or b. */
uint32_t go_find_semi(const struct go_parser *p, uint32_t a, uint32_t b);
/* Source span covering tokens [a, b); empty when a >= b. */
struct span go_span(const struct go_parser *p, uint32_t a, uint32_t b);
/* Arena copy of the text of tokens [a, b) ("" when empty). */
const char *go_text(struct go_parser *p, uint32_t a, uint32_t b);
/* Last line touched by token i (raw strings span lines). */
uint32_t go_end_line(const struct go_parser *p, uint32_t i);
/* Adds a statement node for token i under parent, ending at token last. */
uint32_t go_node(struct go_parser *p, uint32_t parent, enum node_kind kind, uint32_t i,
		 uint32_t last);
/* A syntax error at token i (at most one per line). */
void go_error(struct go_parser *p, uint32_t i, const char *what);
/* Enters one level of recursion; 0 (with an error) when too deep. */
int go_enter(struct go_parser *p, uint32_t i);
static inline void go_leave(struct go_parser *p) { p->depth--; }

/* ---- declarations (go.c) ---- */

/* `func [recv] name[T](params) results { body }` at token a (the `func`). */
void go_func_decl(struct go_parser *p, uint32_t a, uint32_t b, uint32_t parent);
/* `type` / `var` / `const` / `import` declarations in [a, b). */
void go_decl(struct go_parser *p, uint32_t a, uint32_t b, uint32_t parent);
/* Qualified name for a new function called name under parent. */
const char *go_qualname(struct go_parser *p, uint32_t parent, const char *name);

/* ---- statements (go-stmt.c) ---- */

/* Parses the statements of the block whose '{' is at open under parent. */
void go_block(struct go_parser *p, uint32_t open, uint32_t parent);
/* Parses the semicolon-separated statements in [a, b) under parent. */
void go_stmt_list(struct go_parser *p, uint32_t a, uint32_t b, uint32_t parent);

/* ---- expressions and types (go-expr.c) ---- */

/* Finds calls and function literals in the expression tokens [a, b),
 * adding them under parent; reports malformed expressions. */
void go_scan(struct go_parser *p, uint32_t a, uint32_t b, uint32_t parent);
/* Index after the type starting at i (bounded by b); i when none. */
uint32_t go_skip_type(struct go_parser *p, uint32_t i, uint32_t b);
/* Fills func_info params from the parameter list between the parentheses
 * at open; with receiver set, the list is a method receiver. */
void go_params(struct go_parser *p, uint32_t open, uint32_t func, int receiver);
/* Index after a function signature's results starting at i, bounded by b. */
uint32_t go_skip_results(struct go_parser *p, uint32_t i, uint32_t b);
/* The function literal at token i (`func`): a FUNC under parent; returns
 * the index after its body. */
uint32_t go_func_lit(struct go_parser *p, uint32_t i, uint32_t b, uint32_t parent);

#endif
