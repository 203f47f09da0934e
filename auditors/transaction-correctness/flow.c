/* Statement flow for the ln-652 issue-3 checks: which statement runs
 * before which, what commits, which local holds which ORM model, which
 * table a statement writes and which calls leave the process.
 *
 * The checks reason about order inside one function ("written, then
 * committed, then written again"); they only need a conservative notion
 * of "b runs after a": same block, or nested in a later statement of it.
 * Anything else (if/else alternatives, separate loops) is left alone. */
#include "auditor.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "errpath.h"
#include "semantic.h"
#include "summary.h"
#include "receiver-types.h"
#include "tc.h"

int tc_self_call(const struct model *m, const char *callee)
{
	return catalog_match(catalog_get(m->lang, "tc_self_prefixes"), callee);
}

const char *tc_find_word(enum lang lang, const char *list, const char *text, size_t *len)
{
	const char *pat = catalog_match_pattern(catalog_get(lang, list), text);
	char lit[128];
	size_t n;

	/* "*x*" -> x */
	if (pat == NULL || (n = strlen(pat)) < 3 || pat[0] != '*' || pat[n - 1] != '*' ||
	    sem_pattern_literal(pat, lit, sizeof lit)[0] == '\0')
		return NULL;
	if (len != NULL)
		*len = strlen(lit);
	return strstr(text, lit);
}

int tc_span_matches(const struct model *m, struct span s, const char *list)
{
	char small[512], *buf = small;
	int hit;

	if (s.len >= sizeof small && (buf = malloc(s.len + 1)) == NULL)
		return 0;
	memcpy(buf, span_ptr(m, s), s.len);
	buf[s.len] = '\0';
	hit = catalog_match(catalog_get(m->lang, list), buf);
	if (buf != small)
		free(buf);
	return hit;
}

void tc_set_recommendation(const struct model *m, struct finding *f, const char *name,
			   const char *const *kv)
{
	static const char *const none[] = { NULL };
	char rec[2048];

	if (db_text(m, name, kv ? kv : none, rec, sizeof rec) != NULL)
		finding_set_recommendation(f, "%s", rec);
}

/* Statement n belongs to: climbs through calls and comprehensions. */
const struct node *tc_stmt(const struct model *m, const struct node *n)
{
	while (node_index(m, n) != 0) {
		const struct node *p = model_node(m, n->parent);

		if (n->flags & NF_HEADER)
			return p;
		if (n->kind != NODE_CALL &&
		    !(n->kind == NODE_LOOP && (n->flags & NF_COMPREHENSION)))
			return n;
		n = p;
	}
	return n;
}

/* b runs after a: below a's statement, inside the block holding it. */
int tc_before(const struct model *m, const struct node *a, const struct node *b)
{
	const struct node *sa = tc_stmt(m, a), *sb = tc_stmt(m, b);

	if (sa == sb || node_index(m, sa) == 0)
		return 0;
	return sb->line > sa->end_line && model_is_within(m, sb, model_node(m, sa->parent));
}

/* True when the project function def commits in its own scope. */
static int tf_def_commits(const struct model *dm, const struct node *def)
{
	const struct node *k;

	for (k = NULL; (k = model_walk(dm, def, k, 0)); )
		if (k->kind == NODE_CALL && sem_session_call(dm, k, "db_commit"))
			return 1;
	return 0;
}

/* Commit, directly or through a helper that is handed the session. */
/* Memo of tf_def_commits per definition (file, node), per run: common
 * helper names have many definitions, and walking all of them at every
 * call made the check quadratic. */
struct tf_memo {
	struct tf_memo_slot {
		uint64_t key;      /* (file << 32 | node) + 1; 0 = empty */
		int value;
	} *slots;
	size_t cap, n;
};

static void tf_memo_release(void *state)
{
	free(((struct tf_memo *)state)->slots);
}

static const struct audit_cache_def tf_memo_def = {
	.name = "does a definition commit", .size = sizeof(struct tf_memo),
	.release = tf_memo_release,
};

/* Spreads both halves of a memo key over the low bits. */
static size_t tf_mix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	return (size_t)k;
}

static int tf_def_commits_cached(const struct audit_input *in, uint32_t file,
				 const struct model *dm, uint32_t node)
{
	struct tf_memo *memo = audit_context_cache(in->audit, &tf_memo_def);
	uint64_t key = ((uint64_t)file << 32 | node) + 1;
	struct budget *saved;
	size_t h;

	if (memo->n * 2 >= memo->cap) {
		struct tf_memo_slot *old = memo->slots;
		size_t oldcap = memo->cap, k;

		memo->cap = oldcap ? oldcap * 2 : 256;
		memo->slots = xcalloc(memo->cap, sizeof *memo->slots);
		for (k = 0; k < oldcap; k++) {
			if (old[k].key == 0)
				continue;
			for (h = tf_mix(old[k].key) & (memo->cap - 1);
			     memo->slots[h].key; h = (h + 1) & (memo->cap - 1))
				;
			memo->slots[h] = old[k];
		}
		free(old);
	}
	for (h = tf_mix(key) & (memo->cap - 1); memo->slots[h].key;
	     h = (h + 1) & (memo->cap - 1))
		if (memo->slots[h].key == key)
			return memo->slots[h].value;
	memo->slots[h].key = key;
	/* shared by every file: computed whole, outside the asking file's budget */
	saved = budget_suspend();
	memo->slots[h].value = tf_def_commits(dm, model_node(dm, node));
	budget_resume(saved);
	memo->n++;
	return memo->slots[h].value;
}

