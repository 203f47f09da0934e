/* pool_configuration (ln-654): pool settings of SQLAlchemy engines
 * (pool_size, max_overflow, pre-ping, recycle, listeners), of Go's
 * sql.Open pools (SetMaxOpenConns... anywhere in the project) and, in
 * pool_configuration-options.c, of Node pools built from an options
 * object. */
#include "auditor.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "context.h"
#include "semantic.h"
#include "db-ops.h"
#include "dispatch.h"
#include "errpath.h"
#include "index.h"
#include "rl.h"

/* ---- pool_configuration ---- */

static const char *rl_text_or_empty(const struct model *m, const char *name)
{
	const char *t = catalog_text(m->lang, name);

	return t ? t : "";
}

/* The keyword argument kw of c, or NULL. Settings passed through a
 * `**options` dict count when that dict (assigned in the same function or
 * at module level) names kw, or cannot be found at all: an unknown dict
 * may well hold it. */
/* True when engine variable var is a plain local of fn: not self.x or a
 * global, not returned, not stored into an attribute or handed out by
 * `yield`. */
static int rl_local_engine(const struct model *m, const struct node *fn, const char *var)
{
	if (strchr(var, '.') != NULL || fn->kind != NODE_FUNC)
		return 0;
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); ) {
		if ((x->kind == NODE_RETURN || x->kind == NODE_YIELD) &&
		    sem_span_has_plain_ident(m, x->value, var))
			return 0;
		if (x->kind == NODE_ASSIGN && (x->flags & NF_TARGET_ATTR) &&
		    sem_span_has_plain_ident(m, x->value, var))
			return 0;
		if (x->kind == NODE_STMT && x->text.len > 7 &&
		    rl_span_match(m, x->text, catalog_get(m->lang, "rl_outer_scope_markers")) &&
		    sem_span_has_plain_ident(m, x->text, var))
			return 0;
	}
	return 1;
}

/* True when dict variable name is changed after its assignment in scope:
 * `name[...] = v`, `name.update(...)`, `name.setdefault(...)`, `name |= ...`. */
static int rl_dict_mutated(const struct model *m, const struct node *scope, const char *name)
{
	const struct catalog_list *mutators = catalog_get(m->lang, "rl_dict_mutators");
	size_t n = strlen(name);

	for (const struct node *x = NULL; (x = model_walk(m, scope, x, 0)); ) {
		if ((x->kind == NODE_ASSIGN || x->kind == NODE_AUGASSIGN) && x->name != NULL &&
		    strncmp(x->name, name, n) == 0 && (x->name[n] == '[' ||
		    (x->kind == NODE_AUGASSIGN && x->name[n] == '\0')))
			return 1;
		if (x->kind == NODE_CALL && x->u.call && x->u.call->callee &&
		    strncmp(x->u.call->callee, name, n) == 0 && x->u.call->callee[n] == '.' &&
		    catalog_match(mutators, x->u.call->callee + n + 1))
			return 1;
	}
	return 0;
}

static const struct arg *rl_kwarg(const struct model *m, const struct node *c, const char *kw)
{
	const struct arg *spread = NULL;

	if (kw == NULL)
		return NULL;
	for (uint32_t k = 0; k < c->u.call->n_args; k++) {
		const struct arg *a = &c->u.call->args[k];

		if (a->name && strcmp(a->name, kw) == 0)
			return a;
		if (a->name && strcmp(a->name, "**") == 0)
			spread = a;
	}
	if (spread != NULL) {
		const struct node *fn = sem_func(m, c), *as = NULL;
		char name[96], q1[64], q2[64];

		span_copy(m, spread->expr, name, sizeof name);
		if (strpbrk(name, ".()[] ") == NULL) {
			if (fn != NULL)
				as = sem_assignment(m, fn, name, c->line);
			if (as == NULL)
				as = sem_assignment(m, &m->nodes[0], name, 0);
		}
		if (as == NULL)
			return spread;
		snprintf(q1, sizeof q1, "\"%s\"", kw);
		snprintf(q2, sizeof q2, "%s=", kw);
		if (span_has(m, as->value, q1) || span_has(m, as->value, q2))
			return spread;
		/* a dict filled in afterwards (`kw["pool_size"] = 5`,
		 * `kw.update(...)`, `{**base, ...}`): what it holds is not
		 * known here, so nothing is reported missing */
		if (rl_dict_mutated(m, fn ? fn : &m->nodes[0], name) || span_has(m, as->value, "**"))
			return spread;
	}
	return NULL;
}

