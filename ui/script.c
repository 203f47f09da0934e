/* Scripted mode for tests (tig style): PPAUDIT_SCRIPT=FILE supplies keys
 * and commands, one line at a time; with PPAUDIT_NO_DISPLAY curses draws
 * into /dev/null but keeps its virtual screen, which :save-display dumps.
 *
 * Script lines:
 *   # comment                     blank lines are ignored too
 *   jjk<Enter>                    keys: characters, and <Name> tokens:
 *                                 <Enter> <Esc> <Tab> <BTab> <Space> <Backspace>
 *                                 <Up> <Down> <Left> <Right> <PgUp> <PgDn> <Home>
 *                                 <End> <C-x> (Ctrl), <lt> (a literal '<')
 *   :wait-idle                    the lines after it wait for the run, the run
 *                                 summary and lazy work to finish (the default)
 *   :wait-run                     the lines after it wait only for the run to
 *                                 end (the summary it leaves can be dumped)
 *   :nowait                       the lines after it do not wait: keys reach
 *                                 the live screen while the auditors run
 *   :resize COLSxROWS             resize the virtual screen
 *   :save-display FILE            the screen as text, one line per row
 *   :save-state FILE              key=value lines: view, cursor, filter, scores
 *   :quit                         end the script here
 * By default the next key is only taken when nothing is pending (see
 * tui_busy), so a script never races the workers. The end of the script
 * quits. */
#include "tui.h"
#include "view.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/fsutil.h"
#include "util/xalloc.h"

enum script_wait { SCRIPT_WAIT_IDLE, SCRIPT_WAIT_RUN, SCRIPT_NOWAIT };

struct script {
	char *path;
	FILE *f;
	int keys[512];
	size_t n_keys, next;
	unsigned line;
	enum script_wait wait;
	char pending[1024];          /* a line read but not run yet ("" none) */
};

/* Opens a key script. */
struct script *script_open(const char *path, char *err, size_t errlen)
{
	struct script *s;
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->f = f;
	return s;
}

/* Closes a key script. */
void script_free(struct script *s)
{
	if (s == NULL)
		return;
	fclose(s->f);
	free(s->path);
	free(s);
}

