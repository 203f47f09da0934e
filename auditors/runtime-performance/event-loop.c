/* ln-653: what blocks an event loop. The classification of blocking calls
 * (file, HTTP, process, socket, synchronous database work), where a call
 * runs on an event loop, and the advice per kind; shared by blocking_io,
 * sync_sleep, cpu_bound and the function summaries (rp_call_blocks). */
#include "auditor.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "db-ops.h"
#include "lang/lang.h"
#include "semantic.h"
#include "receiver-types.h"
#include "rp.h"
#include "summary.h"

/* Adds the loop header as evidence when n runs once per iteration. */
void rp_add_loop_evidence(const struct model *m, struct finding *f, const struct node *n)
{
	const struct node *loop = model_enclosing_loop(m, n);
	size_t len;
	const char *text;

	if (loop == NULL || loop->line == n->line || (loop->flags & NF_COMPREHENSION))
		return;
	text = model_line(m, loop->line, &len);
	if (text)
		finding_add_evidence(f, (int)loop->line, text, len);
}

/* " (once per iteration of the loop at line N)" or "". */
const char *rp_loop_words(const struct model *m, const struct node *n, char *buf,
				 size_t size)
{
	const struct node *loop = model_enclosing_loop(m, n);

	buf[0] = '\0';
	if (loop && !(loop->flags & NF_COMPREHENSION))
		snprintf(buf, size, ", once per iteration of the loop at line %u", loop->line);
	return buf;
}

/* ---- blocking_io ---- */

/* Trims blanks (and one pair of quotes: a string annotation) from [*s, *s+*n). */
static void rp_trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t' || **s == '\n' || **s == '\r')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\n' ||
		      (*s)[*n - 1] == '\r'))
		(*n)--;
	if (*n >= 2 && (**s == '"' || **s == '\'') && (*s)[*n - 1] == **s) {
		(*s)++;
		*n -= 2;
	}
}

/* Length of the dotted name at s (identifiers and dots), at most n. */
static size_t rp_dotted_len(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && (s[k] == '.' || s[k] == '_' || (s[k] >= 'a' && s[k] <= 'z') ||
			 (s[k] >= 'A' && s[k] <= 'Z') || (k > 0 && s[k] >= '0' && s[k] <= '9')))
		k++;
	return k;
}

/* Copies [s, s+n) resolved through the imports to out when it is a plain
 * dotted name. */
static int rp_resolve_name(const struct model *m, const char *s, size_t n, char *out,
			   size_t size)
{
	char name[160];

	if (n == 0 || n >= sizeof name || rp_dotted_len(s, n) != n)
		return 0;
	memcpy(name, s, n);
	name[n] = '\0';
	model_resolve(m, name, out, size);
	return 1;
}

/* True when s[0..n) is a word of list `list`. */
static int rp_text_is(const struct model *m, const char *list, const char *s, size_t n)
{
	char w[64];

	if (n >= sizeof w)
		return 0;
	memcpy(w, s, n);
	w[n] = '\0';
	return catalog_match(catalog_get(m->lang, list), w);
}

/* The class named by a type annotation: `T`, `Optional[T]`, `T | None`,
 * `None | T`, `"T"`. */
static int rp_annotation_type(const struct model *m, const char *s, size_t n, char *out,
			      size_t size)
{
	const char *bar;

	rp_trim(&s, &n);
	{
		char head[64];
		size_t skip;

		snprintf(head, sizeof head, "%.*s", (int)n, s);
		skip = sem_prefix_len(m->lang, "rp_optional_wrappers", head, 0);
		if (skip > 0 && n > skip + 1 && s[n - 1] == ']') {
			s += skip;
			n -= skip + 1;
			rp_trim(&s, &n);
		}
	}
	bar = memchr(s, '|', n);
	if (bar != NULL) {
		const char *l = s, *r = bar + 1;
		size_t ln = (size_t)(bar - s), rn = n - ln - 1;

		rp_trim(&l, &ln);
		rp_trim(&r, &rn);
		if (memchr(r, '|', rn) != NULL)
			return 0;
		if (rp_text_is(m, "rp_none_types", l, ln)) {
			s = r;
			n = rn;
		} else if (rp_text_is(m, "rp_none_types", r, rn)) {
			s = l;
			n = ln;
		} else {
			return 0;
		}
	}
	return rp_resolve_name(m, s, n, out, size);
}

