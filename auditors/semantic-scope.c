/* The semantic layer (semantic.h), scope side: where a node runs, what
 * a local was assigned from, issue wording. */
#include "semantic.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "auditor.h"
#include "catalog.h"
#include "context.h"
#include "lang/lang.h"
#include "project.h"
#include "util/budget.h"
#include "util/xalloc.h"

const struct node *sem_func(const struct model *m, const struct node *n)
{
	return model_enclosing_func(m, n);
}

int sem_in_async(const struct model *m, const struct node *n)
{
	const struct node *fn = n->kind == NODE_FUNC ? n : model_enclosing_func(m, n);

	/* an inline callback (a lambda, a JavaScript arrow) runs where it is
	 * called: `rows.forEach(r => fs.readFileSync(r))` in an async
	 * function is on the event loop too */
	while (fn != NULL && (fn->flags & NF_LAMBDA) && !(fn->flags & NF_ASYNC))
		fn = model_enclosing_func(m, fn);
	return fn != NULL && (fn->flags & NF_ASYNC);
}

int sem_offloaded(const struct model *m, const struct node *c)
{
	const struct catalog_list *off = catalog_get(m->lang, "offload");
	uint32_t i = node_index(m, c);

	while (i != 0) {
		const struct node *x;

		i = m->nodes[i].parent;
		x = &m->nodes[i];
		if (x->kind == NODE_FUNC && !(x->flags & NF_LAMBDA))
			return 0; /* the wrapper must be in the same function */
		if (x->kind == NODE_CALL && catalog_match_call(off, m, x))
			return 1;
	}
	return 0;
}

const char *sem_callee(const struct model *m, const struct node *c, char *buf, size_t size)
{
	return model_call_resolved(m, c, buf, size);
}

const char *sem_call_brief(const struct model *m, const struct node *c, char *buf, size_t size)
{
	const struct call_info *ci = c->u.call;
	struct span a = ci->args_text;
	const char *aw = (c->flags & NF_AWAITED) ? sem_text_or_empty(m, "sem.await_prefix") : "";
	char args[64];
	size_t o = 0;

	/* a receiver that is an expression ("<expr>.read_text"): quote the
	 * source itself when the call fits on its line */
	if (strchr(ci->callee, '<') && c->line >= 1 && c->line <= m->n_lines) {
		uint32_t from = m->line_off[c->line - 1] + c->col;
		uint32_t to = a.off + a.len + 1;

		if (to > from && to - from < 70 && memchr(m->src + from, '\n', to - from) == NULL) {
			snprintf(buf, size, "%s%.*s", aw, (int)(to - from), m->src + from);
			return buf;
		}
	}

	/* the arguments on one line, whitespace folded */
	for (uint32_t i = 0; i < a.len && o + 1 < sizeof args; i++) {
		char ch = m->src[a.off + i];

		if (ch == '\n' || ch == '\r' || ch == '\t')
			ch = ' ';
		if (ch == ' ' && (o == 0 || args[o - 1] == ' '))
			continue;
		args[o++] = ch;
	}
	while (o > 0 && args[o - 1] == ' ')
		o--;
	args[o] = '\0';
	if (a.len > 40 || o + 1 >= sizeof args)
		snprintf(buf, size, "%s%s(...)", aw, ci->callee);
	else
		snprintf(buf, size, "%s%s(%s)", aw, ci->callee, args);
	return buf;
}

const char *sem_func_name(const struct model *m, const struct node *n)
{
	const struct node *fn = n->kind == NODE_FUNC ? n : model_enclosing_func(m, n);

	while (fn != NULL && (fn->flags & NF_LAMBDA))
		fn = model_enclosing_func(m, fn);
	if (fn == NULL)
		return "module level";
	if (fn->u.func && fn->u.func->qualname)
		return fn->u.func->qualname;
	return fn->name ? fn->name : "?";
}

int sem_has_plain_ident(const char *s, size_t n, const char *ident)
{
	size_t k = strlen(ident), i;

	if (k == 0 || n < k)
		return 0;
	for (i = 0; i + k <= n; i++) {
		if (memcmp(s + i, ident, k) != 0)
			continue;
		if (i > 0 && (sem_ident_char(s[i - 1]) || s[i - 1] == '.'))
			continue;
		if (i + k < n && sem_ident_char(s[i + k]))
			continue;
		return 1;
	}
	return 0;
}

