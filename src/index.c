/* The project index: function table by bare name, and the role of every
 * function (handler, background, streaming, init, dependency, ...).
 *
 * DESIGN
 * Roles come from three kinds of evidence, applied in this order:
 *  1. the function itself: decorators (routes, tasks, startup hooks),
 *     websocket parameters, its name (init-like), its file (tasks/,
 *     jobs/, workers/, cron/, Django views.py) and its class (views);
 *  2. references elsewhere: Depends(fn), add_task(fn), create_task(fn()),
 *     Route("/x", fn), a generator handed to StreamingResponse(...);
 *  3. the call graph: a function every one of whose callers is
 *     background becomes background; one every caller of which is a
 *     handler (or such a helper) gets ROLE_HANDLER_PATH. Calls are
 *     matched by bare name, preferring a definition in the caller's own
 *     file; the pass repeats until nothing changes (bounded).
 * Matching by bare name over-approximates callers, which can only keep a
 * role from propagating: the pass errs towards "unknown".
 * The roles end up in func_info->role; the models are read-only after. */
#include "index.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "index-private.h"
#include "util/hash.h"
#include "util/parallel.h"
#include "util/xalloc.h"


char *ix_strndup(struct project_index *ix, const char *s, size_t n)
{
	XGROW(ix->strs, ix->cap_strs, ix->n_strs + 1);
	return ix->strs[ix->n_strs++] = xstrndup(s, n);
}

/* FNV-1a, unkeyed: the sort key of the call sites (index-calls.c), where
 * equal values only fall back to comparing the text, so colliding names
 * cost no more than a plain sort by name. The name maps use the keyed
 * hash_text() instead: there a chosen collision lengthens every probe. */
size_t ix_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return (size_t)h;
}

void name_map_build(struct name_map *nm, const char *const *names, size_t n)
{
	size_t i, cap = 16, keys = 0;

	/* one slot per distinct name (runs of equal names), at most half full:
	 * the call sites repeat their names many times over */
	for (i = 0; i < n; i++)
		keys += i == 0 || strcmp(names[i], names[i - 1]) != 0;
	while (cap < keys * 2 + 1)
		cap *= 2;
	nm->cap = cap;
	nm->slots = xcalloc(cap, sizeof *nm->slots);
	for (i = 0; i < n; ) {
		size_t j = i, h;

		while (j < n && strcmp(names[j], names[i]) == 0)
			j++;
		for (h = hash_text(names[i], strlen(names[i])) & (cap - 1); nm->slots[h].key; h = (h + 1) & (cap - 1))
			;
		nm->slots[h].key = names[i];
		nm->slots[h].start = (uint32_t)i;
		nm->slots[h].count = (uint32_t)(j - i);
		i = j;
	}
}

const struct name_slot *name_map_get(const struct name_map *nm, const char *key)
{
	size_t h;

	if (nm->cap == 0 || key == NULL)
		return NULL;
	for (h = hash_text(key, strlen(key)) & (nm->cap - 1); nm->slots[h].key; h = (h + 1) & (nm->cap - 1))
		if (strcmp(nm->slots[h].key, key) == 0)
			return &nm->slots[h];
	return NULL;
}

void name_map_free(struct name_map *nm)
{
	free(nm->slots);
	nm->slots = NULL;
	nm->cap = 0;
}

/* ---- small text helpers ---- */

/* Copies the dotted name at the start of s[0..n) (up to '(' or '['),
 * without whitespace, into buf. */
char *ix_head_name(const char *s, size_t n, char *buf, size_t size)
{
	size_t i, o = 0;

	for (i = 0; i < n && o + 1 < size; i++) {
		char c = s[i];

		if (c == '(' || c == '[' || c == ',' || c == ')' || c == '=')
			break;
		if (!isspace((unsigned char)c))
			buf[o++] = c;
	}
	buf[o] = '\0';
	return buf;
}

/* Last dotted segment of a name (the bare function name). */
const char *ix_last_segment(const char *s)
{
	const char *dot = strrchr(s, '.');

	return dot ? dot + 1 : s;
}

/* True when the span's whole text matches a pattern of list l ("*x*"
 * patterns: the span holds x). */
