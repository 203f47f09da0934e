/* The terminal UI: screen setup and teardown, the main loop, key input
 * (keyboard or script), resize, and the two entry points.
 *
 * DESIGN
 * One thread (the caller's) owns curses. During a live run the pipeline
 * runs on its own threads and publishes progress in atomics; the loop here
 * wakes 15 times a second or when the progress wake pipe gets a byte,
 * copies the counters (view-progress.c) and redraws with no lock held.
 * When the run thread reports a final phase, the loop joins it (which then
 * returns at once) and swaps the live screen for the findings browser.
 * In scripted mode (PPAUDIT_SCRIPT) the next key or command is taken only
 * when nothing is pending: no running audit, no lazy job (blame).
 * SIGINT, SIGTERM and SIGHUP end the loop like q (a run is cancelled);
 * the usual exit then saves what the screen confirmed before the signal
 * is raised again.
 * The terminal is in raw mode, so Ctrl-C and Ctrl-Z arrive as keys:
 * Ctrl-C quits (asking first during a run or over a decision being
 * typed), Ctrl-Z suspends: endwin, stop with the default SIGTSTP action,
 * and on SIGCONT the screen is restored and redrawn. A SIGTSTP from
 * elsewhere (kill -TSTP) takes the same path through the loop, and a
 * SIGCONT after a SIGSTOP redraws the whole screen. */
#include "tui.h"
#include "view.h"
#include "history.h"

#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "discover.h"
#include "git.h"
#include "triage.h"
#include "util/fsutil.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

static SCREEN *tui_screen;
static FILE *tui_null_out, *tui_null_in;
static int tui_idle_pending;
/* PPAUDIT_KEY_TIMES=FILE: one line per key, "key ms-to-screen", to measure
 * how fast the UI answers (bench notes); never used by assertions. */
static FILE *tui_key_times;

/* The tick: 15 redraws a second during a run. */
enum { TUI_TICK_MS = 66 };

/* SIGINT, SIGTERM or SIGHUP received (0: none). The loop then ends as
 * after q, so the triage.json writer is flushed and joined and the
 * reports saved before the signal is raised again (tui_signals_done):
 * a decision the screen confirmed is on disk when the process dies.
 * Later signals change nothing; SIGKILL remains for a stuck exit. */
static volatile sig_atomic_t tui_signal;
static const int tui_signals[] = { SIGINT, SIGTERM, SIGHUP };
/* SIGTSTP asked for a suspend; SIGCONT: the screen needs a full redraw. */
static volatile sig_atomic_t tui_tstp, tui_cont;

static void tui_on_signal(int sig)
{
	if (tui_signal == 0)
		tui_signal = sig;
}

static void tui_on_tstp(int sig)
{
	(void)sig;
	tui_tstp = 1;
}

static void tui_on_cont(int sig)
{
	(void)sig;
	tui_cont = 1;
}

/* The hold of the run summary after a complete run (PPAUDIT_SUMMARY_MS,
 * default 1.5 s): long enough to read the four auditors' results, short
 * enough not to stand in the way. */
static long long tui_summary_ms(void)
{
	const char *e = getenv("PPAUDIT_SUMMARY_MS");
	long v;

	if (e == NULL || e[0] == '\0')
		return 1500;
	v = strtol(e, NULL, 10);
	return v < 0 ? 0 : v > 60000 ? 60000 : v;
}

/* Installs the handlers; before curses starts, so that it keeps its own
 * (which would exit at once) out of the way. */
static void tui_signals_catch(void)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tui_on_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a script read blocked on a pipe must end too */
	sa.sa_flags = 0;
	for (i = 0; i < sizeof tui_signals / sizeof tui_signals[0]; i++)
		sigaction(tui_signals[i], &sa, NULL);
	/* ours before curses starts: ncurses then leaves SIGTSTP alone and
	 * the suspend happens in the loop, where it is safe to call curses */
	sa.sa_handler = tui_on_tstp;
	sigaction(SIGTSTP, &sa, NULL);
	sa.sa_handler = tui_on_cont;
	sigaction(SIGCONT, &sa, NULL);
}

