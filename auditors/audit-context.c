/* The audit context (audit-context.h): a short list of caches, looked up
 * by their definition's address. */
#include "audit-context.h"

#include <stdlib.h>

#include "util/xalloc.h"

struct audit_context {
	struct {
		const struct audit_cache_def *def;
		void *state;
	} *caches;
	size_t n, cap;
};

struct audit_context *audit_context_new(void)
{
	return xcalloc(1, sizeof(struct audit_context));
}

void audit_context_free(struct audit_context *ac)
{
	size_t i;

	if (ac == NULL)
		return;
	for (i = 0; i < ac->n; i++) {
		if (ac->caches[i].def->release != NULL)
			ac->caches[i].def->release(ac->caches[i].state);
		free(ac->caches[i].state);
	}
	free(ac->caches);
	free(ac);
}

void *audit_context_cache(struct audit_context *ac, const struct audit_cache_def *def)
{
	size_t i;

	/* a handful of caches per run: a linear scan beats a hash here */
	for (i = 0; i < ac->n; i++)
		if (ac->caches[i].def == def)
			return ac->caches[i].state;
	XGROW(ac->caches, ac->cap, ac->n + 1);
	ac->caches[ac->n].def = def;
	ac->caches[ac->n].state = xcalloc(1, def->size ? def->size : 1);
	if (def->init != NULL)
		def->init(ac->caches[ac->n].state);
	return ac->caches[ac->n++].state;
}
