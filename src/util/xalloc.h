/* Allocation wrappers that never return NULL, and fatal() which restores
 * the terminal (through a registered hook) before exiting. */
#ifndef PPAUDIT_XALLOC_H
#define PPAUDIT_XALLOC_H

#include <stddef.h>
#include <stdarg.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a heap string the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Grow *arr (element size es) so that it holds at least need elements. */
void xgrow(void **arr, size_t *cap, size_t need, size_t es);
#define XGROW(arr, cap, need) xgrow((void **)&(arr), &(cap), (need), sizeof *(arr))

/* qsort that accepts an empty (possibly NULL) array: qsort's base is
 * declared nonnull even when n is 0. */
void xqsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* Gives the free pages of the heap back to the system. glibc keeps what
 * is freed in the malloc arena of the thread that allocated it, and the
 * threads of a later phase allocate from other arenas: without this, the
 * models freed before the reports stay resident while the report
 * writers fault in pages of their own (at 1 M lines the run's peak).
 * Call after freeing the bulk of a phase. A no-op without glibc. */
void xalloc_give_back(void);

/* Registered by the UI: called once before fatal() prints and exits. */
void fatal_set_hook(void (*hook)(void));
_Noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
