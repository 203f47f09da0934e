/* The live run screen: header (project, stack, git, date), the phase
 * line, four worker panes and the log line. Reads the progress counters
 * (atomics, written by the workers) into a local copy and draws from it:
 * the workers never wait for the screen. */
#include "view.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "discover.h"
#include "pipeline.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* The header's own discovery runs on a thread of its own: on the UI
 * thread a huge or crafted tree froze the screen and left q and Ctrl-C
 * unread until it ended. own_ctx is the thread's until done is set. */
struct progress_view {
	struct context *own_ctx;     /* discovered for the header during the run */
	char *root;                  /* the thread's copy of the project root */
	pthread_t disc;
	int disc_started;
	atomic_int done;             /* 1 once own_ctx is ready (or NULL) */
	atomic_int cancel;           /* set when the view goes away */
	long long frozen_ms;         /* total elapsed once the run ended */
};

/* A copy of one worker slot, taken once per frame. */
struct slot_copy {
	unsigned done, total, counts[SEV_COUNT];
	int state, current;
	long long started, finished;
};

static const char *const progress_phase_names[] = {
	"discover", "files", "parse", "audit", "aggregate", "report"
};

static const char *const progress_state_names[] = {
	"waiting", "running", "done", "cancelled", "failed"
};

/* The context to show: the finished run's, else our own discovery. */
static const struct context *progress_ctx(struct view *v)
{
	struct progress_view *pv = v->priv;

	if (v->app->main->run != NULL && v->app->main->run->ctx != NULL)
		return v->app->main->run->ctx;
	return atomic_load_explicit(&pv->done, memory_order_acquire) ? pv->own_ctx : NULL;
}

/* "python / fastapi / sqlalchemy 2.0 (asyncpg) / postgresql 16". */
static void progress_stack_text(const struct context *ctx, struct strbuf *sb)
{
	const struct tech_stack *st;

	if (ctx == NULL) {
		sb_adds(sb, "detecting...");
		return;
	}
	st = &ctx->stack;
	sb_adds(sb, st->language ? st->language : "unknown language");
	if (st->async_framework)
		sb_addf(sb, " / %s", st->async_framework);
	if (st->orm)
		sb_addf(sb, " / %s%s%s", st->orm, st->orm_version ? " " : "",
			st->orm_version ? st->orm_version : "");
	if (st->driver)
		sb_addf(sb, " (%s)", st->driver);
	if (st->database)
		sb_addf(sb, " / %s%s%s", st->database, st->database_version ? " " : "",
			st->database_version ? st->database_version : "");
}

/* mm:ss.t */
static void progress_fmt_elapsed(char *buf, size_t size, long long ms)
{
	if (ms < 0)
		ms = 0;
	snprintf(buf, size, "%02lld:%02lld.%lld", ms / 60000, (ms / 1000) % 60, (ms / 100) % 10);
}

/* The project name: last component of the root's real path. */
static void progress_project_name(const char *root, struct strbuf *sb)
{
	char *real = realpath(root, NULL);
	const char *p = real != NULL ? real : root;
	const char *slash = strrchr(p, '/');

	sb_adds(sb, slash != NULL && slash[1] != '\0' ? slash + 1 : p);
	free(real);
}

/* What a pane shows as its state: the worker's own once it started;
 * before that the shared phase (every auditor waits for the parse). */
struct pane_state {
	const char *label;
	enum theme_role role;
	unsigned done, total;        /* for the bar */
	char files[64];              /* "files 3/7", "parsed 120/800 files" */
};

