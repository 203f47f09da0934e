/* `ppaudit triage list|advisory|adr|false-positive|reopen|undo`: the
 * TUI's triage actions, scriptable (SPEC §6, §9), one finding at a time
 * or every finding that matches filters, as one undo step.
 *
 * Decisions go to the same triage.json as the TUI's, keyed by
 * fingerprint, so they follow the finding into later runs. The latest
 * run's run.json and reports are then rewritten with the new statuses
 * (and any export ppaudit wrote there is refreshed), so what CI and
 * readers see matches the decision at once.
 *
 * An action runs under the history lock (history_lock) from loading the
 * run to the last report renamed in, with SIGINT/SIGTERM/SIGHUP held off
 * once the lock is taken: concurrent commands, a TUI and a run take turns,
 * so each one starts from what the previous one saved. The reports are
 * replaced all together or not at all (util/fileset.h). */
#include "checks.h"
#include "cli.h"
#include "history.h"
#include "pipeline.h"
#include "report/export.h"
#include "report/report.h"
#include "triage.h"
#include "validate.h"
#include "util/fileset.h"
#include "util/fsutil.h"
#include "util/lock.h"
#include "util/sanitize.h"
#include "util/strbuf.h"
#include "util/suggest.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static void triage_usage(FILE *out)
{
	fprintf(out,
		"usage: ppaudit triage list [--status STATUS] [--run DATE] [PATH]\n"
		"       ppaudit triage advisory [--run RUN] ID REASON|--reason TEXT [PATH]\n"
		"       ppaudit triage adr ID ADR|--adr ADR [--reason TEXT] [PATH]\n"
		"       ppaudit triage false-positive ID REASON|--reason TEXT [PATH]\n"
		"       ppaudit triage reopen ID [--reason TEXT] [PATH]\n"
		"       ppaudit triage advisory|adr|false-positive|reopen FILTERS [--dry-run] ... [PATH]\n"
		"       ppaudit triage undo [PATH]\n"
		"  FILTERS: --check CHECK, --severity LEVEL, --path GLOB, --status STATUS\n"
		"  (open findings unless --status says otherwise), as one undo step.\n"
		"  ID: a fingerprint or a unique prefix of at least 4 hex digits (the\n"
		"  same finding in every run), or a run's alias: F0003 in the latest run,\n"
		"  F0003@RUN (or --run RUN F0003) in the run RUN. Actions change the\n"
		"  latest run. Common option: --output-dir DIR\n");
}

/* Parses a status name, accepting the command spellings too. */
static int parse_status(const char *s, enum finding_status *out)
{
	if (strcmp(s, "false-positive") == 0) {
		*out = ST_FALSE_POSITIVE;
		return 0;
	}
	if (strcmp(s, "adr") == 0 || strcmp(s, "adr-override") == 0) {
		*out = ST_ADR_OVERRIDE;
		return 0;
	}
	return status_parse(s, out);
}

/* ---- finding ids (issue 13 item 3) ----
 *
 * The stable id of a finding is its fingerprint: the same finding has it
 * in every run, and a unique prefix of FP_PREFIX_MIN hex digits or more
 * names it, as git takes commit prefixes. "F0012" is only the display
 * alias the run gave it, and the same number names another finding in
 * another run: a bare alias means the latest full run, "F0012@RUN" (or
 * --run RUN) the run RUN, resolved there to its fingerprint and then
 * looked up in the latest run. An id that could name two findings, or
 * one that is gone, is refused: nothing is ever triaged by a guess. */

#define FP_PREFIX_MIN 4
#define ALIAS_DIGITS_MAX 9

/* The number of an alias "F0012" / "f12" (leading zeros allowed), -1 when
 * s[0..n) is not one, -2 when its number is too large for any run. */
