/* Private to the ln-652 auditor (auditors/transaction-*.c): the check
 * table and the checks that live outside transaction-correctness.c. */
#ifndef PPAUDIT_TRANSACTION_CORRECTNESS_H
#define PPAUDIT_TRANSACTION_CORRECTNESS_H

#include "auditor.h"

enum tc_check {
	TC_MISSING_ROLLBACK,
	TC_TRANSACTION_WIDE,
	TC_N_CHECKS
};

extern const struct check_def tc_checks[TC_N_CHECKS];

/* transaction_wide over one file (auditors/transaction-scope.c). */
void tc_check_transaction_wide(const struct audit_input *in, size_t fi, struct finding_sink *out);

#endif
