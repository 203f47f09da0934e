/* Modal dialogs drawn over the current view: a one-line prompt, a list of
 * choices (optionally with a typed value: the ADR picker), a yes/no
 * question and the filter editor. A dialog takes every key while it is
 * open; its callback runs after it is closed, so a callback may open the
 * next dialog (export: format, then path, then "overwrite?"). The arg
 * given with a callback is owned by the dialog and freed after the call. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

enum dialog_kind { DLG_PROMPT, DLG_CHOOSE, DLG_CONFIRM, DLG_FILTER };

enum { DLG_TEXT_MAX = 200 };

/* Filter fields, in display order. */
enum { FF_CATEGORY, FF_SEVERITY, FF_STATUS, FF_CHECK, FF_PATH, FF_DIFF, FF_COUNT };

struct dialog {
	enum dialog_kind kind;
	char *title, *label;
	char text[DLG_TEXT_MAX + 1];
	size_t len;
	char **items;
	size_t n_items;
	struct list_pos pos;
	int allow_text;
	enum dialog_role role;
	dialog_text_cb tcb;
	dialog_choice_cb ccb;
	dialog_check_cb check;       /* refuses an answer, the dialog staying open */
	char error[300];             /* why the last answer was refused, "" none */
	void *arg;
	/* filter editor */
	struct view *fview;
	struct findings_filter *flt;
	const char **checks;         /* distinct check ids of the run, sorted */
	size_t n_checks;
	int field, n_fields;
};

/* Frees a dialog and its callback argument. */
void dialog_free(struct dialog *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n_items; i++)
		free(d->items[i]);
	free(d->items);
	free(d->title);
	free(d->label);
	free(d->checks);
	free(d->arg);
	free(d);
}

/* Replaces any open dialog by d. */
static void dialog_open(struct tui *t, struct dialog *d)
{
	dialog_free(t->dialog);
	t->dialog = d;
	t->dirty = 1;
}

/* Opens a one-line text prompt. */
void dialog_prompt(struct tui *t, const char *title, const char *label, const char *initial,
		   dialog_text_cb cb, void *arg)
{
	struct dialog *d = xcalloc(1, sizeof *d);

	d->kind = DLG_PROMPT;
	d->title = xstrdup(title);
	d->label = xstrdup(label);
	snprintf(d->text, sizeof d->text, "%s", initial ? initial : "");
	d->len = strlen(d->text);
	d->tcb = cb;
	d->arg = arg;
	dialog_open(t, d);
}

/* Opens a list of choices. */
void dialog_choose(struct tui *t, const char *title, const char *const *items, size_t n,
		   int allow_text, dialog_choice_cb cb, void *arg)
{
	struct dialog *d = xcalloc(1, sizeof *d);
	size_t i;

	d->kind = DLG_CHOOSE;
	d->title = xstrdup(title);
	d->label = xstrdup(allow_text ? "Type an id, or pick one:" : "");
	d->items = xcalloc(n ? n : 1, sizeof *d->items);
	for (i = 0; i < n; i++)
		d->items[i] = xstrdup(items[i]);
	d->n_items = n;
	d->pos.n = n;
	d->allow_text = allow_text;
	d->ccb = cb;
	d->arg = arg;
	dialog_open(t, d);
}

/* Opens a yes/no question. */
void dialog_confirm(struct tui *t, const char *question, dialog_choice_cb cb, void *arg)
{
	struct dialog *d = xcalloc(1, sizeof *d);

	d->kind = DLG_CONFIRM;
	d->title = xstrdup("Confirm");
	d->label = xstrdup(question);
	d->ccb = cb;
	d->arg = arg;
	dialog_open(t, d);
}

/* Sets the check an answer must pass before the dialog closes. */
void dialog_set_check(struct dialog *d, dialog_check_cb check)
{
	if (d != NULL)
		d->check = check;
}

/* Says what the dialog is for (Ctrl-C asks over a decision). */
void dialog_set_role(struct dialog *d, enum dialog_role role)
{
	if (d != NULL)
		d->role = role;
}

/* What the dialog is for. */
enum dialog_role dialog_role(const struct dialog *d)
{
	return d != NULL ? d->role : DLG_ROLE_NONE;
}

