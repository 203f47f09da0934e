/* Subcommands of the command line, one cmd-*.c file each, dispatched by
 * main.c from the table in main.c. */
#ifndef PPAUDIT_CLI_H
#define PPAUDIT_CLI_H

#include <stdio.h>

#include "config.h"

enum exit_code {
	EXIT_OK = 0,        /* done, nothing at or above --fail-on */
	EXIT_FINDINGS = 1,  /* findings at or above --fail-on */
	EXIT_USAGE = 2,     /* usage error */
	EXIT_RUNTIME = 3,   /* unreadable root, unwritable output, corrupt state */
};

struct cli_command {
	const char *name;
	int (*fn)(int argc, char **argv);  /* argv[0] is the subcommand */
	const char *usage;
	const char *summary;
};

int cmd_run(int argc, char **argv);
int cmd_runs(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_triage(int argc, char **argv);
int cmd_review(int argc, char **argv);   /* src/cmd-review.c (the TUI helper) */

/* The interactive screen. The commands never include the UI (the include
 * direction points up: cli below ui); main.c, the composition root, hands
 * the UI's functions in. Without a screen (unit tests) the commands run
 * plain. */
struct pipeline_opts;
struct run;
struct cli_screen {
	int (*wanted)(void);   /* a terminal, or scripted tests */
	/* see tui_live_run / tui_review in ui/tui.h */
	int (*live_run)(const struct pipeline_opts *opts, struct run **out_run);
	int (*review)(struct run *r, const char *root, const char *run_dir);
};
void cli_set_screen(const struct cli_screen *screen);
/* The screen when one was set and wanted() says yes, else NULL. */
const struct cli_screen *cli_screen_wanted(void);

/* Loads --config FILE, or ROOT/.ppaudit.json when present, over defaults.
 * Prints the error and returns -1 on an invalid file. */
int cli_load_config(struct config *cfg, const char *root, const char *path);

void cli_usage(FILE *out);

#endif