int sem_span_has_plain_ident(const struct model *m, struct span sp, const char *ident)
{
	return sem_has_plain_ident(span_ptr(m, sp), sp.len, ident);
}

const char *sem_receiver_path(const char *callee, char *buf, size_t size)
{
	const char *dot = strrchr(callee, '.');
	size_t n = dot ? (size_t)(dot - callee) : 0;

	if (n >= size)
		n = size - 1;
	memcpy(buf, callee, n);
	buf[n] = '\0';
	return buf;
}

/* sem_assignment walks the function for every question, and the checks
 * ask one per loop, call or name: a function of 40 000 statements made
 * that quadratic (seconds per function). A function of ASSIGN_INDEX_LINES
 * lines or more gets an index instead, built once per thread and kept for
 * the last few functions asked about: its plain assignments in walk order
 * (pos), the running maximum of their lines (where the walk would stop),
 * and the same positions sorted by name (then position). Answers are the
 * walk's own. Keyed by the model's serial (never reused) and node. */
enum { ASSIGN_INDEX_LINES = 200, ASSIGN_CACHE = 4 };

struct assign_index {
	const struct model *m;
	uint64_t serial;
	uint32_t fn, n_nodes;
	const struct node **pos;   /* the plain assignments in walk order */
	uint32_t *max_line;        /* max_line[i]: the largest line of pos[0..i] */
	uint32_t *by_name;         /* indexes into pos, by name then position */
	size_t n;
	unsigned long used;        /* for evicting the least recently used */
};

static _Thread_local struct assign_index assign_cache[ASSIGN_CACHE];
static _Thread_local unsigned long assign_clock;
static _Thread_local const struct node **assign_sort_pos;
static pthread_key_t assign_key;     /* frees a thread's cache when it ends */
static pthread_once_t assign_key_once = PTHREAD_ONCE_INIT;

static void call_cache_free(void);
static void kind_cache_free(void);

static void assign_cache_free(void *cache)
{
	struct assign_index *c = cache;

	call_cache_free();
	kind_cache_free();
	for (int i = 0; i < ASSIGN_CACHE; i++) {
		free(c[i].pos);
		free(c[i].max_line);
		free(c[i].by_name);
		memset(&c[i], 0, sizeof c[i]);
	}
}

static void assign_key_init(void)
{
	pthread_key_create(&assign_key, assign_cache_free);
}

static int assign_by_name(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int c = strcmp(assign_sort_pos[x]->name, assign_sort_pos[y]->name);

	return c ? c : (x > y) - (x < y);
}

/* Builds ix for fn; returns the nodes walked (the caller charges them:
 * the index is built whole, never cut short by a spent budget, since
 * every check of the file shares it). */
static size_t assign_index_build(struct assign_index *ix, const struct model *m,
				 const struct node *fn)
{
	struct budget *outer = budget_active;
	size_t cap = 0, walked = 0;
	uint32_t top = 0;

	pthread_once(&assign_key_once, assign_key_init);
	pthread_setspecific(assign_key, assign_cache);

	free(ix->pos);
	free(ix->max_line);
	free(ix->by_name);
	memset(ix, 0, sizeof *ix);
	ix->m = m;
	ix->serial = m->serial;
	ix->fn = (uint32_t)(fn - m->nodes);
	ix->n_nodes = m->n_nodes;
	budget_active = NULL;
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); ) {
		walked++;
		if (x->kind != NODE_ASSIGN || x->name == NULL || (x->flags & NF_TARGET_ATTR))
			continue;
		if (ix->n == cap) {
			cap = cap ? cap * 2 : 64;
			ix->pos = xrealloc(ix->pos, cap * sizeof *ix->pos);
			ix->max_line = xrealloc(ix->max_line, cap * sizeof *ix->max_line);
		}
		if (x->line > top)
			top = x->line;
		ix->pos[ix->n] = x;
		ix->max_line[ix->n++] = top;
	}
	ix->by_name = xmalloc((ix->n ? ix->n : 1) * sizeof *ix->by_name);
	for (size_t i = 0; i < ix->n; i++)
		ix->by_name[i] = (uint32_t)i;
	assign_sort_pos = ix->pos;
	qsort(ix->by_name, ix->n, sizeof *ix->by_name, assign_by_name);
	budget_active = outer;
	return walked;
}

