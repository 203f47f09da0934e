/* ln-652 transaction_narrow, the autocommit form: dependent writes of one
 * function, each committing on its own, with no transaction around them.
 *
 * With a client whose statements autocommit (Prisma: every `create`,
 * `update`, `deleteMany` outside `$transaction` is its own transaction),
 * `const c = await saveCredential(...); await createConnection({
 * credentialId: c.id })` commits the parent, then the row that names it:
 * if the second write fails, the first stays. The same holds for two
 * writes keyed by the same parameter (`teamMember.deleteMany({ where: {
 * teamID } })` then `team.delete({ where: { id: teamID } })`), and for a
 * write committed before a `$transaction` that moves the rest of the same
 * rows.
 *
 * The writes are direct calls of the catalog's autocommitting write
 * methods (tc_autocommit_writes; a language whose writes wait for a
 * session commit has none and this form stays silent), project helpers
 * the function summaries say write, and managed transaction calls taken
 * as one write. Two of them are dependent when the second names the row
 * the first returned (parent and child, HIGH when the first creates it),
 * or when both change existing rows and name the same parameter of the
 * function (MEDIUM). Silent: writes inside a transaction callback or an
 * array transaction, a write on a client the function is handed (its
 * caller may run it in a transaction; also a helper handed such a client,
 * `insertGroup(row, trx)`), writes in a catch block (a
 * compensation), an audit/log write, a helper that takes a lock row
 * (`acquireBucketAt`: committed alone on purpose), a helper not awaited
 * (fired and forgotten), and writes in exclusive branches. */
#include "auditor.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "lang/lang.h"
#include "semantic.h"
#include "db-ops.h"
#include "summary.h"
#include "tc.h"

enum { TA_MAX_WRITES = 32 };

struct ta_write {
	const struct node *k;     /* the call */
	int tx;                   /* a managed transaction call, one unit */
	int creates;              /* inserts (or upserts) a row */
	int changes;              /* updates or deletes existing rows */
	int removes;              /* deletes rows */
	int updates;              /* updates rows */
	const char *bound;        /* the simple name its result is bound to, or NULL */
	int helper;               /* a project helper, not a direct write */
	char target[128];         /* the table or model a direct write names, or "" */
	int deletes;              /* a direct DELETE */
	int chain;                /* a model's query-builder statement */
	int bulk;                 /* a direct many-row write (`updateMany`) */
	char locals[128];         /* the names a destructuring binds from its
				   * result (`const { id } = await ...`),
				   * space-separated, or "" */	char collected[64];       /* the list its result is appended to
				   * (`posts.push(await ...upsert(...))`), or "" */
};

/* True when name is one of f's parameters (a Go method's receiver is
 * not: it is the store itself, not a handle the caller passes). */
static int ta_is_param(const struct node *f, const char *name)
{
	for (uint32_t i = (f->flags & NF_GO_RECEIVER) ? 1 : 0;
	     f->u.func != NULL && i < f->u.func->n_params; i++)
		if (f->u.func->params[i].name != NULL && strcmp(f->u.func->params[i].name, name) == 0)
			return 1;
	return 0;
}

/* True when k sits, within f, under a managed transaction (an argument of
 * `$transaction([...])`), in a catch block, or is f's own header. */
static int ta_excluded_place(const struct model *m, const struct node *f, const struct node *k)
{
	const struct node *a;

	for (a = model_node(m, k->parent); a != NULL && a != f && node_index(m, a) != 0;
	     a = model_node(m, a->parent)) {
		if (a->kind == NODE_EXCEPT)
			return 1;
		if (a->kind == NODE_CALL && sem_call_is(m, a, "tx_begin"))
			return 1;
	}
	return 0;
}

/* True when f is a managed transaction callback or nested in one. */
static int ta_in_tx(const struct model *m, const struct node *f)
{
	const struct node *a;

	for (a = f; a != NULL && node_index(m, a) != 0; a = model_node(m, a->parent))
		if (a->kind == NODE_FUNC && sem_func_is_tx(m, a))
			return 1;
	return 0;
}

/* The simple name call k's result is bound to (`const c = await k(...)`),
 * or NULL. */
static const char *ta_bound(const struct model *m, const struct node *k)
{
	const struct node *st = tc_stmt(m, k);

	if (st == NULL || st->kind != NODE_ASSIGN || st->name == NULL ||
	    (st->flags & NF_TARGET_ATTR) || strpbrk(st->name, ".[, (){}") != NULL ||
	    sem_first_call(m, st) != k || !sem_call_is_whole(m, k, st->value))
		return NULL;
	return st->name;
}

/* The list call k's result is appended to, whole, into buf (`posts` of
 * `posts.push(await this._post.model.post.upsert({...}))`, the catalog's
 * tc_collect_methods); "" otherwise. */
static void ta_collected(const struct model *m, const struct node *k, char *buf, size_t size)
{
	const struct node *st = tc_stmt(m, k), *p;
	const char *callee, *dot;

	buf[0] = '\0';
	if (st == NULL || st->kind == NODE_ASSIGN)
		return;
	for (p = model_node(m, k->parent); p != st && p->kind != NODE_CALL && p->parent != 0;
	     p = model_node(m, p->parent))
		;
	if (p->kind != NODE_CALL || p->u.call == NULL || p->u.call->name == NULL ||
	    sem_first_call(m, st) != p ||
	    !catalog_match(catalog_get(m->lang, "tc_collect_methods"), p->u.call->name) ||
	    !sem_call_is_whole(m, k, p->u.call->args_text))
		return;
	callee = p->u.call->callee;
	dot = strchr(callee, '.');
	if (dot == NULL || strchr(dot + 1, '.') != NULL || (size_t)(dot - callee) >= size ||
	    strcspn(callee, "([ ") < (size_t)(dot - callee))
		return;
	snprintf(buf, size, "%.*s", (int)(dot - callee), callee);
}

/* True when text reads a field of an element of list name (`name[0].id`,
 * `name[name.length - 1].id`). */
static int ta_element_field_of(const char *text, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = strstr(text, name); n > 0 && p != NULL; p = strstr(p + 1, name)) {
		const char *e = p + n;
		int depth = 0;

		if ((p != text && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.' ||
				   p[-1] == '$')) || *e != '[')
			continue;
		for (; *e != '\0'; e++) {
			if (*e == '[')
				depth++;
			else if (*e == ']' && --depth == 0)
				break;
		}
		if (*e == ']' && e[1] == '.' && (isalpha((unsigned char)e[2]) || e[2] == '_'))
			return 1;
	}
	return 0;
}

/* The locals a destructuring of call k's result binds (`const { id } =
 * await k(...)`, `const { id: newId } = ...`), space-separated into buf
 * ("" when k's result is not destructured so): the fields of the row it
 * returned. */
static void ta_destructured(const struct model *m, const struct node *k, char *buf, size_t size)
{
	const struct node *st = tc_stmt(m, k);
	const char *p;
	size_t n = 0;

	buf[0] = '\0';
	if (st == NULL || st->kind != NODE_ASSIGN || st->name == NULL || st->name[0] != '{' ||
	    sem_first_call(m, st) != k || !sem_call_is_whole(m, k, st->value))
		return;
	for (p = st->name + 1; *p != '\0' && *p != '}'; ) {
		const char *w;
		size_t l;

		while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t')
			p++;
		if (*p == '.' || *p == '{' || *p == '[')
			return;	/* a rest element or a nested pattern: not followed */
		for (w = p; isalnum((unsigned char)*p) || *p == '_' || *p == '$'; p++)
			;
		while (*p == ' ')
			p++;
		if (*p == ':') {	/* `{ id: newId }` binds newId */
			for (p++; *p == ' '; p++)
				;
			for (w = p; isalnum((unsigned char)*p) || *p == '_' || *p == '$'; p++)
				;
		}
		l = (size_t)(p - w);
		if (l > 0 && n + l + 2 < size) {
			if (n > 0)
				buf[n++] = ' ';
			memcpy(buf + n, w, l);
			buf[n += l] = '\0';
		}
		while (*p != '\0' && *p != ',' && *p != '}')
			p++;
	}
}

/* The first of the space-separated names in locals that text mentions,
 * into buf, or NULL. */
static const char *ta_local_in(const char *locals, const char *text, char *buf, size_t size)
{
	const char *p = locals;

	while (*p != '\0') {
		size_t l = strcspn(p, " ");

		if (l > 0 && l < size) {
			memcpy(buf, p, l);
			buf[l] = '\0';
			if (sem_mentions(text, buf))
				return buf;
		}
		p += l;
		while (*p == ' ')
			p++;
	}
	return NULL;
}

/* True when text, the arguments of a write, writes related rows through
 * the row it names: a key of the catalog's tc_nested_write_keys nested
 * two objects deep or more (`data: { links: { deleteMany: {}, create:
 * [...] } }`), not the write's own top-level `create:` / `update:`. */
static int ta_nested_write(enum lang lang, const char *text)
{
	const struct catalog_list *keys = catalog_get(lang, "tc_nested_write_keys");
	int depth = 0;
	char q = 0;

	if (catalog_list_empty(keys))
		return 0;
	for (const char *p = text; *p != '\0'; p++) {
		if (q) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			else if (*p == q)
				q = 0;
			continue;
		}
		if (*p == '\'' || *p == '"' || *p == '`')
			q = *p;
		else if (*p == '{')
			depth++;
		else if (*p == '}')
			depth--;
		else if (depth >= 3 && (isalpha((unsigned char)*p) || *p == '_') &&
			 (p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_' ||
					 p[-1] == '.' || p[-1] == '$'))) {
			char word[32];
			const char *e = p, *c;

			while (isalnum((unsigned char)*e) || *e == '_')
				e++;
			for (c = e; *c == ' '; c++)
				;
			if (*c == ':' && (size_t)(e - p) < sizeof word) {
				memcpy(word, p, (size_t)(e - p));
				word[e - p] = '\0';
				if (catalog_match(keys, word))
					return 1;
			}
			p = e - 1;
		}
	}
	return 0;
}

