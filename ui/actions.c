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

#include "history.h"
#include "report/export.h"
#include "report/report.h"
#include "triage.h"
#include "util/fileset.h"
#include "util/fsutil.h"
#include "util/lock.h"
#include "util/xalloc.h"

/* NULL-safe strdup. */
static char *actions_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Copies a finding's triage fields. */
static void actions_capture(const struct finding *f, struct triage_state *st)
{
	st->status = f->status;
	st->severity = f->severity;
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
	f->severity = st->severity;
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

/* Whether an automatic rule, not a person, silenced f: an ADR the
 * validator matched, the execution context, an inline ignore (what
 * triage_record keeps a reopen over as a decision). */
static int actions_auto_silenced(const struct finding *f)
{
	if (f->status == ST_OPEN)
		return 0;
	return f->adv.rule == ADV_EXECUTION_CONTEXT || f->adv.rule == ADV_INLINE ||
	       (f->adv.rule == ADV_ADR && f->adv.author == NULL && f->adv.time == NULL);
}

/* Whether triage can be recorded at all; shows why not. */
static int actions_can_record(struct tui *t)
{
	if (t->triage == NULL) {
		tui_message(t, 1, "Triage is disabled: triage.json could not be read");
		return 0;
	}
	if (t->saver == NULL)
		t->saver = saver_start(t->triage, t->triage_path, t->main->out_root);
	return 1;
}

/* Records st for f in the triage state (the saver must be held). A state
 * no person decided (the execution context, an ADR the validator
 * matched, none) is recorded as a reopen without author, which withdraws
 * the decision f carries: the automatic rules decide again. */
static int actions_record(struct tui *t, const struct finding *f, const struct triage_state *st,
			  long undoes)
{
	enum finding_status rec = st->status;
	const char *author;

	if (st->rule != ADV_MANUAL && st->rule != ADV_ADR)
		rec = ST_OPEN;
	if (st->rule == ADV_ADR && st->author == NULL)
		rec = ST_OPEN;
	author = rec == ST_OPEN && st->rule != ADV_MANUAL ? NULL : st->author;
	/* an undo is kept as one, so `ppaudit triage undo` skips that step */
	if (undoes > 0)
		return triage_record_undo(t->triage, f, rec, st->reason, st->adr, author, st->time,
					  undoes);
	return triage_record(t->triage, f, rec, st->reason, st->adr, author, st->time);
}

/* Records st for f in triage.json and saves it; -1 with a message. */
static int actions_persist(struct tui *t, const struct finding *f, const struct triage_state *st)
{
	int rc;

	if (!actions_can_record(t))
		return -1;
	/* the writer thread must not read the state while it changes; it
	 * merges the new decision onto triage.json right after (saver.c) */
	saver_quiesce(t->saver);
	rc = actions_record(t, f, st, 0);
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
static void actions_changed(struct tui *t, struct session *s)
{
	struct run *r = s->run;

	scores_compute(r->findings, r->n_findings, &r->scores);
	s->dirty = 1;
	tui_session_changed(t, s);
}

/* Drops the redo tail of s's undo history. */
static void actions_drop_redo(struct session *s)
{
	size_t i;

	for (i = s->n_undo; i < s->n_redo; i++) {
		actions_release(&s->undo[i].before);
		actions_release(&s->undo[i].after);
	}
	s->n_redo = s->n_undo;
}

/* Pushes an undo entry for finding fi going to after (taken over), and
 * sets the finding to it. */
static void actions_push(struct session *s, size_t fi, struct triage_state *after, unsigned group)
{
	struct finding *f = &s->run->findings[fi];
	struct undo_entry *u;

	XGROW(s->undo, s->cap_undo, s->n_undo + 1);
	u = &s->undo[s->n_undo++];
	s->n_redo = s->n_undo;
	u->finding = fi;
	u->group = group;
	actions_capture(f, &u->before);
	u->after = *after;
	memset(after, 0, sizeof *after);
	actions_restore(f, &u->after);
}

/* Records finding fi going to after (taken over): triage.json first,
 * then the run and the undo history. */
static int actions_apply(struct tui *t, struct session *s, size_t fi, struct triage_state *after)
{
	if (actions_persist(t, &s->run->findings[fi], after) != 0) {
		actions_release(after);
		return -1;
	}
	actions_drop_redo(s);
	actions_push(s, fi, after, 0);
	s->undo[s->n_undo - 1].step = triage_last_step(t->triage);
	actions_changed(t, s);
	return 0;
}

/* The decided state for status st (not open), by the actor, now. */
static void actions_decided(struct tui *t, const struct finding *f, enum finding_status st,
			    const char *reason, const char *adr, struct triage_state *after)
{
	char now[32];

	triage_now(now);
	memset(after, 0, sizeof *after);
	after->status = st;
	after->severity = f->severity;
	after->rule = st == ST_ADR_OVERRIDE ? ADV_ADR : ADV_MANUAL;
	after->reason = actions_dup(reason);
	after->adr = actions_dup(adr);
	after->author = actions_dup(t->user);
	after->time = xstrdup(now);
}

/* Applies one triage decision: triage.json first, then the run, scores and undo history. */
int tui_triage_set(struct tui *t, struct session *s, size_t fi, enum finding_status st,
		   const char *reason, const char *adr)
{
	struct finding *f;
	struct triage_state after;
	double before;

	if (s->read_only) {
		tui_message(t, 1, "A comparison is read-only: open the run from history to triage it");
		return -1;
	}
	if (fi >= s->run->n_findings)
		return -1;
	f = &s->run->findings[fi];
	before = s->run->scores.overall;
	if (st == ST_OPEN) {
		memset(&after, 0, sizeof after);
		after.status = ST_OPEN;
		after.severity = f->severity;
	} else {
		actions_decided(t, f, st, reason, adr, &after);
	}
	if (actions_apply(t, s, fi, &after) != 0)
		return -1;
	tui_message(t, 0, "%s %s%s  Overall %.1f -> %.1f", f->id,
		    st == ST_OPEN ? "reopened" : st == ST_ADVISORY ? "marked advisory"
		    : st == ST_ADR_OVERRIDE ? "linked to " : "marked false positive",
		    st == ST_ADR_OVERRIDE && adr ? adr : "", before, s->run->scores.overall);
	return 0;
}

/* Reopens finding fi (o). Over an automatic silencing (an ADR the
 * validator matched, an inline ignore, the execution context) the
 * reopen is a decision of its own, kept in triage.json with its author
 * and time, which later runs honour over the rule; over a decision made
 * by hand it withdraws that decision. The status line says which. */
static int actions_reopen(struct tui *t, struct session *s, size_t fi)
{
	struct finding *f = &s->run->findings[fi];
	struct triage_state after;
	double before = s->run->scores.overall;
	char what[96], now[32];
	int over_rule = actions_auto_silenced(f);

	if (f->status == ST_OPEN) {
		tui_message(t, 0, "%s is already open%s", f->id, f->adv.rule == ADV_MANUAL
			    ? " (kept open by a decision)" : "");
		return 0;
	}
	if (f->adv.rule == ADV_ADR)
		snprintf(what, sizeof what, "%s", f->adv.adr ? f->adv.adr : "an ADR");
	else if (f->adv.rule == ADV_INLINE)
		snprintf(what, sizeof what, "an inline ignore");
	else if (f->adv.rule == ADV_EXECUTION_CONTEXT)
		snprintf(what, sizeof what, "the execution context");
	else
		snprintf(what, sizeof what, "%s", status_name(f->status));
	memset(&after, 0, sizeof after);
	after.status = ST_OPEN;
	after.severity = f->severity;
	if (over_rule) {
		triage_now(now);
		after.rule = ADV_MANUAL;
		after.author = actions_dup(t->user);
		after.time = xstrdup(now);
		/* the severity the execution context lowered comes back */
		if (f->adv.rule == ADV_EXECUTION_CONTEXT)
			after.severity = f->original_severity;
	}
	if (actions_apply(t, s, fi, &after) != 0)
		return -1;
	if (over_rule)
		tui_message(t, 0, "%s reopened over %s: kept open on later runs (a decision)  "
			    "Overall %.1f -> %.1f", f->id, what, before, s->run->scores.overall);
	else
		tui_message(t, 0, "%s reopened: the %s decision is withdrawn (the rules apply again)  "
			    "Overall %.1f -> %.1f", f->id, what, before, s->run->scores.overall);
	return 0;
}

/* The undo entries one step spans: [*from, *to) of s->undo, the entry
 * before the cursor (undo) or after it (redo) and the rest of its group. */
static void actions_step_range(const struct session *s, int redo, size_t *from, size_t *to)
{
	size_t a, b;

	if (redo) {
		a = s->n_undo;
		b = a + 1;
		while (s->undo[a].group != 0 && b < s->n_redo && s->undo[b].group == s->undo[a].group)
			b++;
	} else {
		b = s->n_undo;
		a = b - 1;
		while (s->undo[b - 1].group != 0 && a > 0 && s->undo[a - 1].group == s->undo[b - 1].group)
			a--;
	}
	*from = a;
	*to = b;
}

/* Steps back (or forward) one decision or one bulk action, in
 * triage.json (one step of its history) and in the run. */
int tui_triage_undo(struct tui *t, struct session *s, int redo)
{
	struct undo_entry *u;
	struct finding *f;
	double before = s->run->scores.overall;
	size_t from, to, i, done = 0;
	int rc = 0;

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
	if (!actions_can_record(t))
		return -1;
	actions_step_range(s, redo, &from, &to);
	saver_quiesce(t->saver);
	if (to - from > 1)
		triage_begin_step(t->triage);
	for (i = 0; i < to - from && rc == 0; i++) {
		/* undo goes back from the latest entry, redo forward (a new
		 * step of its own, which the next undo reverts) */
		u = &s->undo[redo ? from + i : to - 1 - i];
		f = &s->run->findings[u->finding];
		rc = actions_record(t, f, redo ? &u->after : &u->before, redo ? 0 : u->step);
		if (rc == 0) {
			actions_restore(f, redo ? &u->after : &u->before);
			if (redo)
				u->step = triage_last_step(t->triage);
			done++;
		}
	}
	triage_end_step(t->triage);
	saver_request(t->saver);
	if (redo)
		s->n_undo += done;
	else
		s->n_undo -= done;
	if (done > 0)
		actions_changed(t, s);
	if (rc != 0) {
		tui_message(t, 1, "cannot record the decision for %s", f->id);
		return -1;
	}
	f = &s->run->findings[s->undo[redo ? from : to - 1].finding];
	if (done > 1)
		tui_message(t, 0, "%s: %zu findings, as one step  Overall %.1f -> %.1f",
			    redo ? "Redone" : "Undone", done, before, s->run->scores.overall);
	else
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
		rc = report_write_all(s->run, s->out_root, s->run_dir, 0, 1, err, sizeof err);
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

/* A reason must say something (triage_reason_check): a refused one
 * leaves the prompt open with the text typed and the message shown. */
static int triage_reason_ok(struct tui *t, void *arg, int choice, const char *text, char *msg,
			    size_t msglen)
{
	char why[200];

	(void)t;
	(void)arg;
	(void)choice;
	if (triage_reason_check(text, why, sizeof why) == 0)
		return 0;
	/* "a reason needs ..." starts the sentence */
	snprintf(msg, msglen, "%c%s", why[0] >= 'a' && why[0] <= 'z' ? why[0] - 'a' + 'A' : why[0],
		 why + 1);
	return -1;
}

/* The reason prompt's answer (advisory, false positive). */
static void triage_reason_done(struct tui *t, void *arg, const char *text)
{
	struct triage_arg *a = arg;

	if (text == NULL)
		return;
	tui_triage_set(t, a->s, a->finding, a->status, text, NULL);
}

/* The ADR the picker's answer names (a choice, or a typed id in any of
 * the forms adr_ref_number takes), or NULL. */
static const struct adr *triage_adr_of(const struct context *ctx, int choice, const char *text)
{
	if (choice >= 0 && ctx != NULL && (size_t)choice < ctx->n_adrs)
		return &ctx->adrs[choice];
	return text != NULL ? adr_find(ctx, text) : NULL;
}

/* The picker refuses an ADR the project does not have, naming the ones
 * it has: a link to nothing would silence a finding on nobody's decision. */
static int triage_adr_ok(struct session *s, int choice, const char *text, char *msg, size_t msglen)
{
	const struct context *ctx = s->run->ctx;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (triage_adr_of(ctx, choice, text) != NULL)
		return 0;
	if (ctx == NULL || ctx->n_adrs == 0) {
		snprintf(msg, msglen, "The project has no ADRs (docs/adr/, docs/decisions/, ... or "
			 "adr_dirs in .ppaudit.json): write one, then run ppaudit again");
		return -1;
	}
	for (i = 0; i < ctx->n_adrs; i++)
		sb_addf(&sb, "%s%s", i ? ", " : "", ctx->adrs[i].id ? ctx->adrs[i].id : "?");
	snprintf(msg, msglen, "%.40s is not one of the project's ADRs%s: pick one (%s)",
		 text ? text : "?", adr_ref_number(text) < 0 ? " (type 7, ADR-7 or 0007-title.md)" : "",
		 sb_str(&sb));
	sb_release(&sb);
	return -1;
}

/* The check of the one-finding ADR picker. */
static int triage_adr_check(struct tui *t, void *arg, int choice, const char *text, char *msg,
			    size_t msglen)
{
	(void)t;
	return triage_adr_ok(((struct triage_arg *)arg)->s, choice, text, msg, msglen);
}

/* The reason of an ADR link: "[Planned: ADR-003] title". */
static void triage_adr_reason(const struct adr *a, char *buf, size_t size)
{
	snprintf(buf, size, "[Planned: %s] %s", a->id, a->title ? a->title : "linked by hand");
}

/* The ADR picker's answer: a discovered ADR or a typed id, normalised. */
static void triage_adr_done(struct tui *t, void *arg, int choice, const char *text)
{
	struct triage_arg *a = arg;
	const struct adr *adr = triage_adr_of(a->s->run->ctx, choice, text);
	char reason[300];

	if (adr == NULL)
		return;
	triage_adr_reason(adr, reason, sizeof reason);
	tui_triage_set(t, a->s, a->finding, ST_ADR_OVERRIDE, reason, adr->id);
}

/* Opens the ADR picker (the project's ADRs, or a typed id); the
 * suggested ADR, when the finding has one, is under the cursor. */
static void triage_adr_picker(struct tui *t, const struct context *ctx, const char *title,
			      dialog_choice_cb done, dialog_check_cb check, void *arg)
{
	size_t n = ctx != NULL ? ctx->n_adrs : 0, i;
	char **items = xcalloc(n ? n : 1, sizeof *items);

	for (i = 0; i < n; i++)
		items[i] = xasprintf("%s  %s%s%s%s", ctx->adrs[i].id,
				     ctx->adrs[i].title ? ctx->adrs[i].title : "",
				     ctx->adrs[i].status ? " (" : "",
				     ctx->adrs[i].status ? ctx->adrs[i].status : "",
				     ctx->adrs[i].status ? ")" : "");
	dialog_choose(t, title, (const char *const *)items, n, 1, done, arg);
	dialog_set_check(t->dialog, check);
	dialog_set_role(t->dialog, DLG_ROLE_DECISION);
	for (i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

/* Starts the dialog of a triage key, or applies reopen/undo/redo directly. */
int tui_triage_action(struct tui *t, struct session *s, size_t fi, enum ui_action act)
{
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
	case ACT_FALSE_POS:
		snprintf(title, sizeof title, "Mark %s %s", f->id,
			 act == ACT_ADVISORY ? "advisory" : "false positive");
		dialog_prompt(t, title, act == ACT_ADVISORY ? "Reason (why this is acceptable here):"
			      : "Reason (what the analyzer got wrong):", "", triage_reason_done,
			      triage_arg_new(s, fi, act == ACT_ADVISORY ? ST_ADVISORY : ST_FALSE_POSITIVE));
		dialog_set_check(t->dialog, triage_reason_ok);
		dialog_set_role(t->dialog, DLG_ROLE_DECISION);
		break;
	case ACT_ADR:
		snprintf(title, sizeof title, "Link %s to an ADR", f->id);
		triage_adr_picker(t, s->run->ctx, title, triage_adr_done, triage_adr_check,
				  triage_arg_new(s, fi, ST_ADR_OVERRIDE));
		break;
	case ACT_REOPEN:
		return actions_reopen(t, s, fi);
	default:
		return -1;
	}
	return 0;
}

/* ---- bulk marking (M) ---------------------------------------------------- */

/* What a bulk action has been told so far; one allocation (the dialogs
 * free their argument with free()), copied from dialog to dialog. */
struct bulk_arg {
	struct session *s;
	enum finding_status status;
	char reason[320];
	char adr[64];
	char what[160];              /* the list: "the filter Runtime HIGH" */
	size_t n;
	size_t rows[];               /* finding indexes */
};

static struct bulk_arg *bulk_copy(const struct bulk_arg *b)
{
	size_t size = sizeof *b + b->n * sizeof b->rows[0];
	struct bulk_arg *c = xmalloc(size);

	memcpy(c, b, size);
	return c;
}

/* How many of the findings are not in status st yet (the ones marked). */
static size_t bulk_count(const struct bulk_arg *b, enum finding_status st)
{
	size_t i, k = 0;

	for (i = 0; i < b->n; i++)
		k += b->s->run->findings[b->rows[i]].status != st;
	return k;
}

static const char *bulk_status_text(enum finding_status st)
{
	return st == ST_ADVISORY ? "advisory" : st == ST_FALSE_POSITIVE ? "false positive"
		: "linked to an ADR";
}

/* Records the bulk action: triage_record_many over the findings as one
 * step of triage.json, then one group of the undo history. */
static void bulk_apply(struct tui *t, struct bulk_arg *b)
{
	struct session *s = b->s;
	struct triage_filter any = TRIAGE_FILTER_ANY;
	struct finding *sel;
	struct triage_state after;
	double before = s->run->scores.overall;
	static unsigned groups;
	size_t i, k = 0;
	char now[32];
	long step;
	int n;

	if (!actions_can_record(t))
		return;
	/* the findings of the list, side by side for the shared function
	 * (shallow copies: it only reads them) */
	sel = xcalloc(b->n ? b->n : 1, sizeof *sel);
	for (i = 0; i < b->n; i++)
		sel[k++] = s->run->findings[b->rows[i]];
	triage_now(now);
	saver_quiesce(t->saver);
	n = triage_record_many(t->triage, sel, k, &any, b->status, b->reason[0] ? b->reason : NULL,
			       b->adr[0] ? b->adr : NULL, t->user, now);
	step = triage_last_step(t->triage);
	saver_request(t->saver);
	free(sel);
	if (n <= 0) {
		tui_message(t, 1, n == 0 ? "Nothing marked: every finding of the list is already %s"
			    : "cannot record the decisions (%s)", bulk_status_text(b->status));
		return;
	}
	actions_drop_redo(s);
	if (++groups == 0)
		groups = 1;
	for (i = 0; i < b->n; i++) {
		struct finding *f = &s->run->findings[b->rows[i]];

		if (f->status == b->status)
			continue;
		actions_decided(t, f, b->status, b->reason[0] ? b->reason : NULL,
				b->adr[0] ? b->adr : NULL, &after);
		free(after.time);
		after.time = xstrdup(now);
		actions_push(s, b->rows[i], &after, groups);
		s->undo[s->n_undo - 1].step = step;
	}
	actions_changed(t, s);
	tui_message(t, 0, "%d findings %s%s, as one step (u undoes it)  Overall %.1f -> %.1f", n,
		    b->status == ST_ADR_OVERRIDE ? "linked to " : "marked ",
		    b->status == ST_ADR_OVERRIDE ? b->adr : bulk_status_text(b->status), before,
		    s->run->scores.overall);
}

/* The confirmation's answer. */
static void bulk_confirm_done(struct tui *t, void *arg, int choice, const char *text)
{
	(void)text;
	if (choice == 1)
		bulk_apply(t, arg);
	else
		tui_message(t, 0, "Nothing marked");
}

/* Asks to confirm, with the count of findings that change. */
static void bulk_confirm(struct tui *t, const struct bulk_arg *b)
{
	size_t k = bulk_count(b, b->status);
	char q[700];

	if (k == 0) {
		tui_message(t, 0, "Nothing to mark: the %zu findings of the list are already %s", b->n,
			    bulk_status_text(b->status));
		return;
	}
	snprintf(q, sizeof q, "Mark %zu finding%s %s%s (%s%s), as one step? Reason: %s", k,
		 k == 1 ? "" : "s", b->status == ST_ADR_OVERRIDE ? "linked to " : "",
		 b->status == ST_ADR_OVERRIDE ? b->adr : bulk_status_text(b->status), b->what,
		 k < b->n ? "; the others already are" : "", b->reason);
	dialog_confirm(t, q, bulk_confirm_done, bulk_copy(b));
	dialog_set_role(t->dialog, DLG_ROLE_DECISION);
}

/* The bulk reason's answer. */
static void bulk_reason_done(struct tui *t, void *arg, const char *text)
{
	struct bulk_arg *b = arg;

	if (text == NULL)
		return;
	snprintf(b->reason, sizeof b->reason, "%s", text);
	bulk_confirm(t, b);
}

/* The check of the bulk ADR picker. */
static int bulk_adr_check(struct tui *t, void *arg, int choice, const char *text, char *msg,
			  size_t msglen)
{
	(void)t;
	return triage_adr_ok(((struct bulk_arg *)arg)->s, choice, text, msg, msglen);
}

/* The bulk ADR picker's answer. */
static void bulk_adr_done(struct tui *t, void *arg, int choice, const char *text)
{
	struct bulk_arg *b = arg;
	const struct adr *adr = triage_adr_of(b->s->run->ctx, choice, text);

	if (adr == NULL)
		return;
	snprintf(b->adr, sizeof b->adr, "%s", adr->id);
	triage_adr_reason(adr, b->reason, sizeof b->reason);
	bulk_confirm(t, b);
}

/* The "mark them how?" answer. */
static void bulk_kind_done(struct tui *t, void *arg, int choice, const char *text)
{
	struct bulk_arg *b = bulk_copy(arg);
	char title[120];

	(void)text;
	if (choice < 0 || choice > 2) {
		free(b);
		return;
	}
	b->status = choice == 0 ? ST_ADVISORY : choice == 1 ? ST_FALSE_POSITIVE : ST_ADR_OVERRIDE;
	if (b->status == ST_ADR_OVERRIDE) {
		snprintf(title, sizeof title, "Link %zu findings to an ADR", b->n);
		triage_adr_picker(t, b->s->run->ctx, title, bulk_adr_done, bulk_adr_check, b);
		return;
	}
	snprintf(title, sizeof title, "Mark %zu findings %s", b->n, bulk_status_text(b->status));
	dialog_prompt(t, title, "One reason for all of them:", "", bulk_reason_done, b);
	dialog_set_check(t->dialog, triage_reason_ok);
	dialog_set_role(t->dialog, DLG_ROLE_DECISION);
}

/* M: every finding of the list, one reason, one step. */
void tui_triage_bulk(struct tui *t, struct session *s, const size_t *rows, size_t n,
		     const char *what)
{
	static const char *const kinds[] = {
		"advisory (asks for one reason)",
		"false positive (asks for one reason)",
		"linked to an ADR (picker)",
	};
	struct bulk_arg *b;
	char title[200];

	if (s->read_only) {
		tui_message(t, 1, "A comparison is read-only: open the run from history to triage it");
		return;
	}
	if (t->triage == NULL) {
		tui_message(t, 1, "Triage is disabled: triage.json could not be read");
		return;
	}
	if (n == 0) {
		tui_message(t, 1, "No finding in this list: nothing to mark");
		return;
	}
	b = xcalloc(1, sizeof *b + n * sizeof b->rows[0]);
	b->s = s;
	b->n = n;
	memcpy(b->rows, rows, n * sizeof *rows);
	snprintf(b->what, sizeof b->what, "%s", what);
	snprintf(title, sizeof title, "Mark the %zu findings of %s as", n, what);
	dialog_choose(t, title, kinds, 3, 0, bulk_kind_done, b);
	dialog_set_role(t->dialog, DLG_ROLE_DECISION);
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
