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

/* One local name a destructuring assignment binds from a plain dotted
 * value: `const { client: db } = prisma` gives local "db", key "client".
 * Points into the model's text. */
struct destructured {
	const char *local, *key;
	size_t local_n, key_n;
	uint32_t func;          /* its function's node, 0 at module level */
	uint32_t line;
	uint32_t node;          /* the ASSIGN */
};

static int destructured_cmp(const void *pa, const void *pb)
{
	const struct destructured *a = pa, *b = pb;
	size_t n = a->local_n < b->local_n ? a->local_n : b->local_n;
	int c = memcmp(a->local, b->local, n);

	if (c != 0)
		return c;
	if (a->local_n != b->local_n)
		return a->local_n < b->local_n ? -1 : 1;
	if (a->func != b->func)
		return a->func < b->func ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return (a->node > b->node) - (a->node < b->node);
}

/* Orders entry d against the key (seg of segn bytes, function func, line)
 * as destructured_cmp would, an equal line counting as before. */
static int destructured_key_cmp(const struct destructured *d, const char *seg, size_t segn,
				uint32_t func, uint32_t line)
{
	int c = memcmp(d->local, seg, d->local_n < segn ? d->local_n : segn);

	if (c != 0)
		return c;
	if (d->local_n != segn)
		return d->local_n < segn ? -1 : 1;
	if (d->func != func)
		return d->func < func ? -1 : 1;
	return d->line <= line ? -1 : 1;
}

/* Adds the bindings of destructuring assignment a, `{ a, b: c, ...rest }`,
 * to *out: each local with the property it reads ("client" for
 * `{ client }`, "client" for `{ client: db }`). Nested patterns, defaults
 * and what follows a rest element are not followed. */
static void destructured_add(const struct model *m, uint32_t node, struct destructured **out,
			     size_t *n, size_t *cap)
{
	const struct node *a = &m->nodes[node], *fa = model_enclosing_func(m, a);
	const char *p = a->name + 1, *v = m->src + a->value.off;
	size_t vn = a->value.len;
	uint32_t func = fa ? (uint32_t)(fa - m->nodes) : 0;

	/* a plain dotted value only: `prisma`, `this.db` */
	if (vn == 0 || vn >= 128 || (!isalpha((unsigned char)v[0]) && v[0] != '_' && v[0] != '$'))
		return;
	for (size_t j = 0; j < vn; j++)
		if (!dotted_char(v[j]))
			return;
	while (*p && *p != '}') {
		const char *k, *l;
		size_t kn, ln;

		while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t')
			p++;
		if (strncmp(p, "...", 3) == 0)
			return;
		for (k = p; dotted_char(*p) && *p != '.'; p++)
			;
		kn = (size_t)(p - k);
		if (kn == 0)
			return;
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
			return;   /* a default or a nested pattern: not followed */
		if (ln > 0 && ln < 128 && kn < 128) {
			if (*n == *cap) {
				*cap = *cap ? 2 * *cap : 16;
				*out = xrealloc(*out, *cap * sizeof **out);
			}
			(*out)[(*n)++] = (struct destructured){ l, k, ln, kn, func, a->line, node };
		}
		while (*p && *p != ',' && *p != '}')
			p++;
	}
}

/* When the first segment of call c's callee is a name destructured from a
 * plain dotted value in the same function or an enclosing one, before the
 * call (`const { client } = prisma;` then `client.user.update(...)`),
 * writes the callee through that value ("prisma.client.user.update") into
 * buf and returns 1. The nearest such assignment wins. ds is sorted by
 * destructured_cmp: one binary search per function around the call. */
static int destructured_callee(const struct model *m, const struct node *c,
			       const struct destructured *ds, size_t n, char *buf, size_t size)
{
	const char *callee = c->u.call->callee;
	size_t segn = strcspn(callee, ".([");
	const struct destructured *best = NULL;
	const struct node *f = c;

	if (segn == 0 || segn >= 128)
		return 0;
	/* the call's function, the functions around it, then the module */
	do {
		uint32_t func;
		size_t lo = 0, hi = n;

		f = model_enclosing_func(m, f);
		func = f ? (uint32_t)(f - m->nodes) : 0;
		/* past the last binding in func on a line up to the call's */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (destructured_key_cmp(&ds[mid], callee, segn, func, c->line) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo > 0 && ds[lo - 1].func == func && ds[lo - 1].local_n == segn &&
		    memcmp(ds[lo - 1].local, callee, segn) == 0 &&
		    (best == NULL || ds[lo - 1].line > best->line ||
		     (ds[lo - 1].line == best->line && ds[lo - 1].node > best->node)))
			best = &ds[lo - 1];
	} while (f != NULL);
	if (best == NULL)
		return 0;
	snprintf(buf, size, "%.*s.%.*s%s", (int)m->nodes[best->node].value.len,
		 m->src + m->nodes[best->node].value.off, (int)best->key_n, best->key, callee + segn);
	return 1;
}

void model_resolve_calls(struct model *m)
{
	char buf[512], via[512];
	struct destructured *ds = NULL;
	size_t n_ds = 0, cap = 0;
	uint32_t i;

	/* the names the file's destructuring assignments bind, by name and line */
	for (i = 1; i < m->n_nodes; i++)
		if (m->nodes[i].kind == NODE_ASSIGN && m->nodes[i].name != NULL &&
		    m->nodes[i].name[0] == '{')
			destructured_add(m, i, &ds, &n_ds, &cap);
	if (n_ds > 1)
		xqsort(ds, n_ds, sizeof *ds, destructured_cmp);
	for (i = 1; i < m->n_nodes; i++) {
		struct call_info *c = m->nodes[i].kind == NODE_CALL ? m->nodes[i].u.call : NULL;

		if (c == NULL || c->callee == NULL)
			continue;
		if (n_ds > 0 && destructured_callee(m, &m->nodes[i], ds, n_ds, via, sizeof via))
			model_resolve(m, via, buf, sizeof buf);
		else
			model_resolve(m, c->callee, buf, sizeof buf);
		/* most callees resolve to themselves: share the string */
		c->resolved = strcmp(buf, c->callee) == 0 ? c->callee :
			      arena_intern(&m->arena, buf, strlen(buf));
	}
	free(ds);
}

void model_shrink(struct model *m)
{
	if (m->n_nodes < m->cap_nodes) {
		m->nodes = xrealloc(m->nodes, (size_t)m->n_nodes * sizeof *m->nodes);
		m->cap_nodes = m->n_nodes;
	}
	/* the other growing arrays (an empty one is left as it is) */
	if (m->n_imports > 0 && m->n_imports < m->cap_imports) {
		m->imports = xrealloc(m->imports, (size_t)m->n_imports * sizeof *m->imports);
		m->cap_imports = m->n_imports;
	}
	if (m->n_ignores > 0 && m->n_ignores < m->cap_ignores) {
		m->ignores = xrealloc(m->ignores, (size_t)m->n_ignores * sizeof *m->ignores);
		m->cap_ignores = m->n_ignores;
	}
	if (m->n_errors > 0 && m->n_errors < m->cap_errors) {
		m->errors = xrealloc(m->errors, (size_t)m->n_errors * sizeof *m->errors);
		m->cap_errors = m->n_errors;
	}
	arena_detach(&m->arena);
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