/* True when the project helper call k reaches writes only on its failure
 * path: each write of its body (direct, or a helper the summaries say
 * writes) sits in an `if` whose block returns nothing or a falsy value
 * (catalog tc_falsy_returns: `return false`). What it hands back on
 * success (`const refresh = await this.refreshProcess(...)`, a token from
 * a provider) is then no row it wrote, and no parent of later writes. */
static int ta_writes_on_failure_only(const struct audit_input *in, size_t fi, const struct node *k)
{
	const struct model *dm;
	const struct node *def, *c;
	struct func_ref ref;
	int n = 0;

	if (in->sum == NULL || !summary_call_target(in->sum, fi, k, &ref) ||
	    (dm = in->proj->files[ref.file].model) == NULL)
		return 0;
	def = &dm->nodes[ref.node];
	for (c = NULL; (c = model_walk(dm, def, c, 0)); ) {
		struct db_op_info info;
		const struct node *blk, *r;
		int falsy = 0;

		if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->callee == NULL ||
		    (!db_op_writes(db_call_op(dm, c, &info)) &&
		     !(summary_call_facts(in->sum, ref.file, c) & SUM_DB_WRITE)))
			continue;
		for (blk = model_node(dm, c->parent); blk != NULL && blk != def && blk->kind != NODE_IF;
		     blk = model_node(dm, blk->parent))
			;
		if (blk == NULL || blk == def)
			return 0;
		for (r = NULL; (r = model_walk(dm, blk, r, 0)); ) {
			char v[64];

			if (r->kind != NODE_RETURN || model_enclosing_func(dm, r) != def)
				continue;
			if (r->value.len == 0)
				falsy = 1;
			else if (r->value.len < sizeof v &&
				 catalog_match(catalog_get(dm->lang, "tc_falsy_returns"),
					       span_copy(dm, r->value, v, sizeof v)))
				falsy = 1;
		}
		if (!falsy)
			return 0;
		n++;
	}
	return n > 0;
}

/* True when f assigns name more than once (`let user; if (...) user =
 * await create(...) else user = found`): a get-or-create, whose row the
 * next write treats the same whether new or not. */
static int ta_reassigned(const struct model *m, const struct node *f, const char *name)
{
	const struct node *x;
	int n = 0;

	for (x = NULL; (x = model_walk(m, f, x, 0)); )
		if (x->kind == NODE_ASSIGN && x->name != NULL && strcmp(x->name, name) == 0 && ++n > 1)
			return 1;
	return 0;
}

/* True when write w only deletes rows (a direct DELETE, or a helper
 * whose facts are deletes alone). */
static int ta_delete_only(const struct ta_write *w)
{
	return w->removes && !w->creates && !w->updates;
}

/* True when call a's statement sits directly in an `if` or `else`
 * branch and b lies in that branch too: a row created there (`user =
 * await create(...)` where `user` was looked up before) is the new row
 * for the writes of the same branch, not a get-or-create's either row. */
static int ta_same_branch(const struct model *m, const struct node *a, const struct node *b)
{
	const struct node *st = tc_stmt(m, a), *br;

	if (st == NULL || (br = model_node(m, st->parent)) == NULL ||
	    (br->kind != NODE_IF && br->kind != NODE_ELSE))
		return 0;
	return model_is_within(m, b, br);
}

/* True when text reads a field of name (`name.id`, `name?.id`): the row
 * itself, not a list or value handed on whole. */
static int ta_field_of(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = strstr(text, name); n > 0 && p != NULL; p = strstr(p + 1, name)) {
		const char *e = p + n;

		if (p != text && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.' ||
				  p[-1] == '$'))
			continue;
		if (*e == '?')
			e++;
		if (*e == '.' && (isalpha((unsigned char)e[1]) || e[1] == '_' || e[1] == '$'))
			return 1;
	}
	return 0;
}

/* The callee of w's call without its method (`prisma.link` of
 * `prisma.link.create`; a builder statement's model, `User.query()` of
 * `User.query().patch().where`), into buf. */
static const char *ta_owner(const struct ta_write *w, char *buf, size_t size)
{
	const char *callee = w->k->u.call->callee, *dot = strrchr(callee, '.'), *q;
	size_t n = dot != NULL ? (size_t)(dot - callee) : 0;

	if (w->chain && (q = strstr(callee, "().")) != NULL)
		n = (size_t)(q + 2 - callee);
	if (n >= size)
		n = 0;
	memcpy(buf, callee, n);
	buf[n] = '\0';
	return buf;
}

/* The root name of k's callee ("prisma" for `prisma.team.delete`), into
 * buf. */
static const char *ta_root(const struct node *k, char *buf, size_t size)
{
	size_t n = strcspn(k->u.call->callee, ".(");

	if (n >= size)
		n = 0;
	memcpy(buf, k->u.call->callee, n);
	buf[n] = '\0';
	return buf;
}

/* True when name is bound in f, before line `before`, from a call that
 * begins a transaction (`tx, err := db.Begin()`): its writes commit
 * together. */
static int ta_tx_handle(const struct model *m, const struct node *f, const char *name,
			uint32_t before)
{
	size_t n = strlen(name);

	for (const struct node *x = NULL; n > 0 && (x = model_walk(m, f, x, 0)); ) {
		const struct node *k;

		if (x->kind != NODE_ASSIGN || x->name == NULL || x->line >= before ||
		    strncmp(x->name, name, n) != 0 ||
		    !(x->name[n] == '\0' || x->name[n] == ',' || x->name[n] == ' '))
			continue;
		if ((k = sem_first_call(m, x)) != NULL && sem_call_is(m, k, "tx_begin"))
			return 1;
	}
	return 0;
}

/* True when call k is an insert statement on the database instance
 * itself (`knex('assetData').insert(row)`, `knex.table(T).insert(rows)`):
 * a chain on a session of tc_autocommit_sessions with a link of
 * tc_builder_insert_links, the chain's outermost call. The shared
 * classification leaves such inserts out (per item they were over small
 * lists); here each one is a commit of its own. */
static int ta_session_insert(const struct model *m, const struct node *k)
{
	const char *callee = k->u.call->callee, *p;
	const struct node *up = model_node(m, k->parent);
	char sess[64], link[64];

	if (db_call_builder_session(m, k, sess, sizeof sess) == NULL ||
	    !catalog_match(catalog_get(m->lang, "tc_autocommit_sessions"), sess))
		return 0;
	if (up != NULL && up->kind == NODE_CALL && up->u.call != NULL && up->u.call->callee != NULL &&
	    strncmp(up->u.call->callee, callee, strlen(callee)) == 0 &&
	    strncmp(up->u.call->callee + strlen(callee), "().", 3) == 0)
		return 0;
	for (p = strstr(callee, "()."); p != NULL; p = strstr(p, "().")) {
		size_t n;

		p += 3;
		n = strcspn(p, "(.");
		if (n == 0 || n >= sizeof link)
			continue;
		memcpy(link, p, n);
		link[n] = '\0';
		if (catalog_match(catalog_get(m->lang, "tc_builder_insert_links"), link))
			return 1;
	}
	return 0;
}

/* True when m's language has no autocommitting writes but the catalog
 * says its project helpers may commit on their own (tc_helpers_commit_alone:
 * a repository whose `create`/`update` commits the session it holds): then
 * only such helpers are writes of this form, each one its own commit. */
static int ta_helpers_only(const struct model *m)
{
	return catalog_list_empty(catalog_get(m->lang, "tc_autocommit_writes")) &&
	       !catalog_list_empty(catalog_get(m->lang, "tc_helpers_commit_alone"));
}

/* True when helper call k of f runs before the next statement of f:
 * awaited, or, where the catalog says calls run in line
 * (tc_helpers_run_inline), not started apart (`go f()`) nor deferred. */
static int ta_helper_in_line(const struct model *m, const struct node *f, const struct node *k)
{
	if (k->flags & NF_AWAITED)
		return 1;
	if (catalog_list_empty(catalog_get(m->lang, "tc_helpers_run_inline")))
		return 0;
	for (const struct node *a = model_node(m, k->parent); a != NULL && a != f &&
	     node_index(m, a) != 0; a = model_node(m, a->parent))
		if (a->kind == NODE_SPAWN || a->kind == NODE_DEFER || a->kind == NODE_FUNC)
			return 0;
	return 1;
}

