/* The project index, part two: roles from references (Depends(fn),
 * add_task(fn), create_task(fn()), Route(..., fn), generators handed to
 * StreamingResponse) and from the call graph (a function every caller of
 * which is background becomes background; one called only from handlers
 * gets ROLE_HANDLER_PATH). See the DESIGN note at the top of index.c. */
#include "index.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "index-private.h"
#include "lang/lang.h"
#include "util/parallel.h"
#include "util/xalloc.h"

#define PROPAGATION_ROUNDS 8

/* ---- roles from references and the call graph ---- */

/* The bare name of the function an argument expression refers to:
 * `send_email`, `self._notify`, `worker.run(job_id)` -> run. */
static const char *ix_arg_func_name(const struct model *m, struct span e, char *buf, size_t size)
{
	ix_head_name(span_ptr(m, e), e.len, buf, size);
	if (buf[0] == '\0' || buf[0] == '"' || buf[0] == '\'')
		return NULL;
	return ix_last_segment(buf);
}

/* The n-th positional argument of call c, or a keyword one, or NULL. */
static const struct arg *ix_call_arg(const struct node *c, uint32_t pos, const char *kw)
{
	const struct call_info *ci = c->u.call;
	uint32_t k, seen = 0;

	for (k = 0; k < ci->n_args; k++) {
		const struct arg *a = &ci->args[k];

		if (a->name == NULL) {
			if (seen++ == pos)
				return a;
		} else if (kw && strcmp(a->name, kw) == 0) {
			return a;
		}
	}
	return NULL;
}

/* What one range of files contributes, gathered on a worker thread and
 * merged in file order: its call sites, written straight into their
 * place in the build's array (counted first: no growing copies beside
 * it while the build is the run's peak), and the role marks its
 * references make (applied afterwards: a mark writes another file's
 * functions). */
struct ix_mark {
	uint32_t file;
	char *name;         /* owned: it may come from a scratch buffer */
	unsigned bits;
};

struct ix_scan_part {
	struct ix_call *calls;   /* its place in the build's array */
	size_t n_calls;          /* counted by ix_count_files, then filled */
	struct ix_mark *marks;
	size_t n_marks, cap_marks;
};

static void ix_mark_later(struct ix_scan_part *part, uint32_t fi, const char *name, unsigned bits)
{
	XGROW(part->marks, part->cap_marks, part->n_marks + 1);
	part->marks[part->n_marks].file = fi;
	part->marks[part->n_marks].name = xstrdup(name);
	part->marks[part->n_marks++].bits = bits;
}

/* Records the marks for the functions named by the arguments of call c
 * of file fi. */
static void ix_call_references(struct ix_scan_part *part, uint32_t fi, const struct model *m,
			       const struct node *c)
{
	const struct arg *a;
	const char *name;
	char buf[256];

	if (catalog_match_call(catalog_get(m->lang, "dependency_markers"), m, c)) {
		if ((a = ix_call_arg(c, 0, "dependency")) &&
		    (name = ix_arg_func_name(m, a->expr, buf, sizeof buf)))
			ix_mark_later(part, fi, name, ROLE_DEPENDENCY);
	} else if (catalog_match_call(catalog_get(m->lang, "background_launchers"), m, c)) {
		/* the function, after a schedule string when there is one:
		 * `c.AddFunc("@every 1m", s.cleanup)` */
		if ((a = ix_call_arg(c, 0, NULL)) && a->expr.len > 0 &&
		    (*span_ptr(m, a->expr) == '"' || *span_ptr(m, a->expr) == '`'))
			a = ix_call_arg(c, 1, NULL);
		if (a && (name = ix_arg_func_name(m, a->expr, buf, sizeof buf)))
			ix_mark_later(part, fi, name, ROLE_BACKGROUND);
	} else if (catalog_match_call(catalog_get(m->lang, "route_registrations"), m, c)) {
		if (((a = ix_call_arg(c, 1, catalog_text(m->lang, "ix.route_endpoint_kwarg"))) ||
		     (a = ix_call_arg(c, 99, catalog_text(m->lang, "ix.route_view_func_kwarg")))) &&
		    (name = ix_arg_func_name(m, a->expr, buf, sizeof buf)))
			ix_mark_later(part, fi, name, ROLE_HANDLER);
	} else if (catalog_match_call(catalog_get(m->lang, "streaming_responses"), m, c)) {
		/* the generator handed to the response streams for its whole life */
		for (uint32_t k = c->first_child; k; k = m->nodes[k].next_sibling) {
			const struct node *g = &m->nodes[k];

			if (g->kind == NODE_CALL && g->u.call && g->u.call->name)
				ix_mark_later(part, fi, g->u.call->name, ROLE_STREAMING);
		}
	}
}

