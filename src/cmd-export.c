/* `ppaudit export`: a dated run (the latest by default) as Markdown,
 * run.json, TSV, SARIF 2.1.0 or a self-contained HTML page.
 *
 * One rule for every format (issue 13 item 15): -o FILE writes FILE, -o -
 * standard output (the document and nothing else), and without -o the
 * export goes to its place: docs/project/persistence_audit.EXT with a copy
 * in the run's dated folder, where `ppaudit run --format` puts them; a run
 * that is not the latest goes to its dated folder only, so that an old run
 * never replaces the consolidated report. An existing target that ppaudit
 * did not write is never replaced without --force: -o is easy to point at
 * the wrong file. */
#include "cli.h"
#include "history.h"
#include "report/export.h"
#include "report/report.h"
#include "util/fsutil.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum export_fmt { EXP_MD, EXP_JSON, EXP_TSV, EXP_SARIF, EXP_HTML };

/* The file name of each format's place. */
static const char *const fmt_file[] = {
	"persistence_audit.md", "persistence_audit.json", "persistence_audit.tsv",
	"persistence_audit.sarif", "persistence_audit.html",
};

static void export_usage(FILE *out)
{
	fprintf(out, "usage: ppaudit export [--run DATE] --format md|json|tsv|sarif|html [-o FILE|-] [--force]\n"
		     "                      [--baseline DATE] [--sarif-drop-suppressed]\n"
		     "                      [--output-dir DIR] [PATH]\n"
		     "  -o FILE writes FILE, -o - standard output; without -o the export goes to\n"
		     "  docs/project/persistence_audit.EXT (a run that is not the latest: its\n"
		     "  dated folder only) and a copy in the run's dated folder.\n");
}

/* Parses a --format value. */
static int parse_fmt(const char *s, enum export_fmt *out)
{
	if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
		*out = EXP_MD;
	else if (strcmp(s, "json") == 0)
		*out = EXP_JSON;
	else if (strcmp(s, "tsv") == 0)
		*out = EXP_TSV;
	else if (strcmp(s, "sarif") == 0)
		*out = EXP_SARIF;
	else if (strcmp(s, "html") == 0)
		*out = EXP_HTML;
	else
		return -1;
	return 0;
}

/* Refuses to replace a file ppaudit did not write, unless forced. */
static int check_target(const char *path, int force)
{
	if (force || export_is_ours(path) != 0)
		return 0;
	term_printf(stderr, "ppaudit: %s exists and was not written by ppaudit; "
			    "use --force to overwrite it\n", path);
	return -1;
}

/* Renders the run in fmt. Heap string. */
static char *render(const struct run *r, enum export_fmt fmt, const struct sarif_opts *so)
{
	switch (fmt) {
	case EXP_MD: return report_markdown(r);
	case EXP_JSON: return report_json(r);
	case EXP_TSV: return export_tsv(r, NULL);
	case EXP_SARIF: return export_sarif(r, so);
	default: return export_html(r);
	}
}

/* Writes text to path atomically; prints the error naming the file.
 * user: a path named with -o (not confined to the output folder). */
static int write_file(const char *path, const char *text, int user)
{
	if ((user ? fs_write_user(path, text, strlen(text))
		  : fs_write_atomic(path, text, strlen(text))) != 0) {
		term_printf(stderr, "ppaudit: %s: %s\n", path, fs_strerror(errno));
		return -1;
	}
	term_printf(stdout, "Report written: %s\n", path);
	return 0;
}

int cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "run", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "sarif-drop-suppressed", no_argument, NULL, 'd' },
		{ "output-dir", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *date = NULL, *target = NULL, *outdir = NULL, *baseline_date = NULL, *root;
	struct sarif_opts so = { 0 };
	struct run *r = NULL, *base = NULL;
	enum export_fmt fmt = EXP_MD;
	int have_fmt = 0, force = 0, opt, rc = EXIT_OK;
	char err[600], *out_root = NULL, *run_dir = NULL, *text = NULL;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "f:o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'r': date = optarg; break;
		case 'f':
			if (parse_fmt(optarg, &fmt) != 0) {
				term_printf(stderr, "ppaudit: unknown export format '%s' "
					    "(md, json, tsv, sarif, html)\n", optarg);
				return EXIT_USAGE;
			}
			have_fmt = 1;
			break;
		case 'o': target = optarg; break;
		case 'F': force = 1; break;
		case 'b': baseline_date = optarg; break;
		case 'd': so.drop_suppressed = 1; break;
		case 'D': outdir = optarg; break;
		case 'h': export_usage(stdout); return EXIT_OK;
		default:
			term_printf(stderr, "ppaudit: unknown or incomplete option '%s'\n", argv[optind - 1]);
			export_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (!have_fmt || argc - optind > 1) {
		fprintf(stderr, "ppaudit: export needs --format and at most one PATH\n");
		export_usage(stderr);
		return EXIT_USAGE;
	}
	if ((baseline_date || so.drop_suppressed) && fmt != EXP_SARIF) {
		fprintf(stderr, "ppaudit: --baseline and --sarif-drop-suppressed apply to --format sarif\n");
		return EXIT_USAGE;
	}
	root = optind < argc ? argv[optind] : ".";
	if (!fs_is_dir(root)) {
		term_printf(stderr, "ppaudit: %s: not a readable directory\n", root);
		return EXIT_RUNTIME;
	}
	out_root = history_out_root(root, outdir, err, sizeof err);
	if (out_root == NULL) {
		term_printf(stderr, "ppaudit: %s\n", err);
		return EXIT_USAGE;
	}
	r = history_load(out_root, date, &run_dir, err, sizeof err);
	if (r == NULL) {
		term_printf(stderr, "ppaudit: %s\n", err);
		rc = EXIT_RUNTIME;
		goto out;
	}
	run_set_project(r, root);   /* a run.json from before "project" */
	if (baseline_date) {
		base = history_load(out_root, baseline_date, NULL, err, sizeof err);
		if (base == NULL) {
			term_printf(stderr, "ppaudit: baseline: %s\n", err);
			rc = EXIT_RUNTIME;
			goto out;
		}
		so.baseline = base;
	}
	text = render(r, fmt, &so);

	if (target != NULL && strcmp(target, "-") == 0) {
		fputs(text, stdout);
	} else if (target != NULL) {
		if (check_target(target, force) != 0 || write_file(target, text, 1) != 0)
			rc = EXIT_RUNTIME;
	} else {
		/* its place: docs/project/ for the latest full run (with a copy
		 * kept with the dated run), the dated folder alone for any other */
		char *latest = history_latest(out_root);
		int is_latest = !r->partial && latest != NULL && strcmp(latest, r->name) == 0;
		char *docs = fs_join(out_root, "docs/project");
		char *main_path = fs_join(docs, fmt_file[fmt]), *copy = fs_join(run_dir, fmt_file[fmt]);

		if ((is_latest && check_target(main_path, force) != 0) || check_target(copy, force) != 0 ||
		    (is_latest && write_file(main_path, text, 0) != 0) || write_file(copy, text, 0) != 0)
			rc = EXIT_RUNTIME;
		free(copy);
		free(main_path);
		free(docs);
		free(latest);
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "ppaudit: stdout: %s\n", strerror(errno));
		rc = EXIT_RUNTIME;
	}
out:
	free(text);
	free(run_dir);
	free(out_root);
	if (base)
		run_free(base);
	if (r)
		run_free(r);
	return rc;
}
