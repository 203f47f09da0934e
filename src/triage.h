/* Triage decisions (SPEC §6), kept in
 * docs/project/.audit/ln-650/triage.json across runs, keyed by finding
 * fingerprint:
 *   {"schema": 1,
 *    "decisions": {"<fp>": {"status", "reason", "adr", "author", "time",
 *                           "check", "file", "function"}},
 *    "history": [{"action", "fingerprint", ...the same fields, "step",
 *                 "in_force", "previous", ["decided_by", "decided_at",
 *                 "undoes"]}]}
 * A decision is made by a person and beats the automatic rules (an ADR
 * match, the execution context, an inline ignore): status "open" is a
 * reopen that keeps a finding open on later runs although a rule would
 * silence it. Withdrawing a decision removes it (the rules apply again);
 * the history keeps every action, each with who did it and when.
 *
 * Ownership: struct triage owns every decision and history entry and all
 * their strings; triage_free() releases it. Not thread-safe. */
#ifndef PPAUDIT_TRIAGE_H
#define PPAUDIT_TRIAGE_H

#include <stddef.h>

#include "finding.h"

struct triage_decision {
	char fingerprint[17];
	/* ST_ADVISORY, ST_ADR_OVERRIDE, ST_FALSE_POSITIVE, or ST_OPEN: a
	 * reopen by hand, which keeps the finding open whatever the
	 * automatic rules say */
	enum finding_status status;
	char *reason;                 /* or NULL */
	char *adr;                    /* or NULL */
	char *author;                 /* who decided, or NULL (older files) */
	char *time;                   /* when, UTC ISO-8601, or NULL (older files) */
	char *check;
	char *file;
	char *function;               /* or NULL */
};

struct triage_event {
	/* "advisory", "adr_override", "false_positive", "reopen" (a decision
	 * with status open), "withdraw" (the decision removed), "undo" */
	char *action;
	struct triage_decision d;     /* the decision the action made or restored;
	                                 d.author/d.time: who decided and when */
	char *by;                     /* who did this action (an undo or a redo
	                                 is done by someone, later) */
	char *at;                     /* when, UTC ISO-8601 */
	int in_force;                 /* 1: d is the decision after the action;
	                                 0: the fingerprint has none after it */
	long step;                    /* the command it belongs to: `triage undo`
	                                 reverts a step as a whole. 0: older file */
	long undoes;                  /* an "undo": the step it reverted, else 0 */
	int prev_known;               /* the state before was recorded (0: older file) */
	int had_prev;                 /* a decision was in force before */
	struct triage_decision prev;  /* that decision, when had_prev */
};

struct triage {
	struct triage_decision *decisions;  /* sorted by fingerprint */
	size_t n, cap;
	struct triage_event *history;       /* in the order of the actions */
	size_t n_history, cap_history;
	char *actor;                        /* see triage_set_actor; owned */
	long step;                          /* current step (triage_begin_step), 0: none */
	long max_step;                      /* the highest step in the history */
};

/* A reason must say something: at least TRIAGE_REASON_MIN characters
 * other than blanks, at most TRIAGE_REASON_MAX bytes, no control
 * characters. */
#define TRIAGE_REASON_MIN 3
#define TRIAGE_REASON_MAX 2000

/* 0 when reason is acceptable; -1 with a message for the user in msg
 * (which says what was wrong and how to fix it). NULL is refused. */
int triage_reason_check(const char *reason, char *msg, size_t msglen);

/* The current time, UTC ISO-8601 ("2026-03-01T09:30:00Z"), or
 * $PPAUDIT_TIME when it is set in that form (tests pin the clock). */
void triage_now(char out[32]);

/* Who is acting, for the author of decisions and history entries: git's
 * "user.name <user.email>" (the repository of root, else the global
 * configuration; either part alone when only one is set), else $USER.
 * Heap string, or NULL when none is known. */
char *triage_actor(const char *root);

/* Sets who records the next actions (copied; NULL clears): history
 * entries carry it as "by", decisions recorded without an author as
 * their author. Without it both fall back to $USER, then "unknown". A
 * front end sets it once after triage_load (triage_actor). */
void triage_set_actor(struct triage *t, const char *who);

/* Starts a step: the actions recorded until the next call (or
 * triage_end_step) share its number, and `triage undo` reverts them
 * together, like a bulk action. Returns the step number. */
long triage_begin_step(struct triage *t);
void triage_end_step(struct triage *t);

/* Loads path. A missing file gives an empty triage; a corrupt one gives
 * NULL with "path: reason" in err (and the file is left alone). */
struct triage *triage_load(const char *path, char *err, size_t errlen);

/* Applies the decisions to matching findings (by fingerprint): status,
 * advisory rule (ADV_ADR for adr_override, ADV_MANUAL otherwise), reason,
 * ADR, author, time. A reopen (status open) clears what an automatic rule
 * set, the severity the execution context lowered included. Returns the
 * number of findings changed. */
int triage_apply(const struct triage *t, struct finding *items, size_t n);

