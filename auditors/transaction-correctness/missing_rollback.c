/* missing_rollback (ln-652): a commit with no rollback on failure.
 *
 * A commit is safe when a failure rolls back: a try/except that calls
 * rollback(), a `session.begin()` / `atomic()` block, or (less visibly) a
 * session whose owner closes it on the way out, which rolls back too.
 * The first kind is silent, and so is a session closed by this function
 * itself (`with Session() as s`, `finally: s.close()`): that is a context
 * manager that rolls back, in the spec's words. A session some framework
 * owns (a FastAPI dependency around `yield`, Flask-SQLAlchemy's scoped
 * `db.session`) is silent too: the rollback happens, out of sight, and
 * the SPEC's literal LOW for it gave hundreds of rows no reviewer files.
 * Either kind is MEDIUM when a loop here swallows a failed commit and
 * keeps using the session. */
#include "auditor.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "semantic.h"
#include "db-ops.h"
#include "errpath.h"
#include "semantic.h"
#include "dispatch.h"
#include "tc.h"
#include "summary.h"

/* How a commit's failure path is covered. */
enum tc_cover {
	TC_UNCOVERED,      /* nothing rolls back: MEDIUM */
	TC_IMPLICIT,       /* the session's owner closes it (rolls back): LOW */
	TC_COVERED,        /* explicit rollback / transaction block: silent */
};

/* The first segment of a dotted callee ("self" for self.session.commit). */
static const char *tc_root(const char *callee, char *buf, size_t size)
{
	size_t n = strcspn(callee, ".(");

	snprintf(buf, size, "%.*s", (int)n, callee);
	return buf;
}

/* The parameter of f called name, or of a function f is nested in (a
 * closure committing its outer function's session), or NULL. */
static const struct param *tc_param(const struct model *m, const struct node *f,
				    const char *name)
{
	uint32_t i;

	for (; f != NULL && f->u.func != NULL; f = model_enclosing_func(m, f)) {
		for (i = 0; i < f->u.func->n_params; i++)
			if (f->u.func->params[i].name &&
			    strcmp(f->u.func->params[i].name, name) == 0)
				return &f->u.func->params[i];
		if (f->flags & NF_METHOD)
			break;
	}
	return NULL;
}

/* Extracts the function named in `Depends(name)` from text into buf. */
static const char *tc_depends_target(enum lang lang, const char *text, char *buf, size_t size)
{
	size_t n = 0, len = 0;
	const char *d = tc_find_word(lang, "tc_dependency_markers", text, &len);
	const char *dot;

	buf[0] = '\0';
	if (d == NULL)
		return NULL;
	d += len;
	while (*d == ' ')
		d++;
	while (d[n] && d[n] != ')' && d[n] != ',' && d[n] != ' ' && n + 1 < size)
		n++;
	snprintf(buf, size, "%.*s", (int)n, d);
	/* Depends(deps.get_db) -> get_db */
	if ((dot = strrchr(buf, '.')) != NULL)
		memmove(buf, dot + 1, strlen(dot + 1) + 1);
	return buf[0] ? buf : NULL;
}

/* Project-wide facts missing_rollback asks about, gathered once per run
 * and kept in its audit context: scanning the project for each commit
 * made the check quadratic. */
struct tc_alias {
	const char *name;          /* module-level name, in its model's arena */
	char target[128];          /* x of Depends(x) */
};

struct tc_cache {
	struct tc_alias *aliases;
	size_t n_aliases, cap_aliases;
	int has_managed_dep;       /* -1 until first asked */
	int state_owner;           /* a middleware rolls back / closes request.state.X */
};

static void tc_cache_release(void *state)
{
	free(((struct tc_cache *)state)->aliases);
}

/* Built by prepare() before the files, in the run's audit context. */
static const struct audit_cache_def tc_cache_def = {
	.name = "Depends aliases and session middleware", .size = sizeof(struct tc_cache),
	.release = tc_cache_release,
};

static const struct tc_cache *tc_facts(const struct audit_input *in)
{
	return audit_context_cache(in->audit, &tc_cache_def);
}

/* Collects every module-level `Alias = Annotated[..., Depends(x)]`. */
static void tc_cache_build(struct tc_cache *c, const struct project *p)
{
	char value[512], target[128];
	size_t fi;

	memset(c, 0, sizeof *c);
	c->has_managed_dep = -1;
	for (fi = 0; fi < p->n_files; fi++) {
		const struct model *m = p->files[fi].model;
		const struct node *n;

		if (m == NULL)
			continue;
		/* a session middleware: `finally: request.state.db.close()` (or a
		 * rollback in an except) owns the per-request session */
		for (uint32_t i = 1; !c->state_owner && i < m->n_nodes; i++) {
			const struct node *k = &m->nodes[i];

			if (k->kind == NODE_CALL && k->u.call && k->u.call->callee &&
			    catalog_match(catalog_get(m->lang, "tc_request_state_prefixes"),
					  k->u.call->callee) &&
			    (sem_call_is(m, k, "db_close") || sem_call_is(m, k, "db_rollback")) &&
			    (model_ancestor(m, k, NODE_FINALLY) || model_ancestor(m, k, NODE_EXCEPT)))
				c->state_owner = 1;
		}
		for (n = NULL; (n = model_walk(m, model_node(m, 0), n, 0)); ) {
			if ((n->kind != NODE_ASSIGN && n->kind != NODE_STMT) || n->name == NULL ||
			    n->parent != 0 || !tc_span_matches(m, n->value, "tc_dependency_words"))
				continue;
			span_copy(m, n->value, value, sizeof value);
			if (tc_depends_target(m->lang, value, target, sizeof target) == NULL)
				continue;
			XGROW(c->aliases, c->cap_aliases, c->n_aliases + 1);
			c->aliases[c->n_aliases].name = n->name;
			snprintf(c->aliases[c->n_aliases].target, sizeof c->aliases[0].target, "%s", target);
			c->n_aliases++;
		}
	}
}

/* Looks up a module-level alias `SessionDep = Annotated[..., Depends(x)]`
 * anywhere in the project and returns x in buf, or NULL. */
static const char *tc_alias_depends(const struct audit_input *in, const char *alias,
				    char *buf, size_t size)
{
	const struct tc_cache *c = tc_facts(in);
	size_t i;

	for (i = 0; i < c->n_aliases; i++) {
		if (strcmp(c->aliases[i].name, alias) == 0) {
			snprintf(buf, size, "%s", c->aliases[i].target);
			return buf;
		}
	}
	return NULL;
}

/* True when a statement of f (own scope) reads `request.state.`. */
static int tc_mentions_state(const struct model *m, const struct node *f)
{
	for (const struct node *n = NULL; (n = model_walk(m, f, n, 0)); )
		if ((n->kind == NODE_ASSIGN || n->kind == NODE_RETURN || n->kind == NODE_YIELD) &&
		    tc_span_matches(m, n->value, "tc_request_state_words"))
			return 1;
	return 0;
}

/* True when a dependency generator closes or rolls back its session:
 * the yield sits in a `with` session block, or in a try whose except
 * rolls back or whose finally closes. */
