/* over_fetching (ln-651): every column loaded where a few are used. */
#include "auditor.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "semantic.h"
#include "lang/lang.h"
#include "db-ops.h"
#include "qe.h"
#include "receiver-types.h"
#include "summary.h"
#include "dispatch.h"

/* The statement node a call belongs to. */
static const struct node *qe_statement(const struct model *m, const struct node *c)
{
	while (c->kind == NODE_CALL && c->parent != 0)
		c = model_node(m, c->parent);
	return c;
}

/* The text of the expression call c heads, from its callee to the end of
 * the chain of calls on it (`session.query(User).filter(...).count()`),
 * across lines while brackets are open, into buf. What a compound
 * statement does with a query in its condition is read from this, not
 * from the body under it. */
static const char *qe_chain_text(const struct model *m, const struct node *c, char *buf,
				 size_t size)
{
	size_t len = 0, i, w = 0;
	uint32_t line = c->line;
	const char *t = model_line(m, line, &len);
	int depth = 0;
	char quote = 0;

	buf[0] = '\0';
	if (t == NULL || c->col >= len || size < 2)
		return buf;
	for (i = c->col; w + 1 < size; i++) {
		char ch;

		if (i >= len) {
			if (depth == 0 || line - c->line > 20 ||
			    (t = model_line(m, ++line, &len)) == NULL)
				break;
			i = (size_t)-1;
			buf[w++] = ' ';
			continue;
		}
		ch = t[i];
		if (quote) {
			if (ch == quote)
				quote = 0;
		} else if (ch == '"' || ch == '\'') {
			quote = ch;
		} else if (ch == '(' || ch == '[' || ch == '{') {
			depth++;
		} else if (ch == ')' || ch == ']' || ch == '}') {
			if (depth == 0)
				break;
			depth--;
		} else if (depth == 0 && ch != '.' && ch != '_' &&
			   !(ch >= 'a' && ch <= 'z') && !(ch >= 'A' && ch <= 'Z') &&
			   !(ch >= '0' && ch <= '9')) {
			break;
		}
		buf[w++] = ch;
	}
	buf[w] = '\0';
	return buf;
}

/* The source of statement n into buf: a loop, if, with or try by its
 * header line only (its body is asked about statement by statement). */
static const char *qe_stmt_text(const struct model *m, const struct node *n, char *buf,
				size_t size)
{
	struct node hdr = *n;

	if (n->kind == NODE_LOOP || n->kind == NODE_IF || n->kind == NODE_WITH ||
	    n->kind == NODE_TRY)
		hdr.end_line = hdr.line;
	return sem_node_text(m, &hdr, buf, size);
}

/* Appends how the value of statement st is used later in fn: the text of
 * every later statement (loop and if headers only) naming what st
 * assigns, one more level down for `result = await session.execute(stmt)`. */
static void qe_usage(const struct model *m, const struct node *fn, const struct node *st,
		     struct strbuf *sb, int depth)
{
	const struct node *n;
	char text[1024];

	if (st->kind != NODE_ASSIGN || st->name == NULL || (st->flags & NF_TARGET_ATTR) ||
	    depth > 2 || !budget_enter())
		return;
	for (n = NULL; (n = model_walk(m, fn, n, 0)); ) {
		if (n->kind == NODE_CALL || n->line <= st->line || n->kind == NODE_FUNC ||
		    n->kind == NODE_CLASS)
			continue;
		qe_stmt_text(m, n, text, sizeof text);
		if (!sem_mentions(text, st->name))
			continue;
		sb_adds(sb, n->kind == NODE_LOOP && !(n->flags & NF_WHILE) ? " for-each " : "");
		sb_adds(sb, text);
		qe_usage(m, fn, n, sb, depth + 1);
	}
	budget_leave();
}

/* True when a function's name, route or return type says it lists or
 * searches (a collection endpoint rather than one item). */
static int qe_func_lists(const struct model *m, const struct node *fn, const char *model)
{
	const char *name = fn->name ? fn->name : "";
	char text[512];

	if (qe_word(m, "qe_listing_names", name))
		return 1;
	if (fn->u.func == NULL)
		return 0;
	/* a private helper returning a list feeds other code, which uses the
	 * whole entities: only public functions count by return type */
	if (fn->u.func->returns.len && name[0] != '_') {
		span_copy(m, fn->u.func->returns, text, sizeof text);
		/* a list of the queried model itself, not of values computed
		 * from it (`list[tuple[Transaction, Transaction]]` is work) */
		if ((qe_word(m, "qe_list_annotations", text) || qe_word(m, "qe_page_types", text)) &&
		    model != NULL && strstr(text, model) != NULL && !qe_word(m, "qe_tuple_types", text))
			return 1;
	}
	for (uint32_t i = 0; i < fn->u.func->n_decorators; i++) {
		const char *q, *end, *seg;

		span_copy(m, fn->u.func->decorators[i], text, sizeof text);
		if (strstr(text, "response_model=list[") || strstr(text, "response_model=List["))
			return 1;
		if (!qe_word(m, "qe_get_routes", text) || (q = strpbrk(text, "\"'")) == NULL)
			continue;
		if ((end = strchr(q + 1, *q)) == NULL)
			continue;
		/* GET on a collection: "", "/", "/items", "/jobs/search" */
		for (seg = end; seg > q + 1 && seg[-1] != '/'; seg--)
			;
		if (end == q + 1 || (end == q + 2 && q[1] == '/') ||
		    (memchr(seg, '{', (size_t)(end - seg)) == NULL && end[-1] == 's'))
			return 1;
	}
	return 0;
}

/* True when text contains any of the NULL-terminated needles. */
static int qe_has_any(const char *text, const struct catalog_list *needles)
{
	return catalog_match(needles, text);
}

/* Cuts `# comments` out of source text (outside string literals): a
 * comment saying "for full objects" is no loop. */
static void qe_strip_comments(char *s)
{
	char quote = 0, *w = s;

	for (const char *r = s; *r; r++) {
		if (quote == 0 && *r == '#') {
			while (r[1] && r[1] != '\n')
				r++;
			continue;
		}
		if (quote == 0 && (*r == '"' || *r == '\''))
			quote = *r;
		else if (quote != 0 && *r == quote && r[-1] != '\\')
			quote = 0;
		else if (*r == '\n')
			quote = 0;
		*w++ = *r;
	}
	*w = '\0';
}

/* The statement that consumes the rows of query statement st: st itself
 * when the query is run and read right there (`.all()`,
 * `.scalar_one_or_none()` chained on it), else the first later statement
 * of the chain of names it feeds (stmt -> result -> rows) that reads rows.
 * Its text goes into buf (comments cut); the names of the chain go into
 * names (for the loops over them). Returns how many names. */
static int qe_consumer(const struct model *m, const struct node *fn, const struct node *st,
		       const struct catalog_list *accessors, const struct catalog_list *accessors2,
		       char *buf, size_t size, const char **names, int max_names)
{
	/* on st itself only accessors chained on the query count: a `for`
	 * or `list(` there is a comprehension inside its WHERE clause */
	const struct catalog_list *chained = catalog_get(m->lang, "qe_chained_accessors");
	const struct node *cur = st;
	int n = 0, found;

	sem_node_text(m, st, buf, size);
	qe_strip_comments(buf);
	found = qe_has_any(buf, accessors) || qe_has_any(buf, chained);
	for (int hop = 0; hop < 6; hop++) {
		const struct node *x, *next = NULL;
		char text[1024] = "";

		if (cur->kind != NODE_ASSIGN || cur->name == NULL || (cur->flags & NF_TARGET_ATTR) ||
		    strpbrk(cur->name, ".[, ()") != NULL)
			break;
		if (n < max_names)
			names[n++] = cur->name;
		for (x = NULL; next == NULL && (x = model_walk(m, fn, x, 0)); ) {
			if (x->kind == NODE_CALL || x->kind == NODE_FUNC || x->kind == NODE_CLASS ||
			    x->line <= cur->end_line)
				continue;
			qe_stmt_text(m, x, text, sizeof text);
			qe_strip_comments(text);
			if (sem_mentions(text, cur->name))
				next = x;
		}
		if (next == NULL)
			break;
		if (!found && (qe_has_any(text, accessors) || qe_has_any(text, accessors2))) {
			snprintf(buf, size, "%s", text);
			found = 1;
		}
		cur = next;
	}
	return n;
}

/* True when the only later use of the rows that statement st assigns is
 * `return [Dto(**row.dict()) for row in rows]` (or `Dto.from_orm(row)`):
 * every row goes to the response whole and no field of it is read, so the
 * index cannot name a column to leave out (whether the response model
 * drops some is a fact of another class). Catalog: qe_return_words,
 * qe_whole_row_dumps. */
