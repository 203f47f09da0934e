/* The check registry: every check's definition (id, title, category,
 * principle, default effort) and the four workers, in one static table
 * below the config, the run store and the reports, so that none of them
 * needs the auditors. The auditors hold the implementations; each one's
 * checks are one contiguous block here, in its own enum's order.
 *
 * Read-only static data: safe from every thread. */
#ifndef PPAUDIT_CHECKS_H
#define PPAUDIT_CHECKS_H

#include <stddef.h>

#include "finding.h"

/* first index of each auditor's block in check_defs */
enum {
	CHECKS_QE = 0,          /* ln-651, 7 checks */
	CHECKS_TC = 7,          /* ln-652, 5 checks */
	CHECKS_RP = 12,         /* ln-653, 6 checks */
	CHECKS_RL = 18,         /* ln-654, 6 checks */
	CHECK_COUNT = 24
};

extern const struct check_def check_defs[CHECK_COUNT];

struct worker_def {
	const char *worker;          /* "ln-651" */
	enum category category;
	const char *report_name;     /* "651-query-efficiency.md" */
	size_t first_check, n_checks; /* its block of check_defs */
};

/* The four workers in category order. */
extern const struct worker_def worker_defs[CAT_COUNT];

/* A check definition by id, or NULL. */
const struct check_def *checks_find(const char *id);

#endif
