/* The one file-system layer; see fsutil.h for the confinement rules. */
#include "util/fsutil.h"
#include "util/xalloc.h"

#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* deeper than any folder this program creates or removes */
#define FS_REMOVE_DEPTH 8

struct fs_root {
	char *path;     /* normalised: no trailing '/', "." for the cwd */
	int fd;         /* O_PATH descriptor of the folder, -1 when unset */
};

static struct fs_root tree_root = { NULL, -1 }, out_root = { NULL, -1 };

static int confined_stat(const char *path, struct stat *st);

static int root_set(struct fs_root *r, const char *path)
{
	int fd = -1;
	size_t len;

	if (path != NULL) {
		fd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			return -1;
	}
	if (r->fd >= 0)
		close(r->fd);
	free(r->path);
	r->fd = fd;
	r->path = NULL;
	if (path == NULL)
		return 0;
	len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	r->path = len == 0 ? xstrdup(".") : xstrndup(path, len);
	return 0;
}

int fs_set_tree_root(const char *root) { return root_set(&tree_root, root); }
int fs_set_output_root(const char *root) { return root_set(&out_root, root); }

const char *fs_strerror(int err)
{
	switch (err) {
	case FS_ERR_LINK:
		return "a symbolic link (ppaudit never follows links in the audited tree or its output)";
	case FS_ERR_OUTSIDE:
		return "outside the audited tree or output folder";
	case FS_ERR_NOTREG:
		return "not a regular file (FIFOs, devices and sockets are never read)";
	case EPERM:
		return "outside the output folder (ppaudit writes nowhere else)";
	default:
		return strerror(err);
	}
}

/* The part of path below root ("" for the root itself), or NULL when the
 * path is not under it. */
static const char *rel_under(const struct fs_root *r, const char *path)
{
	const char *rel;
	size_t len;

	if (r->fd < 0 || path == NULL)
		return NULL;
	if (strcmp(r->path, ".") == 0) {
		if (path[0] == '/' || (path[0] == '.' && path[1] == '.' && (path[2] == '/' || !path[2])))
			return NULL;
		rel = path;
	} else {
		len = strlen(r->path);
		if (strcmp(r->path, "/") == 0)
			len = 0;
		if (strncmp(path, r->path, len) != 0 || (path[len] != '/' && path[len] != '\0'))
			return NULL;
		rel = path + len;
	}
	for (;;) {
		while (*rel == '/')
			rel++;
		if (rel[0] == '.' && (rel[1] == '/' || rel[1] == '\0'))
			rel++;
		else
			break;
	}
	return rel;
}

/* Copies the next component of *rel into buf and advances; 0 at the end,
 * -1 (errno set) for a ".." or an over-long name. "." is skipped. */
