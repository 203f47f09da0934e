/* ln-651 Query Efficiency: recognising reads and following values.
 *
 * Shared by the read checks (n_plus_one.c, over_fetching.c) and the
 * cross-function checks (redundant_fetch.c, unnecessary_resolve.c): what counts as a
 * database read (by receiver and method), which model it reads, and
 * what a local variable holds (the values of its assignments, followed
 * through a few hops), so `stmt = select(Job)` / `session.execute(stmt)`
 * is seen as a SELECT of Job. */
#include "auditor.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "semantic.h"
#include "db-ops.h"
#include "qe.h"
#include "summary.h"
#include "receiver-types.h"
#include "util/xalloc.h"

/* True for characters that continue an identifier. */
static int qe_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

const char *qe_next_name(const char *text, const char *p, char *word, size_t cap)
{
	size_t k = 0;

	while (*p != '\0' && (!qe_ident_char(*p) ||
			       (p > text && (p[-1] == '.' || qe_ident_char(p[-1])))))
		p++;
	if (*p == '\0')
		return NULL;
	while (qe_ident_char(p[k]) && k + 1 < cap) {
		word[k] = p[k];
		k++;
	}
	word[k] = '\0';
	return p + k;
}

int qe_word(const struct model *m, const char *list, const char *name)
{
	return catalog_match(catalog_get(m->lang, list), name);
}

int qe_span_word(const struct model *m, const char *list, struct span s)
{
	char small[512], *text = s.len < sizeof small ? small : xmalloc((size_t)s.len + 1);
	int hit;

	memcpy(text, span_ptr(m, s), s.len);
	text[s.len] = '\0';
	hit = qe_word(m, list, text);
	if (text != small)
		free(text);
	return hit;
}

const char *qe_fragment(const struct model *m, const char *list, const char *text, char *buf,
			size_t size)
{
	const char *p = catalog_match_pattern(catalog_get(m->lang, list), text);

	if (p == NULL || size == 0)
		return NULL;
	/* "*x*", "x*", "*.x.*": the literal between the stars */
	return sem_pattern_literal(p, buf, size);
}

const char *qe_find(const struct model *m, const char *list, const char *text, size_t *len)
{
	char frag[128];
	const char *p;

	if (qe_fragment(m, list, text, frag, sizeof frag) == NULL || frag[0] == '\0')
		return NULL;
	p = strstr(text, frag);
	if (p != NULL && len != NULL)
		*len = strlen(frag);
	return p;
}

const char *qe_find_nocase(const struct model *m, const char *list, const char *text,
			   size_t *len)
{
	char small[512], *lower = strlen(text) < sizeof small ? small : xstrdup(text), frag[128];
	const char *p = NULL;
	size_t i;

	for (i = 0; text[i]; i++)
		lower[i] = (char)tolower((unsigned char)text[i]);
	lower[i] = '\0';
	if (qe_fragment(m, list, lower, frag, sizeof frag) != NULL && frag[0] != '\0' &&
	    (p = strcasestr(text, frag)) != NULL && len != NULL)
		*len = strlen(frag);
	if (lower != small)
		free(lower);
	return p;
}

const char *qe_model_placeholder(const struct model *m)
{
	const char *t = catalog_text(m->lang, "query_efficiency.model_placeholder");

	return t != NULL ? t : "";
}

const struct orm_model *qe_model_arg(const struct audit_input *in, const char *text)
{
	char name[128];
	const char *p = text, *dot;
	size_t n = 0;

	while (*p == ' ' || *p == '(')
		p++;
	while (qe_ident_char(p[n]) || p[n] == '.')
		n++;
	if (n == 0 || n >= sizeof name)
		return NULL;
	snprintf(name, sizeof name, "%.*s", (int)n, p);
	/* `models.User` names the class User */
	if ((dot = strrchr(name, '.')) != NULL)
		memmove(name, dot + 1, strlen(dot));
	return in->proj->index ? index_model_named(in->proj->index, name) : NULL;
}

/* The text of positional argument i of call c, or "" (into buf). */
static const char *qe_pos_arg(const struct model *m, const struct node *c, uint32_t i,
			      char *buf, size_t size)
{
	buf[0] = '\0';
	if (c->u.call != NULL && i < c->u.call->n_args && c->u.call->args[i].name == NULL)
		span_copy(m, c->u.call->args[i].expr, buf, size);
	return buf;
}

const struct orm_model *qe_text_entity(const struct audit_input *in, const struct model *m,
				      const char *text)
{
	/* builders whose first argument is the model: select(M), query(M),
	 * Django's get_object_or_404(M, ...) */
	static const char *const heads[] = { "qe_select_builders", "qe_query_builders",
					     "qe_shortcut_builders" };
	char head[64], mgr[64];
	const char *p;

	for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
		if (qe_fragment(m, heads[i], text, head, sizeof head) == NULL || head[0] == '\0')
			continue;
		for (p = strstr(text, head); p != NULL; p = strstr(p + 1, head)) {
			const struct orm_model *om;

			if (p > text && qe_ident_char(p[-1]))
				continue;   /* with_only_select( ... */
			if ((om = qe_model_arg(in, p + strlen(head))) != NULL)
				return om;
		}
	}
	/* Django: Order.objects.filter(...) */
	if (qe_fragment(m, "qe_django_managers", text, mgr, sizeof mgr) == NULL || mgr[0] == '\0')
		return NULL;
	for (p = strstr(text, mgr); p != NULL; p = strstr(p + 1, mgr)) {
		const char *s = p;

		while (s > text && qe_ident_char(s[-1]))
			s--;
		if (s < p) {
			char name[128];
			const struct orm_model *om;

			snprintf(name, sizeof name, "%.*s", (int)(p - s), s);
			if (in->proj->index && (om = index_model_named(in->proj->index, name)) != NULL)
				return om;
		}
	}
	return NULL;
}

/* True when the text of a statement, after substituting its variables,
 * is a SELECT (not an UPDATE/DELETE/INSERT built with the same names). */
static int qe_text_is_select(const struct model *m, const char *text)
{
	char verb[16];
	const char *q;

	if (qe_word(m, "qe_write_builders", text))
		return 0;
	if (qe_word(m, "qe_select_builders", text))
		return 1;
	/* a SQL literal: the first quote starts the statement */
	for (q = text; *q && *q != '"' && *q != '\''; q++)
		;
	while (*q == '"' || *q == '\'')
		q++;
	sem_sql_verb(q, verb, sizeof verb);
	return qe_word(m, "qe_sql_reads", verb);
}

/* True when the statement text writes: an update()/delete()/insert()
 * builder, or SQL whose first literal starts with UPDATE, DELETE or
 * INSERT. */