/* True when call c is made on an object: its callee has a receiver whose
 * first name is not a module the file imports (`this.store.f`, `client.f`,
 * `make().f`). */
static int ix_on_object(const struct model *m, const struct node *c)
{
	const char *callee = c->u.call->callee;
	size_t n;

	if (callee == NULL)
		return 0;
	n = strcspn(callee, ".(");
	if (callee[n] != '.' && !(callee[n] == '(' && strchr(callee + n, '.') != NULL))
		return 0;
	if (callee[n] == '(')
		return 1;
	for (uint32_t i = 0; i < m->n_imports; i++)
		if (m->imports[i].local && strlen(m->imports[i].local) == n &&
		    strncmp(m->imports[i].local, callee, n) == 0)
			return 0;
	return 1;
}

/* True when call c is `<receiver>.<name>(...)` on the language's
 * implicit receiver alone (`this.load()`, `self.load()`). */
static int ix_self_call(const struct model *m, const struct node *c)
{
	const struct front_end *fe = lang_get(m->lang);
	const char *callee = c->u.call->callee;

	if (fe == NULL || fe->traits.receivers == NULL || callee == NULL)
		return 0;
	for (const char *const *r = fe->traits.receivers; *r != NULL; r++) {
		size_t n = strlen(*r);

		if (strncmp(callee, *r, n) == 0 && callee[n] == '.' &&
		    strcmp(callee + n + 1, c->u.call->name) == 0)
			return 1;
	}
	return 0;
}

/* True when call c's result is kept in a slot that c runs only while the
 * slot is unset: `if (!Worker.initPromise) Worker.initPromise = init();`.
 * The statement is `<slot> = <c>` alone in (or first in) an `if` whose
 * whole condition tests that slot unset (catalog ix_once_unset_tests,
 * the slot written `{slot}`, blanks dropped). The slot is a field or
 * a name of an outer scope (not assigned elsewhere in the function), so
 * the call runs once per process, however often its caller runs. */
