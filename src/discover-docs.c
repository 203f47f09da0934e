/* Project documents and environment files: docker-compose images,
 * docs/project/tech_stack.md prose and the team id on the kanban board. */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "discover-int.h"
#include "util/fsutil.h"
#include "util/regex.h"
#include "util/xalloc.h"

/* ---- docker-compose ---------------------------------------------------- */

/* Database or service named by an image reference such as
 * "docker.io/library/postgres:16-alpine" or "bitnami/postgresql:16". */
static void compose_image(struct disc *d, const char *img, size_t n)
{
	static const struct { const char *repo, *db, *lib; } map[] = {
		{ "postgres", "postgresql", NULL }, { "postgresql", "postgresql", NULL },
		{ "postgis", "postgresql", NULL }, { "timescaledb", "postgresql", NULL },
		{ "mysql", "mysql", NULL }, { "percona", "mysql", NULL },
		{ "mariadb", "mariadb", NULL }, { "mongo", "mongodb", NULL },
		{ "mongodb", "mongodb", NULL }, { "cockroach", "cockroachdb", NULL },
		{ "redis", NULL, "redis" }, { "valkey", NULL, "redis" },
		{ "rabbitmq", NULL, "rabbitmq" },
	};
	const char *end = img + n, *name = img, *colon, *tag = NULL;
	char *version = NULL;
	size_t name_len;

	/* The repository's last path component, then the tag. */
	for (const char *p = img; p < end; p++)
		if (*p == '/')
			name = p + 1;
	colon = memchr(name, ':', (size_t)(end - name));
	name_len = (size_t)((colon ? colon : end) - name);
	if (colon)
		tag = colon + 1;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (strlen(map[i].repo) != name_len || strncmp(name, map[i].repo, name_len))
			continue;
		if (map[i].lib) {
			disc_lib(d, map[i].lib);
			return;
		}
		if (tag && isdigit((unsigned char)*tag)) {
			size_t v = 0;

			while (tag + v < end && (isdigit((unsigned char)tag[v]) || tag[v] == '.'))
				v++;
			while (v && tag[v - 1] == '.')
				v--;
			version = xstrndup(tag, v);
		}
		disc_propose(d, DF_DATABASE, map[i].db, version, PRIO_IMAGE);
		free(version);
		return;
	}
}

/* docker-compose*.yml / compose*.yml at the root: images and DSNs. */
void disc_compose(struct disc *d)
{
	struct regex *re = disc_rx("^[ \\t-]*image:[ \\t]*[\"']?([^\\s\"'#]+)", REGEX_MULTILINE);
	struct disc_list names = { 0 };
	DIR *dir = fs_opendir(d->root);
	struct dirent *e;

	if (!dir) {
		regex_free(re);
		return;
	}
	while ((e = readdir(dir))) {
		const char *nm = e->d_name;
		size_t l = strlen(nm);

		if ((strncmp(nm, "docker-compose", 14) == 0 || strncmp(nm, "compose", 7) == 0) &&
		    ((l > 4 && !strcmp(nm + l - 4, ".yml")) || (l > 5 && !strcmp(nm + l - 5, ".yaml"))))
			disc_list_add(&names, nm);
	}
	closedir(dir);
	disc_list_sort_unique(&names);
	for (size_t i = 0; i < names.n; i++) {
		size_t len, pos = 0;
		char *text = disc_read(d, names.items[i], &len);
		struct regex_match m;
		size_t before = d->n_cands[DF_DATABASE] + d->libs.n;

		if (!text)
			continue;
		while (regex_match(re, text, len, pos, &m) == 1) {
			compose_image(d, text + m.off[1], (size_t)m.len[1]);
			pos = (size_t)(m.off[0] + m.len[0]);
		}
		disc_scan_dsn(d, text, len, PRIO_DSN);
		if (d->n_cands[DF_DATABASE] + d->libs.n != before)
			disc_source(d, names.items[i]);
		free(text);
	}
	disc_list_free(&names);
	regex_free(re);
}

/* ---- docs/project/tech_stack.md ---------------------------------------- */

/* Free text: the first mention of each known name, with the version that
 * follows it on the same line ("PostgreSQL 16", "| SQLAlchemy | 2.0 |"). */
