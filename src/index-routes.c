/* The project index, part three: roles of functions registered by a call
 * rather than declared with a decorator, as routers and job queues do:
 *
 *   router.get('/orders', auth, async (req, res) => {...})   handler
 *   app.post('/x', asyncHandler(async (req, res) => {...}))  handler
 *   router.get('/orders', orders.list)                       handler `list`
 *   fastify.route({ method: 'GET', url: '/x', handler })     handler
 *   new Worker('mail', async (job) => {...})                 background
 *
 * and of functions a file layout makes entry points (a `route.ts` that
 * exports GET / POST, the default export of a file under `pages/api/`).
 * The vocabulary is the language's catalog: "route_calls" (their first
 * argument must be a path string), "route_object_calls" (an options
 * object), "worker_registrations", "route_file_exports" (`<file stem>.<export>`),
 * "route_default_export_dirs". A language without these lists gets no
 * role from here.
 *
 * An anonymous function registered so is named after what registered it
 * ("GET /orders", the queue's name) so that issue text says which
 * endpoint, and it stops being an inline lambda: it is the entry point,
 * analysed as a function of its own. */
#include "index.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "index-private.h"

/* How deep a registered function may sit in wrapper calls:
 * `asyncHandler(async (req, res) => ...)`, `wrap(auth(fn))`. */
#define WRAPPER_DEPTH 3

/* The text of a string literal argument without its quotes, or NULL. */
static const char *ir_string_arg(const struct model *m, const struct arg *a, char *buf,
				 size_t size)
{
	const char *s = span_ptr(m, a->expr);
	size_t n = a->expr.len;

	if (n < 2 || (s[0] != '\'' && s[0] != '"' && s[0] != '`') || s[n - 1] != s[0])
		return NULL;
	n -= 2;
	if (n >= size)
		n = size - 1;
	for (size_t i = 0; i < n; i++)
		buf[i] = (s[i + 1] == '\n' || s[i + 1] == '\r' || s[i + 1] == '\t') ? ' ' : s[i + 1];
	buf[n] = '\0';
	return buf;
}

static const struct arg *ir_first_positional(const struct node *c)
{
	for (uint32_t k = 0; k < c->u.call->n_args; k++)
		if (c->u.call->args[k].name == NULL)
			return &c->u.call->args[k];
	return NULL;
}

/* An identifier or dotted name (`orders.list`, `this.handle`): a
 * reference to a function defined elsewhere. */
static int ir_is_reference(const struct model *m, struct span e)
{
	const char *s = span_ptr(m, e);

	if (e.len == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_' || s[0] == '$'))
		return 0;
	for (uint32_t i = 0; i < e.len; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '$' || s[i] == '.'))
			return 0;
	return 1;
}

/* Gives function node fn the role, and a name when it has none. */
static void ir_mark_inline(struct project_index *ix, struct model *m, uint32_t file,
			   uint32_t fn, unsigned bits, const char *name)
{
	struct node *f = &m->nodes[fn];

	if (bits & ROLE_BACKGROUND)
		ix->funcs[ix_gid(ix, file, fn)].role &= ~IX_ROLE_BG_DIR;
	ix->funcs[ix_gid(ix, file, fn)].role |= bits;
	if (f->name == NULL || f->name[0] == '<') {
		if (name != NULL && name[0] != '\0') {
			f->name = arena_strdup(&m->arena, name);
			if (f->u.func != NULL)
				f->u.func->qualname = f->name;
		}
	}
	f->flags &= ~(uint32_t)NF_LAMBDA;
}

/* Marks the functions call c registers: inline function literals among
 * its arguments (also inside wrapper calls) and the functions named by
 * reference arguments after skip leading ones. */
static void ir_mark_registered(struct project_index *ix, struct model *m, uint32_t file,
			       const struct node *c, unsigned bits, const char *name,
			       uint32_t skip, int depth)
{
	char buf[256];
	uint32_t seen = 0;

	for (uint32_t k = c->first_child; k; k = m->nodes[k].next_sibling) {
		const struct node *x = &m->nodes[k];

		if (x->kind == NODE_FUNC && x->u.func != NULL)
			ir_mark_inline(ix, m, file, k, bits, name);
		else if (x->kind == NODE_CALL && x->u.call != NULL && depth < WRAPPER_DEPTH &&
			 !(x->flags & NF_DECORATOR))
			ir_mark_registered(ix, m, file, x, bits, name, UINT32_MAX, depth + 1);
	}
	for (uint32_t k = 0; k < c->u.call->n_args; k++) {
		const struct arg *a = &c->u.call->args[k];

		if (a->name != NULL || seen++ < skip || !ir_is_reference(m, a->expr))
			continue;
		ix_head_name(span_ptr(m, a->expr), a->expr.len, buf, sizeof buf);
		if (buf[0] != '\0')
			ix_mark_named(ix, file, ix_last_segment(buf), bits);
	}
}

