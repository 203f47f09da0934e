/* JavaScript / TypeScript lexer: bytes -> token array (see javascript-lex.h).
 *
 * One pass, hand-written. The two context-dependent parts of the grammar
 * are decided here from the previous token: '/' starts a regular
 * expression where an expression may start (and a regex that does not end
 * on its line falls back to division), '<' there followed by a name or '>'
 * starts a JSX element. A JSX attempt that does not close (a TypeScript
 * `<Type>value` assertion) is rolled back and '<' becomes an operator;
 * after a few failures a file stops trying, so the total work stays
 * linear. Template substitutions and JSX expression containers are lexed
 * by a nested run (bounded depth); their tokens follow the template / JSX
 * token, which then opens a group (see javascript-lex.h). Every read
 * is bounded by the end pointer: the source may hold NULs and any bytes. */
#include "lang/javascript-lex.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

enum {
	LEX_MAX_DEPTH = 64,    /* nested templates / JSX (stack safety) */
	LEX_JSX_TRIES = 8,     /* failed JSX attempts before a file stops trying */
	LEX_MATCH_REACH = 16   /* open brackets searched for a closer's partner */
};

struct open_br {
	uint32_t tok;
	uint8_t ctl;           /* '(' of if/while/for/with: a regex may follow ')' */
};

struct lexer {
	struct model *m;
	const unsigned char *s, *p, *end, *bol;
	uint32_t line;
	struct js_tokens *out;
	struct open_br *br;
	size_t n_br, cap_br;
	int regex_ok;          /* an expression may start here */
	int ctl_next;          /* the previous token was if/while/for/with */
	int after_dot;         /* the previous token was '.' or '?.' */
	int nl;                /* a line break since the last token */
	int depth, jsx_fails;
	uint32_t first_pending;
	int has_pending;
};

/* What a failed JSX attempt must restore. */
struct lex_mark {
	const unsigned char *p, *bol;
	uint32_t line, n_tok, n_errors, n_ignores, first_pending;
	size_t n_br;
	int has_pending, regex_ok, nl;
};

static int lex_run(struct lexer *lx, int nested);

/* Identifier character: letters, digits, '_', '$', bytes >= 0x80. */
static inline int is_id(unsigned c)
{
	return (c | 0x20) - 'a' < 26u || c - '0' < 10u || c == '_' || c == '$' || c >= 0x80;
}

static inline int is_digit(unsigned c)
{
	return c - '0' < 10u;
}

static const struct { const char *s; uint8_t len, kw, regex_after; } keywords[] = {
	{ "as", 2, JK_AS, 0 }, { "async", 5, JK_ASYNC, 0 }, { "await", 5, JK_AWAIT, 1 },
	{ "break", 5, JK_BREAK, 0 }, { "case", 4, JK_CASE, 1 }, { "catch", 5, JK_CATCH, 0 },
	{ "class", 5, JK_CLASS, 0 }, { "const", 5, JK_CONST, 0 },
	{ "continue", 8, JK_CONTINUE, 0 }, { "debugger", 8, JK_DEBUGGER, 0 },
	{ "default", 7, JK_DEFAULT, 1 }, { "delete", 6, JK_DELETE, 1 }, { "do", 2, JK_DO, 1 },
	{ "else", 4, JK_ELSE, 1 }, { "export", 6, JK_EXPORT, 0 },
	{ "extends", 7, JK_EXTENDS, 1 }, { "finally", 7, JK_FINALLY, 0 },
	{ "for", 3, JK_FOR, 0 }, { "from", 4, JK_FROM, 0 },
	{ "function", 8, JK_FUNCTION, 0 }, { "if", 2, JK_IF, 0 },
	{ "import", 6, JK_IMPORT, 0 }, { "in", 2, JK_IN, 1 },
	{ "instanceof", 10, JK_INSTANCEOF, 1 }, { "let", 3, JK_LET, 0 }, { "new", 3, JK_NEW, 1 },
	{ "of", 2, JK_OF, 1 }, { "return", 6, JK_RETURN, 1 }, { "satisfies", 9, JK_SATISFIES, 0 },
	{ "super", 5, JK_SUPER, 0 }, { "switch", 6, JK_SWITCH, 0 }, { "this", 4, JK_THIS, 0 },
	{ "throw", 5, JK_THROW, 1 }, { "try", 3, JK_TRY, 0 }, { "typeof", 6, JK_TYPEOF, 1 },
	{ "var", 3, JK_VAR, 0 }, { "void", 4, JK_VOID, 1 }, { "while", 5, JK_WHILE, 0 },
	{ "with", 4, JK_WITH, 0 }, { "yield", 5, JK_YIELD, 1 },
};

