/* The view stack, sessions, and drawing helpers shared by every view.
 * Every string drawn here passes through sanitize_append first, so text
 * from audited files can never carry a control or escape sequence to the
 * terminal. */
#include "view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/sanitize.h"
#include "util/xalloc.h"

/* Allocates a view instance. */
struct view *view_new(struct tui *t, const struct view_ops *ops, struct session *s, void *priv)
{
	struct view *v = xcalloc(1, sizeof *v);

	v->ops = ops;
	v->app = t;
	v->session = s;
	v->priv = priv;
	return v;
}

/* Pushes a view on the stack. */
void view_push(struct tui *t, struct view *v)
{
	if (t->depth == (int)(sizeof t->stack / sizeof t->stack[0])) {
		/* a runaway stack (history -> run -> history ...): drop the new view */
		v->ops->free(v);
		free(v);
		tui_message(t, 1, "too many open views; press q to go back");
		return;
	}
	t->stack[t->depth++] = v;
	t->dirty = 1;
}

/* Pops and frees the top view. */
void view_pop(struct tui *t)
{
	struct view *v;

	if (t->depth == 0)
		return;
	v = t->stack[--t->depth];
	v->ops->free(v);
	free(v);
	t->dirty = 1;
}

/* The top view, or NULL. */
struct view *view_top(struct tui *t)
{
	return t->depth > 0 ? t->stack[t->depth - 1] : NULL;
}

/* A session over run r. */
struct session *session_new(struct run *r, int owns_run, const char *root,
			    const char *out_root, const char *run_dir)
{
	struct session *s = xcalloc(1, sizeof *s);

	s->run = r;
	s->owns_run = owns_run;
	s->root = xstrdup(root != NULL ? root : ".");
	s->out_root = xstrdup(out_root != NULL ? out_root : s->root);
	s->run_dir = run_dir != NULL ? xstrdup(run_dir) : NULL;
	return s;
}

/* Frees the strings of a saved triage state. */
static void triage_state_release(struct triage_state *st)
{
	free(st->reason);
	free(st->adr);
	free(st->author);
	free(st->time);
}

/* Frees a session (and its run when it owns it). */
void session_free(struct session *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n_redo; i++) {
		triage_state_release(&s->undo[i].before);
		triage_state_release(&s->undo[i].after);
	}
	free(s->undo);
	if (s->owns_run && s->run != NULL)
		run_free(s->run);
	free(s->root);
	free(s->out_root);
	free(s->run_dir);
	free(s->diff);
	free(s->title);
	free(s);
}

/* Rebuilds every view that shows session s. */
void tui_session_changed(struct tui *t, struct session *s)
{
	int i;

	for (i = 0; i < t->depth; i++)
		if (t->stack[i]->session == s && t->stack[i]->ops->rebuild != NULL)
			t->stack[i]->ops->rebuild(t->stack[i]);
	t->dirty = 1;
}

/* Width of one character, treating unprintable ones as one cell ('?'). */
static int ui_char_width(const char *p, size_t n, size_t *len)
{
	mbstate_t st;
	wchar_t wc;
	size_t k;
	int w;

	if ((unsigned char)*p < 0x80 || MB_CUR_MAX == 1) {
		*len = 1;
		return 1;
	}
	memset(&st, 0, sizeof st);
	k = mbrtowc(&wc, p, n, &st);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		*len = 1;
		return 1;
	}
	*len = k;
	w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

/* Sanitizes text and, in a non-UTF-8 locale, folds non-ASCII to '?'. */
static void ui_clean(struct strbuf *sb, const char *text)
{
	size_t i;

	sanitize_append(sb, text, strlen(text));
	if (MB_CUR_MAX > 1)
		return;
	for (i = 0; i < sb->len; i++)
		if ((unsigned char)sb->buf[i] >= 0x80)
			sb->buf[i] = '?';
}

/* Columns text takes once sanitized. */
int ui_width(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0, len;
	int w = 0;

	ui_clean(&sb, text);
	while (i < sb.len) {
		w += ui_char_width(sb.buf + i, sb.len - i, &len);
		i += len;
	}
	sb_release(&sb);
	return w;
}

/* Draws already-clean text s with at most width columns; bytes whose
 * mask entry is set (mask may be NULL) are drawn in hl instead of attr. */
