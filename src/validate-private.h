/* Private to src/validate*.c. */
#ifndef PPAUDIT_VALIDATE_PRIVATE_H
#define PPAUDIT_VALIDATE_PRIVATE_H

#include "context.h"
#include "finding.h"

/* Sets a heap string field, freeing the old value. */
void validate_set_str(char **dst, char *val);

/* Rule 1: marks f as an ADR override when an ADR in force names its path
 * or check; returns 1 when it did. A keyword-only match is recorded in
 * f->suggest instead, and 0 returned (validate-adr.c). */
int validate_adr_rule(struct finding *f, const struct context *ctx);

#endif
