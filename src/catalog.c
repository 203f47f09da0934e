/* Call catalogs: named pattern lists loaded from the embedded
 * catalog/<lang>*.json files plus the extra names of .ppaudit.json.
 *
 * Every list keeps its patterns in three hash sets keyed by the literal
 * part of the pattern (exact names, "x.*" prefixes, "*.x" suffixes), so a
 * match costs one lookup per dot of the callee whatever the list size.
 * Infix patterns ("*.x.*") and any other glob are rare and scanned. */
#include "catalog.h"
#include "lang/lang.h"

#include <cjson/cJSON.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "config.h"
#include "util/hash.h"
#include "util/xalloc.h"

/* One hash-set slot: key is the literal part, pattern the original text.
 * Both owned by the list. */
struct pat_slot {
	char *key;
	char *pattern;
};

/* Open-addressing set of literal keys (power-of-two capacity). */
struct pat_set {
	struct pat_slot *slots;
	size_t n, cap;
	size_t max_len;    /* the longest key: a longer prefix or suffix never matches */
};

/* A named list; owns every string in it. */
struct catalog_list {
	char *name;
	int index;         /* bit in call_info->catalog_mask; -1 for a word list
	                      (matched against names, never calls) or past 64 */
	struct pat_set exact, prefix, suffix;
	char **infix;      /* ".x." (dots included) */
	char **infix_pat;  /* the original patterns, same order */
	size_t n_infix, cap_infix, cap_infix_pat;
	char **glob;       /* anything else with a '*', matched by fnmatch */
	char **glob_lit;   /* per glob: its longest literal run, which any match
	                      must contain (a cheap strstr before fnmatch) */
	size_t n_glob, cap_glob, cap_glob_lit;
};

/* Every list's literal keys of one shape merged into one table, key ->
 * mask of the lists holding it, so a call's memberships in all lists
 * take a handful of lookups (catalog_annotate_calls). */
struct mask_slot {
	char *key;
	uint64_t mask;
};

struct mask_set {
	struct mask_slot *slots;
	size_t n, cap;
	size_t max_len;    /* the longest key */
};

/* The lists of one language. */
/* A recommendation text of the catalog's "texts" object. */
struct catalog_text {
	char *name;       /* owned: "prisma.n_plus_one" */
	char *text;       /* owned */
};

struct catalog_lang {
	struct catalog_list **lists;
	size_t n, cap;
	struct catalog_text *texts;
	size_t n_texts, cap_texts;
	/* lists and texts sorted by name (texts: the first file's first when
	 * names repeat), for catalog_get's and catalog_text's binary search */
	struct catalog_list **lists_by_name;
	size_t *texts_by_name;
	int n_bits;            /* call lists given a mask bit so far */
	struct mask_set exact, prefix, suffix;
	uint64_t slow_lists;   /* lists with infix or glob patterns */
	struct catalog_list *by_bit[64];   /* the call list of each mask bit */
};

static struct catalog_lang catalog_langs[LANG_COUNT];
static const struct catalog_list catalog_empty = { .index = -1 };
/* Bumped by catalog_init so per-thread lookup caches drop stale lists. */
static unsigned catalog_generation;

/* Keyed (util/hash.h): patterns may come from the tree's .ppaudit.json
 * and the names looked up always do. */
static uint64_t catalog_hash(const char *s, size_t n)
{
	return hash_text(s, n);
}

/* Finds the pattern stored under key s[0..n), or NULL. */
static const char *pat_set_find(const struct pat_set *ps, const char *s, size_t n)
{
	size_t i;

	if (ps->cap == 0)
		return NULL;
	for (i = catalog_hash(s, n) & (ps->cap - 1); ps->slots[i].key != NULL;
	     i = (i + 1) & (ps->cap - 1)) {
		const char *k = ps->slots[i].key;

		if (strncmp(k, s, n) == 0 && k[n] == '\0')
			return ps->slots[i].pattern;
	}
	return NULL;
}

/* The mask stored under key s[0..n), or 0. */
static uint64_t mask_set_find(const struct mask_set *ms, const char *s, size_t n)
{
	size_t i;

	if (ms->cap == 0)
		return 0;
	for (i = catalog_hash(s, n) & (ms->cap - 1); ms->slots[i].key != NULL;
	     i = (i + 1) & (ms->cap - 1)) {
		const char *k = ms->slots[i].key;

		if (strncmp(k, s, n) == 0 && k[n] == '\0')
			return ms->slots[i].mask;
	}
	return 0;
}