/* fn's index, or NULL when building it spent the budget. */
static const struct assign_index *assign_index_get(const struct model *m, const struct node *fn)
{
	uint32_t at = (uint32_t)(fn - m->nodes);
	struct assign_index *old = &assign_cache[0];
	size_t walked;

	for (int i = 0; i < ASSIGN_CACHE; i++) {
		struct assign_index *ix = &assign_cache[i];

		if (ix->m == m && ix->serial == m->serial && ix->fn == at &&
		    ix->n_nodes == m->n_nodes) {
			ix->used = ++assign_clock;
			return ix;
		}
		if (ix->used < old->used)
			old = ix;
	}
	walked = assign_index_build(old, m, fn);
	old->used = ++assign_clock;
	return budget_charge(walked) ? old : NULL;
}

static const struct node *assign_index_find(const struct assign_index *ix, const char *var,
					    unsigned before)
{
	size_t stop = ix->n, lo = 0, hi = ix->n;

	/* the walk stops at the first assignment on or after line before */
	if (before) {
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (ix->max_line[mid] >= before)
				hi = mid;
			else
				lo = mid + 1;
		}
		stop = lo;
	}
	/* the last assignment to var before stop: the first entry past
	 * (var, stop - 1) in name order, then one back */
	lo = 0;
	hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ix->pos[ix->by_name[mid]]->name, var);

		if (c < 0 || (c == 0 && ix->by_name[mid] < stop))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || strcmp(ix->pos[ix->by_name[lo - 1]]->name, var) != 0)
		return NULL;
	return ix->pos[ix->by_name[lo - 1]];
}

/* The calls of a file by name (sem_calls_named): one per thread, built
 * once per model, freed with the assignment indexes' thread key. */
static _Thread_local struct call_index {
	const struct model *m;
	uint64_t serial;
	uint32_t n_nodes;
	const struct node **calls;   /* by name, then walk order */
	size_t n;
} call_cache;

static void call_cache_free(void)
{
	free(call_cache.calls);
	memset(&call_cache, 0, sizeof call_cache);
}

struct call_at {
	const struct node *c;
	size_t pos;   /* in the walk */
};

static int call_by_name(const void *a, const void *b)
{
	const struct call_at *x = a, *y = b;
	int c = strcmp(x->c->u.call->name, y->c->u.call->name);

	return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

/* sem_own_nodes' lists: the last few functions and kinds asked about. */
enum { KIND_CACHE = 4 };

static _Thread_local struct kind_list {
	const struct model *m;
	uint64_t serial;
	uint32_t fn, n_nodes;
	int kind;
	const struct node **nodes;
	size_t n;
	unsigned long used;
} kind_cache[KIND_CACHE];
static _Thread_local unsigned long kind_clock;

static void kind_cache_free(void)
{
	for (int i = 0; i < KIND_CACHE; i++) {
		free(kind_cache[i].nodes);
		memset(&kind_cache[i], 0, sizeof kind_cache[i]);
	}
}

const struct node *const *sem_own_nodes(const struct model *m, const struct node *fn, int kind,
					size_t *n)
{
	uint32_t at = (uint32_t)(fn - m->nodes);
	struct kind_list *l = &kind_cache[0];
	struct budget *outer = budget_active;
	size_t cap = 0, walked = 0;

	*n = 0;
	if (fn < m->nodes || fn >= m->nodes + m->n_nodes)
		return NULL;
	for (int i = 0; i < KIND_CACHE; i++) {
		struct kind_list *k = &kind_cache[i];

		if (k->m == m && k->serial == m->serial && k->fn == at && k->kind == kind &&
		    k->n_nodes == m->n_nodes) {
			k->used = ++kind_clock;
			*n = k->n;
			return k->nodes;
		}
		if (k->used < l->used)
			l = k;
	}
	pthread_once(&assign_key_once, assign_key_init);
	pthread_setspecific(assign_key, assign_cache);
	free(l->nodes);
	memset(l, 0, sizeof *l);
	l->m = m;
	l->serial = m->serial;
	l->fn = at;
	l->kind = kind;
	l->n_nodes = m->n_nodes;
	l->used = ++kind_clock;
	budget_active = NULL;   /* built whole: every check shares it */
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); ) {
		walked++;
		if (x->kind != kind)
			continue;
		if (l->n == cap) {
			cap = cap ? cap * 2 : 16;
			l->nodes = xrealloc(l->nodes, cap * sizeof *l->nodes);
		}
		l->nodes[l->n++] = x;
	}
	budget_active = outer;
	if (!budget_charge(walked))
		return NULL;
	*n = l->n;
	return l->nodes;
}