static int qe_text_is_write(const struct model *m, const char *text)
{
	char verb[16];
	const char *q;

	if (qe_word(m, "qe_write_builders", text))
		return 1;
	for (q = text; *q && *q != '"' && *q != '\''; q++)
		;
	if (*q == '\0')
		return 0;
	while (*q == '"' || *q == '\'')
		q++;
	sem_sql_verb(q, verb, sizeof verb);
	return qe_word(m, "qe_sql_writes", verb);
}

/* True when class name cls is a project model, or a mixin one of the
 * project's models names among its bases (`class DataSource(OrgMixin,
 * db.Model)`). */
static int qe_model_or_mixin_scan(const struct audit_input *in, const char *cls)
{
	size_t n = index_n_models(in->proj->index), cl = strlen(cls);

	if (cl == 0 || index_model_named(in->proj->index, cls) != NULL)
		return cl > 0;
	for (size_t i = 0; i < n && budget_step(); i++) {
		const struct orm_model *om = index_model_at(in->proj->index, i);
		const struct model *mm;
		const struct node *k;
		char bases[256];

		if (om == NULL || om->where.file >= in->proj->n_files ||
		    (mm = in->proj->files[om->where.file].model) == NULL)
			continue;
		k = model_node(mm, om->where.node);
		if (k->kind != NODE_CLASS || k->u.cls == NULL)
			continue;
		span_copy(mm, k->u.cls->bases, bases, sizeof bases);
		for (const char *b = bases; (b = strstr(b, cls)) != NULL; b += cl)
			if ((b == bases || !qe_ident_char(b[-1])) && !qe_ident_char(b[cl]))
				return 1;
	}
	return 0;
}

/* The answer of qe_model_or_mixin_scan by class name: asked for every
 * `self.x(...)` call in a method, it would scan every model's bases each
 * time (most classes of a service are no model). Direct-mapped; the
 * audit context owns it. */
enum { QE_MIXIN_SLOTS = 128, QE_MIXIN_NAME = 64 };
struct qe_mixin_memo {
	struct {
		char name[QE_MIXIN_NAME];
		int is;
	} slot[QE_MIXIN_SLOTS];
};

static const struct audit_cache_def qe_mixin_memo_def = {
	.name = "whether a class is a model or a mixin of models, by name",
	.size = sizeof(struct qe_mixin_memo),
};

static int qe_model_or_mixin(const struct audit_input *in, const char *cls)
{
	struct qe_mixin_memo *mm;
	size_t cl = strlen(cls), h = 5381;

	if (in->audit == NULL || cl == 0 || cl >= QE_MIXIN_NAME)
		return qe_model_or_mixin_scan(in, cls);
	for (size_t i = 0; i < cl; i++)
		h = h * 33 + (unsigned char)cls[i];
	mm = audit_context_cache(in->audit, &qe_mixin_memo_def);
	h %= QE_MIXIN_SLOTS;
	if (strcmp(mm->slot[h].name, cls) != 0) {
		int is = qe_model_or_mixin_scan(in, cls);

		if (budget_stopped())
			return is;  /* a scan cut short is no answer to keep */
		memcpy(mm->slot[h].name, cls, cl + 1);
		mm->slot[h].is = is;
	}
	return mm->slot[h].is;
}

/* The class a method's first parameter stands for: when callee starts
 * with that parameter (`cls.query...`, `self.query...`) in a method of a
 * model class or of a mixin of models, the class name into buf (the
 * model's query is the class's, whichever way it is reached); NULL
 * otherwise. */
static const char *qe_own_class(const struct audit_input *in, const struct model *m,
				const struct node *c, const char *callee, char *buf, size_t size)
{
	const struct node *f = c != NULL ? model_enclosing_func(m, c) : NULL, *k;
	const char *p;
	size_t pl;

	while (f != NULL && (f->flags & NF_LAMBDA))
		f = model_enclosing_func(m, f);
	if (f == NULL || f->u.func == NULL || f->u.func->n_params == 0 || f->parent == 0 ||
	    (k = model_node(m, f->parent))->kind != NODE_CLASS || k->name == NULL ||
	    (p = f->u.func->params[0].name) == NULL)
		return NULL;
	pl = strlen(p);
	if (strncmp(callee, p, pl) != 0 || callee[pl] != '.' ||
	    snprintf(buf, size, "%s%s", k->name, callee + pl) >= (int)size ||
	    !qe_model_or_mixin(in, k->name))
		return NULL;
	return buf;
}

/* True when callee is a Flask-SQLAlchemy query on a model class,
 * `User.query.filter_by().first` (the class a model the index knows, or
 * CapWords when it knows none); its name goes to model. */
/* True when the local variable var, at line `before` of fn, holds an ORM
 * query object: assigned `session.query(...)...` or `Model.query...`,
 * possibly refined by `var = var.filter(...)` on the way. */
/* True when text v starts with a call chain on a session handle (`tx.`,
 * `s.db.`, whitespace between the links allowed): the receiver before
 * the first call is a session name. Only where the catalog word
 * qe_session_chain_locals says a chain of builders is a query. */
static int qe_session_chain(const struct model *m, const char *v)
{
	char head[SEM_NAME_MAX], recv[SEM_NAME_MAX];
	const char *last;
	size_t n = 0;

	if (catalog_list_empty(catalog_get(m->lang, "qe_session_chain_locals")))
		return 0;
	for (; *v && *v != '(' && n + 1 < sizeof head; v++)
		if (*v != ' ' && *v != '\n' && *v != '\t' && *v != '\r')
			head[n++] = *v;
	head[n] = '\0';
	if (*v != '(' || n == 0)
		return 0;
	/* drop the first call's name: `s.db.WithContext` -> `s.db` */
	if ((last = strrchr(head, '.')) == NULL)
		return 0;
	head[last - head] = '\0';
	last = strrchr(head, '.');
	snprintf(recv, sizeof recv, "%s", last ? last + 1 : head);
	for (const char *q = head; *q; q++)
		if (!qe_ident_char(*q) && *q != '.')
			return 0;
	return recv[0] != '\0' && sem_is_session_name(m->lang, recv);
}

