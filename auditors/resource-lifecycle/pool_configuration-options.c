/* ln-654 pool_configuration for pools configured by an options object
 * (`new Pool({ max: 20 })`, `mysql2.createPool({ connectionLimit })`,
 * `knex({ client, connection, pool: { min, max } })`, `new PrismaPg({
 * connectionString })`): the catalog names the constructors
 * (pool_option_openers) and the options that size the pool
 * (pool_size_options, words). A constructor whose options object sets
 * none of them at its top level leaves the pool at the driver's defaults:
 * LOW (SPEC §3, "default sizes"). When a size option is written one level
 * down (knex's `pool` placed inside `connection`, which knex hands to the
 * driver), the issue says so: the setting the author meant is ignored.
 *
 * A driver that keeps idle connections open for good by default
 * (postgres.js: `postgres(url, { max })`, its options second; catalog
 * pool_idle_required_openers, pool_url_first_openers) also needs an idle
 * timeout (pool_idle_options): sized but without one, LOW too.
 *
 * Unknown stays silent: options passed as a variable that cannot be
 * found, a spread (`...config`) at the top level, or anything but an
 * object literal. */
#include "rl.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "semantic.h"
#include "db-ops.h"
#include "semantic.h"

/* What an options object literal says about the size options. */
struct rlo_scan {
	int unknown;              /* a top-level spread, or not an object literal */
	int top;                  /* a size option at the top level */
	char nested[64];          /* a size option one level down: its parent key */
	char nested_key[64];      /* ... and the option */
	int sqlite;               /* a literal sqlite client / filename */
};

/* Scans the object literal text (starting at `{`) for size option keys. */
static void rlo_scan_object(const struct model *m, const struct catalog_list *sizes, const char *t,
			    struct rlo_scan *r)
{
	const struct catalog_list *embedded = catalog_get(m->lang, "rl_embedded_db_literals");
	char parent[64] = "", key[64];
	int depth = 0;

