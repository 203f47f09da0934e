/* ln-654 pool_configuration for settings a pool applies to the wrong
 * scope or in a harmful amount, where failures are values and the pool is
 * configured by setter calls (database/sql):
 *
 *  - a connection lifetime under a minute written as a literal duration
 *    (`db.SetConnMaxLifetime(time.Second)`): every pooled connection is
 *    closed and opened again, with its TCP and authentication handshake,
 *    several times a minute under load. LOW, SPEC §3's "default sizes"
 *    row: a size that is set but wrong.
 *  - a per-connection setting sent once through the pool (`db.ExecContext(
 *    ctx, "PRAGMA busy_timeout=5000")`, the catalog's
 *    pool_connection_settings): it reaches the one pooled connection that
 *    ran it; connections the pool opens later, or opens again once their
 *    lifetime ends, run without it. This is the missing connect hook of
 *    SPEC §3 ("missing pool event listeners"): MEDIUM.
 *
 * Unknown stays silent: a lifetime held in a variable, a receiver whose
 * type is not a pool (a transaction, a `*sql.Conn`, a field), a pool that
 * this function caps at one connection, and a project that caps a pool
 * from its configuration (the cap may be 1: one connection keeps its
 * settings for good). */
#include "rl.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "semantic.h"
#include "db-ops.h"
#include "errpath.h"

/* True when text (spaces removed) is a literal duration under a minute:
 * a unit of pool_subminute_units alone or times an integer literal below
 * 60 (`time.Second`, `5*time.Second`, `time.Millisecond*500` is not:
 * 500 >= 60 stays silent, unknown), or a bare positive integer
 * (nanoseconds). */
static int rlp_subminute(const struct model *m, const char *text)
{
	const struct catalog_list *units = catalog_get(m->lang, "pool_subminute_units");
	char t[128], *star, *num, *unit;
	size_t j = 0;
	long n;

	for (const char *s = text; *s && j + 1 < sizeof t; s++)
		if (!isspace((unsigned char)*s))
			t[j++] = *s;
	t[j] = '\0';
	if (t[0] == '\0')
		return 0;
	if (isdigit((unsigned char)t[0]) && strspn(t, "0123456789") == strlen(t))
		return strtol(t, NULL, 10) > 0;
	if ((star = strchr(t, '*')) == NULL)
		return catalog_match(units, t);
	*star = '\0';
	num = isdigit((unsigned char)t[0]) ? t : star + 1;
	unit = num == t ? star + 1 : t;
	if (strspn(num, "0123456789") != strlen(num) || num[0] == '\0')
		return 0;
	n = strtol(num, NULL, 10);
	return n > 0 && n < 60 && catalog_match(units, unit);
}

/* The per-connection setting that SQL text sql makes (`PRAGMA
 * busy_timeout = 5000`, `PRAGMA foreign_keys(ON)`), its name into buf;
 * NULL for another statement or a PRAGMA that only reads. */
static const char *rlp_setting(const struct model *m, const char *sql, char *buf, size_t size)
{
	char verb[16];
	const char *p;
	size_t n = 0;

	if (sem_sql_verb(sql, verb, sizeof verb)[0] == '\0' ||
	    !catalog_match(catalog_get(m->lang, "pool_setting_verbs"), verb))
		return NULL;
	p = sql;
	while (isspace((unsigned char)*p))
		p++;
	p += strlen(verb);
	while (isspace((unsigned char)*p))
		p++;
	while ((isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '.') && n + 1 < size)
		n++;
	snprintf(buf, size, "%.*s", (int)n, p);
	if (strchr(p + n, '=') == NULL && strchr(p + n, '(') == NULL)
		return NULL;
	/* `main.busy_timeout`: the schema prefix */
	if (strrchr(buf, '.') != NULL)
		memmove(buf, strrchr(buf, '.') + 1, strlen(strrchr(buf, '.') + 1) + 1);
	return catalog_match(catalog_get(m->lang, "pool_connection_settings"), buf) ? buf : NULL;
}

static int rlp_one_connection(const struct project *p, const struct model *m,
			      const struct node *fn, const char *recv);

