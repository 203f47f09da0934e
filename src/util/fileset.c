/* All-or-nothing replacement of several files; see fileset.h. */
#include "util/fileset.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fsutil.h"
#include "util/xalloc.h"

/* "dir/.ppaudit-tmp-PID-N.TAG" beside path: hidden, and unique even when two
 * threads of one process stage files in the same folder. */
static char *side_name(const char *path, const char *tag)
{
	static atomic_uint counter;
	const char *slash = strrchr(path, '/');
	unsigned n = atomic_fetch_add(&counter, 1);

	/* the temp-name shape fs_clean_stale_temps removes after a crash */
	if (slash == NULL)
		return xasprintf(".ppaudit-tmp-%ld-%u.%s", (long)getpid(), n, tag);
	return xasprintf("%.*s/.ppaudit-tmp-%ld-%u.%s", (int)(slash - path), path,
			 (long)getpid(), n, tag);
}

/* The last component of a path (the name inside its entry's folder). */
static const char *base(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Frees the entries and empties the set. */
static void release(struct fileset *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		if (fs->e[i].dir >= 0)
			close(fs->e[i].dir);
		free(fs->e[i].path);
		free(fs->e[i].tmp);
		free(fs->e[i].old);
	}
	free(fs->e);
	fs->e = NULL;
	fs->n = fs->cap = 0;
}

/* Stages one file; see fileset.h. */
int fileset_add(struct fileset *fs, const char *path, const char *data, size_t len,
		char *err, size_t errlen)
{
	struct fileset_entry *e;
	struct stat st;
	char *leaf;
	int dir = fs_open_parent(path, &leaf);

	if (dir < 0) {
		snprintf(err, errlen, "%s: %s", path, fs_strerror(errno));
		return -1;
	}
	/* a folder in the way would only fail at commit: say so now */
	if (fstatat(dir, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: %s", path, strerror(EISDIR));
		close(dir);
		free(leaf);
		return -1;
	}
	free(leaf);
	XGROW(fs->e, fs->cap, fs->n + 1);
	e = &fs->e[fs->n++];
	e->path = xstrdup(path);
	e->tmp = side_name(path, "new");
	e->old = NULL;
	e->dir = dir;
	if (fs_write_at(dir, base(e->tmp), data, len) != 0) {
		snprintf(err, errlen, "%s: %s", path, fs_strerror(errno));
		return -1;
	}
	return 0;
}

/* Removes the temps; see fileset.h. */
void fileset_abort(struct fileset *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		unlinkat(fs->e[i].dir, base(fs->e[i].tmp), 0);
	release(fs);
}

/* Keeps the old content of e->path as e->old (a hard link, or a copy
 * where links are not supported). 0 also when there is no old file. */
static int keep_old(struct fileset_entry *e)
{
	char *data;
	size_t len;
	int rc;

	e->old = side_name(e->path, "old");
	if (linkat(e->dir, base(e->path), e->dir, base(e->old), 0) == 0)
		return 0;
	if (errno == ENOENT) {
		free(e->old);
		e->old = NULL;
		return 0;
	}
	data = fs_read_file(e->path, 0, &len);
	if (data == NULL)
		return -1;
	rc = fs_write_at(e->dir, base(e->old), data, len);
	free(data);
	return rc;
}

/* Renames the temps in; see fileset.h. */
int fileset_commit(struct fileset *fs, char *err, size_t errlen)
{
	size_t i, done = 0;
	int saved;

	for (i = 0; i < fs->n; i++) {
		if (keep_old(&fs->e[i]) != 0) {
			saved = errno;
			snprintf(err, errlen, "%s: cannot keep the old file: %s", fs->e[i].path,
				 strerror(saved));
			goto undo;
		}
	}
	for (done = 0; done < fs->n; done++) {
		struct fileset_entry *e = &fs->e[done];

		if (renameat(e->dir, base(e->tmp), e->dir, base(e->path)) != 0) {
			saved = errno;
			snprintf(err, errlen, "%s: %s", fs->e[done].path, strerror(saved));
			goto undo;
		}
	}
	for (i = 0; i < fs->n; i++)
		if (fs->e[i].old != NULL)
			unlinkat(fs->e[i].dir, base(fs->e[i].old), 0);
	release(fs);
	return 0;
undo:
	/* put back what was replaced, newest first */
	while (done-- > 0) {
		struct fileset_entry *e = &fs->e[done];

		if (e->old != NULL ? renameat(e->dir, base(e->old), e->dir, base(e->path))
				   : unlinkat(e->dir, base(e->path), 0)) {
			size_t used = strlen(err);

			snprintf(err + used, errlen - used, "; %s could not be restored: %s", e->path,
				 strerror(errno));
		}
	}
	for (i = 0; i < fs->n; i++)
		if (fs->e[i].old != NULL)
			unlinkat(fs->e[i].dir, base(fs->e[i].old), 0);
	fileset_abort(fs);
	errno = saved;
	return -1;
}