/* True when some function of the project is a request handler. */
static int rl_handler_scan(const struct project *p)
{
	for (size_t fi = 0; fi < p->n_files; fi++) {
		const struct model *m = p->files[fi].model;

		for (uint32_t i = 1; m && i < m->n_nodes; i++)
			if (m->nodes[i].kind == NODE_FUNC && m->nodes[i].u.func &&
			    (m->nodes[i].u.func->role & ROLE_HANDLER))
				return 1;
	}
	return 0;
}

/* True when the engine is created by a one-off script or a serverless
 * function, where a pool has nothing to keep alive. */
static int rl_short_lived(const struct project *p, const struct source_file *sf)
{
	const struct model *m = sf->model;
	const struct catalog_list *guards = catalog_get(m->lang, "rl_main_guards");

	if (catalog_match(catalog_get(m->lang, "rl_one_off_paths"), sf->path) ||
	    sem_stack_in(p, m->lang, "rl_serverless_stacks"))
		return 1;
	for (uint32_t c = m->nodes[0].first_child; c && budget_step(); c = m->nodes[c].next_sibling)
		if (m->nodes[c].kind == NODE_IF && rl_span_match(m, m->nodes[c].value, guards))
			return 1;
	return 0;
}

/* Pool event listener calls of the project, and whether it is a web
 * service, gathered by prepare() before the files are audited (asked per
 * engine, each was a project-wide scan) and kept in the run's audit
 * context. */
struct rl_listeners {
	struct func_ref *items;
	size_t n, cap;
	int handlers;   /* rl_handler_scan */
};

static void rl_listeners_release(void *state)
{
	free(((struct rl_listeners *)state)->items);
}

static const struct audit_cache_def rl_listeners_def = {
	.name = "pool listeners, and whether the project serves requests",
	.size = sizeof(struct rl_listeners), .release = rl_listeners_release,
};

/* True when the project serves requests (a web framework or a handler). */
static int rl_web_service(const struct audit_input *in, const struct model *m)
{
	const struct project *p = in->proj;
	const char *fw = p->ctx ? p->ctx->stack.async_framework : NULL;

	if (fw && catalog_match(catalog_get(m->lang, "rl_web_frameworks"), fw))
		return 1;
	return ((const struct rl_listeners *)audit_context_cache(in->audit, &rl_listeners_def))
		->handlers;
}

/* True when a pool event listener (`event.listens_for(engine, "checkout")`,
 * `event.listen(engine.sync_engine, ...)`, or on the Engine class) exists
 * anywhere in the project for engine variable var, or (var NULL, the
 * engine returned by function factory of model fm) for a name assigned
 * from factory(...). */
static int rl_has_pool_listener(const struct audit_input *in, const char *var,
				const struct model *fm, const char *factory)
{
	const struct project *p = in->proj;
	const struct rl_listeners *ls = audit_context_cache(in->audit, &rl_listeners_def);
	size_t k;

	/* the listener calls were gathered once per run (rl_run): scanning the
	 * project per engine made this quadratic */
	for (k = 0; k < ls->n; k++) {
		const struct model *m = p->files[ls->items[k].file].model;
		const struct node *c = model_node(m, ls->items[k].node);
		const struct arg *a = &c->u.call->args[0];

		/* on the Engine or Pool class, or on a pool: every engine */
		if ((var && sem_span_has_plain_ident(m, a->expr, var)) ||
		    rl_span_match(m, a->expr, catalog_get(m->lang, "rl_pool_listener_targets")))
			return 1;
		/* `audit_engine = make_engine(url)` then a listener on
		 * audit_engine, for an engine returned by factory make_engine */
		if (factory != NULL && a->expr.len < 96) {
			const struct model *am = m;
			const struct node *as, *fc;
			char ident[96];

			span_copy(m, a->expr, ident, sizeof ident);
			/* the assignment sits in the listener's file or the factory's */
			if ((as = sem_assignment(am, &am->nodes[0], ident, 0)) == NULL) {
				am = fm;
				as = sem_assignment(am, &am->nodes[0], ident, 0);
			}
			if (as != NULL && (fc = sem_first_call(am, as)) != NULL &&
			    fc->u.call->name && strcmp(fc->u.call->name, factory) == 0)
				return 1;
		}
	}
	return 0;
}

