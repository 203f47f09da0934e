/* ln-653 Runtime Performance: event-loop blocking (blocking_io,
 * sync_sleep, cpu_bound) and wasteful allocation in Python code
 * (unnecessary_allocation, string_concat_loop, redundant_copy; those three
 * live in runtime-performance-alloc.c).
 *
 * The event-loop checks look only at calls that run directly in an
 * `async def`: a def or lambda nested in it is another scope (usually the
 * function handed to to_thread / run_in_executor, which is the fix), and
 * calls inside the arguments of an offload wrapper run on a thread. */
#include "auditor.h"

#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "db-ops.h"
#include "lang/lang.h"
#include "pyscope.h"
#include "runtime-performance.h"
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
static const char *rp_loop_words(const struct model *m, const struct node *n, char *buf,
				 size_t size)
{
	const struct node *loop = model_enclosing_loop(m, n);

	buf[0] = '\0';
	if (loop && !(loop->flags & NF_COMPREHENSION))
		snprintf(buf, size, ", once per iteration of the loop at line %u", loop->line);
	return buf;
}

/* ---- blocking_io ---- */

/* What kind of blocking call c is, for the recommendation. */
enum rp_block_kind { BK_NONE, BK_FILE, BK_HTTP, BK_PROCESS, BK_SOCKET, BK_DB, BK_SESSION };

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

/* The class named by a type annotation: `T`, `Optional[T]`, `T | None`,
 * `None | T`, `"T"`. */