/* Classifies call k of f as a write (1, *w filled) or not (0). */
static int ta_write(const struct audit_input *in, size_t fi, const struct node *f,
		    const struct node *k, struct ta_write *w)
{
	const struct model *m = in->proj->files[fi].model;
	struct db_op_info info;
	enum db_op op;
	char root[64];

	memset(w, 0, sizeof *w);
	w->k = k;
	if (k->u.call == NULL || k->u.call->callee == NULL || k->u.call->name == NULL ||
	    ta_excluded_place(m, f, k))
		return 0;
	if (sem_match_lower(m->lang, "tc_audit_words", k->u.call->callee))
		return 0;
	if (sem_call_is(m, k, "tx_begin")) {
		/* a managed transaction: one unit of writes (its callback or
		 * its array) */
		const struct node *c;

		for (c = NULL; (c = model_walk(m, k, c, 1)); )
			if (c->kind == NODE_CALL && c->u.call != NULL && c->u.call->callee != NULL &&
			    (db_op_writes(op = db_call_op(m, c, &info)) || op == DB_OP_BULK))
				break;
		if (c == NULL)
			return 0;
		w->tx = 1;
		w->changes = 1;
		return 1;
	}
	op = db_call_op(m, k, &info);
	if (op == DB_OP_NONE && ta_session_insert(m, k))
		op = DB_OP_INSERT;
	if (db_op_writes(op) || op == DB_OP_BULK) {
		int alone = 0;

		/* a model's builder statement commits alone unless its head is
		 * handed a connection (`query(trx)`); otherwise the catalog
		 * names the methods that autocommit */
		char sess[64];

		w->chain = db_call_model_builder(m, k, &alone);
		/* a chain on the database instance itself (catalog
		 * tc_autocommit_sessions: `knex('t').del()`), not on a
		 * transaction's (`trx('t')`), commits alone too */
		if (!w->chain && db_call_builder_session(m, k, sess, sizeof sess) != NULL &&
		    catalog_match(catalog_get(m->lang, "tc_autocommit_sessions"), sess))
			w->chain = alone = 1;
		if ((w->chain ? !alone
			      : !catalog_match(catalog_get(m->lang, "tc_autocommit_writes"),
					       k->u.call->name)) ||
		    ta_is_param(f, ta_root(k, root, sizeof root)) ||
		    ta_tx_handle(m, f, root, k->line) ||
		    sem_match_lower(m->lang, "tc_audit_words", info.target))
			return 0;
		/* a write at the end of a call chain names its model in the
		 * chain or its arguments (`db.Model(&AuditEntry{}).Where(...)
		 * .Update(...)`, `db.Create(&AuditEntry{...})`) */
		if (strchr(k->u.call->callee, '(') != NULL) {
			char text[1024];

			if (sem_match_lower(m->lang, "tc_audit_words",
					    sem_node_text(m, k, text, sizeof text)))
				return 0;
		}
		snprintf(w->target, sizeof w->target, "%s", info.target);
		w->deletes = op == DB_OP_DELETE;
		w->creates = op == DB_OP_INSERT || op == DB_OP_UPSERT;
		w->changes = !w->creates;
		w->removes = op == DB_OP_DELETE;
		w->updates = op == DB_OP_UPDATE || op == DB_OP_UPSERT;
		w->bulk = op == DB_OP_BULK;
		w->bound = ta_bound(m, k);
		ta_destructured(m, k, w->locals, sizeof w->locals);
		ta_collected(m, k, w->collected, sizeof w->collected);
		return 1;
	}
	/* a project helper that writes: where direct writes autocommit, or
	 * a helper that commits its own writes (a data layer's `insert()`
	 * that executes and commits: `await (conn or db).insert(...)`) */
	if (in->sum != NULL) {
		unsigned facts = summary_call_facts(in->sum, fi, k);
		int own = (facts & SUM_COMMITS) != 0;

		if (!own && catalog_list_empty(catalog_get(m->lang, "tc_autocommit_writes")))
			return 0;

		/* a helper not awaited is fired and forgotten: deliberately
		 * apart (an analytics record); where calls run in line
		 * (catalog tc_helpers_run_inline: Go), one started apart
		 * (`go f()`) or deferred is */
		if (!(facts & SUM_DB_WRITE) || !ta_helper_in_line(m, f, k) ||
		    catalog_match(catalog_get(m->lang, "tc_lock_acquire_words"), k->u.call->name))
			return 0;
		/* a helper handed a client f is itself handed (`insertGroup(row,
		 * trx)`): the caller may run both in its transaction, as for a
		 * direct write on such a client */
		for (uint32_t a = 0; a < k->u.call->n_args; a++) {
			char arg[64];

			if (k->u.call->args[a].expr.len == 0 || k->u.call->args[a].expr.len >= sizeof arg)
				continue;
			span_copy(m, k->u.call->args[a].expr, arg, sizeof arg);
			/* (a helper that commits what it writes commits inside
			 * the caller's transaction too) */
			if (!own && ta_is_param(f, arg) && sem_is_session_name(m->lang, arg))
				return 0;
		}
		w->helper = 1;
		w->creates = (facts & SUM_DB_INSERT) != 0;
		w->changes = (facts & (SUM_DB_UPDATE | SUM_DB_DELETE)) != 0;
		w->updates = (facts & SUM_DB_UPDATE) != 0;
		w->removes = (facts & SUM_DB_DELETE) != 0;
		w->bound = ta_bound(m, k);
		return 1;
	}
	return 0;
}

/* The text a write hands over: its arguments, or a transaction's whole
 * call. */
static const char *ta_text(const struct model *m, const struct ta_write *w, char *buf, size_t size)
{
	/* a builder statement names its row in its receiver too
	 * (`user.$relatedQuery('groups').relate(ids)`), and so does a
	 * write at the end of a call chain (`db.Where("board_id = ?",
	 * b.ID).Delete(&Pin{})`: its key is in the chain, not in its own
	 * arguments) */
	if (w->tx || w->chain || strchr(w->k->u.call->callee, '(') != NULL)
		return sem_node_text(m, w->k, buf, size);
	return span_copy(m, w->k->u.call->args_text, buf, size);
}

/* A parameter of f that both texts mention, or NULL. Not a parameter
 * declared with a type of the catalog's tc_not_key_types (Go's
 * `context.Context`): every call of the request is handed it, it names
 * no row. */
static const char *ta_shared_param(const struct model *m, const struct node *f, const char *a,
				   const char *b)
{
	/* (not a Go method's receiver: the store both writes go through) */
	for (uint32_t i = (f->flags & NF_GO_RECEIVER) ? 1 : 0; f->u.func != NULL && i < f->u.func->n_params; i++) {
		const struct param *pa = &f->u.func->params[i];
		const char *p = pa->name;
		char type[96];

		if (p == NULL || p[0] == '\0' || !sem_mentions(a, p) || !sem_mentions(b, p))
			continue;
		if (pa->annotation.len != 0 &&
		    catalog_match(catalog_get(m->lang, "tc_not_key_types"),
				  span_copy(m, pa->annotation, type, sizeof type)))
			continue;
		return p;
	}
	return NULL;
}

/* A row loaded in f before line `before` whose fields both texts read
 * (`findOrg.id`): a simple name assigned once from an awaited read
 * (`const findOrg = org || (await this.getOrgByCustomer(id))`), or
 * NULL. */
static int ta_read_row(const struct audit_input *in, size_t fi, const struct node *k);

static const char *ta_shared_row(const struct audit_input *in, size_t fi, const struct node *f,
				 uint32_t before, const char *a, const char *b)
{
	const struct model *m = in->proj->files[fi].model;

	for (const struct node *x = NULL; (x = model_walk(m, f, x, 0)); ) {
		const struct node *c;
		int reads = 0;

		if (x->kind != NODE_ASSIGN || x->line >= before || x->name == NULL ||
		    x->value.len == 0 || (x->flags & NF_TARGET_ATTR) ||
		    strpbrk(x->name, ".[, (){}") != NULL || !ta_field_of(a, x->name) ||
		    !ta_field_of(b, x->name) || ta_reassigned(m, f, x->name))
			continue;
		for (c = NULL; (c = model_walk(m, x, c, 0)); ) {
			struct db_op_info info;
			enum db_op op;

			if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->callee == NULL ||
			    !(c->flags & NF_AWAITED))
				continue;
			op = db_call_op(m, c, &info);
			if (op == DB_OP_READ || op == DB_OP_READ_ONE)
				reads = 1;
			else if (op != DB_OP_NONE)
				break;
			else if (in->sum != NULL) {
				unsigned facts = summary_call_facts(in->sum, fi, c);

				if (facts & SUM_DB_WRITE)
					break;
				if (facts & SUM_DB_READ)
					reads = 1;
			}
		}
		if (c == NULL && reads)
			return x->name;
	}
	return NULL;
}

/* True when b runs after a whenever both run: b follows a's statement
 * or one enclosing it within f (a write in an `if`, then one after the
 * `if`); not across exclusive branches. */
static int ta_follows(const struct model *m, const struct node *f, const struct node *a,
		      const struct node *b)
{
	const struct node *x;

	for (x = a; x != NULL && x != f && node_index(m, x) != 0; x = model_node(m, x->parent))
		if (tc_before(m, x, b))
			return 1;
	return 0;
}

/* True when call k of f reads rows (directly, or a project helper that
 * reads and does not write), is awaited and binds its result to a simple
 * name: a loaded row both writes can be about. */
static int ta_read_row(const struct audit_input *in, size_t fi, const struct node *k)
{
	const struct model *m = in->proj->files[fi].model;
	struct db_op_info info;
	enum db_op op;

	if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->callee == NULL ||
	    !(k->flags & NF_AWAITED) || ta_bound(m, k) == NULL)
		return 0;
	op = db_call_op(m, k, &info);
	if (op == DB_OP_READ || op == DB_OP_READ_ONE)
		return 1;
	if (op != DB_OP_NONE || in->sum == NULL)
		return 0;
	{
		unsigned facts = summary_call_facts(in->sum, fi, k);

		return (facts & SUM_DB_READ) && !(facts & SUM_DB_WRITE);
	}
}