static const struct script_key {
	const char *name;
	int key;
} script_keys[] = {
	{ "Enter", '\n' }, { "Esc", 27 }, { "Tab", '\t' }, { "BTab", KEY_BTAB },
	{ "Space", ' ' }, { "Backspace", KEY_BACKSPACE }, { "Up", KEY_UP },
	{ "Down", KEY_DOWN }, { "Left", KEY_LEFT }, { "Right", KEY_RIGHT },
	{ "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE }, { "Home", KEY_HOME },
	{ "End", KEY_END }, { "lt", '<' },
};

/* Parses a line of keys into the queue; returns -1 on an unknown token. */
static int script_parse_keys(struct script *s, const char *line)
{
	const char *p = line;
	size_t i;

	s->n_keys = s->next = 0;
	while (*p != '\0' && s->n_keys < sizeof s->keys / sizeof s->keys[0]) {
		if (*p == '<') {
			const char *end = strchr(p, '>');
			size_t len;

			if (end == NULL)
				return -1;
			len = (size_t)(end - p - 1);
			if (len == 3 && p[1] == 'C' && p[2] == '-') {
				s->keys[s->n_keys++] = p[3] & 0x1f;
				p = end + 1;
				continue;
			}
			for (i = 0; i < sizeof script_keys / sizeof script_keys[0]; i++)
				if (strlen(script_keys[i].name) == len &&
				    strncmp(script_keys[i].name, p + 1, len) == 0)
					break;
			if (i == sizeof script_keys / sizeof script_keys[0])
				return -1;
			s->keys[s->n_keys++] = script_keys[i].key;
			p = end + 1;
		} else {
			s->keys[s->n_keys++] = (unsigned char)*p++;
		}
	}
	return 0;
}

/* Runs a ':' command; returns 0, 1 for :quit, -1 on error (message set). */
static int script_command(struct tui *t, struct script *s, const char *cmd)
{
	const char *arg = strchr(cmd, ' ');

	while (arg != NULL && *arg == ' ')
		arg++;
	if (strcmp(cmd, "wait-idle") == 0 || strcmp(cmd, "wait-run") == 0 || strcmp(cmd, "nowait") == 0) {
		s->wait = cmd[0] == 'n' ? SCRIPT_NOWAIT : cmd[5] == 'r' ? SCRIPT_WAIT_RUN : SCRIPT_WAIT_IDLE;
		return 0;
	}
	if (strncmp(cmd, "quit", 4) == 0)
		return 1;
	if (arg == NULL || *arg == '\0')
		return -1;
	if (strncmp(cmd, "resize ", 7) == 0) {
		int c, r;

		if (sscanf(arg, "%dx%d", &c, &r) != 2 || c < 1 || r < 1)
			return -1;
		tui_resize_to(t, r, c);
		return 0;
	}
	if (strncmp(cmd, "save-display ", 13) == 0) {
		tui_draw(t);
		return tui_save_display(t, arg);
	}
	if (strncmp(cmd, "save-state ", 11) == 0)
		return tui_save_state(t, arg);
	return -1;
}

/* Whether the script must wait before its next key or command. */
static int script_must_wait(struct tui *t, const struct script *s)
{
	switch (s->wait) {
	case SCRIPT_NOWAIT:   return 0;
	case SCRIPT_WAIT_RUN: return tui_running(t);
	default:              return tui_busy(t);
	}
}

/* Whether a line only changes how the script waits (run at once). */
static int script_is_wait_command(const char *line)
{
	return strcmp(line, ":wait-idle") == 0 || strcmp(line, ":wait-run") == 0 ||
	       strcmp(line, ":nowait") == 0;
}

/* The next key of the script, running commands as they come. */
int script_next(struct tui *t, struct script *s)
{
	char line[1024];

	if (s->next < s->n_keys)
		return script_must_wait(t, s) ? TUI_KEY_WAIT : s->keys[s->next++];
	for (;;) {
		size_t len;
		int rc;

		if (s->pending[0] == '\0') {
			if (fgets(s->pending, sizeof s->pending, s->f) == NULL)
				return TUI_KEY_END;
			s->line++;
			len = strlen(s->pending);
			while (len > 0 && (s->pending[len - 1] == '\n' || s->pending[len - 1] == '\r'))
				s->pending[--len] = '\0';
			if (len == 0 || s->pending[0] == '#') {
				s->pending[0] = '\0';
				continue;
			}
		}
		/* how to wait changes at once; anything else waits its turn */
		if (!script_is_wait_command(s->pending) && script_must_wait(t, s))
			return TUI_KEY_WAIT;
		memcpy(line, s->pending, sizeof line);
		s->pending[0] = '\0';
		if (line[0] == ':') {
			rc = script_command(t, s, line + 1);
			if (rc == 1)
				return TUI_KEY_END;
			if (rc < 0) {
				/* a broken script must fail the test, loudly */
				tui_teardown();
				fatal("%s:%u: bad script command: %s", s->path, s->line, line);
			}
			return TUI_KEY_NONE;
		}
		if (script_parse_keys(s, line) != 0) {
			tui_teardown();
			fatal("%s:%u: bad key token in: %s", s->path, s->line, line);
		}
		if (s->n_keys > 0)
			return s->keys[s->next++];
	}
}

/* ACS line-drawing characters back to ASCII for the text dump. */
static char script_acs_ascii(wchar_t c)
{
	switch (c) {
	case 'q': return '-';
	case 'x': return '|';
	case 'l': case 'k': case 'm': case 'j': case 't': case 'u':
	case 'v': case 'w': case 'n': return '+';
	default:  return '#';
	}
}

/* Dumps the virtual screen (curscr) as text, ACS lines as ASCII. */
int tui_save_display(struct tui *t, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	int y, x, rc;

	for (y = 0; y < t->rows; y++) {
		size_t line_start = sb.len, keep;

		for (x = 0; x < t->cols; x++) {
			cchar_t cc;
			wchar_t wch[CCHARW_MAX + 1];
			attr_t attrs;
			short pair;
			char mb[MB_LEN_MAX + 1];
			mbstate_t st;
			size_t k;
			int w;

			if (mvwin_wch(curscr, y, x, &cc) == ERR ||
			    getcchar(&cc, wch, &attrs, &pair, NULL) == ERR || wch[0] == 0) {
				sb_addc(&sb, ' ');
				continue;
			}
			if (attrs & A_ALTCHARSET) {
				sb_addc(&sb, script_acs_ascii(wch[0]));
				continue;
			}
			memset(&st, 0, sizeof st);
			k = wcrtomb(mb, wch[0], &st);
			if (k == (size_t)-1)
				sb_addc(&sb, '?');
			else
				sb_add(&sb, mb, k);
			/* a wide character fills the next cell too */
			w = wcwidth(wch[0]);
			if (w > 1)
				x += w - 1;
		}
		/* trailing blanks carry no information and make diffs noisy */
		keep = sb.len;
		while (keep > line_start && sb.buf[keep - 1] == ' ')
			keep--;
		sb.len = keep;
		sb_addc(&sb, '\n');
	}
	rc = fs_write_user(path, sb_str(&sb), sb.len);
	sb_release(&sb);
	return rc;
}

/* Dumps the UI state as key=value lines. */
int tui_save_state(struct tui *t, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct view *v = view_top(t);
	int rc;

	sb_addf(&sb, "view=%s\ndepth=%d\nsize=%dx%d\ntoo_small=%d\nmessage=%s\nsuspends=%u\nredraws=%u\n",
		v ? v->ops->name : "none", t->depth, t->cols, t->rows, t->too_small, t->message,
		t->suspends, t->redraws);
	if (t->live != NULL)
		sb_addf(&sb, "run=%s\n", tui_running(t) ? "running" : tui_holding(t) ? "summary"
			: t->live->browsing ? "browsing" : "ended");
	if (v != NULL && v->ops->state != NULL)
		v->ops->state(v, &sb);
	if (t->dialog != NULL)
		dialog_state(t->dialog, &sb);
	rc = fs_write_user(path, sb_str(&sb), sb.len);
	sb_release(&sb);
	return rc;
}
