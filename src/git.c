/* libgit2 access: repository facts, blame, blobs, changed files and file
 * enumeration. The only file that includes git2.h. */
#include "git.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <git2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

void git_module_init(void) { git_libgit2_init(); }
void git_module_shutdown(void) { git_libgit2_shutdown(); }

/* Opens the repository containing root; *prefix (when asked) receives
 * root's path relative to the work tree ("" or "sub/dir/"), heap-allocated.
 * The work tree must contain root and hold the .git that was found: a
 * core.worktree planted in the tree's own .git/config would otherwise have
 * libgit2 list (and walk) another folder instead of root (SPEC §12). */
static git_repository *repo_open(const char *root, char **prefix)
{
	git_repository *repo = NULL;
	const char *wd;
	char real[PATH_MAX], wdreal[PATH_MAX], *dotgit;
	struct stat st;
	size_t n;
	int ok;

	if (git_repository_open_ext(&repo, root, 0, NULL) != 0)
		return NULL;
	wd = git_repository_workdir(repo);
	/* a bare repository has nothing to audit */
	ok = wd != NULL && realpath(root, real) != NULL && realpath(wd, wdreal) != NULL;
	n = ok ? strlen(wdreal) : 0;
	ok = ok && strncmp(real, wdreal, n) == 0 && (real[n] == '/' || real[n] == '\0');
	if (ok) {
		dotgit = xasprintf("%s/.git", wdreal);
		ok = lstat(dotgit, &st) == 0;
		free(dotgit);
	}
	if (!ok) {
		git_repository_free(repo);
		return NULL;
	}
	if (prefix != NULL)
		*prefix = real[n] == '/' ? xasprintf("%s/", real + n + 1) : xstrdup("");
	return repo;
}

int git_head_info(const char *root, struct run_git *out)
{
	git_repository *repo = repo_open(root, NULL);
	git_reference *head = NULL;
	git_status_list *st = NULL;
	git_status_options so;
	char sha[GIT_OID_HEXSZ + 1];

	memset(out, 0, sizeof *out);
	if (repo == NULL)
		return -1;
	if (git_repository_head(&head, repo) == 0) {
		const git_oid *oid = git_reference_target(head);
		if (oid != NULL) {
			git_oid_tostr(sha, sizeof sha, oid);
			out->head = xstrdup(sha);
		}
		if (!git_repository_head_detached(repo))
			out->branch = xstrdup(git_reference_shorthand(head));
		git_reference_free(head);
	}
	git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
	so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	so.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	if (git_status_list_new(&st, repo, &so) == 0) {
		out->dirty = git_status_list_entrycount(st) > 0;
		git_status_list_free(st);
	}
	git_repository_free(repo);
	return 0;
}

/* A string from the configuration of root's repository (which includes
 * the global one), or the global one when root is not in a repository. */
static char *config_string(const char *root, const char *key)
{
	git_repository *repo = repo_open(root, NULL);
	git_config *cfg = NULL;
	git_buf buf = { 0 };
	char *value = NULL;
	int rc;

	rc = repo ? git_repository_config(&cfg, repo) : git_config_open_default(&cfg);
	if (rc == 0 && git_config_get_string_buf(&buf, cfg, key) == 0) {
		value = xstrdup(buf.ptr);
		git_buf_dispose(&buf);
	}
	git_config_free(cfg);
	git_repository_free(repo);
	return value;
}

char *git_user_name(const char *root)
{
	return config_string(root, "user.name");
}

char *git_user_email(const char *root)
{
	return config_string(root, "user.email");
}

