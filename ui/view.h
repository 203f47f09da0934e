/* Shared machinery of the views: the application state, the view stack,
 * sessions (a run being browsed), text drawing through the sanitizer,
 * and the small list helpers every list view uses.
 *
 * DESIGN
 * Everything here runs on the main thread, the only thread that touches
 * curses. A view is an instance (state + ops table, tig style); views are
 * stacked: Esc/q pops. Drawing goes to stdscr only: each loop the top view
 * draws into it when something is dirty, then one wnoutrefresh + doupdate,
 * so ncurses sends only the changed cells (no flicker). A dialog, when
 * open, is drawn over the top view and receives the keys.
 *
 * Ownership: struct tui owns the view stack, the dialog, the triage state
 * and the main session. A session owns its run when owns_run is set (runs
 * opened from history, comparisons); the live/reviewed run belongs to the
 * caller of tui_live_run/tui_review. */
#ifndef PPAUDIT_UI_VIEW_H
#define PPAUDIT_UI_VIEW_H

#include <curses.h>
#include <stddef.h>

#include "finding.h"
#include "run.h"
#include "progress.h"
#include "util/strbuf.h"
#include "keys.h"
#include "theme.h"

struct tui;
struct view;
struct dialog;
struct pipeline;
struct triage;

/* One triage change, for undo/redo: the finding's status before and after. */
struct triage_state {
	enum finding_status status;
	enum severity severity;      /* a reopen undoes what the execution context lowered */
	enum advisory_rule rule;
	char *reason, *adr, *author, *time;
};

struct undo_entry {
	size_t finding;              /* index into the session's run */
	struct triage_state before, after;
	unsigned group;              /* 0, or the bulk action it belongs to:
	                                adjacent entries of a group are undone
	                                and redone together */
	long step;                   /* triage.json's step that recorded after
	                                (our numbering; the saver maps it) */
};

/* A run being browsed, with its paths and its undo history. */
struct session {
	struct run *run;
	int owns_run;
	char *root;                  /* audited tree: source lines, blame */
	char *out_root;              /* where docs/project/ lives */
	char *run_dir;               /* dated folder of this run, or NULL */
	int read_only;               /* comparisons: no triage */
	int dirty;                   /* statuses changed since the reports were written */
	struct undo_entry *undo;     /* undo[0..n_undo) done, [n_undo..n_redo) redoable */
	size_t n_undo, n_redo, cap_undo;
	/* comparisons: per finding 0 unchanged, 1 new, 2 fixed; NULL otherwise */
	unsigned char *diff;
	size_t n_new, n_fixed, n_same;
	char *title;                 /* shown in the top bar ("2026-11-20 vs 2026-11-27") */
};

struct view_ops {
	const char *name;            /* "findings", "detail", ... (:save-state) */
	unsigned view_bit;           /* VK_* bit for key lookup and help */
	/* Draws into stdscr rows [top, top+height). */
	void (*draw)(struct view *v, int top, int height);
	/* Handles an action (or the raw key when act is ACT_NONE); returns 1 when used. */
	int (*key)(struct view *v, enum ui_action act, int ch);
	/* Appends key=value lines describing the view (for tests). */
	void (*state)(struct view *v, struct strbuf *out);
	/* Lazy work (blame); returns 1 when it did something. May be NULL. */
	int (*idle)(struct view *v);
	/* Mouse: row relative to the view's top, or -1 wheel up / -2 wheel down;
	 * dbl is set for a double click. May be NULL. */
	void (*mouse)(struct view *v, int row, int dbl);
	void (*free)(struct view *v);
	/* The session changed (triage, undo): rebuild cached rows. May be NULL. */
	void (*rebuild)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	struct tui *app;
	struct session *session;     /* the run this view shows, or NULL */
	void *priv;
	int height;                  /* rows available at the last draw */
};

/* The live-run part of the application. */
struct tui_live {
	struct pipeline *pl;
	struct progress *prog;
	int joined;
	int status;                  /* enum pipeline_status once joined */
	char err[512];
	long long started_ms;
	long long finished_ms;       /* when the run thread was joined */
	struct run_git git;          /* read on the main thread before the run */
	char date[11];
	/* After a complete run the live screen stays up as the run summary
	 * until hold_until_ms (or a key, or the answer to an open dialog),
	 * then the browser opens: browsing is set from then on. */
	long long hold_until_ms;
	int browsing;
};