static int ui_put_masked(int y, int x, int width, const char *s, size_t n, const unsigned char *mask,
			 attr_t attr, attr_t hl, int pad)
{
	const char *ell = theme_glyph_ellipsis();
	size_t i = 0, len, cut = 0, run;
	int w = 0, total = 0, cw, fits = 1;

	if (width <= 0)
		return 0;
	/* find how much fits, leaving one column for the ellipsis if needed */
	while (i < n) {
		cw = ui_char_width(s + i, n - i, &len);
		total += cw;
		i += len;
	}
	if (total > width)
		fits = 0;
	i = 0;
	while (i < n) {
		cw = ui_char_width(s + i, n - i, &len);
		if (w + cw > (fits ? width : width - 1))
			break;
		w += cw;
		i += len;
	}
	cut = i;
	move(y, x);
	/* runs of equal highlighting, so that a plain string is one call */
	for (i = 0; i < cut; i += run) {
		int on = mask != NULL && mask[i];
		attr_t a = on ? hl : attr;

		for (run = 1; i + run < cut && (mask != NULL && mask[i + run]) == on; run++)
			;
		attron(a);
		addnstr(s + i, (int)run);
		attroff(a);
	}
	attron(attr);
	if (!fits) {
		addstr(ell);
		w++;
	}
	if (pad)
		for (; w < width; w++)
			addch(' ');
	attroff(attr);
	return w;
}

/* Draws already-clean text s with at most width columns. */
static int ui_put_clean(int y, int x, int width, const char *s, size_t n, attr_t attr, int pad)
{
	return ui_put_masked(y, x, width, s, n, NULL, attr, attr, pad);
}

/* ASCII case folding: what strncasecmp does on UTF-8 text, without a
 * locale lookup per byte. */
static inline unsigned char ui_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* Marks in mask every byte of s[0..n) inside a case-insensitive
 * occurrence of needle; returns how many occurrences. */
static size_t ui_mark_matches(const char *s, size_t n, const char *needle, unsigned char *mask)
{
	size_t nl = needle != NULL ? strlen(needle) : 0, i, k, found = 0;

	memset(mask, 0, n);
	if (nl == 0 || nl > n)
		return 0;
	for (i = 0; i + nl <= n; i++) {
		for (k = 0; k < nl && ui_fold((unsigned char)s[i + k]) == ui_fold((unsigned char)needle[k]); k++)
			;
		if (k == nl) {
			memset(mask + i, 1, nl);
			found++;
		}
	}
	return found;
}

/* ui_put / ui_put_tail with every occurrence of needle drawn in hl. */
int ui_put_hl(int y, int x, int width, const char *text, attr_t attr, int pad, int tail,
	      const char *needle, attr_t hl)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned char *mask;
	size_t i = 0, len;
	int total = 0, w;

	if (needle == NULL || needle[0] == '\0')
		return tail ? ui_put_tail(y, x, width, text, attr, pad) : ui_put(y, x, width, text, attr, pad);
	if (width <= 0)
		return 0;
	ui_clean(&sb, text != NULL ? text : "");
	mask = xmalloc(sb.len + 1);
	ui_mark_matches(sb_str(&sb), sb.len, needle, mask);
	while (tail && i < sb.len) {
		total += ui_char_width(sb.buf + i, sb.len - i, &len);
		i += len;
	}
	if (!tail || total <= width) {
		w = ui_put_masked(y, x, width, sb_str(&sb), sb.len, mask, attr, hl, pad);
	} else {
		/* keep the end, as ui_put_tail does */
		i = 0;
		while (i < sb.len && total > width - 1) {
			total -= ui_char_width(sb.buf + i, sb.len - i, &len);
			i += len;
		}
		attron(attr);
		mvaddstr(y, x, theme_glyph_ellipsis());
		attroff(attr);
		w = 1 + ui_put_masked(y, x + 1, width - 1, sb.buf + i, sb.len - i, mask + i, attr, hl, pad);
	}
	free(mask);
	sb_release(&sb);
	return w;
}

/* Draws sanitized text clipped to width, with an ellipsis when cut. */
int ui_put(int y, int x, int width, const char *text, attr_t attr, int pad)
{
	struct strbuf sb = STRBUF_INIT;
	int w;

	ui_clean(&sb, text != NULL ? text : "");
	w = ui_put_clean(y, x, width, sb_str(&sb), sb.len, attr, pad);
	sb_release(&sb);
	return w;
}

