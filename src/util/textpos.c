/* Positions in loaded text. */
#include "util/textpos.h"

int text_line_at(const char *text, size_t off)
{
	int line = 1;
	size_t i;

	for (i = 0; i < off && text[i]; i++)
		line += text[i] == '\n';
	return line;
}

size_t text_trailing_at(const char *text, size_t len, const char *end)
{
	size_t off = end && end >= text && end <= text + len ? (size_t)(end - text) : len;

	while (off < len && (text[off] == ' ' || text[off] == '\t' || text[off] == '\n' ||
			     text[off] == '\r'))
		off++;
	return off;
}
