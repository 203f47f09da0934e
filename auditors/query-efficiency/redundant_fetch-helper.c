/* redundant_fetch (ln-651), the loader form: a function loads a row
 * through a project loader, `const c = await this.getCollection(id)`,
 * then hands the same key to another project function, which calls the
 * same loader with it before anything else touches the database:
 *
 *     async duplicate(id) {
 *       const c = await this.getCollection(id);
 *       const tree = await this.exportTree(c.teamID, id);    // reloads id
 *     }
 *     async exportTree(teamID, collectionID) {
 *       const c = await this.getCollection(collectionID);
 *
 * One query per call that handing the loaded row on would save. Every
 * link is resolved, never guessed: the loader is the one project
 * function the summaries resolve the load to (it reads and writes
 * nothing), the callee is the one definition its call resolves to, the
 * key reaches the callee's parameter by position and the callee passes
 * that parameter, unchanged, in the same position to the same loader.
 * Silent when the caller writes between the load and the call (the row
 * may have changed: the reload is wanted), when the key is reassigned in
 * between, when the callee writes before its reload, when another
 * argument of the load differs from the reload's in the caller's terms
 * (another space's row), when the call is
 * outside the block holding the load (another branch), and for a call
 * of the function itself. The session a call runs on is never its key. */
#include "auditor.h"

#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "semantic.h"
#include "summary.h"
#include "qe.h"

static int qh_ident(const char *s)
{
	if (*s == '\0' || (*s >= '0' && *s <= '9'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '$'))
			return 0;
	return 1;
}

/* A bare name or a path of names (`req.Tier`). */
static int qh_path(const char *s)
{
	char part[128];
	const char *dot;

	while ((dot = strchr(s, '.')) != NULL) {
		size_t n = (size_t)(dot - s);

		if (n == 0 || n >= sizeof part)
			return 0;
		memcpy(part, s, n);
		part[n] = '\0';
		if (!qh_ident(part))
			return 0;
		s = dot + 1;
	}
	return qh_ident(s);
}

/* The first target of assignment a (`tier` of `tier, err := ...`, `_`
 * of `_, err = ...`) into buf, or NULL when it is no bare name. */
