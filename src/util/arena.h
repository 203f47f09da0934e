/* Bump allocator. Everything allocated from an arena lives until
 * arena_release(); the arena owns it all. Not thread-safe: one arena per
 * file model or per thread.
 *
 * Blocks and pools
 * An arena fills blocks of memory. Alone, it mallocs blocks of its own
 * and the unused end of its last block is lost until the release. With
 * a pool (arena.pool), arenas filled one after another on one thread
 * share the pool's blocks: each takes the next piece of the current
 * block, so the files one parse worker reads leave no unused ends. A
 * block is freed when the last arena holding a piece of it is released
 * and the pool has let it go (reference counts, so arenas may be released
 * on any thread, in any order). An arena must be detached from its pool
 * (arena_detach) before another thread allocates from it or the pool's
 * thread fills another arena. */
#ifndef PPAUDIT_ARENA_H
#define PPAUDIT_ARENA_H

#include <stddef.h>

struct arena_block;
struct arena_piece;
struct arena_pool;
struct arena_strings;

struct arena {
	struct arena_block *head;     /* the block small requests go to, or NULL */
	struct arena_piece *pieces;   /* what it holds of each block, newest first */
	size_t used_total;
	size_t first_block;           /* size of the first block of its own; 0: the default */
	struct arena_pool *pool;      /* blocks shared with other arenas, or NULL */
	struct arena_strings *strings; /* arena_intern's table (heap, not in the
	                                 arena), or NULL */
};

void *arena_alloc(struct arena *a, size_t n);       /* zeroed, 8-aligned */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void arena_release(struct arena *a);

/* A read-only copy of s[0..n) and a NUL, like arena_strndup; the same
 * text asked for again gets the same copy, until arena_detach() or
 * arena_release() drops the table of copies (the copies stay). For the
 * names a parser repeats: never write through the result.
 * With a pool, names (up to 256 bytes) are interned in the pool's table,
 * shared by all the arenas filled from it: a name the parse worker's
 * earlier files had is not copied again. The copy then lives in a block
 * another arena filled; this arena takes a reference on that block, so
 * it stays valid until this arena is released (ownership: an arena holds
 * a reference on every block that anything it handed out points into). */
const char *arena_intern(struct arena *a, const char *s, size_t n);

/* Stops using the pool and drops arena_intern's table: what the arena
 * has stays; later requests go to small blocks of its own. */
void arena_detach(struct arena *a);

/* A pool for one thread. It holds every block it handed out, and its
 * table of names, until it is freed; then each block lives on while
 * arenas hold pieces of it. */
struct arena_pool *arena_pool_new(void);
void arena_pool_free(struct arena_pool *pool);

#endif
