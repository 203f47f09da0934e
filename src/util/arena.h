/* Bump allocator. Everything allocated from an arena lives until
 * arena_release(); the arena owns it all. Not thread-safe: one arena per
 * file model or per thread. */
#ifndef PPAUDIT_ARENA_H
#define PPAUDIT_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t used_total;
	size_t first_block;   /* size of the first block; 0: the default */
};

void *arena_alloc(struct arena *a, size_t n);       /* zeroed, 8-aligned */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void arena_release(struct arena *a);

#endif
