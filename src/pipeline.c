/* The run pipeline. See pipeline.h for the threading design. */
#include "autoconfig.h"
#include "pipeline.h"
#include "auditor.h"
#include "summary.h"
#include "catalog.h"
#include "discover.h"
#include "files.h"
#include "git.h"
#include "history.h"
#include "index.h"
#include "lang/lang.h"
#include "project.h"
#include "report/report.h"
#include "triage.h"
#include "validate.h"
#include "util/fsutil.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct pipeline {
	struct pipeline_opts opts;
	struct progress progress;
	pthread_t thread;
	struct project proj;
	atomic_int files_ready;       /* proj.files is stable from here on */
	struct run *run;
	enum pipeline_status status;
	char err[512];
	char *out_root;               /* where docs/project/ goes */
	char *run_dir;                /* final dated folder */
	struct summaries *sum;        /* function summaries, read by every auditor */
	atomic_uint next_file;        /* parse pool work counter */
	int jobs;                     /* threads busy at once in any phase (--jobs) */
	/* the auditors' permits: at most `jobs` of the four run at once */
	pthread_mutex_t gate_mu;
	pthread_cond_t gate_cv;
	int gate_free;
	int gate_turn;                /* permits go in audit_order: the next one's index there */
	char **warnings;
	size_t n_warnings, cap_warnings;
};

/* Records a warning (run thread only). */
static void add_warning(struct pipeline *pl, char *msg)
{
	XGROW(pl->warnings, pl->cap_warnings, pl->n_warnings + 1);
	pl->warnings[pl->n_warnings++] = msg;
}

/* Starts a thread with SIGINT/SIGTERM/SIGWINCH blocked, so signals are
 * delivered to the main thread only. */