static int ix_once_call(const struct model *m, const struct node *c)
{
	const struct catalog_list *l = catalog_get(m->lang, "ix_once_unset_tests");
	const struct node *as, *iff, *fn;
	char cond[256], test[300], val[256];
	const char *slot, *v;
	size_t sl, i, j;

	if (catalog_list_empty(l) || c->parent == 0)
		return 0;
	as = &m->nodes[c->parent];
	if (as->kind != NODE_ASSIGN || as->name == NULL || as->parent == 0 ||
	    (sl = strlen(slot = as->name)) == 0 || sl >= 128)
		return 0;
	/* the value is the call itself */
	span_copy(m, as->value, val, sizeof val);
	for (v = val; *v == ' ' || *v == '\n'; v++)
		;
	if (strncmp(v, c->u.call->callee, strlen(c->u.call->callee)) != 0 ||
	    v[strlen(c->u.call->callee)] != '(')
		return 0;
	iff = &m->nodes[as->parent];
	if (iff->kind != NODE_IF || (iff->flags & NF_ELIF) || iff->value.len == 0)
		return 0;
	span_copy(m, iff->value, cond, sizeof cond);
	/* the condition with the slot written `{slot}` and no blanks */
	for (i = 0, j = 0; cond[i] && j + 8 < sizeof test; ) {
		if (cond[i] == ' ' || cond[i] == '\t' || cond[i] == '\n' || cond[i] == '(' ||
		    cond[i] == ')') {
			i++;
			continue;
		}
		if (strncmp(cond + i, slot, sl) == 0 &&
		    (i == 0 || !(isalnum((unsigned char)cond[i - 1]) || cond[i - 1] == '_' ||
				 cond[i - 1] == '.' || cond[i - 1] == '$')) &&
		    !(isalnum((unsigned char)cond[i + sl]) || cond[i + sl] == '_' ||
		      cond[i + sl] == '.' || cond[i + sl] == '$' || cond[i + sl] == '(')) {
			memcpy(test + j, "{slot}", 6);
			j += 6;
			i += sl;
			continue;
		}
		test[j++] = cond[i++];
	}
	test[j] = '\0';
	if (cond[i] != '\0' || strstr(test, "{slot}") == NULL || !catalog_match(l, test))
		return 0;
	/* one slot per process: a static field of the enclosing class
	 * (`Worker.initPromise` in a method of Worker), or a module-level
	 * name no assignment of the function declares again. A field of an
	 * instance (`this.client`) or a keyed entry (`cache[id]`) runs once
	 * per instance or key, not once. */
	for (i = 0; i < sl; i++)
		if (!(isalnum((unsigned char)slot[i]) || slot[i] == '_' || slot[i] == '$' ||
		      slot[i] == '.'))
			return 0;
	{
		uint32_t f = ix_enclosing_func_node(m, (uint32_t)(c - m->nodes));
		const char *dot = strchr(slot, '.');

		if (f == 0)
			return 0;
		fn = &m->nodes[f];
		if (dot != NULL) {
			const struct node *cls = fn->parent != 0 ? &m->nodes[fn->parent] : NULL;

			return strchr(dot + 1, '.') == NULL && cls != NULL &&
			       cls->kind == NODE_CLASS && cls->name != NULL &&
			       strlen(cls->name) == (size_t)(dot - slot) &&
			       strncmp(cls->name, slot, (size_t)(dot - slot)) == 0;
		}
		for (const struct node *k = NULL; (k = model_walk(m, fn, k, 0)) != NULL; )
			if (k != as && k->kind == NODE_ASSIGN && k->name != NULL &&
			    strcmp(k->name, slot) == 0)
				return 0;
		for (uint32_t k = model_node(m, 0)->first_child; k; k = m->nodes[k].next_sibling)
			if (m->nodes[k].kind == NODE_ASSIGN && m->nodes[k].name != NULL &&
			    strcmp(m->nodes[k].name, slot) == 0)
				return 1;
		return 0;
	}
}

int index_once_call(const struct model *m, const struct node *c)
{
	return c->kind == NODE_CALL && c->u.call != NULL && c->u.call->callee != NULL &&
	       ix_once_call(m, c);
}

/* The call sites and reference marks of the files [from, to) of the
 * range's part (ctx: struct ix_scan). */
struct ix_scan {
	struct ix_build *b;
	struct ix_scan_part *parts;   /* one per IX_SCAN_CHUNK files */
};

enum { IX_SCAN_CHUNK = 32 };

/* True when call node c of a file is a call site of the call graph (and
 * its references are read): ix_count_files and ix_scan_files agree. */
static int ix_is_call_site(const struct node *c)
{
	return c->kind == NODE_CALL && c->u.call != NULL && c->u.call->name != NULL &&
	       !(c->flags & NF_DECORATOR);
}

/* Counts the call sites of the files [from, to) into their part. */
static void ix_count_files(void *ctx, size_t from, size_t to)
{
	struct ix_scan *sc = ctx;
	const struct project *p = sc->b->p;
	struct ix_scan_part *part = &sc->parts[from / IX_SCAN_CHUNK];

	for (size_t fi = from; fi < to; fi++) {
		const struct model *m = p->files[fi].model;

		for (uint32_t i = 1; m != NULL && i < m->n_nodes; i++)
			part->n_calls += (size_t)ix_is_call_site(&m->nodes[i]);
	}
}