struct script;

struct tui {
	int rows, cols;
	int too_small;
	int dirty;                   /* redraw everything at the next loop */
	int quit;
	int exit_code;
	struct view *stack[16];
	int depth;
	struct dialog *dialog;
	struct dialog *stashed;      /* a decision dialog set aside by Ctrl-C's "Quit?" */
	char message[256];           /* one-shot message on the status line */
	int message_error;
	struct session *main;        /* the run opened first */
	struct triage *triage;       /* shared by all runs of this project */
	char *triage_path;
	struct saver *saver;         /* writes triage.json off the key path; NULL until used */
	char *user;                  /* who decides: triage_actor() ("name <email>") */
	struct tui_live *live;       /* NULL when reviewing */
	struct script *script;       /* PPAUDIT_SCRIPT, or NULL */
	int no_display;
	/* last search, shared by lists and pagers */
	char search[128];
	unsigned suspends, redraws;  /* Ctrl-Z and Ctrl-L taken (for :save-state) */
};

/* ---- view stack (view.c) ------------------------------------------- */
struct view *view_new(struct tui *t, const struct view_ops *ops, struct session *s, void *priv);
void view_push(struct tui *t, struct view *v);
void view_pop(struct tui *t);
struct view *view_top(struct tui *t);
/* Frees a session and, when it owns it, its run. */
void session_free(struct session *s);
struct session *session_new(struct run *r, int owns_run, const char *root,
			    const char *out_root, const char *run_dir);
/* Tells every view showing session s to rebuild (after triage). */
void tui_session_changed(struct tui *t, struct session *s);

/* ---- drawing helpers (view.c) -------------------------------------- */
/* Draws text (any bytes: sanitized here) at row y, col x, in at most width
 * columns, padding with spaces when pad is set; returns columns used.
 * When the text is longer, it ends with an ellipsis. */
int ui_put(int y, int x, int width, const char *text, attr_t attr, int pad);
/* Same, keeping the end of the text (paths): "~/routes/jobs.py:42". */
int ui_put_tail(int y, int x, int width, const char *text, attr_t attr, int pad);
/* ui_put (tail 0) or ui_put_tail (tail 1), every case-insensitive
 * occurrence of needle (NULL or "": none) drawn in hl: search matches. */
int ui_put_hl(int y, int x, int width, const char *text, attr_t attr, int pad, int tail,
	      const char *needle, attr_t hl);