/* Gathers the SQLAlchemy event listener registrations of the project. */
static void rl_listeners_collect(struct rl_listeners *ls, const struct project *p)
{
	ls->n = 0;
	for (size_t fi = 0; fi < p->n_files; fi++) {
		const struct model *m = p->files[fi].model;
		const struct catalog_list *methods, *callees;

		if (m == NULL)
			continue;
		methods = catalog_get(m->lang, "rl_listener_methods");
		callees = catalog_get(m->lang, "rl_listener_callees");
		for (uint32_t i = 1; i < m->n_nodes; i++) {
			const struct node *c = &m->nodes[i];
			char res[128];

			if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
			    !catalog_match(methods, c->u.call->name))
				continue;
			sem_callee(m, c, res, sizeof res);
			if (!catalog_match(callees, res))
				continue;
			if (c->u.call->n_args == 0)
				continue;
			XGROW(ls->items, ls->cap, ls->n + 1);
			ls->items[ls->n].file = (uint32_t)fi;
			ls->items[ls->n].node = i;
			ls->n++;
		}
	}
}

/* Emits one pool_configuration finding with an anchor naming the problem,
 * so the several problems of one engine get distinct fingerprints. */
static struct finding *rl_pool_emit(const struct audit_input *in, struct finding_sink *out,
				    enum severity sev, size_t fi, const struct node *c,
				    const char *key)
{
	/* the problem named by the issue text's key: "pool_configuration.nullpool" */
	const char *problem = strchr(key, '.') ? strchr(key, '.') + 1 : key;
	const struct model *m = in->proj->files[fi].model;
	struct finding *f = auditor_emit(in, out, &rl_checks[RL_POOL_CONFIGURATION], sev, fi, c);
	char anchor[200];
	size_t len = 0;
	const char *text = model_line(m, c->line, &len);

	if (f == NULL)
		return NULL;
	while (len && (*text == ' ' || *text == '\t')) {
		text++;
		len--;
	}
	snprintf(anchor, sizeof anchor, "%.*s #%s", (int)(len > 120 ? 120 : len), text, problem);
	finding_set_anchor(f, anchor, strlen(anchor));
	return f;
}

/* True when the text of span sp (model m) is one of word list l. */
static int rl_span_in(const struct model *m, struct span sp, const char *l)
{
	return rl_span_match(m, sp, catalog_get(m->lang, l));
}

/* The module-level (or fn-level) value of plain name sp, or an empty span. */
static struct span rl_name_value(const struct model *m, const struct node *fn, struct span sp)
{
	struct span none = { 0, 0 };
	const struct node *as = NULL;
	char name[96];

	if (sp.len == 0 || sp.len >= sizeof name)
		return none;
	span_copy(m, sp, name, sizeof name);
	for (const char *q = name; *q; q++)
		if (!isalnum((unsigned char)*q) && *q != '_')
			return none;
	if (fn != NULL)
		as = sem_assignment(m, fn, name, 0);
	if (as == NULL)
		as = sem_assignment(m, &m->nodes[0], name, 0);
	return as ? as->value : none;
}

/* True when a setting's value, off_list naming the values that turn it
 * off, is off unless the deployment says otherwise: an off literal, or a
 * name whose assignment reads a setting by key with an off default
 * (`RECYCLE = config("DB_POOL_RECYCLE", default=-1)`), or a conditional
 * on such a name whose other branch is off (`True if FLAG else False`). */
