/* Sanitizing untrusted text. */
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <string.h>

size_t utf8_seq_len(const unsigned char *s, size_t n)
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
	/* C1 controls (U+0080..U+009F) can act as escape introducers */
	if (cp >= 0x80 && cp <= 0x9F)
		return 0;
	return need;
}

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

void sanitize_md_cell(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, start = 0, k;

	/* one pass: runs of plain text are copied whole (reports render
	 * thousands of cells) */
	while (i < n) {
		unsigned c = p[i];

		if (c >= 0x20 && c < 0x7F && c != '|') {
			i++;
			continue;
		}
		if (c >= 0x80 && (k = utf8_seq_len(p + i, n - i)) > 1) {
			i += k;
			continue;
		}
		sb_add(out, s + start, i - start);
		if (c == '|')
			sb_adds(out, "\\|");
		else
			sb_addc(out, c == '\n' || c == '\r' || c == '\t' ? ' ' : '?');
		i++;
		start = i;
	}
	sb_add(out, s + start, n - start);
}
