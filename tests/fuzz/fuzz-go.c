/* libFuzzer target for the Go front end; make check runs it through driver.c.
 *
 * Longer runs (clang, libFuzzer, ASan/UBSan): tests/fuzz/run-long.sh SECONDS go
 *
 * Besides crashes and sanitizer reports it checks the model invariants
 * every consumer relies on: tree links, line ranges, spans inside the
 * source, that the walk and navigation helpers terminate, and the Go
 * shapes go.h promises (CASE under MATCH, fields under CLASS, ELSE and
 * else-if IF right after an IF).
 * Seeds: corpus/go/; run-long.sh passes the keyword dictionary go.dict. */
#include "lang/go.h"
#include "model.h"
#include "model-invariants.h"
#include "util/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The Go shapes go.h promises: clauses under their switch, fields under
 * their struct, a receiver as the first parameter, else / else-if right
 * after an IF. */
static void go_node(const struct model *m, uint32_t i)
{
	const struct node *n = &m->nodes[i];

	if (n->kind == NODE_FUNC && (n->flags & NF_GO_RECEIVER) && n->u.func->n_params == 0)
		abort();
	if (n->kind == NODE_CASE && m->nodes[n->parent].kind != NODE_MATCH)
		abort();
	if ((n->flags & NF_GO_FIELD) && m->nodes[n->parent].kind != NODE_CLASS)
		abort();
	if (n->kind == NODE_ELSE || (n->flags & NF_ELIF)) {
		uint32_t prev = 0;
		for (uint32_t k = m->nodes[n->parent].first_child; k != i; k = m->nodes[k].next_sibling)
			prev = k;
		if (prev == 0 || m->nodes[prev].kind != NODE_IF)
			abort();
	}
}

/* Parses the input and verifies the resulting model. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *src = xmalloc(size + 1);

	memcpy(src, data, size);
	src[size] = '\0';
	fuzz_model(go_parse(src, size), go_node);
	return 0;
}
