/* History: the dated runs of the project (date, git HEAD, scores,
 * counts); Enter opens one without rescanning (decisions made since are
 * applied from triage.json), `c` compares the selected run with the one
 * the history was opened from: new, fixed and unchanged findings in a
 * list that works like the main one. `c` in the findings list compares
 * with the run before the one browsed, without opening the history. */
#include "view.h"
#include "history.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "triage.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

struct run_summary {
	char name[40];               /* the run's folder: DATE or DATE.N */
	char head[8];
	double overall, category[CAT_COUNT];
	unsigned totals[SEV_COUNT];
	size_t n_findings;
	char *error;                 /* run.json could not be read */
};

struct runs_view {
	struct session *current;     /* the run the history was opened from */
	char *hist_dir;
	struct run_summary *runs;    /* newest first */
	size_t n_runs, cap_runs;
	struct list_pos pos;
};

enum { RUNS_LIST_TOP = 3 };

/* Loads a run by name from the history folder (NULL + err). */
static struct run *runs_load(struct runs_view *rv, const char *name, char *err, size_t errlen)
{
	char *dir = fs_join(rv->hist_dir, name);
	char *path = fs_join(dir, "run.json");
	struct run *r = run_load(path, err, errlen);

	if (r != NULL)
		snprintf(r->name, sizeof r->name, "%s", name);
	free(dir);
	free(path);
	return r;
}

/* Reads the summaries of every run, newest first. */
static void runs_scan(struct runs_view *rv)
{
	size_t i, n = 0;
	char **names = history_names_in(rv->hist_dir, &n);

	for (i = 0; i < rv->n_runs; i++)
		free(rv->runs[i].error);
	rv->n_runs = 0;
	for (i = n; i-- > 0;) {
		struct run_summary *s;
		struct run *r;
		char err[512];
		int c;

		XGROW(rv->runs, rv->cap_runs, rv->n_runs + 1);
		s = &rv->runs[rv->n_runs++];
		memset(s, 0, sizeof *s);
		snprintf(s->name, sizeof s->name, "%s", names[i]);
		/* the current run may have unsaved triage: show it as it is now */
		if (rv->current->run != NULL && strcmp(rv->current->run->name, s->name) == 0 &&
		    rv->current->diff == NULL) {
			r = rv->current->run;
		} else {
			r = runs_load(rv, s->name, err, sizeof err);
			if (r == NULL) {
				s->error = xstrdup(err);
				continue;
			}
		}
		snprintf(s->head, sizeof s->head, "%.7s", r->git.head ? r->git.head : "-");
		s->overall = r->scores.overall;
		for (c = 0; c < CAT_COUNT; c++)
			s->category[c] = r->scores.category[c];
		memcpy(s->totals, r->scores.totals, sizeof s->totals);
		s->n_findings = r->n_findings;
		if (r != rv->current->run)
			run_free(r);
	}
	history_dates_free(names, n);
	rv->pos.n = rv->n_runs;
}

