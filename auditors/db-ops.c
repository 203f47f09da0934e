/* Language-neutral database operations from the catalog; see db-ops.h. */
#include "db-ops.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "auditor.h"
#include "catalog.h"
#include "context.h"
#include "util/strbuf.h"
#include "errpath.h"
#include "semantic.h"

int db_op_writes(enum db_op op)
{
	return op == DB_OP_INSERT || op == DB_OP_UPDATE || op == DB_OP_DELETE ||
	       op == DB_OP_UPSERT;
}

/* The segment before the method of a dotted name, the model of an ORM
 * accessor: "prisma.user.findUnique" -> "user", "User.findByPk" -> "User". */
static void db_target_of(const char *callee, char *buf, size_t size)
{
	const char *paren = strchr(callee, '(');
	size_t n = paren ? (size_t)(paren - callee) : strlen(callee);
	size_t end = n, start;

	buf[0] = '\0';
	while (end > 0 && callee[end - 1] != '.')
		end--;
	if (end == 0)
		return;
	end--;
	start = end;
	while (start > 0 && callee[start - 1] != '.')
		start--;
	snprintf(buf, size, "%.*s", (int)(end - start), callee + start);
}

/* True when SQL verb (sem_sql_verb) is one of the catalog's word list. */
static int db_verb_is(enum lang lang, const char *list, const char *verb)
{
	return catalog_match(catalog_get(lang, list), verb);
}

/* The table a statement names: after FROM, INTO, UPDATE or DELETE FROM
 * (the keywords are the catalog's: the verb itself, or the texts
 * dbops.sql_insert_table_keyword / dbops.sql_table_keyword). */
static void db_sql_table(enum lang lang, const char *sql, const char *verb, char *buf,
			 size_t size)
{
	const char *kw = db_verb_is(lang, "dbops_sql_update_verbs", verb) ? verb :
			 db_verb_is(lang, "dbops_sql_insert_verbs", verb) ?
			 catalog_text(lang, "dbops.sql_insert_table_keyword") :
			 catalog_text(lang, "dbops.sql_table_keyword");
	const char *p = kw != NULL ? strcasestr(sql, kw) : NULL;
	size_t n = 0;

	buf[0] = '\0';
	if (p == NULL)
		return;
	p += strlen(kw);
	while (*p == ' ' || *p == '\t' || *p == '"' || *p == '`')
		p++;
	while (p[n] && (isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '.' ||
			(p[n] == '"' && n > 0)) && n + 1 < size)
		n++;
	/* "order".line_items: the quotes around a schema or table go */
	for (size_t i = 0, j = 0; i <= n && j < size; i++)
		if (i == n)
			buf[j] = '\0';
		else if (p[i] != '"')
			buf[j++] = p[i];
}

static const struct {
	const char *list;
	enum db_op op;
} db_orm_lists[] = {
	{ "orm_bulk_calls", DB_OP_BULK },
	{ "orm_upsert_calls", DB_OP_UPSERT },
	{ "orm_read_one_calls", DB_OP_READ_ONE },
	{ "orm_read_calls", DB_OP_READ },
	{ "orm_insert_calls", DB_OP_INSERT },
	{ "orm_update_calls", DB_OP_UPDATE },
	{ "orm_delete_calls", DB_OP_DELETE },
};

/* The SQL of a module-level constant named by argument text s, n:
 * `q.db.ExecContext(ctx, updateItemLine, ...)` with `const updateItemLine =
 * "..."` in the same file (sqlc writes every query so). sqlc's header
 * comment `-- name: UpdateItemLine :exec` is dropped. NULL: not one. */
static const char *db_named_sql(const struct model *m, const char *s, size_t n, char *buf,
				size_t size)
{
	const char *p;

	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return NULL;
	if (n == 0 || isdigit((unsigned char)s[0]))
		return NULL;
	for (uint32_t i = 0; i < m->n_nodes && budget_step(); i++) {
		const struct node *a = &m->nodes[i];

		if (a->kind != NODE_ASSIGN || a->name == NULL || strlen(a->name) != n ||
		    strncmp(a->name, s, n) != 0 || a->value.len == 0 ||
		    model_enclosing_func(m, a) != NULL)
			continue;
		if (sem_sql_literal(span_ptr(m, a->value), a->value.len, buf, size) == NULL)
			return NULL;
		/* "-- name: X :one INSERT ..." (newlines are spaces by now) */
		if (strncmp(buf, "-- name: ", 9) == 0 && (p = strstr(buf + 9, " :")) != NULL &&
		    (p = strchr(p + 2, ' ')) != NULL)
			memmove(buf, p + 1, strlen(p + 1) + 1);
		return buf;
	}
	return NULL;
}

const char *db_const_sql(const struct model *m, const char *s, size_t n, char *buf, size_t size)
{
	return db_named_sql(m, s, n, buf, size);
}

/* The SQL literal among the first three positional arguments of c: it
 * follows a context or a destination in Go (`GetContext(ctx, &u, "...")`),
 * or a constant of the file holding it. */
static const char *db_sql_any_arg(const struct model *m, const struct node *c, char *buf,
				  size_t size)
{
	const struct call_info *ci = c->u.call;
	uint32_t i;

	for (i = 0; i < ci->n_args && i < 3; i++)
		if (ci->args[i].name == NULL &&
		    sem_sql_literal(span_ptr(m, ci->args[i].expr), ci->args[i].expr.len, buf,
				    size) != NULL)
			return buf;
	if (sem_sql_arg(m, c, buf, size) != NULL)
		return buf;
	for (i = 0; i < ci->n_args && i < 3; i++)
		if (ci->args[i].name == NULL &&
		    db_named_sql(m, span_ptr(m, ci->args[i].expr), ci->args[i].expr.len, buf,
				 size) != NULL)
			return buf;
	return NULL;
}

/* The SQL a statement is prepared from when it is a local variable of
 * the function around call c: the literal of the variable's last plain
 * assignment before c (`del := "DELETE FROM note"`, then `del += " WHERE
 * id = ?"` and `tx.Preparex(del)`); an appended clause keeps the verb
 * and the table. NULL when the argument is no plain name or the name is
 * not bound to a literal there. */
/* The SQL of a tagged template `Prisma.sql\`SELECT ...\`` (its tag one of
 * the language's sql_template_tags): the template's text, or NULL. */
static const char *db_tagged_sql(const struct model *m, const char *s, size_t n, char *buf,
				 size_t size)
{
	char tag[SEM_NAME_MAX];
	size_t t = 0;

	while (t < n && t + 1 < sizeof tag && s[t] != '`' && !isspace((unsigned char)s[t]))
		t++;
	if (t == 0 || t >= n || s[t] != '`')
		return NULL;
	memcpy(tag, s, t);
	tag[t] = '\0';
	if (!catalog_match(catalog_get(m->lang, "sql_template_tags"), tag))
		return NULL;
	return sem_sql_literal(s + t, n - t, buf, size);
}

static const char *db_local_sql_as(const struct model *m, const struct node *c, char *buf,
				   size_t size, int tagged);

static const char *db_local_sql(const struct model *m, const struct node *c, char *buf,
				size_t size)
{
	return db_local_sql_as(m, c, buf, size, 0);
}

/* tagged: only a variable bound to a tagged SQL template counts (a raw
 * query method handed `query` built with `Prisma.sql`). */
static const char *db_local_sql_as(const struct model *m, const struct node *c, char *buf,
				   size_t size, int tagged)
{
	const struct call_info *ci = c->u.call;
	const struct node *fn = model_enclosing_func(m, c), *a;
	char name[SEM_NAME_MAX];

	for (uint32_t i = 0; fn != NULL && i < ci->n_args && i < 2; i++) {
		const char *s = span_ptr(m, ci->args[i].expr);
		size_t n = ci->args[i].expr.len;

		if (ci->args[i].name != NULL || n == 0 || n >= sizeof name ||
		    !(isalpha((unsigned char)s[0]) || s[0] == '_'))
			continue;
		for (size_t j = 0; j < n; j++)
			if (!isalnum((unsigned char)s[j]) && s[j] != '_')
				return NULL;
		memcpy(name, s, n);
		name[n] = '\0';
		if ((a = sem_assignment(m, fn, name, c->line)) == NULL || a->value.len == 0)
			continue;
		if (tagged ? db_tagged_sql(m, span_ptr(m, a->value), a->value.len, buf, size) != NULL :
			     sem_sql_literal(span_ptr(m, a->value), a->value.len, buf, size) != NULL)
			return buf;
	}
	return NULL;
}

/* True when the receiver of c is a plain name (`t` in `t.Exec(...)`) that a
 * transaction begin of c's function bound before c (`t, err :=
 * db.Begin()`): a transaction whatever its name. Only where failures are
 * values, where the begin hands the handle back as a value. */
static int db_begun_here(const struct model *m, const struct node *c, const char *head,
			 const char *recv)
{
	const struct node *fn, *begin;
	size_t rn = strlen(recv);

	if (!ep_errors_are_values(m) || rn == 0 || strncmp(head, recv, rn) != 0 ||
	    head[rn] != '.' || strchr(head + rn + 1, '.') != NULL ||
	    (fn = model_enclosing_func(m, c)) == NULL)
		return 0;
	return ep_acquired_by(m, fn, "tx_begin", recv, c->line, &begin) != NULL;
}

/* The statement start of a query builder chain in text [s, s+n): the
 * first `Verb(` whose Verb is one of the catalog's sql_builder_verbs, at
 * the start or after a dot (`Builder.Select("id")`, `sq.Delete("t")`).
 * Copies the verb into verb and returns the text after its parenthesis. */