/* True when text is about the row bound to name by read r: it reads a
 * field of the row (`invite.teamId`), or (by_key) names every plain
 * argument r was looked up with (`inviteId`, `req.params.code`). */
static int ta_about_row(const struct model *m, const struct node *r, const char *name,
			const char *text, int by_key)
{
	char args[512], *save = NULL, *a;
	int n = 0;

	if (ta_field_of(text, name))
		return 1;
	if (!by_key)
		return 0;
	span_copy(m, r->u.call->args_text, args, sizeof args);
	if (args[0] == '(')
		memmove(args, args + 1, strlen(args));
	if (args[0] != '\0' && args[strlen(args) - 1] == ')')
		args[strlen(args) - 1] = '\0';
	for (a = strtok_r(args, ",", &save); a != NULL; a = strtok_r(NULL, ",", &save)) {
		size_t l;

		while (*a == ' ' || *a == '\n' || *a == '\t')
			a++;
		for (l = strlen(a); l > 0 && (a[l - 1] == ' ' || a[l - 1] == '\n' || a[l - 1] == '\t'); l--)
			a[l - 1] = '\0';
		if (a[0] == '\0')
			continue;
		/* a name or a path (`req.params.code`); `{ where: ... }` is no key */
		for (l = 0; a[l] != '\0' && (isalnum((unsigned char)a[l]) || a[l] == '_' ||
					     a[l] == '$' || a[l] == '.'); l++)
			;
		if (a[l] != '\0' || !sem_mentions(text, a))
			return 0;
		n++;
	}
	return n > 0;
}

/* The name of a row read in f that writes a and b are both about (one of
 * them by reading its fields), or NULL: a row is created from a loaded
 * row (`addMember(invite.teamId, ...)`) and that row is consumed, deleted
 * (`revokeInvite(inviteId)`): two halves of one change. */
static int ta_exclusive(const struct model *m, const struct node *f, const struct node *a,
			const struct node *b);

/* True when every value name is given in f is a one-row read, in the
 * branches of one if/else (`let page; if (opts.id) page = findById(id)
 * else page = findOne({ path })`): the same loaded row either way. */
static int ta_loaded_either_way(const struct audit_input *in, size_t fi, const struct node *f,
				const char *name)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *reads[4], *x, *c;
	size_t n = 0;

	for (x = NULL; (x = model_walk(m, f, x, 0)); ) {
		if (x->kind != NODE_ASSIGN || x->name == NULL || strcmp(x->name, name) != 0)
			continue;
		if (x->value.len == 0)
			continue;	/* `let page` declares it */
		for (c = NULL; (c = model_walk(m, x, c, 0)); )
			if (c->kind == NODE_CALL && ta_read_row(in, fi, c))
				break;
		if (c == NULL || n == sizeof reads / sizeof *reads)
			return 0;
		reads[n++] = c;
	}
	if (n < 2)
		return n == 1;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (!ta_exclusive(m, f, reads[i], reads[j]))
				return 0;
	return 1;
}

static const char *ta_one_row(const struct audit_input *in, size_t fi, const struct node *f,
			      const char *ta, const char *tb)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *k;

	for (k = NULL; (k = model_walk(m, f, k, 0)); ) {
		const char *name;

		if (!ta_read_row(in, fi, k) || ta_excluded_place(m, f, k))
			continue;
		name = ta_bound(m, k);
		if (ta_reassigned(m, f, name) && !ta_loaded_either_way(in, fi, f, name))
			continue;
		if ((ta_about_row(m, k, name, ta, 0) && ta_about_row(m, k, name, tb, 1)) ||
		    (ta_about_row(m, k, name, tb, 0) && ta_about_row(m, k, name, ta, 1)))
			return name;
	}
	return NULL;
}

static int ta_exclusive(const struct model *m, const struct node *f, const struct node *a,
			const struct node *b);

enum { TA_MAX_ROOTS = 12 };

/* The simple names write w is about: the name its result is bound to and
 * the root of each argument that is a plain name or a path on one
 * (`user`, `registration_session` of `registration_session.oauth_account`);
 * `self` and calls (`Grant(...)`) are not. Returns how many. */
static size_t ta_roots(const struct model *m, const struct ta_write *w,
		       char roots[TA_MAX_ROOTS][64])
{
	const struct call_info *ci = w->k->u.call;
	char self[16];
	size_t n = 0;

	self[0] = '\0';
	if (w->bound != NULL)
		snprintf(roots[n++], 64, "%s", w->bound);
	{
		const struct front_end *fe = lang_get(m->lang);

		if (fe != NULL && fe->traits.receivers != NULL && fe->traits.receivers[0] != NULL)
			snprintf(self, sizeof self, "%s", fe->traits.receivers[0]);
	}
	for (uint32_t a = 0; a < ci->n_args && n < TA_MAX_ROOTS; a++) {
		char text[128];
		size_t len = 0;

		span_copy(m, ci->args[a].expr, text, sizeof text);
		while (isalnum((unsigned char)text[len]) || text[len] == '_')
			len++;
		if (len == 0 || len >= 64 || isdigit((unsigned char)text[0]) ||
		    (text[len] != '\0' && text[len] != '.' && text[len] != '[') ||
		    (self[0] && strncmp(text, self, len) == 0 && self[len] == '\0'))
			continue;
		text[len] = '\0';
		memcpy(roots[n++], text, len + 1);
	}
	return n;
}

/* True when the simple name (or path) an assignment x writes has a root
 * among roots. */
static int ta_target_in(const struct node *x, char roots[TA_MAX_ROOTS][64], size_t n)
{
	size_t len = 0;

	if (x->name == NULL)
		return 0;
	while (isalnum((unsigned char)x->name[len]) || x->name[len] == '_')
		len++;
	for (size_t i = 0; i < n; i++)
		if (strlen(roots[i]) == len && strncmp(roots[i], x->name, len) == 0)
			return 1;
	return 0;
}

/* True when an assignment of f before line `before` ties the rows of
 * roots a and b: it writes one (`client = Client(tenant=tenant)`,
 * `registration_session.email = user.email`) from the other. */
static int ta_tied(const struct model *m, const struct node *f, uint32_t before,
		   char ra[TA_MAX_ROOTS][64], size_t na, char rb[TA_MAX_ROOTS][64], size_t nb)
{
	for (const struct node *x = NULL; (x = model_walk(m, f, x, 0)); ) {
		char text[512];

		if (x->kind != NODE_ASSIGN || x->line >= before || x->value.len == 0)
			continue;
		span_copy(m, x->value, text, sizeof text);
		for (int dir = 0; dir < 2; dir++) {
			char (*t)[64] = dir ? ra : rb, (*v)[64] = dir ? rb : ra;
			size_t nt = dir ? na : nb, nv = dir ? nb : na;

			if (!ta_target_in(x, t, nt))
				continue;
			for (size_t i = 0; i < nv; i++)
				if (sem_mentions(text, v[i]))
					return 1;
		}
	}
	return 0;
}

/* True when a return or raise between a and b leaves a block holding a
 * but not b (`else: ...; a; return response` then b after the if): never
 * both run. */
static int ta_left_between(const struct model *m, const struct node *f, const struct node *a,
			   const struct node *b)
{
	for (const struct node *x = NULL; (x = model_walk(m, f, x, 0)); ) {
		const struct node *blk;

		if ((x->kind != NODE_RETURN && x->kind != NODE_RAISE) || x->line < a->line ||
		    x->line > b->line || x->parent == 0)
			continue;
		blk = model_node(m, x->parent);
		if (blk != f && model_is_within(m, a, blk) && !model_is_within(m, b, blk))
			return 1;
	}
	return 0;
}

/* True when call k's method is named as a write (catalog
 * repo_write_methods, tc_helper_create_words): `update`, `delete_by_user`,
 * `create`; not a helper that mostly reads and may write on the side
 * (`authenticate` rehashing a password). */
static int ta_write_named(const struct model *m, const struct node *k)
{
	return catalog_match(catalog_get(m->lang, "repo_write_methods"), k->u.call->name) ||
	       sem_match_lower(m->lang, "tc_helper_create_words", k->u.call->name);
}

/* The helpers-only form (ta_helpers_only): two awaited project helpers
 * that each commit on their own (a repository's `create`, then
 * `update`), one after the other in f, about the same rows: the second
 * names the first's result or an argument of it, or one of its rows was
 * written from one of the first's (`client = Client(tenant=tenant)`).
 * Both helpers are named as writes (ta_write_named).
 * HIGH when the first creates (catalog tc_helper_create_words): the new
 * row stays without what refers to it; MEDIUM otherwise. Silent: writes
 * on paths a return separates,
 * in a loop (per item, another check's question), in exclusive branches,
 * module-level helpers (`create_account(...)`: the pair rules judge those),
 * about unrelated rows (four independent `create` calls). */
