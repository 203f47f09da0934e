/* The audited project as the pipeline sees it: files with their models,
 * the context store, the configuration and the project index.
 *
 * Ownership: struct project owns files (and each file's model), the index
 * and ctx; cfg is borrowed from the caller. Built on the run thread;
 * read-only while the auditors run. */
#ifndef PPAUDIT_PROJECT_H
#define PPAUDIT_PROJECT_H

#include <stddef.h>

#include "config.h"
#include "context.h"
#include "model.h"

enum file_flag {
	FILE_TEST      = 1u << 0,  /* tests/, test_*.py, conftest.py, fixtures: no findings */
	FILE_VENDORED  = 1u << 1,  /* node_modules, .venv, site-packages, vendor, dist, build */
	FILE_MIGRATION = 1u << 2,  /* migrations/, alembic/versions/: triggers only, no findings */
	FILE_EXCLUDED  = 1u << 3,  /* excluded by .ppaudit.json */
	FILE_PARSE_ERROR = 1u << 4,
	FILE_UNCHANGED = 1u << 5,  /* --since: not changed since the revision, parsed for the
	                              index but not audited */
};

struct source_file {
	char *path;                /* relative to root, '/' separators */
	enum lang lang;
	unsigned flags;
	size_t size;
	struct model *model;       /* NULL until parsed, or when not a source file */
	int skip_errno;            /* why it was not parsed: EFBIG (over the cap),
	                              ENOEXEC (binary), or the read errno; 0 otherwise */
};

struct project_index;

struct project {
	char *root;                /* as given by the user */
	struct source_file *files; /* sorted by path */
	size_t n_files, cap_files;
	size_t n_skipped_binary, n_skipped_large, n_skipped_unreadable;
	/* what the listing saw but does not audit (SPEC §9) */
	struct other_language {
		const char *language;  /* static name */
		size_t files;
	} other_langs[16];
	size_t n_other_langs;
	size_t n_vendored_dirs;    /* folders skipped as vendored or generated */
	size_t n_browser_assets;   /* browser code skipped (lang traits.asset_dirs) */
	char **vendored_dirs;      /* the first 50, owned */
	size_t n_vendored_listed;
	size_t n_unreadable_dirs;
	size_t lines_scanned;
	/* Prisma schema files (`*.prisma`, outside vendored folders), relative
	 * to root: the index reads their models' column counts */
	char **schema_paths;
	size_t n_schema_paths;
	/* declaration files (type-only sources no front end parses, outside
	 * vendored folders) and the language of the sources they describe:
	 * the index reads a query builder's generated table types there */
	char **decl_paths;
	enum lang *decl_langs;
	size_t n_decl_paths;
	struct context *ctx;
	const struct config *cfg;
	struct project_index *index;
};

/* True when findings may be reported in this file. */
static inline int file_auditable(const struct source_file *f)
{
	return f->model != NULL &&
	       !(f->flags & (FILE_TEST | FILE_VENDORED | FILE_MIGRATION | FILE_EXCLUDED | FILE_UNCHANGED));
}

void project_free(struct project *p);

#endif
