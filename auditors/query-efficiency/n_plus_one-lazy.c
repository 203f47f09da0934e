/* ln-651 Query Efficiency: n_plus_one through lazy relationships.
 *
 * A loop over a query's rows that reads a relationship of each row the
 * outer query did not load runs one more query per row. The facts come
 * from the project index: which class the rows are (the model the outer
 * query selects), which of its attributes are relationships (declared,
 * inherited, or added by the other side: SQLAlchemy backrefs, Django
 * reverse accessors), their loading mode, and whether they hold one object
 * or a collection. What the outer query loads eagerly is read from its
 * text and the assignments it was built through (qe_origin): loader
 * options (`selectinload(Order.lines)`, `select_related("project")`,
 * `Prefetch("check_set", ...)`) cover the relationship they name; options
 * that cannot be read (a variable, `*opts`, a project helper) cover them
 * all, so the check stays silent when unsure.
 *
 * Names of loaders and relation methods come from the catalog
 * (auditors/catalog/python-db.json); only loading-mode values are here. */
#include "auditor.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "semantic.h"
#include "semantic.h"
#include "qe.h"
#include "summary.h"
#include "receiver-types.h"
#include "util/strbuf.h"

/* True for characters that continue an identifier. */
static int ql_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* What the outer query loads with its rows. */
struct ql_cover {
	int all;               /* every relationship (or options we cannot read) */
	struct strbuf names;   /* " a b c ": the relationships named by loaders */
};

static void ql_cover_add(struct ql_cover *cv, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (sb_str(&cv->names)[0] == '\0')
		sb_addc(&cv->names, ' ');
	sb_add(&cv->names, s, n);
	sb_addc(&cv->names, ' ');
}

static int ql_named(struct ql_cover *cv, const char *attr)
{
	char key[160];

	snprintf(key, sizeof key, " %s ", attr);
	return strstr(sb_str(&cv->names), key) != NULL;
}

static int ql_covered(struct ql_cover *cv, const char *attr)
{
	char key[160];

	if (cv->all)
		return 1;
	snprintf(key, sizeof key, " %s ", attr);
	return strstr(sb_str(&cv->names), key) != NULL;
}

/* The end of the argument list that starts after the '(' at open: the
 * matching ')' (quotes and brackets respected), or the end of text. */
static const char *ql_args_end(const char *open)
{
	const char *p = open + 1;
	int depth = 0;
	char q = 0;

	for (; *p; p++) {
		if (q) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == q)
				q = 0;
			continue;
		}
		if (*p == '"' || *p == '\'')
			q = *p;
		else if (*p == '(' || *p == '[' || *p == '{')
			depth++;
		else if ((*p == ')' || *p == ']' || *p == '}') && depth-- == 0)
			return p;
	}
	return p;
}

/* The end of the top-level argument that starts at s (a ',' or end). */
static const char *ql_arg_end(const char *s, const char *end)
{
	int depth = 0;
	char q = 0;

	for (; s < end; s++) {
		if (q) {
			if (*s == '\\' && s + 1 < end)
				s++;
			else if (*s == q)
				q = 0;
			continue;
		}
		if (*s == '"' || *s == '\'')
			q = *s;
		else if (*s == '(' || *s == '[' || *s == '{')
			depth++;
		else if (*s == ')' || *s == ']' || *s == '}')
			depth--;
		else if (*s == ',' && depth == 0)
			return s;
	}
	return end;
}

/* The dotted name of the call whose '(' is at open, resolved through the
 * file's imports; a method called on an expression (`...).joinedload(`)
 * becomes "_.joinedload". "" when open follows no name. */
static const char *ql_call_name(const struct model *m, const char *text, const char *open,
				char *buf, size_t size)
{
	const char *s = open;
	char raw[256];
	size_t n;

	while (s > text && (ql_ident_char(s[-1]) || s[-1] == '.'))
		s--;
	n = (size_t)(open - s);
	buf[0] = '\0';
	if (n == 0 || n + 2 >= sizeof raw || (*s == '.' && n == 1))
		return buf;
	if (*s == '.') {
		snprintf(buf, size, "_%.*s", (int)n, s);
		return buf;
	}
	if (isdigit((unsigned char)*s))
		return buf;
	/* a method of a chain continued on the next line, `rows.\` then
	 * `select_related(...)`: the dot ends the line before */
	{
		const char *b = s;

		while (b > text && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\n' ||
				    b[-1] == '\r' || b[-1] == '\\'))
			b--;
		if (b < s && b > text && b[-1] == '.' && memchr(b, '\n', (size_t)(s - b)) != NULL) {
			snprintf(buf, size, "_.%.*s", (int)n, s);
			return buf;
		}
	}
	snprintf(raw, sizeof raw, "%.*s", (int)n, s);
	return model_resolve(m, raw, buf, size);
}

/* Reads the arguments [s, end) of an eager loader: `"a__b"` and
 * `Order.lines` name a relationship; no argument, `"*"`, `*paths` or a
 * variable mean all of them (Django's bare select_related() follows every
 * foreign key). Nested loader calls (`Prefetch(...)`) are read on their
 * own by the caller. */
static void ql_cover_loader_args(const struct model *m, const char *s, const char *end,
				 struct ql_cover *cv)
{
	const struct catalog_list *eager = catalog_get(m->lang, "eager_loaders");
	int any = 0;