static const char *qh_first_target(const struct model *m, const struct node *a, char *buf,
				   size_t size)
{
	size_t n = strcspn(a->name, ",");

	if (n == 0 || n >= size)
		return NULL;
	memcpy(buf, a->name, n);
	while (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	if (qh_ident(buf) || catalog_match(catalog_get(m->lang, "rl_discard_names"), buf))
		return buf;
	return NULL;
}

static int qh_same_ref(const struct func_ref *a, const struct func_ref *b)
{
	return a->file == b->file && a->node == b->node;
}

/* The positional argument i of call c, copied into buf, when it is a bare
 * name; NULL otherwise. */
static const char *qh_name_arg(const struct model *m, const struct node *c, uint32_t i,
			       char *buf, size_t size)
{
	if (i >= c->u.call->n_args || c->u.call->args[i].name != NULL)
		return NULL;
	span_copy(m, c->u.call->args[i].expr, buf, size);
	return qh_ident(buf) ? buf : NULL;
}

/* The same, a path of names (`req.Tier`) also accepted: a caller's key. */
static const char *qh_path_arg(const struct model *m, const struct node *c, uint32_t i,
			       char *buf, size_t size)
{
	if (i >= c->u.call->n_args || c->u.call->args[i].name != NULL)
		return NULL;
	span_copy(m, c->u.call->args[i].expr, buf, size);
	/* where the catalog allows it (qe_loader_key_paths): elsewhere a
	 * field key may be an object's loaded attribute */
	if (catalog_list_empty(catalog_get(m->lang, "qe_loader_key_paths")))
		return qh_ident(buf) ? buf : NULL;
	return qh_path(buf) ? buf : NULL;
}

int qf_writes_between(const struct audit_input *in, size_t fi, const struct node *fn,
		      uint32_t a, uint32_t b)
{
	const struct model *m = in->proj->files[fi].model;
	struct db_op_info oi;

	for (const struct node *k = NULL; (k = model_walk(m, fn, k, 1)) != NULL && budget_step(); )
		if (k->kind == NODE_CALL && k->line > a && k->line < b && k->u.call != NULL &&
		    ((summary_call_facts(in->sum, fi, k) & SUM_DB_WRITE) ||
		     db_op_writes(db_call_op(m, k, &oi)) || db_call_op(m, k, &oi) == DB_OP_BULK))
			return 1;
	return 0;
}

int qf_reassigned(const struct model *m, const struct node *fn, const char *name,
		  uint32_t a, uint32_t b)
{
	for (const struct node *k = NULL; (k = model_walk(m, fn, k, 0)) != NULL && budget_step(); )
		if ((k->kind == NODE_ASSIGN || k->kind == NODE_AUGASSIGN) && k->line > a &&
		    k->line < b && k->name != NULL && strcmp(k->name, name) == 0)
			return 1;
	return 0;
}

/* True when call k of g sits in a branch of an `if` whose header makes a
 * call (`if _, err := s.Create(...); err != nil { ... reload ... }`):
 * it runs only on that call's outcome, a re-check after a race rather
 * than the callee's own load. */
static int qh_after_outcome(const struct model *m, const struct node *g, const struct node *k)
{
	const struct node *prev = k;

	for (const struct node *b = model_node(m, k->parent); b != NULL && b != g && node_index(m, b) != 0;
	     prev = b, b = model_node(m, b->parent)) {
		if (b->kind != NODE_IF || (prev->flags & NF_HEADER))
			continue;
		for (uint32_t c = b->first_child; c; c = m->nodes[c].next_sibling)
			if ((m->nodes[c].flags & NF_HEADER) && m->nodes[c].kind == NODE_CALL)
				return 1;
	}
	return 0;
}

/* The call of callee g (file gfi) that passes parameter p, in position
 * pos, to loader h before g writes anything; NULL when there is none. */
static const struct node *qh_reload(const struct audit_input *in, size_t gfi,
				    const struct node *g, const struct param *p, uint32_t pos,
				    const struct func_ref *h)
{
	const struct model *gm = in->proj->files[gfi].model;
	struct db_op_info oi;

	if (qf_reassigned(gm, g, p->name, g->line, g->end_line + 1))
		return NULL;
	for (const struct node *k = NULL; (k = model_walk(gm, g, k, 0)) != NULL && budget_step(); ) {
		struct func_ref kr;
		char arg[128];

		if (k->kind != NODE_CALL || k->u.call == NULL || (k->flags & NF_DECORATOR))
			continue;
		if (summary_call_target(in->sum, gfi, k, &kr) && qh_same_ref(&kr, h)) {
			const char *a = qh_name_arg(gm, k, pos, arg, sizeof arg);

			/* in a loop of g (a refresh every interval, `for {
			 * sleep; load(key) }`) the load repeats on purpose:
			 * the caller's copy would be stale by then */
			if (a != NULL && strcmp(a, p->name) == 0) {
				const struct node *l = model_enclosing_loop(gm, k);

				if (l != NULL && model_is_within(gm, l, g))
					return NULL;
				return qh_after_outcome(gm, g, k) ? NULL : k;
			}
		}
		if ((summary_call_facts(in->sum, gfi, k) & SUM_DB_WRITE) ||
		    db_op_writes(db_call_op(gm, k, &oi)))
			return NULL;
	}
	return NULL;
}

/* True when an argument of the load other than the key (position kpos)
 * differs from the reload's argument in the same place, read in the
 * caller's terms: a callee parameter at the head of the reload's argument
 * (`page.spaceId`) stands for what caller call c passes for it
 * (`targetParent`), and the same field of another object is another row. `ability(user, movedPage.spaceId)`, then
 * `canEdit(targetParent, user)` reloading `ability(user, page.spaceId)`,
 * loads another space's row, not the same one. Session arguments are not
 * compared, nor arguments that are no field of a parameter. */
static int qh_other_args_differ(const struct model *m, const struct node *load,
				const struct node *c, const struct model *gm, const struct node *g,
				const struct node *reload, uint32_t kpos)
{
	if (load->u.call->n_args != reload->u.call->n_args)
		return 1;
	for (uint32_t j = 0; j < load->u.call->n_args; j++) {
		char l[160], r[160], sub[320];
		size_t hn;

		if (j == kpos)
			continue;
		span_copy(m, load->u.call->args[j].expr, l, sizeof l);
		span_copy(gm, reload->u.call->args[j].expr, r, sizeof r);
		if (sem_is_session_name(m->lang, l) && sem_is_session_name(gm->lang, r))
			continue;
		snprintf(sub, sizeof sub, "%s", r);
		for (hn = 0; r[hn] && (r[hn] == '_' || r[hn] == '$' ||
				      (r[hn] >= 'a' && r[hn] <= 'z') || (r[hn] >= 'A' && r[hn] <= 'Z') ||
				      (r[hn] >= '0' && r[hn] <= '9')); hn++)
			;
		/* only the same field of another object passed in its place
		 * (`page.spaceId` read as `targetParent.spaceId` against
		 * `movedPage.spaceId`) is known to name another row; any other
		 * argument may be no key at all (a date range, a scope) */
		if (r[hn] != '.' || strrchr(l, '.') == NULL ||
		    strcmp(strrchr(l, '.'), strrchr(r, '.')) != 0)
			continue;
		for (uint32_t ai = 0; hn > 0 && ai < c->u.call->n_args; ai++) {
			const struct param *p = qf_param_for(m, c, ai, g);
			char a[160];

			if (p == NULL || p->name == NULL || strlen(p->name) != hn ||
			    strncmp(p->name, r, hn) != 0 || c->u.call->args[ai].name != NULL)
				continue;
			span_copy(m, c->u.call->args[ai].expr, a, sizeof a);
			snprintf(sub, sizeof sub, "%s%s", a, r + hn);
			if (strcmp(sub, l) != 0)
				return 1;
			break;
		}
	}
	return 0;
}

void qf_loader_reloads(const struct audit_input *in, size_t fi, struct finding_sink *out,
		       unsigned char *reported)
{
	const struct model *m = in->proj->files[fi].model;

	for (const struct node *a = NULL; (a = model_walk(m, model_node(m, 0), a, 1)) != NULL; ) {
		const struct node *fn, *load = NULL, *scope, *after;
		struct func_ref h;
		unsigned facts;
		char key[128], bound[64];
		uint32_t kpos = 0;

		if (a->kind != NODE_ASSIGN || a->name == NULL ||
		    qh_first_target(m, a, bound, sizeof bound) == NULL ||
		    (fn = model_enclosing_func(m, a)) == NULL)
			continue;
		/* a load in an `if` header (`if _, err := load(k); err != nil
		 * {...}`) runs on every path: what follows the whole `if`
		 * comes after it */
		scope = model_node(m, a->parent);
		after = a;
		if (scope != NULL && scope->kind == NODE_IF && (a->flags & NF_HEADER) &&
		    scope->parent != 0) {
			after = scope;
			while (after->next_sibling != 0 &&
			       (model_node(m, after->next_sibling)->kind == NODE_ELSE ||
				(model_node(m, after->next_sibling)->kind == NODE_IF &&
				 (model_node(m, after->next_sibling)->flags & NF_ELIF))))
				after = model_node(m, after->next_sibling);
			scope = model_node(m, scope->parent);
		}
		for (const struct node *k = a->first_child ? model_node(m, a->first_child) : NULL;
		     k != NULL; k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
			if (k->kind == NODE_CALL && k->u.call != NULL) {
				load = k;
				break;
			}
		if (load == NULL || !summary_call_target(in->sum, fi, load, &h))
			continue;
		facts = summary_call_facts(in->sum, fi, load);
		if (!(facts & SUM_DB_READ) || (facts & (SUM_DB_WRITE | SUM_MEMOISED)))
			continue;
		/* the key: the first argument that is a bare name and not the
		 * session it runs on */
		for (kpos = 0; kpos < load->u.call->n_args; kpos++)
			if (qh_path_arg(m, load, kpos, key, sizeof key) != NULL &&
			    !sem_is_session_name(m->lang, key) && !db_param_is_handle(m, fn, key))
				break;
		if (kpos == load->u.call->n_args)
			continue;
		for (const struct node *c = NULL; (c = model_walk(m, fn, c, 0)) != NULL && budget_step(); ) {
			const struct model *gm;
			const struct node *g, *reload;
			const struct param *p;
			struct func_ref gr;
			struct finding *f;
			char arg[128], call[128], rcall[128], desc[160];
			uint32_t ai;

			/* after the load on every path that reaches it: inside
			 * the block that holds the load (not another branch) */
			if (c->kind != NODE_CALL || c == load || c->line <= after->end_line ||
			    c->u.call == NULL || (c->flags & NF_DECORATOR) ||
			    !model_is_within(m, c, scope) ||
			    (reported != NULL && reported[node_index(m, c)]))
				continue;
			for (ai = 0; ai < c->u.call->n_args; ai++)
				if (qh_path_arg(m, c, ai, arg, sizeof arg) != NULL && strcmp(arg, key) == 0)
					break;
			if (ai == c->u.call->n_args || !summary_call_target(in->sum, fi, c, &gr) ||
			    qh_same_ref(&gr, &h) ||
			    (gr.file == fi && gr.node == node_index(m, fn)))
				continue;
			gm = in->proj->files[gr.file].model;
			g = model_node(gm, gr.node);
			/* a local session handed on is the handle, not the key */
			if ((p = qf_param_for(m, c, ai, g)) == NULL ||
			    db_param_is_handle(gm, g, p->name) ||
			    (reload = qh_reload(in, gr.file, g, p, kpos, &h)) == NULL ||
			    qh_other_args_differ(m, load, c, gm, g, reload, kpos) ||
			    qf_writes_between(in, fi, fn, a->line, c->line) ||
			    qf_reassigned(m, fn, key, a->line, c->line))
				continue;
			if (reported != NULL)
				reported[node_index(m, c)] = 1;
			f = auditor_emit(in, out, &qe_checks[QE_REDUNDANT_FETCH],
					 sem_role_severity(in, fi, c, SEV_HIGH, SEV_MEDIUM), fi, c);
			if (f == NULL)
				continue;
			sem_call_source(m, load, call, sizeof call);
			sem_call_source(gm, reload, rcall, sizeof rcall);
			sem_func_desc(in, fi, c, desc, sizeof desc);
			finding_set_issue(f, "%s loads `%s` with `%s` (line %u), then passes only "
					  "`%s` to `%s()`, which loads it again with `%s` (%s:%u): "
					  "one redundant query", desc, bound, call, load->line, key,
					  g->name ? g->name : "", rcall, in->proj->files[gr.file].path,
					  reload->line);
			finding_set_recommendation(f, "Pass the loaded `%s` to `%s()` (accept the row "
						   "instead of its key), or let `%s()` take the row "
						   "it needs from its caller.", a->name,
						   g->name ? g->name : "", g->name ? g->name : "");
			sem_add_line(f, m, load->line);
		}
	}
}