static void ix_scan_files(void *ctx, size_t from, size_t to)
{
	struct ix_scan *sc = ctx;
	const struct project *p = sc->b->p;
	struct ix_scan_part *part = &sc->parts[from / IX_SCAN_CHUNK];
	size_t n = 0;

	for (size_t fi = from; fi < to; fi++) {
		const struct model *m = p->files[fi].model;

		if (m == NULL)
			continue;
		for (uint32_t i = 1; i < m->n_nodes; i++) {
			const struct node *c = &m->nodes[i];
			uint32_t fn;

			if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL)
				continue;
			ix_call_references(part, (uint32_t)fi, m, c);
			/* `go s.worker(ch)`: the named function runs as spawned work
			 * (a function literal, `go func() {...}()`, is its own FUNC) */
			if (c->parent != 0 && m->nodes[c->parent].kind == NODE_SPAWN &&
			    (c->first_child == 0 || m->nodes[c->first_child].kind != NODE_FUNC))
				ix_mark_later(part, (uint32_t)fi, c->u.call->name, ROLE_BACKGROUND);
			if (c->flags & NF_DECORATOR)
				continue;
			if (n == part->n_calls)  /* never: counted with the same test */
				fatal("index: more call sites than counted");
			fn = ix_enclosing_func_node(m, i);
			part->calls[n].name = c->u.call->name;
			part->calls[n].hash = ix_hash(c->u.call->name);
			part->calls[n].file = (uint32_t)fi;
			part->calls[n].caller = fn ? ix_gid(sc->b->ix, (uint32_t)fi, fn) : NO_FUNC;
			part->calls[n].method = (uint8_t)ix_on_object(m, c);
			part->calls[n].test = (p->files[fi].flags & FILE_TEST) != 0;
			part->calls[n].self = (uint8_t)ix_self_call(m, c);
			part->calls[n].once = (uint8_t)(fn != 0 && ix_once_call(m, c));
			part->calls[n].load = fn == 0 ||
				((m->nodes[fn].flags & NF_LAMBDA) && ix_enclosing_func_node(m, fn) == 0);
			n++;
		}
	}
	if (n != part->n_calls)
		fatal("index: fewer call sites than counted");
}

/* Records every call site (for the call graph) and applies references:
 * the files are scanned on up to `jobs` threads, their parts merged in
 * file order. */
void index_calls_scan(struct ix_build *b, int jobs)
{
	const struct project *p = b->p;
	size_t n_parts = (p->n_files + IX_SCAN_CHUNK - 1) / IX_SCAN_CHUNK, k, i;
	struct ix_scan sc = { b, xcalloc(n_parts ? n_parts : 1, sizeof *sc.parts) };

	parallel_for(p->n_files, jobs, IX_SCAN_CHUNK, ix_count_files, &sc);
	{
		/* one array of the exact size, each part's calls in their place
		 * (file order): it is sorted (with a copy as large) while the
		 * build is the run's peak */
		size_t total = b->n_calls;

		for (k = 0; k < n_parts; k++)
			total += sc.parts[k].n_calls;
		/* allocated even for no call: b->calls + 0 on NULL is undefined */
		if (total > b->cap_calls || b->calls == NULL) {
			b->calls = xrealloc(b->calls, (total ? total : 1) * sizeof *b->calls);
			b->cap_calls = total;
		}
		for (k = 0, total = b->n_calls; k < n_parts; k++) {
			sc.parts[k].calls = b->calls + total;
			total += sc.parts[k].n_calls;
		}
	}
	parallel_for(p->n_files, jobs, IX_SCAN_CHUNK, ix_scan_files, &sc);
	for (k = 0; k < n_parts; k++) {
		struct ix_scan_part *part = &sc.parts[k];

		for (i = 0; i < part->n_marks; i++) {
			ix_mark_named(b->ix, part->marks[i].file, part->marks[i].name,
				      part->marks[i].bits);
			free(part->marks[i].name);
		}
		free(part->marks);
		b->n_calls += part->n_calls;
	}
	free(sc.parts);
}

/* Orders call sites by name: by hash first, so equal names stay together
 * and most comparisons never touch the text; then by file and caller. */
static inline int ix_call_before(const struct ix_call *x, const struct ix_call *y)
{
	int c;

	if (x->hash != y->hash)
		return x->hash < y->hash;
	if ((c = strcmp(x->name, y->name)) != 0)
		return c < 0;
	if (x->file != y->file)
		return x->file < y->file;
	return x->caller < y->caller;
}

/* ---- sorting the call sites: a stable merge sort on up to --jobs threads
 * (the comparison inlined; glibc's qsort was a third of the index phase) */

enum { IX_SORT_RUN = 16, IX_SORT_PARALLEL_MIN = 16384 };

/* Stable merge of x[0..nx) and y[0..ny) into out. */
static void ix_merge(const struct ix_call *x, size_t nx, const struct ix_call *y, size_t ny,
		     struct ix_call *out)
{
	size_t i = 0, j = 0, o = 0;

