/* ln-652 transaction_narrow: one logical change split over several
 * commits in the same function.
 *
 * A parent committed before its children, or a status change committed
 * before its audit record, leaves the database in a state nobody meant
 * whenever the second commit fails: a job with no items, a cancelled order
 * with no trace of who cancelled it. `flush()` gives the parent its id
 * without ending the transaction, which is what such code usually wanted. */
#include "auditor.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "semantic.h"
#include "dispatch.h"
#include "tc.h"
#include "summary.h"
#include "util/xalloc.h"

/* A point where f's transaction ends: a commit call, or the end of a
 * transaction block (`async with session.begin():`). */
struct tb_commit {
	const struct node *n;     /* the commit call or the WITH node */
	uint32_t line;            /* where the commit happens */
};

/* f's commit points in source order; owned array. */
struct tb_commits {
	struct tb_commit *items;
	size_t n, cap;
};

/* Collects the commit points of f (own scope). */
static void tb_collect_commits(const struct audit_input *in, const struct model *m,
			       const struct node *f, struct tb_commits *cs)
{
	const struct node *k;

	for (k = NULL; (k = model_walk(m, f, k, 0)); ) {
		int with = k->kind == NODE_WITH && tc_commit_block(m, k);

		if (!with && !(k->kind == NODE_CALL && tc_is_commit(in, m, k)))
			continue;
		XGROW(cs->items, cs->cap, cs->n + 1);
		cs->items[cs->n].n = k;
		cs->items[cs->n].line = with ? k->end_line : k->line;
		cs->n++;
	}
}

/* x is written before commit point c takes effect: inside c's block, or
 * in an earlier statement of the block holding c. */
static int tb_precedes(const struct model *m, const struct node *x, const struct tb_commit *c)
{
	const struct node *a;

	if (c->n->kind == NODE_WITH && model_is_within(m, x, c->n))
		return 1;
	/* a write in a loop or branch precedes a commit after that statement */
	for (a = x; node_index(m, a) != 0 && a->kind != NODE_FUNC; a = model_node(m, a->parent))
		if (tc_before(m, a, c->n))
			return 1;
	return 0;
}

/* The first commit point that x precedes, from index from on. */
static const struct tb_commit *tb_next_commit(const struct model *m, const struct tb_commits *cs,
					      const struct node *x, size_t from)
{
	size_t i;

	for (i = from; i < cs->n; i++)
		if (tb_precedes(m, x, &cs->items[i]))
			return &cs->items[i];
	return NULL;
}

/* The ORM model constructed by call c (`Job(...)`, `models.Job(...)`). */
static const struct orm_model *tb_ctor_model(const struct audit_input *in, const struct node *c)
{
	if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
	    strchr(c->u.call->callee, '(') != NULL || !isupper((unsigned char)c->u.call->name[0]))
		return NULL;
	return index_model_named(in->proj->index, c->u.call->name);
}

/* True when a session add of local name happens between lines a and b. */
static int tb_added(const struct model *m, const struct node *f, const char *name,
		    uint32_t a, uint32_t b)
{
	const struct node *k;
	char args[512];

	for (k = NULL; (k = model_walk(m, f, k, 0)); )
		if (k->kind == NODE_CALL && k->line >= a && k->line <= b &&
		    (sem_session_call(m, k, "orm_add") || sem_session_call(m, k, "bulk_apis")) &&
		    sem_mentions(span_copy(m, k->u.call->args_text, args, sizeof args), name))
			return 1;
	return 0;
}

/* True when call k creates a child row of local parent: its arguments
 * name the parent (`Item(job_id=job.id)`), it is appended to one of the
 * parent's collections, or it is an INSERT statement naming the parent. */