/* The class a value expression constructs: `T(...)` (the whole
 * expression) gives T. */
static int rp_value_ctor(const struct model *m, const char *s, size_t n, char *out, size_t size)
{
	size_t k, depth = 0;

	rp_trim(&s, &n);
	k = rp_dotted_len(s, n);
	if (k == 0 || k >= n || s[k] != '(' || s[n - 1] != ')')
		return 0;
	for (size_t i = k; i < n; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth == 0 && i != n - 1)
			return 0; /* `T(a).b(c)`: not a plain construction */
	}
	return rp_resolve_name(m, s, k, out, size);
}

/* The k-th comma-separated part of [s, s+n) at bracket depth 0, after
 * dropping one pair of enclosing parentheses or brackets. */
static int rp_nth_part(const char *s, size_t n, unsigned k, const char **ps, size_t *pn)
{
	size_t depth = 0, start = 0;
	unsigned part = 0;

	rp_trim(&s, &n);
	if (n >= 2 && ((s[0] == '(' && s[n - 1] == ')') || (s[0] == '[' && s[n - 1] == ']'))) {
		s++;
		n -= 2;
	}
	for (size_t i = 0; i <= n; i++) {
		if (i < n && (s[i] == '(' || s[i] == '[' || s[i] == '{')) {
			depth++;
		} else if (i < n && (s[i] == ')' || s[i] == ']' || s[i] == '}')) {
			if (depth)
				depth--;
		} else if (i == n || (s[i] == ',' && depth == 0)) {
			if (part++ == k) {
				*ps = s + start;
				*pn = i - start;
				rp_trim(ps, pn);
				return *pn > 0;
			}
			start = i + 1;
		}
	}
	return 0;
}

/* What assignment `as` gives var: the class it constructs or is
 * annotated with. A tuple target takes the matching element. */
static int rp_assign_origin(const struct model *m, const struct node *as, const char *var,
			    char *out, size_t size)
{
	const char *t = span_ptr(m, as->text), *v;
	size_t tn = as->text.len, vn;

	if (as->flags & NF_ANNOTATED) {
		/* `x: T = v`: the annotation runs from the ':' to the '=' */
		const char *a = t + tn, *end;

		if (as->value.len) {
			end = span_ptr(m, as->value);
			while (end > a && *end != '=')
				end--;
		} else {
			end = m->src + m->line_off[as->end_line - 1];
			end += strcspn(end, "\n#");
		}
		while (a < end && *a != ':')
			a++;
		if (a < end)
			return rp_annotation_type(m, a + 1, (size_t)(end - a - 1), out, size);
		return 0;
	}
	if (as->value.len == 0)
		return 0;
	rp_trim(&t, &tn);
	if (strlen(var) == tn && strncmp(t, var, tn) == 0)
		return rp_value_ctor(m, span_ptr(m, as->value), as->value.len, out, size);
	/* `(a, b) = (A(), B())` */
	for (unsigned k = 0; k < 16; k++) {
		const char *e;
		size_t en;

		if (!rp_nth_part(t, tn, k, &e, &en))
			return 0;
		if (strlen(var) == en && strncmp(e, var, en) == 0)
			return rp_nth_part(span_ptr(m, as->value), as->value.len, k, &v, &vn) &&
			       rp_value_ctor(m, v, vn, out, size);
	}
	return 0;
}

/* Where local name var, used by node c, gets its value: the class of a
 * constructor call assigned to it, of its annotation (parameter or
 * variable), or of `with T(...) as var`, looked up in c's function, then
 * in the functions around it (a closure), then at module level. Writes
 * the resolved class name ("httpx.Client") to out. */