/* Restores the default actions and, when a signal ended the session,
 * raises it again now that everything is saved (the exit status tells
 * the parent what happened). */
static void tui_signals_done(void)
{
	size_t i;

	for (i = 0; i < sizeof tui_signals / sizeof tui_signals[0]; i++)
		signal(tui_signals[i], SIG_DFL);
	signal(SIGTSTP, SIG_DFL);
	signal(SIGCONT, SIG_DFL);
	if (tui_signal != 0) {
		fflush(NULL);
		raise(tui_signal);
	}
}

/* Restores the terminal; safe to call twice (fatal() hook). */
void tui_teardown(void)
{
	if (tui_screen == NULL)
		return;
	endwin();
	delscreen(tui_screen);
	tui_screen = NULL;
	if (tui_null_out != NULL)
		fclose(tui_null_out);
	if (tui_null_in != NULL)
		fclose(tui_null_in);
	tui_null_out = tui_null_in = NULL;
}

/* Whether the live screen should be used for a run. */
int tui_wanted(void)
{
	const char *nd = getenv("PPAUDIT_NO_DISPLAY");

	if (nd != NULL && nd[0] != '\0' && strcmp(nd, "0") != 0)
		return 1;
	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

/* Parses "COLSxROWS". */
static int tui_parse_size(const char *s, int *rows, int *cols)
{
	int c, r;

	if (s == NULL || sscanf(s, "%dx%d", &c, &r) != 2 || c < 1 || r < 1 || c > 1000 || r > 1000)
		return -1;
	*rows = r;
	*cols = c;
	return 0;
}

/* Sets up curses on the terminal, or on /dev/null in no-display mode. */
static int tui_setup(struct tui *t, char *err, size_t errlen)
{
	const char *nd = getenv("PPAUDIT_NO_DISPLAY");
	const char *sp = getenv("PPAUDIT_SCRIPT");

	setlocale(LC_ALL, "");
	tui_signals_catch();
	t->no_display = nd != NULL && nd[0] != '\0' && strcmp(nd, "0") != 0;
	if (sp != NULL && sp[0] != '\0') {
		t->script = script_open(sp, err, errlen);
		if (t->script == NULL)
			return -1;
	}
	if (t->no_display) {
		int rows = TUI_MIN_ROWS, cols = TUI_MIN_COLS;

		tui_null_out = fopen("/dev/null", "w");
		tui_null_in = fopen("/dev/null", "r");
		if (tui_null_out == NULL || tui_null_in == NULL) {
			snprintf(err, errlen, "/dev/null: %s", strerror(errno));
			return -1;
		}
		/* a fixed, well-known terminal type keeps the dumps reproducible */
		tui_screen = newterm("xterm", tui_null_out, tui_null_in);
		if (tui_screen == NULL) {
			snprintf(err, errlen, "cannot set up the virtual screen (terminfo 'xterm')");
			return -1;
		}
		set_term(tui_screen);
		tui_parse_size(getenv("PPAUDIT_SIZE"), &rows, &cols);
		resizeterm(rows, cols);
	} else {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			snprintf(err, errlen, "the interactive screen needs a terminal "
				 "(use --no-tui, or set PPAUDIT_NO_DISPLAY for tests)");
			return -1;
		}
		tui_screen = newterm(NULL, stdout, stdin);
		if (tui_screen == NULL) {
			snprintf(err, errlen, "cannot set up the terminal (TERM=%s)",
				 getenv("TERM") ? getenv("TERM") : "unset");
			return -1;
		}
		set_term(tui_screen);
	}
	fatal_set_hook(tui_teardown);
	raw();           /* Ctrl-C and Ctrl-Z are keys (see the DESIGN note) */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(200);
	theme_init();
	t->rows = LINES;
	t->cols = COLS;
	t->too_small = t->rows < TUI_MIN_ROWS || t->cols < TUI_MIN_COLS;
	t->dirty = 1;
	return 0;
}

