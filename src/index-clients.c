/* The project index, part four: clients a project module exports.
 * `export const db = new PrismaClient()` in lib/db.ts, imported as
 * `import { db } from "@/lib/db"`: every call through that import is
 * resolved as a call on the class (`PrismaClient.user.findUnique`), the
 * form the catalog's call lists match, whatever the instance is called.
 * Likewise the functions that hand out a database handle (`app.Dao()
 * .DB().Where(...)` read as a chain on the handle's type, below).
 * Runs once after parsing, before the index, on the run thread. */
#include "index.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "project.h"
#include "util/xalloc.h"

/* One module-level instance of a client class the catalog knows: `name`
 * in file `file` holds a `cls` (`export const db = new PrismaClient()`). */
struct client_export {
	size_t file;
	const char *name;
	char cls[64];
};

static int ident_ch(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$';
}

/* The class a module-level value constructs, when it is one of the
 * catalog's "typed_receivers" built with a word of "instance_constructors"
 * (`new PrismaClient({...})`, also behind a cached global:
 * `globalThis.db ?? new PrismaClient()`); NULL otherwise. */
static const char *client_class_of(const struct model *m, enum lang lang, const struct node *a,
				   char *cls, size_t size)
{
	const struct catalog_list *ctor = catalog_get(lang, "instance_constructors");
	const char *v = m->src + a->value.off, *e = v + a->value.len, *p, *w, *c, *last;
	char word[32];

	for (p = v; p < e; p = w) {
		if (!ident_ch(*p)) {
			/* only names, member accesses and a fallback before it */
			if (*p != ' ' && *p != '.' && *p != '|' && *p != '?' && *p != '\n' && *p != '\t')
				return NULL;
			w = p + 1;
			continue;
		}
		for (w = p; w < e && ident_ch(*w); w++)
			;
		if ((size_t)(w - p) >= sizeof word || (p > v && p[-1] == '.'))
			continue;
		snprintf(word, sizeof word, "%.*s", (int)(w - p), p);
		if (!catalog_match(ctor, word))
			continue;
		for (c = w; c < e && *c == ' '; c++)
			;
		for (last = c, w = c; w < e && (ident_ch(*w) || *w == '.'); w++)
			if (*w == '.')
				last = w + 1;
		if (w == c || w >= e || (*w != '(' && *w != '<') || (size_t)(w - last) >= size)
			return NULL;
		snprintf(cls, size, "%.*s", (int)(w - last), last);
		return catalog_match(catalog_get(lang, "typed_receivers"), cls) ? cls : NULL;
	}
	return NULL;
}

/* True when import specifier spec (`../lib/db`, `@/lib/db`) names the
 * project file path: its last component is the file's name without the
 * extension, or the folder of a folder's module file (catalog words
 * "folder_module_names": `lib/db/index.ts`). */
static int spec_names_file(enum lang lang, const char *spec, size_t n, const char *path)
{
	const char *slash = memrchr(spec, '/', n), *base = slash ? slash + 1 : spec;
	const char *fb = strrchr(path, '/'), *dot;
	size_t bn = n - (size_t)(base - spec);
	char stem[128];

	fb = fb ? fb + 1 : path;
	dot = strchr(fb, '.');
	snprintf(stem, sizeof stem, "%.*s", (int)(dot ? (size_t)(dot - fb) : strlen(fb)), fb);
	if (strlen(stem) == bn && memcmp(stem, base, bn) == 0)
		return 1;
	if (fb > path && catalog_match(catalog_get(lang, "folder_module_names"), stem)) {
		const char *d = fb - 1, *ds = d;

		while (ds > path && ds[-1] != '/')
			ds--;
		return (size_t)(d - ds) == bn && memcmp(ds, base, bn) == 0;
	}
	return 0;
}

/* Calls through a project module's client instance, imported under any
 * name (`import { db } from "@/lib/db"; db.user.findUnique(...)`), are
 * resolved as calls on its class (`PrismaClient.user.findUnique`), the
 * form the catalog's call lists know whatever the instance is called. An
 * import that could name instances of two different classes is left
 * alone. */
