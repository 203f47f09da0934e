/* File enumeration: which files of the project are audited.
 * Uses libgit2 (tracked + untracked-not-ignored) inside a repository and a
 * plain directory walk elsewhere; classifies each file (language, test,
 * vendored, migration, excluded). Reading and parsing happen later, in the
 * parallel parse phase. */
#ifndef PPAUDIT_FILES_H
#define PPAUDIT_FILES_H

#include <stdatomic.h>
#include <stddef.h>

#include "config.h"
#include "project.h"

/* Fills p->files (sorted by path) with the source files under p->root.
 * Vendored trees are not listed at all. Returns 0, or -1 with err naming
 * the root and the reason when it cannot be read. cancel (NULL or the
 * run's flag) is polled per directory entry: once set the walk stops and
 * the list is incomplete, for the caller to discard. */
int files_collect(struct project *p, const struct config *cfg, const atomic_int *cancel,
		  int *used_git, char *err, size_t errlen);

/* Classification of one relative path (exposed for tests). */
unsigned files_classify(const char *relpath, const struct config *cfg);
/* The front end for a file: by extension, or by the #! line of an
 * extensionless script (read beneath root); NULL when none. */
struct front_end;
const struct front_end *files_front_end(const char *root, const char *relpath);
/* Whole-component glob match used for excludes: "app/legacy/", "*.gen.py". */
int files_glob_match(const char *pattern, const char *relpath);

#endif