static int qe_var_holds_query(const struct audit_input *in, const struct model *m,
			      const struct node *fn, const char *var, uint32_t before)
{
	size_t vl = strlen(var);
	int hops;

	for (hops = 0; hops < 8; hops++) {
		const struct node *as = sem_assignment(m, fn, var, before);
		char text[512], own[SEM_NAME_MAX];
		const char *v, *q;

		if (as == NULL || as->value.len == 0)
			return 0;
		span_copy(m, as->value, text, sizeof text);
		for (v = text; *v == '(' || *v == ' ' || *v == '\n' || *v == '\t'; v++)
			;
		/* `query = cls.query.filter(...)` in a model's classmethod */
		if (!isupper((unsigned char)v[0]) && qe_own_class(in, m, as, v, own, sizeof own))
			v = own;
		if (qe_word(m, "qe_session_query", v) && !qe_word(m, "qe_select_heads", v))
			return 1;
		if (isupper((unsigned char)v[0]) && (q = qe_find(m, "qe_model_query", v, NULL)) != NULL &&
		    q < v + strcspn(v, "("))
			return 1;
		/* a Django queryset, lazy until a method runs it:
		 * `loans = Loan.objects.filter(book=b)` */
		if (isupper((unsigned char)v[0]) &&
		    (q = qe_find(m, "qe_django_managers", v, NULL)) != NULL &&
		    q < v + strcspn(v, "("))
			return 1;
		/* a chain of query builders begun on a session (`q :=
		 * tx.WithContext(ctx).Preload("Users").Where("id = ?", id)`),
		 * where the catalog says builders return the query
		 * (qe_session_chain_locals) */
		if (qe_session_chain(m, v))
			return 1;
		/* `q = q.filter(...)`: what q held before */
		if (strncmp(v, var, vl) == 0 && v[vl] == '.') {
			before = as->line;
			continue;
		}
		return 0;
	}
	return 0;
}

/* qe_model_query without asking the index whether the class is a model
 * (the caller knows it is one, or a mixin of models). */
static int qe_model_query_of(const struct audit_input *in, const struct model *m,
			     const char *callee, char *model, size_t size)
{
	const char *q = qe_find(m, "qe_model_query", callee, NULL), *s;
	size_t n;

	(void)in;
	if (q == NULL)
		return 0;
	for (s = q; s > callee && s[-1] != '.' && s[-1] != '('; s--)
		;
	n = (size_t)(q - s);
	if (n == 0 || n >= size || !isupper((unsigned char)s[0]))
		return 0;
	memcpy(model, s, n);
	model[n] = '\0';
	return 1;
}

static int qe_model_query(const struct audit_input *in, const struct model *m,
			  const char *callee, char *model, size_t size)
{
	if (!qe_model_query_of(in, m, callee, model, size))
		return 0;
	if (index_n_models(in->proj->index) > 0 && index_model_named(in->proj->index, model) == NULL)
		return 0;
	return 1;
}

/* True when recv is a parameter of call c's function (or of a function
 * around it), a local of it or a package-level variable of its file
 * (`var SessionStore *session.Store`) declared with a type of the
 * catalog's non_store_types (Go: `cacheStore *sync.Map`, a web
 * framework's session store): an in-memory map or a cookie session,
 * whatever its name says. */
static int qe_recv_not_store(const struct model *m, const struct node *c, const char *recv)
{
	const struct catalog_list *types = catalog_get(m->lang, "non_store_types");
	char type[96];

	if (catalog_list_empty(types) || recv[0] == '\0')
		return 0;
	for (const struct node *f = model_enclosing_func(m, c); f != NULL;
	     f = model_enclosing_func(m, f)) {
		for (uint32_t i = 0; f->u.func != NULL && i < f->u.func->n_params; i++) {
			const struct param *pa = &f->u.func->params[i];

			if (pa->name == NULL || strcmp(pa->name, recv) != 0 || pa->annotation.len == 0)
				continue;
			span_copy(m, pa->annotation, type, sizeof type);
			return catalog_match(types, type);
		}
		if (sem_assignment(m, f, recv, 0) != NULL)
			return receiver_go_local_decl_type(m, f, c, recv, type, sizeof type) != NULL &&
			       catalog_match(types, type);
	}
	return receiver_go_global_decl_type(m, recv, type, sizeof type) != NULL &&
	       catalog_match(types, type);
}

static int qe_chain_head_queryset(const struct audit_input *in, const struct model *m,
				  const struct node *c);

/* True when call c runs the statement fn is handed in a parameter typed
 * as a SELECT (`async def _execute_query(self, statement: Select):
 * return await self.session.execute(statement)`, catalog
 * qe_select_statement_types): the repository's read path. */
static int qe_select_param(const struct model *m, const struct node *fn, const struct node *c)
{
	char arg[128], ann[128];

	if (fn == NULL || fn->kind != NODE_FUNC || fn->u.func == NULL ||
	    c->u.call->n_args == 0 || c->u.call->args[0].name != NULL)
		return 0;
	span_copy(m, c->u.call->args[0].expr, arg, sizeof arg);
	for (uint32_t k = 0; arg[0] != '\0' && k < fn->u.func->n_params; k++) {
		const struct param *pa = &fn->u.func->params[k];

		if (pa->name == NULL || strcmp(pa->name, arg) != 0 || pa->annotation.len == 0)
			continue;
		return qe_word(m, "qe_select_statement_types",
			       span_copy(m, pa->annotation, ann, sizeof ann));
	}
	return 0;
}

enum { QE_MAX_CLIENT_DEFS = 16 };

/* True when the project defines functions named like call c, in c's
 * language, and each of them calls another service without touching the
 * database (summary facts): an ORM generates its relation getters
 * (`order.getItems()`), while a `get*` the project writes on its own API
 * client (`tmdb.getDiscover()`) is a remote call, not a lazy load. */
static int qe_callee_is_remote_client(const struct audit_input *in, const struct model *m,
				      const struct node *c)
{
	const struct func_ref *defs;
	size_t n = 0, same_lang = 0;

	/* a name defined more often than a few clients would is no client
	 * (and a crafted tree must not make each call scan them all) */
	if (in->sum == NULL || in->proj->index == NULL ||
	    (defs = index_funcs_named(in->proj->index, c->u.call->name, &n)) == NULL ||
	    n > QE_MAX_CLIENT_DEFS)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const struct model *dm;
		unsigned facts;

		if (defs[i].file >= in->proj->n_files ||
		    (dm = in->proj->files[defs[i].file].model) == NULL || dm->lang != m->lang)
			continue;
		facts = summary_facts(in->sum, defs[i].file, model_node(dm, defs[i].node));
		if (!(facts & SUM_SIDE_EFFECT) || (facts & (SUM_DB_READ | SUM_DB_WRITE)))
			return 0;
		same_lang++;
	}
	return same_lang > 0;
}

