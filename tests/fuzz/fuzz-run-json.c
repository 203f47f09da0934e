/* libFuzzer target for the run.json loader; make check runs it through driver.c.
 *
 * Longer runs (clang, libFuzzer, ASan/UBSan): tests/fuzz/run-long.sh SECONDS run-json
 * (tests/fuzz/README).
 *
 * The bytes become a file that run_load() reads. Besides crashes and
 * sanitizer reports it checks the loader's contract: a failure names the
 * file ("path: reason") and leaves the file as it was; a success gives a
 * run that serializes and loads again. */
#include "run.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Per-process scratch file names (libFuzzer -jobs runs several processes). */
static char fuzz_path[64], fuzz_path2[64];

/* Removes the scratch files when the process ends (make check runs
 * every target on each build). */
static void fuzz_cleanup(void)
{
	unlink(fuzz_path);
	unlink(fuzz_path2);
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

/* Loads the input as run.json and checks the contract. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	struct run *r, *r2;
	char *json;

	if (!fuzz_path[0]) {
		snprintf(fuzz_path, sizeof fuzz_path, "/tmp/fuzz-run-json.%ld", (long)getpid());
		snprintf(fuzz_path2, sizeof fuzz_path2, "/tmp/fuzz-run-json.%ld.2", (long)getpid());
		atexit(fuzz_cleanup);
	}
	fuzz_write(fuzz_path, data, size);
	r = run_load(fuzz_path, err, sizeof err);
	fuzz_unchanged(fuzz_path, data, size);
	if (!r) {
		fuzz_err(err, fuzz_path);
		return 0;
	}
	/* what we accept we must be able to write and read back */
	json = run_to_json(r);
	fuzz_write(fuzz_path2, json, strlen(json));
	r2 = run_load(fuzz_path2, err, sizeof err);
	if (!r2 || r2->n_findings != r->n_findings || r2->check_counts_n != r->check_counts_n)
		abort();
	for (size_t i = 0; i < r->n_findings; i++)
		if (strcmp(r->findings[i].fingerprint, r2->findings[i].fingerprint) != 0 ||
		    r->findings[i].status != r2->findings[i].status ||
		    r->findings[i].severity != r2->findings[i].severity)
			abort();
	free(json);
	run_free(r2);
	run_free(r);
	return 0;
}
