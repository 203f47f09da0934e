/* run.json's "run.coverage" (what a run did not audit) both ways.
 * struct run_coverage is declared in run.h; run_free() releases it. */
#ifndef PPAUDIT_RUN_COVERAGE_H
#define PPAUDIT_RUN_COVERAGE_H

#include <stddef.h>

#include "run.h"

struct cJSON;

void run_coverage_free(struct run_coverage *c);
/* A new object for run.json; the caller attaches it. */
struct cJSON *run_coverage_to_json(const struct run_coverage *c);
/* Fills c from o (NULL or absent: all zero). -1 with the reason in err. */
int run_coverage_from_json(const struct cJSON *o, struct run_coverage *c, char *err, size_t errlen);

#endif
