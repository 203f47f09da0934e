/* `ppaudit rules` and `ppaudit explain CHECK`. */
#include "checks.h"
#include "cli.h"
#include "embedded.h"
#include "util/strbuf.h"
#include "util/suggest.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_rules(int argc, char **argv)
{
	int c;
	size_t i;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("usage: ppaudit rules\nLists every check with its worker and category; "
		       "`ppaudit explain CHECK` shows one check's page (severity rules included).\n");
		return EXIT_OK;
	}
	if (argc > 1) {
		fprintf(stderr, "ppaudit: rules takes no arguments\n");
		return EXIT_USAGE;
	}
	for (c = 0; c < CAT_COUNT; c++) {
		const struct worker_def *a = &worker_defs[c];
		printf("%s %s (%s)\n", a->worker, category_name(a->category), a->report_name);
		for (i = 0; i < a->n_checks; i++)
			printf("  %-30s %s\n", check_defs[a->first_check + i].id,
			       check_defs[a->first_check + i].title);
	}
	printf("\n`ppaudit explain CHECK` shows a check's documentation page.\n");
	return EXIT_OK;
}

int cmd_explain(int argc, char **argv)
{
	const struct check_def *chk;
	const struct embedded_file *doc;
	char *name;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("usage: ppaudit explain CHECK\nShows the documentation page of CHECK "
		       "(see `ppaudit rules` for the ids).\n");
		return EXIT_OK;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: ppaudit explain CHECK   (see `ppaudit rules`)\n");
		return EXIT_USAGE;
	}
	chk = checks_find(argv[1]);
	if (chk == NULL) {
		const char *ids[CHECK_COUNT], *near;
		size_t i;

		for (i = 0; i < CHECK_COUNT; i++)
			ids[i] = check_defs[i].id;
		near = suggest_closest(argv[1], ids, CHECK_COUNT);
		if (near != NULL)
			term_printf(stderr, "ppaudit: unknown check '%s'; did you mean %s?\n", argv[1],
				    near);
		else
			term_printf(stderr, "ppaudit: unknown check '%s' (see `ppaudit rules`)\n",
				    argv[1]);
		return EXIT_USAGE;
	}
	name = xasprintf("docs/%s.md", chk->id);
	doc = embedded_find(name);
	free(name);
	if (doc == NULL) {
		term_printf(stderr, "ppaudit: no documentation page for '%s'\n", chk->id);
		return EXIT_RUNTIME;
	}
	fwrite(doc->data, 1, (size_t)doc->len, stdout);
	return EXIT_OK;
}
