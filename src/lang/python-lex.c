/* Python lexer: bytes -> token array (see python-lex.h).
 *
 * Hand-written for speed: one pass, no allocation per token, strings and
 * f-strings (PEP 701: nested quotes, nested replacement fields) kept as
 * single opaque tokens. Indentation follows the Python rules (tabs to the
 * next multiple of 8, form feed resets), blank and comment-only lines do
 * not count, newlines inside brackets and after a backslash join lines.
 * Every read is bounded by the end pointer: the source may contain NULs
 * and arbitrary bytes (>= 0x80 are identifier characters). */
#include "lang/python-lex.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Deeper f-string nesting is treated as literal text (fuzz safety). */
enum { LEX_MAX_FDEPTH = 32 };

struct lexer {
	struct model *m;
	const unsigned char *s, *p, *end, *bol;
	uint32_t line;
	struct py_tokens *out;
	uint32_t *indents;
	size_t n_indents, cap_indents;
	uint32_t *br;              /* token indexes of open brackets */
	size_t n_br, cap_br;
	uint32_t cur_indent;       /* indentation of the current logical line */
	uint32_t br_indent;        /* indentation where the outermost bracket opened */
	int line_has_tok;          /* a token started on this physical line */
	int logical_has_tok;       /* the logical line needs a NEWLINE */
	uint32_t first_pending;    /* first ignore waiting for its code line */
	int has_pending;
	int fdepth;
	int n_bad_chars;
};

/* Character classes: one table lookup instead of a chain of compares in
 * the hot loops. Bytes >= 0x80 are identifier characters so UTF-8 (or
 * any other) names stay whole. */
enum {
	CC_ID = 1,      /* identifier character (digits included) */
	CC_DIGIT = 2,
	CC_SQ = 4,      /* ' */
	CC_DQ = 8,      /* " */
	CC_STOP = 16,   /* backslash, \n, \r: string bodies must look at these */
	CC_BRACE = 32   /* { } */
};

static const unsigned char lex_cc[256] = {
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0, 16,  0,  0, 16,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 0,  0,  8,  0,  0,  0,  0,  4,  0,  0,  0,  0,  0,  0,  0,  0,
	 3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  0,  0,  0,  0,  0,  0,
	 0,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  0, 16,  0,  0,  1,
	 0,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1, 32,  0, 32,  0,  0,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
};

/* Identifier character (letters, digits, '_', bytes >= 0x80). */
static inline int lex_is_ident(unsigned c)
{
	return lex_cc[c] & CC_ID;
}

/* ASCII digit. */
static inline int lex_is_digit(unsigned c)
{
	return lex_cc[c] & CC_DIGIT;
}

/* Appends a token starting at start; resolves pending ignore comments. */
static inline uint32_t lex_emit(struct lexer *lx, enum py_tok_kind kind, const unsigned char *start,
			 size_t len, unsigned sub, uint32_t line, const unsigned char *bol)
{
	struct py_tokens *o = lx->out;
	struct py_tok *t;

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
	if (kind <= PT_OP) {
		if (lx->has_pending) {
			for (uint32_t i = lx->first_pending; i < lx->m->n_ignores; i++)
				lx->m->ignores[i].line = line;
			lx->has_pending = 0;
		}
		lx->line_has_tok = 1;
		lx->logical_has_tok = 1;
	}
	return o->n++;
}

/* Consumes one line end (\n, \r\n or \r) at *pp and starts a new line. */
static inline const unsigned char *lex_newline(struct lexer *lx, const unsigned char *p)
{
	if (*p == '\r' && p + 1 < lx->end && p[1] == '\n')
		p++;
	p++;
	lx->line++;
	lx->bol = p;
	lx->line_has_tok = 0;
	return p;
}