/* Takes a new size (KEY_RESIZE, or :resize in scripts); views that
 * wrap text to the width rebuild it. */
void tui_resize_to(struct tui *t, int rows, int cols)
{
	int i;

	if (t->no_display)
		resizeterm(rows, cols);
	t->rows = LINES;
	t->cols = COLS;
	t->too_small = t->rows < TUI_MIN_ROWS || t->cols < TUI_MIN_COLS;
	for (i = 0; i < t->depth; i++) {
		t->stack[i]->height = t->rows;
		if (t->stack[i]->ops->rebuild != NULL)
			t->stack[i]->ops->rebuild(t->stack[i]);
	}
	clearok(curscr, TRUE);
	t->dirty = 1;
}

/* Asks the loop to run the top view's lazy work once. */
void tui_request_idle(struct tui *t)
{
	tui_idle_pending = 1;
	t->dirty = 1;
}

/* Draws the "too small" message centred: what the size is, what is
 * needed, and the way out (the run goes on meanwhile). */
static void tui_draw_too_small(struct tui *t)
{
	char lines[4][64];
	int y = t->rows / 2 - 2, i;

	snprintf(lines[0], sizeof lines[0], "Terminal too small: %dx%d", t->cols, t->rows);
	snprintf(lines[1], sizeof lines[1], "ppaudit needs at least %dx%d", TUI_MIN_COLS, TUI_MIN_ROWS);
	snprintf(lines[2], sizeof lines[2], "%s", "Enlarge the window");
	snprintf(lines[3], sizeof lines[3], "%s", t->live != NULL && !t->live->joined
		 ? "(the run goes on; q cancels)" : "(q quits)");
	if (y < 0)
		y = 0;
	for (i = 0; i < 4 && y + i < t->rows; i++) {
		int len = (int)strlen(lines[i]);

		mvaddnstr(y + i, len < t->cols ? (t->cols - len) / 2 : 0, lines[i], t->cols);
	}
}

/* Redraws the top view (and dialog) when dirty; one doupdate. */
void tui_draw(struct tui *t)
{
	struct view *v = view_top(t);

	if (!t->dirty && !(t->live != NULL && !t->live->joined))
		return;
	erase();
	if (t->too_small) {
		tui_draw_too_small(t);
	} else if (v != NULL) {
		v->height = t->rows;
		v->ops->draw(v, 0, t->rows);
		if (t->dialog != NULL)
			dialog_draw(t);
	}
	wnoutrefresh(stdscr);
	doupdate();
	t->dirty = 0;
}

/* Whether the live run is still going. */
int tui_running(const struct tui *t)
{
	return t->live != NULL && !t->live->joined;
}

/* Whether the run summary is on screen, before the browser opens. */
int tui_holding(const struct tui *t)
{
	return t->live != NULL && t->live->joined && t->live->status == PIPELINE_OK &&
	       !t->live->browsing;
}

/* The live screen gives way to the browser; `p` shows the summary again. */
static void tui_open_browser(struct tui *t)
{
	struct run *r = t->main->run;
	char el[32];
	long long ms = t->live->finished_ms - t->live->started_ms;

	t->live->browsing = 1;
	while (t->depth > 0)
		view_pop(t);
	if (t->dialog != NULL) {
		dialog_free(t->dialog);
		t->dialog = NULL;
	}
	view_push(t, view_findings_new(t, t->main));
	snprintf(el, sizeof el, "%02lld:%02lld.%lld", ms / 60000, (ms / 1000) % 60, (ms / 100) % 10);
	tui_message(t, 0, "Run complete: %zu findings in %s, overall %.1f. p: run summary  ?: help",
		    r->n_findings, el, r->scores.overall);
}

/* The answer to "the run completed: quit?": y quits, n browses. */
static void tui_finished_answer(struct tui *t, void *arg, int choice, const char *text)
{
	(void)arg;
	(void)text;
	if (choice == 1)
		t->quit = 1;
	else
		tui_open_browser(t);
}