int ix_span_match(const struct model *m, struct span s, const struct catalog_list *l)
{
	char buf[512], *heap = s.len < sizeof buf ? NULL : xmalloc((size_t)s.len + 1);
	int hit;

	span_copy(m, s, heap ? heap : buf, heap ? (size_t)s.len + 1 : sizeof buf);
	hit = catalog_match(l, heap ? heap : buf);
	free(heap);
	return hit;
}

/* True when the file path has a directory component in list l. */
static int ix_path_has_dir(const char *path, const struct catalog_list *l)
{
	const char *p = path;

	for (;;) {
		const char *slash = strchr(p, '/');
		char dir[256];

		if (slash == NULL)
			return 0;
		if ((size_t)(slash - p) < sizeof dir) {
			memcpy(dir, p, (size_t)(slash - p));
			dir[slash - p] = '\0';
			if (catalog_match(l, dir))
				return 1;
		}
		p = slash + 1;
	}
}

/* The file name part of a path. */
static const char *ix_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Init-like names: a word of the snake_case name is init/setup/... so that
 * init_db and on_startup count but initiate_payment does not. */
static int ix_init_name(enum lang lang, const char *name)
{
	const struct catalog_list *words = catalog_get(lang, "ix_init_words");
	const char *p = name;

	if (catalog_match(catalog_get(lang, "ix_constructor_names"), name))
		return 0; /* a constructor runs per object, not once at start */
	while (*p) {
		const char *e;
		char word[64];
		size_t n, k;

		while (*p == '_')
			p++;
		for (e = p; *e && *e != '_'; e++)
			;
		n = (size_t)(e - p);
		/* the words are lower case; the name's word in any case */
		if (n < sizeof word) {
			for (k = 0; k < n; k++)
				word[k] = (char)tolower((unsigned char)p[k]);
			word[n] = '\0';
			if (catalog_match(words, word))
				return 1;
		}
		p = e;
	}
	return 0;
}

/* ---- function table ---- */

/* Orders funcs by (file, node): the order they are collected in. */
static int ix_func_cmp_ref(const void *a, const void *b)
{
	const struct ix_func *x = a, *y = b;

	if (x->ref.file != y->ref.file)
		return x->ref.file < y->ref.file ? -1 : 1;
	return x->ref.node < y->ref.node ? -1 : x->ref.node > y->ref.node;
}

/* The gid of the FUNC node at (file, node), or NO_FUNC. */
uint32_t ix_gid(const struct project_index *ix, uint32_t file, uint32_t node)
{
	struct ix_func key = { .ref = { file, node } };
	const struct ix_func *f = bsearch(&key, ix->funcs, ix->n_funcs, sizeof *f, ix_func_cmp_ref);

	return f ? (uint32_t)(f - ix->funcs) : NO_FUNC;
}

/* The innermost FUNC node enclosing node i (excluding i), or 0. */
uint32_t ix_enclosing_func_node(const struct model *m, uint32_t i)
{
	while (i != 0) {
		i = m->nodes[i].parent;
		if (m->nodes[i].kind == NODE_FUNC)
			return i;
	}
	return 0;
}

/* Collects every FUNC node of every parsed file. */
static void ix_collect_funcs(struct project_index *ix, const struct project *p)
{
	size_t cap = 0, fi;
	uint32_t i;

	for (fi = 0; fi < p->n_files; fi++) {
		const struct model *m = p->files[fi].model;

		if (m == NULL)
			continue;
		for (i = 1; i < m->n_nodes; i++) {
			struct ix_func *f;

			if (m->nodes[i].kind != NODE_FUNC || m->nodes[i].u.func == NULL)
				continue;
			XGROW(ix->funcs, cap, ix->n_funcs + 1);
			f = &ix->funcs[ix->n_funcs++];
			f->ref.file = (uint32_t)fi;
			f->ref.node = i;
			f->name = m->nodes[i].name ? m->nodes[i].name : "";
			f->role = 0;
			f->parent = NO_FUNC;
		}
	}
	/* the index keeps it for the whole audit: no doubling slack */
	if (ix->n_funcs > 0 && ix->n_funcs < cap)
		ix->funcs = xrealloc(ix->funcs, ix->n_funcs * sizeof *ix->funcs);
	for (i = 0; i < ix->n_funcs; i++) {
		const struct model *m = p->files[ix->funcs[i].ref.file].model;
		uint32_t outer = ix_enclosing_func_node(m, ix->funcs[i].ref.node);

		if (outer != 0)
			ix->funcs[i].parent = ix_gid(ix, ix->funcs[i].ref.file, outer);
	}
}

