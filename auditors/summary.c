/* Function summaries; see summary.h for the design. */
#include "summary.h"
#include "receiver-types.h"

#include <ctype.h>
#include <stdio.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "semantic.h"
#include "db-ops.h"
#include "errpath.h"
#include "lang/lang.h"
#include "semantic.h"
#include "query-efficiency.h"
#include "runtime-performance.h"
#include "util/budget.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

/* One function's facts and the witness of each.
 *
 * wit points into its file's file_sums.wits, which owns the witnesses.
 * While the summaries are built it holds SUM_N_FACTS of them, by fact
 * bit. Once propagation is done (pack_witnesses, packed set) only those
 * witness_of can still return are kept, in bit order: one for each bit of
 * wit_kept() (the facts, and the last bit, witness_of's fallback). At 1 M
 * lines that is 1.4 MB instead of 7.5 MB through the audit. */
struct func_sum {
	uint32_t node;                       /* the FUNC node */
	uint16_t facts;
	uint8_t per_key;                     /* writes once per key of its own map */
	uint8_t reads_plainly;               /* reads itself with no cache-hit guard, or
	                                        only forwards one call (see iface_reads) */
	uint8_t packed;                      /* wit holds the wit_kept() bits only */
	struct summary_witness *wit;         /* where each fact comes from (above) */
};

/* The witnesses a packed func_sum keeps, by fact bit. */
static inline unsigned wit_kept(const struct func_sum *t)
{
	return t->facts | (1u << (SUM_N_FACTS - 1));
}

/* A call that surely reaches project code: its caller, the definitions
 * it reaches (a range of file_sums.targets) and, once propagation is
 * done, the facts they all share. */
struct edge {
	uint32_t caller, call;               /* caller: index into file_sums.f; call: node */
	uint32_t first, count;               /* targets[first .. first+count) */
	uint16_t facts;                      /* common facts of the targets, final */
	uint8_t on_failure;                  /* made on a branch that returns an error */
	uint8_t in_loop;                     /* made once per item of a loop of the caller */
	uint8_t in_row_loop;                 /* ... of a loop over rows (not small, not chunks) */
	uint8_t writes_only;                 /* resolved through an interface: passes what
	                                        its implementations write, not what they read */
	uint8_t iface_single;                /* ... to exactly one implementation */
	uint8_t once;                        /* made once per process, its result kept in a
	                                        slot it runs only while unset (index_once_call) */
	uint8_t detached;                    /* in a request handler written inline in the
	                                        caller: passes nothing to it */
};

struct file_sums {
	struct func_sum *f;                  /* by node index, ascending */
	uint32_t n;
	struct summary_witness *wits;        /* the witnesses of f (struct func_sum) */
	struct edge *edges;                  /* sorted by call node after pass 1 */
	size_t n_edges, cap_edges;
	struct func_ref *refs;               /* the targets, as found in pass 1 */
	struct func_sum **targets;           /* the same, resolved after pass 1 */
	size_t n_refs, cap_refs;
};

struct model_file {
	const struct model *m;
	uint32_t fi;
};

struct summaries {
	const struct project *p;
	struct class_table *classes;         /* receiver types (receiver-types.h) */
	struct model_file *by_model;         /* sorted by model pointer */
	struct file_sums *files;
	char **roots;                        /* the project's top-level module names */
	size_t n_roots, cap_roots;
	/* per language whose packages are folders (lang traits.module_manifest):
	 * the import path prefix of the project's own packages and the
	 * folder of the manifest that declares it ("" for the root; a
	 * service folder's for a module kept in a subfolder, backend/go.mod) */
	struct module_root { char *prefix, *dir; } *module_roots[LANG_COUNT];
	size_t n_module_roots[LANG_COUNT], cap_module_roots[LANG_COUNT];
	/* the project's workspace packages: the name each service folder's
	 * manifest gives its package (catalog sum_workspace_manifests, key
	 * text sum_workspace_name_key) and that folder */
	struct workspace_pkg { char *name, *dir; enum lang lang; } *pkgs;
	size_t n_pkgs, cap_pkgs;
	/* per file: the path module_file compares a module with (the path
	 * without its extension, or a package's folder for its own file);
	 * NULL for a file without a model or a bare package file. by_stem:
	 * the files that have one, sorted by its last segment, so a module
	 * name finds its files without a walk over the project per call */
	char **stems;
	struct stem_ref { const char *seg; uint32_t file; } *by_stem;
	size_t n_by_stem;
};

/* Method names too generic to tie a call on an unknown object to the
 * project's definition of that name (the catalog's words). */
static int is_generic(const struct model *m, const char *name)
{
	return catalog_match(catalog_get(m->lang, "sum_generic_methods"), name);
}

/* True when a segment of callee's receiver chain names a repository,
 * DAO, CRUD module or service (`self.repos.recipes.update`,
 * `order_repo.get`, `crud.user.get`, `billing_service.charge`), or when
 * the chain is a member of this object named as an injected store or
 * service (`this.tagStore.insert`, catalog sum_member_repo_segments: a
 * constructor parameter typed by an interface the index cannot follow;
 * a local or a global of that name, `cookieStore`, is no such member). */
static int repo_like_chain(const struct model *m, const char *callee)
{
	char seg[SEM_NAME_MAX];
	const char *s = callee, *last = strrchr(callee, '.');
	size_t self = catalog_match_pattern(catalog_get(m->lang, "dbops_self_receivers"), callee)
		      ? strcspn(callee, ".") + 1 : 0;

	if (self > 0 && last != NULL && callee + self < last &&
	    (size_t)(last - callee - self) < sizeof seg) {
		memcpy(seg, callee + self, (size_t)(last - callee - self));
		seg[last - callee - self] = '\0';
		if (catalog_match(catalog_get(m->lang, "sum_member_repo_segments"), seg))
			return 1;
	}

	while (last != NULL && s < last) {
		size_t n = strcspn(s, ".");
		if (n == 0 || n >= sizeof seg)
			break;
		memcpy(seg, s, n);
		seg[n] = '\0';
		if (catalog_match(catalog_get(m->lang, "repo_receivers"), seg) ||
		    catalog_match(catalog_get(m->lang, "sum_repo_segments"), seg))
			return 1;
		s += n + 1;
	}
	return 0;
}

/* True when definition ref is a method of a class whose name says it is a
 * repository, DAO, CRUD or service class (RepositoryRecipes, UserRepo,
 * OrderService). */
static int in_repo_class(const struct project *p, struct func_ref ref)
{
	const struct model *m = p->files[ref.file].model;
	const struct node *f = m ? &m->nodes[ref.node] : NULL;
	char cls[128];
	const char *q, *dot;

	if (f == NULL || !(f->flags & NF_METHOD) || f->u.func == NULL ||
	    (q = f->u.func->qualname) == NULL || (dot = strrchr(q, '.')) == NULL ||
	    (size_t)(dot - q) >= sizeof cls)
		return 0;
	for (size_t i = 0; i < (size_t)(dot - q); i++)
		cls[i] = (char)tolower((unsigned char)q[i]);
	cls[dot - q] = '\0';
	return catalog_match(catalog_get(m->lang, "sum_repo_class_words"), cls);
}

/* True when definition ref is a method of a test double: a class whose
 * name says it stands in for the real one in tests (FakeTagStore,
 * MockMailer; catalog sum_test_double_classes). */
static int in_test_double(const struct project *p, struct func_ref ref)
{
	const struct model *m = p->files[ref.file].model;
	const struct node *f = m ? &m->nodes[ref.node] : NULL;
	char cls[128];
	const char *q, *dot, *start;

	if (f == NULL || !(f->flags & NF_METHOD) || f->u.func == NULL ||
	    (q = f->u.func->qualname) == NULL || (dot = strrchr(q, '.')) == NULL)
		return 0;
	for (start = dot; start > q && start[-1] != '.'; start--)
		;
	if ((size_t)(dot - start) >= sizeof cls)
		return 0;
	for (size_t i = 0; i < (size_t)(dot - start); i++)
		cls[i] = (char)tolower((unsigned char)start[i]);
	cls[dot - start] = '\0';
	return catalog_match(catalog_get(m->lang, "sum_test_double_classes"), cls);
}

/* True when definition ref is a method declared without a body of
 * statements (`async def get_one_or_none(self, stmt) -> M | None: ...`
 * in a typing Protocol, an abstract stub): nothing runs there. */
static int declared_only(const struct project *p, struct func_ref ref)
{
	const struct model *m = p->files[ref.file].model;
	const struct node *f = m ? &m->nodes[ref.node] : NULL;

	if (f == NULL || f->kind != NODE_FUNC || !(f->flags & NF_METHOD))
		return 0;
	/* only plain statements: `...`, `pass`, a docstring */
	for (const struct node *x = NULL; (x = model_walk(m, f, x, 0)); )
		if (x->kind != NODE_STMT || x->first_child != 0)
			return 0;
	return 1;
}

/* Drops the test doubles and the bodiless declarations from the n
 * candidates when one real definition stays: the application's call
 * reaches the store it is built with (`FeatureStore`), never the
 * in-memory fake of the same interface that only tests construct, nor
 * the Protocol that only types it. All doubles stay as they are. */
static size_t drop_test_doubles(const struct project *p, struct func_ref *out, size_t n)
{
	size_t kept = 0;

	for (size_t i = 0; i < n; i++)
		if (!in_test_double(p, out[i]) && !declared_only(p, out[i]))
			out[kept++] = out[i];
	if (kept == 0)
		return n;
	return kept;
}

/* True when definition ref is a method of the class whose method holds
 * call c (file fi). Through a member of this object (`this.tagStore.get`
 * inside `TagService.get`), the call delegates to another object: the
 * caller's own class is no candidate, or a service that forwards to its
 * store would depend on itself and never take the store's facts. */
static int in_callers_class(const struct project *p, size_t fi, const struct node *c,
			    struct func_ref ref)
{
	const struct model *m = p->files[fi].model, *rm = p->files[ref.file].model;
	const struct node *fn = model_enclosing_func(m, c), *f;
	const char *q, *rq, *dot, *rdot;

	if (ref.file != fi || fn == NULL || rm == NULL)
		return 0;
	/* an arrow inside the method: the method around it */
	while (fn != NULL && (fn->flags & NF_LAMBDA))
		fn = model_enclosing_func(m, fn);
	f = &rm->nodes[ref.node];
	if (fn == NULL || !(fn->flags & NF_METHOD) || !(f->flags & NF_METHOD) ||
	    fn->u.func == NULL || f->u.func == NULL || (q = fn->u.func->qualname) == NULL ||
	    (rq = f->u.func->qualname) == NULL || (dot = strrchr(q, '.')) == NULL ||
	    (rdot = strrchr(rq, '.')) == NULL)
		return 0;
	return dot - q == rdot - rq && strncmp(q, rq, (size_t)(dot - q)) == 0;
}

/* Through a member of this object (`this.edgeTokenStore.getToken(...)`):
 * among the n definitions, keep only those of the class the member is
 * named after (`EdgeTokenStore`, case aside) when there is one. The
 * member is typed by an interface the class table cannot follow; the
 * project names the member after the class it injects, and another
 * class's method of the same name (`ApiTokenService.getToken`) is
 * another object's. */
static size_t keep_member_class(const struct project *p, const char *callee,
				struct func_ref *out, size_t n)
{
	const char *mem = strchr(callee, '.'), *end;
	size_t ml, kept = 0;

	if (mem == NULL || (end = strchr(mem + 1, '.')) == NULL || strchr(end + 1, '.') != NULL)
		return n;
	mem++;
	ml = (size_t)(end - mem);
	for (size_t i = 0; i < n; i++) {
		const struct model *m = p->files[out[i].file].model;
		const struct node *f = m ? &m->nodes[out[i].node] : NULL;
		const char *q, *dot, *start;

		if (f == NULL || f->u.func == NULL || (q = f->u.func->qualname) == NULL ||
		    (dot = strrchr(q, '.')) == NULL)
			continue;
		for (start = dot; start > q && start[-1] != '.'; start--)
			;
		if ((size_t)(dot - start) == ml && strncasecmp(start, mem, ml) == 0)
			out[kept++] = out[i];
	}
	return kept > 0 ? kept : n;
}

/* True when one of the n definitions is a repository-like class's. */
static int any_repo_class_def(const struct project *p, const struct func_ref *refs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (in_repo_class(p, refs[i]))
			return 1;
	return 0;
}

/* The func_sum of FUNC node index in file fi, or NULL. */
static struct func_sum *sum_at(const struct summaries *s, size_t fi, uint32_t node)
{
	const struct file_sums *fs = &s->files[fi];
	uint32_t lo = 0, hi = fs->n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (fs->f[mid].node < node)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < fs->n && fs->f[lo].node == node ? &fs->f[lo] : NULL;
}

/* ---- the project's own modules ---- */

static void add_root(struct summaries *s, const char *name, size_t len)
{
	size_t i;

	if (len == 0)
		return;
	for (i = 0; i < s->n_roots; i++)
		if (strlen(s->roots[i]) == len && strncmp(s->roots[i], name, len) == 0)
			return;
	XGROW(s->roots, s->cap_roots, s->n_roots + 1);
	s->roots[s->n_roots++] = xstrndup(name, len);
}

/* app/api/x.py -> "app"; src/pkg/y.py -> "pkg" too; top.py -> "top". */
static void collect_roots(struct summaries *s)
{
	for (size_t i = 0; i < s->p->n_files; i++) {
		const char *path = s->p->files[i].path, *slash = strchr(path, '/');

		if (slash == NULL) {
			size_t n = strlen(path);
			add_root(s, path, n > 3 ? n - 3 : n);
			continue;
		}
		add_root(s, path, (size_t)(slash - path));
		if (strncmp(path, "src/", 4) == 0 && strchr(slash + 1, '/') != NULL)
			add_root(s, slash + 1, (size_t)(strchr(slash + 1, '/') - (slash + 1)));
	}
}

