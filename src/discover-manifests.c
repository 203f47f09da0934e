/* Package manifests: requirements*.txt, pyproject.toml (PEP 621, PEP 735,
 * Poetry, uv), setup.cfg, Pipfile, package.json, go.mod, pom.xml and
 * build.gradle*. Each dependency name is looked up in one table that says
 * what it tells us about the stack.
 *
 * The parsers are deliberately shallow line scanners: manifests in the
 * wild are hand-edited and a strict TOML/JSON parser would reject files
 * that the package managers accept; a dependency we fail to recognise
 * costs less than refusing the whole file. */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "discover.h"
#include "discover-int.h"
#include "util/fsutil.h"
#include "util/regex.h"
#include "util/xalloc.h"

enum {
	KD_ASYNC = 1u << 0,    /* implies an async stack */
	KD_VERSION = 1u << 1,  /* the dependency's version is the field's version */
	KD_SQL = 1u << 2,      /* Go: a database/sql driver */
	KD_BACKEND = 1u << 3,  /* JS: makes package.json a backend service */
	KD_HIKARI = 1u << 4,   /* Java: Spring Boot starter that pools with HikariCP */
	/* a data layer no catalog describes: its queries, transactions and
	 * pools are invisible to the checks, which the run must say */
	KD_UNDESCRIBED = 1u << 5,
};

#define LIB_ONLY DF_COUNT

/* What a recognised dependency tells us. eco: 'p' Python, 'j' npm,
 * 'g' Go module (prefix match), 'm' Maven/Gradle artifact. */
