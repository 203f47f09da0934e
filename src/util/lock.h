/* An exclusive lock file (flock(2)) that serialises the processes and
 * threads changing shared state: triage.json and the reports of a run
 * (SPEC §12: no triage decision is lost).
 *
 * The lock belongs to the open file description, so two descriptors
 * exclude each other even inside one process (the TUI's writer thread and
 * its main thread), and the kernel drops it when the holder dies. The
 * file itself is never truncated nor removed: removing it would let a
 * waiter lock an unlinked inode while a newcomer locks a new one. */
#ifndef PPAUDIT_LOCK_H
#define PPAUDIT_LOCK_H

#include <stddef.h>

/* Called once when the lock has been busy for LOCK_NOTE_MS, before the
 * wait goes on; path is the lock file. */
typedef void (*lock_note_fn)(void *arg, const char *path);

enum { LOCK_NOTE_MS = 1000 };

/* Opens path (O_NOFOLLOW, created 0644 when missing; it must be a regular
 * file) and waits for an exclusive lock on it. note may be NULL. Returns
 * the descriptor that holds the lock, or -1 with "path: reason" in err. */
int lock_acquire(const char *path, lock_note_fn note, void *arg, char *err, size_t errlen);

/* Drops the lock and closes fd; -1 is ignored. */
void lock_release(int fd);

/* A note for command-line tools: one line on stderr naming the file. */
void lock_note_stderr(void *arg, const char *path);

#endif
