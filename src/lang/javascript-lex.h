/* Private interface between the JavaScript/TypeScript lexer
 * (javascript-lex.c) and the parser (javascript.c, javascript-expr.c).
 *
 * The lexer turns the whole file into one token array whose brackets are
 * always balanced (unmatched closers dropped, missing ones synthesized as
 * zero-length tokens, each with a model error), so the parser can jump
 * from an opener to tok->match without bounds checks. A regular expression
 * is one token. A template literal or JSX element is one token spanning
 * all its text; when it has `${...}` substitutions / `{...}` expression
 * containers it is also an opener: the tokens of those expressions follow
 * it, each expression ended by a zero-length ',', up to a zero-length
 * JO_GROUP_END closer (tok->match pairs them). Comments are not tokens;
 * `// ppaudit: ignore[...]` comments go straight into the model. The
 * array is owned by struct js_tokens. */
#ifndef PPAUDIT_JAVASCRIPT_LEX_H
#define PPAUDIT_JAVASCRIPT_LEX_H

#include <stdint.h>

#include "model.h"

enum js_tok_kind {
	JT_NAME,      /* identifiers, keywords, #private names */
	JT_NUMBER,
	JT_STRING,    /* '...' and "..." */
	JT_TEMPLATE,  /* `...${}...`, whole */
	JT_REGEX,
	JT_JSX,       /* a whole JSX element or fragment */
	JT_OP,
	JT_END
};

/* Reserved words and the contextual words the parser asks about, in
 * tok->sub of JT_NAME tokens (0 = plain name). A name after '.' or '?.'
 * is always plain (a property). */
enum js_kw {
	JK_NONE, JK_ASYNC, JK_AWAIT, JK_BREAK, JK_CASE, JK_CATCH, JK_CLASS, JK_CONST,
	JK_CONTINUE, JK_DEBUGGER, JK_DEFAULT, JK_DELETE, JK_DO, JK_ELSE, JK_EXPORT,
	JK_EXTENDS, JK_FINALLY, JK_FOR, JK_FUNCTION, JK_IF, JK_IMPORT, JK_IN,
	JK_INSTANCEOF, JK_LET, JK_NEW, JK_OF, JK_RETURN, JK_SUPER, JK_SWITCH,
	JK_THIS, JK_THROW, JK_TRY, JK_TYPEOF, JK_VAR, JK_VOID, JK_WHILE, JK_WITH,
	JK_YIELD, JK_AS, JK_SATISFIES, JK_FROM
};

/* Operator codes in tok->sub of JT_OP tokens: single characters are their
 * own code, multi-character operators use the values below (all > 127). */
enum js_op {
	JO_ARROW = 128,  /* => */
	JO_ELLIPSIS,     /* ... */
	JO_OPTCHAIN,     /* ?. */
	JO_NULLISH,      /* ?? */
	JO_EQ,           /* == === != !== */
	JO_CMP,          /* <= >= */
	JO_AND, JO_OR,   /* && || */
	JO_INC, JO_DEC,  /* ++ -- */
	JO_POW,          /* ** */
	JO_SHL,          /* << */
	JO_SHR,          /* >> */
	JO_USHR,         /* >>> */
	JO_ASSIGNOP,     /* += -= *= /= %= **= <<= >>= >>>= &= |= ^= &&= ||= ??= */
	JO_GROUP_END     /* zero-length closer of a template / JSX group */
};

enum { JTF_NL = 1 };  /* tok->flags: a line break precedes the token */

struct js_tok {
	uint32_t off, len;
	uint32_t line, col;   /* 1-based line, 0-based byte column */
	uint32_t match;       /* openers/closers: index of the partner bracket */
	uint8_t kind;         /* enum js_tok_kind */
	uint8_t sub;          /* enum js_kw or enum js_op (a synthesized closer
	                         has its bracket char and len 0) */
	uint8_t flags;        /* JTF_ bits */
};

struct js_tokens {
	struct js_tok *t;
	uint32_t n, cap;
};

/* Tokenizes m->src; adds ignore comments and lexical errors to m. */
void js_lex(struct model *m, struct js_tokens *out);
void js_tokens_free(struct js_tokens *toks);

#endif