static const struct known_dep {
	char eco;
	const char *name;      /* as in the manifest (Python: normalized) */
	const char *lib;       /* entry for libraries[] */
	int field;             /* enum disc_field or LIB_ONLY */
	const char *value;
	int prio;              /* added to PRIO_MANIFEST */
	const char *db;        /* database implied, or NULL */
	unsigned flags;
} known[] = {
	/* Python ORMs and drivers */
	{ 'p', "sqlalchemy", "sqlalchemy", DF_ORM, "sqlalchemy", 5, NULL, KD_VERSION },
	{ 'p', "sqlmodel", "sqlmodel", DF_ORM, "sqlalchemy", 4, NULL, 0 },
	{ 'p', "flask-sqlalchemy", "flask-sqlalchemy", DF_ORM, "sqlalchemy", 4, NULL, 0 },
	{ 'p', "django", "django", DF_ORM, "django", 3, NULL, KD_VERSION },
	{ 'p', "django", "django", DF_FRAMEWORK, "django", 3, NULL, 0 },
	{ 'p', "tortoise-orm", "tortoise-orm", DF_ORM, "tortoise", 2, NULL, KD_ASYNC | KD_VERSION | KD_UNDESCRIBED },
	{ 'p', "peewee", "peewee", DF_ORM, "peewee", 1, NULL, KD_VERSION | KD_UNDESCRIBED },
	{ 'p', "pony", "pony", DF_ORM, "pony", 1, NULL, KD_UNDESCRIBED },
	{ 'p', "piccolo", "piccolo", DF_ORM, "piccolo", 1, NULL, KD_ASYNC | KD_UNDESCRIBED },
	{ 'p', "ormar", "ormar", DF_ORM, "ormar", 1, NULL, KD_ASYNC | KD_UNDESCRIBED },
	{ 'p', "alembic", "alembic", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "asyncpg", "asyncpg", DF_DRIVER, "asyncpg", 9, "postgresql", KD_ASYNC },
	{ 'p', "psycopg", "psycopg", DF_DRIVER, "psycopg", 8, "postgresql", 0 },
	{ 'p', "psycopg-binary", "psycopg", DF_DRIVER, "psycopg", 8, "postgresql", 0 },
	{ 'p', "psycopg-pool", "psycopg-pool", LIB_ONLY, NULL, 0, "postgresql", 0 },
	{ 'p', "psycopg2", "psycopg2", DF_DRIVER, "psycopg2", 7, "postgresql", 0 },
	{ 'p', "psycopg2-binary", "psycopg2", DF_DRIVER, "psycopg2", 7, "postgresql", 0 },
	{ 'p', "pg8000", "pg8000", DF_DRIVER, "pg8000", 6, "postgresql", 0 },
	{ 'p', "aiomysql", "aiomysql", DF_DRIVER, "aiomysql", 6, "mysql", KD_ASYNC },
	{ 'p', "asyncmy", "asyncmy", DF_DRIVER, "asyncmy", 6, "mysql", KD_ASYNC },
	{ 'p', "pymysql", "pymysql", DF_DRIVER, "pymysql", 5, "mysql", 0 },
	{ 'p', "mysqlclient", "mysqlclient", DF_DRIVER, "mysqlclient", 5, "mysql", 0 },
	{ 'p', "motor", "motor", DF_DRIVER, "motor", 4, "mongodb", KD_ASYNC },
	{ 'p', "pymongo", "pymongo", DF_DRIVER, "pymongo", 3, "mongodb", 0 },
	/* aiosqlite is mostly the test database next to a real one. */
	{ 'p', "aiosqlite", "aiosqlite", DF_DRIVER, "aiosqlite", -10, "sqlite", 0 },
	/* Python frameworks */
	{ 'p', "fastapi", "fastapi", DF_FRAMEWORK, "fastapi", 20, NULL, KD_ASYNC },
	{ 'p', "litestar", "litestar", DF_FRAMEWORK, "litestar", 18, NULL, KD_ASYNC },
	{ 'p', "sanic", "sanic", DF_FRAMEWORK, "sanic", 17, NULL, KD_ASYNC },
	{ 'p', "quart", "quart", DF_FRAMEWORK, "quart", 16, NULL, KD_ASYNC },
	{ 'p', "starlette", "starlette", DF_FRAMEWORK, "starlette", 15, NULL, KD_ASYNC },
	{ 'p', "tornado", "tornado", DF_FRAMEWORK, "tornado", 12, NULL, KD_ASYNC },
	{ 'p', "flask", "flask", DF_FRAMEWORK, "flask", 10, NULL, 0 },
	/* aiohttp is as often the HTTP client of another framework. */
	{ 'p', "aiohttp", "aiohttp", DF_FRAMEWORK, "aiohttp", 5, NULL, KD_ASYNC },
	/* Python libraries that matter to the checks */
	{ 'p', "celery", "celery", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "rq", "rq", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "arq", "arq", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "dramatiq", "dramatiq", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "huey", "huey", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "httpx", "httpx", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "requests", "requests", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "redis", "redis", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "aioredis", "redis", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "sse-starlette", "sse-starlette", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "websockets", "websockets", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "anyio", "anyio", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "aiofiles", "aiofiles", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "uvicorn", "uvicorn", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "gunicorn", "gunicorn", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "djangorestframework", "djangorestframework", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'p', "grpcio", "grpcio", LIB_ONLY, NULL, 0, NULL, 0 },
	/* npm */
	{ 'j', "pg", "pg", DF_DRIVER, "pg", 8, "postgresql", KD_BACKEND },
	{ 'j', "postgres", "postgres", DF_DRIVER, "postgres", 7, "postgresql", KD_BACKEND },
	{ 'j', "mysql2", "mysql2", DF_DRIVER, "mysql2", 6, "mysql", KD_BACKEND },
	{ 'j', "mysql", "mysql", DF_DRIVER, "mysql", 5, "mysql", KD_BACKEND },
	{ 'j', "better-sqlite3", "better-sqlite3", DF_DRIVER, "better-sqlite3", 2, "sqlite", KD_BACKEND },
	{ 'j', "sqlite3", "sqlite3", DF_DRIVER, "sqlite3", 1, "sqlite", KD_BACKEND },
	{ 'j', "mongodb", "mongodb", DF_DRIVER, "mongodb", 3, "mongodb", KD_BACKEND },
	{ 'j', "@prisma/client", "prisma", DF_ORM, "prisma", 6, NULL, KD_BACKEND | KD_VERSION },
	{ 'j', "prisma", "prisma", DF_ORM, "prisma", 5, NULL, KD_BACKEND | KD_VERSION },
	{ 'j', "typeorm", "typeorm", DF_ORM, "typeorm", 5, NULL, KD_BACKEND | KD_VERSION },
	{ 'j', "sequelize", "sequelize", DF_ORM, "sequelize", 5, NULL, KD_BACKEND | KD_VERSION },
	{ 'j', "drizzle-orm", "drizzle-orm", DF_ORM, "drizzle", 5, NULL, KD_BACKEND | KD_VERSION },
	{ 'j', "@mikro-orm/core", "mikro-orm", DF_ORM, "mikro-orm", 5, NULL,
	  KD_BACKEND | KD_VERSION | KD_UNDESCRIBED },
	/* built on knex, but its model queries (Model.query(), $relatedQuery)
	 * are its own */
	{ 'j', "objection", "objection", DF_ORM, "objection", 4, NULL, KD_BACKEND | KD_VERSION },
	{ 'j', "bookshelf", "bookshelf", DF_ORM, "bookshelf", 4, NULL, KD_BACKEND | KD_UNDESCRIBED },
	{ 'j', "pg-promise", "pg-promise", DF_DRIVER, "pg-promise", 7, "postgresql", KD_BACKEND | KD_UNDESCRIBED },
	{ 'j', "slonik", "slonik", DF_DRIVER, "slonik", 7, "postgresql", KD_BACKEND | KD_UNDESCRIBED },
	{ 'j', "mongoose", "mongoose", DF_ORM, "mongoose", 4, "mongodb", KD_BACKEND | KD_VERSION },
	{ 'j', "knex", "knex", DF_ORM, "knex", 3, NULL, KD_BACKEND | KD_VERSION },
	{ 'j', "kysely", "kysely", DF_ORM, "kysely", 3, NULL, KD_BACKEND | KD_VERSION },
	{ 'j', "@nestjs/core", "nestjs", DF_FRAMEWORK, "nestjs", 20, NULL, KD_BACKEND },
	{ 'j', "fastify", "fastify", DF_FRAMEWORK, "fastify", 15, NULL, KD_BACKEND },
	{ 'j', "express", "express", DF_FRAMEWORK, "express", 12, NULL, KD_BACKEND },
	{ 'j', "koa", "koa", DF_FRAMEWORK, "koa", 11, NULL, KD_BACKEND },
	{ 'j', "ioredis", "ioredis", LIB_ONLY, NULL, 0, NULL, KD_BACKEND },
	{ 'j', "redis", "redis", LIB_ONLY, NULL, 0, NULL, KD_BACKEND },
	{ 'j', "bullmq", "bullmq", LIB_ONLY, NULL, 0, NULL, KD_BACKEND },
	{ 'j', "axios", "axios", LIB_ONLY, NULL, 0, NULL, 0 },
	/* Go modules */
	{ 'g', "github.com/jackc/pgx", "pgx", DF_DRIVER, "pgx", 8, "postgresql", 0 },
	{ 'g', "github.com/lib/pq", "lib/pq", DF_DRIVER, "lib/pq", 7, "postgresql", KD_SQL },
	{ 'g', "github.com/go-sql-driver/mysql", "go-sql-driver/mysql", DF_DRIVER,
	  "go-sql-driver/mysql", 6, "mysql", KD_SQL },
	{ 'g', "github.com/mattn/go-sqlite3", "go-sqlite3", DF_DRIVER, "go-sqlite3", 2, "sqlite", KD_SQL },
	{ 'g', "modernc.org/sqlite", "modernc-sqlite", DF_DRIVER, "modernc-sqlite", 1, "sqlite", KD_SQL },
	{ 'g', "gorm.io/gorm", "gorm", DF_ORM, "gorm", 6, NULL, KD_VERSION },
	{ 'g', "gorm.io/driver/postgres", "gorm-postgres", LIB_ONLY, NULL, 0, "postgresql", 0 },
	{ 'g', "gorm.io/driver/mysql", "gorm-mysql", LIB_ONLY, NULL, 0, "mysql", 0 },
	{ 'g', "github.com/jinzhu/gorm", "gorm", DF_ORM, "gorm", 5, NULL, KD_VERSION },
	{ 'g', "xorm.io/xorm", "xorm", DF_ORM, "xorm", 5, NULL, KD_VERSION },
	{ 'g', "github.com/go-xorm/xorm", "xorm", DF_ORM, "xorm", 5, NULL, KD_VERSION },
	{ 'g', "entgo.io/ent", "ent", DF_ORM, "ent", 5, NULL, 0 },
	{ 'g', "github.com/uptrace/bun", "bun", DF_ORM, "bun", 5, NULL, KD_UNDESCRIBED },
	{ 'g', "github.com/go-pg/pg", "go-pg", DF_ORM, "go-pg", 5, "postgresql", KD_UNDESCRIBED },
	{ 'g', "github.com/upper/db", "upper/db", DF_ORM, "upper/db", 4, NULL, KD_UNDESCRIBED },
	{ 'g', "github.com/jmoiron/sqlx", "sqlx", DF_ORM, "sqlx", 4, NULL, KD_SQL },
	/* a query builder: its rendered SQL (`ToSql()`) runs through the
	 * driver; described in the Go catalog (sql_builder_*) */
	{ 'g', "github.com/Masterminds/squirrel", "squirrel", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'g', "github.com/gin-gonic/gin", "gin", DF_FRAMEWORK, "gin", 10, NULL, 0 },
	{ 'g', "github.com/labstack/echo", "echo", DF_FRAMEWORK, "echo", 10, NULL, 0 },
	{ 'g', "github.com/go-chi/chi", "chi", DF_FRAMEWORK, "chi", 9, NULL, 0 },
	{ 'g', "github.com/gofiber/fiber", "fiber", DF_FRAMEWORK, "fiber", 9, NULL, 0 },
	{ 'g', "github.com/redis/go-redis", "go-redis", LIB_ONLY, NULL, 0, NULL, 0 },
	/* Maven / Gradle artifacts */
	{ 'm', "spring-boot-starter-data-jpa", "spring-data-jpa", DF_ORM, "jpa", 6, NULL, KD_HIKARI },
	{ 'm', "spring-boot-starter-jdbc", "spring-jdbc", LIB_ONLY, NULL, 0, NULL, KD_HIKARI },
	{ 'm', "hibernate-core", "hibernate", DF_ORM, "jpa", 5, NULL, 0 },
	{ 'm', "HikariCP", "hikaricp", LIB_ONLY, NULL, 0, NULL, 0 },
	{ 'm', "postgresql", "pgjdbc", DF_DRIVER, "pgjdbc", 7, "postgresql", 0 },
	{ 'm', "r2dbc-postgresql", "r2dbc-postgresql", DF_DRIVER, "r2dbc-postgresql", 6,
	  "postgresql", KD_ASYNC },
	{ 'm', "mysql-connector-j", "mysql-connector-j", DF_DRIVER, "mysql-connector-j", 6, "mysql", 0 },
	{ 'm', "mysql-connector-java", "mysql-connector-j", DF_DRIVER, "mysql-connector-j", 6,
	  "mysql", 0 },
	{ 'm', "spring-boot-starter-webflux", "spring-webflux", DF_FRAMEWORK, "spring-webflux", 12,
	  NULL, KD_ASYNC },
	{ 'm', "spring-boot-starter-web", "spring-web", DF_FRAMEWORK, "spring", 10, NULL, 0 },
};