static void ta_check_helpers(const struct audit_input *in, size_t fi, struct finding_sink *out,
			     const struct node *f, const struct ta_write *ws, size_t n)
{
	const struct model *m = in->proj->files[fi].model;

	/* a new row split from what refers to it first (the stronger
	 * finding), then any other pair */
	for (int pass = 0; pass < 2; pass++)
	for (size_t i = 0; i < n; i++) {
		char ra[TA_MAX_ROOTS][64];
		size_t na;

		if (sem_match_lower(m->lang, "tc_helper_create_words", ws[i].k->u.call->name) !=
		    (pass == 0))
			continue;
		/* methods of an object (a repository, a service), not the
		 * module-level data-layer helpers the pair rules above judge */
		if (strchr(ws[i].k->u.call->callee, '.') == NULL)
			continue;
		if ((model_enclosing_loop(m, ws[i].k) != NULL &&
		     model_is_within(m, model_enclosing_loop(m, ws[i].k), f)) ||
		    !ta_write_named(m, ws[i].k))
			continue;
		na = ta_roots(m, &ws[i], ra);
		for (size_t j = i + 1; j < n && na > 0; j++) {
			const struct ta_write *a = &ws[i], *b = &ws[j];
			char rb[TA_MAX_ROOTS][64], t2[1024], c1[128], c2[128], desc[160];
			const char *why = NULL;
			size_t nb;
			struct finding *fd;
			int creates;

			if (strchr(b->k->u.call->callee, '.') == NULL ||
			    !ta_write_named(m, b->k) || ta_left_between(m, f, a->k, b->k) ||
			    !ta_follows(m, f, a->k, b->k) || ta_exclusive(m, f, a->k, b->k) ||
			    (model_enclosing_loop(m, b->k) != NULL &&
			     model_is_within(m, model_enclosing_loop(m, b->k), f)))
				continue;
			span_copy(m, b->k->u.call->args_text, t2, sizeof t2);
			for (size_t r = 0; why == NULL && r < na; r++)
				if (sem_mentions(t2, ra[r]))
					why = ra[r];
			nb = ta_roots(m, b, rb);
			if (why == NULL && nb > 0 && ta_tied(m, f, b->k->line, ra, na, rb, nb))
				why = rb[0];
			if (why == NULL)
				continue;
			creates = sem_match_lower(m->lang, "tc_helper_create_words", a->k->u.call->name);
			fd = auditor_emit(in, out, &tc_checks[TC_TRANSACTION_NARROW],
					  creates ? SEV_HIGH : SEV_MEDIUM, fi, a->k);
			if (fd == NULL)
				return;
			sem_func_desc(in, fi, f, desc, sizeof desc);
			sem_call_source(m, a->k, c1, sizeof c1);
			sem_call_source(m, b->k, c2, sizeof c2);
			finding_set_issue(fd, "In %s, `%s` commits on its own, then `%s` (line %u) "
					  "writes `%s` in another commit of its own: one change split "
					  "over two commits, so a failure between them leaves the "
					  "first write without the second%s",
					  desc, c1, c2, b->k->line, why,
					  creates ? " (a new row without what refers to it)" : "");
			tc_set_recommendation(m, fd, "transaction_narrow.helper_commits", NULL);
			sem_add_line(fd, m, b->k->line);
			return; /* one finding per function */
		}
	}
}

/* The model a write at the end of a call chain names by a composite
 * literal (`Model(&Session{})`, `Delete(&entity.Vote{})`: "Vote") into
 * buf, "" when it names none. */
static const char *ta_chain_model(const struct model *m, const struct ta_write *w, char *buf,
				  size_t size)
{
	char text[1024];
	const char *p;

	buf[0] = '\0';
	if (w->helper || w->tx || strchr(w->k->u.call->callee, '(') == NULL)
		return buf;
	sem_node_text(m, w->k, text, sizeof text);
	for (p = strchr(text, '&'); p != NULL; p = strchr(p + 1, '&')) {
		const char *s = p + 1, *e = s, *name = s;

		while (isalnum((unsigned char)*e) || *e == '_' || *e == '.') {
			if (*e == '.')
				name = e + 1;
			e++;
		}
		if (*e == '{' && e > name && (size_t)(e - name) < size) {
			memcpy(buf, name, (size_t)(e - name));
			buf[e - name] = '\0';
			return buf;
		}
	}
	return buf;
}

/* The one argument of helper call k when it is a row handed whole, a
 * bare name or its address (`&comment`), into buf; NULL otherwise. */
static const char *ta_whole_arg(const struct model *m, const struct node *k, char *buf,
				size_t size)
{
	char arg[64];
	const char *s;

	if (k->u.call->n_args != 1 || k->u.call->args[0].name != NULL ||
	    k->u.call->args[0].expr.len == 0 || k->u.call->args[0].expr.len >= sizeof arg)
		return NULL;
	span_copy(m, k->u.call->args[0].expr, arg, sizeof arg);
	for (s = arg; *s == '&' || *s == '*'; s++)
		;
	if (*s == '\0' || strlen(s) >= size || isdigit((unsigned char)*s))
		return NULL;
	for (const char *q = s; *q; q++)
		if (!isalnum((unsigned char)*q) && *q != '_')
			return NULL;
	snprintf(buf, size, "%s", s);
	return buf;
}

