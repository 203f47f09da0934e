/* blocking_io (ln-653): blocking I/O on an event loop, direct, through a
 * synchronous session handed to an async function, or one project helper
 * away or more. */
#include "auditor.h"

#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "db-ops.h"
#include "dispatch.h"
#include "lang/lang.h"
#include "semantic.h"
#include "rp.h"
#include "summary.h"

/* Code that runs once at start-up, before the service serves anything
 * (sem_startup_only): a read of a config file there delays the start,
 * never a request. */
/* blocking_io | inside an `async` function: `open()`, `Path.read_text/read_bytes/
 * write_text/write_bytes`, `requests.*`, `urllib.request.*`,
 * `subprocess.run/call/check_output`, `os.system`, `socket` blocking calls,
 * sync DB drivers (`psycopg2`, sync `Session`). Not when wrapped in
 * `asyncio.to_thread`, `run_in_executor`, `anyio.to_thread.run_sync`,
 * `sync_to_async` | HIGH in a handler, MEDIUM in background */
/* True when call k reads the file at its first positional argument:
 * a reader of the catalog (rp_file_readers: `fs.promises.readFile`,
 * `fs.createReadStream`), or a project function one call away whose
 * body calls one (`readFile(filePath)` built on a read stream). */
static int rp_reads_file(const struct audit_input *in, size_t fi, const struct node *k)
{
	const struct model *m = in->proj->files[fi].model;
	const struct catalog_list *readers = catalog_get(m->lang, "rp_file_readers");
	struct func_ref ref;
	const struct model *tm;

	if (catalog_match_call(readers, m, k))
		return 1;
	if (in->sum == NULL || !summary_call_target(in->sum, fi, k, &ref) ||
	    ref.file >= in->proj->n_files || (tm = in->proj->files[ref.file].model) == NULL)
		return 0;
	for (const struct node *x = NULL; (x = model_walk(tm, &tm->nodes[ref.node], x, 1)); )
		if (x->kind == NODE_CALL && x->u.call != NULL && catalog_match_call(readers, tm, x))
			return 1;
	return 0;
}

/* True when metadata call c (`fs.existsSync(filePath)`) is the test of
 * an `if` inside a loop whose branch then reads that same path
 * (`promises.push(readFile(filePath))`): one stat before each file the
 * loop reads anyway, microseconds beside the read it guards (itself
 * asynchronous, or reported on its own when it is not). A loop that only
 * stats (collecting the paths that exist) stays reported. */
static int rp_stat_guards_read(const struct audit_input *in, size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *loop = model_enclosing_loop(m, c);
	const struct node *x = model_ancestor(m, c, NODE_IF);
	const struct arg *a = c->u.call->n_args > 0 ? &c->u.call->args[0] : NULL;

	if (loop == NULL || x == NULL || !model_is_within(m, x, loop) || !(c->flags & NF_HEADER) ||
	    a == NULL || a->name != NULL || a->expr.len == 0 || a->expr.len > 120)
		return 0;
	for (const struct node *k = NULL; (k = model_walk(m, x, k, 0)); ) {
		if (k == c || k->kind != NODE_CALL || k->u.call == NULL || (k->flags & NF_HEADER) ||
		    k->u.call->n_args == 0 || k->u.call->args[0].name != NULL ||
		    k->u.call->args[0].expr.len != a->expr.len ||
		    memcmp(span_ptr(m, k->u.call->args[0].expr), span_ptr(m, a->expr), a->expr.len) != 0)
			continue;
		if (rp_reads_file(in, fi, k))
			return 1;
	}
	return 0;
}

static void rp_check_blocking_io(const struct audit_input *in, struct finding_sink *out,
				 size_t fi, const struct node *c)
{
	const struct model *m = in->proj->files[fi].model;
	char res[256], call[160], loop[80];
	enum rp_block_kind k;
	enum severity sev;
	struct finding *f;
	unsigned role;
	int meta;

	if ((c->flags & (NF_AWAITED | NF_DECORATOR)) || !rp_on_event_loop(in, fi, c) ||
	    sem_offloaded(m, c))
		return;
	sem_callee(m, c, res, sizeof res);
	if ((k = rp_blocking_kind(in, m, c, res)) == BK_NONE || rp_cheap_sync_fs(m, c))
		return;
	role = index_role_at(in->proj, (uint32_t)fi, c);
	if (sem_startup_only(m, c, role))
		return;
	sev = sem_request_severity(role);
	/* metadata system calls (`existsSync`, `statSync`, `unlinkSync`) once
	 * per item of a loop: each blocks for microseconds rather than for a
	 * file's size; one level lower (auditors/docs/blocking_io.md) */
	meta = catalog_match_call(catalog_get(m->lang, "blocking_metadata"), m, c);
	if (meta && rp_stat_guards_read(in, fi, c))
		return;
	if (meta)
		sev = sev == SEV_HIGH ? SEV_MEDIUM : SEV_LOW;
	f = auditor_emit(in, out, &rp_checks[RP_BLOCKING_IO], sev, fi, c);
	if (f == NULL)
		return;
	sem_call_brief(m, c, call, sizeof call);
	finding_set_issue(f, "`%s` %s inside %s `%s`%s; %s",
			  call, k == BK_SESSION ? sem_text_or_empty(m, "blocking_io.sync_session_opens") : meta ? "blocks the event loop for "
			  "one file-system metadata call (no file data is read)" :
			  "blocks the event loop",
			  sem_role_words(role, sem_in_async(m, c)), sem_func_name(m, c),
			  rp_loop_words(m, c, loop, sizeof loop),
			  sem_request_severity(role) == SEV_HIGH ?
			  "every other request on this worker waits meanwhile" :
			  lang_get(m->lang) && lang_get(m->lang)->traits.one_event_loop ?
			  "everything else this process handles waits meanwhile" :
			  "every other coroutine on this event loop waits meanwhile");
	rp_blocking_advice(in, m, f, k, call);
	rp_add_loop_evidence(m, f, c);
}