/* Length of the directory part of path. */
static size_t dir_len(const char *path)
{
	const char *sl = strrchr(path, '/');

	return sl != NULL ? (size_t)(sl - path) : 0;
}

/* The module line of manifest path (`module github.com/acme/shop`), or
 * NULL. */
static char *module_line(const char *path, const char *directive)
{
	char *text, *out = NULL;
	size_t wl = strlen(directive);

	if ((text = fs_read_file(path, 1 << 20, NULL)) == NULL)
		return NULL;
	for (char *line = text; line != NULL && *line; ) {
		char *w = line, *e, *eol = strchr(line, '\n');

		line = eol ? eol + 1 : NULL;
		while (*w == ' ' || *w == '\t')
			w++;
		if (strncmp(w, directive, wl) != 0 || (w[wl] != ' ' && w[wl] != '\t'))
			continue;
		w += wl;
		while (*w == ' ' || *w == '\t' || *w == '"')
			w++;
		e = w;
		while (*e && !isspace((unsigned char)*e) && *e != '"')
			e++;
		if (e > w)
			out = xstrndup(w, (size_t)(e - w));
		break;
	}
	free(text);
	return out;
}

/* The module lines of the manifests of each language whose packages are
 * folders: the root's (`module github.com/acme/shop` in the root go.mod)
 * and each service folder's (`backend/go.mod` of a repository whose Go
 * module lives in a subfolder): the prefixes of the import paths that
 * name the project's own folders, each with the folder it starts at. */
static void collect_module_prefixes(struct summaries *s)
{
	size_t n_fe;
	const struct front_end *fe = lang_all(&n_fe);
	const struct context *ctx = s->p->ctx;

	for (size_t i = 0; i < n_fe; i++) {
		const struct lang_traits *t = &fe[i].traits;
		enum lang l = fe[i].id;
		size_t n_dirs = ctx != NULL ? ctx->n_services : 0;

		if (l == LANG_NONE || l >= LANG_COUNT || t->module_manifest == NULL ||
		    t->module_directive == NULL || s->p->root == NULL)
			continue;
		for (size_t k = 0; k <= n_dirs; k++) {
			const char *dir = k == 0 ? "" : ctx->services[k - 1].dir;
			char path[4096], *prefix;

			if (k > 0 && (dir == NULL || dir[0] == '\0' || strcmp(dir, ".") == 0))
				continue;
			snprintf(path, sizeof path, "%s%s%s/%s", s->p->root, dir[0] ? "/" : "", dir,
				 t->module_manifest);
			if ((prefix = module_line(path, t->module_directive)) == NULL)
				continue;
			XGROW(s->module_roots[l], s->cap_module_roots[l], s->n_module_roots[l] + 1);
			s->module_roots[l][s->n_module_roots[l]].prefix = prefix;
			s->module_roots[l][s->n_module_roots[l]].dir = xstrdup(dir);
			s->n_module_roots[l]++;
		}
	}
}

/* The workspace packages of a monorepo: each service folder (the
 * context's services, one per folder with manifests) whose manifest
 * names its package
 * (`"name": "@acme/shared"` under catalog text sum_workspace_name_key).
 * An import of that name, or of a path under it, is the project's own
 * code in that folder (catalog text sum_workspace_manifest: the
 * manifest's file name). */
static void collect_workspace_packages(struct summaries *s)
{
	size_t n_fe;
	const struct front_end *fe = lang_all(&n_fe);
	const struct context *ctx = s->p->ctx;

	if (ctx == NULL || s->p->root == NULL)
		return;
	for (size_t i = 0; i < n_fe; i++) {
		const char *man, *key;

		if (fe[i].id == LANG_NONE || fe[i].id >= LANG_COUNT ||
		    (man = catalog_text(fe[i].id, "sum_workspace_manifest")) == NULL ||
		    (key = catalog_text(fe[i].id, "sum_workspace_name_key")) == NULL)
			continue;
		for (size_t k = 0; k < ctx->n_services; k++) {
			char path[4096], *name;

			snprintf(path, sizeof path, "%s/%s/%s", s->p->root, ctx->services[k].dir, man);
			if ((name = context_manifest_string(path, key)) == NULL)
				continue;
			if (strlen(name) < 200) {
				XGROW(s->pkgs, s->cap_pkgs, s->n_pkgs + 1);
				s->pkgs[s->n_pkgs].name = name;
				s->pkgs[s->n_pkgs].dir = xstrdup(ctx->services[k].dir);
				s->pkgs[s->n_pkgs].lang = fe[i].id;
				s->n_pkgs++;
			} else {
				free(name);
			}
		}
	}
}

/* For a call through an import of a workspace package (`import {
 * listAll } from "@acme/shared/storage"` .. `listAll()`, resolved
 * "@acme/shared/storage.listAll"): the imported file's project path
 * without its extension ("packages/shared/storage"), or the package's
 * folder for an import of the package itself, into buf. NULL when no
 * workspace package of the file's language has that name. */
static const char *workspace_module(const struct summaries *s, enum lang lang,
				    const char *resolved, const char *name, char *buf, size_t size)
{
	size_t rl = strlen(resolved), nl = strlen(name), ml;

	if (rl <= nl + 1 || strcmp(resolved + rl - nl, name) != 0 || resolved[rl - nl - 1] != '.')
		return NULL;
	ml = rl - nl - 1;
	for (size_t i = 0; i < s->n_pkgs; i++) {
		size_t pl = strlen(s->pkgs[i].name);

		if (s->pkgs[i].lang != lang || pl > ml || strncmp(resolved, s->pkgs[i].name, pl) != 0 ||
		    (pl < ml && resolved[pl] != '/'))
			continue;
		if ((size_t)snprintf(buf, size, "%s%.*s", s->pkgs[i].dir, (int)(ml - pl),
				     resolved + pl) >= size)
			return NULL;
		return buf;
	}
	return NULL;
}

/* For a language whose packages are folders: the definitions a call
 * reaches by package. `models.AddTag(..)` through an import of
 * "<module>/models" reaches the top-level functions of folder models/
 * only; a bare `AddTag(..)` those of the caller's own folder. -1 when
 * the rule does not apply (another language, another kind of call, an
 * import outside the project's module); else the count in out (0: none
 * is the project's, unsure). */
static long folder_package_candidates(const struct summaries *s, size_t fi, const struct node *c,
				      struct func_ref out[SUMMARY_MAX_CANDIDATES])
{
	const struct project *p = s->p;
	const struct call_info *ci = c->u.call;
	enum lang lang = p->files[fi].model->lang;
	const struct front_end *fe = lang_get(lang);
	const char *resolved = ci->resolved ? ci->resolved : ci->callee, *folder;
	size_t folder_len, nl = strlen(ci->name), rl = strlen(resolved), n_refs, n = 0;
	const struct func_ref *refs;
	char folder_buf[1024];

	if (fe == NULL || fe->traits.module_manifest == NULL || lang >= LANG_COUNT)
		return -1;
	if (strcmp(resolved, ci->callee) == 0) {
		/* a bare name: the caller's own package */
		if (strchr(ci->callee, '.') != NULL)
			return -1;
		folder = p->files[fi].path;
		folder_len = dir_len(folder);
	} else {
		const struct module_root *mr = NULL;
		const char *rest;
		size_t ml = 0, restl;

		/* the longest module prefix the import path starts with */
		for (size_t k = 0; k < s->n_module_roots[lang]; k++) {
			const char *mp = s->module_roots[lang][k].prefix;
			size_t l = strlen(mp);

			if (l > ml && strncmp(resolved, mp, l) == 0 &&
			    (resolved[l] == '/' || resolved + l == resolved + rl - nl - 1)) {
				mr = &s->module_roots[lang][k];
				ml = l;
			}
		}
		if (mr == NULL || rl <= nl + 1 || ml > rl - nl - 1 ||
		    strcmp(resolved + rl - nl, ci->name) != 0 || resolved[rl - nl - 1] != '.')
			return -1;
		if (resolved + ml == resolved + rl - nl - 1) {
			rest = resolved + ml;   /* the module's root package */
			restl = 0;
		} else {
			rest = resolved + ml + 1;
			restl = (size_t)(resolved + rl - nl - 1 - rest);
			/* `pkg.Var.Method`: a value's method, not the folder's */
			if (memchr(rest, '.', restl) != NULL)
				return 0;
		}
		/* the folder under the manifest's own folder */
		if (mr->dir[0] == '\0') {
			folder = rest;
			folder_len = restl;
		} else {
			if ((size_t)snprintf(folder_buf, sizeof folder_buf, "%s%s%.*s", mr->dir,
					     restl ? "/" : "", (int)restl, rest) >= sizeof folder_buf)
				return -1;
			folder = folder_buf;
			folder_len = strlen(folder_buf);
		}
	}
	refs = index_funcs_named(p->index, ci->name, &n_refs);
	for (size_t i = 0; refs != NULL && i < n_refs; i++) {
		const struct model *m = p->files[refs[i].file].model;
		const char *path = p->files[refs[i].file].path;

		if (m == NULL || m->lang != lang || m->nodes[refs[i].node].parent != 0 ||
		    (m->nodes[refs[i].node].flags & NF_GO_RECEIVER) || dir_len(path) != folder_len ||
		    strncmp(path, folder, folder_len) != 0)
			continue;
		if (n == SUMMARY_MAX_CANDIDATES)
			return 0;
		out[n++] = refs[i];
	}
	return (long)n;
}

static int is_project_root(const struct summaries *s, const char *dotted)
{
	size_t n = strcspn(dotted, ".");

	for (size_t i = 0; i < s->n_roots; i++)
		if (strlen(s->roots[i]) == n && strncmp(s->roots[i], dotted, n) == 0)
			return 1;
	return 0;
}

/* ---- which definitions a call reaches ---- */

/* True when call c is `this.<member>.<method>(...)` on a member the class
 * declares with a type imported from a package outside the project
 * (`private readonly config: ConfigService` with ConfigService from a
 * framework package): its method is the package's, never a project
 * function of the same name (`get` of a settings service that reads the
 * database). An import of a project path (relative, a catalog
 * sum_project_module_paths alias, or under one of the project's top
 * folders) or a type the project's classes declare is no such member. */
static int member_of_outside_type(const struct summaries *s, size_t fi, const struct node *c)
{
	const struct model *m = s->p->files[fi].model;
	char type[128], resolved[512];
	size_t tl, rl, seg;

	if (receiver_member_outside_type(s->p, s->classes, fi, c, type, sizeof type) == NULL)
		return 0;
	model_resolve(m, type, resolved, sizeof resolved);
	if (strcmp(resolved, type) == 0)
		return 0;   /* declared or global in this file: unknown */
	/* the module part: `pkg/sub.Type` -> `pkg/sub` */
	tl = strlen(type);
	rl = strlen(resolved);
	if (rl > tl + 1 && resolved[rl - tl - 1] == '.' && strcmp(resolved + rl - tl, type) == 0)
		resolved[rl - tl - 1] = '\0';
	if (resolved[0] == '.' || resolved[0] == '/' || resolved[0] == '\0' ||
	    catalog_match(catalog_get(m->lang, "sum_project_module_paths"), resolved))
		return 0;
	seg = strcspn(resolved, "/.");
	for (size_t i = 0; i < s->n_roots; i++)
		if (strlen(s->roots[i]) == seg && strncmp(s->roots[i], resolved, seg) == 0)
			return 0;
	return 1;
}


/* True when definition ref is a method of a class named in bases (the
 * text between a class statement's parentheses: "RepoBase[User], Mixin"). */
static int in_named_class(const struct project *p, struct func_ref ref, const char *bases)
{
	const struct model *m = p->files[ref.file].model;
	const struct node *f = m ? &m->nodes[ref.node] : NULL;
	const char *q, *dot, *b = bases;
	size_t cl;

	if (f == NULL || f->u.func == NULL || (q = f->u.func->qualname) == NULL ||
	    (dot = strrchr(q, '.')) == NULL)
		return 0;
	cl = (size_t)(dot - q);
	while (*b) {
		const char *e;
		size_t n;

		while (*b == ' ' || *b == ',' || *b == '\n')
			b++;
		e = b;
		while (*e && *e != ',' && *e != '[' && *e != '(' && *e != ' ' && *e != '\n')
			e++;
		/* `models.Base` names Base */
		n = (size_t)(e - b);
		{
			const char *last = b;
			for (const char *x = b; x < e; x++)
				if (*x == '.')
					last = x + 1;
			n = (size_t)(e - last);
			if (n == cl && strncmp(last, q, cl) == 0)
				return 1;
		}
		/* skip a [..] or (..) group */
		if (*e == '[' || *e == '(') {
			int depth = 0;
			for (; *e; e++) {
				if (*e == '[' || *e == '(')
					depth++;
				else if ((*e == ']' || *e == ')') && --depth == 0) {
					e++;
					break;
				}
			}
		}
		b = *e ? e + 1 : e;
	}
	return 0;
}

/* Candidates of `super().name(...)` in file fi: the methods of that name in
 * the classes the caller's class names as bases. */
static size_t super_candidates(const struct summaries *s, size_t fi, const struct node *c,
			       struct func_ref out[SUMMARY_MAX_CANDIDATES])
{
	const struct model *m = s->p->files[fi].model;
	const struct node *fn = model_enclosing_func(m, c), *cls;
	const struct func_ref *refs;
	char bases[512];
	size_t n_refs, i, n = 0;

	if (fn == NULL || !(fn->flags & NF_METHOD) || fn->parent == 0 ||
	    (cls = &m->nodes[fn->parent])->kind != NODE_CLASS || cls->u.cls == NULL)
		return 0;
	span_copy(m, cls->u.cls->bases, bases, sizeof bases);
	refs = index_funcs_named(s->p->index, c->u.call->name, &n_refs);
	for (i = 0; refs != NULL && i < n_refs; i++) {
		if (!in_named_class(s->p, refs[i], bases))
			continue;
		if (n == SUMMARY_MAX_CANDIDATES)
			return 0;
		out[n++] = refs[i];
	}
	return n;
}

