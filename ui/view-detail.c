/* The detail of one finding: issue, recommendation, effort, principle,
 * evidence, the source lines around it with its lines highlighted (from
 * disk, or from the run's commit when the file changed since), and who
 * last changed the line (libgit2 blame, computed lazily after the first
 * frame so opening a finding is instant). */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "git.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

enum { DETAIL_CONTEXT = 5, DETAIL_MAX_SOURCE = 60 };

struct detail_view {
	size_t finding;
	struct text_page page;
	int blame_state;             /* 0 pending, 1 done, -1 unavailable */
	char *blame;                 /* "Jane Doe, 2026-11-02" */
	char *source_note;           /* where the source lines came from */
	char *source;                /* the file's text (disk or blob) */
	size_t source_len;
};

/* Effort letter in words. */
static const char *detail_effort_text(char e)
{
	switch (e) {
	case 'S': return "S (under 1 h)";
	case 'M': return "M (1-4 h)";
	case 'L': return "L (over 4 h)";
	default:  return "?";
	}
}

/* Loads the file's text: disk, or the run's commit when they differ. */
static void detail_load_source(struct view *v)
{
	struct detail_view *dv = v->priv;
	const struct session *s = v->session;
	const struct run *r = s->run;
	const struct finding *f = &r->findings[dv->finding];
	/* run.json is hostile input: its "file" must stay inside the tree */
	int safe = fs_rel_is_safe(f->file);
	char *abs = fs_join(s->root, f->file);
	size_t dlen = 0, blen = 0;
	char *disk = safe ? fs_read_file(abs, 8u << 20, &dlen) : NULL;
	char *blob = safe && r->git.head ? git_blob_at(s->root, r->git.head, f->file, &blen) : NULL;

	free(abs);
	if (disk != NULL && (blob == NULL || (blen == dlen && memcmp(blob, disk, dlen) == 0) || r->git.dirty)) {
		/* a run on a dirty tree saw the disk, not the commit */
		dv->source = disk;
		dv->source_len = dlen;
		dv->source_note = xstrdup("from disk");
		free(blob);
	} else if (blob != NULL) {
		dv->source = blob;
		dv->source_len = blen;
		dv->source_note = xasprintf("from commit %.7s: %s", r->git.head,
					    disk ? "the file changed since the run" : "the file is gone from disk");
		free(disk);
	} else {
		dv->source_note = xstrdup("source not available (file missing, no git history)");
		free(disk);
	}
}

/* Appends the source lines around the finding, tabs expanded. */
static void detail_add_source(struct detail_view *dv, const struct finding *f, int width)
{
	const char *p = dv->source, *end = dv->source + dv->source_len;
	int line = 1, from = f->line - DETAIL_CONTEXT, to = (f->end_line > f->line ? f->end_line : f->line) + DETAIL_CONTEXT;
	struct strbuf sb = STRBUF_INIT;

	if (to - from > DETAIL_MAX_SOURCE)
		to = from + DETAIL_MAX_SOURCE;
	while (p != NULL && p < end && line <= to) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		if (line >= from) {
			int hl = line >= f->line && line <= (f->end_line > f->line ? f->end_line : f->line);
			const char *q;
			int col = 0;

			sb_reset(&sb);
			sb_addf(&sb, "%s%5d | ", hl ? ">" : " ", line);
			for (q = p; q < le; q++) {
				if (*q == '\t') {
					do
						sb_addc(&sb, ' ');
					while (++col % 4 != 0);
				} else if (*q != '\r') {
					sb_addc(&sb, *q);
					col++;
				}
			}
			page_add(&dv->page, hl ? ROLE_HIGHLIGHT : ROLE_NORMAL, sb_str(&sb));
		}
		line++;
		p = nl ? nl + 1 : end;
	}
	(void)width;
	sb_release(&sb);
}

