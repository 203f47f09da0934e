/* Lock files; see lock.h. */
#include "util/lock.h"
#include "util/fsutil.h"
#include "util/sanitize.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Sleeps ms milliseconds (EINTR cuts it short, which only polls sooner). */
static void lock_nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Takes the lock on path; see lock.h. */
int lock_acquire(const char *path, lock_note_fn note, void *arg, char *err, size_t errlen)
{
	struct stat st;
	long waited = 0, nap = 1;
	int fd, rc;

	/* never O_TRUNC: the file may be a link planted by someone else, and
	 * no link is followed, neither the file nor a folder on its way that
	 * was swapped for one after the run made it */
	fd = fs_open_lock(path);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, fs_strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	/* poll first, so that a long wait can be explained once, then block
	 * (the kernel wakes a blocked waiter as soon as the lock is free) */
	while ((rc = flock(fd, LOCK_EX | LOCK_NB)) != 0 && (errno == EWOULDBLOCK || errno == EINTR) &&
	       waited < LOCK_NOTE_MS) {
		lock_nap(nap);
		waited += nap;
		if (nap < 32)
			nap *= 2;
	}
	if (rc != 0 && (errno == EWOULDBLOCK || errno == EINTR)) {
		if (note != NULL)
			note(arg, path);
		while ((rc = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
			;
	}
	if (rc != 0) {
		snprintf(err, errlen, "%s: cannot lock: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* Drops the lock; see lock.h. */
void lock_release(int fd)
{
	if (fd < 0)
		return;
	flock(fd, LOCK_UN);
	close(fd);
}

/* The command-line note; see lock.h. */
void lock_note_stderr(void *arg, const char *path)
{
	(void)arg;
	term_printf(stderr, "ppaudit: waiting for %s (another ppaudit run or triage is writing)...\n",
		path);
}