int qe_read_call(const struct audit_input *in, const struct model *m, const struct node *fn,
		 const struct node *c, struct qe_read *r)
{
	char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX], arg[256], owncallee[SEM_NAME_MAX];
	const char *name, *own;
	int chain, sess;

	memset(r, 0, sizeof *r);
	if (c == NULL || c->kind != NODE_CALL || c->u.call == NULL ||
	    (name = c->u.call->name) == NULL || (c->flags & NF_DECORATOR))
		return 0;
	sem_callee(m, c, callee, sizeof callee);
	sem_receiver_name(callee, recv, sizeof recv);
	chain = strchr(c->u.call->callee, '(') != NULL;
	sess = sem_is_session_name(m->lang, recv);
	if (sess && !chain && qe_word(m, "qe_session_get", name)) {
		const struct orm_model *om;

		qe_pos_arg(m, c, 0, arg, sizeof arg);
		if ((om = qe_model_arg(in, arg)) != NULL)
			snprintf(r->model, sizeof r->model, "%s", om->name);
		else if (!isupper((unsigned char)arg[0]))
			return 0;   /* session.get("key") on something else */
		else
			snprintf(r->model, sizeof r->model, "%.100s", arg);
		snprintf(r->what, sizeof r->what, "%.60s.%.60s", recv, name);
		r->single = 1;
		return 1;
	}
	if ((sess || qe_word(m, "qe_cursor_names", recv)) && !chain &&
	    qe_word(m, "qe_session_exec", name)) {
		struct strbuf sb = STRBUF_INIT;
		char text[2048];
		const struct orm_model *om;
		int ok;

		sem_node_text(m, c, text, sizeof text);
		if (c->u.call->args_text.len) {
			char at[1024];

			sb_adds(&sb, span_copy(m, c->u.call->args_text, at, sizeof at));
		} else {
			sb_adds(&sb, text);
		}
		/* only the text is needed here: asking whether the values
		 * read the database would analyse their calls with this
		 * function again (and again, down an assignment chain) */
		if (fn != NULL)
			qe_origin(in, m, fn, sb_str(&sb), c->line, &sb, NULL);
		ok = qe_text_is_select(m, sb_str(&sb)) || qe_select_param(m, fn, c);
		if (ok && (om = qe_text_entity(in, m, sb_str(&sb))) != NULL)
			snprintf(r->model, sizeof r->model, "%s", om->name);
		sb_release(&sb);
		if (!ok)
			return 0;
		snprintf(r->what, sizeof r->what, "%.60s.%.60s", recv, name);
		r->single = qe_word(m, "qe_scalar_methods", name) ||
			    qe_word(m, "qe_single_results", text);
		return 1;
	}
	if (sess && !chain && qe_word(m, "qe_fetch_methods", name)) {
		snprintf(r->what, sizeof r->what, "%.60s.%.60s", recv, name);
		r->single = qe_word(m, "qe_fetch_one_methods", name);
		return 1;
	}
	if (sess && chain && qe_word(m, "qe_query_chains", c->u.call->callee) &&
	    qe_word(m, "qe_chain_ends", name)) {
		const struct orm_model *om;

		sem_chain_head_args(m, c, arg, sizeof arg);
		if ((om = qe_model_arg(in, arg)) != NULL)
			snprintf(r->model, sizeof r->model, "%s", om->name);
		snprintf(r->what, sizeof r->what, "%.50s.query(...).%.50s", recv, name);
		r->single = !qe_word(m, "qe_all_rows", name);
		return 1;
	}
	/* SQLAlchemy 2.0: session.execute(select(...)).scalar_one_or_none(),
	 * session.scalars(select(...)).first() / .all() */
	if (sess && chain && qe_word(m, "qe_result_ends", name) &&
	    qe_word(m, "qe_exec_chains", c->u.call->callee)) {
		const struct orm_model *om;

		struct strbuf sb = STRBUF_INIT;
		int ok;

		sem_chain_head_args(m, c, arg, sizeof arg);
		sb_adds(&sb, arg);
		/* `session.execute(q)...`: what q holds decides */
		if (fn != NULL)
			qe_origin(in, m, fn, arg, c->line, &sb, NULL);
		/* rows read back through a result accessor are a SELECT unless
		 * the statement visibly writes (UPDATE ... RETURNING): the
		 * select may be built in another method (`q = self._query()`) */
		ok = qe_text_is_select(m, sb_str(&sb)) || !qe_text_is_write(m, sb_str(&sb));
		if (ok && (om = qe_text_entity(in, m, sb_str(&sb))) != NULL)
			snprintf(r->model, sizeof r->model, "%s", om->name);
		sb_release(&sb);
		if (!ok)
			return 0;
		snprintf(r->what, sizeof r->what, "%.50s.execute(...).%.50s", recv, name);
		r->single = !qe_word(m, "qe_many_results", name);
		return 1;
	}
	/* a query built into a variable, then run: `q = session.query(M)...;
	 * rows = q.all()`, `loans = Loan.objects.filter(...)` then
	 * `loans.last()` or `loans.filter(...).count()` */
	if (fn != NULL && !sess &&
	    (qe_word(m, "qe_chain_ends", name) || qe_word(m, "qe_django_single", name))) {
		const char *ce = c->u.call->callee;
		char root[SEM_NAME_MAX];
		size_t rn = 0;

		while (qe_ident_char(ce[rn]) && rn + 1 < sizeof root) {
			root[rn] = ce[rn];
			rn++;
		}
		root[rn] = '\0';
		if (rn > 0 && ce[rn] == '.' && !sem_is_session_name(m->lang, root) &&
		    qe_var_holds_query(in, m, fn, root, c->line)) {
			snprintf(r->what, sizeof r->what, "%.60s.%.40s", root, name);
			r->single = !qe_word(m, "qe_all_rows", name);
			return 1;
		}
	}
	/* a project function's queryset run here: `get_users(v).first()` */
	if (fn != NULL && !sess && qe_word(m, "qe_django_single", name) && chain &&
	    qe_chain_head_queryset(in, m, c)) {
		snprintf(r->what, sizeof r->what, "%.100s", c->u.call->callee);
		r->single = 1;
		return 1;
	}
	/* Flask-SQLAlchemy: Model.query.get(id), Model.query.filter_by(...).first() */
	if ((qe_model_query(in, m, c->u.call->callee, r->model, sizeof r->model) ||
	     ((own = qe_own_class(in, m, c, c->u.call->callee, owncallee, sizeof owncallee)) &&
	      qe_model_query_of(in, m, own, r->model, sizeof r->model))) &&
	    (qe_word(m, "qe_chain_ends", name) || qe_word(m, "qe_model_query_pages", name))) {
		snprintf(r->what, sizeof r->what, "%.60s.query...%.40s", r->model, name);
		r->single = !qe_word(m, "qe_model_query_many", name);
		return 1;
	}
	/* Django's get_or_create: a SELECT on every call, an INSERT on a miss
	 * (a project's own get_or_create helper is judged by its summary) */
	if ((qe_word(m, "qe_django_managers", callee) || sem_db_stack(in->proj) == SEM_DJANGO) &&
	    catalog_match_call(catalog_get(m->lang, "orm_get_or_create"), m, c)) {
		const char *o = qe_find(m, "qe_django_managers", callee, NULL), *s = o;

		while (s != NULL && s > callee && s[-1] != '.')
			s--;
		if (o != NULL)
			snprintf(r->model, sizeof r->model, "%.*s", (int)(o - s), s);
		snprintf(r->what, sizeof r->what, "%.100s", callee);
		r->single = 1;
		r->get_or_create = 1;
		return 1;
	}
	if (qe_word(m, "qe_django_managers", callee) && qe_word(m, "qe_django_single", name)) {
		const char *o = qe_find(m, "qe_django_managers", callee, NULL), *s = o;

		while (s > callee && s[-1] != '.')
			s--;
		snprintf(r->model, sizeof r->model, "%.*s", (int)(o - s), s);
		snprintf(r->what, sizeof r->what, "%.60s.objects...%.40s", r->model, name);
		r->single = 1;
		return 1;
	}
	/* Django: a related manager of the method's own row run in a
	 * model's method (`self.items.filter(...).count()` in a method of
	 * ImportJob): one query each time the method runs */
	if (qe_word(m, "qe_django_single", name) && in->proj->index != NULL &&
	    (own = qe_own_class(in, m, c, c->u.call->callee, owncallee, sizeof owncallee)) != NULL) {
		char cls[SEM_NAME_MAX], attr[SEM_NAME_MAX];
		size_t cn = strcspn(own, "."), an;
		const struct orm_model *om;

		an = own[cn] == '.' ? strcspn(own + cn + 1, ".(") : 0;
		if (cn > 0 && cn < sizeof cls && an > 0 && an < sizeof attr &&
		    own[cn + 1 + an] == '.') {
			snprintf(cls, sizeof cls, "%.*s", (int)cn, own);
			snprintf(attr, sizeof attr, "%.*s", (int)an, own + cn + 1);
			if ((om = index_model_named(in->proj->index, cls)) != NULL && om->is_django)
				for (int ri = 0; ri < om->n_rels; ri++)
					if ((om->rels[ri].flags & ORM_REL_COLLECTION) &&
					    strcmp(om->rels[ri].attr, attr) == 0) {
						snprintf(r->model, sizeof r->model, "%.60s", cls);
						snprintf(r->what, sizeof r->what, "%.60s.%.40s", attr, name);
						r->single = 1;
						return 1;
					}
		}
	}
	if (!chain && recv[0] != '\0' &&
	    catalog_match(catalog_get(m->lang, "repo_receivers"), recv) &&
	    catalog_match(catalog_get(m->lang, "repo_read_methods"), name) &&
	    !qe_recv_not_store(m, c, recv)) {
		snprintf(r->what, sizeof r->what, "%.60s.%.60s", recv, name);
		r->single = 1;
		r->repo = 1;
		return 1;
	}
	/* an awaited lazy relation getter on one object: `await order.getItems()`,
	 * `await post.$get('author')` (the catalog's "lazy_relation_calls"),
	 * unless the project's own functions of that name are remote calls */
	if (!chain && (c->flags & NF_AWAITED) && recv[0] != '\0' &&
	    strchr(c->u.call->callee, '.') == strrchr(c->u.call->callee, '.') &&
	    catalog_match_call(catalog_get(m->lang, "lazy_relation_calls"), m, c) &&
	    !qe_callee_is_remote_client(in, m, c)) {
		snprintf(r->what, sizeof r->what, "%.60s.%.60s", recv, name);
		r->single = 1;
		return 1;
	}
	/* the catalog's ORM reads and SQL SELECTs (db-ops.h) */
	{
		struct db_op_info oi;
		enum db_op op = db_call_op(m, c, &oi);

		if (op == DB_OP_READ || op == DB_OP_READ_ONE) {
			char frag[64], text[512];
			const struct orm_model *om;

			snprintf(r->what, sizeof r->what, "%s", oi.what);
			snprintf(r->model, sizeof r->model, "%s", oi.target);
			/* a shortcut that takes the model first names it there */
			if (qe_fragment(m, "qe_shortcut_builders", sem_node_text(m, c, text, sizeof text),
					frag, sizeof frag) != NULL &&
			    (om = qe_text_entity(in, m, text)) != NULL)
				snprintf(r->model, sizeof r->model, "%s", om->name);
			r->single = op == DB_OP_READ_ONE;
			return 1;
		}
	}
	return 0;
}