static int next_component(const char **rel, char *buf, size_t size)
{
	const char *s = *rel, *e;
	size_t n;

	for (;;) {
		while (*s == '/')
			s++;
		if (*s == '\0') {
			*rel = s;
			return 0;
		}
		e = strchr(s, '/');
		n = e ? (size_t)(e - s) : strlen(s);
		if (n == 1 && s[0] == '.') {
			s += 1;
			continue;
		}
		break;
	}
	if (n == 2 && s[0] == '.' && s[1] == '.') {
		errno = FS_ERR_OUTSIDE;
		return -1;
	}
	if (n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	*rel = s + n;
	return 1;
}

/* After a failed no-follow open of name in dirfd: ELOOP/ENOTDIR caused by a
 * link become FS_ERR_LINK, so messages say what happened. */
static void name_link_error(int dirfd, const char *name)
{
	struct stat st;
	int saved = errno;

	if ((saved == ELOOP || saved == ENOTDIR) &&
	    fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
		saved = FS_ERR_LINK;
	errno = saved;
}

/* Opens the folder rel (below rootfd) one component at a time with
 * O_NOFOLLOW, creating missing ones when asked. Returns an owned fd. */
static int walk_dirs(int rootfd, const char *rel, int create, unsigned mode)
{
	char name[NAME_MAX + 1];
	int cur = openat(rootfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc;

	if (cur < 0)
		return -1;
	while ((rc = next_component(&rel, name, sizeof name)) > 0) {
		int next = openat(cur, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

		if (next < 0 && errno == ENOENT && create) {
			if (mkdirat(cur, name, (mode_t)mode) != 0 && errno != EEXIST)
				goto fail;
			next = openat(cur, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		}
		if (next < 0) {
			name_link_error(cur, name);
			goto fail;
		}
		close(cur);
		cur = next;
	}
	if (rc < 0)
		goto fail;
	return cur;
fail:
	rc = errno;
	close(cur);
	errno = rc;
	return -1;
}

/* Splits rel into its folder part (heap) and last component (heap). */
static int split_leaf(const char *rel, char **dir, char **leaf)
{
	size_t len = strlen(rel);
	const char *slash;

	while (len > 0 && rel[len - 1] == '/')
		len--;
	if (len == 0) {
		errno = EINVAL;
		return -1;
	}
	slash = memrchr(rel, '/', len);
	*dir = slash ? xstrndup(rel, (size_t)(slash - rel)) : xstrdup("");
	*leaf = slash ? xstrndup(slash + 1, len - (size_t)(slash + 1 - rel)) : xstrndup(rel, len);
	if (strcmp(*leaf, ".") == 0 || strcmp(*leaf, "..") == 0) {
		free(*dir);
		free(*leaf);
		errno = FS_ERR_OUTSIDE;
		return -1;
	}
	return 0;
}

/* Opens rel below rootfd without following any link or leaving the
 * folder: openat2 where the kernel has it, else a component walk. */
static int open_beneath(int rootfd, const char *rel, int flags)
{
	char *dir, *leaf;
	int pfd, fd, saved;
#ifdef SYS_openat2
	static atomic_int no_openat2;

	if (!atomic_load_explicit(&no_openat2, memory_order_relaxed)) {
		struct open_how how;

		memset(&how, 0, sizeof how);
		how.flags = (uint64_t)flags;
		how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
		fd = (int)syscall(SYS_openat2, rootfd, *rel ? rel : ".", &how, sizeof how);
		if (fd >= 0 || (errno != ENOSYS && errno != EPERM))
			return fd;
		/* ENOSYS: old kernel; EPERM: a seccomp filter that denies it */
		atomic_store_explicit(&no_openat2, 1, memory_order_relaxed);
	}
#endif
	if (*rel == '\0')
		return openat(rootfd, ".", flags);
	if (split_leaf(rel, &dir, &leaf) != 0)
		return -1;
	pfd = walk_dirs(rootfd, dir, 0, 0);
	fd = pfd < 0 ? -1 : openat(pfd, leaf, flags | O_NOFOLLOW);
	if (fd < 0 && pfd >= 0)
		name_link_error(pfd, leaf);
	saved = errno;
	if (pfd >= 0)
		close(pfd);
	free(dir);
	free(leaf);
	errno = saved;
	return fd;
}

/* Opens path for reading (or O_PATH) under whichever root holds it. */
static int open_confined(const char *path, int flags)
{
	const char *rel;

	/* the output root first: it may be a folder of its own beside the tree */
	if ((rel = rel_under(&out_root, path)) != NULL)
		return open_beneath(out_root.fd, rel, flags);
	if ((rel = rel_under(&tree_root, path)) != NULL)
		return open_beneath(tree_root.fd, rel, flags);
	return open(path, flags);
}

char *fs_read_file(const char *path, size_t max, size_t *len_out)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	int fd = open_confined(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	char *buf;
	size_t cap, len = 0;
	int saved;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		errno = FS_ERR_NOTREG;
		goto fail;
	}
	if (max && st.st_size > 0 && (size_t)st.st_size > max) {
		errno = EFBIG;
		goto fail;
	}
	cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	buf = xmalloc(cap);
	for (;;) {
		ssize_t n;
		if (len + 1 >= cap) {
			/* the buffer is full at the size fstat gave: most files end
			 * here, so look for more before doubling it (a doubled
			 * buffer stays with the model for the whole run) */
			char probe[4096];

			if (max && len > max) {
				errno = EFBIG;
				goto fail_free;
			}
			n = read(fd, probe, sizeof probe);
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				goto fail_free;
			if (n == 0)
				break;
			cap = (cap + (size_t)n) * 2;
			buf = xrealloc(buf, cap);
			memcpy(buf + len, probe, (size_t)n);
			len += (size_t)n;
			continue;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail_free;
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	if (len_out)
		*len_out = len;
	return buf;
fail_free:
	saved = errno;
	free(buf);
	errno = saved;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return NULL;
}

long fs_read_head(const char *path, char *buf, size_t size)
{
	int fd = open_confined(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	ssize_t n;
	int saved;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		saved = S_ISREG(st.st_mode) ? errno : FS_ERR_NOTREG;
		close(fd);
		errno = saved;
		return -1;
	}
	do
		n = read(fd, buf, size);
	while (n < 0 && errno == EINTR);
	saved = errno;
	close(fd);
	errno = saved;
	return (long)n;
}

/* A name no one else can have picked: pid plus 64 random bits. */
static char *fresh_name(const char *prefix)
{
	static atomic_uint counter;
	uint64_t r = 0;

	if (getrandom(&r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		r = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^
		    ((uint64_t)atomic_fetch_add(&counter, 1) << 40);
	}
	return xasprintf("%s%ld-%016llx", prefix, (long)getpid(), (unsigned long long)r);
}

/* The folder that will hold path's last component, as an owned fd, and
 * that component. confined: path must be under the output root (when one
 * is set); otherwise the folder is opened as named. */
static int parent_of(const char *path, int confined, int create, char **leaf)
{
	const char *rel = confined ? rel_under(&out_root, path) : NULL;
	char *dir;
	int fd, saved;

	if (confined && out_root.fd >= 0 && rel == NULL) {
		errno = EPERM;
		return -1;
	}
	if (rel != NULL) {
		if (split_leaf(rel, &dir, leaf) != 0)
			return -1;
		fd = walk_dirs(out_root.fd, dir, create, 0755);
	} else {
		if (split_leaf(path, &dir, leaf) != 0)
			return -1;
		if (path[0] == '/' && dir[0] == '\0') {
			free(dir);
			dir = xstrdup("/");
		}
		fd = open(dir[0] ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	saved = errno;
	free(dir);
	if (fd < 0) {
		free(*leaf);
		*leaf = NULL;
	}
	errno = saved;
	return fd;
}

/* Temp file (exclusive, no-follow) in dirfd, fsynced, renamed to leaf. */
static int write_in(int dirfd, const char *leaf, const char *data, size_t len)
{
	char *tmp = NULL;
	int fd = -1, tries, saved;
	size_t off = 0;

	for (tries = 0; tries < 16 && fd < 0; tries++) {
		free(tmp);
		tmp = fresh_name(".ppaudit-tmp-");
		fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0)
		goto fail_free;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail_close;
		}
		off += (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail_close;
	if (close(fd) != 0) {
		fd = -1;
		goto fail_unlink;
	}
	if (renameat(dirfd, tmp, dirfd, leaf) != 0)
		goto fail_unlink;
	free(tmp);
	return 0;
fail_close:
	saved = errno;
	close(fd);
	errno = saved;
fail_unlink:
	saved = errno;
	unlinkat(dirfd, tmp, 0);
	errno = saved;
fail_free:
	saved = errno;
	free(tmp);
	errno = saved;
	return -1;
}

static int write_path(const char *path, int confined, const char *data, size_t len)
{
	char *leaf = NULL;
	int dfd = parent_of(path, confined, 0, &leaf), rc, saved;

	if (dfd < 0)
		return -1;
	rc = write_in(dfd, leaf, data, len);
	saved = errno;
	close(dfd);
	free(leaf);
	errno = saved;
	return rc;
}

int fs_write_atomic(const char *path, const char *data, size_t len)
{
	return write_path(path, 1, data, len);
}

int fs_write_user(const char *path, const char *data, size_t len)
{
	return write_path(path, 0, data, len);
}

int fs_open_parent(const char *path, char **leaf)
{
	*leaf = NULL;
	return parent_of(path, 1, 0, leaf);
}

int fs_write_at(int dirfd, const char *leaf, const char *data, size_t len)
{
	return write_in(dirfd, leaf, data, len);
}

int fs_open_lock(const char *path)
{
	char *leaf = NULL;
	int dfd = parent_of(path, 1, 0, &leaf), fd, saved;

	if (dfd < 0)
		return -1;
	fd = openat(dfd, leaf, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		name_link_error(dfd, leaf);
	saved = errno;
	close(dfd);
	free(leaf);
	errno = saved;
	return fd;
}

int fs_mkdir_p(const char *path, unsigned mode)
{
	const char *rel = rel_under(&out_root, path);
	int fd;

	if (out_root.fd < 0)
		return fs_mkdir_p_user(path, mode);
	if (rel == NULL) {
		errno = EPERM;
		return -1;
	}
	fd = walk_dirs(out_root.fd, rel, 1, mode);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

int fs_mkdir_p_user(const char *path, unsigned mode)
{
	char *p, *s;
	int rc = 0;
	struct stat st;

	p = xstrdup(path);
	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, mode) != 0 && errno != EEXIST) {
				rc = -1;
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	if (rc == 0 && (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))) {
		errno = ENOTDIR;
		rc = -1;
	}
	free(p);
	return rc;
}

char *fs_mkdtemp_in(const char *dir)
{
	char *probe = fs_join(dir, "x"), *leaf = NULL, *name = NULL, *out = NULL;
	int dfd = parent_of(probe, 1, 0, &leaf), tries, saved;

	free(probe);
	free(leaf);
	if (dfd < 0)
		return NULL;
	for (tries = 0; tries < 16; tries++) {
		free(name);
		name = fresh_name(".ppaudit-tmp-");
		if (mkdirat(dfd, name, 0755) == 0) {
			out = fs_join(dir, name);
			break;
		}
		if (errno != EEXIST)
			break;
	}
	saved = errno;
	free(name);
	close(dfd);
	errno = saved;
	return out;
}

/* Removes folder name in dfd: entries are unlinked, real sub-folders
 * removed in turn; nothing is ever entered through a link. */
static int remove_at(int dfd, const char *name, int depth)
{
	struct stat st;
	struct dirent *e;
	DIR *d;
	int fd, rc = 0;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = S_ISLNK(st.st_mode) ? FS_ERR_LINK : ENOTDIR;
		return -1;
	}
	if (depth > FS_REMOVE_DEPTH) {
		errno = ELOOP;
		return -1;
	}
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		struct stat es;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (fstatat(fd, e->d_name, &es, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(es.st_mode)) {
			if (remove_at(fd, e->d_name, depth + 1) != 0)
				rc = -1;
		} else if (unlinkat(fd, e->d_name, 0) != 0) {
			rc = -1;
		}
	}
	closedir(d);
	if (unlinkat(dfd, name, AT_REMOVEDIR) != 0)
		rc = -1;
	return rc;
}

int fs_remove_tree(const char *path)
{
	char *leaf = NULL;
	int dfd = parent_of(path, 1, 0, &leaf), rc, saved;

	if (dfd < 0)
		return -1;
	rc = remove_at(dfd, leaf, 0);
	saved = errno;
	close(dfd);
	free(leaf);
	errno = saved;
	return rc;
}

int fs_replace_dir(const char *tmp, const char *dst)
{
	char *tleaf = NULL, *dleaf = NULL, *aside = NULL;
	int tfd = -1, dfd = -1, rc = -1, saved;
	struct stat st;

	tfd = parent_of(tmp, 1, 0, &tleaf);
	if (tfd < 0)
		goto out;
	dfd = parent_of(dst, 1, 0, &dleaf);
	if (dfd < 0)
		goto out;
	if (renameat2(tfd, tleaf, dfd, dleaf, RENAME_NOREPLACE) == 0) {
		rc = 0;
		goto out;
	}
	if (errno != EEXIST && errno != EINVAL && errno != ENOSYS)
		goto out;
	if (fstatat(dfd, dleaf, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		/* no RENAME_NOREPLACE here and no dst: a plain rename */
		if (errno == ENOENT)
			rc = renameat(tfd, tleaf, dfd, dleaf);
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		errno = S_ISLNK(st.st_mode) ? FS_ERR_LINK : ENOTDIR;
		goto out;
	}
	if (renameat2(tfd, tleaf, dfd, dleaf, RENAME_EXCHANGE) == 0) {
		remove_at(tfd, tleaf, 0);   /* now the old folder */
		rc = 0;
		goto out;
	}
	/* no exchange on this file system: move the old folder aside first */
	aside = fresh_name(".ppaudit-old-");
	if (renameat(dfd, dleaf, dfd, aside) != 0)
		goto out;
	if (renameat(tfd, tleaf, dfd, dleaf) != 0) {
		saved = errno;
		renameat(dfd, aside, dfd, dleaf);
		errno = saved;
		goto out;
	}
	remove_at(dfd, aside, 0);
	rc = 0;
out:
	saved = errno;
	if (tfd >= 0)
		close(tfd);
	if (dfd >= 0)
		close(dfd);
	free(tleaf);
	free(dleaf);
	free(aside);
	errno = saved;
	return rc;
}

int fs_move_dir_new(const char *tmp, const char *dst)
{
	char *tleaf = NULL, *dleaf = NULL;
	int tfd, dfd = -1, rc = -1, saved;
	struct stat st;

	tfd = parent_of(tmp, 1, 0, &tleaf);
	if (tfd < 0)
		return -1;
	dfd = parent_of(dst, 1, 0, &dleaf);
	if (dfd < 0)
		goto out;
	rc = renameat2(tfd, tleaf, dfd, dleaf, RENAME_NOREPLACE);
	if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
		/* no RENAME_NOREPLACE on this file system: check, then move */
		if (fstatat(dfd, dleaf, &st, AT_SYMLINK_NOFOLLOW) == 0)
			errno = EEXIST;
		else
			rc = renameat(tfd, tleaf, dfd, dleaf);
	}
out:
	saved = errno;
	close(tfd);
	if (dfd >= 0)
		close(dfd);
	free(tleaf);
	free(dleaf);
	errno = saved;
	return rc;
}

int fs_exists(const char *path)
{
	struct stat st;
	return confined_stat(path, &st) == 0 || errno == FS_ERR_LINK || errno == ELOOP;
}

DIR *fs_opendir(const char *path)
{
	int fd = open_confined(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (d == NULL)
		close(fd);
	return d;
}

int fs_rel_is_safe(const char *rel)
{
	char name[NAME_MAX + 1];
	int rc;

	if (rel == NULL || rel[0] == '\0' || rel[0] == '/')
		return 0;
	while ((rc = next_component(&rel, name, sizeof name)) > 0)
		;
	return rc == 0;
}

char *fs_join(const char *a, const char *b)
{
	size_t la = strlen(a);

	if (la == 0 || strcmp(a, ".") == 0)
		return xstrdup(b);
	if (b[0] == '/')
		return xstrdup(b);
	if (a[la - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

/* stat that never follows a link under a root. */
static int confined_stat(const char *path, struct stat *st)
{
	int fd = open_confined(path, O_PATH | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fstat(fd, st);
	close(fd);
	return rc;
}

int fs_is_dir(const char *path)
{
	struct stat st;
	return confined_stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fs_is_file(const char *path)
{
	struct stat st;
	return confined_stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int fs_is_link(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

long long fs_file_size(const char *path)
{
	struct stat st;
	if (confined_stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return -1;
	return (long long)st.st_size;
}

/* The pid in a temp name "<prefix><pid>-<hex>" (see fresh_name), or 0. */
static long temp_pid(const char *name)
{
	static const char *const prefixes[] = { ".ppaudit-tmp-", ".ppaudit-old-" };
	size_t i;

	for (i = 0; i < 2; i++) {
		size_t n = strlen(prefixes[i]);
		if (strncmp(name, prefixes[i], n) == 0) {
			char *end;
			long pid = strtol(name + n, &end, 10);
			return *end == '-' && pid > 0 ? pid : 0;
		}
	}
	return 0;
}

int fs_clean_stale_temps(const char *dir)
{
	char *probe = fs_join(dir, "x"), *leaf = NULL;
	int dfd = parent_of(probe, 1, 0, &leaf), removed = 0;
	struct dirent *e;
	DIR *d;

	free(probe);
	free(leaf);
	if (dfd < 0)
		return 0;
	d = fdopendir(dfd);
	if (d == NULL) {
		close(dfd);
		return 0;
	}
	while ((e = readdir(d)) != NULL) {
		long pid = temp_pid(e->d_name);
		struct stat st;

		if (pid <= 0 || pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;   /* still running (or not ours to ask) */
		if (fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (S_ISDIR(st.st_mode) ? remove_at(dfd, e->d_name, FS_REMOVE_DEPTH - 1) == 0
					: unlinkat(dfd, e->d_name, 0) == 0)
			removed++;
	}
	closedir(d);
	return removed;
}
