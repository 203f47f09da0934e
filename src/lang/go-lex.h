/* Private interface between the Go lexer (go-lex.c) and the parser
 * (go.c, go-stmt.c, go-expr.c).
 *
 * The lexer turns a whole file into one token array with Go's automatic
 * semicolons already inserted (GT_SEMI, sub 1 when automatic). Brackets
 * are always balanced: an unmatched closer is dropped and missing closers
 * are synthesized (zero-length tokens) with a model error, so the parser
 * can jump from any opener to tok->match without bounds worries. Comments
 * are not tokens; `// ppaudit: ignore[...]` comments go straight into the
 * model. The array is owned by struct go_tokens (go_tokens_free()). */
#ifndef PPAUDIT_GO_LEX_H
#define PPAUDIT_GO_LEX_H

#include <stdint.h>

#include "model.h"

enum go_tok_kind {
	GT_NAME,      /* identifier or keyword (sub: enum go_kw) */
	GT_NUMBER,    /* int, float, imaginary */
	GT_STRING,    /* interpreted or raw string, opaque */
	GT_RUNE,
	GT_OP,        /* sub: the character or enum go_op */
	GT_SEMI,      /* ';' written (sub 0) or inserted at a line end (sub 1) */
	GT_END
};

/* Keywords, in tok->sub of GT_NAME tokens (0 = plain identifier). */
enum go_kw {
	GK_NONE, GK_BREAK, GK_CASE, GK_CHAN, GK_CONST, GK_CONTINUE, GK_DEFAULT,
	GK_DEFER, GK_ELSE, GK_FALLTHROUGH, GK_FOR, GK_FUNC, GK_GO, GK_GOTO, GK_IF,
	GK_IMPORT, GK_INTERFACE, GK_MAP, GK_PACKAGE, GK_RANGE, GK_RETURN,
	GK_SELECT, GK_STRUCT, GK_SWITCH, GK_TYPE, GK_VAR
};

/* Multi-character operators (single characters are their own code). */
enum go_op {
	GO_DEFINE = 128, /* := */
	GO_ELLIPSIS,     /* ... */
	GO_ARROW,        /* <- */
	GO_EQ, GO_NE, GO_LE, GO_GE,
	GO_ANDAND, GO_OROR,
	GO_INC, GO_DEC,
	GO_SHL, GO_SHR, GO_ANDNOT,
	GO_ASSIGNOP      /* += -= *= /= %= &= |= ^= <<= >>= &^= */
};

struct go_tok {
	uint32_t off, len;
	uint32_t line, col;   /* 1-based line, 0-based byte column */
	uint32_t match;       /* brackets: index of the partner */
	uint8_t kind;         /* enum go_tok_kind */
	uint8_t sub;          /* enum go_kw / go_op / bracket char */
};

struct go_tokens {
	struct go_tok *t;
	uint32_t n, cap;
};

/* Tokenizes m->src; adds ignore comments and lexical errors to m. The
 * array always ends with GT_SEMI, GT_END. */
void go_lex(struct model *m, struct go_tokens *out);
void go_tokens_free(struct go_tokens *toks);

#endif