/* Fills what pane i shows now. */
static void progress_pane_state(const struct slot_copy *s, int phase, unsigned parse_done,
				unsigned parse_total, struct pane_state *ps)
{
	int state = s->state < 0 || s->state > WORKER_FAILED ? WORKER_WAITING : s->state;

	ps->done = s->done;
	ps->total = s->total;
	ps->label = progress_state_names[state];
	ps->role = state == WORKER_DONE ? ROLE_OK : state == WORKER_RUNNING ? ROLE_WARN
		 : state == WORKER_WAITING ? ROLE_DIM : ROLE_BAD;
	snprintf(ps->files, sizeof ps->files, "files %u/%u", s->done, s->total);
	if (state != WORKER_WAITING)
		return;
	if (phase == PHASE_PARSE) {
		/* the parse feeds all four: show its progress in each pane */
		ps->done = parse_done;
		ps->total = parse_total;
		ps->role = ROLE_WARN;
		if (parse_total > 0 && parse_done >= parse_total) {
			ps->label = "indexing";
			snprintf(ps->files, sizeof ps->files, "parsed %u/%u files, indexing calls",
				 parse_done, parse_total);
		} else {
			ps->label = "parsing";
			snprintf(ps->files, sizeof ps->files, "parsed %u/%u files", parse_done, parse_total);
		}
	} else if (phase == PHASE_AUDIT) {
		ps->label = "starting";
	} else if (phase < PHASE_PARSE) {
		ps->label = phase == PHASE_FILES ? "listing files" : "discovering";
		snprintf(ps->files, sizeof ps->files, "%s", "waiting for the file list");
	}
}

/* The category score of worker i once the run is complete, or -1. */
static double progress_score(struct tui *t, int i)
{
	const struct run *r = t->main->run;

	if (r == NULL || t->live == NULL || !t->live->joined || t->live->status != PIPELINE_OK)
		return -1;
	return r->scores.category[worker_defs[i].category];
}

/* Draws a progress bar of `width` cells with the percentage after it. */
static void progress_draw_bar(int y, int x, int width, unsigned pct)
{
	int bar = width - 5, filled, k;
	char buf[16];

	if (bar < 1)
		return;
	filled = (int)((long long)bar * pct / 100);
	move(y, x);
	attron(theme_attr(ROLE_BAR_DONE));
	for (k = 0; k < filled; k++)
		addstr(theme_glyph_bar_full());
	attroff(theme_attr(ROLE_BAR_DONE));
	attron(theme_attr(ROLE_BAR_TODO));
	for (; k < bar; k++)
		addstr(theme_glyph_bar_empty());
	attroff(theme_attr(ROLE_BAR_TODO));
	snprintf(buf, sizeof buf, "%4u%%", pct);
	ui_put(y, x + bar, 5, buf, A_NORMAL, 0);
}

/* "C 0  H 3  M 1  L 0" in at most width columns; returns columns used. */
static int progress_draw_counts_short(int y, int x, int width, const struct slot_copy *s)
{
	static const char tags[] = "LMHC";
	int sev, cx = x;
	char buf[32];

	for (sev = SEV_CRITICAL; sev >= SEV_LOW && cx < x + width; sev--) {
		snprintf(buf, sizeof buf, "%s%c %u", sev == SEV_CRITICAL ? "" : "  ", tags[sev],
			 s->counts[sev]);
		cx += ui_put(y, cx, x + width - cx, buf, s->counts[sev]
			     ? theme_attr(theme_severity_role((enum severity)sev)) : theme_attr(ROLE_DIM), 0);
	}
	return cx - x;
}

/* Draws one worker pane at (y, x) of size h x w (h >= 5): state, score
 * and time; the bar; files; the current file; the counts. Lines are
 * dropped from the bottom of that list when the pane is short. */