void index_resolve_client_exports(struct project *p)
{
	struct client_export *ex = NULL;
	size_t nex = 0, cap = 0, k;

	for (k = 0; k < p->n_files; k++) {
		const struct model *m = p->files[k].model;
		char cls[64];

		if (m == NULL || catalog_list_empty(catalog_get(p->files[k].lang,
								"instance_constructors")))
			continue;
		for (uint32_t i = m->nodes[0].first_child; i; i = m->nodes[i].next_sibling) {
			const struct node *a = &m->nodes[i];

			if (a->kind != NODE_ASSIGN || a->name == NULL || !ident_ch(a->name[0]) ||
			    a->value.len == 0 ||
			    client_class_of(m, p->files[k].lang, a, cls, sizeof cls) == NULL)
				continue;
			if (nex == cap) {
				cap = cap ? 2 * cap : 8;
				ex = xrealloc(ex, cap * sizeof *ex);
			}
			ex[nex].file = k;
			ex[nex].name = a->name;
			snprintf(ex[nex].cls, sizeof ex[nex].cls, "%s", cls);
			nex++;
		}
	}
	for (k = 0; nex > 0 && k < p->n_files; k++) {
		struct model *m = p->files[k].model;
		int changed = 0;

		if (m == NULL)
			continue;
		for (uint32_t j = 0; j < m->n_imports; j++) {
			const char *t = m->imports[j].target, *dot = strrchr(t, '.');
			const struct client_export *hit = NULL;
			size_t tn = strlen(t), hits = 0;

			if (dot == NULL || dot == t || strchr(dot, '/') != NULL)
				continue;
			for (size_t x = 0; x < nex; x++)
				if (ex[x].file != k && p->files[ex[x].file].lang == p->files[k].lang &&
				    strcmp(dot + 1, ex[x].name) == 0 &&
				    spec_names_file(p->files[k].lang, t, (size_t)(dot - t),
						    p->files[ex[x].file].path)) {
					if (hit == NULL || strcmp(hit->cls, ex[x].cls) != 0)
						hits++;
					hit = &ex[x];
				}
			if (hits != 1)
				continue;
			for (uint32_t i = 1; i < m->n_nodes; i++) {
				struct call_info *c = m->nodes[i].kind == NODE_CALL ? m->nodes[i].u.call : NULL;
				char buf[512];

				if (c == NULL || c->resolved == NULL || strncmp(c->resolved, t, tn) != 0 ||
				    c->resolved[tn] != '.')
					continue;
				snprintf(buf, sizeof buf, "%s%s", hit->cls, c->resolved + tn);
				c->resolved = arena_strdup(&m->arena, buf);
				changed = 1;
			}
		}
		if (changed)
			catalog_annotate_calls(m);
	}
	free(ex);
}

/* Project functions that hand out a database handle: `func (dao *Dao)
 * DB() *DB` (with `type DB = gorm.DB` in the package), `func GetDB()
 * *gorm.DB`. A call chain through one (`app.Dao().DB().Where(...)
 * .Count(&n)`) is resolved as a chain on the handle's type
 * ("gorm.DB.Where().Count"), the form the catalog's ORM lists match.
 * The types are the catalog's "accessor_handle_types"; a name counts
 * only when every function of the language declared with it returns
 * one of them (a second `DB()` returning something else: silence).
 *
 * Both lookups below are binary searches in tables sorted once: the
 * project chooses how many functions, calls and declarations there are,
 * and a scan of every file per function (the alias) or of every
 * function per call (the accessor) was quadratic in them. */
struct handle_accessor {
	enum lang lang;
	const char *name;
	char type[64];   /* without its pointer star: "gorm.DB"; "" for none */
};

/* A module-level statement with a name (`type DB = gorm.DB`), where an
 * alias is looked for: by name, then file, then place in the file. */
struct type_stmt {
	const char *name;
	size_t file;
	uint32_t order;  /* its rank among the file's top-level nodes */
	uint32_t node;
};