	while (s < end) {
		const char *e = ql_arg_end(s, end), *t = s, *te = e, *w;

		while (t < te && isspace((unsigned char)*t))
			t++;
		while (te > t && isspace((unsigned char)te[-1]))
			te--;
		s = e < end ? e + 1 : end;
		if (t == te)
			continue;
		any = 1;
		for (w = t; w < te && ql_ident_char(*w); w++)
			;
		if (w < te && *w == '=' && w[1] != '=')
			continue;   /* queryset=..., to_attr=... */
		if (*t == '"' || *t == '\'') {
			const char *q = t + 1, *qe = memchr(q, *t, (size_t)(te - q));
			size_t n;

			if (qe == NULL) {
				cv->all = 1;
				continue;
			}
			if (qe - q == 1 && *q == '*') {
				cv->all = 1;
				continue;
			}
			/* "customer__region" and the legacy "customer.region":
			 * the first hop is what the row itself loads */
			for (n = 0; q + n < qe && ql_ident_char(q[n]) &&
				    !(q[n] == '_' && q + n + 1 < qe && q[n + 1] == '_'); n++)
				;
			ql_cover_add(cv, q, n);
			continue;
		}
		/* Model.attr, Model.attr.of_type(X), or a call */
		while (w < te && (ql_ident_char(*w) || *w == '.'))
			w++;
		if (w < te && *w == '(') {
			char name[256];

			ql_call_name(m, t, w, name, sizeof name);
			if (catalog_match(eager, name))
				continue;   /* Prefetch(...): the scan reads it */
			if (!qe_word(m, "qe_of_type", name)) {
				cv->all = 1;   /* a helper building the path */
				continue;
			}
		}
		{
			const char *dot = memchr(t, '.', (size_t)(w - t)), *a;

			if (dot == NULL || !isupper((unsigned char)*t)) {
				cv->all = 1;   /* a variable, *paths, an expression */
				continue;
			}
			for (a = dot + 1, w = a; w < te && ql_ident_char(*w); w++)
				;
			ql_cover_add(cv, a, (size_t)(w - a));
		}
	}
	if (!any)
		cv->all = 1;
}

/* Reads the arguments of `.options(...)`: eager loaders among them are
 * read by the scan; lazy ones and column options load nothing; anything
 * else (a variable, `*opts`, a project helper's result) may load any
 * relationship. */
static void ql_cover_options(const struct model *m, const char *s, const char *end,
			     struct ql_cover *cv)
{
	const struct catalog_list *eager = catalog_get(m->lang, "eager_loaders");
	const struct catalog_list *lazy = catalog_get(m->lang, "lazy_loader_options");
	const struct catalog_list *cols = catalog_get(m->lang, "column_restrictors");

	while (s < end) {
		const char *e = ql_arg_end(s, end), *t = s, *w;
		char name[256];

		while (t < e && isspace((unsigned char)*t))
			t++;
		s = e < end ? e + 1 : end;
		if (t == e)
			continue;
		for (w = t; w < e && (ql_ident_char(*w) || *w == '.'); w++)
			;
		if (w == t || w >= e || *w != '(') {
			cv->all = 1;
			continue;
		}
		ql_call_name(m, t, w, name, sizeof name);
		if (!catalog_match(eager, name) && !catalog_match(lazy, name) &&
		    !catalog_match(cols, name))
			cv->all = 1;
	}
}

/* Fills cv with what the query text loads eagerly. */
static void ql_cover_scan(const struct model *m, const char *text, struct ql_cover *cv)
{
	const struct catalog_list *eager = catalog_get(m->lang, "eager_loaders");
	const struct catalog_list *opts = catalog_get(m->lang, "loader_options");
	const char *p;

	for (p = strchr(text, '('); p != NULL && !cv->all && budget_step();
	     p = strchr(p + 1, '(')) {
		char name[256];
		const char *end;

		if (ql_call_name(m, text, p, name, sizeof name)[0] == '\0')
			continue;
		if (catalog_match(eager, name)) {
			end = ql_args_end(p);
			ql_cover_loader_args(m, p + 1, end, cv);
		} else if (catalog_match(opts, name)) {
			end = ql_args_end(p);
			ql_cover_options(m, p + 1, end, cv);
		}
	}
}

/* The model of the rows a loop iterates: the entity of the outer query
 * (`select(Order)`, `session.query(Order)`, `Order.objects...`) when the
 * loop is known to iterate a query's rows (from_query), or the class of a
 * Flask-SQLAlchemy `Challenge.query...` it iterates (also held in a
 * variable and refined: `q = Challenge.query`, `q = q.filter(...)`,
 * `for c in q`, which runs the query). */
static const struct orm_model *ql_item_model(const struct audit_input *in, const struct model *m,
					     const char *origin, int from_query)
{
	const struct orm_model *om = from_query ? qe_text_entity(in, m, origin) : NULL;
	char attr[64], mgr[64];
	const char *p;
	size_t al;

	if (om != NULL || in->proj->index == NULL)
		return om;
	/* Flask-SQLAlchemy's Model.query attribute */
	if (qe_fragment(m, "qe_model_query_attr", origin, attr, sizeof attr) == NULL ||
	    (al = strlen(attr)) == 0)
		p = NULL;
	else
		p = strstr(origin, attr);
	for (; p != NULL; p = strstr(p + 1, attr)) {
		const char *s = p;
		char name[128];

		if (ql_ident_char(p[al]) || p[al] == '(')
			continue;
		while (s > origin && ql_ident_char(s[-1]))
			s--;
		if (s == p || (s > origin && s[-1] == '.') || (size_t)(p - s) >= sizeof name ||
		    !isupper((unsigned char)*s))
			continue;
		snprintf(name, sizeof name, "%.*s", (int)(p - s), s);
		if ((om = index_model_named(in->proj->index, name)) != NULL)
			return om;
	}
	/* Django: User.objects... of a class the project does not declare
	 * (auth's User), known by the reverse accessors its models add */
	if (!from_query || qe_fragment(m, "qe_django_managers", origin, mgr, sizeof mgr) == NULL ||
	    mgr[0] == '\0')
		return NULL;
	for (p = strstr(origin, mgr); p != NULL; p = strstr(p + 1, mgr)) {
		const char *s = p;
		char name[128];

		while (s > origin && ql_ident_char(s[-1]))
			s--;
		if (s == p || (s > origin && s[-1] == '.') || (size_t)(p - s) >= sizeof name)
			continue;
		snprintf(name, sizeof name, "%.*s", (int)(p - s), s);
		if ((om = index_relation_owner(in->proj->index, name)) != NULL)
			return om;
	}
	return NULL;
}

