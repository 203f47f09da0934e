/* The language-neutral code model: construction and query helpers.
 *
 * Nodes live in one array that grows by doubling, so front ends must keep
 * node indexes, never pointers, while they are still adding nodes. Line
 * starts are computed once in model_new() with the same line-end rules as
 * the lexers (\n, \r\n and a lone \r each end a line). */
#include "model.h"
#include "util/budget.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Past this many recorded problems a file is garbage; more messages add nothing. */
enum { MODEL_MAX_ERRORS = 100 };

/* Fills m->line_off with the byte offset of each line start. */
static void model_index_lines(struct model *m)
{
	const unsigned char *s = (const unsigned char *)m->src;
	size_t len = m->src_len, cap = 64 + len / 32;
	uint32_t n = 0;

	m->line_off = xmalloc(cap * sizeof *m->line_off);
	m->line_off[n++] = 0;
	if (memchr(s, '\r', len) == NULL) {
		/* the common case: memchr is many times faster than a byte loop */
		const unsigned char *p = s, *end = s + len;
		while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL && ++p < end) {
			if (n == cap)
				XGROW(m->line_off, cap, (size_t)n + 1);
			m->line_off[n++] = (uint32_t)(p - s);
		}
		goto done;
	}
	for (size_t i = 0; i < len; i++) {
		if (s[i] > '\r' || (s[i] != '\n' && s[i] != '\r'))
			continue;
		if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
			i++;
		/* a final line end does not start another (empty) line */
		if (i + 1 >= len)
			break;
		if (n == cap)
			XGROW(m->line_off, cap, (size_t)n + 1);
		m->line_off[n++] = (uint32_t)(i + 1);
	}
done:
	/* the guess above is about twice the typical count: give the rest
	 * back, the array stays with the model for the whole run */
	if (n < cap)
		m->line_off = xrealloc(m->line_off, (size_t)n * sizeof *m->line_off);
	m->n_lines = n;
}

/* The pool this thread's new models take their arena blocks from
 * (model_use_pool), or NULL. */
static _Thread_local struct arena_pool *thread_pool;

void model_use_pool(struct arena_pool *pool)
{
	thread_pool = pool;
}

/* Creates an empty model owning src; node 0 is the module. */
static atomic_uint_fast64_t model_serial;

struct model *model_new(enum lang lang, char *src, size_t len)
{
	struct model *m = xcalloc(1, sizeof *m);
	int too_big = 0;

	/* spans are 32-bit; nobody audits a 2 GiB source file */
	if (len > UINT32_MAX / 2) {
		len = UINT32_MAX / 2;
		src[len] = '\0';
		too_big = 1;
	}
	m->lang = lang;
	m->src = src;
	m->src_len = len;
	m->serial = atomic_fetch_add_explicit(&model_serial, 1, memory_order_relaxed) + 1;
	/* without a pool the arena ends up about twice the source size: one
	 * block for most files instead of a chain of half-used ones */
	m->arena.first_block = len * 2 + 512 < 1024 ? 1024 : len * 2 + 512 > 256 * 1024 ? 256 * 1024 : len * 2 + 512;
	m->arena.pool = thread_pool;
	model_index_lines(m);
	m->cap_nodes = 64 + (uint32_t)(len / 64 < (1u << 24) ? len / 64 : (1u << 24));
	m->nodes = xmalloc((size_t)m->cap_nodes * sizeof *m->nodes);
	memset(&m->nodes[0], 0, sizeof m->nodes[0]);
	m->nodes[0].kind = NODE_MODULE;
	m->nodes[0].line = 1;
	m->nodes[0].end_line = m->n_lines;
	m->n_nodes = 1;
	if (too_big)
		model_add_error(m, 1, "file too large, truncated");
	return m;
}

