/* The context store: what discovery learned about the audited project,
 * shared read-only by the four auditors and written as context.json.
 *
 * Ownership: struct context owns every string and array in it (heap);
 * context_free() releases them. Filled by discover_project() on the run
 * thread before the auditors start; read-only afterwards. */
#ifndef PPAUDIT_CONTEXT_H
#define PPAUDIT_CONTEXT_H

#include <stddef.h>

/* Tri-state for settings that may be absent from the code. */
enum tristate { TRI_UNKNOWN = -1, TRI_FALSE = 0, TRI_TRUE = 1 };

struct tech_stack {
	char *language;        /* "python", "javascript", "go", "java" or NULL */
	char *database;        /* "postgresql", "mysql", "sqlite", "mongodb", ... or NULL */
	char *database_version;/* "16" from postgres:16, or NULL */
	char *orm;             /* "sqlalchemy", "django", "prisma", ... or NULL */
	char *orm_version;     /* "2.0" for SQLAlchemy 2.x, or NULL */
	char *driver;          /* "asyncpg", "psycopg2", "psycopg", ... or NULL */
	char *async_framework; /* "fastapi", "starlette", "aiohttp", "flask", "django", ... or NULL */
	char *di_style;        /* "fastapi_depends" or NULL */
	int is_async;          /* async ORM / framework detected */
	char **libraries;      /* every recognised dependency name, sorted, unique */
	size_t n_libraries;
	char **sources;        /* files that contributed (relative paths) */
	size_t n_sources;
};

struct trigger {
	char *name;            /* trigger name or NULL */
	char *table;           /* watched table */
	char *event;           /* "INSERT", "UPDATE", "INSERT OR UPDATE", ... */
	char *function;        /* trigger function name */
	char *channel;         /* pg_notify channel when known, or NULL */
	int notifies;          /* the function calls pg_notify / NOTIFY */
	char *file;            /* relative path */
	int line;
};

struct engine_config {
	char *file;            /* where create_engine / create_async_engine is called */
	int line;
	int pool_size;         /* -1 when not set */
	int max_overflow;      /* -1 when not set */
	enum tristate pool_pre_ping;
	int pool_recycle;      /* -1 when not set */
	/* pool_size, max_overflow and pool_recycle are ENGINE_VALUE_UNKNOWN
	 * when set to an expression discovery cannot evaluate (settings.X). */
	int null_pool;         /* poolclass=NullPool */
};

#define ENGINE_VALUE_UNKNOWN (-2)

struct db_config {
	enum tristate expire_on_commit;
	enum tristate autoflush;
	enum tristate autocommit;
	char *isolation_level;
	/* engines and triggers grow with XGROW only: a cap set by one
	 * XGROW stays trusted, so a plain realloc to n + 1 elsewhere would
	 * let the next XGROW write past the end. A loader that allocates
	 * the array whole leaves its cap at 0 (XGROW then reallocates). */
	struct engine_config *engines;
	size_t n_engines;
	size_t cap_engines;    /* allocated slots when grown by discovery, else 0 */
	struct trigger *triggers;
	size_t n_triggers;
	size_t cap_triggers;   /* allocated slots when grown by discovery, else 0 */
};

struct adr {
	char *id;              /* "ADR-007" */
	char *title;
	char *status;          /* "accepted", "proposed", ... or NULL */
	char *file;            /* relative path */
	char *body;            /* full text, for keyword matching */
	char **paths;          /* explicit paths or globs the ADR names ("Applies to:" lines,
	                          backticked paths) */
	size_t n_paths;
	char **checks;         /* check ids the ADR names explicitly */
	size_t n_checks;
};

struct best_practice {
	char *technology;      /* "sqlalchemy" */
	char *title;
	char *text;
	char *url;
};

/* A service folder of a monorepo with manifests of its own
 * (services/api/pyproject.toml): its files get this stack rather than the
 * project's. Owns dir and the stack's strings. */
struct service_stack {
	char *dir;             /* relative, '/' separators, no trailing '/' */
	struct tech_stack stack;
};

struct context {
	char *codebase_root;
	char *output_dir;      /* relative to root: docs/project/.audit/ln-650/YYYY-MM-DD */
	char *team_id;         /* from docs/tasks/kanban_board.md, or NULL */
	struct tech_stack stack;
	struct service_stack *services;  /* sorted by dir; may be empty */
	size_t n_services;
	struct db_config db;
	struct adr *adrs;
	size_t n_adrs;
	struct best_practice *practices;
	size_t n_practices;
};

void context_free(struct context *ctx);

/* The top-level string `key` of the JSON manifest at path (a workspace
 * package's name), or NULL; the caller frees it. */
char *context_manifest_string(const char *path, const char *key);

/* The stack of the file at relpath: the deepest service folder holding
 * it, else the project's. Borrowed from ctx. */
const struct tech_stack *context_stack_for(const struct context *ctx, const char *relpath);

/* Releases what st owns and zeroes it. */
void tech_stack_free(struct tech_stack *st);

/* The number an ADR reference names, in the forms people type: "ADR-3",
 * "ADR-0003", "adr-0003", "ADR 3", "3", "0003-queue-the-export.md",
 * "docs/adr/0003-queue-the-export.md"; -1 when it names none. Only the
 * text is read (never a file). */
long adr_ref_number(const char *ref);

/* The ADR of ctx that ref names (by number, adr_ref_number), or NULL.
 * Its id is the canonical form ("ADR-003"). Borrowed from ctx. */
const struct adr *adr_find(const struct context *ctx, const char *ref);

struct cJSON;

/* The store as JSON (SPEC §8 "context"); every key present, null when
 * unknown; ADR bodies are left out. The caller owns the result
 * (cJSON_Delete). */
struct cJSON *context_to_json(const struct context *ctx);

/* Reads what context_to_json() wrote. Returns a heap context (free with
 * context_free() then free()), or NULL with the reason in err. ADR bodies
 * come back NULL. */
struct context *context_from_json(const struct cJSON *j, char *err, size_t errlen);

/* Fills ctx->practices with the knowledge-base entries for the detected
 * stack, from $PPAUDIT_DATADIR/knowledge/best-practices.json when that
 * variable is set, else from the copy compiled into the binary. Returns
 * the number of entries, or -1 when the knowledge base cannot be read. */
int context_load_practices(struct context *ctx);

#endif
