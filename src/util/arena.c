/* Bump allocator. Blocks start at 4 KiB and double up to 64 KiB: most
 * source files need a few KiB, and a fixed 64 KiB first block per file
 * cost tens of MB of resident memory on large trees. Larger requests get
 * their own block. */
#include "util/arena.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

enum { ARENA_FIRST = 4 * 1024, ARENA_BLOCK = 64 * 1024 };

void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;
	void *p;

	n = (n + 7) & ~(size_t)7;
	if (b == NULL || b->size - b->used < n) {
		size_t grow = a->head == NULL && a->first_block ? a->first_block :
			      a->used_total < ARENA_FIRST ? ARENA_FIRST :
			      a->used_total > ARENA_BLOCK ? ARENA_BLOCK : a->used_total;
		size_t size = n > grow / 4 ? n : grow;
		b = xmalloc(sizeof *b + size);
		b->used = 0;
		b->size = size;
		if (size == n && a->head != NULL) {
			/* big one-off block: keep the current block for small ones */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = b->data + b->used;
	b->used += n;
	a->used_total += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (n > 0)  /* s may be NULL when empty: an unused strbuf's buf */
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head, *next;

	while (b != NULL) {
		next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used_total = 0;
}