	while (i < nx && j < ny)
		out[o++] = ix_call_before(&y[j], &x[i]) ? y[j++] : x[i++];
	while (i < nx)
		out[o++] = x[i++];
	while (j < ny)
		out[o++] = y[j++];
}

/* The last `count` elements of the stable merge of x[0..nx) and y[0..ny),
 * written backwards from out[nx + ny - 1]: with ix_merge of the first
 * elements on another thread, the two halves of one merge. */
static void ix_merge_back(const struct ix_call *x, size_t nx, const struct ix_call *y, size_t ny,
			  struct ix_call *out, size_t count)
{
	size_t i = nx, j = ny, o = nx + ny;

	while (count-- > 0) {
		/* the stable order puts y's element last on a tie */
		if (j > 0 && (i == 0 || !ix_call_before(&y[j - 1], &x[i - 1])))
			out[--o] = y[--j];
		else
			out[--o] = x[--i];
	}
}

/* The first `count` elements of the same merge, written forwards. */
static void ix_merge_front(const struct ix_call *x, size_t nx, const struct ix_call *y,
			   size_t ny, struct ix_call *out, size_t count)
{
	size_t i = 0, j = 0, o = 0;

	while (o < count)
		out[o++] = j < ny && (i == nx || ix_call_before(&y[j], &x[i])) ? y[j++] : x[i++];
}