/* ORs bit into the mask of key (a fixed-size table sized by the caller). */
static void mask_set_or(struct mask_set *ms, const char *key, uint64_t bit)
{
	size_t i;

	for (i = catalog_hash(key, strlen(key)) & (ms->cap - 1); ms->slots[i].key != NULL;
	     i = (i + 1) & (ms->cap - 1)) {
		if (strcmp(ms->slots[i].key, key) == 0) {
			ms->slots[i].mask |= bit;
			return;
		}
	}
	ms->slots[i].key = xstrdup(key);
	ms->slots[i].mask = bit;
	ms->n++;
	if (strlen(key) > ms->max_len)
		ms->max_len = strlen(key);
}

/* Builds ms from one pat_set per list (sel picks which). */
static void mask_set_build(struct mask_set *ms, struct catalog_lang *cl,
			   struct pat_set *(*sel)(struct catalog_list *))
{
	size_t total = 0, k, i;

	for (k = 0; k < cl->n; k++)
		total += sel(cl->lists[k])->n;
	ms->cap = 16;
	while (ms->cap < total * 2 + 1)
		ms->cap *= 2;
	ms->slots = xcalloc(ms->cap, sizeof *ms->slots);
	for (k = 0; k < cl->n; k++) {
		struct pat_set *ps = sel(cl->lists[k]);

		if (cl->lists[k]->index < 0)
			continue;
		for (i = 0; i < ps->cap; i++)
			if (ps->slots[i].key != NULL)
				mask_set_or(ms, ps->slots[i].key, 1ull << cl->lists[k]->index);
	}
}

static void mask_set_free(struct mask_set *ms)
{
	size_t i;

	for (i = 0; i < ms->cap; i++)
		free(ms->slots[i].key);
	free(ms->slots);
	memset(ms, 0, sizeof *ms);
}

static struct pat_set *sel_exact(struct catalog_list *l) { return &l->exact; }
static struct pat_set *sel_prefix(struct catalog_list *l) { return &l->prefix; }
static struct pat_set *sel_suffix(struct catalog_list *l) { return &l->suffix; }

/* Inserts key -> pattern unless the key is already there (first wins,
 * so the reported pattern is stable). Takes copies. */
static void pat_set_add(struct pat_set *ps, const char *key, const char *pattern)
{
	size_t i;

	if (pat_set_find(ps, key, strlen(key)) != NULL)
		return;
	if ((ps->n + 1) * 2 > ps->cap) {
		/* rehash at half load so probe chains stay short */
		struct pat_set grown = { NULL, 0, ps->cap ? ps->cap * 2 : 16, ps->max_len };

		grown.slots = xcalloc(grown.cap, sizeof *grown.slots);
		for (i = 0; i < ps->cap; i++) {
			struct pat_slot *s = &ps->slots[i];
			size_t j;

			if (s->key == NULL)
				continue;
			for (j = catalog_hash(s->key, strlen(s->key)) & (grown.cap - 1);
			     grown.slots[j].key != NULL; j = (j + 1) & (grown.cap - 1))
				;
			grown.slots[j] = *s;
			grown.n++;
		}
		free(ps->slots);
		*ps = grown;
	}
	for (i = catalog_hash(key, strlen(key)) & (ps->cap - 1); ps->slots[i].key != NULL;
	     i = (i + 1) & (ps->cap - 1))
		;
	ps->slots[i].key = xstrdup(key);
	ps->slots[i].pattern = xstrdup(pattern);
	ps->n++;
	if (strlen(key) > ps->max_len)
		ps->max_len = strlen(key);
}

/* Frees a set's keys and patterns. */
static void pat_set_free(struct pat_set *ps)
{
	size_t i;

	for (i = 0; i < ps->cap; i++) {
		free(ps->slots[i].key);
		free(ps->slots[i].pattern);
	}
	free(ps->slots);
	memset(ps, 0, sizeof *ps);
}

/* True when s has a '*' anywhere in [from, to). */
static int has_star(const char *s, size_t from, size_t to)
{
	return to > from && memchr(s + from, '*', to - from) != NULL;
}