/* Records a decision for f and appends it to the history, stamped with
 * the actor (triage_set_actor) and the current time; the decision itself
 * keeps author and time_iso when given (a redo restores the original
 * decision), else the actor and now. reason, adr, author and time_iso
 * may be NULL.
 *
 * st ST_OPEN reopens f. The reopen is kept as a decision (status open)
 * that beats the automatic rules on later runs when someone is named
 * (author not NULL) or when f is silenced by an automatic rule (an ADR the
 * validator matched, the execution context, an inline ignore): reopening
 * such a finding is a human decision. Otherwise, f carrying a decision
 * made by hand or none, the decision is withdrawn (removed: the automatic
 * rules apply again).
 *
 * Returns 0, or -1 (nothing recorded) for an invalid status, a finding
 * without fingerprint, or an advisory / false positive whose reason fails
 * triage_reason_check. The finding itself is not changed: call
 * triage_apply or update it yourself. */
int triage_record(struct triage *t, const struct finding *f, enum finding_status st,
		  const char *reason, const char *adr, const char *author, const char *time_iso);

/* Which findings a bulk action takes (`ppaudit triage advisory --check C
 * --severity S --path GLOB`; the interface's "mark all of the filter"):
 * a finding matches when it passes every criterion set. Borrows its
 * strings. */
struct triage_filter {
	const char *check;            /* check id, or NULL: any */
	int severity;                 /* enum severity, or -1: any */
	const char *path;             /* a path, directory or glob (util/pathglob.h), or NULL */
	int status;                   /* enum finding_status, or -1: any */
};
#define TRIAGE_FILTER_ANY { NULL, -1, NULL, -1 }

/* 1 when f matches flt. */
int triage_filter_match(const struct triage_filter *flt, const struct finding *f);

/* Records st (as triage_record) for every finding of items[0..n) that
 * matches flt and is not already in that state, as one step: one
 * `triage undo` reverts them all. Returns how many were recorded (0: none
 * matched; nothing recorded), or -1 (nothing recorded) when
 * triage_record would refuse the reason. The findings are not changed:
 * triage_apply them. */
int triage_record_many(struct triage *t, const struct finding *items, size_t n,
		       const struct triage_filter *flt, enum finding_status st, const char *reason,
		       const char *adr, const char *author, const char *time_iso);

/* Withdraws the decision for f, if any (history action "withdraw"): the
 * automatic rules decide again on the next run. Returns 0, -1 when f has
 * no fingerprint. */
int triage_withdraw(struct triage *t, const struct finding *f);

/* Reverts the latest step that is neither an undo nor undone: each
 * finding it touched gets back the decision it had before, or none,
 * recorded as "undo" entries of a new step. Returns the number of entries
 * reverted (their events are t->history[n_history - count ..]), 0 when
 * there is nothing to undo, -1 when the latest step was written by an
 * older ppaudit that did not record what came before (nothing changed). */
int triage_undo(struct triage *t);

/* As triage_record, the entry kept as an "undo" of step undoes: a front
 * end's own undo (it restores the state it remembers) then reads in the
 * history like `triage undo`, which skips the step it reverted. */
int triage_record_undo(struct triage *t, const struct finding *f, enum finding_status st,
		       const char *reason, const char *adr, const char *author,
		       const char *time_iso, long undoes);

/* The step of the latest history entry, 0 when there is none. */
long triage_last_step(const struct triage *t);

/* Which step numbers of a writer's history became which in the file. A
 * writer that saves several times keeps one, so an "undo" saved later
 * still names the step it reverted. Owned by whoever declares it
 * (zero-initialised); triage_step_map_release frees its pairs. */
struct triage_step_pair {
	long from, to;
};
struct triage_step_map {
	struct triage_step_pair *pairs;
	size_t n, cap;
};
void triage_step_map_release(struct triage_step_map *m);

/* Replays src->history[from..] onto dst in order, recording each decision
 * or reopen as triage_record did. A writer that loaded triage.json
 * earlier merges the decisions it made since onto the file as it is now,
 * instead of overwriting decisions others saved meanwhile. Steps are
 * renumbered after dst's own; map (NULL: this call only) carries the
 * renumbering across calls and gains the pairs of this one. A step of
 * src no pair names (one loaded from the file) keeps its number. */
void triage_replay(struct triage *dst, const struct triage *src, size_t from,
		   struct triage_step_map *map);

/* triage_apply, then also reopens findings that carry a decision made by
 * hand (advisory, false positive, ADR link with an author or time, a
 * reopen) which t no longer holds: a run loaded from reports written
 * before a change elsewhere follows triage.json. Returns the number of
 * findings changed. */
int triage_sync(const struct triage *t, struct finding *items, size_t n);

/* The decision for a fingerprint, or NULL. */
const struct triage_decision *triage_get(const struct triage *t, const char *fingerprint);

/* Writes triage.json atomically, creating its directory. Returns 0, or -1
 * with "path: reason" in err. */
int triage_save(const struct triage *t, const char *path, char *err, size_t errlen);

void triage_free(struct triage *t);

#endif