int tc_is_commit(const struct audit_input *in, const struct model *m, const struct node *c)
{
	const struct call_info *ci = c->u.call;
	const struct func_ref *refs;
	int handed = 0;
	size_t n, i;
	uint32_t a;

	if (c->kind != NODE_CALL || ci == NULL || ci->callee == NULL || ci->name == NULL)
		return 0;
	if (sem_session_call(m, c, "db_commit"))
		return 1;
	if (strchr(ci->callee, '(') != NULL ||
	    (strcmp(ci->callee, ci->name) != 0 && !tc_self_call(m, ci->callee)))
		return 0;
	/* a helper that opens its own session (record_audit) commits that
	 * one, not ours: it counts only when it is given ours */
	handed = tc_self_call(m, ci->callee);
	for (a = 0; !handed && a < ci->n_args; a++) {
		char text[128];

		span_copy(m, ci->args[a].expr, text, sizeof text);
		handed = sem_is_session_name(m->lang, text);
	}
	if (!handed)
		return 0;
	refs = index_funcs_named(in->proj->index, ci->name, &n);
	for (i = 0; i < n; i++) {
		const struct model *dm = in->proj->files[refs[i].file].model;

		if (dm != NULL && tf_def_commits_cached(in, refs[i].file, dm, refs[i].node))
			return 1;
	}
	return 0;
}

/* A commit call or a transaction block in root's own scope. */
int tc_has_commit(const struct audit_input *in, const struct model *m, const struct node *root)
{
	const struct node *k;

	for (k = NULL; (k = model_walk(m, root, k, 0)); ) {
		if (k->kind == NODE_CALL && tc_is_commit(in, m, k))
			return 1;
		if (k->kind == NODE_WITH && tc_commit_block(m, k))
			return 1;
	}
	return 0;
}

/* A transaction block that commits at its end; `begin_nested()` only
 * releases a savepoint. */
int tc_commit_block(const struct model *m, const struct node *w)
{
	char hdr[256];

	return sem_is_tx_with(m, w) &&
	       !catalog_match(catalog_get(m->lang, "tc_savepoint_words"),
			      sem_header_text(m, w, hdr, sizeof hdr));
}

/* The first identifier of text naming an ORM model of the project. */
static const struct orm_model *tf_first_model(const struct audit_input *in, const char *text)
{
	const char *p = text;

	while (*p) {
		char word[128];
		const char *start;
		size_t n = 0;

		while (*p && !(isalpha((unsigned char)*p) || *p == '_'))
			p++;
		start = p;
		while ((isalnum((unsigned char)p[n]) || p[n] == '_') && n + 1 < sizeof word) {
			word[n] = p[n];
			n++;
		}
		word[n] = '\0';
		p += n;
		/* attribute names after a dot are not class references */
		if (n > 0 && (start == text || start[-1] != '.')) {
			const struct orm_model *om = index_model_named(in->proj->index, word);

			if (om != NULL)
				return om;
		}
		while (*p && (isalnum((unsigned char)*p) || *p == '_'))
			p++;
	}
	return NULL;
}

/* Model bound to local `name`: a parameter annotation or an assignment. */
const struct orm_model *tc_var_model(const struct audit_input *in, const struct model *m,
				     const struct node *f, const char *name)
{
	char text[512];
	const struct node *n;
	uint32_t i;

	if (f == NULL || name == NULL || name[0] == '\0')
		return NULL;
	for (i = 0; f->u.func != NULL && i < f->u.func->n_params; i++) {
		const struct param *p = &f->u.func->params[i];

		if (p->name != NULL && strcmp(p->name, name) == 0 && p->annotation.len > 0)
			return tf_first_model(in, span_copy(m, p->annotation, text, sizeof text));
	}
	for (n = NULL; (n = model_walk(m, f, n, 0)); ) {
		const struct orm_model *om;

		if (n->kind != NODE_ASSIGN || (n->flags & NF_TARGET_ATTR) || n->name == NULL ||
		    strcmp(n->name, name) != 0 || n->first_child == 0)
			continue;
		om = tf_first_model(in, span_copy(m, n->value, text, sizeof text));
		if (om != NULL)
			return om;
	}
	return NULL;
}

/* `name.attr` targets only: the object is a plain local. */
int tc_attr_target(const struct model *m, const struct node *n, char *obj, size_t osize,
		   char *attr, size_t asize)
{
	char text[256];
	char *dot, *p;
	size_t len;

	if ((n->kind != NODE_ASSIGN && n->kind != NODE_AUGASSIGN) || !(n->flags & NF_TARGET_ATTR))
		return 0;
	span_copy(m, n->text, text, sizeof text);
	len = strlen(text);
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		text[--len] = '\0';
	dot = strchr(text, '.');
	if (dot == NULL || dot == text || strchr(dot + 1, '.') != NULL || dot[1] == '\0')
		return 0;
	for (p = text; *p; p++)
		if (p != dot && !(isalnum((unsigned char)*p) || *p == '_'))
			return 0;
	*dot = '\0';
	snprintf(obj, osize, "%s", text);
	snprintf(attr, asize, "%s", dot + 1);
	return !catalog_match(catalog_get(m->lang, "tc_self_names"), obj);
}

/* The table after UPDATE / INSERT INTO / DELETE FROM in sql, lower case. */
static const char *tf_sql_table(enum lang lang, const char *sql, const char *verb, char *buf,
				size_t size)
{
	const char *p = strcasestr(sql, verb);
	size_t n = 0;

	if (p == NULL)
		return NULL;
	p += strlen(verb);
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		size_t lead = sem_prefix_len(lang, "tc_sql_table_leads", p, 1);

		if (lead == 0)
			break;
		p += lead;
	}
	while (p[n] && (isalnum((unsigned char)p[n]) || strchr("_.\"", p[n]) != NULL)) {
		if (p[n] == '.') {          /* schema-qualified: keep the table */
			p += n + 1;
			n = 0;
			continue;
		}
		n++;
	}
	while (n > 0 && *p == '"') {
		p++;
		n--;
	}
	if (n > 0 && p[n - 1] == '"')
		n--;
	if (n == 0 || n + 1 > size)
		return NULL;
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)p[i]);
	buf[n] = '\0';
	return buf;
}