/* Keyword code of a name, KW_NONE for ordinary names and soft keywords. */
static unsigned lex_keyword(const unsigned char *s, size_t n)
{
#define KW(str, code) if (n == sizeof str - 1 && memcmp(s, str, n) == 0) return code
	if (n < 2 || n > 8)
		return KW_NONE;
	switch (s[0]) {
	case 'F': KW("False", KW_FALSE); break;
	case 'N': KW("None", KW_NONE_); break;
	case 'T': KW("True", KW_TRUE); break;
	case 'a': KW("and", KW_AND); KW("as", KW_AS); KW("assert", KW_ASSERT);
		KW("async", KW_ASYNC); KW("await", KW_AWAIT); break;
	case 'b': KW("break", KW_BREAK); break;
	case 'c': KW("class", KW_CLASS); KW("continue", KW_CONTINUE); break;
	case 'd': KW("def", KW_DEF); KW("del", KW_DEL); break;
	case 'e': KW("elif", KW_ELIF); KW("else", KW_ELSE); KW("except", KW_EXCEPT); break;
	case 'f': KW("finally", KW_FINALLY); KW("for", KW_FOR); KW("from", KW_FROM); break;
	case 'g': KW("global", KW_GLOBAL); break;
	case 'i': KW("if", KW_IF); KW("import", KW_IMPORT); KW("in", KW_IN); KW("is", KW_IS); break;
	case 'l': KW("lambda", KW_LAMBDA); break;
	case 'n': KW("nonlocal", KW_NONLOCAL); KW("not", KW_NOT); break;
	case 'o': KW("or", KW_OR); break;
	case 'p': KW("pass", KW_PASS); break;
	case 'r': KW("raise", KW_RAISE); KW("return", KW_RETURN); break;
	case 't': KW("try", KW_TRY); break;
	case 'w': KW("while", KW_WHILE); KW("with", KW_WITH); break;
	case 'y': KW("yield", KW_YIELD); break;
	}
	return KW_NONE;
#undef KW
}

/* 0 when s[0..n) is not a string prefix, 1 for plain, 2 for f/t-strings. */
static int lex_string_prefix(const unsigned char *s, size_t n)
{
	int f = 0, r = 0, b = 0, u = 0;

	if (n > 2)
		return 0;
	for (size_t i = 0; i < n; i++) {
		switch (s[i] | 0x20) {
		case 'f': case 't': f++; break;
		case 'r': r++; break;
		case 'b': b++; break;
		case 'u': u++; break;
		default: return 0;
		}
	}
	if (f > 1 || r > 1 || b > 1 || u > 1 || (u && n > 1) || (f && b))
		return 0;
	return f ? 2 : 1;
}

static const unsigned char *lex_string_body(struct lexer *lx, const unsigned char *p, int is_f);

/* PEP 701 (3.12) lets a replacement field of a one-line f-string span
 * lines: `f"{\n    x\n}"`. True when, from the newline at p, the field's
 * closing '}' comes within a few lines and the string's quote follows on
 * that line; otherwise the newline ends a broken one-line f-string (an
 * error), so a typo cannot swallow the rest of the file. */
static int lex_field_continues(const struct lexer *lx, const unsigned char *p, unsigned quote)
{
	int depth = 0, lines = 0;

	for (; p < lx->end && lines < 40; p++) {
		unsigned c = *p;

		if (c == '\n') {
			lines++;
		} else if (c == '(' || c == '[' || c == '{') {
			depth++;
		} else if (c == ')' || c == ']') {
			depth--;
		} else if (c == '}') {
			if (depth-- == 0) {
				for (p++; p < lx->end && *p != '\n'; p++)
					if (*p == quote)
						return 1;
				return 0;
			}
		} else if (c == '"' || c == '\'') {
			/* skip a string inside the expression, on its own line */
			unsigned q = c;
			for (p++; p < lx->end && *p != q && *p != '\n'; p++)
				if (*p == '\\' && p + 1 < lx->end)
					p++;
			if (p >= lx->end || *p == '\n')
				return 0;
		}
	}
	return 0;
}

/* Scans an f-string replacement field after its '{'; returns past the
 * closing '}' (or where a single-line string must stop). */