const struct node *const *sem_calls_named(const struct model *m, const char *name, size_t *n)
{
	struct call_index *ix = &call_cache;
	size_t lo, hi, first;

	*n = 0;
	if (name == NULL)
		return NULL;
	if (ix->m != m || ix->serial != m->serial || ix->n_nodes != m->n_nodes) {
		struct budget *outer = budget_active;
		struct call_at *at = NULL;
		size_t cap = 0, walked = 0;

		pthread_once(&assign_key_once, assign_key_init);
		pthread_setspecific(assign_key, assign_cache);
		call_cache_free();
		ix->m = m;
		ix->serial = m->serial;
		ix->n_nodes = m->n_nodes;
		budget_active = NULL;   /* built whole: every check shares it */
		for (const struct node *c = NULL; (c = model_walk(m, model_node(m, 0), c, 1)); ) {
			walked++;
			if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL)
				continue;
			if (ix->n == cap) {
				cap = cap ? cap * 2 : 64;
				at = xrealloc(at, cap * sizeof *at);
			}
			at[ix->n].c = c;
			at[ix->n].pos = ix->n;
			ix->n++;
		}
		budget_active = outer;
		if (ix->n)
			qsort(at, ix->n, sizeof *at, call_by_name);
		ix->calls = xmalloc((ix->n ? ix->n : 1) * sizeof *ix->calls);
		for (size_t i = 0; i < ix->n; i++)
			ix->calls[i] = at[i].c;
		free(at);
		if (!budget_charge(walked))
			return NULL;
	}
	lo = 0;
	hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ix->calls[mid]->u.call->name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	while (lo < ix->n && strcmp(ix->calls[lo]->u.call->name, name) == 0)
		lo++;
	*n = lo - first;
	return *n ? &ix->calls[first] : NULL;
}

const struct node *sem_assignment(const struct model *m, const struct node *fn,
				  const char *var, unsigned before)
{
	const struct node *found = NULL;

	if (fn->end_line >= fn->line + ASSIGN_INDEX_LINES && fn >= m->nodes &&
	    fn < m->nodes + m->n_nodes) {
		const struct assign_index *ix;

		/* one step for the lookup: a spent budget still stops it */
		if (!budget_step() || (ix = assign_index_get(m, fn)) == NULL)
			return NULL;
		return assign_index_find(ix, var, before);
	}
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); ) {
		if (x->kind != NODE_ASSIGN || x->name == NULL || (x->flags & NF_TARGET_ATTR))
			continue;
		if (before && x->line >= before)
			break;
		if (strcmp(x->name, var) == 0)
			found = x;
	}
	return found;
}

const struct node *sem_first_call(const struct model *m, const struct node *st)
{
	for (uint32_t k = st->first_child; k && budget_step(); k = m->nodes[k].next_sibling)
		if (m->nodes[k].kind == NODE_CALL && m->nodes[k].u.call &&
		    !(m->nodes[k].flags & NF_DECORATOR))
			return &m->nodes[k];
	return NULL;
}

int sem_call_is_whole(const struct model *m, const struct node *c, struct span v)
{
	const char *s = span_ptr(m, v);
	size_t n = v.len, k;
	struct span a = c->u.call->args_text;

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == '\t'))
		n--;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	{
		char head[16];
		size_t aw;

		snprintf(head, sizeof head, "%.*s", (int)(n < 15 ? n : 15), s);
		if ((aw = sem_prefix_len(m->lang, "sem_await_words", head, 0)) > 0 && aw <= n) {
			s += aw;
			n -= aw;
		}
		/* a constructor call is whole too (`new Client(opts)`) */
		snprintf(head, sizeof head, "%.*s", (int)(n < 15 ? n : 15), s);
		if ((aw = sem_prefix_len(m->lang, "sem_ctor_words", head, 0)) > 0 && aw <= n) {
			s += aw;
			n -= aw;
		}
	}
	if (n < 2 || s[n - 1] != ')')
		return 0;
	/* it must start where the callee starts (not `a + f(x)`) */
	k = strcspn(c->u.call->callee, ".(");
	if (c->u.call->callee[0] != '<' && (n < k || strncmp(s, c->u.call->callee, k) != 0))
		return 0;
	if (a.len > 0) {
		/* the closing parenthesis may follow a trailing comma and a
		 * line break (`connect(\n    host=h,\n)`) */
		const char *e = span_ptr(m, a) + a.len;

		while (e < s + n - 1 && (*e == ' ' || *e == '\t' || *e == '\n' || *e == '\r' ||
					 *e == ','))
			e++;
		return e == s + n - 1;
	}
	/* no arguments: the span is empty, compare the text instead */
	k = strlen(c->u.call->name);
	return s[n - 2] == '(' && n >= k + 2 && strncmp(s + n - 2 - k, c->u.call->name, k) == 0;
}