static void progress_draw_pane(struct tui *t, int i, const struct slot_copy *s,
			       const struct pane_state *ps, int y, int x, int h, int w, long long now)
{
	const struct worker_def *a = &worker_defs[i];
	char title[80], buf[96], el[24];
	int in_w = w - 4, row = y + 1, inner = h - 2, k, cx;
	const char *path = NULL;
	double score = progress_score(t, i);
	unsigned pct = ps->total ? (unsigned)((unsigned long long)ps->done * 100 / ps->total)
		       : (s->state == WORKER_DONE ? 100 : 0);

	snprintf(title, sizeof title, "%s %s", a->worker, category_name(a->category));
	ui_box(y, x, h, w, theme_attr(ROLE_PANE_BORDER), title, theme_attr(ROLE_PANE_TITLE));
	progress_fmt_elapsed(el, sizeof el, s->started == 0 ? 0
			     : (s->finished != 0 ? s->finished : now) - s->started);
	if (s->started == 0)
		el[0] = '\0';   /* not started: no time to show yet */
	cx = x + 2 + ui_put(row, x + 2, in_w - 10, ps->label, theme_attr(ps->role) | A_BOLD, 0);
	if (score >= 0) {
		snprintf(buf, sizeof buf, "   score %.1f/10", score);
		ui_put(row, cx, x + 2 + in_w - 10 - cx, buf, theme_attr(theme_score_role(score)), 0);
	} else if (inner < 4) {
		/* no room for the files line: its count goes here */
		snprintf(buf, sizeof buf, "  %s", ps->files);
		ui_put(row, cx, x + 2 + in_w - 10 - cx, buf, A_NORMAL, 0);
	}
	ui_put(row, x + 2 + in_w - 8, 8, el, theme_attr(ROLE_DIM), 0);
	row++;
	progress_draw_bar(row++, x + 2, in_w, pct);
	if (inner >= 4)
		ui_put(row++, x + 2, in_w, ps->files, A_NORMAL, 1);
	if (inner >= 6) {
		if (t->live != NULL && s->current >= 0 && s->state == WORKER_RUNNING)
			path = pipeline_file_path(t->live->pl, s->current);
		ui_put_tail(row++, x + 2, in_w, path ? path : "", theme_attr(ROLE_DIM), 1);
	}
	if (inner < 5) {
		progress_draw_counts_short(row, x + 2, in_w, s);
		return;
	}
	/* counts by severity on two lines: four numbers in the thousands
	 * would not fit one line of a 40-column pane */
	for (k = 0; k < 2 && row < y + h - 1; k++, row++) {
		int sev, j;

		cx = x + 2;
		for (j = 0; j < 2; j++) {
			sev = SEV_CRITICAL - (k * 2 + j);
			snprintf(buf, sizeof buf, "%-8s %-6u", severity_title((enum severity)sev),
				 s->counts[sev]);
			cx += ui_put(row, cx, x + 2 + in_w - cx, buf,
				     s->counts[sev] ? theme_attr(theme_severity_role((enum severity)sev))
				     : theme_attr(ROLE_DIM), 0);
			cx += ui_put(row, cx, x + 2 + in_w - cx, "  ", A_NORMAL, 0);
		}
	}
}

/* A worker as one or two lines, for screens too short for panes:
 * "ln-651 Query       done       8.5/10 files 7/7      00:00.1"
 * "                   C 0  H 1  M 1  L 0   ########### 100%"
 * (on one line the counts and the bar follow as far as they fit). */
static void progress_draw_line(struct tui *t, int i, const struct slot_copy *s,
			       const struct pane_state *ps, int y, int lines, long long now)
{
	const struct worker_def *a = &worker_defs[i];
	char buf[96], el[24];
	int x = 0, w = t->cols, bar_w, fw;
	double score = progress_score(t, i);
	unsigned pct = ps->total ? (unsigned)((unsigned long long)ps->done * 100 / ps->total)
		       : (s->state == WORKER_DONE ? 100 : 0);

	snprintf(buf, sizeof buf, "%s %s", a->worker, category_short(a->category));
	x += ui_put(y, x, 19, buf, theme_attr(ROLE_PANE_TITLE), 1);
	x += ui_put(y, x, 10, ps->label, theme_attr(ps->role) | A_BOLD, 1);
	if (score >= 0)
		snprintf(buf, sizeof buf, "%4.1f/10 ", score);
	else
		snprintf(buf, sizeof buf, "%8s", "");
	x += ui_put(y, x, 8, buf, score >= 0 ? theme_attr(theme_score_role(score)) : A_NORMAL, 1);
	progress_fmt_elapsed(el, sizeof el, s->started == 0 ? 0
			     : (s->finished != 0 ? s->finished : now) - s->started);
	if (s->started == 0)
		el[0] = '\0';
	fw = ui_put(y, x, w - x - 9, ps->files, A_NORMAL, 0);
	ui_put(y, w - 8, 8, el, theme_attr(ROLE_DIM), 0);
	if (lines > 1) {
		y++;
		x = 19;
	} else {
		x += fw + 2;
	}
	x += progress_draw_counts_short(y, x, (lines > 1 ? w : w - 9) - x, s) + 3;
	/* the bar takes what is left, up to 40 cells */
	bar_w = (lines > 1 ? w : w - 9) - x;
	if (bar_w > 40)
		bar_w = 40;
	if (bar_w >= 10)
		progress_draw_bar(y, x, bar_w, pct);
}