static void ix_insertion_sort(struct ix_call *a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct ix_call v = a[i];
		size_t j = i;

		for (; j > 0 && ix_call_before(&v, &a[j - 1]); j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

/* Sorts a[0..n) into a (into t when to_t), the other array as scratch. */
static void ix_msort(struct ix_call *a, struct ix_call *t, size_t n, int to_t)
{
	size_t h = n / 2;

	if (n <= IX_SORT_RUN) {
		ix_insertion_sort(a, n);
		if (to_t && n > 0)
			memcpy(t, a, n * sizeof *a);
		return;
	}
	/* the halves land in the array the merge reads from */
	ix_msort(a, t, h, !to_t);
	ix_msort(a + h, t + h, n - h, !to_t);
	if (to_t)
		ix_merge(a, h, a + h, n - h, t);
	else
		ix_merge(t, h, t + h, n - h, a);
}

struct ix_sort_job {
	struct ix_call *a, *t;
	size_t n;
	int jobs, to_t;
	/* or, for the back half of a merge */
	const struct ix_call *x, *y;
	size_t nx, ny, count;
	struct ix_call *out;
};

static void ix_psort(struct ix_call *a, struct ix_call *t, size_t n, int jobs, int to_t);

static void *ix_psort_worker(void *arg)
{
	struct ix_sort_job *j = arg;

	if (j->out != NULL)
		ix_merge_back(j->x, j->nx, j->y, j->ny, j->out, j->count);
	else
		ix_psort(j->a, j->t, j->n, j->jobs, j->to_t);
	return NULL;
}

/* ix_msort on up to `jobs` threads: the halves on two, then their merge
 * on two (one from each end). The output is the same as ix_msort's. */
static void ix_psort(struct ix_call *a, struct ix_call *t, size_t n, int jobs, int to_t)
{
	size_t h = n / 2;
	struct ix_sort_job j;
	const struct ix_call *src;
	struct ix_call *dst;
	pthread_t th;

	if (jobs < 2 || n < IX_SORT_PARALLEL_MIN) {
		ix_msort(a, t, n, to_t);
		return;
	}
	memset(&j, 0, sizeof j);
	j.a = a;
	j.t = t;
	j.n = h;
	j.jobs = jobs / 2;
	j.to_t = !to_t;
	if (pthread_create(&th, NULL, ix_psort_worker, &j) == 0) {
		ix_psort(a + h, t + h, n - h, jobs - jobs / 2, !to_t);
		pthread_join(th, NULL);
	} else {
		ix_psort(a, t, h, 1, !to_t);
		ix_psort(a + h, t + h, n - h, 1, !to_t);
	}
	src = to_t ? a : t;
	dst = to_t ? t : a;
	memset(&j, 0, sizeof j);
	j.x = src;
	j.nx = h;
	j.y = src + h;
	j.ny = n - h;
	j.out = dst;
	j.count = n - h;
	if (pthread_create(&th, NULL, ix_psort_worker, &j) == 0) {
		ix_merge_front(src, h, src + h, n - h, dst, h);
		pthread_join(th, NULL);
	} else {
		ix_merge(src, h, src + h, n - h, dst);
	}
}

/* Sorts the call sites by ix_call_before, stably, on up to `jobs` threads,
 * with scratch for half of them: each half is sorted in place (ix_psort,
 * the half of the scratch it needs), then the front half is moved into the
 * scratch and merged back from the front, which never overtakes the back
 * half's next unread site. At 1 M lines the sites are 11 MB and this runs
 * at the run's peak (every model resident): a whole copy was 11 MB more. A
 * stable sort has one result, so the order is the one the whole-copy sort
 * gave. */
static void ix_sort_calls(struct ix_build *b, int jobs)
{
	struct ix_call *a = b->calls, *t;
	size_t n = b->n_calls, h = n / 2, i = 0, j = h, o = 0;

	if (n < 2)
		return;
	t = xmalloc((n - h) * sizeof *t);
	ix_psort(a, t, h, jobs, 0);
	ix_psort(a + h, t, n - h, jobs, 0);
	memcpy(t, a, h * sizeof *t);
	/* o = i + (j - h) < j while front sites remain: no unread site is
	 * overwritten; once they are gone the rest is already in place */
	while (i < h && j < n)
		a[o++] = ix_call_before(&a[j], &t[i]) ? a[j++] : t[i++];
	while (i < h)
		a[o++] = t[i++];
	free(t);
}

/* Roles of gid and every function around it (nested functions inherit). */
static unsigned ix_effective_role(const struct project_index *ix, uint32_t gid)
{
	unsigned r = 0;

	for (; gid != NO_FUNC; gid = ix->funcs[gid].parent)
		r |= ix->funcs[gid].role;
	return r;
}

/* Folds the role of one calling site into an aggregate. */
static void ix_agg_add(const struct project_index *ix, struct ix_agg *a, const struct ix_call *c)
{
	/* a call made once per process (ix_once_call) takes no role from
	 * its caller */
	unsigned r = c->caller == NO_FUNC || c->once ? 0 : ix_effective_role(ix, c->caller);

	a->n++;
	if (!(r & ROLE_BACKGROUND))
		a->all_bg = 0;
	if (!(r & (ROLE_HANDLER | ROLE_HANDLER_PATH)) || (r & ROLE_BACKGROUND))
		a->all_h = 0;
	/* module-level code runs once, when the program loads; so does
	 * startup code and what only it calls */
	if (c->method && !c->test)
		a->n_obj++;
	if (c->method || c->test)
		return;
	a->n_plain++;
	if (c->once || (r & IX_ROLE_ONCE))
		a->n_once++;
	if (r & IX_SERVING_ROLES)
		a->all_init = 0;
	else if (!c->load && !c->once && !(r & ROLE_INIT))
		a->all_init = 0;
}

/* True when f is a module-level function (no class, no enclosing function):
 * only those can be reached by a call that is not on an object. */
static int ix_module_level(const struct ix_build *b, const struct ix_func *f)
{
	const struct model *m = b->p->files[f->ref.file].model;
	const struct node *fn = &m->nodes[f->ref.node];

	return fn->parent == 0 && !(fn->flags & NF_METHOD);
}

/* True when f is a method declared static or class-level (catalog
 * ix_static_method_decorators): `Store.provision(...)` through an import
 * of the class is a plain call of it, made without an object. */
static int ix_static_method(const struct ix_build *b, const struct ix_func *f)
{
	const struct model *m = b->p->files[f->ref.file].model;
	const struct node *fn = &m->nodes[f->ref.node];
	const struct catalog_list *l = catalog_get(m->lang, "ix_static_method_decorators");
	char head[128];

	if (!(fn->flags & NF_METHOD) || fn->u.func == NULL || catalog_list_empty(l))
		return 0;
	for (uint32_t k = 0; k < fn->u.func->n_decorators; k++) {
		struct span d = fn->u.func->decorators[k];

		ix_head_name(span_ptr(m, d), d.len, head, sizeof head);
		if (head[0] != '\0' && catalog_match(l, head))
			return 1;
	}
	return 0;
}

/* True when f is a method and the function gid (or the function gid is
 * nested in) is a method of the same class. */
static int ix_same_class(const struct ix_build *b, const struct ix_func *f, uint32_t gid)
{
	const struct model *m = b->p->files[f->ref.file].model;
	const struct node *fn = &m->nodes[f->ref.node];

	if (gid == NO_FUNC || !(fn->flags & NF_METHOD) || fn->parent == 0 ||
	    m->nodes[fn->parent].kind != NODE_CLASS)
		return 0;
	while (b->ix->funcs[gid].parent != NO_FUNC)
		gid = b->ix->funcs[gid].parent;
	return b->ix->funcs[gid].ref.file == f->ref.file &&
	       m->nodes[b->ix->funcs[gid].ref.node].parent == fn->parent;
}

/* The call group whose first site is calls[start] (a name_map slot's
 * start: name_map_build's runs of equal names are the groups). */
static size_t ix_agg_group(const struct ix_build *b, uint32_t start)
{
	size_t lo = 0, hi = b->n_agg;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->agg_start[mid] < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == b->n_agg || b->agg_start[lo] != start)
		fatal("index: call group at %u not found", (unsigned)start);
	return lo;
}

/* One propagation round; returns whether any role changed.
 *
 * A call in a file that defines the name itself means that definition;
 * any other call may mean every definition. So each function's callers
 * are the name's non-local calls (aggregated once per name and round)
 * plus the calls in its own file (a binary search away: calls are sorted
 * by name, file, caller). Linear in the number of call sites. */
static int ix_propagate_once(struct ix_build *b)
{
	struct project_index *ix = b->ix;
	int changed = 0;
	size_t g, i, k;

	for (i = 0, k = 0; i < b->n_calls; k++) {
		size_t j = i;
		struct ix_agg a = { 0, 1, 1, 0, 1, 0, 0 };

		do {
			if (!b->calls[j].local)
				ix_agg_add(ix, &a, &b->calls[j]);
			j++;
		} while (j < b->n_calls && !b->calls[j].first);
		b->agg[k] = a;
		i = j;
	}
	for (g = 0; g < ix->n_funcs; g++) {
		struct ix_func *f = &ix->funcs[g];
		const struct name_slot *s;
		struct ix_agg a;
		uint32_t lo, hi, end, n_self;
		int self_init;

		if ((f->role & ROLE_HANDLER) ||
		    ((f->role & ROLE_BACKGROUND) && !(f->role & IX_ROLE_BG_DIR)))
			continue;
		if (f->parent != NO_FUNC)
			continue; /* nested functions inherit instead */
		s = name_map_get(&b->calls_by_name, f->name);
		if (s == NULL)
			continue;
		a = b->agg[ix_agg_group(b, s->start)];
		if (b->multi_lang) {
			/* only callers written in the function's own language:
			 * a Python `set()` never calls a TypeScript `set` */
			enum lang fl = b->p->files[f->ref.file].model->lang;

			a = (struct ix_agg){ 0, 1, 1, 0, 1, 0, 0 };
			for (lo = s->start; lo < s->start + s->count; lo++)
				if (!b->calls[lo].local &&
				    b->p->files[b->calls[lo].file].model->lang == fl)
					ix_agg_add(ix, &a, &b->calls[lo]);
		}
		lo = s->start;
		end = hi = s->start + s->count;
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			if (b->calls[mid].file < f->ref.file)
				lo = mid + 1;
			else
				hi = mid;
		}
		n_self = 0;
		self_init = 1;
		for (; lo < end && b->calls[lo].file == f->ref.file; lo++) {
			const struct ix_call *c = &b->calls[lo];

			if (c->caller == (uint32_t)g) /* recursion says nothing */
				continue;
			ix_agg_add(ix, &a, c);
			/* `this.load()` in a method of f's own class: start-up
			 * code when that method is */
			if (c->self && !c->test && ix_same_class(b, f, c->caller)) {
				unsigned r = ix_effective_role(ix, c->caller);

				n_self++;
				if ((r & IX_SERVING_ROLES) || !(r & ROLE_INIT))
					self_init = 0;
			}
		}
		if (a.n == 0)
			continue;
		if (f->role & IX_ROLE_BG_DIR) {
			/* background by its folder alone: start-up code when
			 * every call runs once per process (a memoised setup)
			 * or comes from such code */
			if (a.n_plain > 0 && a.n_once == a.n_plain && a.n_obj == 0 && a.all_init &&
			    ix_module_level(b, f)) {
				f->role = (f->role & ~(unsigned)(ROLE_BACKGROUND | IX_ROLE_BG_DIR)) |
					  ROLE_INIT | IX_ROLE_ONCE;
				changed = 1;
			}
			continue;
		}
		if (a.all_bg) {
			f->role |= ROLE_BACKGROUND;
			changed = 1;
		} else if (a.all_h && !(f->role & ROLE_HANDLER_PATH)) {
			f->role |= ROLE_HANDLER_PATH;
			changed = 1;
		} else if (a.n_plain > 0 && a.all_init && !(f->role & (ROLE_INIT | IX_SERVING_ROLES)) &&
			   (ix_module_level(b, f) || (a.n_obj == 0 && ix_static_method(b, f)))) {
			f->role |= ROLE_INIT | (a.n_once == a.n_plain ? IX_ROLE_ONCE : 0);
			changed = 1;
		} else if (n_self > 0 && self_init && a.n_obj == (int)n_self &&
			   (a.n_plain == 0 || a.all_init) &&
			   !(f->role & (ROLE_INIT | IX_SERVING_ROLES))) {
			/* a method called only by its own class's start-up
			 * methods, through the implicit receiver */
			f->role |= ROLE_INIT;
			changed = 1;
		}
	}
	return changed;
}