static int qe_rows_returned_whole(const struct model *m, const struct node *fn,
				  const struct node *st)
{
	const struct node *n, *use = NULL;
	char text[1024], var[64], pat[160];
	const char *p, *q, *forp;
	size_t vl;
	int uses = 0;

	if (st->kind != NODE_ASSIGN || st->name == NULL || (st->flags & NF_TARGET_ATTR) ||
	    strpbrk(st->name, ".[, ()") != NULL)
		return 0;
	for (n = NULL; (n = model_walk(m, fn, n, 0)); ) {
		if (n->kind == NODE_CALL || n->line <= st->end_line || n->kind == NODE_FUNC ||
		    n->kind == NODE_CLASS)
			continue;
		/* the comprehension inside a counted `return [...]` is that use */
		if (use != NULL && use->kind == NODE_RETURN && n->line <= use->end_line)
			continue;
		qe_stmt_text(m, n, text, sizeof text);
		qe_strip_comments(text);
		if (sem_mentions(text, st->name)) {
			uses++;
			use = n;
		}
	}
	if (uses != 1)
		return 0;
	sem_node_text(m, use, text, sizeof text);
	qe_strip_comments(text);
	if (!qe_word(m, "qe_return_words", text + strspn(text, " \t")) ||
	    (p = strchr(text, '[')) == NULL)
		return 0;
	/* `[element for var in rows]`, nothing after the rows but `]` */
	for (forp = strstr(p, " for "); forp != NULL && strstr(forp + 1, " for ") != NULL;
	     forp = strstr(forp + 1, " for "))
		;
	if (forp == NULL)
		return 0;
	for (q = forp + 5, vl = 0; sem_ident_char(q[vl]) && vl < sizeof var - 1; vl++)
		;
	if (vl == 0 || vl >= sizeof var - 1)
		return 0;
	memcpy(var, q, vl);
	var[vl] = '\0';
	snprintf(pat, sizeof pat, "%s in %s", var, st->name);
	if (strncmp(q, pat, strlen(pat)) != 0)
		return 0;
	for (q += strlen(pat); *q == ' ' || *q == '\n' || *q == ')'; q++)
		;
	if (*q != ']')
		return 0;
	/* every mention of var in the element passes the row whole */
	{
		int whole = 0;

		for (q = p + 1; q < forp; q++) {
			const char *after;

			if (strncmp(q, var, vl) != 0 || sem_ident_char(q[vl]) ||
			    (q > p + 1 && (sem_ident_char(q[-1]) || q[-1] == '.')))
				continue;
			after = q + vl;
			if (*after == '.') {
				if (!qe_word(m, "qe_whole_row_dumps", after + 1))
					return 0;
			} else if (*after != ')' && *after != ',')
				return 0;
			whole = 1;
		}
		return whole;
	}
}

/* True when the statement locks its rows for an update
 * (`with_for_update()`, `select_for_update()`: the entities are about to
 * change) or caps them at a handful (`.limit(2)`, `[:5]`). */
static int qe_locked_or_capped(const struct model *m, const char *text)
{
	char lim[32];
	const char *l;
	size_t ll;

	if (qe_word(m, "qe_row_locks", text))
		return 1;
	if (qe_fragment(m, "qe_limit_calls", text, lim, sizeof lim) == NULL ||
	    (ll = strlen(lim)) == 0)
		return 0;
	for (l = strstr(text, lim); l != NULL; l = strstr(l + 1, lim)) {
		char *end;
		long n = strtol(l + ll, &end, 10);

		if (end != l + 7 && *end == ')' && n <= 10)
			return 1;
	}
	return 0;
}

/* True when identifier word occurs in span sp. */
static int qe_span_mentions(const struct model *m, struct span sp, const char *word)
{
	char text[512];

	span_copy(m, sp, text, sizeof text);
	return sem_mentions(text, word);
}

/* True when a loop over one of names (the rows or what holds them)
 * writes to the loop variable's attributes (`sub.tax_exempted = True`) or
 * deletes it: the full entities are needed to change them. */
static int qe_rows_mutated(const struct model *m, const struct node *fn, uint32_t after,
			   const char *const *names, int n_names)
{
	for (const struct node *lp = NULL; (lp = model_walk(m, fn, lp, 0)); ) {
		char target[128];
		size_t tl;
		int over = 0;

		if (lp->kind != NODE_LOOP || lp->line < after || lp->u.loop == NULL ||
		    lp->u.loop->target.len == 0 || lp->u.loop->target.len >= sizeof target)
			continue;
		for (int i = 0; i < n_names && !over; i++)
			over = qe_span_mentions(m, lp->u.loop->iter, names[i]);
		if (!over)
			continue;
		span_copy(m, lp->u.loop->target, target, sizeof target);
		tl = strlen(target);
		for (const struct node *x = NULL; (x = model_walk(m, lp, x, 0)); ) {
			if ((x->kind == NODE_ASSIGN || x->kind == NODE_AUGASSIGN) &&
			    (x->flags & NF_TARGET_ATTR) && x->text.len > tl &&
			    span_starts(m, x->text, target) &&
			    (span_ptr(m, x->text)[tl] == '.' || span_ptr(m, x->text)[tl] == '['))
				return 1;
			if (x->kind == NODE_CALL && x->u.call && x->u.call->name &&
			    qe_word(m, "qe_delete_methods", x->u.call->name) &&
			    qe_span_mentions(m, x->u.call->args_text, target))
				return 1;
			/* `row.tags.append(t)`: a collection of the row changes */
			if (x->kind == NODE_CALL && x->u.call && x->u.call->name &&
			    x->u.call->callee && strncmp(x->u.call->callee, target, tl) == 0 &&
			    x->u.call->callee[tl] == '.' &&
			    qe_word(m, "qe_collection_mutators", x->u.call->name))
				return 1;
		}
	}
	return 0;
}

/* Recommendation for column projection, by stack. */
static void qe_projection_recommendation(const struct audit_input *in, const struct model *m,
					 struct finding *f, const struct orm_model *om)
{
	char text[1024];

	if (db_text(m, sem_db_stack(in->proj) == SEM_DJANGO ? "over_fetching.django_fix" :
		    "over_fetching.columns_fix", (const char *const[]){ "model", om->name, NULL },
		    text, sizeof text))
		finding_set_recommendation(f, "%s", text);
}

/* True for a character of a JavaScript identifier. */
static int qe_ident_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '$';
}

/* The fields read on identifier word in text (outside '...' / "..."
 * strings and // comments): every use must read a field (`word.id`,
 * `word?.id`), not call a method of it or use it whole (passed to a
 * function, spread, returned, printed in a template). The first skip uses
 * are passed over (a loop variable's declaration). Adds the distinct
 * fields to fields (up to max) and returns their count, or -1 when word
 * is used whole. */
static int qe_fields_read(const char *text, const char *word, int skip, char fields[][64],
			  int nf, int max)
{
	size_t wl = strlen(word);

	for (const char *p = text; *p; ) {
		const char *q;
		size_t fl;
		int k;

		if (*p == '\'' || *p == '"') {
			char quote = *p++;

			while (*p && *p != quote && *p != '\n')
				p += (*p == '\\' && p[1]) ? 2 : 1;
			if (*p)
				p++;
			continue;
		}
		if (p[0] == '/' && p[1] == '/') {
			while (*p && *p != '\n')
				p++;
			continue;
		}
		if (!qe_ident_char(*p) || (p > text && qe_ident_char(p[-1]))) {
			p++;
			continue;
		}
		/* `x.word` is another object's property; `...word` spreads it */
		if (p > text && p[-1] == '.' && !(p - text >= 3 && p[-2] == '.' && p[-3] == '.')) {
			while (qe_ident_char(*p))
				p++;
			continue;
		}
		if (strncmp(p, word, wl) != 0 || qe_ident_char(p[wl])) {
			while (qe_ident_char(*p))
				p++;
			continue;
		}
		p += wl;
		if (skip > 0) {
			skip--;
			continue;
		}
		q = p[0] == '?' && p[1] == '.' ? p + 2 : p[0] == '.' ? p + 1 : NULL;
		if (q == NULL)
			return -1;
		for (fl = 0; qe_ident_char(q[fl]); fl++)
			;
		if (fl == 0 || fl >= 64 || q[fl] == '(')
			return -1;
		for (k = 0; k < nf && (strncmp(fields[k], q, fl) != 0 || fields[k][fl] != '\0'); k++)
			;
		if (k == nf) {
			if (nf == max)
				return -1;
			memcpy(fields[nf], q, fl);
			fields[nf++][fl] = '\0';
		}
		p = q + fl;
	}
	return nf;
}