/* Files one pattern into the right structure of l by its shape. */
static void catalog_list_add(struct catalog_list *l, const char *p)
{
	size_t n = strlen(p);

	if (n == 0)
		return;
	if (!has_star(p, 0, n)) {
		pat_set_add(&l->exact, p, p);
	} else if (n > 4 && p[0] == '*' && p[1] == '.' && p[n - 2] == '.' && p[n - 1] == '*' &&
		   !has_star(p, 2, n - 2)) {
		/* "*.x.*" -> ".x." */
		char *key = xstrndup(p + 1, n - 2);

		XGROW(l->infix, l->cap_infix, l->n_infix + 1);
		XGROW(l->infix_pat, l->cap_infix_pat, l->n_infix + 1);
		l->infix[l->n_infix] = key;
		l->infix_pat[l->n_infix++] = xstrdup(p);
	} else if (n > 2 && p[n - 2] == '.' && p[n - 1] == '*' && !has_star(p, 0, n - 2)) {
		char *key = xstrndup(p, n - 2);

		pat_set_add(&l->prefix, key, p);
		free(key);
	} else if (n > 2 && p[0] == '*' && p[1] == '.' && !has_star(p, 2, n)) {
		pat_set_add(&l->suffix, p + 2, p);
	} else {
		size_t i, best = 0, blen = 0, run = 0;

		for (i = 0; i <= n; i++) {
			if (i < n && !strchr("*?[]\\", p[i])) {
				run++;
				continue;
			}
			if (run > blen) {
				blen = run;
				best = i - run;
			}
			run = 0;
			/* skip a bracket class whole: its letters are alternatives */
			if (i < n && p[i] == '[')
				while (i < n && p[i] != ']')
					i++;
		}
		XGROW(l->glob, l->cap_glob, l->n_glob + 1);
		XGROW(l->glob_lit, l->cap_glob_lit, l->n_glob + 1);
		l->glob_lit[l->n_glob] = xstrndup(p + best, blen);
		l->glob[l->n_glob++] = xstrdup(p);
	}
}

/* Frees a list and everything it owns. */
static void catalog_list_free(struct catalog_list *l)
{
	size_t i;

	pat_set_free(&l->exact);
	pat_set_free(&l->prefix);
	pat_set_free(&l->suffix);
	for (i = 0; i < l->n_infix; i++) {
		free(l->infix[i]);
		free(l->infix_pat[i]);
	}
	free(l->infix);
	free(l->infix_pat);
	for (i = 0; i < l->n_glob; i++) {
		free(l->glob[i]);
		free(l->glob_lit[i]);
	}
	free(l->glob);
	free(l->glob_lit);
	free(l->name);
	free(l);
}

/* Returns the list called name in cl, creating it when missing. */
static struct catalog_list *catalog_list_get_or_add(struct catalog_lang *cl, const char *name,
						    int call_list)
{
	struct catalog_list *l;
	size_t i;

	for (i = 0; i < cl->n; i++)
		if (strcmp(cl->lists[i]->name, name) == 0)
			return cl->lists[i];
	l = xcalloc(1, sizeof *l);
	l->name = xstrdup(name);
	l->index = call_list && cl->n_bits < 64 ? cl->n_bits++ : -1;
	XGROW(cl->lists, cl->cap, cl->n + 1);
	cl->lists[cl->n++] = l;
	return l;
}

static int catalog_load_section(struct catalog_lang *cl, const char *fname, const cJSON *lists,
				int call_lists, char *err, size_t errlen);

/* Parses one catalog file ({"lists": {"name": ["pattern", ...]}, "words":
 * {...}, "texts": {...}}) into cl. */
