/* The auditor table and the helpers every auditor shares: the per-file
 * driver (progress, cancellation, each check's work budget per file) and
 * finding emission (location, enclosing function, evidence, config
 * overrides), so all four auditors report uniformly. */
#include "auditor.h"
#include "catalog.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const struct auditor *const auditors[CAT_COUNT] = {
	&auditor_query_efficiency,
	&auditor_transaction_correctness,
	&auditor_runtime_performance,
	&auditor_resource_lifecycle,
};

/* Adds the severities of out->items[from..] to the slot's counters. */
static void auditor_count_new(struct progress_slot *slot, const struct finding_sink *out,
			      size_t from)
{
	size_t i;

	for (i = from; i < out->n; i++) {
		enum severity s = out->items[i].severity;

		if ((int)s >= 0 && s < SEV_COUNT)
			atomic_fetch_add_explicit(&slot->counts[s], 1, memory_order_relaxed);
	}
}

/* Budget sizing: BUDGET_BASE steps for any file plus BUDGET_PER_NODE
 * times n·log2(n) in its nodes. Far above what the checks need on real
 * code (bench corpus, fixtures), far below what a quadratic or worse
 * blow-up costs on a large hostile file. */
enum {
	BUDGET_BASE = 1u << 22,
	BUDGET_PER_NODE = 64,
	BUDGET_MAX_DEPTH = 128,
	BUDGET_MAX_CHECKS = 15,
};

/* The budgets of one file on one auditor thread: slot 0 takes work done
 * before any check is selected, slots 1.. one check each. */
struct file_budget {
	struct budget active;
	uint64_t limit;
	size_t n, cur;
	struct {
		const struct check_def *chk;
		uint64_t left;
		enum budget_stop stop;
	} slot[BUDGET_MAX_CHECKS + 1];
};

static _Thread_local struct file_budget *file_budget;

/* The stack of the file auditor_for_each_file is running the checks on
 * (NULL outside it), looked up once per file: checks ask at every call. */
static _Thread_local const struct tech_stack *auditor_file_stack;

const struct tech_stack *auditor_stack(const struct project *p)
{
	if (p->ctx == NULL)
		return NULL;
	return auditor_file_stack != NULL ? auditor_file_stack : &p->ctx->stack;
}

void auditor_enter_file(const struct project *p, size_t fi)
{
	auditor_file_stack = p->ctx ? context_stack_for(p->ctx, p->files[fi].path) : NULL;
}

void auditor_leave_file(void)
{
	auditor_file_stack = NULL;
}

int auditor_file_stack_in(enum lang lang, const char *list)
{
	const struct tech_stack *st = auditor_file_stack;
	const struct catalog_list *l = catalog_get(lang, list);

	if (st == NULL || catalog_list_empty(l))
		return 0;
	if ((st->orm && catalog_match(l, st->orm)) || (st->driver && catalog_match(l, st->driver)))
		return 1;
	for (size_t i = 0; i < st->n_libraries; i++)
		if (catalog_match(l, st->libraries[i]))
			return 1;
	return 0;
}

/* Saves the active budget into the current slot and loads slot i. */
static void file_budget_switch(struct file_budget *fb, size_t i)
{
	fb->slot[fb->cur].left = fb->active.left;
	fb->slot[fb->cur].stop = fb->active.stop;
	fb->cur = i;
	fb->active.left = fb->slot[i].left;
	fb->active.stop = fb->slot[i].stop;
	fb->active.depth = 0;
}

int auditor_check(const struct check_def *chk)
{
	struct file_budget *fb = file_budget;
	size_t i;

	if (fb == NULL)
		return 1;
	if (fb->active.cancel != NULL &&
	    atomic_load_explicit(fb->active.cancel, memory_order_relaxed))
		return 0;
	for (i = 1; i < fb->n && fb->slot[i].chk != chk; i++)
		;
	if (i == fb->n) {
		if (fb->n > BUDGET_MAX_CHECKS) {
			i = 0;   /* more checks than slots: they share slot 0 */
		} else {
			fb->slot[i].chk = chk;
			fb->slot[i].left = fb->limit;
			fb->slot[i].stop = BUDGET_RUNNING;
			fb->n++;
		}
	}
	file_budget_switch(fb, i);
	return fb->active.stop == BUDGET_RUNNING;
}