/* True when callee is `var.<method>` or `var.<method>(...)` for an I/O
 * method of a synchronous session (the catalog's words). */
static int rp_session_io_method(const struct model *m, const char *callee, const char *var)
{
	size_t n = strlen(var), l;
	char method[64];

	if (strncmp(callee, var, n) != 0 || callee[n] != '.')
		return 0;
	l = strcspn(callee + n + 1, "(");
	if (l >= sizeof method)
		return 0;
	memcpy(method, callee + n + 1, l);
	method[l] = '\0';
	return catalog_match(catalog_get(m->lang, "rp_sync_session_io"), method);
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
		const char *kv[] = { "call", NULL, "role", NULL, "func", NULL, "uses", NULL,
				     "plural", NULL, NULL };
		char ann[128], res[160], call[160], count[16], text[1024];
		const struct node *first = NULL;
		int uses = 0;
		struct finding *f;
		unsigned role;

		if (pr->name == NULL || pr->annotation.len == 0)
			continue;
		span_copy(m, pr->annotation, ann, sizeof ann);
		model_resolve(m, ann, res, sizeof res);
		if (!catalog_match(catalog_get(m->lang, "rp_sync_session_classes"), res))
			continue;
		for (const struct node *c = NULL; (c = model_walk(m, fn, c, 0)); ) {
			if (c->kind != NODE_CALL || c->u.call == NULL || (c->flags & NF_AWAITED) ||
			    sem_offloaded(m, c) || !rp_session_io_method(m, c->u.call->callee, pr->name))
				continue;
			if (first == NULL)
				first = c;
			uses++;
		}
		if (first == NULL)
			continue;
		role = index_role_at(in->proj, (uint32_t)fi, fn);
		f = auditor_emit(in, out, &rp_checks[RP_BLOCKING_IO], sem_request_severity(role),
				 fi, first);
		if (f == NULL)
			continue;
		sem_call_brief(m, first, call, sizeof call);
		snprintf(count, sizeof count, "%d", uses);
		kv[1] = call;
		kv[3] = sem_role_words(role, 1);
		kv[5] = sem_func_name(m, fn);
		kv[7] = count;
		kv[9] = uses == 1 ? "" : "s";
		if (db_text(m, "blocking_io.sync_session_param", kv, text, sizeof text))
			finding_set_issue(f, "%s", text);
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
	static const char *const no_kv[] = { NULL };
	char call[160], why[200] = "", text[512];
	struct finding *f;
	unsigned role;
	int calls = 0;

	if (in->sum == NULL)
		return;
	for (const struct node *c = NULL; (c = model_walk(m, fn, c, 0)); ) {
		if (c->kind != NODE_CALL || (c->flags & (NF_AWAITED | NF_DECORATOR)) ||
		    sem_offloaded(m, c) ||
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
	if (sem_startup_only(m, fn, role))
		return;
	f = auditor_emit(in, out, &rp_checks[RP_BLOCKING_IO], sem_request_severity(role), fi,
			 first);
	if (f == NULL)
		return;
	sem_call_brief(m, first, call, sizeof call);
	if (fw.file != UINT32_MAX && fw.file < in->proj->n_files) {
		const struct model *wm = in->proj->files[fw.file].model;
		char wcall[120];

		sem_call_brief(wm, &wm->nodes[fw.node], wcall, sizeof wcall);
		snprintf(why, sizeof why, " (it reaches `%s` at %s:%u)", wcall,
			 in->proj->files[fw.file].path, wm->nodes[fw.node].line);
	}
	finding_set_issue(f, "`%s` calls synchronous project code that blocks%s, on the event loop "
			  "inside %s `%s` (%d such call%s in this function)",
			  call, why, sem_role_words(role, 1), sem_func_name(m, fn), calls,
			  calls == 1 ? "" : "s");
	if (db_text(m, "blocking_io.helpers", no_kv, text, sizeof text))
		finding_set_recommendation(f, "%s", text);
}

static void visit(const struct audit_input *in, struct finding_sink *out, size_t fi,
		  const struct node *n)
{
	if (n->kind == NODE_CALL) {
		if (n->u.call != NULL && n->u.call->callee != NULL)
			rp_check_blocking_io(in, out, fi, n);
	} else if ((n->flags & NF_ASYNC) && n->u.func) {
		rp_check_sync_session_param(in, out, fi, n);
		rp_check_blocking_helpers(in, out, fi, n);
	}
}

const struct check_impl check_blocking_io = {
	.def = &rp_checks[RP_BLOCKING_IO],
	.kinds = VISITS(NODE_CALL) | VISITS(NODE_FUNC),
	.visit = visit,
};