static int catalog_load_json(struct catalog_lang *cl, const char *fname, const char *text,
			     char *err, size_t errlen)
{
	cJSON *root = cJSON_Parse(text), *lists, *texts;
	int rc = 0;

	if (root == NULL || !cJSON_IsObject(root)) {
		snprintf(err, errlen, "%s: not a valid JSON object", fname);
		cJSON_Delete(root);
		return -1;
	}
	texts = cJSON_GetObjectItemCaseSensitive(root, "texts");
	if (texts != NULL) {
		cJSON *t;

		if (!cJSON_IsObject(texts)) {
			snprintf(err, errlen, "%s: \"texts\" is not an object", fname);
			cJSON_Delete(root);
			return -1;
		}
		cJSON_ArrayForEach(t, texts) {
			if (!cJSON_IsString(t)) {
				snprintf(err, errlen, "%s: text \"%s\" is not a string", fname,
					 t->string);
				cJSON_Delete(root);
				return -1;
			}
			XGROW(cl->texts, cl->cap_texts, cl->n_texts + 1);
			cl->texts[cl->n_texts].name = xstrdup(t->string);
			cl->texts[cl->n_texts++].text = xstrdup(t->valuestring);
		}
	}
	lists = cJSON_GetObjectItemCaseSensitive(root, "lists");
	if (!cJSON_IsObject(lists)) {
		snprintf(err, errlen, "%s: missing object \"lists\"", fname);
		cJSON_Delete(root);
		return -1;
	}
	if (catalog_load_section(cl, fname, lists, 1, err, errlen) != 0 ||
	    catalog_load_section(cl, fname, cJSON_GetObjectItemCaseSensitive(root, "words"), 0,
				 err, errlen) != 0)
		rc = -1;
	cJSON_Delete(root);
	return rc;
}

/* Loads the lists of one section ("lists": call patterns, given a mask
 * bit; "words": names matched against identifiers) into cl. A missing
 * "words" section is fine. */
static int catalog_load_section(struct catalog_lang *cl, const char *fname, const cJSON *lists,
				int call_lists, char *err, size_t errlen)
{
	const cJSON *list;
	int rc = 0;

	if (lists == NULL)
		return 0;
	if (!cJSON_IsObject(lists)) {
		snprintf(err, errlen, "%s: \"words\" is not an object", fname);
		return -1;
	}
	cJSON_ArrayForEach(list, lists) {
		struct catalog_list *l;
		cJSON *p;

		if (!cJSON_IsArray(list)) {
			snprintf(err, errlen, "%s: list \"%s\" is not an array", fname, list->string);
			rc = -1;
			break;
		}
		l = catalog_list_get_or_add(cl, list->string, call_lists);
		cJSON_ArrayForEach(p, list) {
			if (!cJSON_IsString(p)) {
				snprintf(err, errlen, "%s: list \"%s\" holds a non-string pattern",
					 fname, list->string);
				rc = -1;
				break;
			}
			catalog_list_add(l, p->valuestring);
		}
		if (rc != 0)
			break;
	}
	return rc;
}

/* Adds the config's extra names to list name of cl. */
static void catalog_add_extra(struct catalog_lang *cl, const char *name, char **names, size_t n)
{
	struct catalog_list *l;
	size_t i;

	if (n == 0)
		return;
	l = catalog_list_get_or_add(cl, name, 1);
	for (i = 0; i < n; i++)
		if (names[i] != NULL)
			catalog_list_add(l, names[i]);
}

/* True when embedded file name is catalog/<key>-*.json. */
static int catalog_file_of(const char *name, const char *key)
{
	size_t kl = strlen(key), n = strlen(name);

	return strncmp(name, "catalog/", 8) == 0 && strncmp(name + 8, key, kl) == 0 &&
	       name[8 + kl] == '-' && n >= 5 && strcmp(name + n - 5, ".json") == 0;
}

static int list_name_cmp(const void *a, const void *b)
{
	return strcmp((*(struct catalog_list *const *)a)->name,
		      (*(struct catalog_list *const *)b)->name);
}

/* qsort has no context argument: the texts being sorted. */
static const struct catalog_text *sorting_texts;

static int text_name_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(sorting_texts[x].name, sorting_texts[y].name);

	return c != 0 ? c : (x > y) - (x < y);   /* stable: the first file's first */
}

