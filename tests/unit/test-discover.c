/* Discovery, the context store's JSON round trip, the knowledge base and
 * the regex wrapper, on the small projects under
 * tests/unit/data/discover/ (found through $top_srcdir). */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "context.h"
#include "discover.h"
#include "discover-int.h"
#include "util/fsutil.h"
#include "util/regex.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static const char *top;

/* Runs discovery on one case folder into ctx. */
static int run_case(const char *name, const struct config *cfg, struct context *ctx,
		    struct discover_sources *src)
{
	char err[256] = "";
	char *root = xasprintf("%s/tests/unit/data/discover/%s", top, name);
	int rc;

	memset(ctx, 0, sizeof *ctx);
	rc = discover_project(root, cfg, ctx, src, NULL, err, sizeof err);
	if (rc)
		printf("# discover %s: %s\n", name, err);
	free(root);
	return rc;
}

/* is_int that also says whether it passed, to guard dependent checks. */
static int is_n(long long got, long long want, const char *name)
{
	int pass = ok(got == want, "%s", name);

	if (!pass)
		printf("#   got:  %lld\n#   want: %lld\n", got, want);
	return pass;
}

/* Joined string list, for compact assertions. */
static char *joined(char *const *v, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addc(&sb, ',');
		sb_adds(&sb, v[i]);
	}
	return sb_detach(&sb);
}

#define is_list(v, n, want, name) do { \
	char *j_ = joined((v), (n)); \
	is_str(j_, (want), name); \
	free(j_); \
} while (0)

/* Serialises, parses back and serialises again: both texts must match. */
static void check_round_trip(const struct context *ctx, const char *name)
{
	cJSON *j = context_to_json(ctx), *j2;
	char *a = cJSON_Print(j), *b, err[128] = "";
	struct context *back;
	cJSON *parsed = cJSON_Parse(a);

	back = context_from_json(parsed, err, sizeof err);
	ok(back != NULL, "%s: context_from_json accepts context_to_json output %s", name, err);
	if (!back)
		return;
	j2 = context_to_json(back);
	b = cJSON_Print(j2);
	is_str(b, a, "%s: JSON round trip is lossless", name);
	if (back->n_adrs)
		ok(back->adrs[0].body == NULL, "%s: ADR body is not in JSON", name);
	context_free(back);
	free(back);
	cJSON_Delete(j);
	cJSON_Delete(j2);
	cJSON_Delete(parsed);
	free(a);
	free(b);
}