/* Index into keywords[] of a name, or -1. */
static int lex_keyword(const unsigned char *s, size_t n)
{
	if (n < 2 || n > 10 || s[0] < 'a' || s[0] > 'y')
		return -1;
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
		if (keywords[i].len == n && keywords[i].s[0] == s[0] && memcmp(keywords[i].s, s, n) == 0)
			return (int)i;
	return -1;
}

/* Appends a token; resolves pending ignore comments. */
static uint32_t lex_emit(struct lexer *lx, enum js_tok_kind kind, const unsigned char *start,
			 size_t len, unsigned sub, uint32_t line, const unsigned char *bol)
{
	struct js_tokens *o = lx->out;
	struct js_tok *t;

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
	t->flags = lx->nl ? JTF_NL : 0;
	lx->nl = 0;
	if (kind != JT_END && lx->has_pending) {
		for (uint32_t i = lx->first_pending; i < lx->m->n_ignores; i++)
			lx->m->ignores[i].line = line;
		lx->has_pending = 0;
	}
	return o->n++;
}

/* Consumes one line end at p and starts a new line. */
static const unsigned char *lex_newline(struct lexer *lx, const unsigned char *p)
{
	if (*p == '\r' && p + 1 < lx->end && p[1] == '\n')
		p++;
	p++;
	lx->line++;
	lx->bol = p;
	lx->nl = 1;
	return p;
}

static int is_nl(unsigned c)
{
	return c == '\n' || c == '\r';
}

/* Records a `// ppaudit: ignore[...] reason` comment; p is after "//". */
static void lex_comment(struct lexer *lx, const unsigned char *p, const unsigned char *e,
			int alone)
{
	/* stand-alone: applies to the next code line, fixed up by lex_emit */
	int idx = model_add_ignore(lx->m, (const char *)p, (size_t)(e - p),
				   alone ? lx->line + 1 : lx->line);

	if (idx >= 0 && alone && !lx->has_pending) {
		lx->first_pending = (uint32_t)idx;
		lx->has_pending = 1;
	}
}

/* Pushes an opener token. */
static void lex_push(struct lexer *lx, uint32_t tok, int ctl)
{
	if (lx->n_br == lx->cap_br)
		XGROW(lx->br, lx->cap_br, lx->n_br + 1);
	lx->br[lx->n_br].tok = tok;
	lx->br[lx->n_br++].ctl = (uint8_t)ctl;
}

static unsigned closer_of(unsigned open)
{
	return open == '(' ? ')' : open == '[' ? ']' : '}';
}

/* Pops the innermost opener, pairing it with a zero-length synthesized
 * closer at the current position (a model error). */
static void lex_synth_close(struct lexer *lx)
{
	struct open_br *o = &lx->br[--lx->n_br];
	struct js_tok *op = &lx->out->t[o->tok];
	unsigned c = closer_of(op->sub);
	uint32_t k;

	model_add_error(lx->m, op->line, "'%c' is never closed", op->sub);
	k = lex_emit(lx, JT_OP, lx->p, 0, c, lx->line, lx->bol);
	lx->out->t[k].match = o->tok;
	lx->out->t[o->tok].match = k;
}

/* A closer at lx->p. Returns 1 when it is the '}' ending a nested run
 * whose floor is floor (not emitted), else 0. */
