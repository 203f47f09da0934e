/* missing_bulk_ops (ln-651): one INSERT or DELETE per item where a bulk
 * statement exists. */
#include "auditor.h"
#include "util/xalloc.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "semantic.h"
#include "db-ops.h"
#include "qe.h"
#include "summary.h"
#include "dispatch.h"

/* True when call c constructs a new ORM row: a model the index knows, or,
 * when the project declares no models, a CapWords class. */
static int qe_is_constructor(const struct audit_input *in, const struct model *m,
			     const struct node *c, char *model, size_t size)
{
	const char *name;

	if (c == NULL || c->kind != NODE_CALL || c->u.call == NULL ||
	    (name = c->u.call->name) == NULL || strchr(c->u.call->callee, '(') != NULL)
		return 0;
	(void)m;
	if (name[0] < 'A' || name[0] > 'Z')
		return 0;
	if (index_n_models(in->proj->index) > 0) {
		if (index_model_named(in->proj->index, name) == NULL)
			return 0;
	} else {
		size_t i;
		int lower = 0;

		for (i = 0; name[i]; i++)
			lower |= name[i] >= 'a' && name[i] <= 'z';
		if (!lower)
			return 0;
	}
	snprintf(model, size, "%s", name);
	return 1;
}

/* The first direct child call of n, or NULL. */
static const struct node *qe_first_child_call(const struct model *m, const struct node *n)
{
	const struct node *k;

	for (k = n->first_child ? model_node(m, n->first_child) : NULL; k != NULL && budget_step();
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		if (k->kind == NODE_CALL)
			return k;
	return NULL;
}

/* True when `name = Model(...)` is assigned somewhere under loop. */
static int qe_assigned_constructor(const struct audit_input *in, const struct model *m,
				   const struct node *loop, const char *name,
				   char *model, size_t size)
{
	const struct node *n;

	for (n = NULL; (n = model_walk(m, loop, n, 0)); ) {
		const struct node *c;

		if (n->kind != NODE_ASSIGN || n->name == NULL || strcmp(n->name, name) != 0)
			continue;
		c = qe_first_child_call(m, n);
		if (c != NULL && span_starts(m, n->value, c->u.call->callee) &&
		    qe_is_constructor(in, m, c, model, size))
			return 1;
	}
	return 0;
}

/* Recommendation for batching inserts, by stack. */
static void qe_bulk_recommendation(const struct audit_input *in, const struct model *m,
				   struct finding *f, const char *model, int deleting)
{
	const char *key = NULL;
	char text[1024];

	if (db_advice(in, m, "missing_bulk_ops", model, f))
		return;
	/* the catalog's wording per stack: "missing_bulk_ops.<stack>_<op>" */
	switch (sem_db_stack(in->proj)) {
	case SEM_DJANGO:
		key = deleting ? "missing_bulk_ops.django_delete" : "missing_bulk_ops.django_insert";
		break;
	case SEM_ASYNCPG:
		key = deleting ? "missing_bulk_ops.asyncpg_delete" : "missing_bulk_ops.asyncpg_insert";
		break;
	case SEM_PSYCOPG:
		key = deleting ? "missing_bulk_ops.psycopg_delete" : "missing_bulk_ops.psycopg_insert";
		break;
	case SEM_SA_ASYNC:
		key = deleting ? "missing_bulk_ops.sa_async_delete" : "missing_bulk_ops.sa_async_insert";
		break;
	case SEM_SA_SYNC:
		key = deleting ? "missing_bulk_ops.sa_sync_delete" : "missing_bulk_ops.sa_sync_insert";
		break;
	default:
		break;
	}
	if (key != NULL &&
	    db_text(m, key, (const char *const[]){ "model", model, NULL }, text, sizeof text))
		finding_set_recommendation(f, "%s", text);
}

/* Classifies call c as a per-row insert/delete for missing_bulk_ops;
 * fills what (the model or table) and sets *deleting. */
static int qe_bulk_trigger(const struct audit_input *in, const struct model *m,
			   const struct node *loop, const struct node *c,
			   char *what, size_t size, int *deleting)
{
	char callee[SEM_NAME_MAX], arg[256], sql[512], verb[16], text[2048];
	const struct node *k;
	const char *mgr;

	struct db_op_info oi;

	*deleting = 0;
	/* the catalog's ORM creates and SQL INSERTs (db-ops.h), an INSERT
	 * ... ON CONFLICT too (a multi-row one is the fix), also behind a
	 * wrapper function (sqlc) */
	if (db_call_op(m, c, &oi) == DB_OP_INSERT || (oi.op == DB_OP_UPSERT && oi.sql) ||
	    (oi.op == DB_OP_NONE && qe_wrapped_op(in, m, c, &oi) == DB_OP_INSERT)) {
		sem_node_text(m, c, text, sizeof text);
		if (oi.sql && (sem_text_set_based(text) || !sem_mentions_loop_target(m, loop, text)))
			return 0;
		snprintf(what, size, "%s", oi.target);
		/* a manager's own insert (`LogEntry.objects.log_create`): the
		 * model is before the manager */
		if ((mgr = qe_find(m, "qe_django_managers", c->u.call->callee, NULL)) != NULL &&
		    mgr > c->u.call->callee)
			snprintf(what, size, "%.*s", (int)(mgr - c->u.call->callee), c->u.call->callee);
		return 1;
	}
	/* a bulk insert (`createMany`) whose rows are built from the loop's
	 * item: one INSERT statement per item where one would do */
	if (oi.op == DB_OP_BULK &&
	    catalog_match_call(catalog_get(m->lang, "orm_bulk_insert_calls"), m, c)) {
		span_copy(m, c->u.call->args_text, text, sizeof text);
		if (!sem_mentions_loop_target(m, loop, text))
			return 0;
		snprintf(what, size, "%s", oi.target);
		*deleting = 2;   /* not a delete: one multi-row INSERT per item */
		return 1;
	}
	sem_callee(m, c, callee, sizeof callee);
	if (sem_session_call(m, c, "orm_add")) {
		/* session.add(Job(...)) or x = Job(...); session.add(x) */
		k = qe_first_child_call(m, c);
		if (k != NULL && qe_is_constructor(in, m, k, what, size))
			return 1;
		qe_arg(m, c, 0, arg, sizeof arg);
		return arg[0] != '\0' && qe_assigned_constructor(in, m, loop, arg, what, size);
	}
	if (sem_session_call(m, c, "orm_delete") && c->u.call->n_args == 1) {
		qe_arg(m, c, 0, arg, sizeof arg);
		*deleting = 1;
		snprintf(what, size, "%s", arg);
		return arg[0] != '\0';
	}
	/* Django: Job.objects.create(...) / obj = Job(...); obj.save() */
	if ((mgr = qe_find(m, "qe_django_managers", callee, NULL)) != NULL &&
	    qe_word(m, "qe_manager_creates", c->u.call->name)) {
		snprintf(what, size, "%.*s", (int)(mgr - callee), callee);
		return 1;
	}
	if (qe_word(m, "qe_instance_saves", c->u.call->name) &&
	    c->u.call->n_args == 0 && sem_db_stack(in->proj) == SEM_DJANGO) {
		char recv[SEM_NAME_MAX];

		snprintf(recv, sizeof recv, "%.*s", (int)(c->u.call->name - c->u.call->callee - 1),
			 c->u.call->callee);
		return qe_assigned_constructor(in, m, loop, recv, what, size);
	}
	if (!sem_session_call(m, c, "db_execute"))
		return 0;
	sem_node_text(m, c, text, sizeof text);
	if (sem_text_set_based(text) || strstr(text, "values([") != NULL ||
					       !sem_mentions_loop_target(m, loop, text))
		return 0;
	/* insert(Job).values(**row) executed once per item */
	for (k = c->first_child ? model_node(m, c->first_child) : NULL; k != NULL && budget_step();
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
		if (k->kind != NODE_CALL || !sem_call_is(m, k, "sql_insert"))
			continue;
		if (c->u.call->n_args >= 2 && qe_arg(m, c, 1, arg, sizeof arg)[0] == '[')
			return 0;
		sem_chain_head_args(m, k, what, size);
		return what[0] != '\0';
	}
	if (sem_sql_arg(m, c, sql, sizeof sql) != NULL &&
	    qe_word(m, "qe_sql_inserts", sem_sql_verb(sql, verb, sizeof verb))) {
		size_t il = 0;
		const char *into = qe_find_nocase(m, "qe_sql_into", sql, &il);

		what[0] = '\0';
		if (into != NULL) {
			size_t n = 0;

			into += il;
			while (*into == ' ')
				into++;
			while (into[n] && into[n] != ' ' && into[n] != '(' && n + 1 < size)
				n++;
			snprintf(what, size, "%.*s", (int)n, into);
		}
		return 1;
	}
	return 0;
}

/* True when text names a field of one of fn's parameters (`dto.data`,
 * `req.body`, `body?.items`): the value came in with the call. */
static int qe_names_param_member(const struct node *fn, const char *text)
{
	for (uint32_t i = 0; fn->u.func != NULL && i < fn->u.func->n_params; i++) {
		const char *name = fn->u.func->params[i].name, *p = text;
		size_t n = name ? strlen(name) : 0;

		if (n == 0)
			continue;
		while ((p = strstr(p, name)) != NULL) {
			int starts = p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_' ||
						    p[-1] == '.' || p[-1] == '$');

			if (starts && (p[n] == '.' || (p[n] == '?' && p[n + 1] == '.'))) {
				/* a field, not a method of the parameter itself
				 * (`ids.filter(...)` is the bare list) */
				const char *f = p + n + (p[n] == '?' ? 2 : 1);

				while (isalnum((unsigned char)*f) || *f == '_' || *f == '$')
					f++;
				if (*f != '(')
					return 1;
			}
			p += n;
		}
	}
	return 0;
}

