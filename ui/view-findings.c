/* The findings browser: the list with scores always visible, filters,
 * sort, search. Rows hold stable finding indexes (never pointers) and the
 * cursor is restored by finding after every re-filter or re-sort, so a
 * triage decision never makes the cursor jump. Also serves comparisons
 * (session->diff set): the same list with a NEW / FIXED / same column.
 *
 * Search matches what a row shows (id, check id and title, path:line,
 * function, issue): the matching rows are listed once per search and
 * rebuild, so n/N are a binary search and the filter line can say
 * "match 2/5"; matches are highlighted in the rows. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

enum { SORT_SEVERITY, SORT_FILE, SORT_CATEGORY, SORT_COUNT };
static const char *const findings_sort_names[SORT_COUNT] = { "severity", "file", "category" };

struct findings_view {
	size_t *rows;                /* finding indexes passing the filter, in sort order */
	size_t n_rows, cap_rows;
	struct list_pos pos;
	struct findings_filter flt;
	int sort;
	size_t cursor_finding;       /* finding under the cursor, (size_t)-1 none */
	/* what rows were built from, so that a triage change that cannot
	 * change them costs nothing (no re-filter, no re-sort of 20k rows) */
	struct findings_filter built_flt;
	int built_sort;
	const struct finding *built_base;
	size_t built_n;
	/* every finding in each sort order, made on first use: a filter
	 * change or a sort cycle is then one linear pass, not a qsort */
	size_t *order[SORT_COUNT];
	const struct finding *order_base;
	size_t order_n;
	unsigned rows_gen;           /* bumped by every rebuild of rows */
	/* rows matching the search, ascending, for match_text and rows_gen */
	size_t *matches;
	size_t n_matches, cap_matches;
	char match_text[128];
	unsigned match_gen;
	int match_valid;
};

/* Rows start below title, scores, filter line and column header; a
 * short screen drops the column header (htop and tig do the same). */
static int findings_list_top(const struct view *v)
{
	return v->app->rows >= TUI_ROOMY_ROWS ? 4 : 3;
}

/* Rows of the list on screen. */
static int findings_page(const struct view *v)
{
	return v->height - findings_list_top(v) - 1;
}

/* Column widths of CHECK and LOCATION for the screen width. */
static void findings_columns(const struct tui *t, int *check_w, int *loc_w)
{
	*check_w = t->cols >= 80 ? 21 : 16;
	*loc_w = t->cols >= 160 ? 44 : t->cols >= 100 ? 34 : t->cols >= 80 ? 24 : 20;
}

static const struct finding *findings_sort_base;

static void findings_matches(struct view *v);
static size_t findings_match_index(struct view *v);

/* Sort comparator over finding indexes; ties broken by index (stable). */
static int findings_cmp_common(size_t ia, size_t ib, int sort)
{
	const struct finding *a = &findings_sort_base[ia], *b = &findings_sort_base[ib];
	int c;

	switch (sort) {
	case SORT_FILE:
		if ((c = strcmp(a->file, b->file)) != 0)
			return c;
		if (a->line != b->line)
			return a->line < b->line ? -1 : 1;
		if (a->severity != b->severity)
			return a->severity > b->severity ? -1 : 1;
		break;
	case SORT_CATEGORY:
		if (a->category != b->category)
			return a->category < b->category ? -1 : 1;
		if (a->severity != b->severity)
			return a->severity > b->severity ? -1 : 1;
		if ((c = strcmp(a->file, b->file)) != 0)
			return c;
		if (a->line != b->line)
			return a->line < b->line ? -1 : 1;
		break;
	default:
		if (a->severity != b->severity)
			return a->severity > b->severity ? -1 : 1;
		if (a->category != b->category)
			return a->category < b->category ? -1 : 1;
		if ((c = strcmp(a->file, b->file)) != 0)
			return c;
		if (a->line != b->line)
			return a->line < b->line ? -1 : 1;
		break;
	}
	return ia < ib ? -1 : ia > ib;
}

/* qsort adaptor: by severity. */
static int findings_cmp_sev(const void *a, const void *b)
{
	return findings_cmp_common(*(const size_t *)a, *(const size_t *)b, SORT_SEVERITY);
}