static const unsigned char *lex_fstring_field(struct lexer *lx, const unsigned char *p, int triple,
					      unsigned quote)
{
	int depth = 0;

	while (p < lx->end) {
		unsigned c = *p;

		if (lex_is_ident(c) && !lex_is_digit(c)) {
			const unsigned char *st = p;
			int kind;
			while (p < lx->end && lex_is_ident(*p))
				p++;
			if (p < lx->end && (*p == '"' || *p == '\'') &&
			    (kind = lex_string_prefix(st, (size_t)(p - st))) != 0)
				p = lex_string_body(lx, p, kind == 2);
			continue;
		}
		switch (c) {
		case '"': case '\'':
			p = lex_string_body(lx, p, 0);
			continue;
		case '(': case '[': case '{':
			depth++;
			break;
		case ')': case ']':
			if (depth > 0)
				depth--;
			break;
		case '}':
			if (depth == 0)
				return p + 1;
			depth--;
			break;
		case ':':
			if (depth == 0 && !(p + 1 < lx->end && p[1] == '=')) {
				/* format spec: literal text with nested fields */
				p++;
				while (p < lx->end) {
					if (*p == '{' && lx->fdepth < LEX_MAX_FDEPTH) {
						lx->fdepth++;
						p = lex_fstring_field(lx, p + 1, triple, quote);
						lx->fdepth--;
						continue;
					}
					if (*p == '}')
						return p + 1;
					if (*p == '\n' || *p == '\r') {
						if (!triple)
							return p;
						p = lex_newline(lx, p);
						continue;
					}
					p++;
				}
				return p;
			}
			break;
		case '\\':
			if (p + 1 < lx->end && p[1] != '\n' && p[1] != '\r')
				p++;
			break;
		case '\n': case '\r':
			/* a newline outside brackets ends a broken one-line f-string,
			 * unless the field goes on to close (PEP 701) */
			if (!triple && depth == 0 && !lex_field_continues(lx, p, quote))
				return p;
			p = lex_newline(lx, p);
			continue;
		case '#':
			/* a comment inside a field (3.12) runs to its line end, which
			 * then cannot end the string */
			while (p < lx->end && *p != '\n' && *p != '\r')
				p++;
			if (p < lx->end)
				p = lex_newline(lx, p);
			continue;
		}
		p++;
	}
	return p;
}

/* Scans a string body from its opening quote; returns past the closing
 * quote, or at the line end / EOF with an error when unterminated. */
static const unsigned char *lex_string_body(struct lexer *lx, const unsigned char *p, int is_f)
{
	unsigned q = *p;
	uint32_t line = lx->line;
	int triple = p + 2 < lx->end && p[1] == q && p[2] == q;

	unsigned stop = (q == '\'' ? CC_SQ : CC_DQ) | CC_STOP | (is_f ? CC_BRACE : 0);

	p += triple ? 3 : 1;
	while (p < lx->end) {
		unsigned c;

		/* most of a string is plain text: skip it with one lookup a byte */
		while (p < lx->end && !(lex_cc[*p] & stop))
			p++;
		if (p == lx->end)
			break;
		c = *p;

		if (c == q) {
			if (!triple)
				return p + 1;
			if (p + 2 < lx->end && p[1] == q && p[2] == q)
				return p + 3;
			p++;
		} else if (c == '\\') {
			p++;
			/* in an f-string a backslash never hides a brace: fr'\{{' */
			if (p < lx->end) {
				if (*p == '\n' || *p == '\r')
					p = lex_newline(lx, p);
				else if (!(is_f && (*p == '{' || *p == '}')))
					p++;
			}
		} else if (c == '\n' || c == '\r') {
			if (!triple)
				break;
			p = lex_newline(lx, p);
		} else if (c == '{' && is_f) {
			if (p + 1 < lx->end && p[1] == '{') {
				p += 2;
			} else if (lx->fdepth < LEX_MAX_FDEPTH) {
				lx->fdepth++;
				p = lex_fstring_field(lx, p + 1, triple, q);
				lx->fdepth--;
			} else {
				p++;
			}
		} else {
			p++;
		}
	}
	model_add_error(lx->m, line, "unterminated %sstring literal", triple ? "triple-quoted " : "");
	return p;
}