/* The FastAPI / async SQLAlchemy / PostgreSQL project. */
static void test_fastapi_pg(void)
{
	struct context ctx;
	struct discover_sources src;
	const struct tech_stack *st = &ctx.stack;
	const struct engine_config *e;
	const struct trigger *t;
	const struct adr *a;

	if (!ok(run_case("fastapi-pg", NULL, &ctx, &src) == 0, "fastapi-pg: discovered"))
		return;
	is_str(st->language, "python", "fastapi-pg: language");
	is_str(st->database, "postgresql", "fastapi-pg: database");
	is_str(st->database_version, "16", "fastapi-pg: version from postgres:16-alpine");
	is_str(st->orm, "sqlalchemy", "fastapi-pg: orm");
	is_str(st->orm_version, "2.0", "fastapi-pg: orm version from SQLAlchemy==2.0.30");
	is_str(st->driver, "asyncpg", "fastapi-pg: driver");
	is_str(st->async_framework, "fastapi", "fastapi-pg: framework");
	is_str(st->di_style, "fastapi_depends", "fastapi-pg: di style");
	is_int(st->is_async, 1, "fastapi-pg: async");
	is_list(st->libraries, st->n_libraries,
		"aiosqlite,alembic,asyncpg,celery,fastapi,httpx,psycopg2,redis,requests,sqlalchemy,uvicorn",
		"fastapi-pg: libraries sorted and unique");
	is_list(st->sources, st->n_sources,
		".env.example,alembic/versions/0003_order_events.py,app/db/reporting.py,"
		"app/db/session.py,db/sql/audit.sql,docker-compose.yml,"
		"docs/adr/0007-order-events-via-notify.md,docs/adr/ADR-012-nightly-export.md,"
		"docs/project/tech_stack.md,docs/tasks/kanban_board.md,requirements-dev.txt,"
		"requirements.txt",
		"fastapi-pg: sources");
	is_str(ctx.team_id, "PLAT-7", "fastapi-pg: team id from the kanban board");
	ok(ctx.codebase_root && strstr(ctx.codebase_root, "fastapi-pg"), "fastapi-pg: root kept");

	is_int(ctx.db.expire_on_commit, TRI_FALSE, "fastapi-pg: expire_on_commit=False");
	is_int(ctx.db.autoflush, TRI_FALSE, "fastapi-pg: autoflush=False");
	is_int(ctx.db.autocommit, TRI_UNKNOWN, "fastapi-pg: autocommit unknown");
	is_str(ctx.db.isolation_level, "REPEATABLE READ", "fastapi-pg: isolation level");

	/* Commented-out calls, tests/ and .venv/ must not count. */
	if (is_n(ctx.db.n_engines, 2, "fastapi-pg: two engines")) {
		e = &ctx.db.engines[0];
		is_str(e->file, "app/db/reporting.py", "engine 0 file");
		is_int(e->line, 3, "engine 0 line");
		is_int(e->pool_size, ENGINE_VALUE_UNKNOWN, "engine 0 pool_size from settings");
		is_int(e->max_overflow, -1, "engine 0 max_overflow unset");
		is_int(e->pool_pre_ping, TRI_UNKNOWN, "engine 0 pre_ping unset");
		is_int(e->pool_recycle, -1, "engine 0 recycle unset");
		is_int(e->null_pool, 0, "engine 0 not NullPool");
		e = &ctx.db.engines[1];
		is_str(e->file, "app/db/session.py", "engine 1 file");
		is_int(e->line, 7, "engine 1 line (multi-line call)");
		is_int(e->pool_size, 20, "engine 1 pool_size");
		is_int(e->max_overflow, 10, "engine 1 max_overflow");
		is_int(e->pool_pre_ping, TRI_TRUE, "engine 1 pre_ping");
		is_int(e->pool_recycle, 1800, "engine 1 recycle 30 * 60");
		is_int(e->null_pool, 0, "engine 1 not NullPool");
	}

	if (is_n(ctx.db.n_triggers, 3, "fastapi-pg: three triggers")) {
		t = &ctx.db.triggers[0];
		is_str(t->name, "orders_notify", "trigger 0 name");
		is_str(t->table, "orders", "trigger 0 table (schema dropped)");
		is_str(t->event, "INSERT OR UPDATE", "trigger 0 events (column list dropped)");
		is_str(t->function, "notify_order_change", "trigger 0 function");
		is_str(t->channel, "order_events", "trigger 0 channel from pg_notify");
		is_int(t->notifies, 1, "trigger 0 notifies");
		is_str(t->file, "alembic/versions/0003_order_events.py", "trigger 0 file");
		is_int(t->line, 28, "trigger 0 line");
		t = &ctx.db.triggers[1];
		is_str(t->name, "payments_audit", "trigger 1 name");
		is_str(t->table, "payments", "trigger 1 table (quotes dropped)");
		is_str(t->event, "DELETE OR UPDATE", "trigger 1 events");
		is_str(t->function, "audit_payment", "trigger 1 function (PROCEDURE)");
		is_str(t->channel, "payment_audit", "trigger 1 channel from NOTIFY");
		is_int(t->notifies, 1, "trigger 1 notifies");
		is_str(t->file, "db/sql/audit.sql", "trigger 1 file");
		is_int(t->line, 12, "trigger 1 line");
		t = &ctx.db.triggers[2];
		is_str(t->name, "payments_touch", "trigger 2 name");
		is_str(t->event, "UPDATE", "trigger 2 event");
		is_str(t->function, "touch_updated_at", "trigger 2 function");
		ok(t->channel == NULL, "trigger 2 without a known function has no channel");
		is_int(t->notifies, 0, "trigger 2 does not notify");
		is_int(t->line, 18, "trigger 2 line");
	}

	if (is_n(ctx.n_adrs, 2, "fastapi-pg: two ADRs (README skipped)")) {
		a = &ctx.adrs[0];
		is_str(a->id, "ADR-007", "ADR 0 id from 0007-");
		is_str(a->title, "Order status changes are pushed with PostgreSQL NOTIFY",
		       "ADR 0 title without its id prefix");
		is_str(a->status, "accepted", "ADR 0 status from **Status:**");
		is_str(a->file, "docs/adr/0007-order-events-via-notify.md", "ADR 0 file");
		is_list(a->paths, a->n_paths,
			"app/services/orders/*,app/workers/status_sync.py,docs/runbooks/notify.md",
			"ADR 0 paths (route and code spans ignored)");
		is_list(a->checks, a->n_checks, "missing_intermediate_commits", "ADR 0 checks");
		ok(a->body && strstr(a->body, "committed one by one"), "ADR 0 body kept");
		a = &ctx.adrs[1];
		is_str(a->id, "ADR-012", "ADR 1 id from ADR-012-");
		is_str(a->title, "Nightly export writes files synchronously", "ADR 1 title");
		is_str(a->status, "proposed", "ADR 1 status from ## Status section");
		is_list(a->paths, a->n_paths, "app/tasks/export.py", "ADR 1 paths");
		is_list(a->checks, a->n_checks, "blocking_io,sync_sleep", "ADR 1 checks");
	}

	ok(src.n_files >= ctx.stack.n_sources, "sources: every contributing file was read");
	is_list(src.migration_dirs, src.n_migration_dirs, "alembic/versions",
		"sources: migration folders");
	ok(src.elapsed_ms >= 0, "discovery reports its wall time");
	printf("# discovery took %.2f ms\n", src.elapsed_ms);

	/* Knowledge base for this stack, from the embedded copy. */
	unsetenv("PPAUDIT_DATADIR");
	{
		int n = context_load_practices(&ctx);
		int seen_sqla = 0, seen_asyncio = 0, seen_django = 0, urls = 1;

		ok(n > 0 && (size_t)n == ctx.n_practices, "practices loaded (%d)", n);
		for (size_t i = 0; i < ctx.n_practices; i++) {
			const struct best_practice *p = &ctx.practices[i];

			seen_sqla |= !strcmp(p->technology, "sqlalchemy");
			seen_asyncio |= !strcmp(p->technology, "asyncio");
			seen_django |= !strcmp(p->technology, "django");
			urls &= p->url && !strncmp(p->url, "https://", 8) && p->title && p->text;
		}
		ok(seen_sqla, "practices include sqlalchemy");
		ok(seen_asyncio, "practices include asyncio for an async Python stack");
		ok(!seen_django, "practices exclude technologies not in the stack");
		ok(urls, "every practice has a title, text and an https URL");
	}
	check_round_trip(&ctx, "fastapi-pg");
	context_free(&ctx);
	discover_sources_free(&src);
}

