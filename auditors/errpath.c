/* Deferred cleanup and value-returned error paths; see errpath.h. */
#include "errpath.h"

#include <string.h>

#include "auditor.h"
#include "catalog.h"
#include "lang/lang.h"
#include "semantic.h"

int ep_errors_are_values(const struct model *m)
{
	const struct front_end *fe = lang_get(m->lang);

	return fe != NULL && fe->traits.errors_are_values;
}

int ep_call_on(const struct model *m, const struct node *c, const char *root)
{
	const char *callee;
	size_t n = strlen(root);

	(void)m;
	if (c->kind != NODE_CALL || c->u.call == NULL || (callee = c->u.call->callee) == NULL ||
	    n == 0)
		return 0;
	return strncmp(callee, root, n) == 0 && callee[n] == '.';
}

/* True when root's subtree (closures included: a deferred function
 * literal) calls list on receiver name. */
static int ep_releases(const struct model *m, const struct node *root, const char *list,
		       const char *name)
{
	const struct catalog_list *l = catalog_get(m->lang, list);
	const struct node *k;

	for (k = NULL; (k = model_walk(m, root, k, 1)) && budget_step(); )
		if (k->kind == NODE_CALL && ep_call_on(m, k, name) && catalog_match_call(l, m, k))
			return 1;
	return 0;
}

int ep_deferred_release(const struct model *m, const struct node *f, const char *list,
			const char *root, uint32_t before)
{
	/* the function's defer statements (a list built once: a walk of
	 * the whole function per commit made a huge function quadratic) */
	size_t n;
	const struct node *const *defers = sem_own_nodes(m, f, NODE_DEFER, &n);

	for (size_t i = 0; i < n && budget_step(); i++)
		if (defers[i]->line < before && ep_releases(m, defers[i], list, root))
			return 1;
	return 0;
}

/* The first identifier of an assignment target ("tx" of "tx, err"). */
static int ep_first_target_is(const struct model *m, const struct node *a, const char *name)
{
	const char *t = span_ptr(m, a->text);
	size_t n = 0, len = strlen(name);

	while (n < a->text.len && t[n] != ',' && t[n] != ' ' && t[n] != '=' && t[n] != ':')
		n++;
	return n == len && memcmp(t, name, len) == 0;
}

const struct node *ep_acquired_by(const struct model *m, const struct node *f, const char *list,
				  const char *name, uint32_t before, const struct node **call)
{
	const struct catalog_list *l = catalog_get(m->lang, list);
	const struct node *k, *found = NULL;

	*call = NULL;
	for (k = NULL; (k = model_walk(m, f, k, 0)) && budget_step(); ) {
		const struct node *a;

		if (k->line >= before)
			break;
		if (k->kind != NODE_CALL || k->parent == 0 || !catalog_match_call(l, m, k))
			continue;
		a = model_node(m, k->parent);
		if (a->kind == NODE_ASSIGN && a->text.len > 0 && ep_first_target_is(m, a, name)) {
			found = a;    /* the last one before `before` */
			*call = k;
		}
	}
	return found;
}

/* True when a statement of block parent before child r releases root. */
static int ep_released_before(const struct model *m, const struct node *parent,
			      const struct node *r, const char *list, const char *root)
{
	const struct node *k;

	for (k = parent->first_child ? model_node(m, parent->first_child) : NULL;
	     k != NULL && k != r && budget_step();
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		if (ep_releases(m, k, list, root) || (k->kind == NODE_CALL &&
		    ep_call_on(m, k, root) && catalog_match_call(catalog_get(m->lang, list), m, k)))
			return 1;
	return 0;
}

const struct node *ep_unreleased_return(const struct model *m, const struct node *f,
					const char *list, const char *root, uint32_t after,
					uint32_t before)
{
	size_t n;
	const struct node *const *rets = sem_own_nodes(m, f, NODE_RETURN, &n);

	for (size_t i = 0; i < n && budget_step(); i++) {
		const struct node *k = rets[i], *x = k, *p;
		int released = 0;

		if (k->line <= after || k->line >= before)
			continue;
		/* the block holding the return, and the blocks around it up to
		 * the function's own, may release before it */
		for (p = model_node(m, k->parent); !released; x = p, p = model_node(m, p->parent)) {
			released = ep_released_before(m, p, x, list, root);
			if (p == f || node_index(m, p) == 0)
				break;
		}
		if (!released)
			return k;
	}
	return NULL;
}

/* The member of an if / else-if / else chain that holds n: the IF, ELIF
 * or ELSE node among n's ancestors nearest to n, or NULL. */
static const struct node *ep_branch_of(const struct model *m, const struct node *n,
				       const struct node **parent)
{
	for (const struct node *x = n; node_index(m, x) != 0 && budget_step();
	     x = model_node(m, x->parent))
		if (x->kind == NODE_IF || x->kind == NODE_ELSE) {
			*parent = model_node(m, x->parent);
			return x;
		}
	return NULL;
}

int ep_other_branch(const struct model *m, const struct node *a, const struct node *k)
{
	const struct node *pa = NULL, *pk = NULL, *ba, *bk, *first, *second, *x;

	for (ba = ep_branch_of(m, a, &pa); ba != NULL; ba = ep_branch_of(m, pa, &pa)) {
		for (bk = ep_branch_of(m, k, &pk); bk != NULL; bk = ep_branch_of(m, pk, &pk)) {
			if (pa != pk || ba == bk)
				continue;
			first = ba->line < bk->line ? ba : bk;
			second = first == ba ? bk : ba;
			/* siblings from first to second, every later one an
			 * else-if or an else of the same chain */
			for (x = first; x != second && x->next_sibling;) {
				x = model_node(m, x->next_sibling);
				if (!((x->kind == NODE_IF && (x->flags & NF_ELIF)) ||
				      x->kind == NODE_ELSE))
					break;
			}
			if (x == second && ((second->kind == NODE_IF && (second->flags & NF_ELIF)) ||
					    second->kind == NODE_ELSE))
				return 1;
		}
		if (node_index(m, pa) == 0)
			break;
	}
	return 0;
}
