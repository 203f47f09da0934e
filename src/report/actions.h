/* The "Recommended Actions" table: open findings grouped by cause (one
 * check, one recommendation) into rows with a count and locations, ranked
 * by severity weight x count, cheaper effort first on ties. */
#ifndef PPAUDIT_REPORT_ACTIONS_H
#define PPAUDIT_REPORT_ACTIONS_H

#include <stddef.h>

#include "run.h"
#include "util/strbuf.h"

/* Appends the table of category cat (-1: every category) to sb, at most
 * max rows (0: all). Returns how many rows were left out. */
size_t actions_table(struct strbuf *sb, const struct run *r, int cat, size_t max);

#endif