/* Poetry + Django + Django migrations with RunSQL. */
static void test_poetry_django(void)
{
	struct context ctx;
	const struct tech_stack *st = &ctx.stack;

	if (!ok(run_case("poetry-django", NULL, &ctx, NULL) == 0, "poetry-django: discovered"))
		return;
	is_str(st->language, "python", "django: language");
	is_str(st->database, "postgresql", "django: database");
	ok(st->database_version == NULL, "django: no database version");
	is_str(st->orm, "django", "django: orm");
	is_str(st->orm_version, "4.2", "django: orm version from ^4.2.11");
	is_str(st->driver, "psycopg2", "django: driver from psycopg2-binary");
	is_str(st->async_framework, "django", "django: framework");
	ok(st->di_style == NULL, "django: no DI style");
	is_int(st->is_async, 0, "django: not async");
	is_list(st->libraries, st->n_libraries, "celery,django,psycopg2,requests",
		"django: libraries (inline tables, python excluded)");
	ok(ctx.team_id == NULL, "django: no team id");
	if (is_n(ctx.db.n_triggers, 1, "django: one RunSQL trigger")) {
		const struct trigger *t = &ctx.db.triggers[0];

		is_str(t->name, "stock_notify", "django trigger name");
		is_str(t->table, "shop_stock", "django trigger table");
		is_str(t->event, "UPDATE", "django trigger event");
		is_str(t->function, "stock_changed", "django trigger function");
		is_str(t->channel, "stock", "django trigger channel across adjacent literals");
		is_int(t->notifies, 1, "django trigger notifies");
		is_str(t->file, "shop/migrations/0004_stock_notify.py", "django trigger file");
		is_int(t->line, 15, "django trigger line");
	}
	if (is_n(ctx.n_adrs, 2, "django: two ADRs in docs/architecture/decisions")) {
		const struct adr *a = &ctx.adrs[0];

		is_str(a->id, "ADR-003", "ADR id from an 'ADR-3:' heading");
		is_str(a->title, "Imports use bulk_create", "ADR-3 title");
		is_str(a->status, "superseded", "ADR-3 status from a list item");
		is_list(a->paths, a->n_paths, "shop/importers/,shop/tasks.py", "ADR-3 Scope: items");
		is_int(a->n_checks, 0, "ADR-3 names no check id (bulk_create is not one)");
		a = &ctx.adrs[1];
		is_str(a->id, "ADR-005", "ADR-005 from the file name");
		is_str(a->title, "Batched imports through COPY", "adr-tools '5.' prefix dropped");
		is_str(a->status, "accepted", "ADR-005 status");
		is_list(a->paths, a->n_paths, "shop/importers/csv_import.py", "ADR-005 paths");
		is_list(a->checks, a->n_checks, "n_plus_one", "ADR-005 checks");
	}
	ctx.output_dir = xstrdup("docs/project/.audit/ln-650/2026-01-02");
	check_round_trip(&ctx, "poetry-django");
	context_free(&ctx);
}

/* A Django project (Django declared, manage.py at the root) that also
 * pins tornado for its Celery monitor and calls out with aiohttp: Django
 * serves it and the stack is sync. Look-alike: a tornado service whose
 * manage.py is its own script keeps tornado, and tornado makes it async. */
