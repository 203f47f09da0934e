/* Private interface between the Python lexer (python-lex.c) and the
 * structural parser (python.c).
 *
 * The lexer turns a whole file into one token array. Brackets in that
 * array are always balanced: an unmatched closer is dropped and missing
 * closers are synthesized (zero-length tokens) with a model error, so the
 * parser can jump from any opener to tok->match without bounds worries.
 * Comments are not tokens; `# ppaudit: ignore[...]` comments go straight
 * into the model. The token array is owned by struct py_tokens and freed
 * with py_tokens_free(). */
#ifndef PPAUDIT_PYTHON_LEX_H
#define PPAUDIT_PYTHON_LEX_H

#include <stdint.h>

#include "model.h"

enum py_tok_kind {
	PT_NAME,
	PT_NUMBER,
	PT_STRING,    /* any string or f-string literal, opaque */
	PT_OP,
	PT_NEWLINE,   /* end of a logical line */
	PT_INDENT,
	PT_DEDENT,
	PT_END
};

/* Hard keywords, stored in tok->sub of PT_NAME tokens (0 = plain name). */
enum py_kw {
	KW_NONE, KW_FALSE, KW_NONE_, KW_TRUE, KW_AND, KW_AS, KW_ASSERT, KW_ASYNC,
	KW_AWAIT, KW_BREAK, KW_CLASS, KW_CONTINUE, KW_DEF, KW_DEL, KW_ELIF,
	KW_ELSE, KW_EXCEPT, KW_FINALLY, KW_FOR, KW_FROM, KW_GLOBAL, KW_IF,
	KW_IMPORT, KW_IN, KW_IS, KW_LAMBDA, KW_NONLOCAL, KW_NOT, KW_OR, KW_PASS,
	KW_RAISE, KW_RETURN, KW_TRY, KW_WHILE, KW_WITH, KW_YIELD
};

/* Operator codes in tok->sub of PT_OP tokens: single characters are their
 * own code; multi-character operators use the values below (all > 127). */
enum py_op {
	OP_ARROW = 128, /* -> */
	OP_WALRUS,      /* := */
	OP_POW,         /* ** */
	OP_FLOORDIV,    /* // */
	OP_EQ,          /* == */
	OP_NE,          /* != */
	OP_LE,
	OP_GE,
	OP_LSHIFT,
	OP_RSHIFT,
	OP_ELLIPSIS,    /* ... */
	OP_AUGASSIGN    /* += -= *= /= //= %= @= &= |= ^= >>= <<= **= */
};

struct py_tok {
	uint32_t off, len;
	uint32_t line, col;   /* 1-based line, 0-based byte column */
	uint32_t match;       /* openers/closers: index of the partner bracket */
	uint8_t kind;         /* enum py_tok_kind */
	uint8_t sub;          /* enum py_kw or enum py_op (a synthesized closer
	                         has its bracket char and len 0) */
};

struct py_tokens {
	struct py_tok *t;
	uint32_t n, cap;
};

/* Tokenizes m->src; adds ignore comments and lexical errors to m. */
void py_lex(struct model *m, struct py_tokens *out);
void py_tokens_free(struct py_tokens *toks);

#endif