/* Joins a finished pipeline; a complete run shows its summary for a
 * moment, then the findings browser. */
static void tui_live_finish(struct tui *t)
{
	struct tui_live *lv = t->live;
	struct run *r = NULL;
	enum pipeline_status st;

	st = pipeline_join(lv->pl, &r, lv->err, sizeof lv->err);
	lv->joined = 1;
	lv->finished_ms = progress_now_ms();
	lv->status = (int)st;
	t->dirty = 1;
	if (st != PIPELINE_OK) {
		tui_message(t, 1, "%s%s", st == PIPELINE_CANCELLED ? "Run cancelled: earlier reports untouched. "
			    : "Run failed: ", st == PIPELINE_CANCELLED ? "Press q to quit." : lv->err);
		t->exit_code = st == PIPELINE_CANCELLED ? 130 : 3;
		return;
	}
	t->main->run = r;
	free(t->main->run_dir);
	t->main->run_dir = pipeline_run_dir(lv->pl) ? xstrdup(pipeline_run_dir(lv->pl)) : NULL;
	if (t->dialog != NULL) {
		/* q (or Ctrl-C) asked to cancel a run that has now completed:
		 * the question stays, reworded, and takes the next key; the
		 * browser opens only once it is answered */
		dialog_free(t->dialog);
		t->dialog = NULL;
		dialog_confirm(t, "The run completed before it could be cancelled; its reports are "
			       "written. Quit now? (n: browse the findings)", tui_finished_answer, NULL);
		dialog_set_role(t->dialog, DLG_ROLE_QUIT);
		tui_message(t, 0, "Run complete: %zu findings", r->n_findings);
		return;
	}
	lv->hold_until_ms = lv->finished_ms + tui_summary_ms();
	if (lv->hold_until_ms <= lv->finished_ms)
		tui_open_browser(t);
}

/* Whether a run, the summary hold or lazy work is pending. */
int tui_busy(struct tui *t)
{
	if (tui_running(t) || (tui_holding(t) && t->dialog == NULL))
		return 1;
	/* scripts read triage.json after a key: wait for the writer too */
	return tui_idle_pending || (t->saver != NULL && saver_busy(t->saver));
}

/* Joins a finished run and runs lazy work; may wait timeout_ms for the wake pipe. */
int tui_step(struct tui *t, int timeout_ms)
{
	struct view *v;
	int did = 0;

	if (t->live != NULL && !t->live->joined) {
		int ph = atomic_load(&t->live->prog->phase);

		if (ph == PHASE_DONE || ph == PHASE_CANCELLED || ph == PHASE_FAILED) {
			tui_live_finish(t);
			return 1;
		}
		if (timeout_ms > 0) {
			struct pollfd pf = { t->live->prog->wake_fd[0], POLLIN, 0 };
			char buf[64];

			if (pf.fd >= 0 && poll(&pf, 1, timeout_ms) > 0)
				while (read(pf.fd, buf, sizeof buf) > 0)
					;
			else if (pf.fd < 0)
				usleep((useconds_t)timeout_ms * 1000);
		}
		t->dirty = 1;
		did = 1;
	} else if (tui_holding(t) && t->dialog == NULL) {
		long long left = t->live->hold_until_ms - progress_now_ms();

		if (left <= 0) {
			tui_open_browser(t);
			return 1;
		}
		if (timeout_ms > 0)
			usleep((useconds_t)(left < timeout_ms ? left : timeout_ms) * 1000);
		did = 1;
	}
	if (tui_idle_pending) {
		tui_idle_pending = 0;
		v = view_top(t);
		if (v != NULL && v->ops->idle != NULL && v->ops->idle(v))
			t->dirty = 1;
		did = 1;
	}
	if (t->saver != NULL) {
		char err[512];

		if (timeout_ms > 0 && !did && saver_busy(t->saver)) {
			saver_wait(t->saver, timeout_ms);
			did = 1;
		}
		if (saver_poll(t->saver, err, sizeof err)) {
			tui_message(t, 1, "triage.json not saved: %s", err);
			t->dirty = 1;
			did = 1;
		}
	}
	return did;
}

