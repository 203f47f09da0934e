/* Triage decisions (SPEC §6), kept in
 * docs/project/.audit/ln-650/triage.json across runs, keyed by finding
 * fingerprint:
 *   {"schema": 1,
 *    "decisions": {"<fp>": {"status", "reason", "adr", "author", "time",
 *                           "check", "file", "function"}},
 *    "history": [{"action", "fingerprint", ...same fields}]}
 * A reopen removes the decision; the history keeps every action.
 *
 * Ownership: struct triage owns every decision and history entry and all
 * their strings; triage_free() releases it. Not thread-safe. */
#ifndef PPAUDIT_TRIAGE_H
#define PPAUDIT_TRIAGE_H

#include <stddef.h>

#include "finding.h"

struct triage_decision {
	char fingerprint[17];
	enum finding_status status;   /* ST_ADVISORY, ST_ADR_OVERRIDE or ST_FALSE_POSITIVE */
	char *reason;
	char *adr;                    /* or NULL */
	char *author;                 /* or NULL */
	char *time;                   /* ISO-8601, or NULL */
	char *check;
	char *file;
	char *function;               /* or NULL */
};

struct triage_event {
	char *action;                 /* "advisory", "adr_override", "false_positive", "reopen" */
	struct triage_decision d;     /* the fields at the time of the action */
};

struct triage {
	struct triage_decision *decisions;  /* sorted by fingerprint */
	size_t n, cap;
	struct triage_event *history;       /* in the order of the actions */
	size_t n_history, cap_history;
};

/* Loads path. A missing file gives an empty triage; a corrupt one gives
 * NULL with "path: reason" in err (and the file is left alone). */
struct triage *triage_load(const char *path, char *err, size_t errlen);

/* Applies the decisions to matching findings (by fingerprint): status,
 * advisory rule (ADV_ADR for adr_override, ADV_MANUAL otherwise), reason,
 * ADR, author, time. Returns the number of findings changed. */
int triage_apply(const struct triage *t, struct finding *items, size_t n);

/* Records a decision for f (st ST_OPEN means reopen: the decision is
 * removed) and appends it to the history. reason, adr, author and time_iso
 * may be NULL. Returns 0, or -1 for an invalid status. The finding itself
 * is not changed: call triage_apply or update it yourself. */
int triage_record(struct triage *t, const struct finding *f, enum finding_status st,
		  const char *reason, const char *adr, const char *author, const char *time_iso);

/* Replays src->history[from..] onto dst in order, recording each decision
 * or reopen as triage_record did. A writer that loaded triage.json
 * earlier merges the decisions it made since onto the file as it is now,
 * instead of overwriting decisions others saved meanwhile. */
void triage_replay(struct triage *dst, const struct triage *src, size_t from);

/* triage_apply, then also reopens findings that carry a decision made by
 * hand (advisory, false positive, ADR link with an author or time) which
 * t no longer holds: a run loaded from reports written before a reopen
 * elsewhere follows triage.json. Returns the number of findings changed. */
int triage_sync(const struct triage *t, struct finding *items, size_t n);

/* The decision for a fingerprint, or NULL. */
const struct triage_decision *triage_get(const struct triage *t, const char *fingerprint);

/* Writes triage.json atomically, creating its directory. Returns 0, or -1
 * with "path: reason" in err. */
int triage_save(const struct triage *t, const char *path, char *err, size_t errlen);

void triage_free(struct triage *t);

#endif