/* Python project names compare case-insensitively with '-', '_' and '.'
 * equivalent (PEP 503); copy into buf normalized. */
static void py_normalize(const char *s, size_t n, char *buf, size_t cap)
{
	size_t w = 0;

	for (size_t i = 0; i < n && w + 1 < cap; i++) {
		char c = (char)tolower((unsigned char)s[i]);

		buf[w++] = (c == '_' || c == '.') ? '-' : c;
	}
	buf[w] = '\0';
}

/* True when module path mod is name or lies under it ("/v5" suffixes). */
static int go_prefix(const char *mod, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(mod, name, n) && (mod[n] == '\0' || mod[n] == '/');
}

/* Records one dependency (see discover-int.h). */
int disc_dependency(struct disc *d, char eco, const char *name, size_t name_len,
		    const char *spec, size_t spec_len)
{
	char buf[160];
	int found = 0;

	if (name_len == 0 || name_len >= sizeof buf)
		return 0;
	if (eco == 'p') {
		py_normalize(name, name_len, buf, sizeof buf);
	} else {
		memcpy(buf, name, name_len);
		buf[name_len] = '\0';
	}
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		const struct known_dep *k = &known[i];
		char *version = NULL;

		if (k->eco != eco || (eco == 'g' ? !go_prefix(buf, k->name) : strcmp(buf, k->name)))
			continue;
		found = 1;
		disc_lib(d, k->lib);
		if (k->flags & KD_VERSION && spec)
			version = disc_version_mm(spec, spec_len);
		if (k->field != LIB_ONLY)
			disc_propose(d, (enum disc_field)k->field, k->value, version,
				     PRIO_MANIFEST + k->prio);
		if (k->db)
			disc_propose(d, DF_DATABASE, k->db, NULL, PRIO_MANIFEST + k->prio / 2);
		/* a framework makes the stack async only when it is the one
		 * picked (disc_finish): a Django service that pins tornado for
		 * its Celery monitor, or uses aiohttp as a client, is sync */
		if (k->flags & KD_ASYNC && k->field != DF_FRAMEWORK)
			d->is_async = 1;
		if (k->flags & KD_SQL) {
			disc_lib(d, "database/sql");
			disc_propose(d, DF_ORM, "database/sql", NULL, PRIO_MANIFEST);
		}
		/* Spring Boot's JDBC starters pool with HikariCP by default. */
		if (k->flags & KD_HIKARI)
			disc_lib(d, "hikaricp");
		free(version);
	}
	return found;
}