/* Waits for a key from the terminal, or up to one tick (or a wake-up). */
static int tui_read_terminal(struct tui *t)
{
	struct pollfd pf[2];
	int n = 0, ch;

	ch = getch();
	if (ch != ERR)
		return ch;
	pf[n].fd = STDIN_FILENO;
	pf[n].events = POLLIN;
	n++;
	if (t->live != NULL && !t->live->joined && t->live->prog->wake_fd[0] >= 0) {
		pf[n].fd = t->live->prog->wake_fd[0];
		pf[n].events = POLLIN;
		n++;
	}
	if (poll(pf, (nfds_t)n, tui_busy(t) && tui_idle_pending ? 0 : TUI_TICK_MS) > 0 && n > 1 &&
	    (pf[1].revents & POLLIN)) {
		char buf[64];

		while (read(pf[1].fd, buf, sizeof buf) > 0)
			;
	}
	return getch();
}

/* Handles a mouse event: wheel scrolls, click selects, double click opens. */
static void tui_mouse(struct tui *t)
{
	MEVENT ev;
	struct view *v = view_top(t);

	if (getmouse(&ev) != OK || v == NULL || v->ops->mouse == NULL || t->dialog != NULL)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		v->ops->mouse(v, -1, 0);
	else if (ev.bstate & BUTTON5_PRESSED)
		v->ops->mouse(v, -2, 0);
	else if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
		v->ops->mouse(v, ev.y, 1);
	else if (ev.bstate & BUTTON1_CLICKED)
		v->ops->mouse(v, ev.y, 0);
	t->dirty = 1;
}

/* Asked before cancelling a run. */
static void tui_cancel_answer(struct tui *t, void *arg, int choice, const char *text)
{
	(void)arg;
	(void)text;
	if (choice == 1 && tui_running(t)) {
		atomic_store(&t->live->prog->cancel, 1);
		tui_message(t, 0, "Cancelling: waiting for the workers to stop...");
	}
}

/* q on the top view: quit, or ask while a run goes on. */
void tui_quit(struct tui *t)
{
	if (tui_running(t)) {
		dialog_confirm(t, "Cancel the running audit? Earlier reports stay intact.",
			       tui_cancel_answer, NULL);
		dialog_set_role(t->dialog, DLG_ROLE_QUIT);
		return;
	}
	t->quit = 1;
}

/* The answer to Ctrl-C over a decision being typed. */
static void tui_interrupt_answer(struct tui *t, void *arg, int choice, const char *text)
{
	(void)arg;
	(void)text;
	if (choice == 1) {
		t->quit = 1;
		return;
	}
	/* back to the decision, as it was typed */
	t->dialog = t->stashed;
	t->stashed = NULL;
	t->dirty = 1;
}

/* Ctrl-C: quit. During a run it asks like q; over a decision being
 * typed (reason, ADR) it asks first, and n goes back to the typing; on a
 * quit question it answers yes (a second Ctrl-C insists). */
static void tui_interrupt(struct tui *t)
{
	if (t->dialog != NULL && dialog_role(t->dialog) == DLG_ROLE_QUIT) {
		dialog_key(t, 'y');
		return;
	}
	if (tui_running(t)) {
		tui_quit(t);
		return;
	}
	if (t->dialog != NULL && dialog_role(t->dialog) == DLG_ROLE_DECISION && t->stashed == NULL) {
		t->stashed = t->dialog;
		t->dialog = NULL;
		dialog_confirm(t, "Quit ppaudit? The decision being typed is not recorded; "
			       "those made before are saved. (n: back to it)", tui_interrupt_answer, NULL);
		dialog_set_role(t->dialog, DLG_ROLE_QUIT);
		return;
	}
	t->quit = 1;
}

/* Ctrl-Z or SIGTSTP: gives the terminal back to the shell and stops;
 * after SIGCONT (fg) restores the screen and redraws it. */