/* True when loop, or a loop around it in the same function, walks a
 * list that came in with the call: a member of a parameter of the
 * outermost function around it (the handler's `req.body`, an import's
 * `dto.data.features`), itself or through the locals it was assigned
 * from (`const { addedTags } = req.body`). A bare parameter (a list the
 * caller built), a list a query or a helper returned, a configured or
 * defined list stay out: their size is the caller's or the data's. */
static int qe_loop_over_input(const struct audit_input *in, const struct model *m,
			      const struct node *loop)
{
	const struct node *fn = model_enclosing_func(m, loop), *top = fn, *up, *l;
	int depth = 0;

	while (top != NULL && (up = model_enclosing_func(m, top)) != NULL && depth++ < 8)
		top = up;
	if (top == NULL)
		return 0;
	for (l = loop, depth = 0; l != NULL && depth < 4; l = model_enclosing_loop(m, l), depth++) {
		struct strbuf sb = STRBUF_INIT;
		char iter[512];
		int hit;

		if (model_enclosing_func(m, l) != fn && model_enclosing_func(m, l) != NULL &&
		    !model_is_within(m, fn, model_enclosing_func(m, l)))
			break;
		sb_adds(&sb, sem_loop_iter(m, l, iter, sizeof iter));
		for (const struct node *f = model_enclosing_func(m, l); f != NULL;
		     f = f == top ? NULL : model_enclosing_func(m, f))
			qe_origin(in, m, f, iter, l->line, &sb, NULL);
		hit = qe_names_param_member(top, sb_str(&sb));
		sb_release(&sb);
		if (hit)
			return 1;
	}
	return 0;
}

