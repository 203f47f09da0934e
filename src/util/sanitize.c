/* Escaping untrusted text, one function per kind of output. */
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char hex_digits[] = "0123456789abcdef";
static const char hex_upper[] = "0123456789ABCDEF";

size_t utf8_valid_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t need, i;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((need == 3 && cp < 0x800) || (need == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return need;
}

/* True when the valid 3-byte sequence at s is a bidi control: an embedding,
 * override or isolate (U+202A..U+202E, U+2066..U+2069) that makes the text
 * after it display in another order than it is (a file name that reads
 * as another). */
static int utf8_is_bidi_control(const unsigned char *s)
{
	return s[0] == 0xE2 && ((s[1] == 0x80 && s[2] >= 0xAA && s[2] <= 0xAE) ||
				(s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9));
}

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	size_t k = utf8_valid_len(s, n);

	/* C1 controls (U+0080..U+009F, C2 80..C2 9F) can act as escape introducers */
	if (k == 2 && s[0] == 0xC2 && s[1] < 0xA0)
		return 0;
	if (k == 3 && utf8_is_bidi_control(s))
		return 0;
	return k;
}

int utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, k;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = utf8_valid_len(p + i, n - i)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

/* ---- terminal ---- */

void sanitize_append(struct strbuf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0;

	while (i < n) {
		unsigned c = p[i];
		size_t k;

		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		if (c >= 0x80 && (k = utf8_seq_len(p + i, n - i)) > 1) {
			i += k;
			continue;
		}
		sb_add(out, s + start, i - start);
		sb_addc(out, c == '\t' ? ' ' : '?');
		i++;
		start = i;
	}
	sb_add(out, s + start, n - start);
}

char *sanitize_dup(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	sanitize_append(&sb, s, n);
	return sb_detach(&sb);
}

void term_printf(FILE *fp, const char *fmt, ...)
{
	struct strbuf out = STRBUF_INIT;
	va_list ap;
	char *text;
	size_t n;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	n = strlen(text);
	sanitize_append(&out, text, n > 0 && text[n - 1] == '\n' ? n - 1 : n);
	if (n > 0 && text[n - 1] == '\n')
		sb_addc(&out, '\n');
	fputs(sb_str(&out), fp);
	sb_release(&out);
	free(text);
}

/* ---- Markdown ---- */

/* 1 for ASCII punctuation: what a Markdown backslash escapes. */
static int md_punct(unsigned c)
{
	return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
	       (c >= 0x7B && c <= 0x7E);
}

void sanitize_md_cell(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, start = 0, k;

	/* one pass: runs of plain text are copied whole (reports render
	 * thousands of cells) */
	while (i < n) {
		unsigned c = p[i];

		if (c >= 0x20 && c < 0x7F && c != '|' && c != '<' && c != '>' && c != '&' &&
		    (c != '\\' || !md_punct(p[i + 1]))) {
			i++;
			continue;
		}
		if (c >= 0x80 && (k = utf8_seq_len(p + i, n - i)) > 1) {
			i += k;
			continue;
		}
		sb_add(out, s + start, i - start);
		switch (c) {
		case '|': sb_adds(out, "\\|"); break;
		case '<': sb_adds(out, "&lt;"); break;
		case '>': sb_adds(out, "&gt;"); break;
		case '&': sb_adds(out, "&amp;"); break;
		case '\\': sb_adds(out, "\\\\"); break;
		case '\n': case '\r': case '\t': sb_addc(out, ' '); break;
		default: sb_addc(out, '?'); break;
		}
		i++;
		start = i;
	}
	sb_add(out, s + start, n - start);
}

/* ---- TSV ---- */

void sanitize_tsv_field(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, start = 0, k, j;

	while (i < n) {
		unsigned c = p[i];

		if (c >= 0x20 && c < 0x7F && c != '\\') {
			i++;
			continue;
		}
		k = c >= 0x80 ? utf8_seq_len(p + i, n - i) : 0;
		if (k > 1) {
			i += k;
			continue;
		}
		sb_add(out, s + start, i - start);
		/* a C1 control is valid UTF-8 but escaped byte by byte too */
		k = c >= 0x80 && utf8_valid_len(p + i, n - i) == 2 ? 2 : 1;
		if (c == '\\')
			sb_adds(out, "\\\\");
		else if (c == '\t')
			sb_adds(out, "\\t");
		else if (c == '\n')
			sb_adds(out, "\\n");
		else if (c == '\r')
			sb_adds(out, "\\r");
		else
			for (j = 0; j < k; j++) {
				sb_adds(out, "\\x");
				sb_addc(out, hex_digits[p[i + j] >> 4]);
				sb_addc(out, hex_digits[p[i + j] & 15]);
			}
		i += k;
		start = i;
	}
	sb_add(out, s + start, n - start);
}

/* ---- JSON ---- */

char *sanitize_json_text(const char *json)
{
	const unsigned char *p = (const unsigned char *)json;
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(json), i = 0, start = 0, k;

	/* cJSON escapes '"', '\\' and C0 controls, so the structure is ASCII
	 * and any byte fixed here sits inside a string literal */
	while (i < n) {
		unsigned c = p[i];

		if (c < 0x7F) {
			i++;
			continue;
		}
		k = c >= 0x80 ? utf8_valid_len(p + i, n - i) : 0;
		if (k > 1 && !(c == 0xC2 && p[i + 1] < 0xA0) && !(k == 3 && utf8_is_bidi_control(p + i))) {
			i += k;
			continue;
		}
		sb_add(&sb, json + start, i - start);
		if (k == 3)
			sb_addf(&sb, "\\u%04x",
				((p[i] & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu));
		else if (k == 2)
			sb_addf(&sb, "\\u%04x", p[i + 1] & 0xFFu);
		else if (c == 0x7F)
			sb_adds(&sb, "\\u007f");
		else
			sb_adds(&sb, "\xef\xbf\xbd"); /* U+FFFD: what a reload prints again */
		i += k ? k : 1;
		start = i;
	}
	sb_add(&sb, json + start, n - start);
	sb_addc(&sb, '\n');
	return sb_detach(&sb);
}

void pct_encode(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p >= 0x20 && *p < 0x7F && *p != '%') {
			sb_addc(out, (char)*p);
			continue;
		}
		sb_addc(out, '%');
		sb_addc(out, hex_upper[*p >> 4]);
		sb_addc(out, hex_upper[*p & 15]);
	}
}

/* Value of a hex digit, or -1. */
static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *pct_decode(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	for (; *s; s++) {
		int hi, lo;

		if (*s != '%') {
			sb_addc(&sb, *s);
			continue;
		}
		hi = hex_value(s[1]);
		lo = hi < 0 ? -1 : hex_value(s[2]);
		if (lo < 0 || (hi | lo) == 0) {
			sb_release(&sb);
			return NULL;
		}
		sb_addc(&sb, (char)(hi << 4 | lo));
		s += 2;
	}
	return sb_detach(&sb);
}