/* qsort adaptor: by file. */
static int findings_cmp_file(const void *a, const void *b)
{
	return findings_cmp_common(*(const size_t *)a, *(const size_t *)b, SORT_FILE);
}

/* qsort adaptor: by category. */
static int findings_cmp_cat(const void *a, const void *b)
{
	return findings_cmp_common(*(const size_t *)a, *(const size_t *)b, SORT_CATEGORY);
}

/* Whether finding i of session s passes the filter. */
static int findings_pass(const struct session *s, size_t i, const struct findings_filter *flt)
{
	const struct finding *f = &s->run->findings[i];

	if (flt->category >= 0 && (int)f->category != flt->category)
		return 0;
	if (flt->severity >= 0 && (int)f->severity != flt->severity)
		return 0;
	if (flt->status >= 0 && (int)f->status != flt->status)
		return 0;
	if (flt->check != NULL && (f->check == NULL || strcmp(f->check->id, flt->check) != 0))
		return 0;
	if (flt->path[0] != '\0' && !ui_contains(f->file, flt->path))
		return 0;
	if (flt->diff >= 0 && s->diff != NULL && s->diff[i] != flt->diff)
		return 0;
	return 1;
}

/* Whether the rows built last are still right: same run, sort and
 * filter, and no status filter (triage only changes statuses). */
static int findings_rows_current(const struct findings_view *fv, const struct run *r)
{
	const struct findings_filter *a = &fv->flt, *b = &fv->built_flt;

	return fv->built_base == r->findings && fv->built_n == r->n_findings &&
	       fv->built_sort == fv->sort && a->status < 0 && b->status < 0 &&
	       a->category == b->category && a->severity == b->severity &&
	       a->check == b->check && a->diff == b->diff && strcmp(a->path, b->path) == 0;
}

/* All findings of the run in the current sort order (cached per order;
 * dropped when the run changes). */
static const size_t *findings_order(struct findings_view *fv, const struct run *r)
{
	int (*cmp)(const void *, const void *) = fv->sort == SORT_FILE ? findings_cmp_file
		: fv->sort == SORT_CATEGORY ? findings_cmp_cat : findings_cmp_sev;
	size_t *o, i;
	int k;

	if (fv->order_base != r->findings || fv->order_n != r->n_findings) {
		for (k = 0; k < SORT_COUNT; k++) {
			free(fv->order[k]);
			fv->order[k] = NULL;
		}
		fv->order_base = r->findings;
		fv->order_n = r->n_findings;
	}
	if (fv->order[fv->sort] != NULL)
		return fv->order[fv->sort];
	o = xmalloc((r->n_findings ? r->n_findings : 1) * sizeof *o);
	for (i = 0; i < r->n_findings; i++)
		o[i] = i;
	/* the comparators read severity, category, file and line, which
	 * triage never changes, so the order stays valid for the run */
	findings_sort_base = r->findings;
	if (r->n_findings > 1)
		xqsort(o, r->n_findings, sizeof *o, cmp);
	fv->order[fv->sort] = o;
	return o;
}

/* Re-filters and re-sorts, keeping the cursor on the same finding. */
static void findings_rebuild(struct view *v)
{
	struct findings_view *fv = v->priv;
	const struct run *r = v->session->run;
	size_t i, keep = fv->cursor_finding, old_cursor = fv->pos.cursor;
	const size_t *ord = findings_order(fv, r);

	fv->built_flt = fv->flt;
	fv->built_sort = fv->sort;
	fv->built_base = r->findings;
	fv->built_n = r->n_findings;
	fv->n_rows = 0;
	XGROW(fv->rows, fv->cap_rows, r->n_findings);
	for (i = 0; i < r->n_findings; i++)
		if (findings_pass(v->session, ord[i], &fv->flt))
			fv->rows[fv->n_rows++] = ord[i];
	fv->pos.n = fv->n_rows;
	fv->pos.cursor = old_cursor < fv->n_rows ? old_cursor : (fv->n_rows ? fv->n_rows - 1 : 0);
	for (i = 0; i < fv->n_rows; i++)
		if (fv->rows[i] == keep) {
			fv->pos.cursor = i;
			break;
		}
	fv->cursor_finding = fv->n_rows ? fv->rows[fv->pos.cursor] : (size_t)-1;
	fv->rows_gen++;
	list_scroll(&fv->pos, findings_page(v));
}