/* Drops the findings out->items[from..] of check chk (of every check when
 * chk is NULL): the check did not finish the file. */
static void drop_findings(struct finding_sink *out, size_t from, const struct check_def *chk)
{
	size_t i, kept = from;

	for (i = from; i < out->n; i++) {
		if (chk == NULL || out->items[i].check == chk)
			finding_free(&out->items[i]);
		else
			out->items[kept++] = out->items[i];
	}
	out->n = kept;
}

/* After a file: abandons the checks whose budget stopped (not for
 * cancellation: the whole run is dropped then). */
static void file_budget_settle(struct file_budget *fb, const struct auditor *a,
			       const char *path, struct finding_sink *out, size_t before)
{
	size_t i;

	file_budget_switch(fb, 0);
	for (i = 0; i < fb->n; i++) {
		enum budget_stop st = fb->slot[i].stop;

		if (st == BUDGET_RUNNING || st == BUDGET_CANCELLED)
			continue;
		drop_findings(out, before, i == 0 ? NULL : fb->slot[i].chk);
		sink_add_unanalysed(out, path, i == 0 ? a->worker : fb->slot[i].chk->id,
				    budget_stop_reason(st));
	}
}

void auditor_for_each_file(const struct auditor *a, const struct audit_input *in,
			   struct finding_sink *out, auditor_file_fn fn)
{
	const struct project *p = in->proj;
	struct progress_slot *slot = in->slot;
	struct file_budget *fb = xcalloc(1, sizeof *fb);
	struct budget *outer = budget_active;
	unsigned total = 0;
	size_t fi;
	/* PPAUDIT_TEST_FILE_DELAY_MS: the terminal tests slow the auditors
	 * down so a cancellation always lands while they run */
	const char *delay_env = getenv("PPAUDIT_TEST_FILE_DELAY_MS");
	long delay_ms = delay_env ? strtol(delay_env, NULL, 10) : 0;

	for (fi = 0; fi < p->n_files; fi++)
		if (file_auditable(&p->files[fi]))
			total++;
	if (slot != NULL)
		atomic_store_explicit(&slot->files_total, total, memory_order_relaxed);
	fb->active.max_depth = BUDGET_MAX_DEPTH;
	fb->active.cancel = in->progress != NULL ? &in->progress->cancel : NULL;
	file_budget = fb;
	budget_active = &fb->active;
	for (fi = 0; fi < p->n_files; fi++) {
		size_t before = out->n;
		const struct model *m = p->files[fi].model;

		if (!file_auditable(&p->files[fi]))
			continue;
		if (in->progress != NULL && progress_cancelled(in->progress))
			break;
		if (slot != NULL)
			atomic_store_explicit(&slot->current_file, (int)fi, memory_order_relaxed);
		fb->limit = BUDGET_BASE + BUDGET_PER_NODE * budget_nlogn(m ? m->n_nodes : 0);
		fb->n = 1;
		fb->cur = 0;
		fb->slot[0].chk = NULL;
		fb->active.left = fb->limit;
		fb->active.stop = BUDGET_RUNNING;
		fb->active.depth = 0;
		auditor_enter_file(p, fi);
		fn(in, fi, out);
		auditor_leave_file();
		/* a file cut short by Ctrl-C is never half-reported: the run
		 * ends without reports */
		if (in->progress != NULL && progress_cancelled(in->progress))
			break;
		file_budget_settle(fb, a, p->files[fi].path, out, before);
		if (delay_ms > 0) {
			struct timespec ts = { delay_ms / 1000, (delay_ms % 1000) * 1000000L };
			nanosleep(&ts, NULL);
		}
		if (slot != NULL) {
			auditor_count_new(slot, out, before);
			atomic_fetch_add_explicit(&slot->files_done, 1, memory_order_relaxed);
		}
	}
	budget_active = outer;
	file_budget = NULL;
	free(fb);
	if (slot != NULL)
		atomic_store_explicit(&slot->current_file, -1, memory_order_relaxed);
}

