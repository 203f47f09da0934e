/* Bump allocator. An arena of its own starts with a 4 KiB block (or
 * first_block) and doubles up to 64 KiB: most source files need a few
 * KiB, and a fixed 64 KiB first block per file cost tens of MB of
 * resident memory on large trees. Pooled arenas share 64 KiB blocks, so
 * only the pool's last block has an unused end. Requests above a quarter
 * of the block size get a block of their own either way.
 *
 * Each piece an arena holds of a block starts with a struct arena_piece
 * (the arena's chain of pieces); a block counts the pieces in it, plus
 * one while it is a pool's current block. */
#include "util/arena.h"
#include "util/hash.h"
#include "util/xalloc.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	atomic_size_t refs;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

struct arena_piece {
	struct arena_piece *next;
	struct arena_block *block;
};

/* arena_intern's copies, open addressing, at most half full. */
struct arena_strings {
	struct arena_string {
		const char *s;        /* NULL: free */
		struct arena_block *block;  /* a pool's table: the block s is in */
		uint32_t n, hash;     /* 24 bytes a slot: a parse worker's table
		                         holds some 30 k names at half load */
	} *slots;
	size_t cap, count;
};

/* A pool holds every block it has handed out until arena_pool_free (in
 * a parse worker its models hold them all anyway), so that the names of
 * its table stay valid whichever of its arenas is released first. */
struct arena_pool {
	struct arena_block *cur;
	struct arena_block **held;    /* its earlier blocks, one reference each */
	size_t n_held, cap_held;
	struct arena_strings *strings; /* the names its arenas interned */
};

enum { ARENA_FIRST = 4 * 1024, ARENA_BLOCK = 64 * 1024, ARENA_DETACHED = 1024 };

_Static_assert(sizeof(struct arena_piece) % 8 == 0, "pieces keep allocations 8-aligned");

static struct arena_block *block_new(size_t size, size_t refs)
{
	struct arena_block *b = xmalloc(sizeof *b + size);

	atomic_init(&b->refs, refs);
	b->used = 0;
	b->size = size;
	return b;
}

static void block_unref(struct arena_block *b)
{
	if (atomic_fetch_sub_explicit(&b->refs, 1, memory_order_acq_rel) == 1)
		free(b);
}

/* a takes the piece of b that starts at b->used. */
static void take_piece(struct arena *a, struct arena_block *b)
{
	struct arena_piece *pc = (struct arena_piece *)(void *)(b->data + b->used);

	b->used += sizeof *pc;
	pc->next = a->pieces;
	pc->block = b;
	a->pieces = pc;
	atomic_fetch_add_explicit(&b->refs, 1, memory_order_relaxed);
}

/* Returns a block with room for n more bytes, of which a holds a piece. */
static struct arena_block *arena_grow(struct arena *a, size_t n)
{
	const size_t need = sizeof(struct arena_piece) + n;
	struct arena_block *b;

	if (a->pool != NULL && n <= ARENA_BLOCK / 4) {
		struct arena_pool *pl = a->pool;

		if (pl->cur == NULL || pl->cur->size - pl->cur->used < need) {
			if (pl->cur != NULL) {
				/* kept: names of the pool's table may be in it */
				XGROW(pl->held, pl->cap_held, pl->n_held + 1);
				pl->held[pl->n_held++] = pl->cur;
			}
			pl->cur = block_new(ARENA_BLOCK, 1);
		}
		take_piece(a, pl->cur);
		a->head = pl->cur;
		return pl->cur;
	}
	if (a->pool != NULL) {
		/* big one-off: the pool's block stays for small ones */
		b = block_new(need, 0);
		take_piece(a, b);
		return b;
	}
	{
		size_t grow = a->head == NULL && a->first_block ? a->first_block :
			      a->used_total < ARENA_FIRST ? ARENA_FIRST :
			      a->used_total > ARENA_BLOCK ? ARENA_BLOCK : a->used_total;
		size_t size = n > grow / 4 || need > grow ? need : grow;

		b = block_new(size, 0);
		take_piece(a, b);
		/* a big one-off block keeps the current block for small ones */
		if (size != need || a->head == NULL)
			a->head = b;
		return b;
	}
}

void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;
	void *p;

	n = (n + 7) & ~(size_t)7;
	if (b == NULL || b->size - b->used < n)
		b = arena_grow(a, n);
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