/* Emits a synthesized closer for the innermost open bracket. */
static void lex_close_synthetic(struct lexer *lx, const unsigned char *at)
{
	uint32_t o = lx->br[--lx->n_br];
	struct py_tok *ot = &lx->out->t[o];
	unsigned want = ot->sub == '(' ? ')' : ot->sub == '[' ? ']' : '}';
	uint32_t c;

	model_add_error(lx->m, ot->line, "'%c' was never closed", ot->sub);
	c = lex_emit(lx, PT_OP, at, 0, want, lx->line, lx->bol);
	lx->out->t[c].match = o;
	lx->out->t[o].match = c;
}

/* Handles a closing bracket: matches, repairs or drops it. */
static void lex_close(struct lexer *lx, const unsigned char *p)
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
	c = lex_emit(lx, PT_OP, p, 1, *p, lx->line, lx->bol);
	lx->n_br--;
	lx->out->t[c].match = lx->br[lx->n_br];
	lx->out->t[lx->br[lx->n_br]].match = c;
}

/* Scans an operator at p, emitting it; returns the position after it. */
static const unsigned char *lex_operator(struct lexer *lx, const unsigned char *p)
{
	unsigned c = *p, n1 = p + 1 < lx->end ? p[1] : 0, n2 = p + 2 < lx->end ? p[2] : 0;
	unsigned code = c;
	size_t len = 1;

	switch (c) {
	case '(': case '[': case '{': {
		uint32_t t = lex_emit(lx, PT_OP, p, 1, c, lx->line, lx->bol);
		if (lx->n_br == lx->cap_br)
			XGROW(lx->br, lx->cap_br, lx->n_br + 1);
		if (lx->n_br == 0)
			lx->br_indent = lx->cur_indent;
		lx->br[lx->n_br++] = t;
		return p + 1;
	}
	case ')': case ']': case '}':
		lex_close(lx, p);
		return p + 1;
	case '-':
		if (n1 == '>')
			code = OP_ARROW, len = 2;
		else if (n1 == '=')
			code = OP_AUGASSIGN, len = 2;
		break;
	case '+': case '%': case '&': case '|': case '^': case '@':
		if (n1 == '=')
			code = OP_AUGASSIGN, len = 2;
		break;
	case '*': case '/':
		if (n1 == c && n2 == '=')
			code = OP_AUGASSIGN, len = 3;
		else if (n1 == c)
			code = c == '*' ? OP_POW : OP_FLOORDIV, len = 2;
		else if (n1 == '=')
			code = OP_AUGASSIGN, len = 2;
		break;
	case '<': case '>':
		if (n1 == c && n2 == '=')
			code = OP_AUGASSIGN, len = 3;
		else if (n1 == c)
			code = c == '<' ? OP_LSHIFT : OP_RSHIFT, len = 2;
		else if (n1 == '=')
			code = c == '<' ? OP_LE : OP_GE, len = 2;
		else if (c == '<' && n1 == '>')
			code = OP_NE, len = 2;
		break;
	case '=':
		if (n1 == '=')
			code = OP_EQ, len = 2;
		break;
	case '!':
		if (n1 == '=')
			code = OP_NE, len = 2;
		break;
	case ':':
		if (n1 == '=')
			code = OP_WALRUS, len = 2;
		break;
	case '.':
		if (n1 == '.' && n2 == '.')
			code = OP_ELLIPSIS, len = 3;
		break;
	case ',': case ';': case '~':
		break;
	default:
		if (lx->n_bad_chars++ < 5)
			model_add_error(lx->m, lx->line, "unexpected character 0x%02x", c);
		return p + 1;
	}
	lex_emit(lx, PT_OP, p, len, code, lx->line, lx->bol);
	return p + len;
}

/* Records a `# ppaudit: ignore[...] reason` comment spanning [p, e). */
static void lex_comment(struct lexer *lx, const unsigned char *p, const unsigned char *e)
{
	/* stand-alone: applies to the next code line, fixed up by lex_emit */
	int idx = model_add_ignore(lx->m, (const char *)p + 1, (size_t)(e - p - 1),
				   lx->line_has_tok ? lx->line : lx->line + 1);

	if (idx >= 0 && !lx->line_has_tok && !lx->has_pending) {
		lx->first_pending = (uint32_t)idx;
		lx->has_pending = 1;
	}
}

