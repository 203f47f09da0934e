/* The terminal UI: live run screen, findings browser, triage, history,
 * export. The only part of ppaudit that includes curses (ui/).
 *
 * Environment: PPAUDIT_NO_DISPLAY=1 draws into /dev/null while keeping the
 * virtual screen (size from PPAUDIT_SIZE=COLSxROWS, default 80x24);
 * PPAUDIT_SCRIPT=FILE reads keys and commands from FILE instead of the
 * keyboard (see ui/script.c); NO_COLOR and PPAUDIT_ASCII=1 select the
 * monochrome theme and ASCII drawing. */
#ifndef PPAUDIT_UI_TUI_H
#define PPAUDIT_UI_TUI_H

#include "pipeline.h"
#include "run.h"

/* Runs the pipeline with the live screen, then the findings browser.
 * Returns 0 when the run completed (*out_run then holds the run, which the
 * caller frees and may use for --fail-on), 130 when the user cancelled it
 * (earlier reports untouched), 3 on a runtime error (message on stderr). */
int tui_live_run(const struct pipeline_opts *opts, struct run **out_run);

/* The findings browser on an existing run (r stays the caller's). root is
 * the audited tree, run_dir the run's dated folder (may be NULL). Returns 0,
 * or 3 when the terminal could not be set up. */
int tui_review(struct run *r, const char *root, const char *run_dir);

/* Whether the live screen should be used: stdin and stdout are a
 * terminal, or PPAUDIT_NO_DISPLAY is set (scripted tests). cmd-run uses
 * it together with --no-tui. */
int tui_wanted(void);

/* Restores the terminal; safe to call at any time (fatal() hook). */
void tui_teardown(void);

#endif