static int type_stmt_cmp(const void *a, const void *b)
{
	const struct type_stmt *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

/* True when files a and b sit in the same folder (one Go package). */
static int same_folder_path(const char *a, const char *b)
{
	const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
	size_t na = sa ? (size_t)(sa - a) : 0, nb = sb ? (size_t)(sb - b) : 0;

	return na == nb && strncmp(a, b, na) == 0;
}

/* The type an alias declared at module level in fi's folder names
 * (`type DB = gorm.DB` gives "gorm.DB" for "DB"), into buf; NULL for a
 * defined type (`type DB gorm.DB` has none of gorm.DB's methods). The
 * first statement of that name in file order decides. */
static const char *alias_target(const struct project *p, const struct type_stmt *st, size_t n_st,
				size_t fi, const char *name, char *buf, size_t size)
{
	size_t lo = 0, hi = n_st;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(st[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n_st && strcmp(st[lo].name, name) == 0; lo++) {
		const struct model *m = p->files[st[lo].file].model;
		const struct node *x = &m->nodes[st[lo].node];
		const char *t;

		if (p->files[st[lo].file].lang != p->files[fi].lang ||
		    !same_folder_path(p->files[st[lo].file].path, p->files[fi].path) ||
		    x->text.len == 0 || x->text.len >= size)
			continue;
		t = m->src + x->text.off;
		while (t > m->src && (t[-1] == ' ' || t[-1] == '\t'))
			t--;
		if (t == m->src || t[-1] != '=')
			return NULL;
		snprintf(buf, size, "%.*s", (int)x->text.len, m->src + x->text.off);
		return buf;
	}
	return NULL;
}

/* The handle type (catalog accessor_handle_types) function fn of file fi
 * declares as its one result, without the star, into buf; NULL for any
 * other result. */
static const char *handle_result(const struct project *p, const struct type_stmt *st,
				 size_t n_st, size_t fi, const struct node *fn,
				 const struct catalog_list *types, char *buf, size_t size)
{
	const struct model *m = p->files[fi].model;
	char ret[128], full[140], alias[128];
	const char *r = ret;
	size_t n;

	if (fn->u.func == NULL || fn->u.func->returns.len == 0 ||
	    fn->u.func->returns.len >= sizeof ret)
		return NULL;
	snprintf(ret, sizeof ret, "%.*s", (int)fn->u.func->returns.len,
		 m->src + fn->u.func->returns.off);
	while (*r == ' ')
		r++;
	n = strlen(r);
	while (n > 0 && r[n - 1] == ' ')
		n--;
	if (n == 0 || r[0] != '*')
		return NULL;
	for (size_t i = 1; i < n; i++)
		if (!ident_ch(r[i]) && r[i] != '.')
			return NULL;
	snprintf(full, sizeof full, "%.*s", (int)n, r);
	if (strchr(full, '.') == NULL &&
	    alias_target(p, st, n_st, fi, full + 1, alias, sizeof alias) != NULL)
		snprintf(full, sizeof full, "*%s", alias);
	if (!catalog_match(types, full))
		return NULL;
	if (strlen(full + 1) >= size)
		return NULL;
	memcpy(buf, full + 1, strlen(full + 1) + 1);
	return buf;
}

/* By language, then name (then type, so that one name's disagreeing
 * types are adjacent too). */
static int accessor_cmp(const void *a, const void *b)
{
	const struct handle_accessor *x = a, *y = b;
	int c;

	if (x->lang != y->lang)
		return x->lang < y->lang ? -1 : 1;
	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	return strcmp(x->type, y->type);
}

/* The accessor of language lang named by the len bytes at s, or NULL. */
static const struct handle_accessor *accessor_find(const struct handle_accessor *ha, size_t n,
						   enum lang lang, const char *s, size_t len)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = ha[mid].lang != lang ? (ha[mid].lang < lang ? -1 : 1) :
			strncmp(ha[mid].name, s, len);

		if (c == 0 && ha[mid].name[len] != '\0')
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ha[lo].lang == lang && strncmp(ha[lo].name, s, len) == 0 &&
	       ha[lo].name[len] == '\0' ? &ha[lo] : NULL;
}

void index_resolve_handle_accessors(struct project *p)
{
	struct handle_accessor *ha = NULL;
	struct type_stmt *st = NULL;
	size_t n_ha = 0, cap = 0, n_st = 0, cap_st = 0, k, w;

	/* the named module-level statements of the languages concerned */
	for (k = 0; k < p->n_files; k++) {
		const struct model *m = p->files[k].model;
		uint32_t order = 0;

		if (m == NULL || catalog_list_empty(catalog_get(p->files[k].lang,
								"accessor_handle_types")))
			continue;
		for (uint32_t i = m->nodes[0].first_child; i; i = m->nodes[i].next_sibling, order++)
			if (m->nodes[i].kind == NODE_STMT && m->nodes[i].name != NULL) {
				XGROW(st, cap_st, n_st + 1);
				st[n_st++] = (struct type_stmt){ m->nodes[i].name, k, order, i };
			}
	}
	xqsort(st, n_st, sizeof *st, type_stmt_cmp);
	/* every module-level function with what it returns */
	for (k = 0; k < p->n_files; k++) {
		const struct model *m = p->files[k].model;
		const struct catalog_list *types;

		if (m == NULL || catalog_list_empty(types = catalog_get(p->files[k].lang,
									  "accessor_handle_types")))
			continue;
		for (uint32_t i = m->nodes[0].first_child; i; i = m->nodes[i].next_sibling) {
			const struct node *fn = &m->nodes[i];
			char type[64];
			const char *t;

			if (fn->kind != NODE_FUNC || fn->name == NULL)
				continue;
			t = handle_result(p, st, n_st, k, fn, types, type, sizeof type);
			XGROW(ha, cap, n_ha + 1);
			ha[n_ha].lang = p->files[k].lang;
			ha[n_ha].name = fn->name;
			snprintf(ha[n_ha].type, sizeof ha[n_ha].type, "%s", t ? t : "");
			n_ha++;
		}
	}
	free(st);
	/* a name is kept when all its functions return one handle type */
	xqsort(ha, n_ha, sizeof *ha, accessor_cmp);
	for (k = w = 0; k < n_ha; ) {
		size_t e = k + 1;
		int ok = ha[k].type[0] != '\0';

		for (; e < n_ha && ha[e].lang == ha[k].lang && strcmp(ha[e].name, ha[k].name) == 0; e++)
			if (strcmp(ha[e].type, ha[k].type) != 0)
				ok = 0;
		if (ok)
			ha[w++] = ha[k];
		k = e;
	}
	n_ha = w;
	for (k = 0; n_ha > 0 && k < p->n_files; k++) {
		struct model *m = p->files[k].model;
		int changed = 0;

		if (m == NULL)
			continue;
		for (uint32_t i = 1; i < m->n_nodes; i++) {
			struct call_info *c = m->nodes[i].kind == NODE_CALL ? m->nodes[i].u.call : NULL;
			const char *rest = NULL, *type = NULL;
			char buf[512];

			if (c == NULL || c->callee == NULL || strstr(c->callee, "().") == NULL)
				continue;
			/* the last link `.Name().` naming a handle accessor */
			for (const char *q = strstr(c->callee, "()."); q != NULL;
			     q = strstr(q + 3, "().")) {
				const char *s = q;
				const struct handle_accessor *h;

				while (s > c->callee && ident_ch(s[-1]))
					s--;
				if (s == q || (s > c->callee && s[-1] != '.'))
					continue;
				h = accessor_find(ha, n_ha, p->files[k].lang, s, (size_t)(q - s));
				if (h != NULL) {
					rest = q + 3;
					type = h->type;
				}
			}
			if (rest == NULL || *rest == '\0')
				continue;
			snprintf(buf, sizeof buf, "%s.%s", type, rest);
			c->resolved = arena_strdup(&m->arena, buf);
			changed = 1;
		}
		if (changed)
			catalog_annotate_calls(m);
	}
	free(ha);
}