/* A project helper named for creating the item's row (catalog
 * qe_insert_helper_names: `createStrategy`, `addTag`), called with the
 * loop's item over a list that came in with the request, whose summary
 * reaches the database (a read, the guard before the write) but shows
 * no write: the INSERT sits behind a collaborator the index cannot
 * follow (an injected store typed by its interface). The name is the only
 * witness of the write, so only the request's own list counts: a list a
 * query returned, a bare parameter, a small literal, a set-named helper
 * (`tagFeatures`) or a call without the item stay silent. */
static int qe_named_insert(const struct audit_input *in, size_t fi, const struct node *loop,
			   const struct node *c, char *what, size_t size)
{
	const struct model *m = in->proj->files[fi].model;
	const char *name = c->u.call->name;
	unsigned facts;
	char text[1024];

	if (in->sum == NULL || !qe_word(m, "qe_insert_helper_names", name) ||
	    qe_word(m, "qe_set_helper_names", name))
		return 0;
	/* a write of no per-row kind (an insert the summaries do not
	 * classify: a builder insert, an audit event) still leaves the name
	 * as the witness of what the helper writes per item */
	facts = summary_call_facts(in->sum, fi, c);
	if (!(facts & (SUM_DB_READ | SUM_DB_WRITE)) ||
	    (facts & (SUM_ROW_WRITES | SUM_MEMOISED | SUM_SIDE_EFFECT | SUM_COMMITS)))
		return 0;
	if (qe_loop_over_stream(m, loop) || (loop->flags & NF_SMALL_LITERAL))
		return 0;
	sem_node_text(m, c, text, sizeof text);
	if (sem_text_set_based(text) || !qe_loop_over_input(in, m, loop))
		return 0;
	/* the item, or what the variables the call uses hold (`const {
	 * createdAt, ...rest } = feature; create(rest)`) */
	{
		struct strbuf sb = STRBUF_INIT;
		int per_item;

		sb_adds(&sb, text);
		qe_origin(in, m, model_enclosing_func(m, c), text, c->line, &sb, NULL);
		per_item = sem_mentions_loop_target(m, loop, sb_str(&sb));
		sb_release(&sb);
		if (!per_item)
			return 0;
	}
	snprintf(what, size, "%.*s", (int)strcspn(c->u.call->callee, "("), c->u.call->callee);
	return 1;
}

