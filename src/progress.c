/* Progress counters and the log ring shared by the run and the UI. */
#include "progress.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

long long progress_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void progress_init(struct progress *p)
{
	int i;

	memset(p, 0, sizeof *p);
	atomic_init(&p->phase, PHASE_IDLE);
	atomic_init(&p->cancel, 0);
	atomic_init(&p->started_ms, progress_now_ms());
	for (i = 0; i < PROGRESS_WORKERS; i++) {
		atomic_init(&p->workers[i].state, WORKER_WAITING);
		atomic_init(&p->workers[i].current_file, -1);
	}
	pthread_mutex_init(&p->log_lock, NULL);
	if (pipe(p->wake_fd) != 0) {
		p->wake_fd[0] = p->wake_fd[1] = -1;
	} else {
		fcntl(p->wake_fd[0], F_SETFL, O_NONBLOCK);
		fcntl(p->wake_fd[1], F_SETFL, O_NONBLOCK);
		fcntl(p->wake_fd[0], F_SETFD, FD_CLOEXEC);
		fcntl(p->wake_fd[1], F_SETFD, FD_CLOEXEC);
	}
}

void progress_destroy(struct progress *p)
{
	pthread_mutex_destroy(&p->log_lock);
	if (p->wake_fd[0] >= 0) {
		close(p->wake_fd[0]);
		close(p->wake_fd[1]);
		p->wake_fd[0] = p->wake_fd[1] = -1;
	}
}

/* Wakes a sleeping UI; a full pipe already means "wake up". */
static void progress_wake(struct progress *p)
{
	char c = 1;

	if (p->wake_fd[1] >= 0 && write(p->wake_fd[1], &c, 1) < 0) {
		/* EAGAIN: a wake-up is already pending */
	}
}

void progress_set_phase(struct progress *p, enum phase ph)
{
	atomic_store(&p->phase, ph);
	progress_wake(p);
}

void progress_log(struct progress *p, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&p->log_lock);
	va_start(ap, fmt);
	vsnprintf(p->log[p->log_head % PROGRESS_LOG_LINES], PROGRESS_LOG_LEN, fmt, ap);
	va_end(ap);
	p->log_head++;
	pthread_mutex_unlock(&p->log_lock);
	progress_wake(p);
}

unsigned progress_last_log(struct progress *p, char *buf, size_t size)
{
	unsigned n;

	pthread_mutex_lock(&p->log_lock);
	n = p->log_head;
	if (n == 0)
		snprintf(buf, size, "%s", "");
	else
		snprintf(buf, size, "%s", p->log[(n - 1) % PROGRESS_LOG_LINES]);
	pthread_mutex_unlock(&p->log_lock);
	return n;
}