/* qsort comparator for C strings. */
static int dialog_cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Opens the filter editor; choices for "check" come from the run. */
void dialog_filter(struct tui *t, struct view *v, struct findings_filter *flt, const struct run *r)
{
	struct dialog *d = xcalloc(1, sizeof *d);
	size_t i, k, cap = 0;

	d->kind = DLG_FILTER;
	d->title = xstrdup("Filter");
	d->label = xstrdup("Up/Down field, Left/Right value, type the path, x clear, Enter close");
	d->fview = v;
	d->flt = flt;
	d->n_fields = v->session->diff != NULL ? FF_COUNT : FF_DIFF;
	for (i = 0; i < r->n_findings; i++) {
		const char *id = r->findings[i].check ? r->findings[i].check->id : NULL;

		if (id == NULL)
			continue;
		for (k = 0; k < d->n_checks; k++)
			if (strcmp(d->checks[k], id) == 0)
				break;
		if (k < d->n_checks)
			continue;
		XGROW(d->checks, cap, d->n_checks + 1);
		d->checks[d->n_checks++] = id;
	}
	if (d->n_checks > 1)
		xqsort(d->checks, d->n_checks, sizeof *d->checks, dialog_cmp_str);
	dialog_open(t, d);
}

/* Cycles an enum-like filter value in [-1, n). */
static int dialog_cycle(int v, int n, int dir)
{
	v += dir;
	if (v >= n)
		return -1;
	if (v < -1)
		return n - 1;
	return v;
}

/* Changes the selected filter field by dir (+1 / -1). */
static void dialog_filter_change(struct dialog *d, int dir)
{
	struct findings_filter *f = d->flt;
	int ci = -1;
	size_t k;

	switch (d->field) {
	case FF_CATEGORY: f->category = dialog_cycle(f->category, CAT_COUNT, dir); break;
	case FF_SEVERITY:
		/* most severe first, as everywhere else */
		f->severity = f->severity < 0 ? (dir > 0 ? SEV_CRITICAL : SEV_LOW)
			: (f->severity - dir >= SEV_COUNT || f->severity - dir < 0) ? -1
			: f->severity - dir;
		break;
	case FF_STATUS: f->status = dialog_cycle(f->status, ST_COUNT, dir); break;
	case FF_CHECK:
		for (k = 0; k < d->n_checks && f->check != NULL; k++)
			if (strcmp(d->checks[k], f->check) == 0)
				ci = (int)k;
		ci = dialog_cycle(ci, (int)d->n_checks, dir);
		f->check = ci < 0 ? NULL : d->checks[ci];
		break;
	case FF_DIFF: f->diff = dialog_cycle(f->diff, 3, dir); break;
	default: break;
	}
	d->fview->ops->rebuild(d->fview);
}

/* Removes the last UTF-8 character of s. */
static void dialog_backspace(char *s, size_t *len)
{
	while (*len > 0) {
		unsigned char c = (unsigned char)s[--*len];

		if ((c & 0xc0) != 0x80)
			break;
	}
	s[*len] = '\0';
}

/* Appends a typed byte (keys below 256 that are not control characters). */
static int dialog_type(char *s, size_t *len, size_t max, int ch)
{
	if (ch < 32 || ch == 127 || ch > 255 || *len >= max)
		return 0;
	s[(*len)++] = (char)ch;
	s[*len] = '\0';
	return 1;
}

/* Closes the dialog and runs its callback with the answer; an answer the
 * dialog's check refuses leaves it open, with the text typed and the
 * reason shown in it (and on the status line). */
static void dialog_finish(struct tui *t, int choice, const char *text)
{
	struct dialog *d = t->dialog;
	char *copy;

	if (d->check != NULL && (text != NULL || choice >= 0) &&
	    d->check(t, d->arg, choice, text, d->error, sizeof d->error) != 0) {
		tui_message(t, 1, "%s", d->error);
		return;
	}
	copy = text ? xstrdup(text) : NULL;
	t->dialog = NULL;
	t->dirty = 1;
	if (d->kind == DLG_PROMPT && d->tcb != NULL)
		d->tcb(t, d->arg, copy);
	else if (d->ccb != NULL)
		d->ccb(t, d->arg, choice, copy);
	free(copy);
	dialog_free(d);
}

/* Keys of the filter editor: every change applies at once. */
static void dialog_filter_key(struct tui *t, struct dialog *d, int ch)
{
	struct findings_filter *f = d->flt;
	int on_path = d->field == FF_PATH;

	if (ch == KEY_UP || (!on_path && ch == 'k') || ch == KEY_BTAB) {
		d->field = (d->field + d->n_fields - 1) % d->n_fields;
	} else if (ch == KEY_DOWN || (!on_path && ch == 'j') || ch == '\t') {
		d->field = (d->field + 1) % d->n_fields;
	} else if (ch == KEY_RIGHT || (!on_path && (ch == 'l' || ch == ' '))) {
		dialog_filter_change(d, 1);
	} else if (ch == KEY_LEFT || (!on_path && ch == 'h')) {
		dialog_filter_change(d, -1);
	} else if (ch == '\n' || ch == 27 || (!on_path && (ch == 'q' || ch == 'F'))) {
		dialog_finish(t, 0, NULL);
	} else if (!on_path && ch == 'x') {
		f->category = f->severity = f->status = f->diff = -1;
		f->check = NULL;
		f->path[0] = '\0';
		d->fview->ops->rebuild(d->fview);
	} else if (on_path && (ch == KEY_BACKSPACE || ch == 127 || ch == 8)) {
		size_t len = strlen(f->path);

		dialog_backspace(f->path, &len);
		d->fview->ops->rebuild(d->fview);
	} else if (on_path || (ch > ' ' && ch < 127)) {
		/* text goes to the path, wherever the cursor is: the only
		 * field that takes text (the letters above are commands) */
		size_t len = strlen(f->path);

		d->field = FF_PATH;
		if (dialog_type(f->path, &len, sizeof f->path - 1, ch))
			d->fview->ops->rebuild(d->fview);
	}
}

