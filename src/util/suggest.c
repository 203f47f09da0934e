/* Closest-candidate suggestions; see suggest.h. */
#include "util/suggest.h"

#include <string.h>

/* Levenshtein distance, capped: words here are short (< 64 bytes). */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[65];

	if (la > 64 || lb > 64)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (up + 1 < best)
				best = up + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

const char *suggest_closest(const char *word, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1, i, wl = strlen(word);

	if (wl == 0)
		return NULL;
	for (i = 0; i < n; i++) {
		size_t d = distance(word, candidates[i]);
		if (strncmp(candidates[i], word, wl) == 0 && wl >= 3)
			d = d < 1 ? d : 1;   /* `n_plus` -> n_plus_one */
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best != NULL && best_d <= (wl + 2) / 3 ? best : NULL;
}
