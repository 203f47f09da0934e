/* "Did you mean ...?" for mistyped commands and check ids: the closest
 * candidate by edit distance, or a candidate the word is a prefix of. */
#ifndef PPAUDIT_SUGGEST_H
#define PPAUDIT_SUGGEST_H

#include <stddef.h>

/* The candidate closest to word (at most a third of its length in edits,
 * or one it starts), or NULL. Candidates are borrowed. */
const char *suggest_closest(const char *word, const char *const *candidates, size_t n);

#endif
