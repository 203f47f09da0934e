/* Call catalogs: named lists of call patterns (blocking calls, CPU-bound
 * calls, network clients, session acquisition, offload wrappers, route and
 * task decorators, ...) loaded from auditors/catalog/<lang>.json, which is
 * compiled into the binary, plus extra names from .ppaudit.json.
 *
 * A catalog file is {"lists": {"name": ["pattern", ...]}, "words": {...},
 * "texts": {"name": "recommendation"}}. "lists" hold call patterns: each
 * gets one of 64 bits that catalog_annotate_calls sets per call, so that
 * catalog_match_call is a bit test. "words" hold names matched against
 * identifiers (receivers, method names) with catalog_match: no bit.
 *
 * Patterns, matched against a callee resolved through imports
 * (model_resolve):
 *   "time.sleep"     exact dotted name
 *   "requests.*"     any name under the prefix (requests.get, requests.post)
 *   "*.read_text"    any callee whose last segment is read_text
 *   "*.objects.*"    any callee containing the segment sequence ".objects."
 *
 * catalog_init() runs once on the main thread before any auditor starts;
 * afterwards the catalog is read-only and thread-safe. Lists are owned by
 * the catalog and live until catalog_free(). */
#ifndef PPAUDIT_CATALOG_H
#define PPAUDIT_CATALOG_H

/* not "config.h": from auditors/ that name finds autoconf's header first */
#include "model.h"

struct config;

struct catalog_list;

/* Loads the embedded catalogs and merges cfg's extra names (cfg may be
 * NULL). Returns 0, or -1 with a message naming the catalog in err. */
int catalog_init(const struct config *cfg, char *err, size_t errlen);
void catalog_free(void);

/* The list named name for lang ("blocking", "offload", ...); never NULL
 * (an unknown name gives an empty list). */
const struct catalog_list *catalog_get(enum lang lang, const char *name);

/* A number that changes whenever catalogs are loaded or freed: a memo of
 * catalog answers kept outside the catalog keys on it. */
unsigned catalog_generation_now(void);

/* A language whose catalog holds the common-*.json words (every audited
 * language's does), for questions asked where no file is at hand.
 * LANG_NONE before catalog_init. */
enum lang catalog_common_lang(void);

/* True when l holds no pattern (a list the language's catalog lacks). */
int catalog_list_empty(const struct catalog_list *l);

/* The text called name ("prisma.n_plus_one") of lang's "texts" object:
 * recommendations worded per stack, with `{target}` where the model or
 * table goes. NULL when there is none. Owned by the catalog. */
const char *catalog_text(enum lang lang, const char *name);

/* True when the resolved dotted callee matches a pattern of the list. */
int catalog_match(const struct catalog_list *l, const char *callee);

/* Resolves call node c of model m through imports and matches it. */
int catalog_match_call(const struct catalog_list *l, const struct model *m, const struct node *c);

/* Records in every call of m which catalog lists its resolved callee
 * belongs to (one bit per list), so catalog_match_call is a bit test.
 * Runs after model_resolve_calls, on the thread that owns m. */
void catalog_annotate_calls(struct model *m);

/* The pattern that matched, for issue text, or NULL. */
const char *catalog_match_pattern(const struct catalog_list *l, const char *callee);

#endif