static int tc_dependency_manages(const struct tc_cache *c, const struct model *m,
				 const struct node *f)
{
	const struct node *n;

	if (sem_contains_call(m, f, "db_rollback"))
		return 1;
	/* `return request.state.db`: the session middleware owns it */
	if (c->state_owner && tc_mentions_state(m, f))
		return 1;
	for (n = NULL; (n = model_walk(m, f, n, 0)); ) {
		const struct node *a;

		if (n->kind != NODE_YIELD)
			continue;
		for (a = n; a != f && a != NULL; a = model_node(m, a->parent)) {
			const struct node *k;

			if (a->kind == NODE_WITH)
				return 1;
			if (a->kind != NODE_TRY)
				continue;
			for (k = a->first_child ? model_node(m, a->first_child) : NULL;
			     k != NULL && budget_step();
			     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
				if (k->kind == NODE_FINALLY && sem_contains_call(m, k, "db_close"))
					return 1;
		}
	}
	return 0;
}

/* Whether the dependency named dep manages its session. Unknown
 * dependencies (defined outside the project) are presumed to. */
static int tc_dep_managed(const struct audit_input *in, const char *dep)
{
	const struct project *p = in->proj;
	const struct func_ref *refs;
	size_t n, i;

	refs = index_funcs_named(p->index, dep, &n);
	if (n == 0)
		return 1;
	for (i = 0; i < n; i++) {
		const struct model *m = p->files[refs[i].file].model;

		if (m != NULL && tc_dependency_manages(tc_facts(in), m, model_node(m, refs[i].node)))
			return 1;
	}
	return 0;
}

/* True when some request dependency of the project yields a session it
 * manages; sessions passed into services then come from it. */
static int tc_project_has_managed_dep_scan(const struct tc_cache *c, const struct project *p)
{
	size_t fi;

	for (fi = 0; fi < p->n_files; fi++) {
		const struct model *m = p->files[fi].model;
		const struct node *n;

		if (m == NULL)
			continue;
		for (n = NULL; (n = model_walk(m, model_node(m, 0), n, 1)); )
			if (n->kind == NODE_FUNC && (n->flags & NF_GENERATOR) && n->u.func &&
			    (n->u.func->role & ROLE_DEPENDENCY) && tc_dependency_manages(c, m, n))
				return 1;
	}
	return 0;
}

/* tc_project_has_managed_dep_scan, once per run. */
static int tc_project_has_managed_dep(const struct audit_input *in)
{
	struct tc_cache *c = audit_context_cache(in->audit, &tc_cache_def);

	if (c->has_managed_dep < 0) {
		/* a project-wide fact: scanned whole, outside the file's budget */
		struct budget *saved = budget_suspend();

		c->has_managed_dep = c->state_owner || tc_project_has_managed_dep_scan(c, in->proj);
		budget_resume(saved);
	}
	return c->has_managed_dep;
}

/* Where a commit's session comes from, for the LOW rule and the text. */
struct tc_origin {
	int managed;          /* some owner closes / rolls back the session */
	int local;            /* that owner is this function's own with / finally */
	char how[160];        /* "`Depends(get_session)`", "`async with SessionLocal()`" */
};

/* True when call c runs a project context manager that hands out a
 * session and closes it on the way out (`@contextmanager def
 * session_context(): s = SessionLocal(); try: yield s finally:
 * s.close()`, or a `with Factory() as s: yield s` inside): a commit in
 * its with-block is rolled back by that close. Every definition of the
 * name must be one. */
static int tc_project_session_cm(const struct audit_input *in, const struct node *c)
{
	const struct func_ref *refs;
	size_t n, i;

	if (c->u.call == NULL || c->u.call->name == NULL || in->proj->index == NULL)
		return 0;
	refs = index_funcs_named(in->proj->index, c->u.call->name, &n);
	if (refs == NULL || n == 0 || n > 4)
		return 0;
	for (i = 0; i < n; i++) {
		const struct model *dm = in->proj->files[refs[i].file].model;
		const struct node *fn = dm ? &dm->nodes[refs[i].node] : NULL;
		const struct func_info *info = fn ? fn->u.func : NULL;
		int cm = 0, yields = 0, closes = 0;

		if (info == NULL)
			return 0;
		for (uint32_t d = 0; d < info->n_decorators; d++)
			if (tc_span_matches(dm, info->decorators[d], "tc_context_manager_decorators"))
				cm = 1;
		if (!cm)
			return 0;
		for (const struct node *x = NULL; (x = model_walk(dm, fn, x, 0)); ) {
			if (x->kind == NODE_YIELD)
				yields = 1;
			else if (x->kind == NODE_CALL && x->u.call && x->u.call->name &&
				 catalog_match(catalog_get(dm->lang, "tc_release_names"), x->u.call->name) &&
				 model_ancestor(dm, x, NODE_FINALLY) != NULL)
				closes = 1;
			else if (x->kind == NODE_WITH)
				for (uint32_t k = x->first_child; k; k = dm->nodes[k].next_sibling)
					if ((dm->nodes[k].flags & NF_HEADER) &&
					    dm->nodes[k].kind == NODE_CALL &&
					    sem_call_is(dm, &dm->nodes[k], "session_factories"))
						closes = 1;
		}
		if (!yields || !closes)
			return 0;
	}
	return 1;
}

/* True when call k sits in the body of a `with` / `async with` whose
 * header opens a session or connection (`async with engine.connect() as
 * conn:`), inside its own function. */
static int tc_in_factory_block(const struct model *m, const struct node *k)
{
	const struct node *a, *prev = k;

	for (a = model_node(m, k->parent); a != model_node(m, 0) && a->kind != NODE_FUNC &&
	     budget_step(); prev = a, a = model_node(m, a->parent)) {
		if (a->kind != NODE_WITH || (prev->flags & NF_HEADER))
			continue;
		for (uint32_t h = a->first_child; h; h = m->nodes[h].next_sibling)
			if ((m->nodes[h].flags & NF_HEADER) && m->nodes[h].kind == NODE_CALL &&
			    sem_call_is(m, &m->nodes[h], "session_factories"))
				return 1;
	}
	return 0;
}

/* `self.conn.commit()` in a wrapper class whose constructor stores a
 * connection it is handed (`self.conn = conn`), where every construction
 * of the class in the project sits in the body of a block that opens the
 * connection (`async with engine.connect() as conn: yield Wrapper(conn)`):
 * that block closes the connection on the way out, which rolls back a
 * failed commit, so the wrapper's methods need no rollback of their own.
 * Writes how into how. */
static int tc_wrapper_owned(const struct audit_input *in, const struct model *m,
			    const struct node *f, const char *callee, char *how, size_t hsize)
{
	const char *a = strchr(callee, '.'), *b = a ? strchr(a + 1, '.') : NULL;
	const struct node *cls, *init = NULL;
	char target[160], val[128];
	int stored = 0, found = 0;

	if (b == NULL || strchr(b + 1, '.') != NULL || !(f->flags & NF_METHOD) ||
	    (cls = model_node(m, f->parent))->kind != NODE_CLASS || cls->name == NULL ||
	    (size_t)(b - callee) >= sizeof target)
		return 0;
	snprintf(target, sizeof target, "%.*s", (int)(b - callee), callee);
	for (uint32_t k = cls->first_child; k; k = m->nodes[k].next_sibling)
		if (m->nodes[k].kind == NODE_FUNC && m->nodes[k].name && m->nodes[k].u.func &&
		    catalog_match(catalog_get(m->lang, "tc_constructor_names"), m->nodes[k].name))
			init = &m->nodes[k];
	if (init == NULL)
		return 0;
	for (const struct node *x = NULL; !stored && (x = model_walk(m, init, x, 0)); ) {
		char *v = val, *e;

		if (x->kind != NODE_ASSIGN || !(x->flags & NF_TARGET_ATTR) || x->name == NULL ||
		    strcmp(x->name, target) != 0)
			continue;
		span_copy(m, x->value, val, sizeof val);
		while (*v == ' ' || *v == '\t')
			v++;
		for (e = v + strlen(v); e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'); )
			*--e = '\0';
		for (uint32_t i = 1; i < init->u.func->n_params; i++)
			if (init->u.func->params[i].name && strcmp(init->u.func->params[i].name, v) == 0)
				stored = 1;
	}
	if (!stored)
		return 0;
	for (size_t fi = 0; fi < in->proj->n_files; fi++) {
		const struct model *dm = in->proj->files[fi].model;

		if (dm == NULL || dm->lang != m->lang)
			continue;
		for (uint32_t i = 1; i < dm->n_nodes && budget_step(); i++) {
			const struct node *k = &dm->nodes[i];
			const char *cc;
			size_t cl, nl;

			if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->name == NULL ||
			    strcmp(k->u.call->name, cls->name) != 0 || (k->flags & NF_DECORATOR))
				continue;
			cc = k->u.call->callee;
			cl = cc ? strlen(cc) : 0;
			nl = strlen(cls->name);
			if (cl != nl && (cl < nl + 1 || cc[cl - nl - 1] != '.'))
				continue;
			if (!tc_in_factory_block(dm, k))
				return 0;
			found++;
		}
	}
	if (found == 0)
		return 0;
	snprintf(how, hsize, "the block that opens the connection `%s` wraps", cls->name);
	return 1;
}

/* Classifies the origin of the session used by commit call c in f. */
static void tc_session_origin(const struct audit_input *in, const struct model *m,
			      const struct node *f, const struct node *c, const char *root,
			      struct tc_origin *o)
{
	const struct param *prm = tc_param(m, f, root);
	char text[512], dep[128] = "", callee[SEM_NAME_MAX];
	const struct node *a, *prev = c;
	const char *dbs;
	int handed = 0;

	o->managed = o->local = 0;
	o->how[0] = '\0';
	/* Flask-SQLAlchemy: `db.session` is a scoped session the extension
	 * removes (closes, so rolls back) when the app context tears down */
	sem_callee(m, c, callee, sizeof callee);
	if ((dbs = tc_find_word(m->lang, "tc_scoped_session_words", callee, NULL)) != NULL &&
	    (dbs == callee || dbs[-1] == '.') && sem_stack_in(in->proj, m->lang, "tc_scoped_session_stacks")) {
		const char *how = catalog_text(m->lang, "missing_rollback.flask_scoped_session");

		o->managed = 1;
		snprintf(o->how, sizeof o->how, "%s", how ? how : "");
		return;
	}
	/* with SessionLocal() as session: / async with pool.acquire() as conn: */
	for (a = model_node(m, c->parent); a != NULL && a != f; prev = a, a = model_node(m, a->parent)) {
		const struct node *k;

		if (a->kind != NODE_WITH || (prev->flags & NF_HEADER))
			continue;
		for (k = a->first_child ? model_node(m, a->first_child) : NULL;
		     k != NULL && budget_step() && (k->flags & NF_HEADER);
		     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
			if (k->kind == NODE_CALL && (sem_call_is(m, k, "session_factories") ||
						     tc_project_session_cm(in, k))) {
				o->managed = o->local = 1;
				snprintf(o->how, sizeof o->how, "`%s`", sem_header_text(m, a, text,
											sizeof text));
				return;
			}
	}
	if (prm != NULL) {
		char ann[256] = "", def[256] = "";

		span_copy(m, prm->annotation, ann, sizeof ann);
		span_copy(m, prm->def, def, sizeof def);
		/* Depends(get_db) as default, in Annotated[...], or behind an alias */
		if (tc_depends_target(m->lang, def, dep, sizeof dep) == NULL &&
		    tc_depends_target(m->lang, ann, dep, sizeof dep) == NULL &&
		    tc_alias_depends(in, ann, dep, sizeof dep) == NULL)
			dep[0] = '\0';
		if (dep[0] != '\0') {
			o->managed = tc_dep_managed(in, dep);
			if (db_text(m, "missing_rollback.depends_origin",
				    (const char *const[]){ "dependency", dep, NULL }, o->how,
				    sizeof o->how) == NULL)
				o->how[0] = '\0';
			return;
		}
	}
	/* `session = object_session(target)` (an ORM event hook): the session
	 * of whoever loaded target, handed in like a parameter */
	if (prm == NULL) {
		const struct node *as = sem_assignment(m, f, root, c->line);

		handed = as != NULL && tc_span_matches(m, as->value, "tc_object_session_words");
		/* `session = request.state.db`, `session = arg` (picked out of
		 * the endpoint's arguments): only plain names and attributes
		 * are assigned to it here, no factory call, so it is not this
		 * function's to roll back */
		if (!handed && as != NULL &&
		    !catalog_match(catalog_get(m->lang, "tc_self_names"), root)) {
			const struct node *x;
			int calls = 0, plain = 0;

			for (x = NULL; (x = model_walk(m, f, x, 0)); )
				if (x->kind == NODE_ASSIGN && x->name && strcmp(x->name, root) == 0 &&
				    !(x->flags & NF_TARGET_ATTR) && x->line < c->line) {
					if (sem_first_call(m, x) != NULL)
						calls = 1;
					else if (!tc_span_matches(m, x->value, "tc_null_values"))
						plain = 1;
				}
			handed = plain && !calls;
		}
	}
	if (prm != NULL || handed ||
	    catalog_match(catalog_get(m->lang, "tc_implicit_receivers"), root)) {
		/* handed in by the caller: a service or repository method */
		o->managed = tc_project_has_managed_dep(in);
		if (!o->managed && !handed &&
		    catalog_match(catalog_get(m->lang, "tc_self_names"), root) &&
		    tc_wrapper_owned(in, m, f, callee, o->how, sizeof o->how)) {
			o->managed = 1;
			return;
		}
		snprintf(o->how, sizeof o->how, "%s",
			 o->managed ? "the caller (the project's session dependency closes it)" :
			 "the caller");
	}
}

/* True when ELSE node e is the `else:` of try t (it follows an except),
 * not the else of an if / for sitting in the try's body. */
static int tc_is_try_else(const struct model *m, const struct node *t, const struct node *e)
{
	const struct node *k, *before = NULL;

	for (k = t->first_child ? model_node(m, t->first_child) : NULL;
	     k != NULL && budget_step() && k != e;
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		before = k;
	return before != NULL && before->kind == NODE_EXCEPT;
}

/* True when block k closes root (`root.close()`, `await root.aclose()`):
 * closing a session or connection rolls back its open transaction. */
static int tc_closes(const struct model *m, const struct node *k, const char *root)
{
	const struct node *x;

	for (x = NULL; (x = model_walk(m, k, x, 0)); ) {
		char callee[SEM_NAME_MAX], r[128];

		if (x->kind == NODE_CALL && sem_call_is(m, x, "db_close") &&
		    !sem_call_is(m, x, "db_close_keeps_tx") &&
		    strcmp(tc_root(sem_callee(m, x, callee, sizeof callee), r, sizeof r), root) == 0)
			return 1;
	}
	return 0;
}

/* How the try statements and blocks around commit c (on session root)
 * cover its failure. */
static int tc_catches_db_error(const struct project *p, const struct model *m,
			       const struct node *e);

/* True when except e names a type a failed commit raises (the catalog's
 * tc_commit_error_types: `Exception`, `IntegrityError`, ...), not one of
 * the parsing or lookup errors a try around a commit also catches. */
static int tc_catches_commit_error(const struct model *m, const struct node *e)
{
	const struct catalog_list *l = catalog_get(m->lang, "tc_commit_error_types");

	if (e->u.exc == NULL)
		return 1;
	for (uint32_t i = 0; i < e->u.exc->n_types; i++) {
		const char *t = e->u.exc->types[i], *last = strrchr(t, '.');

		if (catalog_match(l, last ? last + 1 : t))
			return 1;
	}
	return 0;
}

/* True when except e ends the process (a command-line tool's
 * `exit(1)`): the session goes with it, nothing is left to roll back. */
static int tc_ends_process(const struct model *m, const struct node *e)
{
	const struct catalog_list *l = catalog_get(m->lang, "tc_process_exit_calls");
	char callee[SEM_NAME_MAX];

	for (const struct node *x = NULL; (x = model_walk(m, e, x, 0)); )
		if (x->kind == NODE_CALL && x->u.call &&
		    catalog_match(l, sem_callee(m, x, callee, sizeof callee)))
			return 1;
	return 0;
}

static enum tc_cover tc_commit_cover(const struct model *m, const struct node *f,
				     const struct node *c, const char *root, int *reraised,
				     int *closed, int *caught)
{
	const struct node *a, *prev = c;

	*reraised = *closed = *caught = 0;
	if (sem_tx_block(m, c) != NULL)
		return TC_COVERED;
	for (a = model_node(m, c->parent); a != NULL && a != f; prev = a, a = model_node(m, a->parent)) {
		const struct node *k;

		if (a->kind != NODE_TRY || prev->kind == NODE_EXCEPT ||
		    prev->kind == NODE_FINALLY ||
		    (prev->kind == NODE_ELSE && tc_is_try_else(m, a, prev)))
			continue;
		for (k = a->first_child ? model_node(m, a->first_child) : NULL;
		     k != NULL && budget_step();
		     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
			const struct node *x;

			if (k->kind == NODE_EXCEPT) {
				if (sem_contains_call(m, k, "db_rollback"))
					return TC_COVERED;
				/* an except that can catch the commit's failure
				 * (not `except NoResultFound` around a lookup) */
				if ((k->u.exc == NULL || k->u.exc->n_types == 0 ||
				     tc_catches_commit_error(m, k)) && !tc_ends_process(m, k))
					*caught = 1;
				/* `except: await session.close(); raise`: the close
				 * rolls the failed transaction back */
				if (tc_closes(m, k, root))
					*closed = 1;
				for (x = NULL; (x = model_walk(m, k, x, 0)); )
					if (x->kind == NODE_RAISE)
						*reraised = 1;
			} else if (k->kind == NODE_FINALLY) {
				if (sem_contains_call(m, k, "db_rollback"))
					return TC_COVERED;
				/* a pooled client handed back (pg `release()`)
				 * keeps its aborted transaction: not a close */
				for (x = NULL; (x = model_walk(m, k, x, 0)); )
					if (x->kind == NODE_CALL && sem_call_is(m, x, "db_close") &&
					    !sem_call_is(m, x, "db_close_keeps_tx"))
						*closed = 1;
			}
		}
	}
	return TC_UNCOVERED;
}

/* Recommendation for missing_rollback: by stack, by the kind of object
 * committed (DB-API connection or ORM session) and by async-ness. */
static void tc_rollback_recommendation(const struct audit_input *in, const struct model *m,
				       struct finding *f,
				       const struct node *fn, const char *recv, int low)
{
	const char *lead = low ? "Optional, the owner already rolls back: make the boundary "
				 "explicit with " : "Use ";
	int async = fn != NULL && (fn->flags & NF_ASYNC);
	const char *const kv[] = { "lead", lead, NULL };

	if (catalog_match(catalog_get(m->lang, "connection_names"), recv)) {
		tc_set_recommendation(m, f, sem_db_stack(in->proj) == SEM_ASYNCPG || async ?
					    "missing_rollback.connection_async" :
					    "missing_rollback.connection", kv);
		return;
	}
	if (sem_db_stack(in->proj) == SEM_DJANGO) {
		tc_set_recommendation(m, f, "missing_rollback.django", kv);
		return;
	}
	tc_set_recommendation(m, f, async ? "missing_rollback.session_async" :
				    "missing_rollback.session", kv);
}

/* missing_rollback — `commit()` with no rollback on failure: not inside
 * try/except that rolls back, not inside a context manager that does
 * (`session.begin()`, `atomic()`), Go `Begin()` without `defer
 * tx.Rollback()`. MEDIUM; LOW where a framework-managed session rolls back
 * anyway. */
/* True for a one-off script: a file under scripts/ or bin/ (a worker
 * started as __main__ may well run forever, so that is no sign). */
static int tc_script(const char *path, const struct model *m)
{
	(void)m;
	return strncmp(path, "scripts/", 8) == 0 || strstr(path, "/scripts/") != NULL ||
	       strncmp(path, "bin/", 4) == 0 || strstr(path, "/bin/") != NULL;
}

/* True when the project declares a class named name (in a file of the
 * same language) whose bases, followed through the project's own
 * classes, never reach a type a failed commit raises other than the
 * generic roots (catalog tc_commit_error_types minus
 * tc_generic_error_roots): `class InvalidData(TopologyError)` with
 * `class TopologyError(Exception)` is the project's own validation error,
 * which no commit raises. */
static int tc_project_error_class(const struct project *p, enum lang lang, const char *name,
				  int depth)
{
	const struct catalog_list *commit = catalog_get(lang, "tc_commit_error_types");
	const struct catalog_list *roots = catalog_get(lang, "tc_generic_error_roots");
	int found = 0;

	if (p == NULL || depth > 4 || catalog_list_empty(roots))
		return 0;
	for (size_t fi = 0; fi < p->n_files; fi++) {
		const struct model *m = p->files[fi].model;

		if (m == NULL || m->lang != lang)
			continue;
		for (uint32_t i = 1; i < m->n_nodes && budget_step(); i++) {
			const struct node *k = &m->nodes[i];
			char bases[256], *b, *save = NULL;

			if (k->kind != NODE_CLASS || k->name == NULL || k->u.cls == NULL ||
			    strcmp(k->name, name) != 0)
				continue;
			found = 1;
			span_copy(m, k->u.cls->bases, bases, sizeof bases);
			for (b = strtok_r(bases, ", ", &save); b != NULL; b = strtok_r(NULL, ", ", &save)) {
				const char *last = strrchr(b, '.');

				last = last ? last + 1 : b;
				if (catalog_match(roots, last))
					continue;
				if (catalog_match(commit, last) ||
				    !tc_project_error_class(p, lang, last, depth + 1))
					return 0;
			}
		}
	}
	return found;
}

/* True when except e names an exception type whose last segment the
 * catalog's tc_db_error_types match (`Exception`, `*Error`), and that is
 * not one of the project's own error classes (tc_project_error_class). */
static int tc_catches_db_error(const struct project *p, const struct model *m,
			       const struct node *e)
{
	const struct catalog_list *l = catalog_get(m->lang, "tc_db_error_types");

	if (e->kind != NODE_EXCEPT || e->u.exc == NULL)
		return 0;
	for (uint32_t i = 0; i < e->u.exc->n_types; i++) {
		const char *t = e->u.exc->types[i], *last = strrchr(t, '.');

		last = last ? last + 1 : t;
		if (catalog_match(l, last) && !tc_project_error_class(p, m->lang, last, 0))
			return 1;
	}
	return 0;
}

/* True when a try inside loop, around commit c, has an except that
 * swallows the failure (no raise / return / break in it): only then does
 * the loop go on with the failed session. An exception that leaves the
 * loop leaves the with-block too, which rolls back. */
static int tc_failure_swallowed(const struct project *p, const struct model *m,
				const struct node *loop,
				const struct node *c)
{
	const struct node *a, *prev = c;

	for (a = model_node(m, c->parent); a != NULL && a != loop;
	     prev = a, a = model_node(m, a->parent)) {
		const struct node *k;

		if (a->kind != NODE_TRY || prev->kind == NODE_EXCEPT ||
		    prev->kind == NODE_FINALLY || prev->kind == NODE_ELSE)
			continue;
		for (k = a->first_child ? model_node(m, a->first_child) : NULL;
		     k != NULL && budget_step();
		     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
			const struct node *x;
			int leaves = 0;

			/* it must catch a database error: bare, Exception, *Error */
			if (k->kind != NODE_EXCEPT ||
			    (!(k->flags & NF_CATCH_ALL) && !tc_catches_db_error(p, m, k)))
				continue;
			for (x = NULL; (x = model_walk(m, k, x, 0)); )
				if (x->kind == NODE_RAISE || x->kind == NODE_RETURN || x->kind == NODE_BREAK)
					leaves = 1;
			if (!leaves)
				return 1;
		}
	}
	return 0;
}

/* The loop that runs commit c again and again on the same session: a loop
 * around c inside the `with ... as root` block that owns the session. A
 * failed commit there, caught inside the loop, poisons the session for
 * every later iteration (PendingRollbackError) although the block would
 * roll back at its end. */
static const struct node *tc_reuse_loop(const struct project *p, const struct model *m,
					const struct node *f,
					const struct node *c, const char *root, int script)
{
	const struct node *loop = model_enclosing_loop(m, c), *a;

	if (loop == NULL || (loop->flags & NF_COMPREHENSION))
		return NULL;
	/* the loop goes on after a failed commit only when an except inside
	 * it swallows the error; otherwise the error leaves the loop and the
	 * with-block rolls back, which is fine */
	(void)script;
	if (!tc_failure_swallowed(p, m, loop, c))
		return NULL;
	for (a = model_node(m, loop->parent); a != NULL && a != f && node_index(m, a) != 0;
	     a = model_node(m, a->parent)) {
		uint32_t k;

		if (a->kind != NODE_WITH)
			continue;
		for (k = 0; k < a->n_items; k++)
			if (a->u.items[k].name != NULL && strcmp(a->u.items[k].name, root) == 0)
				return loop;
	}
	return NULL;
}

/* True when an except between c and loop rolls back (a `rollback` call
 * in it): a swallowed failure then leaves a usable session. */
static int tc_except_rolls_back(const struct model *m, const struct node *loop,
				const struct node *c)
{
	for (const struct node *a = model_node(m, c->parent); a != NULL && a != loop;
	     a = model_node(m, a->parent)) {
		if (a->kind != NODE_TRY)
			continue;
		for (uint32_t k = a->first_child; k; k = m->nodes[k].next_sibling) {
			const struct node *e = &m->nodes[k];
			if (e->kind != NODE_EXCEPT)
				continue;
			for (const struct node *x = NULL; (x = model_walk(m, e, x, 0)); )
				if (x->kind == NODE_CALL && x->u.call && x->u.call->name &&
				    catalog_match(catalog_get(m->lang, "tc_rollback_names"), x->u.call->name))
					return 1;
		}
	}
	return 0;
}

/* True when the commit witness w sits in its function's own `with
 * SessionLocal() as s` (or one closed in its finally): a failed commit
 * leaves that block, whose close rolls it back, and the caller's session
 * is not the one that failed. */
static int tc_witness_own_session(const struct audit_input *in, const struct summary_witness *w)
{
	const struct model *wm;
	const struct node *wc, *wf;
	struct tc_origin o = { 0, 0, "" };
	char callee[SEM_NAME_MAX], root[128];
	int reraised, closed, caught;

	if (w->file == UINT32_MAX || w->file >= in->proj->n_files ||
	    (wm = in->proj->files[w->file].model) == NULL || w->node >= wm->n_nodes)
		return 0;
	wc = &wm->nodes[w->node];
	if (wc->kind != NODE_CALL || (wf = model_enclosing_func(wm, wc)) == NULL)
		return 0;
	tc_root(sem_callee(wm, wc, callee, sizeof callee), root, sizeof root);
	if (tc_commit_cover(wm, wf, wc, root, &reraised, &closed, &caught) == TC_COVERED)
		return 1;
	tc_session_origin(in, wm, wf, wc, root, &o);
	return o.local || closed;
}

/* True when call c (a plain function, not a method of an object that may
 * hold a session) hands no session or connection over, in a project with
 * no process-wide scoped session: whatever session the callee commits on
 * is its own (opened and closed there or further down), so a failed
 * commit leaves nothing broken in the caller's loop. */
static int tc_call_shares_no_session(const struct audit_input *in, const struct model *m,
				     const struct node *c)
{
	const struct catalog_list *sn = catalog_get(m->lang, "session_names");
	const struct catalog_list *cn = catalog_get(m->lang, "connection_names");
	char args[512], word[128];
	size_t i, n = 0;

	if (c->u.call->callee == NULL || strchr(c->u.call->callee, '.') != NULL ||
	    sem_stack_in(in->proj, m->lang, "tc_scoped_session_stacks"))
		return 0;
	span_copy(m, c->u.call->args_text, args, sizeof args);
	for (i = 0; ; i++) {
		char ch = args[i];

		if (ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9')) {
			if (n + 1 < sizeof word)
				word[n++] = ch;
			continue;
		}
		if (n > 0) {
			word[n] = '\0';
			if (catalog_match(sn, word) || catalog_match(cn, word))
				return 0;
			n = 0;
		}
		if (ch == '\0')
			break;
	}
	return 1;
}

/* missing_rollback, one call away: a loop calls project code that commits
 * (the function summaries), and an except in the loop swallows its
 * failure without rollback, so every later iteration runs on a session
 * that needs one (PendingRollbackError). Wherever the session comes from:
 * the failure is handled nowhere. One finding per function. */
static void tc_helper_commit_in_loop(const struct audit_input *in, size_t fi,
				     struct finding_sink *out, const struct node *f)
{
	const struct model *m = in->proj->files[fi].model;
	struct summary_witness w = { UINT32_MAX, 0 };

	for (const struct node *c = NULL; (c = model_walk(m, f, c, 0)); ) {
		const struct node *loop;
		struct finding *fd;
		char call[128], hdr[128], where[200] = "", issue[1024] = "";

		if (c->kind != NODE_CALL || c->u.call == NULL || sem_session_call(m, c, "db_commit") ||
		    !(summary_call_facts(in->sum, fi, c) & SUM_COMMITS))
			continue;
		loop = model_enclosing_loop(m, c);
		if (loop == NULL || (loop->flags & NF_COMPREHENSION) || !model_is_within(m, loop, f) ||
		    !tc_failure_swallowed(in->proj, m, loop, c) || tc_except_rolls_back(m, loop, c))
			continue;
		w.file = UINT32_MAX;
		summary_call_has(in->sum, in->proj, fi, c, SUM_COMMITS, &w);
		if (tc_witness_own_session(in, &w) ||
		    tc_call_shares_no_session(in, m, c))
			continue;
		fd = auditor_emit(in, out, &tc_checks[TC_MISSING_ROLLBACK], SEV_MEDIUM, fi, c);
		if (fd == NULL)
			return;
		if (w.file != UINT32_MAX && w.file < in->proj->n_files)
			snprintf(where, sizeof where, " (at %s:%u)", in->proj->files[w.file].path,
				 in->proj->files[w.file].model->nodes[w.node].line);
		sem_call_source(m, c, call, sizeof call);
		sem_header_text(m, loop, hdr, sizeof hdr);
		db_text(m, "missing_rollback.swallowed_in_loop_issue",
			(const char *const[]){ "call", call, "at", where, "loop", hdr, NULL }, issue,
			sizeof issue);
		finding_set_issue(fd, "%s", issue);
		tc_set_recommendation(m, fd, "missing_rollback.swallowed_in_loop", NULL);
		sem_add_line(fd, m, loop->line);
		return;
	}
}

/* missing_rollback where failures are values (Go): a transaction begun in
 * this function (`tx, err := db.Begin()`) with no deferred rollback and an
 * early return between Begin and Commit that does not roll back: that path
 * leaves the transaction open and its connection out of the pool. A
 * transaction handed in by the caller is the caller's to roll back. */
static void tc_value_errors(const struct audit_input *in, size_t fi, struct finding_sink *out,
			    const struct node *f, const struct node *c, const char *root)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *begin, *ret, *a;
	char call[128], bcall[128], desc[160], line[16], issue[600];
	struct finding *fd;
	uint32_t after;

	/* a deferred Close of the handle that began also ends its
	 * transaction: only session types close (xorm rolls back what was
	 * not committed); a database/sql or pgx Tx has no Close */
	if ((a = ep_acquired_by(m, f, "tx_begin", root, c->line, &begin)) == NULL ||
	    ep_deferred_release(m, f, "db_rollback", root, c->line) ||
	    ep_deferred_release(m, f, "db_close", root, c->line))
		return;
	/* the check of Begin's own error returns before there is a transaction */
	after = a->end_line;
	if (a->next_sibling && model_node(m, a->next_sibling)->kind == NODE_IF)
		after = model_node(m, a->next_sibling)->end_line;
	ret = ep_unreleased_return(m, f, "db_rollback", root, after, c->line);
	/* a return in another branch of the chain that began (`if a {
	 * Exec } else { Begin } ... `, `else { return }`) never held it */
	while (ret != NULL && ep_other_branch(m, a, ret))
		ret = ep_unreleased_return(m, f, "db_rollback", root, ret->line, c->line);
	if (ret == NULL || (fd = auditor_emit(in, out, &tc_checks[TC_MISSING_ROLLBACK], SEV_MEDIUM,
					      fi, begin)) == NULL)
		return;
	sem_call_source(m, c, call, sizeof call);
	sem_call_source(m, begin, bcall, sizeof bcall);
	sem_func_desc(in, fi, f, desc, sizeof desc);
	snprintf(line, sizeof line, "%u", ret->line);
	if (db_text(m, "missing_rollback.return_without_rollback",
		    (const char *const[]){ "opener", bcall, "closer", call, "handle", root,
					   "where", desc, "line", line, NULL },
		    issue, sizeof issue) != NULL)
		finding_set_issue(fd, "%s", issue);
	else
		finding_set_issue(fd, "`%s` in %s: the return on line %s leaves before `%s` "
				  "with no rollback", bcall, desc, line, call);
	db_advice(in, m, "missing_rollback", root, fd);
	sem_add_line(fd, m, ret->line);
	sem_add_line(fd, m, c->line);
}

/* missing_rollback where failures are values (Go): a transaction begun in
 * f whose Commit is deferred (`defer tx.Commit()`, or a deferred function
 * literal that commits) with no deferred rollback anywhere in f. A deferred
 * call runs on every way out, a panic included, so the work done before
 * the panic is committed; and the commit's failure never reaches the
 * caller unless the literal hands it to a named result. A deferred literal
 * that rolls back on error or panic (the recover idiom) is silent. True
 * when it reported. */
static int tc_deferred_commit(const struct audit_input *in, size_t fi, struct finding_sink *out,
			      const struct node *f)
{
	const struct model *m = in->proj->files[fi].model;
	const struct catalog_list *commit = catalog_get(m->lang, "db_commit");
	const struct node *d, *k;

	for (d = NULL; (d = model_walk(m, f, d, 0)) && budget_step(); ) {
		if (d->kind != NODE_DEFER)
			continue;
		for (k = NULL; (k = model_walk(m, d, k, 1)) && budget_step(); ) {
			char callee[SEM_NAME_MAX], root[128], call[128], bcall[128], desc[160];
			char issue[600];
			const struct node *begin;
			struct finding *fd;

			if (k->kind != NODE_CALL || !catalog_match_call(commit, m, k))
				continue;
			tc_root(sem_callee(m, k, callee, sizeof callee), root, sizeof root);
			if (!ep_call_on(m, k, root) ||
			    ep_acquired_by(m, f, "tx_begin", root, d->line, &begin) == NULL ||
			    ep_deferred_release(m, f, "db_rollback", root, f->end_line + 1))
				continue;
			if ((fd = auditor_emit(in, out, &tc_checks[TC_MISSING_ROLLBACK], SEV_MEDIUM,
					       fi, begin)) == NULL)
				return 1;
			sem_call_source(m, k, call, sizeof call);
			sem_call_source(m, begin, bcall, sizeof bcall);
			sem_func_desc(in, fi, f, desc, sizeof desc);
			if (db_text(m, "missing_rollback.deferred_commit",
				    (const char *const[]){ "opener", bcall, "closer", call,
							   "handle", root, "where", desc, NULL },
				    issue, sizeof issue) != NULL)
				finding_set_issue(fd, "%s", issue);
			else
				finding_set_issue(fd, "`%s` in %s: `%s` is deferred and nothing "
						  "deferred rolls back", bcall, desc, call);
			db_advice(in, m, "missing_rollback", root, fd);
			sem_add_line(fd, m, d->line);
			return 1;
		}
	}
	return 0;
}

/* True when node k (a call of the function that commits) sits in the
 * body of a try of its own function whose except or finally rolls back
 * session `recv` by that same name (`calibre_db.session.rollback()` for
 * `calibre_db.session.commit()` one call down). */
static int tc_call_in_rolling_try(const struct model *m, const struct node *k, const char *recv)
{
	const struct node *kf = model_enclosing_func(m, k), *a, *prev = k;

	for (a = model_node(m, k->parent); a != NULL && a != kf && node_index(m, a) != 0;
	     prev = a, a = model_node(m, a->parent)) {
		if (a->kind != NODE_TRY || prev->kind == NODE_EXCEPT || prev->kind == NODE_FINALLY ||
		    (prev->kind == NODE_ELSE && tc_is_try_else(m, a, prev)))
			continue;
		for (const struct node *e = a->first_child ? model_node(m, a->first_child) : NULL;
		     e != NULL && budget_step();
		     e = e->next_sibling ? model_node(m, e->next_sibling) : NULL) {
			if (e->kind != NODE_EXCEPT && e->kind != NODE_FINALLY)
				continue;
			for (const struct node *x = NULL; (x = model_walk(m, e, x, 0)) != NULL; ) {
				char callee[SEM_NAME_MAX], r[SEM_NAME_MAX];

				if (x->kind == NODE_CALL && sem_call_is(m, x, "db_rollback") &&
				    strcmp(sem_receiver_path(sem_callee(m, x, callee, sizeof callee),
							     r, sizeof r), recv) == 0)
					return 1;
			}
		}
	}
	return 0;
}

/* The calls in the project that may be calls of f (file fi), one per
 * step: same language, same name, not pinned by the index to another
 * function (one it cannot pin may be f's). Start with *ci = 0 and *i = 0;
 * returns the next (its file in *ci) or NULL at the end. */
static const struct node *tc_next_call_of(const struct audit_input *in, size_t fi,
					  const struct node *f, size_t *ci, uint32_t *i)
{
	const struct model *m = in->proj->files[fi].model;

	for (; *ci < in->proj->n_files; (*ci)++, *i = 0) {
		const struct model *cm = in->proj->files[*ci].model;

		if (cm == NULL || cm->lang != m->lang)
			continue;
		while (++*i < cm->n_nodes && budget_step()) {
			const struct node *k = &cm->nodes[*i];
			struct func_ref ref;

			if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->name == NULL ||
			    strcmp(k->u.call->name, f->name) != 0)
				continue;
			if (summary_call_target(in->sum, *ci, k, &ref) &&
			    (ref.file != fi || model_node(m, ref.node) != f))
				continue;
			return k;
		}
	}
	return NULL;
}

/* True when every call of function f (file fi) in the project sits in a
 * try that rolls back session `recv` (tc_call_in_rolling_try), or in a
 * function whose own calls all do, up to three calls up; at least one
 * call, and f no entry point a framework calls (handler, task, hook). A
 * failed commit in f propagates to that try, which rolls the shared
 * session back: the caller owns the unit of work (`upload` → helper that
 * adds an author and commits). */
static int tc_callers_roll_back(const struct audit_input *in, size_t fi, const struct node *f,
				const char *recv, int depth)
{
	const struct node *k, *kf;
	uint32_t i = 0;
	int calls = 0;

	if (depth > 3 || in->sum == NULL || f->name == NULL || (f->flags & NF_LAMBDA) ||
	    (index_role_at(in->proj, (uint32_t)fi, f) & (IX_SERVING_ROLES & ~ROLE_HANDLER_PATH)) ||
	    (index_role_at(in->proj, (uint32_t)fi, f) & ROLE_INIT))
		return 0;
	for (size_t ci = 0; (k = tc_next_call_of(in, fi, f, &ci, &i)) != NULL; ) {
		const struct model *cm = in->proj->files[ci].model;

		calls++;
		if (tc_call_in_rolling_try(cm, k, recv))
			continue;
		if ((kf = model_enclosing_func(cm, k)) == NULL || kf == f ||
		    !tc_callers_roll_back(in, ci, kf, recv, depth + 1))
			return 0;
	}
	return calls > 0;
}

/* True when the argument of call k (model cm) that fills parameter
 * index pidx of f is a plain dotted name that k's own function rolls back
 * in the except or finally of a try around k (tc_call_in_rolling_try).
 * A method may or may not list its object first: the argument one to the
 * left is tried too. */
static int tc_arg_rolled_back(const struct model *cm, const struct node *k,
			      const struct node *f, uint32_t pidx)
{
	const struct call_info *ci = k->u.call;

	for (uint32_t back = 0; back <= 1 && back <= pidx; back++) {
		uint32_t pos = pidx - back;
		char text[SEM_NAME_MAX];
		const char *t;

		if (back == 1 && !(f->flags & NF_METHOD))
			break;
		if (pos >= ci->n_args || ci->args[pos].name != NULL)
			continue;
		span_copy(cm, ci->args[pos].expr, text, sizeof text);
		for (t = text; *t && (isalnum((unsigned char)*t) || *t == '_' || *t == '.'); t++)
			;
		if (text[0] != '\0' && *t == '\0' && tc_call_in_rolling_try(cm, k, text))
			return 1;
	}
	return 0;
}

/* True when the argument of call k that fills parameter pidx of f (or
 * the one to its left, for a method) is a name the catalog knows for a
 * session or transaction handle (`queryRunner`). */
static int tc_arg_is_session(const struct model *cm, const struct node *k,
			     const struct node *f, uint32_t pidx)
{
	const struct call_info *ci = k->u.call;

	for (uint32_t back = 0; back <= 1 && back <= pidx; back++) {
		uint32_t pos = pidx - back;
		char text[SEM_NAME_MAX], *last;

		if (back == 1 && !(f->flags & NF_METHOD))
			break;
		if (pos >= ci->n_args || ci->args[pos].name != NULL)
			continue;
		span_copy(cm, ci->args[pos].expr, text, sizeof text);
		last = strrchr(text, '.') ? strrchr(text, '.') + 1 : text;
		if (last[0] != '\0' && sem_is_session_name(cm->lang, last))
			return 1;
	}
	return 0;
}

/* True when f commits a session or transaction handed in as its
 * parameter pidx and every call the index pins to f passes, in that
 * place, a handle the caller rolls back in the except or finally of a try
 * around the call (at least one such call; calls of the same name the
 * index cannot pin are not f's to judge). The caller that created the
 * handle owns its unit of work: `catch { if (qr.isTransactionActive) await
 * qr.rollbackTransaction() }` around `service.delete(qr, ...)`. */
static int tc_param_callers_roll_back(const struct audit_input *in, size_t fi,
				      const struct node *f, uint32_t pidx)
{
	const struct node *k;
	uint32_t i = 0;
	int calls = 0;

	if (in->sum == NULL || f->name == NULL || (f->flags & NF_LAMBDA))
		return 0;
	for (size_t ci = 0; (k = tc_next_call_of(in, fi, f, &ci, &i)) != NULL; ) {
		const struct model *cm = in->proj->files[ci].model;

		/* handing no session in that place (`repo.delete({ id })`):
		 * not a call of f with a handle */
		if (!tc_arg_is_session(cm, k, f, pidx))
			continue;
		calls++;
		if (!tc_arg_rolled_back(cm, k, f, pidx))
			return 0;
	}
	return calls > 0;
}

/* What call k's function does with session `recv` after k returns, read
 * in statement order (the other branches of k's if chain and the excepts
 * of its try skipped): 1 when the first thing is discarding the session
 * (catalog list tc_session_discards: `self.db.remove()`, or a close),
 * 0 when something uses the session, may use it (a project call that
 * reaches the database), or leaves before. */
static int tc_discarded_after(const struct audit_input *in, size_t ci, const struct node *k,
			      const char *recv)
{
	const struct model *m = in->proj->files[ci].model;
	const struct node *kf = model_enclosing_func(m, k), *a;
	size_t rl = strlen(recv);

	for (a = k; a != NULL && a != kf && a->parent != 0; a = model_node(m, a->parent)) {
		const struct node *up = model_node(m, a->parent);
		int chain = a->kind == NODE_IF || a->kind == NODE_ELSE;

		for (const struct node *sb = a->next_sibling ? model_node(m, a->next_sibling) : NULL;
		     sb != NULL && budget_step();
		     sb = sb->next_sibling ? model_node(m, sb->next_sibling) : NULL) {
			if (chain && (sb->kind == NODE_ELSE ||
				      (sb->kind == NODE_IF && (sb->flags & NF_ELIF))))
				continue;
			chain = 0;
			if (up->kind == NODE_TRY && sb->kind == NODE_EXCEPT)
				continue;
			for (const struct node *x = sb; x != NULL && budget_step();
			     x = model_walk(m, sb, x == sb ? NULL : x, 0)) {
				char callee[SEM_NAME_MAX];

				if (x->kind == NODE_RETURN || x->kind == NODE_RAISE)
					return 0;
				if (x->kind != NODE_CALL || x->u.call == NULL)
					continue;
				sem_callee(m, x, callee, sizeof callee);
				if (strncmp(callee, recv, rl) == 0 && callee[rl] == '.')
					return sem_call_is(m, x, "tc_session_discards") ||
					       sem_call_is(m, x, "db_close");
				if (summary_call_facts(in->sum, ci, x) & (SUM_DB_READ | SUM_DB_WRITE))
					return 0;
			}
		}
	}
	return 0;
}

/* True when the failure of a commit that f catches and does not re-raise
 * meets no later statement: every call of f (file fi) in the project runs
 * outside any loop of its function, which then discards the session it
 * shares with f (`self.app_db_session.remove()` right after
 * `self.delete_all()`) before using it again (tc_discarded_after). At
 * least one call. The session is `recv`: module-wide, or f's own
 * instance's (`self.x`) when every call goes through the caller's own
 * instance. */
static int tc_callers_discard(const struct audit_input *in, size_t fi, const struct node *f,
			      const char *root, const char *recv)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *k;
	size_t rl = strlen(root);
	uint32_t i = 0;
	int calls = 0, self_root;

	if (in->sum == NULL || f->name == NULL || (f->flags & NF_LAMBDA) ||
	    (index_role_at(in->proj, (uint32_t)fi, f) & (IX_SERVING_ROLES & ~ROLE_HANDLER_PATH &
							  ~ROLE_BACKGROUND)))
		return 0;
	self_root = (f->flags & NF_METHOD) && f->u.func != NULL && f->u.func->n_params > 0 &&
		    f->u.func->params[0].name != NULL && strcmp(f->u.func->params[0].name, root) == 0;
	if (!self_root && tc_param(m, f, root) != NULL)
		return 0;
	for (size_t ci = 0; (k = tc_next_call_of(in, fi, f, &ci, &i)) != NULL; ) {
		const struct model *cm = in->proj->files[ci].model;
		const struct node *kf, *l;

		calls++;
		kf = model_enclosing_func(cm, k);
		l = model_enclosing_loop(cm, k);
		if (kf == NULL || kf == f || (l != NULL && model_is_within(cm, l, kf)))
			return 0;
		/* through the caller's own instance: `self.f(...)` in a
		 * method whose first parameter is `self` too */
		if (self_root &&
		    (!(kf->flags & NF_METHOD) || kf->u.func == NULL || kf->u.func->n_params == 0 ||
		     kf->u.func->params[0].name == NULL ||
		     strcmp(kf->u.func->params[0].name, root) != 0 ||
		     strncmp(k->u.call->callee, root, rl) != 0 || k->u.call->callee[rl] != '.' ||
		     strcmp(k->u.call->callee + rl + 1, f->name) != 0))
			return 0;
		if (!tc_discarded_after(in, ci, k, recv))
			return 0;
	}
	return calls > 0;
}

