/* Work budgets for the analyses (SPEC §12: no analysis worse than
 * n log n in the size of what it analyses, none unbounded in recursion,
 * cancellation honoured inside a file).
 *
 * DESIGN
 * A thread has at most one active budget (budget_active), installed by
 * whoever drives an analysis (the auditors' per-file driver). Work is
 * charged in steps: model_walk() charges one per node it yields and
 * yields nothing once the budget is spent, so every walk-based loop ends
 * and the analysis unwinds. Recursive analyses bracket each level with
 * budget_enter() / budget_leave(): one depth counter per thread, so it
 * also bounds mutual recursion (a -> b -> a), which a depth argument
 * passed down one function cannot see. Every BUDGET_POLL steps the
 * cancel flag is read, so Ctrl-C ends even a huge file promptly. Once
 * stopped, a budget stays stopped: the driver then abandons that
 * analysis and reports why.
 *
 * With no active budget nothing is limited (tests, the index phase).
 *
 * Ownership: the caller owns struct budget and keeps it alive while it
 * is active; cancel points at a flag owned by the run. */
#ifndef PPAUDIT_BUDGET_H
#define PPAUDIT_BUDGET_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

enum budget_stop {
	BUDGET_RUNNING,
	BUDGET_STEPS,      /* the step budget is spent */
	BUDGET_DEPTH,      /* recursion went deeper than max_depth */
	BUDGET_CANCELLED,  /* the run was cancelled */
};

enum { BUDGET_POLL = 1024 };

struct budget {
	uint64_t left;             /* steps still allowed */
	unsigned depth;            /* current guarded recursion depth */
	unsigned max_depth;
	enum budget_stop stop;
	const atomic_int *cancel;  /* polled every BUDGET_POLL steps; may be NULL */
};

extern _Thread_local struct budget *budget_active;

/* The slow path of budget_step: stops on exhaustion, polls cancel. */
int budget_step_slow(struct budget *b);

/* Charges one step. Returns 0 when the work must stop. */
static inline int budget_step(void)
{
	struct budget *b = budget_active;

	if (b == NULL)
		return 1;
	if (b->stop == BUDGET_RUNNING && (b->left & (BUDGET_POLL - 1)) != 0) {
		b->left--;
		return 1;
	}
	return budget_step_slow(b);
}

/* Charges n steps at once: work done outside model_walk (an index built
 * whole). Returns 0 when the work must stop. */
int budget_charge(uint64_t n);

/* Enters one level of a recursive analysis. Returns 0 (without entering)
 * when the work must stop; pair every 1 with budget_leave(). */
static inline int budget_enter(void)
{
	struct budget *b = budget_active;

	if (b == NULL)
		return 1;
	if (b->stop != BUDGET_RUNNING || !budget_step_slow(b))
		return 0;
	if (b->depth >= b->max_depth) {
		b->stop = BUDGET_DEPTH;
		return 0;
	}
	b->depth++;
	return 1;
}

static inline void budget_leave(void)
{
	struct budget *b = budget_active;

	if (b != NULL && b->depth > 0)
		b->depth--;
}

/* True once the active budget has stopped (0 when none is active). */
static inline int budget_stopped(void)
{
	return budget_active != NULL && budget_active->stop != BUDGET_RUNNING;
}

/* Sets the active budget aside (returned) and installs none: for facts
 * computed once per run (project-wide scans, memos shared by every file),
 * which must be neither cut short by whichever file asks first nor
 * charged to it. budget_resume() puts it back. */
static inline struct budget *budget_suspend(void)
{
	struct budget *b = budget_active;

	budget_active = NULL;
	return b;
}

static inline void budget_resume(struct budget *b)
{
	budget_active = b;
}

/* Human-readable reason: "step budget exhausted", ... */
const char *budget_stop_reason(enum budget_stop s);

/* n·log2(n): the scale of a budget for input of size n. */
uint64_t budget_nlogn(uint64_t n);

#endif