/* Like ui_put, but keeps the end (paths). */
int ui_put_tail(int y, int x, int width, const char *text, attr_t attr, int pad)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0, len, start = 0;
	int total = 0, w;

	if (width <= 0)
		return 0;
	ui_clean(&sb, text != NULL ? text : "");
	while (i < sb.len) {
		total += ui_char_width(sb.buf + i, sb.len - i, &len);
		i += len;
	}
	if (total <= width) {
		w = ui_put_clean(y, x, width, sb_str(&sb), sb.len, attr, pad);
		sb_release(&sb);
		return w;
	}
	/* drop leading characters until the rest plus an ellipsis fit */
	i = 0;
	while (i < sb.len && total > width - 1) {
		total -= ui_char_width(sb.buf + i, sb.len - i, &len);
		i += len;
	}
	start = i;
	attron(attr);
	mvaddstr(y, x, theme_glyph_ellipsis());
	attroff(attr);
	w = 1 + ui_put_clean(y, x + 1, width - 1, sb.buf + start, sb.len - start, attr, pad);
	sb_release(&sb);
	return w;
}

/* printf-style ui_put. */
int ui_putf(int y, int x, int width, attr_t attr, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int w;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	w = ui_put(y, x, width, s, attr, 0);
	free(s);
	return w;
}

/* Fills a row segment with spaces. */
void ui_fill(int y, int x, int width, attr_t attr)
{
	int i;

	attron(attr);
	move(y, x);
	for (i = 0; i < width; i++)
		addch(' ');
	attroff(attr);
}

/* Draws a box with an optional title. */
void ui_box(int y, int x, int h, int w, attr_t attr, const char *title, attr_t title_attr)
{
	int utf = theme_utf8();

	if (h < 2 || w < 2)
		return;
	attron(attr);
	mvaddch(y, x, utf ? ACS_ULCORNER : '+');
	mvhline(y, x + 1, utf ? ACS_HLINE : '-', w - 2);
	mvaddch(y, x + w - 1, utf ? ACS_URCORNER : '+');
	mvvline(y + 1, x, utf ? ACS_VLINE : '|', h - 2);
	mvvline(y + 1, x + w - 1, utf ? ACS_VLINE : '|', h - 2);
	mvaddch(y + h - 1, x, utf ? ACS_LLCORNER : '+');
	mvhline(y + h - 1, x + 1, utf ? ACS_HLINE : '-', w - 2);
	mvaddch(y + h - 1, x + w - 1, utf ? ACS_LRCORNER : '+');
	attroff(attr);
	if (title != NULL && w > 6) {
		mvaddch(y, x + 1, ' ');
		ui_put(y, x + 2, w - 5, title, title_attr, 0);
		addch(' ');
	}
}

/* The top bar. */
void ui_title_bar(struct tui *t, const char *left, const char *right)
{
	attr_t a = theme_attr(ROLE_TITLE);
	int rw = right != NULL ? ui_width(right) : 0;

	ui_fill(0, 0, t->cols, a);
	if (rw > t->cols / 2)
		rw = t->cols / 2;
	ui_put(0, 0, t->cols - rw - 1, left, a | A_BOLD, 0);
	if (right != NULL)
		ui_put(0, t->cols - rw, rw, right, a, 0);
}

/* The bottom bar: message, else key hints. */
void ui_status_bar(struct tui *t, const char *hints)
{
	int y = t->rows - 1;

	if (t->message[0] != '\0') {
		attr_t a = t->message_error ? theme_attr(ROLE_BAD) : theme_attr(ROLE_MESSAGE);

		ui_fill(y, 0, t->cols, A_NORMAL);
		ui_put(y, 0, t->cols, t->message, a, 0);
		return;
	}
	ui_fill(y, 0, t->cols, theme_attr(ROLE_STATUS));
	ui_put(y, 0, t->cols, hints, theme_attr(ROLE_STATUS), 0);
}

/* Overall and category scores, coloured by health. */
void ui_scores_line(struct tui *t, int y, const struct scores *sc)
{
	int x = 0, c;
	char buf[64];

	move(y, 0);
	clrtoeol();
	x += ui_put(y, x, t->cols - x, "Overall ", theme_attr(ROLE_HEADER), 0);
	snprintf(buf, sizeof buf, "%.1f", sc->overall);
	x += ui_put(y, x, t->cols - x, buf, theme_attr(theme_score_role(sc->overall)), 0);
	/* below 80 columns the categories go by three letters */
	static const char *const tags[CAT_COUNT] = { "Qry", "Txn", "Run", "Res" };

	for (c = 0; c < CAT_COUNT; c++) {
		x += ui_put(y, x, t->cols - x, t->cols < 80 ? " " : "  ", A_NORMAL, 0);
		x += ui_put(y, x, t->cols - x, t->cols < 80 ? tags[c] : category_short((enum category)c),
			    A_NORMAL, 0);
		x += ui_put(y, x, t->cols - x, " ", A_NORMAL, 0);
		snprintf(buf, sizeof buf, "%.1f", sc->category[c]);
		x += ui_put(y, x, t->cols - x, buf, theme_attr(theme_score_role(sc->category[c])), 0);
	}
	snprintf(buf, sizeof buf, "%sC%u H%u M%u L%u", t->cols < 80 ? " " : "  ", sc->totals[SEV_CRITICAL],
		 sc->totals[SEV_HIGH], sc->totals[SEV_MEDIUM], sc->totals[SEV_LOW]);
	ui_put(y, x, t->cols - x, buf, theme_attr(ROLE_DIM), 0);
}