/* Table written by a statement call, through update(Model) or SQL text. */
const char *tc_stmt_table(const struct audit_input *in, const struct model *m,
			  const struct node *c, char *buf, size_t size, enum db_op *op)
{
	static const char *const lists[3] = { "sql_update", "sql_insert", "sql_delete" };
	static const char *const verbs[3] = { "dbops_sql_update_verbs", "dbops_sql_insert_verbs",
					      "dbops_sql_delete_verbs" };
	static const enum db_op ops[3] = { DB_OP_UPDATE, DB_OP_INSERT, DB_OP_DELETE };
	char sql[1024], v[16];
	const struct node *k;
	int i;

	if (c->kind != NODE_CALL || (!sem_session_call(m, c, "db_execute") &&
				     !sem_session_call(m, c, "db_executemany")))
		return NULL;
	for (k = c->first_child ? model_node(m, c->first_child) : NULL; k != NULL && budget_step();
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
		for (i = 0; k->kind == NODE_CALL && i < 3; i++) {
			const struct orm_model *om;
			char head[256];

			if (!sem_call_is(m, k, lists[i]))
				continue;
			om = tf_first_model(in, sem_chain_head_args(m, k, head, sizeof head));
			if (om == NULL || om->table == NULL)
				return NULL;
			snprintf(buf, size, "%s", om->table);
			for (char *p = buf; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			if (op != NULL)
				*op = ops[i];
			return buf;
		}
	}
	if (sem_sql_arg(m, c, sql, sizeof sql) == NULL)
		return NULL;
	sem_sql_verb(sql, v, sizeof v);
	for (i = 0; i < 3; i++)
		if (catalog_match(catalog_get(m->lang, verbs[i]), v) &&
		    tf_sql_table(m->lang, sql, v, buf, size) != NULL) {
			if (op != NULL)
				*op = ops[i];
			return buf;
		}
	return NULL;
}

/* True when call c constructs a network client (AsyncClient(), Session()). */
static int tf_client_ctor(const struct model *m, const struct node *c)
{
	const char *name = c->u.call ? c->u.call->name : NULL;
	const char *pat;
	char callee[SEM_NAME_MAX];
	size_t n;

	/* a class under a library prefix (`httpx.*` -> httpx.AsyncClient);
	 * a capitalised name the catalog lists itself is a call (Go's
	 * exported `http.Post`, `client.Do`) */
	if (name == NULL || !isupper((unsigned char)name[0]))
		return 0;
	sem_callee(m, c, callee, sizeof callee);
	/* an SDK client the catalog names by its class, whose methods send
	 * synchronously (`SendGridAPIClient(key)`), or only in a mode a
	 * keyword sets (`Posthog(key, sync_mode=True)`) */
	if (catalog_match(catalog_get(m->lang, "network_client_ctors"), callee))
		return 1;
	for (uint32_t i = 0; c->u.call->args != NULL && i < c->u.call->n_args; i++) {
		const struct arg *a = &c->u.call->args[i];
		char val[64], cond[SEM_NAME_MAX + 96];

		if (a->name == NULL || a->name[0] == '*')
			continue;
		span_copy(m, a->expr, val, sizeof val);
		snprintf(cond, sizeof cond, "%s(%s=%s)", callee, a->name, val);
		if (catalog_match(catalog_get(m->lang, "network_client_ctors_when"), cond))
			return 1;
	}
	if (!sem_call_is(m, c, "network_clients"))
		return 0;
	pat = catalog_match_pattern(catalog_get(m->lang, "network_clients"), callee);
	return pat == NULL || ((n = strlen(pat)) >= 2 && strcmp(pat + n - 2, ".*") == 0);
}

/* Adds name to the client set unless full or already there. */
static void tf_clients_add(struct tc_clients *cl, const char *name)
{
	int i;

	if (name == NULL || cl->n >= TC_MAX_CLIENTS)
		return;
	for (i = 0; i < cl->n; i++)
		if (strcmp(cl->names[i], name) == 0)
			return;
	cl->names[cl->n++] = name;
}

/* Client names bound in scope: `c = httpx.AsyncClient()`, `as c`. */
void tc_collect_clients(const struct model *m, const struct node *scope, struct tc_clients *cl)
{
	const struct node *n, *k;

	/* a parameter annotated with a client class (`client: httpx.AsyncClient`) */
	for (uint32_t i = 0; scope->kind == NODE_FUNC && scope->u.func != NULL &&
	     i < scope->u.func->n_params; i++) {
		const struct param *pa = &scope->u.func->params[i];
		char ann[SEM_NAME_MAX], full[SEM_NAME_MAX];
		const char *last;

		if (pa->name == NULL || pa->annotation.len == 0)
			continue;
		span_copy(m, pa->annotation, ann, sizeof ann);
		model_resolve(m, ann, full, sizeof full);
		last = strrchr(full, '.');
		if (last != NULL && isupper((unsigned char)last[1]) &&
		    catalog_match(catalog_get(m->lang, "network_clients"), full))
			tf_clients_add(cl, pa->name);
	}
	for (n = NULL; (n = model_walk(m, scope, n, 0)); ) {
		int ctor = 0;
		uint32_t i;

		if (n->kind != NODE_ASSIGN && n->kind != NODE_WITH)
			continue;
		for (k = n->first_child ? model_node(m, n->first_child) : NULL;
		     k != NULL && budget_step();
		     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
			ctor |= k->kind == NODE_CALL && tf_client_ctor(m, k);
		if (!ctor)
			continue;
		if (n->kind == NODE_ASSIGN)
			tf_clients_add(cl, n->name);
		for (i = 0; n->kind == NODE_WITH && i < n->n_items; i++)
			tf_clients_add(cl, n->u.items[i].name);
	}
}

/* The client sets of the scopes asked about in a run (a function, or a
 * module's own scope), keyed by (model, node): the network questions of
 * the transaction checks ask about every call of a span, and collecting
 * a module's clients walked the whole module each time. */
struct tc_clients_memo {
	struct tc_clients_slot {
		const struct model *m;    /* NULL: free */
		uint32_t node;
		uint32_t first;           /* its names: names[first .. first+n) */
		uint32_t n;
	} *slots;
	size_t cap, n;
	/* every scope's names, one after another: most scopes bind no
	 * client, so a full struct tc_clients per slot was mostly empty */
	const char **names;
	size_t n_names, cap_names;
};

static void tc_clients_memo_release(void *state)
{
	struct tc_clients_memo *memo = state;

	free(memo->slots);
	free(memo->names);
}

static const struct audit_cache_def tc_clients_memo_def = {
	.name = "client names bound per scope", .size = sizeof(struct tc_clients_memo),
	.release = tc_clients_memo_release,
};

static size_t tc_clients_hash(const struct model *m, uint32_t node, size_t cap)
{
	uint64_t k = (uint64_t)(uintptr_t)m * 0x9E3779B97F4A7C15ull ^ (uint64_t)node * 0xff51afd7ed558ccdull;

	return (size_t)(k ^ (k >> 29)) & (cap - 1);
}

void tc_add_clients_of(const struct audit_input *in, const struct model *m,
		       const struct node *scope, struct tc_clients *cl)
{
	struct tc_clients_memo *memo;
	uint32_t node = node_index(m, scope);
	struct tc_clients_slot *slot;
	size_t h;

	if (in == NULL || in->audit == NULL) {
		tc_collect_clients(m, scope, cl);
		return;
	}
	memo = audit_context_cache(in->audit, &tc_clients_memo_def);
	if (memo->n * 2 >= memo->cap) {
		struct tc_clients_slot *old = memo->slots;
		size_t oldcap = memo->cap;

		memo->cap = oldcap ? oldcap * 2 : 256;
		memo->slots = xcalloc(memo->cap, sizeof *memo->slots);
		for (size_t k = 0; k < oldcap; k++) {
			if (old[k].m == NULL)
				continue;
			for (h = tc_clients_hash(old[k].m, old[k].node, memo->cap); memo->slots[h].m;
			     h = (h + 1) & (memo->cap - 1))
				;
			memo->slots[h] = old[k];
		}
		free(old);
	}
	for (h = tc_clients_hash(m, node, memo->cap); memo->slots[h].m != NULL;
	     h = (h + 1) & (memo->cap - 1))
		if (memo->slots[h].m == m && memo->slots[h].node == node)
			break;
	slot = &memo->slots[h];
	if (slot->m == NULL) {
		/* shared by every asker: collected whole, outside the asking
		 * check's budget (a set cut short would be remembered so) */
		struct budget *saved = budget_suspend();
		struct tc_clients got = { .n = 0 };

		tc_collect_clients(m, scope, &got);
		budget_resume(saved);
		if (got.n > 0) {
			XGROW(memo->names, memo->cap_names, memo->n_names + (size_t)got.n);
			memcpy(memo->names + memo->n_names, got.names,
			       (size_t)got.n * sizeof *got.names);
		}
		slot->m = m;
		slot->node = node;
		slot->first = (uint32_t)memo->n_names;
		slot->n = (uint32_t)got.n;
		memo->n_names += (size_t)got.n;
		memo->n++;
	}
	for (uint32_t i = 0; i < slot->n; i++)
		tf_clients_add(cl, memo->names[slot->first + i]);
}

/* A client library call, or a method on a bound client. */
static int tf_direct_network(const struct model *m, const struct node *c,
			     const struct tc_clients *cl)
{
	char callee[SEM_NAME_MAX];
	size_t root;
	int i;

	if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->callee == NULL)
		return 0;
	if (sem_call_is(m, c, "network_clients"))
		return !tf_client_ctor(m, c);
	sem_callee(m, c, callee, sizeof callee);
	root = strcspn(callee, ".(");
	if (callee[root] != '.')
		return 0;
	for (i = 0; i < cl->n; i++)
		if (strlen(cl->names[i]) == root && strncmp(callee, cl->names[i], root) == 0)
			return 1;
	return 0;
}

/* Receiver-typed calls (Go methods): `h.pub.Publish(...)` inside a method
 * whose receiver is h reaches what the struct field `pub` declares. */
enum { TF_MAX_IMPLS = 4 };

/* The directory part of path (length up to the last '/'). */
static size_t tf_dir_len(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? (size_t)(s - path) : 0;
}

/* The file index of model m, or SIZE_MAX. */

/* The declared type of field fld of struct cls (named), looked up in
 * file fi and the other files of its directory (a Go package); the
 * declaring model goes to *dm. NULL when not found or ambiguous. */
static const char *tf_field_type(const struct project *p, size_t fi, const char *cls,
				 const char *fld, char *buf, size_t size,
				 const struct model **dm)
{
	size_t dl = tf_dir_len(p->files[fi].path);
	const char *found = NULL;

	for (size_t i = 0; i < p->n_files; i++) {
		const struct model *m = p->files[i].model;
		const struct node *c, *f;

		if (m == NULL || m->lang != p->files[fi].model->lang ||
		    tf_dir_len(p->files[i].path) != dl ||
		    strncmp(p->files[i].path, p->files[fi].path, dl) != 0)
			continue;
		for (c = NULL; (c = model_walk(m, model_node(m, 0), c, 0)); ) {
			if (c->kind != NODE_CLASS || c->name == NULL || strcmp(c->name, cls) != 0)
				continue;
			for (f = NULL; (f = model_walk(m, c, f, 0)); )
				if (f->kind == NODE_ASSIGN && (f->flags & NF_GO_FIELD) &&
				    f->name != NULL && strcmp(f->name, fld) == 0) {
					if (found != NULL)
						return NULL;
					found = span_copy(m, f->text, buf, size);
					*dm = m;
				}
		}
	}
	return found;
}

/* For call c, `r.fld.M(...)` in a method whose receiver is r: the
 * declared type of fld (without `*`) into buf and M into *method. */
static const char *tf_recv_field_call(const struct project *p, size_t fi, const struct node *c,
				      char *buf, size_t size, const struct model **dm,
				      const char **method)
{
	const struct model *m = p->files[fi].model;
	const struct node *f = model_enclosing_func(m, c);
	const char *callee = c->u.call->callee, *r, *dot, *cls_end;
	char cls[96], fld[96];
	size_t rl;

	/* a closure sees its method's receiver */
	while (f != NULL && (f->flags & NF_LAMBDA))
		f = model_enclosing_func(m, f);
	if (f == NULL || !(f->flags & NF_GO_RECEIVER) || f->u.func == NULL ||
	    f->u.func->n_params == 0 || (r = f->u.func->params[0].name) == NULL ||
	    (rl = strlen(r)) == 0 || strncmp(callee, r, rl) != 0 || callee[rl] != '.')
		return NULL;
	dot = strchr(callee + rl + 1, '.');
	if (dot == NULL || strchr(dot + 1, '.') != NULL || strchr(callee, '(') != NULL ||
	    (size_t)(dot - (callee + rl + 1)) >= sizeof fld)
		return NULL;
	snprintf(fld, sizeof fld, "%.*s", (int)(dot - (callee + rl + 1)), callee + rl + 1);
	*method = dot + 1;
	cls_end = f->u.func->qualname ? strchr(f->u.func->qualname, '.') : NULL;
	if (cls_end == NULL || (size_t)(cls_end - f->u.func->qualname) >= sizeof cls)
		return NULL;
	snprintf(cls, sizeof cls, "%.*s", (int)(cls_end - f->u.func->qualname),
		 f->u.func->qualname);
	if (tf_field_type(p, fi, cls, fld, buf, size, dm) == NULL)
		return NULL;
	if (buf[0] == '*')
		memmove(buf, buf + 1, strlen(buf));
	return buf;
}

/* A call on a receiver field whose declared type belongs to a network
 * or message-broker library (`p.conn.Channel()` with `conn
 * *amqp.Connection`). */
static int tf_typed_external(const struct project *p, size_t fi, const struct node *c)
{
	const struct model *m = p->files[fi].model, *dm = NULL;
	const char *method;
	char type[128], full[SEM_NAME_MAX];

	if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->callee == NULL ||
	    tf_recv_field_call(p, fi, c, type, sizeof type, &dm, &method) == NULL ||
	    strchr(type, '.') == NULL)
		return 0;
	model_resolve(dm, type, full, sizeof full);
	return catalog_match(catalog_get(m->lang, "external_services"), full) ||
	       catalog_match(catalog_get(m->lang, "tc_network_client_types"), full);
}

