/* The context store: freeing it, its JSON form (context.json and the
 * "context" member of run.json), and the best-practice knowledge base.
 *
 * The JSON writer emits every key, null when unknown, so readers (and
 * people) can tell "not detected" from "not written by this version". The
 * reader is lenient about missing keys for the same reason in reverse. */
#include <cjson/cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "context.h"
#include "embedded.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

#define KNOWLEDGE_NAME "knowledge/best-practices.json"

/* Frees an array of heap strings. */
static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Releases everything ctx owns and zeroes it (ctx itself is not freed). */
void tech_stack_free(struct tech_stack *st)
{
	free(st->language);
	free(st->database);
	free(st->database_version);
	free(st->orm);
	free(st->orm_version);
	free(st->driver);
	free(st->async_framework);
	free(st->di_style);
	free_strv(st->libraries, st->n_libraries);
	free_strv(st->sources, st->n_sources);
	memset(st, 0, sizeof *st);
}

const struct tech_stack *context_stack_for(const struct context *ctx, const char *relpath)
{
	const struct service_stack *best = NULL;
	size_t bl = 0;

	if (ctx == NULL)
		return NULL;
	for (size_t i = 0; relpath != NULL && i < ctx->n_services; i++) {
		const struct service_stack *s = &ctx->services[i];
		size_t n = strlen(s->dir);

		if (n > bl && strncmp(relpath, s->dir, n) == 0 && relpath[n] == '/') {
			best = s;
			bl = n;
		}
	}
	return best ? &best->stack : &ctx->stack;
}

void context_free(struct context *ctx)
{
	if (!ctx)
		return;
	free(ctx->codebase_root);
	free(ctx->output_dir);
	free(ctx->team_id);
	tech_stack_free(&ctx->stack);
	for (size_t i = 0; i < ctx->n_services; i++) {
		free(ctx->services[i].dir);
		tech_stack_free(&ctx->services[i].stack);
	}
	free(ctx->services);
	free(ctx->db.isolation_level);
	for (size_t i = 0; i < ctx->db.n_engines; i++)
		free(ctx->db.engines[i].file);
	free(ctx->db.engines);
	for (size_t i = 0; i < ctx->db.n_triggers; i++) {
		struct trigger *t = &ctx->db.triggers[i];

		free(t->name);
		free(t->table);
		free(t->event);
		free(t->function);
		free(t->channel);
		free(t->file);
	}
	free(ctx->db.triggers);
	for (size_t i = 0; i < ctx->n_adrs; i++) {
		struct adr *a = &ctx->adrs[i];

		free(a->id);
		free(a->title);
		free(a->status);
		free(a->file);
		free(a->body);
		free_strv(a->paths, a->n_paths);
		free_strv(a->checks, a->n_checks);
	}
	free(ctx->adrs);
	for (size_t i = 0; i < ctx->n_practices; i++) {
		free(ctx->practices[i].technology);
		free(ctx->practices[i].title);
		free(ctx->practices[i].text);
		free(ctx->practices[i].url);
	}
	free(ctx->practices);
	memset(ctx, 0, sizeof *ctx);
}

/* ---- writing ------------------------------------------------------------ */

/* Adds s, or null when s is NULL. */
static void put_str(cJSON *o, const char *key, const char *s)
{
	cJSON_AddItemToObject(o, key, s ? cJSON_CreateString(s) : cJSON_CreateNull());
}

/* Adds a tristate as true / false / null. */
static void put_tri(cJSON *o, const char *key, enum tristate t)
{
	cJSON_AddItemToObject(o, key, t == TRI_UNKNOWN ? cJSON_CreateNull() : cJSON_CreateBool(t));
}

/* Engine numbers: -1 (not set) is null; an unevaluated expression is the
 * string "expression" so the reader can tell "set" from "absent". */
static void put_engine_int(cJSON *o, const char *key, int v)
{
	if (v == -1)
		cJSON_AddNullToObject(o, key);
	else if (v == ENGINE_VALUE_UNKNOWN)
		cJSON_AddStringToObject(o, key, "expression");
	else
		cJSON_AddNumberToObject(o, key, v);
}

/* Adds an array of strings. */
static void put_strv(cJSON *o, const char *key, char *const *v, size_t n)
{
	cJSON *a = cJSON_AddArrayToObject(o, key);

	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
}

