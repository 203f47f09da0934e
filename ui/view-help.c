/* The binding table, the `?` help page generated from it, the generic
 * pager, and the check documentation page. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "embedded.h"
#include "util/xalloc.h"

const struct key_binding key_bindings[ACT_COUNT] = {
	[ACT_NONE] = { ACT_NONE, 0, 0, "none", "", "", 0 },
#define KEY_ROW(a, k1, k2, label, help, views) \
	[ACT_##a] = { ACT_##a, k1, k2, #a, label, help, views },
	KEY_INFO(KEY_ROW)
#undef KEY_ROW
};

/* The action of a key in a view (first match in table order). */
enum ui_action keys_lookup(int ch, unsigned view_bit)
{
	int i;

	if (ch == '\r')
		ch = '\n';
	for (i = 1; i < ACT_COUNT; i++) {
		const struct key_binding *b = &key_bindings[i];

		if ((b->views & view_bit) && (b->key1 == ch || (b->key2 != 0 && b->key2 == ch)))
			return b->action;
	}
	return ACT_NONE;
}

/* Whether act applies to v as it is now: the help lists only these. */
int view_action_available(const struct view *v, enum ui_action act)
{
	const struct session *s = v->session;

	if (act <= ACT_NONE || act >= ACT_COUNT || !(key_bindings[act].views & v->ops->view_bit))
		return 0;
	switch (act) {
	case ACT_ADVISORY: case ACT_ADR: case ACT_FALSE_POS: case ACT_REOPEN: case ACT_BULK:
	case ACT_UNDO: case ACT_REDO: case ACT_EXPORT: case ACT_COMPARE_PREV:
		/* a comparison (and a finding opened from it) is read-only */
		return s == NULL || !s->read_only;
	case ACT_PROGRESS:
		return v->app->live != NULL;
	default:
		return 1;
	}
}

struct pager {
	char *title;
	struct text_page page;
	unsigned view_bit;           /* for help pages: the view described */
};

/* Draws a pager. */
static void pager_draw(struct view *v, int top, int height)
{
	struct pager *p = v->priv;
	struct tui *t = v->app;
	char right[48];

	snprintf(right, sizeof right, "%zu/%zu lines ", p->page.n ? p->page.top + 1 : 0, p->page.n);
	ui_title_bar(t, p->title, right);
	p->page.needle = t->search;
	page_draw(&p->page, top + 1, height - 2, t->cols);
	ui_status_bar(t, " j/k scroll  Space/b page  / search  n/N next/prev  q back  ? help");
}

/* Pager keys: scroll and search. */
static int pager_key(struct view *v, enum ui_action act, int ch)
{
	struct pager *p = v->priv;

	(void)ch;
	return page_key(v->app, &p->page, act, v->height - 2);
}

/* The wheel scrolls. */
static void pager_mouse(struct view *v, int row, int dbl)
{
	struct pager *p = v->priv;
	int k;

	(void)dbl;
	if (row == -1 || row == -2)
		for (k = 0; k < 3; k++)
			page_key(v->app, &p->page, row == -1 ? ACT_UP : ACT_DOWN, v->height - 2);
}

/* Pager state for :save-state. */
static void pager_state(struct view *v, struct strbuf *out)
{
	struct pager *p = v->priv;

	sb_addf(out, "title=%s\nlines=%zu\ntop=%zu\n", p->title, p->page.n, p->page.top);
}

/* Frees a pager. */
static void pager_free(struct view *v)
{
	struct pager *p = v->priv;

	page_free(&p->page);
	free(p->title);
	free(p);
}

const struct view_ops view_pager_ops = {
	"pager", VK_PAGER, pager_draw, pager_key, pager_state, NULL, pager_mouse, pager_free, NULL
};

/* A pager over lines (taken over). */
struct view *view_pager_new(struct tui *t, const char *title, char **lines, size_t n)
{
	struct pager *p = xcalloc(1, sizeof *p);
	size_t i;

	p->title = xstrdup(title);
	for (i = 0; i < n; i++) {
		page_add(&p->page, ROLE_NORMAL, lines[i]);
		free(lines[i]);
	}
	free(lines);
	return view_new(t, &view_pager_ops, NULL, p);
}