static int lex_close(struct lexer *lx, unsigned c, size_t floor, int nested)
{
	unsigned want = c == ')' ? '(' : c == ']' ? '[' : '{';
	size_t k, found = 0;
	int have = 0;
	uint32_t t;

	for (k = lx->n_br; k > floor && lx->n_br - k < LEX_MATCH_REACH; k--)
		if (lx->out->t[lx->br[k - 1].tok].sub == want) {
			found = k - 1;
			have = 1;
			break;
		}
	if (!have) {
		if (c == '}' && nested) {
			while (lx->n_br > floor)
				lex_synth_close(lx);
			return 1;
		}
		model_add_error(lx->m, lx->line, "unmatched '%c'", c);
		lx->p++;
		return 0;
	}
	while (lx->n_br > found + 1)
		lex_synth_close(lx);
	t = lex_emit(lx, JT_OP, lx->p, 1, c, lx->line, lx->bol);
	lx->n_br--;
	lx->out->t[t].match = lx->br[found].tok;
	lx->out->t[lx->br[found].tok].match = t;
	lx->regex_ok = c == ')' ? lx->br[found].ctl : c == '}';
	lx->p++;
	return 0;
}

/* A quoted string at lx->p ('...' or "..."); a raw line break ends it. */
static void lex_string(struct lexer *lx)
{
	const unsigned char *start = lx->p, *p = lx->p + 1, *bol = lx->bol;
	uint32_t line = lx->line;
	unsigned q = *start;
	int nl = lx->nl;

	while (p < lx->end && *p != q) {
		if (*p == '\\' && p + 1 < lx->end) {
			p++;
			if (is_nl(*p)) {
				p = lex_newline(lx, p);
				continue;
			}
		} else if (is_nl(*p)) {
			break;
		}
		p++;
	}
	if (p >= lx->end || *p != q)
		model_add_error(lx->m, line, "unterminated string");
	else
		p++;
	lx->p = p;
	lx->nl = nl;
	lex_emit(lx, JT_STRING, start, (size_t)(p - start), 0, line, bol);
	lx->regex_ok = 0;
}

/* Saves the state a failed attempt must restore. */
static void lex_save(const struct lexer *lx, struct lex_mark *mk)
{
	mk->p = lx->p;
	mk->bol = lx->bol;
	mk->line = lx->line;
	mk->n_tok = lx->out->n;
	mk->n_errors = lx->m->n_errors;
	mk->n_ignores = lx->m->n_ignores;
	mk->first_pending = lx->first_pending;
	mk->has_pending = lx->has_pending;
	mk->n_br = lx->n_br;
	mk->regex_ok = lx->regex_ok;
	mk->nl = lx->nl;
}

static void lex_restore(struct lexer *lx, const struct lex_mark *mk)
{
	lx->p = mk->p;
	lx->bol = mk->bol;
	lx->line = mk->line;
	lx->out->n = mk->n_tok;
	lx->m->n_errors = mk->n_errors;
	lx->m->n_ignores = mk->n_ignores;
	lx->first_pending = mk->first_pending;
	lx->has_pending = mk->has_pending;
	lx->n_br = mk->n_br;
	lx->regex_ok = mk->regex_ok;
	lx->nl = mk->nl;
}

/* Lexes a nested run after a '{' (template substitution, JSX container)
 * and ends it with a zero-length ',' so that adjacent substitutions stay
 * apart. Returns 1 when the closing '}' was found. */
static int lex_nested(struct lexer *lx)
{
	int ok;

	if (lx->depth >= LEX_MAX_DEPTH) {
		model_add_error(lx->m, lx->line, "nested too deeply; the rest of the file is skipped");
		lx->p = lx->end;
		return 0;
	}
	lx->depth++;
	lx->regex_ok = 1;
	ok = lex_run(lx, 1);
	lx->depth--;
	lex_emit(lx, JT_OP, lx->p, 0, ',', lx->line, lx->bol);
	if (ok)
		lx->p++;  /* the '}' */
	return ok;
}

/* Finishes the group opened by token ti (a template or JSX element)
 * ending before lx->p: its length, and when it holds substitution tokens
 * a zero-length JO_GROUP_END closer paired with it. */
