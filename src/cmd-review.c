/* `ppaudit review [DATE] [PATH]`: open a dated run in the findings browser
 * without rescanning (the newest run when DATE is omitted). */
#include "cli.h"
#include "history.h"
#include "run.h"
#include "util/fsutil.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Usage of `ppaudit review`. */
static void review_usage(FILE *out)
{
	fprintf(out, "usage: ppaudit review [--output-dir DIR] [DATE] [PATH]\n"
		     "Opens the run of DATE (YYYY-MM-DD; default: the newest) in the browser.\n");
}

/* ppaudit review [DATE] [PATH]. */
int cmd_review(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output-dir", required_argument, NULL, 'o' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *out_opt = NULL, *config_path = NULL, *root = ".", *date = NULL;
	char *hist, *newest = NULL, *run_dir, *json, *out_root;
	struct config cfg;
	struct run *r;
	char err[600];
	int opt, rc;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+o:c:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'o': out_opt = optarg; break;
		case 'c': config_path = optarg; break;
		case 'h': review_usage(stdout); return EXIT_OK;
		default:
			term_printf(stderr, "ppaudit: review: unknown or incomplete option '%s'\n", argv[optind - 1]);
			review_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind < argc && (history_is_run_name(argv[optind]) || strcmp(argv[optind], "latest") == 0))
		date = argv[optind++];
	else if (optind < argc && strlen(argv[optind]) >= 10 && isdigit((unsigned char)argv[optind][0]) &&
		 argv[optind][4] == '-' && argv[optind][7] == '-' && !fs_is_dir(argv[optind])) {
		/* `review 2026-13-45`: a date that is not one, not a folder */
		term_printf(stderr, "ppaudit: review: '%s' is not a run (YYYY-MM-DD or YYYY-MM-DD.N, "
			    "or `latest`)\n", argv[optind]);
		return EXIT_USAGE;
	}
	if (optind < argc)
		root = argv[optind++];
	if (optind < argc) {
		term_printf(stderr, "ppaudit: review takes [DATE] [PATH]; unexpected '%s'\n", argv[optind]);
		review_usage(stderr);
		return EXIT_USAGE;
	}
	if (!fs_is_dir(root)) {
		term_printf(stderr, "ppaudit: %s: not a readable directory\n", root);
		return EXIT_RUNTIME;
	}
	if (cli_load_config(&cfg, root, config_path) != 0)
		return EXIT_USAGE;
	out_root = history_confine(root, out_opt, cfg.output_dir, 0, err, sizeof err);
	if (out_root == NULL) {
		term_printf(stderr, "ppaudit: %s\n", err);
		config_free(&cfg);
		return EXIT_USAGE;
	}
	hist = history_dir(out_root);
	if (date == NULL || strcmp(date, "latest") == 0)
		date = newest = history_latest(out_root);
	free(out_root);
	if (date == NULL) {
		term_printf(stderr, "ppaudit: %s: no dated runs yet (run `ppaudit run` first)\n", hist);
		free(hist);
		config_free(&cfg);
		return EXIT_RUNTIME;
	}
	run_dir = fs_join(hist, date);
	json = fs_join(run_dir, "run.json");
	if (!fs_is_dir(run_dir)) {
		size_t n = 0;
		char **names = history_names_in(hist, &n);

		term_printf(stderr, "ppaudit: review: no run named %s", date);
		for (size_t i = n > 5 ? n - 5 : 0; i < n; i++)
			term_printf(stderr, "%s%s", i == (n > 5 ? n - 5 : 0) ? "; the latest: " : ", ",
				    names[i]);
		term_printf(stderr, "%s\n", n ? "" : " (no runs yet: run `ppaudit run` first)");
		history_dates_free(names, n);
		free(json);
		free(run_dir);
		free(hist);
		free(newest);
		config_free(&cfg);
		return EXIT_RUNTIME;
	}
	r = run_load(json, err, sizeof err);
	if (r != NULL)
		snprintf(r->name, sizeof r->name, "%s", date);
	if (r == NULL) {
		term_printf(stderr, "ppaudit: %s\n", err);
		rc = EXIT_RUNTIME;
	} else {
		const struct cli_screen *screen = cli_screen_wanted();
		if (screen != NULL) {
			rc = screen->review(r, root, run_dir);
		} else {
			term_printf(stderr, "ppaudit: review needs a terminal (see `ppaudit export` "
				    "and `ppaudit triage list` for scripts)\n");
			rc = EXIT_USAGE;
		}
		run_free(r);
	}
	free(json);
	free(run_dir);
	free(hist);
	free(newest);
	config_free(&cfg);
	return rc;
}
