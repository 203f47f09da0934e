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
	/* a calendar date: month 01-12, day 01-31 */
	i = (s[5] - '0') * 10 + (s[6] - '0');
	if (i < 1 || i > 12)
		return 0;
	i = (s[8] - '0') * 10 + (s[9] - '0');
	return i >= 1 && i <= 31;
}

/* Parses a full run's name: YYYY-MM-DD, or YYYY-MM-DD.N with N from 2 to
 * 99999 and no leading zero; *seq receives N (1 for the plain date). */
static int parse_name(const char *s, unsigned *seq)
{
	char date[11];
	unsigned n = 0;
	size_t i;

	if (strlen(s) < 10)
		return 0;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!history_is_date(date))
		return 0;
	if (s[10] == '\0') {
		n = 1;
	} else {
		if (s[10] != '.' || s[11] < '1' || s[11] > '9' || strlen(s + 11) > 5)
			return 0;
		for (i = 11; s[i]; i++) {
			if (s[i] < '0' || s[i] > '9')
				return 0;
			n = n * 10 + (unsigned)(s[i] - '0');
		}
		if (n < 2)
			return 0;
	}
	if (seq)
		*seq = n;
	return 1;
}

int history_is_run_name(const char *s)
{
	if (s == NULL)
		return 0;
	if (strncmp(s, "partial/", 8) == 0)
		s += 8;
	return parse_name(s, NULL);
}

int history_free_name(const char *dir, const char *date, char out[HISTORY_NAME_MAX])
{
	unsigned n;

	for (n = 1; n <= 99999; n++) {
		char *path;
		int taken;

		if (n == 1)
			snprintf(out, HISTORY_NAME_MAX, "%s", date);
		else
			snprintf(out, HISTORY_NAME_MAX, "%s.%u", date, n);
		path = fs_join(dir, out);
		/* anything by that name, a planted link included, is taken */
		taken = fs_exists(path);
		free(path);
		if (!taken)
			return 0;
	}
	return -1;
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

/* Run names in order: by date, then by number (".10" after ".9"). */
static int name_cmp(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	unsigned sx = 0, sy = 0;
	int c;

	if (strncmp(x, "partial/", 8) == 0)
		x += 8;
	if (strncmp(y, "partial/", 8) == 0)
		y += 8;
	c = strncmp(x, y, 10);
	if (c != 0)
		return c;
	parse_name(x, &sx);
	parse_name(y, &sy);
	return sx < sy ? -1 : sx > sy;
}

int history_name_cmp(const char *a, const char *b)
{
	return name_cmp(&a, &b);
}

/* The run folders in hist, oldest first, none dated after today; each
 * name prefixed with prefix. */
static char **names_in(const char *hist, const char *prefix, size_t *n)
{
	char **names = NULL, today[11], err[128];
	size_t cap = 0;
	DIR *d = fs_opendir(hist);
	struct dirent *e;

	*n = 0;
	if (d == NULL)
		return NULL;
	if (history_today(today, err, sizeof err) != 0)
		today[0] = '\0';
	while ((e = readdir(d)) != NULL) {
		if (!parse_name(e->d_name, NULL) || (today[0] && strncmp(e->d_name, today, 10) > 0))
			continue;
		if (e->d_type != DT_DIR) {
			/* a planted link or file by a run's name is not a run */
			char *path = fs_join(hist, e->d_name);
			int dir = e->d_type == DT_UNKNOWN && fs_is_dir(path);
			free(path);
			if (!dir)
				continue;
		}
		XGROW(names, cap, *n + 1);
		names[(*n)++] = xasprintf("%s%s", prefix, e->d_name);
	}
	closedir(d);
	if (*n > 0)
		xqsort(names, *n, sizeof *names, name_cmp);
	return names;
}

char **history_names_in(const char *hist, size_t *n)
{
	return names_in(hist, "", n);
}

char **history_dates(const char *out_root, size_t *n)
{
	char *hist = history_dir(out_root), **names = names_in(hist, "", n);

	free(hist);
	return names;
}

char **history_partial_names(const char *out_root, size_t *n)
{
	char *hist = history_dir(out_root), *part = fs_join(hist, "partial");
	char **names = names_in(part, "partial/", n);

	free(part);
	free(hist);
	return names;
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
	} else if (!history_is_run_name(date)) {
		snprintf(err, errlen, "'%s' is not a run (YYYY-MM-DD, YYYY-MM-DD.N, partial/NAME, "
			 "latest or previous)", date);
		free(hist);
		return NULL;
	}
	dir = fs_join(hist, date);
	path = fs_join(dir, "run.json");
	if (!fs_is_dir(dir)) {
		snprintf(err, errlen, "%s: no run %s (see `ppaudit runs`)", dir, date);
		r = NULL;
	} else {
		r = run_load(path, err, errlen);
		if (r != NULL)
			snprintf(r->name, sizeof r->name, "%s", date);
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