static void lex_group_end(struct lexer *lx, uint32_t ti)
{
	struct js_tok *t = &lx->out->t[ti];
	uint32_t k;

	t->len = (uint32_t)(lx->p - lx->s) - t->off;
	lx->nl = 0;  /* line breaks inside belong to the group, not the next token */
	if (lx->out->n == ti + 1)
		return;
	k = lex_emit(lx, JT_OP, lx->p, 0, JO_GROUP_END, lx->line, lx->bol);
	lx->out->t[k].match = ti;
	lx->out->t[ti].match = k;
}

/* A template literal at lx->p, substitutions included. */
static void lex_template(struct lexer *lx)
{
	uint32_t line = lx->line, ti;
	int closed = 0;

	ti = lex_emit(lx, JT_TEMPLATE, lx->p, 0, 0, line, lx->bol);

	lx->p++;
	while (lx->p < lx->end) {
		unsigned c = *lx->p;
		if (c == '`') {
			lx->p++;
			closed = 1;
			break;
		}
		if (c == '\\' && lx->p + 1 < lx->end) {
			lx->p++;
			if (is_nl(*lx->p))
				lx->p = lex_newline(lx, lx->p);
			else
				lx->p++;
		} else if (c == '$' && lx->p + 1 < lx->end && lx->p[1] == '{') {
			lx->p += 2;
			if (!lex_nested(lx))
				break;
		} else if (is_nl(c)) {
			lx->p = lex_newline(lx, lx->p);
		} else {
			lx->p++;
		}
	}
	if (!closed)
		model_add_error(lx->m, line, "unterminated template literal");
	lex_group_end(lx, ti);
	lx->regex_ok = 0;
}

/* Tries a regular expression at lx->p; 0 (nothing consumed) when it
 * does not end on this line. */
static int lex_regex(struct lexer *lx)
{
	const unsigned char *p = lx->p + 1;
	int cls = 0;

	for (; p < lx->end && !is_nl(*p); p++) {
		if (*p == '\\' && p + 1 < lx->end && !is_nl(p[1]))
			p++;
		else if (*p == '[')
			cls = 1;
		else if (*p == ']')
			cls = 0;
		else if (*p == '/' && !cls)
			break;
	}
	if (p >= lx->end || *p != '/')
		return 0;
	for (p++; p < lx->end && is_id(*p); p++)
		;
	lex_emit(lx, JT_REGEX, lx->p, (size_t)(p - lx->p), 0, lx->line, lx->bol);
	lx->p = p;
	lx->regex_ok = 0;
	return 1;
}

/* Skips blanks and line ends inside JSX markup. */
static void jsx_space(struct lexer *lx)
{
	while (lx->p < lx->end) {
		if (is_nl(*lx->p))
			lx->p = lex_newline(lx, lx->p);
		else if (*lx->p == ' ' || *lx->p == '\t')
			lx->p++;
		else
			break;
	}
}

/* A JSX tag or attribute name; returns its length. */
static size_t jsx_name(struct lexer *lx)
{
	const unsigned char *s = lx->p;

	while (lx->p < lx->end && (is_id(*lx->p) || *lx->p == '.' || *lx->p == ':' || *lx->p == '-'))
		lx->p++;
	return (size_t)(lx->p - s);
}

static int jsx_element_in(struct lexer *lx);

/* One JSX element at lx->p ('<'); 1 when it closed properly. Nesting
 * shares lx->depth with substitutions, so that element-in-container-in-
 * element recursion stays bounded as a whole. */
static int jsx_element(struct lexer *lx)
{
	int ok;

	if (lx->depth >= LEX_MAX_DEPTH)
		return 0;
	lx->depth++;
	ok = jsx_element_in(lx);
	lx->depth--;
	return ok;
}