/* `r.name(...)` in a method whose named receiver is r (a Go method
 * calling another method of its own type): the method "T.name" of the
 * same package folder. 1 and *out when exactly one; otherwise the
 * by-name rules below apply (an embedded type's method). */
static int receiver_self_call(const struct summaries *s, size_t fi, const struct node *c,
			      struct func_ref *out)
{
	const struct project *p = s->p;
	const struct model *m = p->files[fi].model;
	const struct node *fn = model_enclosing_func(m, c);
	const char *callee = c->u.call->callee, *r, *q, *dot;
	const struct func_ref *refs;
	size_t rl, tl, n_refs, n = 0, dl = dir_len(p->files[fi].path);

	while (fn != NULL && (fn->flags & NF_LAMBDA))
		fn = model_enclosing_func(m, fn);
	if (fn == NULL || !(fn->flags & NF_GO_RECEIVER) || fn->u.func == NULL ||
	    fn->u.func->n_params == 0 || (r = fn->u.func->params[0].name) == NULL ||
	    (rl = strlen(r)) == 0 || strncmp(callee, r, rl) != 0 || callee[rl] != '.' ||
	    strchr(callee + rl + 1, '.') != NULL || (q = fn->u.func->qualname) == NULL ||
	    (dot = strchr(q, '.')) == NULL)
		return 0;
	tl = (size_t)(dot - q);
	refs = index_funcs_named(p->index, c->u.call->name, &n_refs);
	for (size_t i = 0; refs != NULL && i < n_refs; i++) {
		const struct model *dm = p->files[refs[i].file].model;
		const struct node *d = dm ? &dm->nodes[refs[i].node] : NULL;
		const char *dq = d && d->u.func ? d->u.func->qualname : NULL;

		if (dq == NULL || !(d->flags & NF_GO_RECEIVER) || strncmp(dq, q, tl + 1) != 0 ||
		    dir_len(p->files[refs[i].file].path) != dl ||
		    strncmp(p->files[refs[i].file].path, p->files[fi].path, dl) != 0)
			continue;
		*out = refs[i];
		n++;
	}
	return n == 1;
}

/* The path of a module `dotted` names up to its last segment, as a
 * folder path (`lemur.database.update` -> "lemur/database") into mod:
 * its length, or -1 when it names none or does not fit. */
static long module_path(const char *dotted, char *mod, size_t size)
{
	const char *last = strrchr(dotted, '.');
	size_t n;

	if (last == NULL || (size_t)(last - dotted) + 1 >= size)
		return -1;
	for (n = 0; dotted + n < last; n++) {
		unsigned char ch = (unsigned char)dotted[n];

		if (ch != '.' && ch != '_' && !isalnum(ch))
			return -1;
		mod[n] = ch == '.' ? '/' : (char)ch;
	}
	mod[n] = '\0';
	return (long)n;
}

/* The path of project file path that module_file compares: without its
 * extension, and without a package's own file (lemur/database/__init__.py
 * -> "lemur/database"); NULL for a package file at the top. Owned. */
static char *module_stem(enum lang lang, const char *path)
{
	char file[512], *seg, *dot;

	snprintf(file, sizeof file, "%s", path);
	seg = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	if ((dot = strrchr(seg, '.')) != NULL)
		*dot = '\0';
	if (catalog_match(catalog_get(lang, "sum_package_modules"), seg)) {
		if (seg == file)
			return NULL;
		seg[-1] = '\0';
	}
	return xstrdup(file);
}

/* The last segment of a stem or module path. */
static const char *last_segment(const char *path)
{
	const char *sl = strrchr(path, '/');

	return sl ? sl + 1 : path;
}

/* True when a stem ends with the module path mod (n bytes) at a folder
 * boundary. */
static int stem_is_module(const char *stem, const char *mod, size_t n)
{
	size_t fl = strlen(stem);

	return fl >= n && strcmp(stem + fl - n, mod) == 0 && (fl == n || stem[fl - n - 1] == '/');
}

/* True when project file fi is the module `dotted` names up to its
 * last segment (`lemur.database.update` -> lemur/database.py, or
 * lemur/database/__init__.py: a package's module file is named by the
 * catalog's sum_package_modules; also under src/). */
static int module_file(const struct summaries *s, size_t fi, const char *dotted)
{
	char mod[256];
	long n;

	if (s->stems[fi] == NULL || (n = module_path(dotted, mod, sizeof mod)) < 0)
		return 0;
	return stem_is_module(s->stems[fi], mod, (size_t)n);
}

static int stem_cmp(const void *a, const void *b)
{
	const struct stem_ref *x = a, *y = b;
	int c = strcmp(x->seg, y->seg);

	return c ? c : (x->file > y->file) - (x->file < y->file);
}

/* Fills s->stems and s->by_stem (before the workers start: read-only
 * after). */
static void collect_stems(struct summaries *s)
{
	const struct project *p = s->p;

	s->stems = xcalloc(p->n_files ? p->n_files : 1, sizeof *s->stems);
	s->by_stem = xcalloc(p->n_files ? p->n_files : 1, sizeof *s->by_stem);
	for (size_t i = 0; i < p->n_files; i++)
		if (p->files[i].model != NULL &&
		    (s->stems[i] = module_stem(p->files[i].model->lang, p->files[i].path)) != NULL) {
			s->by_stem[s->n_by_stem].seg = last_segment(s->stems[i]);
			s->by_stem[s->n_by_stem++].file = (uint32_t)i;
		}
	xqsort(s->by_stem, s->n_by_stem, sizeof *s->by_stem, stem_cmp);
}

/* The first entry of s->by_stem whose stem's last segment is seg, and
 * the count of such entries in *count. */
static size_t stems_named(const struct summaries *s, const char *seg, size_t *count)
{
	size_t lo = 0, hi = s->n_by_stem, end;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(s->by_stem[mid].seg, seg) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < s->n_by_stem && strcmp(s->by_stem[end].seg, seg) == 0; end++)
		;
	*count = end - lo;
	return lo;
}

/* For a call through a relative import (`import redis from
 * "../modules/redis.js"` .. `redis.set(k, v)`, resolved
 * "../modules/redis.js.set"): the imported file's project path without
 * its extension ("src/modules/redis"), joined to the folder of file
 * from_path, into buf. NULL when the import is not a relative path. */
static const char *relative_module(const char *from_path, const char *resolved, const char *name,
				   char *buf, size_t size)
{
	size_t rl = strlen(resolved), nl = strlen(name), ml, used;
	char mod[256];
	const char *p, *dot;

	if (rl <= nl + 1 || strcmp(resolved + rl - nl, name) != 0 || resolved[rl - nl - 1] != '.' ||
	    (strncmp(resolved, "./", 2) != 0 && strncmp(resolved, "../", 3) != 0))
		return NULL;
	ml = rl - nl - 1;
	if (ml >= sizeof mod)
		return NULL;
	memcpy(mod, resolved, ml);
	mod[ml] = '\0';
	/* "redis.js" -> "redis": the file is matched without its extension */
	if ((dot = strrchr(mod, '.')) != NULL && strchr(dot, '/') == NULL && dot > mod &&
	    dot[-1] != '.' && dot[-1] != '/')
		mod[dot - mod] = '\0';
	/* the importing file's folder */
	p = strrchr(from_path, '/');
	used = p ? (size_t)(p - from_path) : 0;
	if (used >= size)
		return NULL;
	memcpy(buf, from_path, used);
	buf[used] = '\0';
	for (p = mod; *p; ) {
		size_t sl = strcspn(p, "/");

		if (sl == 2 && strncmp(p, "..", 2) == 0) {
			char *up = strrchr(buf, '/');

			if (used == 0)
				return NULL;   /* above the project root */
			used = up ? (size_t)(up - buf) : 0;
			buf[used] = '\0';
		} else if (sl > 0 && !(sl == 1 && *p == '.')) {
			if (used + sl + 2 >= size)
				return NULL;
			if (used > 0)
				buf[used++] = '/';
			memcpy(buf + used, p, sl);
			used += sl;
			buf[used] = '\0';
		}
		p += sl + (p[sl] == '/');
	}
	return buf;
}

/* True when project file path, without its extension, is module (or the
 * folder module's index file). */
static int is_module_path(const char *path, const char *module)
{
	size_t n = strlen(module);
	const char *rest, *dot;

	if (strncmp(path, module, n) != 0)
		return 0;
	rest = path + n;
	if (strncmp(rest, "/index.", 7) == 0)
		rest += 6;
	dot = rest;
	return *dot == '.' && strchr(dot, '/') == NULL;
}

/* The definitions call c of file fi surely reaches (at most
 * SUMMARY_MAX_CANDIDATES, into out); 0 when none or when unsure. */
static const char *package_relative(const char *from_path, const char *resolved, char *buf,
				    size_t size);

/* `suggested.stores_for(u)` on a module-level instance of a project
 * class (`suggested = Suggested()` in this file, or in the module it is
 * imported from): that class's method, found through the classes. 0
 * when the name is assigned anything else, or more than once. */
static int module_instance_call(const struct summaries *s, size_t fi, const struct node *c,
				struct func_ref *out)
{
	const struct project *p = s->p;
	const struct call_info *ci = c->u.call;
	const char *callee = ci->callee, *dot = strchr(callee, '.');
	const char *resolved = ci->resolved ? ci->resolved : callee;
	char var[SEM_NAME_MAX], cls[SEM_NAME_MAX], mod[512], absolute[512], pkgdir[512] = "";
	size_t vf = fi, hits = 0;
	const struct model *vm;
	const struct node *d;
	uint32_t file = 0;

	if (s->classes == NULL || dot == NULL || strchr(dot + 1, '.') != NULL ||
	    strchr(callee, '(') != NULL || (size_t)(dot - callee) >= sizeof var ||
	    catalog_match(catalog_get(p->files[fi].model->lang, "sum_self_receivers"), callee))
		return 0;
	snprintf(var, sizeof var, "%.*s", (int)(dot - callee), callee);
	/* no project method of that name: nothing to find (and no walk
	 * over the files for every `models.User(...)`) */
	{
		const struct func_ref *refs;
		size_t nr = 0, methods = 0;

		refs = index_funcs_named(p->index, ci->name, &nr);
		for (size_t i = 0; refs != NULL && i < nr; i++)
			methods += p->files[refs[i].file].model != NULL &&
				   (p->files[refs[i].file].model->nodes[refs[i].node].flags & NF_METHOD);
		if (methods == 0)
			return 0;
	}
	/* `from . import var` (resolved ".var.name"): the package's
	 * absolute path, as for a bare name */
	if (resolved[0] == '.' && package_relative(p->files[fi].path, resolved, absolute,
						   sizeof absolute)) {
		/* the package a relative import names is a folder of the
		 * importing file: `cps/__init__.py`, never a `cps.py` beside
		 * that folder */
		size_t dots = strspn(resolved, "."), dl;
		const char *sl = strrchr(p->files[fi].path, '/');

		dl = sl ? (size_t)(sl - p->files[fi].path) : 0;
		for (size_t up = 1; up < dots && dl > 0; up++) {
			while (dl > 0 && p->files[fi].path[dl - 1] != '/')
				dl--;
			if (dl > 0)
				dl--;
		}
		if (dl == 0 || dl + 1 >= sizeof pkgdir)
			return 0;
		memcpy(pkgdir, p->files[fi].path, dl);
		pkgdir[dl] = '/';
		pkgdir[dl + 1] = '\0';
		resolved = absolute;
	}
	if (strcmp(resolved, callee) != 0) {
		/* `from pkg.mod import var`: resolved "pkg.mod.var.name" */
		const char *last = strrchr(resolved, '.');
		size_t found = 0;

		if (last == NULL || (size_t)(last - resolved) >= sizeof mod ||
		    !is_project_root(s, resolved))
			return 0;
		snprintf(mod, sizeof mod, "%.*s", (int)(last - resolved), resolved);
		{
			/* only the files whose stem ends in the module's last
			 * segment can be it */
			char mpath[256];
			long mn = module_path(mod, mpath, sizeof mpath);
			size_t first = 0, count = 0;

			if (mn >= 0)
				first = stems_named(s, last_segment(mpath), &count);
			for (size_t k = first; k < first + count; k++) {
				size_t i = s->by_stem[k].file;

				if (p->files[i].model->lang == p->files[fi].model->lang &&
				    stem_is_module(s->stems[i], mpath, (size_t)mn) &&
				    (pkgdir[0] == '\0' ||
				     strncmp(p->files[i].path, pkgdir, strlen(pkgdir)) == 0)) {
					vf = i;
					found++;
				}
			}
		}
		if (found != 1)
			return 0;
		{
			const char *v = strrchr(mod, '.');

			snprintf(var, sizeof var, "%s", v ? v + 1 : mod);
		}
	}
	vm = p->files[vf].model;
	cls[0] = '\0';
	for (const struct node *k = vm->nodes[0].first_child ? model_node(vm, vm->nodes[0].first_child) : NULL;
	     k != NULL; k = k->next_sibling ? model_node(vm, k->next_sibling) : NULL) {
		const char *v, *e;
		size_t n = 0;

		if (k->kind != NODE_ASSIGN || k->name == NULL || strcmp(k->name, var) != 0)
			continue;
		if (++hits > 1)
			return 0;
		v = vm->src + k->value.off;
		e = v + k->value.len;
		for (const char *w = v; w < e && (isalnum((unsigned char)*w) || *w == '_' || *w == '.'); w++)
			n++;
		if (n == 0 || v + n >= e || v[n] != '(' || vm->src[k->value.off + k->value.len - 1] != ')')
			return 0;
		{
			const char *b = v + n;

			while (b > v && b[-1] != '.')
				b--;
			if ((size_t)(v + n - b) >= sizeof cls || !isupper((unsigned char)*b))
				return 0;
			snprintf(cls, sizeof cls, "%.*s", (int)(v + n - b), b);
		}
	}
	if (cls[0] == '\0' ||
	    (d = class_method_named(p, s->classes, cls, ci->name, &file)) == NULL ||
	    d->kind != NODE_FUNC)
		return 0;
	out->file = file;
	out->node = (uint32_t)(d - p->files[file].model->nodes);
	return 1;
}