/* qsort context is not portable: sort gids with a file-scope pointer. */
static const struct ix_func *ix_sort_funcs;

/* Orders gids by (name, file, node). */
static int ix_gid_cmp_name(const void *a, const void *b)
{
	const struct ix_func *x = &ix_sort_funcs[*(const uint32_t *)a];
	const struct ix_func *y = &ix_sort_funcs[*(const uint32_t *)b];
	int c = strcmp(x->name, y->name);

	return c ? c : ix_func_cmp_ref(x, y);
}

/* Builds the by-name lookup over the function table. */
static void ix_build_name_table(struct project_index *ix)
{
	uint32_t *order = xmalloc((ix->n_funcs + 1) * sizeof *order);
	size_t i;

	for (i = 0; i < ix->n_funcs; i++)
		order[i] = (uint32_t)i;
	ix_sort_funcs = ix->funcs;
	xqsort(order, ix->n_funcs, sizeof *order, ix_gid_cmp_name);
	ix->sorted = xmalloc((ix->n_funcs + 1) * sizeof *ix->sorted);
	ix->sorted_names = xmalloc((ix->n_funcs + 1) * sizeof *ix->sorted_names);
	for (i = 0; i < ix->n_funcs; i++) {
		ix->sorted[i] = ix->funcs[order[i]].ref;
		ix->sorted_names[i] = ix->funcs[order[i]].name;
	}
	name_map_build(&ix->by_name, ix->sorted_names, ix->n_funcs);
	free(order);
}

/* True when file defines a function with this bare name. */
int ix_file_defines(const struct project_index *ix, uint32_t file, const char *name)
{
	const struct name_slot *s = name_map_get(&ix->by_name, name);
	uint32_t lo, hi;

	if (s == NULL)
		return 0;
	/* sorted by (name, file, node): binary search on the file */
	lo = s->start;
	hi = s->start + s->count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (ix->sorted[mid].file < file)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->start + s->count && ix->sorted[lo].file == file;
}

/* Adds role bits to every function named name that a reference from
 * file `from` can mean: the file's own definition when it has one,
 * otherwise every definition in the project. */
void ix_mark_named(struct project_index *ix, uint32_t from, const char *name, unsigned bits)
{
	const struct name_slot *s = name_map_get(&ix->by_name, name);
	int local = ix_file_defines(ix, from, name);
	uint32_t k;

	for (k = 0; s && k < s->count; k++) {
		const struct func_ref *r = &ix->sorted[s->start + k];

		if (!local || r->file == from) {
			unsigned *role = &ix->funcs[ix_gid(ix, r->file, r->node)].role;

			if (bits & ROLE_BACKGROUND)
				*role &= ~IX_ROLE_BG_DIR;
			*role |= bits;
		}
	}
}

/* ---- roles from the function itself ---- */

/* Matches decorator text against a catalog list; with need_call, only
 * decorators written as a call (`@router.get("/x")`) count. */
static int ix_decorator_matches(const struct model *m, struct span d, const char *list,
				int need_call)
{
	char head[256], resolved[256];

	if (need_call && memchr(span_ptr(m, d), '(', d.len) == NULL)
		return 0;
	ix_head_name(span_ptr(m, d), d.len, head, sizeof head);
	if (head[0] == '\0')
		return 0;
	model_resolve(m, head, resolved, sizeof resolved);
	return catalog_match(catalog_get(m->lang, list), resolved);
}

/* Matches a parameter's type as written (`*gin.Context`, `http.ResponseWriter`),
 * resolved through the file's imports, against a catalog list: a request
 * handler is known by what it is handed. */
