/* Background writer of triage.json.
 *
 * DESIGN
 * triage_save serializes every decision and the whole history and fsyncs
 * the file: with a few thousand decisions that is tens of milliseconds,
 * too slow to sit between a keypress and the screen. So the UI records
 * the decision in memory (triage_record), updates the run and the screen,
 * and asks this thread to write the file at once. The thread only reads
 * the triage state; the main thread calls saver_quiesce() before any
 * change to it (triage_record), so the two never overlap. Requests made
 * while a save runs are folded into one more save. A failed save is
 * reported on the status line by the main loop (saver_poll) and retried
 * with the next request; tui exit flushes and reports a failure on stderr.
 *
 * The in-memory state was loaded when the TUI started; a `ppaudit triage`
 * or another TUI may have saved decisions since. So a save never writes
 * that copy: under the history lock it loads triage.json as it is now,
 * replays onto it the history entries this session added since its last
 * save (its own decisions, in order), and writes the result. Where no
 * thread can be made, the same save runs on the caller's thread. */
#include "view.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history.h"
#include "triage.h"
#include "util/lock.h"
#include "util/xalloc.h"

struct saver {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;           /* signals both ways: work, and done */
	const struct triage *tri;
	char *path;                  /* triage.json */
	char *out_root;              /* for the history lock */
	size_t saved;                /* tri->history[0..saved) is on disk */
	struct triage_step_map steps; /* our step numbers -> the file's */
	int threaded;                /* 0: saves run on the caller's thread */
	int pending;                 /* a save was asked for */
	int busy;                    /* the thread is saving */
	int hold;                    /* the main thread is changing the state */
	int quit;
	int failed;                  /* last save failed; err holds why */
	int reported;                /* the failure was shown */
	char err[512];
};

/* Merges this session's decisions since the last save onto triage.json,
 * under the lock; 0, or -1 with err set (retried with the next request). */
static int saver_merge(struct saver *s, char *err, size_t errlen)
{
	size_t upto = s->tri->n_history, n_steps;
	struct triage *disk;
	int fd, rc;

	err[0] = '\0';
	fd = history_lock(s->out_root, NULL, NULL, err, errlen);
	if (fd < 0)
		return -1;
	disk = triage_load(s->path, err, errlen);
	if (disk == NULL) {
		lock_release(fd);
		return -1;
	}
	n_steps = s->steps.n;
	triage_replay(disk, s->tri, s->saved, &s->steps);
	rc = triage_save(disk, s->path, err, errlen);
	lock_release(fd);
	triage_free(disk);
	if (rc == 0)
		s->saved = upto;
	else
		s->steps.n = n_steps;  /* the pairs of a save that failed name nothing on disk */
	return rc;
}

/* The thread: waits for requests and saves the latest state. */
static void *saver_main(void *arg)
{
	struct saver *s = arg;
	char err[512];
	int rc;

	pthread_mutex_lock(&s->mu);
	for (;;) {
		/* at quit the main thread waits in saver_stop: hold no longer matters */
		while (!(s->pending && (!s->hold || s->quit)) && !s->quit)
			pthread_cond_wait(&s->cv, &s->mu);
		if (!s->pending && s->quit)
			break;
		s->pending = 0;
		s->busy = 1;
		pthread_mutex_unlock(&s->mu);
		err[0] = '\0';
		rc = saver_merge(s, err, sizeof err);
		pthread_mutex_lock(&s->mu);
		s->busy = 0;
		s->failed = rc != 0;
		s->reported = 0;
		snprintf(s->err, sizeof s->err, "%s", err);
		pthread_cond_broadcast(&s->cv);
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

/* Starts the writer of tri to path. The history tri holds now is taken
 * to be on disk already: later entries are this session's decisions. */
struct saver *saver_start(const struct triage *tri, const char *path, const char *out_root)
{
	struct saver *s = xcalloc(1, sizeof *s);
	sigset_t block, old;

	s->tri = tri;
	s->path = xstrdup(path);
	s->out_root = xstrdup(out_root);
	s->saved = tri->n_history;
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	/* signals (Ctrl-C, resize, termination) must reach the main thread,
	 * where curses lives: the writer starts with them blocked */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGWINCH);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	s->threaded = pthread_create(&s->thread, NULL, saver_main, s) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return s;
}

/* Asks for a save of the current state (and ends a saver_quiesce hold);
 * returns at once. */
void saver_request(struct saver *s)
{
	if (!s->threaded) {
		/* no thread: save on the spot */
		char err[512];
		int rc = saver_merge(s, err, sizeof err);

		pthread_mutex_lock(&s->mu);
		s->failed = rc != 0;
		s->reported = 0;
		snprintf(s->err, sizeof s->err, "%s", err);
		pthread_mutex_unlock(&s->mu);
		return;
	}
	pthread_mutex_lock(&s->mu);
	s->hold = 0;
	s->pending = 1;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* Waits until the thread is not reading the triage state and keeps it
 * from starting, before the main thread changes that state; the next
 * saver_request lets it go. */
void saver_quiesce(struct saver *s)
{
	pthread_mutex_lock(&s->mu);
	s->hold = 1;
	while (s->busy)
		pthread_cond_wait(&s->cv, &s->mu);
	pthread_mutex_unlock(&s->mu);
}

/* Whether a save is pending or running. */
int saver_busy(struct saver *s)
{
	int b;

	pthread_mutex_lock(&s->mu);
	b = s->pending || s->busy;
	pthread_mutex_unlock(&s->mu);
	return b;
}

/* Whether every decision recorded so far is on disk. */
int saver_synced(struct saver *s)
{
	int ok;

	pthread_mutex_lock(&s->mu);
	ok = !s->pending && !s->busy && !s->failed && s->saved == s->tri->n_history;
	pthread_mutex_unlock(&s->mu);
	return ok;
}

/* Waits up to timeout_ms (forever when negative) for the pending saves to
 * finish; returns 1 when idle. */
int saver_wait(struct saver *s, int timeout_ms)
{
	struct timespec until;
	int idle;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&s->mu);
	while (s->pending || s->busy) {
		if (timeout_ms < 0)
			pthread_cond_wait(&s->cv, &s->mu);
		else if (pthread_cond_timedwait(&s->cv, &s->mu, &until) != 0)
			break;
	}
	idle = !s->pending && !s->busy;
	pthread_mutex_unlock(&s->mu);
	return idle;
}

/* A failure not yet shown: copies its text to err and returns 1. */
int saver_poll(struct saver *s, char *err, size_t errlen)
{
	int r = 0;

	pthread_mutex_lock(&s->mu);
	if (s->failed && !s->reported && !s->busy) {
		snprintf(err, errlen, "%s", s->err);
		s->reported = 1;
		r = 1;
	}
	pthread_mutex_unlock(&s->mu);
	return r;
}

/* Flushes, stops the thread and frees; returns -1 (err set) when the last
 * save failed. */
int saver_stop(struct saver *s, char *err, size_t errlen)
{
	int rc;

	if (s == NULL)
		return 0;
	/* a failed save gets one more try: its decisions are still pending */
	if (s->threaded) {
		pthread_mutex_lock(&s->mu);
		s->quit = 1;
		if (s->failed)
			s->pending = 1;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->thread, NULL);
	} else if (s->failed) {
		saver_request(s);
	}
	rc = s->failed ? -1 : 0;
	if (rc != 0)
		snprintf(err, errlen, "%s", s->err);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	triage_step_map_release(&s->steps);
	free(s->path);
	free(s->out_root);
	free(s);
	return rc;
}
