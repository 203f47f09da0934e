/* Escaping text from the audited tree (file names, source text) and from
 * users (triage reasons) for each kind of output (SPEC §12). One path per
 * kind; every writer of that kind goes through it:
 *
 *   terminal   sanitize_append, sanitize_dup, term_printf
 *   Markdown   sanitize_md_cell
 *   TSV        sanitize_tsv_field
 *   JSON       sanitize_json_text (valid UTF-8), pct_encode / pct_decode
 *              (exact bytes of a file name that is not UTF-8)
 *   HTML, SARIF  report/html.c and report/sarif.c, on sanitize_append
 *
 * Ownership: functions taking a strbuf append to it; the *_dup / *_text /
 * pct_decode results are heap strings the caller frees. */
#ifndef PPAUDIT_SANITIZE_H
#define PPAUDIT_SANITIZE_H

#include <stddef.h>
#include <stdio.h>
#include "util/strbuf.h"

/* Appends s[0..n) to out with every C0/C1 control character and DEL
 * replaced (tab becomes a space, the rest '?'), invalid UTF-8 bytes and
 * each byte of a bidi control (U+202A..U+202E, U+2066..U+2069, which
 * reorder the text shown after them) replaced by '?', so no escape
 * sequence can pass through and no name displays as another. */
void sanitize_append(struct strbuf *out, const char *s, size_t n);

/* Heap copy of sanitize_append's output. */
char *sanitize_dup(const char *s, size_t n);

/* printf to fp for a terminal: the formatted text goes through
 * sanitize_append, so a newline inside an argument cannot forge a line;
 * only a final '\n' is kept. */
void term_printf(FILE *fp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends text for a Markdown table cell: control characters and invalid
 * UTF-8 as in sanitize_append, newlines as spaces, '|' as "\|", '<' '>'
 * '&' as entities (no raw HTML reaches a renderer) and a backslash before
 * punctuation doubled (so it cannot undo one of those escapes). */
void sanitize_md_cell(struct strbuf *out, const char *s);

/* Appends s as one TSV field that stays on one line and can be decoded
 * exactly: backslash, tab, newline and carriage return become "\\", "\t",
 * "\n", "\r"; other control bytes (C0, DEL, C1) and bytes that are not
 * valid UTF-8 become "\xHH" per byte. */
void sanitize_tsv_field(struct strbuf *out, const char *s);

/* Printed JSON text (cJSON output, whose strings carry bytes through
 * unchecked) made valid UTF-8: each invalid byte becomes U+FFFD, and C1
 * controls, DEL and bidi controls become \uXXXX escapes of the same
 * character so a terminal showing the file cannot take them as escapes
 * or reorder a name. Heap copy ending in a newline. */
char *sanitize_json_text(const char *json);

/* Appends s percent-encoded: '%', control bytes, DEL and every byte from
 * 0x80 up become %XX (upper-case hex); the rest passes. Any URI decoder
 * (e.g. Python's urllib.parse.unquote_to_bytes) gives back the bytes. */
void pct_encode(struct strbuf *out, const char *s);

/* Heap copy of s with %XX decoded, or NULL when s holds a malformed
 * escape or would decode to a NUL byte. */
char *pct_decode(const char *s);

/* Length of the valid UTF-8 sequence at s (1..4) or 0 if invalid, a C1
 * control (U+0080..U+009F, which terminals may obey) or a bidi control. */
size_t utf8_seq_len(const unsigned char *s, size_t n);

/* Length of the valid UTF-8 sequence at s (1..4), C1 included, or 0. */
size_t utf8_valid_len(const unsigned char *s, size_t n);

/* 1 when s is entirely valid UTF-8. */
int utf8_valid(const char *s);

#endif
