/* The dated run history: listing the day folders and loading one run. */
#include "history.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	char *hist = history_dir(out_root), **dates = NULL, today[11], err[128];
	size_t cap = 0;
	DIR *d = fs_opendir(hist);
	struct dirent *e;

	*n = 0;
	free(hist);
	if (d == NULL)
		return NULL;
	if (history_today(today, err, sizeof err) != 0)
		today[0] = '\0';
	while ((e = readdir(d)) != NULL) {
		if (!history_is_date(e->d_name) || (today[0] && strcmp(e->d_name, today) > 0))
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

/* A real calendar date (history_is_date checks only the shape). */
static int valid_date(const char *s)
{
	struct tm tm;
	char back[11];

	if (!history_is_date(s))
		return 0;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = atoi(s) - 1900;
	tm.tm_mon = atoi(s + 5) - 1;
	tm.tm_mday = atoi(s + 8);
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	if (mktime(&tm) == (time_t)-1)
		return 0;
	strftime(back, sizeof back, "%Y-%m-%d", &tm);
	return strcmp(back, s) == 0;
}

int history_today(char out[11], char *err, size_t errlen)
{
	const char *d = getenv("PPAUDIT_DATE");
	time_t t;
	struct tm tm;

	if (d != NULL && d[0] != '\0') {
		if (!valid_date(d)) {
			snprintf(err, errlen, "PPAUDIT_DATE: '%.32s' is not a date (YYYY-MM-DD)", d);
			return -1;
		}
		memcpy(out, d, 11);
		return 0;
	}
	t = time(NULL);
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return 0;
}

/* A folder named in .ppaudit.json: relative, no "..", so that it stays
 * inside the project (links on the way are refused when writing). */
static int inside_project(const char *dir)
{
	const char *s = dir;

	if (dir[0] == '\0' || dir[0] == '/')
		return 0;
	while (*s) {
		size_t n = strcspn(s, "/");
		if (n == 2 && s[0] == '.' && s[1] == '.')
			return 0;
		s += n;
		while (*s == '/')
			s++;
	}
	return 1;
}

char *history_confine(const char *root, const char *cli_output_dir, const char *cfg_output_dir,
		      int create, char *err, size_t errlen)
{
	const char *jail = root;
	char *out;

	if (cli_output_dir != NULL) {
		if (create && fs_mkdir_p_user(cli_output_dir, 0755) != 0) {
			snprintf(err, errlen, "%s: %s", cli_output_dir, strerror(errno));
			return NULL;
		}
		jail = cli_output_dir;
		out = xstrdup(cli_output_dir);
	} else if (cfg_output_dir != NULL) {
		if (!inside_project(cfg_output_dir)) {
			snprintf(err, errlen, "%s/.ppaudit.json: \"output_dir\" must be a relative folder "
				 "inside the project (got '%s'); use --output-dir for elsewhere",
				 root, cfg_output_dir);
			return NULL;
		}
		out = fs_join(root, cfg_output_dir);
	} else {
		out = xstrdup(root);
	}
	if (fs_set_tree_root(root) != 0) {
		snprintf(err, errlen, "%s: %s", root, strerror(errno));
		free(out);
		return NULL;
	}
	if (fs_set_output_root(jail) != 0) {
		snprintf(err, errlen, "%s: %s", jail, strerror(errno));
		free(out);
		return NULL;
	}
	return out;
}

char *history_out_root(const char *root, const char *output_dir, char *err, size_t errlen)
{
	struct config cfg;
	char *path, *out;

	config_defaults(&cfg);
	path = fs_join(root, ".ppaudit.json");
	if (output_dir == NULL && config_load(&cfg, path, 1, err, errlen) != 0) {
		free(path);
		config_free(&cfg);
		return NULL;
	}
	out = history_confine(root, output_dir, cfg.output_dir, 0, err, errlen);
	free(path);
	config_free(&cfg);
	return out;
}