static int rl_off_by_default(const struct model *m, const struct node *fn, struct span v,
			     const char *off_list, int depth)
{
	const char *t = span_ptr(m, v), *end = t + v.len;
	const char *kw_if = catalog_text(m->lang, "pool_configuration.kw_if");
	const char *kw_else = catalog_text(m->lang, "pool_configuration.kw_else");
	const char *kw_default = catalog_text(m->lang, "pool_configuration.kw_default");
	struct span val;
	const struct node *as, *c;

	if (v.len == 0 || depth > 2)
		return 0;
	if (rl_span_in(m, v, off_list))
		return 1;
	/* `A if COND else B`: off when COND is off by default and B is off */
	if (kw_if && kw_else) {
		char pat_if[16], pat_else[16];
		const char *pi, *pe;

		snprintf(pat_if, sizeof pat_if, " %s ", kw_if);
		snprintf(pat_else, sizeof pat_else, " %s ", kw_else);
		if ((pi = memmem(t, v.len, pat_if, strlen(pat_if))) != NULL &&
		    (pe = memmem(pi, (size_t)(end - pi), pat_else, strlen(pat_else))) != NULL) {
			struct span cond = { (uint32_t)(pi + strlen(pat_if) - m->src),
					     (uint32_t)(pe - pi - strlen(pat_if)) };
			struct span other = { (uint32_t)(pe + strlen(pat_else) - m->src),
					      (uint32_t)(end - pe - strlen(pat_else)) };

			return rl_span_in(m, other, off_list) &&
			       rl_off_by_default(m, fn, cond, "rl_false_literals", depth + 1);
		}
	}
	val = rl_name_value(m, fn, v);
	if (val.len == 0)
		return 0;
	if (rl_span_in(m, val, off_list))
		return 1;
	/* a setting read by key with a default: `config("KEY", default=-1)` */
	as = NULL;
	for (const struct node *x = NULL; (x = model_walk(m, &m->nodes[0], x, 0)); )
		if (x->kind == NODE_ASSIGN && x->value.off == val.off) {
			as = x;
			break;
		}
	if (as == NULL || (c = sem_first_call(m, as)) == NULL || c->u.call->callee == NULL ||
	    strncmp(span_ptr(m, val), c->u.call->callee, strlen(c->u.call->callee)) != 0 ||
	    c->u.call->n_args < 2 || c->u.call->args[0].name != NULL ||
	    c->u.call->args[0].expr.len < 2 ||
	    (span_ptr(m, c->u.call->args[0].expr)[0] != '"' &&
	     span_ptr(m, c->u.call->args[0].expr)[0] != '\''))
		return 0;
	for (uint32_t k = 1; k < c->u.call->n_args; k++) {
		const struct arg *a = &c->u.call->args[k];

		if ((k == 1 && a->name == NULL) || (a->name && kw_default && strcmp(a->name, kw_default) == 0))
			return rl_off_by_default(m, fn, a->expr, off_list, depth + 1) ||
			       rl_off_by_default(m, fn, a->expr, "rl_false_literals", depth + 1);
	}
	return 0;
}

/* True when engine call c sits in an except handler of a try whose body
 * builds an engine too: a fallback for a backend the first call does not
 * fit (a SQLite URL rejecting pool sizes); the first call is reviewed. */
static int rl_fallback_engine(const struct model *m, const struct node *c)
{
	const struct node *exc = model_ancestor(m, c, NODE_EXCEPT), *tr;
	const struct catalog_list *f = catalog_get(m->lang, "rl_engine_factories");

	if (exc == NULL || (tr = model_node(m, exc->parent)) == NULL || tr->kind != NODE_TRY)
		return 0;
	for (const struct node *x = NULL; (x = model_walk(m, tr, x, 0)); ) {
		if (x->kind == NODE_EXCEPT || x->kind == NODE_FINALLY || x->kind == NODE_ELSE)
			break;
		if (x->kind == NODE_CALL && x->u.call && x->u.call->name &&
		    catalog_match(f, x->u.call->name) && x != c)
			return 1;
	}
	return 0;
}

