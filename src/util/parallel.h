/* A parallel for over an index range, for the phases that do the same
 * independent work per file or per function (issue 14: both cores busy
 * in every phase). */
#ifndef PPAUDIT_PARALLEL_H
#define PPAUDIT_PARALLEL_H

#include <stddef.h>

/* Calls fn(ctx, from, to) for consecutive ranges covering [0, n), each
 * index exactly once, on up to `jobs` threads (the caller's included;
 * jobs <= 1 or a failed thread start: all on the caller's). Ranges are
 * `chunk` long (the last shorter) and taken in turn, so a slow range does
 * not hold the others back. fn must only write what its range owns.
 * Threads inherit the caller's signal mask. Returns when all are done. */
void parallel_for(size_t n, int jobs, size_t chunk,
		  void (*fn)(void *ctx, size_t from, size_t to), void *ctx);

#endif