static int jsx_element_in(struct lexer *lx)
{
	const unsigned char *name;
	size_t nlen;

	lx->p++;
	jsx_space(lx);
	name = lx->p;
	nlen = jsx_name(lx);
	for (;;) {  /* attributes */
		jsx_space(lx);
		if (lx->p >= lx->end)
			return 0;
		if (*lx->p == '/' && lx->p + 1 < lx->end && lx->p[1] == '>') {
			lx->p += 2;
			return 1;
		}
		if (*lx->p == '>') {
			lx->p++;
			break;
		}
		if (*lx->p == '{') {
			lx->p++;
			if (!lex_nested(lx))
				return 0;
			continue;
		}
		if (nlen == 0 || !jsx_name(lx))
			return 0;
		jsx_space(lx);
		if (lx->p >= lx->end || *lx->p != '=')
			continue;
		lx->p++;
		jsx_space(lx);
		if (lx->p >= lx->end)
			return 0;
		if (*lx->p == '"' || *lx->p == '\'') {
			unsigned q = *lx->p++;
			while (lx->p < lx->end && *lx->p != q)
				lx->p = is_nl(*lx->p) ? lex_newline(lx, lx->p) : lx->p + 1;
			if (lx->p >= lx->end)
				return 0;
			lx->p++;
		} else if (*lx->p == '{') {
			lx->p++;
			if (!lex_nested(lx))
				return 0;
		} else if (*lx->p == '<') {
			if (!jsx_element(lx))
				return 0;
		} else {
			return 0;
		}
	}
	while (lx->p < lx->end) {  /* children */
		unsigned c = *lx->p;
		if (is_nl(c)) {
			lx->p = lex_newline(lx, lx->p);
		} else if (c == '{') {
			lx->p++;
			if (!lex_nested(lx))
				return 0;
		} else if (c == '<' && lx->p + 1 < lx->end && lx->p[1] == '/') {
			const unsigned char *cn;
			lx->p += 2;
			jsx_space(lx);
			cn = lx->p;
			if (jsx_name(lx) != nlen || memcmp(cn, name, nlen) != 0)
				return 0;
			jsx_space(lx);
			if (lx->p >= lx->end || *lx->p != '>')
				return 0;
			lx->p++;
			return 1;
		} else if (c == '<') {
			if (!jsx_element(lx))
				return 0;
		} else {
			lx->p++;
		}
	}
	return 0;
}

/* True when '<' at p may open JSX rather than TypeScript generics
 * (`<T,>`, `<T extends U>`, `<T>(x) => x`). */
static int jsx_plausible(const struct lexer *lx, const unsigned char *p)
{
	const unsigned char *e = lx->end;

	p++;
	if (p < e && *p == '>')
		return 1;  /* fragment */
	if (p >= e || !is_id(*p) || is_digit(*p))
		return 0;
	while (p < e && (is_id(*p) || *p == '.' || *p == ':' || *p == '-'))
		p++;
	if (p < e && *p == ',')
		return 0;
	if (p < e && *p == '>' && p + 1 < e && p[1] == '(')
		return 0;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return !(e - p > 8 && memcmp(p, "extends ", 8) == 0);
}

/* Tries JSX at lx->p; on failure everything is as before. */
static int lex_jsx(struct lexer *lx)
{
	struct lex_mark mk;
	uint32_t ti;

	if (lx->jsx_fails >= LEX_JSX_TRIES || !jsx_plausible(lx, lx->p))
		return 0;
	lex_save(lx, &mk);
	ti = lex_emit(lx, JT_JSX, lx->p, 0, 0, lx->line, lx->bol);
	if (!jsx_element(lx)) {
		lex_restore(lx, &mk);
		lx->jsx_fails++;
		return 0;
	}
	lex_group_end(lx, ti);
	lx->regex_ok = 0;
	return 1;
}

