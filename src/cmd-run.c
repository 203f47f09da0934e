/* `ppaudit run`: audit a project, write the reports, print a summary. */
#include "catalog.h"
#include "cli.h"
#include "history.h"
#include "checks.h"
#include "pipeline.h"
#include "report/export.h"
#include "util/fsutil.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct progress *volatile batch_progress;

/* SIGINT/SIGTERM in batch mode: ask the workers to stop; a second signal
 * falls back to the default action. */
static void on_signal(int sig)
{
	struct progress *p = batch_progress;

	if (p != NULL && !atomic_load(&p->cancel)) {
		atomic_store(&p->cancel, 1);
		return;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

int cli_load_config(struct config *cfg, const char *root, const char *path)
{
	char err[512];
	char *def = NULL;
	int rc;

	config_defaults(cfg);
	/* the project's own file is hostile input: read it beneath the root */
	if (fs_set_tree_root(root) != 0) {
		term_printf(stderr, "ppaudit: %s: %s\n", root, strerror(errno));
		return -1;
	}
	if (path == NULL)
		def = fs_join(root, ".ppaudit.json");
	rc = config_load(cfg, path ? path : def, path == NULL, err, sizeof err);
	free(def);
	if (rc != 0) {
		term_printf(stderr, "ppaudit: %s\n", err);
		return -1;
	}
	return 0;
}

static int parse_formats(const char *s, unsigned *out, int *tsv)
{
	char *dup = xstrdup(s), *tok, *save = NULL;
	int rc = 0;

	for (tok = strtok_r(dup, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "md") == 0 || strcmp(tok, "markdown") == 0)
			*out |= FORMAT_MD;
		else if (strcmp(tok, "json") == 0)
			*out |= FORMAT_JSON;
		else if (strcmp(tok, "tsv") == 0)
			*tsv = 1;
		else if (strcmp(tok, "sarif") == 0)
			*out |= FORMAT_SARIF;
		else if (strcmp(tok, "html") == 0)
			*out |= FORMAT_HTML;
		else {
			term_printf(stderr, "ppaudit: unknown format '%s' (md, json, sarif, html, tsv)\n", tok);
			rc = -1;
		}
	}
	free(dup);
	return rc;
}

/* "Report written: " and the display form of a path under the output root. */
static void print_written(const char *out_root, const char *rel)
{
	if (strcmp(out_root, ".") == 0)
		term_printf(stdout, "Report written: %s\n", rel);
	else
		term_printf(stdout, "Report written: %s%s%s\n", out_root,
			    out_root[strlen(out_root) - 1] == '/' ? "" : "/", rel);
}

static void print_summary(const struct run *r, const char *out_root)
{
	const struct scores *s = &r->scores;
	int c;

	for (c = 0; c < CAT_COUNT; c++) {
		const unsigned *n = s->counts[c];
		char *rel = xasprintf("docs/project/.audit/ln-650/%s/%s", r->name,
				      worker_defs[c].report_name);
		print_written(out_root, rel);
		printf("Score: %.1f/10 | Issues: %u (C:%u H:%u M:%u L:%u)\n",
		       s->category[c], n[SEV_CRITICAL] + n[SEV_HIGH] + n[SEV_MEDIUM] + n[SEV_LOW],
		       n[SEV_CRITICAL], n[SEV_HIGH], n[SEV_MEDIUM], n[SEV_LOW]);
		free(rel);
	}
	if (r->partial)
		term_printf(stdout, "Partial run (%s): kept as %s, the consolidated report is left "
			    "as it was\n", r->partial_reason ? r->partial_reason : "", r->name);
	else
		print_written(out_root, "docs/project/persistence_audit.md");
	printf("Overall: %.1f/10 | Issues: %u (C:%u H:%u M:%u L:%u) | Advisories: %u | "
	       "False positives: %u | Files: %zu | Lines: %zu\n",
	       s->overall, s->n_open, s->totals[SEV_CRITICAL], s->totals[SEV_HIGH],
	       s->totals[SEV_MEDIUM], s->totals[SEV_LOW], s->n_advisory + s->n_adr,
	       s->n_false_positive, r->files_scanned, r->lines_scanned);
	{
		char *scope = run_coverage_text(&r->coverage);
		if (scope[0])
			printf("Scope: scores cover the audited files only. %s\n", scope);
		free(scope);
	}
}

/* --baseline: findings whose fingerprint the baseline run already has are
 * hidden from the output and from --fail-on (the reports keep them). The
 * index makes each test O(log n): baselines hold tens of thousands. */
static const struct run *baseline_run;
static struct fp_index baseline_fps;

static int in_baseline(const struct finding *f)
{
	return baseline_run != NULL && fp_index_has(&baseline_fps, f->fingerprint);
}

/* Frees the baseline run (taken over from cmd_run) and its index. */
static void baseline_release(struct run *base)
{
	fp_index_free(&baseline_fps);
	baseline_run = NULL;
	run_free(base);
}

/* Writes the SARIF / HTML exports the --format list names, to
 * docs/project/ under the output root and a copy in the dated folder. */
static int write_exports(const struct run *r, unsigned formats, const char *out_root,
			 int drop_suppressed, int quiet)
{
	struct sarif_opts so = { 0 };
	char err[600];
	int rc = 0, k;

	so.baseline = baseline_run;
	so.drop_suppressed = drop_suppressed;
	for (k = 0; k < 2; k++) {
		const char *ext = k == 0 ? "sarif" : "html";
		char *paths[2];
		int i;

		if (!(formats & (k == 0 ? FORMAT_SARIF : FORMAT_HTML)))
			continue;
		paths[0] = xasprintf("%s/docs/project/persistence_audit.%s", out_root, ext);
		paths[1] = xasprintf("%s/docs/project/.audit/ln-650/%s/persistence_audit.%s",
				     out_root, r->name, ext);
		/* a partial run's exports stay in its own folder */
		for (i = r->partial ? 1 : 0; i < 2; i++) {
			int w = k == 0 ? export_sarif_write(r, paths[i], &so, err, sizeof err)
				       : export_html_write(r, paths[i], err, sizeof err);
			if (w != 0) {
				term_printf(stderr, "ppaudit: %s\n", err);
				rc = -1;
			}
		}
		if (rc == 0 && !quiet)
			term_printf(stdout, "Report written: %s\n", paths[r->partial ? 1 : 0]);
		free(paths[0]);
		free(paths[1]);
	}
	return rc;
}

/* The TSV listing on stdout, baseline findings left out. */
static void print_tsv(const struct run *r)
{
	char *text = export_tsv(r, baseline_run != NULL ? &baseline_fps : NULL);

	fputs(text, stdout);
	free(text);
}

static int count_at_or_above(const struct run *r, enum severity min)
{
	size_t i;
	int n = 0;

	for (i = 0; i < r->n_findings; i++)
		if (r->findings[i].status == ST_OPEN && r->findings[i].severity >= min &&
		    !in_baseline(&r->findings[i]))
			n++;
	return n;
}

static void run_usage(FILE *out)
{
	fprintf(out, "usage: ppaudit run [--no-tui] [--format md,json,sarif,html,tsv] [--fail-on LEVEL]\n"
		     "                   [--since REV [--changed-lines]] [--baseline RUN_JSON]\n"
		     "                   [--sarif-drop-suppressed]\n"
		     "                   [--jobs N] [--output-dir DIR] [--config FILE] [PATH]\n");
}

/* run --help: the usage, then what each option does. */
static void run_help(FILE *out)
{
	run_usage(out);
	fprintf(out,
		"\nAudits PATH (default .): writes the dated run and the reports under\n"
		"docs/project/ and prints one line per auditor.\n\n"
		"  --no-tui               no live screen, even on a terminal (CI)\n"
		"  --format LIST          reports besides run.json: md (default), json, sarif,\n"
		"                         html, tsv (comma-separated; tsv prints on standard\n"
		"                         output: header, then one finding per line)\n"
		"  --fail-on LEVEL        exit 1 when an open finding is at LEVEL or above\n"
		"                         (critical, high, medium, low; none never fails)\n"
		"  --since REV            only findings in files changed since git REV (a\n"
		"                         partial run, kept under partial/, never the latest)\n"
		"  --changed-lines        with --since: only findings on the changed lines\n"
		"  --baseline RUN_JSON    leave out of the output and of --fail-on the\n"
		"                         findings that run already has\n"
		"  --sarif-drop-suppressed  leave advisory, ADR-overridden and false-positive\n"
		"                         results out of SARIF instead of marking them suppressed\n"
		"  --jobs N               threads busy at once in every phase: parsing,\n"
		"                         summaries, auditors (default: the number of cores)\n"
		"  --output-dir DIR       where docs/project/ goes (default: PATH; inside PATH)\n"
		"  --config FILE          a .ppaudit.json other than PATH/.ppaudit.json\n\n"
		"Exit status: 0 done, 1 findings at or above --fail-on, 2 usage, 3 nothing\n"
		"could be audited or a runtime error, 130 cancelled.\n");
}

int cmd_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "no-tui", no_argument, NULL, 'n' },
		{ "format", required_argument, NULL, 'f' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "output-dir", required_argument, NULL, 'o' },
		{ "config", required_argument, NULL, 'c' },
		{ "since", required_argument, NULL, 's' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "changed-lines", no_argument, NULL, 'L' },
		{ "sarif-drop-suppressed", no_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct pipeline_opts o = { 0 };
	struct config cfg;
	const char *config_path = NULL, *baseline_path = NULL;
	int drop_suppressed = 0;
	struct run *base = NULL;
	enum severity fail_on = SEV_CRITICAL;
	int have_fail_on = 0, tsv = 0, no_tui = 0, opt, rc;
	struct pipeline *pl;
	struct run *r = NULL;
	char err[600], cerr[700], today[11], *out_root = NULL;
	const struct cli_screen *screen;
	enum pipeline_status st;

	o.formats = FORMAT_MD | FORMAT_JSON;
	o.write_reports = 1;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+j:o:c:f:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'n': no_tui = 1; break;
		case 'f':
			if (parse_formats(optarg, &o.formats, &tsv) != 0)
				return EXIT_USAGE;
			break;
		case 'F':
			if (strcmp(optarg, "none") == 0) {
				have_fail_on = 0;
				break;
			}
			if (severity_parse(optarg, &fail_on) != 0) {
				term_printf(stderr, "ppaudit: --fail-on: unknown level '%s' "
						"(critical, high, medium, low, none)\n", optarg);
				return EXIT_USAGE;
			}
			have_fail_on = 1;
			break;
		case 'j': {
			char *end;
			long j = strtol(optarg, &end, 10);
			if (*end != '\0' || j < 1 || j > 256) {
				term_printf(stderr, "ppaudit: --jobs: expected a number from 1 to 256, got '%s'\n", optarg);
				return EXIT_USAGE;
			}
			o.jobs = (int)j;
			break;
		}
		case 'o': o.output_dir = optarg; break;
		case 'c': config_path = optarg; break;
		case 's': o.since = optarg; break;
		case 'b': baseline_path = optarg; break;
		case 'L': o.changed_lines = 1; break;
		case 'D': drop_suppressed = 1; break;
		case 'h': run_help(stdout); return EXIT_OK;
		default:
			term_printf(stderr, "ppaudit: unknown or incomplete option '%s'\n", argv[optind - 1]);
			run_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (o.changed_lines && o.since == NULL) {
		fprintf(stderr, "ppaudit: --changed-lines needs --since REV\n");
		return EXIT_USAGE;
	}
	if (argc - optind > 1) {
		fprintf(stderr, "ppaudit: run takes one PATH\n");
		run_usage(stderr);
		return EXIT_USAGE;
	}
	o.root = optind < argc ? argv[optind] : ".";
	if (!fs_is_dir(o.root)) {
		term_printf(stderr, "ppaudit: %s: not a readable directory\n", o.root);
		return EXIT_RUNTIME;
	}
	if (baseline_path != NULL) {
		char berr[600];
		base = run_load(baseline_path, berr, sizeof berr);
		if (base == NULL) {
			term_printf(stderr, "ppaudit: --baseline: %s\n", berr);
			return EXIT_RUNTIME;
		}
		baseline_run = base;
		fp_index_build(&baseline_fps, base);
	}
	if (cli_load_config(&cfg, o.root, config_path) != 0) {
		baseline_release(base);
		return EXIT_USAGE;
	}
	o.cfg = &cfg;
	out_root = history_confine(o.root, o.output_dir, cfg.output_dir, 1, cerr, sizeof cerr);
	if (out_root == NULL || history_today(today, cerr, sizeof cerr) != 0) {
		term_printf(stderr, "ppaudit: %s\n", cerr);
		free(out_root);
		config_free(&cfg);
		run_free(base);
		return out_root == NULL ? EXIT_RUNTIME : EXIT_USAGE;
	}
	o.output_dir = out_root;
	if (o.jobs == 0)
		o.jobs = cfg.jobs;
	if (catalog_init(&cfg, cerr, sizeof cerr) != 0) {
		term_printf(stderr, "ppaudit: %s\n", cerr);
		config_free(&cfg);
		free(out_root);
		baseline_release(base);
		return EXIT_RUNTIME;
	}
	if (!no_tui && !tsv && (screen = cli_screen_wanted()) != NULL) {
		rc = screen->live_run(&o, &r);
		if (rc == 0 && r != NULL) {
			if (write_exports(r, o.formats, o.output_dir ? o.output_dir : o.root,
					  drop_suppressed, 1) != 0)
				rc = EXIT_RUNTIME;
			else if (have_fail_on && count_at_or_above(r, fail_on) > 0)
				rc = EXIT_FINDINGS;
			run_free(r);
		}
		catalog_free();
		config_free(&cfg);
		baseline_release(base);
		free(out_root);
		return rc;
	}

	pl = pipeline_start(&o);
	batch_progress = pipeline_progress(pl);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	st = pipeline_join(pl, &r, err, sizeof err);
	{
		size_t i, nw = 0;
		char *const *w = pipeline_warnings(pl, &nw);
		for (i = 0; i < nw; i++)
			term_printf(stderr, "ppaudit: warning: %s\n", w[i]);
	}
	batch_progress = NULL;
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	if (st == PIPELINE_OK) {
		if (tsv)
			print_tsv(r);
		else
			print_summary(r, o.output_dir ? o.output_dir : o.root);
		if (base != NULL && !tsv) {
			size_t i, fresh = 0;
			for (i = 0; i < r->n_findings; i++)
				fresh += r->findings[i].status == ST_OPEN && !in_baseline(&r->findings[i]);
			term_printf(stdout, "Baseline: %zu open finding(s) not in %s\n", fresh,
				    baseline_path);
		}
		rc = have_fail_on && count_at_or_above(r, fail_on) > 0 ? EXIT_FINDINGS : EXIT_OK;
		if (write_exports(r, o.formats, o.output_dir ? o.output_dir : o.root,
				  drop_suppressed, tsv) != 0)
			rc = EXIT_RUNTIME;
		run_free(r);
	} else {
		term_printf(stderr, "ppaudit: %s\n", err);
		rc = st == PIPELINE_CANCELLED ? 130 : EXIT_RUNTIME;
	}
	{
		long long t0 = progress_now_ms();
		pipeline_free(pl);
		catalog_free();
		config_free(&cfg);
		baseline_release(base);
		if (getenv("PPAUDIT_TIMING") != NULL)
			fprintf(stderr, "timing: teardown  %5lld ms\n", progress_now_ms() - t0);
	}
	free(out_root);
	return rc;
}