/* The phase line: done phases checked, the current one highlighted. */
static void progress_draw_phases(struct tui *t, int y, int phase, const struct progress *p)
{
	int x = 0, i;
	char buf[48];

	/* narrow screens: no label, one space between phases */
	const char *gap = t->cols < 80 ? " " : "  ";

	if (t->cols >= 80)
		x += ui_put(y, x, t->cols, "Phase: ", theme_attr(ROLE_HEADER), 0);
	for (i = 0; i < 6; i++) {
		int ph = PHASE_DISCOVER + i;
		attr_t a;

		if (phase == PHASE_DONE || (phase > ph && phase < PHASE_DONE)) {
			snprintf(buf, sizeof buf, "%s %s", progress_phase_names[i], theme_glyph_check());
			a = theme_attr(ROLE_OK);
		} else if (phase == ph) {
			if (ph == PHASE_PARSE)
				snprintf(buf, sizeof buf, "[parse %u/%u]",
					 atomic_load_explicit(&p->parse_done, memory_order_relaxed),
					 atomic_load_explicit(&p->parse_total, memory_order_relaxed));
			else
				snprintf(buf, sizeof buf, "[%s]", progress_phase_names[i]);
			a = theme_attr(ROLE_WARN) | A_BOLD;
		} else {
			snprintf(buf, sizeof buf, "%s", progress_phase_names[i]);
			a = theme_attr(ROLE_DIM);
		}
		x += ui_put(y, x, t->cols - x, buf, a, 0);
		x += ui_put(y, x, t->cols - x, gap, A_NORMAL, 0);
	}
	if (phase == PHASE_CANCELLED)
		ui_put(y, x, t->cols - x, "CANCELLED", theme_attr(ROLE_BAD), 0);
	else if (phase == PHASE_FAILED)
		ui_put(y, x, t->cols - x, "FAILED", theme_attr(ROLE_BAD), 0);
}

/* Draws the live run screen from a copy of the counters. The header
 * collapses to the title and the phase line on short screens; the panes
 * go 4 across on wide ones, 2 x 2 otherwise, and become one or two lines
 * per auditor when the panes would be too short to read. */
