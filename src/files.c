/* File enumeration and classification. */
#include "files.h"
#include "git.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const vendored_dirs[] = {
	"node_modules", ".venv", "venv", "site-packages", "vendor", "dist", "build",
	".git", ".tox", ".nox", "__pycache__", ".mypy_cache", ".pytest_cache",
	"third_party", ".eggs", NULL
};

/* True when one '/'-separated component of path equals name. */
static int has_component(const char *path, const char *name)
{
	size_t n = strlen(name);
	const char *p = path;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == path || p[-1] == '/') && (p[n] == '/' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

enum lang files_language(const char *relpath)
{
	size_t n = strlen(relpath);

	if (n > 3 && strcmp(relpath + n - 3, ".py") == 0)
		return LANG_PYTHON;
	return LANG_NONE;
}

int files_glob_match(const char *pattern, const char *relpath)
{
	size_t pl = strlen(pattern);

	if (fnmatch(pattern, relpath, 0) == 0)
		return 1;
	/* a directory pattern covers everything under it */
	while (pl > 0 && pattern[pl - 1] == '/')
		pl--;
	if (pl > 0 && strncmp(pattern, relpath, pl) == 0 && relpath[pl] == '/')
		return 1;
	/* "**" / patterns without '/' also match the base name */
	if (strchr(pattern, '/') == NULL && fnmatch(pattern, base_name(relpath), 0) == 0)
		return 1;
	return 0;
}

unsigned files_classify(const char *relpath, const struct config *cfg)
{
	const char *base = base_name(relpath);
	unsigned flags = 0;
	size_t i, bl = strlen(base);

	for (i = 0; vendored_dirs[i] != NULL; i++)
		if (has_component(relpath, vendored_dirs[i]))
			flags |= FILE_VENDORED;
	if (has_component(relpath, "tests") || has_component(relpath, "test") ||
	    has_component(relpath, "fixtures") || strncmp(base, "test_", 5) == 0 ||
	    (bl > 8 && strcmp(base + bl - 8, "_test.py") == 0) ||
	    strcmp(base, "conftest.py") == 0)
		flags |= FILE_TEST;
	if (has_component(relpath, "migrations") || strstr(relpath, "alembic/versions/") != NULL)
		flags |= FILE_MIGRATION;
	if (cfg != NULL)
		for (i = 0; i < cfg->n_excludes; i++)
			if (files_glob_match(cfg->excludes[i], relpath))
				flags |= FILE_EXCLUDED;
	return flags;
}

struct collector {
	struct project *p;
	const struct config *cfg;
};

/* Adds one candidate path when it is a source file we audit. */
static void collector_add(const char *relpath, void *arg)
{
	struct collector *c = arg;
	struct source_file *f;
	enum lang lang = files_language(relpath);
	unsigned flags;

	if (lang == LANG_NONE)
		return;
	flags = files_classify(relpath, c->cfg);
	if (flags & FILE_VENDORED)
		return;
	XGROW(c->p->files, c->p->cap_files, c->p->n_files + 1);
	f = &c->p->files[c->p->n_files++];
	memset(f, 0, sizeof *f);
	f->path = xstrdup(relpath);
	f->lang = lang;
	f->flags = flags;
}

/* Plain recursive walk for projects outside a git repository. */
static void walk_dir(struct collector *c, const char *abs, const char *rel)
{
	DIR *d = fs_opendir(abs);
	struct dirent *e;
	size_t i;

	if (d == NULL) {
		c->p->n_skipped_unreadable++;
		return;
	}
	while ((e = readdir(d)) != NULL) {
		char *cabs, *crel;
		int is_dir = 0, skip = 0;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		for (i = 0; vendored_dirs[i] != NULL; i++)
			if (strcmp(e->d_name, vendored_dirs[i]) == 0)
				skip = 1;
		if (skip)
			continue;
		cabs = fs_join(abs, e->d_name);
		crel = rel[0] ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
		if (e->d_type == DT_DIR) {
			is_dir = 1;
		} else if (e->d_type == DT_UNKNOWN) {
			struct stat st;
			is_dir = lstat(cabs, &st) == 0 && S_ISDIR(st.st_mode);
		}
		if (is_dir) {
			if (e->d_name[0] != '.')
				walk_dir(c, cabs, crel);
		} else {
			/* links, FIFOs and devices with a source name are listed too:
			 * the read refuses them and the run names them as not read */
			collector_add(crel, c);
		}
		free(cabs);
		free(crel);
	}
	closedir(d);
}

static int file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct source_file *)a)->path, ((const struct source_file *)b)->path);
}

int files_collect(struct project *p, const struct config *cfg, int *used_git, char *err, size_t errlen)
{
	struct collector c = { p, cfg };

	if (!fs_is_dir(p->root)) {
		snprintf(err, errlen, "%s: %s", p->root,
			 errno == ENOENT ? "no such directory" : "not a readable directory");
		return -1;
	}
	*used_git = git_list_files(p->root, collector_add, &c) == 0;
	if (!*used_git)
		walk_dir(&c, p->root, "");
	if (p->n_files > 1)
		xqsort(p->files, p->n_files, sizeof *p->files, file_cmp);
	return 0;
}