static const char *db_builder_verb(enum lang lang, const char *s, size_t n, char *verb,
				   size_t vsize)
{
	for (size_t i = 0; i < n; i++) {
		size_t j = i;

		if ((i > 0 && s[i - 1] != '.') || !isupper((unsigned char)s[i]))
			continue;
		while (j < n && isalnum((unsigned char)s[j]))
			j++;
		if (j >= n || s[j] != '(' || j - i >= vsize)
			continue;
		snprintf(verb, vsize, "%.*s", (int)(j - i), s + i);
		if (catalog_match(catalog_get(lang, "sql_builder_verbs"), verb))
			return s + j + 1;
	}
	verb[0] = '\0';
	return NULL;
}

/* The first argument of a builder method whose text starts at p (just
 * after its parenthesis), up to end: a literal's contents, or the
 * expression (`postgres.EventsTable`). */
static void db_builder_arg(const char *p, const char *end, char *buf, size_t size)
{
	size_t k = 0;

	buf[0] = '\0';
	while (p < end && (*p == ' ' || *p == '"' || *p == '`'))
		p++;
	while (p + k < end && (isalnum((unsigned char)p[k]) || p[k] == '_' || p[k] == '.' ||
			       p[k] == ' ' || p[k] == ',') && k + 1 < size)
		k++;
	while (k > 0 && p[k - 1] == ' ')
		k--;
	snprintf(buf, size, "%.*s", (int)k, p);
}

/* The SQL a query builder renders into the local name before call c:
 * `q, args, err := b.ToSql()` (the render method one of the catalog's
 * sql_builder_renders), b a chain starting a statement (db_builder_verb)
 * or a local bound to one before (`b := store.Builder.Delete("events")`,
 * then `b = b.Where(...)`). The text is the catalog's template
 * "sql_builder.<VERB>" with the table (`From(...)`, or the verb's own
 * argument) and the selected columns; a `Limit(1)` reads one row. NULL
 * when the name holds anything else (a builder returned by a helper). */
static const char *db_built_sql(const struct model *m, const struct node *c, const char *name,
				char *buf, size_t size)
{
	const struct node *fn = model_enclosing_func(m, c), *a = NULL, *b = NULL;
	char verb[32], key[64], recv[SEM_NAME_MAX], table[128] = "", cols[128] = "", up[32];
	const char *v, *tpl, *p, *from, *render;
	size_t vn, nn = strlen(name), rn;

	if (fn == NULL || nn == 0 ||
	    catalog_list_empty(catalog_get(m->lang, "sql_builder_renders")))
		return NULL;
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)) && budget_step(); ) {
		if (x->line >= c->line)
			break;
		if (x->kind == NODE_ASSIGN && x->name != NULL && !(x->flags & NF_TARGET_ATTR) &&
		    strncmp(x->name, name, nn) == 0 &&
		    (x->name[nn] == '\0' || x->name[nn] == ',' || x->name[nn] == ' '))
			a = x;
	}
	if (a == NULL || a->value.len == 0)
		return NULL;
	v = span_ptr(m, a->value);
	vn = a->value.len;
	while (vn > 0 && isspace((unsigned char)v[vn - 1]))
		vn--;
	/* ends in `.Render()` */
	if (vn < 3 || v[vn - 1] != ')' || v[vn - 2] != '(')
		return NULL;
	for (p = v + vn - 2; p > v && p[-1] != '.'; p--)
		if (!isalnum((unsigned char)p[-1]) && p[-1] != '_')
			return NULL;
	if (p == v || (size_t)(v + vn - 2 - p) >= sizeof key)
		return NULL;
	snprintf(key, sizeof key, "%.*s", (int)(v + vn - 2 - p), p);
	if (!catalog_match(catalog_get(m->lang, "sql_builder_renders"), key))
		return NULL;
	render = p - 1;
	/* the chain itself, or a plain local bound to one */
	if (db_builder_verb(m->lang, v, (size_t)(render - v), verb, sizeof verb) != NULL) {
		from = v;
		rn = (size_t)(render - v);
	} else {
		rn = (size_t)(render - v);
		while (rn > 0 && isspace((unsigned char)v[rn - 1]))
			rn--;
		if (rn == 0 || rn >= sizeof recv)
			return NULL;
		for (size_t i = 0; i < rn; i++)
			if (!isalnum((unsigned char)v[i]) && v[i] != '_')
				return NULL;
		snprintf(recv, sizeof recv, "%.*s", (int)rn, v);
		for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)) && budget_step(); ) {
			if (x->line > a->line)
				break;
			if (x->kind == NODE_ASSIGN && x->name != NULL && strcmp(x->name, recv) == 0 &&
			    x->value.len > 0 && x != a) {
				char w[32];

				/* a later `b = b.Where(...)` keeps the statement;
				 * anything else starts over */
				if (db_builder_verb(m->lang, span_ptr(m, x->value), x->value.len, w,
						    sizeof w) != NULL)
					b = x;
				else if (strncmp(span_ptr(m, x->value), recv, strlen(recv)) != 0 ||
					 span_ptr(m, x->value)[strlen(recv)] != '.')
					b = NULL;
			}
		}
		if (b == NULL)
			return NULL;
		from = span_ptr(m, b->value);
		rn = b->value.len;
		db_builder_verb(m->lang, from, rn, verb, sizeof verb);
	}
	p = db_builder_verb(m->lang, from, rn, verb, sizeof verb);
	for (size_t i = 0; verb[i] && i + 1 < sizeof up; i++) {
		up[i] = (char)toupper((unsigned char)verb[i]);
		up[i + 1] = '\0';
	}
	snprintf(key, sizeof key, "sql_builder.%s", up);
	if ((tpl = catalog_text(m->lang, key)) == NULL)
		return NULL;
	/* SELECT names its columns and takes the table from `From(...)`;
	 * the other verbs name the table */
	if (strstr(tpl, "{cols}") != NULL) {
		const char *f = catalog_text(m->lang, "sql_builder.from_method");
		const char *q = f ? memmem(from, rn, f, strlen(f)) : NULL;

		db_builder_arg(p, from + rn, cols, sizeof cols);
		if (q != NULL)
			db_builder_arg(q + strlen(f), from + rn, table, sizeof table);
	} else {
		db_builder_arg(p, from + rn, table, sizeof table);
	}
	/* the template with {table} and {cols} filled in */
	{
		size_t j = 0;

		for (const char *t = tpl; *t && j + 1 < size; ) {
			const char *ins = strncmp(t, "{table}", 7) == 0 ? table :
					  strncmp(t, "{cols}", 6) == 0 ? cols : NULL;

			if (ins != NULL) {
				t += ins == table ? 7 : 6;
				for (; *ins && j + 1 < size; )
					buf[j++] = *ins++;
			} else {
				buf[j++] = *t++;
			}
		}
		buf[j] = '\0';
	}
	{
		const char *one = catalog_text(m->lang, "sql_builder.limit_one");
		const char *lim = catalog_text(m->lang, "sql_builder.limit_one_sql");
		size_t j = strlen(buf);

		if (one != NULL && lim != NULL &&
		    (memmem(v, vn, one, strlen(one)) != NULL ||
		     (b != NULL && memmem(from, rn, one, strlen(one)) != NULL)) &&
		    j + strlen(lim) + 1 < size)
			snprintf(buf + j, size - j, " %s", lim);
	}
	return buf;
}

/* db_built_sql for the plain names among the first three arguments of a
 * call, given as the argument text args ("ctx, q, args..."). */
static const char *db_built_sql_args(const struct model *m, const struct node *c,
				     const char *args, char *buf, size_t size)
{
	char name[SEM_NAME_MAX];

	for (int i = 0; i < 3 && *args; i++) {
		size_t k = 0;

		while (*args == ' ')
			args++;
		while (k + 1 < sizeof name && (isalnum((unsigned char)args[k]) || args[k] == '_'))
			k++;
		snprintf(name, sizeof name, "%.*s", (int)k, args);
		args += k;
		while (*args == ' ')
			args++;
		if (k > 0 && (*args == ',' || *args == '\0' || strncmp(args, "...", 3) == 0) &&
		    !isdigit((unsigned char)name[0]) && db_built_sql(m, c, name, buf, size) != NULL)
			return buf;
		args = strchr(args, ',');
		if (args == NULL)
			break;
		args++;
	}
	return NULL;
}

/* SQL handed to a driver method: `recv.method("SQL", ...)`, or the head
 * of a chain `recv.QueryRow("SQL", ...).Scan(...)`. */
static enum db_op db_sql_text_op(const struct model *m, const char *recv, const char *method,
				 const char *sql, struct db_op_info *info);

static enum db_op db_sql_op(const struct model *m, const struct node *c, const char *callee,
			    struct db_op_info *info)
{
	char head[SEM_NAME_MAX], recv[SEM_NAME_MAX], sql[512];
	const char *paren = strchr(callee, '('), *method;
	size_t hn = paren ? (size_t)(paren - callee) : strlen(callee);
	int chain = paren != NULL;

	if (hn >= sizeof head)
		return DB_OP_NONE;
	memcpy(head, callee, hn);
	head[hn] = '\0';
	method = strrchr(head, '.');
	method = method ? method + 1 : head;
	if (!catalog_match(catalog_get(m->lang, "sql_methods"), method))
		return DB_OP_NONE;
	sem_receiver_name(head, recv, sizeof recv);
	if (!sem_is_session_name(m->lang, recv) && !db_begun_here(m, c, head, recv))
		return DB_OP_NONE;
	if (chain) {
		char args[600];
		const char *q;

		/* the SQL may follow a context or a destination:
		 * QueryRowContext(ctx, "SELECT ...", id) */
		sem_chain_head_args(m, c, args, sizeof args);
		if (((q = strpbrk(args, "\"'`")) == NULL ||
		     sem_sql_literal(q, strlen(q), sql, sizeof sql) == NULL) &&
		    db_built_sql_args(m, c, args, sql, sizeof sql) == NULL)
			return DB_OP_NONE;
	} else if (db_sql_any_arg(m, c, sql, sizeof sql) == NULL &&
		   db_local_sql_as(m, c, sql, sizeof sql, 1) == NULL) {
		char args[600];

		span_copy(m, c->u.call->args_text, args, sizeof args);
		if (db_built_sql_args(m, c, args, sql, sizeof sql) == NULL)
			return DB_OP_NONE;
	}
	return db_sql_text_op(m, recv, method, sql, info);
}

