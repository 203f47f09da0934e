/* Making text from audited files safe for terminals and reports. */
#ifndef PPAUDIT_SANITIZE_H
#define PPAUDIT_SANITIZE_H

#include <stddef.h>
#include "util/strbuf.h"

/* Appends s[0..n) to out with every C0/C1 control character and DEL
 * replaced (tab becomes a space, the rest '?') and invalid UTF-8 bytes
 * replaced by '?', so no escape sequence can pass through. */
void sanitize_append(struct strbuf *out, const char *s, size_t n);

/* Heap copy of sanitize_append's output. */
char *sanitize_dup(const char *s, size_t n);

/* Appends text for a Markdown table cell: sanitized, '|' escaped,
 * newlines as spaces. */
void sanitize_md_cell(struct strbuf *out, const char *s);

/* Length of the valid UTF-8 sequence at s (1..4) or 0 if invalid. */
size_t utf8_seq_len(const unsigned char *s, size_t n);

#endif
