/* Exports of a run for other tools: SARIF 2.1.0 (code-scanning hosts, IDE
 * viewers) and one self-contained HTML page (people without ppaudit).
 *
 * Like the Markdown renderers, every export depends only on the run (and
 * the options), never on the clock, so two exports of the same run are
 * byte-equal. Renderers return heap strings the caller frees; writers put
 * the file in place atomically (temp file + rename). */
#ifndef PPAUDIT_EXPORT_H
#define PPAUDIT_EXPORT_H

#include <stddef.h>

#include "run.h"

struct sarif_opts {
	/* A previous run: results get baselineState "new" or "unchanged"
	 * (matched by fingerprint). NULL: no baselineState at all. */
	const struct run *baseline;
	/* Leave out advisory, ADR-override and false-positive results instead
	 * of emitting them with suppressions (--sarif-drop-suppressed). */
	int drop_suppressed;
	/* tool.driver.informationUri; NULL: omitted. */
	const char *information_uri;
};

/* The SARIF 2.1.0 log of the run (one run object). o may be NULL. */
char *export_sarif(const struct run *r, const struct sarif_opts *o);

/* Writes export_sarif() to path atomically. Returns 0, or -1 with
 * "path: reason" in err. */
int export_sarif_write(const struct run *r, const char *path, const struct sarif_opts *o,
		       char *err, size_t errlen);

/* The self-contained HTML report (inline CSS, JS and SVG, no external
 * URL): scores, a chart of open findings per category and severity,
 * findings by category with a filter box, evidence, advisories. */
char *export_html(const struct run *r);

/* Writes export_html() to path atomically. Returns 0, or -1 with
 * "path: reason" in err. */
int export_html_write(const struct run *r, const char *path, char *err, size_t errlen);

/* Stable hash of a finding's primary source line for SARIF hosts that
 * match results by line content: 16 hex digits of the whitespace-trimmed
 * first evidence line (without its "N: " prefix). out holds 17 bytes. */
void export_line_hash(const struct finding *f, char out[17]);

struct rundiff;

/* `ppaudit diff --format json`: both runs' labels (their folder names;
 * NULL: the run's date), dates and scores, the counts, and the new /
 * fixed / unchanged findings (id, fingerprint, check, severity, status,
 * file, line, function, issue; unchanged ones with their previous
 * severity and status). */
char *export_diff_json(const struct run *old, const char *old_label, const struct run *cur,
		       const char *cur_label, const struct rundiff *d);

/* The TSV header line (without its newline); also how export_is_ours
 * knows a TSV ppaudit wrote. */
#define TSV_HEADER "location\tcheck\tseverity\tstatus\tid\tfingerprint\tmessage"

/* TSV for scripts: TSV_HEADER, then one line per finding sorted by
 * location: "path:line", check, severity, status, id, fingerprint,
 * message (the issue), each field escaped by sanitize_tsv_field so a
 * record stays one line. Findings in hide (NULL: none) are left out. */
char *export_tsv(const struct run *r, const struct fp_index *hide);

/* 1 when the file at path exists and was written by ppaudit (its first
 * bytes carry ppaudit's SARIF / HTML / Markdown / run.json signature),
 * 0 when it exists and does not, -1 when it does not exist. Used to
 * refuse overwriting someone else's file without --force. */
int export_is_ours(const char *path);

#endif