void disc_tech_stack(struct disc *d)
{
	static const struct { const char *pat; enum disc_field f; const char *value; } names[] = {
		{ "\\bpostgre(?:sql|s)\\b", DF_DATABASE, "postgresql" },
		{ "\\bmysql\\b", DF_DATABASE, "mysql" },
		{ "\\bmariadb\\b", DF_DATABASE, "mariadb" },
		{ "\\bsqlite\\b", DF_DATABASE, "sqlite" },
		{ "\\bmongodb\\b", DF_DATABASE, "mongodb" },
		{ "\\bsqlalchemy\\b", DF_ORM, "sqlalchemy" },
		{ "\\bdjango\\b", DF_ORM, "django" },
		{ "\\bprisma\\b", DF_ORM, "prisma" },
		{ "\\btypeorm\\b", DF_ORM, "typeorm" },
		{ "\\bsequelize\\b", DF_ORM, "sequelize" },
		{ "\\bgorm\\b", DF_ORM, "gorm" },
		{ "\\b(?:hibernate|jpa)\\b", DF_ORM, "jpa" },
		{ "\\basyncpg\\b", DF_DRIVER, "asyncpg" },
		{ "\\bpsycopg2\\b", DF_DRIVER, "psycopg2" },
		{ "\\bpsycopg(?:\\s*3)?\\b", DF_DRIVER, "psycopg" },
		{ "\\bfastapi\\b", DF_FRAMEWORK, "fastapi" },
		{ "\\bstarlette\\b", DF_FRAMEWORK, "starlette" },
		{ "\\bflask\\b", DF_FRAMEWORK, "flask" },
		{ "\\baiohttp\\b", DF_FRAMEWORK, "aiohttp" },
		{ "\\bdjango\\b", DF_FRAMEWORK, "django" },
		{ "\\bexpress(?:\\.js)?\\b", DF_FRAMEWORK, "express" },
		{ "\\bnest(?:js|\\.js)\\b", DF_FRAMEWORK, "nestjs" },
		{ "\\bspring(?: boot)?\\b", DF_FRAMEWORK, "spring" },
		{ "\\bpython\\b", DF_LANGUAGE, "python" },
		{ "\\b(?:typescript|javascript|node\\.?js)\\b", DF_LANGUAGE, "javascript" },
		{ "\\b(?:golang|go\\s+1\\.\\d+)\\b", DF_LANGUAGE, "go" },
		{ "\\bjava\\b(?!script)", DF_LANGUAGE, "java" },
	};
	const char *rel = "docs/project/tech_stack.md";
	size_t len;
	char *text = disc_read(d, rel, &len);
	int hits = 0;

	if (!text)
		return;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct regex *re = disc_rx(names[i].pat, REGEX_CASELESS);
		struct regex_match m;
		char *version = NULL;

		if (regex_match(re, text, len, 0, &m) == 1) {
			const char *p = text + m.off[0] + m.len[0];
			int skip = 0;

			/* Skip table pipes, colons, emphasis and a 'v' prefix. */
			while (*p && skip < 12 && strchr(" \t|:*`_v", *p))
				p++, skip++;
			if (isdigit((unsigned char)*p)) {
				size_t v = 0;

				while (isdigit((unsigned char)p[v]) || (p[v] == '.' && isdigit((unsigned char)p[v + 1])))
					v++;
				version = xstrndup(p, v);
				/* ORM versions are kept to major.minor like the manifests. */
				if (names[i].f == DF_ORM) {
					char *mm = disc_version_mm(version, v);

					free(version);
					version = mm;
				}
			}
			disc_propose(d, names[i].f, names[i].value, version, PRIO_DOC);
			free(version);
			hits++;
		}
		regex_free(re);
	}
	if (hits)
		disc_source(d, rel);
	free(text);
}

/* ---- docs/tasks/kanban_board.md ---------------------------------------- */

/* "Team ID: ABC", "**Team:** XYZ", "- **Team ID**: PLAT-7". */
void disc_team(struct disc *d)
{
	const char *rel = "docs/tasks/kanban_board.md";
	struct regex *re;
	struct regex_match m;
	size_t len;
	char *text = disc_read(d, rel, &len);

	if (!text)
		return;
	re = disc_rx("^[\\s>*_-]*(?:\\*\\*|__)?Team(?:[ _-]?ID)?(?:\\*\\*|__)?[ \\t]*:[ \\t]*"
		"(?:\\*\\*|__)?[ \\t]*[`\"']?([A-Za-z0-9][\\w.-]*)",
		REGEX_CASELESS | REGEX_MULTILINE);
	if (regex_match(re, text, len, 0, &m) == 1) {
		d->ctx->team_id = xstrndup(text + m.off[1], (size_t)m.len[1]);
		disc_source(d, rel);
	}
	regex_free(re);
	free(text);
}
