/* Go lexer: bytes -> token array (see go-lex.h).
 *
 * One pass, no allocation per token. Automatic semicolons follow the Go
 * specification: a line end (or a block comment spanning lines) after an
 * identifier, a literal, one of break/continue/fallthrough/return, ++, --,
 * ), ] or } ends the statement. Every read is bounded by the end pointer:
 * the source may contain NULs and arbitrary bytes (>= 0x80 are identifier
 * characters, so UTF-8 names stay whole). */
#include "lang/go-lex.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct golex {
	struct model *m;
	const unsigned char *s, *end, *bol;
	uint32_t line;
	struct go_tokens *out;
	uint32_t *br;              /* token indexes of open brackets */
	size_t n_br, cap_br;
	int want_semi;             /* the last token may end a statement */
	int line_has_tok;          /* a token started on this physical line */
	uint32_t first_pending;    /* first ignore waiting for its code line */
	int has_pending;
	int n_bad;                 /* bad characters reported so far */
};

static int is_ident(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

static int is_digit(unsigned c)
{
	return c >= '0' && c <= '9';
}

static const char *const go_keywords[] = {
	"", "break", "case", "chan", "const", "continue", "default", "defer", "else",
	"fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map",
	"package", "range", "return", "select", "struct", "switch", "type", "var"
};

static unsigned lex_keyword(const unsigned char *s, size_t n)
{
	if (n < 2 || n > 11 || s[0] < 'b' || s[0] > 'v')
		return GK_NONE;
	for (unsigned k = 1; k < sizeof go_keywords / sizeof go_keywords[0]; k++)
		if (strlen(go_keywords[k]) == n && memcmp(go_keywords[k], s, n) == 0)
			return k;
	return GK_NONE;
}

/* Appends a token; resolves pending stand-alone ignore comments. */
static uint32_t lex_emit(struct golex *lx, enum go_tok_kind kind, const unsigned char *start,
			 size_t len, unsigned sub, uint32_t line, const unsigned char *bol)
{
	struct go_tokens *o = lx->out;
	struct go_tok *t;

	if (o->n == o->cap) {
		size_t cap = o->cap;
		XGROW(o->t, cap, (size_t)o->n + 1);
		o->cap = (uint32_t)cap;
	}
	t = &o->t[o->n];
	t->off = (uint32_t)(start - lx->s);
	t->len = (uint32_t)len;
	t->line = line;
	t->col = (uint32_t)(start - bol);
	t->match = 0;
	t->kind = (uint8_t)kind;
	t->sub = (uint8_t)sub;
	if (kind != GT_SEMI && kind != GT_END) {
		if (lx->has_pending) {
			for (uint32_t i = lx->first_pending; i < lx->m->n_ignores; i++)
				lx->m->ignores[i].line = line;
			lx->has_pending = 0;
		}
		lx->line_has_tok = 1;
	}
	return o->n++;
}

/* Inserts the automatic semicolon at a line end when the rules ask for it. */
static void lex_auto_semi(struct golex *lx, const unsigned char *p)
{
	if (lx->want_semi)
		lex_emit(lx, GT_SEMI, p, 0, 1, lx->line, lx->bol);
	lx->want_semi = 0;
}

/* Consumes one line end (\n, \r\n or \r) at p. */
static const unsigned char *lex_newline(struct golex *lx, const unsigned char *p)
{
	if (*p == '\r' && p + 1 < lx->end && p[1] == '\n')
		p++;
	p++;
	lx->line++;
	lx->bol = p;
	lx->line_has_tok = 0;
	return p;
}

/* Records a `// ppaudit: ignore[...] reason` comment spanning [p, e). */
static void lex_comment(struct golex *lx, const unsigned char *p, const unsigned char *e)
{
	/* stand-alone: applies to the next code line, fixed up by lex_emit */
	int idx = model_add_ignore(lx->m, (const char *)p + 2, (size_t)(e - p - 2),
				   lx->line_has_tok ? lx->line : lx->line + 1);

	if (idx >= 0 && !lx->line_has_tok && !lx->has_pending) {
		lx->first_pending = (uint32_t)idx;
		lx->has_pending = 1;
	}
}

/* Closes the innermost open bracket with a zero-length token. */
static void lex_close_synthetic(struct golex *lx, const unsigned char *at)
{
	uint32_t o = lx->br[--lx->n_br];
	unsigned open = lx->out->t[o].sub;
	unsigned want = open == '(' ? ')' : open == '[' ? ']' : '}';
	uint32_t c;

	model_add_error(lx->m, lx->out->t[o].line, "'%c' was never closed", open);
	c = lex_emit(lx, GT_OP, at, 0, want, lx->line, lx->bol);
	lx->out->t[c].match = o;
	lx->out->t[o].match = c;
}

/* Handles a closing bracket: matches, repairs or drops it. */
static void lex_close(struct golex *lx, const unsigned char *p)
{
	unsigned open = *p == ')' ? '(' : *p == ']' ? '[' : '{';
	size_t k = lx->n_br;
	uint32_t c;

	while (k > 0 && lx->out->t[lx->br[k - 1]].sub != open)
		k--;
	if (k == 0) {
		model_add_error(lx->m, lx->line, "unmatched '%c'", *p);
		return;
	}
	while (lx->n_br > k)
		lex_close_synthetic(lx, p);
	c = lex_emit(lx, GT_OP, p, 1, *p, lx->line, lx->bol);
	lx->n_br--;
	lx->out->t[c].match = lx->br[lx->n_br];
	lx->out->t[lx->br[lx->n_br]].match = c;
	lx->want_semi = 1;
}

/* Skips a quoted literal body (" or '); returns the end. Errors on a
 * line end or end of file before the closing quote. */
static const unsigned char *lex_quoted(struct golex *lx, const unsigned char *p, unsigned q)
{
	for (p++; p < lx->end; p++) {
		if (*p == '\\' && p + 1 < lx->end && p[1] != '\n' && p[1] != '\r')
			p++;
		else if (*p == q)
			return p + 1;
		else if (*p == '\n' || *p == '\r')
			break;
	}
	model_add_error(lx->m, lx->line, q == '"' ? "unterminated string" : "unterminated rune");
	return p;
}

/* Skips a raw string `...`, counting its lines. */
static const unsigned char *lex_raw(struct golex *lx, const unsigned char *p)
{
	uint32_t start = lx->line;

	for (p++; p < lx->end;) {
		if (*p == '`')
			return p + 1;
		if (*p == '\n' || *p == '\r') {
			int had = lx->line_has_tok;
			p = lex_newline(lx, p);
			lx->line_has_tok = had;
		} else {
			p++;
		}
	}
	model_add_error(lx->m, start, "unterminated raw string");
	return p;
}

/* A number literal: decimal, hex, octal, binary, floats, imaginary. */
static const unsigned char *lex_number(struct golex *lx, const unsigned char *p)
{
	int hex = p + 1 < lx->end && p[0] == '0' && (p[1] == 'x' || p[1] == 'X');

	for (p++; p < lx->end; p++) {
		unsigned c = *p;
		if ((c == '+' || c == '-') &&
		    (hex ? (p[-1] == 'p' || p[-1] == 'P') : (p[-1] == 'e' || p[-1] == 'E')))
			continue;
		if (!is_ident(c) && c != '.')
			break;
		if (c == '.' && p + 1 < lx->end && p[1] == '.')
			break;  /* `1...` does not happen; keep `..` out anyway */
	}
	return p;
}

/* Operator at p (multi-character first); returns the position after it. */
static const unsigned char *lex_operator(struct golex *lx, const unsigned char *p)
{
	static const struct { const char *s; unsigned code; } ops[] = {
		{ "&^=", GO_ASSIGNOP }, { "<<=", GO_ASSIGNOP }, { ">>=", GO_ASSIGNOP },
		{ "...", GO_ELLIPSIS }, { ":=", GO_DEFINE }, { "<-", GO_ARROW },
		{ "==", GO_EQ }, { "!=", GO_NE }, { "<=", GO_LE }, { ">=", GO_GE },
		{ "&&", GO_ANDAND }, { "||", GO_OROR }, { "++", GO_INC }, { "--", GO_DEC },
		{ "<<", GO_SHL }, { ">>", GO_SHR }, { "&^", GO_ANDNOT },
		{ "+=", GO_ASSIGNOP }, { "-=", GO_ASSIGNOP }, { "*=", GO_ASSIGNOP },
		{ "/=", GO_ASSIGNOP }, { "%=", GO_ASSIGNOP }, { "&=", GO_ASSIGNOP },
		{ "|=", GO_ASSIGNOP }, { "^=", GO_ASSIGNOP },
	};
	size_t left = (size_t)(lx->end - p);
	unsigned c = *p;

	for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
		size_t n = ops[k].s[2] ? 3 : 2;
		if (left >= n && memcmp(p, ops[k].s, n) == 0) {
			lex_emit(lx, GT_OP, p, n, ops[k].code, lx->line, lx->bol);
			lx->want_semi = ops[k].code == GO_INC || ops[k].code == GO_DEC;
			return p + n;
		}
	}
	switch (c) {
	case '(': case '[': case '{': {
		uint32_t t = lex_emit(lx, GT_OP, p, 1, c, lx->line, lx->bol);
		if (lx->n_br == lx->cap_br)
			XGROW(lx->br, lx->cap_br, lx->n_br + 1);
		lx->br[lx->n_br++] = t;
		lx->want_semi = 0;
		return p + 1;
	}
	case ')': case ']': case '}':
		lex_close(lx, p);
		return p + 1;
	case ';':
		lex_emit(lx, GT_SEMI, p, 1, 0, lx->line, lx->bol);
		lx->want_semi = 0;
		return p + 1;
	case '+': case '-': case '*': case '/': case '%': case '&': case '|': case '^':
	case '<': case '>': case '=': case '!': case ',': case '.': case ':': case '~':
		lex_emit(lx, GT_OP, p, 1, c, lx->line, lx->bol);
		lx->want_semi = 0;
		return p + 1;
	default:
		if (lx->n_bad++ < 5)
			model_add_error(lx->m, lx->line, "unexpected character 0x%02x", c);
		return p + 1;
	}
}

