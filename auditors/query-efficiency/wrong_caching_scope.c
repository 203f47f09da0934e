/* wrong_caching_scope (ln-651): request-scoped data cached process-wide,
 * or a heavy query repeated where it could be cached. */
#include "auditor.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "semantic.h"
#include "qe.h"
#include "dispatch.h"

/* True for characters that continue an identifier. */
static int qf_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* True for a cache-like attribute name: _cache, _loaded, _initialized,
 * or anything ending in _cache. */
static int qf_cache_attr(const struct model *m, const char *target)
{
	const char *dot = strchr(target, '.');
	char root[16], attr[128];
	size_t n = 0;

	/* an attribute of self: `self._cache` */
	if (dot == NULL || (size_t)(dot - target) >= sizeof root)
		return 0;
	snprintf(root, sizeof root, "%.*s", (int)(dot - target), target);
	if (!qe_word(m, "qe_self", root))
		return 0;
	for (target = dot + 1; qf_ident_char(target[n]) && n + 1 < sizeof attr; n++)
		attr[n] = target[n];
	attr[n] = '\0';
	return qe_word(m, "qe_cache_attrs", attr);
}

/* True when FUNC f is decorated with a per-call memoizer (lru_cache and
 * friends; cached_property is per instance by design and not counted).
 * The decorator's name goes to name (may be NULL). */
static int qf_memoized_as(const struct model *m, const struct node *f, char *name, size_t size)
{
	for (uint32_t i = 0; f->u.func != NULL && i < f->u.func->n_decorators; i++) {
		char text[256], res[256], *paren;

		span_copy(m, f->u.func->decorators[i], text, sizeof text);
		if ((paren = strchr(text, '(')) != NULL)
			*paren = '\0';
		model_resolve(m, text, res, sizeof res);
		if (!qe_word(m, "qe_instance_memoizers", res) &&
		    catalog_match(catalog_get(m->lang, "caching_decorators"), res)) {
			if (name != NULL)
				snprintf(name, size, "%.60s", text);
			return 1;
		}
	}
	return 0;
}

/* True when FUNC f is decorated with a per-call memoizer. */
static int qf_memoized(const struct model *m, const struct node *f)
{
	return qf_memoized_as(m, f, NULL, 0);
}

/* Where class `cls` is created per request: `Depends(Cls)`, or `Cls(...)`
 * inside a dependency or a middleware. Fills the place; 0 when nowhere. */
static int qf_request_scoped(const struct audit_input *in, const char *cls, char *where,
			     size_t size)
{
	const struct project *proj = in->proj;

	for (size_t fi = 0; fi < proj->n_files; fi++) {
		const struct model *m = proj->files[fi].model;
		const struct node *c;

		if (m == NULL || !file_auditable(&proj->files[fi]))
			continue;
		for (c = NULL; (c = model_walk(m, model_node(m, 0), c, 1)); ) {
			const struct node *fn;
			char arg[256];
			unsigned role;

			if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL)
				continue;
			if (qe_word(m, "qe_request_dependencies", c->u.call->name)) {
				const struct node *pf = model_node(m, c->parent);

				arg[0] = '\0';
				if (c->u.call->n_args > 0)
					span_copy(m, c->u.call->args[0].expr, arg, sizeof arg);
				/* Annotated[Cls, Depends()] in a parameter annotation */
				if (c->u.call->n_args == 0 && pf->kind == NODE_FUNC && pf->u.func) {
					for (uint32_t i = 0; i < pf->u.func->n_params; i++) {
						struct span an = pf->u.func->params[i].annotation;
						char at[256], want[160];
						const char *const kv[] = { "class", cls, NULL };

						span_copy(m, an, at, sizeof at);
						if (db_text(m, "wrong_caching_scope.annotated_class", kv,
							    want, sizeof want) != NULL &&
						    strstr(at, want) && qe_word(m, "qe_bare_dependency", at))
							snprintf(arg, sizeof arg, "%s", cls);
					}
				}
				if (strcmp(arg, cls) == 0) {
					char line[16];

					snprintf(line, sizeof line, "%u", c->line);
					db_text(m, "wrong_caching_scope.depends",
						(const char *const[]){ "owner", cls, "path",
								       proj->files[fi].path, "line", line,
								       NULL }, where, size);
					return 1;
				}
				continue;
			}
			if (strcmp(c->u.call->name, cls) != 0 || strchr(c->u.call->callee, '(') ||
			    (fn = model_enclosing_func(m, c)) == NULL || qf_memoized(m, fn))
				continue;
			role = index_role_at(proj, (uint32_t)fi, c);
			if (role & ROLE_DEPENDENCY) {
				snprintf(where, size, "dependency `%s` (%s:%u)", fn->name,
					 proj->files[fi].path, c->line);
				return 1;
			}
			for (uint32_t i = 0; fn->u.func && i < fn->u.func->n_decorators; i++)
				if (qe_span_word(m, "qe_middleware_decorators", fn->u.func->decorators[i])) {
					snprintf(where, size, "middleware `%s` (%s:%u)", fn->name,
						 proj->files[fi].path, c->line);
					return 1;
				}
			if (fn->name && qe_word(m, "qe_middleware_methods", fn->name) &&
			    (fn->flags & NF_METHOD)) {
				snprintf(where, size, "middleware `%s` (%s:%u)", fn->name,
					 proj->files[fi].path, c->line);
				return 1;
			}
		}
	}
	return 0;
}