static int tb_child_of(const struct audit_input *in, const struct model *m, const struct node *k,
		       const char *parent, const struct orm_model *pm)
{
	const struct orm_model *cm = tb_ctor_model(in, k);
	char args[512], table[128];
	enum db_op op = DB_OP_NONE;
	const struct node *up;

	if (cm != NULL && cm != pm) {
		if (sem_mentions(span_copy(m, k->u.call->args_text, args, sizeof args), parent))
			return 1;
		up = model_node(m, k->parent);
		return up->kind == NODE_CALL && up->u.call != NULL &&
		       strncmp(up->u.call->callee, parent, strlen(parent)) == 0 &&
		       up->u.call->callee[strlen(parent)] == '.';
	}
	if (k->kind == NODE_CALL &&
	    tc_stmt_table(in, m, k, table, sizeof table, &op) != NULL && op == DB_OP_INSERT && (pm->table == NULL || strcasecmp(pm->table, table) != 0)) {
		char text[1024];

		return sem_mentions(sem_node_text(m, tc_stmt(m, k), text, sizeof text), parent);
	}
	return 0;
}

/* Where a finding about commit point c sits: the call, or the block. */
static const struct node *tb_site(const struct tb_commit *c)
{
	return c->n;
}

/* How commit point c reads in issue text. */
static const char *tb_commit_text(const struct model *m, const struct tb_commit *c,
				  char *buf, size_t size)
{
	char hdr[128];

	if (c->n->kind == NODE_WITH) {
		snprintf(buf, size, "the end of `%s` (line %u)",
			 sem_header_text(m, c->n, hdr, sizeof hdr), c->line);
		return buf;
	}
	sem_call_source(m, c->n, hdr, sizeof hdr);
	snprintf(buf, size, "`%s`", hdr);
	return buf;
}

/* Recommendation for transaction_narrow, by stack. */
static void tb_recommendation(const struct audit_input *in, const struct model *m,
			      struct finding *fd, int parent)
{
	const char *what = parent ? "the parent and its children" : "the status change and its "
								    "audit record";
	const char *name;

	switch (sem_db_stack(in->proj)) {
	case SEM_DJANGO:
		name = "transaction_narrow.django";
		break;
	case SEM_ASYNCPG:
	case SEM_PSYCOPG:
		name = "transaction_narrow.pg_driver";
		break;
	default:
		name = "transaction_narrow.sqlalchemy";
		break;
	}
	tc_set_recommendation(m, fd, name, (const char *const[]){ "what", what, NULL });
}

/* Parent/child: `p = Parent(...)`, added and committed, then children
 * naming p created and committed. Returns 1 when reported. */
static int tb_parent_child(const struct audit_input *in, size_t fi, struct finding_sink *out,
			   const struct node *f, const struct tb_commits *cs, unsigned char *used)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *p;
	int found = 0;

	for (p = NULL; (p = model_walk(m, f, p, 0)); ) {
		const struct orm_model *pm = NULL;
		const struct tb_commit *c1, *c2 = NULL;
		const struct node *k, *child = NULL;
		char t1[200], t2[200], desc[160];
		struct finding *fd;

		if (p->kind != NODE_ASSIGN || (p->flags & NF_TARGET_ATTR) || p->name == NULL ||
		    p->first_child == 0 || (pm = tb_ctor_model(in, model_node(m, p->first_child))) == NULL)
			continue;
		c1 = tb_next_commit(m, cs, p, 0);
		if (c1 == NULL || used[c1 - cs->items] || !tb_added(m, f, p->name, p->line, c1->line))
			continue;
		for (k = NULL; child == NULL && (k = model_walk(m, f, k, 0)); )
			if (k->kind == NODE_CALL && k->line > c1->line && tc_before(m, c1->n, k) &&
			    tb_child_of(in, m, k, p->name, pm))
				child = k;
		if (child != NULL)
			c2 = tb_next_commit(m, cs, child, (size_t)(c1 - cs->items) + 1);
		if (c2 == NULL)
			continue;
		used[c1 - cs->items] = 1;
		fd = auditor_emit(in, out, &tc_checks[TC_TRANSACTION_NARROW], SEV_HIGH, fi, tb_site(c1));
		if (fd == NULL)
			continue;
		sem_func_desc(in, fi, f, desc, sizeof desc);
		finding_set_issue(fd, "In %s, %s commits the new `%s` (`%s`, line %u) before its "
				  "child rows (line %u) are written; %s commits those separately, "
				  "so if it fails the `%s` row stays without its children",
				  desc, tb_commit_text(m, c1, t1, sizeof t1), pm->name, p->name,
				  p->line, child->line, tb_commit_text(m, c2, t2, sizeof t2),
				  pm->name);
		tb_recommendation(in, m, fd, 1);
		sem_add_line(fd, m, p->line);
		sem_add_line(fd, m, child->line);
		sem_add_line(fd, m, c2->line);
		found = 1;
	}
	return found;
}