/* Sets the status-line message until the next key. */
void tui_message(struct tui *t, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->message, sizeof t->message, fmt, ap);
	va_end(ap);
	t->message_error = error;
	t->dirty = 1;
}

/* Appends one line to a vector of heap strings. */
static void ui_lines_add(char ***lines, size_t *n, size_t *cap, const char *s, size_t len)
{
	XGROW(*lines, *cap, *n + 1);
	(*lines)[(*n)++] = xstrndup(s, len);
}

/* Word-wraps text into lines of at most width bytes. */
void ui_wrap(const char *text, int width, char ***lines, size_t *n, size_t *cap)
{
	const char *p = text != NULL ? text : "";

	if (width < 10)
		width = 10;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t seg = nl != NULL ? (size_t)(nl - p) : strlen(p);

		/* break each paragraph at the last space that fits (bytes as a
		 * cheap proxy for columns: text here is mostly ASCII) */
		while (seg > (size_t)width) {
			size_t cutp = (size_t)width;

			while (cutp > 0 && p[cutp] != ' ')
				cutp--;
			if (cutp == 0)
				cutp = (size_t)width;
			ui_lines_add(lines, n, cap, p, cutp);
			p += cutp;
			seg -= cutp;
			while (seg > 0 && *p == ' ') {
				p++;
				seg--;
			}
		}
		ui_lines_add(lines, n, cap, p, seg);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

/* Cursor movement for list views. */
int list_move(struct list_pos *p, enum ui_action act, int page)
{
	if (page < 1)
		page = 1;
	switch (act) {
	case ACT_DOWN:
		if (p->cursor + 1 < p->n)
			p->cursor++;
		break;
	case ACT_UP:
		if (p->cursor > 0)
			p->cursor--;
		break;
	case ACT_PAGE_DOWN:
		p->cursor = p->cursor + (size_t)page < p->n ? p->cursor + (size_t)page
			  : (p->n > 0 ? p->n - 1 : 0);
		p->top = p->top + (size_t)page < p->n ? p->top + (size_t)page : p->top;
		break;
	case ACT_PAGE_UP:
		p->cursor = p->cursor > (size_t)page ? p->cursor - (size_t)page : 0;
		p->top = p->top > (size_t)page ? p->top - (size_t)page : 0;
		break;
	case ACT_FIRST:
		p->cursor = 0;
		break;
	case ACT_LAST:
		p->cursor = p->n > 0 ? p->n - 1 : 0;
		break;
	default:
		return 0;
	}
	list_scroll(p, page);
	return 1;
}

/* Keeps the cursor on screen. */
void list_scroll(struct list_pos *p, int page)
{
	if (page < 1)
		page = 1;
	if (p->n == 0) {
		p->cursor = p->top = 0;
		return;
	}
	if (p->cursor >= p->n)
		p->cursor = p->n - 1;
	if (p->cursor < p->top)
		p->top = p->cursor;
	if (p->cursor >= p->top + (size_t)page)
		p->top = p->cursor - (size_t)page + 1;
	/* don't leave empty rows at the bottom when the list could fill them */
	if (p->top + (size_t)page > p->n)
		p->top = p->n > (size_t)page ? p->n - (size_t)page : 0;
}


/* Case-insensitive substring match. Searches scan every finding's fields
 * on each n/N, so this is a tight loop: the first byte is compared
 * before anything else. */
int ui_contains(const char *hay, const char *needle)
{
	const unsigned char *h = (const unsigned char *)hay, *nd = (const unsigned char *)needle;
	unsigned char first;
	size_t k;

	if (hay == NULL || needle == NULL || needle[0] == '\0')
		return needle == NULL || needle[0] == '\0';
	first = ui_fold(nd[0]);
	for (; *h != '\0'; h++) {
		if (ui_fold(*h) != first)
			continue;
		for (k = 1; nd[k] != '\0' && ui_fold(h[k]) == ui_fold(nd[k]); k++)
			;
		if (nd[k] == '\0')
			return 1;
	}
	return 0;
}

/* Appends a line to a text page. */
void page_add(struct text_page *p, enum theme_role role, const char *text)
{
	XGROW(p->lines, p->cap, p->n + 1);
	p->roles = xrealloc(p->roles, p->cap);
	p->lines[p->n] = xstrdup(text);
	p->roles[p->n] = (unsigned char)role;
	p->n++;
}

/* printf-style page_add. */
void page_addf(struct text_page *p, enum theme_role role, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	page_add(p, role, s);
	free(s);
}

/* Appends word-wrapped, indented text. */
void page_add_wrapped(struct text_page *p, enum theme_role role, const char *text, int width, int indent)
{
	char **lines = NULL;
	size_t n = 0, cap = 0, i;

	ui_wrap(text, width - indent, &lines, &n, &cap);
	for (i = 0; i < n; i++) {
		page_addf(p, role, "%*s%s", indent, "", lines[i]);
		free(lines[i]);
	}
	free(lines);
}

/* Frees a text page. */
void page_free(struct text_page *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->lines[i]);
	free(p->lines);
	free(p->roles);
	memset(p, 0, sizeof *p);
}

