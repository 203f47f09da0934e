/* The check registry; see checks.h. */
#include "checks.h"

#include <string.h>

const struct check_def check_defs[CHECK_COUNT] = {
	/* ln-651 Query Efficiency */
	{ "missing_bulk_ops", "Missing bulk operations", CAT_QUERY,
	  "Query Efficiency / Batch writes", 'S' },
	{ "n_update_delete_loop", "N UPDATE/DELETE loop", CAT_QUERY,
	  "Query Efficiency / Set-based writes", 'M' },
	{ "n_plus_one", "N+1 query", CAT_QUERY,
	  "Query Efficiency / Eager loading", 'M' },
	{ "over_fetching", "Over-fetching columns", CAT_QUERY,
	  "Query Efficiency / Column projection", 'S' },
	{ "redundant_fetch", "Redundant entity fetch", CAT_QUERY,
	  "Query Efficiency / Pass loaded entities", 'S' },
	{ "unnecessary_resolve", "Unnecessary ID resolve", CAT_QUERY,
	  "Query Efficiency / Pass the value, not the key", 'S' },
	{ "wrong_caching_scope", "Wrong caching scope", CAT_QUERY,
	  "Query Efficiency / Cache at the right scope", 'M' },
	/* ln-652 Transaction Correctness */
	{ "missing_rollback", "Missing rollback", CAT_TRANSACTION,
	  "Transaction Correctness / Error handling", 'S' },
	{ "transaction_wide", "Transaction too wide", CAT_TRANSACTION,
	  "Transaction Correctness / Transaction scope", 'M' },
	{ "missing_intermediate_commits", "Missing intermediate commits", CAT_TRANSACTION,
	  "Transaction Correctness / Commit granularity", 'M' },
	{ "transaction_narrow", "Transaction too narrow", CAT_TRANSACTION,
	  "Transaction Correctness / Atomicity", 'S' },
	{ "long_held_transaction", "Long-held transaction", CAT_TRANSACTION,
	  "Transaction Correctness / Transaction scope", 'M' },
	/* ln-653 Runtime Performance */
	{ "blocking_io", "Blocking I/O in async code", CAT_RUNTIME,
	  "Runtime Performance / Non-blocking I/O", 'S' },
	{ "sync_sleep", "Synchronous sleep in async code", CAT_RUNTIME,
	  "Runtime Performance / Non-blocking I/O", 'S' },
	{ "cpu_bound", "CPU-bound work on the event loop", CAT_RUNTIME,
	  "Runtime Performance / Offload CPU work", 'M' },
	{ "unnecessary_allocation", "Unnecessary intermediate collection", CAT_RUNTIME,
	  "Runtime Performance / Allocation", 'S' },
	{ "string_concat_loop", "String concatenation in a loop", CAT_RUNTIME,
	  "Runtime Performance / Allocation", 'S' },
	{ "redundant_copy", "Copy that is only read", CAT_RUNTIME,
	  "Runtime Performance / Allocation", 'S' },
	/* ln-654 Resource Lifecycle */
	{ "resource_scope_mismatch", "Session held longer than it is used", CAT_RESOURCE,
	  "Resource Lifecycle / Scope", 'M' },
	{ "streaming_resource_holding", "Session held open by a stream", CAT_RESOURCE,
	  "Resource Lifecycle / Streaming", 'M' },
	{ "missing_cleanup", "Resource acquired without guaranteed release", CAT_RESOURCE,
	  "Resource Lifecycle / Cleanup", 'S' },
	{ "pool_configuration", "Connection pool configuration", CAT_RESOURCE,
	  "Resource Lifecycle / Pool configuration", 'S' },
	{ "error_path_leak", "Resource leaked on an error path", CAT_RESOURCE,
	  "Resource Lifecycle / Error paths", 'S' },
	{ "factory_vs_injection", "Request session outlives the request", CAT_RESOURCE,
	  "Resource Lifecycle / Scope", 'M' },
};

const struct worker_def worker_defs[CAT_COUNT] = {
	{ "ln-651", CAT_QUERY, "651-query-efficiency.md", CHECKS_QE, CHECKS_TC - CHECKS_QE },
	{ "ln-652", CAT_TRANSACTION, "652-transaction-correctness.md", CHECKS_TC,
	  CHECKS_RP - CHECKS_TC },
	{ "ln-653", CAT_RUNTIME, "653-runtime-performance.md", CHECKS_RP, CHECKS_RL - CHECKS_RP },
	{ "ln-654", CAT_RESOURCE, "654-resource-lifecycle.md", CHECKS_RL, CHECK_COUNT - CHECKS_RL },
};

const struct check_def *checks_find(const char *id)
{
	size_t i;

	if (id == NULL)
		return NULL;
	for (i = 0; i < CHECK_COUNT; i++)
		if (strcmp(check_defs[i].id, id) == 0)
			return &check_defs[i];
	return NULL;
}