/* The practices grouped by technology, in their order of appearance. */
static cJSON *practices_to_json(const struct context *ctx)
{
	cJSON *o = cJSON_CreateObject();

	for (size_t i = 0; i < ctx->n_practices; i++) {
		const struct best_practice *p = &ctx->practices[i];
		const char *tech = p->technology ? p->technology : "general";
		cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, tech), *e;

		if (!arr)
			arr = cJSON_AddArrayToObject(o, tech);
		e = cJSON_CreateObject();
		put_str(e, "title", p->title);
		put_str(e, "text", p->text);
		put_str(e, "url", p->url);
		cJSON_AddItemToArray(arr, e);
	}
	return o;
}

/* A tech_stack object. */
static cJSON *stack_to_json(const struct tech_stack *st)
{
	cJSON *ts = cJSON_CreateObject();

	put_str(ts, "language", st->language);
	put_str(ts, "database", st->database);
	put_str(ts, "database_version", st->database_version);
	put_str(ts, "orm", st->orm);
	put_str(ts, "orm_version", st->orm_version);
	put_str(ts, "driver", st->driver);
	put_str(ts, "async_framework", st->async_framework);
	put_str(ts, "di_style", st->di_style);
	cJSON_AddBoolToObject(ts, "is_async", st->is_async);
	put_strv(ts, "libraries", st->libraries, st->n_libraries);
	put_strv(ts, "sources", st->sources, st->n_sources);
	return ts;
}

/* See context.h. */
cJSON *context_to_json(const struct context *ctx)
{
	cJSON *root = cJSON_CreateObject(), *db, *arr;

	cJSON_AddItemToObject(root, "tech_stack", stack_to_json(&ctx->stack));
	if (ctx->n_services > 0) {
		arr = cJSON_AddArrayToObject(root, "services");
		for (size_t i = 0; i < ctx->n_services; i++) {
			cJSON *o = cJSON_CreateObject();

			put_str(o, "dir", ctx->services[i].dir);
			cJSON_AddItemToObject(o, "tech_stack", stack_to_json(&ctx->services[i].stack));
			cJSON_AddItemToArray(arr, o);
		}
	}

	cJSON_AddItemToObject(root, "best_practices", practices_to_json(ctx));

	db = cJSON_AddObjectToObject(root, "db_config");
	put_tri(db, "expire_on_commit", ctx->db.expire_on_commit);
	put_tri(db, "autoflush", ctx->db.autoflush);
	put_tri(db, "autocommit", ctx->db.autocommit);
	put_str(db, "isolation_level", ctx->db.isolation_level);
	arr = cJSON_AddArrayToObject(db, "engines");
	for (size_t i = 0; i < ctx->db.n_engines; i++) {
		const struct engine_config *e = &ctx->db.engines[i];
		cJSON *o = cJSON_CreateObject();

		put_str(o, "file", e->file);
		cJSON_AddNumberToObject(o, "line", e->line);
		put_engine_int(o, "pool_size", e->pool_size);
		put_engine_int(o, "max_overflow", e->max_overflow);
		put_tri(o, "pool_pre_ping", e->pool_pre_ping);
		put_engine_int(o, "pool_recycle", e->pool_recycle);
		cJSON_AddBoolToObject(o, "null_pool", e->null_pool);
		cJSON_AddItemToArray(arr, o);
	}
	arr = cJSON_AddArrayToObject(db, "triggers");
	for (size_t i = 0; i < ctx->db.n_triggers; i++) {
		const struct trigger *t = &ctx->db.triggers[i];
		cJSON *o = cJSON_CreateObject();

		put_str(o, "name", t->name);
		put_str(o, "table", t->table);
		put_str(o, "event", t->event);
		put_str(o, "function", t->function);
		put_str(o, "channel", t->channel);
		cJSON_AddBoolToObject(o, "notifies", t->notifies);
		put_str(o, "file", t->file);
		cJSON_AddNumberToObject(o, "line", t->line);
		cJSON_AddItemToArray(arr, o);
	}

	arr = cJSON_AddArrayToObject(root, "adrs");
	for (size_t i = 0; i < ctx->n_adrs; i++) {
		const struct adr *a = &ctx->adrs[i];
		cJSON *o = cJSON_CreateObject();

		put_str(o, "id", a->id);
		put_str(o, "title", a->title);
		put_str(o, "status", a->status);
		put_str(o, "file", a->file);
		put_strv(o, "paths", a->paths, a->n_paths);
		put_strv(o, "checks", a->checks, a->n_checks);
		cJSON_AddItemToArray(arr, o);
	}
	put_str(root, "codebase_root", ctx->codebase_root);
	put_str(root, "output_dir", ctx->output_dir);
	put_str(root, "team_id", ctx->team_id);
	return root;
}