/* For a write through a helper: the set-based statement belongs in a
 * helper that takes the list, called once after the loop. */
static void qe_helper_advice(struct finding *f, const char *helper)
{
	char *stack = f->recommendation ? strdup(f->recommendation) : NULL;

	finding_set_recommendation(f, "Give `%s` a variant that takes the whole list and call "
				   "it once after the loop%s%s", helper, stack ? ": " : ".",
				   stack ? stack : "");
	free(stack);
}

/* missing_bulk_ops — `session.add(x)` / `session.delete(x)` / `.save()` /
 * single-row INSERT inside a loop where `add_all`, `insert().values([...])`,
 * `bulk_create`, `createMany` exists. MEDIUM. */
/* The end of the value that starts at text[i] (after a key's colon): the
 * first `,` or closing bracket outside the brackets it opens. */
static size_t qe_value_end(const char *text, size_t i, size_t len)
{
	int depth = 0;

	for (; i < len && budget_step(); i++) {
		char ch = text[i];

		if (ch == '(' || ch == '[' || ch == '{')
			depth++;
		else if (ch == ')' || ch == ']' || ch == '}') {
			if (depth-- == 0)
				return i;
		} else if (ch == ',' && depth == 0)
			return i;
	}
	return len;
}

/* True when text holds an object key of the catalog's
 * orm_nested_write_keys (`create: [...]`), outside the value of a key of
 * orm_nested_link_keys (`connectOrCreate: tags.map(...)` links shared rows
 * such as tags, which a bulk insert and a second statement can do). */
static int qe_has_nested_write_key(const struct model *m, const char *text, size_t len)
{
	const struct catalog_list *keys = catalog_get(m->lang, "orm_nested_write_keys");
	const struct catalog_list *links = catalog_get(m->lang, "orm_nested_link_keys");

	for (size_t i = 0; i < len && budget_step(); i++) {
		char word[64];
		size_t n = 0, j;

		if (!(isalpha((unsigned char)text[i]) || text[i] == '_') ||
		    (i > 0 && (isalnum((unsigned char)text[i - 1]) || text[i - 1] == '_' ||
			       text[i - 1] == '.')))
			continue;
		while (i + n < len && (isalnum((unsigned char)text[i + n]) || text[i + n] == '_') &&
		       n + 1 < sizeof word) {
			word[n] = text[i + n];
			n++;
		}
		word[n] = '\0';
		for (j = i + n; j < len && (text[j] == ' ' || text[j] == '\t'); j++)
			;
		if (j < len && text[j] == ':' && catalog_match(keys, word))
			return 1;
		if (j < len && text[j] == ':' && catalog_match(links, word)) {
			i = qe_value_end(text, j + 1, len);
			continue;
		}
		i += n - 1;
	}
	return 0;
}

/* True when text passes a value whole: a spread (`...query`) or a key
 * whose value is a bare name (`data: row,`). */
static int qe_value_passed_whole(const char *text)
{
	if (strstr(text, "...") != NULL)
		return 1;
	for (const char *p = strchr(text, ':'); p != NULL; p = strchr(p + 1, ':')) {
		const char *q = p + 1;

		while (*q == ' ' || *q == '\n' || *q == '\t')
			q++;
		if (!(isalpha((unsigned char)*q) || *q == '_' || *q == '$'))
			continue;
		while (isalnum((unsigned char)*q) || *q == '_' || *q == '$')
			q++;
		while (*q == ' ' || *q == '\n' || *q == '\t')
			q++;
		if (*q == ',' || *q == '}')
			return 1;
	}
	return 0;
}

/* True when the create's row carries nested creates of its relations
 * (`data: { ...q, children: { create: [...] } }`): in its arguments or,
 * when they pass the item whole (a spread, `data: row`), in what the
 * loop's list holds (its locals, through the callbacks around the loop)
 * or in the body of the project function that builds its objects, one
 * call away (`roots.map((r) => this.buildTree(r))`). A multi-row create
 * takes flat rows only, so there is no bulk form of such an insert. */
