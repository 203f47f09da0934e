/* Positions in loaded text, for the JSON loaders' error messages. */
#ifndef PPAUDIT_TEXTPOS_H
#define PPAUDIT_TEXTPOS_H

#include <stddef.h>

/* 1-based line of byte offset off in text. */
int text_line_at(const char *text, size_t off);

/* Offset of the first non-blank byte after a parsed value ending at end,
 * or len when only blanks follow: a JSON parser stops after the first
 * value, and text after it is a broken file (two files run together),
 * never something to ignore. */
size_t text_trailing_at(const char *text, size_t len, const char *end);

#endif
