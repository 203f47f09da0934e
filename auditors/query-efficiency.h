/* Private to the ln-651 auditor (auditors/query-efficiency*.c): the check
 * table and helpers shared between its files. */
#ifndef PPAUDIT_QUERY_EFFICIENCY_H
#define PPAUDIT_QUERY_EFFICIENCY_H

#include "auditor.h"

enum qe_check {
	QE_MISSING_BULK_OPS,
	QE_N_UPDATE_DELETE_LOOP,
	QE_N_CHECKS
};

extern const struct check_def qe_checks[QE_N_CHECKS];

/* The loop that makes call c run once per row: the innermost enclosing
 * loop over a data-dependent collection. Small-literal loops count only
 * when allow_small (and then only if no unbounded loop encloses them),
 * while loops only when allow_while; retry and per-chunk loops end the
 * search (what runs in them is not per row). NULL when none. */
const struct node *qe_per_row_loop(const struct model *m, const struct node *c, int allow_small,
				   int allow_while);

#endif