/* pool_configuration | engine/pool creation missing `pool_pre_ping` and
 * `pool_recycle`, missing `max_overflow` in a web service, `NullPool` in a
 * long-running web service, missing pool event listeners | HIGH for no
 * pre-ping and no recycle, HIGH for unbounded overflow, MEDIUM for no
 * listeners, LOW for default sizes */
static void rl_check_pool_configuration(const struct audit_input *in, struct finding_sink *out,
					size_t fi, const struct node *c)
{
	const struct project *p = in->proj;
	const struct source_file *sf = &p->files[fi];
	const struct model *m = sf->model;
	const struct arg *url, *pre, *rec, *ovf, *size, *pc;
	char res[160], ovfv[32] = "";
	const char *engine_var, *fn_name = c->u.call->name, *factory, *t;
	int web, is_async, short_lived;
	struct finding *f;
	const char *const call_kv[] = { "call", fn_name, NULL };

	if (!catalog_match(catalog_get(m->lang, "rl_engine_factories"), fn_name))
		return;
	sem_callee(m, c, res, sizeof res);
	if (!catalog_match(catalog_get(m->lang, "rl_sqlalchemy_callees"), res) &&
	    strcmp(res, fn_name) != 0)
		return;
	is_async = catalog_match(catalog_get(m->lang, "rl_async_engine_factories"), fn_name);
	url = c->u.call->n_args && c->u.call->args[0].name == NULL ? &c->u.call->args[0] : NULL;
	if (url && rl_span_match(m, url->expr, catalog_get(m->lang, "rl_embedded_db_markers")))
		return; /* no pool semantics worth tuning */
	if (url == NULL && rl_sqlite_stack(p, m))
		return;
	if (rl_fallback_engine(m, c))
		return;
	short_lived = rl_short_lived(p, sf);
	engine_var = rl_bound_var(m, c);
	if (engine_var == NULL && m->nodes[c->parent].kind == NODE_ASSIGN)
		engine_var = m->nodes[c->parent].name;
	/* an engine its own function disposes of lives for one call; so does
	 * one kept in a plain local of a function that neither returns it nor
	 * stores it anywhere (a backup, a readiness probe, a migration) */
	if (engine_var && sem_func(m, c) &&
	    (rl_close_call(m, sem_func(m, c), engine_var) != NULL ||
	     rl_local_engine(m, sem_func(m, c), engine_var)))
		short_lived = 1;
	web = rl_web_service(in, m) && !short_lived;
	pre = rl_kwarg(m, c, catalog_text(m->lang, "pool_configuration.kw_pre_ping"));
	rec = rl_kwarg(m, c, catalog_text(m->lang, "pool_configuration.kw_recycle"));
	ovf = rl_kwarg(m, c, catalog_text(m->lang, "pool_configuration.kw_overflow"));
	size = rl_kwarg(m, c, catalog_text(m->lang, "pool_configuration.kw_size"));
	pc = rl_kwarg(m, c, catalog_text(m->lang, "pool_configuration.kw_poolclass"));
	if (pc && rl_span_match(m, pc->expr, catalog_get(m->lang, "rl_null_pools"))) {
		if (web && (f = rl_pool_emit(in, out, SEV_HIGH, fi, c,
					     "pool_configuration.nullpool")) != NULL) {
			rl_set_issue(f, m, "pool_configuration.nullpool", call_kv);
			rl_set_fix(f, m, "pool_configuration.nullpool.fix", call_kv);
		}
		return; /* no pool: the other settings mean nothing */
	}
	/* pre-ping and recycle guard connections that sit idle in a pool for
	 * hours; a one-off script's engine never has any */
	if ((pre == NULL || rl_off_by_default(m, sem_func(m, c), pre->expr, "rl_false_literals", 0)) &&
	    (rec == NULL || rl_off_by_default(m, sem_func(m, c), rec->expr, "rl_recycle_off", 0)) &&
	    !short_lived &&
	    (f = rl_pool_emit(in, out, SEV_HIGH, fi, c, "pool_configuration.no_pre_ping")) != NULL) {
		rl_set_issue(f, m, engine_var ? "pool_configuration.no_pre_ping.named" :
			     "pool_configuration.no_pre_ping",
			     (const char *const[]){ "call", fn_name, "var",
						    engine_var ? engine_var : "", NULL });
		rl_set_fix(f, m, "pool_configuration.no_pre_ping.fix", call_kv);
	}
	if (ovf)
		span_copy(m, ovf->expr, ovfv, sizeof ovfv);
	if (ovf && strcmp(ovfv, "-1") == 0) {
		if ((f = rl_pool_emit(in, out, SEV_HIGH, fi, c,
				      "pool_configuration.overflow_unbounded")) != NULL) {
			rl_set_issue(f, m, "pool_configuration.overflow_unbounded", call_kv);
			rl_set_fix(f, m, "pool_configuration.overflow_unbounded.fix", call_kv);
		}
	} else if (ovf == NULL && web) {
		/* SQLAlchemy's default overflow is bounded (10): a default size,
		 * LOW by the SPEC; only max_overflow=-1 is unbounded (HIGH) */
		if ((f = rl_pool_emit(in, out, SEV_LOW, fi, c,
				      "pool_configuration.overflow_missing")) != NULL) {
			rl_set_issue(f, m, size ? "pool_configuration.overflow_missing" :
				     "pool_configuration.overflow_missing.no_size", call_kv);
			rl_set_fix(f, m, is_async ? "pool_configuration.overflow_missing.fix_async" :
				   "pool_configuration.overflow_missing.fix", call_kv);
		}
	} else if (size == NULL && web) {
		if ((f = rl_pool_emit(in, out, SEV_LOW, fi, c,
				      "pool_configuration.default_size")) != NULL) {
			rl_set_issue(f, m, "pool_configuration.default_size", call_kv);
			rl_set_fix(f, m, "pool_configuration.default_size.fix", call_kv);
		}
	}
	factory = NULL;
	if (engine_var == NULL && m->nodes[c->parent].kind == NODE_RETURN && sem_func(m, c))
		factory = sem_func(m, c)->name;
	if (web && !rl_has_pool_listener(in, engine_var, m, factory) &&
	    (f = rl_pool_emit(in, out, SEV_MEDIUM, fi, c, "pool_configuration.no_listeners")) != NULL) {
		rl_set_issue(f, m, "pool_configuration.no_listeners",
			     (const char *const[]){ "var", engine_var ? engine_var : fn_name,
						    NULL });
		/* an async engine's listeners go on its sync_engine */
		t = is_async ? catalog_text(m->lang, "pool_configuration.async_engine_suffix") : NULL;
		if (engine_var == NULL &&
		    (engine_var = catalog_text(m->lang, "pool_configuration.default_engine")) == NULL)
			engine_var = "";
		rl_set_fix(f, m, "pool_configuration.no_listeners.fix",
			   (const char *const[]){ "var", engine_var, "tail", t ? t : "", NULL });
	}
}