/* True when loading mode lazy loads on attribute access. */
static int ql_loads_on_access(const struct model *m, const char *lazy)
{
	return lazy == NULL || qe_word(m, "qe_lazy_on_access", lazy);
}

/* Copies line l of m into buf without its comment (a '#' outside quotes). */
static const char *ql_code_line(const struct model *m, uint32_t l, char *buf, size_t size)
{
	size_t len = 0, i;
	const char *t = model_line(m, l, &len);
	char q = 0;

	buf[0] = '\0';
	if (t == NULL)
		return NULL;
	snprintf(buf, size, "%.*s", (int)len, t);
	for (i = 0; buf[i]; i++) {
		if (q) {
			if (buf[i] == '\\' && buf[i + 1])
				i++;
			else if (buf[i] == q)
				q = 0;
		} else if (buf[i] == '"' || buf[i] == '\'') {
			q = buf[i];
		} else if (buf[i] == '#') {
			buf[i] = '\0';
			break;
		}
	}
	return buf;
}

/* The method called right after an attribute (`.all(` after
 * `check.check_set`) into name, or "" when none is. */
static const char *ql_method_after(const char *after, char *name, size_t size)
{
	size_t n = 0;

	name[0] = '\0';
	if (*after != '.')
		return name;
	for (after++; ql_ident_char(after[n]) && n + 1 < size; n++)
		name[n] = after[n];
	name[n] = '\0';
	after += n;
	while (*after == ' ')
		after++;
	if (*after != '(')
		name[0] = '\0';
	return name;
}

/* How a relationship is read in a loop. */
struct ql_use {
	uint32_t line;     /* first line that loads it, 0 when none */
	int key_only;      /* every use reads only its key (`.id`, `.pk`) */
	int requery;       /* only uses that query past a prefetch count */
	char text[160];    /* the expression, for the issue */
};

/* True when the identifier at s is a key column name (`id`, `pk`). */
static int ql_key_field(const struct model *m, const char *s)
{
	char name[8];
	size_t n = 0;

	while (ql_ident_char(s[n]) && n + 1 < sizeof name) {
		name[n] = s[n];
		n++;
	}
	if (ql_ident_char(s[n]))
		return 0;   /* longer than any key name */
	name[n] = '\0';
	return qe_word(m, "qe_key_fields", name);
}

/* Looks in one text (a line, or a comprehension's element and
 * conditions) for uses of needle (`item.rel`) that load the relationship,
 * recording the first in u (at line l). */
static void ql_scan_text(const struct model *m, const char *text, uint32_t l, const char *needle,
			 int manager, struct ql_use *u)
{
	const struct catalog_list *writes = catalog_get(m->lang, "relation_write_methods");
	size_t nl = strlen(needle);
	const char *p;

	for (p = strstr(text, needle); p != NULL && budget_step(); p = strstr(p + 1, needle)) {
		const char *after = p + nl, *a;
		char meth[64];
		int iterated;

		if ((p > text && (ql_ident_char(p[-1]) || p[-1] == '.')) || ql_ident_char(*after))
			continue;
		for (a = after; *a == ' '; a++)
			;
		/* `product.variant = ...` sets the key, it loads nothing */
		if (a[0] == '=' && a[1] != '=')
			continue;
		ql_method_after(after, meth, sizeof meth);
		if (meth[0] != '\0' && catalog_match(writes, meth))
			continue;
		/* past a prefetch, only a manager call that builds a new
		 * query reads again (`.filter()`, `.order_by()`); `.all()`,
		 * `.count()` and iteration use the prefetched rows */
		if (u->requery && (meth[0] == '\0' || !qe_word(m, "qe_prefetch_requery_methods", meth)))
			continue;
		iterated = sem_word_before(m->lang, "qe_membership_words", text, p);
		/* a related manager / dynamic relationship queries when asked
		 * (`.all()`, `.count()`, iteration), not when named */
		if (manager && meth[0] == '\0' && !iterated)
			continue;
		if (u->line == 0) {
			u->line = l;
			snprintf(u->text, sizeof u->text, "%s%s%s%s", needle, meth[0] ? "." : "", meth,
				 meth[0] ? "()" : "");
		}
		if (after[0] == '.' && ql_key_field(m, after + 1) && !u->requery) {
			if (u->line == l && strcmp(u->text, needle) == 0)
				snprintf(u->text, sizeof u->text, "%s.%.2s", needle, after + 1);
		} else {
			u->key_only = 0;
		}
	}
}

/* Appends src[from, to) to sb as one line of code: comments dropped,
 * line breaks made spaces. */
static void ql_add_code(struct strbuf *sb, const char *from, const char *to)
{
	char q = 0;

	for (; from < to; from++) {
		if (q) {
			if (*from == '\\' && from + 1 < to) {
				sb_addc(sb, *from++);
			} else if (*from == q) {
				q = 0;
			}
		} else if (*from == '"' || *from == '\'') {
			q = *from;
		} else if (*from == '#') {
			while (from < to && *from != '\n')
				from++;
			if (from >= to)
				break;
		}
		sb_addc(sb, *from == '\n' || *from == '\r' ? ' ' : *from);
	}
}

/* The per-item text of comprehension loop: its element (before `for`)
 * and what follows its first iterable (conditions, nested fors), into sb.
 * 0 when the model does not give its bounds. */
static int ql_comprehension_text(const struct model *m, const struct node *loop, struct strbuf *sb)
{
	const char *open, *close, *tgt, *iter_end;

	if (loop->line == 0 || loop->line > m->n_lines || loop->col == 65535 ||
	    loop->u.loop->target.len == 0)
		return 0;
	open = m->src + m->line_off[loop->line - 1] + loop->col;
	tgt = span_ptr(m, loop->u.loop->target);
	iter_end = span_ptr(m, loop->u.loop->iter) + loop->u.loop->iter.len;
	if (open >= tgt || *open == '\0' || !strchr("[({", *open))
		return 0;
	close = ql_args_end(open);
	if (close < iter_end)
		return 0;
	ql_add_code(sb, open + 1, tgt);
	sb_addc(sb, ' ');
	ql_add_code(sb, iter_end, close);
	return 1;
}

