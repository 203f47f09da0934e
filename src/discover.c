/* Discovery driver: the bounded walk, docker-compose, DSNs, tech_stack.md,
 * the kanban board, settings modules and migrations; manifests, SQL and
 * ADRs live in discover-manifests.c, discover-db.c and discover-adr.c.
 *
 * Only a handful of known files are read and the walk stops at depth 4,
 * skipping vendored trees, so discovery costs milliseconds even on large
 * repositories (it runs before the progress panes have anything to show). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "discover.h"
#include "discover-int.h"
#include "util/fsutil.h"
#include "util/regex.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define DISC_MAX_FILE (4u << 20)
#define DISC_MAX_DEPTH 4

/* Appends a copy of s. */
void disc_list_add(struct disc_list *l, const char *s)
{
	XGROW(l->items, l->cap, l->n + 1);
	l->items[l->n++] = xstrdup(s);
}

/* Frees the strings and the array. */
void disc_list_free(struct disc_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* qsort comparator for char * arrays. */
static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts and removes duplicates in place. */
void disc_list_sort_unique(struct disc_list *l)
{
	size_t w = 0;

	if (l->n)
		xqsort(l->items, l->n, sizeof *l->items, cmp_str);
	for (size_t i = 0; i < l->n; i++) {
		if (w && strcmp(l->items[w - 1], l->items[i]) == 0) {
			free(l->items[i]);
			continue;
		}
		l->items[w++] = l->items[i];
	}
	l->n = w;
}

/* Whether the run asked discovery to stop. */
static int disc_cancelled(const struct disc *d)
{
	return d->cancel && atomic_load_explicit(d->cancel, memory_order_relaxed);
}

/* Reads a file below the root; absent files are the normal case. Once
 * the run is cancelled every read comes back empty, so each loop over
 * files ends at once. */
char *disc_read(struct disc *d, const char *rel, size_t *len)
{
	char *path, *text;

	if (disc_cancelled(d))
		return NULL;
	path = fs_join(d->root, rel);
	text = fs_read_file(path, DISC_MAX_FILE, len);
	free(path);
	if (text)
		disc_list_add(&d->read, rel);
	return text;
}

/* Records a candidate value for a stack field. */
void disc_propose(struct disc *d, enum disc_field f, const char *value, const char *version,
		  int prio)
{
	struct disc_cand *c;

	XGROW(d->cands[f], d->cap_cands[f], d->n_cands[f] + 1);
	c = &d->cands[f][d->n_cands[f]++];
	c->value = xstrdup(value);
	c->version = version && *version ? xstrdup(version) : NULL;
	c->prio = prio + d->prio_bias;
}

/* Whether field f has a candidate value proposed at prio or above. */
static int disc_has_cand(const struct disc *d, enum disc_field f, const char *value, int prio)
{
	for (size_t i = 0; i < d->n_cands[f]; i++)
		if (d->cands[f][i].prio >= prio && strcmp(d->cands[f][i].value, value) == 0)
			return 1;
	return 0;
}

/* Records a recognised library name. */
void disc_lib(struct disc *d, const char *name)
{
	disc_list_add(&d->libs, name);
}

/* Records a file that contributed to the context. */
void disc_source(struct disc *d, const char *rel)
{
	disc_list_add(&d->sources, rel);
}

/* Major.minor of the first lower-bound or exact clause of a version spec.
 * Upper bounds and exclusions ("<2.0", "!=1.4.3") say nothing about the
 * version in use, so they are skipped. */
char *disc_version_mm(const char *spec, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t end = i;
		const char *p;
		long major, minor = 0;
		char *q;

		while (end < n && spec[end] != ',' && spec[end] != '|')
			end++;
		p = spec + i;
		while (p < spec + end && (isspace((unsigned char)*p) || *p == '"' || *p == '\''))
			p++;
		if (p < spec + end && (*p == '<' || *p == '!')) {
			i = end + 1;
			continue;
		}
		while (p < spec + end && strchr("=~^>v ", *p))
			p++;
		if (p < spec + end && isdigit((unsigned char)*p)) {
			major = strtol(p, &q, 10);
			if (q < spec + end && *q == '.' && isdigit((unsigned char)q[1]))
				minor = strtol(q + 1, NULL, 10);
			return xasprintf("%ld.%ld", major, minor);
		}
		i = end + 1;
	}
	return NULL;
}