/* True when attr names a lifecycle state. */
static int tb_status_attr(enum lang lang, const char *attr)
{
	return catalog_match(catalog_get(lang, "tc_status_attrs"), attr);
}

/* True when the model name reads as an audit/history record. */
static int tb_audit_name(enum lang lang, const char *name)
{
	return sem_match_lower(lang, "tc_audit_words", name) ||
	       catalog_match(catalog_get(lang, "tc_audit_model_suffixes"), name);
}

/* True when call c builds an audit record (`AuditLog(...)`,
 * `audit_entry(...)`). */
static int tb_audit_call(const struct audit_input *in, enum lang lang, const struct node *c)
{
	const struct orm_model *om;

	if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL)
		return 0;
	om = tb_ctor_model(in, c);
	return om != NULL ? tb_audit_name(lang, om->name) :
			    sem_match_lower(lang, "tc_audit_words", c->u.call->name);
}

/* The audit record added by session-add call k (`session.add(AuditLog(
 * ...))`, `session.add(audit_entry(...))`), or NULL. */
static const struct node *tb_audit_add(const struct audit_input *in, const struct model *m,
				       const struct node *f, const struct node *k)
{
	const struct node *c;

	if (k->kind != NODE_CALL || !sem_session_call(m, k, "orm_add"))
		return NULL;
	for (c = k->first_child ? model_node(m, k->first_child) : NULL; c != NULL && budget_step();
	     c = c->next_sibling ? model_node(m, c->next_sibling) : NULL)
		if (tb_audit_call(in, m->lang, c))
			return c;
	/* `audit = AuditLog(...)` earlier, then `session.add(audit)` */
	if (k->u.call->n_args == 1 && k->u.call->args[0].name == NULL) {
		char var[64];

		span_copy(m, k->u.call->args[0].expr, var, sizeof var);
		for (c = NULL; (c = model_walk(m, f, c, 0)); )
			if (c->kind == NODE_ASSIGN && c->name != NULL && strcmp(c->name, var) == 0 &&
			    c->line < k->line && c->first_child != 0 &&
			    tb_audit_call(in, m->lang, model_node(m, c->first_child)))
				return model_node(m, c->first_child);
	}
	return NULL;
}