/* The methods being evaluated (a wrapper delegating to the interface it
 * implements reaches itself): depth-bounded. */
enum { TF_MAX_DEPTH = 4 };
struct tf_stack {
	struct func_ref f[TF_MAX_DEPTH];
	int n;
};

static int tf_field_method_network(const struct audit_input *in, size_t fi,
				   const struct node *c, char *via, size_t vsize,
				   struct tf_stack *st);

/* The first network call in the body of def (file dfi): direct, on a
 * typed receiver field, or through a field's methods; its text into via. */
static int tf_def_network(const struct audit_input *in, size_t dfi, const struct node *def,
			  char *via, size_t vsize, struct tf_stack *st)
{
	const struct model *dm = in->proj->files[dfi].model;
	struct tc_clients dcl = { { NULL }, 0 };
	const struct node *k;

	tc_add_clients_of(in, dm, def, &dcl);
	tc_add_clients_of(in, dm, model_node(dm, 0), &dcl);
	for (k = NULL; (k = model_walk(dm, def, k, 1)) && budget_step(); )
		if (k->kind == NODE_CALL && k->u.call != NULL && k->u.call->callee != NULL) {
			if (tf_direct_network(dm, k, &dcl) || tf_typed_external(in->proj, dfi, k)) {
				sem_call_source(dm, k, via, vsize);
				return 1;
			}
			if (tf_field_method_network(in, dfi, k, via, vsize, st))
				return 1;
		}
	return 0;
}