int disc_framework_async(const char *fw)
{
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (known[i].field == DF_FRAMEWORK && (known[i].flags & KD_ASYNC) &&
		    strcmp(known[i].value, fw) == 0)
			return 1;
	return 0;
}

int discover_library_undescribed(const char *lib)
{
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if ((known[i].flags & KD_UNDESCRIBED) && strcmp(known[i].lib, lib) == 0)
			return 1;
	return 0;
}

/* Whether the npm package makes package.json a backend manifest. */
static int js_backend(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (known[i].eco == 'j' && known[i].flags & KD_BACKEND &&
		    strlen(known[i].name) == n && !strncmp(known[i].name, name, n))
			return 1;
	return 0;
}

/* A PEP 508 requirement: "SQLAlchemy[asyncio]>=2.0 ; python_version>'3'". */
static int py_requirement(struct disc *d, const char *s, size_t n)
{
	size_t i = 0, name_end, spec;

	while (i < n && isspace((unsigned char)s[i]))
		i++;
	if (i >= n || !isalnum((unsigned char)s[i]))
		return 0;
	name_end = i;
	while (name_end < n && (isalnum((unsigned char)s[name_end]) || strchr("._-", s[name_end])))
		name_end++;
	spec = name_end;
	while (spec < n && isspace((unsigned char)s[spec]))
		spec++;
	if (spec < n && s[spec] == '[') {
		while (spec < n && s[spec] != ']')
			spec++;
		spec += spec < n;
	}
	/* Environment markers and URLs are not versions. */
	{
		size_t e = spec;

		while (e < n && s[e] != ';' && s[e] != '@' && s[e] != '#')
			e++;
		return disc_dependency(d, 'p', s + i, name_end - i, s + spec, e - spec);
	}
}

