/* Project configuration from .ppaudit.json (SPEC §9) and the command line.
 * Ownership: struct config owns its strings and arrays; config_free(). */
#ifndef PPAUDIT_CONFIG_H
#define PPAUDIT_CONFIG_H

#include <stddef.h>

#include "finding.h"

struct severity_override {
	char *check;
	enum severity severity;
};

struct config {
	char **excludes;              /* path globs excluded from the audit */
	size_t n_excludes;
	char **disabled_checks;
	size_t n_disabled_checks;
	struct severity_override *overrides;
	size_t n_overrides;
	int long_transaction_lines;   /* default 50 */
	size_t max_file_size;         /* bytes, default 1 MiB */
	char **extra_blocking_calls;  /* dotted names added to the blocking catalog */
	size_t n_extra_blocking_calls;
	char **extra_cpu_bound_calls;
	size_t n_extra_cpu_bound_calls;
	char **adr_dirs;              /* extra ADR folders, relative to root */
	size_t n_adr_dirs;
	char *output_dir;             /* NULL: the root */
	int jobs;                     /* parse threads, 0: online CPUs */
};

void config_defaults(struct config *cfg);
/* Loads path into cfg (on top of defaults). Returns 0, or -1 with a
 * message naming the file and the key in err. A missing file is not an
 * error when optional is set. */
int config_load(struct config *cfg, const char *path, int optional, char *err, size_t errlen);
int config_check_disabled(const struct config *cfg, const char *check_id);
void config_free(struct config *cfg);

#endif