/* The distinct fields read on a field of a loaded relation: every use of
 * `row.rel` must read one of its fields (`row.rel.email`) or test it
 * (`row.rel ? ... :`, `row.rel && ...`, `row.rel != null`); the row
 * itself may be read by any field but not used whole. Returns the count
 * (up to 3) or -1. */
static int qe_rel_fields_read(const char *text, const char *var, int skip, const char *rel,
			      char fields[][64], int nf)
{
	char row_fields[32][64];
	size_t vl = strlen(var), rl = strlen(rel);

	if (qe_fields_read(text, var, skip, row_fields, 0, 32) < 0)
		return -1;
	for (const char *p = text; (p = strstr(p, var)) != NULL; p += vl) {
		const char *q = p + vl, *a;
		size_t fl;
		int k;

		if ((p > text && (qe_ident_char(p[-1]) || p[-1] == '.')) || qe_ident_char(*q))
			continue;
		q += q[0] == '?' && q[1] == '.' ? 2 : q[0] == '.' ? 1 : 0;
		if (q == p + vl || strncmp(q, rel, rl) != 0 || qe_ident_char(q[rl]))
			continue;
		a = q + rl;
		if ((a[0] == '?' && a[1] == '.') || (a[0] == '.' && a[1] != '.')) {
			a += a[0] == '?' ? 2 : 1;
			for (fl = 0; qe_ident_char(a[fl]); fl++)
				;
			if (fl == 0 || fl >= 64 || a[fl] == '(')
				return -1;
			for (k = 0; k < nf && (strncmp(fields[k], a, fl) != 0 || fields[k][fl] != '\0'); k++)
				;
			if (k == nf) {
				if (nf == 3)
					return -1;
				memcpy(fields[nf], a, fl);
				fields[nf++][fl] = '\0';
			}
			continue;
		}
		while (*a == ' ' || *a == '\n' || *a == '\t')
			a++;
		/* a test of the relation, not a use of its row */
		if ((a[0] == '?' && a[1] != '.' && a[1] != '?') || strncmp(a, "&&", 2) == 0 ||
		    strncmp(a, "||", 2) == 0 || strncmp(a, "!=", 2) == 0 || strncmp(a, "==", 2) == 0)
			continue;
		return -1;
	}
	return nf;
}

/* The fields read on one row: on the row itself (rel NULL, up to 3), or
 * on its loaded relation rel. */
static int qe_row_reads(const char *text, const char *var, int skip, const char *rel,
			char fields[][64], int nf)
{
	if (rel == NULL)
		return qe_fields_read(text, var, skip, fields, nf, 3);
	return qe_rel_fields_read(text, var, skip, rel, fields, nf);
}

/* The fields read on the rows assigned by statement st of function fn
 * (on a relation rel of each row when rel is not NULL), into fields /
 * *nf: 0, or -1 when the rows are not used, or used whole (returned,
 * passed on, spread, or their rows read by more than three fields). */