static int rp_value_origin(const struct model *m, const struct node *c, const char *var,
			   char *out, size_t size)
{
	const struct node *own = model_enclosing_func(m, c), *scope = own;

	for (int depth = 0; depth < 8; depth++) {
		const struct node *root = scope ? scope : &m->nodes[0];
		const struct node *best = NULL;
		const struct param *prm;
		int best_item = -1;

		for (const struct node *x = NULL; (x = model_walk(m, root, x, 0)); ) {
			/* in c's own function, only what ran before it */
			if (x->line >= c->line && scope == own)
				break;
			if (x->kind == NODE_ASSIGN && x->name && !(x->flags & NF_TARGET_ATTR) &&
			    (strcmp(x->name, var) == 0 ||
			     ((x->name[0] == '(' || strchr(x->name, ',')) &&
			      sem_has_plain_ident(x->name, strlen(x->name), var)))) {
				best = x;
				best_item = -1;
			} else if (x->kind == NODE_WITH && model_is_within(m, c, x)) {
				for (int k = 0; k < x->n_items; k++)
					if (x->u.items[k].name && strcmp(x->u.items[k].name, var) == 0) {
						best = x;
						best_item = k;
					}
			}
		}
		if (best != NULL && best_item >= 0)
			return rp_value_ctor(m, span_ptr(m, best->u.items[best_item].expr),
					     best->u.items[best_item].expr.len, out, size);
		if (best != NULL)
			return rp_assign_origin(m, best, var, out, size);
		if (scope && (prm = sem_param(scope, var)) != NULL)
			return prm->annotation.len &&
			       rp_annotation_type(m, span_ptr(m, prm->annotation),
						  prm->annotation.len, out, size);
		if (scope == NULL)
			return 0;
		scope = model_enclosing_func(m, scope);
	}
	return 0;
}

/* callee with its receiver variable replaced by the class its value
 * comes from: `client.get` -> "httpx.Client().get" when `client =
 * httpx.Client()`. */
static int rp_callee_via_origin(const struct model *m, const struct node *c, char *out,
				size_t size)
{
	const char *callee = c->u.call->callee;
	size_t seg = strcspn(callee, ".([");
	char var[128], cls[160];

	if (seg == 0 || seg >= sizeof var || callee[seg] != '.' ||
	    rp_dotted_len(callee, seg) != seg)
		return 0;
	memcpy(var, callee, seg);
	var[seg] = '\0';
	if (catalog_match(catalog_get(m->lang, "rp_self_names"), var) ||
	    !rp_value_origin(m, c, var, cls, sizeof cls))
		return 0;
	snprintf(out, size, "%s()%s", cls, callee + seg);
	return 1;
}

/* The part of res (a resolved callee, maybe a chain `a(...).b(...).c`)
 * that is a blocking call: the whole name or the call a chain starts
 * from (`urlopen(u).read()`, `open(p).read()`). Parts of `min` characters
 * or fewer are not tried. Copies the part to out. */
static int rp_blocking_prefix(const struct model *m, const char *res, size_t min, char *out,
			      size_t size)
{
	const struct catalog_list *bl = catalog_get(m->lang, "blocking");

	for (const char *p = strchr(res, '('); p; p = strchr(p + 1, '(')) {
		size_t n = (size_t)(p - res);

		if (n <= min || n >= size)
			continue;
		memcpy(out, res, n);
		out[n] = '\0';
		if (catalog_match(bl, out))
			return 1;
	}
	if (catalog_match(bl, res)) {
		snprintf(out, size, "%s", res);
		return 1;
	}
	return 0;
}

/* True when bare name is a def or class of c's function, of a function
 * around it, or of the module: it shadows the builtin (`def open()`). */
static int rp_shadowed(const struct model *m, const struct node *c, const char *name)
{
	const struct node *scope = model_enclosing_func(m, c);

	for (int depth = 0; depth < 8; depth++) {
		const struct node *root = scope ? scope : &m->nodes[0];

		for (const struct node *x = NULL; (x = model_walk(m, root, x, 0)); )
			if ((x->kind == NODE_FUNC || x->kind == NODE_CLASS) && x->name &&
			    !(x->flags & NF_LAMBDA) && strcmp(x->name, name) == 0)
				return 1;
		if (scope == NULL)
			return 0;
		scope = model_enclosing_func(m, scope);
	}
	return 0;
}

/* True when the receiver of a Path-style method plausibly is a
 * synchronous pathlib.Path (and not anyio.Path / trio.Path). */
