/* Colour roles. Views ask for a role (SEV_HIGH, SELECTED, ...), never for
 * a raw colour; theme_init() picks colours, or attributes only on
 * monochrome terminals and when NO_COLOR is set (htop's themes x roles).
 * Also decides between UTF-8 and ASCII drawing characters. */
#ifndef PPAUDIT_UI_THEME_H
#define PPAUDIT_UI_THEME_H

#include <curses.h>

#include "finding.h"

enum theme_role {
	ROLE_NORMAL,
	ROLE_TITLE,          /* top bar */
	ROLE_STATUS,         /* bottom bar */
	ROLE_HEADER,         /* column headers, section titles */
	ROLE_SELECTED,       /* cursor row */
	ROLE_DIM,            /* secondary text */
	ROLE_SEV_CRITICAL,
	ROLE_SEV_HIGH,
	ROLE_SEV_MEDIUM,
	ROLE_SEV_LOW,
	ROLE_PANE_BORDER,
	ROLE_PANE_TITLE,
	ROLE_BAR_DONE,
	ROLE_BAR_TODO,
	ROLE_OK,             /* done, scores >= 8 */
	ROLE_WARN,           /* running, scores >= 6 */
	ROLE_BAD,            /* failed, cancelled, low scores */
	ROLE_HIGHLIGHT,      /* the finding's source lines */
	ROLE_MATCH,          /* search match */
	ROLE_DIALOG,
	ROLE_DIALOG_TITLE,
	ROLE_MESSAGE,
	ROLE_COUNT
};

/* Call after the screen exists. Honours NO_COLOR and PPAUDIT_ASCII. */
void theme_init(void);
attr_t theme_attr(enum theme_role role);
enum theme_role theme_severity_role(enum severity s);
/* The role for a score: good, fair or poor. */
enum theme_role theme_score_role(double score);
/* True when drawing may use UTF-8 characters (block bars, ellipsis). */
int theme_utf8(void);
/* Drawing glyphs: full and empty progress-bar cells, ellipsis, marker. */
const char *theme_glyph_bar_full(void);
const char *theme_glyph_bar_empty(void);
const char *theme_glyph_ellipsis(void);
const char *theme_glyph_check(void);
/* Box lines: ACS on capable terminals, ASCII otherwise. */
chtype theme_hline(void);
chtype theme_vline(void);
chtype theme_corner(void);

#endif
