/* `ppaudit runs`: the dated runs of a project with their scores. */
#include "cli.h"
#include "run.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_date(const char *s)
{
	int i;

	if (strlen(s) != 10)
		return 0;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int cmd_runs(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output-dir", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const char *root, *out = NULL;
	char *hist, **dates = NULL;
	size_t n = 0, cap = 0, i;
	DIR *d;
	struct dirent *e;
	int opt, rc = EXIT_OK;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		if (opt == 'o') {
			out = optarg;
		} else {
			fprintf(stderr, "usage: ppaudit runs [--output-dir DIR] [PATH]\n");
			return EXIT_USAGE;
		}
	}
	root = optind < argc ? argv[optind] : ".";
	hist = cli_history_dir(out ? out : root);
	d = opendir(hist);
	if (d == NULL) {
		printf("No runs yet in %s (run `ppaudit run %s`).\n", hist, root);
		free(hist);
		return EXIT_OK;
	}
	while ((e = readdir(d)) != NULL) {
		if (is_date(e->d_name)) {
			XGROW(dates, cap, n + 1);
			dates[n++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	xqsort(dates, n, sizeof *dates, str_cmp);
	printf("%-10s  %-8s  %7s  %5s  %5s  %5s  %5s  %5s  %s\n", "DATE", "HEAD", "OVERALL",
	       "QUERY", "TXN", "RUN", "RES", "OPEN", "C/H/M/L");
	for (i = n; i-- > 0;) {
		char *dir = fs_join(hist, dates[i]);
		char *path = fs_join(dir, "run.json");
		char err[512];
		struct run *r = run_load(path, err, sizeof err);

		if (r == NULL) {
			printf("%-10s  (unreadable: %s)\n", dates[i], err);
			rc = EXIT_RUNTIME;
		} else {
			const struct scores *s = &r->scores;
			printf("%-10s  %-8.8s  %7.1f  %5.1f  %5.1f  %5.1f  %5.1f  %5u  %u/%u/%u/%u\n",
			       r->date, r->git.head ? r->git.head : "-", s->overall,
			       s->category[0], s->category[1], s->category[2], s->category[3],
			       s->n_open, s->totals[SEV_CRITICAL], s->totals[SEV_HIGH],
			       s->totals[SEV_MEDIUM], s->totals[SEV_LOW]);
			run_free(r);
		}
		free(path);
		free(dir);
		free(dates[i]);
	}
	free(dates);
	free(hist);
	return rc;
}
