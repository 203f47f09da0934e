/* The audit context: what one auditor run on one thread keeps between
 * calls. It owns every cache a check or the semantic layer builds (a memo
 * of a project-wide scan, a table per definition), so a cache lives
 * exactly as long as the run that filled it: nothing is reset by hand,
 * nothing leaks into the next run on the same thread (the TUI's re-run, a
 * second audit in one process), and two threads never share one.
 *
 * Whoever starts an auditor creates the context, points its audit_input
 * at it and frees it afterwards (pipeline.c, the summaries' workers). A
 * context is used by one thread only.
 *
 * What stays thread-local elsewhere is not a cache of the run: the file
 * the driver is on and its budgets (auditors.c, util/budget.h), and memos
 * of pure answers that check their key on every read (the catalog's
 * lookups and sem_is_session_name, keyed on the catalog generation;
 * sem_file_of, checked against the project). */
#ifndef PPAUDIT_AUDIT_CONTEXT_H
#define PPAUDIT_AUDIT_CONTEXT_H

#include <stddef.h>

struct audit_context;

/* One kind of cache, declared static const beside the code that uses it:
 * its state is `size` bytes, zeroed and then passed to init (optional) on
 * first use; release (optional) frees what the state owns when the
 * context goes. */
struct audit_cache_def {
	const char *name;             /* what it memoises, for the reader */
	size_t size;
	void (*init)(void *state);
	void (*release)(void *state);
};

struct audit_context *audit_context_new(void);

/* Releases every cache (release hooks, then the states) and the context.
 * NULL is fine. */
void audit_context_free(struct audit_context *ac);

/* The state of cache def in ac, created on first use; never NULL. */
void *audit_context_cache(struct audit_context *ac, const struct audit_cache_def *def);

#endif