static int rp_sync_path_receiver(const struct model *m, const struct node *c, int strict)
{
	const struct catalog_list *pathc = catalog_get(m->lang, "path_constructors");
	const struct catalog_list *safe = catalog_get(m->lang, "async_safe_io");
	char recv[256], res[256];
	const struct node *fn, *as, *vc;
	const struct param *prm;

	sem_receiver_path(c->u.call->callee, recv, sizeof recv);
	if (recv[0] == '\0')
		return 0;
	if (strchr(recv, '(')) {
		/* Path("x").read_text(): the constructor is in the callee */
		*strchr(recv, '(') = '\0';
		model_resolve(m, recv, res, sizeof res);
		if (catalog_match(safe, res))
			return 0;
		return catalog_match(pathc, res) || !strict;
	}
	fn = sem_func(m, c);
	if (fn && (prm = sem_param(fn, recv)) != NULL && prm->annotation.len) {
		if (rp_span_match(m, prm->annotation, "rp_async_path_annotations"))
			return 0;
		if (rp_span_match(m, prm->annotation, "rp_sync_path_annotations"))
			return 1;
	}
	as = fn ? sem_assignment(m, fn, recv, c->line) : NULL;
	if (as != NULL) {
		if ((vc = sem_first_call(m, as)) != NULL) {
			sem_callee(m, vc, res, sizeof res);
			if (catalog_match(safe, res))
				return 0;
			if (catalog_match(pathc, res))
				return 1;
		}
		if (span_has(m, as->value, " / "))
			return 1;
	}
	if (as == NULL && rp_value_origin(m, c, recv, res, sizeof res)) {
		/* assigned in an enclosing function, a tuple, a with-item */
		if (catalog_match(safe, res))
			return 0;
		if (catalog_match(pathc, res))
			return 1;
	}
	return !strict;
}

/* True when the path expression text s (n bytes) names a fixed file:
 * relative string literals without interpolation, the words fixed_path_roots
 * (`__dirname`), calls of fixed_path_builders (`path.join`, `process.cwd`)
 * over such parts, and local names assigned such a value in fn, a
 * function around it or the module (followed depth levels). Sets
 * *anchored when a part is one of fixed_path_roots (`process.cwd()` too). */
static int rp_fixed_path_text(const struct model *m, const struct node *fn, const char *s,
			      size_t n, uint32_t before, int depth, int *anchored)
{
	const struct catalog_list *roots = catalog_get(m->lang, "fixed_path_roots");
	const struct catalog_list *calls = catalog_get(m->lang, "fixed_path_builders");
	size_t i = 0;
	int parts = 0;

	while (i < n) {
		char ch = s[i], name[128], res[256];
		size_t k = 0;

		if (strchr(" \t\r\n,()+", ch) != NULL) {
			i++;
			continue;
		}
		if (ch == '"' || ch == '\'' || ch == '`') {
			/* an absolute path is data outside the service's own
			 * folder (an export, a mounted volume), not its asset */
			if (i + 1 < n && (s[i + 1] == '/' || s[i + 1] == '~'))
				return 0;
			for (i++; i < n && s[i] != ch; i++) {
				if (s[i] == '\\')
					i++;
				else if (ch == '`' && s[i] == '$' && i + 1 < n && s[i + 1] == '{')
					return 0;   /* interpolated: not fixed */
			}
			if (i >= n)
				return 0;
			i++;
			parts++;
			continue;
		}
		if (!sem_ident_char(ch) && ch != '$')
			return 0;
		while (i < n && (sem_ident_char(s[i]) || s[i] == '$' || s[i] == '.') &&
		       k + 1 < sizeof name)
			name[k++] = s[i++];
		name[k] = '\0';
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		parts++;
		if (i < n && s[i] == '(') {
			if (!catalog_match(calls, model_resolve(m, name, res, sizeof res)))
				return 0;
			if (catalog_match(roots, res))
				*anchored = 1;   /* process.cwd() */
			continue;
		}
		if (catalog_match(roots, name)) {
			*anchored = 1;
			continue;
		}
		if (depth == 0 || strchr(name, '.') != NULL || isdigit((unsigned char)name[0]))
			return 0;
		{
			const struct node *a = NULL, *f;

			for (f = fn; f != NULL && a == NULL; f = model_enclosing_func(m, f))
				a = sem_assignment(m, f, name, before);
			if (a == NULL)
				a = sem_assignment(m, model_node(m, 0), name, 0);
			if (a == NULL || a->value.len == 0 ||
			    !rp_fixed_path_text(m, model_enclosing_func(m, a), span_ptr(m, a->value),
						a->value.len, a->line, depth - 1, anchored))
				return 0;
		}
	}
	return parts > 0;
}