/* 1-based line number of a byte offset. */
int disc_line_of(const char *text, size_t off)
{
	int line = 1;

	for (size_t i = 0; i < off; i++)
		if (text[i] == '\n')
			line++;
	return line;
}

/* Compiles a constant pattern; a failure is a programming error. */
struct regex *disc_rx(const char *pattern, unsigned flags)
{
	char err[200];
	struct regex *re = regex_compile(pattern, flags, err, sizeof err);

	if (!re)
		fatal("internal regex %s: %s", pattern, err);
	return re;
}

/* Driver names as they appear after the '+' of a SQLAlchemy URL. */
static const char *dsn_driver(const char *s, size_t n)
{
	static const struct { const char *url, *driver; } map[] = {
		{ "asyncpg", "asyncpg" }, { "psycopg", "psycopg" }, { "psycopg2", "psycopg2" },
		{ "psycopg_async", "psycopg" }, { "pg8000", "pg8000" },
		{ "aiomysql", "aiomysql" }, { "pymysql", "pymysql" }, { "asyncmy", "asyncmy" },
		{ "mysqldb", "mysqlclient" }, { "aiosqlite", "aiosqlite" },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strlen(map[i].url) == n && strncasecmp(s, map[i].url, n) == 0)
			return map[i].driver;
	return NULL;
}

/* Database (and driver) from connection URLs anywhere in text. SQLite URLs
 * weigh less: they are usually the test or local fallback. */
int disc_scan_dsn(struct disc *d, const char *text, size_t len, int prio)
{
	struct regex *re = disc_rx("\\b(postgres(?:ql)?|mysql|mariadb|sqlite|mongodb(?:\\+srv)?|"
			      "cockroachdb)(?:\\+(\\w+))?://", REGEX_CASELESS);
	struct regex_match m;
	size_t pos = 0;
	int found = 0;

	while (regex_match(re, text, len, pos, &m) == 1) {
		const char *s = text + m.off[1];
		const char *db = NULL;
		int p = prio;

		if (strncasecmp(s, "postgres", 8) == 0 || strncasecmp(s, "cockroach", 9) == 0)
			db = "postgresql";
		else if (strncasecmp(s, "mysql", 5) == 0)
			db = "mysql";
		else if (strncasecmp(s, "mariadb", 7) == 0)
			db = "mariadb";
		else if (strncasecmp(s, "sqlite", 6) == 0)
			db = "sqlite", p -= 15;
		else
			db = "mongodb";
		disc_propose(d, DF_DATABASE, db, NULL, p);
		if (m.off[2] >= 0) {
			const char *drv = dsn_driver(text + m.off[2], (size_t)m.len[2]);

			if (drv) {
				disc_propose(d, DF_DRIVER, drv, NULL, p);
				disc_lib(d, drv);
				if (!strcmp(drv, "asyncpg") || !strcmp(drv, "aiomysql") ||
				    !strcmp(drv, "aiosqlite") || !strcmp(drv, "asyncmy"))
					d->is_async = 1;
			}
		}
		found++;
		pos = (size_t)(m.off[0] + m.len[0]);
	}
	regex_free(re);
	return found;
}

/* ---- the bounded walk --------------------------------------------------- */

struct walk_out {
	struct disc_list setup;    /* Python files that may configure the DB */
	struct disc_list migr_py;  /* Python files in migration folders */
	struct disc_list sql;      /* *.sql files */
	struct disc_list manifests;/* manifests in service folders (not the root) */
	int manage_py;             /* Django manage.py seen */
};

/* Folders never worth entering. */
static int walk_skip_dir(const char *name)
{
	static const char *const skip[] = {
		"node_modules", "venv", "env", "site-packages", "__pycache__", "dist", "build",
		"vendor", "tests", "test", "testing", "__tests__", "docs", "target", "coverage",
		"htmlcov", "static", "assets", "public", "fixtures",
	};

	if (name[0] == '.')
		return 1;
	for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
		if (!strcmp(name, skip[i]))
			return 1;
	return 0;
}

/* True for *.ext. */
static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);

	return n > e && strcmp(name + n - e, ext) == 0;
}

/* Python file names that suggest engine or session setup. */
static int setup_name(const char *name, const char *parent)
{
	static const char *const exact[] = {
		"db.py", "database.py", "session.py", "sessions.py", "engine.py", "settings.py",
		"deps.py", "dependencies.py",
	};

	if (!strncmp(name, "test_", 5) || has_ext(name, "_test.py") || !strcmp(name, "conftest.py"))
		return 0;
	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
		if (!strcmp(name, exact[i]))
			return 1;
	if (!strncmp(name, "config", 6))
		return 1;
	return parent && !strcmp(parent, "core") && !strncmp(name, "db", 2);
}