/* Applies the indentation of a new logical line (INDENT / DEDENT tokens). */
static void lex_indent(struct lexer *lx, uint32_t col, const unsigned char *p)
{
	lx->cur_indent = col;
	if (col > lx->indents[lx->n_indents - 1]) {
		if (lx->n_indents == lx->cap_indents)
			XGROW(lx->indents, lx->cap_indents, lx->n_indents + 1);
		lx->indents[lx->n_indents++] = col;
		lex_emit(lx, PT_INDENT, p, 0, 0, lx->line, lx->bol);
		return;
	}
	while (col < lx->indents[lx->n_indents - 1]) {
		if (col > lx->indents[lx->n_indents - 2]) {
			/* no outer level matches: stay in this block at the new width */
			model_add_error(lx->m, lx->line, "unindent does not match any outer indentation level");
			lx->indents[lx->n_indents - 1] = col;
			break;
		}
		lx->n_indents--;
		lex_emit(lx, PT_DEDENT, p, 0, 0, lx->line, lx->bol);
	}
}

/* Measures the indentation at p; returns the first non-blank position. */
static const unsigned char *lex_measure(const struct lexer *lx, const unsigned char *p, uint32_t *col)
{
	uint32_t c = 0;

	for (; p < lx->end; p++) {
		if (*p == ' ')
			c++;
		else if (*p == '\t')
			c = (c / 8 + 1) * 8;
		else if (*p == '\f')
			c = 0;
		else
			break;
	}
	*col = c;
	return p;
}

/* Inside brackets: a new line starting a def/class at or left of the
 * bracket's statement means the bracket was never closed. */
static int lex_starts_def(const struct lexer *lx, const unsigned char *p)
{
	uint32_t col;
	size_t left;

	p = lex_measure(lx, p, &col);
	left = (size_t)(lx->end - p);
	if (col > lx->br_indent)
		return 0;
	if (left > 6 && memcmp(p, "async", 5) == 0 && (p[5] == ' ' || p[5] == '\t'))
		return 1;
	return (left > 4 && memcmp(p, "def", 3) == 0 && (p[3] == ' ' || p[3] == '\t')) ||
	       (left > 6 && memcmp(p, "class", 5) == 0 && (p[5] == ' ' || p[5] == '\t'));
}

/* Ends the logical line if it holds tokens. */
static void lex_end_logical(struct lexer *lx, const unsigned char *p)
{
	if (lx->logical_has_tok) {
		lex_emit(lx, PT_NEWLINE, p, 0, 0, lx->line, lx->bol);
		lx->logical_has_tok = 0;
	}
}

