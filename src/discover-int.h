/* Shared between the discover-*.c files; not for the rest of ppaudit.
 *
 * Discovery collects *candidates* for each stack field (database, ORM,
 * driver, framework, language), each with a priority that says how much
 * the evidence is worth: a docker-compose image beats a DSN, which beats
 * a driver in a manifest, which beats prose in tech_stack.md. Equal
 * priorities keep the first proposal, and files are read in a fixed
 * (sorted) order, so the result is deterministic. disc_finish() turns the
 * candidates into ctx->stack.
 *
 * Ownership: struct disc owns its candidate, library, source and function
 * lists; ctx is borrowed and receives copies. */
#ifndef PPAUDIT_DISCOVER_INT_H
#define PPAUDIT_DISCOVER_INT_H

#include <stdatomic.h>
#include <stddef.h>

#include "config.h"
#include "context.h"

struct regex;

enum disc_field { DF_LANGUAGE, DF_DATABASE, DF_ORM, DF_DRIVER, DF_FRAMEWORK, DF_COUNT };

/* Service folders with their own stack, at most (discover.c). */
enum { DISC_MAX_SERVICES = 256 };

/* Evidence weights (higher wins). */
enum {
	PRIO_DOC = 20,        /* docs/project/tech_stack.md prose */
	PRIO_MANIFEST = 30,   /* base for dependencies; the table adds to it */
	PRIO_DSN_CODE = 45,   /* a DSN default in a settings module */
	PRIO_DSN = 50,        /* .env.example, alembic.ini, compose environment */
	PRIO_IMAGE = 60,      /* docker-compose database image */
};

struct disc_cand {
	char *value;
	char *version;         /* or NULL */
	int prio;
};

struct disc_list {
	char **items;
	size_t n, cap;
};

/* A SQL function that may be a trigger's target. */
struct notify_fn {
	char *name;            /* unqualified, lowercase, unquoted */
	char *channel;         /* literal pg_notify / NOTIFY channel or NULL */
	int notifies;
};

struct sql_res;

/* Ownership: owns items (and their strings), the name index and the
 * compiled SQL patterns (built on first use); disc_fns_free(). */
struct notify_fns {
	struct notify_fn *items;
	size_t n, cap;
	size_t *slots;         /* open-addressing index by name: item + 1, 0 free */
	size_t n_slots;        /* a power of two, at least twice n */
	struct sql_res *res;   /* trigger patterns, compiled once per discovery */
};

struct disc {
	const char *root;
	const atomic_int *cancel;  /* NULL or the run's cancel flag */
	long test_delay_ms;        /* PPAUDIT_TEST_DISCOVER_DELAY_MS: per directory entry */
	const struct config *cfg;
	struct context *ctx;
	struct disc_cand *cands[DF_COUNT];
	size_t n_cands[DF_COUNT], cap_cands[DF_COUNT];
	struct disc_list libs;     /* recognised library names */
	struct disc_list sources;  /* files that contributed something */
	struct disc_list read;     /* every file read */
	struct disc_list mig_dirs; /* migration / SQL folders found */
	struct notify_fns fns;
	int is_async;
	const char *di_style;      /* static string or NULL */
	int prio_bias;             /* added to every proposal: a service folder's
	                              manifest weighs a little less than the root's */
};

/* Whether framework fw (as picked) is an async one (discover-manifests.c). */
int disc_framework_async(const char *fw);

/* ---- discover.c: shared helpers ---- */
void disc_list_add(struct disc_list *l, const char *s);
void disc_list_free(struct disc_list *l);
/* Reads root/rel (capped at 4 MiB); NULL when absent or unreadable.
 * Records rel in d->read. */
char *disc_read(struct disc *d, const char *rel, size_t *len);
void disc_propose(struct disc *d, enum disc_field f, const char *value, const char *version,
		  int prio);
void disc_lib(struct disc *d, const char *name);
/* Parses one manifest (pyproject.toml, requirements*.txt, package.json,
 * go.mod, ...) at rel; its proposals take d->prio_bias. */
void disc_manifest_file(struct disc *d, const char *rel);
/* True for a manifest's base name. */
int disc_is_manifest_name(const char *base);
void disc_source(struct disc *d, const char *rel);
/* "2.0" from "sqlalchemy>=2.0.30" style specs ("==1.4.49", "^5.7.0",
 * "~=2.0", "v1.9.1"); NULL when no lower bound or exact version. Heap. */
char *disc_version_mm(const char *spec, size_t n);
/* Sorts a list and drops duplicates. */
void disc_list_sort_unique(struct disc_list *l);
/* Compiles a constant pattern; fatal() on error (a programming error). */
struct regex *disc_rx(const char *pattern, unsigned flags);
/* 1-based line of offset off in text. */
int disc_line_of(const char *text, size_t off);
/* Scans text for database URLs (postgresql+asyncpg://...). */
int disc_scan_dsn(struct disc *d, const char *text, size_t len, int prio);

/* ---- discover-docs.c ---- */
void disc_compose(struct disc *d);
void disc_tech_stack(struct disc *d);
void disc_team(struct disc *d);

/* ---- discover-manifests.c ---- */
/* Reads every known manifest at the root. */
void disc_manifests(struct disc *d);
/* Records one dependency of ecosystem eco ('p', 'j', 'g', 'm'). Returns 1
 * when the name is recognised. */
int disc_dependency(struct disc *d, char eco, const char *name, size_t name_len,
		    const char *spec, size_t spec_len);

/* ---- discover-db.c ---- */
/* Trigger scan that collects notifying functions into fns (not resolved). */
int disc_scan_triggers(const char *text, size_t len, const char *relpath, int is_python,
		       struct db_config *db, struct notify_fns *fns);
/* Gives each trigger the channel / notifies of its function. */
void disc_resolve_triggers(struct db_config *db, const struct notify_fns *fns);
void disc_fns_free(struct notify_fns *fns);
/* Orders triggers by file then line. */
void disc_sort_triggers(struct db_config *db);

/* ---- discover-adr.c ---- */
/* Reads the ADR folders (defaults plus cfg->adr_dirs) into ctx->adrs. */
void disc_adrs(struct disc *d);

#endif