/* `r.fld.M(...)` where fld's declared type is a project type: every
 * project method M of that type (a struct), or every project method
 * named M outside tests (an interface: its implementations), makes a
 * network call in its own body. Unknown stays silent. */
static int tf_field_method_network(const struct audit_input *in, size_t fi,
				   const struct node *c, char *via, size_t vsize,
				   struct tf_stack *st)
{
	const struct project *p = in->proj;
	const struct model *dm = NULL;
	const struct func_ref *refs;
	const char *method, *tname;
	char type[128];
	size_t n, hits = 0;

	if (tf_recv_field_call(p, fi, c, type, sizeof type, &dm, &method) == NULL)
		return 0;
	tname = strrchr(type, '.') ? strrchr(type, '.') + 1 : type;
	refs = index_funcs_named(p->index, method, &n);
	if (n == 0 || n > 2 * TF_MAX_IMPLS || st->n >= TF_MAX_DEPTH)
		return 0;
	/* pass 0: methods of the field's own type (a struct); pass 1, when
	 * there are none: every implementation (an interface) */
	for (int pass = 0; pass < 2 && hits == 0; pass++)
		for (size_t i = 0; i < n; i++) {
			const struct source_file *sf = &p->files[refs[i].file];
			const struct model *rm = sf->model;
			const struct node *def = rm ? model_node(rm, refs[i].node) : NULL;
			const char *q = def && def->u.func ? def->u.func->qualname : NULL;
			size_t tl = strlen(tname);

			if (def == NULL || !(def->flags & NF_GO_RECEIVER) || q == NULL ||
			    rm->lang != p->files[fi].model->lang || (sf->flags & FILE_TEST))
				continue;
			if ((strncmp(q, tname, tl) == 0 && q[tl] == '.') != (pass == 0))
				continue;
			/* a generated mock implements every interface: not a service */
			if (pass == 1 && catalog_match(catalog_get(rm->lang, "tc_mock_types"), q))
				continue;
			int on = 0, r;

			for (int j = 0; j < st->n; j++)
				on |= st->f[j].file == refs[i].file && st->f[j].node == refs[i].node;
			if (on)
				continue;  /* a cycle: neither evidence nor a refutation */
			st->f[st->n++] = refs[i];
			r = tf_def_network(in, refs[i].file, def, via, vsize, st);
			st->n--;
			if (!r)
				return 0;
			hits++;
		}
	return hits > 0 && hits <= TF_MAX_IMPLS;
}