/* requirements*.txt: one requirement per line; options and includes are
 * skipped (included files are read on their own when they match). */
static int parse_requirements(struct disc *d, const char *text)
{
	int found = 0;

	for (const char *p = text; *p;) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);

		if (n && *p != '-' && *p != '#')
			found += py_requirement(d, p, n);
		p += n + (eol != NULL);
	}
	return found;
}

/* Every quoted string in s[0..n) is a requirement (TOML arrays). */
static int toml_string_items(struct disc *d, const char *s, size_t n)
{
	int found = 0;

	for (size_t i = 0; i < n; i++) {
		char q = s[i];
		size_t j;

		if (q == '#') {
			while (i < n && s[i] != '\n')
				i++;
			continue;
		}
		if (q != '"' && q != '\'')
			continue;
		for (j = i + 1; j < n && s[j] != q && s[j] != '\n'; j++)
			if (s[j] == '\\' && q == '"')
				j++;
		found += py_requirement(d, s + i + 1, j - i - 1);
		i = j;
	}
	return found;
}

/* Length of the TOML array starting at s ('['), to its closing bracket. */
static size_t toml_array_len(const char *s)
{
	int depth = 0;
	size_t i = 0;

	for (; s[i]; i++) {
		if (s[i] == '"' || s[i] == '\'') {
			char q = s[i++];

			while (s[i] && s[i] != q && s[i] != '\n')
				i += (s[i] == '\\' && q == '"' && s[i + 1]) ? 2 : 1;
			if (!s[i])
				break;
		} else if (s[i] == '#') {
			while (s[i + 1] && s[i] != '\n')
				i++;
		} else if (s[i] == '[') {
			depth++;
		} else if (s[i] == ']' && --depth == 0) {
			return i + 1;
		}
	}
	return i;
}

