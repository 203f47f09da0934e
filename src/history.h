/* The dated run history of a project (SPEC §2):
 * OUT/docs/project/.audit/ln-650/NAME/run.json, one folder per full run,
 * named YYYY-MM-DD for the first run of a day and YYYY-MM-DD.2, .3, ... for
 * the later ones; partial runs (--since) under ln-650/partial/NAME; and
 * triage.json beside them. A run's name is its folder: runs never replace
 * one another. Shared by the scriptable commands (diff,
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

/* 1 when s names a run: YYYY-MM-DD or YYYY-MM-DD.N (N from 2), optionally
 * under "partial/". */
int history_is_run_name(const char *s);

/* Room for a run name without "partial/" (YYYY-MM-DD.99999) and its NUL. */
#define HISTORY_NAME_MAX 24

/* The first free run name for date in the folder dir ("2026-03-01", then
 * "2026-03-01.2", ...), written to out. -1 when none is left. */
int history_free_name(const char *dir, const char *date, char out[HISTORY_NAME_MAX]);

/* "OUT/docs/project/.audit/ln-650" */
char *history_dir(const char *out_root);

/* The full runs' names under the history dir, oldest first (by date, then
 * by number); runs dated after today are left out (a planted or
 * clock-skewed folder must never become "latest"). Returns NULL (and *n 0)
 * when there are none or the folder does not exist. */
char **history_dates(const char *out_root, size_t *n);
/* Orders two run names: by date, then by number. */
int history_name_cmp(const char *a, const char *b);
/* The same for the folder hist itself (the TUI's history view). */
char **history_names_in(const char *hist, size_t *n);
/* The partial runs, named "partial/NAME", oldest first. */
char **history_partial_names(const char *out_root, size_t *n);
void history_dates_free(char **dates, size_t n);

/* The newest full run's name, or NULL when there is none. */
char *history_latest(const char *out_root);

/* Loads a run by name (NULL or "latest": the newest full run; "previous":
 * the one before it; or a name as history_is_run_name). r->name is set.
 * *run_dir (when not NULL) receives its folder. Returns NULL with a
 * message naming the folder or file in err. */
struct run *history_load(const char *out_root, const char *date, char **run_dir,
			 char *err, size_t errlen);

/* Today's run date: $PPAUDIT_DATE when set (tests; must be a real
 * YYYY-MM-DD), else the local date. -1 with the reason in err for a bad
 * $PPAUDIT_DATE. */
int history_today(char out[11], char *err, size_t errlen);

/* Where a project's output goes, and the confinement of every read and
 * write (SPEC §2, §12): cli_output_dir (--output-dir, the user's own
 * choice; created when create is set), else ROOT/cfg_output_dir (from
 * .ppaudit.json: relative, inside the project, reached without links),
 * else ROOT. Sets the file-system layer's tree root (ROOT) and output
 * root (--output-dir, else ROOT). Heap string, or NULL with the reason. */
char *history_confine(const char *root, const char *cli_output_dir, const char *cfg_output_dir,
		      int create, char *err, size_t errlen);

/* history_confine() after loading ROOT/.ppaudit.json, for the commands
 * that read history (diff, export, triage). */
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