/* "GET /orders" from `router.get('/orders', ...)`. */
static void ir_route_name(const char *method, const char *path, char *buf, size_t size)
{
	size_t o = 0;

	for (; *method && o + 1 < size; method++)
		buf[o++] = (char)toupper((unsigned char)*method);
	if (o + 2 < size)
		buf[o++] = ' ';
	buf[o] = '\0';
	snprintf(buf + o, size - o, "%s", path);
}

static void ir_scan_call(struct project_index *ix, struct model *m, uint32_t file,
			 const struct node *c)
{
	const struct catalog_list *routes = catalog_get(m->lang, "route_calls");
	const struct catalog_list *objects = catalog_get(m->lang, "route_object_calls");
	const struct catalog_list *workers = catalog_get(m->lang, "worker_registrations");
	const struct catalog_list *clients = catalog_get(m->lang, "network_clients");
	const struct arg *first = ir_first_positional(c);
	char path[160], name[200];

	if (catalog_match_call(workers, m, c)) {
		const char *q = first ? ir_string_arg(m, first, path, sizeof path) : NULL;

		ir_mark_registered(ix, m, file, c, ROLE_BACKGROUND, q, q ? 1 : 0, 0);
	} else if (first != NULL && first->expr.len > 0 && span_ptr(m, first->expr)[0] == '{' &&
		   catalog_match_call(objects, m, c)) {
		ir_mark_registered(ix, m, file, c, ROLE_HANDLER, NULL, UINT32_MAX, 0);
	} else if (catalog_match_call(routes, m, c) && !catalog_match_call(clients, m, c)) {
		const char *route = first ? ir_string_arg(m, first, path, sizeof path) : NULL;

		/* a path, not a map key: '/orders/:id', '*' */
		if (route == NULL || (route[0] != '/' && strcmp(route, "*") != 0))
			return;
		ir_route_name(c->u.call->name, route, name, sizeof name);
		ir_mark_registered(ix, m, file, c, ROLE_HANDLER, name, 1, 0);
	}
}

void index_routes_scan(struct ix_build *b)
{
	const struct project *p = b->p;

	for (size_t fi = 0; fi < p->n_files; fi++) {
		struct model *m = p->files[fi].model;

		if (m == NULL)
			continue;
		for (uint32_t i = 1; i < m->n_nodes; i++) {
			const struct node *c = &m->nodes[i];

			if (c->kind == NODE_CALL && c->u.call != NULL && c->u.call->name != NULL &&
			    !(c->flags & NF_DECORATOR))
				ir_scan_call(b->ix, m, (uint32_t)fi, c);
		}
	}
}

/* Role bits from the file layout: `export async function GET` in a
 * `route.ts`, the default export of a file under `pages/api/`. */
unsigned index_route_file_role(const struct model *m, const char *path, const struct node *fn)
{
	const struct catalog_list *dirs = catalog_get(m->lang, "route_default_export_dirs");
	const char *base = strrchr(path, '/');
	char key[256];
	size_t stem;

	if (fn->name == NULL || model_enclosing_func(m, fn) != NULL)
		return 0;
	base = base ? base + 1 : path;
	stem = strcspn(base, ".");
	snprintf(key, sizeof key, "%.*s.%s", (int)stem, base, fn->name);
	if (catalog_match(catalog_get(m->lang, "route_file_exports"), key))
		return ROLE_HANDLER;
	/* `export default async function handler(req, res)` under pages/api/ */
	if (fn->line >= 1 && fn->line <= m->n_lines) {
		size_t len;
		const char *line = model_line(m, fn->line, &len);

		while (len > 0 && (*line == ' ' || *line == '\t')) {
			line++;
			len--;
		}
		if (len < 15 || strncmp(line, "export default ", 15) != 0)
			return 0;
		/* every run of folders in the path: "src/pages/api/users/x.ts"
		 * holds "pages/api" */
		int budget = 256;  /* pairs of folders tried: paths are hostile */

		for (const char *s = path; s != NULL; s = strchr(s, '/') ? strchr(s, '/') + 1 : NULL)
			for (const char *e = strchr(s, '/'); e != NULL; e = strchr(e + 1, '/')) {
				char dir[256];

				if ((size_t)(e - s) >= sizeof dir || --budget < 0)
					break;
				memcpy(dir, s, (size_t)(e - s));
				dir[e - s] = '\0';
				if (catalog_match(dirs, dir))
					return ROLE_HANDLER;
			}
	}
	return 0;
}