static void ta_check_func(const struct audit_input *in, size_t fi, struct finding_sink *out,
			  const struct node *f)
{
	const struct model *m = in->proj->files[fi].model;
	struct ta_write ws[TA_MAX_WRITES];
	size_t n = 0, i, j;
	const struct node *k;
	char t1[8192], t2[8192];

	for (k = NULL; n < TA_MAX_WRITES && (k = model_walk(m, f, k, 0)); ) {
		if (k->kind == NODE_CALL && ta_write(in, fi, f, k, &ws[n])) {
				n++;
		}
	}
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			const struct ta_write *a = &ws[i], *b = &ws[j];
			const char *key = NULL;
			char c1[128], c2[128], desc[160], o1[128], o2[128];
			struct finding *fd;
			const char *row = NULL, *named = NULL;
			char local[64];
			int parent = 0, history = 0, same = 0, nested = 0, orphan = 0;

			/* not across the branches of one if/else (`if (pg) {
			 * update returning } else { update; select }`) */
			/* (helpers that commit their own writes: the first must be
			 * named as a write; `authenticate` rehashing a password on
			 * the side is not the parent of a login's session row) */
			/* two chained writes naming the same model change rows of
			 * one table (a sibling row, or what one statement could
			 * do), as two statements on one table do */
			if (ta_chain_model(m, a, o1, sizeof o1)[0] != '\0' &&
			    strcmp(o1, ta_chain_model(m, b, o2, sizeof o2)) == 0)
				continue;
			if (a->tx || !ta_follows(m, f, a->k, b->k) || ta_exclusive(m, f, a->k, b->k) ||
			    (ta_helpers_only(m) && a->helper && !ta_write_named(m, a->k)))
				continue;
			ta_text(m, b, t2, sizeof t2);
			/* the same model written again (create, then update the new
			 * row once its id is known) is one row, not a parent and a
			 * child; appending the new id to a list column of another
			 * row (`push: x.id`) is a denormalised hint */
			/* the row a helper returned is a parent when the helper
			 * made or changed rows: not what a delete-only helper read
			 * and hands back (`usr = validateToken(...)`, the owner of
			 * the token it deletes); a direct delete returns the row
			 * it removed */
			/* the row a write returned, named by the later write: a
			 * field of it (`c.id`), or a field destructured from it
			 * (`const { id } = await ...upsert(...)`, then `where: {
			 * id }`) */
			if (a->bound != NULL && ta_field_of(t2, a->bound))
				named = a->bound;
			else if (a->locals[0] != '\0')
				named = ta_local_in(a->locals, t2, local, sizeof local);
			/* the row appended to a list, named by its place in it
			 * (`posts.push(await ...upsert(...))`, then `where: {
			 * post: { id: posts[0].id } }`) */
			else if (a->collected[0] != '\0' && ta_element_field_of(t2, a->collected))
				named = a->collected;
			/* the same model written again is one row, unless the
			 * later write reaches other rows: related rows nested in
			 * its data (`integrations: { deleteMany: {}, create: [...]
			 * }`, children) or a many-row write beside the new row
			 * (`updateMany({ where: { id: { not: id } } })`, siblings) */
			if (named != NULL && !a->helper && !b->helper && !b->tx &&
			    strcmp(ta_owner(a, o1, sizeof o1), ta_owner(b, o2, sizeof o2)) == 0)
				same = (nested = ta_nested_write(m->lang, t2)) || b->bulk;
			if (named != NULL &&
			    !(a->helper && ta_delete_only(a)) &&
			    !(a->helper && ta_writes_on_failure_only(in, fi, a->k)) &&
			    (!ta_reassigned(m, f, named) ||
			     (a->creates && ta_same_branch(m, a->k, b->k))) &&
			    (a->helper || b->helper || b->tx || same ||
			     strcmp(ta_owner(a, o1, sizeof o1), ta_owner(b, o2, sizeof o2)) != 0) &&
			    tc_find_word(m->lang, "tc_list_append_words", t2, NULL) == NULL)
				parent = 1;
			else if (a->changes && b->changes && !a->helper && !b->helper &&
				 /* two builder statements on one model (`Module.query()`)
				  * change the same rows, not two models' */
				 !(a->chain && b->chain &&
				   strcmp(ta_owner(a, o1, sizeof o1), ta_owner(b, o2, sizeof o2)) == 0) &&
				 (b->tx || strcmp(a->k->u.call->callee, b->k->u.call->callee) != 0 ||
				  /* one statement method on several tables (Go's
				   * `db.Exec`); children deleted before their parent
				   * are ordered, idempotent steps, not one change */
				  (a->target[0] != '\0' && b->target[0] != '\0' &&
				   strcmp(a->target, b->target) != 0 && !(a->deletes && b->deletes))))
				key = ta_shared_param(m, f, ta_text(m, a, t1, sizeof t1), t2);
			else if (a->creates && !a->changes && b->removes && !b->creates && !b->tx &&
				 (a->helper || b->helper ||
				  strcmp(ta_owner(a, o1, sizeof o1), ta_owner(b, o2, sizeof o2)) != 0))
				row = ta_one_row(in, fi, f, ta_text(m, a, t1, sizeof t1), t2);
			/* a version of a loaded row recorded (`pageHistory.addVersion(
			 * { ...page, versionDate: page.updatedAt })`), then the row
			 * changed (`pages.query().patch(...).where('id', page.id)`):
			 * the record and the change it describes (catalog
			 * tc_history_words names the record's model or helper) */
			else if (a->creates && !a->changes && b->changes && !b->creates && !b->tx &&
				 sem_match_lower(m->lang, "tc_history_words", a->k->u.call->callee) &&
				 !sem_match_lower(m->lang, "tc_history_words", b->k->u.call->callee) &&
				 (a->helper || b->helper ||
				  strcmp(ta_owner(a, o1, sizeof o1), ta_owner(b, o2, sizeof o2)) != 0) &&
				 (row = ta_one_row(in, fi, f, ta_text(m, a, t1, sizeof t1), t2)) != NULL)
				history = 1;
			/* rows of two models written one after the other for the
			 * same key, where the first is an upsert (`subscription.
			 * upsert({ where: { organizationId: org.id } })`, then
			 * `organization.update({ where: { id: org.id } })`) or
			 * the key a loaded row's field rather than a parameter; or
			 * a row created and bound whole (`const member = await
			 * member.create({ data: { userId } })`, not a get-or-create
			 * `find() || create()`), then a row of another model keyed
			 * by the same parameter changed (`user.update({ where: { id:
			 * userId } })`); not the new id appended to a list column
			 * (`push: x.id`, an ordering hint) */
			if (!parent && key == NULL && row == NULL && !a->helper && !b->helper &&
			    !b->tx && !a->chain && !b->chain &&
			    (a->changes || a->updates || (a->creates && a->bound != NULL)) &&
			    (b->changes || b->updates) &&
			    strcmp(ta_owner(a, o1, sizeof o1), ta_owner(b, o2, sizeof o2)) != 0 &&
			    !(a->deletes && b->deletes) &&
			    tc_find_word(m->lang, "tc_list_append_words", t2, NULL) == NULL) {
				ta_text(m, a, t1, sizeof t1);
				if ((key = ta_shared_param(m, f, t1, t2)) == NULL)
					key = ta_shared_row(in, fi, f, a->k->line, t1, t2);
			}
			/* a project helper that deletes a row handed whole
			 * (`dao.DelComment(&comment)`), then a helper writing
			 * rows keyed by one of its fields (`dao.DelCommentChildren(
			 * comment.ID)`), each committing alone: the row is gone
			 * and its children stay if the second fails */
			if (!parent && key == NULL && row == NULL && a->helper && b->helper &&
			    a->removes && !a->creates &&
			    (key = ta_whole_arg(m, a->k, local, sizeof local)) != NULL &&
			    ta_field_of(t2, key) && !ta_reassigned(m, f, key))
				orphan = 1;
			else if (orphan == 0 && key == local)
				key = NULL;
			if (!parent && key == NULL && row == NULL)
				continue;
			/* a row handed whole to a delete (`db.Delete(page)`), then
			 * rows keyed by one of its fields (`Where("target_id = ?",
			 * page.ID).Delete(&Vote{})`): the parent is gone and its
			 * children stay if the second write fails */
			if (key != NULL && a->removes && !a->helper && !b->helper && !b->tx) {
				char own[64];
				const char *o = span_copy(m, a->k->u.call->args_text, own, sizeof own);

				while (*o == '&' || *o == '*')
					o++;
				orphan = strcmp(o, key) == 0 && ta_field_of(t2, key);
			}
			fd = auditor_emit(in, out, &tc_checks[TC_TRANSACTION_NARROW],
					  (parent && a->creates && (!same || nested)) || orphan
						  ? SEV_HIGH : SEV_MEDIUM,
					  fi, a->k);
			if (fd == NULL)
				return;
			sem_func_desc(in, fi, f, desc, sizeof desc);
			sem_call_source(m, a->k, c1, sizeof c1);
			sem_call_source(m, b->k, c2, sizeof c2);
			if (parent && same && !nested)
				finding_set_issue(fd, "In %s, `%s` commits on its own, then `%s` (line "
						  "%u) changes the other rows of the same table around "
						  "its result `%s` in another commit, with no "
						  "transaction around them: if the second write fails, "
						  "the first stays and the rows disagree",
						  desc, c1, c2, b->k->line, named);
			else if (parent)
				finding_set_issue(fd, "In %s, `%s` commits on its own, then `%s` (line "
						  "%u) writes rows naming its result `%s` in another "
						  "commit, with no transaction around them: if the "
						  "second write fails, the first stays%s",
						  desc, c1, c2, b->k->line, named,
						  a->creates ? " (a new row without the rows that "
							       "refer to it)" : "");
			else if (history)
				finding_set_issue(fd, "In %s, `%s` records a version of the loaded `%s` "
						  "and `%s` (line %u) then changes it, in separate commits "
						  "with no transaction around both: if the change fails, "
						  "the history holds a version that never happened",
						  desc, c1, row, c2, b->k->line);
			else if (row != NULL)
				finding_set_issue(fd, "In %s, `%s` creates a row and `%s` (line %u) then "
						  "removes the loaded `%s` it answers, in separate "
						  "commits with no transaction around both: if the second "
						  "write fails, the new row stays and `%s` is left as it "
						  "was (half of one change)",
						  desc, c1, c2, b->k->line, row, row);
			else if (orphan)
				finding_set_issue(fd, "In %s, `%s` deletes `%s` and commits, then `%s` "
						  "(line %u) deletes or changes the rows keyed by its fields "
						  "in another commit, with no transaction around both: if "
						  "the second write fails, those rows stay behind, naming a "
						  "row that is gone",
						  desc, c1, key, c2, b->k->line);
			else
				finding_set_issue(fd, "In %s, `%s` and `%s` (line %u) change rows of "
						  "the same `%s` in separate commits, with no "
						  "transaction around both: a failure between them "
						  "leaves the change half done",
						  desc, c1, c2, b->k->line, key);
			/* the detected data layer's own wording first (GORM's
			 * `db.Transaction(func(tx) ...)`), else the language's */
			if (!db_advice(in, m, "transaction_narrow.autocommit", NULL, fd))
				tc_set_recommendation(m, fd, "transaction_narrow.autocommit", NULL);
			sem_add_line(fd, m, b->k->line);
			return; /* one finding per function */
		}
	}
	/* nothing above: the pairs of helpers that commit their own writes
	 * (ta_helpers_only) */
	if (ta_helpers_only(m))
		ta_check_helpers(in, fi, out, f, ws, n);
}

/* The receiver path of call k (`srv.repository` of
 * `srv.repository.DeleteByUser`) into buf, "" when it has none. */
static const char *ta_recv(const struct node *k, char *buf, size_t size)
{
	const char *callee = k->u.call->callee, *dot = strrchr(callee, '.');
	size_t n = dot != NULL ? (size_t)(dot - callee) : 0;

	if (n >= size || strpbrk(callee, "([") != NULL)
		n = 0;
	memcpy(buf, callee, n);
	buf[n] = '\0';
	return buf;
}

/* True when name is a parameter of f other than a Go method's receiver:
 * a handle the caller may already run in a transaction. */
static int ta_is_handed(const struct node *f, const char *name)
{
	uint32_t i = (f->flags & NF_GO_RECEIVER) ? 1 : 0;

	for (; f->u.func != NULL && i < f->u.func->n_params; i++)
		if (f->u.func->params[i].name != NULL && strcmp(f->u.func->params[i].name, name) == 0)
			return 1;
	return 0;
}

/* True when a and b sit in different branches of one if/else chain, or
 * a is returned (`return store.Delete(...)`): b never runs after a. */
static int ta_exclusive(const struct model *m, const struct node *f, const struct node *a,
			const struct node *b)
{
	const struct node *e, *st = tc_stmt(m, a);

	if (st != NULL && st->kind == NODE_RETURN)
		return 1;
	for (e = b; e != NULL && e != f && node_index(m, e) != 0; e = model_node(m, e->parent)) {
		const struct node *p = model_node(m, e->parent), *x;
		int in_chain = 0;

		if (p == NULL || !(e->kind == NODE_ELSE || (e->kind == NODE_IF && (e->flags & NF_ELIF))))
			continue;
		for (x = p->first_child ? model_node(m, p->first_child) : NULL; x != NULL && x != e;
		     x = x->next_sibling ? model_node(m, x->next_sibling) : NULL) {
			if (x->kind == NODE_IF && !(x->flags & NF_ELIF))
				in_chain = 0;
			else if (x->kind != NODE_IF && x->kind != NODE_ELSE) {
				in_chain = 0;
				continue;
			}
			if (model_is_within(m, a, x))
				in_chain = 1;
		}
		if (in_chain)
			return 1;
	}
	return 0;
}

/* The last assignment before line `before` in f whose first target is
 * name (`items, err := ...` for items), or NULL. */