/* Draws the history table. */
static void runs_draw(struct view *v, int top, int height)
{
	struct runs_view *rv = v->priv;
	struct tui *t = v->app;
	char buf[256], right[48];
	int page = height - RUNS_LIST_TOP - 1, y;
	size_t i;

	/* below 80 columns the per-category scores and HEAD give way */
	int narrow = t->cols < 80;

	list_scroll(&rv->pos, page);
	snprintf(right, sizeof right, "%zu runs ", rv->n_runs);
	ui_title_bar(t, "ppaudit  History: dated runs", right);
	ui_put_tail(top + 1, 0, t->cols, rv->hist_dir, theme_attr(ROLE_DIM), 0);
	ui_put(top + 2, 0, t->cols, narrow ? "  DATE          OVERALL CRIT HIGH  MED  LOW  ALL"
	       : "  DATE        HEAD    OVERALL  QUERY TRANS RUNTM RESRC CRIT HIGH  MED  LOW  ALL",
	       theme_attr(ROLE_HEADER), 1);
	for (i = 0, y = top + RUNS_LIST_TOP; y < top + height - 1 && rv->pos.top + i < rv->n_runs; i++, y++) {
		size_t k = rv->pos.top + i;
		const struct run_summary *s = &rv->runs[k];
		int cur = rv->current->run && strcmp(s->name, rv->current->run->name) == 0;
		attr_t a = k == rv->pos.cursor ? theme_attr(ROLE_SELECTED) : A_NORMAL;

		if (s->error != NULL)
			snprintf(buf, sizeof buf, "%c %s  unreadable: %s", cur ? '*' : ' ', s->name, s->error);
		else if (narrow)
			snprintf(buf, sizeof buf, "%c %-12s  %5.1f   %4u %4u %4u %4u %4zu",
				 cur ? '*' : ' ', s->name, s->overall, s->totals[SEV_CRITICAL],
				 s->totals[SEV_HIGH], s->totals[SEV_MEDIUM], s->totals[SEV_LOW], s->n_findings);
		else
			snprintf(buf, sizeof buf, "%c %s  %-7s %5.1f    %5.1f %5.1f %5.1f %5.1f %4u %4u %4u %4u %4zu",
				 cur ? '*' : ' ', s->name, s->head, s->overall, s->category[0],
				 s->category[1], s->category[2], s->category[3], s->totals[SEV_CRITICAL],
				 s->totals[SEV_HIGH], s->totals[SEV_MEDIUM], s->totals[SEV_LOW], s->n_findings);
		ui_put(y, 0, t->cols, buf, a, 1);
	}
	if (rv->n_runs == 0)
		ui_put(top + RUNS_LIST_TOP + 1, 2, t->cols - 4, "No dated runs yet.", theme_attr(ROLE_DIM), 0);
	ui_status_bar(t, " Enter open   c compare with the current run (*)   q back   ? help");
}

/* Opens the selected run in its own browser (no rescan). */
static void runs_open(struct view *v)
{
	struct runs_view *rv = v->priv;
	struct tui *t = v->app;
	const struct run_summary *s;
	struct session *ns;
	struct run *r;
	char err[512], *dir;

	if (rv->n_runs == 0)
		return;
	s = &rv->runs[rv->pos.cursor];
	if (rv->current->run != NULL && rv->current->diff == NULL &&
	    strcmp(s->name, rv->current->run->name) == 0) {
		view_pop(t);
		tui_message(t, 0, "This is the run you are browsing");
		return;
	}
	r = runs_load(rv, s->name, err, sizeof err);
	if (r == NULL) {
		tui_message(t, 1, "%s", err);
		return;
	}
	/* decisions taken after that run was written apply to it too */
	if (t->triage != NULL)
		triage_apply(t->triage, r->findings, r->n_findings);
	scores_compute(r->findings, r->n_findings, &r->scores);
	dir = fs_join(rv->hist_dir, s->name);
	ns = session_new(r, 1, rv->current->root, rv->current->out_root, dir);
	free(dir);
	view_push(t, view_findings_new(t, ns));
	tui_message(t, 0, "Opened the run of %s (not rescanned)", s->name);
}

/* Whether fp occurs in r. Linear with a sorted copy would be faster; runs
 * hold thousands of findings at most, and this runs once per compare. */
