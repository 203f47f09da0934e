/* The dated run history of a project (SPEC §2):
 * OUT/docs/project/.audit/ln-650/YYYY-MM-DD/run.json, one folder per day,
 * and triage.json beside them. Shared by the scriptable commands (diff,
 * export, triage) and the TUI's history view.
 *
 * Ownership: returned strings and arrays are heap-allocated; the caller
 * frees them (history_dates_free for a date list). */
#ifndef PPAUDIT_HISTORY_H
#define PPAUDIT_HISTORY_H

#include <stddef.h>

#include "run.h"
#include "util/lock.h"

/* 1 when s is YYYY-MM-DD (digits and dashes in place). */
int history_is_date(const char *s);

/* "OUT/docs/project/.audit/ln-650" */
char *history_dir(const char *out_root);

/* The dated folders under the history dir, oldest first. Returns NULL
 * (and *n 0) when there are none or the folder does not exist. */
char **history_dates(const char *out_root, size_t *n);
void history_dates_free(char **dates, size_t n);

/* The newest date, or NULL when there is no run. */
char *history_latest(const char *out_root);

/* Loads the run of date (NULL or "latest": the newest; "previous": the
 * one before it). *run_dir (when not NULL) receives its folder. Returns
 * NULL with a message naming the folder or file in err. */
struct run *history_load(const char *out_root, const char *date, char **run_dir,
			 char *err, size_t errlen);

/* The output root for a project: output_dir when given, else the
 * output folder of ROOT/.ppaudit.json, else root. Heap string, or NULL
 * with the config error in err. */
char *history_out_root(const char *root, const char *output_dir, char *err, size_t errlen);

/* "OUT/docs/project/.audit/ln-650/triage.json" */
char *history_triage_path(const char *out_root);

/* Takes the lock of the history folder, OUT/docs/project/.audit/ln-650/.lock
 * (creating the folder): every read-modify-write of triage.json and every
 * rewrite of reports happens under it. note (may be NULL) explains a long
 * wait. Returns the descriptor for lock_release, or -1 with "path:
 * reason" in err. */
int history_lock(const char *out_root, lock_note_fn note, void *arg, char *err, size_t errlen);

#endif