/* Looks in the body of loop for reads of rel through the loop variable
 * item that load it: `item.rel...`; assignments to it, writes through a
 * related manager, and (for Django managers and dynamic relationships)
 * the bare attribute load nothing. */
static void ql_find_use(const struct model *m, const struct node *loop, const char *item,
			const struct orm_relationship *rel, int manager, int async_sa,
			int requery, struct ql_use *u)
{
	char needle[300];

	memset(u, 0, sizeof *u);
	u->key_only = !requery;
	u->requery = requery;
	/* SQLAlchemy's async form reads it through `item.awaitable_attrs.rel` */
	const char *via = async_sa ? catalog_text(m->lang, "n_plus_one.async_attrs") : NULL;

	snprintf(needle, sizeof needle, "%s.%s%s", item, via ? via : "", rel->attr);
	if (loop->flags & NF_COMPREHENSION) {
		struct strbuf sb = STRBUF_INIT;

		if (ql_comprehension_text(m, loop, &sb))
			ql_scan_text(m, sb_str(&sb), loop->line, needle, manager, u);
		sb_release(&sb);
	} else {
		for (uint32_t l = loop->line + 1; l <= loop->end_line && budget_step(); l++) {
			char line[1024];

			if (ql_code_line(m, l, line, sizeof line) != NULL)
				ql_scan_text(m, line, l, needle, manager, u);
		}
	}
	if (u->line == 0)
		u->key_only = 0;
}

/* The innermost statement under root whose lines hold line (a use on the
 * third line of a multi-line call belongs to the call's statement). */
static const struct node *ql_node_on_line(const struct model *m, const struct node *root,
					  uint32_t line)
{
	const struct node *n, *best = NULL;

	for (n = NULL; (n = model_walk(m, root, n, 0)); )
		if (n->kind != NODE_CALL && !(n->flags & NF_COMPREHENSION) && n->line <= line &&
		    n->end_line >= line)
			best = n;   /* source order: deeper nodes come later */
	return best;
}

/* The loop variable that holds one row: `order` in `for order in ...`,
 * and in `for i, order in enumerate(...)`. 0 when the target is another
 * shape. */
static int ql_item(const struct model *m, const struct node *loop, char *item, size_t size)
{
	char target[128], iter[64];
	char *comma;
	size_t i;

	if (loop->u.loop == NULL)
		return 0;
	span_copy(m, loop->u.loop->target, target, sizeof target);
	sem_loop_iter(m, loop, iter, sizeof iter);
	if ((comma = strchr(target, ',')) != NULL) {
		if (!qe_word(m, "qe_enumerate_calls", iter))
			return 0;
		memmove(target, comma + 1, strlen(comma + 1) + 1);
	}
	for (i = 0; target[i] == ' ' || target[i] == '('; i++)
		;
	memmove(target, target + i, strlen(target + i) + 1);
	for (i = strlen(target); i > 0 && (target[i - 1] == ' ' || target[i - 1] == ')'); i--)
		target[i - 1] = '\0';
	if (target[0] == '\0' || isdigit((unsigned char)target[0]))
		return 0;
	for (i = 0; target[i]; i++)
		if (!ql_ident_char(target[i]))
			return 0;
	snprintf(item, size, "%s", target);
	return 1;
}

static const struct orm_model *ql_loop_model(const struct audit_input *in, const struct model *m,
					     const struct node *fn, const struct node *loop,
					     const char *origin, int from_query, int *rows,
					     const char **back, int depth);

/* What a local name is known to hold (ql_var_model). */
enum ql_var { QV_NONE, QV_ROW, QV_ASSIGNED };

/* The model of the object a local name holds at loop, and what kind of
 * value it is: one row (QV_ROW: the item of an enclosing loop over a
 * query, `self` in a model's method, a parameter annotated with a model
 * class) or the value of an assignment from a query (QV_ASSIGNED: a query
 * held in a variable, `challenge = Challenges.query...first_or_404()`).
 * NULL when unknown. */
static const struct orm_model *ql_var_model(const struct audit_input *in, const struct model *m,
					    const struct node *fn, const struct node *loop,
					    const char *name, int depth, enum ql_var *kind)
{
	const struct orm_model *om = NULL;
	const struct node *l;
	struct strbuf sb = STRBUF_INIT;
	int db = 0, rows = 0;
	const char *back = NULL;

	*kind = QV_NONE;
	if (depth > 3 || in->proj->index == NULL)
		return NULL;
	if (qe_word(m, "qe_self", name)) {
		const struct node *cls = fn->parent ? model_node(m, fn->parent) : NULL;

		if (!(fn->flags & NF_METHOD) || cls == NULL || cls->kind != NODE_CLASS ||
		    cls->name == NULL || (om = index_model_named(in->proj->index, cls->name)) == NULL)
			return NULL;
		*kind = QV_ROW;
		return om;
	}
	for (l = model_enclosing_loop(m, loop); l != NULL; l = model_enclosing_loop(m, l)) {
		char item[128], iter[512];

		if ((l->flags & (NF_COMPREHENSION | NF_WHILE)) || !ql_item(m, l, item, sizeof item) ||
		    strcmp(item, name) != 0)
			continue;
		sem_loop_iter(m, l, iter, sizeof iter);
		sb_adds(&sb, iter);
		qe_origin(in, m, fn, iter, l->line, &sb, &db);
		om = ql_loop_model(in, m, fn, l, sb_str(&sb), db, &rows, &back, depth + 1);
		sb_release(&sb);
		*kind = rows && om ? QV_ROW : QV_NONE;
		return rows ? om : NULL;
	}
	for (uint32_t i = 0; fn->u.func != NULL && i < fn->u.func->n_params; i++) {
		const struct param *pa = &fn->u.func->params[i];
		char ann[128], *e;

		if (strcmp(pa->name, name) != 0)
			continue;
		span_copy(m, pa->annotation, ann, sizeof ann);
		for (e = ann; ql_ident_char(*e) || *e == '.'; e++)
			;
		if (*e != '\0' && *e != ' ')
			return NULL;   /* list[Order], Optional[...]: not one row */
		*e = '\0';
		if (strrchr(ann, '.') != NULL)
			memmove(ann, strrchr(ann, '.') + 1, strlen(strrchr(ann, '.') + 1) + 1);
		om = ann[0] ? index_relation_owner(in->proj->index, ann) : NULL;
		*kind = om ? QV_ROW : QV_NONE;
		return om;
	}
	if (sem_assignment(m, fn, name, loop->line) == NULL)
		return NULL;
	qe_origin(in, m, fn, name, loop->line, &sb, &db);
	om = ql_item_model(in, m, sb_str(&sb), db);
	sb_release(&sb);
	*kind = om ? QV_ASSIGNED : QV_NONE;
	return om;
}