/* A method reached through a registry of the project's model files
 * (`WIKI.models.tags.associateTags(...)`, `app.models.user.find(...)`):
 * a link of the catalog's "sum_registry_folders" then one name and the
 * method, resolved to the one method of that name defined in the file
 * `<folder>/<name>.<ext>` of the caller's language. 1 with *out filled,
 * 0 when the callee has no such shape or the file defines no single such
 * method. */
static int registry_method(const struct summaries *s, size_t fi, const struct node *c,
			   struct func_ref *out)
{
	const struct project *p = s->p;
	const struct model *cm = p->files[fi].model;
	const char *callee = c->u.call->callee, *seg, *name, *meth;
	const struct func_ref *refs;
	size_t n_refs, found = 0, nl;
	char folder[64], want[160];

	if (catalog_list_empty(catalog_get(cm->lang, "sum_registry_folders")) ||
	    (meth = strrchr(callee, '.')) == NULL || meth == callee)
		return 0;
	for (name = meth - 1; name > callee && name[-1] != '.'; name--)
		;
	if (name == callee)
		return 0;
	for (seg = name - 1; seg > callee && seg[-1] != '.'; seg--)
		;
	if ((size_t)(name - 1 - seg) >= sizeof folder || (nl = (size_t)(meth - name)) == 0)
		return 0;
	memcpy(folder, seg, (size_t)(name - 1 - seg));
	folder[name - 1 - seg] = '\0';
	if (!catalog_match(catalog_get(cm->lang, "sum_registry_folders"), folder) ||
	    strcmp(meth + 1, c->u.call->name) != 0)
		return 0;
	snprintf(want, sizeof want, "%s/%.*s.", folder, (int)nl, name);
	refs = index_funcs_named(p->index, c->u.call->name, &n_refs);
	for (size_t i = 0; refs != NULL && i < n_refs; i++) {
		const char *path = p->files[refs[i].file].path, *hit;
		const struct model *m = p->files[refs[i].file].model;

		if (m == NULL || m->lang != cm->lang || path == NULL ||
		    !(m->nodes[refs[i].node].flags & NF_METHOD))
			continue;
		hit = strstr(path, want);
		if (hit == NULL || (hit != path && hit[-1] != '/') ||
		    strchr(hit + strlen(want), '/') != NULL || strchr(hit + strlen(want), '.') != NULL)
			continue;
		if (found++ > 0)
			return 0;
		*out = refs[i];
	}
	return found == 1;
}

/* The class whose instance context manager method cm hands out: every
 * yield of cm is `Cls(...)` of one capitalised class, or a plain name
 * cm assigns once to such a call (`w = Connection(raw); yield w`).
 * Writes the class name into cls; 0 when any yield is something else. */
static int yielded_class(const struct model *m, const struct node *cm, char *cls, size_t size)
{
	int seen = 0;

	cls[0] = '\0';
	for (const struct node *y = NULL; (y = model_walk(m, cm, y, 0)) && budget_step(); ) {
		char v[SEM_NAME_MAX], name[SEM_NAME_MAX];
		size_t n = 0;

		if (y->kind != NODE_YIELD || model_enclosing_func(m, y) != cm)
			continue;
		if (y->value.len == 0 || y->value.len >= sizeof v)
			return 0;
		span_copy(m, y->value, v, sizeof v);
		size_t vl = 0;

		while (isalnum((unsigned char)v[vl]) || v[vl] == '_')
			vl++;
		if (isalpha((unsigned char)v[0]) && v[vl] == '\0') {
			/* a local assigned once, to a constructor */
			int hits = 0;

			for (const struct node *a = NULL; (a = model_walk(m, cm, a, 0)); )
				if (a->kind == NODE_ASSIGN && a->name != NULL && strcmp(a->name, v) == 0 &&
				    !(a->flags & NF_TARGET_ATTR)) {
					if (hits++ || a->value.len == 0 || a->value.len >= sizeof v)
						return 0;
					span_copy(m, a->value, name, sizeof name);
				}
			if (hits != 1)
				return 0;
			snprintf(v, sizeof v, "%s", name);
		}
		while (isalnum((unsigned char)v[n]) || v[n] == '_')
			n++;
		if (n == 0 || v[n] != '(' || !isupper((unsigned char)v[0]) || v[strlen(v) - 1] != ')' ||
		    n >= sizeof name)
			return 0;
		snprintf(name, sizeof name, "%.*s", (int)n, v);
		if (seen++ && strcmp(name, cls) != 0)
			return 0;
		snprintf(cls, size, "%s", name);
	}
	return seen > 0;
}

/* `async with self.connect() as conn: await conn.insert(...)` in a method:
 * the class's own context manager `connect` hands out instances of one
 * project class (yielded_class), so `conn.insert` is that class's
 * method. 1 and *out, or 0. */
static int with_yield_call(const struct summaries *s, size_t fi, const struct node *c,
			   struct func_ref *out)
{
	const struct project *p = s->p;
	const struct model *m = p->files[fi].model;
	const char *callee = c->u.call->callee, *dot = strchr(callee, '.');
	const struct node *fn = model_enclosing_func(m, c), *w, *cm, *d;
	const struct node *clsn;
	char var[SEM_NAME_MAX], expr[SEM_NAME_MAX], cls[SEM_NAME_MAX], self[16];
	uint32_t file = 0;
	size_t sn;

	if (s->classes == NULL || dot == NULL || strchr(dot + 1, '.') != NULL ||
	    strchr(callee, '(') != NULL || (size_t)(dot - callee) >= sizeof var || fn == NULL ||
	    !(fn->flags & NF_METHOD) || fn->parent == 0 ||
	    (clsn = &m->nodes[fn->parent])->kind != NODE_CLASS || clsn->name == NULL)
		return 0;
	snprintf(var, sizeof var, "%.*s", (int)(dot - callee), callee);
	expr[0] = '\0';
	for (w = c->parent ? model_node(m, c->parent) : NULL; w != NULL && w != fn;
	     w = w->parent ? model_node(m, w->parent) : NULL) {
		if (w->kind != NODE_WITH)
			continue;
		for (unsigned i = 0; i < w->n_items; i++)
			if (w->u.items[i].name != NULL && strcmp(w->u.items[i].name, var) == 0 &&
			    w->u.items[i].expr.len < sizeof expr)
				span_copy(m, w->u.items[i].expr, expr, sizeof expr);
		if (expr[0] != '\0')
			break;
	}
	if (expr[0] == '\0')
		return 0;
	/* `self.<cm>()` with no arguments */
	sn = 0;
	{
		const char *dd = strchr(expr, '.');

		if (dd == NULL || (size_t)(dd - expr) + 1 >= sizeof self)
			return 0;
		sn = (size_t)(dd - expr) + 1;
		snprintf(self, sizeof self, "%.*s", (int)sn, expr);
		if (!catalog_match(catalog_get(m->lang, "sum_self_receivers"), expr) ||
		    sn >= strlen(expr) || strcmp(expr + strlen(expr) - 2, "()") != 0)
			return 0;
	}
	{
		char meth[SEM_NAME_MAX];
		size_t ml = strlen(expr) - sn - 2;

		if (ml == 0 || ml >= sizeof meth)
			return 0;
		snprintf(meth, sizeof meth, "%.*s", (int)ml, expr + sn);
		if (strchr(meth, '.') != NULL || strchr(meth, '(') != NULL)
			return 0;
		if ((cm = class_method_named(p, s->classes, clsn->name, meth, &file)) == NULL ||
		    cm->kind != NODE_FUNC)
			return 0;
	}
	if (!yielded_class(p->files[file].model, cm, cls, sizeof cls) ||
	    (d = class_method_named(p, s->classes, cls, c->u.call->name, &file)) == NULL ||
	    d->kind != NODE_FUNC)
		return 0;
	out->file = file;
	out->node = (uint32_t)(d - p->files[file].model->nodes);
	return 1;
}

/* A package-relative import path (`..crud.create_account` from
 * `app/core/services/users.py`: one dot is the importing file's package,
 * each further dot one package up) made absolute against the file's
 * folders: `app.core.crud.create_account`. NULL when resolved is not of
 * that form (a `./x` or `../x` module path is a file path, handled by
 * relative_module) or climbs above the project root. */
static const char *package_relative(const char *from_path, const char *resolved, char *buf,
				    size_t size)
{
	size_t dots = 0, used;
	const char *p;

	while (resolved[dots] == '.')
		dots++;
	if (dots == 0 || resolved[dots] == '/' || resolved[dots] == '\0' || from_path == NULL)
		return NULL;
	p = strrchr(from_path, '/');
	used = p ? (size_t)(p - from_path) : 0;
	if (used >= size)
		return NULL;
	memcpy(buf, from_path, used);
	buf[used] = '\0';
	for (size_t d = 1; d < dots; d++) {
		char *up;

		if (used == 0)
			return NULL;   /* above the project root */
		up = strrchr(buf, '/');
		used = up ? (size_t)(up - buf) : 0;
		buf[used] = '\0';
	}
	if (used == 0 || used + 1 + strlen(resolved + dots) >= size)
		return NULL;
	for (size_t i = 0; i < used; i++)
		if (buf[i] == '/')
			buf[i] = '.';
	buf[used++] = '.';
	snprintf(buf + used, size - used, "%s", resolved + dots);
	return buf;
}

/* True when text holds name as a whole identifier. */
static int has_word(const char *text, const char *name)
{
	size_t n = strlen(name);

	for (const char *t = strstr(text, name); t != NULL; t = strstr(t + 1, name)) {
		int before = t > text && (isalnum((unsigned char)t[-1]) || t[-1] == '_' || t[-1] == '$');
		int after = isalnum((unsigned char)t[n]) || t[n] == '_' || t[n] == '$';

		if (!before && !after)
			return 1;
	}
	return 0;
}

/* True when the subtree under root calls a workflow engine's activity
 * proxy (catalog activity_proxies), or, depth 1, a module-level function
 * of the file that does (`const onQueue = (q) => proxyActivities(...)`). */
static int calls_activity_proxy(const struct model *m, const struct node *root, int into, int depth)
{
	const struct catalog_list *proxies = catalog_get(m->lang, "activity_proxies");

	for (const struct node *x = NULL; (x = model_walk(m, root, x, into)); ) {
		const char *callee;

		if (x->kind != NODE_CALL || x->u.call == NULL)
			continue;
		if (catalog_match_call(proxies, m, x))
			return 1;
		callee = x->u.call->callee;
		if (depth > 0 || callee == NULL || strchr(callee, '.') != NULL)
			continue;
		for (const struct node *d = NULL; (d = model_walk(m, &m->nodes[0], d, 0)); )
			if ((d->kind == NODE_FUNC || d->kind == NODE_ASSIGN) && d->name != NULL &&
			    strcmp(d->name, callee) == 0 && calls_activity_proxy(m, d, 1, depth + 1))
				return 1;
	}
	return 0;
}

/* A bare name the calling function or its module binds from a workflow
 * engine's activity proxy: `const { charge } = proxyActivities<Billing>(
 * {...})`. Calling it schedules the activity on a task queue, where a
 * worker runs it with its own timeouts and retries: a durable dispatch,
 * not database work of the caller (the activity's own loops are judged
 * where it is implemented). */
static int activity_proxy_name(const struct model *m, const struct node *c, const char *name)
{
	const struct node *scopes[2];
	char target[512];

	if (catalog_list_empty(catalog_get(m->lang, "activity_proxies")))
		return 0;
	scopes[0] = model_enclosing_func(m, c);
	scopes[1] = &m->nodes[0];
	for (size_t k = 0; k < 2; k++) {
		if (scopes[k] == NULL)
			continue;
		for (const struct node *a = NULL; (a = model_walk(m, scopes[k], a, 0)); ) {
			if (a->kind != NODE_ASSIGN)
				continue;
			span_copy(m, a->text, target, sizeof target);
			if (target[0] == '{' && has_word(target, name) &&
			    calls_activity_proxy(m, a, 0, 0))
				return 1;
		}
	}
	return 0;
}

static size_t candidates(const struct summaries *s, size_t fi, const struct node *c,
			 struct func_ref out[SUMMARY_MAX_CANDIDATES], int *iface)
{
	const struct project *p = s->p;
	const struct call_info *ci = c->u.call;
	const struct func_ref *refs;
	const char *callee, *resolved;
	size_t n_refs, i, n = 0, same_file = 0;
	int imported, local_only = 0, unknown_object = 0, repo_only, member_chain, workspace = 0;
	const struct catalog_list *self_calls;
	char module[512], absolute[512];
	const char *rel = NULL, *pkg_module = NULL;
	size_t sup;