/* Human name of a view for the help title. */
static const char *help_view_title(unsigned bit)
{
	switch (bit) {
	case VK_PROGRESS: return "the live run";
	case VK_FINDINGS: return "the findings list";
	case VK_DETAIL:   return "a finding";
	case VK_RUNS:     return "the run history";
	case VK_COMPARE:  return "a comparison";
	default:          return "this page";
	}
}

/* The `?` page of a view, generated from the key table. */
struct view *view_help_new(struct tui *t, const struct view *of)
{
	struct pager *p = xcalloc(1, sizeof *p);
	unsigned bit = of->ops->view_bit;
	int i;

	p->title = xasprintf("Help: keys for %s", help_view_title(bit));
	p->view_bit = bit;
	page_add(&p->page, ROLE_HEADER, "Keys");
	for (i = 1; i < ACT_COUNT; i++) {
		const struct key_binding *b = &key_bindings[i];

		if (view_action_available(of, (enum ui_action)i))
			page_addf(&p->page, ROLE_NORMAL, "  %-13s %s", b->label, b->help);
	}
	page_add(&p->page, ROLE_NORMAL, "");
	if (bit & (VK_FINDINGS | VK_COMPARE)) {
		page_add(&p->page, ROLE_HEADER, "Columns and marks");
		page_add(&p->page, ROLE_NORMAL, "  SEV      CRIT, HIGH, MED, LOW (after context validation)");
		page_add(&p->page, ROLE_NORMAL, "  mark     A advisory   D linked to an ADR   X false positive");
		page_add(&p->page, ROLE_NORMAL, "  scores   per category and overall, open findings only;");
		page_add(&p->page, ROLE_NORMAL, "           they change as soon as you triage");
		if (bit & VK_COMPARE)
			page_add(&p->page, ROLE_NORMAL, "  DIFF     NEW in the newer run, FIXED: gone from it");
		page_add(&p->page, ROLE_NORMAL, "");
		page_add(&p->page, ROLE_HEADER, "Mouse");
		page_add(&p->page, ROLE_NORMAL, "  wheel scrolls, click selects, double click opens");
		page_add(&p->page, ROLE_NORMAL, "");
	}
	if (bit & (VK_FINDINGS | VK_DETAIL)) {
		page_add(&p->page, ROLE_HEADER, "Triage");
		page_add(&p->page, ROLE_NORMAL, "  Decisions go to docs/project/.audit/ln-650/triage.json at once,");
		page_add(&p->page, ROLE_NORMAL, "  with your git user.name, the time and the reason, and apply to");
		page_add(&p->page, ROLE_NORMAL, "  later runs. run.json and the reports are rewritten on w, on");
		page_add(&p->page, ROLE_NORMAL, "  export and when you leave the list.");
	}
	return view_new(t, &view_pager_ops, NULL, p);
}

/* The check's documentation page (compiled-in docs/CHECK.md). */
struct view *view_doc_new(struct tui *t, const char *check_id)
{
	char name[128];
	const struct embedded_file *e;
	const struct check_def *c = checks_find(check_id);
	struct pager *p;
	char **lines = NULL;
	size_t n = 0, cap = 0, i;

	snprintf(name, sizeof name, "docs/%s.md", check_id);
	e = embedded_find(name);
	p = xcalloc(1, sizeof *p);
	p->title = xasprintf("Check %s%s%s", check_id, c ? ": " : "", c ? c->title : "");
	if (c != NULL) {
		page_addf(&p->page, ROLE_HEADER, "%s (%s)", c->title, category_name(c->category));
		page_addf(&p->page, ROLE_DIM, "Principle: %s   Typical effort: %c", c->principle, c->effort);
		page_add(&p->page, ROLE_NORMAL, "");
	}
	if (e == NULL) {
		page_add(&p->page, ROLE_DIM, "No documentation page is shipped for this check yet.");
		page_addf(&p->page, ROLE_DIM, "See `ppaudit explain %s` and ppaudit(1).", check_id);
	} else {
		ui_wrap(e->data, t->cols - 1, &lines, &n, &cap);
		for (i = 0; i < n; i++) {
			page_add(&p->page, lines[i][0] == '#' ? ROLE_HEADER
				 : strncmp(lines[i], "    ", 4) == 0 || lines[i][0] == '`' ? ROLE_DIM
				 : ROLE_NORMAL, lines[i]);
			free(lines[i]);
		}
		free(lines);
	}
	return view_new(t, &view_pager_ops, NULL, p);
}
