/* Triage from the UI (advisory, ADR link, false positive, reopen,
 * undo/redo), saving a session's reports, and the export dialog.
 *
 * Every decision is written to triage.json at once (merged onto the file
 * under the history lock, on the writer thread of saver.c so that a large
 * file never delays the screen) and applied to the run in memory; the
 * scores are recomputed on the spot. run.json and the reports of the run
 * are rewritten on `w`, on export and when the browser closes, since
 * writing them costs more than a keypress should; that too happens under
 * the lock, after taking in the decisions others saved meanwhile, and all
 * files or none are replaced. */
#include "view.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history.h"
#include "report/export.h"
#include "report/report.h"
#include "triage.h"
#include "util/fileset.h"
#include "util/fsutil.h"
#include "util/lock.h"
#include "util/xalloc.h"

/* Current UTC time, ISO-8601. */
static void actions_now(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;
	const char *fixed = getenv("PPAUDIT_TIME");

	/* tests pin the clock so that triage.json and reports are comparable */
	if (fixed != NULL && fixed[0] != '\0') {
		snprintf(buf, size, "%s", fixed);
		return;
	}
	gmtime_r(&now, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* NULL-safe strdup. */
static char *actions_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Copies a finding's triage fields. */
static void actions_capture(const struct finding *f, struct triage_state *st)
{
	st->status = f->status;
	st->rule = f->adv.rule;
	st->reason = actions_dup(f->adv.reason);
	st->adr = actions_dup(f->adv.adr);
	st->author = actions_dup(f->adv.author);
	st->time = actions_dup(f->adv.time);
}

/* Sets a finding's triage fields from st. */
static void actions_restore(struct finding *f, const struct triage_state *st)
{
	free(f->adv.reason);
	free(f->adv.adr);
	free(f->adv.author);
	free(f->adv.time);
	f->status = st->status;
	f->adv.rule = st->rule;
	f->adv.reason = actions_dup(st->reason);
	f->adv.adr = actions_dup(st->adr);
	f->adv.author = actions_dup(st->author);
	f->adv.time = actions_dup(st->time);
	if (st->rule != ADV_EXECUTION_CONTEXT)
		f->adv.points = 0;
}

/* Frees a saved triage state and zeroes it. */
static void actions_release(struct triage_state *st)
{
	free(st->reason);
	free(st->adr);
	free(st->author);
	free(st->time);
	memset(st, 0, sizeof *st);
}

/* Records st for f in triage.json and saves it; -1 with a message. */
static int actions_persist(struct tui *t, const struct finding *f, const struct triage_state *st)
{
	enum finding_status rec = st->status;
	int rc;

	if (t->triage == NULL) {
		tui_message(t, 1, "Triage is disabled: triage.json could not be read");
		return -1;
	}
	/* decisions that were not manual (execution context, an ADR the
	 * validator matched) are recomputed by every run: only remove ours */
	if (st->rule != ADV_MANUAL && st->rule != ADV_ADR)
		rec = ST_OPEN;
	if (st->rule == ADV_ADR && st->author == NULL)
		rec = ST_OPEN;
	if (t->saver == NULL)
		t->saver = saver_start(t->triage, t->triage_path, t->main->out_root);
	/* the writer thread must not read the state while it changes; it
	 * merges the new decision onto triage.json right after (saver.c) */
	saver_quiesce(t->saver);
	rc = triage_record(t->triage, f, rec, st->reason, st->adr, st->author, st->time);
	saver_request(t->saver);
	if (rc != 0) {
		tui_message(t, 1, "cannot record the decision for %s", f->id);
		return -1;
	}
	/* a failed save is shown by the main loop (saver_poll) and retried
	 * with the next one: the decision stays recorded */
	return 0;
}

/* After a change: scores, dirty flag, views. */
static void actions_changed(struct tui *t, struct session *s, double before)
{
	struct run *r = s->run;

	scores_compute(r->findings, r->n_findings, &r->scores);
	s->dirty = 1;
	tui_session_changed(t, s);
	(void)before;
}

/* Applies one triage decision: triage.json first, then the run, scores and undo history. */
int tui_triage_set(struct tui *t, struct session *s, size_t fi, enum finding_status st,
		   const char *reason, const char *adr)
{
	struct finding *f;
	struct undo_entry *u;
	struct triage_state after;
	char now[32];
	double before;
	size_t i;

	if (s->read_only) {
		tui_message(t, 1, "A comparison is read-only: open the run from history to triage it");
		return -1;
	}
	if (fi >= s->run->n_findings)
		return -1;
	f = &s->run->findings[fi];
	before = s->run->scores.overall;
	actions_now(now, sizeof now);
	memset(&after, 0, sizeof after);
	after.status = st;
	if (st != ST_OPEN) {
		after.rule = st == ST_ADR_OVERRIDE ? ADV_ADR : ADV_MANUAL;
		after.reason = actions_dup(reason);
		after.adr = actions_dup(adr);
		after.author = actions_dup(t->user);
		after.time = xstrdup(now);
	}
	if (actions_persist(t, f, &after) != 0) {
		actions_release(&after);
		return -1;
	}
	/* drop the redo tail, then push */
	for (i = s->n_undo; i < s->n_redo; i++) {
		actions_release(&s->undo[i].before);
		actions_release(&s->undo[i].after);
	}
	s->n_redo = s->n_undo;
	XGROW(s->undo, s->cap_undo, s->n_undo + 1);
	u = &s->undo[s->n_undo++];
	s->n_redo = s->n_undo;
	u->finding = fi;
	actions_capture(f, &u->before);
	u->after = after;
	actions_restore(f, &after);
	actions_changed(t, s, before);
	tui_message(t, 0, "%s %s%s%s  Overall %.1f -> %.1f", f->id,
		    st == ST_OPEN ? "reopened" : st == ST_ADVISORY ? "marked advisory"
		    : st == ST_ADR_OVERRIDE ? "linked to " : "marked false positive",
		    st == ST_ADR_OVERRIDE && adr ? adr : "", "", before, s->run->scores.overall);
	return 0;
}

/* Steps back (or forward) one decision, in triage.json and in the run. */
int tui_triage_undo(struct tui *t, struct session *s, int redo)
{
	struct undo_entry *u;
	struct finding *f;
	double before = s->run->scores.overall;

	if (s->read_only)
		return -1;
	if (!redo && s->n_undo == 0) {
		tui_message(t, 0, "Nothing to undo");
		return -1;
	}
	if (redo && s->n_undo == s->n_redo) {
		tui_message(t, 0, "Nothing to redo");
		return -1;
	}
	u = &s->undo[redo ? s->n_undo : s->n_undo - 1];
	f = &s->run->findings[u->finding];
	if (actions_persist(t, f, redo ? &u->after : &u->before) != 0)
		return -1;
	actions_restore(f, redo ? &u->after : &u->before);
	if (redo)
		s->n_undo++;
	else
		s->n_undo--;
	actions_changed(t, s, before);
	tui_message(t, 0, "%s: %s is %s  Overall %.1f -> %.1f", redo ? "Redone" : "Undone",
		    f->id, status_name(f->status), before, s->run->scores.overall);
	return 0;
}

/* Whether s's run is the newest full run of its history folder: only
 * that one owns the consolidated report. */
static int actions_is_latest(const struct session *s)
{
	char *latest;
	int is;

	if (s->run->partial)
		return 0;
	latest = history_latest(s->out_root);
	is = latest == NULL || history_name_cmp(s->run->name, latest) >= 0;
	free(latest);
	return is;
}

/* Stages one file (taking data); -1 with the message in err. */
static int actions_stage(struct fileset *fs, const char *dir, const char *name, char *data,
			 char *err, size_t errlen)
{
	char *path = fs_join(dir, name);
	int rc = fileset_add(fs, path, data, strlen(data), err, errlen);

	free(data);
	free(path);
	return rc;
}

/* Under the lock: takes the decisions others saved since the session
 * loaded (a `ppaudit triage` meanwhile) into its run, so that the
 * reports written next do not undo them. Only when this session's own
 * decisions are all on disk: else the file lacks them and is not the
 * truth yet. */
static void actions_sync(struct tui *t, struct session *s)
{
	struct triage *disk;
	char err[512];

	if (t->triage == NULL || (t->saver != NULL && !saver_synced(t->saver)))
		return;
	disk = triage_load(t->triage_path, err, sizeof err);
	if (disk == NULL)
		return;
	if (triage_sync(disk, s->run->findings, s->run->n_findings) > 0)
		tui_session_changed(t, s);
	triage_free(disk);
}

/* Writes the reports of s, all or nothing; -1 with the message shown. */
static int actions_write_reports(struct tui *t, struct session *s)
{
	struct fileset fs = FILESET_INIT;
	char err[512];
	int c, rc = 0;

	if (actions_is_latest(s)) {
		/* the newest run owns the consolidated report too */
		rc = report_write_all(s->run, s->out_root, s->run_dir, 0, err, sizeof err);
	} else if (fs_mkdir_p(s->run_dir, 0755) != 0) {
		snprintf(err, sizeof err, "%s: cannot create", s->run_dir);
		rc = -1;
	} else {
		/* an older run: its dated folder only, never the current report */
		for (c = 0; c < CAT_COUNT && rc == 0; c++)
			rc = actions_stage(&fs, s->run_dir, report_worker_file((enum category)c),
					   report_worker_markdown(s->run, (enum category)c), err, sizeof err);
		if (rc == 0)
			rc = actions_stage(&fs, s->run_dir, "run.json", report_json(s->run), err, sizeof err);
		if (rc == 0)
			rc = actions_stage(&fs, s->run_dir, "context.json", report_context_json(s->run),
					   err, sizeof err);
		if (rc == 0)
			rc = fileset_commit(&fs, err, sizeof err);
		else
			fileset_abort(&fs);
	}
	if (rc != 0)
		tui_message(t, 1, "%s (reports left as they were)", err);
	return rc;
}

/* Rewrites run.json and the reports of a session from its current
 * statuses, under the history lock. */
int tui_session_save(struct tui *t, struct session *s)
{
	char err[512];
	int fd, rc;

	if (s->read_only || s->run == NULL)
		return 0;
	if (s->run_dir == NULL) {
		tui_message(t, 1, "This run has no dated folder to save into");
		return -1;
	}
	/* our decisions reach triage.json before the reports are written */
	if (t->saver != NULL)
		saver_wait(t->saver, -1);
	fd = history_lock(s->out_root, NULL, NULL, err, sizeof err);
	if (fd < 0) {
		tui_message(t, 1, "%s", err);
		return -1;
	}
	actions_sync(t, s);
	scores_compute(s->run->findings, s->run->n_findings, &s->run->scores);
	rc = actions_write_reports(t, s);
	lock_release(fd);
	if (rc == 0)
		s->dirty = 0;
	return rc;
}

/* ---- triage dialogs ----------------------------------------------------- */

struct triage_arg {
	struct session *s;
	size_t finding;
	enum finding_status status;
};

/* Callback argument of the triage dialogs (freed by the dialog). */
static struct triage_arg *triage_arg_new(struct session *s, size_t fi, enum finding_status st)
{
	struct triage_arg *a = xcalloc(1, sizeof *a);

	a->s = s;
	a->finding = fi;
	a->status = st;
	return a;
}

/* The reason prompt's answer (advisory, false positive). */
static void triage_reason_done(struct tui *t, void *arg, const char *text)
{
	struct triage_arg *a = arg;

	if (text == NULL)
		return;
	if (text[0] == '\0') {
		tui_message(t, 1, "A reason is required; nothing changed");
		return;
	}
	tui_triage_set(t, a->s, a->finding, a->status, text, NULL);
}

/* The ADR picker's answer: a discovered ADR or a typed id. */
static void triage_adr_done(struct tui *t, void *arg, int choice, const char *text)
{
	struct triage_arg *a = arg;
	const struct context *ctx = a->s->run->ctx;
	char reason[300];
	const char *id;

	if (choice >= 0 && ctx != NULL && (size_t)choice < ctx->n_adrs) {
		id = ctx->adrs[choice].id;
		snprintf(reason, sizeof reason, "[Planned: %s] %s", id,
			 ctx->adrs[choice].title ? ctx->adrs[choice].title : "linked by hand");
	} else if (text != NULL && text[0] != '\0') {
		id = text;
		snprintf(reason, sizeof reason, "[Planned: %s] linked by hand", id);
	} else {
		return;
	}
	tui_triage_set(t, a->s, a->finding, ST_ADR_OVERRIDE, reason, id);
}

/* Starts the dialog of a triage key, or applies reopen/undo/redo directly. */
int tui_triage_action(struct tui *t, struct session *s, size_t fi, enum ui_action act)
{
	const struct context *ctx = s->run->ctx;
	struct finding *f = fi < s->run->n_findings ? &s->run->findings[fi] : NULL;
	char title[96];

	if (s->read_only) {
		tui_message(t, 1, "A comparison is read-only: open the run from history to triage it");
		return -1;
	}
	if (act == ACT_UNDO || act == ACT_REDO)
		return tui_triage_undo(t, s, act == ACT_REDO);
	if (f == NULL)
		return -1;
	if (t->triage == NULL) {
		tui_message(t, 1, "Triage is disabled: triage.json could not be read");
		return -1;
	}
	switch (act) {
	case ACT_ADVISORY:
		snprintf(title, sizeof title, "Mark %s advisory", f->id);
		dialog_prompt(t, title, "Reason (why this is acceptable here):", "",
			      triage_reason_done, triage_arg_new(s, fi, ST_ADVISORY));
		dialog_set_role(t->dialog, DLG_ROLE_DECISION);
		break;
	case ACT_FALSE_POS:
		snprintf(title, sizeof title, "Mark %s false positive", f->id);
		dialog_prompt(t, title, "Reason (what the analyzer got wrong):", "",
			      triage_reason_done, triage_arg_new(s, fi, ST_FALSE_POSITIVE));
		dialog_set_role(t->dialog, DLG_ROLE_DECISION);
		break;
	case ACT_ADR: {
		size_t n = ctx != NULL ? ctx->n_adrs : 0, i;
		char **items = xcalloc(n ? n : 1, sizeof *items);

		for (i = 0; i < n; i++)
			items[i] = xasprintf("%s  %s%s%s%s", ctx->adrs[i].id,
					     ctx->adrs[i].title ? ctx->adrs[i].title : "",
					     ctx->adrs[i].status ? " (" : "",
					     ctx->adrs[i].status ? ctx->adrs[i].status : "",
					     ctx->adrs[i].status ? ")" : "");
		snprintf(title, sizeof title, "Link %s to an ADR", f->id);
		dialog_choose(t, title, (const char *const *)items, n, 1, triage_adr_done,
			      triage_arg_new(s, fi, ST_ADR_OVERRIDE));
		dialog_set_role(t->dialog, DLG_ROLE_DECISION);
		for (i = 0; i < n; i++)
			free(items[i]);
		free(items);
		break;
	}
	case ACT_REOPEN:
		if (f->status == ST_OPEN) {
			tui_message(t, 0, "%s is already open", f->id);
			return 0;
		}
		return tui_triage_set(t, s, fi, ST_OPEN, NULL, NULL);
	default:
		return -1;
	}
	return 0;
}

/* ---- export -------------------------------------------------------------- */

/* The formats of the export dialog, in its order: what `ppaudit export`
 * writes, with the same default places. */
enum { EXPORT_MD, EXPORT_JSON, EXPORT_SARIF, EXPORT_HTML, EXPORT_COUNT };

static const struct export_format {
	const char *item;            /* the dialog's line */
	const char *what;            /* "the Markdown report" in messages */
	const char *file;            /* default file name */
	int in_run_dir;              /* default place: the dated folder, else docs/project/ */
} export_formats[EXPORT_COUNT] = {
	[EXPORT_MD]    = { "Markdown: the consolidated report", "the Markdown report",
			   "persistence_audit.md", 0 },
	[EXPORT_JSON]  = { "JSON: run.json (schema 1)", "run.json", "run.json", 1 },
	[EXPORT_SARIF] = { "SARIF 2.1.0: for code-scanning hosts and IDEs", "the SARIF log",
			   "persistence_audit.sarif", 0 },
	[EXPORT_HTML]  = { "HTML: one self-contained page", "the HTML report",
			   "persistence_audit.html", 0 },
};

struct export_arg {
	struct session *s;
	int format;
	char path[1024];
};

/* The export's text (heap), or NULL. */
static char *export_render(const struct export_arg *a)
{
	switch (a->format) {
	case EXPORT_MD:
		return report_markdown(a->s->run);
	case EXPORT_JSON:
		return report_json(a->s->run);
	case EXPORT_SARIF: {
		/* no absolute local path in the log: %SRCROOT% stays relative */
		struct sarif_opts so;

		memset(&so, 0, sizeof so);
		return export_sarif(a->s->run, &so);
	}
	default:
		return export_html(a->s->run);
	}
}

/* Writes the export; reports the result on the status line. */
static void export_write(struct tui *t, struct export_arg *a)
{
	char *data, *dir = xstrdup(a->path), *slash = strrchr(dir, '/');

	scores_compute(a->s->run->findings, a->s->run->n_findings, &a->s->run->scores);
	data = export_render(a);
	if (slash != NULL && slash != dir) {
		*slash = '\0';
		fs_mkdir_p_user(dir, 0755);
	}
	free(dir);
	/* a path the user typed: not confined to the output folder */
	if (data == NULL || fs_write_user(a->path, data, strlen(data)) != 0) {
		tui_message(t, 1, "%s: cannot write", a->path);
	} else {
		tui_message(t, 0, "Exported %s to %s", export_formats[a->format].what, a->path);
		/* an export is also a save: the dated folder follows the statuses */
		if (a->s->dirty && !a->s->read_only)
			tui_session_save(t, a->s);
	}
	free(data);
}

/* The "overwrite a foreign file?" answer. */
static void export_confirm_done(struct tui *t, void *arg, int choice, const char *text)
{
	struct export_arg *a = arg;

	(void)text;
	if (choice == 1)
		export_write(t, a);
	else
		tui_message(t, 0, "Export cancelled: %s left as it was", a->path);
}

/* The export path answer: refuse directories, ask before replacing foreign files. */
static void export_path_done(struct tui *t, void *arg, const char *text)
{
	struct export_arg *a = arg;
	struct export_arg *b;

	if (text == NULL || text[0] == '\0')
		return;
	snprintf(a->path, sizeof a->path, "%s", text);
	if (fs_is_dir(a->path)) {
		tui_message(t, 1, "%s is a directory", a->path);
		return;
	}
	if (fs_is_file(a->path) && export_is_ours(a->path) != 1) {
		char q[1200];

		b = xmalloc(sizeof *b);
		*b = *a;
		snprintf(q, sizeof q, "%s exists and was not written by ppaudit. Overwrite it?", a->path);
		dialog_confirm(t, q, export_confirm_done, b);
		return;
	}
	export_write(t, a);
}

/* The export format answer: asks for the path, default prefilled. */
static void export_format_done(struct tui *t, void *arg, int choice, const char *text)
{
	struct session *s = ((struct export_arg *)arg)->s;
	const struct export_format *ef;
	struct export_arg *a;
	char *def, title[96];

	(void)text;
	if (choice < 0 || choice >= EXPORT_COUNT)
		return;
	ef = &export_formats[choice];
	a = xcalloc(1, sizeof *a);
	a->s = s;
	a->format = choice;
	if (ef->in_run_dir && s->run_dir != NULL) {
		def = fs_join(s->run_dir, ef->file);
	} else {
		char *docs = fs_join(s->out_root, "docs/project");

		def = fs_join(docs, ef->file);
		free(docs);
	}
	snprintf(title, sizeof title, "Export %s", ef->what);
	dialog_prompt(t, title, "Path (Enter keeps the default):", def, export_path_done, a);
	free(def);
}

/* Opens the export dialog: format, then path. */
void dialog_export(struct tui *t, struct session *s)
{
	const char *items[EXPORT_COUNT];
	struct export_arg *a = xcalloc(1, sizeof *a);
	int i;

	for (i = 0; i < EXPORT_COUNT; i++)
		items[i] = export_formats[i].item;
	a->s = s;
	dialog_choose(t, "Export", items, EXPORT_COUNT, 0, export_format_done, a);
}
