/* libFuzzer target for the JavaScript/TypeScript front end; make check runs it through driver.c.
 *
 * Longer runs (clang, libFuzzer, ASan/UBSan): tests/fuzz/run-long.sh SECONDS javascript
 *
 * Besides crashes and sanitizer reports it checks the model invariants
 * every consumer relies on: tree links, line ranges, spans inside the
 * source, and that the walk and navigation helpers terminate. */
#include "lang/javascript.h"
#include "model.h"
#include "util/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts (a crash libFuzzer records) when a span leaves the source. */
static void fuzz_span(const struct model *m, struct span s)
{
	if ((size_t)s.off + s.len > m->src_len)
		abort();
}

/* Checks the invariants of one node. */
static void fuzz_node(const struct model *m, uint32_t i)
{
	const struct node *n = &m->nodes[i];
	char buf[64];

	if (n->kind >= NODE_KIND_COUNT || n->parent >= i || n->line == 0 ||
	    n->end_line < n->line || n->end_line > m->n_lines)
		abort();
	if (n->next_sibling != 0 && (n->next_sibling <= i || m->nodes[n->next_sibling].parent != n->parent))
		abort();
	fuzz_span(m, n->text);
	fuzz_span(m, n->value);
	switch (n->kind) {
	case NODE_CALL:
		if (n->u.call == NULL || n->u.call->callee == NULL || n->u.call->name == NULL)
			abort();
		for (uint32_t k = 0; k < n->u.call->n_args; k++)
			fuzz_span(m, n->u.call->args[k].expr);
		fuzz_span(m, n->u.call->args_text);
		model_resolve(m, n->u.call->callee, buf, sizeof buf);
		break;
	case NODE_FUNC:
		if (n->u.func == NULL || n->name == NULL || n->u.func->qualname == NULL)
			abort();
		for (uint32_t k = 0; k < n->u.func->n_params; k++) {
			fuzz_span(m, n->u.func->params[k].annotation);
			fuzz_span(m, n->u.func->params[k].def);
		}
		for (uint32_t k = 0; k < n->u.func->n_decorators; k++)
			fuzz_span(m, n->u.func->decorators[k]);
		break;
	case NODE_CLASS:
		if (n->u.cls == NULL)
			abort();
		fuzz_span(m, n->u.cls->bases);
		break;
	case NODE_LOOP:
		if (n->u.loop == NULL)
			abort();
		fuzz_span(m, n->u.loop->iter);
		fuzz_span(m, n->u.loop->target);
		break;
	case NODE_WITH:
		for (uint32_t k = 0; k < n->n_items; k++)
			fuzz_span(m, n->u.items[k].expr);
		break;
	}
	model_enclosing_func(m, n);
	model_enclosing_loop(m, n);
	model_ancestor(m, n, NODE_TRY);
}

/* Parses the input and verifies the resulting model. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *src = xmalloc(size + 1);
	struct model *m;
	uint32_t seen = 0;
	size_t len;

	memcpy(src, data, size);
	src[size] = '\0';
	m = javascript_parse(src, size);
	for (uint32_t i = 1; i < m->n_nodes; i++)
		fuzz_node(m, i);
	for (const struct node *n = NULL; (n = model_walk(m, &m->nodes[0], n, 1));)
		seen++;
	if (seen != m->n_nodes - 1)
		abort();
	for (uint32_t i = 0; i < m->n_ignores; i++)
		if (m->ignores[i].checks == NULL || m->ignores[i].reason == NULL)
			abort();
	for (uint32_t i = 0; i < m->n_errors; i++)
		if (m->errors[i].line == 0 || m->errors[i].line > m->n_lines)
			abort();
	for (uint32_t i = 0; i < m->n_imports; i++)
		if (m->imports[i].local == NULL || m->imports[i].target == NULL)
			abort();
	for (uint32_t l = 1; l <= m->n_lines; l++)
		model_line(m, l, &len);
	model_free(m);
	return 0;
}