/* "name = "^2.0"" or "name = { version = ">=2.0", extras = [...] }". */
static int toml_table_dep(struct disc *d, const char *line, size_t n)
{
	size_t k = 0, v;
	const char *ver;

	while (k < n && (isalnum((unsigned char)line[k]) || strchr("._-", line[k])))
		k++;
	if (!k || (k == 6 && !strncasecmp(line, "python", 6)))
		return 0;
	v = k;
	while (v < n && (isspace((unsigned char)line[v]) || line[v] == '='))
		v++;
	ver = memmem(line + v, n - v, "version", 7);
	if (v < n && line[v] == '{' && ver) {
		v = (size_t)(ver - line) + 7;
		while (v < n && (isspace((unsigned char)line[v]) || line[v] == '='))
			v++;
	}
	return disc_dependency(d, 'p', line, k, line + v, n - v);
}

/* pyproject.toml and Pipfile: the sections that hold dependencies. */
static int parse_toml(struct disc *d, const char *text)
{
	char section[128] = "";
	int found = 0;

	for (const char *p = text; *p;) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		const char *s = p;

		while (s < p + n && isspace((unsigned char)*s))
			s++;
		if (*s == '[' && s[1] != '[') {
			const char *e = memchr(s, ']', (size_t)(p + n - s));
			size_t l = e ? (size_t)(e - s - 1) : 0;

			if (l >= sizeof section)
				l = sizeof section - 1;
			memcpy(section, s + 1, l);
			section[l] = '\0';
		} else if (*s && *s != '#' && s < p + n) {
			const char *eq = memchr(s, '=', (size_t)(p + n - s));
			const char *val = eq ? eq + 1 : NULL;
			int array_key;

			while (val && (*val == ' ' || *val == '\t'))
				val++;
			array_key = val && *val == '[' &&
				(((!strcmp(section, "project") || !strcmp(section, "tool.uv")) &&
				  (!strncmp(s, "dependencies", 12) || !strncmp(s, "dev-dependencies", 16))) ||
				 !strcmp(section, "project.optional-dependencies") ||
				 !strcmp(section, "dependency-groups"));
			if (array_key) {
				size_t al = toml_array_len(val);

				found += toml_string_items(d, val, al);
				p = val + al;
				continue;
			}
			if (eq && (!strcmp(section, "tool.poetry.dependencies") ||
				   !strcmp(section, "tool.poetry.dev-dependencies") ||
				   (!strncmp(section, "tool.poetry.group.", 18) &&
				    strstr(section, ".dependencies")) ||
				   !strcmp(section, "packages") || !strcmp(section, "dev-packages")))
				found += toml_table_dep(d, s, (size_t)(p + n - s));
		}
		p += n + (eol != NULL);
	}
	return found;
}

/* setup.cfg: install_requires and extras_require values (indented
 * continuation lines). */
static int parse_setup_cfg(struct disc *d, const char *text)
{
	char section[64] = "";
	int in_list = 0, found = 0;

	for (const char *p = text; *p;) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);

		if (n && *p == '[') {
			const char *e = memchr(p, ']', n);
			size_t l = e ? (size_t)(e - p - 1) : 0;

			l = l < sizeof section ? l : sizeof section - 1;
			memcpy(section, p + 1, l);
			section[l] = '\0';
			in_list = 0;
		} else if (n && !isspace((unsigned char)*p)) {
			const char *eq = memchr(p, '=', n);

			in_list = eq && ((!strcmp(section, "options") && !strncmp(p, "install_requires", 16)) ||
					 !strcmp(section, "options.extras_require"));
			if (in_list)
				found += py_requirement(d, eq + 1, (size_t)(p + n - eq - 1));
		} else if (in_list && n) {
			found += py_requirement(d, p, n);
		}
		p += n + (eol != NULL);
	}
	return found;
}

