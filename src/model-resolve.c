/* Resolving every call's callee through the file's imports, once. */
#include "model.h"

#include <string.h>

#include "util/xalloc.h"

void model_resolve_calls(struct model *m)
{
	char buf[512];
	uint32_t i;

	for (i = 1; i < m->n_nodes; i++) {
		struct call_info *c = m->nodes[i].kind == NODE_CALL ? m->nodes[i].u.call : NULL;

		if (c == NULL || c->callee == NULL)
			continue;
		model_resolve(m, c->callee, buf, sizeof buf);
		/* most callees resolve to themselves: share the string */
		c->resolved = strcmp(buf, c->callee) == 0 ? c->callee : arena_strdup(&m->arena, buf);
	}
}

void model_shrink(struct model *m)
{
	if (m->n_nodes < m->cap_nodes) {
		m->nodes = xrealloc(m->nodes, (size_t)m->n_nodes * sizeof *m->nodes);
		m->cap_nodes = m->n_nodes;
	}
}

const char *model_call_resolved(const struct model *m, const struct node *c, char *buf,
				size_t size)
{
	if (size == 0)
		return buf;
	if (c == NULL || c->kind != NODE_CALL || c->u.call == NULL || c->u.call->callee == NULL) {
		buf[0] = '\0';
		return buf;
	}
	if (c->u.call->resolved != NULL) {
		/* resolved once after parsing: a copy, not a second resolution */
		size_t n = strlen(c->u.call->resolved);
		if (n >= size)
			n = size - 1;
		memcpy(buf, c->u.call->resolved, n);
		buf[n] = '\0';
		return buf;
	}
	return model_resolve(m, c->u.call->callee, buf, size);
}