	if (ci == NULL || ci->name == NULL || ci->callee == NULL)
		return 0;
	/* `super().update(...)` in a repository override: the base class's
	 * method, among the repository-like classes' definitions */
	sup = sem_prefix_len(p->files[fi].model->lang, "sum_super_calls", ci->callee, 0);
	if (sup > 0 && strchr(ci->callee + sup, '(') == NULL)
		return super_candidates(s, fi, c, out);
	/* `app.Dao().FindPage(...)`: the accessors' declared results say
	 * which method */
	if (strchr(ci->callee, '(') != NULL)
		return receiver_go_method(s->p, s->classes, fi, c, &out[0]);
	if (registry_method(s, fi, c, &out[0]))
		return 1;
	/* `self.repos.recipes.update(...)`, `this.tags.create(...)`: the
	 * classes say which method (receiver_method checks the receiver) */
	if (receiver_method(s->p, s->classes, fi, c, &out[0]) ||
	    receiver_go_method(s->p, s->classes, fi, c, &out[0]) ||
	    receiver_go_rows_method(s->p, s->classes, fi, c, &out[0]))
		return 1;
	if (member_of_outside_type(s, fi, c))
		return 0;
	/* `h.userSrvc.Delete(...)` on a field of an interface type: every
	 * implementation the project declares (each must have the fact).
	 * Only their writes pass: a service behind an interface commonly
	 * answers reads from a cache of its own (`if v, ok :=
	 * srv.cache.Get(k); ok { return v }`, a map loaded once per user),
	 * which the index does not see through; a write always reaches the
	 * database. */
	{
		size_t ni = receiver_go_iface_methods(s->p, s->classes, fi, c, out,
						      SUMMARY_MAX_CANDIDATES);
		if (ni > 0) {
			*iface = 1;
			return ni;
		}
	}
	if (receiver_self_call(s, fi, c, &out[0]) == 1)
		return 1;
	if (module_instance_call(s, fi, c, &out[0]) || with_yield_call(s, fi, c, &out[0]))
		return 1;
	{
		long fp = folder_package_candidates(s, fi, c, out);

		if (fp >= 0)
			return (size_t)fp;
	}
	callee = ci->callee;
	resolved = ci->resolved ? ci->resolved : callee;
	imported = strcmp(resolved, callee) != 0;
	/* a bare call of a parameter (`def run(task, args): task(*args)`)
	 * calls what the caller hands in, never a project function that
	 * shares its name */
	if (strchr(callee, '.') == NULL) {
		const struct node *fn = model_enclosing_func(p->files[fi].model, c);

		for (uint32_t q = 0; fn != NULL && fn->u.func != NULL && q < fn->u.func->n_params; q++)
			if (fn->u.func->params[q].name != NULL &&
			    strcmp(fn->u.func->params[q].name, callee) == 0)
				return 0;
		if (activity_proxy_name(p->files[fi].model, c, callee))
			return 0;
	}
	/* `from ..crud import create_account`: the package's absolute path */
	if (imported && strchr(callee, '.') == NULL &&
	    package_relative(p->files[fi].path, resolved, absolute, sizeof absolute))
		resolved = absolute;
	/* `from . import helper` .. `helper.mark_read(x)` (resolved
	 * ".helper.mark_read"): the package's absolute path, and only what
	 * that module's file defines (rel, below): a module attribute names
	 * one file, never every `mark_read` of the project */
	else if (imported && resolved[0] == '.' && strchr(callee, '.') != NULL &&
		 strchr(strchr(callee, '.') + 1, '.') == NULL &&
		 package_relative(p->files[fi].path, resolved, absolute, sizeof absolute)) {
		size_t ml = strlen(absolute) - strlen(ci->name) - 1;

		resolved = absolute;
		if (ml < sizeof module && strcmp(absolute + ml + 1, ci->name) == 0) {
			memcpy(module, absolute, ml);
			module[ml] = '\0';
			for (char *q = module; *q; q++)
				if (*q == '.')
					*q = '/';
			pkg_module = module;
		}
	}
	/* `self.x()`, `cls.x()`: the receivers the catalog names */
	self_calls = catalog_get(p->files[fi].model->lang, "sum_self_receivers");
	if (imported) {
		/* through an import: only the project's own modules, a
		 * workspace package's files among them */
		if (!is_project_root(s, resolved) &&
		    !catalog_match(catalog_get(p->files[fi].model->lang, "sum_project_module_paths"),
				   resolved) &&
		    (rel = workspace_module(s, p->files[fi].model->lang, resolved, ci->name, module,
					    sizeof module)) == NULL)
			return 0;
		workspace = rel != NULL;
	} else if (catalog_match(self_calls, callee)) {
		/* a method of this class: its own file */
		if (strchr(strchr(callee, '.') + 1, '.') != NULL)
			unknown_object = 1;   /* self.repo.find_x(): an attribute's method */
		else
			local_only = 1;
	} else if (strchr(callee, '.') != NULL) {
		unknown_object = 1;
	}
	if (unknown_object) {
		/* a method on an object of unknown type: only a specific name,
		 * and only on self's attributes or a repository/service-like
		 * receiver (`self.repo.x`, `orders_repo.x`, `crud.user.x`) */
		char recv[SEM_NAME_MAX];
		const struct model *m = p->files[fi].model;

		int repo_chain = repo_like_chain(m, callee);

		/* a generic name (update, create, get) only through a
		 * repository-like chain: self.repos.recipes.update(...) */
		if ((is_generic(m, ci->name) && !repo_chain) || strlen(ci->name) < 3)
			return 0;
		sem_receiver_name(callee, recv, sizeof recv);
		if (!catalog_match(self_calls, callee) && !repo_chain &&
		    !catalog_match(catalog_get(m->lang, "sum_manager_receivers"), recv))
			return 0;
	}
	refs = index_funcs_named(p->index, ci->name, &n_refs);
	/* a name defined hundreds of times (a monorepo of look-alike
	 * services) resolves to nothing by name alone: unknown, and
	 * checking every definition for every call made summaries
	 * quadratic in the size of such a tree */
	if (refs == NULL || n_refs == 0 || n_refs > 4 * SUMMARY_MAX_CANDIDATES)
		return 0;
	for (i = 0; i < n_refs; i++)
		same_file += refs[i].file == fi;
	/* a bare call of a local variable (`const deleteSet = useCallback(...)`
	 * then `deleteSet(p)`) calls what the variable holds; when no function
	 * of this file has the name, it is no other file's function or method
	 * that shares it */
	if (!imported && strchr(callee, '.') == NULL && same_file == 0) {
		const struct model *m = p->files[fi].model;

		for (const struct node *f = model_enclosing_func(m, c); f != NULL;
		     f = (f->flags & NF_LAMBDA) ? model_enclosing_func(m, f) : NULL)
			if (sem_assignment(m, f, callee, 0) != NULL)
				return 0;
	}
	/* through an import that names the module (`from pkg import
	 * database` .. `database.update(x)`): the module-level definition in
	 * that module's file, not every `update` of the project */
	if (imported && !unknown_object) {
		size_t hit = n_refs;

		for (i = 0; i < n_refs; i++) {
			const struct model *m = p->files[refs[i].file].model;

			if (m == NULL || m->nodes[refs[i].node].parent != 0 ||
			    !module_file(s, refs[i].file, resolved))
				continue;
			if (hit != n_refs) {
				hit = n_refs;
				break;
			}
			hit = i;
		}
		if (hit != n_refs) {
			out[0] = refs[hit];
			return 1;
		}
	}
	/* through a relative import, only what that file defines: a redis
	 * client's `set` is no project class's `set` */
	if (pkg_module != NULL)
		rel = pkg_module;
	else if (imported && rel == NULL)
		rel = relative_module(p->files[fi].path, resolved, ci->name, module, sizeof module);
	/* a bare name defined in this file is that definition */
	if (!imported && strchr(callee, '.') == NULL && same_file > 0)
		local_only = 1;
	/* through a repository-like chain, only the definitions in
	 * repository-like classes: `update` is also a model method */
	repo_only = unknown_object && repo_like_chain(p->files[fi].model, callee) &&
		    any_repo_class_def(p, refs, n_refs);
	/* `this.<member>.<method>(...)`: a method of another object (the
	 * receivers of dbops_self_receivers; `self.x.m()` keeps every
	 * definition, measured unchanged that way) */
	member_chain = unknown_object &&
		       catalog_match_pattern(catalog_get(p->files[fi].model->lang,
							 "dbops_self_receivers"), callee) != NULL;
	for (i = 0; i < n_refs; i++) {
		const struct model *m = p->files[refs[i].file].model;
		const struct node *f;

		if (local_only && refs[i].file != fi)
			continue;
		if (rel != NULL && !is_module_path(p->files[refs[i].file].path, rel))
			continue;
		/* a name imported from a workspace package is what that file
		 * exports at its top level, not a method of one of its classes */
		if (workspace && strchr(callee, '.') == NULL && m != NULL &&
		    m->nodes[refs[i].node].parent != 0)
			continue;
		if (repo_only && !in_repo_class(p, refs[i]))
			continue;
		if (member_chain && in_callers_class(p, fi, c, refs[i]))
			continue;
		/* a call never reaches a function written in another
		 * language (a Python `set()` is no TypeScript `set`) */
		if (m == NULL || m->lang != p->files[fi].model->lang)
			continue;
		f = &m->nodes[refs[i].node];
		/* a method name on an unknown object must name a method */
		if (unknown_object && !(f->flags & NF_METHOD))
			return 0;
		if (n == SUMMARY_MAX_CANDIDATES)
			return 0;
		out[n++] = refs[i];
	}
	if (n > 1 && member_chain)
		n = keep_member_class(p, callee, out, n);
	return n > 1 ? drop_test_doubles(p, out, n) : n;
}

/* A function guarded by a lookup in a map it fills itself: `if v, ok :=
 * m.links[url]; ok { return v }` ... `m.links[url] = v`. What it writes,
 * it writes once per distinct key (a registration), not once per call. */
static int cached_per_key(const struct model *m, const struct node *fn)
{
	for (const struct node *a = NULL; (a = model_walk(m, fn, a, 0)) != NULL && budget_step(); ) {
		char cond[256], target[160];
		const char *p, *b;
		size_t len;

		if (a->kind != NODE_IF)
			continue;
		span_copy(m, a->text.len ? a->text : a->value, cond, sizeof cond);
		if ((p = strstr(cond, ", ok := ")) == NULL || strstr(p, "; ok") == NULL ||
		    (b = strchr(p + 8, '[')) == NULL || b == p + 8 ||
		    (len = (size_t)(b - (p + 8))) + 2 >= sizeof target)
			continue;
		memcpy(target, p + 8, len + 1);
		target[len + 1] = '\0';
		for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)) != NULL; )
			if (x->kind == NODE_ASSIGN && x->line > a->line && x->name != NULL &&
			    strncmp(x->name, target, len + 1) == 0)
				return 1;
	}
	return 0;
}

/* True when call c sits in an `except` clause of fn that handles the
 * failure of something other than the database's answer: every type it
 * names is neither one a database write or commit may raise, nor a
 * generic root (catalog tc_commit_error_types), nor a lookup's miss
 * (sum_lookup_miss_types: `except Model.DoesNotExist: create(...)` is the
 * normal path of a get-or-create). `except WebPushException: delete the
 * expired subscription` writes only for the items a remote service
 * refused. */
static int in_failure_handler(const struct model *m, const struct node *fn, const struct node *c)
{
	const struct node *x;

	for (x = model_node(m, c->parent); x != NULL && x != fn && x->kind != NODE_FUNC &&
	     x->kind != NODE_MODULE; x = x->parent ? model_node(m, x->parent) : NULL) {
		if (x->kind != NODE_EXCEPT)
			continue;
		if (x->u.exc == NULL || x->u.exc->n_types == 0)
			return 0;
		for (uint32_t i = 0; i < x->u.exc->n_types; i++)
			if (x->u.exc->types[i] == NULL ||
			    catalog_match(catalog_get(m->lang, "tc_commit_error_types"), x->u.exc->types[i]) ||
			    catalog_match(catalog_get(m->lang, "sum_lookup_miss_types"), x->u.exc->types[i]))
				return 0;
		return 1;
	}
	return 0;
}

/* True when call c sits in a branch of fn that ends by returning an
 * error (where failures are values): `if !ok { markFailed(id); return nil,
 * fmt.Errorf(...) }`. A row written there is written on failure, not on
 * every call. */
static int on_failure_branch(const struct model *m, const struct node *fn, const struct node *c)
{
	const struct node *b, *prev = c, *last = NULL;
	char v[200];
	const char *res;

	if (c->parent == 0)
		return 0;
	if (!ep_errors_are_values(m))
		return in_failure_handler(m, fn, c);
	for (b = model_node(m, c->parent); b != NULL && b != fn && b->kind != NODE_IF &&
	     b->kind != NODE_ELSE && b->kind != NODE_FUNC;
	     prev = b, b = b->parent ? model_node(m, b->parent) : NULL)
		;
	/* the condition's own call (`if err := w(); err != nil`) runs
	 * whenever its if is reached: the branch around that if decides
	 * (`if err != nil { if err := cleanup(); err != nil { return err };
	 * return err }` cleans up on failure only) */
	while (b != NULL && b->kind == NODE_IF && (prev->flags & NF_HEADER) && b->parent != 0) {
		prev = b;
		for (b = model_node(m, b->parent); b != NULL && b != fn && b->kind != NODE_IF &&
		     b->kind != NODE_ELSE && b->kind != NODE_FUNC;
		     prev = b, b = b->parent ? model_node(m, b->parent) : NULL)
			;
	}
	if (b == NULL || (b->kind != NODE_IF && b->kind != NODE_ELSE) || (prev->flags & NF_HEADER))
		return 0;
	for (uint32_t k = b->first_child; k; k = m->nodes[k].next_sibling)
		last = &m->nodes[k];
	if (last == NULL || last->kind != NODE_RETURN || last->value.len == 0)
		return 0;
	span_copy(m, last->value, v, sizeof v);
	/* the last result: after the last comma outside brackets and quotes */
	res = v;
	for (int depth = 0, q = 0, i = 0; v[i]; i++) {
		if (q) {
			if (v[i] == '\\' && v[i + 1])
				i++;
			else if (v[i] == q)
				q = 0;
		} else if (v[i] == '"' || v[i] == '`' || v[i] == '\'') {
			q = v[i];
		} else if (v[i] == '(' || v[i] == '[' || v[i] == '{') {
			depth++;
		} else if (v[i] == ')' || v[i] == ']' || v[i] == '}') {
			depth--;
		} else if (v[i] == ',' && depth == 0) {
			res = v + i + 1;
		}
	}
	while (*res == ' ')
		res++;
	return !catalog_match(catalog_get(m->lang, "sum_nil_values"), res) &&
	       catalog_match(catalog_get(m->lang, "sum_error_words"), res);
}

/* True when block k (a statement or a clause) makes a bulk write
 * (catalog list bulk_apis). */
static int bulk_block(const struct model *m, const struct node *k)
{
	return (k->kind == NODE_CALL && sem_call_is(m, k, "bulk_apis")) ||
	       sem_contains_call(m, k, "bulk_apis");
}

