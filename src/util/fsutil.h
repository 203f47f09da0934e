/* File-system helpers: whole-file reads, atomic writes, directories.
 * Functions returning int give 0 on success and -1 with errno set. */
#ifndef PPAUDIT_FSUTIL_H
#define PPAUDIT_FSUTIL_H

#include <stddef.h>

/* Reads a whole file into a NUL-terminated heap buffer the caller frees.
 * Fails with EFBIG when the file is larger than max (0: no cap). */
char *fs_read_file(const char *path, size_t max, size_t *len_out);

/* Writes data to a temp file beside path, fsyncs it, then renames it over
 * path, so readers see the old or the new file, never a torn one. */
int fs_write_atomic(const char *path, const char *data, size_t len);

/* mkdir -p; existing directories are fine. */
int fs_mkdir_p(const char *path, unsigned mode);

/* Returns a heap string "a/b" (no doubled separator). */
char *fs_join(const char *a, const char *b);

int fs_is_dir(const char *path);
int fs_is_file(const char *path);

#endif