/* Builds the page from the finding's current state. */
static void detail_build(struct view *v)
{
	struct detail_view *dv = v->priv;
	struct tui *t = v->app;
	const struct finding *f = &v->session->run->findings[dv->finding];
	int w = t->cols - 1;
	size_t i, top = dv->page.top;

	page_free(&dv->page);
	page_addf(&dv->page, theme_severity_role(f->severity), "%s  %s  %s%s%s", f->id,
		  severity_name(f->severity), f->check ? f->check->title : "?",
		  f->status != ST_OPEN ? "  -  " : "", f->status != ST_OPEN ? status_name(f->status) : "");
	if (f->end_line > f->line)
		page_addf(&dv->page, ROLE_NORMAL, "Location:   %s:%d-%d%s%s", f->file, f->line,
			  f->end_line, f->function ? " in " : "", f->function ? f->function : "");
	else
		page_addf(&dv->page, ROLE_NORMAL, "Location:   %s:%d%s%s", f->file, f->line,
			  f->function ? " in " : "", f->function ? f->function : "");
	page_addf(&dv->page, ROLE_NORMAL, "Check:      %s (%s)", f->check ? f->check->id : "?",
		  category_name(f->category));
	if (f->original_severity != f->severity)
		page_addf(&dv->page, ROLE_NORMAL, "Severity:   %s (was %s before context validation)",
			  severity_name(f->severity), severity_name(f->original_severity));
	else
		page_addf(&dv->page, ROLE_NORMAL, "Severity:   %s", severity_name(f->severity));
	page_addf(&dv->page, ROLE_NORMAL, "Principle:  %s", f->check ? f->check->principle : "?");
	page_addf(&dv->page, ROLE_NORMAL, "Effort:     %s", detail_effort_text(f->effort));
	page_addf(&dv->page, ROLE_NORMAL, "Last change: %s", dv->blame_state == 1 ? dv->blame
		  : dv->blame_state == 0 ? "(looking it up...)" : "not available (no git history for this line)");
	if (f->status != ST_OPEN || f->adv.reason != NULL || f->adv.rule == ADV_MANUAL) {
		page_addf(&dv->page, ROLE_WARN, "Status:     %s%s%s", status_name(f->status),
			  f->adv.rule != ADV_NONE ? ", rule " : "",
			  f->adv.rule != ADV_NONE ? advisory_rule_name(f->adv.rule) : "");
		if (f->adv.reason)
			page_add_wrapped(&dv->page, ROLE_NORMAL, f->adv.reason, w, 12);
		if (f->adv.adr)
			page_addf(&dv->page, ROLE_NORMAL, "            ADR: %s", f->adv.adr);
		if (f->adv.author || f->adv.time)
			page_addf(&dv->page, ROLE_DIM, "            by %s, %s",
				  f->adv.author ? f->adv.author : "?", f->adv.time ? f->adv.time : "?");
	}
	if (f->suggest.adr != NULL) {
		/* a keyword match only: shown, never applied (issue 13 item 2) */
		page_addf(&dv->page, ROLE_WARN, "Suggested:  %s%s", f->suggest.adr,
			  f->status == ST_OPEN && !v->session->read_only ? " (A links it)" : "");
		page_add_wrapped(&dv->page, ROLE_NORMAL, f->suggest.reason ? f->suggest.reason
				 : "a keyword match only: not applied", w, 12);
	}
	page_add(&dv->page, ROLE_NORMAL, "");
	page_add(&dv->page, ROLE_HEADER, "Issue");
	page_add_wrapped(&dv->page, ROLE_NORMAL, f->issue ? f->issue : "", w, 2);
	page_add(&dv->page, ROLE_HEADER, "Recommendation");
	page_add_wrapped(&dv->page, ROLE_NORMAL, f->recommendation ? f->recommendation : "", w, 2);
	if (f->n_evidence > 0) {
		page_add(&dv->page, ROLE_HEADER, "Evidence");
		for (i = 0; i < f->n_evidence; i++)
			page_addf(&dv->page, ROLE_NORMAL, "  %s", f->evidence[i]);
	}
	page_addf(&dv->page, ROLE_HEADER, "Source (%s)", dv->source_note);
	detail_add_source(dv, f, w);
	page_add(&dv->page, ROLE_NORMAL, "");
	page_add(&dv->page, ROLE_DIM, "i: the check's documentation");
	dv->page.top = top;
}