/* Status change and its audit record in separate commits. */
static void tb_status_audit(const struct audit_input *in, size_t fi, struct finding_sink *out,
			    const struct node *f, const struct tb_commits *cs, unsigned char *used)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *s;

	for (s = NULL; (s = model_walk(m, f, s, 0)); ) {
		char obj[64], attr[64], args[512], t1[200], desc[160], field[130];
		const struct tb_commit *c1, *c2;
		const struct node *k, *audit = NULL, *second = NULL;
		struct finding *fd;
		int status_first = 1;

		if (!tc_attr_target(m, s, obj, sizeof obj, attr, sizeof attr) ||
		    !tb_status_attr(m->lang, attr) || tc_var_model(in, m, f, obj) == NULL)
			continue;
		if ((c1 = tb_next_commit(m, cs, s, 0)) == NULL || used[c1 - cs->items])
			continue;
		/* the audit row after the commit, or before it in an earlier one */
		for (k = NULL; audit == NULL && (k = model_walk(m, f, k, 0)); ) {
			const struct node *a = tb_audit_add(in, m, f, k);

			if (a == NULL || !sem_mentions(span_copy(m, a->u.call->args_text, args,
								 sizeof args), obj))
				continue;
			if (tc_before(m, c1->n, k) && k->line > c1->line) {
				audit = k;
				second = k;
			} else if (k->line < s->line && tc_before(m, k, s)) {
				const struct tb_commit *c0 = tb_next_commit(m, cs, k, 0);

				if (c0 != NULL && c0->line < s->line && !used[c0 - cs->items]) {
					audit = k;
					second = s;
					status_first = 0;
					c1 = c0;
				}
			}
		}
		if (audit == NULL)
			continue;
		c2 = tb_next_commit(m, cs, second, (size_t)(c1 - cs->items) + 1);
		if (c2 == NULL)
			continue;
		used[c1 - cs->items] = 1;
		fd = auditor_emit(in, out, &tc_checks[TC_TRANSACTION_NARROW], SEV_MEDIUM, fi,
				  tb_site(c1));
		if (fd == NULL)
			continue;
		sem_func_desc(in, fi, f, desc, sizeof desc);
		snprintf(field, sizeof field, "%s.%s", obj, attr);
		finding_set_issue(fd, "In %s, %s commits %s separately from %s (line %u): a "
				  "failure between the two commits leaves a `%s` change with "
				  "no audit record, or an audit record of a change that "
				  "never happened", desc, tb_commit_text(m, c1, t1, sizeof t1),
				  status_first ? "the status change" : "the audit record",
				  status_first ? "its audit record" : "the status change",
				  second->line, field);
		tb_recommendation(in, m, fd, 0);
		sem_add_line(fd, m, s->line);
		sem_add_line(fd, m, audit->line);
	}
}

/* The first positional argument of call c (into buf), "" when none. */
static const char *tb_first_arg(const struct model *m, const struct node *c, char *buf, size_t size)
{
	buf[0] = '\0';
	for (uint32_t i = 0; c->u.call != NULL && i < c->u.call->n_args; i++)
		if (c->u.call->args[i].name == NULL) {
			span_copy(m, c->u.call->args[i].expr, buf, size);
			break;
		}
	return buf;
}

/* The keyword names of call c, comma-separated (into buf); 0 when the
 * call passes none. */
static int tb_keywords(const struct model *m, const struct node *c, char *buf, size_t size)
{
	size_t n = 0;
	int count = 0;

	(void)m;
	buf[0] = '\0';
	for (uint32_t i = 0; c->u.call != NULL && i < c->u.call->n_args; i++) {
		const char *k = c->u.call->args[i].name;

		if (k == NULL || n + strlen(k) + 5 >= size)
			continue;
		n += (size_t)snprintf(buf + n, size - n, "%s`%s`", count ? ", " : "", k);
		count++;
	}
	return count;
}

/* The expression statement that is call c alone (`helper(x, a=1)` on
 * its own line), or NULL. */
static const struct node *tb_call_stmt(const struct model *m, const struct node *c)
{
	const struct node *st;

	if (c->kind != NODE_CALL || c->parent == 0)
		return NULL;
	st = model_node(m, c->parent);
	return st->kind == NODE_STMT && st->first_child == node_index(m, c) &&
	       st->last_child == node_index(m, c) ? st : NULL;
}

/* True when call c is a project helper that writes and commits (the
 * summaries: `service.update(cert.id, resolved=True)` reaching
 * `db.session.commit()`), passed the row it changes as its first
 * argument and the fields as keywords. */
static int tb_commit_helper(const struct audit_input *in, size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	unsigned facts;
	char arg[128], kw[256];

	if (in->sum == NULL || c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL)
		return 0;
	facts = summary_call_facts(in->sum, fi, c);
	return (facts & SUM_COMMITS) &&
	       tb_first_arg(m, c, arg, sizeof arg)[0] != '\0' && tb_keywords(m, c, kw, sizeof kw) > 0;
}