static void test_django_pinned(void)
{
	struct context ctx;
	const struct tech_stack *st = &ctx.stack;

	if (ok(run_case("django-pinned", NULL, &ctx, NULL) == 0, "django-pinned: discovered")) {
		is_str(st->orm, "django", "django-pinned: orm");
		is_str(st->async_framework, "django",
		       "django-pinned: framework is Django, not the pinned tornado");
		is_int(st->is_async, 0, "django-pinned: sync (aiohttp, tornado not picked)");
		is_list(st->libraries, st->n_libraries, "aiohttp,celery,django,psycopg,tornado",
			"django-pinned: libraries still list the pins");
		is_str(st->database, "postgresql", "django-pinned: database from ENGINE");
		if (is_n(ctx.db.n_engines, 3, "django-pinned: one engine per DATABASES alias")) {
			const struct engine_config *e = &ctx.db.engines[0];

			is_str(e->file, "reader/settings.py", "DATABASES file");
			is_int(e->line, 7, "default alias line");
			is_int(e->pool_recycle, 600, "CONN_MAX_AGE 10 * 60 is the kept lifetime");
			is_int(e->pool_pre_ping, TRI_TRUE, "CONN_HEALTH_CHECKS is the pre-ping");
			is_int(e->pool_size, 2, "OPTIONS pool min_size");
			is_int(e->max_overflow, 8, "OPTIONS pool max_size above min_size");
			is_int(e->null_pool, 0, "default alias pools");
			e = &ctx.db.engines[1];
			is_int(e->line, 15, "reports alias line");
			is_int(e->null_pool, 1, "no CONN_MAX_AGE, no pool: a connection per request");
			is_int(e->pool_pre_ping, TRI_UNKNOWN, "reports: no health checks set");
			is_int(e->pool_recycle, -1, "reports: CONN_MAX_AGE not set");
			e = &ctx.db.engines[2];
			is_int(e->null_pool, 0, "an alias built by a call proves nothing");
			is_int(e->pool_recycle, ENGINE_VALUE_UNKNOWN, "archive alias: unknown");
		}
		context_free(&ctx);
	}
	if (ok(run_case("tornado-service", NULL, &ctx, NULL) == 0, "tornado-service: discovered")) {
		is_str(st->async_framework, "tornado",
		       "tornado-service: a manage.py without Django is not a Django project");
		is_int(st->is_async, 1, "tornado-service: the picked tornado makes it async");
		is_n(ctx.db.n_engines, 0, "tornado-service: MY_DATABASES is not DATABASES");
		context_free(&ctx);
	}
}

/* PEP 621, setup.cfg and requirements/; sync SQLAlchemy 1.4 on Flask. */
static void test_pep621(void)
{
	struct context ctx;
	const struct tech_stack *st = &ctx.stack;

	if (!ok(run_case("pep621", NULL, &ctx, NULL) == 0, "pep621: discovered"))
		return;
	is_str(st->language, "python", "pep621: language");
	is_str(st->database, "postgresql", "pep621: database from psycopg and the DSN");
	is_str(st->orm, "sqlalchemy", "pep621: orm");
	is_str(st->orm_version, "1.4", "pep621: version from >=1.4.49,<2.0");
	is_str(st->driver, "psycopg", "pep621: psycopg 3 driver");
	is_str(st->async_framework, "flask", "pep621: framework");
	ok(st->di_style == NULL, "pep621: no DI style");
	is_int(st->is_async, 0, "pep621: sync stack");
	is_list(st->libraries, st->n_libraries, "dramatiq,flask,gunicorn,httpx,psycopg,rq,sqlalchemy",
		"pep621: libraries from pyproject, setup.cfg and requirements/");
	if (is_n(ctx.db.n_engines, 1, "pep621: one engine in core/dbconn.py")) {
		const struct engine_config *e = &ctx.db.engines[0];

		is_str(e->file, "service/core/dbconn.py", "pep621 engine file");
		is_int(e->line, 5, "pep621 engine line");
		is_int(e->null_pool, 1, "pep621 poolclass=NullPool");
		is_int(e->pool_pre_ping, TRI_TRUE, "pep621 pre_ping from a setting counts as set");
		is_int(e->pool_size, -1, "pep621 pool_size unset");
	}
	is_int(ctx.db.autoflush, TRI_TRUE, "pep621: autoflush=True");
	is_int(ctx.db.expire_on_commit, TRI_UNKNOWN, "pep621: expire_on_commit unknown");
	is_int(ctx.n_adrs, 0, "pep621: no ADRs");
	check_round_trip(&ctx, "pep621");
	context_free(&ctx);
}

/* A monorepo: manifests only in service folders; or none, and the setup
 * module's imports say it (issue 13, item 6). */
