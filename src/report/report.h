/* Reports written from a run: the consolidated Markdown report (SPEC §7),
 * the four worker reports, run.json and context.json.
 *
 * Every renderer returns a heap string the caller frees and depends only
 * on the run, so two renders of the same run are byte-equal. Scores are
 * recomputed from the findings' statuses at render time, so a run the
 * user has just triaged reports its current state. */
#ifndef PPAUDIT_REPORT_H
#define PPAUDIT_REPORT_H

#include <stddef.h>

#include "finding.h"
#include "run.h"

struct fileset;

/* Writes, all or nothing (util/fileset.h), creating directories:
 *   run_dir/651-query-efficiency.md ... 654-resource-lifecycle.md,
 *   run_dir/run.json, run_dir/context.json,
 *   root_out/docs/project/persistence_audit.md.
 * formats holds enum report_format bits (pipeline.h); Markdown and JSON
 * are always written, SARIF and HTML are not implemented yet and ignored.
 * The texts are rendered on up to `jobs` threads (--jobs; 1: this one).
 * Returns 0, or -1 with "path: reason" in err and the old files left. */
int report_write_all(const struct run *r, const char *root_out, const char *run_dir,
		     unsigned formats, int jobs, char *err, size_t errlen);

/* The same files, staged into fs for the caller to commit with others.
 * Returns 0, or -1 with "path: reason" in err (the caller aborts fs). */
int report_stage_all(const struct run *r, const char *root_out, const char *run_dir,
		     struct fileset *fs, int jobs, char *err, size_t errlen);

/* The consolidated report (SPEC §7). */
char *report_markdown(const struct run *r);

/* The worker report of one category ("651-query-efficiency.md" etc.). */
char *report_worker_markdown(const struct run *r, enum category c);

/* File name of a category's worker report: "651-query-efficiency.md". */
const char *report_worker_file(enum category c);

/* Worker id of a category: "ln-651". */
const char *report_worker_id(enum category c);

/* run.json text (same as run_to_json). */
char *report_json(const struct run *r);

/* context.json text for the run's context ("{}" when it has none). */
char *report_context_json(const struct run *r);

#endif