/* Tokenizes m->src into out. */
void py_lex(struct model *m, struct py_tokens *out)
{
	struct lexer lx;
	int at_bol = 1, has_cr;
	const unsigned char *p;

	memset(&lx, 0, sizeof lx);
	lx.m = m;
	lx.s = lx.p = lx.bol = (const unsigned char *)m->src;
	lx.end = lx.s + m->src_len;
	lx.line = 1;
	lx.out = out;
	out->n = 0;
	out->cap = (uint32_t)(64 + m->src_len / 3);
	out->t = xmalloc((size_t)out->cap * sizeof *out->t);
	lx.cap_indents = 16;
	lx.indents = xmalloc(lx.cap_indents * sizeof *lx.indents);
	lx.indents[lx.n_indents++] = 0;

	has_cr = memchr(m->src, '\r', m->src_len) != NULL;

	/* a UTF-8 byte order mark is not part of the first line */
	p = lx.s;
	if (lx.end - p >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		p += 3, lx.bol = p;

	while (p < lx.end) {
		unsigned c;

		if (at_bol) {
			uint32_t col;
			at_bol = 0;
			p = lex_measure(&lx, p, &col);
			if (p == lx.end)
				break;
			if (*p != '#' && *p != '\n' && *p != '\r')
				lex_indent(&lx, col, p);
		}
		c = *p;
		if (c == ' ') {
			p++;
			continue;
		}
		if ((lex_cc[c] & (CC_ID | CC_DIGIT)) == CC_ID) {
			const unsigned char *st = p;
			int kind;
			while (p < lx.end && lex_is_ident(*p))
				p++;
			if (p < lx.end && (*p == '"' || *p == '\'') &&
			    (kind = lex_string_prefix(st, (size_t)(p - st))) != 0) {
				uint32_t line = lx.line;
				const unsigned char *bol = lx.bol;
				p = lex_string_body(&lx, p, kind == 2);
				lex_emit(&lx, PT_STRING, st, (size_t)(p - st), 0, line, bol);
			} else {
				lex_emit(&lx, PT_NAME, st, (size_t)(p - st),
					 lex_keyword(st, (size_t)(p - st)), lx.line, lx.bol);
			}
			continue;
		}
		switch (c) {
		case ' ': case '\t': case '\f':
			p++;
			continue;
		case '\n': case '\r':
			if (lx.n_br == 0) {
				lex_end_logical(&lx, p);
				at_bol = 1;
				p = lex_newline(&lx, p);
			} else {
				p = lex_newline(&lx, p);
				if (lex_starts_def(&lx, p)) {
					while (lx.n_br > 0)
						lex_close_synthetic(&lx, p);
					lex_end_logical(&lx, p);
					at_bol = 1;
				}
			}
			continue;
		case '#': {
			const unsigned char *st = p;
			if (has_cr) {
				while (p < lx.end && *p != '\n' && *p != '\r')
					p++;
			} else {
				p = memchr(p, '\n', (size_t)(lx.end - p));
				if (p == NULL)
					p = lx.end;
			}
			/* only `# ppaudit:` comments matter; most are skipped here */
			if (p - st >= 15)
				lex_comment(&lx, st, p);
			continue;
		}
		case '\\':
			if (p + 1 < lx.end && (p[1] == '\n' || p[1] == '\r')) {
				p = lex_newline(&lx, p + 1);
				continue;
			}
			break;
		case '"': case '\'': {
			uint32_t line = lx.line;
			const unsigned char *st = p, *bol = lx.bol;
			p = lex_string_body(&lx, p, 0);
			lex_emit(&lx, PT_STRING, st, (size_t)(p - st), 0, line, bol);
			continue;
		}
		case '.':
			/* a number like .5, or the '.' operator */
			if (!(p + 1 < lx.end && lex_is_digit(p[1])))
				break;
			/* fall through */
		case '0': case '1': case '2': case '3': case '4':
		case '5': case '6': case '7': case '8': case '9': {
			const unsigned char *st = p;
			int radix = c == '0' && p + 1 < lx.end && strchr("xXoObB", p[1]) && p[1];
			p++;
			while (p < lx.end && (lex_is_ident(*p) || *p == '.')) {
				if (!radix && (*p == 'e' || *p == 'E') && p + 1 < lx.end &&
				    (p[1] == '+' || p[1] == '-'))
					p++;
				p++;
			}
			lex_emit(&lx, PT_NUMBER, st, (size_t)(p - st), 0, lx.line, lx.bol);
			continue;
		}
		}
		p = lex_operator(&lx, p);
	}

	/* a final line end does not start another line (same rule as the model) */
	if (p == lx.bol && lx.line > 1)
		lx.line--;
	while (lx.n_br > 0)
		lex_close_synthetic(&lx, p);
	lex_end_logical(&lx, p);
	while (lx.n_indents > 1) {
		lx.n_indents--;
		lex_emit(&lx, PT_DEDENT, p, 0, 0, lx.line, lx.bol);
	}
	lex_emit(&lx, PT_END, p, 0, 0, lx.line, lx.bol);
	free(lx.indents);
	free(lx.br);
}

/* Frees the token array. */
void py_tokens_free(struct py_tokens *toks)
{
	free(toks->t);
	toks->t = NULL;
	toks->n = toks->cap = 0;
}