/* The SQL literal among the first two arguments of c (a context comes
 * first in `ExecContext(ctx, ...)`) into buf, or NULL. */
static const char *rlp_sql(const struct model *m, const struct node *c, char *buf, size_t size)
{
	for (uint32_t i = 0; i < c->u.call->n_args && i < 2; i++)
		if (c->u.call->args[i].name == NULL &&
		    sem_sql_literal(span_ptr(m, c->u.call->args[i].expr), c->u.call->args[i].expr.len,
				    buf, size) != NULL)
			return buf;
	/* a constant of the file: `db.Exec(startupQueries)` */
	for (uint32_t i = 0; c->u.call->n_args > 0 && i < 2 && i < c->u.call->n_args; i++)
		if (c->u.call->args[i].name == NULL &&
		    db_const_sql(m, span_ptr(m, c->u.call->args[i].expr), c->u.call->args[i].expr.len,
				 buf, size) != NULL)
			return buf;
	return NULL;
}

/* The last assignment before line `before` in fn whose first target is
 * name (`db, err := sql.Open(...)` for db), or NULL. */
static const struct node *rlp_bound_first(const struct model *m, const struct node *fn,
					  const char *name, uint32_t before)
{
	const struct node *found = NULL;
	size_t n = strlen(name);

	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)) && budget_step(); ) {
		if (x->kind != NODE_ASSIGN || x->name == NULL || (x->flags & NF_TARGET_ATTR))
			continue;
		if (x->line >= before)
			break;
		if (strncmp(x->name, name, n) == 0 && (x->name[n] == '\0' || x->name[n] == ',' ||
						       x->name[n] == ' '))
			found = x;
	}
	return found;
}

/* When pool parameter recv of helper fn is handed, in the same file, a
 * pool that its caller opened (`db, err := sql.Open(...)`, then
 * `runStartupQueries(db)`): that opener call, *capped set when the caller
 * caps that pool at one connection; the search starts at node *from and
 * leaves it after the call found. NULL: no more such callers. */
static const struct node *rlp_opener_of_caller(const struct project *p, const struct model *m,
					       const struct node *fn, const char *recv, int *capped,
					       uint32_t *from)
{
	uint32_t pi, shift = (fn->flags & NF_GO_RECEIVER) ? 1 : 0;

	*capped = 0;
	if (fn->name == NULL || fn->u.func == NULL)
		return NULL;
	for (pi = 0; pi < fn->u.func->n_params; pi++)
		if (fn->u.func->params[pi].name != NULL && strcmp(fn->u.func->params[pi].name, recv) == 0)
			break;
	if (pi >= fn->u.func->n_params || pi < shift)
		return NULL;
	pi -= shift;
	for (uint32_t i = *from > 0 ? *from : 1; i < m->n_nodes && budget_step(); i++) {
		const struct node *k = &m->nodes[i], *cf, *as, *o;
		const struct call_info *ci = k->u.call;
		char arg[SEM_NAME_MAX];
		size_t n;

		if (k->kind != NODE_CALL || ci == NULL || ci->name == NULL || ci->callee == NULL ||
		    strcmp(ci->name, fn->name) != 0 || ci->n_args <= pi || ci->args[pi].name != NULL ||
		    (strchr(ci->callee, '.') != NULL) != ((fn->flags & NF_METHOD) != 0) ||
		    (cf = model_enclosing_func(m, k)) == NULL || cf == fn)
			continue;
		span_copy(m, ci->args[pi].expr, arg, sizeof arg);
		n = strlen(arg);

		for (size_t j = 0; j < n; j++)
			if (!isalnum((unsigned char)arg[j]) && arg[j] != '_')
				n = 0;
		if (n == 0 ||
		    (as = rlp_bound_first(m, cf, arg, k->line)) == NULL ||
		    (o = sem_first_call(m, as)) == NULL || !sem_call_is(m, o, "pool_openers"))
			continue;
		*capped = rlp_one_connection(p, m, cf, arg);
		*from = i + 1;
		return o;
	}
	return NULL;
}