/* The configured severity for a check: an override wins over sev. */
static enum severity auditor_severity(const struct config *cfg, const char *check,
				      enum severity sev)
{
	size_t i;

	if (cfg == NULL)
		return sev;
	for (i = 0; i < cfg->n_overrides; i++)
		if (cfg->overrides[i].check != NULL && strcmp(cfg->overrides[i].check, check) == 0)
			return cfg->overrides[i].severity;
	return sev;
}

/* The identifier a decorator's text starts with (`Injectable()` ->
 * "Injectable"), into buf. */
static const char *decorator_name(const struct model *m, struct span d, char *buf, size_t size)
{
	const char *dot;

	span_copy(m, d, buf, size);
	buf[strcspn(buf, "(<")] = '\0';
	/* `common.Injectable` -> "Injectable" */
	return (dot = strrchr(buf, '.')) != NULL ? dot + 1 : buf;
}

/* True when class name cls is the type argument of a workflow engine's
 * activity proxy somewhere in the project (`proxyActivities<Publish>(
 * ...)`, the catalog's activity_proxies): its methods are activities,
 * run by a worker when any workflow schedules them by name. */
static int activity_class(const struct project *p, const char *cls)
{
	size_t n = strlen(cls);

	for (size_t i = 0; i < p->n_files && budget_step(); i++) {
		const struct model *om = p->files[i].model;
		const struct catalog_list *proxies;

		if (om == NULL || (proxies = catalog_get(om->lang, "activity_proxies")) == NULL ||
		    catalog_list_empty(proxies))
			continue;
		for (uint32_t k = 1; k < om->n_nodes; k++) {
			const struct node *x = &om->nodes[k];
			const char *line, *q;
			size_t len;

			if (x->kind != NODE_CALL || x->u.call == NULL ||
			    !catalog_match_call(proxies, om, x) ||
			    (line = model_line(om, x->line, &len)) == NULL)
				continue;
			for (q = line; (q = memmem(q, len - (size_t)(q - line), cls, n)) != NULL; q += n)
				if (q > line && q[-1] == '<' && q + n < line + len &&
				    !(isalnum((unsigned char)q[n]) || q[n] == '_'))
					return 1;
		}
	}
	return 0;
}

/* True when method fn (a plain method of a class whose decorators say its
 * instances are only called by the project's own code: the catalog's
 * unreached_method_classes, a dependency-injection provider) may be
 * reached by code the project does not show: a decorated method (a route,
 * a job, an event handler), a method the framework calls by its name
 * (unreached_method_framework_names: lifecycle hooks, guards, pipes), a
 * class that extends or implements anything (an interface the framework
 * or a registry dispatches through), an activity class of a workflow
 * engine, a short name. */
static int method_maybe_external(const struct project *p, size_t fi, const struct node *fn)
{
	const struct model *m = p->files[fi].model;
	const struct node *cls;
	int provider = 0;
	char buf[128];

	if (!(fn->flags & NF_METHOD) || (fn->flags & NF_LAMBDA) || fn->name == NULL ||
	    fn->u.func == NULL || fn->u.func->n_decorators != 0 || strlen(fn->name) < 4 ||
	    catalog_match(catalog_get(m->lang, "unreached_method_framework_names"), fn->name))
		return 1;
	cls = model_node(m, fn->parent);
	if (cls->kind != NODE_CLASS || cls->u.cls == NULL || cls->u.cls->bases.len != 0)
		return 1;
	for (uint32_t d = 0; d < cls->u.cls->n_decorators; d++)
		if (catalog_match(catalog_get(m->lang, "unreached_method_classes"),
				  decorator_name(m, cls->u.cls->decorators[d], buf, sizeof buf)))
			provider = 1;
	/* the class is wired somewhere else (a module's providers, a
	 * constructor's parameter): the project shows its users, so it
	 * shows the calls of its methods too. A class named nowhere else
	 * is used by code the project does not hold (a library's export) */
	return !provider || cls->name == NULL ||
	       auditor_word_count(p, fi, cls->name, strlen(cls->name), 1) == 0 ||
	       activity_class(p, cls->name);
}

