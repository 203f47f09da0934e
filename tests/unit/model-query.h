/* Queries on a parsed model, shared by the front ends' unit tests
 * (test-python.c, test-go.c, test-javascript.c). Static functions: a
 * test file includes this once and may leave some unused. */
#ifndef PPAUDIT_TEST_MODEL_QUERY_H
#define PPAUDIT_TEST_MODEL_QUERY_H

#include <stdint.h>
#include <string.h>

#include "model.h"

#if defined(__GNUC__)
#define MQ_UNUSED __attribute__((unused))
#else
#define MQ_UNUSED
#endif

/* The nth (0-based) node of a kind in document order, or NULL. */
MQ_UNUSED static const struct node *nth(const struct model *m, enum node_kind kind, int k)
{
	for (uint32_t i = 0; i < m->n_nodes; i++)
		if (m->nodes[i].kind == kind && k-- == 0)
			return &m->nodes[i];
	return NULL;
}

/* First call whose normalized callee is callee, or NULL. */
MQ_UNUSED static const struct node *call(const struct model *m, const char *callee)
{
	for (uint32_t i = 0; i < m->n_nodes; i++)
		if (m->nodes[i].kind == NODE_CALL && strcmp(m->nodes[i].u.call->callee, callee) == 0)
			return &m->nodes[i];
	return NULL;
}

/* First node of kind with that name, or NULL. */
MQ_UNUSED static const struct node *named(const struct model *m, enum node_kind kind, const char *name)
{
	for (uint32_t i = 0; i < m->n_nodes; i++)
		if (m->nodes[i].kind == kind && m->nodes[i].name && strcmp(m->nodes[i].name, name) == 0)
			return &m->nodes[i];
	return NULL;
}

/* Number of nodes of a kind. */
MQ_UNUSED static int count(const struct model *m, enum node_kind kind)
{
	int c = 0;

	for (uint32_t i = 0; i < m->n_nodes; i++)
		c += m->nodes[i].kind == kind;
	return c;
}

/* Parent node (NULL-safe). */
MQ_UNUSED static const struct node *parent(const struct model *m, const struct node *n)
{
	return n ? &m->nodes[n->parent] : NULL;
}

/* Static buffer copy of a span, for is_str. */
MQ_UNUSED static const char *txt(const struct model *m, struct span s)
{
	static char buf[4][256];
	static int k;

	k = (k + 1) % 4;
	return span_copy(m, s, buf[k], sizeof buf[k]);
}

#define KIND(n) ((n) ? (int)(n)->kind : -1)
#define FLAGS(n) ((n) ? (unsigned)(n)->flags : 0u)

#endif
