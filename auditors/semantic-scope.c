/* The semantic layer (semantic.h), scope side: where a node runs, what
 * a local was assigned from, issue wording. */
#include "semantic.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "auditor.h"
#include "catalog.h"
#include "context.h"
#include "lang/lang.h"
#include "project.h"
#include "util/budget.h"

const struct node *sem_func(const struct model *m, const struct node *n)
{
	return model_enclosing_func(m, n);
}

int sem_in_async(const struct model *m, const struct node *n)
{
	const struct node *fn = n->kind == NODE_FUNC ? n : model_enclosing_func(m, n);

	/* an inline callback (a lambda, a JavaScript arrow) runs where it is
	 * called: `rows.forEach(r => fs.readFileSync(r))` in an async
	 * function is on the event loop too */
	while (fn != NULL && (fn->flags & NF_LAMBDA) && !(fn->flags & NF_ASYNC))
		fn = model_enclosing_func(m, fn);
	return fn != NULL && (fn->flags & NF_ASYNC);
}

int sem_offloaded(const struct model *m, const struct node *c)
{
	const struct catalog_list *off = catalog_get(m->lang, "offload");
	uint32_t i = node_index(m, c);

	while (i != 0) {
		const struct node *x;

		i = m->nodes[i].parent;
		x = &m->nodes[i];
		if (x->kind == NODE_FUNC && !(x->flags & NF_LAMBDA))
			return 0; /* the wrapper must be in the same function */
		if (x->kind == NODE_CALL && catalog_match_call(off, m, x))
			return 1;
	}
	return 0;
}

const char *sem_callee(const struct model *m, const struct node *c, char *buf, size_t size)
{
	return model_call_resolved(m, c, buf, size);
}

const char *sem_call_brief(const struct model *m, const struct node *c, char *buf, size_t size)
{
	const struct call_info *ci = c->u.call;
	struct span a = ci->args_text;
	const char *aw = (c->flags & NF_AWAITED) ? sem_text_or_empty(m, "sem.await_prefix") : "";
	char args[64];
	size_t o = 0;

	/* a receiver that is an expression ("<expr>.read_text"): quote the
	 * source itself when the call fits on its line */
	if (strchr(ci->callee, '<') && c->line >= 1 && c->line <= m->n_lines) {
		uint32_t from = m->line_off[c->line - 1] + c->col;
		uint32_t to = a.off + a.len + 1;

		if (to > from && to - from < 70 && memchr(m->src + from, '\n', to - from) == NULL) {
			snprintf(buf, size, "%s%.*s", aw, (int)(to - from), m->src + from);
			return buf;
		}
	}

	/* the arguments on one line, whitespace folded */
	for (uint32_t i = 0; i < a.len && o + 1 < sizeof args; i++) {
		char ch = m->src[a.off + i];

		if (ch == '\n' || ch == '\r' || ch == '\t')
			ch = ' ';
		if (ch == ' ' && (o == 0 || args[o - 1] == ' '))
			continue;
		args[o++] = ch;
	}
	while (o > 0 && args[o - 1] == ' ')
		o--;
	args[o] = '\0';
	if (a.len > 40 || o + 1 >= sizeof args)
		snprintf(buf, size, "%s%s(...)", aw, ci->callee);
	else
		snprintf(buf, size, "%s%s(%s)", aw, ci->callee, args);
	return buf;
}

const char *sem_func_name(const struct model *m, const struct node *n)
{
	const struct node *fn = n->kind == NODE_FUNC ? n : model_enclosing_func(m, n);

	while (fn != NULL && (fn->flags & NF_LAMBDA))
		fn = model_enclosing_func(m, fn);
	if (fn == NULL)
		return "module level";
	if (fn->u.func && fn->u.func->qualname)
		return fn->u.func->qualname;
	return fn->name ? fn->name : "?";
}

int sem_has_plain_ident(const char *s, size_t n, const char *ident)
{
	size_t k = strlen(ident), i;

	if (k == 0 || n < k)
		return 0;
	for (i = 0; i + k <= n; i++) {
		if (memcmp(s + i, ident, k) != 0)
			continue;
		if (i > 0 && (sem_ident_char(s[i - 1]) || s[i - 1] == '.'))
			continue;
		if (i + k < n && sem_ident_char(s[i + k]))
			continue;
		return 1;
	}
	return 0;
}

int sem_span_has_plain_ident(const struct model *m, struct span sp, const char *ident)
{
	return sem_has_plain_ident(span_ptr(m, sp), sp.len, ident);
}

const char *sem_receiver_path(const char *callee, char *buf, size_t size)
{
	const char *dot = strrchr(callee, '.');
	size_t n = dot ? (size_t)(dot - callee) : 0;

	if (n >= size)
		n = size - 1;
	memcpy(buf, callee, n);
	buf[n] = '\0';
	return buf;
}

const struct node *sem_assignment(const struct model *m, const struct node *fn,
				  const char *var, unsigned before)
{
	const struct node *found = NULL;

	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); ) {
		if (x->kind != NODE_ASSIGN || x->name == NULL || (x->flags & NF_TARGET_ATTR))
			continue;
		if (before && x->line >= before)
			break;
		if (strcmp(x->name, var) == 0)
			found = x;
	}
	return found;
}

const struct node *sem_first_call(const struct model *m, const struct node *st)
{
	for (uint32_t k = st->first_child; k && budget_step(); k = m->nodes[k].next_sibling)
		if (m->nodes[k].kind == NODE_CALL && m->nodes[k].u.call &&
		    !(m->nodes[k].flags & NF_DECORATOR))
			return &m->nodes[k];
	return NULL;
}