/* The model of the rows loop iterates, and in *rows whether they are
 * loaded from the database: `for f in challenge.files` iterates the
 * relationship's target (ChallengeFiles), as do `for c in
 * self.check_set.all()` and `for t in order.tags.all()`; `for c in
 * q.filter(...)` what q holds; `for o in session.scalars(stmt)` the entity
 * of the outer query. */
static const struct orm_model *ql_loop_model(const struct audit_input *in, const struct model *m,
					     const struct node *fn, const struct node *loop,
					     const char *origin, int from_query, int *rows,
					     const char **back, int depth)
{
	char iter[512], head[128], seg[128];
	const char *p = iter;
	size_t n = 0, aw;
	const struct orm_model *om, *am;
	enum ql_var kind;

	*rows = 0;
	*back = NULL;
	sem_loop_iter(m, loop, iter, sizeof iter);
	for (int again = 1; again; ) {
		again = 0;
		while (*p == ' ' || *p == '(')
			p++;
		if ((aw = sem_prefix_len(m->lang, "sem_await_words", p, 0)) > 0) {
			p += aw;
			again = 1;
		}
		/* enumerate(...), list(...), sorted(...): the rows inside */
		for (size_t wl; qe_find(m, "qe_iter_wrappers", p, &wl) == p; ) {
			p += wl;
			again = 1;
		}
	}
	while (ql_ident_char(p[n]) && n + 1 < sizeof head) {
		head[n] = p[n];
		n++;
	}
	head[n] = '\0';
	/* a bare name holding one object's collection: `shelves =
	 * branch.shelves.all()`, then `for shelf in shelves` */
	if (n > 0 && p[n] == '\0' && !isdigit((unsigned char)head[0])) {
		const struct node *as = sem_assignment(m, fn, head, loop->line);
		const char *keep = p;
		char alias[512], ahead[128];
		size_t an = 0, k = 0;

		if (as != NULL && as->value.len > 0 && as->value.len < sizeof alias) {
			span_copy(m, as->value, alias, sizeof alias);
			while (ql_ident_char(alias[an]) && an + 1 < sizeof ahead) {
				ahead[an] = alias[an];
				an++;
			}
			ahead[an] = '\0';
			if (an > 0 && alias[an] == '.' && strcmp(ahead, head) != 0 &&
			    (am = ql_var_model(in, m, fn, loop, ahead, depth, &kind)) != NULL) {
				const struct orm_relationship *rel;

				for (p = alias + an + 1; ql_ident_char(p[k]) && k + 1 < sizeof seg; k++)
					seg[k] = p[k];
				seg[k] = '\0';
				if ((rel = index_model_relation(am, seg)) != NULL && rel->target != NULL &&
				    !(rel->flags & ORM_REL_SCALAR)) {
					*rows = 1;
					*back = rel->reverse;
					return index_relation_owner(in->proj->index, rel->target);
				}
			}
		}
		p = keep;
	}
	if (n > 0 && !isdigit((unsigned char)head[0]) && p[n] == '.' &&
	    (am = ql_var_model(in, m, fn, loop, head, depth, &kind)) != NULL) {
		const struct orm_relationship *rel;
		size_t k = 0;

		for (p += n + 1; ql_ident_char(p[k]) && k + 1 < sizeof seg; k++)
			seg[k] = p[k];
		seg[k] = '\0';
		p += k;
		/* a collection relationship of the object (or its manager's
		 * queryset, `.all()`, `.filter(...)`): its target's rows */
		if ((rel = index_model_relation(am, seg)) != NULL) {
			if (rel->target == NULL || (rel->flags & ORM_REL_SCALAR))
				return NULL;
			*rows = 1;
			/* each item's pointer back to the object is already
			 * known (identity map, Django's known related objects) */
			*back = rel->reverse;
			return index_relation_owner(in->proj->index, rel->target);
		}
		/* a method of the query a variable holds: `qs.filter(...)`,
		 * `q.all()`; on one row, a method is just a method */
		if (kind == QV_ASSIGNED && (*p == '(' || *p == '.')) {
			*rows = 1;
			return am;
		}
		return NULL;
	}
	om = ql_item_model(in, m, origin, from_query);
	*rows = om != NULL;
	return om;
}