static int qe_rows_fields(const struct model *m, const struct node *fn, const struct node *st,
			  const char *rel, char fields[][64], int *nf_out)
{
	const struct node *n;
	int nf = 0, uses = 0, whole = 0;

	/* every later use of the rows */
	for (n = NULL; !whole && (n = model_walk(m, fn, n, 0)); ) {
		char text[2048], var[SEM_NAME_MAX];
		int r;

		if (n->kind == NODE_CALL || n->kind == NODE_FUNC || n->kind == NODE_CLASS ||
		    n->line <= st->end_line)
			continue;
		qe_stmt_text(m, n, text, sizeof text);
		if (!sem_mentions(text, st->name))
			continue;
		uses++;
		if (n->kind == NODE_LOOP && n->u.loop != NULL && n->u.loop->target.len > 0 &&
		    n->u.loop->target.len < sizeof var) {
			char iter[256];

			span_copy(m, n->u.loop->target, var, sizeof var);
			span_copy(m, n->u.loop->iter, iter, sizeof iter);
			/* a callback over another list (`hours.filter((h) =>
			 * !rows.find(...))`): the statement that holds it was
			 * judged with the callback's text */
			if ((n->flags & NF_JS_CALLBACK) && !sem_mentions(iter, st->name)) {
				uses--;
				continue;
			}
			if (strcmp(iter, st->name) != 0 || var[strspn(var,
			    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")] != '\0') {
				whole = 1;
				continue;
			}
			sem_node_text(m, n, text, sizeof text);
			r = qe_row_reads(text, var, 1, rel, fields, nf);
		} else {
			/* `rows.map((row) => row.id)`: one parameter, read by field */
			const char *p = strstr(text, st->name), *a, *b, *rows_at;
			size_t vl;

			char props[4][64];
			int np = qe_fields_read(text, st->name, 0, props, 0, 4), k;

			/* `rows.length` only: no field of a row is read */
			for (k = 0; k < np && qe_word(m, "qe_rows_size_props", props[k]); k++)
				;
			r = np > 0 && k == np ? nf : -1;
			if (r >= 0 || p == NULL || p[strlen(st->name)] != '.')
				goto judged;
			rows_at = p;
			p += strlen(st->name) + 1;
			for (vl = 0; qe_ident_char(p[vl]) && vl < 32; vl++)
				var[vl] = p[vl];
			var[vl] = '\0';
			/* `rows.map(`, or a search whose row is only tested:
			 * `!rows.find(` (qe_row_negated_finders) */
			if (p[vl] != '(' || !(qe_word(m, "qe_row_iterators", var) ||
					      (rows_at > text && rows_at[-1] == '!' &&
					       qe_word(m, "qe_row_negated_finders", var))))
				goto judged;
			/* `rows.map(\n  (row) => ...)`: the callback on the next line */
			for (a = p + vl + 1; *a == ' ' || *a == '\n' || *a == '\t'; a++)
				;
			a += *a == '(';
			for (vl = 0; qe_ident_char(a[vl]) && vl + 1 < sizeof var; vl++)
				var[vl] = a[vl];
			var[vl] = '\0';
			b = a + vl;
			b += *b == ')';
			while (*b == ' ')
				b++;
			if (vl == 0 || b[0] != '=' || b[1] != '>' ||
			    qe_fields_read(text, st->name, 0, fields, 0, 0) != -1)
				goto judged;
			/* the rows' name once, the parameter's declaration once */
			{
				char tmp[2048];
				const char *rest = b + 2;

				snprintf(tmp, sizeof tmp, "%s", rest);
				if (sem_mentions(tmp, st->name))
					goto judged;
				r = qe_row_reads(tmp, var, 0, rel, fields, nf);
			}
		}
judged:
		if (r < 0)
			whole = 1;
		else
			nf = r;
	}
	if (whole || uses == 0)
		return -1;
	*nf_out = nf;
	return 0;
}

/* True when a top-level key of the object literal in text (the query's
 * arguments) is a catalog projection key (Prisma's `select`, `omit`). */
static int qe_top_level_projection(const struct model *m, const char *text)
{
	/* the arguments' object, with or without the call's parentheses */
	int depth = 0, top = text[0] == '(' ? 2 : 1;

	for (const char *p = text; *p; p++) {
		if (*p == '{' || *p == '(' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ')' || *p == ']')
			depth--;
		else if (depth == top && qe_ident_char(*p) && (p == text || !qe_ident_char(p[-1]))) {
			char key[64];
			size_t n = 0;

			while (qe_ident_char(p[n]) && n + 1 < sizeof key) {
				key[n] = p[n];
				n++;
			}
			key[n] = '\0';
			if (p[n] == ':' && qe_word(m, "qe_schema_projection_keys", key))
				return 1;
			p += n - 1;
		}
	}
	return 0;
}

/* A relation loaded whole by a many-rows query: `include: { owner: true }`. */
struct qe_include {
	char attr[64];
	const struct orm_model *target;
};

/* The relations of model om that the query's arguments (text) load whole
 * through a top-level include key (catalog `qe_schema_include_keys`) with
 * a whole-relation value (`qe_schema_include_whole`: Prisma's `true`),
 * when the related model has more than 10 columns. */
static int qe_whole_includes(const struct audit_input *in, const struct model *m,
			     const char *text, const struct orm_model *om, struct qe_include *out,
			     int max)
{
	int depth = 0, top = text[0] == '(' ? 2 : 1, inc = -1, n = 0;

	for (const char *p = text; *p && n < max; p++) {
		if (*p == '{' || *p == '(' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ')' || *p == ']') {
			if (depth-- == inc + 1)
				inc = -1;
		} else if ((depth == top || (inc >= 0 && depth == inc + 1)) && qe_ident_char(*p) &&
			   (p == text || !qe_ident_char(p[-1]))) {
			char key[64];
			size_t kl = 0;
			const char *v;

			while (qe_ident_char(p[kl]) && kl + 1 < sizeof key) {
				key[kl] = p[kl];
				kl++;
			}
			key[kl] = '\0';
			for (v = p + kl; *v == ' ' || *v == '\t' || *v == '\n'; v++)
				;
			if (*v != ':') {
				p += kl - 1;
				continue;
			}
			for (v++; *v == ' ' || *v == '\t' || *v == '\n'; v++)
				;
			if (depth == top && qe_word(m, "qe_schema_include_keys", key) && *v == '{') {
				inc = depth;
			} else if (inc >= 0 && depth == inc + 1 && qe_ident_char(*v)) {
				char val[16];
				size_t vl = 0;

				while (qe_ident_char(v[vl]) && vl + 1 < sizeof val) {
					val[vl] = v[vl];
					vl++;
				}
				val[vl] = '\0';
				if (qe_ident_char(v[vl]) || !qe_word(m, "qe_schema_include_whole", val)) {
					p += kl - 1;
					continue;
				}
				for (int k = 0; k < om->n_rels; k++) {
					const struct orm_model *tm;

					if (strcmp(om->rels[k].attr, key) != 0 || om->rels[k].target == NULL)
						continue;
					tm = index_schema_model(in->proj->index, om->rels[k].target);
					if (tm != NULL && tm->n_columns > 10) {
						snprintf(out[n].attr, sizeof out[n].attr, "%s", key);
						out[n++].target = tm;
					}
					break;
				}
			}
			p += kl - 1;
		}
	}
	return n;
}

/* over_fetching, schema models (Prisma): `prisma.link.findMany({...})`
 * with no `select` / `omit` for a model of more than 10 columns, whose
 * rows are only iterated (a for-of, or a one-parameter `map` / `forEach`
 * callback) to read at most three fields, on a request path. The rows are
 * not returned or handed on whole (that is what a list endpoint returns:
 * which fields its client shows is not in the index). LOW. */
static void qe_over_fetching_schema(const struct audit_input *in, size_t fi,
				    struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *c;

	if (in->proj->index == NULL || strncmp(in->proj->files[fi].path, "scripts/", 8) == 0 ||
	    strstr(in->proj->files[fi].path, "/scripts/") != NULL)
		return;
	for (c = NULL; (c = model_walk(m, model_node(m, 0), c, 1)); ) {
		const struct orm_model *om;
		const struct node *fn, *st;
		char target[SEM_NAME_MAX], args[2048], call[128], desc[160], used[256] = "";
		char fields[4][64];
		const char *callee, *dot;
		struct qe_include rels[4];
		int nf = 0, n_rels;
		unsigned role;
		struct finding *f;

		if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
		    c->u.call->callee == NULL || !qe_word(m, "qe_schema_many_reads", c->u.call->name) ||
		    (fn = model_enclosing_func(m, c)) == NULL)
			continue;
		/* the accessor before the method: prisma.link.findMany -> link */
		callee = c->u.call->callee;
		if ((dot = strrchr(callee, '.')) == NULL)
			continue;
		{
			const char *start = dot;

			while (start > callee && start[-1] != '.')
				start--;
			if (start == callee || (size_t)(dot - start) >= sizeof target)
				continue;
			snprintf(target, sizeof target, "%.*s", (int)(dot - start), start);
		}
		om = index_schema_model(in->proj->index, target);
		if (om == NULL)
			continue;
		span_copy(m, c->u.call->args_text, args, sizeof args);
		st = qe_statement(m, c);
		if (st->kind != NODE_ASSIGN || st->name == NULL || (st->flags & NF_TARGET_ATTR) ||
		    strpbrk(st->name, ".[, (){}") != NULL)
			continue;
		/* the rows themselves (-1), then each wide relation loaded whole */
		n_rels = qe_whole_includes(in, m, args, om, rels, 4);
		for (int mode = -1; mode < n_rels; mode++) {
			const struct orm_model *wide = mode < 0 ? om : rels[mode].target;

			nf = 0;
			used[0] = '\0';
			if (mode < 0 && (om->n_columns <= 10 || qe_top_level_projection(m, args)))
				continue;
			if (qe_rows_fields(m, fn, st, mode < 0 ? NULL : rels[mode].attr, fields,
					   &nf) != 0 || nf == 0)
				continue;
			role = index_role_at(in->proj, (uint32_t)fi, c);
			if (!(role & (ROLE_HANDLER | ROLE_HANDLER_PATH)))
				break;
			f = auditor_emit(in, out, &qe_checks[QE_OVER_FETCHING], SEV_LOW, fi, c);
			if (f == NULL)
				break;
			for (int k = 0; k < nf; k++)
				snprintf(used + strlen(used), sizeof used - strlen(used), "%s`%s`",
					 k ? ", " : "", fields[k]);
			sem_call_source(m, c, call, sizeof call);
			sem_func_desc(in, fi, c, desc, sizeof desc);
			if (mode < 0)
				finding_set_issue(f, "`%s` loads every column of `%s` (%d columns) for many "
						  "rows in %s, which reads only %s of each", call, om->name,
						  om->n_columns, desc, used);
			else
				finding_set_issue(f, "`%s` loads every column of the related `%s` (%d "
						  "columns, relation `%s` included whole) for each of many rows "
						  "in %s, which reads only %s of it", call, wide->name,
						  wide->n_columns, rels[mode].attr, desc, used);
			qe_projection_recommendation(in, m, f, wide);
			break;
		}
	}
}

/* True when text names word as a value of its own: not a field or a
 * method of it (`word.length`), nor a field of something else. */
static int qe_mentions_whole(const char *text, const char *word)
{
	size_t wl = strlen(word);

	for (const char *p = strstr(text, word); p != NULL; p = strstr(p + 1, word)) {
		const char *a = p + wl;

		/* `...word` spreads the value itself; `x.word` is a field */
		if ((p > text && (qe_ident_char(p[-1]) ||
				  (p[-1] == '.' && !(p - text >= 3 && p[-2] == '.' && p[-3] == '.')))) ||
		    qe_ident_char(*a))
			continue;
		while (*a == ' ' || *a == '\t' || *a == '\n')
			a++;
		if (*a != '.' && *a != '[' && *a != '(')
			return 1;
	}
	return 0;
}

/* True when text builds a value that still holds the rows named word:
 * the name as a value of its own (`[...pinned, ...recent]`), or a method
 * that keeps the rows (catalog "qe_rows_keep_methods": `rows.sort(...)`,
 * `rows.filter(...)`), not a mapping of them into something else. */
static int qe_mentions_rows(const struct model *m, const char *text, const char *word)
{
	size_t wl = strlen(word);

	if (qe_mentions_whole(text, word))
		return 1;
	for (const char *p = strstr(text, word); p != NULL; p = strstr(p + 1, word)) {
		const char *a = p + wl;
		char meth[32];
		size_t ml = 0;

		if ((p > text && (qe_ident_char(p[-1]) || p[-1] == '.')) || qe_ident_char(*a))
			continue;
		while (*a == ' ' || *a == '\t' || *a == '\n')
			a++;
		if (*a != '.')
			continue;
		for (a++; qe_ident_char(a[ml]) && ml + 1 < sizeof meth; ml++)
			meth[ml] = a[ml];
		meth[ml] = '\0';
		if (a[ml] == '(' && qe_word(m, "qe_rows_keep_methods", meth))
			return 1;
	}
	return 0;
}

/* True when the rows that statement st of fn produces reach one of fn's
 * returns: st returns them, or assigns a plain local that a return names,
 * directly or through locals built from it (`const all = [...pinned,
 * ...recent]`, `const links = all.sort(...)`), in line order. */
static int qe_rows_reach_return(const struct model *m, const struct node *fn,
				const struct node *st)
{
	const char *names[16];
	int nn = 0;
	const struct node *n;
	char text[2048];

	if (st->kind == NODE_RETURN)
		return 1;
	if (st->kind != NODE_ASSIGN || st->name == NULL || (st->flags & NF_TARGET_ATTR) ||
	    strpbrk(st->name, ".[, (){}") != NULL)
		return 0;
	names[nn++] = st->name;
	for (n = NULL; (n = model_walk(m, fn, n, 0)); ) {
		int hit = 0;

		if (n->line <= st->end_line || n->kind == NODE_FUNC || n->kind == NODE_CLASS ||
		    (n->kind != NODE_ASSIGN && n->kind != NODE_RETURN))
			continue;
		if (n->kind == NODE_ASSIGN && n->value.len > 0)
			span_copy(m, n->value, text, sizeof text);
		else
			sem_node_text(m, n, text, sizeof text);
		qe_strip_comments(text);
		for (int k = 0; k < nn && !hit; k++)
			hit = n->kind == NODE_RETURN ? sem_mentions(text, names[k]) :
			      qe_mentions_rows(m, text, names[k]);
		if (!hit)
			continue;
		if (n->kind == NODE_RETURN) {
			/* returned whole (`{ response: links }`), not only a
			 * field of them (`links.length`) */
			for (int k = 0; k < nn; k++)
				if (qe_mentions_whole(text, names[k]))
					return 1;
			continue;
		}
		if (n->name != NULL && !(n->flags & NF_TARGET_ATTR) &&
		    strpbrk(n->name, ".[, (){}") == NULL && nn < 16)
			names[nn++] = n->name;
	}
	return 0;
}

/* over_fetching, schema models (Prisma), the project's own omission: a
 * many-rows read (`prisma.link.findMany({...})`) with no projection of a
 * model of more than 10 columns, one of which other many-rows reads of
 * the same model in the project leave out (`omit: { textContent: true
 * }`, index), whose rows the function returns on a request path. The
 * project has said that column is not for lists; this list ships it.
 * MEDIUM above 15 columns, LOW otherwise. */
static void qe_over_fetching_omitted(const struct audit_input *in, size_t fi,
				     struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *c;

	if (in->proj->index == NULL || strncmp(in->proj->files[fi].path, "scripts/", 8) == 0 ||
	    strstr(in->proj->files[fi].path, "/scripts/") != NULL)
		return;
	for (c = NULL; (c = model_walk(m, model_node(m, 0), c, 1)); ) {
		const struct orm_model *om;
		const struct node *fn;
		char target[SEM_NAME_MAX], args[4096], call[128], desc[160], cols[200] = "";
		const char *callee = c->u.call ? c->u.call->callee : NULL, *dot, *start;
		int shown = 0;
		unsigned role;
		struct finding *f;

		if (c->kind != NODE_CALL || callee == NULL || c->u.call->name == NULL ||
		    !qe_word(m, "qe_schema_many_reads", c->u.call->name) ||
		    (fn = model_enclosing_func(m, c)) == NULL || (dot = strrchr(callee, '.')) == NULL)
			continue;
		for (start = dot; start > callee && start[-1] != '.'; start--)
			;
		if (start == callee || (size_t)(dot - start) >= sizeof target)
			continue;
		snprintf(target, sizeof target, "%.*s", (int)(dot - start), start);
		om = index_schema_model(in->proj->index, target);
		if (om == NULL || om->table != NULL || om->n_omitted == 0 || om->n_columns <= 10)
			continue;
		span_copy(m, c->u.call->args_text, args, sizeof args);
		if (qe_top_level_projection(m, args) || !qe_rows_reach_return(m, fn, qe_statement(m, c)))
			continue;
		/* the omitted names that are columns of the model, left out by
		 * a list: a read whose rows its own function returns */
		for (int k = 0; k < om->n_omitted && shown < 3; k++) {
			const struct model *om_m;
			const struct node *oc, *ofn;
			int dup = 0;

			if (om->omitted_at[k].file >= in->proj->n_files ||
			    (om_m = in->proj->files[om->omitted_at[k].file].model) == NULL ||
			    om->omitted_at[k].node >= om_m->n_nodes)
				continue;
			oc = &om_m->nodes[om->omitted_at[k].node];
			if ((ofn = model_enclosing_func(om_m, oc)) == NULL ||
			    !qe_rows_reach_return(om_m, ofn, qe_statement(om_m, oc)))
				continue;
			for (int d = 0; d < k; d++)
				dup |= strcmp(om->omitted[d], om->omitted[k]) == 0 &&
				       strstr(cols, om->omitted[k]) != NULL;
			if (dup)
				continue;
			for (int j = 0; j < om->n_columns; j++)
				if (strcmp(om->omitted[k], om->columns[j]) == 0) {
					snprintf(cols + strlen(cols), sizeof cols - strlen(cols), "%s`%s`",
						 shown++ ? ", " : "", om->omitted[k]);
					break;
				}
		}
		if (shown == 0)
			continue;
		role = index_role_at(in->proj, (uint32_t)fi, c);
		if (!(role & (ROLE_HANDLER | ROLE_HANDLER_PATH)))
			continue;
		f = auditor_emit(in, out, &qe_checks[QE_OVER_FETCHING],
				 om->n_columns > 15 ? SEV_MEDIUM : SEV_LOW, fi, c);
		if (f == NULL)
			continue;
		sem_call_source(m, c, call, sizeof call);
		sem_func_desc(in, fi, c, desc, sizeof desc);
		finding_set_issue(f, "`%s` returns every column of `%s` (%d columns) for many rows "
				  "from %s, %s included, which other lists of `%s` in the project "
				  "leave out", call, om->name, om->n_columns, desc, cols, om->name);
		qe_projection_recommendation(in, m, f, om);
	}
}

/* The first link of text `.word(` whose word is in catalog list `list`
 * (`selectFrom`, `selectAll`): where it starts (its '.'), or NULL. The
 * table its first string argument names goes to out, first word only
 * (`'users as u'` -> users); *kind is 1 for such an argument, 0 for none
 * (`selectAll()`), -1 for another (a subquery, an alias object). */
static const char *qe_link_table(const struct model *m, const char *text, const char *list,
				 char *out, size_t size, int *kind)
{
	const struct catalog_list *l = catalog_get(m->lang, list);

	for (const char *p = strchr(text, '.'); p != NULL; p = strchr(p + 1, '.')) {
		char word[64];
		size_t wl = 0, n = 0;
		const char *q;

		while (qe_ident_char(p[1 + wl]) && wl + 1 < sizeof word) {
			word[wl] = p[1 + wl];
			wl++;
		}
		word[wl] = '\0';
		if (wl == 0 || p[1 + wl] != '(' || !catalog_match(l, word))
			continue;
		for (q = p + wl + 2; *q == ' ' || *q == '\n' || *q == '\t'; q++)
			;
		out[0] = '\0';
		if (*q == ')') {
			*kind = 0;
			return p;
		}
		if (*q != '\'' && *q != '"' && *q != '`') {
			*kind = -1;
			return p;
		}
		for (q++; qe_ident_char(q[n]) && n + 1 < size; n++)
			out[n] = q[n];
		out[n] = '\0';
		*kind = n > 0 ? 1 : -1;
		return p;
	}
	return NULL;
}

/* The chain text behind call c of a query builder, into buf: the call
 * itself when it runs a read on a session (db-ops: `this.db.selectFrom(T)
 * .selectAll().execute()`, or a local holding such a chain), else the
 * value of the local the call hands on (`paginate(query, opts)`), from
 * that local's first assignment before c in the function. NULL when
 * neither. */
static const char *qe_builder_chain(const struct model *m, const struct node *fn,
				    const struct node *c, const struct node *st, char *buf, size_t size,
				    uint32_t *base)
{
	const struct call_info *ci = c->u.call;
	const struct node *x, *first = NULL;
	struct db_op_info info;
	char local[64];
	size_t n;

	memset(&info, 0, sizeof info);
	if (catalog_match(catalog_get(m->lang, "builder_run_links"), ci->name)) {
		if (db_call_op(m, c, &info) != DB_OP_READ)
			return NULL;
		/* the chain itself; its session is checked at its head */
		if (strstr(ci->callee, "().") != NULL) {
			*base = st->line;
			return sem_node_text(m, st, buf, size);
		}
		n = strcspn(ci->callee, ".(");
		if (n == 0 || ci->callee[n] != '.' || n >= sizeof local)
			return NULL;
		memcpy(local, ci->callee, n);
		local[n] = '\0';
	} else if (ci->n_args >= 1 && strchr(ci->callee, '.') == NULL) {
		/* a project function handed the chain: a paginator */
		span_copy(m, ci->args[0].expr, local, sizeof local);
		for (n = 0; local[n]; n++)
			if (!qe_ident_char(local[n]))
				return NULL;
		if (n == 0)
			return NULL;
	} else {
		return NULL;
	}
	for (x = NULL; (x = model_walk(m, fn, x, 0)); )
		if (x->kind == NODE_ASSIGN && x->name != NULL && x->line < c->line &&
		    strcmp(x->name, local) == 0 && x->value.len > 0 &&
		    (first == NULL || x->line < first->line))
			first = x;
	if (first == NULL)
		return NULL;
	*base = first->line;
	span_copy(m, first->value, buf, size);
	return buf;
}

/* The rows of statement st reach the function's caller: st is a return,
 * or it assigns a plain local that a later `return local` gives back. */
static int qe_builder_rows_returned(const struct model *m, const struct node *fn,
				    const struct node *st)
{
	const struct node *n;
	char text[256], want[96];

	if (st->kind == NODE_RETURN)
		return 1;
	if (st->kind != NODE_ASSIGN || st->name == NULL || strpbrk(st->name, ".[, (){}") != NULL)
		return 0;
	snprintf(want, sizeof want, "%s", st->name);
	for (n = NULL; (n = model_walk(m, fn, n, 0)); ) {
		const char *p;

		if (n->kind != NODE_RETURN || n->line <= st->end_line)
			continue;
		sem_node_text(m, n, text, sizeof text);
		qe_strip_comments(text);
		p = text + strspn(text, " \t");
		if (!qe_word(m, "qe_return_words", p))
			continue;
		p += strcspn(p, " \t");
		p += strspn(p, " \t");
		if (strncmp(p, want, strlen(want)) == 0 &&
		    strspn(p + strlen(want), " \t;\n") == strlen(p + strlen(want)))
			return 1;
	}
	return 0;
}

/* over_fetching, query builders (Kysely): a many-rows statement that asks
 * for every column (catalog `qe_builder_select_all`: `.selectAll()` or
 * `.selectAll('users')`) of a table of more than 10 columns (the columns
 * of the generated database type, index), whose rows the function
 * returns, on a request path: a list endpoint or the repository method
 * that serves one. Run with `.execute()` (not a one-row link, catalog
 * builder_one_links) or handed to a paginator. Silent: a selection from a
 * subquery or a CTE (not a table of the type), a listed column set, one
 * row, rows used in the function (copied, iterated). MEDIUM above 15
 * columns, LOW otherwise. */
static void qe_over_fetching_builder(const struct audit_input *in, size_t fi,
				     struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *c;

	if (in->proj->index == NULL ||
	    catalog_list_empty(catalog_get(m->lang, "qe_builder_select_all")) ||
	    catalog_list_empty(catalog_get(m->lang, "builder_run_required_heads")))
		return;
	for (c = NULL; (c = model_walk(m, model_node(m, 0), c, 1)); ) {
		const struct node *fn, *st;
		const struct orm_model *om;
		char chain[2048], table[64] = "", head_table[64] = "", call[128], desc[160];
		int got, hk;
		uint32_t base = 0;
		const char *sel;
		struct node at;
		unsigned role;
		struct finding *f;

		if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->callee == NULL ||
		    c->u.call->name == NULL ||
		    catalog_match(catalog_get(m->lang, "builder_one_links"), c->u.call->name) ||
		    (fn = model_enclosing_func(m, c)) == NULL)
			continue;
		st = qe_statement(m, c);
		if (!qe_builder_rows_returned(m, fn, st) ||
		    qe_builder_chain(m, fn, c, st, chain, sizeof chain, &base) == NULL)
			continue;
		qe_strip_comments(chain);
		/* the chain's select-all link and its table (catalog words) */
		if ((sel = qe_link_table(m, chain, "qe_builder_select_all", table, sizeof table,
					 &got)) == NULL || got < 0)
			continue;
		{
			const char *h = qe_link_table(m, chain, "builder_run_required_heads", head_table,
						      sizeof head_table, &hk);
			char recv[64];
			size_t rl = 0;
			const char *r, *e = h;

			if (h == NULL || hk <= 0)
				continue;
			/* on a session: `this.db.selectFrom(...)`, `db.selectFrom(...)` */
			while (e > chain && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t'))
				e--;
			for (r = e; r > chain && (qe_ident_char(r[-1]) || r[-1] == '$'); r--)
				;
			while (r + rl < e && rl + 1 < sizeof recv) {
				recv[rl] = r[rl];
				rl++;
			}
			recv[rl] = '\0';
			if (!sem_is_session_name(m->lang, recv))
				continue;
		}
		if (got == 0)
			snprintf(table, sizeof table, "%s", head_table);
		om = index_schema_model(in->proj->index, table);
		if (om == NULL || om->table == NULL || strcmp(om->name, table) != 0 ||
		    om->n_columns <= 10)
			continue;
		if (strncmp(in->proj->files[fi].path, "scripts/", 8) == 0 ||
		    strstr(in->proj->files[fi].path, "/scripts/") != NULL)
			continue;
		/* a request path; or a page of a list (the chain handed to a
		 * paginator) where the callers are not known to be jobs */
		role = index_role_at(in->proj, (uint32_t)fi, c);
		if (!(role & (ROLE_HANDLER | ROLE_HANDLER_PATH)) &&
		    (catalog_match(catalog_get(m->lang, "builder_run_links"), c->u.call->name) ||
		     (role & (ROLE_BACKGROUND | ROLE_INIT))))
			continue;
		/* at the select-all link's line */
		at = *c;
		at.line = base;
		for (const char *q = chain; q < sel; q++)
			at.line += *q == '\n';
		at.end_line = at.line;
		f = auditor_emit(in, out, &qe_checks[QE_OVER_FETCHING],
				 om->n_columns > 15 ? SEV_MEDIUM : SEV_LOW, fi, &at);
		if (f == NULL)
			continue;
		/* the link as written: `selectAll()`, `selectAll('users')` */
		{
			size_t cl = strcspn(sel + 1, ")");

			snprintf(call, sizeof call, "%.*s)", (int)(cl < 100 ? cl : 100), sel + 1);
		}
		sem_func_desc(in, fi, c, desc, sizeof desc);
		finding_set_issue(f, "`%s` reads every column of `%s` (%d columns) for the many rows "
				  "that %s returns to its caller on a request path (a list endpoint)",
				  call, om->name, om->n_columns, desc);
		{
			char text[1024];

			if (db_text(m, "over_fetching.builder_columns_fix",
				    (const char *const[]){ "model", om->name, NULL }, text, sizeof text))
				finding_set_recommendation(f, "%s", text);
		}
	}
}

/* over_fetching — `select(Model)` / `session.query(Model)` /
 * `objects.all()` / `findMany()` without column restriction (`load_only`,
 * `defer`, `only`, `values`, `select:`) for a model with more than 10
 * columns, in a list/search path. MEDIUM for > 15 columns in a list
 * endpoint, LOW otherwise. */
/* The struct type named type (after any `pkg.`) declared once in the
 * project (not an interface), its file into *file; NULL when none or
 * several. */
static const struct node *qe_struct_named(const struct project *p, const struct class_table *ct,
					  const char *type, const struct model **file)
{
	const char *dot = strrchr(type, '.');
	const struct node *found = NULL;

	if (dot != NULL)
		type = dot + 1;
	if (ct != NULL) {
		/* the classes of that name only: a scan of every node of the
		 * project per query was quadratic */
		size_t first, n = class_table_find(ct, type, &first);

		for (size_t k = 0; k < n; k++) {
			uint32_t f;
			const struct node *x = class_table_entry(p, ct, first + k, &f);

			if (x == NULL || (p->files[f].flags & FILE_TEST) || (x->flags & NF_GO_INTERFACE))
				continue;
			if (found != NULL)
				return NULL;
			found = x;
			*file = p->files[f].model;
		}
		return found;
	}
	for (size_t f = 0; f < p->n_files; f++) {
		const struct model *m = p->files[f].model;

		if (m == NULL || (p->files[f].flags & FILE_TEST))
			continue;
		for (uint32_t k = 0; k < m->n_nodes; k++) {
			const struct node *x = &m->nodes[k];

			if (x->kind != NODE_CLASS || x->name == NULL || strcmp(x->name, type) != 0 ||
			    (x->flags & NF_GO_INTERFACE))
				continue;
			if (found != NULL)
				return NULL;
			found = x;
			*file = m;
		}
	}
	return found;
}

/* The number of columns of struct cls: its fields that hold a value (not
 * a list of other rows, `[]Group`, except bytes), with the columns of an
 * embedded struct of the project (one level) added. */
static int qe_struct_columns(const struct project *p, const struct class_table *ct,
			     const struct model *m, const struct node *cls, int depth)
{
	int n = 0;

	for (uint32_t k = cls->first_child; k; k = m->nodes[k].next_sibling) {
		const struct node *x = &m->nodes[k];
		char type[128];

		if (x->kind != NODE_ASSIGN || !(x->flags & NF_GO_FIELD) || x->text.len == 0)
			continue;
		span_copy(m, x->text, type, sizeof type);
		if (x->flags & NF_GO_EMBEDDED) {
			const struct model *em = NULL;
			const struct node *e = depth == 0 ? qe_struct_named(p, ct, type[0] == '*' ?
									    type + 1 : type, &em) : NULL;

			if (e != NULL)
				n += qe_struct_columns(p, ct, em, e, depth + 1);
			continue;
		}
		if (type[0] == '[' && !catalog_match(catalog_get(m->lang, "qe_struct_blob_types"),
						     type))
			continue;
		n++;
	}
	return n;
}

/* Adds to fields (at most max, each at most 63 chars) the field names
 * read as `var.Name` in text that are not method calls; returns -1 when
 * var is used otherwise (bare, or a method call unless methods is given:
 * then the method's receiver reads are added, one level). */
static int qe_struct_uses(const struct project *p, const char *type, const char *text,
			  const char *var, char fields[][64], int n, int max, int depth);

static int qe_struct_method_reads(const struct project *p, const char *type, const char *name,
				  char fields[][64], int n, int max, int depth)
{
	const char *dot = strrchr(type, '.');
	char qual[192];
	const struct func_ref *refs;
	size_t nr = 0;

	snprintf(qual, sizeof qual, "%s.%s", dot ? dot + 1 : type, name);
	refs = index_funcs_named(p->index, name, &nr);
	for (size_t i = 0; refs != NULL && i < nr; i++) {
		const struct model *dm = p->files[refs[i].file].model;
		const struct node *d = dm ? &dm->nodes[refs[i].node] : NULL;
		char body[4096];

		if (d == NULL || !(d->flags & NF_GO_RECEIVER) || d->u.func == NULL ||
		    d->u.func->qualname == NULL || strcmp(d->u.func->qualname, qual) != 0 ||
		    d->u.func->n_params == 0 || d->u.func->params[0].name == NULL)
			continue;
		sem_node_text(dm, d, body, sizeof body);
		if (strlen(body) + 1 >= sizeof body)
			return -1;
		/* the header names the receiver: skip to the body */
		{
			const char *b = strchr(body, '{');

			if (b == NULL)
				return -1;
			return qe_struct_uses(p, type, b, d->u.func->params[0].name, fields, n,
					      max, depth + 1);
		}
	}
	return -1;
}

static int qe_struct_uses(const struct project *p, const char *type, const char *text,
			  const char *var, char fields[][64], int n, int max, int depth)
{
	size_t vl = strlen(var);
	const char *t = text;

	while ((t = strstr(t, var)) != NULL) {
		char word[64];
		size_t w = 0;
		int j;

		if ((t > text && qe_ident_char(t[-1])) || qe_ident_char(t[vl]) ||
		    (t > text && t[-1] == '.')) {
			t += vl;
			continue;
		}
		t += vl;
		if (*t != '.')
			return -1;   /* the value itself: handed on, compared, stored */
		t++;
		while (qe_ident_char(t[w]) && w + 1 < sizeof word) {
			word[w] = t[w];
			w++;
		}
		word[w] = '\0';
		if (w == 0)
			return -1;
		t += w;
		if (*t == '(') {
			if (depth > 0)
				return -1;
			n = qe_struct_method_reads(p, type, word, fields, n, max, depth);
			if (n < 0)
				return -1;
			continue;
		}
		for (j = 0; j < n && strcmp(fields[j], word) != 0; j++)
			;
		if (j == n) {
			if (n == max)
				return -1;
			snprintf(fields[n++], 64, "%s", word);
		}
	}
	return n;
}

/* True when every mention of var in text is the argument of a size call
 * (catalog qe_rows_size_calls: Go `len(rows)`). */
static int qe_size_test(const struct model *m, const char *text, const char *var)
{
	size_t vl = strlen(var);
	const char *t = text;
	int seen = 0;

	while ((t = strstr(t, var)) != NULL) {
		const char *b = t;
		char word[32];
		size_t w = 0;

		if ((t > text && qe_ident_char(t[-1])) || qe_ident_char(t[vl])) {
			t += vl;
			continue;
		}
		if (b == text || b[-1] != '(' || t[vl] != ')')
			return 0;
		b--;
		while (b > text && qe_ident_char(b[-1]) && w + 1 < sizeof word) {
			b--;
			w++;
		}
		snprintf(word, sizeof word, "%.*s", (int)w, b);
		if (w == 0 || !catalog_match(catalog_get(m->lang, "qe_rows_size_calls"), word))
			return 0;
		seen = 1;
		t += vl;
	}
	return seen;
}

/* GORM-style `db.Find(&rows)` (catalog qe_struct_find_methods) into a
 * local declared `var rows []T` (or `[]*T`), with no column list on the
 * chain (qe_struct_column_restrictions), of a struct T of more than 10
 * columns, whose rows are only ranged over, each row read for at most
 * three fields (directly or through a method of T that reads only its
 * receiver's fields): every column of every row travels to compute one
 * or two values. LOW. */
static void qe_over_fetching_struct_rows(const struct audit_input *in, size_t fi,
					 struct finding_sink *out)
{
	const struct project *p = in->proj;
	const struct model *m = p->files[fi].model;
	const struct catalog_list *finds = catalog_get(m->lang, "qe_struct_find_methods");
	const struct catalog_list *restr = catalog_get(m->lang, "qe_struct_column_restrictions");
	const struct node *c;

	if (catalog_list_empty(finds) || p->index == NULL)
		return;
	for (c = NULL; (c = model_walk(m, model_node(m, 0), c, 1)); ) {
		const struct node *fn, *n, *decl = NULL, *loop = NULL, *cls;
		const struct model *cm = NULL;
		char var[64], type[128], seg[64], text[2048], fields[4][64], desc[160], call[128];
		const char *a, *q, *line;
		size_t len = 0, al;
		int cols, nf = 0, bad = 0;
		struct finding *f;

		if (c->kind != NODE_CALL || c->u.call == NULL || c->u.call->name == NULL ||
		    !catalog_match(finds, c->u.call->name) || c->u.call->n_args < 1 ||
		    (fn = model_enclosing_func(m, c)) == NULL)
			continue;
		a = span_ptr(m, c->u.call->args[0].expr);
		al = c->u.call->args[0].expr.len;
		if (al < 2 || al >= sizeof var || a[0] != '&')
			continue;
		snprintf(var, sizeof var, "%.*s", (int)(al - 1), a + 1);
		if (strpbrk(var, ".[( ") != NULL)
			continue;
		/* no column list on the chain */
		for (q = c->u.call->callee; *q && !bad; ) {
			size_t w = strcspn(q, ".(");

			snprintf(seg, sizeof seg, "%.*s", (int)(w < 63 ? w : 63), q);
			bad = catalog_match(restr, seg);
			q += w;
			while (*q == '.' || *q == '(' || *q == ')')
				q++;
		}
		if (bad)
			continue;
		/* `var rows []T` / `[]*T` declared in the function */
		for (n = NULL; (n = model_walk(m, fn, n, 0)); )
			if (n->kind == NODE_ASSIGN && (n->flags & NF_GO_DEFINE) && n->name != NULL &&
			    strcmp(n->name, var) == 0 && n->value.len == 0 && n->line < c->line)
				decl = n;
		if (decl == NULL || (line = model_line(m, decl->line, &len)) == NULL)
			continue;
		{
			char l[256];
			const char *v, *tp;
			size_t k = 0;

			snprintf(l, sizeof l, "%.*s", (int)(len < 255 ? len : 255), line);
			v = strstr(l, var);
			if (v == NULL)
				continue;
			tp = v + strlen(var);
			while (*tp == ' ' || *tp == '\t')
				tp++;
			if (strncmp(tp, "[]", 2) != 0)
				continue;
			tp += 2;
			if (*tp == '*')
				tp++;
			while ((qe_ident_char(tp[k]) || tp[k] == '.') && k + 1 < sizeof type) {
				type[k] = tp[k];
				k++;
			}
			type[k] = '\0';
			if (k == 0)
				continue;
		}
		if ((cls = qe_struct_named(p, summary_classes(in->sum), type, &cm)) == NULL ||
		    (cols = qe_struct_columns(p, summary_classes(in->sum), cm, cls, 0)) <= 10)
			continue;
		/* after the query: the rows are only ranged over */
		for (n = NULL; !bad && (n = model_walk(m, fn, n, 0)); ) {
			if (n->kind == NODE_CALL || n->line <= c->line || n->kind == NODE_FUNC)
				continue;
			qe_stmt_text(m, n, text, sizeof text);
			{
				/* words inside string literals are not uses */
				char quote = 0;

				for (char *t = text; *t; t++) {
					if (quote) {
						if (*t == quote)
							quote = 0;
						else
							*t = ' ';
					} else if (*t == '"' || *t == '`') {
						quote = *t;
					}
				}
			}
			if (!sem_mentions(text, var))
				continue;
			if (n->kind == NODE_LOOP && !(n->flags & NF_WHILE) && n->u.loop != NULL &&
			    span_eq(m, n->u.loop->iter, var) && loop == NULL)
				loop = n;
			else if (n->kind == NODE_IF && qe_size_test(m, text, var))
				;
			else
				bad = 1;
		}
		if (bad || loop == NULL || loop->name == NULL)
			continue;
		{
			/* the row: the value name of `for _, row := range rows` */
			const char *comma = strrchr(loop->name, ',');
			const char *rv = comma ? comma + 1 : NULL;
			char row[64], body[8192];
			struct node whole = *loop;

			if (rv == NULL)
				continue;
			while (*rv == ' ')
				rv++;
			snprintf(row, sizeof row, "%s", rv);
			if (row[0] == '\0' ||
			    catalog_match(catalog_get(m->lang, "sem_loop_target_noise"), row))
				continue;
			whole.line = loop->line + 1;
			if (whole.line > loop->end_line)
				continue;
			sem_node_text(m, &whole, body, sizeof body);
			if (strlen(body) + 1 >= sizeof body)
				continue;
			nf = qe_struct_uses(p, type, body, row, fields, 0, 3, 0);
			if (nf <= 0)
				continue;
		}
		f = auditor_emit(in, out, &qe_checks[QE_OVER_FETCHING], SEV_LOW, fi, c);
		if (f == NULL)
			continue;
		snprintf(call, sizeof call, "%.100s(&%s)", c->u.call->callee, var);
		sem_func_desc(in, fi, c, desc, sizeof desc);
		{
			char used[200] = "";

			for (int j = 0; j < nf; j++)
				snprintf(used + strlen(used), sizeof used - strlen(used), "%s`%s`",
					 j ? ", " : "", fields[j]);
			finding_set_issue(f, "`%s` loads every column of `%s` (%d columns) for every "
					  "row in %s, which reads only %s of each row",
					  call, cls->name, cols, desc, used);
		}
		{
			const char *rec = catalog_text(m->lang, "over_fetching.struct_rows_fix");

			if (rec != NULL)
				finding_set_recommendation(f, "%s", rec);
		}
		sem_add_line(f, m, loop->line);
	}
}

static void qe_over_fetching_file(const struct audit_input *in, size_t fi,
				struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	/* a column list, one-row and many-row accessors (catalog words) */
	const struct catalog_list *restrict_ = catalog_get(m->lang, "qe_column_restrictions");
	const struct catalog_list *many = catalog_get(m->lang, "qe_many_rows_marks");
	const struct catalog_list *single = catalog_get(m->lang, "qe_single_row_marks");
	const struct node *c;

	qe_over_fetching_schema(in, fi, out);
	qe_over_fetching_builder(in, fi, out);
	qe_over_fetching_omitted(in, fi, out);
	qe_over_fetching_struct_rows(in, fi, out);
	for (c = NULL; (c = model_walk(m, model_node(m, 0), c, 1)); ) {
		const struct orm_model *om = NULL;
		const struct node *fn, *st;
		char head[256], callee[SEM_NAME_MAX], recv[SEM_NAME_MAX], stmt_text[2048];
		char call[128], desc[160];
		struct strbuf use = STRBUF_INIT;
		const char *no_projection;
		int lists, endpoint, many_rows;
		unsigned role;
		enum severity sev;
		struct finding *f;

		if (c->kind != NODE_CALL || c->u.call == NULL || (c->flags & NF_DECORATOR) ||
		    (fn = model_enclosing_func(m, c)) == NULL)
			continue;
		sem_callee(m, c, callee, sizeof callee);
		sem_receiver_name(callee, recv, sizeof recv);
		if (sem_call_is(m, c, "sql_select") ||
		    (sem_is_session_name(m->lang, recv) &&
		     qe_word(m, "qe_query_chains", c->u.call->callee))) {
			/* the whole entity, not a column list: select(Job) */
			sem_chain_head_args(m, c, head, sizeof head);
			if (strchr(head, ',') == NULL && strchr(head, '(') == NULL)
				om = qe_model_arg(in, head);
			if (om != NULL && strstr(head, om->name) + strlen(om->name) !=
			    head + strlen(head))
				om = NULL;   /* select(Job.id) */
		} else if (qe_find(m, "qe_django_managers", callee, NULL) != NULL &&
			   qe_find(m, "qe_django_managers", callee, NULL) == strchr(callee, '.')) {
			om = qe_text_entity(in, m, callee);
			if (om != NULL && !om->is_django)
				om = NULL;
		}
		if (om == NULL || om->n_columns <= 10)
			continue;
		st = qe_statement(m, c);
		/* a query in the condition of an `if` (or a `with`/`try` header)
		 * is judged by its own chain: the rows of a `.count()` or a
		 * `.first()` there are not the loops of the body under it */
		if (st->kind == NODE_IF || st->kind == NODE_WITH || st->kind == NODE_TRY)
			qe_chain_text(m, c, stmt_text, sizeof stmt_text);
		else
			sem_node_text(m, st->kind == NODE_LOOP ? c : st, stmt_text, sizeof stmt_text);
		sb_adds(&use, stmt_text);
		qe_usage(m, fn, st, &use, 0);
		if (st->kind == NODE_LOOP)
			sb_adds(&use, " for-each ");
		if (qe_has_any(sb_str(&use), restrict_) ||
		    (qe_has_any(sb_str(&use), single) && !qe_has_any(sb_str(&use), many))) {
			sb_release(&use);
			continue;
		}
		{
			/* Decide one row / many rows by the statement that consumes
			 * the result, not by everything later in the function that
			 * names what it produced (a `for` over something else, a
			 * comment): `.where(Org.id == x)` + `.scalar_one_or_none()`
			 * is one row. Rows changed in a loop need the whole entity. */
			char cons[2048];
			const char *names[8];
			int nn = qe_consumer(m, fn, st, single, many, cons, sizeof cons, names, 8);

			if ((qe_has_any(cons, single) && !qe_has_any(cons, many)) ||
			    qe_rows_mutated(m, fn, st->line, names, nn) ||
			    qe_locked_or_capped(m, stmt_text) || qe_locked_or_capped(m, cons) ||
			    qe_rows_returned_whole(m, fn, st)) {
				sb_release(&use);
				continue;
			}
		}
		many_rows = qe_has_any(sb_str(&use), many);
		sb_release(&use);
		lists = qe_func_lists(m, fn, om->name);
		role = index_role_at(in->proj, (uint32_t)fi, c);
		/* one-off scripts and management commands are not list paths */
		if (strncmp(in->proj->files[fi].path, "scripts/", 8) == 0 ||
		    strstr(in->proj->files[fi].path, "/scripts/") != NULL ||
		    strstr(in->proj->files[fi].path, "/management/commands/") != NULL)
			continue;
		/* SPEC: "in a list/search path" — a listing / searching function,
		 * or many rows read on a request path; scripts, backfills and
		 * services that go on to use the whole entity are not one */
		if (!lists && !(many_rows && (role & (ROLE_HANDLER | ROLE_HANDLER_PATH))))
			continue;
		endpoint = lists && (role & (ROLE_HANDLER | ROLE_HANDLER_PATH));
		sev = om->n_columns > 15 && endpoint ? SEV_MEDIUM : SEV_LOW;
		f = auditor_emit(in, out, &qe_checks[QE_OVER_FETCHING], sev, fi, c);
		if (f == NULL)
			continue;
		sem_call_source(m, c, call, sizeof call);
		sem_func_desc(in, fi, c, desc, sizeof desc);
		no_projection = catalog_text(m->lang, "over_fetching.no_projection");
		finding_set_issue(f, "`%s` loads every column of `%s` (%d columns) for %s in %s, %s",
				  call, om->name, om->n_columns,
				  endpoint ? "a list endpoint" : "many rows", desc,
				  no_projection ? no_projection : "");
		qe_projection_recommendation(in, m, f, om);
	}
}

const struct check_impl check_over_fetching = {
	.def = &qe_checks[QE_OVER_FETCHING],
	.file = qe_over_fetching_file,
};