/* True when q sits after a line comment's two slashes on its line. Two
 * slashes inside a quoted string (`"https://..."`) open no comment: the
 * line is read from its start, quotes and escapes followed. */
static int in_line_comment(const char *src, const char *q)
{
	const char *b = q;
	char quote = 0;

	while (b > src && b[-1] != '\n')
		b--;
	for (; b < q; b++) {
		if (quote != 0) {
			if (*b == '\\' && b + 1 < q)
				b++;
			else if (*b == quote)
				quote = 0;
		} else if (*b == '"' || *b == '\'' || *b == '`') {
			quote = *b;
		} else if (*b == '/' && b + 1 < q && b[1] == '/') {
			return 1;
		}
	}
	return 0;
}

/* Occurrences of the word w (len n) in the sources of the project's
 * files, the file skip excepted and line comments left out; stops at
 * limit. */
static int auditor_word_count_in(const struct project *p, size_t i, const char *w, size_t n,
				 int limit)
{
	const struct model *m = p->files[i].model;
	const char *s, *e, *q;
	int count = 0;

	if (m == NULL || m->src == NULL)
		return 0;
	for (s = m->src, e = m->src + m->src_len; s < e && count < limit &&
	     (q = memmem(s, (size_t)(e - s), w, n)) != NULL; ) {
		s = q + n;
		if ((q != m->src && (isalnum((unsigned char)q[-1]) || q[-1] == '_')) ||
		    (q + n < e && (isalnum((unsigned char)q[n]) || q[n] == '_')))
			continue;
		if (!in_line_comment(m->src, q)) {
			count++;
			continue;
		}
		/* the comment runs to the end of the line: every later
		 * occurrence on it is inside it too. Without this skip a line
		 * of many occurrences after its `//` was re-read from its
		 * start for each (quadratic, hostile input) */
		if ((s = memchr(q, '\n', (size_t)(e - q))) == NULL)
			break;
	}
	return count;
}

int auditor_word_count(const struct project *p, size_t skip, const char *w, size_t n, int limit)
{
	int count = 0;

	for (size_t i = 0; i < p->n_files && count < limit && budget_step(); i++)
		if (i != skip)
			count += auditor_word_count_in(p, i, w, n, limit - count);
	return count;
}

/* Occurrences of the word w (len n) in the project's files other than
 * tests, `//` line comments left out; stops at limit. */
int auditor_code_word_count(const struct project *p, const char *w, size_t n, int limit)
{
	int count = 0;

	for (size_t i = 0; i < p->n_files && count < limit && budget_step(); i++)
		if (!(p->files[i].flags & FILE_TEST))
			count += auditor_word_count_in(p, i, w, n, limit - count);
	return count;
}

/* The verdicts of unreached_method's project scan, by method name (the
 * scan depends on the name alone). */
struct unreached_names {
	const struct project *proj;
	struct unreached_name {
		const char *name;
		int dead;
	} *v;
	size_t n, cap;
};

static void unreached_names_release(void *state)
{
	free(((struct unreached_names *)state)->v);
}

static const struct audit_cache_def unreached_names_def = {
	.name = "the provider methods no code calls, by name",
	.size = sizeof(struct unreached_names),
	.release = unreached_names_release,
};

/* True when method fn of file fi is one no code reaches. Every place its
 * name is written in the project is either a definition of that name (a
 * method of a provider class, method_maybe_external false) or a call
 * written inside such a definition: a service method that only hands
 * over to the repository method of the same name, neither of them called
 * from anywhere else (postiz's createAgency). A name written anywhere
 * else (a call from other code, a property read `obj.name` passed as a
 * callback, a string `obj['name']`, a decorator's argument, a block
 * comment, a test) keeps it alive; `//` comments do not count. Only
 * catalogs that name provider classes enable the rule. */