static int rp_annotation_type(const struct model *m, const char *s, size_t n, char *out,
			      size_t size)
{
	const char *bar;

	rp_trim(&s, &n);
	for (int k = 0; k < 2; k++) {
		static const char *const opt[] = { "Optional[", "typing.Optional[" };
		size_t skip = strlen(opt[k]);

		if (n > skip + 1 && strncmp(s, opt[k], skip) == 0 && s[n - 1] == ']') {
			s += skip;
			n -= skip + 1;
			rp_trim(&s, &n);
			break;
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
		if (ln == 4 && strncmp(l, "None", 4) == 0) {
			s = r;
			n = rn;
		} else if (rn == 4 && strncmp(r, "None", 4) == 0) {
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
			      pyscope_has_ident(x->name, strlen(x->name), var)))) {
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
		if (scope && (prm = pyscope_param(scope, var)) != NULL)
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
	if (strcmp(var, "self") == 0 || strcmp(var, "cls") == 0 ||
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

	pyscope_receiver(c->u.call->callee, recv, sizeof recv);
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
	fn = pyscope_func(m, c);
	if (fn && (prm = pyscope_param(fn, recv)) != NULL && prm->annotation.len) {
		if (span_has(m, prm->annotation, "anyio") || span_has(m, prm->annotation, "trio"))
			return 0;
		if (span_has(m, prm->annotation, "Path"))
			return 1;
	}
	as = fn ? pyscope_assignment(m, fn, recv, c->line) : NULL;
	if (as != NULL) {
		if ((vc = pyscope_first_call(m, as)) != NULL) {
			pyscope_callee(m, vc, res, sizeof res);
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

static enum rp_block_kind rp_blocking_kind(const struct audit_input *in, const struct model *m,
					   const struct node *c, const char *res);

int rp_call_blocks(const struct audit_input *in, const struct model *m, const struct node *c)
{
	char res[256];
	enum rp_block_kind k;

	if (c->u.call == NULL || c->u.call->name == NULL)
		return 0;
	pyscope_callee(m, c, res, sizeof res);
	k = rp_blocking_kind(in, m, c, res);
	/* creating a session does no I/O: its queries do, and those are
	 * database reads the summaries see on their own */
	return (k != BK_NONE && k != BK_SESSION) ||
	       catalog_match(catalog_get(m->lang, "sync_sleep"), res);
}

/* Classifies call c (resolved name res) as a blocking call. */
static enum rp_block_kind rp_blocking_kind(const struct audit_input *in, const struct model *m,
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
		if (strncmp(hit, "requests.", 9) == 0 || strncmp(hit, "urllib", 6) == 0 ||
		    strncmp(hit, "httpx.", 6) == 0 || strncmp(hit, "http.client", 11) == 0)
			return BK_HTTP;
		if (strcmp(hit, "os.fdopen") == 0)
			return BK_FILE;
		if (strncmp(hit, "subprocess.", 11) == 0 || strncmp(hit, "os.", 3) == 0)
			return BK_PROCESS;
		if (strncmp(hit, "socket.", 7) == 0 || strncmp(hit, "smtplib.", 8) == 0 ||
		    strncmp(hit, "ftplib.", 7) == 0)
			return BK_SOCKET;
		if (strstr(hit, ".connect"))
			return BK_DB;
		return BK_FILE;
	}
	if (name && (strcmp(name, "read_text") == 0 || strcmp(name, "read_bytes") == 0 ||
		     strcmp(name, "write_text") == 0 || strcmp(name, "write_bytes") == 0))
		return rp_sync_path_receiver(m, c, 0) ? BK_FILE : BK_NONE;
	if (name && strcmp(name, "open") == 0 && rp_sync_path_receiver(m, c, 1))
		return BK_FILE;
	/* a synchronous SQLAlchemy session created in async code */
	if (name && strchr(res, '(') == NULL &&
	    index_session_factory(in->proj->index, name) == SESSION_SYNC &&
	    (strcmp(name, "Session") != 0 || strncmp(res, "sqlalchemy", 10) == 0))
		return BK_SESSION;
	return BK_NONE;
}

/* The stack-specific fix for a blocking call. */
static void rp_blocking_advice(const struct audit_input *in, const struct model *m,
			       struct finding *f, enum rp_block_kind k, const char *call)
{
	const struct project *p = in->proj;

	if (db_advice(in, m, "blocking_io", call, f))
		return;

	switch (k) {
	case BK_HTTP:
		finding_set_recommendation(f, "Use a shared `%s` with a timeout and `await` the "
					   "request instead of `%s`.",
					   pyscope_stack_is(p, "aiohttp") &&
					   !pyscope_stack_is(p, "httpx") ?
					   "aiohttp.ClientSession" : "httpx.AsyncClient", call);
		break;
	case BK_PROCESS:
		finding_set_recommendation(f, "Use `await asyncio.create_subprocess_exec(...)` "
					   "(and `await proc.communicate()`), or move the call into "
					   "`await asyncio.to_thread(...)`.");
		break;
	case BK_SOCKET:
		finding_set_recommendation(f, "Use asyncio streams (`asyncio.open_connection`) or "
					   "an async client library, or offload with "
					   "`await asyncio.to_thread(...)`.");
		break;
	case BK_DB:
		finding_set_recommendation(f, "Use an async driver (%s) or run the synchronous "
					   "code with `await asyncio.to_thread(...)`.",
					   pyscope_stack_is(p, "asyncpg") ? "asyncpg, or the "
					   "`create_async_engine` pool" : "asyncpg or psycopg 3's "
					   "`AsyncConnection`");
		break;
	case BK_SESSION:
		if (pyscope_stack_is(p, "django"))
			finding_set_recommendation(f, "Wrap the ORM work in `sync_to_async` or make "
						   "the view synchronous.");
		else
			finding_set_recommendation(f, "Use an `AsyncSession` from "
						   "`async_sessionmaker` and `await session.execute(...)`, "
						   "or declare the endpoint with plain `def` so FastAPI "
						   "runs it in its threadpool.");
		break;
	default:
		finding_set_recommendation(f, "Use `aiofiles.open` / `anyio.open_file` (or "
					   "`anyio.Path`), or read the file with "
					   "`await asyncio.to_thread(path.read_text)`.");
		break;
	}
}

/* True when call c runs on an event loop: inside an async function, or,
 * where the language has one event loop for everything (lang trait
 * one_event_loop), anywhere in a handler, on the request path or in a
 * worker. */
static int rp_on_event_loop(const struct audit_input *in, size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	const struct front_end *fe;

	if (pyscope_in_async(m, c))
		return 1;
	fe = lang_get(m->lang);
	return fe != NULL && fe->traits.one_event_loop &&
	       (index_role_at(in->proj, (uint32_t)fi, c) &
		(ROLE_HANDLER | ROLE_HANDLER_PATH | ROLE_BACKGROUND | ROLE_STREAMING)) != 0;
}

/* blocking_io | inside an `async` function: `open()`, `Path.read_text/read_bytes/
 * write_text/write_bytes`, `requests.*`, `urllib.request.*`,
 * `subprocess.run/call/check_output`, `os.system`, `socket` blocking calls,
 * sync DB drivers (`psycopg2`, sync `Session`). Not when wrapped in
 * `asyncio.to_thread`, `run_in_executor`, `anyio.to_thread.run_sync`,
 * `sync_to_async` | HIGH in a handler, MEDIUM in background */
static void rp_check_blocking_io(const struct audit_input *in, struct finding_sink *out,
				 size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	char res[256], call[160], loop[80];
	enum rp_block_kind k;
	struct finding *f;
	unsigned role;

	if ((c->flags & (NF_AWAITED | NF_DECORATOR)) || !rp_on_event_loop(in, fi, c) ||
	    pyscope_offloaded(m, c))
		return;
	pyscope_callee(m, c, res, sizeof res);
	if ((k = rp_blocking_kind(in, m, c, res)) == BK_NONE)
		return;
	role = index_role_at(in->proj, (uint32_t)fi, c);
	f = auditor_emit(in, out, &rp_checks[RP_BLOCKING_IO], pyscope_request_severity(role), fi, c);
	if (f == NULL)
		return;
	pyscope_call_text(m, c, call, sizeof call);
	finding_set_issue(f, "`%s` %s inside %s `%s`%s; %s",
			  call, k == BK_SESSION ? "opens a synchronous SQLAlchemy session (its "
			  "queries block the event loop)" : "blocks the event loop",
			  pyscope_role_words(role, pyscope_in_async(m, c)), pyscope_func_name(m, c),
			  rp_loop_words(m, c, loop, sizeof loop),
			  pyscope_request_severity(role) == SEV_HIGH ?
			  "every other request on this worker waits meanwhile" :
			  "every other coroutine on this event loop waits meanwhile");
	rp_blocking_advice(in, m, f, k, call);
	rp_add_loop_evidence(m, f, c);
}

/* The I/O methods of a synchronous SQLAlchemy Session. */
static int rp_session_io_method(const char *callee, const char *var)
{
	static const char *const io[] = {
		"query", "execute", "scalar", "scalars", "get", "commit", "flush", "refresh",
		"merge", "delete", NULL,
	};
	size_t n = strlen(var);

	if (strncmp(callee, var, n) != 0 || callee[n] != '.')
		return 0;
	for (int k = 0; io[k]; k++) {
		size_t l = strlen(io[k]);

		if (strncmp(callee + n + 1, io[k], l) == 0 &&
		    (callee[n + 1 + l] == '\0' || callee[n + 1 + l] == '('))
			return 1;
	}
	return 0;
}

/* blocking_io, second form: an async function given a synchronous
 * `Session` (parameter annotated Session, e.g. `db: Session =
 * Depends(get_db)`) that queries it on the event loop. One finding per
 * parameter, at its first query. */
static void rp_check_sync_session_param(const struct audit_input *in, struct finding_sink *out,
					size_t fi, const struct node *fn)
{
	const struct model *m = in->proj->files[fi].model;
	const struct func_info *info = fn->u.func;

	for (uint32_t k = 0; k < info->n_params; k++) {
		const struct param *pr = &info->params[k];
		char ann[128], res[160], call[160];
		const struct node *first = NULL;
		int uses = 0;
		struct finding *f;
		unsigned role;

		if (pr->name == NULL || pr->annotation.len == 0)
			continue;
		span_copy(m, pr->annotation, ann, sizeof ann);
		model_resolve(m, ann, res, sizeof res);
		if (strcmp(res, "sqlalchemy.orm.Session") != 0 &&
		    strcmp(res, "sqlalchemy.orm.session.Session") != 0)
			continue;
		for (const struct node *c = NULL; (c = model_walk(m, fn, c, 0)); ) {
			if (c->kind != NODE_CALL || c->u.call == NULL || (c->flags & NF_AWAITED) ||
			    pyscope_offloaded(m, c) || !rp_session_io_method(c->u.call->callee, pr->name))
				continue;
			if (first == NULL)
				first = c;
			uses++;
		}
		if (first == NULL)
			continue;
		role = index_role_at(in->proj, (uint32_t)fi, fn);
		f = auditor_emit(in, out, &rp_checks[RP_BLOCKING_IO], pyscope_request_severity(role),
				 fi, first);
		if (f == NULL)
			continue;
		pyscope_call_text(m, first, call, sizeof call);
		finding_set_issue(f, "`%s` runs a synchronous SQLAlchemy `Session` query on the event "
				  "loop inside %s `%s` (%d blocking session call%s in this function)",
				  call, pyscope_role_words(role, 1), pyscope_func_name(m, fn), uses,
				  uses == 1 ? "" : "s");
		rp_blocking_advice(in, m, f, BK_SESSION, call);
	}
}

/* blocking_io, third form: an async function that calls a synchronous
 * project helper which blocks (queries through a synchronous session,
 * opens files, calls HTTP...), one helper away or more (the function
 * summaries). One finding per async function, at its first such call,
 * counting the others: one cause, one row. */
static void rp_check_blocking_helpers(const struct audit_input *in, struct finding_sink *out,
				      size_t fi, const struct node *fn)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *first = NULL;
	struct summary_witness w = { UINT32_MAX, 0 }, fw = { UINT32_MAX, 0 };
	char call[160], why[200] = "";
	struct finding *f;
	unsigned role;
	int calls = 0;

	if (in->sum == NULL)
		return;
	for (const struct node *c = NULL; (c = model_walk(m, fn, c, 0)); ) {
		if (c->kind != NODE_CALL || (c->flags & (NF_AWAITED | NF_DECORATOR)) ||
		    pyscope_offloaded(m, c) ||
		    !summary_call_has(in->sum, in->proj, fi, c, SUM_BLOCKING, &w))
			continue;
		if (first == NULL) {
			first = c;
			fw = w;
		}
		calls++;
	}
	if (first == NULL)
		return;
	role = index_role_at(in->proj, (uint32_t)fi, fn);
	f = auditor_emit(in, out, &rp_checks[RP_BLOCKING_IO], pyscope_request_severity(role), fi,
			 first);
	if (f == NULL)
		return;
	pyscope_call_text(m, first, call, sizeof call);
	if (fw.file != UINT32_MAX && fw.file < in->proj->n_files) {
		const struct model *wm = in->proj->files[fw.file].model;
		char wcall[120];

		pyscope_call_text(wm, &wm->nodes[fw.node], wcall, sizeof wcall);
		snprintf(why, sizeof why, " (it reaches `%s` at %s:%u)", wcall,
			 in->proj->files[fw.file].path, wm->nodes[fw.node].line);
	}
	finding_set_issue(f, "`%s` calls synchronous project code that blocks%s, on the event loop "
			  "inside %s `%s` (%d such call%s in this function)",
			  call, why, pyscope_role_words(role, 1), pyscope_func_name(m, fn), calls,
			  calls == 1 ? "" : "s");
	finding_set_recommendation(f, "Make the helper async (an `AsyncSession`, `httpx.AsyncClient`, "
				   "`aiofiles`) and await it, or run it off the loop with "
				   "`await asyncio.to_thread(...)` / `run_in_threadpool(...)`; or "
				   "declare the endpoint with a plain `def` so the framework runs it "
				   "in its thread pool.");
}

/* ---- sync_sleep ---- */

/* sync_sleep | `time.sleep()` inside an async function | HIGH in a handler,
 * MEDIUM in background */
static void rp_check_sync_sleep(const struct audit_input *in, struct finding_sink *out,
				size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	char call[160], loop[80];
	struct finding *f;
	unsigned role;

	if ((c->flags & NF_DECORATOR) || !rp_on_event_loop(in, fi, c) || pyscope_offloaded(m, c) ||
	    !catalog_match_call(catalog_get(m->lang, "sync_sleep"), m, c))
		return;
	role = index_role_at(in->proj, (uint32_t)fi, c);
	f = auditor_emit(in, out, &rp_checks[RP_SYNC_SLEEP], pyscope_request_severity(role), fi, c);
	if (f == NULL)
		return;
	pyscope_call_text(m, c, call, sizeof call);
	finding_set_issue(f, "`%s` blocks the event loop inside %s `%s`%s: nothing else on this "
			  "worker runs while it sleeps",
			  call, pyscope_role_words(role, pyscope_in_async(m, c)), pyscope_func_name(m, c),
			  rp_loop_words(m, c, loop, sizeof loop));
	finding_set_recommendation(f, "Use `await asyncio.sleep(%.*s)`%s.",
				   (int)c->u.call->args_text.len,
				   span_ptr(m, c->u.call->args_text),
				   (role & ROLE_BACKGROUND) ? " (or, for a Celery task, make the "
				   "task synchronous)" : "");
	rp_add_loop_evidence(m, f, c);
}

/* ---- cpu_bound ---- */

/* True when c is inside a `with open(...)` whose open() is synchronous:
 * blocking_io already reports that file. */
static int rp_in_sync_open(const struct model *m, const struct node *c)
{
	for (const struct node *w = model_ancestor(m, c, NODE_WITH); w;
	     w = model_ancestor(m, w, NODE_WITH)) {
		if (model_enclosing_func(m, w) != model_enclosing_func(m, c))
			break;
		if (!(w->flags & NF_ASYNC) && span_has(m, w->text, "open("))
			return 1;
	}
	return 0;
}

/* cpu_bound | inside an async function, CPU-heavy calls not offloaded:
 * `json.load(s)` of files/large payloads, `hashlib`, `bcrypt.hashpw`,
 * `PIL.Image.open`, `cv2.imread`, `lxml.etree.parse`, `BeautifulSoup(`,
 * `pandas.read_*` | MEDIUM */
static void rp_check_cpu_bound(const struct audit_input *in, struct finding_sink *out,
			       size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	char res[256], call[160], loop[80];
	struct finding *f;
	unsigned role;
	int json;

	if ((c->flags & (NF_AWAITED | NF_DECORATOR)) || !rp_on_event_loop(in, fi, c) ||
	    pyscope_offloaded(m, c))
		return;
	pyscope_callee(m, c, res, sizeof res);
	json = catalog_match(catalog_get(m->lang, "json_parse"), res);
	if (json) {
		/* a whole file or stream body parsed on the loop; small JSON
		 * strings are cheap, and a sync open() is blocking_io's finding */
		if (!(span_has(m, c->u.call->args_text, "read(") ||
		      span_has(m, c->u.call->args_text, "read_text(") ||
		      (strcmp(c->u.call->name, "load") == 0)) || rp_in_sync_open(m, c))
			return;
	} else if (!catalog_match(catalog_get(m->lang, "cpu_bound"), res)) {
		return;
	}
	role = index_role_at(in->proj, (uint32_t)fi, c);
	f = auditor_emit(in, out, &rp_checks[RP_CPU_BOUND], SEV_MEDIUM, fi, c);
	if (f == NULL)
		return;
	pyscope_call_text(m, c, call, sizeof call);
	finding_set_issue(f, "`%s` is CPU-bound work running on the event loop inside %s `%s`%s; "
			  "requests on this worker stall until it finishes",
			  call, pyscope_role_words(role, pyscope_in_async(m, c)), pyscope_func_name(m, c),
			  rp_loop_words(m, c, loop, sizeof loop));
	if (role & ROLE_BACKGROUND)
		finding_set_recommendation(f, "Offload it with `await asyncio.to_thread(...)` (or a "
					   "process pool for long jobs), or make the task "
					   "synchronous so the worker runs it outside the loop.");
	else
		finding_set_recommendation(f, "Offload it: `await asyncio.to_thread(...)` / "
					   "`await run_in_threadpool(...)`, or a "
					   "`ProcessPoolExecutor` via `loop.run_in_executor` for "
					   "heavy work; move batch work to a background worker.");
	rp_add_loop_evidence(m, f, c);
}

/* Runs every check over one file. */
static void rp_file(const struct audit_input *in, size_t fi, struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;

	for (uint32_t i = 1; i < m->n_nodes; i++) {
		const struct node *n = &m->nodes[i];

		switch (n->kind) {
		case NODE_CALL:
			if (n->u.call == NULL || n->u.call->callee == NULL)
				break;
			if (auditor_check(&rp_checks[RP_BLOCKING_IO]))
				rp_check_blocking_io(in, out, fi, n);
			if (auditor_check(&rp_checks[RP_SYNC_SLEEP]))
				rp_check_sync_sleep(in, out, fi, n);
			if (auditor_check(&rp_checks[RP_CPU_BOUND]))
				rp_check_cpu_bound(in, out, fi, n);
			if (auditor_check(&rp_checks[RP_UNNECESSARY_ALLOCATION]))
				rp_check_unnecessary_allocation(in, out, fi, n);
			break;
		case NODE_FUNC:
			if ((n->flags & NF_ASYNC) && n->u.func &&
			    auditor_check(&rp_checks[RP_BLOCKING_IO])) {
				rp_check_sync_session_param(in, out, fi, n);
				rp_check_blocking_helpers(in, out, fi, n);
			}
			break;
		case NODE_AUGASSIGN:
			if (auditor_check(&rp_checks[RP_STRING_CONCAT_LOOP]))
				rp_check_string_concat_loop(in, out, fi, n);
			break;
		case NODE_ASSIGN:
			if (auditor_check(&rp_checks[RP_REDUNDANT_COPY]))
				rp_check_redundant_copy(in, out, fi, n);
			break;
		default:
			break;
		}
	}
}

/* Runs ln-653 over the project. */
static void rp_run(const struct audit_input *in, struct finding_sink *out)
{
	auditor_for_each_file(&auditor_runtime_performance, in, out, rp_file);
}

_Static_assert(RP_N_CHECKS == CHECKS_RL - CHECKS_RP, "the check registry block matches this auditor");

const struct auditor auditor_runtime_performance = {
	.worker = "ln-653",
	.category = CAT_RUNTIME,
	.report_name = "653-runtime-performance.md",
	.checks = rp_checks,
	.n_checks = RP_N_CHECKS,
	.run = rp_run,
};
