/* Resolving every call's callee through the file's imports, once. */
#include "model.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* True for a character of a dotted name (`prisma`, `this.db`, `$pool`). */
static int dotted_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$' || c == '.';
}

/* The property that a destructuring pattern `{ a, b: c, ...rest }` (the
 * target text of an assignment) binds to local name seg (segn bytes):
 * "client" for `{ client }` and seg "client", "client" for `{ client: db }`
 * and seg "db". Nested patterns and defaults are not followed. */
static int destructured_key(const char *pat, const char *seg, size_t segn, char *key,
			    size_t size)
{
	const char *p = pat + 1;

	while (*p && *p != '}') {
		const char *k, *l;
		size_t kn, ln;

		while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t')
			p++;
		if (strncmp(p, "...", 3) == 0)
			return 0;
		for (k = p; dotted_char(*p) && *p != '.'; p++)
			;
		kn = (size_t)(p - k);
		if (kn == 0)
			return 0;
		while (*p == ' ')
			p++;
		l = k;
		ln = kn;
		if (*p == ':') {
			for (p++; *p == ' '; p++)
				;
			for (l = p; dotted_char(*p) && *p != '.'; p++)
				;
			ln = (size_t)(p - l);
			while (*p == ' ')
				p++;
		}
		if (*p == '=' || *p == '{' || *p == '[')
			return 0;   /* a default or a nested pattern: not followed */
		if (ln == segn && memcmp(l, seg, segn) == 0) {
			if (kn >= size)
				return 0;
			snprintf(key, size, "%.*s", (int)kn, k);
			return 1;
		}
		while (*p && *p != ',' && *p != '}')
			p++;
	}
	return 0;
}

/* When the first segment of call c's callee is a name destructured from a
 * plain dotted value in the same function or an enclosing one, before the
 * call (`const { client } = prisma;` then `client.user.update(...)`),
 * writes the callee through that value ("prisma.client.user.update") into
 * buf and returns 1. The nearest such assignment wins. */
static int destructured_callee(const struct model *m, const struct node *c,
			       const uint32_t *pats, size_t n_pats, char *buf, size_t size)
{
	const char *callee = c->u.call->callee;
	size_t segn = strcspn(callee, ".([");
	const struct node *best = NULL;
	char key[128], bestkey[128] = "";

	if (segn == 0 || segn >= 128)
		return 0;
	for (size_t i = 0; i < n_pats; i++) {
		const struct node *a = &m->nodes[pats[i]], *fa, *f;
		const char *v;
		size_t vn;

		if (a->kind != NODE_ASSIGN || a->name == NULL || a->name[0] != '{' ||
		    a->line > c->line || a->value.len == 0 || a->value.len >= 128)
			continue;
		if (!destructured_key(a->name, callee, segn, key, sizeof key))
			continue;
		v = m->src + a->value.off;
		vn = a->value.len;
		for (size_t j = 0; j < vn; j++)
			if (!dotted_char(v[j]))
				goto next;
		if (!isalpha((unsigned char)v[0]) && v[0] != '_' && v[0] != '$')
			continue;
		/* the assignment's function is the call's or encloses it */
		fa = model_enclosing_func(m, a);
		for (f = model_enclosing_func(m, c); f != fa && f != NULL; f = model_enclosing_func(m, f))
			;
		if (f != fa)
			continue;
		if (best == NULL || a->line >= best->line) {
			best = a;
			snprintf(bestkey, sizeof bestkey, "%s", key);
		}
next:		;
	}
	if (best == NULL)
		return 0;
	snprintf(buf, size, "%.*s.%s%s", (int)best->value.len, m->src + best->value.off, bestkey,
		 callee + segn);
	return 1;
}

void model_resolve_calls(struct model *m)
{
	char buf[512], via[512];
	uint32_t i, *pats = NULL;
	size_t n_pats = 0, cap = 0;

	/* the destructuring assignments of the file, in source order */
	for (i = 1; i < m->n_nodes; i++)
		if (m->nodes[i].kind == NODE_ASSIGN && m->nodes[i].name != NULL &&
		    m->nodes[i].name[0] == '{') {
			if (n_pats == cap) {
				cap = cap ? 2 * cap : 16;
				pats = xrealloc(pats, cap * sizeof *pats);
			}
			pats[n_pats++] = i;
		}
	for (i = 1; i < m->n_nodes; i++) {
		struct call_info *c = m->nodes[i].kind == NODE_CALL ? m->nodes[i].u.call : NULL;

		if (c == NULL || c->callee == NULL)
			continue;
		if (n_pats > 0 &&
		    destructured_callee(m, &m->nodes[i], pats, n_pats, via, sizeof via))
			model_resolve(m, via, buf, sizeof buf);
		else
			model_resolve(m, c->callee, buf, sizeof buf);
		/* most callees resolve to themselves: share the string */
		c->resolved = strcmp(buf, c->callee) == 0 ? c->callee : arena_strdup(&m->arena, buf);
	}
	free(pats);
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