static void tui_suspend(struct tui *t)
{
	struct sigaction sa, old;
	sigset_t un;

	tui_tstp = 0;
	t->suspends++;
	if (t->no_display) {
		/* scripted tests: there is no shell to return to */
		tui_message(t, 0, "Ctrl-Z: no terminal to suspend (scripted session)");
		return;
	}
	def_prog_mode();
	endwin();
	fflush(stdout);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, &old);
	sigemptyset(&un);
	sigaddset(&un, SIGTSTP);
	pthread_sigmask(SIG_UNBLOCK, &un, NULL);
	/* the whole process group, as the terminal's own Ctrl-Z would */
	kill(0, SIGTSTP);
	/* here again after SIGCONT */
	sigaction(SIGTSTP, &old, NULL);
	reset_prog_mode();
	tui_cont = 0;
	clearok(curscr, TRUE);
	t->dirty = 1;
	/* the size may have changed while stopped */
	tui_resize_to(t, LINES, COLS);
}

/* Dispatches one key to the dialog or the top view. */
static void tui_key(struct tui *t, int ch)
{
	struct view *v = view_top(t);
	enum ui_action act;

	if (ch == '\r')
		ch = '\n';
	t->dirty = 1;
	/* a resize keeps the message: it was not an answer to it */
	if (ch == KEY_RESIZE) {
		tui_resize_to(t, LINES, COLS);
		return;
	}
	t->message[0] = '\0';
	if (ch == KEY_MOUSE) {
		tui_mouse(t);
		return;
	}
	/* Ctrl-C and Ctrl-Z work everywhere, over dialogs too */
	if (ch == KEY_CTRL('c')) {
		tui_interrupt(t);
		return;
	}
	if (ch == KEY_CTRL('z')) {
		tui_suspend(t);
		return;
	}
	if (t->dialog != NULL) {
		dialog_key(t, ch);
		return;
	}
	if (t->too_small) {
		if (ch == 'q')
			tui_quit(t);
		return;
	}
	if (tui_holding(t)) {
		/* a key on the run summary opens the browser at once; Enter,
		 * Space and Esc only do that, any other key goes on to the
		 * browser (nothing typed at the end of a run is lost) */
		tui_open_browser(t);
		if (ch == '\n' || ch == ' ' || ch == 27)
			return;
		v = view_top(t);
	}
	if (v == NULL)
		return;
	act = keys_lookup(ch, v->ops->view_bit);
	if (v->ops->key(v, act, ch))
		return;
	switch (act) {
	case ACT_HELP:
		view_push(t, view_help_new(t, v));
		break;
	case ACT_REDRAW:
		t->redraws++;
		clearok(curscr, TRUE);
		break;
	case ACT_BACK:
		/* Esc backs out but never quits the top view */
		if (t->depth > 1)
			view_pop(t);
		else
			tui_message(t, 0, "%s", tui_running(t) ? "Esc never quits: q or Ctrl-C cancels the run"
				    : "Esc never quits: q or Ctrl-C quits");
		break;
	case ACT_QUIT:
		if (t->depth > 1)
			view_pop(t);
		else
			tui_quit(t);
		break;
	default:
		break;
	}
}

/* Monotonic clock in microseconds, for PPAUDIT_KEY_TIMES. */
static long long tui_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Logs how long key ch took from dispatch to a drawn screen, and to the end
 * of its lazy work and of the triage.json save it started. */
static void tui_time_key(struct tui *t, int ch, long long t0)
{
	long long t1, t2;

	tui_step(t, 0);
	tui_draw(t);
	t1 = tui_now_us();
	while (!t->quit && tui_idle_pending && tui_step(t, 0))
		tui_draw(t);
	if (t->saver != NULL)
		saver_wait(t->saver, -1);
	t2 = tui_now_us();
	fprintf(tui_key_times, "%s %.3f %.3f\n", ch == ' ' ? "SPACE" : keyname(ch) ? keyname(ch) : "?",
		(double)(t1 - t0) / 1000.0, (double)(t2 - t0) / 1000.0);
	fflush(tui_key_times);
}

