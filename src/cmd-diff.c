/* `ppaudit diff DATE_A DATE_B [PATH]`: new, fixed and unchanged findings
 * between two runs, as text or JSON; with --fail-on, a CI gate on new
 * findings only (old debt does not block a merge).
 *
 * A DATE is YYYY-MM-DD, "latest", "previous", or the path of a run.json
 * (e.g. a baseline kept as a CI artifact). */
#include "cli.h"
#include "history.h"
#include "report/export.h"
#include "rundiff.h"
#include "util/fsutil.h"
#include "util/sanitize.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void diff_usage(FILE *out)
{
	fprintf(out, "usage: ppaudit diff [--format text|json] [--all] [--fail-on LEVEL]\n"
		     "                    [--output-dir DIR] DATE_A DATE_B [PATH]\n"
		     "  DATE: YYYY-MM-DD, latest, previous, or a run.json file\n");
}

/* 1 when s names a run: a date, latest, previous or a .json file. */
static int is_run_name(const char *s)
{
	size_t n = strlen(s);

	return history_is_run_name(s) || strcmp(s, "latest") == 0 || strcmp(s, "previous") == 0 ||
	       (n > 5 && strcmp(s + n - 5, ".json") == 0);
}

/* Loads a run named by date or by run.json path. *label (heap) receives
 * what the output calls it: the run's folder name for a dated run (the
 * folder is its identity; run.json's date is only what the run said), the
 * path as given for a file. */
static struct run *load_side(const char *out_root, const char *what, char **label, char *err,
			     size_t errlen)
{
	size_t n = strlen(what);
	char *dir = NULL;
	struct run *r;

	*label = NULL;
	if (!history_is_run_name(what) &&
	    (strchr(what, '/') != NULL || (n > 5 && strcmp(what + n - 5, ".json") == 0))) {
		r = run_load(what, err, errlen);
		if (r != NULL)
			*label = xstrdup(what);
		return r;
	}
	r = history_load(out_root, what, &dir, err, errlen);
	if (r != NULL)
		*label = xstrdup(r->name);
	free(dir);
	return r;
}

/* One finding as a line: the first 8 digits of its fingerprint (its id
 * in every run; an alias such as F0003 would name another finding in the
 * other run), severity, location, check, issue (sanitized for the
 * terminal). */
static void print_entry(const struct rundiff_entry *e)
{
	const struct finding *f = e->cur ? e->cur : e->old;
	struct strbuf sb = STRBUF_INIT;
	char *loc = xasprintf("%s:%d", f->file ? f->file : "", f->line);

	sb_addf(&sb, "  %.8s %-8s ", f->fingerprint, severity_name(f->severity));
	sanitize_append(&sb, loc, strlen(loc));
	sb_addf(&sb, "  %s", f->check ? f->check->id : "");
	if (f->status != ST_OPEN)
		sb_addf(&sb, " [%s]", status_name(f->status));
	if (e->kind == RUNDIFF_UNCHANGED && e->old->status != e->cur->status)
		sb_addf(&sb, " (was %s)", status_name(e->old->status));
	else if (e->kind == RUNDIFF_UNCHANGED && e->old->severity != e->cur->severity)
		sb_addf(&sb, " (was %s)", severity_name(e->old->severity));
	sb_adds(&sb, "  ");
	if (f->issue)
		sanitize_append(&sb, f->issue, strlen(f->issue));
	puts(sb_str(&sb));
	sb_release(&sb);
	free(loc);
}

/* The text report. Unchanged findings are listed with --all, or when
 * their status or severity changed. */
