/* Everything ppaudit asks of git, through libgit2 (the only file that
 * includes it). All functions are safe to call on a non-repository: they
 * return -1 / NULL. Returned strings are heap-allocated; the caller frees.
 * libgit2 is initialised once by git_module_init() on the main thread. */
#ifndef PPAUDIT_GIT_H
#define PPAUDIT_GIT_H

#include <stddef.h>

#include "run.h"

void git_module_init(void);
void git_module_shutdown(void);

/* HEAD sha, branch and dirty flag of the repository containing root. */
int git_head_info(const char *root, struct run_git *out);

/* git config user.name (repository, then global), or NULL. */
char *git_user_name(const char *root);

/* git config user.email (repository, then global), or NULL. */
char *git_user_email(const char *root);

/* Last author and commit date (ISO-8601) of line `line` of path (relative
 * to root). Slow: call lazily, never on the UI's hot path for many lines. */
int git_blame_line(const char *root, const char *path, int line, char **author, char **date_iso);

/* Contents of path (relative to root) at commit rev ("HEAD", a sha). */
char *git_blob_at(const char *root, const char *rev, const char *path, size_t *len);

/* Files (relative paths) changed between rev and the work tree, including
 * untracked ones. */
int git_changed_files(const char *root, const char *rev, char ***paths, size_t *n, char *err, size_t errlen);

/* The lines (new-side numbers) added or changed in one file since a
 * revision; a new untracked file has all its lines. Owned by the caller:
 * git_changed_lines_free(). */
struct changed_lines {
	char *path;                /* relative to root */
	unsigned *lines;           /* ascending */
	size_t n, cap;
};

/* Per-file changed lines between rev and the work tree (index included). */
int git_changed_lines(const char *root, const char *rev, struct changed_lines **out, size_t *n,
		      char *err, size_t errlen);
void git_changed_lines_free(struct changed_lines *c, size_t n);

/* Callback enumeration of tracked + untracked-not-ignored files under root,
 * honouring .gitignore. Returns -1 when root is not in a repository, -2
 * with the reason in err when the repository cannot be listed (a broken
 * index): the caller must not take that for an empty tree. */
typedef void (*git_file_cb)(const char *relpath, void *arg);
int git_list_files(const char *root, git_file_cb cb, void *arg, char *err, size_t errlen);

#endif