static long alias_number(const char *s, size_t n)
{
	size_t i;
	long v = 0;

	if (n < 2 || (s[0] != 'F' && s[0] != 'f') || strspn(s + 1, "0123456789") < n - 1)
		return -1;
	for (i = 1; i < n && s[i] == '0'; i++)
		;
	if (n - i > ALIAS_DIGITS_MAX)
		return -2;
	for (; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Prints the findings of r whose fingerprint starts with prefix. */
static void list_candidates(const struct run *r, const char *prefix, size_t n)
{
	size_t i;

	for (i = 0; i < r->n_findings; i++)
		if (strncasecmp(r->findings[i].fingerprint, prefix, n) == 0)
			term_printf(stderr, "  %s %s %s:%d %s\n", r->findings[i].id,
				    r->findings[i].fingerprint, r->findings[i].file, r->findings[i].line,
				    r->findings[i].check ? r->findings[i].check->id : "");
}

/* The finding of r named by id (an alias or a fingerprint prefix, no
 * "@RUN"). NULL with the reason on stderr. */
static struct finding *resolve_in(struct run *r, const char *id)
{
	size_t n = strlen(id), i, hits = 0;
	struct finding *found = NULL;
	long num = alias_number(id, n);

	if (num == -2 || num == 0) {
		term_printf(stderr, "ppaudit: no finding %.24s in the run %s\n", id, r->name);
		return NULL;
	}
	if (num > 0) {
		for (i = 0; i < r->n_findings; i++) {
			const char *fid = r->findings[i].id;

			if (alias_number(fid, strlen(fid)) == num) {
				if (found) {
					term_printf(stderr, "ppaudit: the run %s gives %.24s to more than one "
						    "finding: quote a fingerprint\n", r->name, id);
					return NULL;
				}
				found = &r->findings[i];
			}
		}
		if (found == NULL) {
			term_printf(stderr, "ppaudit: no finding %.24s in the run %s\n", id, r->name);
			return NULL;
		}
		/* "F0001" is also hex: refuse when it begins another fingerprint */
		if (n >= FP_PREFIX_MIN && n <= 16 && strspn(id, "0123456789abcdefABCDEF") == n)
			for (i = 0; i < r->n_findings; i++)
				if (&r->findings[i] != found &&
				    strncasecmp(r->findings[i].fingerprint, id, n) == 0) {
					term_printf(stderr, "ppaudit: %s is ambiguous in the run %s: the alias of "
						    "%s and the start of another fingerprint; quote more of "
						    "the fingerprint:\n", id, r->name, found->fingerprint);
					list_candidates(r, id, n);
					return NULL;
				}
		return found;
	}
	if (n < FP_PREFIX_MIN || n > 16 || strspn(id, "0123456789abcdefABCDEF") != n) {
		term_printf(stderr, "ppaudit: '%.40s' is neither a finding id (F0001) nor a "
			    "fingerprint (%d to 16 hex digits)\n", id, FP_PREFIX_MIN);
		return NULL;
	}
	for (i = 0; i < r->n_findings; i++)
		if (strncasecmp(r->findings[i].fingerprint, id, n) == 0 && hits++ == 0)
			found = &r->findings[i];
	if (hits == 1)
		return found;
	if (hits == 0) {
		term_printf(stderr, "ppaudit: no finding with fingerprint %s in the run %s\n", id, r->name);
	} else {
		term_printf(stderr, "ppaudit: fingerprint prefix %s matches %zu findings:\n", id, hits);
		list_candidates(r, id, n);
	}
	return NULL;
}

/* The finding of latest named by id: "F0003", a fingerprint prefix, or
 * either followed by "@RUN"; via (--run, may be NULL) names the run of a
 * bare id. An id of another run is resolved there, then found in latest
 * by fingerprint. NULL with the reason on stderr. */
static struct finding *resolve(struct run *latest, const char *id, const char *via,
			       const char *out_root)
{
	const char *at = strchr(id, '@');
	char *base = at ? xstrndup(id, (size_t)(at - id)) : xstrdup(id);
	const char *in = at ? at + 1 : via;
	struct finding *f = NULL, *g;
	struct run *other;
	char err[600];
	size_t i;

	if (at && via && strcmp(at + 1, via) != 0) {
		term_printf(stderr, "ppaudit: %.40s names the run %.30s, --run names %.30s: "
			    "name one\n", id, at + 1, via);
		goto out;
	}
	if (in == NULL || strcmp(in, latest->name) == 0 || strcmp(in, "latest") == 0) {
		f = resolve_in(latest, base);
		goto out;
	}
	if (strcmp(in, "previous") != 0 && !history_is_run_name(in)) {
		term_printf(stderr, "ppaudit: '%.40s' is not a run name (YYYY-MM-DD, YYYY-MM-DD.N, "
			    "partial/NAME, latest or previous)\n", in);
		goto out;
	}
	other = history_load(out_root, in, NULL, err, sizeof err);
	if (other == NULL) {
		term_printf(stderr, "ppaudit: %s\n", err);
		goto out;
	}
	g = resolve_in(other, base);
	for (i = 0; g && i < latest->n_findings && !f; i++)
		if (strcmp(latest->findings[i].fingerprint, g->fingerprint) == 0)
			f = &latest->findings[i];
	if (g && f == NULL)
		term_printf(stderr, "ppaudit: %s@%s is %s %s:%d %s; that finding is not in the latest "
			    "run %s (fixed or changed since): nothing to triage\n", base, other->name,
			    g->fingerprint, g->file, g->line, g->check ? g->check->id : "", latest->name);
	else if (f)
		term_printf(stdout, "%s@%s is %s in the latest run %s (fingerprint %s)\n", base,
			    other->name, f->id, latest->name, f->fingerprint);
	run_free(other);
out:
	free(base);
	return f;
}

/* One finding of `triage list`, sanitized for the terminal. qual: the
 * run's name when it is not the latest, so that the id shown is one
 * `triage` resolves to this finding ("F0003@2026-03-01"). */
static void list_line(const struct finding *f, const char *qual)
{
	struct strbuf sb = STRBUF_INIT;
	char *loc = xasprintf("%s:%d", f->file ? f->file : "", f->line);
	char *id = qual ? xasprintf("%s@%s", f->id, qual) : xstrdup(f->id);

	sb_addf(&sb, "%-5s  %s  %-8s  %-14s  ", id, f->fingerprint, severity_name(f->severity),
		status_name(f->status));
	free(id);
	sanitize_append(&sb, loc, strlen(loc));
	sb_addf(&sb, "  %s", f->check ? f->check->id : "");
	if (f->status != ST_OPEN) {
		const char *why = f->adv.adr && f->status == ST_ADR_OVERRIDE ? f->adv.adr : f->adv.reason;

		if (why) {
			sb_adds(&sb, "  # ");
			sanitize_append(&sb, why, strlen(why));
		}
	} else if (f->adv.rule == ADV_MANUAL && f->adv.reason) {
		sb_adds(&sb, "  # reopened: ");
		sanitize_append(&sb, f->adv.reason, strlen(f->adv.reason));
	} else if (f->suggest.adr) {
		/* a keyword-only ADR match: a hint, not a decision */
		sb_adds(&sb, "  # ");
		sanitize_append(&sb, f->suggest.adr, strlen(f->suggest.adr));
		sb_adds(&sb, "? (suggested: keyword match)");
	}
	puts(sb_str(&sb));
	sb_release(&sb);
	free(loc);
}

/* `triage list`. */
static int do_list(const struct run *r, int have_status, enum finding_status st, const char *qual)
{
	size_t i, shown = 0;

	printf("%-5s  %-16s  %-8s  %-14s  %s\n", "ID", "FINGERPRINT", "SEVERITY", "STATUS",
	       "LOCATION  CHECK");
	for (i = 0; i < r->n_findings; i++) {
		if (have_status && r->findings[i].status != st)
			continue;
		list_line(&r->findings[i], qual);
		shown++;
	}
	term_printf(stderr, "%zu of %zu findings (run %s)\n", shown, r->n_findings, r->name);
	return EXIT_OK;
}

/* Stages a refresh of an existing ppaudit export of the run (name:
 * persistence_audit.EXT, see `ppaudit export`). */
static int stage_export(const struct run *r, const char *dir, const char *name,
			struct fileset *fs, char *err, size_t errlen)
{
	char *path = fs_join(dir, name), *text = NULL;
	const char *ext = strrchr(name, '.');
	struct sarif_opts so = { 0 };
	int rc = 0;

	if (export_is_ours(path) == 1) {
		if (strcmp(ext, ".sarif") == 0)
			text = export_sarif(r, &so);
		else if (strcmp(ext, ".html") == 0)
			text = export_html(r);
		else if (strcmp(ext, ".tsv") == 0)
			text = export_tsv(r, NULL);
		else if (strcmp(ext, ".json") == 0)
			text = report_json(r);
		else
			text = report_markdown(r);
		rc = fileset_add(fs, path, text, strlen(text), err, errlen);
	}
	free(text);
	free(path);
	return rc;
}

/* Rewrites run.json, the reports and existing exports of the run, all or
 * nothing. */
static int rewrite_reports(const struct run *r, const char *out_root, const char *run_dir,
			   char *err, size_t errlen)
{
	/* docs/project/persistence_audit.md is the consolidated report,
	 * which report_stage_all rewrites itself */
	static const char *const exports[] = {
		"persistence_audit.json", "persistence_audit.tsv", "persistence_audit.sarif",
		"persistence_audit.html", "persistence_audit.md",
	};
	char *docs = fs_join(out_root, "docs/project");
	struct fileset fs = FILESET_INIT;
	int rc = report_stage_all(r, out_root, run_dir, &fs, 1, err, errlen);
	size_t i;

	for (i = 0; rc == 0 && i < sizeof exports / sizeof exports[0]; i++)
		rc = stage_export(r, run_dir, exports[i], &fs, err, errlen) ||
		     (i < 4 && stage_export(r, docs, exports[i], &fs, err, errlen)) ? -1 : 0;
	if (rc == 0)
		rc = fileset_commit(&fs, err, errlen);
	else
		fileset_abort(&fs);
	free(docs);
	return rc;
}

/* The canonical id of the ADR ref names among the run's ADRs ("ADR-3",
 * "0003-x.md", "adr-0003" all give "ADR-003"), or NULL with the list of
 * the known ones on stderr: a link to an ADR that does not exist would
 * silence a finding on nobody's decision. */
static const char *known_adr(const struct run *r, const char *ref)
{
	const struct adr *a = adr_find(r->ctx, ref);
	size_t i;

	if (a != NULL)
		return a->id;
	if (r->ctx == NULL || r->ctx->n_adrs == 0) {
		term_printf(stderr, "ppaudit: %.60s: the project has no ADRs (the run looked in "
			    "docs/adr/, docs/adrs/, docs/decisions/, docs/reference/adrs/, "
			    "docs/architecture/decisions/ and the adr_dirs of .ppaudit.json)\n", ref);
		return NULL;
	}
	term_printf(stderr, "ppaudit: %.60s is not one of the project's ADRs%s:\n", ref,
		    adr_ref_number(ref) < 0 ? " (write ADR-7, ADR-0007 or 0007-title.md)" : "");
	for (i = 0; i < r->ctx->n_adrs; i++)
		term_printf(stderr, "  %s  %s%s%s%s\n", r->ctx->adrs[i].id ? r->ctx->adrs[i].id : "?",
			    r->ctx->adrs[i].title ? r->ctx->adrs[i].title : "",
			    r->ctx->adrs[i].status ? " (" : "",
			    r->ctx->adrs[i].status ? r->ctx->adrs[i].status : "",
			    r->ctx->adrs[i].status ? ")" : "");
	term_printf(stderr, "(the ADRs the latest run found: after adding one, run ppaudit again)\n");
	return NULL;
}

/* What one `ppaudit triage` command asks for. Borrows argv's strings. */
struct req {
	const char *action;           /* "advisory", "adr", "false-positive", "reopen", "undo" */
	enum finding_status st;       /* the status the action sets */
	const char *id;               /* one finding, or NULL (bulk, undo) */
	const char *via;              /* --run: the run of a bare alias, or NULL */
	const char *reason, *adr;
	int bulk;                     /* --check, --severity or --path given */
	int dry_run;
	struct triage_filter flt;
	const char *root, *out_root;
};

/* The state an action works on, under the lock. */
struct work {
	struct run *r;                /* the latest full run */
	char *run_dir;
	struct triage *t;
	char *actor;
	char now[32];
	int changed;                  /* triage.json to save, reports to rewrite */
};

/* The status an action sets, after checking its options; -1 (usage
 * printed) when one is missing. */
static int action_status(const char *action, const char *reason, const char *adr,
			 enum finding_status *st)
{
	char msg[200];

	if (strcmp(action, "advisory") == 0)
		*st = ST_ADVISORY;
	else if (strcmp(action, "adr") == 0)
		*st = ST_ADR_OVERRIDE;
	else if (strcmp(action, "false-positive") == 0)
		*st = ST_FALSE_POSITIVE;
	else
		*st = ST_OPEN;
	if ((*st == ST_ADVISORY || *st == ST_FALSE_POSITIVE) && reason == NULL) {
		fprintf(stderr, "ppaudit: triage %s needs a reason: triage %s ID \"REASON\" (or "
				"--reason TEXT)\n", action, action);
		return -1;
	}
	/* a decision others will read later must say why ("g" was a stray
	 * key, not a reason); optional for adr and reopen, checked if given */
	if (reason != NULL && triage_reason_check(reason, msg, sizeof msg) != 0) {
		term_printf(stderr, "ppaudit: triage %s: %s\n", action, msg);
		return -1;
	}
	if (*st == ST_ADR_OVERRIDE && (adr == NULL || !*adr)) {
		fprintf(stderr, "ppaudit: triage adr needs an ADR: triage adr ID ADR-0003 (or --adr)\n");
		return -1;
	}
	return 0;
}

/* "F0003 <fp> app/x.py:12 check: open -> advisory", sanitized. */
static void print_change(const char *what, const struct finding *f, enum finding_status before)
{
	term_printf(stdout, "%s%s %s %s:%d %s: %s -> %s\n", what, f->id, f->fingerprint, f->file,
		    f->line, f->check ? f->check->id : "", status_name(before), status_name(f->status));
}

/* One finding. */
static int act_one(struct work *w, const struct req *q)
{
	struct finding *f = resolve(w->r, q->id, q->via, q->out_root);
	enum finding_status before;
	const char *adr = NULL;

	if (f == NULL)
		return EXIT_USAGE;
	if (q->st == ST_OPEN && f->status == ST_OPEN && f->adv.rule != ADV_MANUAL) {
		term_printf(stdout, "%s %s %s:%d is already open: nothing to reopen\n", f->id,
			    f->fingerprint, f->file, f->line);
		return EXIT_OK;
	}
	if (q->st == ST_ADR_OVERRIDE && (adr = known_adr(w->r, q->adr)) == NULL)
		return EXIT_USAGE;
	before = f->status;
	/* a reopen with an author is a decision: it keeps the finding open
	 * on later runs, whatever ADR or rule would silence it */
	if (triage_record(w->t, f, q->st, q->reason, adr, w->actor, w->now) != 0) {
		term_printf(stderr, "ppaudit: cannot record the decision for %s\n", f->id);
		return EXIT_RUNTIME;
	}
	triage_apply(w->t, f, 1);
	w->changed = 1;
	print_change("", f, before);
	return EXIT_OK;
}

/* Every finding the filters match, as one step (issue 13 item 13). */
static int act_bulk(struct work *w, const struct req *q)
{
	struct run *r = w->r;
	enum finding_status *before = xcalloc(r->n_findings + 1, sizeof *before);
	const char *adr = NULL;
	size_t i, matches = 0;
	int n, rc = EXIT_OK;

	for (i = 0; i < r->n_findings; i++) {
		before[i] = r->findings[i].status;
		if (triage_filter_match(&q->flt, &r->findings[i]) && r->findings[i].status != q->st) {
			if (q->dry_run)
				list_line(&r->findings[i], NULL);
			matches++;
		}
	}
	if (q->dry_run) {
		term_printf(stdout, "%zu finding%s would be marked %s (dry run: nothing recorded)\n",
			    matches, matches == 1 ? "" : "s", q->st == ST_OPEN ? "open" : status_name(q->st));
		goto out;
	}
	if (matches == 0) {
		term_printf(stdout, "ppaudit: no %sfinding matches: nothing recorded\n",
			    q->flt.status == ST_OPEN ? "open " : "");
		goto out;
	}
	if (q->st == ST_ADR_OVERRIDE && (adr = known_adr(r, q->adr)) == NULL) {
		rc = EXIT_USAGE;
		goto out;
	}
	n = triage_record_many(w->t, r->findings, r->n_findings, &q->flt, q->st, q->reason, adr,
			       w->actor, w->now);
	if (n <= 0) {
		term_printf(stderr, "ppaudit: cannot record the decisions\n");
		rc = EXIT_RUNTIME;
		goto out;
	}
	triage_apply(w->t, r->findings, r->n_findings);
	w->changed = 1;
	for (i = 0; i < r->n_findings; i++)
		if (r->findings[i].status != before[i])
			print_change("", &r->findings[i], before[i]);
	term_printf(stdout, "%d findings marked %s, as one step (`ppaudit triage undo` reverts it)\n",
		    n, q->st == ST_OPEN ? "open" : status_name(q->st));
out:
	free(before);
	return rc;
}

/* Brings f back to what the automatic rules say (its decision was
 * withdrawn): open at its original severity, then the ADR and execution-
 * context rules again, from its evidence (an inline ignore comes back
 * with the next run, which reads the source). */
static void finding_automatic(struct finding *f, const struct run *r)
{
	free(f->adv.reason);
	free(f->adv.adr);
	free(f->adv.author);
	free(f->adv.time);
	memset(&f->adv, 0, sizeof f->adv);
	free(f->suggest.adr);
	free(f->suggest.reason);
	memset(&f->suggest, 0, sizeof f->suggest);
	f->status = ST_OPEN;
	f->severity = f->original_severity;
	validate_findings(f, 1, r->ctx, NULL);
}

/* `triage undo`: the latest step, a bulk action as a whole. */
static int act_undo(struct work *w, const struct req *q)
{
	struct triage *t = w->t;
	int n = triage_undo(t);
	size_t i, j;

	(void)q;
	if (n < 0) {
		term_printf(stderr, "ppaudit: the last triage action was recorded by an older ppaudit, "
			    "without what came before it: it cannot be undone (decide again instead)\n");
		return EXIT_RUNTIME;
	}
	if (n == 0) {
		term_printf(stdout, "Nothing to undo\n");
		return EXIT_OK;
	}
	w->changed = 1;
	for (i = t->n_history - (size_t)n; i < t->n_history; i++) {
		const struct triage_event *e = &t->history[i];
		struct finding *f = NULL;
		enum finding_status before;

		for (j = 0; j < w->r->n_findings && !f; j++)
			if (strcmp(w->r->findings[j].fingerprint, e->d.fingerprint) == 0)
				f = &w->r->findings[j];
		if (f == NULL) {
			term_printf(stdout, "undo: %s %s (not in the latest run)\n", e->d.fingerprint,
				    e->d.file ? e->d.file : "");
			continue;
		}
		before = f->status;
		if (e->in_force)
			triage_apply(t, f, 1);
		else
			finding_automatic(f, w->r);
		print_change("undo: ", f, before);
	}
	return EXIT_OK;
}

/* `triage list`: the run's findings with the decisions of triage.json,
 * which must be readable (a corrupt file is an error, not an empty list). */
static int list_run(struct run *r, const char *out_root, int have_status, enum finding_status st)
{
	char err[600], *tpath = history_triage_path(out_root), *latest;
	int qual;
	struct triage *t = triage_load(tpath, err, sizeof err);

	free(tpath);
	if (t == NULL) {
		term_printf(stderr, "ppaudit: %s\n", err);
		return EXIT_RUNTIME;
	}
	triage_sync(t, r->findings, r->n_findings);
	triage_free(t);
	latest = history_latest(out_root);
	qual = latest == NULL || strcmp(latest, r->name) != 0;
	free(latest);
	return do_list(r, have_status, st, qual ? r->name : NULL);
}

/* An action: waits for the history lock, loads the latest run and
 * triage.json, acts, saves, rewrites the reports; the termination
 * signals are held until the lock is dropped. */
static int locked_action(const struct req *q, int (*act)(struct work *, const struct req *))
{
	sigset_t hold, old;
	char err[600], *tpath = NULL;
	struct work w;
	struct scores s0, s1;
	char *hist = history_dir(q->out_root);
	int fd, rc, have = fs_is_dir(hist);

	free(hist);
	memset(&w, 0, sizeof w);
	if (!have) {
		/* no run yet: say so without creating the folder for a lock */
		w.r = history_load(q->out_root, NULL, NULL, err, sizeof err);
		term_printf(stderr, "ppaudit: %s\n", w.r ? "no run to triage" : err);
		run_free(w.r);
		return EXIT_RUNTIME;
	}
	fd = history_lock(q->out_root, lock_note_stderr, NULL, err, sizeof err);
	if (fd < 0) {
		term_printf(stderr, "ppaudit: %s\n", err);
		return EXIT_RUNTIME;
	}
	/* from here on an interruption would leave a decision half-applied:
	 * a signal waits for the end (the work is short) */
	sigemptyset(&hold);
	sigaddset(&hold, SIGINT);
	sigaddset(&hold, SIGTERM);
	sigaddset(&hold, SIGHUP);
	sigprocmask(SIG_BLOCK, &hold, &old);
	w.r = history_load(q->out_root, NULL, &w.run_dir, err, sizeof err);
	if (w.r == NULL) {
		term_printf(stderr, "ppaudit: %s\n", err);
		rc = EXIT_RUNTIME;
		goto out;
	}
	run_set_project(w.r, q->root);   /* a run.json from before "project" */
	tpath = history_triage_path(q->out_root);
	w.t = triage_load(tpath, err, sizeof err);
	if (w.t == NULL) {
		term_printf(stderr, "ppaudit: %s\n", err);
		rc = EXIT_RUNTIME;
		goto out;
	}
	/* the reports may lag behind triage.json (a TUI saves it first):
	 * start from the decisions as saved */
	triage_sync(w.t, w.r->findings, w.r->n_findings);
	/* who and when: git's user.name <user.email>, else $USER; now, UTC */
	w.actor = triage_actor(q->root);
	if (w.actor == NULL)
		w.actor = xstrdup("unknown");
	triage_set_actor(w.t, w.actor);
	triage_now(w.now);
	scores_compute(w.r->findings, w.r->n_findings, &s0);
	rc = act(&w, q);
	if (rc != EXIT_OK || !w.changed)
		goto out;
	if (triage_save(w.t, tpath, err, sizeof err) != 0) {
		term_printf(stderr, "ppaudit: %s\n", err);
		rc = EXIT_RUNTIME;
		goto out;
	}
	scores_compute(w.r->findings, w.r->n_findings, &s1);
	if (rewrite_reports(w.r, q->out_root, w.run_dir, err, sizeof err) != 0) {
		fflush(stdout);
		term_printf(stderr, "ppaudit: %s\n"
			"ppaudit: the decision is saved in %s, but the reports were not rewritten "
			"(left as they were; the next triage or run rewrites them)\n", err, tpath);
		rc = EXIT_RUNTIME;
	}
	printf("Overall: %.1f/10 -> %.1f/10 | Issues: %u (C:%u H:%u M:%u L:%u)\n", s0.overall,
	       s1.overall, s1.n_open, s1.totals[SEV_CRITICAL], s1.totals[SEV_HIGH],
	       s1.totals[SEV_MEDIUM], s1.totals[SEV_LOW]);
out:
	triage_free(w.t);
	free(w.actor);
	free(tpath);
	run_free(w.r);
	free(w.run_dir);
	fflush(stdout);
	lock_release(fd);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

/* True when s reads as a finding id (an alias or hex digits, maybe with
 * "@RUN") rather than a path. */
static int looks_like_id(const char *s)
{
	size_t n = strcspn(s, "@");

	return n > 0 && (alias_number(s, n) != -1 || strspn(s, "0123456789abcdefABCDEF") == n);
}

int cmd_triage(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "adr", required_argument, NULL, 'a' },
		{ "status", required_argument, NULL, 's' },
		{ "run", required_argument, NULL, 'R' },
		{ "output-dir", required_argument, NULL, 'D' },
		{ "check", required_argument, NULL, 'c' },
		{ "severity", required_argument, NULL, 'S' },
		{ "path", required_argument, NULL, 'p' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct triage_filter any = TRIAGE_FILTER_ANY;
	const char *outdir = NULL, *action;
	enum finding_status st = ST_OPEN;
	enum severity sev;
	int have_status = 0, opt, rc, npos, list, undo;
	struct req q;
	struct run *r;
	char err[600], *out_root, *run_dir = NULL;

	memset(&q, 0, sizeof q);
	q.flt = any;
	q.root = ".";
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "hn", longopts, NULL)) != -1) {
		switch (opt) {
		case 'r': q.reason = optarg; break;
		case 'a': q.adr = optarg; break;
		case 's':
			if (parse_status(optarg, &st) != 0) {
				term_printf(stderr, "ppaudit: unknown status '%s' (open, advisory, "
						"adr_override, false_positive)\n", optarg);
				return EXIT_USAGE;
			}
			have_status = 1;
			break;
		case 'R': q.via = optarg; break;
		case 'D': outdir = optarg; break;
		case 'c':
			if (checks_find(optarg) == NULL) {
				const char *ids[CHECK_COUNT], *near;
				size_t k;

				for (k = 0; k < CHECK_COUNT; k++)
					ids[k] = check_defs[k].id;
				near = suggest_closest(optarg, ids, CHECK_COUNT);

				term_printf(stderr, "ppaudit: unknown check '%s'%s%s%s (ppaudit rules lists "
					    "them)\n", optarg, near ? "; did you mean " : "",
					    near ? near : "", near ? "?" : "");
				return EXIT_USAGE;
			}
			q.flt.check = optarg;
			q.bulk = 1;
			break;
		case 'S':
			if (severity_parse(optarg, &sev) != 0) {
				term_printf(stderr, "ppaudit: unknown severity '%s' (critical, high, medium, "
					    "low)\n", optarg);
				return EXIT_USAGE;
			}
			q.flt.severity = (int)sev;
			q.bulk = 1;
			break;
		case 'p': q.flt.path = optarg; q.bulk = 1; break;
		case 'n': q.dry_run = 1; break;
		case 'h': triage_usage(stdout); return EXIT_OK;
		default:
			term_printf(stderr, "ppaudit: unknown or incomplete option '%s'\n", argv[optind - 1]);
			triage_usage(stderr);
			return EXIT_USAGE;
		}
	}
	npos = argc - optind;
	action = npos > 0 ? argv[optind] : NULL;
	list = action && strcmp(action, "list") == 0;
	undo = action && strcmp(action, "undo") == 0;
	if (action == NULL || (!list && !undo && strcmp(action, "advisory") != 0 &&
			       strcmp(action, "adr") != 0 && strcmp(action, "false-positive") != 0 &&
			       strcmp(action, "reopen") != 0)) {
		if (action)
			term_printf(stderr, "ppaudit: unknown triage action '%s'\n", action);
		triage_usage(stderr);
		return EXIT_USAGE;
	}
	q.action = action;
	if ((list || undo) && (q.bulk || q.dry_run || q.reason || q.adr)) {
		term_printf(stderr, "ppaudit: triage %s takes no --check, --severity, --path, "
			    "--dry-run, --reason or --adr\n", action);
		return EXIT_USAGE;
	}
	if (list || undo) {
		if (npos > 2) {
			term_printf(stderr, "ppaudit: triage %s takes at most one PATH\n", action);
			triage_usage(stderr);
			return EXIT_USAGE;
		}
		if (undo && (have_status || q.via)) {
			fprintf(stderr, "ppaudit: triage undo takes no --status or --run\n");
			return EXIT_USAGE;
		}
		if (npos == 2)
			q.root = argv[optind + 1];
	} else {
		/* FINDING (unless filters), then the action's value when its
		 * option was not given (REASON for advisory and false-positive,
		 * ADR for adr: the man page's forms), then PATH */
		char **rest = argv + optind + 1;
		int n_rest = npos - 1, slot = 0;

		if (!q.bulk) {
			if (n_rest < 1 || (!looks_like_id(rest[0]) && fs_is_dir(rest[0]))) {
				term_printf(stderr, "ppaudit: triage %s needs a finding ID or filters "
					    "(--check, --severity, --path)\n", action);
				triage_usage(stderr);
				return EXIT_USAGE;
			}
			q.id = rest[0];
			rest++;
			n_rest--;
		} else if (q.via) {
			fprintf(stderr, "ppaudit: --run names the run of an id; filters act on the "
					"latest run\n");
			return EXIT_USAGE;
		}
		if ((strcmp(action, "advisory") == 0 || strcmp(action, "false-positive") == 0) &&
		    q.reason == NULL)
			slot = 'r';
		else if (strcmp(action, "adr") == 0 && q.adr == NULL)
			slot = 'a';
		/* one word left: the value, unless it is plainly the PATH (a
		 * folder that is no ADR reference) */
		if (slot && (n_rest == 2 || (n_rest == 1 && !(fs_is_dir(rest[0]) &&
			     (slot == 'r' || adr_ref_number(rest[0]) < 0))))) {
			if (slot == 'r')
				q.reason = rest[0];
			else
				q.adr = rest[0];
			rest++;
			n_rest--;
		}
		if (n_rest > 1) {
			fprintf(stderr, q.bulk ? "ppaudit: give a finding ID or filters (--check, "
						 "--severity, --path), not both\n"
					       : "ppaudit: too many words: ID [REASON|ADR] [PATH]\n");
			return EXIT_USAGE;
		}
		if (q.bulk && n_rest == 1 && !fs_is_dir(rest[0]) && looks_like_id(rest[0])) {
			fprintf(stderr, "ppaudit: give a finding ID or filters (--check, --severity, "
					"--path), not both\n");
			return EXIT_USAGE;
		}
		if (q.dry_run && !q.bulk) {
			fprintf(stderr, "ppaudit: --dry-run applies to filters (--check, --severity, "
					"--path)\n");
			return EXIT_USAGE;
		}
		if (n_rest == 1)
			q.root = rest[0];
	}
	if (!list && !undo) {
		if (have_status && !q.bulk) {
			fprintf(stderr, "ppaudit: --status applies to triage list and to filters\n");
			return EXIT_USAGE;
		}
		if (action_status(action, q.reason, q.adr, &q.st) != 0)
			return EXIT_USAGE;
		/* filters take the open findings unless --status says otherwise
		 * (a reopen: the ones that are not open) */
		if (q.bulk)
			q.flt.status = have_status ? (int)st : q.st == ST_OPEN ? -1 : ST_OPEN;
	}
	if (!fs_is_dir(q.root)) {
		term_printf(stderr, "ppaudit: %s: not a readable directory\n", q.root);
		return EXIT_RUNTIME;
	}
	out_root = history_out_root(q.root, outdir, err, sizeof err);
	if (out_root == NULL) {
		term_printf(stderr, "ppaudit: %s\n", err);
		return EXIT_USAGE;
	}
	q.out_root = out_root;
	if (!list) {
		rc = locked_action(&q, undo ? act_undo : q.bulk ? act_bulk : act_one);
		free(out_root);
		return rc;
	}
	r = history_load(out_root, q.via, &run_dir, err, sizeof err);
	if (r == NULL) {
		term_printf(stderr, "ppaudit: %s\n", err);
		free(out_root);
		return EXIT_RUNTIME;
	}
	rc = list_run(r, out_root, have_status, st);
	run_free(r);
	free(run_dir);
	free(out_root);
	return rc;
}