/* The sorted call sites [from, to): their names for the name map, whether
 * the calling file defines the name, whether each starts its name's group
 * (ctx: struct ix_mark_calls). Each range writes only its own sites. */
struct ix_mark_calls {
	struct ix_build *b;
	const char **names;
};

static void ix_mark_calls(void *ctx, size_t from, size_t to)
{
	struct ix_mark_calls *mc = ctx;
	struct ix_call *calls = mc->b->calls;

	for (size_t i = from; i < to; i++) {
		mc->names[i] = calls[i].name;
		calls[i].local = (uint8_t)ix_file_defines(mc->b->ix, calls[i].file, calls[i].name);
		calls[i].first = i == 0 || calls[i].hash != calls[i - 1].hash ||
				 strcmp(calls[i].name, calls[i - 1].name) != 0;
	}
}

/* Builds the call graph and propagates background / handler-path roles;
 * the sort and the marks of the call sites on up to `jobs` threads, the
 * rounds on this one (a round reads the roles it sets). */
void index_calls_propagate(struct ix_build *b, int jobs)
{
	const char **names;
	size_t i;
	int round;

	ix_sort_calls(b, jobs);
	names = xmalloc((b->n_calls + 1) * sizeof *names);
	{
		struct ix_mark_calls mc = { b, names };

		parallel_for(b->n_calls, jobs, 8192, ix_mark_calls, &mc);
	}
	name_map_build(&b->calls_by_name, names, b->n_calls);
	{
		int first = -1;

		b->multi_lang = 0;
		for (i = 0; i < b->p->n_files && !b->multi_lang; i++) {
			const struct model *m = b->p->files[i].model;

			if (m == NULL)
				continue;
			if (first < 0)
				first = (int)m->lang;
			else if ((int)m->lang != first)
				b->multi_lang = 1;
		}
	}
	/* one aggregate per name, not per site: at 1 M lines some 350 k
	 * sites of a few thousand names, 9.8 MB at the index's peak */
	b->n_agg = 0;
	for (i = 0; i < b->n_calls; i++)
		b->n_agg += b->calls[i].first;
	b->agg = xcalloc(b->n_agg + 1, sizeof *b->agg);
	b->agg_start = xmalloc((b->n_agg + 1) * sizeof *b->agg_start);
	for (i = 0, round = 0; i < b->n_calls; i++)
		if (b->calls[i].first)
			b->agg_start[round++] = (uint32_t)i;
	for (round = 0; round < PROPAGATION_ROUNDS; round++)
		if (!ix_propagate_once(b))
			break;
	free(b->agg);
	free(b->agg_start);
	b->agg = NULL;
	b->agg_start = NULL;
	b->n_agg = 0;
	free(names);
}
