/* Path globs over '/'-separated relative paths, as ADRs and
 * `ppaudit triage --path` write them: '*' and '?' stay inside one path
 * segment, '**' crosses segments ('**' followed by '/' also matches no
 * directory at all). O(|pattern| x |path|) whatever the stars; patterns of 1024 bytes
 * or more match nothing. No allocation, no ownership. */
#ifndef PPAUDIT_UTIL_PATHGLOB_H
#define PPAUDIT_UTIL_PATHGLOB_H

/* 1 when the glob p matches all of s. */
int path_glob_match(const char *p, const char *s);

/* 1 when pat covers file: pat is the file itself, a directory above it
 * (with or without a trailing '/'), or a glob matching the file or one of
 * the directories above it. A leading "./" is ignored. */
int path_covers(const char *pat, const char *file);

#endif