/* The next JSON token of text from *pos: one of "{}[]:," , 's' for a
 * string (*tok and *tl: its body, escapes left in), 'v' for any other
 * literal, 0 at the end. */
static char json_token(const char *text, size_t len, size_t *pos, const char **tok, size_t *tl)
{
	size_t i = *pos;

	while (i < len && isspace((unsigned char)text[i]))
		i++;
	if (i >= len) {
		*pos = i;
		return 0;
	}
	if (strchr("{}[]:,", text[i])) {
		*pos = i + 1;
		return text[i];
	}
	if (text[i] == '"') {
		size_t j = i + 1;

		while (j < len && text[j] != '"')
			j += text[j] == '\\' ? 2 : 1;
		*tok = text + i + 1;
		*tl = (j < len ? j : len) - i - 1;
		*pos = j + 1;
		return 's';
	}
	while (i < len && !strchr("{}[]:, \t\r\n", text[i]))
		i++;
	*pos = i;
	return 'v';
}

/* package.json: the top-level dependency objects. */
static int parse_package_json(struct disc *d, const char *text, size_t len, int *backend)
{
	const char *tok = NULL, *key = NULL;
	size_t tl = 0, kl = 0, pos = 0;
	int depth = 0, in_deps = 0, found = 0;
	char t, prev = 0;

	while ((t = json_token(text, len, &pos, &tok, &tl))) {
		if (t == '{' || t == '[') {
			depth++;
			if (t == '{' && depth == 2 && prev == ':' && key &&
			    ((kl == 12 && !strncmp(key, "dependencies", 12)) ||
			     (kl == 15 && !strncmp(key, "devDependencies", 15)) ||
			     (kl == 16 && !strncmp(key, "peerDependencies", 16)) ||
			     (kl == 20 && !strncmp(key, "optionalDependencies", 20))))
				in_deps = 1;
		} else if (t == '}' || t == ']') {
			if (depth == 2)
				in_deps = 0;
			depth--;
		} else if (t == 's' && prev != ':') {
			key = tok;
			kl = tl;
		} else if (t == 's' && in_deps && depth == 2 && key) {
			if (disc_dependency(d, 'j', key, kl, tok, tl))
				found++;
			if (js_backend(key, kl))
				*backend = 1;
		}
		prev = t;
	}
	return found;
}

/* One "module version" requirement, unless it is marked indirect (not
 * the service's own choice). */
static int go_require(struct disc *d, const char *s, const char *e)
{
	const char *m = s, *v;

	if (s >= e || memmem(s, (size_t)(e - s), "// indirect", 11))
		return 0;
	while (m < e && !isspace((unsigned char)*m))
		m++;
	v = m;
	while (v < e && isspace((unsigned char)*v))
		v++;
	return disc_dependency(d, 'g', s, (size_t)(m - s), v, (size_t)(e - v));
}

/* go.mod: require lines and require ( ... ) blocks. */
static int parse_go_mod(struct disc *d, const char *text)
{
	int in_block = 0, found = 0;

	for (const char *p = text; *p;) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		const char *s = p, *e = p + n;

		while (s < e && isspace((unsigned char)*s))
			s++;
		if (!strncmp(s, "require", 7) && s + 7 < e && isspace((unsigned char)s[7])) {
			const char *r = s + 7;

			while (r < e && isspace((unsigned char)*r))
				r++;
			if (*r == '(')
				in_block = 1;
			else
				found += go_require(d, r, e);
		} else if (in_block && *s == ')') {
			in_block = 0;
		} else if (in_block) {
			found += go_require(d, s, e);
		}
		p += n + (eol != NULL);
	}
	return found;
}

/* pom.xml artifactIds and Gradle "group:artifact:version" coordinates. */
static int parse_java(struct disc *d, const char *text, size_t len, int gradle)
{
	struct regex *re;
	struct regex_match m;
	size_t pos = 0;
	int found = 0;
	char err[128];

	re = gradle ? regex_compile("[\"']([\\w.-]+):([\\w.-]+)(?::([\\w.+-]+))?[\"']", 0, err, sizeof err)
		    : regex_compile("<artifactId>\\s*([\\w.-]+)\\s*</artifactId>", 0, err, sizeof err);
	if (!re)
		fatal("internal regex: %s", err);
	while (regex_match(re, text, len, pos, &m) == 1) {
		int g = gradle ? 2 : 1;

		found += disc_dependency(d, 'm', text + m.off[g], (size_t)m.len[g], NULL, 0);
		pos = (size_t)(m.off[0] + m.len[0]);
	}
	regex_free(re);
	return found;
}