static int unreached_method(const struct audit_input *in, size_t fi, const struct node *fn)
{
	const struct project *p = in->proj;
	const struct model *m = p->files[fi].model;
	struct unreached_names *memo;
	int sites = 0, dead;

	if (catalog_list_empty(catalog_get(m->lang, "unreached_method_classes")) ||
	    method_maybe_external(p, fi, fn))
		return 0;
	memo = in->audit != NULL ? audit_context_cache(in->audit, &unreached_names_def) : NULL;
	if (memo != NULL && memo->proj != p) {
		memo->n = 0;
		memo->proj = p;
	}
	for (size_t i = 0; memo != NULL && i < memo->n; i++)
		if (strcmp(memo->v[i].name, fn->name) == 0)
			return memo->v[i].dead;
	dead = 0;
	for (size_t i = 0; i < p->n_files && budget_step(); i++) {
		const struct model *om = p->files[i].model;

		for (uint32_t k = 1; om != NULL && k < om->n_nodes; k++) {
			const struct node *x = &om->nodes[k];
			const struct node *in_fn;

			if (x->kind == NODE_FUNC && x->name != NULL && strcmp(x->name, fn->name) == 0) {
				if ((x->flags & NF_LAMBDA) || method_maybe_external(p, i, x))
					goto judged;
				sites++;
				continue;
			}
			if (x->kind != NODE_CALL || x->u.call == NULL || x->u.call->name == NULL ||
			    strcmp(x->u.call->name, fn->name) != 0)
				continue;
			if (x->flags & NF_DECORATOR)
				goto judged;
			in_fn = model_enclosing_func(om, x);
			while (in_fn != NULL && (in_fn->flags & NF_LAMBDA))
				in_fn = model_enclosing_func(om, in_fn);
			if (in_fn == NULL || in_fn->name == NULL || strcmp(in_fn->name, fn->name) != 0)
				goto judged;
			sites++;
		}
	}
	dead = sites > 0 &&
	       auditor_word_count(p, (size_t)-1, fn->name, strlen(fn->name), sites + 1) == sites;
judged:
	/* (a scan cut short by the budget is not kept: the file's findings
	 * are dropped then anyway) */
	if (memo != NULL && budget_step()) {
		if (memo->n == memo->cap) {
			memo->cap = memo->cap ? memo->cap * 2 : 16;
			memo->v = xrealloc(memo->v, memo->cap * sizeof *memo->v);
		}
		memo->v[memo->n++] = (struct unreached_name){ fn->name, dead };
	}
	return dead;
}

struct finding *auditor_emit(const struct audit_input *in, struct finding_sink *out,
			     const struct check_def *chk, enum severity sev,
			     size_t fi, const struct node *n)
{
	const struct project *p = in->proj;
	const struct source_file *sf = &p->files[fi];
	const struct model *m = sf->model;
	const struct node *fn;
	const char *text;
	const char *function = NULL;
	struct finding *f;
	size_t len = 0;
	int line, end_line;

	if (p->cfg != NULL && config_check_disabled(p->cfg, chk->id))
		return NULL;
	sev = auditor_severity(p->cfg, chk->id, sev);

	/* a finding on a function is located in that function */
	fn = n->kind == NODE_FUNC ? n : model_enclosing_func(m, n);
	while (fn != NULL && (fn->flags & NF_LAMBDA))
		fn = model_enclosing_func(m, fn);
	/* a finding in a method nothing calls costs no one anything */
	if (fn != NULL && unreached_method(in, fi, fn))
		return NULL;
	if (fn != NULL && fn->u.func != NULL)
		function = fn->u.func->qualname ? fn->u.func->qualname : fn->name;

	line = (int)n->line;
	end_line = n->end_line >= n->line ? (int)n->end_line : line;
	f = sink_add(out, chk, sev, sf->path, line, end_line, function);
	if (f->effort == 0)
		f->effort = chk->effort;

	text = model_line(m, n->line, &len);
	if (text != NULL) {
		/* the anchor is the statement text without indentation, so the
		 * fingerprint survives re-indentation and moves */
		while (len > 0 && (*text == ' ' || *text == '\t')) {
			text++;
			len--;
		}
		while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t' ||
				   text[len - 1] == '\r'))
			len--;
		finding_add_evidence(f, line, text, len);
		finding_set_anchor(f, text, len);
	}
	return f;
}