int index_type_matches(const struct model *m, struct span a, const char *list)
{
	char type[256], resolved[256];
	const char *t = span_ptr(m, a);
	size_t n = a.len;

	while (n > 0 && (*t == '*' || *t == ' ')) {
		t++;
		n--;
	}
	if (n == 0 || n >= sizeof type)
		return 0;
	memcpy(type, t, n);
	type[n] = '\0';
	model_resolve(m, type, resolved, sizeof resolved);
	return catalog_match(catalog_get(m->lang, list), resolved);
}

/* Bases of the class holding method node fn contain a view-like name. */
static int ix_in_view_class(const struct model *m, const struct node *fn, int *websocket)
{
	const struct node *cls = &m->nodes[fn->parent];
	char bases[512];

	if (!(fn->flags & NF_METHOD) || cls->kind != NODE_CLASS || cls->u.cls == NULL)
		return 0;
	span_copy(m, cls->u.cls->bases, bases, sizeof bases);
	*websocket = catalog_match(catalog_get(m->lang, "ix_websocket_view_bases"), bases);
	return catalog_match(catalog_get(m->lang, "ix_view_bases"), bases);
}

/* Role bits a function earns from its own definition. */
static unsigned ix_own_role(const struct model *m, const char *path, const struct node *fn)
{
	const struct func_info *fi = fn->u.func;
	unsigned role = 0;
	uint32_t k;
	int ws = 0;

	for (k = 0; k < fi->n_decorators; k++) {
		struct span d = fi->decorators[k];

		if (ix_decorator_matches(m, d, "websocket_decorators", 1))
			role |= ROLE_HANDLER | ROLE_WEBSOCKET | ROLE_STREAMING;
		else if (ix_decorator_matches(m, d, "route_decorators", 1))
			role |= ROLE_HANDLER;
		if (ix_decorator_matches(m, d, "task_decorators", 0))
			role |= ROLE_BACKGROUND;
		if (ix_decorator_matches(m, d, "startup_decorators", 1))
			role |= ROLE_INIT;
		if ((role & ROLE_HANDLER) &&
		    ix_span_match(m, d, catalog_get(m->lang, "ix_streaming_route_decorators")))
			role |= ROLE_STREAMING;
	}
	for (k = 0; k < fi->n_params; k++) {
		struct span a = fi->params[k].annotation;

		if (a.len && ix_span_match(m, a, catalog_get(m->lang, "ix_websocket_params")))
			role |= ROLE_HANDLER | ROLE_WEBSOCKET | ROLE_STREAMING;
		else if (a.len && index_type_matches(m, a, "handler_param_types"))
			role |= ROLE_HANDLER;
	}
	/* a function literal started as its own goroutine: `go func() {...}()` */
	if ((fn->flags & NF_LAMBDA) && fn->parent != 0 &&
	    m->nodes[fn->parent].kind == NODE_CALL && m->nodes[fn->parent].parent != 0 &&
	    m->nodes[m->nodes[fn->parent].parent].kind == NODE_SPAWN)
		role |= ROLE_BACKGROUND;
	/* Django function views: module-level `def view(request, ...)` in views */
	if (fn->parent == 0 && fi->n_params > 0 && fi->params[0].name &&
	    catalog_match(catalog_get(m->lang, "ix_request_params"), fi->params[0].name) &&
	    (catalog_match(catalog_get(m->lang, "ix_view_files"), ix_basename(path)) ||
	     ix_path_has_dir(path, catalog_get(m->lang, "ix_view_dirs"))))
		role |= ROLE_HANDLER;
	if (fn->name && ix_in_view_class(m, fn, &ws)) {
		if (catalog_match(catalog_get(m->lang, "ix_view_methods"), fn->name))
			role |= ROLE_HANDLER | (ws ? ROLE_WEBSOCKET | ROLE_STREAMING : 0);
	}
	if (fn->name && !(fn->flags & NF_LAMBDA) && ix_init_name(m->lang, fn->name))
		role |= ROLE_INIT;
	/* a server's start-up hook, found by its name in a config module
	 * (gunicorn's `on_starting`) */
	if (fn->name && fn->parent == 0 &&
	    catalog_match(catalog_get(m->lang, "ix_startup_hook_names"), fn->name))
		role |= ROLE_INIT;
	/* a framework's lifecycle hook of a class, run once when the
	 * application starts (NestJS's `onModuleInit`) */
	if (fn->name && (fn->flags & NF_METHOD) && !(fn->flags & NF_LAMBDA) &&
	    catalog_match(catalog_get(m->lang, "ix_startup_hook_methods"), fn->name))
		role |= ROLE_INIT;
	if (ix_path_has_dir(path, catalog_get(m->lang, "ix_background_dirs")))
		role |= (role & ROLE_BACKGROUND) ? 0 : ROLE_BACKGROUND | IX_ROLE_BG_DIR;
	return role;
}