static int runs_has_fp(const char **sorted, size_t n, const char *fp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(sorted[mid], fp);

		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* qsort comparator for fingerprints. */
static int runs_cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted fingerprints of a run (pointers into it). */
static const char **runs_fps(const struct run *r)
{
	const char **v = xcalloc(r->n_findings + 1, sizeof *v);
	size_t i;

	for (i = 0; i < r->n_findings; i++)
		v[i] = r->findings[i].fingerprint;
	xqsort(v, r->n_findings, sizeof *v, runs_cmp_str);
	return v;
}

/* Builds the comparison of old_r (older) and new_r: one synthetic run
 * holding copies of new_r's findings (new or unchanged) and of old_r's
 * findings that are gone (fixed). */
static struct session *runs_compare(struct runs_view *rv, const struct run *old_r, const struct run *new_r)
{
	struct run *c = xcalloc(1, sizeof *c);
	const char **fo = runs_fps(old_r), **fn = runs_fps(new_r);
	struct session *s;
	size_t i, k = 0, n_new = 0, n_fixed = 0;
	unsigned char *diff;

	memcpy(c->date, new_r->date, sizeof c->date);
	memcpy(c->name, new_r->name, sizeof c->name);
	c->root = xstrdup(new_r->root ? new_r->root : ".");
	c->git.head = new_r->git.head ? xstrdup(new_r->git.head) : NULL;
	c->findings = xcalloc(new_r->n_findings + old_r->n_findings + 1, sizeof *c->findings);
	diff = xcalloc(new_r->n_findings + old_r->n_findings + 1, 1);
	for (i = 0; i < new_r->n_findings; i++, k++) {
		finding_copy(&c->findings[k], &new_r->findings[i]);
		diff[k] = runs_has_fp(fo, old_r->n_findings, new_r->findings[i].fingerprint) ? 0 : 1;
		n_new += diff[k] == 1;
	}
	for (i = 0; i < old_r->n_findings; i++) {
		if (runs_has_fp(fn, new_r->n_findings, old_r->findings[i].fingerprint))
			continue;
		finding_copy(&c->findings[k], &old_r->findings[i]);
		diff[k++] = 2;
		n_fixed++;
	}
	c->n_findings = k;
	c->scores = new_r->scores;
	free(fo);
	free(fn);
	s = session_new(c, 1, rv->current->root, rv->current->out_root, NULL);
	s->read_only = 1;
	s->diff = diff;
	s->title = xasprintf("%s -> %s", old_r->name, new_r->name);
	s->n_new = n_new;
	s->n_fixed = n_fixed;
	s->n_same = k - n_new - n_fixed;
	return s;
}

/* Compares the selected run with the current one. */
static void runs_compare_selected(struct view *v)
{
	struct runs_view *rv = v->priv;
	struct tui *t = v->app;
	const struct run_summary *s;
	struct run *other;
	const struct run *cur = rv->current->run;
	struct session *cs;
	char err[512];

	if (rv->n_runs == 0 || cur == NULL || rv->current->diff != NULL)
		return;
	s = &rv->runs[rv->pos.cursor];
	if (strcmp(s->name, cur->name) == 0) {
		tui_message(t, 1, "Select another run to compare with %s", cur->name);
		return;
	}
	other = runs_load(rv, s->name, err, sizeof err);
	if (other == NULL) {
		tui_message(t, 1, "%s", err);
		return;
	}
	if (t->triage != NULL)
		triage_apply(t->triage, other->findings, other->n_findings);
	scores_compute(other->findings, other->n_findings, &other->scores);
	cs = history_name_cmp(s->name, cur->name) < 0 ? runs_compare(rv, other, cur) : runs_compare(rv, cur, other);
	run_free(other);
	view_push(t, view_findings_new(t, cs));
	tui_message(t, 0, "%s vs %s: %zu new, %zu fixed, %zu unchanged", history_name_cmp(s->name, cur->name) < 0
		    ? s->name : cur->name, history_name_cmp(s->name, cur->name) < 0 ? cur->name : s->name,
		    cs->n_new, cs->n_fixed, cs->n_same);
}

/* The comparison of current's run with the newest full run before it. */
struct view *view_compare_previous(struct tui *t, struct session *current)
{
	struct runs_view rv;
	const struct run *cur = current->run;
	const char *cur_name;
	char **names, err[512];
	size_t n = 0, i;
	struct run *other = NULL;
	struct session *cs;

	if (cur == NULL || current->diff != NULL)
		return NULL;
	cur_name = cur->name[0] != '\0' ? cur->name : cur->date;
	memset(&rv, 0, sizeof rv);
	rv.current = current;
	rv.hist_dir = fs_join(current->out_root, "docs/project/.audit/ln-650");
	names = history_names_in(rv.hist_dir, &n);
	/* names come oldest first: the last one before ours */
	for (i = n; i-- > 0;)
		if (history_name_cmp(names[i], cur_name) < 0)
			break;
	if (i == (size_t)-1) {
		tui_message(t, 1, "No run before %s to compare with (h: history)", cur_name);
	} else if ((other = runs_load(&rv, names[i], err, sizeof err)) == NULL) {
		tui_message(t, 1, "%s", err);
	}
	history_dates_free(names, n);
	if (other == NULL) {
		free(rv.hist_dir);
		return NULL;
	}
	if (t->triage != NULL)
		triage_apply(t->triage, other->findings, other->n_findings);
	scores_compute(other->findings, other->n_findings, &other->scores);
	cs = runs_compare(&rv, other, cur);
	tui_message(t, 0, "%s vs %s: %zu new, %zu fixed, %zu unchanged", other->name, cur_name,
		    cs->n_new, cs->n_fixed, cs->n_same);
	run_free(other);
	free(rv.hist_dir);
	return view_findings_new(t, cs);
}

/* History keys: moves, open, compare. */
static int runs_key(struct view *v, enum ui_action act, int ch)
{
	struct runs_view *rv = v->priv;

	(void)ch;
	if (list_move(&rv->pos, act, v->height - RUNS_LIST_TOP - 1))
		return 1;
	switch (act) {
	case ACT_ENTER:
		runs_open(v);
		return 1;
	case ACT_COMPARE:
		runs_compare_selected(v);
		return 1;
	default:
		return 0;
	}
}

/* Wheel moves, click selects, double click opens. */
static void runs_mouse(struct view *v, int row, int dbl)
{
	struct runs_view *rv = v->priv;
	int page = v->height - RUNS_LIST_TOP - 1;

	if (row == -1 || row == -2) {
		list_move(&rv->pos, row == -1 ? ACT_UP : ACT_DOWN, page);
	} else if (row >= RUNS_LIST_TOP && rv->pos.top + (size_t)(row - RUNS_LIST_TOP) < rv->n_runs) {
		rv->pos.cursor = rv->pos.top + (size_t)(row - RUNS_LIST_TOP);
		if (dbl)
			runs_open(v);
	}
}

/* History state for :save-state. */
static void runs_state(struct view *v, struct strbuf *out)
{
	struct runs_view *rv = v->priv;
	size_t i;

	sb_addf(out, "runs=%zu\ncursor=%zu\n", rv->n_runs, rv->pos.cursor);
	for (i = 0; i < rv->n_runs; i++)
		sb_addf(out, "run.%zu=%s overall=%.1f findings=%zu\n", i, rv->runs[i].name,
			rv->runs[i].overall, rv->runs[i].n_findings);
}

/* Frees the history view. */
static void runs_free(struct view *v)
{
	struct runs_view *rv = v->priv;
	size_t i;

	for (i = 0; i < rv->n_runs; i++)
		free(rv->runs[i].error);
	free(rv->runs);
	free(rv->hist_dir);
	free(rv);
}

/* Rescans when a browser above changed a run (its scores moved). */
static void runs_refresh(struct view *v)
{
	runs_scan(v->priv);
}

const struct view_ops view_runs_ops = {
	"runs", VK_RUNS, runs_draw, runs_key, runs_state, NULL, runs_mouse, runs_free, runs_refresh
};

/* The history of the project of session `current`. */
struct view *view_runs_new(struct tui *t, struct session *current)
{
	struct runs_view *rv = xcalloc(1, sizeof *rv);
	size_t i;

	rv->current = current;
	rv->hist_dir = fs_join(current->out_root, "docs/project/.audit/ln-650");
	runs_scan(rv);
	/* start on the run being browsed */
	for (i = 0; current->run && i < rv->n_runs; i++)
		if (strcmp(rv->runs[i].name, current->run->name) == 0)
			rv->pos.cursor = i;
	return view_new(t, &view_runs_ops, current, rv);
}
