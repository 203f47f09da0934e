/* File-system helpers. */
#include "util/fsutil.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *fs_read_file(const char *path, size_t max, size_t *len_out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
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
	if (max && st.st_size > 0 && (size_t)st.st_size > max) {
		errno = EFBIG;
		goto fail;
	}
	cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	buf = xmalloc(cap);
	for (;;) {
		ssize_t n;
		if (len + 1 >= cap) {
			if (max && len > max) {
				free(buf);
				errno = EFBIG;
				goto fail;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			saved = errno;
			free(buf);
			errno = saved;
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	if (len_out)
		*len_out = len;
	return buf;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return NULL;
}

int fs_write_atomic(const char *path, const char *data, size_t len)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	int fd, saved;
	size_t off = 0;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
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
	if (rename(tmp, path) != 0)
		goto fail_unlink;
	free(tmp);
	return 0;
fail_close:
	saved = errno;
	close(fd);
	errno = saved;
fail_unlink:
	saved = errno;
	unlink(tmp);
	errno = saved;
fail_free:
	saved = errno;
	free(tmp);
	errno = saved;
	return -1;
}

int fs_mkdir_p(const char *path, unsigned mode)
{
	char *p = xstrdup(path), *s;
	int rc = 0;

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
	if (rc == 0 && !fs_is_dir(p)) {
		errno = ENOTDIR;
		rc = -1;
	}
	free(p);
	return rc;
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

int fs_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fs_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}