/* True when call c sits on a per-object path beside a bulk one in fn
 * (SPEC 11, deliberate per-object writes "usually beside a bulk_*
 * path"): in an `except` of a `try` whose own block writes in bulk (the
 * rows are saved one by one only when the bulk statement failed), or in
 * one branch of an if/elif/else whose other branch writes in bulk (a
 * mode switch: `if mode == INSERT: bulk_create(...) else:
 * update_or_create(...)`, the caller's choice of path). A row written
 * there is not written per call. Only where the catalog names bulk
 * APIs. */
static int beside_bulk_path(const struct model *m, const struct node *fn, const struct node *c)
{
	const struct node *x, *prev = c;

	if (catalog_list_empty(catalog_get(m->lang, "bulk_apis")))
		return 0;
	for (x = c->parent ? model_node(m, c->parent) : NULL; x != NULL && prev != fn &&
	     (x == fn || (x->kind != NODE_FUNC && x->kind != NODE_MODULE)) && budget_step();
	     prev = x, x = x->parent ? model_node(m, x->parent) : NULL) {
		const struct node *k, *par;
		int chain = 0, mine = 0, bulk = 0;

		if (x->kind == NODE_TRY && prev->kind == NODE_EXCEPT) {
			for (k = x->first_child ? model_node(m, x->first_child) : NULL; k != NULL;
			     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
				if (k->kind != NODE_EXCEPT && k->kind != NODE_ELSE &&
				    k->kind != NODE_FINALLY && bulk_block(m, k))
					return 1;
			continue;
		}
		if ((prev->kind != NODE_IF && prev->kind != NODE_ELSE) || (prev->flags & NF_HEADER) ||
		    x->kind == NODE_TRY || x->kind == NODE_LOOP)
			continue;
		/* prev is a branch of a chain among x's children; the other
		 * branches of that chain */
		par = x;
		for (k = par->first_child ? model_node(m, par->first_child) : NULL; k != NULL;
		     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
			int cont = k->kind == NODE_ELSE || (k->kind == NODE_IF && (k->flags & NF_ELIF));

			if (!cont) {
				if (mine)
					break;
				chain = k->kind == NODE_IF;
				bulk = 0;
			}
			if (!chain)
				continue;
			if (k == prev)
				mine = 1;
			else if (bulk_block(m, k))
				bulk = 1;
		}
		if (mine && bulk)
			return 1;
	}
	return 0;
}

/* ---- pass 1: direct facts ---- */

/* A memoised function (`@lru_cache`, `@cache`, `@cached_property`) does
 * its work once per process, not per call: no fact passes through it. */
static int memoised(const struct model *m, const struct node *fn)
{
	const struct catalog_list *names = catalog_get(m->lang, "sum_memo_decorators");
	const struct func_info *fi = fn->u.func;

	for (uint32_t k = 0; fi && k < fi->n_decorators; k++) {
		char text[128], *paren, *dot;
		const char *last;

		span_copy(m, fi->decorators[k], text, sizeof text);
		if ((paren = strchr(text, '(')) != NULL)
			*paren = '\0';
		dot = strrchr(text, '.');
		last = dot ? dot + 1 : text;
		if (catalog_match(names, last))
			return 1;
	}
	return 0;
}

enum write_kind { WRITE_NONE, WRITE_PENDING, WRITE_IO };

/* True when text is a constructor call: a class named by its
 * capitalised last part, alone or through its module (`Job(...)`,
 * `models.Job(...)`, `ub.Thumbnail()`). A call on a value (`self.make()`,
 * `db.session.get(...)`) is not one. */
static int constructor_text(const char *text)
{
	const char *last = text, *p;

	for (p = text; *p != '\0' && *p != '('; p++) {
		if (*p == '.')
			last = p + 1;
		else if (!(isalnum((unsigned char)*p) || *p == '_'))
			return 0;
	}
	return *p == '(' && last < p && *last >= 'A' && *last <= 'Z';
}

/* True when `name` is assigned a constructor call (`job = Job(...)`,
 * `t = ub.Thumbnail()`) somewhere in fn: adding it stages a new row. */
static int assigned_new_object(const struct model *m, const struct node *fn, const char *name)
{
	for (const struct node *n = NULL; (n = model_walk(m, fn, n, 0)); ) {
		char text[64];

		if (n->kind != NODE_ASSIGN || n->name == NULL || strcmp(n->name, name) != 0)
			continue;
		span_copy(m, n->value, text, sizeof text);
		if (constructor_text(text))
			return 1;
	}
	return 0;
}

/* True when every assignment of local `name` in fn builds a new object
 * from keywords alone (`v = validators.TagValidator(data=item)`, `obj =
 * Tag(name=n)`, `v = serializer_class(data=item)`: a class by its
 * capitalised last part, or a keyword that hands a serializer new data,
 * catalog words sum_new_record_kwargs; no positional argument, no
 * keyword naming an existing row, sum_existing_row_kwargs): its save()
 * creates the row, an INSERT. `v.object`, the record such a validator
 * built (sum_new_record_attrs), is new too. */
static int built_for_insert(const struct model *m, const struct node *fn, const char *recv)
{
	char name[SEM_NAME_MAX];
	const char *dot = strchr(recv, '.');
	int seen = 0;

	if (dot != NULL && (strchr(dot + 1, '.') != NULL ||
			    !catalog_match(catalog_get(m->lang, "sum_new_record_attrs"), dot + 1)))
		return 0;
	snprintf(name, sizeof name, "%.*s", (int)(dot ? (size_t)(dot - recv) : strlen(recv)), recv);
	if (name[0] == '\0')
		return 0;
	for (const struct node *n = NULL; (n = model_walk(m, fn, n, 0)); ) {
		const struct node *c;
		const char *last;

		if (n->kind != NODE_ASSIGN || n->name == NULL || strcmp(n->name, name) != 0)
			continue;
		c = sem_first_call(m, n);
		if (c == NULL || c->u.call == NULL || c->u.call->name == NULL ||
		    !sem_call_is_whole(m, c, n->value))
			return 0;
		last = c->u.call->name;
		if (c->u.call->n_args == 0)
			return 0;
		for (size_t i = 0; i < c->u.call->n_args; i++) {
			const char *kw = c->u.call->args[i].name;

			if (kw == NULL ||
			    catalog_match(catalog_get(m->lang, "sum_existing_row_kwargs"), kw))
				return 0;
			if (catalog_match(catalog_get(m->lang, "sum_new_record_kwargs"), kw))
				seen = 2;
		}
		if (!(last[0] >= 'A' && last[0] <= 'Z') && seen != 2)
			return 0;
		seen = 1;
	}
	return seen;
}

/* The SQL verb of statement text or of a statement builder among c's
 * arguments (`session.execute(update(Job)...)`): SUM_DB_INSERT /
 * SUM_DB_UPDATE / SUM_DB_DELETE, or 0. */
static unsigned sql_row_fact(const struct model *m, const struct node *c)
{
	char sql[512], verb[16];

	for (const struct node *k = c->first_child ? model_node(m, c->first_child) : NULL;
	     k != NULL; k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
		if (k->kind != NODE_CALL)
			continue;
		if (sem_call_is(m, k, "sql_insert"))
			return SUM_DB_INSERT;
		if (sem_call_is(m, k, "sql_update"))
			return SUM_DB_UPDATE;
		if (sem_call_is(m, k, "sql_delete"))
			return SUM_DB_DELETE;
	}
	/* a statement queued into a batch (`batch.Queue("INSERT ...")`, the
	 * catalog's batch_queue_methods) is sent with the others by one call
	 * after the loop: that call is the round trip, not the queueing */
	if (c->u.call->name != NULL &&
	    catalog_match(catalog_get(m->lang, "batch_queue_methods"), c->u.call->name))
		return 0;
	if (sem_sql_arg(m, c, sql, sizeof sql) == NULL)
		return 0;
	sem_sql_verb(sql, verb, sizeof verb);
	/* a log line that starts with the word: `log.Error("Update Comment
	 * error: ", err)` names no table and sets nothing */
	if (sem_sql_prose(m, c, sql, verb))
		return 0;
	return catalog_match(catalog_get(m->lang, "sum_sql_insert_verbs"), verb) ? SUM_DB_INSERT :
	       catalog_match(catalog_get(m->lang, "sum_sql_update_verbs"), verb) ? SUM_DB_UPDATE :
	       catalog_match(catalog_get(m->lang, "sum_sql_delete_verbs"), verb) ? SUM_DB_DELETE : 0;
}

/* Whether call c of fn writes rows: a session's add/delete/merge only
 * stage changes (WRITE_PENDING: no I/O yet); commit/flush/bulk calls,
 * Django save()/delete()/objects.create/update and SQL text that inserts,
 * updates or deletes talk to the database (WRITE_IO). *row gets the
 * per-row write facts (SUM_DB_INSERT...): one row per call, not a
 * set-based or bulk statement. */
/* A method named like a record's save() (`doc.save()`) writes a row only
 * where the stack has an ORM whose records save themselves: a canvas
 * context's `ctx.save()` in front-end code is no database write. A
 * language without the catalog list (Django's `obj.save()`) keeps the
 * name rule. */
static int record_saves_write(const struct project *p, enum lang lang)
{
	return catalog_list_empty(catalog_get(lang, "sum_record_save_orms")) ||
	       sem_stack_in(p, lang, "sum_record_save_orms");
}

static enum write_kind writes_rows(const struct project *p, const struct model *m,
				   const struct node *fn, const struct node *c, unsigned *row)
{
	char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX], text[1024];
	const char *name = c->u.call->name;
	enum write_kind wk = WRITE_NONE;

	*row = 0;
	sem_callee(m, c, callee, sizeof callee);
	sem_receiver_name(callee, recv, sizeof recv);
	if (sem_is_session_name(m->lang, recv)) {
		if (catalog_match(catalog_get(m->lang, "sum_session_staged"), name)) {
			char arg[64];

			/* session.add(Job(...)) or job = Job(...); session.add(job) */
			arg[0] = '\0';
			if (c->u.call->n_args == 1 && c->u.call->args[0].name == NULL)
				span_copy(m, c->u.call->args[0].expr, arg, sizeof arg);
			if (catalog_match(catalog_get(m->lang, "sum_staged_deletes"), name) &&
			    arg[0] != '\0')
				*row = SUM_DB_DELETE;
			else if (catalog_match(catalog_get(m->lang, "sum_staged_adds"), name) &&
				 (constructor_text(arg) ||
				  (arg[0] != '\0' && assigned_new_object(m, fn, arg))))
				*row = SUM_DB_INSERT;
			return WRITE_PENDING;
		}
		if (catalog_match(catalog_get(m->lang, "sum_session_writes"), name))
			return WRITE_IO;
	}
	/* an ORM manager's or a model's write; its name says the row fact */
	if ((catalog_match(catalog_get(m->lang, "sum_orm_managers"), callee) ||
	     (catalog_match(catalog_get(m->lang, "sum_orm_saves"), name) &&
	      record_saves_write(p, m->lang))) &&
	    catalog_match(catalog_get(m->lang, "sum_orm_writes"), name)) {
		wk = WRITE_IO;
		*row = catalog_match(catalog_get(m->lang, "sum_bulk_words"), name) ? 0 :
		       catalog_match(catalog_get(m->lang, "sum_create_words"), name) &&
		       !catalog_match(catalog_get(m->lang, "sum_update_words"), name) ?
		       SUM_DB_INSERT :
		       catalog_match(catalog_get(m->lang, "sum_delete_words"), name) ?
		       SUM_DB_DELETE : SUM_DB_UPDATE;
		char path[SEM_NAME_MAX];

		if (*row == SUM_DB_UPDATE && fn != NULL &&
		    catalog_match(catalog_get(m->lang, "sum_orm_saves"), name) &&
		    built_for_insert(m, fn, sem_receiver_path(c->u.call->callee, path,
							      sizeof path)))
			*row = SUM_DB_INSERT;
	}
	if (wk == WRITE_NONE) {
		struct db_op_info oi;
		enum db_op op = db_call_op(m, c, &oi);

		if (db_op_writes(op) || op == DB_OP_BULK) {
			wk = WRITE_IO;
			*row = op == DB_OP_INSERT ? SUM_DB_INSERT :
			       op == DB_OP_DELETE ? SUM_DB_DELETE :
			       op == DB_OP_UPDATE || op == DB_OP_UPSERT ? SUM_DB_UPDATE : 0;
		}
	}
	if (wk == WRITE_NONE && (*row = sql_row_fact(m, c)) != 0)
		wk = WRITE_IO;
	/* `WHERE id IN (...)`, `= ANY($1)`, `.in_(ids)`: the set at once */
	if (*row != 0 && sem_text_set_based(sem_node_text(m, c, text, sizeof text)))
		*row = 0;
	return wk;
}

/* The facts of one call made directly in FUNC fn. */
static unsigned direct_facts(const struct audit_input *in, const struct model *m,
			     const struct node *fn, const struct node *c)
{
	unsigned facts = 0, row = 0;
	enum write_kind wk;
	struct qe_read r;

	if (c->u.call == NULL || c->u.call->name == NULL || (c->flags & NF_DECORATOR))
		return 0;
	/* executing a read; a select() that is only built reads nothing */
	if (qe_read_call(in, m, fn, c, &r))
		facts |= SUM_DB_READ;
	/* iterating a project function's queryset runs it */
	else if (qe_call_iterated(m, c) && qe_call_returns_queryset(in, m, c))
		facts |= SUM_DB_READ;
	if (catalog_match_call(catalog_get(m->lang, "unbatchable_side_effects"), m, c))
		facts |= SUM_SIDE_EFFECT;
	if ((wk = writes_rows(in->proj, m, fn, c, &row)) != WRITE_NONE)
		facts |= SUM_DB_WRITE | row;
	if (sem_session_call(m, c, "db_commit"))
		facts |= SUM_COMMITS;
	if (!(fn->flags & NF_ASYNC) && !sem_offloaded(m, c)) {
		const struct front_end *fe = lang_get(m->lang);

		/* in a synchronous def, database I/O is synchronous too
		 * (where the language's drivers block); staging a change
		 * (session.add) does none */
		if (rp_call_blocks(in, m, c) ||
		    (fe != NULL && fe->traits.sync_io_blocks &&
		     ((facts & SUM_DB_READ) || wk == WRITE_IO)))
			facts |= SUM_BLOCKING;
		if (rp_cpu_call(m, c))
			facts |= SUM_CPU;
	}
	return facts;
}

