/* Colour roles, monochrome fallback, NO_COLOR, UTF-8 vs ASCII glyphs. */
#include "theme.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

static attr_t theme_attrs[ROLE_COUNT];
static int theme_is_utf8;
static int theme_is_ascii;

/* One row per role: colour pair (fg, bg) and the attributes used with
 * colour, and the attributes used on monochrome terminals. -1 = default. */
static const struct theme_entry {
	short fg, bg;
	attr_t color_attr;
	attr_t mono_attr;
} theme_table[ROLE_COUNT] = {
	[ROLE_NORMAL]       = { -1, -1, A_NORMAL, A_NORMAL },
	[ROLE_TITLE]        = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[ROLE_STATUS]       = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[ROLE_HEADER]       = { COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[ROLE_SELECTED]     = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE },
	[ROLE_DIM]          = { COLOR_BLUE, -1, A_BOLD, A_DIM },
	[ROLE_SEV_CRITICAL] = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[ROLE_SEV_HIGH]     = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[ROLE_SEV_MEDIUM]   = { COLOR_YELLOW, -1, A_NORMAL, A_NORMAL },
	[ROLE_SEV_LOW]      = { COLOR_GREEN, -1, A_NORMAL, A_DIM },
	[ROLE_PANE_BORDER]  = { COLOR_BLUE, -1, A_NORMAL, A_NORMAL },
	[ROLE_PANE_TITLE]   = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[ROLE_BAR_DONE]     = { COLOR_GREEN, -1, A_NORMAL, A_BOLD },
	[ROLE_BAR_TODO]     = { COLOR_BLUE, -1, A_NORMAL, A_DIM },
	[ROLE_OK]           = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[ROLE_WARN]         = { COLOR_YELLOW, -1, A_BOLD, A_NORMAL },
	[ROLE_BAD]          = { COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[ROLE_HIGHLIGHT]    = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
	[ROLE_MATCH]        = { COLOR_BLACK, COLOR_GREEN, A_NORMAL, A_UNDERLINE },
	[ROLE_DIALOG]       = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_NORMAL },
	[ROLE_DIALOG_TITLE] = { COLOR_YELLOW, COLOR_BLUE, A_BOLD, A_BOLD },
	[ROLE_MESSAGE]      = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
};

/* Whether the locale's codeset is UTF-8 (then ncursesw draws UTF-8). */
static int theme_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* Builds the role table for this terminal. */
void theme_init(void)
{
	const char *nc = getenv("NO_COLOR");
	const char *ascii = getenv("PPAUDIT_ASCII");
	int color = has_colors() && (nc == NULL || nc[0] == '\0');
	int i;

	theme_is_utf8 = theme_locale_utf8();
	theme_is_ascii = !theme_is_utf8 || (ascii != NULL && ascii[0] != '\0' && strcmp(ascii, "0") != 0);
	if (color) {
		start_color();
		use_default_colors();
	}
	for (i = 0; i < ROLE_COUNT; i++) {
		const struct theme_entry *e = &theme_table[i];

		if (!color) {
			theme_attrs[i] = e->mono_attr;
		} else if (e->fg == -1 && e->bg == -1) {
			theme_attrs[i] = e->color_attr;
		} else {
			/* pair numbers start at 1: pair 0 is the terminal default */
			init_pair((short)i, e->fg, e->bg);
			theme_attrs[i] = COLOR_PAIR(i) | e->color_attr;
		}
	}
}

/* The attributes of a role. */
attr_t theme_attr(enum theme_role role)
{
	return role < ROLE_COUNT ? theme_attrs[role] : A_NORMAL;
}

/* The role of a severity. */
enum theme_role theme_severity_role(enum severity s)
{
	switch (s) {
	case SEV_CRITICAL: return ROLE_SEV_CRITICAL;
	case SEV_HIGH:     return ROLE_SEV_HIGH;
	case SEV_MEDIUM:   return ROLE_SEV_MEDIUM;
	default:           return ROLE_SEV_LOW;
	}
}

/* The role of a score: good, fair or poor. */
enum theme_role theme_score_role(double score)
{
	if (score >= 8.0)
		return ROLE_OK;
	return score >= 6.0 ? ROLE_WARN : ROLE_BAD;
}

/* Whether UTF-8 glyphs may be drawn. */
int theme_utf8(void)
{
	return !theme_is_ascii;
}

/* A filled progress-bar cell. */
const char *theme_glyph_bar_full(void)
{
	return theme_is_ascii ? "#" : "\xe2\x96\x88";      /* U+2588 full block */
}

/* An empty progress-bar cell. */
const char *theme_glyph_bar_empty(void)
{
	return theme_is_ascii ? "." : "\xe2\x96\x91";      /* U+2591 light shade */
}

/* The truncation mark. */
const char *theme_glyph_ellipsis(void)
{
	return theme_is_ascii ? "~" : "\xe2\x80\xa6";      /* U+2026 */
}

/* The "phase done" mark. */
const char *theme_glyph_check(void)
{
	return theme_is_ascii ? "+" : "\xe2\x9c\x93";      /* U+2713 */
}

/* Horizontal line character. */
chtype theme_hline(void)
{
	return theme_is_ascii ? '-' : ACS_HLINE;
}

/* Vertical line character. */
chtype theme_vline(void)
{
	return theme_is_ascii ? '|' : ACS_VLINE;
}

/* Corner character. */
chtype theme_corner(void)
{
	return theme_is_ascii ? '+' : ACS_ULCORNER;
}