	memset(r, 0, sizeof *r);
	while (*t == ' ' || *t == '\n' || *t == '\t' || *t == '(')
		t++;
	if (*t != '{') {
		r->unknown = 1;
		return;
	}
	for (const char *p = t; *p; p++) {
		if (*p == '\'' || *p == '"' || *p == '`') {
			const char q = *p, *s0 = p + 1;
			char lit[4096];

			for (p++; *p && *p != q; p++)
				if (*p == '\\' && p[1])
					p++;
			/* `client: 'better-sqlite3'`, `filename: ':memory:'` (the
			 * text is at most as long as lit) */
			if ((size_t)(p - s0) < sizeof lit) {
				memcpy(lit, s0, (size_t)(p - s0));
				lit[p - s0] = '\0';
				if (catalog_match(embedded, lit))
					r->sqlite = 1;
			}
			if (!*p)
				break;
			continue;
		}
		if (*p == '{' || *p == '[' || *p == '(') {
			depth++;
			continue;
		}
		if (*p == '}' || *p == ']' || *p == ')') {
			if (--depth == 0)
				break;
			continue;
		}
		if (depth == 1 && strncmp(p, "...", 3) == 0) {
			r->unknown = 1;
			return;
		}
		if ((depth == 1 || depth == 2) && (isalpha((unsigned char)*p) || *p == '_') &&
		    (p == t || !(isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.'))) {
			size_t n = 0;
			const char *e;

			while ((isalnum((unsigned char)p[n]) || p[n] == '_') && n + 1 < sizeof key) {
				key[n] = p[n];
				n++;
			}
			key[n] = '\0';
			for (e = p + n; *e == ' ' || *e == '\t'; e++)
				;
			/* a key: `name:` or shorthand `name,` / `name }` / `name\n` */
			if (*e == ':' || *e == ',' || *e == '}' || *e == '\n') {
				if (depth == 1)
					snprintf(parent, sizeof parent, "%s", key);
				if (catalog_match(sizes, key)) {
					if (depth == 1)
						r->top = 1;
					else if (r->nested[0] == '\0') {
						snprintf(r->nested, sizeof r->nested, "%s", parent);
						snprintf(r->nested_key, sizeof r->nested_key, "%s", key);
					}
				}
			}
			/* skip the value's identifier and a following `:` value */
			p += n - 1;
		}
	}
}

/* True for files that run once and exit: a pool there has nothing to
 * keep alive. */
static int rlo_short_lived(const struct model *m, const char *path)
{
	return catalog_match(catalog_get(m->lang, "rl_one_off_files"), path);
}

void rl_check_pool_options(const struct audit_input *in, struct finding_sink *out, size_t fi,
			   const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	const struct catalog_list *sizes;
	const struct call_info *ci = c->u.call;
	char call[128], text[4096], issue[600];
	struct rlo_scan r;
	struct finding *fd;
	int opt, idle_required, idle_missing = 0;

	if (!catalog_match_call(catalog_get(m->lang, "pool_option_openers"), m, c) ||
	    rlo_short_lived(m, in->proj->files[fi].path))
		return;
	sizes = catalog_get(m->lang, "pool_size_options");
	if (rl_sqlite_stack(in->proj, m))
		return;
	/* openers that take the URL first and the options second
	 * (`postgres(url, { max })`, catalog pool_url_first_openers) */
	opt = catalog_match_call(catalog_get(m->lang, "pool_url_first_openers"), m, c) &&
	      ci->n_args >= 2 ? 1 : 0;
	/* openers whose idle connections stay open for good unless told
	 * (catalog pool_idle_required_openers, options pool_idle_options) */
	idle_required = catalog_match_call(catalog_get(m->lang, "pool_idle_required_openers"), m, c);
	if (ci->n_args == 0) {
		memset(&r, 0, sizeof r);
	} else {
		span_copy(m, ci->args[opt].expr, text, sizeof text);
		if (isalpha((unsigned char)text[0]) || text[0] == '_') {
			/* options in a variable: its assignment in this function
			 * or at module level */
			const struct node *fn = model_enclosing_func(m, c), *as = NULL;

			if (strpbrk(text, ".()[] ") != NULL)
				return;
			if (fn != NULL)
				as = sem_assignment(m, fn, text, c->line);
			if (as == NULL)
				as = sem_assignment(m, &m->nodes[0], text, 0);
			if (as == NULL)
				return;
			span_copy(m, as->value, text, sizeof text);
		}
		rlo_scan_object(m, sizes, text, &r);
		if (r.unknown || r.sqlite)
			return;
		if (r.top) {
			struct rlo_scan idle;

			if (!idle_required)
				return;
			rlo_scan_object(m, catalog_get(m->lang, "pool_idle_options"), text, &idle);
			if (idle.unknown || idle.top)
				return;
			idle_missing = 1;
		}
	}
	if ((fd = auditor_emit(in, out, &rl_checks[RL_POOL_CONFIGURATION], SEV_LOW, fi, c)) ==
	    NULL)
		return;
	sem_call_source(m, c, call, sizeof call);
	if (idle_missing &&
	    db_text(m, "pool_configuration.idle_default", (const char *const[]){ "call", call, NULL },
		    issue, sizeof issue) != NULL)
		finding_set_issue(fd, "%s", issue);
	else if (r.nested[0] != '\0' &&
	    db_text(m, "pool_configuration.misplaced",
		    (const char *const[]){ "call", call, "option", r.nested_key, "parent", r.nested,
					   NULL }, issue, sizeof issue) != NULL)
		finding_set_issue(fd, "%s", issue);
	else if (db_text(m, "pool_configuration.options_default",
			 (const char *const[]){ "call", call, NULL }, issue, sizeof issue) != NULL)
		finding_set_issue(fd, "%s", issue);
	if (idle_missing && db_text(m, "pool_configuration.idle_fix", (const char *const[]){ NULL },
				    issue, sizeof issue) != NULL)
		finding_set_recommendation(fd, "%s", issue);
	else
		db_advice(in, m, "pool_configuration", NULL, fd);
	if (r.nested[0] != '\0' &&
	    db_text(m, "pool_configuration.move",
		    (const char *const[]){ "option", r.nested_key, "parent", r.nested, NULL },
		    issue, sizeof issue) != NULL)
		finding_set_recommendation(fd, "%s", issue);
}