/* True when every assignment of local var in FUNC node d before line
 * (at least one) is a Django manager chain (`q = models.User.objects
 * .filter(...)`) or refines var itself (`q = q.exclude(...)`). */
static int qe_local_queryset(const struct model *dm, const struct node *d, const char *var,
			     uint32_t before)
{
	const struct node *k;
	size_t vl = strlen(var);
	int n = 0;

	for (k = NULL; (k = model_walk(dm, d, k, 0)) != NULL && budget_step(); ) {
		char v[512];

		if (k->kind != NODE_ASSIGN || k->line >= before || k->name == NULL ||
		    strcmp(k->name, var) != 0)
			continue;
		span_copy(dm, k->value, v, sizeof v);
		if (!(qe_word(dm, "qe_django_managers", v) &&
		      qe_find(dm, "qe_django_managers", v, NULL) < v + strcspn(v, "(")) &&
		    !(strncmp(v, var, vl) == 0 && v[vl] == '.'))
			return 0;
		n++;
	}
	return n > 0;
}

/* True when every return of FUNC node d (own scope, at least one)
 * hands back a Django queryset still unevaluated: a manager chain
 * (`User.objects.filter(...).exclude(...)`) or a chain on a local that
 * holds one (`return query.annotate(...)`), not ended by a method that
 * runs it (`count`, `first`) or writes. */
static int qe_func_returns_queryset(const struct audit_input *in, const struct model *dm,
				    const struct node *d)
{
	const struct node *k;
	int n = 0;

	if (d == NULL || d->kind != NODE_FUNC || (d->flags & (NF_GENERATOR | NF_LAMBDA)))
		return 0;
	for (k = NULL; (k = model_walk(dm, d, k, 0)) != NULL && budget_step(); ) {
		const struct node *c;
		const char *ce;
		char root[SEM_NAME_MAX];
		size_t rn = 0;

		if (k->kind != NODE_RETURN)
			continue;
		c = k->first_child ? model_node(dm, k->first_child) : NULL;
		if (c == NULL || c->kind != NODE_CALL || c->u.call == NULL ||
		    c->u.call->name == NULL || c->line != k->line ||
		    qe_word(dm, "qe_django_single", c->u.call->name) ||
		    qe_word(dm, "qe_manager_writes", c->u.call->name))
			return 0;
		ce = c->u.call->callee;
		if (!qe_word(dm, "qe_django_managers", ce)) {
			while (qe_ident_char(ce[rn]) && rn + 1 < sizeof root) {
				root[rn] = ce[rn];
				rn++;
			}
			root[rn] = '\0';
			if (rn == 0 || ce[rn] != '.' || !qe_local_queryset(dm, d, root, c->line))
				return 0;
		}
		n++;
	}
	return n > 0;
}

