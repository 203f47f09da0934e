/* The auditor table and the helpers every auditor shares: the per-file
 * driver (progress, cancellation, each check's work budget per file) and
 * finding emission (location, enclosing function, evidence, config
 * overrides), so all four auditors report uniformly. */
#include "auditor.h"
#include "catalog.h"
#include "util/xalloc.h"

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
