/* The front-end registry: every language ppaudit recognises, how its files
 * are named, how to parse them, and the traits the checks may ask about.
 * Nothing outside src/lang/ names a language; files.c and pipeline.c ask
 * this table.
 *
 * A language with parse == NULL is recognised but not audited by this
 * build: its files are counted and named in the run's coverage (SPEC §9)
 * so that a tree in such a language is never scored as healthy.
 *
 * The table is static and read-only: safe to use from every thread. */
#ifndef PPAUDIT_LANG_H
#define PPAUDIT_LANG_H

#include <stddef.h>

#include "model.h"

/* What the checks may ask about a language instead of naming it. */
struct lang_traits {
	const char *comment;                 /* line comment leader: "#", "//" */
	const char *const *receivers;        /* implicit receiver names: self, cls / this */
	const char *const *offload_calls;    /* run blocking work off the event loop */
	const char *const *spawn_calls;      /* start work that outlives the caller */
	const char *const *asset_dirs;       /* folders holding browser code, not the
	                                        service: static/, public/, themes/ */
	int string_concat_quadratic;         /* `s += x` in a loop copies s: Python and
	                                        Go yes; JavaScript engines use ropes */
	int sync_io_blocks;                  /* database I/O in a plain (non-async)
	                                        function blocks its thread: Python yes;
	                                        JavaScript drivers return promises; Go
	                                        has no event loop to block */
	const char *catch_word;              /* the error handler in issue text: "except",
	                                        "catch" (NULL: "except") */
	const char *throw_word;              /* what an error path does: "raises",
	                                        "throws" (NULL: "raises") */
	int one_event_loop;                  /* every function runs on the process's one
	                                        event loop thread (Node): a blocking call
	                                        in a handler or worker stalls every
	                                        request, async or not */
	int errors_are_values;               /* failures come back as values and leave by
	                                        `if err != nil { return }`, not by an
	                                        exception: Go yes. An early return between
	                                        Begin and Commit is then the error path */
	const char *module_manifest;         /* a package is one folder, named by import
	                                        path: the root file whose module line
	                                        gives the project's own path prefix
	                                        ("go.mod"); NULL: packages are files */
	const char *module_directive;        /* that line's leading word ("module") */
};

struct front_end {
	enum lang id;                        /* LANG_NONE for recognised-only languages */
	const char *name;                    /* "Python", "JavaScript/TypeScript" */
	const char *key;                     /* "python": catalogs are catalog/<key>-*.json,
	                                        findings and run.json name it */
	const char *const *extensions;       /* ".py", NULL-terminated */
	const char *const *shebangs;         /* interpreter names after #!, NULL-terminated */
	/* Takes ownership of src (heap, NUL-terminated at src[len]); never
	 * fails: errors are recorded in the model. NULL: not audited. */
	struct model *(*parse)(char *src, size_t len);
	struct lang_traits traits;
};

/* The front end for a file name by its extension, or NULL. */
const struct front_end *lang_for_path(const char *relpath);
/* The front end for a first line "#!/usr/bin/env python3", or NULL. */
const struct front_end *lang_for_shebang(const char *first_line, size_t len);
/* The audited front end of an id (LANG_PYTHON…), or NULL. */
const struct front_end *lang_get(enum lang id);
/* Cuts line (a copy of one source line) at the language's line comment,
 * outside string literals: what follows `#` or `//` is not code. */
void lang_cut_comment(enum lang id, char *line);

/* Every entry, for listings (rules, coverage); *n receives the count. */
const struct front_end *lang_all(size_t *n);

#endif