/* Operator at lx->p: longest match. */
static void lex_op(struct lexer *lx)
{
	const unsigned char *p = lx->p;
	size_t left = (size_t)(lx->end - p), len = 1;
	unsigned c = *p, c1 = left > 1 ? p[1] : 0, c2 = left > 2 ? p[2] : 0,
		 c3 = left > 3 ? p[3] : 0, code = c;

#define IS3(a, b, d) (c == (a) && c1 == (b) && c2 == (d))
	if (c == '>' && c1 == '>' && c2 == '>' && c3 == '=')
		len = 4, code = JO_ASSIGNOP;
	else if (IS3('.', '.', '.'))
		len = 3, code = JO_ELLIPSIS;
	else if (IS3('=', '=', '=') || IS3('!', '=', '='))
		len = 3, code = JO_EQ;
	else if (IS3('*', '*', '=') || IS3('<', '<', '=') || IS3('>', '>', '=') ||
		 IS3('&', '&', '=') || IS3('|', '|', '=') || IS3('?', '?', '='))
		len = 3, code = JO_ASSIGNOP;
	else if (IS3('>', '>', '>'))
		len = 3, code = JO_USHR;
	else if (c1 == '=' && (c == '+' || c == '-' || c == '*' || c == '/' || c == '%' ||
			       c == '&' || c == '|' || c == '^'))
		len = 2, code = JO_ASSIGNOP;
	else if (c == '=' && c1 == '>')
		len = 2, code = JO_ARROW;
	else if (c == '?' && c1 == '.' && !is_digit(c2))
		len = 2, code = JO_OPTCHAIN;
	else if (c == '?' && c1 == '?')
		len = 2, code = JO_NULLISH;
	else if ((c == '=' || c == '!') && c1 == '=')
		len = 2, code = JO_EQ;
	else if ((c == '<' || c == '>') && c1 == '=')
		len = 2, code = JO_CMP;
	else if (c == '&' && c1 == '&')
		len = 2, code = JO_AND;
	else if (c == '|' && c1 == '|')
		len = 2, code = JO_OR;
	else if (c == '+' && c1 == '+')
		len = 2, code = JO_INC;
	else if (c == '-' && c1 == '-')
		len = 2, code = JO_DEC;
	else if (c == '*' && c1 == '*')
		len = 2, code = JO_POW;
	else if (c == '<' && c1 == '<')
		len = 2, code = JO_SHL;
	else if (c == '>' && c1 == '>')
		len = 2, code = JO_SHR;
#undef IS3
	lex_emit(lx, JT_OP, p, len, code, lx->line, lx->bol);
	lx->p += len;
	lx->after_dot = code == '.' || code == JO_OPTCHAIN;
	lx->regex_ok = !(code == JO_INC || code == JO_DEC);
}

/* A name, keyword or #private name at lx->p. */
static void lex_name(struct lexer *lx)
{
	const unsigned char *s = lx->p;
	int k;

	if (*lx->p == '#')
		lx->p++;
	while (lx->p < lx->end && (is_id(*lx->p) ||
				   (*lx->p == '\\' && lx->p + 1 < lx->end && lx->p[1] == 'u')))
		lx->p += *lx->p == '\\' ? 2 : 1;
	k = lx->after_dot || *s == '#' ? -1 : lex_keyword(s, (size_t)(lx->p - s));
	lex_emit(lx, JT_NAME, s, (size_t)(lx->p - s), k < 0 ? JK_NONE : keywords[k].kw,
		 lx->line, lx->bol);
	lx->regex_ok = k >= 0 && keywords[k].regex_after;
	lx->ctl_next = k >= 0 && (keywords[k].kw == JK_IF || keywords[k].kw == JK_WHILE ||
				  keywords[k].kw == JK_FOR || keywords[k].kw == JK_WITH);
	lx->after_dot = 0;
}

/* A numeric literal at lx->p (decimal, hex/octal/binary, separators, bigint). */
static void lex_number(struct lexer *lx)
{
	const unsigned char *s = lx->p;
	int hex = *s == '0' && lx->p + 1 < lx->end && (s[1] | 0x20) == 'x';

	while (lx->p < lx->end) {
		unsigned c = *lx->p;
		if (is_id(c) || (c == '.' && !(lx->p + 1 < lx->end && lx->p[1] == '.')))
			lx->p++;
		else if ((c == '+' || c == '-') && !hex && (lx->p[-1] | 0x20) == 'e')
			lx->p++;
		else
			break;
	}
	lex_emit(lx, JT_NUMBER, s, (size_t)(lx->p - s), 0, lx->line, lx->bol);
	lx->regex_ok = 0;
	lx->after_dot = 0;
}