int sem_call_is_whole(const struct model *m, const struct node *c, struct span v)
{
	const char *s = span_ptr(m, v);
	size_t n = v.len, k;
	struct span a = c->u.call->args_text;

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == '\t'))
		n--;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	{
		char head[16];
		size_t aw;

		snprintf(head, sizeof head, "%.*s", (int)(n < 15 ? n : 15), s);
		if ((aw = sem_prefix_len(m->lang, "sem_await_words", head, 0)) > 0 && aw <= n) {
			s += aw;
			n -= aw;
		}
		/* a constructor call is whole too (`new Client(opts)`) */
		snprintf(head, sizeof head, "%.*s", (int)(n < 15 ? n : 15), s);
		if ((aw = sem_prefix_len(m->lang, "sem_ctor_words", head, 0)) > 0 && aw <= n) {
			s += aw;
			n -= aw;
		}
	}
	if (n < 2 || s[n - 1] != ')')
		return 0;
	/* it must start where the callee starts (not `a + f(x)`) */
	k = strcspn(c->u.call->callee, ".(");
	if (c->u.call->callee[0] != '<' && (n < k || strncmp(s, c->u.call->callee, k) != 0))
		return 0;
	if (a.len > 0) {
		/* the closing parenthesis may follow a trailing comma and a
		 * line break (`connect(\n    host=h,\n)`) */
		const char *e = span_ptr(m, a) + a.len;

		while (e < s + n - 1 && (*e == ' ' || *e == '\t' || *e == '\n' || *e == '\r' ||
					 *e == ','))
			e++;
		return e == s + n - 1;
	}
	/* no arguments: the span is empty, compare the text instead */
	k = strlen(c->u.call->name);
	return s[n - 2] == '(' && n >= k + 2 && strncmp(s + n - 2 - k, c->u.call->name, k) == 0;
}

const struct param *sem_param(const struct node *fn, const char *var)
{
	const struct func_info *fi = fn ? fn->u.func : NULL;

	for (uint32_t k = 0; fi && k < fi->n_params; k++)
		if (fi->params[k].name && strcmp(fi->params[k].name, var) == 0)
			return &fi->params[k];
	return NULL;
}

enum severity sem_request_severity(unsigned role)
{
	if (role & (ROLE_HANDLER | ROLE_HANDLER_PATH | ROLE_DEPENDENCY))
		return SEV_HIGH;
	return SEV_MEDIUM;
}

const char *sem_role_words(unsigned role, int is_async)
{
	if (role & ROLE_WEBSOCKET)
		return is_async ? "async websocket handler" : "websocket handler";
	if (role & ROLE_STREAMING)
		return is_async ? "async streaming handler" : "streaming handler";
	if (role & ROLE_HANDLER)
		return is_async ? "async handler" : "handler";
	if (role & ROLE_DEPENDENCY)
		return is_async ? "async request dependency" : "request dependency";
	if (role & ROLE_HANDLER_PATH)
		return is_async ? "async helper called from handlers" : "helper called from handlers";
	if (role & ROLE_BACKGROUND)
		return is_async ? "async background task" : "background task";
	if (role & ROLE_INIT)
		return is_async ? "async startup code" : "startup code";
	return is_async ? "async function" : "function";
}

int sem_startup_only(const struct model *m, const struct node *c, unsigned role)
{
	const struct node *fn = c->kind == NODE_FUNC ? c : model_enclosing_func(m, c);

	if (!(role & ROLE_INIT) || (role & IX_SERVING_ROLES) || fn == NULL)
		return 0;
	for (const struct node *a = NULL; (a = model_walk(m, fn, a, 0)); )
		if (a->kind == NODE_LOOP && (a->flags & NF_WHILE))
			return 0;
	return 1;
}

const char *sem_text_or_empty(const struct model *m, const char *name)
{
	const char *t = catalog_text(m->lang, name);

	return t != NULL ? t : "";
}

int sem_stack_in(const struct project *p, enum lang lang, const char *list)
{
	const struct catalog_list *l = catalog_get(lang, list);
	const struct tech_stack *st;

	if (p == NULL || (st = auditor_stack(p)) == NULL)
		return 0;
	if ((st->orm && catalog_match(l, st->orm)) || (st->driver && catalog_match(l, st->driver)) ||
	    (st->async_framework && catalog_match(l, st->async_framework)))
		return 1;
	for (size_t i = 0; i < st->n_libraries; i++)
		if (catalog_match(l, st->libraries[i]))
			return 1;
	return 0;
}

int sem_stack_is(const struct project *p, const char *what)
{
	const struct tech_stack *st;

	if (p == NULL || (st = auditor_stack(p)) == NULL)
		return 0;
	if ((st->orm && strcmp(st->orm, what) == 0) ||
	    (st->driver && strcmp(st->driver, what) == 0) ||
	    (st->async_framework && strcmp(st->async_framework, what) == 0))
		return 1;
	for (size_t i = 0; i < st->n_libraries; i++)
		if (strcmp(st->libraries[i], what) == 0)
			return 1;
	return 0;
}

const char *sem_catch_word(const struct model *m)
{
	const struct front_end *fe = lang_get(m->lang);

	const char *dflt;

	if (fe && fe->traits.catch_word)
		return fe->traits.catch_word;
	/* a language without the trait: the catalog's default word */
	dflt = catalog_text(m->lang, "rp.default_catch_word");
	return dflt ? dflt : "";
}

const char *sem_throw_word(const struct model *m)
{
	const struct front_end *fe = lang_get(m->lang);

	const char *dflt;

	if (fe && fe->traits.throw_word)
		return fe->traits.throw_word;
	dflt = catalog_text(m->lang, "rp.default_throw_word");
	return dflt ? dflt : "";
}