/* A script-named manifest (setup.py) beside an __init__.py is a module
 * of a package (a handler, a view), not a manifest: it must not open a
 * nested service whose empty stack would hide the project's own. */
static int package_module(const struct disc *d, const char *rel, const char *nm)
{
	char *dir, *full;
	int r;

	if (!has_ext(nm, ".py"))
		return 0;
	dir = fs_join(d->root, rel);
	full = fs_join(dir, "__init__.py");
	r = fs_is_file(full);
	free(full);
	free(dir);
	return r;
}

/* Walks rel. kind: 0 plain, 1 db/database/settings folder (every .py is a
 * setup candidate), 2 migration folder (.py and .sql are migrations),
 * 3 sql folder. */
static void walk(struct disc *d, struct walk_out *o, const char *rel, const char *parent,
		 int depth, int kind)
{
	char *path = *rel ? fs_join(d->root, rel) : xstrdup(d->root);
	DIR *dir = fs_opendir(path);
	struct dirent *e;

	free(path);
	if (!dir)
		return;
	while (!disc_cancelled(d) && (e = readdir(dir))) {
		const char *nm = e->d_name;
		char *sub;
		int is_dir;

		if (!strcmp(nm, ".") || !strcmp(nm, ".."))
			continue;
		if (d->test_delay_ms > 0) {
			struct timespec ts = { d->test_delay_ms / 1000, (d->test_delay_ms % 1000) * 1000000L };

			nanosleep(&ts, NULL);
		}
		sub = *rel ? xasprintf("%s/%s", rel, nm) : xstrdup(nm);
		if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
			char *full = fs_join(d->root, sub);

			is_dir = fs_is_dir(full);
			free(full);
		} else {
			is_dir = e->d_type == DT_DIR;
		}
		if (is_dir) {
			int k = kind;

			if (walk_skip_dir(nm) || depth >= DISC_MAX_DEPTH + (kind == 2 ? 3 : 0)) {
				free(sub);
				continue;
			}
			if (!strcmp(nm, "migrations") ||
			    (!strcmp(nm, "versions") && parent && !strcmp(parent, "alembic")))
				k = 2;
			else if (kind != 2 && (!strcmp(nm, "db") || !strcmp(nm, "database") ||
					       !strcmp(nm, "settings")))
				k = 1;
			else if (kind != 2 && !strcmp(nm, "sql"))
				k = 3;
			if (k == 2 && kind != 2)
				disc_list_add(&d->mig_dirs, sub);
			walk(d, o, sub, nm, depth + 1, k);
		} else if (depth >= 1 && kind == 0 && disc_is_manifest_name(nm) &&
			   !package_module(d, rel, nm)) {
			disc_list_add(&o->manifests, sub);
		} else if (has_ext(nm, ".sql")) {
			if (kind || depth == 0)
				disc_list_add(&o->sql, sub);
		} else if (has_ext(nm, ".py")) {
			if (kind == 2) {
				if (strcmp(nm, "__init__.py"))
					disc_list_add(&o->migr_py, sub);
			} else if (kind == 1 || setup_name(nm, parent)) {
				if (strncmp(nm, "test_", 5) && strcmp(nm, "conftest.py"))
					disc_list_add(&o->setup, sub);
			} else if (depth <= 1 && !strcmp(nm, "manage.py")) {
				o->manage_py = 1;
			}
		}
		free(sub);
	}
	closedir(dir);
}

