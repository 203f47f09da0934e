/* Findings: what an auditor reports, and the per-auditor sink it reports to.
 *
 * Ownership: a struct finding owns all its strings (heap) except check,
 * which points at the static check table. A finding_sink owns its findings;
 * sink_free() releases them. Each auditor thread writes only its own sink. */
#ifndef PPAUDIT_FINDING_H
#define PPAUDIT_FINDING_H

#include <stddef.h>
#include <stdint.h>

enum severity { SEV_LOW = 0, SEV_MEDIUM = 1, SEV_HIGH = 2, SEV_CRITICAL = 3, SEV_COUNT = 4 };

enum category { CAT_QUERY = 0, CAT_TRANSACTION = 1, CAT_RUNTIME = 2, CAT_RESOURCE = 3, CAT_COUNT = 4 };

enum finding_status { ST_OPEN = 0, ST_ADVISORY, ST_ADR_OVERRIDE, ST_FALSE_POSITIVE, ST_COUNT };

enum advisory_rule { ADV_NONE = 0, ADV_EXECUTION_CONTEXT, ADV_ADR, ADV_MANUAL, ADV_INLINE };

struct check_def {
	const char *id;          /* "n_update_delete_loop" */
	const char *title;       /* "N UPDATE/DELETE loop" */
	enum category category;
	const char *principle;   /* "Query Efficiency / Batch writes" */
	char effort;             /* default effort: 'S', 'M' or 'L' */
};

struct advisory {
	enum advisory_rule rule;
	char *reason;            /* human text: "ADR-007 names app/jobs/...", "manual: ..." */
	char *adr;               /* "ADR-007" or NULL */
	int points;              /* execution-context points */
	char *author;            /* manual triage: git user.name */
	char *time;              /* manual triage: ISO-8601 */
};

/* An ADR that matches a finding by keywords only (SPEC §4: the weaker
 * fallback). It is shown (reports, run.json, the UI) and never applied:
 * the finding keeps its status until someone links it, or until the ADR
 * names the finding's path or check. Both strings NULL when none. */
struct adr_suggestion {
	char *adr;               /* "ADR-002" */
	char *reason;            /* "ADR-002 \"title\" (keyword match: words a, b, c)" */
};

struct finding {
	char id[8];              /* "F0001", assigned after sorting */
	char fingerprint[17];    /* 16 hex digits */
	enum category category;
	const struct check_def *check;
	enum severity severity, original_severity;
	char *file;              /* relative to the root, '/' separators */
	int line, end_line;
	char *function;          /* qualified name of the enclosing function, or NULL */
	char *issue;
	char *recommendation;
	char effort;
	char **evidence;         /* sanitized source lines, "N: text" */
	size_t n_evidence;
	enum finding_status status;
	struct advisory adv;     /* for an open finding: rule 6's reason, or a
	                            reopen decided by hand (rule ADV_MANUAL) */
	struct adr_suggestion suggest;
	/* fingerprint input: normalized text the finding is anchored on */
	char *anchor;
};

/* A file a check could not analyse to the end (SPEC §12: a work budget
 * ran out, or recursion went too deep). The check's findings in that file
 * are dropped rather than half-reported; the file is reported instead.
 * Owns its three strings. */
struct unanalysed {
	char *file;              /* relative to the root, '/' separators */
	char *check;             /* check id, or the worker id when a whole auditor stopped */
	char *reason;            /* "work budget exhausted", ... */
};

struct finding_sink {
	struct finding *items;
	size_t n, cap;
	struct unanalysed *skipped;   /* files not fully analysed, in the order met */
	size_t n_skipped, cap_skipped;
};

const char *severity_name(enum severity s);      /* "HIGH" */
const char *severity_title(enum severity s);     /* "High" */
int severity_parse(const char *s, enum severity *out); /* case-insensitive; 0 ok */
const char *category_id(enum category c);        /* "query_efficiency" */
const char *category_name(enum category c);      /* "Query Efficiency" */
const char *category_short(enum category c);     /* "Query" */
const char *status_name(enum finding_status s);  /* "open", "advisory", ... */
int status_parse(const char *s, enum finding_status *out);
const char *advisory_rule_name(enum advisory_rule r);

/* Appends a finding and returns it for the caller to fill with the
 * finding_set_* helpers. file is copied; function may be NULL. */
struct finding *sink_add(struct finding_sink *s, const struct check_def *chk,
			 enum severity sev, const char *file, int line, int end_line,
			 const char *function);
void finding_set_issue(struct finding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void finding_set_recommendation(struct finding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds one evidence line, sanitized, as "N: text" (leading space trimmed). */
void finding_add_evidence(struct finding *f, int line, const char *text, size_t len);
/* The fingerprint anchor: normalized source text the finding is about
 * (defaults to the first evidence line). */
void finding_set_anchor(struct finding *f, const char *text, size_t len);
void finding_free(struct finding *f);
void finding_copy(struct finding *dst, const struct finding *src);
void sink_free(struct finding_sink *s);
/* Records that check could not fully analyse file (copies the strings). */
void sink_add_unanalysed(struct finding_sink *s, const char *file, const char *check,
			 const char *reason);
void unanalysed_free(struct unanalysed *u);

/* Computes fingerprints for all findings: hash of check id, file, function
 * and whitespace-folded anchor, plus an occurrence counter for repeats of
 * the same (check, file, function, anchor). Line numbers never enter. */
void findings_fingerprint(struct finding *items, size_t n);

/* Sorts by severity (CRITICAL first), then category, file, line, check. */
void findings_sort(struct finding *items, size_t n);

#endif