/* The one-letter status mark of a row. */
static char findings_status_mark(const struct finding *f)
{
	switch (f->status) {
	case ST_ADVISORY:       return 'A';
	case ST_ADR_OVERRIDE:   return 'D';
	case ST_FALSE_POSITIVE: return 'X';
	default:                return ' ';
	}
}

/* Four-letter severity for the list. */
static const char *findings_sev_short(enum severity s)
{
	static const char *const n[] = { "LOW", "MED", "HIGH", "CRIT" };

	return s < SEV_COUNT ? n[s] : "?";
}

/* Describes the filter in a few words for the filter line. */
static void findings_filter_text(const struct findings_filter *flt, struct strbuf *sb)
{
	size_t start = sb->len;

	if (flt->category >= 0)
		sb_addf(sb, " %s", category_short((enum category)flt->category));
	if (flt->severity >= 0)
		sb_addf(sb, " %s", severity_name((enum severity)flt->severity));
	if (flt->status >= 0)
		sb_addf(sb, " %s", status_name((enum finding_status)flt->status));
	if (flt->check != NULL)
		sb_addf(sb, " %s", flt->check);
	if (flt->path[0] != '\0')
		sb_addf(sb, " path~%s", flt->path);
	if (flt->diff >= 0)
		sb_addf(sb, " %s", flt->diff == 1 ? "new" : flt->diff == 2 ? "fixed" : "unchanged");
	if (sb->len == start)
		sb_adds(sb, " none");
}

/* Draws one list row. */
static void findings_draw_row(struct view *v, int y, size_t fi, int selected)
{
	struct tui *t = v->app;
	const struct session *s = v->session;
	const struct finding *f = &s->run->findings[fi];
	attr_t base = selected ? theme_attr(ROLE_SELECTED) : A_NORMAL;
	attr_t hl = theme_attr(ROLE_MATCH) | A_BOLD;
	const char *q = t->search[0] != '\0' ? t->search : NULL;
	char loc[512], mark[8];
	int x = 0, w = t->cols, check_w, loc_w;

	findings_columns(t, &check_w, &loc_w);
	if (selected)
		ui_fill(y, 0, w, base);
	if (s->diff != NULL) {
		static const char *const tags[] = { "     ", "NEW  ", "FIXED" };

		x += ui_put(y, x, 6, tags[s->diff[fi] < 3 ? s->diff[fi] : 0],
			    base | (s->diff[fi] == 1 ? theme_attr(ROLE_BAD) : s->diff[fi] == 2
				    ? theme_attr(ROLE_OK) : A_NORMAL), 1);
	}
	snprintf(mark, sizeof mark, "%c ", findings_status_mark(f));
	x += ui_put(y, x, 2, mark, base | A_BOLD, 1);
	x += ui_put(y, x, 5, findings_sev_short(f->severity),
		    selected ? base : theme_attr(theme_severity_role(f->severity)), 1);
	x += ui_put_hl(y, x, check_w, f->check ? f->check->id : "?", base, 1, 0, q, hl);
	x += ui_put(y, x, 1, " ", base, 1);
	snprintf(loc, sizeof loc, "%s:%d", f->file, f->line);
	x += ui_put_hl(y, x, loc_w, loc, selected ? base : base | theme_attr(ROLE_DIM), 1, 1, q, hl);
	x += ui_put(y, x, 1, " ", base, 1);
	if (x < w)
		ui_put_hl(y, x, w - x, f->issue ? f->issue : "", base, selected, 0, q, hl);
}

