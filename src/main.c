/* ppaudit: argv parsing and subcommand dispatch. */
#include "autoconfig.h"
#include "cli.h"
#include "git.h"
#include "util/sanitize.h"
#include "util/suggest.h"
/* the composition root: the only file below ui/ that may name it */
#include "../ui/tui.h"

#include <stdio.h>
#include <sys/stat.h>
#include <string.h>

static const struct cli_command commands[] = {
	{ "run", cmd_run,
	  "run [--no-tui] [--format md,json,sarif,html,tsv] [--fail-on LEVEL] [--jobs N]\n"
	  "            [--output-dir DIR] [--config FILE] [PATH]",
	  "audit PATH (default .) and write the reports" },
	{ "review", cmd_review, "review [--output-dir DIR] [DATE] [PATH]",
	  "open a dated run in the findings browser (no rescan)" },
	{ "runs", cmd_runs, "runs [--partial] [--output-dir DIR] [PATH]", "list the dated runs with their scores" },
	{ "diff", cmd_diff,
	  "diff [--format text|json] [--all] [--fail-on LEVEL] [--output-dir DIR] DATE_A DATE_B [PATH]",
	  "new / fixed / unchanged findings between two runs" },
	{ "export", cmd_export,
	  "export [--run DATE] --format md|json|tsv|sarif|html [-o FILE|-] [--force] [PATH]",
	  "export a run as Markdown, JSON, TSV, SARIF or HTML" },
	{ "triage", cmd_triage, "triage list|advisory|adr|false-positive|reopen|undo ...",
	  "list findings, record a triage decision (one or by filters), undo one" },
	{ "rules", cmd_rules, "rules", "list every check with its auditor and severity rule" },
	{ "explain", cmd_explain, "explain CHECK", "show the documentation page of a check" },
	{ NULL, NULL, NULL, NULL }
};

static const struct cli_screen tui_screen = { tui_wanted, tui_live_run, tui_review };
static const struct cli_screen *screen;

void cli_set_screen(const struct cli_screen *s) { screen = s; }

const struct cli_screen *cli_screen_wanted(void)
{
	return screen != NULL && screen->wanted() ? screen : NULL;
}

void cli_usage(FILE *out)
{
	const struct cli_command *c;

	fprintf(out, "usage: ppaudit [PATH]            audit PATH (live screen on a terminal)\n");
	for (c = commands; c->name != NULL; c++)
		fprintf(out, "       ppaudit %s\n", c->usage);
	fprintf(out, "       ppaudit --help | --version\n\ncommands:\n");
	for (c = commands; c->name != NULL; c++)
		fprintf(out, "  %-9s %s\n", c->name, c->summary);
	fprintf(out, "\nExit status: 0 ok, 1 findings at or above --fail-on, 2 usage error,\n"
		     "3 runtime error. See ppaudit(1).\n");
}

int main(int argc, char **argv)
{
	const struct cli_command *c;
	int rc;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
			  strcmp(argv[1], "help") == 0)) {
		cli_usage(stdout);
		return EXIT_OK;
	}
	if (argc >= 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
		printf("ppaudit %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	cli_set_screen(&tui_screen);
	git_module_init();
	for (c = commands; c->name != NULL; c++) {
		if (argc >= 2 && strcmp(argv[1], c->name) == 0) {
			rc = c->fn(argc - 1, argv + 1);
			git_module_shutdown();
			return rc;
		}
	}
	if (argc >= 2 && argv[1][0] == '-' && strcmp(argv[1], "-") != 0 &&
	    strncmp(argv[1], "--", 2) != 0) {
		term_printf(stderr, "ppaudit: unknown option '%s'\n", argv[1]);
		cli_usage(stderr);
		git_module_shutdown();
		return EXIT_USAGE;
	}
	if (argc >= 2 && argv[1][0] != '-') {
		/* `ppaudit reveiw`: a word that is no folder but close to a
		 * command is a typo, not a path to audit */
		const char *names[16], *near;
		size_t n = 0;
		struct stat st;

		for (c = commands; c->name != NULL && n < 16; c++)
			names[n++] = c->name;
		near = stat(argv[1], &st) == 0 ? NULL : suggest_closest(argv[1], names, n);
		if (argc > 2 || near != NULL) {
			if (near != NULL)
				term_printf(stderr, "ppaudit: unknown command '%s'; did you mean %s?\n",
					    argv[1], near);
			else
				term_printf(stderr, "ppaudit: unknown command '%s'\n", argv[1]);
			cli_usage(stderr);
			git_module_shutdown();
			return EXIT_USAGE;
		}
	}
	/* `ppaudit [options] [PATH]` is `ppaudit run [options] [PATH]` */
	argv[0] = "run";
	rc = cmd_run(argc, argv);
	git_module_shutdown();
	return rc;
}