static void test_service_folders(void)
{
	struct context ctx;
	const struct tech_stack *st = &ctx.stack;

	if (ok(run_case("monorepo", NULL, &ctx, NULL) == 0, "monorepo: discovered")) {
		is_str(st->language, "python", "monorepo: language from services/api");
		/* the project's ORM is one of the two services' (no root manifest
		 * says which); each service's files get their own below */
		ok(st->orm != NULL, "monorepo: an orm from the service manifests");
		is_str(st->driver, "asyncpg", "monorepo: driver");
		is_str(st->async_framework, "fastapi", "monorepo: framework");
		/* one stack per service folder */
		if (is_n(ctx.n_services, 2, "monorepo: two service folders")) {
			const struct tech_stack *api = context_stack_for(&ctx, "services/api/app/main.py");
			const struct tech_stack *web = context_stack_for(&ctx, "services/web/src/index.ts");

			is_str(ctx.services[0].dir, "services/api", "monorepo: the api folder");
			is_str(api->orm, "sqlalchemy", "monorepo: the api's files get SQLAlchemy");
			is_str(web->language, "javascript", "monorepo: the web's files get JavaScript");
			is_str(web->orm, "prisma", "monorepo: and Prisma");
			ok(context_stack_for(&ctx, "README.md") == &ctx.stack,
			   "monorepo: a file outside them gets the project's stack");
		}
		check_round_trip(&ctx, "monorepo");
		context_free(&ctx);
	}
	if (ok(run_case("go-monorepo", NULL, &ctx, NULL) == 0, "go monorepo: discovered")) {
		is_str(st->language, "go", "go monorepo: language from services/orders/go.mod");
		is_str(st->database, "postgresql", "go monorepo: database");
		is_str(st->orm, "gorm", "go monorepo: orm");
		is_str(st->async_framework, "chi", "go monorepo: framework");
		is_list(st->sources, st->n_sources, "services/orders/go.mod", "go monorepo: sources");
		context_free(&ctx);
	}
	if (ok(run_case("monorepo-noman", NULL, &ctx, NULL) == 0, "no manifest: discovered")) {
		is_str(st->language, "python", "no manifest: language from the setup module");
		is_str(st->orm, "sqlalchemy", "no manifest: orm from its imports");
		is_str(st->driver, "psycopg2", "no manifest: driver from the DSN");
		context_free(&ctx);
	}
}

/* Node, Go and Java manifests. */
static void test_other_languages(void)
{
	struct context ctx;
	const struct tech_stack *st = &ctx.stack;
	struct config cfg;
	char *dirs[] = { "architecture/adr/" };

	if (ok(run_case("node", NULL, &ctx, NULL) == 0, "node: discovered")) {
		is_str(st->language, "javascript", "node: language");
		is_str(st->database, "postgresql", "node: database from bitnami/postgresql");
		is_str(st->database_version, "15.4.0", "node: database version");
		is_str(st->orm, "prisma", "node: orm");
		is_str(st->orm_version, "5.14", "node: prisma version");
		is_str(st->driver, "pg", "node: driver");
		is_str(st->async_framework, "express", "node: framework");
		is_str(st->di_style, "express_middleware", "node: DI style");
		is_int(st->is_async, 1, "node: async");
		is_list(st->libraries, st->n_libraries, "express,pg,prisma,redis",
			"node: libraries (nested config.dependencies ignored)");
		is_list(st->sources, st->n_sources, "compose.yaml,package.json", "node: sources");
		context_free(&ctx);
	}
	if (ok(run_case("go", NULL, &ctx, NULL) == 0, "go: discovered")) {
		is_str(st->language, "go", "go: language");
		is_str(st->database, "postgresql", "go: database from pgx");
		is_str(st->orm, "sqlx", "go: sqlx");
		is_str(st->driver, "pgx", "go: pgx/v5 driver (indirect lib/pq skipped)");
		is_str(st->async_framework, "gin", "go: framework");
		is_list(st->libraries, st->n_libraries, "database/sql,gin,pgx,sqlx", "go: libraries");
		context_free(&ctx);
	}
	config_defaults(&cfg);
	cfg.adr_dirs = dirs;
	cfg.n_adr_dirs = 1;
	if (ok(run_case("java", &cfg, &ctx, NULL) == 0, "java: discovered")) {
		is_str(st->language, "java", "java: language");
		is_str(st->database, "postgresql", "java: database");
		is_str(st->orm, "jpa", "java: JPA");
		is_str(st->driver, "pgjdbc", "java: driver");
		is_str(st->async_framework, "spring", "java: framework");
		is_str(st->di_style, "spring", "java: DI style");
		is_list(st->libraries, st->n_libraries, "hikaricp,pgjdbc,spring-data-jpa,spring-web",
			"java: HikariCP comes with the JPA starter");
		if (is_n(ctx.n_adrs, 1, "java: ADR from cfg->adr_dirs")) {
			is_str(ctx.adrs[0].id, "ADR-001", "java ADR id");
			is_str(ctx.adrs[0].file, "architecture/adr/0001-hikari-pool.md", "java ADR file");
			is_list(ctx.adrs[0].paths, ctx.adrs[0].n_paths,
				"src/main/resources/application.yml", "java ADR Applies to");
			is_list(ctx.adrs[0].checks, ctx.adrs[0].n_checks, "pool_configuration",
				"java ADR checks");
		}
		context_free(&ctx);
	}
	if (ok(run_case("empty", NULL, &ctx, NULL) == 0, "empty project is not an error")) {
		ok(!st->language && !st->database && !st->orm && !st->driver, "empty: nothing detected");
		is_int(st->n_sources, 0, "empty: no sources");
		is_int(ctx.db.expire_on_commit, TRI_UNKNOWN, "empty: settings unknown");
		check_round_trip(&ctx, "empty");
		context_free(&ctx);
	}
}