/* Every client name bound at module level in the project, with its file,
 * sorted by name: built once per run (asking every module for each
 * imported call was quadratic in the files of a large tree). */
struct tc_module_client {
	const char *name;         /* in its model's arena */
	size_t file;
};

struct tc_module_clients {
	int built;
	struct tc_module_client *v;
	size_t n, cap;
};

static void tc_module_clients_release(void *state)
{
	free(((struct tc_module_clients *)state)->v);
}

static const struct audit_cache_def tc_module_clients_def = {
	.name = "client names bound at module level, project-wide",
	.size = sizeof(struct tc_module_clients), .release = tc_module_clients_release,
};

static int tc_module_client_cmp(const void *a, const void *b)
{
	const struct tc_module_client *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : (x->file > y->file) - (x->file < y->file);
}

static const struct tc_module_clients *tc_module_clients(const struct audit_input *in)
{
	struct tc_module_clients *mc = audit_context_cache(in->audit, &tc_module_clients_def);

	if (!mc->built) {
		struct budget *saved = budget_suspend();

		for (size_t fi = 0; fi < in->proj->n_files; fi++) {
			const struct model *dm = in->proj->files[fi].model;
			struct tc_clients dcl = { { NULL }, 0 };

			if (dm == NULL)
				continue;
			tc_collect_clients(dm, model_node(dm, 0), &dcl);
			for (int k = 0; k < dcl.n; k++) {
				XGROW(mc->v, mc->cap, mc->n + 1);
				mc->v[mc->n].name = dcl.names[k];
				mc->v[mc->n++].file = fi;
			}
		}
		if (mc->n > 1)
			xqsort(mc->v, mc->n, sizeof *mc->v, tc_module_client_cmp);
		mc->built = 1;
		budget_resume(saved);
	}
	return mc;
}

/* Network call: direct, on a bound client, or one project call deep. */
/* `meiliClient.index(...).search(...)` where meiliClient is imported by
 * name from a project module that binds it at module level to a client
 * (`export const meiliClient = new MeiliSearch(...)`): a network call. The
 * module is found by the imported name alone among the files of m's
 * language; two candidates or none stay silent. */
static int tf_imported_client(const struct audit_input *in, const struct model *m,
			      const struct node *c, char *via, size_t vsize)
{
	const char *callee = c->u.call->callee;
	size_t root = strcspn(callee, ".("), tl, hits = 0;
	char name[64];
	uint32_t i;

	if (callee[root] != '.' || root == 0 || root >= sizeof name)
		return 0;
	memcpy(name, callee, root);
	name[root] = '\0';
	for (i = 0; i < m->n_imports; i++) {
		const char *t = m->imports[i].target;

		if (strcmp(m->imports[i].local, name) == 0 && t != NULL &&
		    (tl = strlen(t)) > root && t[tl - root - 1] == '.' &&
		    strcmp(t + tl - root, name) == 0)
			break;
	}
	if (i == m->n_imports)
		return 0;
	{
		const struct tc_module_clients *mc = tc_module_clients(in);
		size_t lo = 0, hi = mc->n;

		/* the first entry of the name, then the files of m's language */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (strcmp(mc->v[mid].name, name) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < mc->n && hits < 2 && strcmp(mc->v[lo].name, name) == 0; lo++) {
			const struct model *dm = in->proj->files[mc->v[lo].file].model;

			if (dm == m || dm->lang != m->lang)
				continue;
			hits++;
			snprintf(via, vsize, "%s", name);
		}
	}
	if (hits != 1)
		via[0] = '\0';
	return hits == 1;
}

/* How many project functions deep a network call is looked for below
 * the call in the transaction: the helper it names, and two more below
 * (`find_mentions` -> `handle_remote_webfinger` -> `get_data`, which
 * calls the HTTP client). */
enum { TC_HELPER_DEPTH = 3 };

/* True when a call in def (own scope) reaches a network call through a
 * project function it names for sure (a bare name or a call on self with
 * one definition in the project), at most TC_HELPER_DEPTH functions
 * below the transaction; seen[0..level) are the functions on the way
 * (never entered twice). via receives the network call's source. */
static int tc_helper_network(const struct audit_input *in, const struct model *dm,
			     const struct node *def, int level, struct func_ref *seen, char *via,
			     size_t vsize)
{
	const struct node *k;

	if (level >= TC_HELPER_DEPTH)
		return 0;
	for (k = NULL; (k = model_walk(dm, def, k, 0)) && budget_step(); ) {
		struct tc_clients dcl = { { NULL }, 0 };
		const struct func_ref *refs;
		const struct model *em;
		const struct node *e;
		const char *callee, *name;
		size_t n;
		int dup = 0;

		struct func_ref qref;
		size_t dfi;

		if (k->kind != NODE_CALL || k->u.call == NULL || (name = k->u.call->name) == NULL ||
		    (callee = k->u.call->callee) == NULL || strchr(callee, '(') != NULL)
			continue;
		if (strcmp(callee, name) != 0 && !tc_self_call(dm, callee)) {
			/* a qualified call (`utils.DownloadImage(u)`, a function of
			 * an imported project package): followed only where the
			 * summaries resolve it to one project function */
			if (in->sum == NULL || (dfi = sem_file_of(in->proj, dm)) == SIZE_MAX ||
			    !summary_call_target(in->sum, dfi, k, &qref))
				continue;
			refs = &qref;
		} else {
			refs = index_funcs_named(in->proj->index, name, &n);
			if (n != 1)
				continue;
		}
		if ((em = in->proj->files[refs[0].file].model) == NULL)
			continue;
		for (int i = 0; i < level; i++)
			dup |= seen[i].file == refs[0].file && seen[i].node == refs[0].node;
		if (dup)
			continue;
		e = model_node(em, refs[0].node);
		tc_add_clients_of(in, em, e, &dcl);
		tc_add_clients_of(in, em, model_node(em, 0), &dcl);
		for (const struct node *x = NULL; (x = model_walk(em, e, x, 0)) && budget_step(); )
			if (tf_direct_network(em, x, &dcl)) {
				sem_call_source(em, x, via, vsize);
				return 1;
			}
		seen[level] = refs[0];
		if (tc_helper_network(in, em, e, level + 1, seen, via, vsize))
			return 1;
	}
	return 0;
}

