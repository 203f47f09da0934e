/* The run pipeline: discover -> context -> files -> parse -> four auditor
 * threads -> aggregate -> reports.
 *
 * DESIGN
 * pipeline_start() spawns the run thread, which owns the project and runs
 * the phases in order; the parse phase uses a pool of `jobs` threads, then
 * the four auditors each get a thread, at most `jobs` of them running at
 * once, the longest first (audit_order). All these threads block SIGINT,
 * SIGTERM and SIGWINCH, so signals reach the main thread (the UI or the
 * batch loop), which only sets progress.cancel. Workers poll the flag
 * between files. Reports are written only when the run completes, each by
 * temp file + rename, so a cancelled run leaves earlier results intact.
 * The caller reads progress while the run goes on and, after
 * pipeline_join(), owns the resulting struct run. */
#ifndef PPAUDIT_PIPELINE_H
#define PPAUDIT_PIPELINE_H

#include "config.h"
#include "progress.h"
#include "run.h"

enum pipeline_status { PIPELINE_OK = 0, PIPELINE_CANCELLED, PIPELINE_FAILED };

enum report_format {
	FORMAT_MD   = 1u << 0,
	FORMAT_JSON = 1u << 1,
	FORMAT_SARIF = 1u << 2,
	FORMAT_HTML = 1u << 3,
};

struct pipeline_opts {
	const char *root;           /* project to audit */
	const char *output_dir;     /* NULL: root */
	unsigned formats;           /* enum report_format bits; md and json are always written */
	int jobs;                   /* 0: online CPUs */
	const struct config *cfg;
	const char *date;           /* YYYY-MM-DD override (tests), NULL: today */
	int write_reports;          /* 0: analyse only (benchmarks of the analysis) */
	const char *since;          /* git revision: audit only files changed since, or NULL */
	int changed_lines;          /* with since: keep only findings on changed lines */
};

struct pipeline;

/* Starts the run thread. opts and everything it points at must outlive
 * pipeline_join(). */
struct pipeline *pipeline_start(const struct pipeline_opts *opts);
struct progress *pipeline_progress(struct pipeline *pl);
/* The project's files (for showing the current file), valid while running;
 * returns NULL before the file phase. */
const char *pipeline_file_path(struct pipeline *pl, int file_index);
/* Waits for the run thread. On PIPELINE_OK *out receives the run (caller
 * frees with run_free); on failure err holds the reason. */
enum pipeline_status pipeline_join(struct pipeline *pl, struct run **out, char *err, size_t errlen);
/* Path of the dated output folder (valid after join). */
const char *pipeline_run_dir(struct pipeline *pl);
/* Problems that did not stop the run (files that failed to parse, skipped
 * files), one message each naming the file; valid until pipeline_free(). */
char *const *pipeline_warnings(struct pipeline *pl, size_t *n);
void pipeline_free(struct pipeline *pl);

#endif