void model_close_lines(struct model *m)
{
	/* a compound statement ends where its last child ends */
	for (uint32_t i = m->n_nodes; i-- > 1;) {
		struct node *n = &m->nodes[i], *par = &m->nodes[n->parent];

		if (n->line > m->n_lines)
			n->line = m->n_lines;
		if (n->end_line > m->n_lines)
			n->end_line = m->n_lines;
		if (n->end_line < n->line)
			n->end_line = n->line;
		if (par->end_line < n->end_line)
			par->end_line = n->end_line;
	}
	m->nodes[0].end_line = m->n_lines;
}

/* Releases the model and everything it owns (NULL is fine). */
void model_free(struct model *m)
{
	if (m == NULL)
		return;
	free((char *)m->src);
	free(m->line_off);
	free(m->nodes);
	free(m->imports);
	free(m->ignores);
	free(m->errors);
	arena_release(&m->arena);
	free(m);
}

/* Appends a zeroed node as the last child of parent. */
uint32_t model_add_node(struct model *m, uint32_t parent, enum node_kind kind,
			uint32_t line, uint32_t col)
{
	uint32_t i = m->n_nodes;
	struct node *n, *p;

	if (i == m->cap_nodes) {
		size_t cap = m->cap_nodes;
		XGROW(m->nodes, cap, (size_t)i + 1);
		m->cap_nodes = (uint32_t)cap;
	}
	n = &m->nodes[i];
	memset(n, 0, sizeof *n);
	n->kind = (uint8_t)kind;
	n->line = n->end_line = line;
	n->col = col > 65535 ? 65535 : (uint16_t)col;
	n->parent = parent;
	p = &m->nodes[parent];
	if (p->last_child != 0)
		m->nodes[p->last_child].next_sibling = i;
	else
		p->first_child = i;
	p->last_child = i;
	m->n_nodes = i + 1;
	return i;
}

/* Records one import binding; strings are copied into the arena (the
 * local name may be the tail of the target's copy). */
void model_add_import(struct model *m, const char *local, size_t local_len,
		      const char *target, size_t target_len, uint32_t line)
{
	struct import_entry *e;

	if (m->n_imports == m->cap_imports) {
		size_t cap = m->cap_imports;
		XGROW(m->imports, cap, (size_t)m->n_imports + 1);
		m->cap_imports = (uint32_t)cap;
	}
	e = &m->imports[m->n_imports++];
	e->target = arena_intern(&m->arena, target, target_len);
	/* most bindings are the target's last segment (`from a.b import c`)
	 * or the target itself (`import a`): share its tail */
	if (local_len <= target_len &&
	    memcmp(e->target + target_len - local_len, local, local_len) == 0 &&
	    (local_len == target_len || e->target[target_len - local_len - 1] == '.'))
		e->local = e->target + target_len - local_len;
	else
		e->local = arena_intern(&m->arena, local, local_len);
	e->line = line;
}