/* ---- reading ------------------------------------------------------------ */

/* Heap copy of a string member, NULL when absent or not a string. */
static char *get_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) && v->valuestring ? xstrdup(v->valuestring) : NULL;
}

/* An integer member, or dflt (also for a number outside int's range:
 * converting that to int would be undefined behaviour). */
static int get_int(const cJSON *o, const char *key, int dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (cJSON_IsNumber(v))
		return v->valuedouble >= INT_MIN && v->valuedouble <= INT_MAX ? (int)v->valuedouble
									     : dflt;
	if (cJSON_IsString(v) && !strcmp(v->valuestring, "expression"))
		return ENGINE_VALUE_UNKNOWN;
	return dflt;
}

/* A bool member as a tristate. */
static enum tristate get_tri(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsBool(v) ? (cJSON_IsTrue(v) ? TRI_TRUE : TRI_FALSE) : TRI_UNKNOWN;
}

/* An array of strings; non-strings are skipped. */
static char **get_strv(const cJSON *o, const char *key, size_t *n)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, key), *it;
	char **v = NULL;

	*n = 0;
	if (!cJSON_IsArray(a))
		return NULL;
	v = xcalloc((size_t)cJSON_GetArraySize(a) + 1, sizeof *v);
	cJSON_ArrayForEach(it, a)
		if (cJSON_IsString(it))
			v[(*n)++] = xstrdup(it->valuestring);
	return v;
}

/* Reads the grouped practices object. */
static void practices_from_json(struct context *ctx, const cJSON *o)
{
	const cJSON *group, *it;

	cJSON_ArrayForEach(group, o) {
		if (!cJSON_IsArray(group))
			continue;
		cJSON_ArrayForEach(it, group) {
			struct best_practice *p;

			if (!cJSON_IsObject(it))
				continue;
			ctx->practices = xrealloc(ctx->practices,
						  (ctx->n_practices + 1) * sizeof *ctx->practices);
			p = &ctx->practices[ctx->n_practices++];
			p->technology = xstrdup(group->string);
			p->title = get_str(it, "title");
			p->text = get_str(it, "text");
			p->url = get_str(it, "url");
		}
	}
}

/* Reads engines and triggers. */
static void db_from_json(struct db_config *db, const cJSON *o)
{
	const cJSON *arr, *it;

	db->expire_on_commit = get_tri(o, "expire_on_commit");
	db->autoflush = get_tri(o, "autoflush");
	db->autocommit = get_tri(o, "autocommit");
	db->isolation_level = get_str(o, "isolation_level");
	arr = cJSON_GetObjectItemCaseSensitive(o, "engines");
	if (cJSON_IsArray(arr)) {
		db->engines = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *db->engines);
		cJSON_ArrayForEach(it, arr) {
			struct engine_config *e = &db->engines[db->n_engines++];

			e->file = get_str(it, "file");
			e->line = get_int(it, "line", 0);
			e->pool_size = get_int(it, "pool_size", -1);
			e->max_overflow = get_int(it, "max_overflow", -1);
			e->pool_pre_ping = get_tri(it, "pool_pre_ping");
			e->pool_recycle = get_int(it, "pool_recycle", -1);
			e->null_pool = get_tri(it, "null_pool") == TRI_TRUE;
		}
	}
	arr = cJSON_GetObjectItemCaseSensitive(o, "triggers");
	if (cJSON_IsArray(arr)) {
		db->triggers = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *db->triggers);
		cJSON_ArrayForEach(it, arr) {
			struct trigger *t = &db->triggers[db->n_triggers++];

			t->name = get_str(it, "name");
			t->table = get_str(it, "table");
			t->event = get_str(it, "event");
			t->function = get_str(it, "function");
			t->channel = get_str(it, "channel");
			t->notifies = get_tri(it, "notifies") == TRI_TRUE;
			t->file = get_str(it, "file");
			t->line = get_int(it, "line", 0);
		}
	}
}

/* Fills st from a tech_stack object. */
static void stack_from_json(struct tech_stack *st, const cJSON *ts)
{
	st->language = get_str(ts, "language");
	st->database = get_str(ts, "database");
	st->database_version = get_str(ts, "database_version");
	st->orm = get_str(ts, "orm");
	st->orm_version = get_str(ts, "orm_version");
	st->driver = get_str(ts, "driver");
	st->async_framework = get_str(ts, "async_framework");
	st->di_style = get_str(ts, "di_style");
	st->is_async = get_tri(ts, "is_async") == TRI_TRUE;
	st->libraries = get_strv(ts, "libraries", &st->n_libraries);
	st->sources = get_strv(ts, "sources", &st->n_sources);
}