/* Draws the list with its header lines and status bar. */
static void findings_draw(struct view *v, int top, int height)
{
	struct tui *t = v->app;
	struct findings_view *fv = v->priv;
	const struct session *s = v->session;
	const struct run *r = s->run;
	struct strbuf sb = STRBUF_INIT, right = STRBUF_INIT;
	int list_top = findings_list_top(v), page = height - list_top - 1, y, x, check_w, loc_w;
	size_t i;

	list_scroll(&fv->pos, page);
	sb_addf(&sb, "ppaudit  %s", s->title ? s->title : r->date);
	if (r->git.head != NULL)
		sb_addf(&sb, "  %.7s%s%s", r->git.head, r->git.branch ? " " : "",
			r->git.branch ? r->git.branch : "");
	if (s->read_only)
		sb_adds(&sb, "  [compare, read-only]");
	else if (s->dirty)
		sb_adds(&sb, "  [unsaved report]");
	sb_addf(&right, "%zu/%zu findings ", fv->n_rows ? fv->pos.cursor + 1 : 0, fv->n_rows);
	ui_title_bar(t, sb_str(&sb), sb_str(&right));
	sb_reset(&sb);

	ui_scores_line(t, top + 1, &r->scores);

	sb_addf(&sb, "Sort: %s  Filter:", findings_sort_names[fv->sort]);
	findings_filter_text(&fv->flt, &sb);
	x = ui_put(top + 2, 0, t->cols, sb_str(&sb), A_NORMAL, 0);
	sb_reset(&sb);
	if (t->search[0] != '\0') {
		/* the search and its count before the totals: narrow screens
		 * cut the end of this line */
		size_t at = findings_match_index(v);

		findings_matches(v);
		sb_addf(&sb, "  /%s ", t->search);
		x += ui_put(top + 2, x, t->cols - x, sb_str(&sb), theme_attr(ROLE_MATCH) | A_BOLD, 0);
		sb_reset(&sb);
		if (at != 0)
			sb_addf(&sb, " match %zu/%zu", at, fv->n_matches);
		else
			sb_addf(&sb, " %zu match%s", fv->n_matches, fv->n_matches == 1 ? "" : "es");
		x += ui_put(top + 2, x, t->cols - x, sb_str(&sb), A_BOLD, 0);
		sb_reset(&sb);
	}
	if (s->diff != NULL)
		sb_addf(&sb, "  new %zu fixed %zu unchanged %zu", s->n_new, s->n_fixed, s->n_same);
	else
		sb_addf(&sb, "  open %u adv %u adr %u fp %u", r->scores.n_open, r->scores.n_advisory,
			r->scores.n_adr, r->scores.n_false_positive);
	ui_put(top + 2, x, t->cols - x, sb_str(&sb), theme_attr(ROLE_DIM), 0);
	sb_reset(&sb);

	findings_columns(t, &check_w, &loc_w);
	if (list_top > 3) {
		if (s->diff != NULL)
			sb_adds(&sb, "DIFF  ");
		sb_addf(&sb, "  SEV  %-*s %-*s ISSUE", check_w, "CHECK", loc_w, "LOCATION");
		ui_put(top + 3, 0, t->cols, sb_str(&sb), theme_attr(ROLE_HEADER), 1);
	}

	for (i = 0, y = top + list_top; y < top + height - 1; i++, y++) {
		size_t row = fv->pos.top + i;

		if (row >= fv->n_rows)
			break;
		findings_draw_row(v, y, fv->rows[row], row == fv->pos.cursor);
	}
	if (fv->n_rows == 0)
		ui_put(top + list_top + (list_top > 3), 2, t->cols - 4,
		       r->n_findings == 0 ? "No findings: nothing to triage."
		       : "No finding matches the filter (F to change it).", theme_attr(ROLE_DIM), 0);
	ui_status_bar(t, s->read_only
		      ? " Enter open  F filter  s sort  / search  i doc  q back  ? help"
		      : " Enter open  a advisory  f false-pos  A ADR  u undo  F filter  / search  ? help");
	sb_release(&sb);
	sb_release(&right);
}

/* Whether finding f matches the search text, as its row and detail show
 * it: id, check id and title, "path:line", function, issue. */