/* The operation SQL text sql does when sent by method on session recv. */
static enum db_op db_sql_text_op(const struct model *m, const char *recv, const char *method,
				 const char *sql, struct db_op_info *info)
{
	char verb[16];

	sem_sql_verb(sql, verb, sizeof verb);
	info->sql = 1;
	snprintf(info->what, sizeof info->what, "%.60s.%.60s", recv, method);
	if (db_verb_is(m->lang, "dbops_sql_read_verbs", verb)) {
		db_sql_table(m->lang, sql, verb, info->target, sizeof info->target);
		return catalog_match(catalog_get(m->lang, "sql_one_methods"), method) ||
		       strcasestr(sql, "limit 1") != NULL ? DB_OP_READ_ONE : DB_OP_READ;
	}
	db_sql_table(m->lang, sql, verb, info->target, sizeof info->target);
	if (db_verb_is(m->lang, "dbops_sql_insert_verbs", verb))
		return strcasestr(sql, "on conflict") != NULL ||
		       strcasestr(sql, "on duplicate key") != NULL ? DB_OP_UPSERT : DB_OP_INSERT;
	if (db_verb_is(m->lang, "dbops_sql_update_verbs", verb))
		return DB_OP_UPDATE;
	if (db_verb_is(m->lang, "dbops_sql_delete_verbs", verb))
		return DB_OP_DELETE;
	return DB_OP_NONE;
}

/* The type a local gets from a factory call the catalog lists
 * ("typed_factories", with the type in the text "typed_factories.<pattern>"):
 * `const posts = dataSource.getRepository(Post)` gives "Repository<Post>"
 * into buf, for the nearest assignment of name before call c in c's
 * function, the functions around it, or the module; else NULL. */
static const char *db_local_factory_type(const struct model *m, const struct node *c,
					 const char *name, char *buf, size_t size)
{
	const struct catalog_list *fac = catalog_get(m->lang, "typed_factories");
	const struct node *f = c, *best = NULL;

	if (catalog_list_empty(fac))
		return NULL;
	do {
		const struct node *root, *k;

		f = model_enclosing_func(m, f);
		root = f ? f : &m->nodes[0];
		/* this walk runs for every call on a receiver: the cheap
		 * tests first, the name's first byte before strcmp */
		for (k = NULL; (k = model_walk(m, root, k, 0)) != NULL; )
			if (k->kind == NODE_ASSIGN && k->name != NULL && k->line <= c->line &&
			    k->value.len > 0 && (best == NULL || k->line > best->line) &&
			    k->name[0] == name[0] && strcmp(k->name, name) == 0)
				best = k;
	} while (best == NULL && f != NULL);
	if (best != NULL) {
		const char *v = m->src + best->value.off, *e = v + best->value.len, *w, *pat, *type;
		char call[128], key[160];

		for (; v < e && (*v == ' ' || *v == '\t'); v++)
			;
		/* an awaited factory: `await ...` */
		{
			const char *aw = sem_text_or_empty(m, "sem.await_prefix");
			size_t an = strlen(aw);

			if (an > 0 && (size_t)(e - v) > an && memcmp(v, aw, an) == 0)
				for (v += an; v < e && *v == ' '; v++)
					;
		}
		for (w = v; w < e && (isalnum((unsigned char)*w) || *w == '_' || *w == '$' || *w == '.'); w++)
			;
		if (w == v || w >= e || *w != '(' || (size_t)(w - v) >= sizeof call)
			return NULL;
		snprintf(call, sizeof call, "%.*s", (int)(w - v), v);
		if ((pat = catalog_match_pattern(fac, call)) == NULL)
			return NULL;
		snprintf(key, sizeof key, "typed_factories.%s", pat);
		if ((type = catalog_text(m->lang, key)) == NULL || *type == '\0')
			return NULL;
		for (v = ++w; w < e && (isalnum((unsigned char)*w) || *w == '_' || *w == '$'); w++)
			;
		if (w < e && *w == ')' && w > v)
			snprintf(buf, size, "%s<%.*s>", type, (int)(w - v), v);
		else
			snprintf(buf, size, "%s", type);
		return buf;
	}
	return NULL;
}

/* A table handle: `this.name.member.table.op()` where `name` is a
 * constructor parameter property of the enclosing class declared with one
 * string-literal type argument naming that table (`_post:
 * PrismaRepository<'post'>`, whose member exposes the client typed to
 * that table), in a file whose stack is one of the catalog's
 * "table_handle_orms". The type is the catalog's "table_handle_client"
 * (the client class the ORM lists know), so the call reads as
 * `PrismaClient.post.op`. NULL otherwise. */
static const char *db_table_handle_type(const struct model *m, const struct node *fn,
					const char *name, const char *table, char *buf,
					size_t size)
{
	const char *client = catalog_text(m->lang, "table_handle_client"), *lt;
	const struct node *cls;
	char decl[160];
	size_t tn = strlen(table);

	if (client == NULL || *client == '\0' || !auditor_file_stack_in(m->lang, "table_handle_orms"))
		return NULL;
	while (fn != NULL && (fn->flags & NF_LAMBDA))
		fn = model_enclosing_func(m, fn);
	if (fn == NULL || !(fn->flags & NF_METHOD) || (cls = &m->nodes[fn->parent])->kind != NODE_CLASS)
		return NULL;
	decl[0] = '\0';
	for (uint32_t k = cls->first_child; k && decl[0] == '\0'; k = m->nodes[k].next_sibling) {
		const struct node *x = &m->nodes[k];

		if (x->kind == NODE_FUNC && x->u.func && x->name &&
		    catalog_match(catalog_get(m->lang, "dbops_constructor_names"), x->name))
			for (uint32_t i = 0; i < x->u.func->n_params; i++)
				if (x->u.func->params[i].name &&
				    strcmp(x->u.func->params[i].name, name) == 0 &&
				    x->u.func->params[i].annotation.len)
					span_copy(m, x->u.func->params[i].annotation, decl, sizeof decl);
	}
	/* W<'table'>: one quoted argument, the table itself */
	if ((lt = strchr(decl, '<')) == NULL || (lt[1] != '\'' && lt[1] != '"') ||
	    strncmp(lt + 2, table, tn) != 0 || lt[2 + tn] != lt[1] || lt[3 + tn] != '>' ||
	    lt[4 + tn] != '\0')
		return NULL;
	snprintf(buf, size, "%s", client);
	return buf;
}

/* The declared type of a receiver `this.name` (a constructor parameter
 * property or an annotated class field) or `name` (a parameter of the
 * enclosing function): "Repository<Order>" into buf, or NULL. A client
 * reached through one accessor, `this.name.order.update()` (a Prisma
 * client's model delegate), gives the accessor in accessor (else ""). */
static const char *db_receiver_type(const struct model *m, const struct node *c, char *buf,
				    size_t size, char *accessor, size_t asize)
{
	const char *callee = c->u.call->callee, *dot = strrchr(callee, '.'), *mid, *self_pat;
	const struct node *fn = model_enclosing_func(m, c), *cls;
	char name[64];
	int self = 0, handle = 0;

	accessor[0] = '\0';
	if (dot == NULL || strchr(callee, '(') != NULL)
		return NULL;
	/* `this.name`: a "this.*" prefix pattern of dbops_self_receivers */
	self_pat = catalog_match_pattern(catalog_get(m->lang, "dbops_self_receivers"), callee);
	if (self_pat != NULL && strlen(self_pat) > 2) {
		callee += strlen(self_pat) - 1;
		self = 1;
	}
	if (dot <= callee)
		return NULL;
	/* name.accessor.method: one accessor at most, or a table handle
 * `this.name.member.table.method()` (below) */
	mid = memchr(callee, '.', (size_t)(dot - callee));
	if (mid != NULL) {
		const char *mid2 = memchr(mid + 1, '.', (size_t)(dot - mid - 1));

		if (mid2 != NULL && self && memchr(mid2 + 1, '.', (size_t)(dot - mid2 - 1)) == NULL &&
		    mid2 > mid + 1) {
			handle = 1;
			mid = mid2;
		} else if (mid2 != NULL) {
			return NULL;
		}
		if ((size_t)(dot - mid - 1) >= asize || dot == mid + 1)
			return NULL;
		snprintf(accessor, asize, "%.*s", (int)(dot - mid - 1), mid + 1);
		dot = handle ? memchr(callee, '.', (size_t)(dot - callee)) : mid;
	}
	if ((size_t)(dot - callee) >= sizeof name)
		return NULL;
	snprintf(name, sizeof name, "%.*s", (int)(dot - callee), callee);
	if (handle)
		return db_table_handle_type(m, fn, name, accessor, buf, size);
	/* a local the catalog's factory made: `const repo = ds.getRepository(E)` */
	if (!self && accessor[0] == '\0' && db_local_factory_type(m, c, name, buf, size) != NULL)
		return buf;
	while (fn != NULL && (fn->flags & NF_LAMBDA))
		fn = model_enclosing_func(m, fn);
	if (fn == NULL || fn->u.func == NULL)
		return NULL;
	if (!self) {
		const struct param *pa = NULL;

		for (uint32_t i = 0; i < fn->u.func->n_params; i++)
			if (fn->u.func->params[i].name && strcmp(fn->u.func->params[i].name, name) == 0)
				pa = &fn->u.func->params[i];
		return pa && pa->annotation.len ? span_copy(m, pa->annotation, buf, size) : NULL;
	}
	if (!(fn->flags & NF_METHOD) || (cls = &m->nodes[fn->parent])->kind != NODE_CLASS)
		return NULL;
	for (uint32_t k = cls->first_child; k; k = m->nodes[k].next_sibling) {
		const struct node *x = &m->nodes[k];

		if (x->kind == NODE_ASSIGN && (x->flags & NF_ANNOTATED) && x->name &&
		    strcmp(x->name, name) == 0 && x->text.len)
			return span_copy(m, x->text, buf, size);
		if (x->kind == NODE_FUNC && x->u.func && x->name &&
		    catalog_match(catalog_get(m->lang, "dbops_constructor_names"), x->name))
			for (uint32_t i = 0; i < x->u.func->n_params; i++)
				if (x->u.func->params[i].name &&
				    strcmp(x->u.func->params[i].name, name) == 0 &&
				    x->u.func->params[i].annotation.len)
					return span_copy(m, x->u.func->params[i].annotation, buf, size);
	}
	return NULL;
}