const struct param *sem_param(const struct node *fn, const char *var)
{
	const struct func_info *fi = fn ? fn->u.func : NULL;

	for (uint32_t k = 0; fi && k < fi->n_params; k++)
		if (fi->params[k].name && strcmp(fi->params[k].name, var) == 0)
			return &fi->params[k];
	return NULL;
}

enum severity sem_request_severity(unsigned role)
{
	if (role & (ROLE_HANDLER | ROLE_HANDLER_PATH | ROLE_DEPENDENCY))
		return SEV_HIGH;
	return SEV_MEDIUM;
}

const char *sem_role_words(unsigned role, int is_async)
{
	if (role & ROLE_WEBSOCKET)
		return is_async ? "async websocket handler" : "websocket handler";
	if (role & ROLE_STREAMING)
		return is_async ? "async streaming handler" : "streaming handler";
	if (role & ROLE_HANDLER)
		return is_async ? "async handler" : "handler";
	if (role & ROLE_DEPENDENCY)
		return is_async ? "async request dependency" : "request dependency";
	if (role & ROLE_HANDLER_PATH)
		return is_async ? "async helper called from handlers" : "helper called from handlers";
	if (role & ROLE_BACKGROUND)
		return is_async ? "async background task" : "background task";
	if (role & ROLE_INIT)
		return is_async ? "async startup code" : "startup code";
	return is_async ? "async function" : "function";
}

int sem_startup_only(const struct model *m, const struct node *c, unsigned role)
{
	const struct node *fn = c->kind == NODE_FUNC ? c : model_enclosing_func(m, c);

	if (!(role & ROLE_INIT) || (role & IX_SERVING_ROLES) || fn == NULL)
		return 0;
	for (const struct node *a = NULL; (a = model_walk(m, fn, a, 0)); )
		if (a->kind == NODE_LOOP && (a->flags & NF_WHILE))
			return 0;
	return 1;
}

const char *sem_text_or_empty(const struct model *m, const char *name)
{
	const char *t = catalog_text(m->lang, name);

	return t != NULL ? t : "";
}

int sem_stack_in(const struct project *p, enum lang lang, const char *list)
{
	const struct catalog_list *l = catalog_get(lang, list);
	const struct tech_stack *st;

	if (p == NULL || (st = auditor_stack(p)) == NULL)
		return 0;
	if ((st->orm && catalog_match(l, st->orm)) || (st->driver && catalog_match(l, st->driver)) ||
	    (st->async_framework && catalog_match(l, st->async_framework)))
		return 1;
	for (size_t i = 0; i < st->n_libraries; i++)
		if (catalog_match(l, st->libraries[i]))
			return 1;
	return 0;
}

int sem_stack_is(const struct project *p, const char *what)
{
	const struct tech_stack *st;

	if (p == NULL || (st = auditor_stack(p)) == NULL)
		return 0;
	if ((st->orm && strcmp(st->orm, what) == 0) ||
	    (st->driver && strcmp(st->driver, what) == 0) ||
	    (st->async_framework && strcmp(st->async_framework, what) == 0))
		return 1;
	for (size_t i = 0; i < st->n_libraries; i++)
		if (strcmp(st->libraries[i], what) == 0)
			return 1;
	return 0;
}

const char *sem_catch_word(const struct model *m)
{
	const struct front_end *fe = lang_get(m->lang);

	const char *dflt;

	if (fe && fe->traits.catch_word)
		return fe->traits.catch_word;
	/* a language without the trait: the catalog's default word */
	dflt = catalog_text(m->lang, "rp.default_catch_word");
	return dflt ? dflt : "";
}

const char *sem_throw_word(const struct model *m)
{
	const struct front_end *fe = lang_get(m->lang);

	const char *dflt;

	if (fe && fe->traits.throw_word)
		return fe->traits.throw_word;
	dflt = catalog_text(m->lang, "rp.default_throw_word");
	return dflt ? dflt : "";
}