/* Issue and recommendation for one lazily loaded relationship. */
static void ql_describe(const struct audit_input *in, size_t fi, struct finding *f,
			const struct orm_model *om, const struct orm_relationship *rel,
			const struct ql_use *u, const struct node *loop, const struct node *st,
			const char *item)
{
	const struct model *m = in->proj->files[fi].model;
	char header[128], desc[160], what[96], text[2048];
	int manager = om->is_django && (rel->flags & ORM_REL_COLLECTION);
	int dynamic = rel->lazy != NULL && qe_word(m, "qe_lazy_dynamic", rel->lazy);
	const char *lazy = rel->lazy ? rel->lazy : catalog_text(m->lang, "n_plus_one.default_lazy");
	const char *fix;

	sem_header_text(m, loop, header, sizeof header);
	sem_func_desc(in, fi, st, desc, sizeof desc);
	if (om->is_django)
		snprintf(what, sizeof what, "%s%s", manager ? "related manager" : "relation",
			 rel->flags & ORM_REL_REVERSE ? " (reverse accessor)" : "");
	else {
		const char *back = rel->flags & ORM_REL_REVERSE ?
				   catalog_text(m->lang, "n_plus_one.sa_backref") : NULL;
		const char *const kv[] = { "backref", back ? back : "", "lazy", lazy ? lazy : "",
					   NULL };

		if (db_text(m, "n_plus_one.sa_relationship", kv, what, sizeof what) == NULL)
			what[0] = '\0';
	}
	if (u->key_only && rel->fk_attr != NULL) {
		const char *kv[] = { "expr", u->text, "what", what, "model", om->name, "relation", rel->attr,
				     "header", header, "desc", desc, "item", item, "key", rel->fk_attr,
				     NULL };

		if (db_text(m, "n_plus_one.key_only_issue", kv, text, sizeof text))
			finding_set_issue(f, "%s", text);
		/* the key the loop read: Django's `pk` or the column `id` */
		if (db_text(m, qe_word(m, "qe_pk_uses", u->text) ? "n_plus_one.read_key_pk" :
			    "n_plus_one.read_key_id", kv, text, sizeof text))
			finding_set_recommendation(f, "%s", text);
		return;
	}
	{
		const char *kv[] = { "expr", u->text, "what", what, "model", om->name, "relation", rel->attr,
				     "header", header, "desc", desc,
				     "why", dynamic ? "a dynamic relationship runs a query on every call" :
				     u->requery ? catalog_text(m->lang, "n_plus_one.prefetch_bypassed") :
				     om->is_django ? "no select_related/prefetch_related covers it" :
				     "the outer query does not eager-load it", NULL };

		if (db_text(m, "n_plus_one.lazy_issue", kv, text, sizeof text))
			finding_set_issue(f, "%s", text);
	}
	if (u->requery)
		fix = "n_plus_one.prefetch_requery_fix";
	else if (om->is_django && !manager && !(rel->flags & ORM_REL_COLLECTION))
		fix = "n_plus_one.django_join";
	else if (om->is_django)
		fix = "n_plus_one.django_prefetch";
	else if (dynamic)
		fix = "n_plus_one.dynamic_fix";
	else if (rel->flags & ORM_REL_SCALAR)
		fix = "n_plus_one.joinedload_fix";
	else
		fix = "n_plus_one.selectinload_fix";
	{
		const char *kv[] = { "model", om->name, "relation", rel->attr, NULL };

		if (db_text(m, fix, kv, text, sizeof text))
			finding_set_recommendation(f, "%s", text);
	}
}

/* True when a call in the first iterable of comprehension loop (those
 * calls are nodes of the enclosing statement, before the loop) touches
 * the database. */
static int ql_comprehension_iter_is_db(const struct audit_input *in, const struct model *m,
				       const struct node *fn, const struct node *loop)
{
	const struct node *parent = model_node(m, loop->parent), *k;
	uint32_t from = loop->u.loop->iter.off, to = from + loop->u.loop->iter.len;

	for (k = NULL; (k = model_walk(m, parent, k, 0)) != NULL && budget_step(); ) {
		uint32_t off;

		if (k == loop)
			break;
		if (k->kind != NODE_CALL || k->line == 0 || k->line > m->n_lines)
			continue;
		off = m->line_off[k->line - 1] + k->col;
		if (off >= from && off < to && qe_call_is_db(in, m, fn, k) &&
		    k->u.call->name != NULL && !qe_word(m, "qe_bulk_create_names", k->u.call->callee))
			return 1;
	}
	return 0;
}

/* True when the loop's target or iterable names the rows' model
 * (`for page in Page.query...`, `_pages = Pages.query.all()`): a word
 * that would otherwise mean chunks or retries is the model's name. */
static int ql_named_after_model(const struct model *m, const struct node *loop,
				const struct orm_model *om)
{
	char name[128], text[600];
	size_t n;

	snprintf(name, sizeof name, "%s", om->name);
	for (n = 0; name[n]; n++)
		name[n] = (char)tolower((unsigned char)name[n]);
	if (n > 3 && name[n - 1] == 's')
		name[--n] = '\0';
	if (n < 3)
		return 0;
	span_copy(m, loop->u.loop->target, text, 200);
	n = strlen(text);
	text[n++] = ' ';
	span_copy(m, loop->u.loop->iter, text + n, sizeof text - n);
	for (n = 0; text[n]; n++)
		text[n] = (char)tolower((unsigned char)text[n]);
	return strstr(text, name) != NULL;
}

/* True when loop walks a to-many attribute of `self` in a method of a
 * model (`for rp in self.role_points.all()`) and every call of that
 * method outside tests sits in a function whose loaders name the next hop,
 * `"role_points__points"`: the rows and their relation are already in the
 * prefetch cache of each object the callers hold. No caller: 0. */
