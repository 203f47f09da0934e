/* The key binding table: every action the UI knows, its default keys,
 * its name (for scripts and help) and its help text, in one X-macro list
 * so the `?` screen can never drift from the bindings (tig's REQ_INFO).
 *
 * Columns: action, first key, second key (0: none), key label shown in
 * help, help text, views where the action applies (VK_* bits). A key may
 * appear twice with different views (c). Help lists a row for a view only
 * when the view handles it (view_action_available() may drop a row that
 * does not apply to this session, e.g. triage in a comparison), and
 * tests/tui/test-tui-keys.sh presses every listed key in every view. */
#ifndef PPAUDIT_UI_KEYS_H
#define PPAUDIT_UI_KEYS_H

/* View bits for the last column: which views list the key in `?` help. */
#define VK_PROGRESS (1u << 0)
#define VK_FINDINGS (1u << 1)
#define VK_DETAIL   (1u << 2)
#define VK_RUNS     (1u << 3)
#define VK_PAGER    (1u << 4)
#define VK_COMPARE  (1u << 5)
#define VK_LISTS    (VK_FINDINGS | VK_RUNS | VK_COMPARE)
#define VK_MOVE     (VK_LISTS | VK_DETAIL | VK_PAGER)
#define VK_TRIAGE   (VK_FINDINGS | VK_DETAIL)
#define VK_SEARCH   (VK_FINDINGS | VK_COMPARE | VK_DETAIL | VK_PAGER)
#define VK_ALL      0xffu

#define KEY_CTRL(c) ((c) & 0x1f)

#define KEY_INFO(_) \
	_(HELP,      '?',           0,          "?",            "Help for the current view", VK_ALL) \
	_(QUIT,      'q',           0,          "q",            "Back; quits from the top view (asks during a run)", VK_ALL) \
	_(BACK,      27,            0,          "Esc",          "Back to the previous view (never quits)", VK_ALL) \
	_(CANCEL,    KEY_CTRL('c'), 0,          "Ctrl-C",       "Quit (asks during a run or while a decision is typed)", VK_ALL) \
	_(SUSPEND,   KEY_CTRL('z'), 0,          "Ctrl-Z",       "Suspend to the shell (fg resumes)", VK_ALL) \
	_(DOWN,      'j',           KEY_DOWN,   "j, Down",      "Move down one line", VK_MOVE) \
	_(UP,        'k',           KEY_UP,     "k, Up",        "Move up one line", VK_MOVE) \
	_(PAGE_DOWN, KEY_NPAGE,     ' ',        "PgDn, Space",  "Move down one page", VK_MOVE) \
	_(PAGE_UP,   KEY_PPAGE,     'b',        "PgUp, b",      "Move up one page", VK_MOVE) \
	_(FIRST,     'g',           KEY_HOME,   "g, Home",      "Go to the first line", VK_MOVE) \
	_(LAST,      'G',           KEY_END,    "G, End",       "Go to the last line", VK_MOVE) \
	_(ENTER,     '\n',          KEY_ENTER,  "Enter",        "Open the finding or run under the cursor", VK_LISTS) \
	_(SEARCH,    '/',           0,          "/",            "Search what is shown (id, check, path:line, title, issue)", VK_SEARCH) \
	_(NEXT,      'n',           0,          "n",            "Next search match", VK_SEARCH) \
	_(PREV,      'N',           0,          "N",            "Previous search match", VK_SEARCH) \
	_(FILTER,    'F',           0,          "F",            "Filter by category, severity, status, check, path", VK_FINDINGS | VK_COMPARE) \
	_(SORT,      's',           0,          "s",            "Cycle sort: severity, file, category", VK_FINDINGS | VK_COMPARE) \
	_(ADVISORY,  'a',           0,          "a",            "Mark advisory (asks for a reason)", VK_TRIAGE) \
	_(ADR,       'A',           0,          "A",            "Link to an ADR (picker, or type an id)", VK_TRIAGE) \
	_(FALSE_POS, 'f',           0,          "f",            "Mark false positive (asks for a reason)", VK_TRIAGE) \
	_(REOPEN,    'o',           0,          "o",            "Reopen (kept open over an ADR or ignore; withdraws a decision)", VK_TRIAGE) \
	_(BULK,      'M',           0,          "M",            "Mark every finding of the list (filter) at once, one undo step", VK_FINDINGS) \
	_(UNDO,      'u',           0,          "u",            "Undo the last triage decision", VK_TRIAGE) \
	_(REDO,      KEY_CTRL('r'), 0,          "Ctrl-R",       "Redo", VK_TRIAGE) \
	_(DOC,       'i',           0,          "i",            "Documentation of the check", VK_FINDINGS | VK_DETAIL | VK_COMPARE) \
	_(HISTORY,   'h',           0,          "h",            "History: the dated runs", VK_FINDINGS) \
	_(COMPARE_PREV, 'c',        0,          "c",            "Compare this run with the run before it", VK_FINDINGS) \
	_(COMPARE,   'c',           0,          "c",            "Compare the selected run with the current one (*)", VK_RUNS) \
	_(EXPORT,    'e',           0,          "e",            "Export (Markdown, JSON, SARIF, HTML)", VK_FINDINGS | VK_DETAIL) \
	_(SAVE,      'w',           0,          "w",            "Write run.json and the reports with the current statuses", VK_FINDINGS) \
	_(PROGRESS,  'p',           0,          "p",            "Run summary: the four auditors (time, files, counts, score)", VK_FINDINGS) \
	_(REDRAW,    KEY_CTRL('l'), 0,          "Ctrl-L",       "Redraw the screen", VK_ALL)

enum ui_action {
	ACT_NONE = 0,
#define KEY_ENUM(a, k1, k2, label, help, views) ACT_##a,
	KEY_INFO(KEY_ENUM)
#undef KEY_ENUM
	ACT_COUNT
};

struct key_binding {
	enum ui_action action;
	int key1, key2;
	const char *name;      /* lower-case action name */
	const char *label;     /* keys as shown in help */
	const char *help;
	unsigned views;
};

/* The table, indexed by action (entry 0 is ACT_NONE). */
extern const struct key_binding key_bindings[ACT_COUNT];

/* The action bound to key ch in a view with bit view_bit, or ACT_NONE. */
enum ui_action keys_lookup(int ch, unsigned view_bit);

struct view;
/* Whether action act applies to view v as it is now (listed in its help). */
int view_action_available(const struct view *v, enum ui_action act);

#endif