/* True when plain name recv in function fn (or a function around it) is
 * a pool: a parameter of a catalog pool type, a loop variable over a
 * literal list of pools (`range []*sqlx.DB{w, r}`), or a variable bound
 * from a pool opener. */
static int rlp_pool_name(const struct model *m, const struct node *c, const char *recv)
{
	const struct catalog_list *types = catalog_get(m->lang, "pool_handle_types");
	char text[256];

	for (const struct node *a = model_node(m, c->parent); a != NULL && budget_step();
	     a = a->parent ? model_node(m, a->parent) : NULL) {
		if (a->kind == NODE_LOOP && a->u.loop != NULL && a->u.loop->target.len > 0) {
			char target[128];
			const char *last;

			span_copy(m, a->u.loop->target, target, sizeof target);
			last = strrchr(target, ',');
			last = last ? last + 1 : target;
			while (*last == ' ')
				last++;
			if (strcmp(last, recv) == 0) {
				char *brace;

				span_copy(m, a->u.loop->iter, text, sizeof text);
				if (strncmp(text, "[]", 2) != 0 || (brace = strchr(text, '{')) == NULL)
					return 0;
				*brace = '\0';
				return catalog_match(types, text + 2);
			}
		}
		if (a->kind == NODE_FUNC) {
			const struct param *pa = sem_param(a, recv);
			const struct node *as;

			if (pa != NULL) {
				span_copy(m, pa->annotation, text, sizeof text);
				return catalog_match(types, text);
			}
			if ((as = sem_assignment(m, a, recv, c->line)) != NULL) {
				const struct node *k = sem_first_call(m, as);

				return k != NULL && sem_call_is(m, k, "pool_openers");
			}
			if (a->flags & NF_METHOD)
				return 0;
		}
	}
	return 0;
}

/* True when a pool may be capped at one connection: this function calls
 * `recv.SetMaxOpenConns(1)`, or some call of the project caps a pool with
 * a value that is not a literal (read from configuration). */
static int rlp_one_connection(const struct project *p, const struct model *m,
			      const struct node *fn, const char *recv)
{
	for (size_t fi = 0; fi < p->n_files; fi++) {
		const struct model *o = p->files[fi].model;
		const struct catalog_list *cap;

		if (o == NULL || o->lang != m->lang)
			continue;
		cap = catalog_get(o->lang, "pool_max_open");
		for (uint32_t i = 1; i < o->n_nodes; i++) {
			const struct node *k = &o->nodes[i];
			char arg[64];

			if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->n_args == 0 ||
			    !catalog_match_call(cap, o, k))
				continue;
			span_copy(o, k->u.call->args[0].expr, arg, sizeof arg);
			if (strspn(arg, "0123456789") != strlen(arg) || arg[0] == '\0')
				return 1;
			if (o == m && model_is_within(m, k, fn) && ep_call_on(m, k, recv) &&
			    strtol(arg, NULL, 10) <= 1)
				return 1;
		}
	}
	return 0;
}

static void rlp_report(const struct audit_input *in, struct finding_sink *out, size_t fi,
		       const struct node *fn, const struct node *c, const struct node *opener,
		       const char *recv, const char *name);

