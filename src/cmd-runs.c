/* `ppaudit runs`: the dated runs of a project with their scores. A run is
 * labelled by its folder's name, which is its identity (what `diff`,
 * `export --run` and `review` take); the date inside run.json is only
 * what the run said about itself. */
#include "cli.h"
#include "history.h"
#include "run.h"
#include "util/fsutil.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_runs(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output-dir", required_argument, NULL, 'o' },
		{ "partial", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	int partial = 0;
	const char *root, *out = NULL;
	char *hist, **dates, *out_root, cerr[600];
	size_t n = 0, i;
	int opt, rc = EXIT_OK;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		if (opt == 'o') {
			out = optarg;
		} else if (opt == 'p') {
			partial = 1;
		} else {
			fprintf(stderr, "usage: ppaudit runs [--partial] [--output-dir DIR] [PATH]\n");
			return EXIT_USAGE;
		}
	}
	root = optind < argc ? argv[optind] : ".";
	if (!fs_is_dir(root)) {
		fprintf(stderr, "ppaudit: %s: not a readable directory\n", root);
		return EXIT_RUNTIME;
	}
	out_root = history_out_root(root, out, cerr, sizeof cerr);
	if (out_root == NULL) {
		term_printf(stderr, "ppaudit: %s\n", cerr);
		return EXIT_USAGE;
	}
	hist = history_dir(out_root);
	/* full runs, or with --partial the --since runs kept apart */
	dates = partial ? history_partial_names(out_root, &n) : history_dates(out_root, &n);
	if (!partial) {
		size_t np = 0;
		char **p = history_partial_names(out_root, &np);
		if (np > 0)
			printf("(%zu partial run%s not listed: ppaudit runs --partial)\n", np,
			       np == 1 ? "" : "s");
		history_dates_free(p, np);
	}
	free(out_root);
	if (dates == NULL && !fs_is_dir(hist)) {
		term_printf(stdout, "No runs yet in %s (run `ppaudit run %s`).\n", hist, root);
		free(hist);
		return EXIT_OK;
	}
	printf("%-20s  %-8s  %7s  %5s  %5s  %5s  %5s  %5s  %s\n", "RUN", "HEAD", "OVERALL",
	       "QUERY", "TXN", "RUN", "RES", "OPEN", "C/H/M/L");
	for (i = n; i-- > 0;) {
		char *dir = fs_join(hist, dates[i]);
		char *path = fs_join(dir, "run.json");
		char err[512];
		struct run *r = run_load(path, err, sizeof err);

		if (r == NULL) {
			term_printf(stdout, "%-20s  (unreadable: %s)\n", dates[i], err);
			rc = EXIT_RUNTIME;
		} else {
			const struct scores *s = &r->scores;
			term_printf(stdout, "%-20s  %-8.8s  %7.1f  %5.1f  %5.1f  %5.1f  %5.1f  %5u  "
				    "%u/%u/%u/%u\n", dates[i], r->git.head ? r->git.head : "-",
				    s->overall, s->category[0], s->category[1], s->category[2],
				    s->category[3], s->n_open, s->totals[SEV_CRITICAL],
				    s->totals[SEV_HIGH], s->totals[SEV_MEDIUM], s->totals[SEV_LOW]);
			run_free(r);
		}
		free(path);
		free(dir);
	}
	history_dates_free(dates, n);
	free(hist);
	return rc;
}