/* Display width of sanitized UTF-8 text. */
int ui_width(const char *text);
/* Formats and draws. */
int ui_putf(int y, int x, int width, attr_t attr, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void ui_fill(int y, int x, int width, attr_t attr);
/* A box (ACS or ASCII lines) with an optional title in its top border. */
void ui_box(int y, int x, int h, int w, attr_t attr, const char *title, attr_t title_attr);
/* The top bar: title on the left, right text on the right. */
void ui_title_bar(struct tui *t, const char *left, const char *right);
/* The bottom bar: message when there is one, else the key hints. */
void ui_status_bar(struct tui *t, const char *hints);
/* Scores line: overall and the four categories plus open/advisory counts. */
void ui_scores_line(struct tui *t, int y, const struct scores *sc);
/* Sets the one-shot message. */
void tui_message(struct tui *t, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Word-wraps text into width columns, appending lines to a vector. */
void ui_wrap(const char *text, int width, char ***lines, size_t *n, size_t *cap);

/* ---- list cursor helper ---------------------------------------------- */
struct list_pos {
	size_t cursor, top, n;
};
/* Applies a movement action; returns 1 when the action was a movement. */
int list_move(struct list_pos *p, enum ui_action act, int page);
/* Keeps the cursor visible in a page of `page` rows. */
void list_scroll(struct list_pos *p, int page);

/* A page of text lines, each with a colour role (pagers, detail). */
struct text_page {
	char **lines;
	unsigned char *roles;        /* enum theme_role per line */
	size_t n, cap;
	size_t top;                  /* first line shown */
	size_t match;                /* last search match line + 1, 0 none */
	const char *needle;          /* drawn highlighted while match is set */
};
void page_add(struct text_page *p, enum theme_role role, const char *text);
void page_addf(struct text_page *p, enum theme_role role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Adds text word-wrapped to width, each line prefixed by indent spaces. */
void page_add_wrapped(struct text_page *p, enum theme_role role, const char *text, int width, int indent);
void page_free(struct text_page *p);
void page_draw(struct text_page *p, int y, int height, int width);
/* Scroll / search keys; returns 1 when used. */
int page_key(struct tui *t, struct text_page *p, enum ui_action act, int height);

/* Case-insensitive substring test. */
int ui_contains(const char *hay, const char *needle);

/* ---- the views --------------------------------------------------------- */
extern const struct view_ops view_progress_ops;
extern const struct view_ops view_findings_ops;
extern const struct view_ops view_detail_ops;
extern const struct view_ops view_runs_ops;
extern const struct view_ops view_pager_ops;

struct view *view_progress_new(struct tui *t);
struct view *view_findings_new(struct tui *t, struct session *s);
struct view *view_detail_new(struct tui *t, struct session *s, size_t finding);
struct view *view_runs_new(struct tui *t, struct session *current);
/* The comparison of session current's run with the run before it in the
 * history, or NULL with a message shown (no earlier run). */
struct view *view_compare_previous(struct tui *t, struct session *current);
/* A scrollable text page; lines are taken over (freed with the view). */
struct view *view_pager_new(struct tui *t, const char *title, char **lines, size_t n);
/* The help page for view v, generated from the key table. */
struct view *view_help_new(struct tui *t, const struct view *v);
/* The check's documentation page (embedded docs), or NULL with a message. */
struct view *view_doc_new(struct tui *t, const char *check_id);
/* The finding index under a findings view's cursor, or (size_t)-1. */
size_t view_findings_current(struct view *v);
/* Moves a detail view to the next/previous finding of the list below it. */
size_t view_findings_step(struct view *v, size_t from, int dir);

/* ---- triage (view-findings.c) -------------------------------------- */
/* Changes finding fi of session s: records in triage.json, updates the
 * run, scores, undo history. reason/adr may be NULL. Returns 0 or -1 with
 * a message shown. */
int tui_triage_set(struct tui *t, struct session *s, size_t fi, enum finding_status st,
		   const char *reason, const char *adr);
int tui_triage_undo(struct tui *t, struct session *s, int redo);
/* Rewrites run.json and the reports of session s. */
int tui_session_save(struct tui *t, struct session *s);
/* Starts the triage dialogs for an action (a, A, f, o, u, ^R) on finding fi. */
int tui_triage_action(struct tui *t, struct session *s, size_t fi, enum ui_action act);
/* Bulk marking (M): asks how to mark findings rows[0..n) of session s
 * (the list as filtered, described by what), with one reason, confirms
 * the count, then records them through triage_record_many as one step,
 * which one `u` undoes. */
void tui_triage_bulk(struct tui *t, struct session *s, const size_t *rows, size_t n,
		     const char *what);

/* ---- background triage.json writer (saver.c) -------------------------- */
struct saver;
/* Never NULL; without a thread, saver_request saves on the spot. tri
 * stays the caller's (read only while no saver_quiesce hold is on);
 * saver_stop flushes and frees the saver. */
struct saver *saver_start(const struct triage *tri, const char *path, const char *out_root);
void saver_request(struct saver *s);
void saver_quiesce(struct saver *s);
int saver_busy(struct saver *s);
/* 1 when idle and every decision of this session is in triage.json. */
int saver_synced(struct saver *s);
int saver_wait(struct saver *s, int timeout_ms);
int saver_poll(struct saver *s, char *err, size_t errlen);
int saver_stop(struct saver *s, char *err, size_t errlen);

/* ---- dialogs (dialog.c) ------------------------------------------------ */
/* Called with the text typed (or NULL when cancelled). */
typedef void (*dialog_text_cb)(struct tui *t, void *arg, const char *text);
/* Called with the chosen item index, or -1 when cancelled. */
typedef void (*dialog_choice_cb)(struct tui *t, void *arg, int choice, const char *text);
/* Checks an answer (a prompt's text with choice 0; a choice, or -1 and a
 * typed text) before the dialog closes: 0 accepts it; -1 refuses it with
 * a message for the user in msg, shown in the dialog, which stays open
 * with the text typed. */
typedef int (*dialog_check_cb)(struct tui *t, void *arg, int choice, const char *text,
			       char *msg, size_t msglen);

void dialog_prompt(struct tui *t, const char *title, const char *label, const char *initial,
		   dialog_text_cb cb, void *arg);
/* A list of choices; when allow_text is set the user may type a value
 * instead (ADR id), passed as text with choice -1. Items are copied. */
void dialog_choose(struct tui *t, const char *title, const char *const *items, size_t n,
		   int allow_text, dialog_choice_cb cb, void *arg);
/* Yes/no question; cb gets choice 1 for yes, 0 for no. */
void dialog_confirm(struct tui *t, const char *question, dialog_choice_cb cb, void *arg);
/* What an open dialog is for: Ctrl-C quits at once over an ordinary
 * dialog, asks first over a decision being typed, and answers yes to a
 * quit question. */
enum dialog_role { DLG_ROLE_NONE, DLG_ROLE_DECISION, DLG_ROLE_QUIT };
void dialog_set_role(struct dialog *d, enum dialog_role role);
/* Makes the open dialog check its answer (see dialog_check_cb). */
void dialog_set_check(struct dialog *d, dialog_check_cb check);
enum dialog_role dialog_role(const struct dialog *d);
/* The filter editor of a findings view (fields edited in place). */
struct findings_filter;
void dialog_filter(struct tui *t, struct view *v, struct findings_filter *flt,
		   const struct run *r);
/* Draws the open dialog over the screen. */
void dialog_draw(struct tui *t);
/* Gives a key to the open dialog. */
void dialog_key(struct tui *t, int ch);
void dialog_free(struct dialog *d);
/* Appends the dialog's state for :save-state. */
void dialog_state(struct dialog *d, struct strbuf *out);
/* The export dialog for session s. */
void dialog_export(struct tui *t, struct session *s);

/* Filter of a findings list; category/severity/status: -1 any. */
struct findings_filter {
	int category;
	int severity;
	int status;
	const char *check;           /* static check id, or NULL */
	char path[128];              /* substring, "" any */
	int diff;                    /* comparisons: -1 any, 0 unchanged, 1 new, 2 fixed */
};

/* ---- tui.c ------------------------------------------------------------- */
/* Runs the main loop until quit. */
void tui_loop(struct tui *t);
/* Keeps at most one pending lazy job flag; the loop runs idle work when set. */
void tui_request_idle(struct tui *t);
/* The exit of the top view: q on the top quits (asks while running). */
void tui_quit(struct tui *t);
/* Whether the live run is still going (not joined yet). */
int tui_running(const struct tui *t);
/* Whether the live screen is the run summary held after a complete run. */
int tui_holding(const struct tui *t);

/* ---- script.c (PPAUDIT_SCRIPT / PPAUDIT_NO_DISPLAY) --------------------- */
struct script *script_open(const char *path, char *err, size_t errlen);
void script_free(struct script *s);
/* Next key from the script; TUI_KEY_NONE after running a command,
 * TUI_KEY_WAIT when the next line must wait (run or lazy work pending,
 * see :wait-idle / :wait-run / :nowait), TUI_KEY_END when it is over. */
int script_next(struct tui *t, struct script *s);
/* Writes the screen as text (one line per row, trailing spaces cut). */
int tui_save_display(struct tui *t, const char *path);
int tui_save_state(struct tui *t, const char *path);
/* Applies a size (no-display mode). */
void tui_resize_to(struct tui *t, int rows, int cols);
/* Redraws now (script commands need the latest screen). */
void tui_draw(struct tui *t);
/* Whether lazy work or a run is still pending (scripts wait for idle). */
int tui_busy(struct tui *t);
/* Runs pending work once (join, lazy jobs); returns 1 if something happened. */
int tui_step(struct tui *t, int timeout_ms);

enum { TUI_KEY_NONE = -2, TUI_KEY_END = -3, TUI_KEY_WAIT = -4 };

/* Minimum terminal size; below it a clear message. Views collapse their
 * headers below TUI_ROOMY_ROWS (htop, tig). */
enum { TUI_MIN_COLS = 60, TUI_MIN_ROWS = 12, TUI_ROOMY_ROWS = 16 };

#endif