/* Engine/session settings, DSNs and Django DATABASES in setup modules. */
static void disc_setup_files(struct disc *d, struct disc_list *files)
{
	static const char *const needles[] = {
		"create_engine(", "create_async_engine(", "sessionmaker(", "async_sessionmaker(",
		"://", "django.db.backends.", "isolation_level", "DATABASES",
	};
	struct regex *dj = disc_rx("django\\.db\\.backends\\.(postgresql|mysql|sqlite3|oracle)", 0);

	disc_list_sort_unique(files);
	for (size_t i = 0; i < files->n; i++) {
		size_t len;
		char *text = disc_read(d, files->items[i], &len);
		struct regex_match m;
		int hit = 0, relevant = 0;

		if (!text)
			continue;
		for (size_t k = 0; k < sizeof needles / sizeof needles[0]; k++)
			if (strstr(text, needles[k]))
				relevant = 1;
		if (!relevant) {
			free(text);
			continue;
		}
		hit += discover_engine_settings(text, len, files->items[i], &d->ctx->db);
		/* no manifest may say it (a service folder without one): the
		 * setup module's own imports name the language and the ORM */
		if (strstr(text, "from sqlalchemy") || strstr(text, "import sqlalchemy") ||
		    strstr(text, "from sqlmodel")) {
			disc_propose(d, DF_ORM, "sqlalchemy", NULL, PRIO_MANIFEST - 5);
			disc_propose(d, DF_LANGUAGE, "python", NULL, PRIO_MANIFEST - 5);
			hit++;
		}
		if (strstr(text, "create_async_engine(") || strstr(text, "async_sessionmaker("))
			d->is_async = 1, hit++;
		hit += disc_scan_dsn(d, text, len, PRIO_DSN_CODE);
		if (regex_match(dj, text, len, 0, &m) == 1) {
			const char *b = text + m.off[1];
			const char *db = !strncmp(b, "postgresql", 10) ? "postgresql" :
					 !strncmp(b, "mysql", 5) ? "mysql" :
					 !strncmp(b, "sqlite3", 7) ? "sqlite" : "oracle";

			disc_propose(d, DF_DATABASE, db, NULL, PRIO_DSN_CODE);
			disc_propose(d, DF_ORM, "django", NULL, PRIO_MANIFEST);
			hit++;
		}
		if (hit)
			disc_source(d, files->items[i]);
		free(text);
	}
	regex_free(dj);
}

/* Triggers in migrations and SQL files; functions resolve across files. */
static void disc_migrations(struct disc *d, struct disc_list *files, int is_python)
{
	disc_list_sort_unique(files);
	for (size_t i = 0; i < files->n; i++) {
		size_t len;
		char *text = disc_read(d, files->items[i], &len);

		if (!text)
			continue;
		/* Most migrations hold no SQL at all: skip them cheaply. */
		if (strcasestr(text, "trigger") || strcasestr(text, "function") ||
		    strcasestr(text, "notify")) {
			size_t before = d->ctx->db.n_triggers, fns = d->fns.n;

			disc_scan_triggers(text, len, files->items[i], is_python, &d->ctx->db, &d->fns);
			if (d->ctx->db.n_triggers != before || d->fns.n != fns)
				disc_source(d, files->items[i]);
		}
		free(text);
	}
}

/* ---- turning candidates into the stack ---------------------------------- */

/* The best candidate (highest priority, first on ties) and its version,
 * or the version of the best same-valued candidate that has one. */
static void pick(struct disc *d, enum disc_field f, char **value, char **version)
{
	struct disc_cand *c = d->cands[f], *best = NULL;
	size_t n = d->n_cands[f];
	int vprio = -1;

	for (size_t i = 0; i < n; i++)
		if (!best || c[i].prio > best->prio)
			best = &c[i];
	if (!best)
		return;
	*value = xstrdup(best->value);
	if (!version)
		return;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(c[i].value, best->value) || !c[i].version || c[i].prio <= vprio)
			continue;
		free(*version);
		*version = xstrdup(c[i].version);
		vprio = c[i].prio;
	}
}

/* Fills ctx->stack from the candidates and lists. */
static void disc_finish(struct disc *d)
{
	struct tech_stack *st = &d->ctx->stack;

	pick(d, DF_LANGUAGE, &st->language, NULL);
	pick(d, DF_DATABASE, &st->database, &st->database_version);
	pick(d, DF_ORM, &st->orm, &st->orm_version);
	pick(d, DF_DRIVER, &st->driver, NULL);
	pick(d, DF_FRAMEWORK, &st->async_framework, NULL);
	if (st->async_framework) {
		const char *fw = st->async_framework;

		if (!strcmp(fw, "fastapi"))
			d->di_style = "fastapi_depends";
		else if (!strcmp(fw, "express") || !strcmp(fw, "koa"))
			d->di_style = "express_middleware";
		else if (!strcmp(fw, "nestjs"))
			d->di_style = "nestjs_providers";
		else if (!strcmp(fw, "spring") || !strcmp(fw, "spring-webflux"))
			d->di_style = "spring";
		if (!strcmp(fw, "fastapi") || !strcmp(fw, "starlette") || !strcmp(fw, "aiohttp") ||
		    !strcmp(fw, "litestar") || !strcmp(fw, "sanic") || !strcmp(fw, "quart") ||
		    disc_framework_async(fw))
			d->is_async = 1;
	}
	/* Node services are asynchronous by construction. */
	if (st->language && !strcmp(st->language, "javascript") &&
	    (st->async_framework || st->orm || st->driver))
		d->is_async = 1;
	st->di_style = d->di_style ? xstrdup(d->di_style) : NULL;
	st->is_async = d->is_async;
	disc_list_sort_unique(&d->libs);
	st->libraries = d->libs.items;
	st->n_libraries = d->libs.n;
	memset(&d->libs, 0, sizeof d->libs);
	disc_list_sort_unique(&d->sources);
	st->sources = d->sources.items;
	st->n_sources = d->sources.n;
	memset(&d->sources, 0, sizeof d->sources);
}

