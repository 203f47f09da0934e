/* Discovery (SPEC §1.1): what the audited project is built with, read
 * straight from known files — manifests, docker-compose, settings modules,
 * migrations, ADRs, the kanban board — without walking the whole tree.
 *
 * The walk is bounded (depth 4 from the root) and only descends into
 * folders that can hold what we look for; vendored trees, virtualenvs,
 * .git and tests are skipped. Everything found goes into struct context
 * (context.h); discover_project() runs once on the run thread before the
 * auditors start. */
#ifndef PPAUDIT_DISCOVER_H
#define PPAUDIT_DISCOVER_H

#include <stdatomic.h>
#include <stddef.h>

#include "config.h"
#include "context.h"

/* What discovery read, for logs and the files phase.
 * Ownership: owns the path strings; discover_sources_free(). */
struct discover_sources {
	char **files;          /* every file read, relative to the root, sorted */
	size_t n_files;
	char **migration_dirs; /* folders searched for triggers, relative, sorted */
	size_t n_migration_dirs;
	double elapsed_ms;     /* wall time of discover_project() */
};

/* Fills ctx (stack, db, adrs, team_id, codebase_root) from the project at
 * root. cfg may be NULL (defaults); src_files, when not NULL, receives the
 * list of files read. Returns 0, or -1 with a message naming root in err
 * when root is missing or unreadable; nothing else is an error. ctx must
 * be zeroed (or freshly freed) by the caller; context_free() releases it.
 * cancel, when not NULL, is polled between directory entries and files:
 * once set, discovery stops early (ctx then holds what was found so far
 * and the caller must not use it as the project's stack). */
int discover_project(const char *root, const struct config *cfg, struct context *ctx,
		     struct discover_sources *src_files, const atomic_int *cancel, char *err,
		     size_t errlen);

/* Scans Python source text for create_engine / create_async_engine calls
 * (one engine_config each, appended to db) and sessionmaker /
 * async_sessionmaker / Session settings (expire_on_commit, autoflush,
 * autocommit, isolation_level; the first explicit value wins). relpath is
 * recorded as the engine's file. Returns the number of engine, session or
 * isolation settings found (0: nothing relevant in the text). */
int discover_engine_settings(const char *text, size_t len, const char *relpath,
			     struct db_config *db);

/* Scans SQL text (or Python migration text: only its string literals are
 * read) for CREATE TRIGGER and notifying functions and appends triggers to
 * db. Functions are resolved within this text only; discover_project()
 * resolves them across all scanned files. Returns the number of triggers
 * added. */
int discover_sql_triggers(const char *text, size_t len, const char *relpath, int is_python,
			  struct db_config *db);

void discover_sources_free(struct discover_sources *s);

/* Whether lib (a name of tech_stack.libraries) is a data layer no catalog
 * describes: the checks cannot see its queries, so a run names it. */
int discover_library_undescribed(const char *lib);

#endif