static int findings_match(const struct finding *f, const char *q)
{
	struct strbuf sb = STRBUF_INIT;
	int m;

	if (ui_contains(f->id, q) || (f->check && (ui_contains(f->check->id, q) ||
						   ui_contains(f->check->title, q))) ||
	    ui_contains(f->file, q) || ui_contains(f->function, q) || ui_contains(f->issue, q))
		return 1;
	if (strchr(q, ':') == NULL)
		return 0;
	/* "flows.py:362" as the LOCATION column shows it */
	sb_addf(&sb, "%s:%d", f->file, f->line);
	m = ui_contains(sb_str(&sb), q);
	sb_release(&sb);
	return m;
}

/* The rows matching the search (built once per search text and rows). */
static void findings_matches(struct view *v)
{
	struct findings_view *fv = v->priv;
	const char *q = v->app->search;
	size_t i;

	if (fv->match_valid && fv->match_gen == fv->rows_gen && strcmp(fv->match_text, q) == 0)
		return;
	fv->n_matches = 0;
	if (q[0] != '\0')
		for (i = 0; i < fv->n_rows; i++)
			if (findings_match(&v->session->run->findings[fv->rows[i]], q)) {
				XGROW(fv->matches, fv->cap_matches, fv->n_matches + 1);
				fv->matches[fv->n_matches++] = i;
			}
	snprintf(fv->match_text, sizeof fv->match_text, "%s", q);
	fv->match_gen = fv->rows_gen;
	fv->match_valid = 1;
}