/* See context.h. */
struct context *context_from_json(const cJSON *j, char *err, size_t errlen)
{
	const cJSON *ts, *db, *arr, *it, *bp;
	struct context *ctx;

	if (!cJSON_IsObject(j)) {
		snprintf(err, errlen, "context: not a JSON object");
		return NULL;
	}
	ts = cJSON_GetObjectItemCaseSensitive(j, "tech_stack");
	db = cJSON_GetObjectItemCaseSensitive(j, "db_config");
	if ((ts && !cJSON_IsObject(ts)) || (db && !cJSON_IsObject(db))) {
		snprintf(err, errlen, "context: \"%s\" is not an object",
			 ts && !cJSON_IsObject(ts) ? "tech_stack" : "db_config");
		return NULL;
	}
	ctx = xcalloc(1, sizeof *ctx);
	ctx->db.expire_on_commit = ctx->db.autoflush = ctx->db.autocommit = TRI_UNKNOWN;
	if (ts)
		stack_from_json(&ctx->stack, ts);
	arr = cJSON_GetObjectItemCaseSensitive(j, "services");
	if (cJSON_IsArray(arr)) {
		ctx->services = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *ctx->services);
		cJSON_ArrayForEach(it, arr) {
			const cJSON *sts = cJSON_GetObjectItemCaseSensitive(it, "tech_stack");
			char *dir = cJSON_IsObject(it) ? get_str(it, "dir") : NULL;

			if (dir == NULL || !cJSON_IsObject(sts)) {
				free(dir);
				continue;
			}
			ctx->services[ctx->n_services].dir = dir;
			stack_from_json(&ctx->services[ctx->n_services].stack, sts);
			ctx->n_services++;
		}
	}
	if (db)
		db_from_json(&ctx->db, db);
	bp = cJSON_GetObjectItemCaseSensitive(j, "best_practices");
	if (cJSON_IsObject(bp))
		practices_from_json(ctx, bp);
	arr = cJSON_GetObjectItemCaseSensitive(j, "adrs");
	if (cJSON_IsArray(arr)) {
		ctx->adrs = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *ctx->adrs);
		cJSON_ArrayForEach(it, arr) {
			struct adr *a = &ctx->adrs[ctx->n_adrs];

			if (!cJSON_IsObject(it))
				continue;
			a->id = get_str(it, "id");
			a->title = get_str(it, "title");
			a->status = get_str(it, "status");
			a->file = get_str(it, "file");
			a->paths = get_strv(it, "paths", &a->n_paths);
			a->checks = get_strv(it, "checks", &a->n_checks);
			ctx->n_adrs++;
		}
	}
	ctx->codebase_root = get_str(j, "codebase_root");
	ctx->output_dir = get_str(j, "output_dir");
	ctx->team_id = get_str(j, "team_id");
	return ctx;
}

/* ---- best practices ------------------------------------------------------- */

/* Knowledge-base keys for a detected name; several stack names share one
 * key (psycopg2 and psycopg, Go drivers and database/sql). */
static const char *practice_key(const char *name)
{
	static const struct { const char *name, *key; } alias[] = {
		{ "psycopg2", "psycopg" }, { "psycopg-pool", "psycopg" },
		{ "mariadb", "mysql" }, { "pymysql", "mysql" }, { "aiomysql", "mysql" },
		{ "pg", "node-pg" },
		{ "database/sql", "go-database-sql" }, { "lib/pq", "go-database-sql" },
		{ "go-sql-driver/mysql", "go-database-sql" }, { "sqlx", "go-database-sql" },
		{ "pgx", "pgx" },
		{ "spring-data-jpa", "hikaricp" }, { "spring-jdbc", "hikaricp" },
		{ "sqlmodel", "sqlalchemy" }, { "flask-sqlalchemy", "sqlalchemy" },
		{ "sse-starlette", "starlette" },
	};

	for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
		if (!strcmp(alias[i].name, name))
			return alias[i].key;
	return name;
}

/* Adds key to the wanted set unless present. */
static void want(const char **set, size_t *n, size_t cap, const char *name)
{
	const char *key;

	if (!name)
		return;
	key = practice_key(name);
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(set[i], key))
			return;
	if (*n < cap)
		set[(*n)++] = key;
}