int rp_cpu_call(const struct model *m, const struct node *c)
{
	char res[256];
	size_t head;

	if (c->u.call == NULL || c->u.call->callee == NULL)
		return 0;
	if (catalog_match_call(catalog_get(m->lang, "cpu_bound"), m, c))
		return 1;
	/* the head of a chain: `pbkdf2Sync(key, salt, ...).toString('hex')` */
	sem_callee(m, c, res, sizeof res);
	head = strcspn(res, "(");
	if (res[head] != '(')
		return 0;
	res[head] = '\0';
	return catalog_match(catalog_get(m->lang, "cpu_bound"), res);
}

/* True when loop walks a fixed handful of values: a literal list in its
 * header, or a local bound to an array literal of at most
 * RP_FIXED_LIST_MAX items, with no spread, that nothing changes before
 * the loop (no method called on it: `paths.push(p)`). `for (const p of
 * candidates)` over five fixed `package.json` locations. */
#define RP_FIXED_LIST_MAX 8
static int rp_loop_fixed_list(const struct model *m, const struct node *loop)
{
	const struct node *fn = model_enclosing_func(m, loop), *as;
	char iter[96];
	const char *v;
	size_t n, items = 1, depth = 0;

	if (loop->flags & NF_SMALL_LITERAL)
		return 1;
	if (fn == NULL || sem_loop_iter(m, loop, iter, sizeof iter) == NULL || iter[0] == '\0')
		return 0;
	for (const char *q = iter; *q; q++)
		if (!isalnum((unsigned char)*q) && *q != '_' && *q != '$')
			return 0; /* a plain local name only */
	if ((as = sem_assignment(m, fn, iter, loop->line)) == NULL || as->value.len < 2)
		return 0;
	v = span_ptr(m, as->value);
	n = as->value.len;
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == ';' || v[n - 1] == '\n'))
		n--;
	if (n < 2 || v[0] != '[' || v[n - 1] != ']')
		return 0;
	for (size_t i = 1; i + 1 < n; i++) {
		if (v[i] == '.' && i + 2 < n && v[i + 1] == '.' && v[i + 2] == '.')
			return 0; /* a spread: the list grows with what it spreads */
		if (v[i] == '(' || v[i] == '[' || v[i] == '{')
			depth++;
		else if ((v[i] == ')' || v[i] == ']' || v[i] == '}') && depth > 0)
			depth--;
		else if (v[i] == ',' && depth == 0 && i + 1 < n - 1)
			items++;
	}
	if (items > RP_FIXED_LIST_MAX)
		return 0;
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)); ) {
		size_t k = strlen(iter);

		if (x->kind == NODE_CALL && x->line > as->line && x->line < loop->line &&
		    x->u.call != NULL && x->u.call->callee != NULL &&
		    strncmp(x->u.call->callee, iter, k) == 0 && x->u.call->callee[k] == '.')
			return 0;
	}
	return 1;
}

int rp_cheap_sync_fs(const struct model *m, const struct node *c)
{
	const struct arg *a;
	int anchored = 0;

	if (c->u.call == NULL)
		return 0;
	/* one metadata system call on one path (`existsSync`, `unlinkSync`):
	 * microseconds; once per item of a loop it is reported */
	if (catalog_match_call(catalog_get(m->lang, "blocking_metadata"), m, c)) {
		const struct node *loop = model_enclosing_loop(m, c);

		/* so is one per path of a fixed handful of candidates */
		return loop == NULL || rp_loop_fixed_list(m, loop);
	}
	/* a file shipped with the service at a fixed path (a mail template):
	 * the same few kilobytes each time, from the page cache */
	if (!catalog_match_call(catalog_get(m->lang, "blocking_asset_reads"), m, c) ||
	    c->u.call->n_args == 0 || (a = &c->u.call->args[0])->name != NULL)
		return 0;
	/* anchored at the service's own folder (`__dirname`, `process.cwd()`):
	 * a bare relative name may as well be data in the working directory */
	return rp_fixed_path_text(m, model_enclosing_func(m, c), span_ptr(m, a->expr), a->expr.len,
				  c->line, 2, &anchored) && anchored;
}

