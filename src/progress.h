/* Live progress of a run, shared between the run thread, the workers and
 * the UI.
 *
 * DESIGN
 * Each auditor owns one slot and is its only writer; counters are C11
 * atomics with relaxed ordering, so workers never wait on the reader. The
 * UI copies the slots 10-20 times a second. Log lines go through a small
 * mutex-protected ring (rare, never on the per-node hot path). A wake pipe
 * (wake_fd[1]) gets one byte at each phase change so a sleeping UI redraws
 * at once. cancel is set by the UI / signal handler and polled by workers
 * between files. */
#ifndef PPAUDIT_PROGRESS_H
#define PPAUDIT_PROGRESS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

enum phase {
	PHASE_IDLE, PHASE_DISCOVER, PHASE_FILES, PHASE_PARSE, PHASE_AUDIT,
	PHASE_AGGREGATE, PHASE_REPORT, PHASE_DONE, PHASE_CANCELLED, PHASE_FAILED
};

enum worker_state { WORKER_WAITING, WORKER_RUNNING, WORKER_DONE, WORKER_CANCELLED, WORKER_FAILED };

enum { PROGRESS_WORKERS = 4, PROGRESS_LOG_LINES = 64, PROGRESS_LOG_LEN = 200 };

struct progress_slot {
	atomic_uint files_done;
	atomic_uint files_total;
	atomic_uint counts[4];        /* indexed by enum severity */
	atomic_int state;             /* enum worker_state */
	atomic_int current_file;      /* index into project files, -1 none */
	atomic_llong started_ms, finished_ms;
};

struct progress {
	atomic_int phase;             /* enum phase */
	atomic_int cancel;            /* set to request cancellation */
	atomic_uint parse_done, parse_total;
	atomic_llong started_ms;
	struct progress_slot workers[PROGRESS_WORKERS];
	pthread_mutex_t log_lock;
	char log[PROGRESS_LOG_LINES][PROGRESS_LOG_LEN];
	unsigned log_head;            /* total lines ever logged */
	int wake_fd[2];               /* -1 when unused */
};

void progress_init(struct progress *p);
void progress_destroy(struct progress *p);
void progress_set_phase(struct progress *p, enum phase ph);
void progress_log(struct progress *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Copies the latest log line into buf; returns the number of lines ever logged. */
unsigned progress_last_log(struct progress *p, char *buf, size_t size);
static inline int progress_cancelled(struct progress *p)
{
	return atomic_load_explicit(&p->cancel, memory_order_relaxed);
}
long long progress_now_ms(void);

#endif
