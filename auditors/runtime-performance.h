/* What ln-653 (auditors/runtime-performance/) shares with the other
 * auditors: its check table and the blocking-call test the function
 * summaries use. */
#ifndef PPAUDIT_RUNTIME_PERFORMANCE_H
#define PPAUDIT_RUNTIME_PERFORMANCE_H

#include "checks.h"
#include <stddef.h>

#include "auditor.h"

enum rp_check {
	RP_BLOCKING_IO, RP_SYNC_SLEEP, RP_CPU_BOUND, RP_UNNECESSARY_ALLOCATION,
	RP_STRING_CONCAT_LOOP, RP_REDUNDANT_COPY, RP_N_CHECKS
};

/* this auditor's block of the check registry (src/checks.c) */
#define rp_checks (check_defs + CHECKS_RP)

/* True when call c blocks the thread it runs on (file, HTTP, process,
 * socket or synchronous session work, time.sleep): the function
 * summaries' direct fact for synchronous defs. */
int rp_call_blocks(const struct audit_input *in, const struct model *m, const struct node *c);

/* True for a call of the catalog's cpu_bound list, also at the head of a
 * chain (`pbkdf2Sync(...).toString('hex')`); the summaries ask it. */
int rp_cpu_call(const struct model *m, const struct node *c);

/* Adds the enclosing loop's header line as evidence of a finding on n. */
void rp_add_loop_evidence(const struct model *m, struct finding *f, const struct node *n);

#endif