int rp_call_blocks(const struct audit_input *in, const struct model *m, const struct node *c)
{
	char res[256];
	enum rp_block_kind k;

	if (c->u.call == NULL || c->u.call->name == NULL || rp_cheap_sync_fs(m, c))
		return 0;
	sem_callee(m, c, res, sizeof res);
	k = rp_blocking_kind(in, m, c, res);
	/* creating a session does no I/O: its queries do, and those are
	 * database reads the summaries see on their own */
	return (k != BK_NONE && k != BK_SESSION) ||
	       catalog_match(catalog_get(m->lang, "sync_sleep"), res);
}

/* Classifies call c (resolved name res) as a blocking call. */
enum rp_block_kind rp_blocking_kind(const struct audit_input *in, const struct model *m,
					   const struct node *c, const char *res)
{
	const char *name = c->u.call->name;
	char hit[256], via[256];

	if (catalog_match(catalog_get(m->lang, "async_safe_io"), res))
		return BK_NONE;
	/* a method of a blocking client kept in a variable (`client =
	 * httpx.Client()`, `with requests.Session() as s`, `c: httpx.Client`) */
	if (!rp_blocking_prefix(m, res, 0, hit, sizeof hit) &&
	    !(rp_callee_via_origin(m, c, via, sizeof via) &&
	      rp_blocking_prefix(m, via, strcspn(via, "("), hit, sizeof hit)))
		hit[0] = '\0';
	/* `def open(): ...` in scope is not the builtin */
	if (hit[0] && strchr(hit, '.') == NULL &&
	    strncmp(hit, c->u.call->callee, strlen(hit)) == 0 &&
	    strchr("(", c->u.call->callee[strlen(hit)]) != NULL && rp_shadowed(m, c, hit))
		return BK_NONE;
	if (hit[0]) {
		/* the kind of blocking, by the catalog's families of calls */
		if (catalog_match(catalog_get(m->lang, "rp_http_clients"), hit))
			return BK_HTTP;
		if (catalog_match(catalog_get(m->lang, "rp_fd_calls"), hit))
			return BK_FILE;
		if (catalog_match(catalog_get(m->lang, "rp_process_calls"), hit))
			return BK_PROCESS;
		if (catalog_match(catalog_get(m->lang, "rp_socket_calls"), hit))
			return BK_SOCKET;
		if (catalog_match(catalog_get(m->lang, "rp_db_connect_calls"), hit))
			return BK_DB;
		return BK_FILE;
	}
	if (name && catalog_match(catalog_get(m->lang, "rp_path_io_methods"), name))
		return rp_sync_path_receiver(m, c, 0) ? BK_FILE : BK_NONE;
	if (name && catalog_match(catalog_get(m->lang, "rp_open_names"), name) &&
	    rp_sync_path_receiver(m, c, 1))
		return BK_FILE;
	/* a synchronous session created in async code; a bare generic class
	 * name only from the session's own module */
	if (name && strchr(res, '(') == NULL &&
	    index_session_factory(in->proj->index, name) == SESSION_SYNC &&
	    (!catalog_match(catalog_get(m->lang, "rp_generic_session_classes"), name) ||
	     catalog_match(catalog_get(m->lang, "rp_session_modules"), res)))
		return BK_SESSION;
	return BK_NONE;
}

/* Sets f's recommendation to catalog text name, with {call}. */
static void rp_advice_text(const struct model *m, struct finding *f, const char *name,
			   const char *call)
{
	const char *kv[] = { "call", call, NULL };
	char text[512];

	if (db_text(m, name, kv, text, sizeof text))
		finding_set_recommendation(f, "%s", text);
}

/* The stack-specific fix for a blocking call. */
void rp_blocking_advice(const struct audit_input *in, const struct model *m,
			       struct finding *f, enum rp_block_kind k, const char *call)
{
	const struct project *p = in->proj;