/* c sits in a loop of f */
static int tc_in_loop(const struct model *m, const struct node *f, const struct node *c)
{
	for (const struct node *a = c; a != NULL && a != f;
	     a = a->parent != 0 ? &m->nodes[a->parent] : NULL)
		if (a->kind == NODE_LOOP)
			return 1;
	return 0;
}

static void tc_missing_rollback_file(const struct audit_input *in, size_t fi,
				   struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *f;

	for (f = NULL; (f = model_walk(m, model_node(m, 0), f, 1)); ) {
		const struct node *c, *first = NULL;
		enum severity sev = SEV_LOW;
		struct tc_origin origin = { 0, 0, "" }, first_origin = { 0, 0, "" };
		int count = 0;
		const struct node *reuse = NULL;

		int startup;

		if (f->kind != NODE_FUNC || (f->flags & NF_LAMBDA))
			continue;
		/* a script's main is its own unit of work, not start-up code
		 * before serving */
		startup = !tc_script(in->proj->files[fi].path, m) &&
			  sem_startup_only(m, f, index_role_at(in->proj, (uint32_t)fi, f));
		tc_helper_commit_in_loop(in, fi, out, f);
		if (ep_errors_are_values(m) && tc_deferred_commit(in, fi, out, f))
			continue;
		for (c = NULL; (c = model_walk(m, f, c, 0)); ) {
			char callee[SEM_NAME_MAX], root[128], recv_path[SEM_NAME_MAX];
			int reraised, closed, caught;
			enum tc_cover cov;
			enum severity s;

			/* where failures are values, a Commit on any name that a
			 * Begin of this function bound (`t, err = app.db.Begin()`)
			 * is a transaction's, whatever the name: tc_value_errors
			 * asks for that Begin */
			if (c->kind != NODE_CALL ||
			    !(sem_session_call(m, c, "db_commit") ||
			      (ep_errors_are_values(m) && sem_call_is(m, c, "db_commit"))))
				continue;
			tc_root(sem_callee(m, c, callee, sizeof callee), root, sizeof root);
			if (ep_errors_are_values(m)) {
				tc_value_errors(in, fi, out, f, c, root);
				continue;
			}
			cov = tc_commit_cover(m, f, c, root, &reraised, &closed, &caught);
			if (cov == TC_COVERED)
				continue;
			tc_session_origin(in, m, f, c, root, &origin);
			/* a re-raise hands the failure to the owner that rolls back */
			if (reraised && origin.managed && !closed && !origin.local)
				continue;
			/* closed by this function's own with / finally, or owned by
			 * a framework that rolls back on the way out: nothing to
			 * report (for the latter a deliberate silence, see the
			 * check's page), unless a loop here keeps using the
			 * session after a failed commit it swallowed */
			if (closed || origin.local || origin.managed) {
				int may_reuse = origin.local || (!closed && origin.managed);
				const struct node *l = !may_reuse ? NULL :
					tc_reuse_loop(in->proj, m, f, c, root, tc_script(in->proj->files[fi].path, m));
				/* SPEC section 3's LOW: the code catches the
				 * failed commit itself (`except IntegrityError:
				 * abort(400)`) and leaves the rollback to the
				 * framework's teardown. A commit whose failure just
				 * propagates needs none (section 11): silent. */
				if (l == NULL && caught && !reraised && !closed && !origin.local &&
				    origin.managed) {
					if (first == NULL) {
						first = c;
						first_origin = origin;
					}
					count++;
					continue;
				}
				if (l == NULL)
					continue;
				if (first == NULL || sev < SEV_MEDIUM) {
					first = c;
					sev = SEV_MEDIUM;
					first_origin = origin;
					reuse = l;
				}
				count++;
				continue;
			}
			/* start-up code (run once before the service serves,
			 * sem_startup_only): a failed commit outside any loop
			 * propagates and stops the start, or the except around
			 * it ends the process; no request ever sees the failed
			 * session. A loop may swallow one failure and go on. */
			if (startup && !tc_in_loop(m, f, c))
				continue;
			/* a failure caught here, outside any loop, whose callers
			 * all discard the session right after the call */
			if (caught && !reraised && !tc_in_loop(m, f, c) &&
			    sem_receiver_path(callee, recv_path, sizeof recv_path)[0] != '\0' &&
			    tc_callers_discard(in, fi, f, root, recv_path))
				continue;
			/* a helper whose every caller runs it inside a try that
			 * rolls back this same process-wide session: the failure
			 * propagates there (not when caught here) */
			if (!caught && !tc_param(m, f, root) && sem_assignment(m, f, root, 0) == NULL &&
			    sem_receiver_path(callee, recv_path, sizeof recv_path)[0] != '\0' &&
			    tc_callers_roll_back(in, fi, f, recv_path, 0))
				continue;
			/* a handle handed in whose every caller rolls it back */
			if (!caught && tc_param(m, f, root) != NULL && f->u.func != NULL &&
			    tc_param(m, f, root) >= f->u.func->params &&
			    tc_param(m, f, root) < f->u.func->params + f->u.func->n_params &&
			    tc_param_callers_roll_back(in, fi, f,
						       (uint32_t)(tc_param(m, f, root) - f->u.func->params)))
				continue;
			s = SEV_MEDIUM;
			count++;
			if (first == NULL || s > sev) {
				first = c;
				sev = s;
				first_origin = origin;
			}
		}
		if (first != NULL) {
			char call[128], desc[160];
			struct finding *fd = auditor_emit(in, out, &tc_checks[TC_MISSING_ROLLBACK],
							  sev, fi, first);

			if (fd == NULL)
				continue;
			char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX];
			int is_conn;

			sem_receiver_name(sem_callee(m, first, callee, sizeof callee), recv, sizeof recv);
			is_conn = catalog_match(catalog_get(m->lang, "connection_names"), recv);
			sem_call_source(m, first, call, sizeof call);
			sem_func_desc(in, fi, f, desc, sizeof desc);
			if (reuse != NULL) {
				char hdr[128];

				sem_header_text(m, reuse, hdr, sizeof hdr);
				finding_set_issue(fd, "`%s` in %s runs on every iteration of `%s` with "
						  "no rollback on failure: the session from %s lives "
						  "across iterations, so after one failed commit every "
						  "later iteration fails too (PendingRollbackError) "
						  "until the block ends", call, desc, hdr, first_origin.how);
				sem_add_line(fd, m, reuse->line);
			} else if (sev == SEV_LOW)
				finding_set_issue(fd, "`%s` in %s has no explicit rollback on failure; "
						  "%s %s, which rolls back when "
						  "it is closed, so the error path is implicit%s",
						  call, desc, is_conn ? "the connection comes from" :
						  "the session comes from",
						  first_origin.how,
						  count > 1 ? " (and in the other commits here)" : "");
			else
				finding_set_issue(fd, "`%s` in %s has no rollback on failure: no "
						  "`%s` that rolls back and no transaction block, "
						  "so a failed commit leaves the %s%s", call, desc,
						  sem_catch_word(m),
						  is_conn ? "connection in an aborted transaction" :
						  "session unusable until someone rolls it back",
						  count > 1 ? " (same for the other commits here)" : "");
			if (!db_advice(in, m, "missing_rollback", recv, fd))
				tc_rollback_recommendation(in, m, fd, f, recv, sev == SEV_LOW);
		}
	}
}

/* The Depends aliases and the session middleware of the project, built
 * once per run (the audit context frees them). */
static void prepare(const struct audit_input *in)
{
	tc_cache_build(audit_context_cache(in->audit, &tc_cache_def), in->proj);
}

const struct check_impl check_missing_rollback = {
	.def = &tc_checks[TC_MISSING_ROLLBACK],
	.file = tc_missing_rollback_file,
	.prepare = prepare,
};