/* The main loop: step, draw, then one key from the terminal or the script. */
void tui_loop(struct tui *t)
{
	const char *kt = getenv("PPAUDIT_KEY_TIMES");

	if (kt != NULL && kt[0] != '\0' && tui_key_times == NULL)
		tui_key_times = fopen(kt, "a");
	while (!t->quit) {
		int ch;
		long long t0;

		if (tui_signal != 0) {
			/* like q, without asking: a run is cancelled */
			if (tui_running(t))
				atomic_store(&t->live->prog->cancel, 1);
			break;
		}
		if (tui_tstp)
			tui_suspend(t);
		if (tui_cont) {
			/* continued after a stop we did not make (SIGSTOP) */
			tui_cont = 0;
			clearok(curscr, TRUE);
			t->dirty = 1;
		}
		tui_step(t, 0);
		tui_draw(t);
		if (t->script != NULL) {
			ch = script_next(t, t->script);
			if (ch == TUI_KEY_WAIT) {
				tui_step(t, TUI_TICK_MS);
				continue;
			}
			if (ch == TUI_KEY_END)
				break;
			if (ch == TUI_KEY_NONE)
				continue;
		} else {
			ch = tui_read_terminal(t);
			if (ch == ERR) {
				tui_step(t, 0);
				continue;
			}
		}
		t0 = tui_key_times != NULL ? tui_now_us() : 0;
		tui_key(t, ch);
		if (tui_key_times != NULL)
			tui_time_key(t, ch, t0);
	}
	if (tui_key_times != NULL) {
		fclose(tui_key_times);
		tui_key_times = NULL;
	}
}

/* Heap copy of the output root a run directory lives under:
 * <out>/docs/project/.audit/ln-650/<date> gives <out>. */
static char *tui_out_root_of(const char *run_dir, const char *root)
{
	static const char tail[] = "/docs/project/.audit/ln-650/";
	const char *p;

	if (run_dir != NULL && (p = strstr(run_dir, tail)) != NULL)
		return xstrndup(run_dir, (size_t)(p - run_dir));
	if (run_dir != NULL && strncmp(run_dir, tail + 1, sizeof tail - 2) == 0)
		return xstrdup(".");
	return xstrdup(root);
}

/* Builds the application around a session; loads triage.json. */
static struct tui *tui_new(struct session *s)
{
	struct tui *t = xcalloc(1, sizeof *t);
	char err[512];

	t->main = s;
	t->triage_path = fs_join(s->out_root, "docs/project/.audit/ln-650/triage.json");
	/* who decides, as the CLI names them: git's user.name <user.email>,
	 * else $USER; every history entry carries it */
	t->user = triage_actor(s->root);
	if (t->user == NULL)
		t->user = xstrdup("unknown");
	t->triage = triage_load(t->triage_path, err, sizeof err);
	if (t->triage == NULL)
		tui_message(t, 1, "%s (triage disabled; the file is left untouched)", err);
	else
		triage_set_actor(t->triage, t->user);
	return t;
}

/* Waits for the triage.json writer and stops it; -1 (reported on stderr,
 * the screen is gone by then) when the last save failed. */
static int tui_flush_triage(struct tui *t)
{
	char err[512];
	int rc = saver_stop(t->saver, err, sizeof err);

	t->saver = NULL;
	if (rc != 0)
		term_printf(stderr, "ppaudit: triage.json not saved: %s\n", err);
	return rc;
}

/* Saves what needs saving and frees the application. */
static void tui_free(struct tui *t)
{
	while (t->depth > 0)
		view_pop(t);
	if (t->dialog != NULL)
		dialog_free(t->dialog);
	dialog_free(t->stashed);
	tui_flush_triage(t);
	if (t->triage != NULL)
		triage_free(t->triage);
	free(t->triage_path);
	free(t->user);
	if (t->script != NULL)
		script_free(t->script);
	free(t);
}

