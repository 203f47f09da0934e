/* libFuzzer target for the context reader; make check runs it through driver.c.
 *
 * Longer runs (clang, libFuzzer, ASan/UBSan): tests/fuzz/run-long.sh SECONDS context
 * (tests/fuzz/README).
 *
 * The bytes are parsed with cJSON and handed to context_from_json(), the
 * reader behind run.json's "context" member. Besides crashes and sanitizer
 * reports it checks that a failure gives a reason, and that a context it
 * accepts writes out and reads back with the same contents. */
#include "context.h"
#include "util/xalloc.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless two strings are both NULL or equal. */
static void fuzz_same(const char *a, const char *b)
{
	if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
		abort();
}

/* Aborts unless the two contexts hold the same values. */
static void fuzz_compare(const struct context *a, const struct context *b)
{
	if (a->stack.n_libraries != b->stack.n_libraries || a->stack.n_sources != b->stack.n_sources ||
	    a->db.n_engines != b->db.n_engines || a->db.n_triggers != b->db.n_triggers ||
	    a->n_adrs != b->n_adrs || a->n_practices != b->n_practices ||
	    a->stack.is_async != b->stack.is_async ||
	    a->db.expire_on_commit != b->db.expire_on_commit ||
	    a->db.autoflush != b->db.autoflush || a->db.autocommit != b->db.autocommit)
		abort();
	fuzz_same(a->stack.language, b->stack.language);
	fuzz_same(a->stack.orm, b->stack.orm);
	fuzz_same(a->db.isolation_level, b->db.isolation_level);
	fuzz_same(a->codebase_root, b->codebase_root);
	fuzz_same(a->team_id, b->team_id);
	for (size_t i = 0; i < a->stack.n_libraries; i++)
		fuzz_same(a->stack.libraries[i], b->stack.libraries[i]);
	for (size_t i = 0; i < a->db.n_engines; i++) {
		const struct engine_config *x = &a->db.engines[i], *y = &b->db.engines[i];

		fuzz_same(x->file, y->file);
		if (x->line != y->line || x->pool_size != y->pool_size ||
		    x->max_overflow != y->max_overflow || x->pool_recycle != y->pool_recycle ||
		    x->pool_pre_ping != y->pool_pre_ping || x->null_pool != y->null_pool)
			abort();
	}
	for (size_t i = 0; i < a->db.n_triggers; i++) {
		fuzz_same(a->db.triggers[i].table, b->db.triggers[i].table);
		if (a->db.triggers[i].line != b->db.triggers[i].line)
			abort();
	}
	for (size_t i = 0; i < a->n_adrs; i++) {
		fuzz_same(a->adrs[i].id, b->adrs[i].id);
		if (a->adrs[i].n_paths != b->adrs[i].n_paths ||
		    a->adrs[i].n_checks != b->adrs[i].n_checks)
			abort();
	}
}

/* Reads the input as a context and checks the round trip. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size + 1), err[256];
	struct context *ctx, *ctx2;
	cJSON *j, *out;

	memcpy(text, data, size);
	text[size] = '\0';
	j = cJSON_Parse(text);
	free(text);
	if (!j)
		return 0;
	err[0] = '\0';
	ctx = context_from_json(j, err, sizeof err);
	cJSON_Delete(j);
	if (!ctx) {
		if (!err[0])
			abort();
		return 0;
	}
	out = context_to_json(ctx);
	ctx2 = context_from_json(out, err, sizeof err);
	cJSON_Delete(out);
	if (!ctx2)
		abort();
	fuzz_compare(ctx, ctx2);
	context_free(ctx2);
	free(ctx2);
	context_free(ctx);
	free(ctx);
	return 0;
}