static const struct node *ta_bound_first(const struct model *m, const struct node *f,
					 const char *name, uint32_t before)
{
	const struct node *found = NULL;
	size_t n = strlen(name);

	for (const struct node *x = NULL; (x = model_walk(m, f, x, 0)); ) {
		if (x->kind != NODE_ASSIGN || x->name == NULL || (x->flags & NF_TARGET_ATTR))
			continue;
		if (x->line >= before)
			break;
		if (strncmp(x->name, name, n) == 0 &&
		    (x->name[n] == '\0' || x->name[n] == ',' || x->name[n] == ' '))
			found = x;
	}
	return found;
}

/* True when the insert k names what delete d was keyed by: a plain name
 * of d's arguments (`user`, `interval` of `DeleteByUser(user.ID,
 * interval)`) appears in k's arguments or in the last assignment of a
 * plain name among them (`durations, err := srv.Get(from, user)`). */
static int ta_same_key(const struct model *m, const struct node *f, const struct node *d,
		       const struct node *k)
{
	char dargs[1024], kargs[1024], word[64];
	const char *p;

	span_copy(m, d->u.call->args_text, dargs, sizeof dargs);
	span_copy(m, k->u.call->args_text, kargs, sizeof kargs);
	for (p = dargs; *p; ) {
		size_t n = 0;

		if (!(isalpha((unsigned char)*p) || *p == '_') ||
		    (p > dargs && (p[-1] == '.' || isalnum((unsigned char)p[-1]) || p[-1] == '_'))) {
			p++;
			continue;
		}
		while ((isalnum((unsigned char)p[n]) || p[n] == '_') && n + 1 < sizeof word)
			n++;
		memcpy(word, p, n);
		word[n] = '\0';
		p += n;
		if (sem_mentions(kargs, word))
			return 1;
		/* the names k hands over, followed one assignment back */
		for (const char *q = kargs; *q; ) {
			char name[64];
			const struct node *as;
			size_t j = 0;

			if (!(isalpha((unsigned char)*q) || *q == '_') ||
			    (q > kargs && (q[-1] == '.' || isalnum((unsigned char)q[-1]) || q[-1] == '_'))) {
				q++;
				continue;
			}
			while ((isalnum((unsigned char)q[j]) || q[j] == '_') && j + 1 < sizeof name)
				j++;
			memcpy(name, q, j);
			name[j] = '\0';
			q += j;
			/* not the delete's own result (`uid := store.UserID(token)`,
			 * a lookup that burns a one-time token): the insert is
			 * keyed by what the call returned, not by the rows it
			 * removed */
			if ((as = ta_bound_first(m, f, name, k->line)) != NULL && as->value.len > 0 &&
			    !model_is_within(m, d, as)) {
				char val[1024];

				span_copy(m, as->value, val, sizeof val);
				if (sem_mentions(val, word))
					return 1;
			}
		}
	}
	return 0;
}

/* The replace form, where project helpers commit on their own (catalog
 * word tc_helper_writes_commit): in one function with no transaction, a
 * store method that only deletes rows, then a method of the same store
 * that only inserts rows keyed by what the delete was keyed by. The rows
 * are replaced in two commits: a failed insert leaves them gone, and
 * readers see the gap meanwhile. Silent: a store the function is handed,
 * writes in a transaction, exclusive branches, a returned delete, and an
 * insert that names nothing the delete was keyed by (expired sessions
 * purged before a new one is stored) or only by what the delete returned
 * (a lookup that consumes a one-time token, then a create for the user it
 * named). One finding per function. */
static void ta_check_replace(const struct audit_input *in, size_t fi, struct finding_sink *out,
			     const struct node *f)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *d, *k;

	for (k = NULL; (k = model_walk(m, f, k, 0)); )
		if (k->kind == NODE_CALL && k->u.call != NULL && sem_call_is(m, k, "tx_begin"))
			return;
	for (d = NULL; (d = model_walk(m, f, d, 0)); ) {
		char r1[128], r2[128], root[64];

		if (d->kind != NODE_CALL || d->u.call == NULL || d->u.call->callee == NULL ||
		    ta_recv(d, r1, sizeof r1)[0] == '\0' || ta_excluded_place(m, f, d) ||
		    ta_is_handed(f, ta_root(d, root, sizeof root)) ||
		    (summary_call_facts(in->sum, fi, d) &
		     (SUM_DB_DELETE | SUM_DB_INSERT | SUM_DB_UPDATE | SUM_DB_READ)) != SUM_DB_DELETE)
			continue;
		for (k = d; (k = model_walk(m, f, k, 0)); ) {
			struct finding *fd;
			char desc[160], c1[128], c2[128];

			if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->callee == NULL ||
			    strcmp(ta_recv(k, r2, sizeof r2), r1) != 0 || ta_excluded_place(m, f, k) ||
			    (summary_call_facts(in->sum, fi, k) &
			     (SUM_DB_DELETE | SUM_DB_INSERT | SUM_DB_UPDATE)) != SUM_DB_INSERT ||
			    !ta_follows(m, f, d, k) || ta_exclusive(m, f, d, k) ||
			    !ta_same_key(m, f, d, k))
				continue;
			fd = auditor_emit(in, out, &tc_checks[TC_TRANSACTION_NARROW], SEV_MEDIUM, fi, d);
			if (fd == NULL)
				return;
			sem_func_desc(in, fi, f, desc, sizeof desc);
			sem_call_source(m, d, c1, sizeof c1);
			sem_call_source(m, k, c2, sizeof c2);
			finding_set_issue(fd, "In %s, `%s` deletes rows and `%s` (line %u) inserts their "
					  "replacements through the same store in another commit, with "
					  "no transaction around both: if the insert fails the old rows "
					  "are gone and the new ones never arrive, and readers see "
					  "neither in between",
					  desc, c1, c2, k->line);
			tc_set_recommendation(m, fd, "transaction_narrow.replace", NULL);
			sem_add_line(fd, m, k->line);
			return; /* one finding per function */
		}
	}
}

/* ---- the manager form: an ORM whose writes autocommit by default ----
 *
 * With Django's default autocommit, `issue = Issue.objects.create(...)`
 * commits the new row at once, and `IssueAssignee.objects.bulk_create([
 * IssueAssignee(issue=issue, ...)])` commits its children in another
 * statement: if the second fails, the issue stays without them. The same
 * holds for a serializer or form `save()` (catalog tc_form_classes) whose
 * row is then named by a manager write (`serializer.data["id"]`,
 * `serializer.instance`). The writes are the catalog's manager calls
 * (tc_manager_creates for the parent, tc_manager_writes for the child).
 * Silent: a function that is a transaction or runs one (`atomic()`
 * decorator or block), writes under `with atomic():`, writes in a catch
 * block or exclusive branches, a child of the parent's own model, and a
 * project that makes every request atomic (catalog
 * tc_atomic_request_settings found in its sources: the handler's writes
 * commit together). */

/* True when text names name as a value: a whole word, not an attribute
 * (`.name`) and not a keyword argument's name (`name=`). */
static int tm_names(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = strstr(text, name); n > 0 && p != NULL; p = strstr(p + 1, name)) {
		const char *e = p + n;

		if (p != text && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.'))
			continue;
		if (isalnum((unsigned char)*e) || *e == '_')
			continue;
		while (*e == ' ')
			e++;
		if (*e == '=' && e[1] != '=')
			continue;
		return 1;
	}
	return 0;
}

/* True when text reads an attribute of name that is the saved row
 * (catalog tc_form_row_attrs: `serializer.data`, `serializer.instance`). */
static int tm_row_attr(enum lang lang, const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = strstr(text, name); n > 0 && p != NULL; p = strstr(p + 1, name)) {
		char attr[64];
		size_t a;

		if ((p != text && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.')) ||
		    p[n] != '.')
			continue;
		for (a = 0; isalnum((unsigned char)p[n + 1 + a]) || p[n + 1 + a] == '_'; a++)
			;
		if (a == 0 || a >= sizeof attr)
			continue;
		memcpy(attr, p + n + 1, a);
		attr[a] = '\0';
		if (catalog_match(catalog_get(lang, "tc_form_row_attrs"), attr))
			return 1;
	}
	return 0;
}

/* True when some source of the project in m's language sets a catalog
 * tc_atomic_request_settings word (`ATOMIC_REQUESTS`). */
static int tm_atomic_requests(const struct audit_input *in, enum lang lang)
{
	for (size_t i = 0; i < in->proj->n_files; i++) {
		const struct model *fm = in->proj->files[i].model;

		if (fm != NULL && fm->lang == lang && fm->src != NULL &&
		    tc_find_word(lang, "tc_atomic_request_settings", fm->src, NULL) != NULL)
			return 1;
	}
	return 0;
}

/* The model a manager call writes (`Issue` of `Issue.objects.create`: the
 * callee up to its second-last link), into buf. */
static const char *tm_model(const struct node *k, char *buf, size_t size)
{
	const char *callee = k->u.call->callee, *last = strrchr(callee, '.'), *p;
	size_t n = 0;

	for (p = callee; last != NULL && p < last; p++)
		if (*p == '.')
			n = (size_t)(p - callee);
	if (n >= size)
		n = 0;
	memcpy(buf, callee, n);
	buf[n] = '\0';
	return buf;
}

/* True when call k of f is a write of this form that commits alone: not
 * under a transaction block, not in a catch block. */
static int tm_alone(const struct model *m, const struct node *f, const struct node *k)
{
	return !ta_excluded_place(m, f, k) && sem_tx_block(m, k) == NULL;
}

/* The serializer/form name s whose `s.save(...)` call k is, into buf,
 * when s is bound in f before k from a catalog tc_form_classes class;
 * NULL otherwise. */