/* The token loop. nested: stop at the '}' closing the enclosing
 * substitution (returns 1; p at the '}'); returns 0 at the end. */
static int lex_run(struct lexer *lx, int nested)
{
	size_t floor = lx->n_br;

	while (lx->p < lx->end) {
		const unsigned char *p = lx->p;
		unsigned c = *p, c1 = p + 1 < lx->end ? p[1] : 0;
		int ctl = lx->ctl_next;

		lx->ctl_next = 0;
		if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
			lx->p++;
			lx->ctl_next = ctl;
		} else if (is_nl(c)) {
			lx->p = lex_newline(lx, p);
			lx->ctl_next = ctl;
		} else if (c == '/' && c1 == '/') {
			const unsigned char *e = memchr(p, '\n', (size_t)(lx->end - p));
			const unsigned char *r = memchr(p, '\r', e ? (size_t)(e - p) : (size_t)(lx->end - p));
			int alone = lx->out->n == 0 || lx->out->t[lx->out->n - 1].line != lx->line;
			e = r ? r : e ? e : lx->end;
			lex_comment(lx, p + 2, e, alone);
			lx->p = e;
			lx->ctl_next = ctl;
		} else if (c == '/' && c1 == '*') {
			const unsigned char *q = p + 2;
			while (q + 1 < lx->end && !(q[0] == '*' && q[1] == '/'))
				q = is_nl(*q) ? lex_newline(lx, q) : q + 1;
			if (q + 1 >= lx->end) {
				model_add_error(lx->m, lx->line, "unterminated comment");
				q = lx->end;
			} else {
				q += 2;
			}
			lx->p = q;
			lx->ctl_next = ctl;
		} else if (c == '/' && lx->regex_ok && lex_regex(lx)) {
			/* regex emitted */
		} else if (c == '\'' || c == '"') {
			lex_string(lx);
		} else if (c == '`') {
			lex_template(lx);
		} else if (is_digit(c) || (c == '.' && is_digit(c1))) {
			lex_number(lx);
		} else if (is_id(c) || (c == '#' && is_id(c1)) || (c == '\\' && c1 == 'u')) {
			lex_name(lx);
		} else if (c == '#' && c1 == '!' && p == lx->s) {
			while (lx->p < lx->end && !is_nl(*lx->p))
				lx->p++;
		} else if (c == '(' || c == '[' || c == '{') {
			uint32_t t = lex_emit(lx, JT_OP, p, 1, c, lx->line, lx->bol);
			lex_push(lx, t, c == '(' && ctl);
			lx->p++;
			lx->regex_ok = 1;
			lx->after_dot = 0;
		} else if (c == ')' || c == ']' || c == '}') {
			if (lex_close(lx, c, floor, nested))
				return 1;
			lx->after_dot = 0;
		} else if (c == '<' && lx->regex_ok && lex_jsx(lx)) {
			/* JSX emitted */
		} else if (c > ' ' && c != '#' && c != '\\' && c != 0x7f) {
			lex_op(lx);
		} else {
			model_add_error(lx->m, lx->line, "unexpected character 0x%02x", c);
			lx->p++;
		}
	}
	while (lx->n_br > floor)
		lex_synth_close(lx);
	return 0;
}

/* Tokenizes m->src into out (ends with a JT_END token). */
void js_lex(struct model *m, struct js_tokens *out)
{
	struct lexer lx;

	memset(&lx, 0, sizeof lx);
	lx.m = m;
	lx.s = lx.p = lx.bol = (const unsigned char *)m->src;
	lx.end = lx.s + m->src_len;
	lx.line = 1;
	lx.out = out;
	lx.regex_ok = 1;
	if (lx.end - lx.p >= 3 && memcmp(lx.p, "\xef\xbb\xbf", 3) == 0)
		lx.p += 3;
	lex_run(&lx, 0);
	lx.nl = 1;
	lex_emit(&lx, JT_END, lx.end, 0, 0, lx.line, lx.bol);
	free(lx.br);
}

void js_tokens_free(struct js_tokens *toks)
{
	free(toks->t);
	toks->t = NULL;
	toks->n = toks->cap = 0;
}