/* Errors name the root. */
static void test_errors(void)
{
	struct context ctx;
	char err[256] = "";
	char *file = xasprintf("%s/tests/unit/data/discover/node/package.json", top);

	memset(&ctx, 0, sizeof ctx);
	is_int(discover_project("/nonexistent/ppaudit-root", NULL, &ctx, NULL, NULL, err, sizeof err), -1,
	       "missing root is an error");
	ok(strstr(err, "/nonexistent/ppaudit-root") != NULL, "error names the root: %s", err);
	is_int(discover_project(file, NULL, &ctx, NULL, NULL, err, sizeof err), -1,
	       "a file as root is an error");
	ok(strstr(err, "not a directory") != NULL, "error says why: %s", err);
	free(file);
	{
		cJSON *bad = cJSON_Parse("[1,2]");

		ok(context_from_json(bad, err, sizeof err) == NULL, "from_json rejects a non-object");
		cJSON_Delete(bad);
		bad = cJSON_Parse("{\"tech_stack\": 3}");
		ok(context_from_json(bad, err, sizeof err) == NULL, "from_json rejects a bad tech_stack");
		ok(strstr(err, "tech_stack") != NULL, "error names the key: %s", err);
		cJSON_Delete(bad);
	}
	{
		/* hostile input (see tests/fuzz/fuzz-context.c): numbers outside
		 * int's range used to be cast to int (undefined behaviour) */
		cJSON *j = cJSON_Parse("{\"db_config\": {\"engines\": [{\"file\": \"app/db.py\", "
				       "\"line\": 1e300, \"pool_size\": 3000000000, \"max_overflow\": -1e10, "
				       "\"pool_recycle\": 1800}], \"triggers\": [{\"line\": -1e300}]}}");
		struct context *c = context_from_json(j, err, sizeof err);

		ok(c && c->db.n_engines == 1 && c->db.n_triggers == 1, "huge numbers still load");
		if (c) {
			is_int(c->db.engines[0].line, 0, "engine line out of range reads as unknown");
			is_int(c->db.engines[0].pool_size, -1, "pool_size out of range reads as not set");
			is_int(c->db.engines[0].max_overflow, -1, "max_overflow out of range reads as not set");
			is_int(c->db.engines[0].pool_recycle, 1800, "pool_recycle in range is kept");
			is_int(c->db.triggers[0].line, 0, "trigger line out of range reads as unknown");
			context_free(c);
			free(c);
		}
		cJSON_Delete(j);
	}
}

/* The string-level entry points. */
static void test_strings(void)
{
	struct db_config db;
	const char *py =
		"engine = sa.create_engine(\n"
		"    'postgresql://x', pool_size=5, max_overflow=0,\n"
		"    pool_recycle=3_600, pool_pre_ping=False,\n"
		"    connect_args={'options': '-c statement_timeout=5000'},\n"
		"    execution_options={\"isolation_level\": \"AUTOCOMMIT\"},\n"
		")\n"
		"s = \"create_engine(pool_size=1)\"\n"
		"Session = sessionmaker(engine, expire_on_commit=True, autocommit=False)\n"
		"Other = sessionmaker(engine, expire_on_commit=False)\n";
	const char *sql =
		"create or replace function app.f() returns trigger as $$\n"
		"begin perform pg_notify(TG_TABLE_NAME || '_changed', NEW.id::text); return new; end;\n"
		"$$ language plpgsql;\n"
		"CREATE TRIGGER t1 AFTER INSERT OR DELETE OR UPDATE ON app.items\n"
		"  FOR EACH STATEMENT EXECUTE FUNCTION app.f();\n"
		"CREATE TRIGGER my_t BEFORE INSERT ON accounts FOR EACH ROW SET NEW.x = 1;\n";
	char *v;

	memset(&db, 0, sizeof db);
	db.expire_on_commit = db.autoflush = db.autocommit = TRI_UNKNOWN;
	ok(discover_engine_settings(py, strlen(py), "x.py", &db) > 0, "engine settings found");
	if (is_n(db.n_engines, 1, "string literal create_engine ignored")) {
		is_int(db.engines[0].line, 1, "engine line");
		is_int(db.engines[0].pool_size, 5, "pool_size");
		is_int(db.engines[0].max_overflow, 0, "max_overflow=0");
		is_int(db.engines[0].pool_recycle, 3600, "pool_recycle with underscores");
		is_int(db.engines[0].pool_pre_ping, TRI_FALSE, "pool_pre_ping=False");
	}
	is_int(db.expire_on_commit, TRI_TRUE, "first explicit expire_on_commit wins");
	is_int(db.autocommit, TRI_FALSE, "autocommit=False");
	ok(db.isolation_level == NULL, "dict-style isolation_level is not a keyword argument");
	ok(discover_sql_triggers(sql, strlen(sql), "m.sql", 0, &db) == 2, "two SQL triggers");
	if (is_n(db.n_triggers, 2, "triggers appended")) {
		is_str(db.triggers[0].event, "INSERT OR DELETE OR UPDATE", "three events");
		is_str(db.triggers[0].table, "items", "schema dropped from the table");
		is_str(db.triggers[0].function, "f", "schema dropped from the function");
		is_int(db.triggers[0].notifies, 1, "dynamic channel still notifies");
		ok(db.triggers[0].channel == NULL, "dynamic channel is not guessed");
		is_int(db.triggers[0].line, 4, "trigger line");
		is_str(db.triggers[1].name, "my_t", "MySQL-style trigger kept");
		ok(db.triggers[1].function == NULL, "MySQL-style trigger has no function");
	}
	{
		struct context c;

		memset(&c, 0, sizeof c);
		c.db = db;
		context_free(&c);
	}
	v = disc_version_mm(">=2.0.30", 8);
	is_str(v, "2.0", "version >=2.0.30");
	free(v);
	v = disc_version_mm("<2.0,>=1.4.49", 13);
	is_str(v, "1.4", "upper bound skipped");
	free(v);
	v = disc_version_mm("^5", 2);
	is_str(v, "5.0", "major only");
	free(v);
	ok(disc_version_mm("*", 1) == NULL, "wildcard has no version");
}

