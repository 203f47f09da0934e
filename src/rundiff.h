/* Comparison of two runs of the same project (SPEC §6 "compare two
 * runs"): which findings are new, fixed or unchanged, matched by
 * fingerprint so a finding that only moved lines is still the same one.
 * Used by `ppaudit diff` and the TUI's compare view.
 *
 * Ownership: a struct rundiff owns its entry array only; the entries
 * point into the two runs, which must outlive it. rundiff_free()
 * releases the array. */
#ifndef PPAUDIT_RUNDIFF_H
#define PPAUDIT_RUNDIFF_H

#include <stddef.h>

#include "run.h"

enum rundiff_kind { RUNDIFF_NEW = 0, RUNDIFF_FIXED, RUNDIFF_UNCHANGED, RUNDIFF_KIND_COUNT };

struct rundiff_entry {
	enum rundiff_kind kind;
	const struct finding *old;   /* in the older run; NULL for RUNDIFF_NEW */
	const struct finding *cur;   /* in the newer run; NULL for RUNDIFF_FIXED */
};

struct rundiff {
	/* new ones (newer run's order), then fixed (older run's order), then
	 * unchanged (newer run's order) */
	struct rundiff_entry *items;
	size_t n;
	size_t count[RUNDIFF_KIND_COUNT];
	/* unchanged findings whose status or severity differ between runs */
	size_t n_status_changed, n_severity_changed;
};

/* Compares old with cur. Findings with the same fingerprint are the same
 * finding; repeated fingerprints pair up in order. */
void rundiff_compute(const struct run *old, const struct run *cur, struct rundiff *out);

/* "new", "fixed", "unchanged" */
const char *rundiff_kind_name(enum rundiff_kind k);

/* The kind of the finding with this fingerprint in the newer run
 * (RUNDIFF_NEW or RUNDIFF_UNCHANGED), or -1 when it is not there. */
int rundiff_kind_of(const struct rundiff *d, const char *fingerprint);

/* Counts new findings that are open and at or above min. */
size_t rundiff_new_at_or_above(const struct rundiff *d, enum severity min);

void rundiff_free(struct rundiff *d);

#endif