/* A call on a receiver declared with a type of the catalog's
 * "typed_receivers" list (`orders: Repository<Order>`) is matched as
 * "<Type>.<method>" against the ORM lists: `this.orders.find()` reads
 * Order rows; through one accessor as "<Type>.<accessor>.<method>":
 * `this.prismaService.order.update()` on `prismaService: PrismaService`
 * updates Order rows. */
static enum db_op db_typed_op(const struct model *m, const struct node *c,
			      struct db_op_info *info)
{
	char full[128], type[128], key[200], acc[64];
	const char *lt;

	if (catalog_list_empty(catalog_get(m->lang, "typed_receivers")) ||
	    db_receiver_type(m, c, full, sizeof full, acc, sizeof acc) == NULL)
		return DB_OP_NONE;
	snprintf(type, sizeof type, "%.*s", (int)strcspn(full, "<[ |"), full);
	if (!catalog_match(catalog_get(m->lang, "typed_receivers"), type))
		return DB_OP_NONE;
	if (acc[0])
		snprintf(key, sizeof key, "%s.%s.%s", type, acc, c->u.call->name);
	else
		snprintf(key, sizeof key, "%s.%s", type, c->u.call->name);
	for (size_t i = 0; i < sizeof db_orm_lists / sizeof *db_orm_lists; i++)
		if (catalog_match(catalog_get(m->lang, db_orm_lists[i].list), key)) {
			snprintf(info->what, sizeof info->what, "%.127s", c->u.call->callee);
			if (acc[0])
				snprintf(info->target, sizeof info->target, "%s", acc);
			/* the entity: Repository<Order> -> Order */
			else if ((lt = strchr(full, '<')) != NULL)
				snprintf(info->target, sizeof info->target, "%.*s",
					 (int)strcspn(lt + 1, ">, "), lt + 1);
			return info->op = db_orm_lists[i].op;
		}
	return DB_OP_NONE;
}

/* A static call on a model class of an ORM whose models are classes
 * with static query methods (the catalog's "model_class_orms", in the
 * file's stack): `Post.find({ user: id })`, `User.update(values,
 * { where })`. The receiver is one PascalCase name imported from a
 * project module or declared in the file; the call is matched as
 * "<base>.<method>" (the text "model_class_type") against the ORM lists.
 * A callback argument (`Items.find((x) => ...)`) is no query. */
static enum db_op db_model_class_op(const struct model *m, const struct node *c,
				    struct db_op_info *info)
{
	const char *callee = c->u.call->callee, *dot = strchr(callee, '.'), *base;
	char recv[64], key[160], text[512], res[512];
	int known = 0;

	if (dot == NULL || dot == callee || strchr(dot + 1, '.') != NULL ||
	    strchr(callee, '(') != NULL || (size_t)(dot - callee) >= sizeof recv ||
	    !isupper((unsigned char)callee[0]) ||
	    !auditor_file_stack_in(m->lang, "model_class_orms"))
		return DB_OP_NONE;
	for (const char *q = callee; q < dot; q++)
		if (!isalnum((unsigned char)*q) && *q != '_')
			return DB_OP_NONE;
	snprintf(recv, sizeof recv, "%.*s", (int)(dot - callee), callee);
	/* imported from a project module, or a model of this file */
	model_resolve(m, recv, res, sizeof res);
	if (strcmp(res, recv) != 0)
		known = res[0] == '.' || res[0] == '/' ||
			catalog_match(catalog_get(m->lang, "sum_project_module_paths"), res);
	else
		for (uint32_t k = m->nodes[0].first_child; k && !known; k = m->nodes[k].next_sibling)
			known = (m->nodes[k].kind == NODE_CLASS || m->nodes[k].kind == NODE_ASSIGN) &&
				m->nodes[k].name != NULL && strcmp(m->nodes[k].name, recv) == 0;
	if (!known || (base = catalog_text(m->lang, "model_class_type")) == NULL)
		return DB_OP_NONE;
	sem_node_text(m, c, text, sizeof text);
	if (strstr(text, "=>") != NULL || strstr(text, "function") != NULL)
		return DB_OP_NONE;
	snprintf(key, sizeof key, "%s.%s", base, c->u.call->name);
	for (size_t i = 0; i < sizeof db_orm_lists / sizeof *db_orm_lists; i++)
		if (catalog_match(catalog_get(m->lang, db_orm_lists[i].list), key)) {
			snprintf(info->what, sizeof info->what, "%.127s", callee);
			snprintf(info->target, sizeof info->target, "%s", recv);
			return info->op = db_orm_lists[i].op;
		}
	return DB_OP_NONE;
}

/* A call on a chain whose head is a parameter declared with a type of
 * the catalog's "typed_chain_receivers" (a session whose chain links
 * return the session: `s.Where("id = ?", id).Cols("done").Update(t)` on
 * `s *Session`) is matched as "<Type>.<method>" against the ORM lists;
 * the inner links (`Where`, `Cols`) are in none of them. */
static enum db_op db_typed_chain_op(const struct model *m, const struct node *c,
				    struct db_op_info *info)
{
	const struct catalog_list *types = catalog_get(m->lang, "typed_chain_receivers");
	const char *callee = c->u.call->callee;
	const struct node *fn;
	char name[64], type[128];
	size_t n = strcspn(callee, ".(");

	if (catalog_list_empty(types) || callee[n] != '.' || n == 0 || n >= sizeof name)
		return DB_OP_NONE;
	snprintf(name, sizeof name, "%.*s", (int)n, callee);
	for (fn = model_enclosing_func(m, c); fn != NULL; fn = model_enclosing_func(m, fn)) {
		const struct param *pa = NULL;

		if (fn->u.func == NULL)
			break;
		for (uint32_t i = 0; i < fn->u.func->n_params; i++)
			if (fn->u.func->params[i].name && strcmp(fn->u.func->params[i].name, name) == 0)
				pa = &fn->u.func->params[i];
		if (pa != NULL) {
			if (pa->annotation.len == 0 || span_copy(m, pa->annotation, type,
								 sizeof type) == NULL)
				return DB_OP_NONE;
			break;
		}
		if (!(fn->flags & NF_LAMBDA))
			return DB_OP_NONE;
	}
	if (fn == NULL)
		return DB_OP_NONE;
	return db_declared_type_op(m, c, type, info);
}

enum db_op db_declared_type_op(const struct model *m, const struct node *c, const char *type,
		       struct db_op_info *info)
{
	char key[200];

	if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
	    !catalog_match(catalog_get(m->lang, "typed_chain_receivers"), type))
		return DB_OP_NONE;
	snprintf(key, sizeof key, "%s.%s", type, c->u.call->name);
	for (size_t i = 0; i < sizeof db_orm_lists / sizeof *db_orm_lists; i++)
		if (catalog_match(catalog_get(m->lang, db_orm_lists[i].list), key)) {
			snprintf(info->what, sizeof info->what, "%.127s", c->u.call->callee);
			return info->op = db_orm_lists[i].op;
		}
	return DB_OP_NONE;
}

/* The operation a prepared statement's name says it runs (catalog words
 * prepared_insert_names, ...): `q.UpsertMember`, `insertStmt`. */
static enum db_op db_prepared_name_op(enum lang lang, const char *name)
{
	static const struct {
		const char *words;
		enum db_op op;
	} kinds[] = {
		{ "prepared_upsert_names", DB_OP_UPSERT },
		{ "prepared_insert_names", DB_OP_INSERT },
		{ "prepared_update_names", DB_OP_UPDATE },
		{ "prepared_delete_names", DB_OP_DELETE },
		{ "prepared_read_names", DB_OP_READ },
	};

	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		const char *pat = catalog_match_pattern(catalog_get(lang, kinds[i].words), name);
		size_t pn = pat ? strlen(pat) : 0;

		/* a prefix names a statement only as a whole word of the
		 * name: `addTag`, `add_tag`, not `addressMap` */
		if (pat == NULL || (pn > 1 && pat[pn - 1] == '*' && strchr(pat, '*') == pat + pn - 1 &&
				    islower((unsigned char)name[pn - 1])))
			continue;
		return kinds[i].op;
	}
	return DB_OP_NONE;
}

static int db_plain_field_not_handle(const struct model *m, const struct node *c,
				     const char *also);

/* A driver method run on a prepared statement, whose SQL is not at the
 * call: `stmt.Exec(row.Email)` after `stmt, err := tx.Prepare("INSERT
 * ...")` (the SQL's verb) or `stmt := tx.Stmt(opts.UpsertStmt)`, or
 * `c.q.GetMember.Select(&out, id)` on a statement held in a field (the
 * statement's name says what it runs). */
