/* The interface every auditor implements, and the helpers they share.
 *
 * An auditor reads the shared project (models, index, context, config) and
 * writes only to its own sink and its own progress slot: no locks between
 * auditors. Each check is one static function in the auditor's file with
 * its SPEC row as the comment above it. */
#ifndef PPAUDIT_AUDITOR_H
#define PPAUDIT_AUDITOR_H

#include <stddef.h>

#include "finding.h"
#include "index.h"
#include "model.h"
#include "progress.h"
#include "project.h"

struct audit_input {
	const struct project *proj;
	struct progress *progress;   /* may be NULL in unit tests */
	struct progress_slot *slot;  /* this auditor's slot, may be NULL */
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

/* Per-file driver shared by the auditors: calls fn(in, file_index, out, arg)
 * for every auditable file, updates progress (files done, current file,
 * severity counts) and stops early on cancellation. */
typedef void (*auditor_file_fn)(const struct audit_input *in, size_t fi,
				struct finding_sink *out);
void auditor_for_each_file(const struct audit_input *in, struct finding_sink *out,
			   auditor_file_fn fn);

/* Emits a finding located at node n of file fi: fills file, lines,
 * enclosing function and the evidence line(s), applies disabled checks and
 * severity overrides from the config. Returns NULL when the check is
 * disabled (the caller must then not touch the result). */
struct finding *auditor_emit(const struct audit_input *in, struct finding_sink *out,
			     const struct check_def *chk, enum severity sev,
			     size_t fi, const struct node *n);

#endif