/* Gives a key to the open dialog. */
void dialog_key(struct tui *t, int ch)
{
	struct dialog *d = t->dialog;

	if (d == NULL)
		return;
	t->dirty = 1;
	if (ch != '\n')
		d->error[0] = '\0';
	switch (d->kind) {
	case DLG_PROMPT:
		if (ch == '\n')
			dialog_finish(t, 0, d->text);
		else if (ch == 27)
			dialog_finish(t, -1, NULL);
		else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8)
			dialog_backspace(d->text, &d->len);
		else if (ch == KEY_CTRL('u'))
			d->text[d->len = 0] = '\0';
		else
			dialog_type(d->text, &d->len, DLG_TEXT_MAX, ch);
		break;
	case DLG_CHOOSE:
		if (ch == '\n') {
			if (d->allow_text && d->len > 0)
				dialog_finish(t, -1, d->text);
			else if (d->n_items > 0)
				dialog_finish(t, (int)d->pos.cursor, d->items[d->pos.cursor]);
		} else if (ch == 27 || (!d->allow_text && ch == 'q')) {
			dialog_finish(t, -1, NULL);
		} else if (ch == KEY_DOWN || (!d->allow_text && ch == 'j')) {
			list_move(&d->pos, ACT_DOWN, 10);
		} else if (ch == KEY_UP || (!d->allow_text && ch == 'k')) {
			list_move(&d->pos, ACT_UP, 10);
		} else if (d->allow_text && (ch == KEY_BACKSPACE || ch == 127 || ch == 8)) {
			dialog_backspace(d->text, &d->len);
		} else if (d->allow_text) {
			dialog_type(d->text, &d->len, DLG_TEXT_MAX, ch);
		} else if (ch >= '1' && ch <= '9' && (size_t)(ch - '1') < d->n_items) {
			dialog_finish(t, ch - '1', d->items[ch - '1']);
		}
		break;
	case DLG_CONFIRM:
		if (ch == 'y' || ch == 'Y')
			dialog_finish(t, 1, NULL);
		else if (ch == 'n' || ch == 'N' || ch == 27 || ch == 'q' || ch == '\n')
			dialog_finish(t, 0, NULL);
		break;
	case DLG_FILTER:
		dialog_filter_key(t, d, ch);
		break;
	}
}

/* The text shown for filter field i. */
static void dialog_filter_value(const struct dialog *d, int i, char *buf, size_t size)
{
	const struct findings_filter *f = d->flt;
	static const char *const diff_names[] = { "unchanged", "new", "fixed" };

	switch (i) {
	case FF_CATEGORY:
		snprintf(buf, size, "%s", f->category < 0 ? "all" : category_name((enum category)f->category));
		break;
	case FF_SEVERITY:
		snprintf(buf, size, "%s", f->severity < 0 ? "all" : severity_name((enum severity)f->severity));
		break;
	case FF_STATUS:
		snprintf(buf, size, "%s", f->status < 0 ? "all" : status_name((enum finding_status)f->status));
		break;
	case FF_CHECK:
		snprintf(buf, size, "%s", f->check ? f->check : "all");
		break;
	case FF_PATH:
		snprintf(buf, size, "%s_", f->path);
		break;
	default:
		snprintf(buf, size, "%s", f->diff < 0 ? "all" : diff_names[f->diff]);
		break;
	}
}

