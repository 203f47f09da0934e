/* The auditor table and the helpers every auditor shares: the per-file
 * driver (progress, cancellation) and finding emission (location,
 * enclosing function, evidence, config overrides), so all four auditors
 * report uniformly. */
#include "auditor.h"

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

void auditor_for_each_file(const struct audit_input *in, struct finding_sink *out,
			   auditor_file_fn fn)
{
	const struct project *p = in->proj;
	struct progress_slot *slot = in->slot;
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
	for (fi = 0; fi < p->n_files; fi++) {
		size_t before = out->n;

		if (!file_auditable(&p->files[fi]))
			continue;
		/* cancellation is polled between files only: a file's checks
		 * run to the end so its findings are never half-reported */
		if (in->progress != NULL && progress_cancelled(in->progress))
			break;
		if (slot != NULL)
			atomic_store_explicit(&slot->current_file, (int)fi, memory_order_relaxed);
		fn(in, fi, out);
		if (delay_ms > 0) {
			struct timespec ts = { delay_ms / 1000, (delay_ms % 1000) * 1000000L };
			nanosleep(&ts, NULL);
		}
		if (slot != NULL) {
			auditor_count_new(slot, out, before);
			atomic_fetch_add_explicit(&slot->files_done, 1, memory_order_relaxed);
		}
	}
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
