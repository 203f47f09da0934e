/* Several files replaced all together or not at all: the reports of a run
 * must never be left half-rewritten (a full disk, a folder in the way).
 *
 * fileset_add writes each new content to a temp file beside its target
 * (fsynced); nothing visible changes. fileset_commit renames the temps in
 * only once all were written; should a rename fail, the targets already
 * replaced get their old content back (kept by hard links) and the rest
 * stay untouched. On any failure the temps are removed.
 *
 * Each target's folder is opened once, when it is staged, without
 * following a link (fs_open_parent), and every later step acts inside
 * that folder: a folder swapped for a link meanwhile redirects nothing.
 *
 * Ownership: a fileset owns its entries' strings; fileset_commit and
 * fileset_abort release them (the struct may then be reused). */
#ifndef PPAUDIT_FILESET_H
#define PPAUDIT_FILESET_H

#include <stddef.h>

struct fileset_entry {
	char *path;                   /* the target */
	char *tmp;                    /* the new content, beside it */
	char *old;                    /* a link to the old content during commit */
	int dir;                      /* the folder of all three, opened once */
};

struct fileset {
	struct fileset_entry *e;
	size_t n, cap;
};

#define FILESET_INIT { NULL, 0, 0 }

/* Writes data to a temp beside path. Returns 0, or -1 with "path:
 * reason" in err (the set is still to be aborted). */
int fileset_add(struct fileset *fs, const char *path, const char *data, size_t len,
		char *err, size_t errlen);

/* Renames every temp over its target. Returns 0, or -1 with "path:
 * reason" in err; then every target has its old content. */
int fileset_commit(struct fileset *fs, char *err, size_t errlen);

/* Removes the temps written so far. */
void fileset_abort(struct fileset *fs);

#endif