	if (db_advice(in, m, "blocking_io", call, f))
		return;

	switch (k) {
	case BK_HTTP:
		rp_advice_text(m, f, sem_stack_in(p, m->lang, "rp_aiohttp_stack") &&
			       !sem_stack_in(p, m->lang, "rp_httpx_stack") ?
			       "aiohttp.blocking_io.http" : "blocking_io.http", call);
		break;
	case BK_PROCESS:
		rp_advice_text(m, f, "blocking_io.process", call);
		break;
	case BK_SOCKET:
		rp_advice_text(m, f, "blocking_io.socket", call);
		break;
	case BK_DB:
		rp_advice_text(m, f, sem_stack_in(p, m->lang, "rp_asyncpg_stack") ?
			       "asyncpg.blocking_io.db" : "blocking_io.db", call);
		break;
	case BK_SESSION:
		rp_advice_text(m, f, sem_stack_in(p, m->lang, "rp_django_stack") ?
			       "django.blocking_io.session" : "blocking_io.session", call);
		break;
	default:
		rp_advice_text(m, f, "blocking_io.file", call);
		break;
	}
}

/* True when class node cls, a class of model m, is a command-line
 * command: the first name of its bases, resolved through the file's
 * imports, is a command-line framework's command base (catalog words
 * rp_cli_command_bases), or names a project class that is one, up to
 * four classes up (`user extends BaseCommand`, `BaseCommand extends
 * Command`). */
static int rp_cli_command_class(const struct audit_input *in, const struct model *m,
				const struct node *cls, int depth)
{
	const struct catalog_list *bases = catalog_get(m->lang, "rp_cli_command_bases");
	char text[256], head[256], resolved[256];
	const struct node *up;
	uint32_t uf = 0;
	size_t n = 0;

	if (depth > 4 || bases == NULL || cls == NULL || cls->kind != NODE_CLASS ||
	    cls->u.cls == NULL || cls->u.cls->bases.len == 0)
		return 0;
	span_copy(m, cls->u.cls->bases, text, sizeof text);
	while (text[n] != '\0' && (isalnum((unsigned char)text[n]) || text[n] == '_' ||
				   text[n] == '$' || text[n] == '.') && n + 1 < sizeof head) {
		head[n] = text[n];
		n++;
	}
	head[n] = '\0';
	if (n == 0)
		return 0;
	model_resolve(m, head, resolved, sizeof resolved);
	if (catalog_match(bases, resolved))
		return 1;
	if (in->sum == NULL || strchr(head, '.') != NULL ||
	    (up = class_node_named(in->proj, summary_classes(in->sum), head, &uf)) == NULL ||
	    up == cls || in->proj->files[uf].model == NULL)
		return 0;
	return rp_cli_command_class(in, in->proj->files[uf].model, up, depth + 1);
}

int rp_in_cli_command(const struct audit_input *in, size_t fi, const struct node *n)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *fn = n->kind == NODE_FUNC ? n : model_enclosing_func(m, n);

	/* a callback runs where its method runs */
	while (fn != NULL && !(fn->flags & NF_METHOD))
		fn = model_enclosing_func(m, fn);
	if (fn == NULL || fn->parent == 0)
		return 0;
	return rp_cli_command_class(in, m, &m->nodes[fn->parent], 0);
}

/* True when call c runs on an event loop: inside an async function, or,
 * where the language has one event loop for everything (lang trait
 * one_event_loop), anywhere in a handler, on the request path or in a
 * worker. */
int rp_on_event_loop(const struct audit_input *in, size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	const struct front_end *fe;

	/* a command run by hand (`pnpm user --email ...`) is its own
	 * process: no request waits on its loop */
	if (rp_in_cli_command(in, fi, c))
		return 0;
	if (sem_in_async(m, c))
		return 1;
	fe = lang_get(m->lang);
	return fe != NULL && fe->traits.one_event_loop &&
	       (index_role_at(in->proj, (uint32_t)fi, c) &
		(ROLE_HANDLER | ROLE_HANDLER_PATH | ROLE_BACKGROUND | ROLE_STREAMING)) != 0;
}