/* First match index whose row is >= row (n_matches when none). */
static size_t findings_match_lower(const struct findings_view *fv, size_t row)
{
	size_t lo = 0, hi = fv->n_matches;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (fv->matches[mid] < row)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* 1-based number of the match under the cursor, 0 when it is not one. */
static size_t findings_match_index(struct view *v)
{
	struct findings_view *fv = v->priv;
	size_t k;

	if (v->app->search[0] == '\0')
		return 0;
	findings_matches(v);
	k = findings_match_lower(fv, fv->pos.cursor);
	return k < fv->n_matches && fv->matches[k] == fv->pos.cursor ? k + 1 : 0;
}

/* Moves to the next (dir 1) or previous (dir -1) match, wrapping. */
static void findings_search(struct view *v, int dir, int include_current)
{
	struct findings_view *fv = v->priv;
	struct tui *t = v->app;
	size_t k, cur = fv->pos.cursor, row;
	int wrapped = 0;

	if (t->search[0] == '\0') {
		tui_message(t, 0, "No search: press / first");
		return;
	}
	findings_matches(v);
	if (fv->n_matches == 0) {
		tui_message(t, 1, "No match for \"%s\"", t->search);
		return;
	}
	if (dir > 0) {
		k = findings_match_lower(fv, include_current ? cur : cur + 1);
		if (k == fv->n_matches) {
			k = 0;
			wrapped = 1;
		}
	} else {
		k = findings_match_lower(fv, include_current ? cur + 1 : cur);
		if (k == 0) {
			k = fv->n_matches;
			wrapped = 1;
		}
		k--;
	}
	row = fv->matches[k];
	if (wrapped && row != cur)
		tui_message(t, 0, "Search wrapped");
	fv->pos.cursor = row;
	fv->cursor_finding = fv->rows[row];
	list_scroll(&fv->pos, findings_page(v));
}

/* The search prompt's answer. */
static void findings_search_done(struct tui *t, void *arg, const char *text)
{
	struct view *v = view_top(t);

	(void)arg;
	if (text == NULL || v == NULL || v->ops->draw != findings_draw)
		return;
	/* an empty answer repeats the last search, as in less and vi */
	if (text[0] != '\0')
		snprintf(t->search, sizeof t->search, "%s", text);
	if (t->search[0] != '\0')
		findings_search(v, 1, 1);
}

/* The finding under the cursor. */
size_t view_findings_current(struct view *v)
{
	struct findings_view *fv = v->priv;

	return fv->n_rows ? fv->rows[fv->pos.cursor] : (size_t)-1;
}

/* Moves the cursor one finding from `from`. */
size_t view_findings_step(struct view *v, size_t from, int dir)
{
	struct findings_view *fv = v->priv;
	size_t i;

	for (i = 0; i < fv->n_rows; i++) {
		if (fv->rows[i] != from)
			continue;
		if (dir > 0 && i + 1 < fv->n_rows)
			i++;
		else if (dir < 0 && i > 0)
			i--;
		fv->pos.cursor = i;
		fv->cursor_finding = fv->rows[i];
		return fv->rows[i];
	}
	return from;
}

/* List keys: moves, open, search, sort, filter, triage, history, export. */
static int findings_key(struct view *v, enum ui_action act, int ch)
{
	struct findings_view *fv = v->priv;
	struct tui *t = v->app;
	struct session *s = v->session;
	size_t cur = view_findings_current(v);

	(void)ch;
	if (list_move(&fv->pos, act, findings_page(v))) {
		fv->cursor_finding = fv->n_rows ? fv->rows[fv->pos.cursor] : (size_t)-1;
		return 1;
	}
	switch (act) {
	case ACT_ENTER:
		if (cur != (size_t)-1)
			view_push(t, view_detail_new(t, s, cur));
		return 1;
	case ACT_SEARCH:
		dialog_prompt(t, "Search", t->search[0] ? "/ (empty: repeat the last search)" : "/",
			      "", findings_search_done, NULL);
		return 1;
	case ACT_NEXT:
		findings_search(v, 1, 0);
		return 1;
	case ACT_PREV:
		findings_search(v, -1, 0);
		return 1;
	case ACT_SORT:
		fv->sort = (fv->sort + 1) % SORT_COUNT;
		findings_rebuild(v);
		tui_message(t, 0, "Sorted by %s", findings_sort_names[fv->sort]);
		return 1;
	case ACT_FILTER:
		dialog_filter(t, v, &fv->flt, s->run);
		return 1;
	case ACT_ADVISORY: case ACT_ADR: case ACT_FALSE_POS: case ACT_REOPEN:
		if (cur == (size_t)-1) {
			tui_message(t, 1, "No finding selected");
			return 1;
		}
		tui_triage_action(t, s, cur, act);
		return 1;
	case ACT_UNDO: case ACT_REDO:
		tui_triage_action(t, s, cur, act);
		return 1;
	case ACT_BULK: {
		/* every row of the list as filtered (issue 13 item 13) */
		struct strbuf what = STRBUF_INIT;
		size_t start;

		sb_adds(&what, "the filter:");
		start = what.len;
		findings_filter_text(&fv->flt, &what);
		if (strcmp(sb_str(&what) + start, " none") == 0) {
			sb_release(&what);
			sb_adds(&what, "the whole list (no filter)");
		}
		tui_triage_bulk(t, s, fv->rows, fv->n_rows, sb_str(&what));
		sb_release(&what);
		return 1;
	}
	case ACT_DOC:
		if (cur != (size_t)-1 && s->run->findings[cur].check != NULL) {
			struct view *d = view_doc_new(t, s->run->findings[cur].check->id);

			if (d != NULL)
				view_push(t, d);
		}
		return 1;
	case ACT_HISTORY:
		view_push(t, view_runs_new(t, s));
		return 1;
	case ACT_COMPARE_PREV: {
		struct view *c = s->read_only ? NULL : view_compare_previous(t, s);

		if (c != NULL)
			view_push(t, c);
		else if (s->read_only)
			tui_message(t, 1, "A comparison cannot be compared again: q goes back");
		return 1;
	}
	case ACT_EXPORT:
		dialog_export(t, s);
		return 1;
	case ACT_SAVE:
		if (s->read_only)
			tui_message(t, 1, "A comparison has nothing to save");
		else if (tui_session_save(t, s) == 0)
			tui_message(t, 0, "Saved run.json and the reports of %s", s->run->date);
		return 1;
	case ACT_PROGRESS:
		if (t->live != NULL)
			view_push(t, view_progress_new(t));
		else
			tui_message(t, 0, "No live run in this session (ppaudit review)");
		return 1;
	default:
		return 0;
	}
}

/* Wheel scrolls, click selects, double click opens. */
static void findings_mouse(struct view *v, int row, int dbl)
{
	struct findings_view *fv = v->priv;
	int list_top = findings_list_top(v), page = findings_page(v);

	if (row == -1 || row == -2) {
		/* the wheel moves the cursor three rows, like most terminal apps */
		int k;

		for (k = 0; k < 3; k++)
			list_move(&fv->pos, row == -1 ? ACT_UP : ACT_DOWN, page);
	} else if (row >= list_top && row < list_top + page) {
		size_t r = fv->pos.top + (size_t)(row - list_top);

		if (r >= fv->n_rows)
			return;
		fv->pos.cursor = r;
		if (dbl)
			findings_key(v, ACT_ENTER, '\n');
	}
	fv->cursor_finding = fv->n_rows ? fv->rows[fv->pos.cursor] : (size_t)-1;
}

/* List state for :save-state. */
static void findings_state(struct view *v, struct strbuf *out)
{
	struct findings_view *fv = v->priv;
	const struct run *r = v->session->run;
	size_t cur = view_findings_current(v);
	int c;

	sb_addf(out, "rows=%zu\ncursor=%zu\n", fv->n_rows, fv->pos.cursor);
	if (cur != (size_t)-1)
		sb_addf(out, "cursor_id=%s\ncursor_check=%s\ncursor_status=%s\n", r->findings[cur].id,
			r->findings[cur].check ? r->findings[cur].check->id : "?",
			status_name(r->findings[cur].status));
	sb_addf(out, "sort=%s\nfilter=", findings_sort_names[fv->sort]);
	findings_filter_text(&fv->flt, out);
	sb_addf(out, "\nsearch=%s\n", v->app->search);
	if (v->app->search[0] != '\0') {
		size_t at = findings_match_index(v);

		sb_addf(out, "search_matches=%zu\nsearch_match=%zu\n", fv->n_matches, at);
	}
	sb_addf(out, "overall=%.1f\n", r->scores.overall);
	for (c = 0; c < CAT_COUNT; c++)
		sb_addf(out, "score.%s=%.1f\n", category_id((enum category)c), r->scores.category[c]);
	sb_addf(out, "open=%u\nadvisory=%u\nadr=%u\nfalse_positive=%u\ndirty=%d\n",
		r->scores.n_open, r->scores.n_advisory, r->scores.n_adr,
		r->scores.n_false_positive, v->session->dirty);
}

/* Frees the list; a run opened from history is saved and freed with it. */
static void findings_free(struct view *v)
{
	struct findings_view *fv = v->priv;
	int k;

	/* a run opened from history is saved when its view closes */
	if (v->session != v->app->main) {
		if (v->session->dirty && tui_session_save(v->app, v->session) != 0)
			v->app->message_error = 1;
		session_free(v->session);
	}
	for (k = 0; k < SORT_COUNT; k++)
		free(fv->order[k]);
	free(fv->rows);
	free(fv->matches);
	free(fv);
}

/* Re-filters after a triage change or a filter edit; nothing to do when
 * neither can have changed the rows. */
static void findings_refresh(struct view *v)
{
	struct findings_view *fv = v->priv;

	if (!findings_rows_current(fv, v->session->run))
		findings_rebuild(v);
}

const struct view_ops view_findings_ops = {
	"findings", VK_FINDINGS, findings_draw, findings_key, findings_state,
	NULL, findings_mouse, findings_free, findings_refresh
};

static const struct view_ops view_compare_ops = {
	"compare", VK_COMPARE, findings_draw, findings_key, findings_state,
	NULL, findings_mouse, findings_free, findings_refresh
};

/* A list over session s (a comparison when s->diff is set). */
struct view *view_findings_new(struct tui *t, struct session *s)
{
	struct findings_view *fv = xcalloc(1, sizeof *fv);
	struct view *v;

	fv->flt.category = fv->flt.severity = fv->flt.status = fv->flt.diff = -1;
	fv->cursor_finding = (size_t)-1;
	v = view_new(t, s->diff != NULL ? &view_compare_ops : &view_findings_ops, s, fv);
	v->height = t->rows;
	findings_rebuild(v);
	return v;
}