/* See context.h. */
int context_load_practices(struct context *ctx)
{
	const char *dir = getenv("PPAUDIT_DATADIR");
	const struct tech_stack *st = &ctx->stack;
	const char *wanted[128];
	size_t n_wanted = 0;
	char *owned = NULL;
	const char *text;
	size_t len;
	cJSON *kb, *group, *it;
	int count = 0;

	if (dir && *dir) {
		char *path = xasprintf("%s/%s", dir, KNOWLEDGE_NAME);

		owned = fs_read_file(path, 0, &len);
		free(path);
		if (!owned)
			return -1;
		text = owned;
	} else {
		const struct embedded_file *f = embedded_find(KNOWLEDGE_NAME);

		if (!f)
			return -1;
		text = f->data;
		len = (size_t)f->len;
	}
	kb = cJSON_ParseWithLength(text, len);
	free(owned);
	if (!cJSON_IsObject(kb)) {
		cJSON_Delete(kb);
		return -1;
	}

	want(wanted, &n_wanted, 128, st->orm);
	want(wanted, &n_wanted, 128, st->database);
	want(wanted, &n_wanted, 128, st->driver);
	want(wanted, &n_wanted, 128, st->async_framework);
	if (st->language && !strcmp(st->language, "python") && st->is_async)
		want(wanted, &n_wanted, 128, "asyncio");
	for (size_t i = 0; i < st->n_libraries; i++)
		want(wanted, &n_wanted, 128, st->libraries[i]);

	for (size_t i = 0; i < ctx->n_practices; i++) {
		free(ctx->practices[i].technology);
		free(ctx->practices[i].title);
		free(ctx->practices[i].text);
		free(ctx->practices[i].url);
	}
	free(ctx->practices);
	ctx->practices = NULL;
	ctx->n_practices = 0;
	/* The knowledge base's own key order keeps the output stable. */
	cJSON_ArrayForEach(group, kb) {
		int hit = 0;

		for (size_t i = 0; i < n_wanted && !hit; i++)
			hit = !strcmp(wanted[i], group->string);
		if (!hit || !cJSON_IsArray(group))
			continue;
		cJSON_ArrayForEach(it, group) {
			struct best_practice *p;

			if (!cJSON_IsObject(it))
				continue;
			ctx->practices = xrealloc(ctx->practices,
						  (ctx->n_practices + 1) * sizeof *ctx->practices);
			p = &ctx->practices[ctx->n_practices++];
			p->technology = xstrdup(group->string);
			p->title = get_str(it, "title");
			p->text = get_str(it, "text");
			p->url = get_str(it, "url");
			count++;
		}
	}
	cJSON_Delete(kb);
	return count;
}

/* The number of an ADR reference; see context.h. */
long adr_ref_number(const char *ref)
{
	const char *p, *slash;
	long v = 0;
	size_t digits = 0;

	if (ref == NULL)
		return -1;
	/* a path to the ADR's file: its name */
	slash = strrchr(ref, '/');
	p = slash ? slash + 1 : ref;
	if (strncasecmp(p, "adr", 3) == 0) {
		p += 3;
		while (*p == '-' || *p == '_' || *p == ' ')
			p++;
	}
	while (*p == '0' && p[1] >= '0' && p[1] <= '9')
		p++;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++digits > 9)
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (digits == 0)
		return -1;
	/* the end, or the rest of a file name or title: "-queue.md", ".md" */
	if (*p != '\0' && !strchr("-_. :", *p))
		return -1;
	return v;
}

/* The ADR a reference names; see context.h. */
const struct adr *adr_find(const struct context *ctx, const char *ref)
{
	long want = adr_ref_number(ref);
	size_t i;

	if (ctx == NULL || want < 0)
		return NULL;
	for (i = 0; i < ctx->n_adrs; i++)
		if (ctx->adrs[i].id && adr_ref_number(ctx->adrs[i].id) == want)
			return &ctx->adrs[i];
	return NULL;
}

/* See context.h. */
char *context_manifest_string(const char *path, const char *key)
{
	char *text = fs_read_file(path, 1 << 20, NULL), *out = NULL;
	cJSON *doc;
	const cJSON *v;

	if (text == NULL)
		return NULL;
	doc = cJSON_Parse(text);
	free(text);
	v = doc ? cJSON_GetObjectItemCaseSensitive(doc, key) : NULL;
	if (cJSON_IsString(v) && v->valuestring[0] != '\0')
		out = xstrdup(v->valuestring);
	cJSON_Delete(doc);
	return out;
}