/* Releases the discovery state (not ctx). */
static void disc_release(struct disc *d)
{
	for (int f = 0; f < DF_COUNT; f++) {
		for (size_t i = 0; i < d->n_cands[f]; i++) {
			free(d->cands[f][i].value);
			free(d->cands[f][i].version);
		}
		free(d->cands[f]);
	}
	disc_list_free(&d->libs);
	disc_list_free(&d->sources);
	disc_list_free(&d->read);
	disc_list_free(&d->mig_dirs);
	disc_fns_free(&d->fns);
}

/* One stack per service folder of a monorepo (issue 13 item 6): each
 * folder holding manifests of its own gets its stack from them and from
 * the setup modules under it, resolved like the project's, so its files
 * get advice for their own ORM and driver. */
static void disc_services(struct disc *d, const struct walk_out *o)
{
	size_t i = 0;

	/* a tree with thousands of nested manifests (fixtures, examples,
	 * a hostile repository) keeps the first ones: each service costs a
	 * scan of the setup modules here and of the services per file later */
	while (i < o->manifests.n && d->ctx->n_services < DISC_MAX_SERVICES) {
		const char *slash = strrchr(o->manifests.items[i], '/');
		size_t dl = slash ? (size_t)(slash - o->manifests.items[i]) : 0, j;
		char *dir = xstrndup(o->manifests.items[i], dl);
		struct context sub;
		struct disc sd;
		struct disc_list setup = { 0 };

		memset(&sub, 0, sizeof sub);
		memset(&sd, 0, sizeof sd);
		sub.db.expire_on_commit = sub.db.autoflush = sub.db.autocommit = TRI_UNKNOWN;
		sd.root = d->root;
		sd.cancel = d->cancel;
		sd.cfg = d->cfg;
		sd.ctx = &sub;
		/* the manifests of this folder (sorted: they are adjacent) */
		for (j = i; j < o->manifests.n; j++) {
			const char *m = o->manifests.items[j], *s2 = strrchr(m, '/');

			if ((size_t)(s2 ? s2 - m : 0) != dl || strncmp(m, dir, dl) != 0)
				break;
			disc_manifest_file(&sd, m);
		}
		i = j;
		for (j = 0; j < o->setup.n; j++)
			if (strncmp(o->setup.items[j], dir, dl) == 0 && o->setup.items[j][dl] == '/')
				disc_list_add(&setup, o->setup.items[j]);
		disc_setup_files(&sd, &setup);
		disc_finish(&sd);
		if (dl > 0 && sub.stack.language != NULL) {
			d->ctx->services = xrealloc(d->ctx->services,
						    (d->ctx->n_services + 1) * sizeof *d->ctx->services);
			d->ctx->services[d->ctx->n_services].dir = dir;
			d->ctx->services[d->ctx->n_services].stack = sub.stack;
			d->ctx->n_services++;
			memset(&sub.stack, 0, sizeof sub.stack);
			dir = NULL;
		}
		free(dir);
		disc_list_free(&setup);
		disc_release(&sd);
		context_free(&sub);
	}
}

/* Milliseconds on the monotonic clock. */
static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Runs every discovery step in a fixed order (see discover-int.h for why
 * the order matters). */