/* True when some call of the project matches list (a setter: configured
 * somewhere, perhaps in another file: prefer silence). */
static int rld_project_calls(const struct project *p, enum lang lang, const char *list)
{
	for (size_t fi = 0; fi < p->n_files; fi++) {
		const struct model *m = p->files[fi].model;
		const struct catalog_list *l;

		if (m == NULL || m->lang != lang)
			continue;
		l = catalog_get(lang, list);
		for (uint32_t i = 1; i < m->n_nodes; i++)
			if (m->nodes[i].kind == NODE_CALL && m->nodes[i].u.call &&
			    catalog_match_call(l, m, &m->nodes[i]))
				return 1;
	}
	return 0;
}

/* Appends one missing setter's name to the list, comma-separated. */
static void rld_missing_add(char *buf, size_t size, const char *name)
{
	size_t n = strlen(buf);

	if (name == NULL || name[0] == '\0' || n >= size)
		return;
	snprintf(buf + n, size - n, "%s%s", n ? ", " : "", name);
}

static void rl_check_pool_setters(const struct audit_input *in, struct finding_sink *out, size_t fi,
			   const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	int cap, life, idle;
	char call[128], missing[160] = "", issue[600];
	const char *sev_key;
	struct finding *fd;
	enum severity sev;

	if (!catalog_match_call(catalog_get(m->lang, "pool_openers"), m, c) ||
	    model_enclosing_func(m, c) == NULL)
		return;
	/* a one-off command (scripts/, bin/) opens, migrates and exits: its
	 * pool has no long life to bound or recycle */
	if (rl_short_lived(in->proj, &in->proj->files[fi]))
		return;
	cap = rld_project_calls(in->proj, m->lang, "pool_max_open");
	life = rld_project_calls(in->proj, m->lang, "pool_lifetime");
	idle = rld_project_calls(in->proj, m->lang, "pool_max_idle");
	if (cap && life && idle)
		return;
	/* SQLite in-process: a pool of file handles, not of server slots
	 * (the project's database, or this opener's driver or dialect:
	 * `sql.Open("sqlite", path)`, `gorm.Open(sqlite.Open(path))`) */
	if (rl_sqlite_stack(in->proj, m))
		return;
	if (c->u.call->n_args > 0 && c->u.call->args[0].name == NULL &&
	    rl_span_match(m, c->u.call->args[0].expr, catalog_get(m->lang, "rl_embedded_db_markers")))
		return;
	/* SPEC: HIGH for no pre-ping and no recycle (database/sql has no
	 * pre-ping knob, so a pool without a lifetime is that case), HIGH for
	 * no cap (unbounded), LOW for default sizes (the idle count alone) */
	sev = cap && life ? SEV_LOW : SEV_HIGH;
	rld_missing_add(missing, sizeof missing, cap ? NULL : rl_text_or_empty(m, "pool_configuration.missing_max_open"));
	rld_missing_add(missing, sizeof missing, life ? NULL : rl_text_or_empty(m, "pool_configuration.missing_lifetime"));
	rld_missing_add(missing, sizeof missing, idle ? NULL : rl_text_or_empty(m, "pool_configuration.missing_max_idle"));
	if ((fd = auditor_emit(in, out, &rl_checks[RL_POOL_CONFIGURATION], sev, fi, c)) == NULL)
		return;
	sem_call_source(m, c, call, sizeof call);
	sev_key = !cap ? "pool_configuration.unbounded" :
		  !life ? "pool_configuration.no_recycle" : "pool_configuration.defaults";
	if (db_text(m, sev_key, (const char *const[]){ "call", call, "missing", missing, NULL },
		    issue, sizeof issue) != NULL)
		finding_set_issue(fd, "%s", issue);
	else
		finding_set_issue(fd, "`%s` leaves pool settings at their defaults (%s)", call,
				  missing);
	db_advice(in, m, "pool_configuration", NULL, fd);
}

/* The pool listeners of the project, collected once per run. */
static void prepare(const struct audit_input *in)
{
	struct rl_listeners *ls = audit_context_cache(in->audit, &rl_listeners_def);

	rl_listeners_collect(ls, in->proj);
	ls->handlers = rl_handler_scan(in->proj);
}

static void visit(const struct audit_input *in, struct finding_sink *out, size_t fi,
		  const struct node *n)
{
	if (n->u.call == NULL || n->u.call->callee == NULL || n->u.call->name == NULL)
		return;
	rl_check_pool_configuration(in, out, fi, n);
	rl_check_pool_setters(in, out, fi, n);
	rl_check_pool_options(in, out, fi, n);
	if (!rl_short_lived(in->proj, &in->proj->files[fi]))
		rl_check_pool_session(in, out, fi, n);
}

const struct check_impl check_pool_configuration = {
	.def = &rl_checks[RL_POOL_CONFIGURATION],
	.kinds = VISITS(NODE_CALL),
	.visit = visit,
	.prepare = prepare,
};