/* Function lookups survive the name index growing many times, ignore
 * case, and a later CREATE OR REPLACE wins. */
static void test_many_functions(void)
{
	struct db_config db;
	struct notify_fns fns;
	struct strbuf sb = STRBUF_INIT;
	const int n = 3000;

	memset(&db, 0, sizeof db);
	memset(&fns, 0, sizeof fns);
	for (int i = 0; i < n; i++)
		sb_addf(&sb, "CREATE FUNCTION Fn_%d() RETURNS trigger AS $$ BEGIN "
			"PERFORM pg_notify('old%d', ''); RETURN NEW; END $$ LANGUAGE plpgsql;\n", i, i);
	/* trigger before the replacement: resolution happens after the scan */
	sb_adds(&sb, "CREATE TRIGGER t_last AFTER INSERT ON a FOR EACH ROW EXECUTE FUNCTION FN_2999();\n");
	sb_adds(&sb, "CREATE TRIGGER t_none AFTER INSERT ON a FOR EACH ROW EXECUTE FUNCTION nowhere();\n");
	sb_adds(&sb, "CREATE OR REPLACE FUNCTION fn_2999() RETURNS trigger AS $$ BEGIN "
		"PERFORM pg_notify('new', ''); RETURN NEW; END $$ LANGUAGE plpgsql;\n");
	ok(disc_scan_triggers(sb.buf, sb.len, "a.sql", 0, &db, &fns) == 2, "many functions: two triggers");
	sb_release(&sb);
	sb_adds(&sb, "CREATE TRIGGER t_first AFTER UPDATE ON b FOR EACH ROW EXECUTE FUNCTION public.fn_0();\n");
	ok(disc_scan_triggers(sb.buf, sb.len, "b.sql", 0, &db, &fns) == 1, "many functions: second file");
	sb_release(&sb);
	is_n((long long)fns.n, n, "many functions: a replacement adds no entry");
	disc_resolve_triggers(&db, &fns);
	if (is_n(db.n_triggers, 3, "many functions: triggers")) {
		is_str(db.triggers[0].channel, "new", "many functions: the later definition wins, any case");
		ok(db.triggers[1].channel == NULL && !db.triggers[1].notifies,
		   "many functions: an unknown function resolves to nothing");
		is_str(db.triggers[2].channel, "old0", "many functions: resolved across files");
	}
	disc_fns_free(&fns);
	{
		struct context c;

		memset(&c, 0, sizeof c);
		c.db = db;
		context_free(&c);
	}
}

/* A run cancelled before discovery reads nothing more. */
static void test_cancelled(void)
{
	struct context ctx;
	struct discover_sources src;
	char err[256] = "";
	char *root = xasprintf("%s/tests/unit/data/discover/fastapi-pg", top);
	atomic_int cancel;

	atomic_init(&cancel, 1);
	memset(&ctx, 0, sizeof ctx);
	memset(&src, 0, sizeof src);
	is_int(discover_project(root, NULL, &ctx, &src, &cancel, err, sizeof err), 0,
	       "cancelled: not an error");
	is_n((long long)src.n_files, 0, "cancelled: no file read");
	ok(ctx.db.n_triggers == 0 && ctx.stack.orm == NULL, "cancelled: nothing discovered");
	discover_sources_free(&src);
	context_free(&ctx);
	free(root);
}