/* Writes the main session's reports if triage changed them; reports the
 * error on stderr (the screen is gone by then). */
static void tui_final_save(struct tui *t)
{
	if (t->main->run != NULL && t->main->dirty && tui_session_save(t, t->main) != 0)
		term_printf(stderr, "ppaudit: %s\n", t->message);
}

/* Browser on an existing run (ppaudit review). */
int tui_review(struct run *r, const char *root, const char *run_dir)
{
	char *out_root = tui_out_root_of(run_dir, root);
	struct session *s = session_new(r, 0, root, out_root, run_dir);
	struct tui *t = tui_new(s);
	char err[512];
	int rc = 0;

	free(out_root);
	/* decisions taken since the run was written apply to it too */
	if (t->triage != NULL && triage_apply(t->triage, r->findings, r->n_findings) > 0)
		scores_compute(r->findings, r->n_findings, &r->scores);
	if (tui_setup(t, err, sizeof err) != 0) {
		tui_teardown();
		term_printf(stderr, "ppaudit: %s\n", err);
		tui_free(t);
		session_free(s);
		tui_signals_done();
		return 3;
	}
	view_push(t, view_findings_new(t, s));
	tui_loop(t);
	while (t->depth > 0)
		view_pop(t);
	tui_teardown();
	/* the reports first: they wait for the writer and read its result */
	tui_final_save(t);
	if (tui_flush_triage(t) != 0)
		rc = 3;
	tui_free(t);
	session_free(s);
	tui_signals_done();
	return rc;
}

/* Live run screen, then the browser (ppaudit run on a terminal). */
int tui_live_run(const struct pipeline_opts *opts, struct run **out_run)
{
	const char *out = opts->output_dir != NULL ? opts->output_dir : opts->root;
	struct session *s = session_new(NULL, 0, opts->root, out, NULL);
	struct tui_live lv;
	struct tui *t = tui_new(s);
	char err[512];
	int rc;

	*out_run = NULL;
	memset(&lv, 0, sizeof lv);
	if (tui_setup(t, err, sizeof err) != 0) {
		tui_teardown();
		term_printf(stderr, "ppaudit: %s\n", err);
		tui_free(t);
		session_free(s);
		tui_signals_done();
		return 3;
	}
	git_head_info(opts->root, &lv.git);
	{
		/* the same date the pipeline will use (opts, $PPAUDIT_DATE, today) */
		char derr[128];

		if (opts->date != NULL && history_is_date(opts->date))
			memcpy(lv.date, opts->date, 11);
		else if (history_today(lv.date, derr, sizeof derr) != 0)
			snprintf(lv.date, sizeof lv.date, "%s", "1970-01-01");
	}
	lv.started_ms = progress_now_ms();
	t->live = &lv;
	lv.pl = pipeline_start(opts);
	lv.prog = pipeline_progress(lv.pl);
	view_push(t, view_progress_new(t));
	tui_loop(t);
	if (!lv.joined) {
		/* the script ended or the loop stopped mid-run: cancel and wait */
		atomic_store(&lv.prog->cancel, 1);
		tui_live_finish(t);
	}
	while (t->depth > 0)
		view_pop(t);
	tui_teardown();
	if (lv.status == PIPELINE_OK) {
		int tri_rc;

		tui_final_save(t);
		tri_rc = tui_flush_triage(t);
		*out_run = s->run;
		rc = tri_rc != 0 ? 3 : 0;
	} else {
		term_printf(stderr, "ppaudit: %s\n", lv.err);
		rc = lv.status == PIPELINE_CANCELLED ? 130 : 3;
	}
	{
		size_t i, nw = 0;
		char *const *w = pipeline_warnings(lv.pl, &nw);

		for (i = 0; i < nw; i++)
			term_printf(stderr, "ppaudit: warning: %s\n", w[i]);
	}
	pipeline_free(lv.pl);
	free(lv.git.head);
	free(lv.git.branch);
	t->live = NULL;
	tui_free(t);
	session_free(s);
	tui_signals_done();
	return rc;
}
