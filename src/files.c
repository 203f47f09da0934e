/* File enumeration and classification. */
#include "files.h"
#include "catalog.h"
#include "git.h"
#include "lang/lang.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const vendored_dirs[] = {
	"node_modules", ".venv", "venv", "site-packages", "vendor", "dist", "build",
	".git", ".tox", ".nox", "__pycache__", ".mypy_cache", ".pytest_cache",
	"third_party", ".eggs", NULL
};

/* Names that are build output in one project and a source package in
 * another (a real `features/build/` package): skipped only when the folder
 * holds no Python source of its own. */
static int ambiguous_vendored(const char *name)
{
	return strcmp(name, "build") == 0 || strcmp(name, "dist") == 0;
}

/* True when one '/'-separated component of path equals name. */
static int has_component(const char *path, const char *name)
{
	size_t n = strlen(name);
	const char *p = path;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == path || p[-1] == '/') && (p[n] == '/' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

const struct front_end *files_front_end(const char *root, const char *relpath)
{
	const struct front_end *fe = lang_for_path(relpath);
	const char *base = base_name(relpath);
	char head[128], *abs;
	long n;

	if (fe != NULL || strchr(base, '.') != NULL)
		return fe;
	/* an extensionless script: its #! line names the language */
	abs = fs_join(root, relpath);
	n = fs_read_head(abs, head, sizeof head);
	free(abs);
	return n > 2 ? lang_for_shebang(head, (size_t)n) : NULL;
}

int files_glob_match(const char *pattern, const char *relpath)
{
	size_t pl = strlen(pattern);

	if (fnmatch(pattern, relpath, 0) == 0)
		return 1;
	/* a directory pattern covers everything under it */
	while (pl > 0 && pattern[pl - 1] == '/')
		pl--;
	if (pl > 0 && strncmp(pattern, relpath, pl) == 0 && relpath[pl] == '/')
		return 1;
	/* "**" / patterns without '/' also match the base name */
	if (strchr(pattern, '/') == NULL && fnmatch(pattern, base_name(relpath), 0) == 0)
		return 1;
	return 0;
}

/* A developer's fake-data script (populate.py, seed_demo.py, fake_users.py)
 * at the top of the tree or under scripts/ / bin/ / tools/: it fills a
 * database with test data, so like fixtures it gets no findings. Inside
 * a package the same names are application code (seeders run at start),
 * except for an operator command (Django's management/commands/) whose
 * name says it makes dummy, fake or sample data: `dummy-generator-users.py`
 * and `sample_data.py` are fixture generators wherever the framework wants
 * them to live (a `populate_searchdb` command there fills from real rows:
 * still code). */
static int fake_data_script(const char *relpath, const char *base)
{
	const char *slash = strchr(relpath, '/');
	int top = slash == NULL || strncmp(relpath, "scripts/", 8) == 0 ||
		  strncmp(relpath, "bin/", 4) == 0 || strncmp(relpath, "tools/", 6) == 0;

	if (strstr(relpath, "management/commands/") != NULL &&
	    (strncmp(base, "dummy", 5) == 0 || strncmp(base, "fake", 4) == 0 ||
	     strncmp(base, "generate_fake", 13) == 0 || strncmp(base, "generate-fake", 13) == 0 ||
	     strncmp(base, "sample_data", 11) == 0 || strncmp(base, "sample-data", 11) == 0))
		return 1;
	return top && (strncmp(base, "populate", 8) == 0 || strcmp(base, "seed.py") == 0 ||
		       strcmp(base, "seeds.py") == 0 || strncmp(base, "seed_", 5) == 0 ||
		       strncmp(base, "fake_", 5) == 0 || strncmp(base, "generate_fake", 13) == 0 ||
		       strncmp(base, "dummy_", 6) == 0);
}

/* `name.test.ts`, `name.spec.mjs`: a `.test.` or `.spec.` part before
 * a JavaScript / TypeScript extension. */
static int js_test_name(const char *base)
{
	static const char *const exts[] = { ".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs",
					    ".mts", ".cts", NULL };
	const char *dot = strrchr(base, '.');
	size_t stem;

	if (dot == NULL || dot == base)
		return 0;
	for (size_t i = 0; exts[i] != NULL; i++) {
		if (strcmp(dot, exts[i]) != 0)
			continue;
		stem = (size_t)(dot - base);
		return (stem > 5 && strncmp(dot - 5, ".test", 5) == 0) ||
		       (stem > 5 && strncmp(dot - 5, ".spec", 5) == 0);
	}
	return 0;
}

unsigned files_classify(const char *relpath, const struct config *cfg)
{
	const char *base = base_name(relpath);
	unsigned flags = 0;
	size_t i, bl = strlen(base);

	for (i = 0; vendored_dirs[i] != NULL; i++)
		if (has_component(relpath, vendored_dirs[i]))
			flags |= FILE_VENDORED;
	if (has_component(relpath, "tests") || has_component(relpath, "test") ||
	    has_component(relpath, "fixtures") || strncmp(base, "test_", 5) == 0 ||
	    (bl > 8 && strcmp(base + bl - 8, "_test.py") == 0) ||
	    strcmp(base, "conftest.py") == 0 || fake_data_script(relpath, base))
		flags |= FILE_TEST;
	/* JavaScript / TypeScript: `x.test.ts`, `x.spec.js` (jest, vitest,
	 * mocha) and jest's `__tests__` / `__mocks__` folders */
	if (js_test_name(base) || has_component(relpath, "__tests__") ||
	    has_component(relpath, "__mocks__"))
		flags |= FILE_TEST;
	/* Go: package tests and the testdata folders the go tool ignores */
	if ((bl > 8 && strcmp(base + bl - 8, "_test.go") == 0) || has_component(relpath, "testdata"))
		flags |= FILE_TEST;
	if (has_component(relpath, "migrations") || strstr(relpath, "alembic/versions/") != NULL)
		flags |= FILE_MIGRATION;
	if (cfg != NULL)
		for (i = 0; i < cfg->n_excludes; i++)
			if (files_glob_match(cfg->excludes[i], relpath))
				flags |= FILE_EXCLUDED;
	return flags;
}

/* True when the build constraint at the head of a source file (the
 * language catalog's text files.build_constraint_prefix, before the
 * package clause) names one of its test_build_tags as a required term
 * (`e2etest`, `integration && linux`): no default build compiles the
 * file, so it is test code like a package test. A constraint with an
 * OR, or naming the tag only negated, may be built and stays code. */
static int test_build_only(const char *root, const char *relpath, enum lang lang)
{
	const char *prefix = catalog_text(lang, "files.build_constraint_prefix");
	const struct catalog_list *tags;
	char head[2048], term[64], *abs, *line, *next, *p;
	size_t pl;
	long n;

	if (prefix == NULL || (tags = catalog_get(lang, "test_build_tags")) == NULL)
		return 0;
	pl = strlen(prefix);
	abs = fs_join(root, relpath);
	n = fs_read_head(abs, head, sizeof head - 1);
	free(abs);
	if (n <= 0)
		return 0;
	head[n] = '\0';
	for (line = head; line != NULL && *line; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		while (*line == ' ' || *line == '\t' || *line == '\r')
			line++;
		if (*line == '\0')
			continue;
		if (line[0] != '/' || line[1] != '/')
			return 0;   /* the package clause or code: no constraint */
		if (strncmp(line, prefix, pl) != 0 || (line[pl] != ' ' && line[pl] != '\t'))
			continue;
		if (strstr(line + pl, "||") != NULL)
			return 0;
		for (p = line + pl; *p; ) {
			size_t k = 0;
			int negated = 0;

			while (*p == ' ' || *p == '\t' || *p == '(' || *p == ')' || *p == '&' ||
			       *p == '\r')
				p++;
			if (*p == '!') {
				negated = 1;
				p++;
			}
			while (*p && *p != ' ' && *p != '\t' && *p != '(' && *p != ')' &&
			       *p != '&' && *p != '\r' && k + 1 < sizeof term)
				term[k++] = *p++;
			term[k] = '\0';
			if (k > 0 && !negated && catalog_match(tags, term))
				return 1;
			if (k == 0 && !negated && *p)
				p++;
		}
		return 0;
	}
	return 0;
}

struct collector {
	struct project *p;
	const struct config *cfg;
	char *last_vendored;     /* the vendored folder of the previous path */
	char *ambiguous_dir;     /* the last build/dist folder looked into… */
	int ambiguous_is_source; /* …and whether it holds source */
	const atomic_int *cancel; /* NULL or the run's cancel flag */
};

/* True when the folder rel (under root) directly holds a .py file. */
static int dir_holds_python(const char *root, const char *rel)
{
	char *abs = fs_join(root, rel);
	DIR *d = fs_opendir(abs);
	struct dirent *e;
	int found = 0;

	free(abs);
	if (d == NULL)
		return 0;
	while (!found && (e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		found = n > 3 && strcmp(e->d_name + n - 3, ".py") == 0;
	}
	closedir(d);
	return found;
}

/* A build/dist folder is vendored unless it holds source (cached: paths
 * arrive sorted, so one folder's files come together). */
static int ambiguous_is_vendored(struct collector *c, const char *dir)
{
	if (c->ambiguous_dir == NULL || strcmp(c->ambiguous_dir, dir) != 0) {
		free(c->ambiguous_dir);
		c->ambiguous_dir = xstrdup(dir);
		c->ambiguous_is_source = dir_holds_python(c->p->root, dir);
	}
	return !c->ambiguous_is_source;
}

/* The vendored folder relpath lies in ("a/node_modules"), heap, or NULL. */
static char *vendored_folder(struct collector *c, const char *relpath)
{
	const char *s = relpath;

	for (;;) {
		const char *slash = strchr(s, '/');
		size_t n, i;

		if (slash == NULL)
			return NULL;   /* the last component is the file itself */
		n = (size_t)(slash - s);
		for (i = 0; vendored_dirs[i] != NULL; i++) {
			if (strlen(vendored_dirs[i]) != n || strncmp(s, vendored_dirs[i], n) != 0)
				continue;
			{
				char *dir = xstrndup(relpath, (size_t)(slash - relpath));
				if (!ambiguous_vendored(vendored_dirs[i]) || ambiguous_is_vendored(c, dir))
					return dir;
				free(dir);
			}
		}
		s = slash + 1;
	}
}

/* Counts one skipped vendored folder (and lists the first ones). */
static void note_vendored(struct project *p, const char *dir)
{
	p->n_vendored_dirs++;
	if (p->n_vendored_listed < 50) {
		p->vendored_dirs = xrealloc(p->vendored_dirs,
					    (p->n_vendored_listed + 1) * sizeof *p->vendored_dirs);
		p->vendored_dirs[p->n_vendored_listed++] = xstrdup(dir);
	}
}

/* True for code that runs in a browser rather than in the service: a
 * file under one of its language's asset folders, or a minified bundle. */
static int files_browser_asset(const struct front_end *fe, const char *relpath)
{
	size_t n = strlen(relpath), k;

	if (n > 7 && strcmp(relpath + n - 7, ".min.js") == 0)
		return 1;
	for (k = 0; fe->traits.asset_dirs[k] != NULL; k++)
		if (has_component(relpath, fe->traits.asset_dirs[k]))
			return 1;
	return 0;
}

/* Counts a file in a language this build does not audit. */
static void note_other_language(struct project *p, const struct front_end *fe)
{
	size_t k;

	for (k = 0; k < p->n_other_langs; k++)
		if (p->other_langs[k].language == fe->name)
			break;
	if (k == p->n_other_langs) {
		if (k == sizeof p->other_langs / sizeof p->other_langs[0])
			return;
		p->other_langs[k].language = fe->name;
		p->n_other_langs++;
	}
	p->other_langs[k].files++;
}

/* Adds one candidate path when it is a source file we audit. */
static void collector_add(const char *relpath, void *arg)
{
	struct collector *c = arg;
	struct source_file *f;
	const struct front_end *fe;
	unsigned flags;
	char *vdir = vendored_folder(c, relpath);

	if (vdir != NULL) {
		/* paths arrive sorted: a new folder starts where the last one ends */
		if (c->last_vendored == NULL || strcmp(c->last_vendored, vdir) != 0) {
			note_vendored(c->p, vdir);
			free(c->last_vendored);
			c->last_vendored = vdir;
		} else {
			free(vdir);
		}
		return;
	}
	fe = files_front_end(c->p->root, relpath);
	if (fe == NULL) {
		size_t n = strlen(relpath);

		/* a Prisma schema: its models' columns, for the index */
		if (n > 7 && strcmp(relpath + n - 7, ".prisma") == 0 &&
		    !(files_classify(relpath, c->cfg) & (FILE_TEST | FILE_EXCLUDED))) {
			c->p->schema_paths = xrealloc(c->p->schema_paths, (c->p->n_schema_paths + 1) *
						      sizeof *c->p->schema_paths);
			c->p->schema_paths[c->p->n_schema_paths++] = xstrdup(relpath);
		}
		/* a TypeScript declaration file: the language of `x.ts` */
		if (n > 5 && strcmp(relpath + n - 5, ".d.ts") == 0 &&
		    !(files_classify(relpath, c->cfg) & (FILE_TEST | FILE_EXCLUDED))) {
			char *plain = xstrdup(relpath);
			const struct front_end *dfe;

			memmove(plain + n - 4, plain + n - 2, 3);   /* x.d.ts -> x.ts */
			dfe = files_front_end(c->p->root, plain);
			free(plain);
			if (dfe != NULL && dfe->parse != NULL) {
				size_t k = c->p->n_decl_paths;

				c->p->decl_paths = xrealloc(c->p->decl_paths, (k + 1) *
							    sizeof *c->p->decl_paths);
				c->p->decl_langs = xrealloc(c->p->decl_langs, (k + 1) *
							    sizeof *c->p->decl_langs);
				c->p->decl_paths[k] = xstrdup(relpath);
				c->p->decl_langs[k] = dfe->id;
				c->p->n_decl_paths++;
			}
		}
		return;
	}
	flags = files_classify(relpath, c->cfg) & ~(unsigned)FILE_VENDORED;
	if (!(flags & FILE_TEST) && test_build_only(c->p->root, relpath, fe->id))
		flags |= FILE_TEST;
	if (fe->parse != NULL && files_browser_asset(fe, relpath)) {
		c->p->n_browser_assets++;
		return;
	}
	if (fe->parse == NULL) {
		if (!(flags & (FILE_TEST | FILE_EXCLUDED)))
			note_other_language(c->p, fe);
		return;
	}
	XGROW(c->p->files, c->p->cap_files, c->p->n_files + 1);
	f = &c->p->files[c->p->n_files++];
	memset(f, 0, sizeof *f);
	f->path = xstrdup(relpath);
	f->lang = fe->id;
	f->flags = flags;
}

/* Plain recursive walk for projects outside a git repository. */
static void walk_dir(struct collector *c, const char *abs, const char *rel)
{
	DIR *d = fs_opendir(abs);
	struct dirent *e;
	size_t i;

	if (d == NULL) {
		c->p->n_unreadable_dirs++;
		return;
	}
	while ((c->cancel == NULL || !atomic_load_explicit(c->cancel, memory_order_relaxed)) &&
	       (e = readdir(d)) != NULL) {
		char *cabs, *crel;
		int is_dir = 0, skip = 0;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		cabs = fs_join(abs, e->d_name);
		crel = rel[0] ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
		for (i = 0; vendored_dirs[i] != NULL; i++)
			if (strcmp(e->d_name, vendored_dirs[i]) == 0 && (e->d_type == DT_DIR || e->d_type == DT_UNKNOWN))
				skip = !ambiguous_vendored(e->d_name) || !dir_holds_python(c->p->root, crel);
		if (skip) {
			if (fs_is_dir(cabs))
				note_vendored(c->p, crel);
			free(cabs);
			free(crel);
			continue;
		}
		if (e->d_type == DT_DIR) {
			is_dir = 1;
		} else if (e->d_type == DT_UNKNOWN) {
			struct stat st;
			is_dir = lstat(cabs, &st) == 0 && S_ISDIR(st.st_mode);
		}
		if (is_dir) {
			/* hidden folders (.git, .cache, …) are tooling, not source */
			if (e->d_name[0] != '.')
				walk_dir(c, cabs, crel);
		} else {
			/* links, FIFOs and devices with a source name are listed too:
			 * the read refuses them and the run names them as not read */
			collector_add(crel, c);
		}
		free(cabs);
		free(crel);
	}
	closedir(d);
}

static int file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct source_file *)a)->path, ((const struct source_file *)b)->path);
}

int files_collect(struct project *p, const struct config *cfg, const atomic_int *cancel,
		  int *used_git, char *err, size_t errlen)
{
	struct collector c = { p, cfg, NULL, NULL, 0, cancel };
	char gerr[400];
	int g;

	if (!fs_is_dir(p->root)) {
		snprintf(err, errlen, "%s: %s", p->root,
			 errno == ENOENT ? "no such directory" : "not a readable directory");
		return -1;
	}
	g = git_list_files(p->root, collector_add, &c, gerr, sizeof gerr);
	*used_git = g == 0;
	if (g == -2) {
		/* a listing that failed half-way must never pass as a clean tree */
		snprintf(err, errlen, "%s: cannot list the files to audit: %s", p->root, gerr);
		free(c.last_vendored);
		free(c.ambiguous_dir);
		return -1;
	}
	if (!*used_git)
		walk_dir(&c, p->root, "");
	free(c.last_vendored);
	free(c.ambiguous_dir);
	if (p->n_files > 1)
		xqsort(p->files, p->n_files, sizeof *p->files, file_cmp);
	return 0;
}
