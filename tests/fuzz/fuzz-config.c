/* libFuzzer target for the .ppaudit.json loader; make check runs it through driver.c.
 *
 * Longer runs (clang, libFuzzer, ASan/UBSan): tests/fuzz/run-long.sh SECONDS config
 * (tests/fuzz/README).
 *
 * The bytes become a file that config_load() reads on top of the
 * defaults. Besides crashes and sanitizer reports it checks the loader's
 * contract: a failure names the file ("path: reason") and leaves it as it
 * was; a success gives values inside the documented ranges. The check ids
 * it validates come from the auditors' static tables, so no catalog_init
 * is needed. */
#include "config.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Per-process scratch file names (libFuzzer -jobs runs several processes). */
static char fuzz_path[64];

/* Removes the scratch files when the process ends (make check runs
 * every target on each build). */
static void fuzz_cleanup(void)
{
	unlink(fuzz_path);
}

/* Writes data to path whole; aborts when the scratch file cannot be made. */
static void fuzz_write(const char *path, const void *data, size_t size)
{
	FILE *fp = fopen(path, "wb");

	if (!fp || (size && fwrite(data, 1, size, fp) != size) || fclose(fp) != 0)
		abort();
}

/* Aborts unless path still holds exactly data. */
static void fuzz_unchanged(const char *path, const void *data, size_t size)
{
	size_t len;
	char *text = fs_read_file(path, 0, &len);

	if (!text || len != size || memcmp(text, data, size) != 0)
		abort();
	free(text);
}

/* Aborts unless err reads "path: reason". */
static void fuzz_err(const char *err, const char *path)
{
	size_t n = strlen(path);

	if (strncmp(err, path, n) != 0 || err[n] != ':' || err[n + 1] != ' ' || !err[n + 2])
		abort();
}

/* Aborts when a string list has a NULL entry. */
static void fuzz_list(char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == NULL)
			abort();
}

/* Loads the input as .ppaudit.json and checks the contract. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	struct config cfg;
	int rc;

	if (!fuzz_path[0]) {
		snprintf(fuzz_path, sizeof fuzz_path, "/tmp/fuzz-config.%ld", (long)getpid());
		atexit(fuzz_cleanup);
	}
	fuzz_write(fuzz_path, data, size);
	config_defaults(&cfg);
	rc = config_load(&cfg, fuzz_path, 0, err, sizeof err);
	fuzz_unchanged(fuzz_path, data, size);
	if (rc != 0) {
		if (rc != -1)
			abort();
		fuzz_err(err, fuzz_path);
	} else {
		if (cfg.long_transaction_lines < 1 || cfg.max_file_size < 1 ||
		    (cfg.output_dir && !cfg.output_dir[0]))
			abort();
		fuzz_list(cfg.excludes, cfg.n_excludes);
		fuzz_list(cfg.disabled_checks, cfg.n_disabled_checks);
		fuzz_list(cfg.extra_blocking_calls, cfg.n_extra_blocking_calls);
		fuzz_list(cfg.extra_cpu_bound_calls, cfg.n_extra_cpu_bound_calls);
		fuzz_list(cfg.adr_dirs, cfg.n_adr_dirs);
		for (size_t i = 0; i < cfg.n_overrides; i++)
			if ((unsigned)cfg.overrides[i].severity >= SEV_COUNT)
				abort();
		for (size_t i = 0; i < cfg.n_disabled_checks; i++)
			if (!config_check_disabled(&cfg, cfg.disabled_checks[i]))
				abort();
	}
	/* config_free releases a partly loaded config too */
	config_free(&cfg);
	return 0;
}