static int ql_callers_prefetch(const struct audit_input *in, const struct model *m,
			       const struct node *fn, const struct node *loop,
			       const struct orm_relationship *rel)
{
	const struct project *proj = in->proj;
	char iter[256], key[200], word[64];
	const char *p;
	size_t n = 0;
	int calls = 0;

	if (!(fn->flags & NF_METHOD) || fn->name == NULL)
		return 0;
	sem_loop_iter(m, loop, iter, sizeof iter);
	for (p = iter; ql_ident_char(*p) && n + 1 < sizeof word; p++)
		word[n++] = *p;
	word[n] = '\0';
	if (*p != '.' || !qe_word(m, "qe_self", word))
		return 0;
	for (n = 0, p++; ql_ident_char(p[n]) && n + 1 < sizeof word; n++)
		word[n] = p[n];
	word[n] = '\0';
	if (n == 0)
		return 0;
	snprintf(key, sizeof key, "%s__%s", word, rel->attr);
	for (size_t fi = 0; fi < proj->n_files; fi++) {
		const struct model *cm = proj->files[fi].model;
		const struct node *c, *g;

		if (cm == NULL || (proj->files[fi].flags & (FILE_VENDORED | FILE_MIGRATION | FILE_TEST)))
			continue;
		for (c = NULL; (c = model_walk(cm, model_node(cm, 0), c, 1)) != NULL && budget_step(); ) {
			struct ql_cover cv = { 0, STRBUF_INIT };
			char *text;
			size_t a, b;
			int named;

			if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
			    strcmp(c->u.call->name, fn->name) != 0 || (c->flags & NF_DECORATOR))
				continue;
			if ((g = model_enclosing_func(cm, c)) == NULL || g == fn || g->line == 0 ||
			    g->end_line > cm->n_lines || g->end_line < g->line)
				return 0;
			a = cm->line_off[g->line - 1];
			b = g->end_line < cm->n_lines ? cm->line_off[g->end_line] : cm->src_len;
			if (b <= a || (text = malloc(b - a + 1)) == NULL)
				return 0;
			memcpy(text, cm->src + a, b - a);
			text[b - a] = '\0';
			ql_cover_scan(cm, text, &cv);
			/* a quoted path naming both hops, inside some loader */
			named = !cv.all && ql_covered(&cv, word) && (strstr(text, key) != NULL);
			if (named) {
				const char *k = strstr(text, key);

				named = k > text && (k[-1] == '"' || k[-1] == '\'') &&
					(k[strlen(key)] == '"' || k[strlen(key)] == '\'');
			}
			free(text);
			sb_release(&cv.names);
			if (!named)
				return 0;
			calls++;
		}
	}
	return calls > 0;
}

/* True when FUNC node d of model dm carries a decorator of catalog
 * list `list` (its head name, resolved through dm's imports). */
static int ql_decorated(const struct model *dm, const struct node *d, const char *list)
{
	const struct func_info *fi = d->u.func;

	if (fi == NULL)
		return 0;
	for (size_t k = 0; k < fi->n_decorators; k++) {
		char head[128], resolved[256];
		const char *t = span_ptr(dm, fi->decorators[k]);
		size_t n = fi->decorators[k].len, h = 0;

		while (n > 0 && (*t == '@' || *t == ' ')) {
			t++;
			n--;
		}
		while (h < n && h + 1 < sizeof head && (ql_ident_char(t[h]) || t[h] == '.')) {
			head[h] = t[h];
			h++;
		}
		head[h] = '\0';
		if (h == 0)
			continue;
		model_resolve(dm, head, resolved, sizeof resolved);
		if (catalog_match(catalog_get(dm->lang, list), resolved))
			return 1;
	}
	return 0;
}

/* A read behind a member of the row's own class: `job.done_count` (a
 * property) or `job.done_count()` (a method) where that member of the
 * model class reads the database (its summary) and writes nothing: one
 * query per row, as a lazy relation is. A method call the function
 * summaries already resolve is left to the per-call path. Records the
 * first use in u and the member in member. */
static void ql_member_reads(const struct audit_input *in, size_t fi, struct finding_sink *out,
			    const struct node *fn, const struct node *loop,
			    const struct orm_model *om, const char *item)
{
	const struct model *m = in->proj->files[fi].model;
	const struct class_table *ct = summary_classes(in->sum);
	struct strbuf sb = STRBUF_INIT;
	char needle[160], seen[512] = " ";
	size_t nl;
	uint32_t l = loop->line, last = loop->end_line;

	if (ct == NULL || om->where.node == 0)
		return;
	snprintf(needle, sizeof needle, "%s.", item);
	nl = strlen(needle);
	if (loop->flags & NF_COMPREHENSION) {
		if (!ql_comprehension_text(m, loop, &sb))
			return;
		last = l;
	} else {
		l++;
	}
	for (; l <= last && budget_step(); l++) {
		char line[1024];
		const char *text = line;

		if (loop->flags & NF_COMPREHENSION)
			text = sb_str(&sb);
		else if (ql_code_line(m, l, line, sizeof line) == NULL)
			continue;
		for (const char *p = strstr(text, needle); p != NULL && budget_step();
		     p = strstr(p + 1, needle)) {
			char name[96], key[100], exprtxt[200], header[128], desc[160], out_text[2048];
			const char *a = p + nl;
			size_t n = 0;
			int called;
			uint32_t mfile = 0;
			const struct node *d, *st;
			const struct model *dm;
			unsigned facts;
			struct finding *f;

			if (p > text && (ql_ident_char(p[-1]) || p[-1] == '.'))
				continue;
			while (ql_ident_char(a[n]) && n + 1 < sizeof name) {
				name[n] = a[n];
				n++;
			}
			name[n] = '\0';
			if (n == 0 || ql_ident_char(a[n]) || name[0] == '_')
				continue;
			called = a[n] == '(';
			/* `job.count = ...` sets it */
			{
				const char *e = a + n;

				while (*e == ' ')
					e++;
				if (e[0] == '=' && e[1] != '=')
					continue;
			}
			snprintf(key, sizeof key, " %s ", name);
			if (strstr(seen, key) != NULL)
				continue;
			if (strlen(seen) + strlen(key) < sizeof seen)
				strcat(seen, name), strcat(seen, " ");
			d = class_method_named(in->proj, ct, om->name, name, &mfile);
			if (d == NULL || d->kind != NODE_FUNC || mfile >= in->proj->n_files ||
			    (dm = in->proj->files[mfile].model) == NULL)
				continue;
			facts = summary_facts(in->sum, mfile, d);
			if (!(facts & SUM_DB_READ) || (facts & SUM_DB_WRITE))
				continue;
			if (called) {
				/* a property is not called; a method the summaries
				 * resolve at this call is the per-call path's */
				if (ql_decorated(dm, d, "qe_property_decorators") ||
				    (facts & SUM_MEMOISED))
					continue;
				{
					const struct node *k;
					int resolved = 0;

					for (k = NULL; (k = model_walk(m, loop, k, 0)); )
						if (k->kind == NODE_CALL && k->line == l && k->u.call &&
						    k->u.call->name && strcmp(k->u.call->name, name) == 0 &&
						    (summary_call_facts(in->sum, fi, k) & SUM_DB_READ))
							resolved = 1;
					if (resolved)
						continue;
				}
			} else if (!ql_decorated(dm, d, "qe_property_decorators")) {
				continue;   /* a bound method named, not called */
			} else if ((facts & SUM_MEMOISED) &&
				   !ql_decorated(dm, d, "qe_instance_memo_decorators")) {
				continue;   /* memoised per key across rows */
			}
			if (loop->flags & NF_COMPREHENSION) {
				for (st = loop; st->parent != 0 && (st->kind == NODE_CALL ||
				     (st->kind == NODE_LOOP && (st->flags & NF_COMPREHENSION)));
				     st = model_node(m, st->parent))
					;
				if (st->kind == NODE_MODULE || st->kind == NODE_FUNC)
					continue;
			} else if ((st = ql_node_on_line(m, loop, l)) == NULL) {
				continue;
			}
			f = auditor_emit(in, out, &qe_checks[QE_N_PLUS_ONE],
					 sem_role_severity(in, fi, st, SEV_HIGH, SEV_MEDIUM), fi, st);
			if (f == NULL)
				break;
			snprintf(exprtxt, sizeof exprtxt, "%s%s%s", needle, name, called ? "()" : "");
			sem_header_text(m, loop, header, sizeof header);
			sem_func_desc(in, fi, st, desc, sizeof desc);
			{
				const char *kv[] = { "expr", exprtxt, "model", om->name, "member", name,
						     "header", header, "desc", desc, NULL };

				if (db_text(m, called ? "n_plus_one.member_method_issue" :
					    "n_plus_one.member_property_issue", kv, out_text,
					    sizeof out_text))
					finding_set_issue(f, "%s", out_text);
				if (db_text(m, "n_plus_one.member_read_fix", kv, out_text,
					    sizeof out_text))
					finding_set_recommendation(f, "%s", out_text);
			}
			sem_add_line(f, m, loop->line);
		}
	}
	(void)fn;
	sb_release(&sb);
}