/* Draws the detail page. */
static void detail_draw(struct view *v, int top, int height)
{
	struct detail_view *dv = v->priv;
	struct tui *t = v->app;
	const struct finding *f = &v->session->run->findings[dv->finding];
	char left[600], right[48];

	snprintf(left, sizeof left, "%s %s  %s:%d", f->id, f->check ? f->check->id : "?", f->file, f->line);
	snprintf(right, sizeof right, "Overall %.1f ", v->session->run->scores.overall);
	ui_title_bar(t, left, right);
	dv->page.needle = t->search;
	page_draw(&dv->page, top + 1, height - 2, t->cols);
	ui_status_bar(t, v->session->read_only
		      ? " j/k scroll  / search  i doc  q back  ? help"
		      : " j/k scroll  a advisory  f false-pos  A ADR  o reopen  u undo  i doc  ? help");
}

/* Detail keys: scroll, search, triage, doc, export. */
static int detail_key(struct view *v, enum ui_action act, int ch)
{
	struct detail_view *dv = v->priv;
	struct tui *t = v->app;
	const struct finding *f = &v->session->run->findings[dv->finding];

	(void)ch;
	if (page_key(t, &dv->page, act, v->height - 2))
		return 1;
	switch (act) {
	case ACT_ADVISORY: case ACT_ADR: case ACT_FALSE_POS: case ACT_REOPEN:
	case ACT_UNDO: case ACT_REDO:
		tui_triage_action(t, v->session, dv->finding, act);
		return 1;
	case ACT_DOC:
		if (f->check != NULL) {
			struct view *d = view_doc_new(t, f->check->id);

			if (d != NULL)
				view_push(t, d);
		}
		return 1;
	case ACT_EXPORT:
		dialog_export(t, v->session);
		return 1;
	default:
		return 0;
	}
}

/* The lazy part: blame of the finding's line. */
static int detail_idle(struct view *v)
{
	struct detail_view *dv = v->priv;
	const struct finding *f = &v->session->run->findings[dv->finding];
	char *author = NULL, *date = NULL;

	if (dv->blame_state != 0)
		return 0;
	if (git_blame_line(v->session->root, f->file, f->line, &author, &date) == 0 && author != NULL) {
		dv->blame = xasprintf("%s, %.10s", author, date ? date : "?");
		dv->blame_state = 1;
	} else {
		dv->blame_state = -1;
	}
	free(author);
	free(date);
	detail_build(v);
	return 1;
}

/* The wheel scrolls the page. */
static void detail_mouse(struct view *v, int row, int dbl)
{
	struct detail_view *dv = v->priv;
	int k;

	(void)dbl;
	if (row == -1 || row == -2)
		for (k = 0; k < 3; k++)
			page_key(v->app, &dv->page, row == -1 ? ACT_UP : ACT_DOWN, v->height - 2);
}

/* Detail state for :save-state. */
static void detail_state(struct view *v, struct strbuf *out)
{
	struct detail_view *dv = v->priv;
	const struct finding *f = &v->session->run->findings[dv->finding];

	sb_addf(out, "finding=%s\nstatus=%s\nlines=%zu\ntop=%zu\nblame=%s\nsource=%s\n", f->id,
		status_name(f->status), dv->page.n, dv->page.top,
		dv->blame_state == 1 ? dv->blame : dv->blame_state == 0 ? "pending" : "none",
		dv->source_note);
}

/* Frees the detail view. */
static void detail_free(struct view *v)
{
	struct detail_view *dv = v->priv;

	page_free(&dv->page);
	free(dv->blame);
	free(dv->source_note);
	free(dv->source);
	free(dv);
}

/* Rebuilds the page after a triage change. */
static void detail_refresh(struct view *v)
{
	detail_build(v);
}

const struct view_ops view_detail_ops = {
	"detail", VK_DETAIL, detail_draw, detail_key, detail_state, detail_idle,
	detail_mouse, detail_free, detail_refresh
};

/* Opens the detail of finding `finding`; blame comes later. */
struct view *view_detail_new(struct tui *t, struct session *s, size_t finding)
{
	struct detail_view *dv = xcalloc(1, sizeof *dv);
	struct view *v = view_new(t, &view_detail_ops, s, dv);

	dv->finding = finding;
	v->height = t->rows;
	detail_load_source(v);
	detail_build(v);
	tui_request_idle(t);
	return v;
}