/* Builds cl's by-name indexes once its files are loaded. */
static void catalog_sort_names(struct catalog_lang *cl)
{
	size_t i;

	cl->lists_by_name = xcalloc(cl->n ? cl->n : 1, sizeof *cl->lists_by_name);
	memcpy(cl->lists_by_name, cl->lists, cl->n * sizeof *cl->lists);
	xqsort(cl->lists_by_name, cl->n, sizeof *cl->lists_by_name, list_name_cmp);
	cl->texts_by_name = xcalloc(cl->n_texts ? cl->n_texts : 1, sizeof *cl->texts_by_name);
	for (i = 0; i < cl->n_texts; i++)
		cl->texts_by_name[i] = i;
	sorting_texts = cl->texts;
	xqsort(cl->texts_by_name, cl->n_texts, sizeof *cl->texts_by_name, text_name_cmp);
	sorting_texts = NULL;
}

/* Loads every embedded catalog/<key>-*.json of one language into cl, and
 * the catalog/common-*.json every language shares (words that mean the
 * same in all of them): the lists are split by owner (DB calls, other
 * calls, one auditor's words) but form one catalog; a list named in
 * several files is their union; a text, the first file's. */
static int catalog_load_lang(struct catalog_lang *cl, const char *key, const struct config *cfg,
			     char *err, size_t errlen)
{
	const struct embedded_file *e;

	/* the language's own files first: a text named in both is theirs */
	for (int pass = 0; pass < 2; pass++)
		for (e = embedded_files; e->name != NULL; e++)
			if (catalog_file_of(e->name, pass == 0 ? key : "common") &&
			    catalog_load_json(cl, e->name, e->data, err, errlen) != 0)
				return -1;
	/* .ppaudit.json's extra names are dotted call names of any language */
	if (cfg != NULL) {
		catalog_add_extra(cl, "blocking", cfg->extra_blocking_calls, cfg->n_extra_blocking_calls);
		catalog_add_extra(cl, "cpu_bound", cfg->extra_cpu_bound_calls,
				  cfg->n_extra_cpu_bound_calls);
	}
	catalog_sort_names(cl);
	mask_set_build(&cl->exact, cl, sel_exact);
	mask_set_build(&cl->prefix, cl, sel_prefix);
	mask_set_build(&cl->suffix, cl, sel_suffix);
	for (size_t k = 0; k < cl->n; k++) {
		if (cl->lists[k]->index < 0)
			continue;
		cl->by_bit[cl->lists[k]->index] = cl->lists[k];
		if (cl->lists[k]->n_infix > 0 || cl->lists[k]->n_glob > 0)
			cl->slow_lists |= 1ull << cl->lists[k]->index;
	}
	return 0;
}

int catalog_init(const struct config *cfg, char *err, size_t errlen)
{
	const struct front_end *fe;
	size_t n_fe, i;

	catalog_free();
	catalog_generation++;
	fe = lang_all(&n_fe);
	for (i = 0; i < n_fe; i++) {
		if (fe[i].parse == NULL || fe[i].id <= LANG_NONE || fe[i].id >= LANG_COUNT)
			continue;
		if (catalog_load_lang(&catalog_langs[fe[i].id], fe[i].key, cfg, err, errlen) != 0) {
			catalog_free();
			return -1;
		}
	}
	return 0;
}

void catalog_free(void)
{
	/* every thread's cached lookups point into what is freed here */
	catalog_generation++;
	int lang;
	size_t i;

	for (lang = 0; lang < LANG_COUNT; lang++) {
		struct catalog_lang *cl = &catalog_langs[lang];

		for (i = 0; i < cl->n; i++)
			catalog_list_free(cl->lists[i]);
		free(cl->lists);
		free(cl->lists_by_name);
		free(cl->texts_by_name);
		for (i = 0; i < cl->n_texts; i++) {
			free(cl->texts[i].name);
			free(cl->texts[i].text);
		}
		free(cl->texts);
		mask_set_free(&cl->exact);
		mask_set_free(&cl->prefix);
		mask_set_free(&cl->suffix);
		memset(cl, 0, sizeof *cl);
	}
}

enum lang catalog_common_lang(void)
{
	const struct front_end *fe;
	size_t n;

	fe = lang_all(&n);
	for (size_t i = 0; i < n; i++)
		if (fe[i].parse != NULL && fe[i].id > LANG_NONE && fe[i].id < LANG_COUNT)
			return fe[i].id;
	return LANG_NONE;
}

unsigned catalog_generation_now(void)
{
	return catalog_generation;
}

int catalog_list_empty(const struct catalog_list *l)
{
	return l->exact.n == 0 && l->prefix.n == 0 && l->suffix.n == 0 &&
	       l->n_infix == 0 && l->n_glob == 0;
}