static int spawn_blocked(pthread_t *t, void *(*fn)(void *), void *arg)
{
	sigset_t block, old;
	int rc;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGWINCH);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	rc = pthread_create(t, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

static void iso_now(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The run date: opts->date, else history_today() ($PPAUDIT_DATE, checked
 * by the command before the run starts, or the local date). */
static void run_date(const struct pipeline_opts *o, char out[11])
{
	char err[128];

	if (o->date != NULL && history_is_date(o->date)) {
		memcpy(out, o->date, 11);
		return;
	}
	if (history_today(out, err, sizeof err) != 0)
		snprintf(out, 11, "%s", "1970-01-01");
}

/* ---- parse phase -------------------------------------------------------- */

/* True when the first bytes contain a NUL: not a text source file. */
static int looks_binary(const char *buf, size_t len)
{
	return memchr(buf, '\0', len < 8192 ? len : 8192) != NULL;
}

struct parse_counts {
	size_t binary, large, unreadable, lines;
};

static void *parse_worker(void *arg)
{
	struct pipeline *pl = arg;
	struct project *p = &pl->proj;
	size_t max = p->cfg ? p->cfg->max_file_size : 0;
	struct parse_counts *pc = xcalloc(1, sizeof *pc);
	/* PPAUDIT_TEST_PARSE_DELAY_MS: the terminal tests slow the parse
	 * down so that its progress can be seen on the live screen */
	const char *delay_env = getenv("PPAUDIT_TEST_PARSE_DELAY_MS");
	long delay_ms = delay_env ? strtol(delay_env, NULL, 10) : 0;
	/* the models this worker parses share arena blocks: no half-used
	 * block per file */
	struct arena_pool *pool = arena_pool_new();

	model_use_pool(pool);

	for (;;) {
		unsigned i = atomic_fetch_add(&pl->next_file, 1);
		struct source_file *f;
		char *abs, *buf;
		size_t len = 0;

		if (i >= p->n_files || progress_cancelled(&pl->progress))
			break;
		f = &p->files[i];
		if (f->flags & (FILE_TEST | FILE_MIGRATION | FILE_EXCLUDED)) {
			atomic_fetch_add_explicit(&pl->progress.parse_done, 1, memory_order_relaxed);
			continue;
		}
		abs = fs_join(p->root, f->path);
		buf = fs_read_file(abs, max, &len);
		if (buf == NULL) {
			if (errno == EFBIG)
				pc->large++;
			else if (errno != ENOENT) /* deleted but still in the git index */
				pc->unreadable++;
			if (errno != ENOENT)
				f->skip_errno = errno;
		} else if (looks_binary(buf, len)) {
			pc->binary++;
			f->skip_errno = ENOEXEC;
			free(buf);
		} else {
			f->size = len;
			f->model = lang_get(f->lang)->parse(buf, len);
			model_resolve_calls(f->model);
			catalog_annotate_calls(f->model);
			/* done with it here: from now on other threads may add to it */
			model_shrink(f->model);
			pc->lines += f->model->n_lines;
			if (f->model->n_errors > 0)
				f->flags |= FILE_PARSE_ERROR;
		}
		free(abs);
		if (delay_ms > 0 && delay_ms < 10000)
			usleep((useconds_t)delay_ms * 1000);
		atomic_fetch_add_explicit(&pl->progress.parse_done, 1, memory_order_relaxed);
	}
	model_use_pool(NULL);
	arena_pool_free(pool);
	return pc;
}


/* Parses every file on a pool of threads; returns 0 unless cancelled. */
static int phase_parse(struct pipeline *pl)
{
	struct project *p = &pl->proj;
	int jobs = pl->jobs;   /* 1..64, pipeline_start */
	pthread_t *th;
	int i, started = 0;
	size_t k;

	atomic_store(&pl->progress.parse_total, (unsigned)p->n_files);
	th = xcalloc((size_t)jobs, sizeof *th);
	for (i = 0; i < jobs; i++)
		if (spawn_blocked(&th[i], parse_worker, pl) == 0)
			started++;
		else
			break;
	if (started == 0) {
		/* no threads to be had: parse on this one */
		free(parse_worker(pl));
	}
	for (i = 0; i < started; i++) {
		struct parse_counts *pc;
		pthread_join(th[i], (void **)&pc);
		p->n_skipped_binary += pc->binary;
		p->n_skipped_large += pc->large;
		p->n_skipped_unreadable += pc->unreadable;
		p->lines_scanned += pc->lines;
		free(pc);
	}
	free(th);
	for (k = 0; k < p->n_files; k++) {
		struct model *m = p->files[k].model;
		int e = p->files[k].skip_errno;
		if (e != 0)
			add_warning(pl, xasprintf("%s: skipped: %s", p->files[k].path,
						  e == EFBIG ? "larger than the size cap (max_file_size)" :
						  e == ENOEXEC ? "binary file" : fs_strerror(e)));
		if (m != NULL && m->n_errors > 0) {
			add_warning(pl, xasprintf("%s:%u: parse error: %s (file audited in part)",
						  p->files[k].path, m->errors[0].line, m->errors[0].message));
			progress_log(&pl->progress, "%s", pl->warnings[pl->n_warnings - 1]);
		}
	}
	return progress_cancelled(&pl->progress) ? -1 : 0;
}

/* PPAUDIT_MEMSTATS=1: what the parsed models hold, per owner, on stderr
 * (after the parse; bench/mem-owners.sh prints it beside heaptrack's
 * peak). Sizes are the structs' own; arena figures are bytes handed out. */
static void print_mem_owners(const struct project *p)
{
	size_t nodes[NODE_KIND_COUNT] = { 0 }, n_nodes = 0, src = 0, lines = 0;
	size_t calls = 0, args = 0, funcs = 0, params = 0, decos = 0, loops = 0;
	size_t classes = 0, excs = 0, arena = 0, imports = 0, files = 0;
	size_t k;
	uint32_t i;

	static const char *const kind_names[NODE_KIND_COUNT] = {
		"module", "class", "func", "loop", "with", "try", "except", "finally",
		"else", "if", "match", "case", "call", "assign", "augassign", "return",
		"raise", "yield", "await", "import", "del", "stmt", "break", "continue",
		"defer", "spawn",
	};
	_Static_assert(NODE_KIND_COUNT == 26, "a name for every node kind");

	if (getenv("PPAUDIT_MEMSTATS") == NULL)
		return;
	for (k = 0; k < p->n_files; k++) {
		const struct model *m = p->files[k].model;
		if (m == NULL)
			continue;
		files++;
		src += m->src_len + 1;
		lines += (size_t)m->n_lines * sizeof *m->line_off;
		n_nodes += m->cap_nodes;
		imports += (size_t)m->cap_imports * sizeof *m->imports;
		arena += m->arena.used_total;
		for (i = 0; i < m->n_nodes; i++) {
			const struct node *n = &m->nodes[i];
			nodes[n->kind]++;
			if (n->kind == NODE_CALL && n->u.call != NULL) {
				calls++;
				args += n->u.call->n_args;
			} else if (n->kind == NODE_FUNC && n->u.func != NULL) {
				funcs++;
				params += n->u.func->n_params;
				decos += n->u.func->n_decorators;
			} else if (n->kind == NODE_CLASS && n->u.cls != NULL) {
				classes++;
				decos += n->u.cls->n_decorators;
			} else if (n->kind == NODE_LOOP && n->u.loop != NULL) {
				loops++;
			} else if (n->kind == NODE_EXCEPT && n->u.exc != NULL) {
				excs++;
			} else if (n->kind == NODE_WITH) {
				args += n->n_items;
			}
		}
	}
#define MB(x) ((double)(x) / 1e6)
	fprintf(stderr, "memstats: %zu files\n", files);
	fprintf(stderr, "memstats: %-26s %9zu x %3zu B = %7.2f MB\n", "nodes (all kinds)",
		n_nodes, sizeof(struct node), MB(n_nodes * sizeof(struct node)));
	for (i = 0; i < NODE_KIND_COUNT; i++)
		if (nodes[i] * 20 >= n_nodes)
			fprintf(stderr, "memstats:   %-9s %15zu nodes    %7.2f MB\n",
				kind_names[i], nodes[i], MB(nodes[i] * sizeof(struct node)));
	fprintf(stderr, "memstats: %-26s %9zu B         = %7.2f MB\n", "sources (src)", src, MB(src));
	fprintf(stderr, "memstats: %-26s %9zu B         = %7.2f MB\n", "line offsets", lines, MB(lines));
	fprintf(stderr, "memstats: %-26s %9zu B         = %7.2f MB\n", "imports", imports, MB(imports));
	fprintf(stderr, "memstats: %-26s %9zu B         = %7.2f MB\n", "arena, handed out", arena, MB(arena));
	fprintf(stderr, "memstats:   call_info %15zu x %3zu B = %7.2f MB\n", calls,
		sizeof(struct call_info), MB(calls * sizeof(struct call_info)));
	fprintf(stderr, "memstats:   args / with items %7zu x %3zu B = %7.2f MB\n", args,
		sizeof(struct arg), MB(args * sizeof(struct arg)));
	fprintf(stderr, "memstats:   func_info %15zu x %3zu B = %7.2f MB\n", funcs,
		sizeof(struct func_info), MB(funcs * sizeof(struct func_info)));
	fprintf(stderr, "memstats:   params %18zu x %3zu B = %7.2f MB\n", params,
		sizeof(struct param), MB(params * sizeof(struct param)));
	fprintf(stderr, "memstats:   decorators %14zu x %3zu B = %7.2f MB\n", decos,
		sizeof(struct span), MB(decos * sizeof(struct span)));
	fprintf(stderr, "memstats:   class/loop/except %7zu structs  = %7.2f MB\n",
		classes + loops + excs, MB(classes * sizeof(struct class_info) +
					  loops * sizeof(struct loop_info) +
					  excs * sizeof(struct except_info)));
#undef MB
}

/* ---- audit phase -------------------------------------------------------- */

/* The order the auditors get their permits in: longest first, so that with
 * fewer permits than auditors the two shortest share the tail. Measured on
 * Python, TypeScript and Go services and the bench corpus, ln-651 and
 * ln-652 take the most (either first), ln-654 more than ln-653 on all but
 * one. Who runs when changes no finding: each auditor has its own sink,
 * merged in worker order. */
static const int audit_order[CAT_COUNT] = { CAT_QUERY, CAT_TRANSACTION, CAT_RESOURCE, CAT_RUNTIME };
_Static_assert(CAT_COUNT == 4, "audit_order lists every auditor once");

struct audit_job {
	struct pipeline *pl;
	int worker;
	struct finding_sink sink;
};

static void *audit_worker(void *arg)
{
	struct audit_job *j = arg;
	struct progress_slot *slot = &j->pl->progress.workers[j->worker];
	struct audit_input in = { .proj = &j->pl->proj, .sum = j->pl->sum,
				  .progress = &j->pl->progress, .slot = slot,
				  .audit = audit_context_new() };

	/* --jobs bounds the auditors too: the pane shows "waiting" until a
	 * permit is free and this auditor's turn (audit_order) has come */
	pthread_mutex_lock(&j->pl->gate_mu);
	while (j->pl->gate_free == 0 || audit_order[j->pl->gate_turn] != j->worker)
		pthread_cond_wait(&j->pl->gate_cv, &j->pl->gate_mu);
	j->pl->gate_free--;
	j->pl->gate_turn++;
	pthread_cond_broadcast(&j->pl->gate_cv);
	pthread_mutex_unlock(&j->pl->gate_mu);
	atomic_store(&slot->started_ms, progress_now_ms());
	atomic_store(&slot->state, WORKER_RUNNING);
	auditors[j->worker]->run(&in, &j->sink);
	audit_context_free(in.audit);
	pthread_mutex_lock(&j->pl->gate_mu);
	j->pl->gate_free++;
	pthread_cond_broadcast(&j->pl->gate_cv);
	pthread_mutex_unlock(&j->pl->gate_mu);
	atomic_store(&slot->finished_ms, progress_now_ms());
	atomic_store(&slot->current_file, -1);
	atomic_store(&slot->state, progress_cancelled(&j->pl->progress) ? WORKER_CANCELLED : WORKER_DONE);
	progress_log(&j->pl->progress, "%s done", auditors[j->worker]->worker);
	return NULL;
}

static int unanalysed_cmp(const void *a, const void *b)
{
	const struct unanalysed *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	return c != 0 ? c : strcmp(x->check, y->check);
}

/* Moves the auditors' "not fully analysed" records into r, sorted, and
 * warns about each (naming the file, the check and the reason). */
static void collect_unanalysed(struct pipeline *pl, struct run *r, struct audit_job *jobs)
{
	size_t total = 0, k;
	int i;

	for (i = 0; i < CAT_COUNT; i++)
		total += jobs[i].sink.n_skipped;
	if (total == 0)
		return;
	r->not_analysed = xcalloc(total, sizeof *r->not_analysed);
	for (i = 0; i < CAT_COUNT; i++) {
		/* shallow move: the run now owns the strings */
		if (jobs[i].sink.n_skipped > 0)
			memcpy(r->not_analysed + r->n_not_analysed, jobs[i].sink.skipped,
			       jobs[i].sink.n_skipped * sizeof *r->not_analysed);
		r->n_not_analysed += jobs[i].sink.n_skipped;
		free(jobs[i].sink.skipped);
		jobs[i].sink.skipped = NULL;
		jobs[i].sink.n_skipped = 0;
	}
	xqsort(r->not_analysed, r->n_not_analysed, sizeof *r->not_analysed, unanalysed_cmp);
	for (k = 0; k < r->n_not_analysed; k++) {
		const struct unanalysed *u = &r->not_analysed[k];

		add_warning(pl, xasprintf("%s: not fully analysed: %s stopped early (%s); its "
					  "findings for this file are left out", u->file, u->check,
					  u->reason));
		progress_log(&pl->progress, "%s", pl->warnings[pl->n_warnings - 1]);
	}
}

/* Runs the four auditors on four threads, at most pl->jobs of them at
 * once; moves their findings into r. */
static int phase_audit(struct pipeline *pl, struct run *r)
{
	struct audit_job jobs[CAT_COUNT];
	pthread_t th[CAT_COUNT];
	int started[CAT_COUNT];
	size_t total = 0, k;
	int i, c;

	memset(jobs, 0, sizeof jobs);
	pl->gate_free = pl->jobs;
	pl->gate_turn = 0;
	for (i = 0; i < CAT_COUNT; i++) {
		jobs[i].pl = pl;
		jobs[i].worker = i;
	}
	/* started in their turn: an auditor run here, its thread refused,
	 * waits only for those started before it */
	for (c = 0; c < CAT_COUNT; c++) {
		i = audit_order[c];
		started[i] = spawn_blocked(&th[i], audit_worker, &jobs[i]) == 0;
		if (!started[i])
			audit_worker(&jobs[i]);
	}
	for (i = 0; i < CAT_COUNT; i++) {
		if (started[i])
			pthread_join(th[i], NULL);
		total += jobs[i].sink.n;
	}
	r->findings = xcalloc(total ? total : 1, sizeof *r->findings);
	for (i = 0; i < CAT_COUNT; i++) {
		/* shallow move: the run now owns the strings */
		if (jobs[i].sink.n > 0)
			memcpy(r->findings + r->n_findings, jobs[i].sink.items,
			       jobs[i].sink.n * sizeof *r->findings);
		r->n_findings += jobs[i].sink.n;
		free(jobs[i].sink.items);
	}
	collect_unanalysed(pl, r, jobs);
	if (getenv("PPAUDIT_TIMING") != NULL)
		for (i = 0; i < CAT_COUNT; i++) {
			const struct progress_slot *slot = &pl->progress.workers[i];

			fprintf(stderr, "timing:   %-7s %5lld ms\n", auditors[i]->worker,
				(long long)(atomic_load(&slot->finished_ms) -
					    atomic_load(&slot->started_ms)));
		}
	/* every check that ran, with its count (zero included) */
	for (i = 0; i < CAT_COUNT; i++)
		r->check_counts_n += (unsigned)auditors[i]->n_checks;
	r->check_counts = xcalloc(r->check_counts_n, sizeof *r->check_counts);
	for (i = 0, c = 0; i < CAT_COUNT; i++) {
		size_t n;
		for (n = 0; n < auditors[i]->n_checks; n++, c++) {
			r->check_counts[c].check = auditors[i]->checks[n].id;
			for (k = 0; k < r->n_findings; k++)
				if (r->findings[k].check == &auditors[i]->checks[n])
					r->check_counts[c].count++;
		}
	}
	return progress_cancelled(&pl->progress) ? -1 : 0;
}

/* ---- aggregate ---------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds st's data layers that no catalog describes, once each. */
static void coverage_undescribed(struct run_coverage *c, const struct tech_stack *st)
{
	for (size_t i = 0; i < st->n_libraries; i++) {
		size_t k;

		if (!discover_library_undescribed(st->libraries[i]))
			continue;
		for (k = 0; k < c->n_undescribed_layers; k++)
			if (strcmp(c->undescribed_layers[k], st->libraries[i]) == 0)
				break;
		if (k < c->n_undescribed_layers || c->n_undescribed_layers >= RUN_COVERAGE_LIST)
			continue;
		c->undescribed_layers = xrealloc(c->undescribed_layers,
						 (c->n_undescribed_layers + 1) * sizeof *c->undescribed_layers);
		c->undescribed_layers[c->n_undescribed_layers++] = xstrdup(st->libraries[i]);
	}
}

/* What the listing and the parse phase saw but did not audit. */
static void coverage_fill(const struct project *p, struct run_coverage *c)
{
	size_t i;

	c->files_unreadable = p->n_skipped_unreadable;
	c->files_binary = p->n_skipped_binary;
	c->files_large = p->n_skipped_large;
	for (i = 0; i < p->n_files; i++)
		if (p->files[i].flags & FILE_PARSE_ERROR)
			c->files_parse_errors++;
	c->vendored_folders = p->n_vendored_dirs;
	c->browser_files = p->n_browser_assets;
	c->unreadable_folders = p->n_unreadable_dirs;
	for (i = 0; i < p->n_vendored_listed; i++) {
		c->vendored = xrealloc(c->vendored, (c->n_vendored + 1) * sizeof *c->vendored);
		c->vendored[c->n_vendored++] = xstrdup(p->vendored_dirs[i]);
	}
	for (i = 0; i < p->n_other_langs; i++) {
		c->not_audited = xrealloc(c->not_audited, (c->n_not_audited + 1) * sizeof *c->not_audited);
		c->not_audited[c->n_not_audited].language = xstrdup(p->other_langs[i].language);
		c->not_audited[c->n_not_audited++].files = p->other_langs[i].files;
	}
	if (p->ctx != NULL) {
		coverage_undescribed(c, &p->ctx->stack);
		for (i = 0; i < p->ctx->n_services; i++)
			coverage_undescribed(c, &p->ctx->services[i].stack);
		if (c->n_undescribed_layers > 1)
			qsort(c->undescribed_layers, c->n_undescribed_layers,
			      sizeof *c->undescribed_layers, cmp_str);
	}
}

static char *triage_path(const struct pipeline *pl)
{
	return fs_join(pl->out_root, "docs/project/.audit/ln-650/triage.json");
}

static int phase_aggregate(struct pipeline *pl, struct run *r)
{
	struct triage *t;
	char *tpath = triage_path(pl);
	char err[512];

	findings_fingerprint(r->findings, r->n_findings);
	validate_inline_ignores(r->findings, r->n_findings, &pl->proj);
	validate_findings(r->findings, r->n_findings, pl->proj.ctx, &pl->proj);
	t = triage_load(tpath, err, sizeof err);
	if (t == NULL) {
		snprintf(pl->err, sizeof pl->err, "%s", err);
		free(tpath);
		return -1;
	}
	triage_apply(t, r->findings, r->n_findings);
	triage_free(t);
	free(tpath);
	findings_sort(r->findings, r->n_findings);
	run_number_findings(r);
	scores_compute(r->findings, r->n_findings, &r->scores);
	return 0;
}

/* Frees what only the analysis read: the summaries, the index and the
 * files' models (the findings own copies of all they show). Called once
 * the findings are aggregated, so the reports are built without the
 * code model resident. The files' paths and flags stay. */
static void release_analysis(struct pipeline *pl)
{
	struct project *p = &pl->proj;
	size_t i;

	summaries_free(pl->sum);
	pl->sum = NULL;
	index_free(p->index);
	p->index = NULL;
	for (i = 0; i < p->n_files; i++) {
		model_free(p->files[i].model);
		p->files[i].model = NULL;
	}
	/* the report writers run on threads of their own: without this
	 * they fault in fresh pages while the models' stay resident */
	xalloc_give_back();
}

/* ---- reports: dated folder written aside, then swapped in ------------- */

/* The dated folder is written into a fresh temp folder of its own (never
 * an existing name or a planted link) and swapped in without following
 * links; only that temp folder is ever removed on failure. */
static int phase_report(struct pipeline *pl, struct run *r)
{
	char *hist = fs_join(pl->out_root, "docs/project/.audit/ln-650");
	/* partial runs live apart: they never become the latest full run */
	char *base = r->partial ? fs_join(hist, "partial") : xstrdup(hist);
	char *tmp = NULL, *dst = NULL, name[HISTORY_NAME_MAX];
	int rc = -1, stale, tries;

	if (fs_mkdir_p(base, 0755) != 0) {
		snprintf(pl->err, sizeof pl->err, "%s: %s", base, fs_strerror(errno));
		goto out;
	}
	stale = fs_clean_stale_temps(base);
	{
		/* report rewrites stage their files beside the consolidated report */
		char *docs = fs_join(pl->out_root, "docs/project");
		stale += fs_clean_stale_temps(docs);
		free(docs);
	}
	if (stale > 0)
		progress_log(&pl->progress, "removed %d leftover temp folder(s) of killed runs", stale);
	tmp = fs_mkdtemp_in(base);
	if (tmp == NULL) {
		snprintf(pl->err, sizeof pl->err, "%s: %s", base, fs_strerror(errno));
		goto out;
	}
	/* every full run keeps its own folder: DATE, then DATE.2, DATE.3, ... */
	for (tries = 0; tries < 64; tries++) {
		if (history_free_name(base, r->date, name) != 0) {
			snprintf(pl->err, sizeof pl->err, "%s: no free run name for %s", base, r->date);
			break;
		}
		snprintf(r->name, sizeof r->name, "%s%s", r->partial ? "partial/" : "", name);
		free(r->ctx->output_dir);
		r->ctx->output_dir = xasprintf("docs/project/.audit/ln-650/%s", r->name);
		if (tries == 0 &&
		    report_write_all(r, pl->out_root, tmp, pl->opts.formats, pl->jobs, pl->err,
				     sizeof pl->err) != 0)
			break;
		free(dst);
		dst = fs_join(base, name);
		if (fs_move_dir_new(tmp, dst) == 0) {
			rc = 0;
			break;
		}
		if (errno != EEXIST) {
			snprintf(pl->err, sizeof pl->err, "%s: %s", dst, fs_strerror(errno));
			break;
		}
		/* taken meanwhile by a run that did not hold the lock: next name */
	}
	if (rc != 0) {
		fs_remove_tree(tmp);
		goto out;
	}
	free(pl->run_dir);
	pl->run_dir = dst;
	dst = NULL;
out:
	free(hist);
	free(base);
	free(tmp);
	free(dst);
	return rc;
}

/* --since: flags every file not changed since the revision. */
static int mark_unchanged(struct pipeline *pl)
{
	struct project *p = &pl->proj;
	char **changed = NULL;
	size_t n = 0, i, k, audited = 0;

	if (git_changed_files(p->root, pl->opts.since, &changed, &n, pl->err, sizeof pl->err) != 0)
		return -1;
	for (i = 0; i < p->n_files; i++) {
		int hit = 0;
		for (k = 0; k < n && !hit; k++)
			hit = strcmp(changed[k], p->files[i].path) == 0;
		if (!hit)
			p->files[i].flags |= FILE_UNCHANGED;
		else
			audited++;
	}
	progress_log(&pl->progress, "--since %s: %zu changed source file(s) audited", pl->opts.since, audited);
	for (k = 0; k < n; k++)
		free(changed[k]);
	free(changed);
	return 0;
}

/* --changed-lines: drops findings whose lines the diff since the revision
 * does not touch. */
static int filter_changed_lines(struct pipeline *pl, struct run *r)
{
	struct changed_lines *cl = NULL;
	size_t ncl = 0, i, k, kept = 0;

	if (git_changed_lines(pl->proj.root, pl->opts.since, &cl, &ncl, pl->err, sizeof pl->err) != 0)
		return -1;
	for (i = 0; i < r->n_findings; i++) {
		struct finding *f = &r->findings[i];
		int hit = 0;

		for (k = 0; k < ncl && !hit; k++) {
			size_t j;
			if (strcmp(cl[k].path, f->file) != 0)
				continue;
			for (j = 0; j < cl[k].n && !hit; j++)
				hit = (int)cl[k].lines[j] >= f->line &&
				      (int)cl[k].lines[j] <= (f->end_line > f->line ? f->end_line : f->line);
		}
		if (hit)
			r->findings[kept++] = *f;
		else
			finding_free(f);
	}
	r->n_findings = kept;
	git_changed_lines_free(cl, ncl);
	return 0;
}

/* ---- the run thread ----------------------------------------------------- */

/* PPAUDIT_TIMING=1: phase durations on stderr, for bench/run.sh. */
static void phase_time(const char *name, long long *t0)
{
	static int on = -1;
	long long now = progress_now_ms();

	if (on < 0)
		on = getenv("PPAUDIT_TIMING") != NULL;
	if (on && name != NULL)
		fprintf(stderr, "timing: %-9s %5lld ms\n", name, now - *t0);
	*t0 = now;
}

static void *run_thread(void *arg)
{
	struct pipeline *pl = arg;
	struct progress *pg = &pl->progress;
	struct project *p = &pl->proj;
	struct run *r = xcalloc(1, sizeof *r);
	char iso[32];
	int used_git = 0, lockfd = -1;
	long long t0 = 0;

	phase_time(NULL, &t0);
	pl->run = r;
	run_date(&pl->opts, r->date);
	iso_now(iso, sizeof iso);
	r->started_at = xstrdup(iso);
	r->root = xstrdup(pl->opts.root);
	run_set_project(r, pl->opts.root);
	r->tool_version = xstrdup(PACKAGE_VERSION);
	r->partial = pl->opts.since != NULL;
	if (r->partial)
		r->partial_reason = xasprintf("--since %s%s", pl->opts.since,
					      pl->opts.changed_lines ? " --changed-lines" : "");
	git_head_info(pl->opts.root, &r->git);

	progress_set_phase(pg, PHASE_DISCOVER);
	p->ctx = xcalloc(1, sizeof *p->ctx);
	if (discover_project(pl->opts.root, p->cfg, p->ctx, NULL, &pg->cancel, pl->err,
			     sizeof pl->err) != 0)
		goto failed;
	free(p->ctx->output_dir);
	p->ctx->output_dir = xasprintf("docs/project/.audit/ln-650/%s", r->date);
	context_load_practices(p->ctx);
	if (progress_cancelled(pg))
		goto cancelled;
	phase_time("discover", &t0);

	progress_set_phase(pg, PHASE_FILES);
	if (files_collect(p, p->cfg, &pg->cancel, &used_git, pl->err, sizeof pl->err) != 0)
		goto failed;
	if (progress_cancelled(pg))
		goto cancelled;
	if (pl->opts.since != NULL && mark_unchanged(pl) != 0)
		goto failed;
	atomic_store(&pl->files_ready, 1);
	progress_log(pg, "%zu source files (%s)", p->n_files, used_git ? "git" : "directory walk");
	phase_time("files", &t0);

	progress_set_phase(pg, PHASE_PARSE);
	if (phase_parse(pl) != 0)
		goto cancelled;
	index_resolve_client_exports(p);
	index_resolve_handle_accessors(p);
	phase_time("parse", &t0);
	print_mem_owners(p);
	p->index = index_build(p, pl->jobs);
	phase_time("index", &t0);
	pl->sum = summaries_build(p, pg, pl->jobs);
	phase_time("summaries", &t0);

	progress_set_phase(pg, PHASE_AUDIT);
	if (phase_audit(pl, r) != 0)
		goto cancelled;
	if (pl->opts.since != NULL && pl->opts.changed_lines && filter_changed_lines(pl, r) != 0)
		goto failed;
	phase_time("audit", &t0);

	progress_set_phase(pg, PHASE_AGGREGATE);
	{
		size_t i;
		for (i = 0; i < p->n_files; i++)
			if (p->files[i].model != NULL)
				r->files_scanned++;
	}
	r->lines_scanned = p->lines_scanned;
	r->files_skipped = p->n_skipped_binary + p->n_skipped_large + p->n_skipped_unreadable;
	coverage_fill(p, &r->coverage);
	if (r->files_scanned == 0) {
		/* nothing audited is never a clean bill of health (SPEC §9) */
		char *what = run_coverage_text(&r->coverage);
		char langs[160] = "";
		size_t n_fe, i, used = 0;
		const struct front_end *fe = lang_all(&n_fe);

		/* the audited languages, from the registry: "Python, Go" */
		for (i = 0; i < n_fe; i++)
			if (fe[i].parse != NULL && used < sizeof langs)
				used += (size_t)snprintf(langs + used, sizeof langs - used, "%s%s",
							 used ? ", " : "", fe[i].name);
		snprintf(pl->err, sizeof pl->err,
			 "%s: nothing could be audited: no source file (%s) outside tests%s%s",
			 pl->opts.root, langs, what[0] ? ". " : "", what);
		free(what);
		goto failed;
	}
	/* triage.json is read here and the reports written below: one turn
	 * of the history lock, so that no triage decision falls in between */
	lockfd = history_lock(pl->out_root, NULL, NULL, pl->err, sizeof pl->err);
	if (lockfd < 0 || phase_aggregate(pl, r) != 0)
		goto failed;
	phase_time("aggregate", &t0);
	iso_now(iso, sizeof iso);
	r->finished_at = xstrdup(iso);
	/* the run keeps the context; the project no longer owns it */
	r->ctx = p->ctx;
	p->ctx = NULL;
	release_analysis(pl);

	if (pl->opts.write_reports) {
		progress_set_phase(pg, PHASE_REPORT);
		if (progress_cancelled(pg))
			goto cancelled;
		if (phase_report(pl, r) != 0)
			goto failed;
		phase_time("report", &t0);
	}
	lock_release(lockfd);
	pl->status = PIPELINE_OK;
	progress_set_phase(pg, PHASE_DONE);
	return NULL;
cancelled:
	lock_release(lockfd);
	pl->status = PIPELINE_CANCELLED;
	snprintf(pl->err, sizeof pl->err, "cancelled; earlier reports left untouched");
	progress_set_phase(pg, PHASE_CANCELLED);
	return NULL;
failed:
	lock_release(lockfd);
	pl->status = PIPELINE_FAILED;
	progress_set_phase(pg, PHASE_FAILED);
	return NULL;
}

struct pipeline *pipeline_start(const struct pipeline_opts *opts)
{
	struct pipeline *pl = xcalloc(1, sizeof *pl);

	pl->opts = *opts;
	progress_init(&pl->progress);
	pl->proj.root = xstrdup(opts->root);
	pl->proj.cfg = opts->cfg;
	pl->out_root = xstrdup(opts->output_dir ? opts->output_dir : opts->root);
	pl->jobs = opts->jobs > 0 ? opts->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (pl->jobs < 1)
		pl->jobs = 1;
	if (pl->jobs > 64)
		pl->jobs = 64;
	pthread_mutex_init(&pl->gate_mu, NULL);
	pthread_cond_init(&pl->gate_cv, NULL);
	if (spawn_blocked(&pl->thread, run_thread, pl) != 0)
		fatal("cannot start the run thread: %s", strerror(errno));
	return pl;
}

struct progress *pipeline_progress(struct pipeline *pl) { return &pl->progress; }

const char *pipeline_file_path(struct pipeline *pl, int file_index)
{
	if (!atomic_load(&pl->files_ready) || file_index < 0 ||
	    (size_t)file_index >= pl->proj.n_files)
		return NULL;
	return pl->proj.files[file_index].path;
}

enum pipeline_status pipeline_join(struct pipeline *pl, struct run **out, char *err, size_t errlen)
{
	pthread_join(pl->thread, NULL);
	*out = NULL;
	if (pl->status == PIPELINE_OK) {
		*out = pl->run;
		pl->run = NULL;
	} else {
		snprintf(err, errlen, "%s", pl->err);
	}
	return pl->status;
}

const char *pipeline_run_dir(struct pipeline *pl) { return pl->run_dir; }

char *const *pipeline_warnings(struct pipeline *pl, size_t *n)
{
	*n = pl->n_warnings;
	return pl->warnings;
}

void pipeline_free(struct pipeline *pl)
{
	if (pl == NULL)
		return;
	if (pl->run != NULL) {
		run_free(pl->run);
	}
	summaries_free(pl->sum);
	project_free(&pl->proj);
	progress_destroy(&pl->progress);
	pthread_mutex_destroy(&pl->gate_mu);
	pthread_cond_destroy(&pl->gate_cv);
	while (pl->n_warnings > 0)
		free(pl->warnings[--pl->n_warnings]);
	free(pl->warnings);
	free(pl->out_root);
	free(pl->run_dir);
	free(pl);
}
