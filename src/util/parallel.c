/* parallel_for (parallel.h): a shared counter of chunks. */
#include "util/parallel.h"

#include <pthread.h>
#include <stdatomic.h>

enum { PARALLEL_MAX_THREADS = 64 };

struct parallel_job {
	size_t n, chunk;
	atomic_size_t next;
	void (*fn)(void *ctx, size_t from, size_t to);
	void *ctx;
};

static void *parallel_worker(void *arg)
{
	struct parallel_job *j = arg;
	size_t from;

	while ((from = atomic_fetch_add(&j->next, j->chunk)) < j->n)
		j->fn(j->ctx, from, from + j->chunk < j->n ? from + j->chunk : j->n);
	return NULL;
}

void parallel_for(size_t n, int jobs, size_t chunk,
		  void (*fn)(void *ctx, size_t from, size_t to), void *ctx)
{
	struct parallel_job j = { .n = n, .chunk = chunk ? chunk : 1, .fn = fn, .ctx = ctx };
	pthread_t th[PARALLEL_MAX_THREADS];
	int started = 0;

	atomic_init(&j.next, 0);
	if (jobs > PARALLEL_MAX_THREADS)
		jobs = PARALLEL_MAX_THREADS;
	/* no more threads than chunks */
	for (int i = 1; i < jobs && (size_t)i * j.chunk < n; i++)
		if (pthread_create(&th[started], NULL, parallel_worker, &j) == 0)
			started++;
	parallel_worker(&j);
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
}
