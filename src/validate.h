/* Context validation (SPEC §4): the ADR / planned-override rule, the
 * execution-context rule, and inline `ppaudit: ignore[...]` comments.
 * Applied after the auditors and before triage and scoring; every
 * decision is recorded in the finding's advisory (rule, reason, points)
 * so reports can explain it. Deterministic: the same findings, context
 * and sources give the same result. */
#ifndef PPAUDIT_VALIDATE_H
#define PPAUDIT_VALIDATE_H

#include <stddef.h>

#include "context.h"
#include "finding.h"
#include "project.h"

/* Applies rule 1 (ADR) then rule 6 (execution context) to the open HIGH
 * and MEDIUM findings. An ADR applies when it names the finding's path or
 * check; one that only shares keywords is left as a suggestion
 * (f->suggest). proj may be NULL (a reopened run): source-based
 * evidence then comes from the findings' evidence lines. */
void validate_findings(struct finding *items, size_t n, const struct context *ctx,
		       const struct project *proj);

/* Marks findings whose line carries an ignore comment naming their check
 * (or all checks) as false positives (rule ADV_INLINE). */
void validate_inline_ignores(struct finding *items, size_t n, const struct project *proj);

#endif