int git_blame_line(const char *root, const char *path, int line, char **author, char **date_iso)
{
	char *prefix = NULL, *full;
	git_repository *repo = repo_open(root, &prefix);
	git_blame_options opts;
	git_blame *blame = NULL;
	const git_blame_hunk *h;
	int rc = -1;

	*author = *date_iso = NULL;
	if (repo == NULL)
		return -1;
	full = xasprintf("%s%s", prefix, path);
	git_blame_options_init(&opts, GIT_BLAME_OPTIONS_VERSION);
	opts.min_line = (size_t)line;
	opts.max_line = (size_t)line;
	if (git_blame_file(&blame, repo, full, &opts) == 0 &&
	    (h = git_blame_get_hunk_byline(blame, (size_t)line)) != NULL &&
	    h->final_signature != NULL) {
		time_t t = (time_t)h->final_signature->when.time;
		struct tm tm;
		char buf[32];

		gmtime_r(&t, &tm);
		strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
		*author = xstrdup(h->final_signature->name);
		*date_iso = xstrdup(buf);
		rc = 0;
	}
	git_blame_free(blame);
	free(full);
	free(prefix);
	git_repository_free(repo);
	return rc;
}

char *git_blob_at(const char *root, const char *rev, const char *path, size_t *len)
{
	char *prefix = NULL, *spec;
	git_repository *repo = repo_open(root, &prefix);
	git_object *obj = NULL;
	char *out = NULL;

	if (repo == NULL)
		return NULL;
	spec = xasprintf("%s:%s%s", rev, prefix, path);
	if (git_revparse_single(&obj, repo, spec) == 0 && git_object_type(obj) == GIT_OBJECT_BLOB) {
		const git_blob *b = (const git_blob *)obj;
		size_t n = (size_t)git_blob_rawsize(b);
		out = xstrndup(git_blob_rawcontent(b), n);
		if (len)
			*len = n;
	}
	git_object_free(obj);
	free(spec);
	free(prefix);
	git_repository_free(repo);
	return out;
}

/* git_changed_lines state: the files seen so far and the current one. */
struct line_collect {
	struct changed_lines *files;
	size_t n, cap;
	const char *prefix;
	int current;               /* index in files, -1 when outside the root */
};

/* git_diff_foreach file callback: starts a new entry for files under root. */
static int lines_file_cb(const git_diff_delta *d, float progress, void *payload)
{
	struct line_collect *lc = payload;
	size_t pl = strlen(lc->prefix);
	const char *p = d->new_file.path;

	(void)progress;
	lc->current = -1;
	if (d->status == GIT_DELTA_DELETED || p == NULL || strncmp(p, lc->prefix, pl) != 0)
		return 0;
	XGROW(lc->files, lc->cap, lc->n + 1);
	memset(&lc->files[lc->n], 0, sizeof lc->files[lc->n]);
	lc->files[lc->n].path = xstrdup(p + pl);
	lc->current = (int)lc->n++;
	return 0;
}

/* git_diff_foreach line callback: records added lines of the new side. */
static int lines_line_cb(const git_diff_delta *d, const git_diff_hunk *h,
			 const git_diff_line *l, void *payload)
{
	struct line_collect *lc = payload;
	struct changed_lines *c;

	(void)d;
	(void)h;
	if (lc->current < 0 || l->origin != GIT_DIFF_LINE_ADDITION || l->new_lineno <= 0)
		return 0;
	c = &lc->files[lc->current];
	XGROW(c->lines, c->cap, c->n + 1);
	c->lines[c->n++] = (unsigned)l->new_lineno;
	return 0;
}