static void strings_free(struct arena_strings **t)
{
	if (*t != NULL) {
		free((*t)->slots);
		free(*t);
		*t = NULL;
	}
}

static void strings_put(struct arena_strings *t, struct arena_string e)
{
	size_t i;

	for (i = e.hash & (t->cap - 1); t->slots[i].s != NULL; i = (i + 1) & (t->cap - 1))
		;
	t->slots[i] = e;
	t->count++;
}

/* Makes a hold a reference on block b (a name of the pool's table that
 * another arena copied there), unless it holds one already. */
static void arena_hold(struct arena *a, struct arena_block *b)
{
	struct arena_piece *pc;

	if (b == a->head)
		return;
	for (pc = a->pieces; pc != NULL; pc = pc->next)
		if (pc->block == b)
			return;
	/* the record goes in a block a holds, newer than a's own piece of
	 * that block: arena_release reads it before letting that block go */
	pc = arena_alloc(a, sizeof *pc);
	pc->block = b;
	pc->next = a->pieces;
	a->pieces = pc;
	atomic_fetch_add_explicit(&b->refs, 1, memory_order_relaxed);
}

/* Longer text is interned per arena: a pool's table keeps names, whose
 * copies are in the pool's blocks (ARENA_BLOCK / 4 and below). */
enum { ARENA_POOL_INTERN_MAX = 256 };

const char *arena_intern(struct arena *a, const char *s, size_t n)
{
	int pooled = a->pool != NULL && n <= ARENA_POOL_INTERN_MAX;
	struct arena_strings **tp = pooled ? &a->pool->strings : &a->strings;
	struct arena_strings *t = *tp;
	uint64_t h;
	size_t i;
	char *p;

	if (n == 0)  /* s may be NULL when empty (see arena_strndup); memcmp must not see it */
		s = "";
	if (n > UINT32_MAX)  /* past what a slot records: a copy of its own */
		return arena_strndup(a, s, n);
	/* keyed: the names come from the tree, which must not be able to
	 * choose thousands that share one chain (util/hash.h) */
	h = hash_text(s, n);
	if (t == NULL)
		t = *tp = xcalloc(1, sizeof *t);
	if ((t->count + 1) * 2 > t->cap) {
		struct arena_string *old = t->slots;
		size_t oldcap = t->cap;

		t->cap = oldcap ? oldcap * 2 : 64;
		t->slots = xcalloc(t->cap, sizeof *t->slots);
		t->count = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i].s != NULL)
				strings_put(t, old[i]);
		free(old);
	}
	for (i = (uint32_t)h & (t->cap - 1); t->slots[i].s != NULL; i = (i + 1) & (t->cap - 1))
		if (t->slots[i].hash == (uint32_t)h && t->slots[i].n == n &&
		    memcmp(t->slots[i].s, s, n) == 0) {
			if (pooled)
				arena_hold(a, t->slots[i].block);
			return t->slots[i].s;
		}
	p = arena_strndup(a, s, n);
	/* small: p is in a's head, the pool's current block (arena_grow) */
	strings_put(t, (struct arena_string){ .s = p, .n = (uint32_t)n, .hash = (uint32_t)h,
					      .block = pooled ? a->head : NULL });
	return p;
}

void arena_release(struct arena *a)
{
	struct arena_piece *pc = a->pieces, *next;

	while (pc != NULL) {
		/* the piece lives in the block it names: read on before letting go */
		next = pc->next;
		block_unref(pc->block);
		pc = next;
	}
	a->head = NULL;
	a->pieces = NULL;
	a->used_total = 0;
	strings_free(&a->strings);
}

void arena_detach(struct arena *a)
{
	strings_free(&a->strings);
	if (a->pool == NULL)
		return;
	a->pool = NULL;
	a->head = NULL;
	/* what comes later (the index's few names) is small */
	a->first_block = ARENA_DETACHED;
}

struct arena_pool *arena_pool_new(void)
{
	return xcalloc(1, sizeof(struct arena_pool));
}

void arena_pool_free(struct arena_pool *pool)
{
	if (pool == NULL)
		return;
	if (pool->cur != NULL)
		block_unref(pool->cur);
	for (size_t i = 0; i < pool->n_held; i++)
		block_unref(pool->held[i]);
	free(pool->held);
	strings_free(&pool->strings);
	free(pool);
}