static void add_edge(struct file_sums *fs, uint32_t caller, uint32_t call,
		     const struct func_ref *cand, size_t n)
{
	struct edge *e;

	XGROW(fs->edges, fs->cap_edges, fs->n_edges + 1);
	e = &fs->edges[fs->n_edges++];
	e->caller = caller;
	e->call = call;
	e->first = (uint32_t)fs->n_refs;
	e->count = (uint32_t)n;
	e->facts = 0;
	e->on_failure = 0;
	e->detached = 0;
	e->in_loop = 0;
	e->in_row_loop = 0;
	XGROW(fs->refs, fs->cap_refs, fs->n_refs + n);
	memcpy(fs->refs + fs->n_refs, cand, n * sizeof *cand);
	fs->n_refs += n;
}

static int edge_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct edge *)a)->call, y = ((const struct edge *)b)->call;
	return x < y ? -1 : x > y;
}

/* The edge of call node index call in file fi, or NULL. */
static const struct edge *edge_at(const struct summaries *s, size_t fi, uint32_t call)
{
	const struct file_sums *fs = &s->files[fi];
	size_t lo = 0, hi = fs->n_edges;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (fs->edges[mid].call < call)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < fs->n_edges && fs->edges[lo].call == call ? &fs->edges[lo] : NULL;
}

/* True when call q of file fi hands its function argument to a job
 * queue of a library (catalog queued_dispatchers): a package function, or
 * a method of a receiver whose declared type, qualified through the
 * imports of the file that declares it, is the library's
 * (`s.jobs.Dispatch` with `jobs *artifex.Dispatcher`). A type of the
 * project, or one whose package is not known, is no queue. */
static int queued_job(const struct summaries *s, size_t fi, const struct node *q)
{
	const struct model *m = s->p->files[fi].model;
	const struct catalog_list *l = catalog_get(m->lang, "queued_dispatchers");
	char type[160], qual[300], resolved[512];
	const char *t, *meth;
	uint32_t df;

	if (catalog_list_empty(l) || q->u.call == NULL)
		return 0;
	if (sem_call_is(m, q, "queued_dispatchers"))
		return 1;
	if ((meth = strrchr(q->u.call->callee, '.')) == NULL ||
	    receiver_go_chain_type(s->p, s->classes, fi, q, type, sizeof type, &df) == NULL)
		return 0;
	for (t = type; *t == ' ' || *t == '*'; t++)
		;
	snprintf(qual, sizeof qual, "%s%s", t, meth);
	model_resolve(s->p->files[df].model, qual, resolved, sizeof resolved);
	return catalog_match(l, resolved);
}

/* True when call c is fn's own work: in its body, or in a lambda or
 * arrow function written there (`xs.map(async (x) => helper(x))` runs
 * as part of fn; a nested def or class is a scope of its own). 2 for a
 * call of a request handler written inline in fn: known, not fn's. */
static int own_work(const struct summaries *s, size_t fi, const struct node *fn,
		    const struct node *c)
{
	const struct model *m = s->p->files[fi].model;
	const struct node *f = model_enclosing_func(m, c);

	int detached = 0;

	while (f != NULL && f != fn) {
		if (!(f->flags & NF_LAMBDA) || !budget_step())
			return 0;
		/* a request handler written inline (`router.Get("/x", func(c
		 * *fiber.Ctx) error {...})`) runs per request, later: its
		 * calls are known (their edges) but no work of the function
		 * registering it */
		if (f->u.func != NULL && (f->u.func->role & ROLE_HANDLER) &&
		    !(fn->u.func != NULL && (fn->u.func->role & ROLE_HANDLER)))
			detached = 1;
		/* a job handed to a work queue (`q.Dispatch(func() {...})`)
		 * runs later, on the queue's workers: not fn's own work */
		if (f->parent != 0 && model_node(m, f->parent)->kind == NODE_CALL &&
		    queued_job(s, fi, model_node(m, f->parent)))
			return 0;
		f = model_enclosing_func(m, f);
	}
	return f == fn ? 1 + detached : 0;
}

/* True when call c runs per item of a loop over rows in fn's own body:
 * not a small literal, not chunks or retries (semantic.h). */
static int in_own_row_loop(const struct model *m, const struct node *fn, const struct node *c)
{
	for (const struct node *l = model_enclosing_loop(m, c); l != NULL && model_is_within(m, l, fn) &&
	     model_enclosing_func(m, l) == fn; l = model_enclosing_loop(m, l)) {
		if (sem_loop_not_per_row(m, l))
			return 0;
		if (!(l->flags & (NF_SMALL_LITERAL | NF_COMPREHENSION)))
			return 1;
	}
	return 0;
}

/* True when call c runs inside a loop of fn's own body. */
static int in_own_loop(const struct model *m, const struct node *fn, const struct node *c)
{
	const struct node *l = model_ancestor(m, c, NODE_LOOP);

	return l != NULL && model_is_within(m, l, fn) && model_enclosing_func(m, l) == fn;
}

/* True when `recv.save()`-style call c (a record's save by name, catalog
 * sum_orm_saves) is no record's save: its receiver is bound by a `with
 * ... as recv` (a document or archive a library opened: no ORM record is a
 * context manager), or the project's classes resolve the call to a method
 * of a class that is no ORM model (a cache object's own `save()`); that
 * method's own facts come through its call edge. */
static int save_not_record(const struct summaries *s, uint32_t fi, const struct model *m,
			   const struct node *c)
{
	const struct call_info *ci = c->u.call;
	struct func_ref out;
	size_t rl;

	if (ci == NULL || ci->name == NULL || ci->callee == NULL ||
	    !catalog_match(catalog_get(m->lang, "sum_orm_saves"), ci->name))
		return 0;
	/* Django's Model.save()/delete() take keywords only: a save with a
	 * positional argument (an image encoded into a buffer, `img.save(buf,
	 * fmt)`) is another object's, as n_update_delete_loop already reads a
	 * direct call */
	if (sem_db_stack(s->p) == SEM_DJANGO) {
		int positional = 0, row_flag = 0;

		for (size_t i = 0; i < ci->n_args; i++) {
			if (ci->args[i].name == NULL) /* "*" for *args: passed on */
				positional = 1;
			/* a file field's save(name, content, save=True) saves its row */
			else if (catalog_match(catalog_get(m->lang, "sum_orm_saves"), ci->args[i].name))
				row_flag = 1;
		}
		if (positional && !row_flag)
			return 1;
	}
	rl = strlen(ci->callee) - strlen(ci->name);
	if (rl > 1 && ci->callee[rl - 1] == '.' && strncmp(ci->callee + rl, ci->name, strlen(ci->name)) == 0) {
		for (const struct node *w = model_ancestor(m, c, NODE_WITH); w != NULL;
		     w = model_ancestor(m, w, NODE_WITH))
			for (uint32_t i = 0; i < w->n_items; i++)
				if (w->u.items[i].name != NULL &&
				    strlen(w->u.items[i].name) == rl - 1 &&
				    strncmp(w->u.items[i].name, ci->callee, rl - 1) == 0)
					return 1;
	}
	if (s->classes != NULL && s->p->index != NULL &&
	    receiver_method(s->p, s->classes, fi, c, &out) && out.file < s->p->n_files) {
		const struct model *om = s->p->files[out.file].model;
		const struct node *cls = om ? model_ancestor(om, model_node(om, out.node), NODE_CLASS) : NULL;

		return cls != NULL && cls->name != NULL &&
		       index_model_named(s->p->index, cls->name) == NULL;
	}
	return 0;
}

/* True when fn has a summary of its own: a named function, or a
 * function literal outside any function whose module-level statement
 * binds a name (a handler built by a chain: `export const act =
 * client.action(async (x) => {...})`), whose calls would otherwise belong
 * to no summary. A literal inside a function is part of that function's
 * work; one handed to a call at module level (`process.nextTick(async ()
 * => ...)`) runs at startup and keeps none. */
static int summary_unit(const struct model *m, const struct node *fn)
{
	const struct node *top = fn;

	if (fn->kind != NODE_FUNC)
		return 0;
	if (!(fn->flags & NF_LAMBDA))
		return 1;
	if (model_enclosing_func(m, fn) != NULL)
		return 0;
	while (top->parent != 0)
		top = model_node(m, top->parent);
	return top != fn && top->kind == NODE_ASSIGN;
}

/* True when fn answers from a lookup before its work: `if v, ok :=
 * srv.cache.Get(k); ok { return v }`, `if _, ok := loaded.Load(id); ok`
 * (a comma-ok test anywhere in fn, whatever it looks up). */
static int hit_guarded(const struct model *m, const struct node *fn)
{
	for (const struct node *a = NULL; (a = model_walk(m, fn, a, 0)) != NULL && budget_step(); ) {
		char cond[256];

		if (a->kind != NODE_IF)
			continue;
		span_copy(m, a->text.len ? a->text : a->value, cond, sizeof cond);
		if (strstr(cond, ", ok :=") != NULL || strstr(cond, ", ok =") != NULL)
			return 1;
	}
	return 0;
}

/* True when fn's whole body is `return x.m(...)`: it adds no work, and
 * no cache, of its own to the call it forwards. */
static int forwards_one_call(const struct model *m, const struct node *fn)
{
	const struct node *r;

	if (fn->first_child == 0)
		return 0;
	r = model_node(m, fn->first_child);
	return r->next_sibling == 0 && r->kind == NODE_RETURN && r->first_child != 0 &&
	       model_node(m, r->first_child)->kind == NODE_CALL;
}

static void file_direct(struct summaries *s, const struct audit_input *in, uint32_t fi)
{
	const struct model *m = s->p->files[fi].model;
	struct file_sums *fs = &s->files[fi];
	struct func_ref cand[SUMMARY_MAX_CANDIDATES];
	uint32_t i, k;

	for (i = 0; i < m->n_nodes; i++)
		if (summary_unit(m, &m->nodes[i]))
			fs->n++;
	fs->f = xcalloc(fs->n ? fs->n : 1, sizeof *fs->f);
	fs->wits = xcalloc((fs->n ? fs->n : 1) * (size_t)SUM_N_FACTS, sizeof *fs->wits);
	for (i = 0, k = 0; i < m->n_nodes; i++) {
		const struct node *fn = &m->nodes[i];
		struct func_sum *sum;

		if (!summary_unit(m, fn))
			continue;
		sum = &fs->f[k];
		sum->node = i;
		sum->wit = &fs->wits[(size_t)k * SUM_N_FACTS];
		for (unsigned b = 0; b < SUM_N_FACTS; b++)
			sum->wit[b].file = UINT32_MAX;
		for (const struct node *c = NULL; (c = model_walk(m, fn, c, 1)); ) {
			unsigned f;
			int own;

			if (c->kind != NODE_CALL || (own = own_work(s, fi, fn, c)) == 0)
				continue;
			f = own == 2 ? 0 : direct_facts(in, m, fn, c);
			if ((f & SUM_DB_WRITE) && save_not_record(s, fi, m, c))
				f &= ~(unsigned)(SUM_DB_WRITE | SUM_ROW_WRITES);
			if ((f & SUM_ROW_WRITES) &&
			    (on_failure_branch(m, fn, c) || beside_bulk_path(m, fn, c)))
				f &= ~(unsigned)SUM_ROW_WRITES;
			/* a chain of rows, each naming the previous one's key
			 * (folders of a path created in turn): no per-row
			 * write a bulk statement could replace */
			if (f & SUM_DB_INSERT) {
				const struct node *lp = model_enclosing_loop(m, c);

				if (lp != NULL && model_is_within(m, lp, fn) &&
				    qe_insert_feeds_next(m, lp, c))
					f &= ~(unsigned)SUM_ROW_WRITES;
			}
			/* the first call with each fact is its witness */
			for (unsigned b = 0; b < SUM_N_FACTS; b++)
				if ((f & ~sum->facts & (1u << b)) != 0) {
					sum->wit[b].file = fi;
					sum->wit[b].node = (uint32_t)(c - m->nodes);
				}
			sum->facts |= (uint16_t)f;
			{
				int iface = 0;
				size_t nc = candidates(s, fi, c, cand, &iface);
				if (nc > 0) {
					add_edge(fs, k, (uint32_t)(c - m->nodes), cand, nc);
					fs->edges[fs->n_edges - 1].writes_only = (uint8_t)iface;
					fs->edges[fs->n_edges - 1].iface_single =
						(uint8_t)(iface && nc == 1);
					fs->edges[fs->n_edges - 1].on_failure =
						(uint8_t)(on_failure_branch(m, fn, c) ||
							  beside_bulk_path(m, fn, c));
					fs->edges[fs->n_edges - 1].in_loop =
						(uint8_t)in_own_loop(m, fn, c);
					fs->edges[fs->n_edges - 1].in_row_loop =
						(uint8_t)in_own_row_loop(m, fn, c);
					fs->edges[fs->n_edges - 1].once =
						(uint8_t)index_once_call(m, c);
					fs->edges[fs->n_edges - 1].detached = (uint8_t)(own == 2);
				}
			}
		}
		/* its own facts only, so far */
		sum->reads_plainly = (uint8_t)(((sum->facts & SUM_DB_READ) &&
						!hit_guarded(m, fn)) || forwards_one_call(m, fn));
		if (cached_per_key(m, fn)) {
			sum->per_key = 1;
			sum->facts &= (uint16_t)~SUM_ROW_WRITES;
		}
		if (memoised(m, fn)) {
			/* cached: no blocking work per call; reads stay known so
			 * a loop over what it returns is still a loop over rows */
			sum->reads_plainly = 0;
			sum->facts = (uint16_t)((sum->facts & ~(SUM_BLOCKING | SUM_CPU)) |
						SUM_MEMOISED);
		}
		k++;
	}
}