/* PPAUDIT_DATADIR overrides the embedded knowledge base. */
static void test_datadir(void)
{
	char dir[] = "/tmp/ppaudit-kb-XXXXXX";
	struct context ctx;
	char *path, *kdir;
	const char *kb = "{\"fastapi\": [{\"title\": \"T\", \"text\": \"X\", \"url\": \"https://e/1\"}],"
			 " \"django\": [{\"title\": \"D\", \"text\": \"Y\", \"url\": \"https://e/2\"}]}";

	if (!ok(mkdtemp(dir) != NULL, "temp dir"))
		return;
	kdir = xasprintf("%s/knowledge", dir);
	path = xasprintf("%s/best-practices.json", kdir);
	fs_mkdir_p(kdir, 0700);
	fs_write_atomic(path, kb, strlen(kb));
	setenv("PPAUDIT_DATADIR", dir, 1);
	memset(&ctx, 0, sizeof ctx);
	ctx.stack.async_framework = xstrdup("fastapi");
	is_int(context_load_practices(&ctx), 1, "datadir knowledge base used");
	if (ctx.n_practices == 1) {
		is_str(ctx.practices[0].technology, "fastapi", "technology recorded");
		is_str(ctx.practices[0].url, "https://e/1", "url recorded");
	}
	unlink(path);
	is_int(context_load_practices(&ctx), -1, "missing datadir file is an error");
	unsetenv("PPAUDIT_DATADIR");
	rmdir(kdir);
	rmdir(dir);
	free(path);
	free(kdir);
	context_free(&ctx);
}

/* The pcre2 wrapper. */
static void test_regex(void)
{
	char err[128];
	struct regex *re = regex_compile("(\\w+)@(\\w+)?x", REGEX_CASELESS, err, sizeof err);
	struct regex_match m;
	const char *s = "mail: BOB@X and ann@hostx";

	if (!ok(re != NULL, "regex compiles"))
		return;
	is_int(regex_match(re, s, strlen(s), 0, &m), 1, "caseless match");
	is_int(m.off[1], 6, "group 1 offset");
	is_int(m.len[1], 3, "group 1 length");
	is_int(m.off[2], -1, "unset group is -1");
	is_int(regex_match(re, s, strlen(s), (size_t)(m.off[0] + m.len[0]), &m), 1, "match from start");
	is_int(m.off[2], 20, "second match group 2");
	is_int(regex_match(re, s, strlen(s), strlen(s), &m), 0, "no match at the end");
	ok(regex_test(re, "a@bx"), "regex_test");
	regex_free(re);
	ok(regex_compile("(unclosed", 0, err, sizeof err) == NULL, "syntax error reported");
	ok(strstr(err, "offset") != NULL, "error has the offset: %s", err);
	re = regex_compile("^b$", REGEX_MULTILINE, err, sizeof err);
	ok(regex_test(re, "a\nb\nc"), "multiline anchors");
	regex_free(re);
}

/* ADR references as people type them (issue 13 item 16). */
static void test_adr_refs(void)
{
	static const char *const three[] = {
		"ADR-3", "ADR-003", "ADR-0003", "adr-0003", "ADR 3", "adr_3", "3", "0003",
		"0003-queue-the-export.md", "docs/adr/0003-queue-the-export.md", "ADR-0003-queue.md",
	};
	static const char *const none[] = {
		"", "ADR", "ADR-", "x3", "3x", "../../etc/passwd", "ADR-99999999999", "ADR-3\nADR-4",
		"F0003", "-3",
	};
	struct adr adrs[2];
	struct context ctx;
	size_t i;

	for (i = 0; i < sizeof three / sizeof three[0]; i++)
		ok(adr_ref_number(three[i]) == 3, "adr ref '%s' is 3", three[i]);
	for (i = 0; i < sizeof none / sizeof none[0]; i++)
		ok(adr_ref_number(none[i]) == -1, "adr ref %zu names none", i);
	memset(&ctx, 0, sizeof ctx);
	memset(adrs, 0, sizeof adrs);
	adrs[0].id = "ADR-001";
	adrs[1].id = "ADR-003";
	ctx.adrs = adrs;
	ctx.n_adrs = 2;
	ok(adr_find(&ctx, "0003-x.md") == &adrs[1], "adr_find by file name");
	ok(adr_find(&ctx, "ADR-2") == NULL, "adr_find: unknown");
}

int main(void)
{
	top = getenv("top_srcdir");
	if (!top || !*top) {
		printf("Bail out! top_srcdir is not set: run through make check\n");
		return 1;
	}
	test_regex();
	test_adr_refs();
	test_strings();
	test_fastapi_pg();
	test_poetry_django();
	test_pep621();
	test_django_pinned();
	test_other_languages();
	test_service_folders();
	test_errors();
	test_datadir();
	test_many_functions();
	test_cancelled();
	return done_testing();
}