/* Names in dir (relative to root) starting with prefix and ending with
 * suffix, sorted. */
static void list_matching(struct disc *d, const char *dir, const char *prefix,
			  const char *suffix, struct disc_list *out)
{
	char *path = *dir ? fs_join(d->root, dir) : xstrdup(d->root);
	DIR *dh = fs_opendir(path);
	struct dirent *e;
	size_t first = out->n;

	free(path);
	if (!dh)
		return;
	while ((e = readdir(dh))) {
		size_t l = strlen(e->d_name), sl = strlen(suffix);

		if (!strncmp(e->d_name, prefix, strlen(prefix)) && l > sl &&
		    !strcmp(e->d_name + l - sl, suffix)) {
			char *rel = *dir ? xasprintf("%s/%s", dir, e->d_name) : xstrdup(e->d_name);

			disc_list_add(out, rel);
			free(rel);
		}
	}
	closedir(dh);
	for (size_t i = first + 1; i < out->n; i++)
		for (size_t j = i; j > first && strcmp(out->items[j - 1], out->items[j]) > 0; j--) {
			char *t = out->items[j];

			out->items[j] = out->items[j - 1];
			out->items[j - 1] = t;
		}
}

/* Reads every manifest at the root, and the .txt files of requirements/. */
static const char *const manifest_names[] = {
	"pyproject.toml", "setup.cfg", "Pipfile", "setup.py", "package.json", "go.mod",
	"pom.xml",
};

int disc_is_manifest_name(const char *base)
{
	for (size_t i = 0; i < sizeof manifest_names / sizeof manifest_names[0]; i++)
		if (!strcmp(base, manifest_names[i]))
			return 1;
	return !strncmp(base, "requirements", 12) && strlen(base) >= 16 &&
	       !strcmp(base + strlen(base) - 4, ".txt");
}

void disc_manifest_file(struct disc *d, const char *rel)
{
	const char *base = strrchr(rel, '/');
	size_t len;
	char *text = disc_read(d, rel, &len);
	int found = 0, backend = 0;

	if (!text)
		return;
	base = base ? base + 1 : rel;
	if (!strcmp(base, "package.json")) {
		found = parse_package_json(d, text, len, &backend);
		disc_propose(d, DF_LANGUAGE, "javascript", NULL, backend ? PRIO_MANIFEST : 10);
	} else if (!strcmp(base, "go.mod")) {
		found = parse_go_mod(d, text);
		disc_propose(d, DF_LANGUAGE, "go", NULL, PRIO_MANIFEST + 5);
	} else if (!strcmp(base, "pom.xml") || !strncmp(base, "build.gradle", 12)) {
		found = parse_java(d, text, len, base[0] == 'b');
		disc_propose(d, DF_LANGUAGE, "java", NULL, PRIO_MANIFEST + 5);
	} else {
		if (!strcmp(base, "pyproject.toml") || !strcmp(base, "Pipfile"))
			found = parse_toml(d, text);
		else if (!strcmp(base, "setup.cfg"))
			found = parse_setup_cfg(d, text);
		else if (strcmp(base, "setup.py"))
			found = parse_requirements(d, text);
		disc_propose(d, DF_LANGUAGE, "python", NULL, PRIO_MANIFEST + 10);
	}
	/* A manifest says which language the project is in even when
	 * none of its dependencies is recognised. */
	(void)found;
	disc_source(d, rel);
	free(text);
}

void disc_manifests(struct disc *d)
{
	struct disc_list files = { 0 };

	list_matching(d, "", "requirements", ".txt", &files);
	list_matching(d, "requirements", "", ".txt", &files);
	for (size_t i = 0; i < sizeof manifest_names / sizeof manifest_names[0]; i++)
		disc_list_add(&files, manifest_names[i]);
	list_matching(d, "", "build.gradle", "", &files);
	for (size_t i = 0; i < files.n; i++)
		disc_manifest_file(d, files.items[i]);
	disc_list_free(&files);
}