int git_changed_lines(const char *root, const char *rev, struct changed_lines **out, size_t *n,
		      char *err, size_t errlen)
{
	char *prefix = NULL;
	git_repository *repo = repo_open(root, &prefix);
	git_object *obj = NULL;
	git_tree *tree = NULL;
	git_diff *diff = NULL;
	git_diff_options dopt;
	struct line_collect lc = { NULL, 0, 0, NULL, -1 };
	int rc = -1;

	*out = NULL;
	*n = 0;
	if (repo == NULL) {
		snprintf(err, errlen, "%s: not inside a git repository", root);
		return -1;
	}
	lc.prefix = prefix;
	if (git_revparse_single(&obj, repo, rev) != 0 ||
	    git_object_peel((git_object **)&tree, obj, GIT_OBJECT_TREE) != 0) {
		snprintf(err, errlen, "%s: unknown revision '%s'", root, rev);
		goto out;
	}
	git_diff_options_init(&dopt, GIT_DIFF_OPTIONS_VERSION);
	dopt.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS |
		     GIT_DIFF_SHOW_UNTRACKED_CONTENT;
	dopt.context_lines = 0;
	if (git_diff_tree_to_workdir_with_index(&diff, repo, tree, &dopt) != 0 ||
	    git_diff_foreach(diff, lines_file_cb, NULL, NULL, lines_line_cb, &lc) != 0) {
		const git_error *e = git_error_last();
		snprintf(err, errlen, "%s: %s", root, e ? e->message : "diff failed");
		git_changed_lines_free(lc.files, lc.n);
		goto out;
	}
	*out = lc.files;
	*n = lc.n;
	rc = 0;
out:
	git_diff_free(diff);
	git_tree_free(tree);
	git_object_free(obj);
	free(prefix);
	git_repository_free(repo);
	return rc;
}

/* The changed files are the files of the changed-lines diff: one diff
 * walk serves --since and --changed-lines. */
int git_changed_files(const char *root, const char *rev, char ***paths, size_t *n, char *err, size_t errlen)
{
	struct changed_lines *cl = NULL;
	size_t ncl = 0, i;

	*paths = NULL;
	*n = 0;
	if (git_changed_lines(root, rev, &cl, &ncl, err, errlen) != 0)
		return -1;
	*paths = xcalloc(ncl + 1, sizeof **paths);
	for (i = 0; i < ncl; i++) {
		(*paths)[i] = cl[i].path;   /* ownership moves to the caller */
		cl[i].path = NULL;
	}
	*n = ncl;
	git_changed_lines_free(cl, ncl);
	return 0;
}

void git_changed_lines_free(struct changed_lines *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(c[i].path);
		free(c[i].lines);
	}
	free(c);
}

/* "what: libgit2's last error" into err; returns -2. */
static int list_fail(char *err, size_t errlen, const char *what)
{
	const git_error *e = git_error_last();

	snprintf(err, errlen, "%s: %s", what, e && e->message ? e->message : "unknown error");
	return -2;
}

int git_list_files(const char *root, git_file_cb cb, void *arg, char *err, size_t errlen)
{
	char *prefix = NULL;
	git_repository *repo = repo_open(root, &prefix);
	git_index *idx = NULL;
	git_status_list *st = NULL;
	git_status_options so;
	size_t i, pl;
	int rc = 0;

	if (repo == NULL)
		return -1;
	pl = strlen(prefix);
	if (git_repository_index(&idx, repo) != 0 || git_index_read(idx, 0) != 0) {
		rc = list_fail(err, errlen, "git index");
		git_index_free(idx);
		goto out;
	}
	for (i = 0; i < git_index_entrycount(idx); i++) {
		const git_index_entry *e = git_index_get_byindex(idx, i);
		if (e != NULL && strncmp(e->path, prefix, pl) == 0 &&
		    git_index_entry_stage(e) == 0)
			cb(e->path + pl, arg);
	}
	git_index_free(idx);
	git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
	so.show = GIT_STATUS_SHOW_WORKDIR_ONLY;
	so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		   GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	if (git_status_list_new(&st, repo, &so) != 0) {
		rc = list_fail(err, errlen, "git status");
	} else {
		for (i = 0; i < git_status_list_entrycount(st); i++) {
			const git_status_entry *s = git_status_byindex(st, i);
			if ((s->status & GIT_STATUS_WT_NEW) && s->index_to_workdir != NULL) {
				const char *p = s->index_to_workdir->new_file.path;
				if (strncmp(p, prefix, pl) == 0)
					cb(p + pl, arg);
			}
		}
		git_status_list_free(st);
	}
out:
	free(prefix);
	git_repository_free(repo);
	return rc;
}