/* Draws a text page from its top line. */
void page_draw(struct text_page *p, int y, int height, int width)
{
	size_t i;

	if (p->n > (size_t)height && p->top > p->n - (size_t)height)
		p->top = p->n - (size_t)height;
	if (p->n <= (size_t)height)
		p->top = 0;
	for (i = 0; (int)i < height && p->top + i < p->n; i++) {
		size_t l = p->top + i;
		attr_t a = theme_attr((enum theme_role)p->roles[l]);

		if (p->match == l + 1)
			a = theme_attr(ROLE_MATCH);
		ui_put_hl(y + (int)i, 0, width, p->lines[l], a,
			  p->roles[l] == ROLE_HIGHLIGHT || p->match == l + 1, 0,
			  p->match != 0 ? p->needle : NULL, theme_attr(ROLE_MATCH) | A_BOLD);
	}
}

/* Finds the next line containing the search text, from p->top. */
static void page_search(struct tui *t, struct text_page *p, int dir)
{
	size_t k, n = p->n, start = p->match ? p->match - 1 : p->top;

	if (t->search[0] == '\0' || n == 0) {
		tui_message(t, 0, "No search: press / first");
		return;
	}
	for (k = 1; k <= n; k++) {
		size_t l = dir > 0 ? (start + k) % n : (start + n - k) % n;

		if (ui_contains(p->lines[l], t->search)) {
			size_t i, total = 0, at = 0;

			p->match = l + 1;
			p->top = l > 2 ? l - 2 : 0;
			for (i = 0; i < n; i++)
				if (ui_contains(p->lines[i], t->search)) {
					total++;
					if (i == l)
						at = total;
				}
			tui_message(t, 0, "Match %zu/%zu for \"%s\"%s", at, total, t->search,
				    (dir > 0 && l < start) || (dir < 0 && l > start) ? " (wrapped)" : "");
			return;
		}
	}
	p->match = 0;
	tui_message(t, 1, "No match for \"%s\"", t->search);
}

/* The pager's search prompt answer: searches the top view's page. */
static void page_search_done(struct tui *t, void *arg, const char *text)
{
	struct text_page *p = arg;

	if (text == NULL)
		return;
	if (text[0] != '\0') {
		snprintf(t->search, sizeof t->search, "%s", text);
		p->match = 0;
	}
	if (t->search[0] != '\0')
		page_search(t, p, 1);
}

/* Dialog args are freed by the dialog: hand it a small box pointing at the page. */
static void page_search_box_done(struct tui *t, void *arg, const char *text)
{
	page_search_done(t, *(struct text_page **)arg, text);
}

/* Scroll and search keys of a text page. */
int page_key(struct tui *t, struct text_page *p, enum ui_action act, int height)
{
	size_t max = p->n > (size_t)height ? p->n - (size_t)height : 0;

	switch (act) {
	case ACT_DOWN: if (p->top < max) p->top++; return 1;
	case ACT_UP: if (p->top > 0) p->top--; return 1;
	case ACT_PAGE_DOWN: p->top = p->top + (size_t)height < max ? p->top + (size_t)height : max; return 1;
	case ACT_PAGE_UP: p->top = p->top > (size_t)height ? p->top - (size_t)height : 0; return 1;
	case ACT_FIRST: p->top = 0; return 1;
	case ACT_LAST: p->top = max; return 1;
	case ACT_SEARCH: {
		struct text_page **box = xmalloc(sizeof *box);

		*box = p;
		dialog_prompt(t, "Search", "/", "", page_search_box_done, box);
		return 1;
	}
	case ACT_NEXT: page_search(t, p, 1); return 1;
	case ACT_PREV: page_search(t, p, -1); return 1;
	default: return 0;
	}
}