/* Records a recoverable problem (capped at MODEL_MAX_ERRORS). */
void model_add_error(struct model *m, uint32_t line, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	if (m->n_errors >= MODEL_MAX_ERRORS)
		return;
	if (m->n_errors == m->cap_errors) {
		size_t cap = m->cap_errors;
		XGROW(m->errors, cap, (size_t)m->n_errors + 1);
		m->cap_errors = (uint32_t)cap;
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	/* a front end's end-of-file token may sit past the last line, as
	 * nodes may (model_close_lines): the error is on the last line */
	if (line > m->n_lines)
		line = m->n_lines;
	if (line == 0)
		line = 1;
	m->errors[m->n_errors].line = line;
	m->errors[m->n_errors].message = arena_intern(&m->arena, buf, strlen(buf));
	m->n_errors++;
}

/* ---- text ---- */

/* True when the span's text is exactly lit. */
int span_eq(const struct model *m, struct span s, const char *lit)
{
	size_t n = strlen(lit);

	return s.len == n && memcmp(m->src + s.off, lit, n) == 0;
}

/* True when needle occurs inside the span. */
int span_has(const struct model *m, struct span s, const char *needle)
{
	size_t n = strlen(needle);
	const char *p = m->src + s.off, *end = p + s.len;

	if (n == 0)
		return 1;
	while ((size_t)(end - p) >= n) {
		const char *q = memchr(p, needle[0], (size_t)(end - p) - n + 1);
		if (q == NULL)
			return 0;
		if (memcmp(q, needle, n) == 0)
			return 1;
		p = q + 1;
	}
	return 0;
}

/* True when the span begins with prefix. */
int span_starts(const struct model *m, struct span s, const char *prefix)
{
	size_t n = strlen(prefix);

	return s.len >= n && memcmp(m->src + s.off, prefix, n) == 0;
}

/* Copies the span into buf, truncating; always NUL-terminates. */
char *span_copy(const struct model *m, struct span s, char *buf, size_t size)
{
	size_t n = s.len;

	if (size == 0)
		return buf;
	if (n > size - 1)
		n = size - 1;
	memcpy(buf, m->src + s.off, n);
	buf[n] = '\0';
	return buf;
}

/* Text of line n without its line end; NULL (and *len 0) when out of range. */
const char *model_line(const struct model *m, uint32_t n, size_t *len)
{
	size_t start, end;

	if (n == 0 || n > m->n_lines) {
		if (len != NULL)
			*len = 0;
		return NULL;
	}
	start = m->line_off[n - 1];
	end = n < m->n_lines ? m->line_off[n] : m->src_len;
	while (end > start && (m->src[end - 1] == '\n' || m->src[end - 1] == '\r'))
		end--;
	if (len != NULL)
		*len = end - start;
	return m->src + start;
}

/* ---- navigation ---- */

/* Nearest proper ancestor of the given kind. */
const struct node *model_ancestor(const struct model *m, const struct node *n, enum node_kind kind)
{
	while (node_index(m, n) != 0) {
		n = &m->nodes[n->parent];
		if (n->kind == kind)
			return n;
	}
	return NULL;
}

/* Calls in a def's header (decorators, defaults, annotations) run in the
 * enclosing scope at definition time, so climbing out of them must skip
 * the FUNC they hang on. */
static int model_in_header(const struct node *child)
{
	return (child->flags & (NF_HEADER | NF_DECORATOR)) != 0;
}

/* Enclosing function or lambda whose body contains n, or NULL. */
const struct node *model_enclosing_func(const struct model *m, const struct node *n)
{
	const struct node *prev = n;

	while (node_index(m, n) != 0) {
		n = &m->nodes[n->parent];
		if (n->kind == NODE_FUNC && !model_in_header(prev))
			return n;
		prev = n;
	}
	return NULL;
}

/* Innermost loop that repeats n, stopping at the function boundary. The
 * iterable of a `for` (its NF_HEADER calls) runs once, so a for loop does
 * not enclose its own header; a while condition runs every iteration. */
const struct node *model_enclosing_loop(const struct model *m, const struct node *n)
{
	const struct node *prev = n;

	while (node_index(m, n) != 0) {
		n = &m->nodes[n->parent];
		if (n->kind == NODE_FUNC) {
			/* a per-item callback (`xs.map(async (x) => ...)`) is
			 * its loop's body: the loop repeats it */
			if (n->parent != 0 && m->nodes[n->parent].kind == NODE_LOOP &&
			    (m->nodes[n->parent].flags & NF_JS_CALLBACK)) {
				prev = n;
				continue;
			}
			if (!model_in_header(prev))
				return NULL;
		} else if (n->kind == NODE_LOOP) {
			if (!(prev->flags & NF_HEADER) || (n->flags & NF_WHILE))
				return n;
		}
		prev = n;
	}
	return NULL;
}

/* True when a is a proper ancestor of n. */
int model_is_within(const struct model *m, const struct node *n, const struct node *a)
{
	uint32_t ai = node_index(m, a), i = node_index(m, n);

	/* children always have larger indexes than their ancestors */
	while (i > ai)
		i = m->nodes[i].parent;
	return i == ai && n != a;
}

/* Next node after prev in a depth-first, source-order walk under root. */
const struct node *model_walk(const struct model *m, const struct node *root,
			      const struct node *prev, int into_funcs)
{
	uint32_t r = node_index(m, root), i;

	/* a spent budget ends the walk: every walk-based analysis stops */
	if (!budget_step())
		return NULL;
	if (prev == NULL)
		return root->first_child ? &m->nodes[root->first_child] : NULL;
	i = node_index(m, prev);
	if (prev->first_child != 0 &&
	    (into_funcs || (prev->kind != NODE_FUNC && prev->kind != NODE_CLASS)))
		return &m->nodes[prev->first_child];
	while (i != r && i != 0) {
		if (m->nodes[i].next_sibling != 0)
			return &m->nodes[m->nodes[i].next_sibling];
		i = m->nodes[i].parent;
	}
	return NULL;
}

/* Rewrites the first segment of dotted through the file's imports. */
char *model_resolve(const struct model *m, const char *dotted, char *buf, size_t size)
{
	size_t seg = strcspn(dotted, ".([");

	if (size == 0)
		return buf;
	/* a later import shadows an earlier one */
	for (uint32_t k = m->n_imports; k-- > 0;) {
		const struct import_entry *e = &m->imports[k];
		if (strlen(e->local) == seg && memcmp(e->local, dotted, seg) == 0) {
			snprintf(buf, size, "%s%s", e->target, dotted + seg);
			return buf;
		}
	}
	snprintf(buf, size, "%s", dotted);
	return buf;
}

int model_except_names_suffix(const struct node *e, const char *suffix)
{
	size_t sl = strlen(suffix);
	uint32_t i;

	if (e->kind != NODE_EXCEPT || e->u.exc == NULL)
		return 0;
	for (i = 0; i < e->u.exc->n_types; i++) {
		const char *t = e->u.exc->types[i], *last = strrchr(t, '.');
		size_t n;

		last = last ? last + 1 : t;
		n = strlen(last);
		if (n >= sl && strcmp(last + n - sl, suffix) == 0)
			return 1;
	}
	return 0;
}

int model_add_ignore(struct model *m, const char *text, size_t len, uint32_t line)
{
	const unsigned char *p = (const unsigned char *)text, *e = p + len;
	const unsigned char *checks = NULL, *checks_end = NULL;
	struct ignore_comment *ic;
	char *list;
	size_t n = 0;

	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (e - p < 14 || memcmp(p, "ppaudit:", 8) != 0)
		return -1;
	p += 8;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (e - p < 6 || memcmp(p, "ignore", 6) != 0)
		return -1;
	p += 6;
	if (p < e && *p == '[') {
		checks = ++p;
		while (p < e && *p != ']')
			p++;
		if (p == e)
			return -1;
		checks_end = p++;
	} else if (p < e && *p != ' ' && *p != '\t') {
		return -1;
	}
	while (p < e && (*p == ' ' || *p == '\t' || *p == '-' || *p == ':'))
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (m->n_ignores == m->cap_ignores) {
		size_t cap = m->cap_ignores;
		XGROW(m->ignores, cap, (size_t)m->n_ignores + 1);
		m->cap_ignores = (uint32_t)cap;
	}
	ic = &m->ignores[m->n_ignores];
	list = arena_alloc(&m->arena, checks ? (size_t)(checks_end - checks) + 1 : 1);
	for (const unsigned char *q = checks; q && q < checks_end; q++)
		if (*q != ' ' && *q != '\t')
			list[n++] = (char)*q;
	list[n] = '\0';
	ic->checks = list;
	ic->reason = arena_intern(&m->arena, (const char *)p, (size_t)(e - p));
	ic->line = line;
	return (int)m->n_ignores++;
}
