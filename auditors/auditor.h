/* The interface every auditor implements, and the helpers they share.
 *
 * An auditor reads the shared project (models, index, context, config) and
 * writes only to its own sink and its own progress slot: no locks between
 * auditors. Each check is one static function in the auditor's file with
 * its SPEC row as the comment above it. */
#ifndef PPAUDIT_AUDITOR_H
#define PPAUDIT_AUDITOR_H

#include <stddef.h>

#include "audit-context.h"
#include "finding.h"
#include "index.h"
#include "model.h"
#include "progress.h"
#include "project.h"
#include "util/budget.h"

struct summaries;

struct audit_input {
	const struct project *proj;
	const struct summaries *sum; /* function summaries (summary.h), may be NULL */
	struct progress *progress;   /* may be NULL in unit tests */
	struct progress_slot *slot;  /* this auditor's slot, may be NULL */
	/* the caches of this run on this thread (audit-context.h): created
	 * and freed by whoever starts the auditor, never NULL */
	struct audit_context *audit;
};

struct auditor {
	const char *worker;          /* "ln-651" */
	enum category category;
	const char *report_name;     /* "651-query-efficiency.md" */
	const struct check_def *checks;
	size_t n_checks;
	/* Runs every enabled check over every auditable file. */
	void (*run)(const struct audit_input *in, struct finding_sink *out);
};

extern const struct auditor auditor_query_efficiency;      /* ln-651 */
extern const struct auditor auditor_transaction_correctness; /* ln-652 */
extern const struct auditor auditor_runtime_performance;   /* ln-653 */
extern const struct auditor auditor_resource_lifecycle;    /* ln-654 */

/* The four auditors in worker order. */
extern const struct auditor *const auditors[CAT_COUNT];

/* Per-file driver shared by the auditors: calls fn(in, file_index, out)
 * for every auditable file of auditor a, updates progress (files done,
 * current file, severity counts) and stops early on cancellation, also
 * in the middle of a file.
 *
 * Each check gets its own work budget per file (util/budget.h), sized
 * n log n in the file's nodes, with a recursion depth limit; the file
 * function selects a check's budget with auditor_check() before running
 * it. When a check's budget stops, that check is abandoned for the file:
 * its findings there are dropped and the file is recorded in
 * out->skipped with the reason. */
typedef void (*auditor_file_fn)(const struct audit_input *in, size_t fi,
				struct finding_sink *out);
void auditor_for_each_file(const struct auditor *a, const struct audit_input *in,
			   struct finding_sink *out, auditor_file_fn fn);

/* The technology stack of the file the checks are on: its service
 * folder's (a monorepo with manifests per service) or the project's; the
 * project's outside auditor_for_each_file. NULL without a context. */
const struct tech_stack *auditor_stack(const struct project *p);
/* True when the stack of the file the checks are running on (none outside
 * them) names a library, ORM or driver of catalog list `list`. */
int auditor_file_stack_in(enum lang lang, const char *list);
/* Makes file fi of p the file whose stack auditor_file_stack_in reads
 * (the checks' per-file loop does; so does the summaries' pass over each
 * file, whose facts use the same stack gates), until auditor_leave_file. */
void auditor_enter_file(const struct project *p, size_t fi);
void auditor_leave_file(void);

/* Charges the work that follows to check chk's budget for the current
 * file. Returns 0 when chk has already been abandoned for this file (or
 * the run was cancelled): the caller then skips it. Always 1 outside
 * auditor_for_each_file. */
int auditor_check(const struct check_def *chk);

/* Occurrences of the word w (len n) in the sources of the project's
 * files, the file skip excepted ((size_t)-1: none) and `//` line comments
 * left out; stops at limit. */
int auditor_word_count(const struct project *p, size_t skip, const char *w, size_t n, int limit);

/* The same over the project's files other than tests (FILE_TEST). */
int auditor_code_word_count(const struct project *p, const char *w, size_t n, int limit);

/* Emits a finding located at node n of file fi: fills file, lines,
 * enclosing function and the evidence line(s), applies disabled checks and
 * severity overrides from the config. Returns NULL when the check is
 * disabled (the caller must then not touch the result). */
struct finding *auditor_emit(const struct audit_input *in, struct finding_sink *out,
			     const struct check_def *chk, enum severity sev,
			     size_t fi, const struct node *n);

#endif