/* Tokenizes m->src into out. */
void go_lex(struct model *m, struct go_tokens *out)
{
	struct golex lx;
	const unsigned char *p;

	memset(&lx, 0, sizeof lx);
	lx.m = m;
	lx.s = lx.bol = (const unsigned char *)m->src;
	lx.end = lx.s + m->src_len;
	lx.line = 1;
	lx.out = out;
	out->n = 0;
	out->cap = (uint32_t)(64 + m->src_len / 4);
	out->t = xmalloc((size_t)out->cap * sizeof *out->t);

	p = lx.s;
	if (lx.end - p >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		p += 3, lx.bol = p;

	while (p < lx.end) {
		const unsigned char *st = p;
		uint32_t line = lx.line;
		const unsigned char *bol = lx.bol;
		unsigned c = *p;

		if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
			p++;
			continue;
		}
		if (c == '\n' || c == '\r') {
			lex_auto_semi(&lx, p);
			p = lex_newline(&lx, p);
			continue;
		}
		if (is_ident(c) && !is_digit(c)) {
			unsigned kw;
			while (p < lx.end && is_ident(*p))
				p++;
			kw = lex_keyword(st, (size_t)(p - st));
			lex_emit(&lx, GT_NAME, st, (size_t)(p - st), kw, line, bol);
			lx.want_semi = kw == GK_NONE || kw == GK_BREAK || kw == GK_CONTINUE ||
				       kw == GK_FALLTHROUGH || kw == GK_RETURN;
			continue;
		}
		if (is_digit(c) || (c == '.' && p + 1 < lx.end && is_digit(p[1]))) {
			p = lex_number(&lx, p);
			lex_emit(&lx, GT_NUMBER, st, (size_t)(p - st), 0, line, bol);
			lx.want_semi = 1;
			continue;
		}
		if (c == '"' || c == '\'') {
			p = lex_quoted(&lx, p, c);
			lex_emit(&lx, c == '"' ? GT_STRING : GT_RUNE, st, (size_t)(p - st), 0, line, bol);
			lx.want_semi = 1;
			continue;
		}
		if (c == '`') {
			p = lex_raw(&lx, p);
			lex_emit(&lx, GT_STRING, st, (size_t)(p - st), 0, line, bol);
			lx.want_semi = 1;
			continue;
		}
		if (c == '/' && p + 1 < lx.end && p[1] == '/') {
			while (p < lx.end && *p != '\n' && *p != '\r')
				p++;
			if (p - st >= 16)
				lex_comment(&lx, st, p);
			continue;
		}
		if (c == '/' && p + 1 < lx.end && p[1] == '*') {
			int newline = 0;
			for (p += 2; p < lx.end && !(*p == '*' && p + 1 < lx.end && p[1] == '/');) {
				if (*p == '\n' || *p == '\r') {
					/* a comment spanning lines acts like a newline */
					if (!newline)
						lex_auto_semi(&lx, p);
					newline = 1;
					p = lex_newline(&lx, p);
				} else {
					p++;
				}
			}
			if (p < lx.end)
				p += 2;
			else
				model_add_error(m, line, "unterminated comment");
			continue;
		}
		p = lex_operator(&lx, p);
	}
	lex_auto_semi(&lx, p);
	/* a final line end does not start another line (same rule as the model) */
	if (p == lx.bol && lx.line > 1)
		lx.line--;
	while (lx.n_br > 0)
		lex_close_synthetic(&lx, p);
	lex_emit(&lx, GT_SEMI, p, 0, 1, lx.line, lx.bol);
	lex_emit(&lx, GT_END, p, 0, 0, lx.line, lx.bol);
	free(lx.br);
}

/* Frees the token array. */
void go_tokens_free(struct go_tokens *toks)
{
	free(toks->t);
	toks->t = NULL;
	toks->n = toks->cap = 0;
}