/* ---- pass 2: propagation ---- */

/* The witness of fact in sum. */
static struct summary_witness witness_of(const struct func_sum *t, unsigned fact)
{
	unsigned b = 0;

	/* the lowest bit of fact that t has names it */
	while (b + 1 < SUM_N_FACTS && !(fact & t->facts & (1u << b)))
		b++;
	if (t->packed)
		return t->wit[__builtin_popcount(wit_kept(t) & ((1u << b) - 1))];
	return t->wit[b];
}

/* Whether every definition edge e reaches has fact; fills *w. */
static int reaches(const struct file_sums *fs, const struct edge *e, unsigned fact,
		   struct summary_witness *w)
{
	for (uint32_t i = 0; i < e->count; i++) {
		const struct func_sum *t = fs->targets[e->first + i];
		if (t == NULL || !(t->facts & fact))
			return 0;
	}
	if (w != NULL && e->count > 0)
		*w = witness_of(fs->targets[e->first], fact);
	return e->count > 0;
}

/* What an edge resolved through an interface passes on (see candidates). */
#define IFACE_PASSED (SUM_DB_WRITE | SUM_ROW_WRITES | SUM_COMMITS | SUM_SIDE_EFFECT)

/* Whether an edge through an interface passes reads too: its one
 * implementation reads itself with no cache-hit test before, or only
 * forwards one call (`return srv.repository.GetLatest(user)`), which
 * passes reads by the same rule. A service with a cache of its own
 * (`srv.cache.Get`, a map loaded once per user) or any other work
 * keeps the edge writes-only. */
static int iface_reads(const struct file_sums *fs, const struct edge *e)
{
	const struct func_sum *t;

	return e->iface_single && e->count == 1 &&
	       (t = fs->targets[e->first]) != NULL && t->reads_plainly;
}

static int propagate_round(struct summaries *s)
{
	static const unsigned passed[] = { SUM_DB_READ, SUM_COMMITS, SUM_DB_WRITE,
					   SUM_DB_INSERT, SUM_DB_UPDATE, SUM_DB_DELETE,
					   SUM_SIDE_EFFECT };
	int changed = 0;

	for (size_t fi = 0; fi < s->p->n_files; fi++) {
		const struct file_sums *fs = &s->files[fi];
		const struct model *m = s->p->files[fi].model;

		for (size_t e = 0; e < fs->n_edges; e++) {
			const struct edge *ed = &fs->edges[e];
			const struct node *c = &m->nodes[ed->call];
			struct func_sum *sum = &fs->f[ed->caller];
			const struct node *fn = &m->nodes[sum->node];
			struct summary_witness w;

			if (ed->detached)
				continue;
			for (size_t k = 0; k < sizeof passed / sizeof passed[0]; k++) {
				if ((sum->per_key || ed->on_failure) && (passed[k] & SUM_ROW_WRITES))
					continue;
				/* a file removed per child is no file paired with the
				 * caller's own row: the caller's writes stay plain */
				if (ed->in_loop && passed[k] == SUM_SIDE_EFFECT)
					continue;
				if (ed->writes_only && (passed[k] & ~IFACE_PASSED) &&
				    !(passed[k] == SUM_DB_READ && iface_reads(fs, ed)))
					continue;
				/* rows a helper writes per item of its own loop are
				 * that loop's finding; a caller's loop around the
				 * helper (one sync per source) is not a second one */
				if (ed->in_row_loop && (passed[k] & SUM_ROW_WRITES))
					continue;
				/* a read behind a memoised helper (`get_config(key)`
				 * wrapping `@cache.memoize() _get_config`) runs once
				 * per key, not once per call of the wrapper */
				if (passed[k] == SUM_DB_READ && reaches(fs, ed, SUM_MEMOISED, NULL))
					continue;
				if (!(sum->facts & passed[k]) && reaches(fs, ed, passed[k], &w)) {
					sum->facts |= (uint16_t)passed[k];
					sum->wit[__builtin_ctz(passed[k])] = w;
					changed = 1;
				}
			}
			/* a synchronous def that calls a blocking (or CPU-bound)
			 * helper synchronously blocks (or computes) too, unless
			 * the call is one-time setup (`if _log is None: _log =
			 * configure()`): it blocks once per process, not per call */
			for (unsigned bit = SUM_BLOCKING; bit != 0 && !ed->writes_only && !ed->once;
			     bit = bit == SUM_BLOCKING ? SUM_CPU : 0)
				if (!(sum->facts & (bit | SUM_MEMOISED)) && !(fn->flags & NF_ASYNC) &&
				    !(c->flags & NF_AWAITED) && !sem_offloaded(m, c) &&
				    reaches(fs, ed, bit, &w)) {
					sum->facts |= (uint16_t)bit;
					sum->wit[__builtin_ctz(bit)] = w;
					changed = 1;
				}
		}
	}
	return changed;
}

/* After pass 1: edges sorted by call, targets resolved to summaries. */
static void resolve_targets(struct summaries *s)
{
	for (size_t fi = 0; fi < s->p->n_files; fi++) {
		struct file_sums *fs = &s->files[fi];

		if (fs->n_edges > 1)
			xqsort(fs->edges, fs->n_edges, sizeof *fs->edges, edge_cmp);
		fs->targets = xcalloc(fs->n_refs ? fs->n_refs : 1, sizeof *fs->targets);
		for (size_t i = 0; i < fs->n_refs; i++)
			fs->targets[i] = sum_at(s, fs->refs[i].file, fs->refs[i].node);
	}
}

/* After propagation: each edge's facts, all its targets agreeing. */
static void edge_facts(struct summaries *s)
{
	for (size_t fi = 0; fi < s->p->n_files; fi++) {
		struct file_sums *fs = &s->files[fi];

		for (size_t e = 0; e < fs->n_edges; e++) {
			struct edge *ed = &fs->edges[e];
			unsigned facts = ~0u;

			for (uint32_t i = 0; i < ed->count; i++)
				facts &= fs->targets[ed->first + i] ? fs->targets[ed->first + i]->facts : 0;
			if (ed->writes_only)
				facts &= IFACE_PASSED | (iface_reads(fs, ed) ? SUM_DB_READ : 0u);
			ed->facts = (uint16_t)(ed->count ? facts : 0);
		}
	}
}

/* After propagation: each file keeps only the witnesses witness_of can
 * still return (struct func_sum), the facts being final. */
static void pack_witnesses(struct summaries *s)
{
	for (size_t fi = 0; fi < s->p->n_files; fi++) {
		struct file_sums *fs = &s->files[fi];
		struct summary_witness *w;
		size_t total = 0, o = 0;

		if (fs->n == 0) {
			free(fs->wits);
			fs->wits = NULL;
			continue;
		}
		for (uint32_t k = 0; k < fs->n; k++)
			total += (size_t)__builtin_popcount(wit_kept(&fs->f[k]));
		w = xmalloc(total * sizeof *w);
		for (uint32_t k = 0; k < fs->n; k++) {
			struct func_sum *t = &fs->f[k];
			unsigned kept = wit_kept(t);

			for (unsigned b = 0; b < SUM_N_FACTS; b++)
				if (kept & (1u << b))
					w[o++] = t->wit[b];
			t->wit = w + o - __builtin_popcount(kept);
			t->packed = 1;
		}
		free(fs->wits);
		fs->wits = w;
	}
}

static int model_file_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct model_file *)a)->m;
	uintptr_t y = (uintptr_t)((const struct model_file *)b)->m;

	return x < y ? -1 : x > y;
}

/* Pass 1 shared by threads: each takes the next file. */
struct direct_job {
	struct summaries *s;
	const struct project *p;
	struct progress *progress;
	atomic_uint next;
};

static void *direct_worker(void *arg)
{
	struct direct_job *j = arg;
	struct audit_input in = { .proj = j->p, .sum = NULL, .progress = j->progress,
				  .slot = NULL, .audit = audit_context_new() };

	for (;;) {
		uint32_t fi = atomic_fetch_add(&j->next, 1);
		const struct model *m;
		struct budget b;

		if (fi >= j->p->n_files || (j->progress && progress_cancelled(j->progress)))
			break;
		if ((m = j->p->files[fi].model) == NULL)
			continue;
		/* hostile files: a linear bound; facts cut short are only
		 * facts not known, and unknown means silence */
		memset(&b, 0, sizeof b);
		b.left = 500000u + 16u * (uint64_t)m->n_nodes;
		b.max_depth = 128;
		b.cancel = j->progress ? &j->progress->cancel : NULL;
		budget_active = &b;
		/* the data-layer gates read the file's own stack */
		auditor_enter_file(j->p, fi);
		file_direct(j->s, &in, fi);
		auditor_leave_file();
		budget_active = NULL;
	}
	audit_context_free(in.audit);
	return NULL;
}

struct summaries *summaries_build(const struct project *p, struct progress *progress, int jobs)
{
	struct summaries *s = xcalloc(1, sizeof *s);
	int round;

	s->p = p;
	s->files = xcalloc(p->n_files ? p->n_files : 1, sizeof *s->files);
	s->by_model = xcalloc(p->n_files ? p->n_files : 1, sizeof *s->by_model);
	for (uint32_t fi = 0; fi < p->n_files; fi++) {
		s->by_model[fi].m = p->files[fi].model;
		s->by_model[fi].fi = fi;
	}
	xqsort(s->by_model, p->n_files, sizeof *s->by_model, model_file_cmp);
	collect_roots(s);
	collect_module_prefixes(s);
	collect_workspace_packages(s);
	collect_stems(s);
	s->classes = class_table_build(p);
	{
		/* pass 1 is per file: the threads share the files */
		struct direct_job job = { s, p, progress, 0 };
		int n = jobs > 1 ? (jobs > 4 ? 4 : jobs) : 1, started = 0;
		pthread_t th[4];

		for (int i = 1; i < n; i++)
			if (pthread_create(&th[started], NULL, direct_worker, &job) == 0)
				started++;
		direct_worker(&job);
		for (int i = 0; i < started; i++)
			pthread_join(th[i], NULL);
	}
	resolve_targets(s);
	for (round = 0; round < SUMMARY_ROUNDS && propagate_round(s); round++)
		;
	edge_facts(s);
	pack_witnesses(s);
	return s;
}

void summaries_free(struct summaries *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->p->n_files; i++) {
		free(s->files[i].f);
		free(s->files[i].wits);
		free(s->files[i].edges);
		free(s->files[i].refs);
		free(s->files[i].targets);
	}
	free(s->files);
	free(s->by_model);
	class_table_free(s->classes);
	for (size_t i = 0; i < s->n_roots; i++)
		free(s->roots[i]);
	free(s->roots);
	for (size_t i = 0; i < LANG_COUNT; i++) {
		for (size_t k = 0; k < s->n_module_roots[i]; k++) {
			free(s->module_roots[i][k].prefix);
			free(s->module_roots[i][k].dir);
		}
		free(s->module_roots[i]);
	}
	for (size_t i = 0; i < s->n_pkgs; i++) {
		free(s->pkgs[i].name);
		free(s->pkgs[i].dir);
	}
	free(s->pkgs);
	for (size_t i = 0; s->stems != NULL && i < s->p->n_files; i++)
		free(s->stems[i]);
	free(s->stems);
	free(s->by_stem);
	free(s);
}

unsigned summary_facts(const struct summaries *s, size_t fi, const struct node *fn)
{
	const struct model *m;
	const struct func_sum *t;

	if (s == NULL || fi >= s->p->n_files || (m = s->p->files[fi].model) == NULL)
		return 0;
	t = sum_at(s, fi, (uint32_t)(fn - m->nodes));
	return t ? t->facts : 0;
}

int summary_call_has(const struct summaries *s, const struct project *p, size_t fi,
		     const struct node *c, unsigned fact, struct summary_witness *w)
{
	const struct model *m;
	const struct edge *e;

	(void)p;
	if (s == NULL || c == NULL || c->kind != NODE_CALL || fi >= s->p->n_files ||
	    (m = s->p->files[fi].model) == NULL ||
	    (e = edge_at(s, fi, (uint32_t)(c - m->nodes))) == NULL || !(e->facts & fact))
		return 0;
	if (w != NULL)
		*w = witness_of(s->files[fi].targets[e->first], fact);
	return 1;
}

const struct class_table *summary_classes(const struct summaries *s)
{
	return s != NULL ? s->classes : NULL;
}

int summary_call_target(const struct summaries *s, size_t fi, const struct node *c,
			struct func_ref *out)
{
	const struct model *m;
	const struct edge *e;

	if (s == NULL || c == NULL || c->kind != NODE_CALL || fi >= s->p->n_files ||
	    (m = s->p->files[fi].model) == NULL ||
	    (e = edge_at(s, fi, (uint32_t)(c - m->nodes))) == NULL || e->count != 1 ||
	    e->writes_only)
		return 0;
	*out = s->files[fi].refs[e->first];
	return 1;
}

unsigned summary_call_facts(const struct summaries *s, size_t fi, const struct node *c)
{
	const struct model *m;
	const struct edge *e;

	if (s == NULL || c == NULL || c->kind != NODE_CALL || fi >= s->p->n_files ||
	    (m = s->p->files[fi].model) == NULL ||
	    (e = edge_at(s, fi, (uint32_t)(c - m->nodes))) == NULL)
		return 0;
	return e->facts;
}

unsigned summary_model_call_facts(const struct summaries *s, const struct model *m,
				  const struct node *c)
{
	size_t lo = 0, hi;

	if (s == NULL || m == NULL)
		return 0;
	hi = s->p->n_files;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((uintptr_t)s->by_model[mid].m < (uintptr_t)m)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == s->p->n_files || s->by_model[lo].m != m)
		return 0;
	return summary_call_facts(s, s->by_model[lo].fi, c);
}