int discover_project(const char *root, const struct config *cfg, struct context *ctx,
		     struct discover_sources *src_files, const atomic_int *cancel, char *err,
		     size_t errlen)
{
	static const char *const dsn_files[] = {
		".env.example", ".env.sample", ".env.template", ".env.dist", "example.env",
		"alembic.ini",
	};
	struct disc d;
	struct walk_out o;
	struct stat st;
	DIR *dir;
	double t0 = now_ms();

	if (stat(root, &st) != 0) {
		snprintf(err, errlen, "%s: %s", root, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: not a directory", root);
		return -1;
	}
	if (!(dir = fs_opendir(root))) {
		snprintf(err, errlen, "%s: %s", root, strerror(errno));
		return -1;
	}
	closedir(dir);
	memset(&d, 0, sizeof d);
	memset(&o, 0, sizeof o);
	d.root = root;
	d.cancel = cancel;
	{
		/* the terminal tests slow discovery down to press keys during it */
		const char *delay = getenv("PPAUDIT_TEST_DISCOVER_DELAY_MS");

		d.test_delay_ms = delay ? strtol(delay, NULL, 10) : 0;
		if (d.test_delay_ms < 0 || d.test_delay_ms > 10000)
			d.test_delay_ms = 0;
	}
	d.cfg = cfg;
	d.ctx = ctx;
	ctx->codebase_root = xstrdup(root);
	ctx->db.expire_on_commit = TRI_UNKNOWN;
	ctx->db.autoflush = TRI_UNKNOWN;
	ctx->db.autocommit = TRI_UNKNOWN;

	disc_compose(&d);
	for (size_t i = 0; i < sizeof dsn_files / sizeof dsn_files[0]; i++) {
		size_t len;
		char *text = disc_read(&d, dsn_files[i], &len);

		if (text && disc_scan_dsn(&d, text, len, PRIO_DSN))
			disc_source(&d, dsn_files[i]);
		free(text);
	}
	disc_manifests(&d);
	walk(&d, &o, "", NULL, 0, 0);
	/* a monorepo's services keep their manifests in their own folders
	 * (services/api/pyproject.toml): they count, a little below the root's */
	disc_list_sort_unique(&o.manifests);
	d.prio_bias = -3;
	for (size_t i = 0; i < o.manifests.n; i++)
		disc_manifest_file(&d, o.manifests.items[i]);
	d.prio_bias = 0;
	disc_setup_files(&d, &o.setup);
	if (o.manage_py) {
		/* Django declared and its manage.py at the root: a Django
		 * project, whose views Django serves. Another framework in the
		 * manifest is then a tool's dependency or a pin (tornado for
		 * flower, aiohttp as a client), not the service's framework. */
		int declared = disc_has_cand(&d, DF_ORM, "django", PRIO_MANIFEST);

		disc_propose(&d, DF_ORM, "django", NULL, PRIO_MANIFEST - 5);
		disc_propose(&d, DF_FRAMEWORK, "django", NULL,
			     declared ? PRIO_MANIFEST + 13 : PRIO_MANIFEST - 5);
		disc_propose(&d, DF_LANGUAGE, "python", NULL, PRIO_MANIFEST + 10);
		disc_source(&d, "manage.py");
	}
	disc_migrations(&d, &o.migr_py, 1);
	disc_migrations(&d, &o.sql, 0);
	disc_resolve_triggers(&ctx->db, &d.fns);
	disc_sort_triggers(&ctx->db);
	disc_tech_stack(&d);
	disc_team(&d);
	disc_adrs(&d);
	disc_finish(&d);
	disc_services(&d, &o);

	if (src_files) {
		memset(src_files, 0, sizeof *src_files);
		disc_list_sort_unique(&d.read);
		src_files->files = d.read.items;
		src_files->n_files = d.read.n;
		memset(&d.read, 0, sizeof d.read);
		disc_list_sort_unique(&d.mig_dirs);
		src_files->migration_dirs = d.mig_dirs.items;
		src_files->n_migration_dirs = d.mig_dirs.n;
		memset(&d.mig_dirs, 0, sizeof d.mig_dirs);
		src_files->elapsed_ms = now_ms() - t0;
	}
	disc_list_free(&o.setup);
	disc_list_free(&o.migr_py);
	disc_list_free(&o.sql);
	disc_list_free(&o.manifests);
	disc_release(&d);
	return 0;
}

/* Frees what discover_project() put in s. */
void discover_sources_free(struct discover_sources *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_files; i++)
		free(s->files[i]);
	free(s->files);
	for (size_t i = 0; i < s->n_migration_dirs; i++)
		free(s->migration_dirs[i]);
	free(s->migration_dirs);
	memset(s, 0, sizeof *s);
}