/* True when the project function(s) named `name` (every definition, one
 * to four of them) return a Django queryset unevaluated. */
static int qe_named_returns_queryset(const struct audit_input *in, const char *name)
{
	const struct func_ref *refs;
	size_t n;

	if (in->proj->index == NULL || name == NULL || name[0] == '\0' ||
	    (refs = index_funcs_named(in->proj->index, name, &n)) == NULL || n == 0 || n > 4)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const struct model *dm;

		if (refs[i].file >= in->proj->n_files ||
		    (dm = in->proj->files[refs[i].file].model) == NULL ||
		    !qe_func_returns_queryset(in, dm, model_node(dm, refs[i].node)))
			return 0;
	}
	return 1;
}

/* The function a call head names when the name is the project's own:
 * a bare name not imported from elsewhere (`get_users`) or a method of
 * the caller's own object (`self.get_users`), head the text before the
 * call's '(' (or the whole callee). Its name into buf, or NULL. */
static const char *qe_own_head(const struct model *m, const struct node *c, const char *head,
			       size_t hl, char *buf, size_t size)
{
	const char *dot = memchr(head, '.', hl);
	const struct call_info *ci = c->u.call;

	if (hl == 0 || hl >= size)
		return NULL;
	if (dot == NULL) {
		/* imported names resolve to another module's */
		if (ci->resolved != NULL && strcmp(ci->resolved, ci->callee) != 0)
			return NULL;
		snprintf(buf, size, "%.*s", (int)hl, head);
		return buf;
	}
	if (memchr(dot + 1, '.', (size_t)(head + hl - dot - 1)) != NULL)
		return NULL;
	snprintf(buf, size, "%.*s", (int)(dot - head), head);
	if (!qe_word(m, "qe_self_or_cls", buf))
		return NULL;
	snprintf(buf, size, "%.*s", (int)(head + hl - dot - 1), dot + 1);
	return buf;
}

int qe_call_returns_queryset(const struct audit_input *in, const struct model *m,
			     const struct node *c)
{
	char name[SEM_NAME_MAX];

	if (c == NULL || c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
	    strchr(c->u.call->callee, '(') != NULL || sem_db_stack(in->proj) != SEM_DJANGO ||
	    qe_own_head(m, c, c->u.call->callee, strlen(c->u.call->callee), name,
			sizeof name) == NULL)
		return 0;
	return qe_named_returns_queryset(in, name);
}

/* The head call of chain c (`get_users(x).first()`: `get_users`) runs a
 * project function returning a queryset. */
static int qe_chain_head_queryset(const struct audit_input *in, const struct model *m,
				  const struct node *c)
{
	const char *ce = c->u.call->callee, *open = strchr(ce, '(');
	char name[SEM_NAME_MAX];

	if (open == NULL || open == ce || strcmp(open, "()") == 0 ||
	    sem_db_stack(in->proj) != SEM_DJANGO ||
	    qe_own_head(m, c, ce, (size_t)(open - ce), name, sizeof name) == NULL)
		return 0;
	return qe_named_returns_queryset(in, name);
}

int qe_call_iterated(const struct model *m, const struct node *c)
{
	const struct node *p, *k;
	uint32_t off;

	if (c == NULL || c->parent == 0 || c->line == 0 || c->line > m->n_lines)
		return 0;
	p = model_node(m, c->parent);
	if (p->kind == NODE_LOOP && (c->flags & NF_HEADER) && !(p->flags & NF_WHILE))
		return 1;
	off = m->line_off[c->line - 1] + c->col;
	for (k = c->next_sibling ? model_node(m, c->next_sibling) : NULL; k != NULL && budget_step();
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		if (k->kind == NODE_LOOP && (k->flags & NF_COMPREHENSION) && k->u.loop != NULL &&
		    off >= k->u.loop->iter.off && off < k->u.loop->iter.off + k->u.loop->iter.len)
			return 1;
	return 0;
}

int qe_call_is_db(const struct audit_input *in, const struct model *m,
			 const struct node *fn, const struct node *k)
{
	char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX];
	struct qe_read r;

	if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->name == NULL)
		return 0;
	if (qe_read_call(in, m, fn, k, &r) || sem_call_is(m, k, "sql_select"))
		return 1;
	sem_callee(m, k, callee, sizeof callee);
	/* `Model.objects.bulk_create(rows)` hands back the objects it was
	 * given (relations already set), and a create/update reads nothing */
	if (qe_word(m, "qe_django_managers", callee) &&
	    !qe_word(m, "qe_manager_writes", k->u.call->name))
		return 1;
	sem_receiver_name(callee, recv, sizeof recv);
	if (sem_is_session_name(m->lang, recv) && qe_word(m, "qe_stream_methods", k->u.call->name))
		return 1;
	/* repo.list_pending(), jobs_repo.find_all(...) */
	if (recv[0] != '\0' && catalog_match(catalog_get(m->lang, "repo_receivers"), recv) &&
	    qe_word(m, "qe_repo_read_prefixes", k->u.call->name))
		return 1;
	/* project code that reads, one helper away or more: its rows too */
	return (summary_model_call_facts(in->sum, m, k) & SUM_DB_READ) != 0;
}

int qe_subtree_is_db(const struct audit_input *in, const struct model *m,
			 const struct node *fn, const struct node *st)
{
	const struct node *k;

	for (k = NULL; (k = model_walk(m, st, k, 0)); )
		if (k->kind == NODE_CALL && qe_call_is_db(in, m, fn, k))
			return 1;
	return 0;
}

/* The own-scope assignments of one function sorted by target name, then
 * source order: qe_origin finds a name's assignments by binary search.
 * Walking the function for every word of every followed value made a
 * chain of n assignments (`x2 = f(x1)`, `x3 = f(x2)`, ...) cost n^2 per
 * check, n^3 with the recursion that once went down the whole chain. */
struct qe_assign {
	char name[64];            /* one identifier the target binds */
	uint32_t seq;             /* position in source order */
	const struct node *a;
	struct span part;         /* the element of an array value an array
	                             pattern binds the name to; len 0: the
	                             whole value */
};

struct qe_assigns {
	const struct model *m;    /* NULL: free slot */
	uint32_t fn;              /* node index of the function */
	uint64_t used;            /* last use, for eviction */
	struct qe_assign *v;      /* owned */
	size_t n;
};

/* A few functions' indexes per run (the flow checks alternate between a
 * caller and its callees), least recently used evicted; the audit
 * context owns them. */