static void progress_draw(struct view *v, int top, int height)
{
	struct tui *t = v->app;
	struct progress_view *pv = v->priv;
	struct progress *p = t->live != NULL ? t->live->prog : NULL;
	struct slot_copy sl[PROGRESS_WORKERS];
	struct pane_state ps[PROGRESS_WORKERS];
	struct strbuf sb = STRBUF_INIT;
	char right[64], el[24], log[PROGRESS_LOG_LEN];
	long long now = progress_now_ms();
	int i, phase, pane_h, pane_w, across, panes_top, avail, roomy = height >= TUI_ROOMY_ROWS;
	unsigned parse_done, parse_total;
	const struct run_git *g = t->live != NULL ? &t->live->git : NULL;
	const struct run *r = t->main->run;

	if (p == NULL)
		return;
	/* copy the slots first, then draw with nothing shared held */
	for (i = 0; i < PROGRESS_WORKERS; i++) {
		struct progress_slot *s = &p->workers[i];
		int c;

		sl[i].done = atomic_load_explicit(&s->files_done, memory_order_relaxed);
		sl[i].total = atomic_load_explicit(&s->files_total, memory_order_relaxed);
		for (c = 0; c < SEV_COUNT; c++)
			sl[i].counts[c] = atomic_load_explicit(&s->counts[c], memory_order_relaxed);
		sl[i].state = atomic_load_explicit(&s->state, memory_order_relaxed);
		sl[i].current = atomic_load_explicit(&s->current_file, memory_order_relaxed);
		sl[i].started = atomic_load_explicit(&s->started_ms, memory_order_relaxed);
		sl[i].finished = atomic_load_explicit(&s->finished_ms, memory_order_relaxed);
	}
	phase = atomic_load(&p->phase);
	parse_done = atomic_load_explicit(&p->parse_done, memory_order_relaxed);
	parse_total = atomic_load_explicit(&p->parse_total, memory_order_relaxed);
	for (i = 0; i < PROGRESS_WORKERS; i++)
		progress_pane_state(&sl[i], phase, parse_done, parse_total, &ps[i]);
	if (t->live->joined && pv->frozen_ms == 0)
		pv->frozen_ms = t->live->finished_ms;
	progress_fmt_elapsed(el, sizeof el, (pv->frozen_ms ? pv->frozen_ms : now) -
			     atomic_load(&p->started_ms));
	snprintf(right, sizeof right, "run %s  %s ", r ? r->date : t->live->date, el);
	sb_adds(&sb, "ppaudit  ");
	progress_project_name(t->main->root, &sb);
	if (t->live->joined && t->live->status == PIPELINE_OK)
		sb_adds(&sb, "  run complete");
	ui_title_bar(t, sb_str(&sb), right);
	sb_reset(&sb);

	if (roomy) {
		ui_put(top + 1, 0, 7, "Stack: ", theme_attr(ROLE_HEADER), 0);
		progress_stack_text(progress_ctx(v), &sb);
		ui_put(top + 1, 7, t->cols - 7, sb_str(&sb), A_NORMAL, 0);
		sb_reset(&sb);
		ui_put(top + 2, 0, 7, "Git:   ", theme_attr(ROLE_HEADER), 0);
		if (g != NULL && g->head != NULL)
			sb_addf(&sb, "%s @ %.10s%s", g->branch ? g->branch : "(detached)", g->head,
				g->dirty ? " (uncommitted changes)" : "");
		else
			sb_adds(&sb, "not a git repository");
		ui_put(top + 2, 7, t->cols - 7, sb_str(&sb), A_NORMAL, 0);
		sb_reset(&sb);
		progress_draw_phases(t, top + 3, phase, p);
		panes_top = top + 4;
	} else {
		progress_draw_phases(t, top + 1, phase, p);
		panes_top = top + 2;
	}

	avail = top + height - 2 - panes_top;
	across = t->cols >= 160 ? 4 : 2;
	pane_w = t->cols / across;
	pane_h = avail / (PROGRESS_WORKERS / across);
	if (pane_h >= 5) {
		for (i = 0; i < PROGRESS_WORKERS; i++) {
			int px = (i % across) * pane_w, py = panes_top + (i / across) * pane_h;

			progress_draw_pane(t, i, &sl[i], &ps[i], py, px, pane_h,
					   i % across == across - 1 ? t->cols - px : pane_w, now);
		}
	} else {
		int per = avail >= 2 * PROGRESS_WORKERS ? 2 : 1;

		for (i = 0; i < PROGRESS_WORKERS && i * per < avail; i++)
			progress_draw_line(t, i, &sl[i], &ps[i], panes_top + i * per, per, now);
	}

	if (t->live->joined && r != NULL) {
		char took[24];

		/* the last worker's "done" line depends on thread timing: say
		 * something stable and useful instead */
		progress_fmt_elapsed(took, sizeof took, t->live->finished_ms - t->live->started_ms);
		snprintf(log, sizeof log, "run complete in %s: %zu findings in %zu files, "
			 "%zu lines, overall %.1f/10", took, r->n_findings,
			 r->files_scanned, r->lines_scanned, r->scores.overall);
	} else {
		progress_last_log(p, log, sizeof log);
	}
	ui_put(top + height - 2, 0, 5, "Log: ", theme_attr(ROLE_HEADER), 0);
	ui_put(top + height - 2, 5, t->cols - 5, log, theme_attr(ROLE_DIM), 1);
	ui_status_bar(t, tui_holding(t) ? " Run complete: Enter opens the findings now (p there shows this again)"
		      : t->live->joined ? " q back   ? help"
		      : " q / Ctrl-C cancel the run   Ctrl-Z suspend   ? help");
	sb_release(&sb);
}