/* A handler that is neither streaming nor websocket but loops waiting
 * (`while ...: await asyncio.sleep(...)`, or a bounded `for` of polls) is a
 * long-poll endpoint; a
 * handler that builds a streaming response is a streaming endpoint. */
static unsigned ix_body_role(const struct model *m, const struct node *fn)
{
	const struct catalog_list *stream = catalog_get(m->lang, "streaming_responses");
	const struct catalog_list *waits = catalog_get(m->lang, "ix_wait_calls");
	unsigned role = 0;

	for (const struct node *c = NULL; (c = model_walk(m, fn, c, 1)); ) {
		if (c->kind != NODE_CALL || c->u.call == NULL || (c->flags & NF_DECORATOR))
			continue;
		if (catalog_match_call(stream, m, c)) {
			role |= ROLE_STREAMING;
		} else if ((c->flags & NF_AWAITED) && c->u.call->name &&
			   catalog_match(waits, c->u.call->name)) {
			const struct node *loop = model_enclosing_loop(m, c);

			if (loop && !(loop->flags & NF_COMPREHENSION))
				role |= ROLE_LONGPOLL;
		}
	}
	if (role & ROLE_STREAMING)
		role &= ~(unsigned)ROLE_LONGPOLL;
	return role;
}

/* True when the model is an Alembic revision (module-level
 * `down_revision` and a top-level `def upgrade()`) or an Alembic env.py
 * (`from alembic import context` and `def run_migrations_online()`). */
static int ix_is_alembic_revision(const struct model *m)
{
	int rev = 0, up = 0, ctx = 0, env = 0;

	for (uint32_t i = 0; i < m->n_imports; i++)
		if (catalog_match(catalog_get(m->lang, "ix_alembic_env_imports"), m->imports[i].target))
			ctx = 1;
	for (uint32_t k = m->nodes[0].first_child; k; k = m->nodes[k].next_sibling) {
		const struct node *n = &m->nodes[k];

		if (n->kind == NODE_ASSIGN && n->name &&
		    catalog_match(catalog_get(m->lang, "ix_alembic_revision_vars"), n->name))
			rev = 1;
		else if (n->kind == NODE_FUNC && n->name &&
			 catalog_match(catalog_get(m->lang, "ix_alembic_upgrade_funcs"), n->name))
			up = 1;
		else if (n->kind == NODE_FUNC && n->name &&
			 catalog_match(catalog_get(m->lang, "ix_alembic_env_funcs"), n->name))
			env = 1;
	}
	return (rev && up) || (ctx && env);
}

/* Marks Alembic revisions kept outside `migrations/` and `alembic/versions/`
 * (`db/revisions/versions/...`) as migrations: the spec keeps migrations
 * out of the code rules, wherever the project stores them. The files
 * [from, to) of project ctx: each range writes only its files' flags. */
static void ix_mark_migrations(void *ctx, size_t from, size_t to)
{
	struct project *p = ctx;

	for (size_t fi = from; fi < to; fi++)
		if (p->files[fi].model != NULL &&
		    ix_is_alembic_revision(p->files[fi].model))
			p->files[fi].flags |= FILE_MIGRATION;
}