static int qe_nested_create(const struct audit_input *in, size_t fi, const struct node *loop,
			    const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = model_enclosing_func(m, loop), *k;
	struct strbuf text = STRBUF_INIT;
	char args[1024], buf[512];
	size_t n;
	int hit;

	if (catalog_list_empty(catalog_get(m->lang, "orm_nested_write_keys")))
		return 0;
	span_copy(m, c->u.call->args_text, args, sizeof args);
	if (qe_has_nested_write_key(m, args, strlen(args)))
		return 1;
	if (!qe_value_passed_whole(args))
		return 0;
	sb_adds(&text, sem_loop_iter(m, loop, buf, sizeof buf));
	for (n = 0; sem_ident_char(buf[n]); n++)
		;
	/* what the list is assigned, in the callbacks around the loop or in
	 * their function: one step only (the names its fields read, `user.id`,
	 * hold other rows) */
	for (const struct node *f = fn; f != NULL; f = model_enclosing_func(m, f)) {
		const struct node *as;

		fn = f;
		if (n > 0 && buf[n] == '\0' && !isdigit((unsigned char)buf[0]) &&
		    (as = sem_assignment(m, f, buf, loop->line)) != NULL) {
			char val[1024];

			sb_addc(&text, '\n');
			sb_adds(&text, span_copy(m, as->value, val, sizeof val));
			break;
		}
		if (!(f->flags & NF_LAMBDA))
			break;
	}
	hit = qe_has_nested_write_key(m, sb_str(&text), strlen(sb_str(&text)));
	/* the builders it calls: a project function whose body nests writes */
	for (k = NULL; !hit && fn != NULL && in->sum != NULL &&
	     (k = model_walk(m, fn, k, 1)) != NULL && budget_step(); ) {
		struct func_ref ref;
		const struct model *dm;
		const struct node *d;
		char pat[160];

		if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->name == NULL ||
		    k->line > loop->line)
			continue;
		snprintf(pat, sizeof pat, "%s(", k->u.call->name);
		if (strstr(sb_str(&text), pat) == NULL ||
		    !summary_call_target(in->sum, fi, k, &ref) ||
		    (dm = in->proj->files[ref.file].model) == NULL)
			continue;
		d = &dm->nodes[ref.node];
		{
			size_t l0 = 0, l1 = 0;
			const char *a = model_line(dm, d->line, &l0);
			const char *b = model_line(dm, d->end_line, &l1);

			hit = a != NULL && b != NULL && b >= a &&
			      qe_has_nested_write_key(dm, a, (size_t)(b - a) + l1);
		}
	}
	sb_release(&text);
	return hit;
}

/* True when text holds word w bounded by non-name characters. */
static int qe_has_word(const char *text, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = text; n > 0 && (p = strstr(p, w)) != NULL; p++)
		if ((p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '$' ||
				    p[-1] == '.')) &&
		    !(isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '$'))
			return 1;
	return 0;
}

/* True when the row insert c makes feeds the next iteration's insert: its
 * result is kept (`const row = await T.insert({ parentId: cur })`) and a
 * field of it becomes a value the insert itself uses (`cur = row.id`). A
 * chain of rows each naming the previous one's generated key cannot be
 * one multi-row statement. */
int qe_insert_feeds_next(const struct model *m, const struct node *loop, const struct node *c)
{
	const struct node *a = c, *k;
	char text[512], val[160], key[80];

	while (a->parent != 0 && a->kind != NODE_ASSIGN && a != loop)
		a = &m->nodes[a->parent];
	if (a->kind != NODE_ASSIGN || a->name == NULL || !model_is_within(m, a, loop) ||
	    strlen(a->name) + 2 >= sizeof key)
		return 0;
	snprintf(key, sizeof key, "%s.", a->name);
	sem_node_text(m, c, text, sizeof text);
	for (k = NULL; (k = model_walk(m, loop, k, 0)) != NULL; ) {
		size_t n;

		if (k->kind != NODE_ASSIGN || k == a || k->name == NULL || k->value.len == 0 ||
		    k->value.len >= sizeof val)
			continue;
		n = k->value.len;
		memcpy(val, m->src + k->value.off, n);
		val[n] = '\0';
		if (strncmp(val, key, strlen(key)) == 0 && qe_has_word(text, k->name))
			return 1;
	}
	return 0;
}

