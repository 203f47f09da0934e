/* The model invariants every front-end fuzz target checks (fuzz-python.c,
 * fuzz-go.c, fuzz-javascript.c): tree links, line ranges, spans inside the
 * source, the walk and navigation helpers terminating, and well-formed
 * ignores, errors and imports. A language's own shapes are checked by the
 * callback it passes. Each violation aborts, which libFuzzer records. */
#ifndef PPAUDIT_FUZZ_MODEL_INVARIANTS_H
#define PPAUDIT_FUZZ_MODEL_INVARIANTS_H

#include <stdint.h>
#include <stdlib.h>

#include "model.h"

/* Aborts when a span leaves the source. */
static inline void fuzz_span(const struct model *m, struct span s)
{
	if ((size_t)s.off + s.len > m->src_len)
		abort();
}

/* The invariants of node i every front end keeps. */
static inline void fuzz_node_common(const struct model *m, uint32_t i)
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

/* Checks the whole model, then frees it. lang_node (may be NULL) checks
 * a language's own shapes of node i. */
static inline void fuzz_model(struct model *m, void (*lang_node)(const struct model *, uint32_t))
{
	uint32_t seen = 0;
	size_t len;

	for (uint32_t i = 1; i < m->n_nodes; i++) {
		fuzz_node_common(m, i);
		if (lang_node != NULL)
			lang_node(m, i);
	}
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
}

#endif