/* ix_own_role for the functions [from, to): each writes its own role. */
static void ix_own_roles(void *ctx, size_t from, size_t to)
{
	struct ix_build *b = ctx;

	for (size_t g = from; g < to; g++) {
		struct ix_func *f = &b->ix->funcs[g];
		const struct source_file *sf = &b->p->files[f->ref.file];
		const struct node *fn = &sf->model->nodes[f->ref.node];

		unsigned route = index_route_file_role(sf->model, sf->path, fn);

		f->role |= ix_own_role(sf->model, sf->path, fn) | route;
		if (route & ROLE_BACKGROUND)
			f->role &= ~IX_ROLE_BG_DIR;
	}
}

/* ix_body_role for the handlers among the functions [from, to). */
static void ix_body_roles(void *ctx, size_t from, size_t to)
{
	struct ix_build *b = ctx;

	for (size_t g = from; g < to; g++) {
		struct ix_func *f = &b->ix->funcs[g];
		const struct model *m = b->p->files[f->ref.file].model;

		if (f->role & ROLE_HANDLER)
			f->role |= ix_body_role(m, &m->nodes[f->ref.node]);
		if (f->role & ROLE_STREAMING)
			f->role &= ~(unsigned)ROLE_LONGPOLL;
	}
}

/* index_orm_build on a thread of its own (ctx: struct ix_build). */
static void *ix_orm_worker(void *arg)
{
	struct ix_build *b = arg;

	index_orm_build(b->ix, b->p);
	return NULL;
}

struct project_index *index_build(struct project *p, int jobs)
{
	struct project_index *ix = xcalloc(1, sizeof *ix);
	struct ix_build b = { .ix = ix, .p = p };
	pthread_t orm;
	int orm_started = 0;
	size_t g;

	parallel_for(p->n_files, jobs, 64, ix_mark_migrations, p);
	ix_collect_funcs(ix, p);
	ix_build_name_table(ix);
	/* a function's own role reads only its file: the threads share them */
	parallel_for(ix->n_funcs, jobs, 256, ix_own_roles, &b);
	index_routes_scan(&b);
	/* The ORM models read the models (the routes scan above is the last
	 * writer of their nodes: it names anonymous handlers) and write only
	 * their own tables of the index (models, stubs, strs), which nothing
	 * below reads: with a second job they are built on a thread of their
	 * own while the call sites are scanned on the other jobs (that scan
	 * reads the models and writes only funcs and the build state). */
	if (jobs > 1 && pthread_create(&orm, NULL, ix_orm_worker, &b) == 0)
		orm_started = 1;
	index_calls_scan(&b, jobs - orm_started);
	parallel_for(ix->n_funcs, jobs - orm_started, 256, ix_body_roles, &b);
	if (orm_started)
		pthread_join(orm, NULL);
	else
		index_orm_build(ix, p);
	index_calls_propagate(&b, jobs);
	for (g = 0; g < ix->n_funcs; g++) {
		struct ix_func *f = &ix->funcs[g];

		p->files[f->ref.file].model->nodes[f->ref.node].u.func->role = (uint8_t)f->role;
	}
	free(b.calls);
	name_map_free(&b.calls_by_name);
	p->index = ix;
	return ix;
}

void index_free(struct project_index *ix)
{
	size_t i;

	if (ix == NULL)
		return;
	index_orm_free(ix);
	free(ix->funcs);
	free(ix->sorted);
	free(ix->sorted_names);
	name_map_free(&ix->by_name);
	for (i = 0; i < ix->n_strs; i++)
		free(ix->strs[i]);
	free(ix->strs);
	free(ix);
}

const struct func_ref *index_funcs_named(const struct project_index *ix, const char *name, size_t *n)
{
	const struct name_slot *s = ix ? name_map_get(&ix->by_name, name) : NULL;

	*n = s ? s->count : 0;
	return s ? &ix->sorted[s->start] : NULL;
}

unsigned index_role_at(const struct project *p, uint32_t fi, const struct node *n)
{
	const struct model *m;
	unsigned role = 0;
	uint32_t i;

	if (p == NULL || fi >= p->n_files || n == NULL || (m = p->files[fi].model) == NULL)
		return 0;
	for (i = node_index(m, n); ; i = m->nodes[i].parent) {
		const struct node *x = &m->nodes[i];

		if (x->kind == NODE_FUNC && x->u.func)
			role |= x->u.func->role;
		if (i == 0)
			break;
	}
	return role;
}