/* q asks before cancelling a running audit. */
static int progress_key(struct view *v, enum ui_action act, int ch)
{
	struct tui *t = v->app;

	(void)ch;
	/* while the run goes on, q asks before cancelling (Ctrl-C too, in
	 * tui.c); once it ended the common handler takes q as "back" */
	if (act == ACT_QUIT && tui_running(t)) {
		tui_quit(t);
		return 1;
	}
	return 0;
}

/* Worker states and counts for :save-state. */
static void progress_state(struct view *v, struct strbuf *out)
{
	struct tui *t = v->app;
	struct progress *p = t->live != NULL ? t->live->prog : NULL;
	int i, c;

	if (p == NULL)
		return;
	sb_addf(out, "phase=%d\nparse=%u/%u\n", atomic_load(&p->phase), atomic_load(&p->parse_done),
		atomic_load(&p->parse_total));
	for (i = 0; i < PROGRESS_WORKERS; i++) {
		struct progress_slot *s = &p->workers[i];

		sb_addf(out, "worker.%d=%s state=%s files=%u/%u", i, worker_defs[i].worker,
			progress_state_names[atomic_load(&s->state)], atomic_load(&s->files_done),
			atomic_load(&s->files_total));
		for (c = SEV_CRITICAL; c >= SEV_LOW; c--)
			sb_addf(out, " %c=%u", severity_name((enum severity)c)[0], atomic_load(&s->counts[c]));
		sb_addc(out, '\n');
	}
}

/* Frees the progress view. */
static void progress_free(struct view *v)
{
	struct progress_view *pv = v->priv;

	/* a discovery still going stops at its next entry or file */
	if (pv->disc_started) {
		atomic_store(&pv->cancel, 1);
		pthread_join(pv->disc, NULL);
	}
	if (pv->own_ctx != NULL) {
		context_free(pv->own_ctx);
		free(pv->own_ctx);
	}
	free(pv->root);
	free(pv);
}

const struct view_ops view_progress_ops = {
	"progress", VK_PROGRESS, progress_draw, progress_key, progress_state,
	NULL, NULL, progress_free, NULL
};

/* The header's discovery (a thread of its own; see struct progress_view):
 * own_ctx stays NULL when it failed or was cancelled. */
static void *progress_discover(void *arg)
{
	struct progress_view *pv = arg;
	struct context *ctx = xcalloc(1, sizeof *ctx);
	char err[256];

	if (discover_project(pv->root, NULL, ctx, NULL, &pv->cancel, err, sizeof err) != 0 ||
	    atomic_load(&pv->cancel)) {
		context_free(ctx);
		free(ctx);
		ctx = NULL;
	}
	pv->own_ctx = ctx;
	atomic_store_explicit(&pv->done, 1, memory_order_release);
	return NULL;
}

/* The live run screen. */
struct view *view_progress_new(struct tui *t)
{
	struct progress_view *pv = xcalloc(1, sizeof *pv);

	atomic_init(&pv->done, 0);
	atomic_init(&pv->cancel, 0);
	if (t->main->run == NULL) {
		/* The header names the detected stack ("detecting..." until
		 * then). The pipeline discovers on its own thread and does not
		 * expose its context before the end, so discover here too, on
		 * a thread: the screen and the keys never wait for it. */
		pv->root = xstrdup(t->main->root);
		pv->disc_started = pthread_create(&pv->disc, NULL, progress_discover, pv) == 0;
		if (!pv->disc_started)
			atomic_store(&pv->done, 1);
	}
	return view_new(t, &view_progress_ops, NULL, pv);
}