static void qe_missing_bulk_ops_file(const struct audit_input *in, size_t fi,
				   struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct check_def *chk = &qe_checks[QE_MISSING_BULK_OPS];
	unsigned char *reported = calloc(m->n_nodes ? m->n_nodes : 1, 1);
	const struct node *c;

	for (c = NULL; (c = model_walk(m, model_node(m, 0), c, 1)); ) {
		const struct node *loop;
		char what[256], call[128], header[128], desc[160], per[400], why[300] = "";
		int deleting = 0, helper = 0;
		unsigned facts;
		struct finding *f;

		if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
		    (c->flags & NF_DECORATOR))
			continue;
		loop = qe_per_row_loop(m, c, 0, 0);
		if (loop == NULL || (loop->flags & NF_COMPREHENSION) || reported[node_index(m, loop)] ||
		    sem_runs_once_in_loop(m, c, loop) ||
		    qe_once_guarded(in, fi, c, loop) || qe_loop_prompts(m, loop) ||
		    qe_startup_config_loop(in, fi, c, loop) || qe_request_field_loop(in, fi, loop))
			continue;
		if (!qe_bulk_trigger(in, m, loop, c, what, sizeof what, &deleting)) {
			/* a helper that creates the item's row (and maybe updates
			 * its companions): a helper that only updates or deletes is
			 * n_update_delete_loop's */
			if (qe_helper_write(in, fi, loop, c, SUM_DB_INSERT, 0, what, sizeof what,
					    why, sizeof why, &facts))
				;
			else if (qe_named_insert(in, fi, loop, c, what, sizeof what))
				snprintf(why, sizeof why, " (a helper named for the insert; its "
					 "statement sits behind a collaborator)");
			else
				continue;
			/* the item's own work, or one command per item (its own
			 * arm of a switch on the item's kind: add a tag, move to
			 * a list), not one row per item to batch */
			if (qe_loop_item_work(m, loop, c) || qe_dispatch_helper(in, fi, c))
				continue;
			helper = 1;
		} else if (qe_loop_side_effect(in, fi, loop, c) ||
			   (deleting == 0 && qe_nested_create(in, fi, loop, c)) ||
			   (deleting == 0 && qe_insert_feeds_next(m, loop, c))) {
			continue;
		}
		/* the parts of one object (a handful); removing every child of a
		 * row stays reported (one statement on the relation's set) */
		if ((helper || deleting != 1) && qe_one_object_loop(in, fi, loop))
			continue;
		if (qe_pair_pinned_loop(in, fi, loop) || qe_object_field_loop(m, loop) ||
		    qe_path_parts_loop(m, loop) || qe_fixed_module_list(in, fi, loop))
			continue;
		if (qe_unreached_function(in, fi, c))
			continue;
		reported[node_index(m, loop)] = 1;
		f = auditor_emit(in, out, chk, SEV_MEDIUM, fi, c);
		if (f == NULL)
			continue;
		sem_call_source(m, c, call, sizeof call);
		sem_header_text(m, loop, header, sizeof header);
		sem_func_desc(in, fi, c, desc, sizeof desc);
		/* a table named by a constant or an expression is left unnamed */
		if (deleting == 2 && what[0] == '\0')
			snprintf(per, sizeof per, "%s", "sends one multi-row INSERT per item");
		else if (deleting == 2)
			snprintf(per, sizeof per, "sends one multi-row `%.100s` INSERT per item",
				 what);
		else if (deleting)
			snprintf(per, sizeof per, "%s", "issues one DELETE per object");
		else if (helper)
			snprintf(per, sizeof per, "inserts one row per item%s", why);
		else if (what[0] == '\0')
			snprintf(per, sizeof per, "%s", "inserts one row per item");
		else
			snprintf(per, sizeof per, "inserts one `%.100s` row per item", what);
		if (sem_find_call(m, loop, "db_flush") != NULL || sem_find_call(m, loop, "db_commit"))
			finding_set_issue(f, "`%s` inside `%s` in %s %s and flushes or commits "
					  "every iteration: one round trip per item",
					  call, header, desc, per);
		else
			finding_set_issue(f, "`%s` inside `%s` in %s %s instead of one "
					  "bulk statement", call, header, desc, per);
		qe_bulk_recommendation(in, m, f,
				       helper || what[0] == '\0' ? qe_model_placeholder(m) : what,
				       deleting == 1);
		if (helper)
			qe_helper_advice(f, what);
		sem_add_line(f, m, loop->line);
	}
	free(reported);
}

const struct check_impl check_missing_bulk_ops = {
	.def = &qe_checks[QE_MISSING_BULK_OPS],
	.file = qe_missing_bulk_ops_file,
};
