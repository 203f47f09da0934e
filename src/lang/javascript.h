/* The JavaScript / TypeScript front end's entry point (src/lang/javascript*.c).
 * Not registered in lang.c yet: the checks are Python-shaped, so JS files
 * are only counted by a run; tests and tests/tools/parse-files use this. */
#ifndef PPAUDIT_JAVASCRIPT_H
#define PPAUDIT_JAVASCRIPT_H

#include <stddef.h>

#include "model.h"

/* Parses JS/TS/JSX/TSX source (ownership of src taken, heap and
 * NUL-terminated at src[len]) into a model; never fails: problems are
 * recorded per line in m->errors and the rest is still modelled. */
struct model *javascript_parse(char *src, size_t len);

#endif