static enum db_op db_prepared_op(const struct model *m, const struct node *c,
				 const char *callee, struct db_op_info *info)
{
	char head[SEM_NAME_MAX], seg[SEM_NAME_MAX], sql[512], verb[16];
	const char *method, *dot, *src = NULL;
	const struct node *fn;
	enum db_op op = DB_OP_NONE;
	size_t sn;

	if (strchr(callee, '(') != NULL || strlen(callee) >= sizeof head)
		return DB_OP_NONE;
	snprintf(head, sizeof head, "%s", callee);
	if ((dot = strrchr(head, '.')) == NULL)
		return DB_OP_NONE;
	method = dot + 1;
	if (!catalog_match(catalog_get(m->lang, "sql_methods"), method))
		return DB_OP_NONE;
	sem_receiver_name(head, seg, sizeof seg);
	if (seg[0] == '\0' || (c->u.call->n_args > 0 && c->u.call->args[0].name == NULL &&
			       sem_sql_literal(span_ptr(m, c->u.call->args[0].expr),
					       c->u.call->args[0].expr.len, sql, sizeof sql)))
		return DB_OP_NONE;
	sn = strlen(seg);
	/* a variable of the function: what it was prepared from */
	fn = model_enclosing_func(m, c);
	for (uint32_t i = fn ? node_index(m, fn) + 1 : m->n_nodes; i < m->n_nodes && budget_step();
	     i++) {
		const struct node *a = &m->nodes[i], *k;

		if (a->line > c->line)
			break;
		if (a->kind != NODE_ASSIGN || a->name == NULL || strncmp(a->name, seg, sn) != 0 ||
		    (a->name[sn] != '\0' && a->name[sn] != ',') || model_enclosing_func(m, a) != fn)
			continue;
		for (k = a->first_child ? model_node(m, a->first_child) : NULL; k != NULL;
		     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
			if (k->kind == NODE_CALL && k->u.call != NULL && k->u.call->name != NULL &&
			    (catalog_match_call(catalog_get(m->lang, "statement_acquisitions"), m, k) ||
			     catalog_match_call(catalog_get(m->lang, "statement_adoptions"), m, k)))
				break;
		/* assigned on several branches: the first that says what it runs */
		if (k == NULL || op != DB_OP_NONE)
			continue;
		if (db_sql_any_arg(m, k, sql, sizeof sql) != NULL ||
		    db_local_sql(m, k, sql, sizeof sql) != NULL) {
			sem_sql_verb(sql, verb, sizeof verb);
			op = db_verb_is(m->lang, "dbops_sql_read_verbs", verb) ? DB_OP_READ :
			     db_verb_is(m->lang, "dbops_sql_insert_verbs", verb) ?
			     (strcasestr(sql, "on conflict") || strcasestr(sql, "on duplicate key") ?
			      DB_OP_UPSERT : DB_OP_INSERT) :
			     db_verb_is(m->lang, "dbops_sql_update_verbs", verb) ? DB_OP_UPDATE :
			     db_verb_is(m->lang, "dbops_sql_delete_verbs", verb) ? DB_OP_DELETE :
			     DB_OP_NONE;
			if (op != DB_OP_NONE)
				db_sql_table(m->lang, sql, verb, info->target, sizeof info->target);
		} else if (k->u.call->n_args > 0) {
			/* tx.Stmt(opts.UpsertStmt): the adopted statement's name */
			const struct arg *last = &k->u.call->args[k->u.call->n_args - 1];
			char arg[SEM_NAME_MAX];
			const char *p;

			span_copy(m, last->expr, arg, sizeof arg);
			p = strrchr(arg, '.');
			op = db_prepared_name_op(m->lang, p ? p + 1 : arg);
		}
		src = "";
	}
	/* a statement held in a field: `c.q.GetMember` */
	if (src == NULL && (size_t)(dot - head) > sn && !sem_is_session_name(m->lang, seg) &&
	    !db_plain_field_not_handle(m, c, "statement_types"))
		op = db_prepared_name_op(m->lang, seg);
	if (op == DB_OP_NONE)
		return DB_OP_NONE;
	if (op == DB_OP_READ && catalog_match(catalog_get(m->lang, "sql_one_methods"), method))
		op = DB_OP_READ_ONE;
	info->sql = 1;
	snprintf(info->what, sizeof info->what, "%.60s.%.60s", seg, method);
	return info->op = op;
}

/* A match on a plain field between the receiver and the method
 * (`db.Stmts.Delete(key)` against "*db.*.Delete") whose struct, declared
 * in this file, gives the field a type that is no database handle (the
 * catalog's "db_handle_types", tried on the type without its pointer
 * star): a cache or a store of the project, not a query chain. A
 * language without that list, or a type or field not declared here,
 * keeps the pattern's reading. */
static int db_plain_field_not_handle(const struct model *m, const struct node *c,
				     const char *also)
{
	const struct catalog_list *handles = catalog_get(m->lang, "db_handle_types");
	char type[128], acc[64], ftype[128];
	const char *t, *ft;
	size_t tn;

	if (catalog_list_empty(handles) ||
	    db_receiver_type(m, c, type, sizeof type, acc, sizeof acc) == NULL || acc[0] == '\0')
		return 0;
	t = type;
	while (*t == '*' || *t == '&' || *t == ' ')
		t++;
	if (strchr(t, '.') != NULL)
		t = strrchr(t, '.') + 1;
	tn = strcspn(t, "[< ");
	for (uint32_t i = 0; i < m->n_nodes && budget_step(); i++) {
		const struct node *cls = &m->nodes[i];

		if (cls->kind != NODE_CLASS || cls->name == NULL || strlen(cls->name) != tn ||
		    strncmp(cls->name, t, tn) != 0)
			continue;
		for (uint32_t k = cls->first_child; k; k = m->nodes[k].next_sibling) {
			const struct node *x = &m->nodes[k];

			if (x->kind != NODE_ASSIGN || !(x->flags & NF_ANNOTATED) || x->name == NULL ||
			    strcmp(x->name, acc) != 0 || x->text.len == 0)
				continue;
			span_copy(m, x->text, ftype, sizeof ftype);
			ft = ftype;
			while (*ft == '*')
				ft++;
			return *ft != '\0' && !catalog_match(handles, ft) &&
			       (also == NULL || !catalog_match(catalog_get(m->lang, also), ft));
		}
		return 0;
	}
	return 0;
}

/* The link a query-builder chain is called on: `this.db(T).where()...`
 * gives "db" in head and the position of its "()." in callee; NULL when
 * callee has no such link or it is itself a call's result. */
static const char *db_chain_head(const char *callee, char *head, size_t size)
{
	const char *open = strstr(callee, "()."), *seg;
	size_t n;

	if (open == NULL)
		return NULL;
	for (seg = open; seg > callee && seg[-1] != '.' && seg[-1] != ')'; seg--)
		;
	n = (size_t)(open - seg);
	if (n == 0 || n >= size || (seg > callee && seg[-1] == ')'))
		return NULL;
	memcpy(head, seg, n);
	head[n] = '\0';
	return open;
}

/* True when head (found at hs in callee by db_chain_head) is a model's
 * query builder of an ORM whose models start Knex-like chains (catalog
 * "builder_model_heads" on a receiver, the file's stack naming one of
 * "builder_model_orms"): `User.query().patch(...)`,
 * `registry.models.users.query().where(...)`,
 * `user.$relatedQuery('groups').relate(id)`. The chain then reads and
 * writes as a session's does. */
static int db_model_query_head(const struct model *m, const char *callee, const char *hs,
			       const char *head)
{
	return hs > callee + 1 && hs[-1] == '.' &&
	       catalog_match(catalog_get(m->lang, "builder_model_heads"), head) &&
	       auditor_file_stack_in(m->lang, "builder_model_orms");
}

static int db_table_head(const struct model *m, const char *callee, const char *hs,
			 const char *head);
static int db_builder_runs(const struct model *m, const struct node *c);

/* The session link a query-builder statement c is written on (`knex`
 * of `registry.models.knex('t').where(...).del()` or of
 * `knex.table('t').insert(rows)`) into buf; NULL when c is no such chain. */
const char *db_call_builder_session(const struct model *m, const struct node *c, char *buf,
				    size_t size)
{
	const char *callee, *open, *hs, *prev;
	char head[64];
	size_t n;

	if (c->kind != NODE_CALL || c->u.call == NULL || (callee = c->u.call->callee) == NULL ||
	    (open = db_chain_head(callee, head, sizeof head)) == NULL)
		return NULL;
	hs = open - strlen(head);
	if (catalog_match(catalog_get(m->lang, "session_names"), head)) {
		snprintf(buf, size, "%s", head);
		return buf;
	}
	if (!db_table_head(m, callee, hs, head))
		return NULL;
	for (prev = hs - 1; prev > callee && prev[-1] != '.' && prev[-1] != ')'; prev--)
		;
	n = (size_t)(hs - 1 - prev);
	if (n == 0 || n >= size)
		return NULL;
	memcpy(buf, prev, n);
	buf[n] = '\0';
	return buf;
}

/* True when call c is a statement of a model's query builder
 * (`User.query().insert(row)`, `user.$relatedQuery('groups').relate(id)`;
 * see db_model_query_head); *alone set when its head is handed no
 * connection, only literals (`query()`, `$relatedQuery('groups')`, not
 * `query(trx)` nor `$relatedQuery('groups', trx)`): the statement then
 * runs on a pooled connection of its own and commits alone. */
int db_call_model_builder(const struct model *m, const struct node *c, int *alone)
{
	const char *callee, *open;
	char head[64];

	*alone = 0;
	if (c->kind != NODE_CALL || c->u.call == NULL || (callee = c->u.call->callee) == NULL ||
	    (open = db_chain_head(callee, head, sizeof head)) == NULL ||
	    !db_model_query_head(m, callee, open - strlen(head), head))
		return 0;
	/* the head's arguments, read in the call's text (the links of a
	 * chain are one node): each a string literal */
	{
		char text[1024], pat[80];
		const char *p;
		int depth = 0, lit = 1, first = 1;

		sem_node_text(m, c, text, sizeof text);
		snprintf(pat, sizeof pat, "%s(", head);
		if ((p = strstr(text, pat)) == NULL)
			return 1;
		for (p += strlen(pat); *p != '\0'; p++) {
			if (first && !isspace((unsigned char)*p)) {
				if (*p == ')' && depth == 0)
					break;
				lit = *p == '\'' || *p == '"' || *p == '`';
				if (!lit)
					return 1;
				first = 0;
			}
			if (*p == '\'' || *p == '"' || *p == '`') {
				char q = *p;

				for (p++; *p != '\0' && *p != q; p++)
					if (*p == '\\' && p[1] != '\0')
						p++;
				if (*p == '\0')
					return 1;
				continue;
			}
			if (*p == '(' || *p == '[' || *p == '{')
				depth++;
			else if ((*p == ')' || *p == ']' || *p == '}') && depth > 0)
				depth--;
			else if (*p == ')')
				break;
			else if (*p == ',' && depth == 0)
				first = 1;
		}
		*alone = *p == ')';
	}
	return 1;
}

/* Whether the link just before seg in callee (`db` of `db.selectFrom`,
 * seg pointing at `selectFrom`) is a session name (catalog session_names):
 * one plain name after a '.' or the start, not a call's result. */
static int db_session_link_before(const struct model *m, const char *callee, const char *seg)
{
	const char *prev;
	char sess[64];
	size_t n;

	if (seg == callee)
		return 0;
	for (prev = seg - 1; prev > callee && prev[-1] != '.' && prev[-1] != ')'; prev--)
		;
	n = (size_t)(seg - 1 - prev);
	if (n == 0 || n >= sizeof sess || (prev > callee && prev[-1] == ')'))
		return 0;
	memcpy(sess, prev, n);
	sess[n] = '\0';
	return catalog_match(catalog_get(m->lang, "session_names"), sess);
}

/* True when head (at hs in callee) names the table on a session
 * (catalog builder_table_heads: `knex.table('t')`, the same builder as
 * `knex('t')`), one plain session name before it. */
static int db_table_head(const struct model *m, const char *callee, const char *hs,
			 const char *head)
{
	return hs > callee && catalog_match(catalog_get(m->lang, "builder_table_heads"), head) &&
	       db_session_link_before(m, callee, hs);
}

/* A query-builder chain written on a session called with its table:
 * `this.db(TABLE).update({...}).where({ id })`, `trx('t').del()`. The
 * head is `<session>(...)`, the statement verb is a later link (catalog
 * builder_*_methods). Only the chain's outermost call is the statement:
 * an inner link (`this.db(TABLE).update(...)` under `.where(...)`) is
 * not classified, so one statement counts once. */
static enum db_op db_builder_op(const struct model *m, const struct node *c,
				struct db_op_info *info)
{
	static const struct { const char *list; enum db_op op; } verbs[] = {
		{ "builder_update_methods", DB_OP_UPDATE },
		{ "builder_delete_methods", DB_OP_DELETE },
		{ "builder_insert_methods", DB_OP_INSERT },
	};
	static const struct { const char *list; enum db_op op; } heads[] = {
		{ "builder_update_heads", DB_OP_UPDATE },
		{ "builder_delete_heads", DB_OP_DELETE },
		{ "builder_insert_heads", DB_OP_INSERT },
	};
	static const struct { const char *list; enum db_op op; } thenable_heads[] = {
		{ "builder_thenable_update_heads", DB_OP_UPDATE },
		{ "builder_thenable_delete_heads", DB_OP_DELETE },
		{ "builder_thenable_insert_heads", DB_OP_INSERT },
	};
	const char *callee = c->u.call->callee, *open, *seg, *dot;
	char head[64], link[64];
	size_t n, k;
	enum db_op head_op = DB_OP_NONE;
	int model_head = 0, thenable = 0;

	if ((open = db_chain_head(callee, head, sizeof head)) == NULL)
		return DB_OP_NONE;
	model_head = db_model_query_head(m, callee, open - strlen(head), head);
	if (!catalog_match(catalog_get(m->lang, "session_names"), head) && !model_head &&
	    !db_table_head(m, callee, open - strlen(head), head)) {
		/* `<session>.<verb head>(T)...`: the first link names the
		 * statement (`db.deleteFrom(T).where(...).execute()`) */
		const char *hs = open - strlen(head);

		for (k = 0; k < sizeof heads / sizeof *heads && head_op == DB_OP_NONE; k++)
			if (catalog_match(catalog_get(m->lang, heads[k].list), head))
				head_op = heads[k].op;
		/* a builder that is its own promise (the file's stack names one
		 * of builder_thenable_orms): `db.update(T).set(v).where(...)`,
		 * `tx.delete(T).where(...)`, `db.insert(T).values(v)` run when
		 * awaited, with no running link; the head is always followed by
		 * a link here */
		if (head_op == DB_OP_NONE &&
		    auditor_file_stack_in(m->lang, "builder_thenable_orms"))
			for (k = 0; k < sizeof thenable_heads / sizeof *thenable_heads &&
				    head_op == DB_OP_NONE; k++)
				if (catalog_match(catalog_get(m->lang, thenable_heads[k].list), head)) {
					head_op = thenable_heads[k].op;
					thenable = 1;
				}
		if (head_op == DB_OP_NONE || hs == callee)
			return DB_OP_NONE;
		if (!db_session_link_before(m, callee, hs))
			return DB_OP_NONE;
	}
	if (c->parent != 0 && m->nodes[c->parent].kind == NODE_CALL &&
	    m->nodes[c->parent].u.call != NULL && m->nodes[c->parent].u.call->callee != NULL) {
		const char *pc = m->nodes[c->parent].u.call->callee;
		size_t cl = strlen(callee);

		if (strncmp(pc, callee, cl) == 0 && strncmp(pc + cl, "().", 3) == 0)
			return DB_OP_NONE;   /* an inner link of a longer chain */
	}
	if (head_op != DB_OP_NONE) {
		/* such a chain runs only through its running link
		 * (`.execute()`; catalog builder_run_links), not `.compile()` */
		if (thenable ? !db_builder_runs(m, c) :
			       !catalog_match(catalog_get(m->lang, "builder_run_links"), c->u.call->name))
			return DB_OP_NONE;
		snprintf(info->what, sizeof info->what, "%.127s", callee);
		return info->op = head_op;
	}
	for (seg = open + 3; *seg; seg = dot + 3) {
		dot = strstr(seg, "().");
		n = dot ? (size_t)(dot - seg) : strlen(seg);
		if (n > 0 && n < sizeof link) {
			memcpy(link, seg, n);
			link[n] = '\0';
			for (k = 0; k < sizeof verbs / sizeof *verbs; k++)
				if (catalog_match(catalog_get(m->lang, verbs[k].list), link)) {
					snprintf(info->what, sizeof info->what, "%.127s", callee);
					return info->op = verbs[k].op;
				}
			/* a model's builder inserts with its own links
			 * (`User.query().insert(row)`) */
			if (model_head &&
			    catalog_match(catalog_get(m->lang, "builder_model_insert_methods"), link)) {
				snprintf(info->what, sizeof info->what, "%.127s", callee);
				return info->op = DB_OP_INSERT;
			}
		}
		if (dot == NULL)
			break;
	}
	return DB_OP_NONE;
}

/* True when the links of builder chain callee from p on (`where().first`)
 * hold no writing link (catalog builder_write_links and the builder verbs
 * above): `this.db(T).insert(row).returning('*')` is no read. */
static int db_builder_links_read(const struct model *m, const char *p)
{
	static const char *const lists[] = { "builder_write_links", "builder_update_methods",
					     "builder_delete_methods", "builder_insert_methods" };
	char link[64];
	const char *dot;
	size_t n, k;

	for (; p != NULL && *p; p = dot ? dot + 3 : NULL) {
		dot = strstr(p, "().");
		n = dot ? (size_t)(dot - p) : strlen(p);
		if (n == 0 || n >= sizeof link)
			continue;
		memcpy(link, p, n);
		link[n] = '\0';
		for (k = 0; k < sizeof lists / sizeof *lists; k++)
			if (catalog_match(catalog_get(m->lang, lists[k]), link))
				return 0;
	}
	return 1;
}

/* True when builder chain callee has a writing link (catalog builder
 * verbs and builder_write_links) before its last one. */
static int db_chain_writes_before(const struct model *m, const char *callee)
{
	const char *open = strstr(callee, "()."), *last;
	char links[SEM_NAME_MAX];
	size_t n;

	/* the links between the head's `().` and the last link's `().` */
	if (open == NULL || (last = strrchr(callee, '.')) == NULL || last < open + 5 ||
	    strncmp(last - 2, "()", 2) != 0)
		return 0;
	n = (size_t)(last - 2 - (open + 3));
	if (n == 0 || n >= sizeof links)
		return 0;
	memcpy(links, open + 3, n);
	links[n] = '\0';
	return !db_builder_links_read(m, links);
}

/* True when builder chain c runs where it stands: awaited, returned (also
 * as an arrow's expression body), or handed to an awaited or returned
 * combinator (catalog builder_run_wrappers: `Promise.all([...])`). A
 * chain kept in a local (`const q = db(T).where(...)`) or passed as a
 * subquery is only built there. */
static int db_builder_runs(const struct model *m, const struct node *c)
{
	const struct node *p;

	if (c->flags & NF_AWAITED)
		return 1;
	if (c->parent == 0)
		return 0;
	p = &m->nodes[c->parent];
	if (p->kind == NODE_RETURN || (p->kind == NODE_FUNC && (p->flags & NF_LAMBDA)))
		return 1;
	if (p->kind == NODE_CALL && p->u.call != NULL && p->u.call->callee != NULL &&
	    catalog_match(catalog_get(m->lang, "builder_run_wrappers"), p->u.call->callee)) {
		const struct node *q = p->parent ? &m->nodes[p->parent] : NULL;

		return (p->flags & NF_AWAITED) || (q != NULL && q->kind == NODE_RETURN);
	}
	return 0;
}

/* A query-builder read that runs: a chain on a session called with its
 * table, `this.db(T).where({ id }).first()`, or a chain that starts with a
 * select link on a session, `this.db.select(cols).from(T).where(...)`,
 * `db.select().from(users)` (catalog builder_read_heads), with no writing
 * link. READ_ONE when a link is one of builder_one_links (`first`). */
static enum db_op db_builder_read(const struct model *m, const struct node *c,
				  struct db_op_info *info)
{
	const char *callee = c->u.call->callee, *open, *seg, *prev, *links;
	char head[64];
	size_t n;

	if (catalog_list_empty(catalog_get(m->lang, "builder_read_heads")))
		return DB_OP_NONE;
	/* a model's builder run as it is: `await User.query()`,
	 * `await user.$relatedQuery('groups')` */
	if (strstr(callee, "().") == NULL && (prev = strrchr(callee, '.')) != NULL &&
	    db_model_query_head(m, callee, prev + 1, c->u.call->name) && db_builder_runs(m, c)) {
		snprintf(info->what, sizeof info->what, "%.127s", callee);
		return info->op = DB_OP_READ;
	}
	if ((open = db_chain_head(callee, head, sizeof head)) == NULL)
		return DB_OP_NONE;
	seg = open - strlen(head);
	links = open + 3;
	if (!catalog_match(catalog_get(m->lang, "session_names"), head) &&
	    !db_model_query_head(m, callee, seg, head) && !db_table_head(m, callee, seg, head)) {
		/* `<session>.<select head>(...)...` */
		if (seg == callee || !catalog_match(catalog_get(m->lang, "builder_read_heads"), head))
			return DB_OP_NONE;
		if (!db_session_link_before(m, callee, seg))
			return DB_OP_NONE;
		/* a builder that is no promise (`db.selectFrom(T)...`, catalog
		 * builder_run_required_heads) reads only through its running
		 * link (`.execute()`), not `.compile()` nor a subquery */
		if (catalog_match(catalog_get(m->lang, "builder_run_required_heads"), head) &&
		    !catalog_match(catalog_get(m->lang, "builder_run_links"), c->u.call->name))
			return DB_OP_NONE;
		links = seg;
	}
	if (!db_builder_links_read(m, links) || !db_builder_runs(m, c))
		return DB_OP_NONE;
	snprintf(info->what, sizeof info->what, "%.127s", callee);
	info->op = DB_OP_READ;
	for (seg = links; seg != NULL && *seg; seg = open ? open + 3 : NULL) {
		open = strstr(seg, "().");
		n = open ? (size_t)(open - seg) : strlen(seg);
		if (n > 0 && n < sizeof head) {
			memcpy(head, seg, n);
			head[n] = '\0';
			if (catalog_match(catalog_get(m->lang, "builder_one_links"), head))
				info->op = DB_OP_READ_ONE;
		}
	}
	return info->op;
}

/* A SQL template run on a session: `sql\`DELETE FROM t WHERE ...\`
 * .execute(this.db)` (catalog sql_template_tags, and builder_run_links for
 * the running method); the statement's verb decides. */
static enum db_op db_sql_tag_run_op(const struct model *m, const struct node *c,
				    struct db_op_info *info)
{
	const struct call_info *ci = c->u.call;
	char tag[64], arg[128], text[1024], sql[512], verb[16];
	const char *open = strstr(ci->callee, "()."), *a, *q;
	size_t n;

	if (open == NULL || strcmp(open + 3, ci->name) != 0 || ci->n_args < 1 ||
	    (n = (size_t)(open - ci->callee)) == 0 || n >= sizeof tag ||
	    !catalog_match(catalog_get(m->lang, "builder_run_links"), ci->name))
		return DB_OP_NONE;
	memcpy(tag, ci->callee, n);
	tag[n] = '\0';
	if (!catalog_match(catalog_get(m->lang, "sql_template_tags"), tag))
		return DB_OP_NONE;
	span_copy(m, ci->args[0].expr, arg, sizeof arg);
	a = strrchr(arg, '.') ? strrchr(arg, '.') + 1 : arg;
	if (!sem_is_session_name(m->lang, a))
		return DB_OP_NONE;
	sem_node_text(m, c, text, sizeof text);
	if ((q = strchr(text, '`')) == NULL || sem_sql_literal(q, strlen(q), sql, sizeof sql) == NULL)
		return DB_OP_NONE;
	sem_sql_verb(sql, verb, sizeof verb);
	info->sql = 1;
	snprintf(info->what, sizeof info->what, "%.127s", ci->callee);
	db_sql_table(m->lang, sql, verb, info->target, sizeof info->target);
	if (db_verb_is(m->lang, "dbops_sql_read_verbs", verb))
		return info->op = catalog_match(catalog_get(m->lang, "builder_one_links"), ci->name) ?
				  DB_OP_READ_ONE : DB_OP_READ;
	if (db_verb_is(m->lang, "dbops_sql_insert_verbs", verb))
		return info->op = DB_OP_INSERT;
	if (db_verb_is(m->lang, "dbops_sql_update_verbs", verb))
		return info->op = DB_OP_UPDATE;
	if (db_verb_is(m->lang, "dbops_sql_delete_verbs", verb))
		return info->op = DB_OP_DELETE;
	return DB_OP_NONE;
}

/* A builder chain kept in a local and run later: `let q = db.selectFrom(T)
 * .select(cols); if (...) q = q.where(...); return q.executeTakeFirst();`.
 * The call is a running link (catalog builder_run_links) on a plain name
 * whose first assignment in the function, before the call, starts a chain
 * on a session with a read head (builder_read_heads) or a statement head
 * (builder_*_heads). READ_ONE when the running link is a builder_one_links
 * one. */
static enum db_op db_builder_local_op(const struct model *m, const struct node *c,
				      struct db_op_info *info)
{
	static const struct { const char *list; enum db_op op; } heads[] = {
		{ "builder_update_heads", DB_OP_UPDATE },
		{ "builder_delete_heads", DB_OP_DELETE },
		{ "builder_insert_heads", DB_OP_INSERT },
		{ "builder_read_heads", DB_OP_READ },
	};
	const char *callee = c->u.call->callee, *name = c->u.call->name, *sess, *head;
	const struct node *fn, *x, *first = NULL;
	char recv[64], val[256], flat[256];
	size_t rn, i, j;

	if (!catalog_match(catalog_get(m->lang, "builder_run_links"), name))
		return DB_OP_NONE;
	/* the local is the callee's first name: `q.executeTakeFirst`,
	 * `q.where().executeTakeFirst` */
	rn = strcspn(callee, ".(");
	if (rn == 0 || rn >= sizeof recv || callee[rn] != '.')
		return DB_OP_NONE;
	memcpy(recv, callee, rn);
	recv[rn] = '\0';
	for (i = 0; recv[i]; i++)
		if (!isalnum((unsigned char)recv[i]) && recv[i] != '_' && recv[i] != '$')
			return DB_OP_NONE;
	if (catalog_match(catalog_get(m->lang, "session_names"), recv))
		return DB_OP_NONE;
	if ((fn = model_enclosing_func(m, c)) == NULL)
		return DB_OP_NONE;
	for (x = NULL; (x = model_walk(m, fn, x, 0)); )
		if (x->kind == NODE_ASSIGN && x->name != NULL && x->line < c->line &&
		    strcmp(x->name, recv) == 0 && x->value.len > 0 &&
		    (first == NULL || x->line < first->line))
			first = x;
	if (first == NULL)
		return DB_OP_NONE;
	span_copy(m, first->value, val, sizeof val);
	/* the dotted names before the first `(`, blanks dropped:
	 * `this.db\n  .selectFrom(` gives "this.db.selectFrom" */
	for (i = 0, j = 0; val[i] && val[i] != '(' && j + 1 < sizeof flat; i++)
		if (!isspace((unsigned char)val[i]))
			flat[j++] = val[i];
	flat[j] = '\0';
	if (val[i] != '(' || (head = strrchr(flat, '.')) == NULL || head == flat)
		return DB_OP_NONE;
	*(char *)head++ = '\0';
	sess = strrchr(flat, '.') ? strrchr(flat, '.') + 1 : flat;
	for (i = 0; flat[i]; i++)
		if (!isalnum((unsigned char)flat[i]) && flat[i] != '_' && flat[i] != '$' &&
		    flat[i] != '.')
			return DB_OP_NONE;
	if (!catalog_match(catalog_get(m->lang, "session_names"), sess))
		return DB_OP_NONE;
	for (i = 0; i < sizeof heads / sizeof *heads; i++)
		if (catalog_match(catalog_get(m->lang, heads[i].list), head)) {
			snprintf(info->what, sizeof info->what, "%.127s", callee);
			if (heads[i].op == DB_OP_READ && !db_builder_links_read(m, callee + rn + 1))
				return DB_OP_NONE;
			info->op = heads[i].op;
			if (info->op == DB_OP_READ &&
			    catalog_match(catalog_get(m->lang, "builder_one_links"), name))
				info->op = DB_OP_READ_ONE;
			return info->op;
		}
	return DB_OP_NONE;
}

/* A read into a destination (sqlx: `db.SelectContext(ctx, &rows, query,
 * args...)`, `db.reader.Get(&n, q, id)`; catalog words
 * sql_dest_read_methods, and sql_dest_context_methods for the forms that
 * take a context first): the `&x` argument in its place and the statement
 * after it, on a receiver path that names a session (`db`, `db.reader`,
 * `db.ReaderDB()`). The statement decides when it can be read: a literal,
 * or the literal a plain variable was last assigned, must start with a
 * read verb. When it cannot (SQL built by a builder, `sqlx.In`,
 * `Rebind`), a many-row Select still reads rows; a one-row Get is left
 * alone, since `INSERT ... RETURNING id` goes through Get too. */
static enum db_op db_dest_read_op(const struct model *m, const struct node *c,
				  const char *callee, struct db_op_info *info)
{
	const struct call_info *ci = c->u.call;
	const char *name = ci->name, *q;
	char seg[SEM_NAME_MAX], sql[512] = "", verb[16];
	int ctx = catalog_match(catalog_get(m->lang, "sql_dest_context_methods"), name), sess = 0;
	uint32_t d = ctx ? 1 : 0;
	size_t qn, sn;

	if (!ctx && !catalog_match(catalog_get(m->lang, "sql_dest_read_methods"), name))
		return DB_OP_NONE;
	if (ci->n_args < d + 2 || ci->args[d].name != NULL || ci->args[d + 1].name != NULL ||
	    ci->args[d].expr.len < 2 || span_ptr(m, ci->args[d].expr)[0] != '&')
		return DB_OP_NONE;
	/* a segment of the receiver path is a session: `db.reader`, `db.ReaderDB()` */
	for (const char *p = callee; *p && !sess; ) {
		sn = strcspn(p, ".(");
		if (p[sn] == '\0')
			break;          /* the method itself */
		if (sn > 0 && sn < sizeof seg) {
			memcpy(seg, p, sn);
			seg[sn] = '\0';
			sess = sem_is_session_name(m->lang, seg);
		}
		p += sn;
		while (*p == '(' || *p == ')' || *p == '.')
			p++;
	}
	if (!sess)
		return DB_OP_NONE;
	q = span_ptr(m, ci->args[d + 1].expr);
	qn = ci->args[d + 1].expr.len;
	if (sem_sql_literal(q, qn, sql, sizeof sql) == NULL && qn > 0 && qn < sizeof seg &&
	    (isalpha((unsigned char)q[0]) || q[0] == '_')) {
		const struct node *fn = model_enclosing_func(m, c), *a;

		size_t j = 0;

		memcpy(seg, q, qn);
		seg[qn] = '\0';
		while (j < qn && (isalnum((unsigned char)seg[j]) || seg[j] == '_'))
			j++;
		if (j == qn && fn != NULL && (a = sem_assignment(m, fn, seg, c->line)) != NULL &&
		    a->value.len > 0 &&
		    sem_sql_literal(span_ptr(m, a->value), a->value.len, sql, sizeof sql) == NULL)
			sql[0] = '\0';
	}
	if (sql[0] != '\0') {
		sem_sql_verb(sql, verb, sizeof verb);
		if (!db_verb_is(m->lang, "dbops_sql_read_verbs", verb))
			return DB_OP_NONE;
		db_sql_table(m->lang, sql, verb, info->target, sizeof info->target);
		info->sql = 1;
	} else if (catalog_match(catalog_get(m->lang, "sql_one_methods"), name)) {
		return DB_OP_NONE;
	}
	snprintf(info->what, sizeof info->what, "%.100s", ci->callee);
	return info->op = catalog_match(catalog_get(m->lang, "sql_one_methods"), name) ?
			  DB_OP_READ_ONE : DB_OP_READ;
}

enum db_op db_call_op(const struct model *m, const struct node *c, struct db_op_info *info)
{
	char callee[SEM_NAME_MAX];
	size_t i;

	/* no memset: this runs for every call; the strings are set on a match */
	info->op = DB_OP_NONE;
	info->sql = 0;
	info->what[0] = info->target[0] = '\0';
	if (c == NULL || c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
	    c->u.call->callee == NULL || (c->flags & NF_DECORATOR))
		return DB_OP_NONE;
	/* catalog_match_call is a bit test: the callee is resolved only for
	 * a match or for the SQL methods (this runs for every call) */
	for (i = 0; i < sizeof db_orm_lists / sizeof *db_orm_lists; i++)
		if (catalog_match_call(catalog_get(m->lang, db_orm_lists[i].list), m, c)) {
			if (db_plain_field_not_handle(m, c, NULL))
				break;
			/* a read-named last link of a chain that writes earlier
			 * (`User.query().patch(v).findById(id)`: the row the
			 * patch filters on) is that write: the builder decides */
			if ((db_orm_lists[i].op == DB_OP_READ_ONE || db_orm_lists[i].op == DB_OP_READ) &&
			    db_chain_writes_before(m, c->u.call->callee))
				break;
			sem_callee(m, c, callee, sizeof callee);
			snprintf(info->what, sizeof info->what, "%.127s", c->u.call->callee);
			db_target_of(callee, info->target, sizeof info->target);
			return info->op = db_orm_lists[i].op;
		}
	if (db_typed_op(m, c, info) != DB_OP_NONE)
		return info->op;
	if (db_typed_chain_op(m, c, info) != DB_OP_NONE)
		return info->op;
	if (db_model_class_op(m, c, info) != DB_OP_NONE)
		return info->op;
	if ((!catalog_list_empty(catalog_get(m->lang, "builder_update_methods")) ||
	     !catalog_list_empty(catalog_get(m->lang, "builder_update_heads"))) &&
	    db_builder_op(m, c, info) != DB_OP_NONE)
		return info->op;
	if (db_builder_read(m, c, info) != DB_OP_NONE)
		return info->op;
	if (!catalog_list_empty(catalog_get(m->lang, "builder_run_links")) &&
	    (db_builder_local_op(m, c, info) != DB_OP_NONE ||
	     db_sql_tag_run_op(m, c, info) != DB_OP_NONE))
		return info->op;
	if (catalog_list_empty(catalog_get(m->lang, "sql_methods")))
		return DB_OP_NONE;
	sem_callee(m, c, callee, sizeof callee);
	if ((info->op = db_sql_op(m, c, callee, info)) != DB_OP_NONE)
		return info->op;
	if (db_prepared_op(m, c, callee, info) != DB_OP_NONE)
		return info->op;
	if (catalog_list_empty(catalog_get(m->lang, "sql_dest_read_methods")))
		return DB_OP_NONE;
	return db_dest_read_op(m, c, callee, info);
}

int db_advice(const struct audit_input *in, const struct model *m, const char *check,
	      const char *target, struct finding *f)
{
	const struct tech_stack *st = auditor_stack(in->proj);
	const char *keys[2] = { st ? st->orm : NULL, st ? st->driver : NULL };
	const char *text = NULL, *p;
	struct strbuf sb = STRBUF_INIT;
	char name[128];
	size_t i;

	for (i = 0; i < 2 && text == NULL; i++)
		if (keys[i] != NULL) {
			snprintf(name, sizeof name, "%s.%s", keys[i], check);
			text = catalog_text(m->lang, name);
		}
	if (text == NULL)
		text = catalog_text(m->lang, check);
	if (text == NULL)
		return 0;
	if (target == NULL || *target == '\0')
		target = "the model";
	while ((p = strstr(text, "{target}")) != NULL) {
		sb_add(&sb, text, (size_t)(p - text));
		sb_adds(&sb, target);
		text = p + 8;
	}
	sb_adds(&sb, text);
	finding_set_recommendation(f, "%s", sb_str(&sb));
	sb_release(&sb);
	return 1;
}

const char *db_text(const struct model *m, const char *name, const char *const *kv, char *out,
		    size_t size)
{
	const char *text = catalog_text(m->lang, name), *p;
	size_t used = 0;

	if (text == NULL || size == 0)
		return NULL;
	out[0] = '\0';
	for (p = text; *p && used + 1 < size; ) {
		const char *val = NULL;
		size_t skip = 0, n;

		if (*p == '{')
			for (size_t i = 0; kv[i] && kv[i + 1]; i += 2) {
				n = strlen(kv[i]);
				if (strncmp(p + 1, kv[i], n) == 0 && p[1 + n] == '}') {
					val = kv[i + 1];
					skip = n + 2;
					break;
				}
			}
		if (val == NULL) {
			out[used++] = *p++;
			continue;
		}
		n = strlen(val);
		if (used + n + 1 > size)
			n = size - used - 1;
		memcpy(out + used, val, n);
		used += n;
		p += skip;
	}
	out[used] = '\0';
	return out;
}

int db_param_is_handle(const struct model *m, const struct node *fn, const char *name)
{
	const struct catalog_list *handles = catalog_get(m->lang, "db_handle_types");
	char type[128];
	const char *t;

	if (fn == NULL || fn->u.func == NULL || name == NULL || catalog_list_empty(handles))
		return 0;
	for (uint32_t i = 0; i < fn->u.func->n_params; i++) {
		const struct param *pa = &fn->u.func->params[i];

		if (pa->name == NULL || strcmp(pa->name, name) != 0 || pa->annotation.len == 0 ||
		    span_copy(m, pa->annotation, type, sizeof type) == NULL)
			continue;
		for (t = type; *t == '*'; t++)
			;
		return *t != '\0' && catalog_match(handles, t);
	}
	return 0;
}

enum db_op db_handed_sql_op(const struct model *m, const struct node *c, uint32_t arg,
			    const char *sql, struct db_op_info *info)
{
	char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX];
	const char *method;

	info->op = DB_OP_NONE;
	info->sql = 0;
	info->what[0] = info->target[0] = '\0';
	if (c == NULL || c->kind != NODE_CALL || c->u.call == NULL ||
	    (method = c->u.call->name) == NULL || c->u.call->callee == NULL ||
	    strchr(c->u.call->callee, '(') != NULL || arg >= c->u.call->n_args ||
	    c->u.call->args[arg].name != NULL ||
	    !catalog_match(catalog_get(m->lang, "sql_methods"), method))
		return DB_OP_NONE;
	/* the SQL comes first, or after a context (`ExecContext(ctx, q)`) */
	for (uint32_t i = 0; i < arg; i++) {
		char text[64];

		if (sem_sql_literal(span_ptr(m, c->u.call->args[i].expr), c->u.call->args[i].expr.len,
				    text, sizeof text) != NULL)
			return DB_OP_NONE;
	}
	if (arg > 1)
		return DB_OP_NONE;
	sem_callee(m, c, callee, sizeof callee);
	sem_receiver_name(callee, recv, sizeof recv);
	if (!sem_is_session_name(m->lang, recv))
		return DB_OP_NONE;
	return info->op = db_sql_text_op(m, recv, method, sql, info);
}