static const char *tm_form_save(const struct model *m, const struct node *f, const struct node *k,
				char *buf, size_t size)
{
	const char *callee = k->u.call->callee, *dot = strrchr(callee, '.');
	const struct node *st, *c;
	size_t n = dot != NULL ? (size_t)(dot - callee) : 0;

	if (n == 0 || n >= size || !catalog_match(catalog_get(m->lang, "tc_form_saves"), dot + 1) ||
	    strpbrk(callee, "(") != NULL || memchr(callee, '.', n) != NULL)
		return NULL;
	memcpy(buf, callee, n);
	buf[n] = '\0';
	if ((st = ta_bound_first(m, f, buf, k->line)) == NULL || strcmp(st->name, buf) != 0 ||
	    (c = sem_first_call(m, st)) == NULL || c->u.call == NULL || c->u.call->name == NULL ||
	    !catalog_match(catalog_get(m->lang, "tc_form_classes"), c->u.call->name))
		return NULL;
	return buf;
}

/* True when f is a method of a class that some function of the project
 * builds and saves under a transaction (`s = C(data=...)`, then `with
 * atomic(): s.save()`; or C built inside the block): a serializer's
 * `create` run by such a save commits with its caller. Also when C is a
 * nested field of another class (its create is run by the parent's). */
static int tm_saved_in_tx(const struct audit_input *in, const struct model *m, const struct node *f)
{
	const struct node *cls = model_node(m, f->parent);

	if (cls == NULL || cls->kind != NODE_CLASS || cls->name == NULL ||
	    !catalog_match(catalog_get(m->lang, "tc_form_classes"), cls->name))
		return 0;
	for (size_t i = 0; i < in->proj->n_files; i++) {
		const struct model *fm = in->proj->files[i].model;
		const struct node *c, *g, *s;
		const char *bound;
		char save[96];

		if (fm == NULL || fm->lang != m->lang)
			continue;
		for (c = NULL; (c = model_walk(fm, model_node(fm, 0), c, 1)); ) {
			if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
			    strcmp(c->u.call->name, cls->name) != 0)
				continue;
			if (sem_tx_block(fm, c) != NULL)
				return 1;
			for (g = model_node(fm, c->parent); g != NULL && node_index(fm, g) != 0 &&
							   g->kind != NODE_FUNC && g->kind != NODE_CLASS;
			     g = model_node(fm, g->parent))
				;
			/* a nested field of another serializer (`items =
			 * C(many=True)` in a class body): the parent's create
			 * runs this one, maybe in its own transaction, which is
			 * not followed here */
			if (g != NULL && g->kind == NODE_CLASS)
				return 1;
			if (g == NULL || g->kind != NODE_FUNC || (bound = ta_bound(fm, c)) == NULL)
				continue;
			snprintf(save, sizeof save, "%s.", bound);
			for (s = NULL; (s = model_walk(fm, g, s, 0)); )
				if (s->kind == NODE_CALL && s->u.call != NULL && s->u.call->callee != NULL &&
				    strncmp(s->u.call->callee, save, strlen(save)) == 0 &&
				    catalog_match(catalog_get(m->lang, "tc_form_saves"),
						  s->u.call->callee + strlen(save)) &&
				    sem_tx_block(fm, s) != NULL)
					return 1;
		}
	}
	return 0;
}

/* True when a call named like function f (of model m) in model fm runs
 * f: fm is f's file, or the project defines f's name once. */
static int tm_surely_calls(const struct audit_input *in, const struct model *m,
			   const struct model *fm, const struct node *f)
{
	size_t n = 0;

	if (fm == m)
		return 1;
	if (in->proj->index == NULL)
		return 0;
	index_funcs_named(in->proj->index, f->name, &n);
	return n == 1;
}

/* True when some call of the project named like f (not a manager write)
 * runs under a transaction: a helper its caller wraps in `atomic()`, or
 * whose caller (up to three functions up, each surely the one called,
 * tm_surely_calls) is called so: `apply()` opens
 * `atomic()` and calls `_sync()`, which calls the helper `_create()`. */
static int tm_called_in_tx_depth(const struct audit_input *in, const struct model *m,
				 const struct node *f, int depth)
{
	int followed = 0; /* callers followed up, at most 8 a level */

	if (f->name == NULL || depth > 3)
		return 0;
	for (size_t i = 0; i < in->proj->n_files; i++) {
		const struct model *fm = in->proj->files[i].model;
		const struct node *c;

		if (fm == NULL || fm->lang != m->lang)
			continue;
		for (c = NULL; (c = model_walk(fm, model_node(fm, 0), c, 1)); )
			if (c->kind == NODE_CALL && c->u.call != NULL && c->u.call->name != NULL &&
			    strcmp(c->u.call->name, f->name) == 0 &&
			    !sem_call_is(fm, c, "tc_manager_writes")) {
				const struct node *g = model_enclosing_func(fm, c);

				if (sem_tx_block(fm, c) != NULL)
					return 1;
				/* the caller's callers, from a call that surely
				 * runs f (in f's file, or f's name defined once:
				 * a namesake's callers say nothing of f); not f
				 * itself (recursion) */
				if (g != NULL && g != f && g->name != NULL &&
				    strcmp(g->name, f->name) != 0 && tm_surely_calls(in, m, fm, f) &&
				    followed++ < 8 &&
				    tm_called_in_tx_depth(in, fm, g, depth + 1))
					return 1;
			}
	}
	return 0;
}

static int tm_called_in_tx(const struct audit_input *in, const struct model *m, const struct node *f)
{
	return tm_called_in_tx_depth(in, m, f, 1);
}

/* Reports f's first parent write followed by a child write naming its
 * row in another commit; returns 1 when it reported. */
static int tm_check_func(const struct audit_input *in, size_t fi, struct finding_sink *out,
			 const struct node *f)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *a, *b;

	for (a = NULL; (a = model_walk(m, f, a, 0)); ) {
		char form[64], m1[128], m2[128];
		const char *row, *fname = NULL;

		if (a->kind != NODE_CALL || a->u.call == NULL || a->u.call->callee == NULL ||
		    !tm_alone(m, f, a))
			continue;
		if (sem_call_is(m, a, "tc_manager_creates"))
			row = ta_bound(m, a);
		else if ((fname = tm_form_save(m, f, a, form, sizeof form)) != NULL)
			row = ta_bound(m, a);
		else
			continue;
		if (row == NULL && fname == NULL)
			continue;
		if (fname == NULL)
			tm_model(a, m1, sizeof m1);
		for (b = a; (b = model_walk(m, f, b, 0)); ) {
			char text[8192], desc[160], c1[128], c2[128];
			struct finding *fd;
			const char *named;

			if (b->kind != NODE_CALL || b->u.call == NULL || b->u.call->callee == NULL ||
			    !sem_call_is(m, b, "tc_manager_writes") || !tm_alone(m, f, b) ||
			    !ta_follows(m, f, a, b) || ta_exclusive(m, f, a, b))
				continue;
			if (fname == NULL && strcmp(m1, tm_model(b, m2, sizeof m2)) == 0)
				continue;
			span_copy(m, b->u.call->args_text, text, sizeof text);
			if (row != NULL && tm_names(text, row) && !ta_reassigned(m, f, row))
				named = row;
			else if (fname != NULL && tm_row_attr(m->lang, text, fname))
				named = fname;
			else
				continue;
			if (tm_atomic_requests(in, m->lang) || tm_saved_in_tx(in, m, f) ||
			    tm_called_in_tx(in, m, f))
				return 0;
			fd = auditor_emit(in, out, &tc_checks[TC_TRANSACTION_NARROW], SEV_HIGH, fi, a);
			if (fd == NULL)
				return 1;
			sem_func_desc(in, fi, f, desc, sizeof desc);
			sem_call_source(m, a, c1, sizeof c1);
			sem_call_source(m, b, c2, sizeof c2);
			finding_set_issue(fd, "In %s, `%s` commits the new row on its own (autocommit), "
					  "then `%s` (line %u) writes rows naming `%s` in another "
					  "commit, with no transaction around them: if the second "
					  "write fails, the first stays (a new row without the rows "
					  "that refer to it)",
					  desc, c1, c2, b->line, named);
			tc_set_recommendation(m, fd, "transaction_narrow.manager_autocommit", NULL);
			sem_add_line(fd, m, b->line);
			return 1; /* one finding per function */
		}
	}
	return 0;
}

void tc_narrow_autocommit(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *f;

	if (in->sum != NULL && !catalog_list_empty(catalog_get(m->lang, "tc_helper_writes_commit")))
		for (f = NULL; (f = model_walk(m, model_node(m, 0), f, 1)); )
			if (f->kind == NODE_FUNC && f->u.func != NULL && !ta_in_tx(m, f))
				ta_check_replace(in, fi, out, f);
	/* without autocommitting direct writes, only helpers that commit
	 * their own writes take part (ta_write) */
	if (catalog_list_empty(catalog_get(m->lang, "tc_autocommit_writes")) && in->sum == NULL)
		return;
	for (f = NULL; (f = model_walk(m, model_node(m, 0), f, 1)); )
		if (f->kind == NODE_FUNC && f->u.func != NULL && !ta_in_tx(m, f) &&
		    (catalog_list_empty(catalog_get(m->lang, "tc_manager_writes")) ||
		     !tm_check_func(in, fi, out, f)))
			ta_check_func(in, fi, out, f);
}
