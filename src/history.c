/* The dated run history: listing the day folders and loading one run. */
#include "history.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

int history_is_date(const char *s)
{
	int i;

	if (s == NULL || strlen(s) != 10)
		return 0;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

char *history_dir(const char *out_root)
{
	return fs_join(out_root, "docs/project/.audit/ln-650");
}

char *history_triage_path(const char *out_root)
{
	return fs_join(out_root, "docs/project/.audit/ln-650/triage.json");
}

int history_lock(const char *out_root, lock_note_fn note, void *arg, char *err, size_t errlen)
{
	char *dir = history_dir(out_root), *path = fs_join(dir, ".lock");
	int fd = -1;

	if (fs_mkdir_p(dir, 0777) != 0)
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
	else
		fd = lock_acquire(path, note, arg, err, errlen);
	free(path);
	free(dir);
	return fd;
}

/* strcmp for qsort over char*: ISO dates sort chronologically. */
static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **history_dates(const char *out_root, size_t *n)
{
	char *hist = history_dir(out_root), **dates = NULL;
	size_t cap = 0;
	DIR *d = opendir(hist);
	struct dirent *e;

	*n = 0;
	free(hist);
	if (d == NULL)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		if (!history_is_date(e->d_name))
			continue;
		XGROW(dates, cap, *n + 1);
		dates[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (*n > 0)
		xqsort(dates, *n, sizeof *dates, str_cmp);
	return dates;
}

void history_dates_free(char **dates, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(dates[i]);
	free(dates);
}

char *history_latest(const char *out_root)
{
	size_t n;
	char **dates = history_dates(out_root, &n), *latest;

	if (n == 0) {
		free(dates);
		return NULL;
	}
	latest = xstrdup(dates[n - 1]);
	history_dates_free(dates, n);
	return latest;
}

struct run *history_load(const char *out_root, const char *date, char **run_dir,
			 char *err, size_t errlen)
{
	char *hist = history_dir(out_root), *dir, *path, *pick = NULL;
	struct run *r;

	if (run_dir)
		*run_dir = NULL;
	if (date == NULL || strcmp(date, "latest") == 0 || strcmp(date, "previous") == 0) {
		size_t n;
		char **dates = history_dates(out_root, &n);
		size_t want = date && strcmp(date, "previous") == 0 ? 2 : 1;

		if (n < want) {
			snprintf(err, errlen, "%s: %s", hist, n == 0 ? "no dated runs (run `ppaudit run` first)"
				 : "only one dated run, no previous one");
			history_dates_free(dates, n);
			free(hist);
			return NULL;
		}
		pick = xstrdup(dates[n - want]);
		history_dates_free(dates, n);
		date = pick;
	} else if (!history_is_date(date)) {
		snprintf(err, errlen, "'%s' is not a run date (YYYY-MM-DD, latest or previous)", date);
		free(hist);
		return NULL;
	}
	dir = fs_join(hist, date);
	path = fs_join(dir, "run.json");
	if (!fs_is_dir(dir)) {
		snprintf(err, errlen, "%s: no run on %s (see `ppaudit runs`)", dir, date);
		r = NULL;
	} else {
		r = run_load(path, err, errlen);
	}
	if (r != NULL && run_dir != NULL) {
		*run_dir = dir;
		dir = NULL;
	}
	free(dir);
	free(path);
	free(pick);
	free(hist);
	return r;
}

char *history_out_root(const char *root, const char *output_dir, char *err, size_t errlen)
{
	struct config cfg;
	char *path, *out;

	if (output_dir != NULL)
		return xstrdup(output_dir);
	config_defaults(&cfg);
	path = fs_join(root, ".ppaudit.json");
	if (config_load(&cfg, path, 1, err, errlen) != 0) {
		free(path);
		config_free(&cfg);
		return NULL;
	}
	out = xstrdup(cfg.output_dir ? cfg.output_dir : root);
	free(path);
	config_free(&cfg);
	return out;
}
