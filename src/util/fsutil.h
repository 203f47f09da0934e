/* The one file-system layer (SPEC §12): whole-file reads, atomic writes,
 * folders, and the confinement that keeps a hostile tree from steering
 * them. Functions returning int give 0 on success and -1 with errno set.
 *
 * CONFINEMENT
 * Two roots are set once per process, before any thread starts:
 *  - the tree root (the audited project): paths under it are read only as
 *    regular files, resolved beneath it with no symbolic link followed
 *    (openat2 RESOLVE_BENEATH|RESOLVE_NO_SYMLINKS, or a component walk
 *    with O_NOFOLLOW where the kernel lacks it);
 *  - the output root (the project, or --output-dir): every write, mkdir,
 *    rename and delete must be under it, resolved the same way; temp
 *    files and folders are created with O_EXCL under fresh names. A write
 *    outside it fails with EPERM unless it goes through fs_write_user()
 *    (a file the user named on the command line or in the UI).
 * The roots themselves are trusted: the user named them. A path is under
 * a root when it is the root's string followed by '/' and components
 * (or any relative path when the root is "."); ".." is refused there.
 * Reads of other paths (the knowledge base, --config) still refuse FIFOs
 * and devices. Without roots (unit tests) nothing is confined. */
#ifndef PPAUDIT_FSUTIL_H
#define PPAUDIT_FSUTIL_H

#include <dirent.h>
#include <errno.h>
#include <stddef.h>

/* errno values this layer sets, beyond the system's own */
#define FS_ERR_LINK     ELOOP   /* a symbolic link on the way: not followed */
#define FS_ERR_OUTSIDE  EXDEV   /* the path leaves its root */
#define FS_ERR_NOTREG   ENODEV  /* a FIFO, device or socket: never read */

/* Sets the roots (0, or -1 when the folder cannot be opened). Passing
 * NULL clears one. Not thread-safe: call before starting threads. */
int fs_set_tree_root(const char *root);
int fs_set_output_root(const char *root);

/* strerror() that names this layer's refusals plainly. */
const char *fs_strerror(int err);

/* Reads a whole regular file into a NUL-terminated heap buffer the caller
 * frees: the file's size plus one byte when it did not change while being
 * read (models keep it for the whole run). Fails with EFBIG when the file is larger than max (0: no cap),
 * FS_ERR_NOTREG for anything but a regular file, FS_ERR_LINK for a link
 * inside a root. */
char *fs_read_file(const char *path, size_t max, size_t *len_out);

/* Reads at most size bytes from the start of a regular file (same rules
 * as fs_read_file); returns the count, or -1. */
long fs_read_head(const char *path, char *buf, size_t size);

/* Writes data to a fresh temp file beside path (O_EXCL), fsyncs it, then
 * renames it over path, so readers see the old or the new file, never a
 * torn one. Confined to the output root when one is set. */
int fs_write_atomic(const char *path, const char *data, size_t len);

/* The same for a path the user named (export -o FILE): not confined, but
 * the temp file is still exclusive and the final name is replaced, never
 * written through. */
int fs_write_user(const char *path, const char *data, size_t len);

/* The folder holding path, opened as fs_open_lock walks it (no link on
 * the way under the output root), and path's last component (heap) in
 * *leaf: for writers that must keep acting on that one folder even if
 * its name is swapped for a link meanwhile. Returns an fd or -1. */
int fs_open_parent(const char *path, char **leaf);

/* fs_write_atomic's exclusive temp, fsync and rename, inside dirfd. */
int fs_write_at(int dirfd, const char *leaf, const char *data, size_t len);

/* Opens path read-write, creating it (0644) when missing, without
 * following a link at any component: under the output root the folders
 * are walked one by one (a folder swapped for a link since it was made
 * is refused, FS_ERR_LINK), elsewhere only the last one is checked. For
 * lock files: never truncated. Returns an fd or -1 (errno set). */
int fs_open_lock(const char *path);

/* mkdir -p; existing directories are fine, links on the way are not
 * (under the output root). */
int fs_mkdir_p(const char *path, unsigned mode);
/* mkdir -p of a folder the user named (--output-dir, an export path). */
int fs_mkdir_p_user(const char *path, unsigned mode);

/* Removes the leftovers of killed runs in dir: entries named
 * ".ppaudit-tmp-<pid>-…" or ".ppaudit-old-<pid>-…" whose process is gone
 * (files, and folders holding only files; links are unlinked, never
 * followed). Returns how many were removed. Output root only. */
int fs_clean_stale_temps(const char *dir);

/* Creates a fresh folder "dir/.ppaudit-tmp-<pid>-<random>" (exclusive,
 * never an existing name or link) and returns its heap path, or NULL. */
char *fs_mkdtemp_in(const char *dir);

/* Deletes a folder this run created and the files in it, without ever
 * following a link (a link inside is unlinked, not entered). Refuses a
 * path that is itself a link. Output root only. */
int fs_remove_tree(const char *path);

/* Moves folder tmp over dst (same parent). An existing dst folder is
 * exchanged atomically and its old content then removed; a dst that is a
 * link or a file is refused (FS_ERR_LINK / ENOTDIR). */
int fs_replace_dir(const char *tmp, const char *dst);

/* Moves folder tmp to dst (same parent) only when dst does not exist
 * (EEXIST otherwise: a run never replaces another run's folder). */
int fs_move_dir_new(const char *tmp, const char *dst);

/* 1 when something (file, folder, link, anything) has this name. */
int fs_exists(const char *path);

/* Opens a directory for listing (readdir); under a root, links are not
 * followed. Caller closedir()s. */
DIR *fs_opendir(const char *path);

/* 1 when rel is a relative path with no ".." component: a name that
 * cannot leave the folder it is joined to (run.json "file" entries). */
int fs_rel_is_safe(const char *rel);

/* Returns a heap string "a/b" (no doubled separator). */
char *fs_join(const char *a, const char *b);

/* Type tests that never follow a link under a root. */
int fs_is_dir(const char *path);
int fs_is_file(const char *path);
/* 1 when path (under a root or not) is itself a symbolic link. */
int fs_is_link(const char *path);
/* Size of a regular file, -1 when it is not one (or cannot be reached
 * without a link). */
long long fs_file_size(const char *path);

#endif