int tc_network_call_in(const struct audit_input *in, const struct model *m, const struct node *c,
		       const struct tc_clients *cl, char *via, size_t vsize)
{
	struct tc_clients dcl = { { NULL }, 0 };
	const struct func_ref *refs;
	struct func_ref start;
	const struct model *dm;
	const struct node *def, *k;
	const char *callee, *name;
	size_t n, fi = SIZE_MAX;

	via[0] = '\0';
	if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->callee == NULL)
		return 0;
	if (tf_direct_network(m, c, cl))
		return 1;
	if (in != NULL && tf_imported_client(in, m, c, via, vsize))
		return 1;
	if (in != NULL && (fi = sem_file_of(in->proj, m)) != SIZE_MAX) {
		if (tf_typed_external(in->proj, fi, c))
			return 1;
		struct tf_stack st = { { { 0, 0 } }, 0 };

		if (tf_field_method_network(in, fi, c, via, vsize, &st))
			return 1;
		via[0] = '\0';
	}
	callee = c->u.call->callee;
	name = c->u.call->name;
	if (name == NULL || strchr(callee, '(') != NULL)
		return 0;
	if (strcmp(callee, name) != 0 && !tc_self_call(m, callee)) {
		struct func_ref ref;

		/* a method of a loaded value the summaries resolve to one
		 * project function (`webhook.sendWebhookPayload(p)` on
		 * `webhook := &Webhook{}`) */
		if (in == NULL || in->sum == NULL || fi == SIZE_MAX ||
		    !(summary_call_target(in->sum, fi, c, &ref) ||
		      receiver_go_local_method(in->proj, summary_classes(in->sum), fi, c, &ref) ||
		      receiver_local_method(in->proj, summary_classes(in->sum), fi, c, &ref)) ||
		    (dm = in->proj->files[ref.file].model) == NULL)
			return 0;
		def = model_node(dm, ref.node);
		start = ref;
	} else {
		refs = index_funcs_named(in->proj->index, name, &n);
		if (n != 1 || (dm = in->proj->files[refs[0].file].model) == NULL)
			return 0;
		def = model_node(dm, refs[0].node);
		start = refs[0];
	}
	tc_add_clients_of(in, dm, def, &dcl);
	tc_add_clients_of(in, dm, model_node(dm, 0), &dcl);
	for (k = NULL; (k = model_walk(dm, def, k, 0)); )
		if (tf_direct_network(dm, k, &dcl)) {
			sem_call_source(dm, k, via, vsize);
			return 1;
		}
	{
		struct func_ref seen[TC_HELPER_DEPTH + 1];

		seen[0] = start;
		return tc_helper_network(in, dm, def, 1, seen, via, vsize);
	}
}

int tc_network_call(const struct audit_input *in, const struct model *m, const struct node *f,
		    const struct node *c, char *via, size_t vsize)
{
	struct tc_clients cl = { { NULL }, 0 };

	via[0] = '\0';
	if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->callee == NULL)
		return 0;
	if (f != NULL)
		tc_add_clients_of(in, m, f, &cl);
	tc_add_clients_of(in, m, model_node(m, 0), &cl);
	return tc_network_call_in(in, m, c, &cl, via, vsize);
}

/* A sleep that waits: `asyncio.sleep(0)` only yields to the loop. */
int tc_sleep_call(const struct model *m, const struct node *c)
{
	char arg[32];

	if (c->kind != NODE_CALL || !sem_call_is(m, c, "sleep_calls"))
		return 0;
	if (c->u.call->n_args > 0) {
		span_copy(m, c->u.call->args[0].expr, arg, sizeof arg);
		if (strcmp(arg, "0") == 0 || strcmp(arg, "0.0") == 0)
			return 0;
	}
	return 1;
}

/* True when call k sits in an `if` block of f that returns after it, in
 * a language whose failures are values (errpath.h): an error path. */
int tc_error_path(const struct model *m, const struct node *f, const struct node *k)
{
	const struct node *b = model_node(m, k->parent), *x;

	if (!ep_errors_are_values(m))
		return 0;
	while (b != f && node_index(m, b) != 0 && b->kind != NODE_IF)
		b = model_node(m, b->parent);
	if (b->kind != NODE_IF)
		return 0;
	for (x = NULL; (x = model_walk(m, b, x, 0)); )
		if (x->kind == NODE_RETURN && x->line >= k->line)
			return 1;
	return 0;
}

/* True when project function d (of model dm) hands back a session it
 * began: it calls a begin (catalog tx_begin) on a plain name and returns
 * that name (`s := engine.NewSession(); s.Begin(); return s`). */
static int tf_returns_begun(const struct model *dm, const struct node *d)
{
	char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX] = "", ret[SEM_NAME_MAX];
	const struct node *x;

	if (d == NULL || d->kind != NODE_FUNC)
		return 0;
	for (x = NULL; recv[0] == '\0' && (x = model_walk(dm, d, x, 0)) && budget_step(); )
		if (x->kind == NODE_CALL && x->u.call != NULL && sem_call_is(dm, x, "tx_begin") &&
		    model_enclosing_func(dm, x) == d)
			sem_receiver_name(sem_callee(dm, x, callee, sizeof callee), recv, sizeof recv);
	if (recv[0] == '\0' || strchr(recv, '.') != NULL || strchr(recv, '(') != NULL)
		return 0;
	for (x = NULL; (x = model_walk(dm, d, x, 0)) && budget_step(); )
		if (x->kind == NODE_RETURN && model_enclosing_func(dm, x) == d &&
		    strcmp(span_copy(dm, x->value, ret, sizeof ret), recv) == 0)
			return 1;
	return 0;
}

