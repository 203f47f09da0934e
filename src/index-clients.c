/* The project index, part four: clients a project module exports.
 * `export const db = new PrismaClient()` in lib/db.ts, imported as
 * `import { db } from "@/lib/db"`: every call through that import is
 * resolved as a call on the class (`PrismaClient.user.findUnique`), the
 * form the catalog's call lists match, whatever the instance is called.
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
 * one of them (a second `DB()` returning something else: silence). */
struct handle_accessor {
	enum lang lang;
	const char *name;
	char type[64];   /* without its pointer star: "gorm.DB" */
	int ok;
};

/* True when files a and b sit in the same folder (one Go package). */
static int same_folder_path(const char *a, const char *b)
{
	const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
	size_t na = sa ? (size_t)(sa - a) : 0, nb = sb ? (size_t)(sb - b) : 0;

	return na == nb && strncmp(a, b, na) == 0;
}

/* The type an alias declared at module level in fi's folder names
 * (`type DB = gorm.DB` gives "gorm.DB" for "DB"), into buf; NULL for a
 * defined type (`type DB gorm.DB` has none of gorm.DB's methods). */
static const char *alias_target(const struct project *p, size_t fi, const char *name, char *buf,
				size_t size)
{
	for (size_t k = 0; k < p->n_files; k++) {
		const struct model *m = p->files[k].model;

		if (m == NULL || p->files[k].lang != p->files[fi].lang ||
		    !same_folder_path(p->files[k].path, p->files[fi].path))
			continue;
		for (uint32_t i = m->nodes[0].first_child; i; i = m->nodes[i].next_sibling) {
			const struct node *x = &m->nodes[i];
			const char *t;

			if (x->kind != NODE_STMT || x->name == NULL || strcmp(x->name, name) != 0 ||
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
	}
	return NULL;
}

/* The handle type (catalog accessor_handle_types) function fn of file fi
 * declares as its one result, without the star, into buf; NULL for any
 * other result. */
static const char *handle_result(const struct project *p, size_t fi, const struct node *fn,
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
	if (strchr(full, '.') == NULL && alias_target(p, fi, full + 1, alias, sizeof alias) != NULL)
		snprintf(full, sizeof full, "*%s", alias);
	if (!catalog_match(types, full))
		return NULL;
	if (strlen(full + 1) >= size)
		return NULL;
	memcpy(buf, full + 1, strlen(full + 1) + 1);
	return buf;
}

void index_resolve_handle_accessors(struct project *p)
{
	struct handle_accessor *ha = NULL;
	size_t n_ha = 0, cap = 0, k;

	for (k = 0; k < p->n_files; k++) {
		const struct model *m = p->files[k].model;
		const struct catalog_list *types;

		if (m == NULL || catalog_list_empty(types = catalog_get(p->files[k].lang,
									  "accessor_handle_types")))
			continue;
		for (uint32_t i = m->nodes[0].first_child; i; i = m->nodes[i].next_sibling) {
			const struct node *fn = &m->nodes[i];
			struct handle_accessor *h = NULL;
			char type[64];
			const char *t;

			if (fn->kind != NODE_FUNC || fn->name == NULL)
				continue;
			for (size_t j = 0; j < n_ha && h == NULL; j++)
				if (ha[j].lang == p->files[k].lang && strcmp(ha[j].name, fn->name) == 0)
					h = &ha[j];
			t = handle_result(p, k, fn, types, type, sizeof type);
			if (h == NULL) {
				if (n_ha == cap) {
					cap = cap ? 2 * cap : 16;
					ha = xrealloc(ha, cap * sizeof *ha);
				}
				h = &ha[n_ha++];
				h->lang = p->files[k].lang;
				h->name = fn->name;
				h->ok = t != NULL;
				snprintf(h->type, sizeof h->type, "%s", t ? t : "");
			} else if (t == NULL || strcmp(t, h->type) != 0) {
				h->ok = 0;
			}
		}
	}
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

				while (s > c->callee && ident_ch(s[-1]))
					s--;
				if (s == q || (s > c->callee && s[-1] != '.'))
					continue;
				for (size_t j = 0; j < n_ha; j++)
					if (ha[j].ok && ha[j].lang == p->files[k].lang &&
					    strlen(ha[j].name) == (size_t)(q - s) &&
					    strncmp(ha[j].name, s, (size_t)(q - s)) == 0) {
						rest = q + 3;
						type = ha[j].type;
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