const char *catalog_text(enum lang lang, const char *name)
{
	const struct catalog_lang *cl;
	size_t lo = 0, hi, n;

	if ((int)lang < 0 || lang >= LANG_COUNT || name == NULL)
		return NULL;
	cl = &catalog_langs[lang];
	/* the first of equal names: the lowest index, sorted first */
	n = hi = cl->texts_by_name ? cl->n_texts : 0;   /* none: a failed load */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(cl->texts[cl->texts_by_name[mid]].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && strcmp(cl->texts[cl->texts_by_name[lo]].name, name) == 0)
		return cl->texts[cl->texts_by_name[lo]].text;
	return NULL;
}

static const struct catalog_list *catalog_get_slow(enum lang lang, const char *name)
{
	const struct catalog_lang *cl = &catalog_langs[lang];
	size_t lo = 0, hi = cl->lists_by_name ? cl->n : 0;   /* none: a failed load */

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(cl->lists_by_name[mid]->name, name);

		if (c == 0)
			return cl->lists_by_name[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return &catalog_empty;
}

/* Checks ask for lists by string literal at every node; a per-thread
 * cache keyed by the literal's address and the language skips the name
 * comparisons. The generation ties it to one catalog_init(). Literals sit
 * a few bytes apart and a run asks for several hundred of them: the
 * address is hashed over 4096 slots so they rarely share one. */
static _Thread_local struct {
	const char *name;
	enum lang lang;
	unsigned generation;
	const struct catalog_list *list;
} catalog_get_cache[4096];

const struct catalog_list *catalog_get(enum lang lang, const char *name)
{
	size_t h = (size_t)((((uint64_t)(uintptr_t)name ^ (uint64_t)lang) * 0x9E3779B97F4A7C15ull) >> 52);
	const struct catalog_list *l;

	if ((int)lang < 0 || lang >= LANG_COUNT)
		return &catalog_empty;
	if (catalog_get_cache[h].name == name && catalog_get_cache[h].lang == lang &&
	    catalog_get_cache[h].generation == catalog_generation)
		return catalog_get_cache[h].list;
	l = catalog_get_slow(lang, name);
	catalog_get_cache[h].name = name;
	catalog_get_cache[h].lang = lang;
	catalog_get_cache[h].generation = catalog_generation;
	catalog_get_cache[h].list = l;
	return l;
}

/* The infix and glob part of catalog_match_pattern alone. */
static int catalog_match_slow(const struct catalog_list *l, const char *callee)
{
	size_t i;

	for (i = 0; i < l->n_infix; i++)
		if (strstr(callee, l->infix[i]) != NULL)
			return 1;
	for (i = 0; i < l->n_glob; i++)
		if (strstr(callee, l->glob_lit[i]) != NULL && fnmatch(l->glob[i], callee, 0) == 0)
			return 1;
	return 0;
}

void catalog_annotate_calls(struct model *m)
{
	const struct catalog_lang *cl;
	uint32_t i;

	if ((int)m->lang < 0 || m->lang >= LANG_COUNT)
		return;
	cl = &catalog_langs[m->lang];
	for (i = 1; i < m->n_nodes; i++) {
		struct call_info *c = m->nodes[i].kind == NODE_CALL ? m->nodes[i].u.call : NULL;
		const char *s;
		uint64_t mask, slow;
		size_t n, d;

		if (c == NULL || (s = c->resolved) == NULL || *s == '\0')
			continue;
		/* the same shapes catalog_match_pattern tries, all lists at once */
		n = strlen(s);
		mask = mask_set_find(&cl->exact, s, n);
		for (d = 0; d < n; d++) {
			if (s[d] != '.')
				continue;
			if (d <= cl->prefix.max_len)
				mask |= mask_set_find(&cl->prefix, s, d);
			if (n - d - 1 <= cl->suffix.max_len)
				mask |= mask_set_find(&cl->suffix, s + d + 1, n - d - 1);
		}
		/* the call lists with infix or glob patterns are tried here,
		 * once per call, so that catalog_match_call is a bit test:
		 * db_call_op asks every ORM list (Go's are globs: `*db.First`)
		 * of every call, once per check (word lists have no bit:
		 * there are many of them) */
		for (slow = cl->slow_lists & ~mask; slow != 0; slow &= slow - 1) {
			int b = __builtin_ctzll(slow);
			const struct catalog_list *l = cl->by_bit[b];

			if (l != NULL && catalog_match_slow(l, s))
				mask |= 1ull << b;
		}
		c->catalog_mask = mask;
		c->catalog_known = 1;
	}
}

const char *catalog_match_pattern(const struct catalog_list *l, const char *callee)
{
	const char *hit;
	size_t n, i;

	if (l == NULL || callee == NULL || *callee == '\0')
		return NULL;
	n = strlen(callee);
	if ((hit = pat_set_find(&l->exact, callee, n)) != NULL)
		return hit;
	/* each dot splits the callee into a candidate prefix and suffix; only
	 * the dots within the longest key of either end can split off a key
	 * (statement texts are long: trying every dot was quadratic) */
	for (i = 0; l->prefix.n > 0 && i < n && i <= l->prefix.max_len; i++) {
		if (callee[i] != '.')
			continue;
		if ((hit = pat_set_find(&l->prefix, callee, i)) != NULL)
			return hit;
	}
	for (i = n > l->suffix.max_len + 1 ? n - l->suffix.max_len - 1 : 0;
	     l->suffix.n > 0 && i < n; i++) {
		if (callee[i] != '.')
			continue;
		if ((hit = pat_set_find(&l->suffix, callee + i + 1, n - i - 1)) != NULL)
			return hit;
	}
	for (i = 0; i < l->n_infix; i++)
		if (strstr(callee, l->infix[i]) != NULL)
			return l->infix_pat[i];
	for (i = 0; i < l->n_glob; i++)
		if (strstr(callee, l->glob_lit[i]) != NULL && fnmatch(l->glob[i], callee, 0) == 0)
			return l->glob[i];
	return NULL;
}

/* Checks ask the same lists about the same few names (receivers,
 * attribute names, dotted helpers) in every file: a per-thread,
 * direct-mapped memo of (list, text) -> answer skips the pattern tables.
 * The generation ties entries to one catalog_init(). */
static _Thread_local struct {
	const struct catalog_list *list;
	unsigned generation;
	int answer;
	char text[56];
} catalog_memo[2048];

int catalog_match(const struct catalog_list *l, const char *callee)
{
	uint64_t h;
	size_t n, slot;

	if (l == NULL || callee == NULL || catalog_list_empty(l))
		return 0;
	n = strlen(callee);
	/* a list of plain names (most word lists): one hash probe, cheaper
	 * than the memo, and it leaves the memo to the lists that need it */
	if (l->prefix.n == 0 && l->suffix.n == 0 && l->n_infix == 0 && l->n_glob == 0)
		return pat_set_find(&l->exact, callee, n) != NULL;
	if (n >= sizeof catalog_memo[0].text)
		return catalog_match_pattern(l, callee) != NULL;
	h = catalog_hash(callee, n) ^ ((uintptr_t)l * 0x9E3779B97F4A7C15ull);
	slot = (size_t)(h ^ (h >> 29)) & 2047;
	if (catalog_memo[slot].list == l && catalog_memo[slot].generation == catalog_generation &&
	    memcmp(catalog_memo[slot].text, callee, n + 1) == 0)
		return catalog_memo[slot].answer;
	catalog_memo[slot].list = l;
	catalog_memo[slot].generation = catalog_generation;
	catalog_memo[slot].answer = catalog_match_pattern(l, callee) != NULL;
	memcpy(catalog_memo[slot].text, callee, n + 1);
	return catalog_memo[slot].answer;
}

int catalog_match_call(const struct catalog_list *l, const struct model *m, const struct node *c)
{
	char buf[512];

	if (c == NULL || c->kind != NODE_CALL || c->u.call == NULL || c->u.call->callee == NULL ||
	    catalog_list_empty(l))
		return 0;
	if (c->u.call->catalog_known && l->index >= 0) {
		return (int)((c->u.call->catalog_mask >> l->index) & 1);
	}
	if (c->u.call->resolved != NULL)
		return catalog_match(l, c->u.call->resolved);
	return catalog_match(l, model_resolve(m, c->u.call->callee, buf, sizeof buf));
}