void rl_check_pool_session(const struct audit_input *in, struct finding_sink *out, size_t fi,
			   const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	char call[128], issue[600], recv[SEM_NAME_MAX], callee[SEM_NAME_MAX], sql[256], name[64];
	const struct node *fn = model_enclosing_func(m, c), *opener = NULL;
	struct finding *fd;
	int capped = 0, callers = 0;
	uint32_t from = 0;

	if (fn == NULL || c->u.call->n_args == 0)
		return;
	if (catalog_match_call(catalog_get(m->lang, "pool_max_lifetime"), m, c)) {
		char arg[128];

		span_copy(m, c->u.call->args[0].expr, arg, sizeof arg);
		if (!rlp_subminute(m, arg) || rl_sqlite_stack(in->proj, m) ||
		    (fd = auditor_emit(in, out, &rl_checks[RL_POOL_CONFIGURATION], SEV_LOW, fi,
				       c)) == NULL)
			return;
		sem_call_source(m, c, call, sizeof call);
		if (db_text(m, "pool_configuration.short_lifetime",
			    (const char *const[]){ "call", call, NULL }, issue, sizeof issue) != NULL)
			finding_set_issue(fd, "%s", issue);
		else
			finding_set_issue(fd, "`%s` recycles every pooled connection within a minute",
					  call);
		rl_set_fix(fd, m, "pool_configuration.short_lifetime.fix", (const char *const[]){ NULL });
		return;
	}
	if (!catalog_match_call(catalog_get(m->lang, "pool_setting_execs"), m, c) ||
	    rlp_sql(m, c, sql, sizeof sql) == NULL || rlp_setting(m, sql, name, sizeof name) == NULL)
		return;
	sem_receiver_path(sem_callee(m, c, callee, sizeof callee), recv, sizeof recv);
	if (recv[0] == '\0' || strpbrk(recv, ".([") != NULL || !rlp_pool_name(m, c, recv) ||
	    rlp_one_connection(in->proj, m, fn, recv))
		return;
	/* one finding per function: the first setting sent through the pool */
	for (const struct node *k = NULL; (k = model_walk(m, fn, k, 1)) && budget_step() && k != c; ) {
		char s2[256], n2[64], r2[SEM_NAME_MAX], c2[SEM_NAME_MAX];

		if (k->kind == NODE_CALL && k->u.call && k->u.call->callee &&
		    catalog_match_call(catalog_get(m->lang, "pool_setting_execs"), m, k) &&
		    rlp_sql(m, k, s2, sizeof s2) && rlp_setting(m, s2, n2, sizeof n2) &&
		    strcmp(sem_receiver_path(sem_callee(m, k, c2, sizeof c2), r2, sizeof r2), recv) == 0)
			return;
	}
	/* a helper handed the pool its caller just opened: reported at each
	 * opener that does not cap its pool at one connection, where the DSN
	 * or a connect hook would fix it */
	while ((opener = rlp_opener_of_caller(in->proj, m, fn, recv, &capped, &from)) != NULL) {
		callers++;
		if (!capped)
			rlp_report(in, out, fi, fn, c, opener, recv, name);
	}
	if (callers == 0)
		rlp_report(in, out, fi, fn, c, NULL, recv, name);
}

/* Reports setting `name` sent by call c of fn through pool recv, at c or
 * at the opener of the pool a caller handed in. */
static void rlp_report(const struct audit_input *in, struct finding_sink *out, size_t fi,
		       const struct node *fn, const struct node *c, const struct node *opener,
		       const char *recv, const char *name)
{
	const struct model *m = in->proj->files[fi].model;
	char call[128], issue[600];
	struct finding *fd;

	if ((fd = auditor_emit(in, out, &rl_checks[RL_POOL_CONFIGURATION], SEV_MEDIUM, fi,
			       opener != NULL ? opener : c)) == NULL)
		return;
	if (opener != NULL)
		sem_add_line(fd, m, c->line);
	sem_call_source(m, c, call, sizeof call);
	if (opener != NULL) {
		char oc[128], line[16];

		sem_call_source(m, opener, oc, sizeof oc);
		snprintf(line, sizeof line, "%u", c->line);
		if (db_text(m, "pool_configuration.setting_through_pool_helper",
			    (const char *const[]){ "opener", oc, "call", call, "line", line,
						   "helper", fn->name, "setting", name, NULL },
			    issue, sizeof issue) != NULL)
			finding_set_issue(fd, "%s", issue);
		else
			finding_set_issue(fd, "`%s` sets `%s` on one pooled connection only", call, name);
	} else if (db_text(m, "pool_configuration.setting_through_pool",
		    (const char *const[]){ "call", call, "setting", name, "pool", recv, NULL },
		    issue, sizeof issue) != NULL)
		finding_set_issue(fd, "%s", issue);
	else
		finding_set_issue(fd, "`%s` sets `%s` on one pooled connection only", call, name);
	rl_set_fix(fd, m, "pool_configuration.setting_through_pool.fix",
		   (const char *const[]){ "setting", name, NULL });
}