/* True when the query text joins or aggregates. */
static int qf_heavy_query(const struct model *m, const char *text)
{
	return qe_word(m, "qe_heavy_query_marks", text);
}

/* wrong_caching_scope — a request-scoped object (created per request
 * through `Depends(...)` or middleware) holding a cache attribute
 * (`_cache`, `_loaded`, `_initialized`, `lru_cache` on a method) filled
 * by a query. HIGH when the query joins/aggregates, MEDIUM otherwise. */
static void qe_wrong_caching_scope_file(const struct audit_input *in, size_t fi,
				      struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *cls;

	for (cls = NULL; (cls = model_walk(m, model_node(m, 0), cls, 1)); ) {
		const struct node *meth;
		char where[512];
		int scoped = -1;

		if (cls->kind != NODE_CLASS || cls->name == NULL ||
		    (in->proj->index && index_model_named(in->proj->index, cls->name)))
			continue;
		for (meth = cls->first_child ? model_node(m, cls->first_child) : NULL;
		     meth != NULL && budget_step();
		     meth = meth->next_sibling ? model_node(m, meth->next_sibling) : NULL) {
			const struct node *mark = NULL, *a;
			char text[4096], what[160], deco[64];
			struct finding *f;
			struct node body;

			if (meth->kind != NODE_FUNC || meth->name == NULL ||
			    qe_word(m, "qe_constructors", meth->name) || !qe_subtree_is_db(in, m, meth, meth))
				continue;
			if (qf_memoized_as(m, meth, deco, sizeof deco)) {
				mark = meth;
				char d[41], o[41], mn[41];

				snprintf(d, sizeof d, "%.40s", deco);
				snprintf(o, sizeof o, "%.40s", cls->name);
				snprintf(mn, sizeof mn, "%.40s", meth->name);
				db_text(m, "wrong_caching_scope.memoized",
					(const char *const[]){ "decorator", d, "owner", o, "method", mn,
							       NULL }, what, sizeof what);
			}
			for (a = NULL; mark == NULL && (a = model_walk(m, meth, a, 0)); )
				if ((a->kind == NODE_ASSIGN || a->kind == NODE_AUGASSIGN) && a->name &&
				    qf_cache_attr(m, a->name)) {
					mark = a;
					snprintf(what, sizeof what, "`%.100s`", a->name);
				}
			if (mark == NULL)
				continue;
			if (scoped < 0)
				scoped = qf_request_scoped(in, cls->name, where, sizeof where);
			if (!scoped)
				break;
			body = *meth;
			f = auditor_emit(in, out, &qe_checks[QE_WRONG_CACHING_SCOPE],
					 qf_heavy_query(m, sem_node_text(m, &body, text, sizeof text)) ?
					 SEV_HIGH : SEV_MEDIUM, fi, mark == meth ? meth : mark);
			if (f == NULL)
				continue;
			if (mark == meth)
				finding_set_issue(f, "`%s` is created per request by %s, so %s caches "
						  "per instance: every request starts empty and runs "
						  "the query again, and the cache keeps each instance "
						  "(and its session) alive", cls->name, where, what);
			else
				finding_set_issue(f, "`%s` is created per request by %s, so %s filled "
						  "by the query in `%s()` is rebuilt for every request: "
						  "the query runs each time and nothing is shared",
						  cls->name, where, what, meth->name);
			if (db_text(m, "wrong_caching_scope.app_scope_fix",
				    (const char *const[]){ "owner", cls->name, NULL }, text, sizeof text))
				finding_set_recommendation(f, "%s", text);
		}
	}
}

const struct check_impl check_wrong_caching_scope = {
	.def = &qe_checks[QE_WRONG_CACHING_SCOPE],
	.file = qe_wrong_caching_scope_file,
};