/* One row's change split over consecutive helper calls that each commit:
 * `update(cert.id, resolved_cert_id=new.id)` then `update(cert.id,
 * resolved=True)`, statement after statement. A failure between the two
 * commits leaves the row half changed (resolved to a certificate but not
 * marked resolved). The same helper, the same first argument (the row),
 * different keywords (the fields), next to each other in one block. */
static void tb_split_update(const struct audit_input *in, size_t fi, struct finding_sink *out,
			    const struct node *f)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *k, *last = NULL;

	for (k = NULL; (k = model_walk(m, f, k, 0)); ) {
		const struct node *nx, *st, *nst;
		char a1[128], a2[128], k1[256], k2[256], desc[160], fields[520], t1[200], t2[200];
		struct finding *fd;

		if (k == last || (st = tb_call_stmt(m, k)) == NULL || !tb_commit_helper(in, fi, k) ||
		    st->next_sibling == 0)
			continue;
		nst = model_node(m, st->next_sibling);
		nx = nst->first_child ? model_node(m, nst->first_child) : NULL;
		if (nx == NULL || tb_call_stmt(m, nx) != nst || !tb_commit_helper(in, fi, nx) ||
		    strcmp(nx->u.call->callee, k->u.call->callee) != 0 ||
		    strcmp(tb_first_arg(m, k, a1, sizeof a1), tb_first_arg(m, nx, a2, sizeof a2)) != 0)
			continue;
		tb_keywords(m, k, k1, sizeof k1);
		tb_keywords(m, nx, k2, sizeof k2);
		if (strcmp(k1, k2) == 0)
			continue;
		last = nx;
		fd = auditor_emit(in, out, &tc_checks[TC_TRANSACTION_NARROW], SEV_MEDIUM, fi, k);
		if (fd == NULL)
			continue;
		sem_func_desc(in, fi, f, desc, sizeof desc);
		sem_call_source(m, k, t1, sizeof t1);
		sem_call_source(m, nx, t2, sizeof t2);
		finding_set_issue(fd, "In %s, `%s` and `%s` (line %u) change the same row (`%s`) "
				  "in two separate commits (`%s` commits each time): a failure "
				  "between them leaves the row half changed",
				  desc, t1, t2, nx->line, a1, k->u.call->callee);
		snprintf(fields, sizeof fields, "%s, %s", k1, k2);
		tc_set_recommendation(m, fd, "transaction_narrow.split_update",
				      (const char *const[]){ "helper", k->u.call->callee,
							     "fields", fields, NULL });
		sem_add_line(fd, m, nx->line);
	}
}

/* transaction_narrow — logically atomic writes split over several
 * commits: parent created and committed, then children created and
 * committed; status change and its audit record in separate commits.
 * HIGH for parent/child, MEDIUM otherwise. */
static void tc_check_transaction_narrow(const struct audit_input *in, size_t fi,
				 struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *f;

	for (f = NULL; (f = model_walk(m, model_node(m, 0), f, 1)); ) {
		struct tb_commits cs = { NULL, 0, 0 };
		unsigned char *used;

		if (f->kind != NODE_FUNC || (f->flags & NF_LAMBDA))
			continue;
		tb_split_update(in, fi, out, f);
		tb_collect_commits(in, m, f, &cs);
		if (cs.n >= 2) {
			used = xcalloc(cs.n, 1);
			tb_parent_child(in, fi, out, f, &cs, used);
			tb_status_audit(in, fi, out, f, &cs, used);
			free(used);
		}
		free(cs.items);
	}
	tc_narrow_callbacks(in, fi, out);
	tc_narrow_autocommit(in, fi, out);
}

const struct check_impl check_transaction_narrow = {
	.def = &tc_checks[TC_TRANSACTION_NARROW],
	.file = tc_check_transaction_narrow,
};