enum { QE_ASSIGN_CACHE = 8 };
struct qe_assign_cache {
	struct qe_assigns slot[QE_ASSIGN_CACHE];
	uint64_t clock;
};

static void qe_assign_cache_release(void *state)
{
	struct qe_assign_cache *ac = state;

	for (size_t i = 0; i < QE_ASSIGN_CACHE; i++)
		free(ac->slot[i].v);
}

static const struct audit_cache_def qe_assign_cache_def = {
	.name = "assignments of a few functions, by name", .size = sizeof(struct qe_assign_cache),
	.release = qe_assign_cache_release,
};

static int qe_assign_cmp(const void *pa, const void *pb)
{
	const struct qe_assign *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);

	if (c != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* For an array pattern `[a, b] = await all([x, y])`: the span of
 * element k of the one array literal the value wraps (only names, dots,
 * spaces and opening parentheses before it, only closing ones after),
 * or len 0 when the value is not such a literal or has no element k. */
static struct span qe_array_element(const struct model *m, struct span v, unsigned k)
{
	const char *t = span_ptr(m, v);
	struct span out = { 0, 0 };
	uint32_t i = 0, start, depth = 0;
	unsigned idx = 0;

	while (i < v.len && t[i] != '[') {
		if (!qe_ident_char(t[i]) && t[i] != '.' && t[i] != ' ' && t[i] != '(' &&
		    t[i] != '\n' && t[i] != '\t')
			return out;
		i++;
	}
	if (i == v.len)
		return out;
	start = ++i;
	for (; i < v.len; i++) {
		char ch = t[i];

		if (ch == '\'' || ch == '"' || ch == '`') {
			for (i++; i < v.len && t[i] != ch; i++)
				if (t[i] == '\\')
					i++;
			continue;
		}
		if (ch == '[' || ch == '(' || ch == '{') {
			depth++;
		} else if ((ch == ']' || ch == ')' || ch == '}') && depth > 0) {
			depth--;
		} else if ((ch == ',' || ch == ']') && depth == 0) {
			if (idx == k) {
				while (start < i && (t[start] == ' ' || t[start] == '\n' ||
						     t[start] == '\t'))
					start++;
				out.off = v.off + start;
				out.len = i - start;
				break;
			}
			if (ch == ']')
				break;
			idx++;
			start = i + 1;
		}
	}
	/* only closing parentheses (and a `;`) after the literal */
	if (out.len > 0) {
		uint32_t j = i;

		for (depth = 0; j < v.len && !(t[j] == ']' && depth == 0); j++) {
			if (t[j] == '[' || t[j] == '(' || t[j] == '{')
				depth++;
			else if ((t[j] == ']' || t[j] == ')' || t[j] == '}') && depth > 0)
				depth--;
		}
		for (j++; j < v.len; j++)
			if (t[j] != ')' && t[j] != ' ' && t[j] != ';' && t[j] != '\n' && t[j] != '\t')
				return (struct span){ 0, 0 };
	}
	return out;
}

/* The index of fn's assignments, built on first use. */
static const struct qe_assigns *qe_assigns_of(const struct audit_input *in,
					       const struct model *m, const struct node *fn)
{
	struct qe_assign_cache *ac = audit_context_cache(in->audit, &qe_assign_cache_def);
	uint32_t fi = node_index(m, fn), seq = 0;
	struct qe_assigns *c = &ac->slot[0];
	struct budget *saved;
	const struct node *a;
	size_t cap = 0;

	for (size_t i = 0; i < QE_ASSIGN_CACHE; i++) {
		if (ac->slot[i].m == m && ac->slot[i].fn == fi) {
			ac->slot[i].used = ++ac->clock;
			return &ac->slot[i];
		}
		if (ac->slot[i].used < c->used)
			c = &ac->slot[i];
	}
	free(c->v);
	memset(c, 0, sizeof *c);
	/* shared by every check that asks: built whole, never cut short by
	 * the asking check's budget, but charged to it */
	saved = budget_suspend();
	for (a = NULL; (a = model_walk(m, fn, a, 0)); seq++) {
		const char *p;

		if (a->kind != NODE_ASSIGN || a->name == NULL || a->value.len == 0 ||
		    strchr(a->name, '.') != NULL ||   /* attributes, items: not a local */
		    (strchr(a->name, '[') != NULL && a->name[0] != '['))
			continue;
		/* every name the target binds: `a, b = ...`, Go's `rows, err
		 * := ...`, JavaScript's `const { rows: orders } = ...` and
		 * `const [rows, count] = await Promise.all([...])` */
		for (p = a->name; *p; ) {
			size_t n = 0;

			if (!qe_ident_char(*p) || (p > a->name && (p[-1] == '.' ||
							       qe_ident_char(p[-1])))) {
				p++;
				continue;
			}
			while (qe_ident_char(p[n]))
				n++;
			if (n < sizeof c->v[0].name && !isdigit((unsigned char)*p)) {
				XGROW(c->v, cap, c->n + 1);
				memcpy(c->v[c->n].name, p, n);
				c->v[c->n].name[n] = '\0';
				c->v[c->n].seq = seq;
				c->v[c->n].a = a;
				c->v[c->n].part = (struct span){ 0, 0 };
				if (a->name[0] == '[') {
					/* its position in the pattern: the commas before
					 * it at the pattern's own level */
					unsigned k = 0, depth = 0;

					for (const char *q = a->name + 1; q < p; q++)
						if (*q == '[' || *q == '{' || *q == '(')
							depth++;
						else if (*q == ']' || *q == '}' || *q == ')')
							depth -= depth > 0;
						else if (*q == ',' && depth == 0)
							k++;
					c->v[c->n].part = qe_array_element(m, a->value, k);
				}
				c->n++;
			}
			p += n;
		}
	}
	budget_resume(saved);
	budget_charge(seq);
	xqsort(c->v, c->n, sizeof *c->v, qe_assign_cmp);
	c->m = m;
	c->fn = fi;
	c->used = ++ac->clock;
	return c;
}

/* True when a call under a (own scope) that starts inside span part
 * touches the database (qe_call_is_db). */
static int qe_span_calls_db(const struct audit_input *in, const struct model *m,
			    const struct node *fn, const struct node *a, struct span part)
{
	for (const struct node *k = NULL; (k = model_walk(m, a, k, 0)) != NULL; ) {
		uint32_t off;

		if (k->kind != NODE_CALL || k->line == 0 || k->line > m->n_lines || k->col == 65535)
			continue;
		off = m->line_off[k->line - 1] + k->col;
		if (off >= part.off && off < part.off + part.len && qe_call_is_db(in, m, fn, k))
			return 1;
	}
	return 0;
}

static void qe_origin_fills(const struct audit_input *in, const struct model *m,
			    const struct node *fn, const char *name, uint32_t before,
			    struct strbuf *sb, int *db, int depth, int rows);

/* qe_origin with a depth limit (assignment chains are short in practice). */
/* Blanks the callbacks passed as arguments of calls in text
 * (`quotes.filter((s) => !known.includes(s))`, `uniqBy(rows, (r) =>
 * r.id)`): what a predicate or a mapper mentions is not where the rows
 * come from. The other arguments and the receivers stay. */
static void qe_blank_callbacks(char *text)
{
	for (char *arrow = text; (arrow = strstr(arrow, "=>")) != NULL; ) {
		char *from = NULL, *q;
		int depth = 0;

		/* the start of the argument the arrow function is */
		for (q = arrow; q > text; q--) {
			if (q[-1] == ')' || q[-1] == ']' || q[-1] == '}') {
				depth++;
			} else if (q[-1] == '(' || q[-1] == '[' || q[-1] == '{') {
				if (depth == 0) {
					if (q[-1] == '(' && q - 1 > text && qe_ident_char(q[-2]))
						from = q;
					break;
				}
				depth--;
			} else if (q[-1] == ',' && depth == 0) {
				from = q;
				/* an argument of a call only: find its parenthesis */
				for (char *r = q - 1, d = 0; r > text; r--) {
					if (r[-1] == ')' || r[-1] == ']' || r[-1] == '}')
						d++;
					else if ((r[-1] == '(' || r[-1] == '[' || r[-1] == '{') && d-- == 0) {
						if (r[-1] != '(' || r - 1 == text || !qe_ident_char(r[-2]))
							from = NULL;
						break;
					}
				}
				break;
			}
		}
		if (from == NULL) {
			arrow += 2;
			continue;
		}
		/* its end: the next comma or closing bracket at its level */
		for (q = arrow + 2, depth = 0; *q != '\0'; q++) {
			if (*q == '(' || *q == '[' || *q == '{')
				depth++;
			else if ((*q == ')' || *q == ']' || *q == '}') && depth-- == 0)
				break;
			else if (*q == ',' && depth == 0)
				break;
		}
		memset(from, ' ', (size_t)(q - from));
		arrow = q;
	}
}

static void qe_origin_depth(const struct audit_input *in, const struct model *m,
			    const struct node *fn, const char *text, uint32_t before,
			    struct strbuf *sb, int *db, int depth, int rows)
{
	const struct qe_assigns *as;
	const struct catalog_list *keywords = catalog_get(m->lang, "qe_value_keywords");
	const char *p = text;
	char *copy;

	/* the thread's depth guard spans the mutual recursion through
	 * qe_subtree_is_db -> qe_read_call, where depth starts again */
	if (depth > 4 || fn == NULL || !budget_enter())
		return;
	/* the recursion below keeps fn, so this entry is not evicted under us */
	as = qe_assigns_of(in, m, fn);
	/* text may point into sb, which grows below */
	copy = xstrdup(text);
	if (rows)
		qe_blank_callbacks(copy);
	char word[128];

	for (p = copy; (p = qe_next_name(copy, p, word, sizeof word)) != NULL; ) {
		size_t lo = 0, hi = as->n;

		if (isdigit((unsigned char)word[0]) || catalog_match(keywords, word))
			continue;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (strcmp(as->v[mid].name, word) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < as->n && strcmp(as->v[lo].name, word) == 0 && budget_step(); lo++) {
			const struct node *a = as->v[lo].a;
			struct span part = as->v[lo].part;
			char val[1024];

			/* an assignment that spans `before` is the statement being
			 * judged: in `ids = (... ids ...)` the inner ids is the old
			 * value, never this one */
			if (a->line >= before || a->end_line >= before)
				continue;
			span_copy(m, part.len ? part : a->value, val, sizeof val);
			if (strstr(sb_str(sb), val) != NULL)
				continue;   /* already followed */
			sb_addc(sb, '\n');
			sb_adds(sb, val);
			/* `rows = X.objects.bulk_create([...])` holds the objects
			 * built here, whatever queries fed their fields */
			if (db != NULL && !*db && !qe_span_word(m, "qe_bulk_create_calls", a->value) &&
			    (part.len ? qe_span_calls_db(in, m, fn, a, part) : qe_subtree_is_db(in, m, fn, a)))
				*db = 1;
			qe_origin_depth(in, m, fn, val, a->line, sb, db, depth + 1, rows);
			if (qe_word(m, "qe_empty_collection_values", val))
				qe_origin_fills(in, m, fn, word, before, sb, db, depth, rows);
		}
	}
	free(copy);
	budget_leave();
}

/* What a local started empty (`const hits = []`, catalog words
 * qe_empty_collection_values) is filled with before line `before`: the
 * arguments of its `hits.push(...)` calls (catalog words
 * qe_array_fill_methods) anywhere in fn, callbacks included, followed as
 * qe_origin_depth follows an assignment. */
static void qe_origin_fills(const struct audit_input *in, const struct model *m,
			    const struct node *fn, const char *name, uint32_t before,
			    struct strbuf *sb, int *db, int depth, int rows)
{
	size_t n = strlen(name);

	for (const struct node *k = NULL; (k = model_walk(m, fn, k, 1)) != NULL && budget_step(); ) {
		const struct call_info *ci = k->u.call;
		char args[1024];

		if (k->kind != NODE_CALL || ci == NULL || ci->callee == NULL || k->line >= before ||
		    strncmp(ci->callee, name, n) != 0 || ci->callee[n] != '.' ||
		    strcmp(ci->callee + n + 1, ci->name) != 0 ||
		    !qe_word(m, "qe_array_fill_methods", ci->name) || ci->args_text.len == 0)
			continue;
		span_copy(m, ci->args_text, args, sizeof args);
		/* a spread pushes the items of what it names: `...rows` */
		for (char *d = args; (d = strstr(d, "...")) != NULL; )
			memset(d, ' ', 3);
		if (strstr(sb_str(sb), args) != NULL)
			continue;   /* already followed */
		sb_addc(sb, '\n');
		sb_adds(sb, args);
		if (db != NULL && !*db && qe_subtree_is_db(in, m, fn, k))
			*db = 1;
		qe_origin_depth(in, m, fn, args, k->line, sb, db, depth + 1, rows);
	}
}

void qe_origin(const struct audit_input *in, const struct model *m, const struct node *fn,
	       const char *text, uint32_t before, struct strbuf *sb, int *db)
{
	qe_origin_depth(in, m, fn, text, before, sb, db, 0, 0);
}

void qe_origin_rows(const struct audit_input *in, const struct model *m, const struct node *fn,
		    const char *text, uint32_t before, struct strbuf *sb, int *db)
{
	qe_origin_depth(in, m, fn, text, before, sb, db, 0, 1);
}
