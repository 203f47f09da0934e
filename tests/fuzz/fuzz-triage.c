/* libFuzzer target for the triage.json loader; make check runs it through driver.c.
 *
 * Longer runs (clang, libFuzzer, ASan/UBSan): tests/fuzz/run-long.sh SECONDS triage
 * (tests/fuzz/README).
 *
 * The bytes become a file that triage_load() reads. Besides crashes and
 * sanitizer reports it checks the loader's contract: a failure names the
 * file ("path: reason") and leaves the file as it was (a corrupt
 * triage.json must never be overwritten); a success gives decisions in
 * fingerprint order that save and load again unchanged, except that the
 * save writes valid UTF-8 only (SPEC §12): a string that was not comes
 * back repaired, and a second save changes nothing. */
#include "triage.h"
#include "util/fsutil.h"
#include "util/sanitize.h"
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

/* Aborts unless the saved string b is a (NULL or equal), or a repaired
 * copy of a when a is not valid UTF-8. */
static void fuzz_same(const char *a, const char *b)
{
	if ((a == NULL) != (b == NULL))
		abort();
	if (a && strcmp(a, b) != 0 && (utf8_valid(a) || !utf8_valid(b)))
		abort();
}

/* Loads the input as triage.json and checks the contract. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	struct triage *t, *t2;
	char *saved;
	size_t len;

	if (!fuzz_path[0]) {
		snprintf(fuzz_path, sizeof fuzz_path, "/tmp/fuzz-triage.%ld", (long)getpid());
		snprintf(fuzz_path2, sizeof fuzz_path2, "/tmp/fuzz-triage.%ld.2", (long)getpid());
		atexit(fuzz_cleanup);
	}
	fuzz_write(fuzz_path, data, size);
	t = triage_load(fuzz_path, err, sizeof err);
	fuzz_unchanged(fuzz_path, data, size);
	if (!t) {
		fuzz_err(err, fuzz_path);
		return 0;
	}
	for (size_t i = 1; i < t->n; i++)
		if (strcmp(t->decisions[i - 1].fingerprint, t->decisions[i].fingerprint) >= 0)
			abort();
	for (size_t i = 0; i < t->n; i++)
		if (triage_get(t, t->decisions[i].fingerprint) != &t->decisions[i])
			abort();
	/* what we accept we must be able to save and read back */
	if (triage_save(t, fuzz_path2, err, sizeof err) != 0)
		abort();
	t2 = triage_load(fuzz_path2, err, sizeof err);
	if (!t2 || t2->n != t->n || t2->n_history != t->n_history)
		abort();
	for (size_t i = 0; i < t->n; i++) {
		const struct triage_decision *a = &t->decisions[i], *b = &t2->decisions[i];

		if (strcmp(a->fingerprint, b->fingerprint) != 0 || a->status != b->status)
			abort();
		fuzz_same(a->reason, b->reason);
		fuzz_same(a->adr, b->adr);
		fuzz_same(a->check, b->check);
		fuzz_same(a->file, b->file);
		fuzz_same(a->function, b->function);
	}
	for (size_t i = 0; i < t->n_history; i++)
		fuzz_same(t->history[i].action, t2->history[i].action);
	/* the repaired file is a fixed point: saving it again writes the same */
	saved = fs_read_file(fuzz_path2, 0, &len);
	if (!saved || triage_save(t2, fuzz_path2, err, sizeof err) != 0)
		abort();
	fuzz_unchanged(fuzz_path2, saved, len);
	free(saved);
	triage_free(t2);
	triage_free(t);
	return 0;
}