/* Draws the open dialog centred over the screen. */
void dialog_draw(struct tui *t)
{
	static const char *const field_names[FF_COUNT] = {
		"Category", "Severity", "Status", "Check", "Path contains", "Change"
	};
	struct dialog *d = t->dialog;
	attr_t a = theme_attr(ROLE_DIALOG);
	int w = t->cols - 8 > 72 ? 72 : t->cols - 8, h, x, y, i, row;
	char buf[256], **qlines = NULL, **elines = NULL;
	size_t nq = 0, nall = 0, capq = 0, k, ne = 0, neall = 0, cape = 0;

	if (d->error[0] != '\0') {
		/* why the answer was refused, above the hint line */
		ui_wrap(d->error, w - 4, &elines, &neall, &cape);
		ne = neall > 3 ? 3 : neall;
	}
	if (d->kind == DLG_CONFIRM) {
		/* the question wraps: narrow terminals get a taller box */
		ui_wrap(d->label, w - 4, &qlines, &nall, &capq);
		nq = nall > 4 ? 4 : nall;
	}
	if (d->kind == DLG_PROMPT)
		h = 5;
	else if (d->kind == DLG_CONFIRM)
		h = 4 + (int)nq;
	else if (d->kind == DLG_FILTER)
		h = d->n_fields + 4;
	else
		h = (int)(d->n_items < 10 ? d->n_items : 10) + 4 + (d->allow_text ? 1 : 0);
	if (d->kind == DLG_CHOOSE && d->n_items == 0)
		h++;
	h += (int)ne;
	if (h > t->rows - 2)
		h = t->rows - 2;
	x = (t->cols - w) / 2;
	y = (t->rows - h) / 2;
	for (i = 0; i < h; i++)
		ui_fill(y + i, x, w, a);
	ui_box(y, x, h, w, a, d->title, theme_attr(ROLE_DIALOG_TITLE));
	row = y + 1;
	switch (d->kind) {
	case DLG_PROMPT:
		ui_put(row, x + 2, w - 4, d->label, a, 0);
		snprintf(buf, sizeof buf, "%s_", d->text);
		ui_put_tail(row + 1, x + 2, w - 4, buf, a | A_BOLD, 0);
		for (k = 0; k < ne; k++)
			ui_put(row + 2 + (int)k, x + 2, w - 4, elines[k], a | A_BOLD, 0);
		ui_put(y + h - 2, x + 2, w - 4, "Enter accept   Esc cancel", a, 0);
		break;
	case DLG_CONFIRM:
		for (k = 0; k < nq; k++)
			ui_put(row + (int)k, x + 2, w - 4, qlines[k], a, 0);
		ui_put(y + h - 2, x + 2, w - 4, d->role == DLG_ROLE_QUIT ? "y (or Ctrl-C) yes   n no"
		       : "y yes   n no", a | A_BOLD, 0);
		break;
	case DLG_CHOOSE: {
		int page = h - 4 - (d->allow_text ? 1 : 0) - (int)ne;

		if (d->allow_text) {
			snprintf(buf, sizeof buf, "%s %s_", d->label, d->text);
			ui_put(row++, x + 2, w - 4, buf, a | A_BOLD, 0);
		}
		for (k = 0; k < ne; k++)
			ui_put(row++, x + 2, w - 4, elines[k], a | A_BOLD, 0);
		list_scroll(&d->pos, page);
		for (k = 0; (int)k < page && d->pos.top + k < d->n_items; k++) {
			size_t it = d->pos.top + k;
			attr_t ia = it == d->pos.cursor ? theme_attr(ROLE_SELECTED) : a;

			snprintf(buf, sizeof buf, "%zu  %s", it + 1, d->items[it]);
			ui_put(row + (int)k, x + 2, w - 4, buf, ia, 1);
		}
		if (d->n_items == 0)
			ui_put(row, x + 2, w - 4, "(none found)", a, 0);
		ui_put(y + h - 2, x + 2, w - 4, "Up/Down choose   Enter accept   Esc cancel", a, 0);
		break;
	}
	case DLG_FILTER:
		for (i = 0; i < d->n_fields; i++) {
			attr_t ia = i == d->field ? theme_attr(ROLE_SELECTED) : a;

			dialog_filter_value(d, i, buf, sizeof buf);
			ui_fill(row + i, x + 2, w - 4, ia);
			ui_put(row + i, x + 2, 16, field_names[i], ia, 1);
			ui_put(row + i, x + 18, w - 20, buf, ia | A_BOLD, 0);
		}
		ui_put(y + h - 2, x + 2, w - 4, d->label, a, 0);
		break;
	}
	for (k = 0; k < nall; k++)
		free(qlines[k]);
	free(qlines);
	for (k = 0; k < neall; k++)
		free(elines[k]);
	free(elines);
}

/* Describes the open dialog for :save-state. */
void dialog_state(struct dialog *d, struct strbuf *out)
{
	static const char *const kinds[] = { "prompt", "choose", "confirm", "filter" };

	sb_addf(out, "dialog=%s\ndialog_title=%s\n", kinds[d->kind], d->title);
	if (d->kind == DLG_PROMPT || d->allow_text)
		sb_addf(out, "dialog_text=%s\n", d->text);
	if (d->kind == DLG_CHOOSE)
		sb_addf(out, "dialog_items=%zu\ndialog_cursor=%zu\n", d->n_items, d->pos.cursor);
	if (d->error[0] != '\0')
		sb_addf(out, "dialog_error=%s\n", d->error);
}