void qe_lazy_relationships(const struct audit_input *in, size_t fi, struct finding_sink *out,
			   const struct node *fn, const struct node *loop, const char *origin,
			   int from_query, int per_row)
{
	const struct model *m = in->proj->files[fi].model;
	const struct orm_model *om;
	struct ql_cover cv = { 0, STRBUF_INIT };
	char item[128];
	int async_sa = (fn->flags & NF_ASYNC) && sem_db_stack(in->proj) != SEM_DJANGO, rows = 0;
	const char *back = NULL;

	if (loop->u.loop == NULL)
		return;
	if (!from_query && (loop->flags & NF_COMPREHENSION))
		from_query = ql_comprehension_iter_is_db(in, m, fn, loop);
	if (!ql_item(m, loop, item, sizeof item) ||
	    (om = ql_loop_model(in, m, fn, loop, origin, from_query, &rows, &back, 0)) == NULL ||
	    !rows || (!per_row && !ql_named_after_model(m, loop, om)))
		return;
	ql_member_reads(in, fi, out, fn, loop, om, item);
	if (om->n_rels == 0)
		return;
	ql_cover_scan(m, origin, &cv);
	for (int ri = 0; ri < om->n_rels; ri++) {
		const struct orm_relationship *rel = &om->rels[ri];
		int dynamic = rel->lazy != NULL && qe_word(m, "qe_lazy_dynamic", rel->lazy);
		int manager = dynamic || (om->is_django && (rel->flags & ORM_REL_COLLECTION));
		const struct node *st;
		struct finding *f;
		struct ql_use u;
		int requery = 0;

		if (!ql_loads_on_access(m, rel->lazy) || (back != NULL && strcmp(rel->attr, back) == 0))
			continue;
		/* a dynamic relationship cannot be eager-loaded: loaders name it
		 * in vain; a prefetched Django manager still queries when the
		 * loop filters or orders it (named by a loader: what a bare
		 * `select_related()` covers is not read here) */
		if (!dynamic && ql_covered(&cv, rel->attr)) {
			if (!om->is_django || !manager || !ql_named(&cv, rel->attr))
				continue;
			requery = 1;
		}
		ql_find_use(m, loop, item, rel, manager, async_sa, requery, &u);
		if (u.line == 0)
			continue;
		/* the callers prefetch it: `"role_points__points"` */
		if (om->is_django && back != NULL && !manager && !requery &&
		    ql_callers_prefetch(in, m, fn, loop, rel))
			continue;
		if (loop->flags & NF_COMPREHENSION) {
			/* reported at the statement holding the comprehension */
			for (st = loop; st->parent != 0 && (st->kind == NODE_CALL ||
			     (st->kind == NODE_LOOP && (st->flags & NF_COMPREHENSION)));
			     st = model_node(m, st->parent))
				;
			if (st->kind == NODE_MODULE || st->kind == NODE_FUNC)
				continue;
		} else if ((st = ql_node_on_line(m, loop, u.line)) == NULL) {
			continue;
		}
		f = auditor_emit(in, out, &qe_checks[QE_N_PLUS_ONE],
				 sem_role_severity(in, fi, st, SEV_HIGH, SEV_MEDIUM), fi, st);
		if (f == NULL)
			break;
		ql_describe(in, fi, f, om, rel, &u, loop, st, item);
		sem_add_line(f, m, loop->line);
	}
	sb_release(&cv.names);
}