/* tf_returns_begun is asked again at every call of the same factory in
 * the project (each function of each file, by transaction_wide and
 * long_held_transaction): a small per-thread memo keyed by the callee,
 * valid for one run (tc_begun_reset() from prepare bumps the generation,
 * so no answer outlives the models it was read from). */
static _Atomic unsigned tc_begun_generation = 1;

static _Thread_local struct {
	const struct model *m;
	uint32_t node;
	unsigned generation;
	int answer;
} tc_begun_memo[256];

void tc_begun_reset(void)
{
	tc_begun_generation++;
}

static int tf_returns_begun_memo(const struct model *dm, uint32_t node)
{
	unsigned gen = tc_begun_generation;
	size_t h = (((uintptr_t)dm >> 4) ^ (node * 2654435761u)) & 255;

	if (tc_begun_memo[h].m != dm || tc_begun_memo[h].node != node ||
	    tc_begun_memo[h].generation != gen) {
		tc_begun_memo[h].m = dm;
		tc_begun_memo[h].node = node;
		tc_begun_memo[h].generation = gen;
		tc_begun_memo[h].answer = tf_returns_begun(dm, model_node(dm, node));
	}
	return tc_begun_memo[h].answer;
}

const char *tc_begun_name(const struct audit_input *in, size_t fi, const struct model *m,
			  const struct node *k, char *buf, size_t size)
{
	const struct node *a = k->parent ? model_node(m, k->parent) : NULL;
	const struct model *dm;
	struct func_ref ref;
	size_t n = 0;

	if (k->kind != NODE_CALL || k->u.call == NULL || a == NULL || a->kind != NODE_ASSIGN ||
	    a->text.len == 0 || size == 0)
		return NULL;
	while (n < a->text.len && n + 1 < size && span_ptr(m, a->text)[n] != ',' &&
	       span_ptr(m, a->text)[n] != ' ' && span_ptr(m, a->text)[n] != '=' &&
	       span_ptr(m, a->text)[n] != ':')
		n++;
	memcpy(buf, span_ptr(m, a->text), n);
	buf[n] = '\0';
	if (n == 0)
		return NULL;
	if (sem_session_call(m, k, "tx_begin"))
		return sem_is_session_name(m->lang, buf) ? buf : NULL;
	/* a project factory of begun sessions (`s := db.NewSession()`) */
	if (in != NULL && in->sum != NULL && summary_call_target(in->sum, fi, k, &ref) &&
	    (dm = in->proj->files[ref.file].model) != NULL &&
	    tf_returns_begun_memo(dm, ref.node))
		return buf;
	return NULL;
}

/* True when call x is `name.<method>` with method in catalog list. */
static int tf_on_name(const struct model *m, const struct node *x, const char *name,
		      const char *list)
{
	char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX];

	return x->kind == NODE_CALL && x->u.call != NULL && sem_call_is(m, x, list) &&
	       strcmp(sem_receiver_name(sem_callee(m, x, callee, sizeof callee), recv,
					sizeof recv), name) == 0;
}

int tc_begun_end(const struct model *m, const struct node *f, const struct node *k,
		 const char *name, const struct node **end, uint32_t *end_line)
{
	int deferred = 0;

	*end = NULL;
	*end_line = 0;
	for (const struct node *x = NULL; (x = model_walk(m, f, x, 0)) && budget_step(); ) {
		if (x->kind != NODE_CALL || x->u.call == NULL || x == k)
			continue;
		if (model_ancestor(m, x, NODE_DEFER) != NULL) {
			if (tf_on_name(m, x, name, "db_close") || tf_on_name(m, x, name, "db_rollback"))
				deferred = 1;
			continue;
		}
		if (x->line <= k->line || *end != NULL)
			continue;
		if (tf_on_name(m, x, name, "db_commit") ||
		    (tf_on_name(m, x, name, "db_rollback") && !tc_error_path(m, f, x))) {
			*end = x;
			*end_line = x->line;
		}
	}
	if (*end != NULL)
		return 1;
	if (!deferred)
		return 0;
	*end_line = f->end_line;
	return 1;
}

int tc_begun_write(const struct audit_input *in, size_t fi, const struct model *m,
		   const struct node *k, const char *name, const struct node *x)
{
	const struct model *dm;
	const struct node *d;
	struct func_ref ref;
	struct db_op_info oi;
	char type[128];
	size_t n = strlen(name);

	if (x->kind != NODE_CALL || x->u.call == NULL || x->u.call->callee == NULL)
		return 0;
	/* a helper that writes (`hardDeleteTask(s, t)`, `t.Create(s, u)`) */
	if (in->sum != NULL && (summary_call_facts(in->sum, fi, x) & SUM_ROW_WRITES))
		return 1;
	/* a chain on the handle typed by the factory's declared result
	 * (`s.Where(...).Delete(&T{})` on `func NewSession() *xorm.Session`) */
	if (strncmp(x->u.call->callee, name, n) != 0 || x->u.call->callee[n] != '.' ||
	    in->sum == NULL || !summary_call_target(in->sum, fi, k, &ref) ||
	    (dm = in->proj->files[ref.file].model) == NULL ||
	    (d = model_node(dm, ref.node))->kind != NODE_FUNC || d->u.func == NULL ||
	    d->u.func->returns.len == 0)
		return 0;
	span_copy(dm, d->u.func->returns, type, sizeof type);
	memset(&oi, 0, sizeof oi);
	return db_op_writes(db_declared_type_op(m, x, type, &oi)) || oi.op == DB_OP_BULK;
}
