/* A run: the findings of one audit with its metadata. A live run and a
 * reopened dated run are the same struct; reports, exports and the TUI all
 * read from it.
 *
 * Ownership: struct run is heap-allocated and owns every string, the
 * findings, the not_analysed records and ctx; run_free() releases them
 * and the struct itself. */
#ifndef PPAUDIT_RUN_H
#define PPAUDIT_RUN_H

#include <stddef.h>

#include "context.h"
#include "finding.h"

struct run_git {
	char *head;          /* full sha or NULL */
	char *branch;        /* or NULL */
	int dirty;
};

struct scores {
	double category[CAT_COUNT];     /* 0..10, one decimal */
	double overall;
	unsigned counts[CAT_COUNT][SEV_COUNT];  /* open findings only */
	unsigned totals[SEV_COUNT];
	unsigned n_open, n_advisory, n_adr, n_false_positive;
};

/* What the run did not audit (SPEC §9: counted, never scored as healthy).
 * Owned by struct run. */
struct run_coverage {
	size_t files_unreadable;     /* links, FIFOs, permission errors */
	size_t files_binary, files_large, files_parse_errors;
	size_t vendored_folders;     /* folders skipped as vendored or generated */
	size_t browser_files;        /* browser code (static/, public/, *.min.js): not the service */
	size_t unreadable_folders;
	char **vendored;             /* the first RUN_COVERAGE_LIST of them */
	size_t n_vendored;
	struct lang_files {
		char *language;          /* "JavaScript/TypeScript", "Go", … */
		size_t files;
	} *not_audited;              /* files in languages this build does not audit */
	size_t n_not_audited;
	char **undescribed_layers;   /* data layers in the stack no catalog describes
	                                (their queries are invisible), sorted */
	size_t n_undescribed_layers;
};
#define RUN_COVERAGE_LIST 50

/* One line naming what was not audited ("" when everything was), for the
 * summary and the reports. Heap string. */
char *run_coverage_text(const struct run_coverage *c);

struct run {
	char date[11];       /* YYYY-MM-DD */
	char name[40];       /* its folder under ln-650: "2026-03-01", "2026-03-01.2",
	                        "partial/2026-03-01"; "" for a run.json read by path */
	int partial;         /* --since / --changed-lines: never the latest full run */
	char *partial_reason; /* the options that made it partial, or NULL */
	char *started_at;    /* ISO-8601 */
	char *finished_at;
	char *root;          /* as given */
	char *project;       /* the project's folder name (the last component of
	                        the root's real path; never the whole path), or
	                        NULL: a run.json written before it was recorded */
	char *tool_version;
	size_t files_scanned, lines_scanned;
	size_t files_skipped;
	struct run_coverage coverage;
	struct run_git git;
	struct context *ctx;
	struct finding *findings;
	size_t n_findings;
	unsigned check_counts_n;        /* number of entries in check_counts */
	struct check_count {
		const char *check;          /* static check id */
		unsigned count;
	} *check_counts;                /* every check that ran, with its count (zero included) */
	/* files a check could not fully analyse (SPEC §12), sorted by file
	 * then check; run.json "run.files_not_analysed" */
	struct unanalysed *not_analysed;
	size_t n_not_analysed;
	struct scores scores;
};

void run_free(struct run *r);

/* Sets r->project from root (realpath, last component) when r has none:
 * the root is the user's own argument, not text from the tree. */
void run_set_project(struct run *r, const char *root);

/* Scores per SPEC §5 from the findings' statuses (open ones only count). */
void scores_compute(const struct finding *items, size_t n, struct scores *out);

/* Assigns ids F0001.. in the current order. */
void run_number_findings(struct run *r);

/* run.json (SPEC §8): serialize to a heap string / load from a file.
 * run_load returns NULL and fills err (naming the file and the reason) on
 * a missing or corrupt file. The text is always valid UTF-8: a finding
 * whose file name is not gets "file" with U+FFFD in place of the bad
 * bytes plus "file_bytes", the exact name percent-encoded (pct_encode),
 * which run_load decodes back. */
char *run_to_json(const struct run *r);
struct run *run_load(const char *path, char *err, size_t errlen);

/* A run's fingerprints, sorted, for O(log n) membership tests (the
 * --baseline filter, SARIF baselineState).
 * Ownership: fps is heap-allocated by fp_index_build and released by
 * fp_index_free; the strings are borrowed from the run, which must
 * outlive the index. */
struct fp_index {
	const char **fps;
	size_t n;
};

/* Builds the index of r (NULL gives an empty index). */
void fp_index_build(struct fp_index *ix, const struct run *r);
int fp_index_has(const struct fp_index *ix, const char *fingerprint);
void fp_index_free(struct fp_index *ix);

#endif
