/* Growable NUL-terminated byte buffer. The buffer owns buf; sb_detach hands
 * ownership to the caller. A zeroed strbuf (STRBUF_INIT) is valid and empty. */
#ifndef PPAUDIT_STRBUF_H
#define PPAUDIT_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_reset(struct strbuf *sb);
void sb_release(struct strbuf *sb);
/* Returns the string (never NULL) and leaves sb empty. */
char *sb_detach(struct strbuf *sb);
/* Always NUL-terminated, even when empty. */
const char *sb_str(struct strbuf *sb);

#endif
