/* The live run screen: header (project, stack, git, date), the phase
 * line, four worker panes and the log line. Reads the progress counters
 * (atomics, written by the workers) into a local copy and draws from it:
 * the workers never wait for the screen. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "discover.h"
#include "pipeline.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

struct progress_view {
	struct context *own_ctx;     /* discovered for the header during the run */
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
	return pv->own_ctx;
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

/* Draws one worker pane at (y, x) of size h x w. */
static void progress_draw_pane(struct tui *t, int i, const struct slot_copy *s,
			       int y, int x, int h, int w, long long now)
{
	const struct worker_def *a = &worker_defs[i];
	char title[80], buf[96], el[24];
	int in_w = w - 4, row = y + 1, bar, filled, k, state = s->state;
	enum theme_role sr;
	const char *path = NULL;

	snprintf(title, sizeof title, "%s %s", a->worker, category_name(a->category));
	ui_box(y, x, h, w, theme_attr(ROLE_PANE_BORDER), title, theme_attr(ROLE_PANE_TITLE));
	if (state < 0 || state > WORKER_FAILED)
		state = WORKER_WAITING;
	sr = state == WORKER_DONE ? ROLE_OK : state == WORKER_RUNNING ? ROLE_WARN
	   : state == WORKER_WAITING ? ROLE_DIM : ROLE_BAD;
	progress_fmt_elapsed(el, sizeof el, s->started == 0 ? 0
			     : (s->finished != 0 ? s->finished : now) - s->started);
	if (row < y + h - 1) {
		ui_put(row, x + 2, in_w - 10, progress_state_names[state], theme_attr(sr) | A_BOLD, 0);
		ui_put(row, x + 2 + in_w - 8, 8, el, theme_attr(ROLE_DIM), 0);
		row++;
	}
	if (row < y + h - 1) {
		/* progress bar with the percentage at its end */
		unsigned pct = s->total ? (unsigned)((unsigned long long)s->done * 100 / s->total)
			       : (state == WORKER_DONE ? 100 : 0);

		bar = in_w - 5;
		filled = (int)((long long)bar * pct / 100);
		move(row, x + 2);
		attron(theme_attr(ROLE_BAR_DONE));
		for (k = 0; k < filled; k++)
			addstr(theme_glyph_bar_full());
		attroff(theme_attr(ROLE_BAR_DONE));
		attron(theme_attr(ROLE_BAR_TODO));
		for (; k < bar; k++)
			addstr(theme_glyph_bar_empty());
		attroff(theme_attr(ROLE_BAR_TODO));
		snprintf(buf, sizeof buf, "%4u%%", pct);
		ui_put(row, x + 2 + bar, 5, buf, A_NORMAL, 0);
		row++;
	}
	if (row < y + h - 1) {
		snprintf(buf, sizeof buf, "files %u/%u", s->done, s->total);
		ui_put(row++, x + 2, in_w, buf, A_NORMAL, 1);
	}
	if (row < y + h - 1) {
		if (t->live != NULL && s->current >= 0 && state == WORKER_RUNNING)
			path = pipeline_file_path(t->live->pl, s->current);
		ui_put_tail(row++, x + 2, in_w, path ? path : "", theme_attr(ROLE_DIM), 1);
	}
	/* counts by severity on two lines: four numbers in the thousands
	 * would not fit one line of a 40-column pane */
	for (k = 0; k < 2 && row < y + h - 1; k++, row++) {
		int cx = x + 2, sev, j;

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

/* The phase line: done phases checked, the current one highlighted. */
static void progress_draw_phases(struct tui *t, int y, int phase, const struct progress *p)
{
	int x = 0, i;
	char buf[48];

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
		x += ui_put(y, x, t->cols - x, "  ", A_NORMAL, 0);
	}
	if (phase == PHASE_CANCELLED)
		ui_put(y, x, t->cols - x, "CANCELLED", theme_attr(ROLE_BAD), 0);
	else if (phase == PHASE_FAILED)
		ui_put(y, x, t->cols - x, "FAILED", theme_attr(ROLE_BAD), 0);
}

/* Draws the live run screen from a copy of the counters. */
static void progress_draw(struct view *v, int top, int height)
{
	struct tui *t = v->app;
	struct progress_view *pv = v->priv;
	struct progress *p = t->live != NULL ? t->live->prog : NULL;
	struct slot_copy sl[PROGRESS_WORKERS];
	struct strbuf sb = STRBUF_INIT;
	char right[64], el[24], log[PROGRESS_LOG_LEN];
	long long now = progress_now_ms();
	int i, phase, pane_h, pane_w, panes_top = top + 4, avail;
	const struct run_git *g = t->live != NULL ? &t->live->git : NULL;

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
	if (t->live->joined && pv->frozen_ms == 0)
		pv->frozen_ms = t->live->finished_ms;
	progress_fmt_elapsed(el, sizeof el, (pv->frozen_ms ? pv->frozen_ms : now) -
			     atomic_load(&p->started_ms));
	snprintf(right, sizeof right, "run %s  %s ", t->main->run ? t->main->run->date : t->live->date, el);
	sb_adds(&sb, "ppaudit  ");
	progress_project_name(t->main->root, &sb);
	ui_title_bar(t, sb_str(&sb), right);
	sb_reset(&sb);

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

	/* the panes: 2 x 2 when there is room, else stacked */
	avail = height - 4 - 2;
	pane_w = t->cols / 2;
	pane_h = avail / 2;
	for (i = 0; i < PROGRESS_WORKERS; i++) {
		int px = (i % 2) * pane_w, py = panes_top + (i / 2) * pane_h;

		progress_draw_pane(t, i, &sl[i], py, px, pane_h,
				   i % 2 ? t->cols - pane_w : pane_w, now);
	}

	if (t->live->joined && t->main->run != NULL)
		/* the last worker's "done" line depends on thread timing: say
		 * something stable and useful instead */
		snprintf(log, sizeof log, "run complete: %zu findings in %zu files, %zu lines",
			 t->main->run->n_findings, t->main->run->files_scanned,
			 t->main->run->lines_scanned);
	else
		progress_last_log(p, log, sizeof log);
	ui_put(top + height - 2, 0, 5, "Log: ", theme_attr(ROLE_HEADER), 0);
	ui_put(top + height - 2, 5, t->cols - 5, log, theme_attr(ROLE_DIM), 1);
	ui_status_bar(t, t->live->joined ? " q back   ? help"
		      : " q / Ctrl-C cancel the run   ? help");
	sb_release(&sb);
}

/* q and Ctrl-C ask before cancelling a running audit. */
static int progress_key(struct view *v, enum ui_action act, int ch)
{
	struct tui *t = v->app;

	(void)ch;
	/* while the run goes on, q and Ctrl-C ask before cancelling; once it
	 * ended the common handler takes q as "back" */
	if ((act == ACT_BACK || act == ACT_CANCEL) && t->live != NULL && !t->live->joined) {
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
	sb_addf(out, "phase=%d\n", atomic_load(&p->phase));
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

	if (pv->own_ctx != NULL) {
		context_free(pv->own_ctx);
		free(pv->own_ctx);
	}
	free(pv);
}

const struct view_ops view_progress_ops = {
	"progress", VK_PROGRESS, progress_draw, progress_key, progress_state,
	NULL, NULL, progress_free, NULL
};

/* The live run screen. */
struct view *view_progress_new(struct tui *t)
{
	struct progress_view *pv = xcalloc(1, sizeof *pv);
	char err[256];

	if (t->main->run == NULL) {
		/* The header names the detected stack from the first frame. The
		 * pipeline discovers on its own thread and does not expose its
		 * context before the end, so run the (bounded, cheap) discovery
		 * here too; it only reads manifests and docs. */
		pv->own_ctx = xcalloc(1, sizeof *pv->own_ctx);
		if (discover_project(t->main->root, NULL, pv->own_ctx, NULL, err, sizeof err) != 0) {
			context_free(pv->own_ctx);
			free(pv->own_ctx);
			pv->own_ctx = NULL;
		}
	}
	return view_new(t, &view_progress_ops, NULL, pv);
}