static void print_text(const struct run *a, const char *la, const struct run *b, const char *lb,
		       const struct rundiff *d, int all)
{
	static const char *const titles[RUNDIFF_KIND_COUNT] = { "New", "Fixed", "Unchanged" };
	struct scores sa, sb;
	size_t i;
	int k;

	scores_compute(a->findings, a->n_findings, &sa);
	scores_compute(b->findings, b->n_findings, &sb);
	term_printf(stdout, "Comparing %s -> %s\n", la, lb);
	printf("Overall: %.1f/10 -> %.1f/10 (%+.1f)\n", sa.overall, sb.overall, sb.overall - sa.overall);
	printf("New: %zu | Fixed: %zu | Unchanged: %zu (status changed: %zu, severity changed: %zu)\n",
	       d->count[RUNDIFF_NEW], d->count[RUNDIFF_FIXED], d->count[RUNDIFF_UNCHANGED],
	       d->n_status_changed, d->n_severity_changed);
	for (k = 0; k < RUNDIFF_KIND_COUNT; k++) {
		int header = 0;

		for (i = 0; i < d->n; i++) {
			const struct rundiff_entry *e = &d->items[i];

			if ((int)e->kind != k)
				continue;
			if (k == RUNDIFF_UNCHANGED && !all && e->old->status == e->cur->status &&
			    e->old->severity == e->cur->severity)
				continue;
			if (!header) {
				printf("\n%s:\n", titles[k]);
				header = 1;
			}
			print_entry(e);
		}
	}
}

int cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "all", no_argument, NULL, 'a' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "output-dir", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *outdir = NULL, *root;
	enum severity fail_on = SEV_CRITICAL;
	int json = 0, all = 0, have_fail_on = 0, opt, rc = EXIT_OK;
	struct run *a = NULL, *b = NULL;
	char *la = NULL, *lb = NULL;
	struct rundiff d;
	char err[600], *out_root;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "f:ah", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (strcmp(optarg, "json") == 0) {
				json = 1;
			} else if (strcmp(optarg, "text") != 0) {
				term_printf(stderr, "ppaudit: unknown diff format '%s' (text, json)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'a': all = 1; break;
		case 'F':
			if (severity_parse(optarg, &fail_on) != 0) {
				term_printf(stderr, "ppaudit: --fail-on: unknown level '%s' "
						"(critical, high, medium, low)\n", optarg);
				return EXIT_USAGE;
			}
			have_fail_on = 1;
			break;
		case 'D': outdir = optarg; break;
		case 'h': diff_usage(stdout); return EXIT_OK;
		default:
			term_printf(stderr, "ppaudit: unknown or incomplete option '%s'\n", argv[optind - 1]);
			diff_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (argc - optind < 2 || argc - optind > 3) {
		fprintf(stderr, "ppaudit: diff needs two runs and at most one PATH\n");
		diff_usage(stderr);
		return EXIT_USAGE;
	}
	/* `diff DATE PATH` is a slip, not a comparison with a run named PATH */
	if (argc - optind == 2 && !is_run_name(argv[optind + 1]) && fs_is_dir(argv[optind + 1])) {
		fprintf(stderr, "ppaudit: diff needs two runs (DATE_A DATE_B) before PATH\n");
		diff_usage(stderr);
		return EXIT_USAGE;
	}
	root = argc - optind == 3 ? argv[optind + 2] : ".";
	if (!fs_is_dir(root)) {
		term_printf(stderr, "ppaudit: %s: not a readable directory\n", root);
		return EXIT_RUNTIME;
	}
	out_root = history_out_root(root, outdir, err, sizeof err);
	if (out_root == NULL) {
		term_printf(stderr, "ppaudit: %s\n", err);
		return EXIT_USAGE;
	}
	a = load_side(out_root, argv[optind], &la, err, sizeof err);
	if (a != NULL)
		b = load_side(out_root, argv[optind + 1], &lb, err, sizeof err);
	if (a == NULL || b == NULL) {
		term_printf(stderr, "ppaudit: %s\n", err);
		run_free(a);
		free(la);
		free(out_root);
		return EXIT_RUNTIME;
	}
	rundiff_compute(a, b, &d);
	if (json) {
		char *text = export_diff_json(a, la, b, lb, &d);

		fputs(text, stdout);
		free(text);
	} else {
		print_text(a, la, b, lb, &d, all);
	}
	if (have_fail_on && rundiff_new_at_or_above(&d, fail_on) > 0)
		rc = EXIT_FINDINGS;
	if (fflush(stdout) != 0) {
		fprintf(stderr, "ppaudit: stdout: %s\n", strerror(errno));
		rc = EXIT_RUNTIME;
	}
	rundiff_free(&d);
	run_free(a);
	run_free(b);
	free(la);
	free(lb);
	free(out_root);
	return rc;
}
