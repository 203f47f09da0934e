/* cpu_bound (ln-653): CPU-heavy calls on an event loop. */
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

/* True when c is inside a `with open(...)` whose open() is synchronous:
 * blocking_io already reports that file. */
static int rp_in_sync_open(const struct model *m, const struct node *c)
{
	for (const struct node *w = model_ancestor(m, c, NODE_WITH); w;
	     w = model_ancestor(m, w, NODE_WITH)) {
		if (model_enclosing_func(m, w) != model_enclosing_func(m, c))
			break;
		if (!(w->flags & NF_ASYNC) && rp_span_match(m, w->text, "rp_sync_open_text"))
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
	static const char *const no_kv[] = { NULL };
	char res[256], call[160], loop[80], fix[320];
	struct finding *f;
	unsigned role;
	int json;

	/* awaited work yields, except a pure-JavaScript library whose
	 * promise API still decodes on the loop (`await Jimp.read(buf)`) */
	if ((c->flags & NF_DECORATOR) || !rp_on_event_loop(in, fi, c) || sem_offloaded(m, c) ||
	    ((c->flags & NF_AWAITED) &&
	     !catalog_match_call(catalog_get(m->lang, "cpu_bound_promised"), m, c)))
		return;
	sem_callee(m, c, res, sizeof res);
	json = catalog_match(catalog_get(m->lang, "json_parse"), res);
	if (json) {
		/* a whole file or stream body parsed on the loop; small JSON
		 * strings are cheap, and a sync open() is blocking_io's finding */
		if (!(rp_span_match(m, c->u.call->args_text, "rp_stream_read_args") ||
		      catalog_match(catalog_get(m->lang, "rp_json_load_names"), c->u.call->name)) ||
		    rp_in_sync_open(m, c))
			return;
	} else if (!rp_cpu_call(m, c)) {
		return;
	}
	role = index_role_at(in->proj, (uint32_t)fi, c);
	f = auditor_emit(in, out, &rp_checks[RP_CPU_BOUND], SEV_MEDIUM, fi, c);
	if (f == NULL)
		return;
	sem_call_brief(m, c, call, sizeof call);
	finding_set_issue(f, "`%s` is CPU-bound work running on the event loop inside %s `%s`%s; "
			  "requests on this worker stall until it finishes",
			  call, sem_role_words(role, sem_in_async(m, c)), sem_func_name(m, c),
			  rp_loop_words(m, c, loop, sizeof loop));
	if (db_text(m, role & ROLE_BACKGROUND ? "cpu_bound.background" : "cpu_bound.fix", no_kv,
		    fix, sizeof fix))
		finding_set_recommendation(f, "%s", fix);
	rp_add_loop_evidence(m, f, c);
}

/* cpu_bound, second form: an async function that calls a synchronous
 * project helper which runs CPU-bound work, one helper away or more (the
 * summaries: `this.hashApiKey(key)` -> `pbkdf2Sync`). Left to the first
 * form when the CPU-bound call itself is on the event loop (a helper
 * only handlers call is reported where the work is). One finding per
 * async function, at its first such call. */
static void rp_check_cpu_helpers(const struct audit_input *in, struct finding_sink *out,
				 size_t fi, const struct node *fn)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *first = NULL;
	struct summary_witness w = { UINT32_MAX, 0 }, fw = { UINT32_MAX, 0 };
	static const char *const no_kv[] = { NULL };
	char call[160], wcall[120], fix[320];
	const struct model *wm;
	struct finding *f;
	unsigned role;

	/* only where one event loop runs everything (Node): in Python the
	 * by-name resolution of builtins (`filter`, `set`) to a script's
	 * function of that name would be taken for a helper */
	if (in->sum == NULL || lang_get(m->lang) == NULL || !lang_get(m->lang)->traits.one_event_loop ||
	    rp_in_cli_command(in, fi, fn))
		return;
	for (const struct node *c = NULL; first == NULL && (c = model_walk(m, fn, c, 0)); ) {
		if (c->kind != NODE_CALL || (c->flags & (NF_AWAITED | NF_DECORATOR)) ||
		    sem_offloaded(m, c) ||
		    !summary_call_has(in->sum, in->proj, fi, c, SUM_CPU, &w) ||
		    w.file == UINT32_MAX || w.file >= in->proj->n_files ||
		    (wm = in->proj->files[w.file].model) == NULL ||
		    rp_on_event_loop(in, w.file, &wm->nodes[w.node]))
			continue;
		first = c;
		fw = w;
	}
	if (first == NULL)
		return;
	role = index_role_at(in->proj, (uint32_t)fi, fn);
	f = auditor_emit(in, out, &rp_checks[RP_CPU_BOUND], SEV_MEDIUM, fi, first);
	if (f == NULL)
		return;
	wm = in->proj->files[fw.file].model;
	sem_call_brief(m, first, call, sizeof call);
	sem_call_brief(wm, &wm->nodes[fw.node], wcall, sizeof wcall);
	finding_set_issue(f, "`%s` calls synchronous project code that runs CPU-bound work (it "
			  "reaches `%s` at %s:%u) on the event loop inside %s `%s`; requests on "
			  "this worker stall until it finishes", call, wcall,
			  in->proj->files[fw.file].path, wm->nodes[fw.node].line,
			  sem_role_words(role, 1), sem_func_name(m, fn));
	if (db_text(m, role & ROLE_BACKGROUND ? "cpu_bound.background" : "cpu_bound.fix", no_kv,
		    fix, sizeof fix))
		finding_set_recommendation(f, "%s", fix);
}

static void visit(const struct audit_input *in, struct finding_sink *out, size_t fi,
		  const struct node *n)
{
	if (n->kind == NODE_CALL) {
		if (n->u.call != NULL && n->u.call->callee != NULL)
			rp_check_cpu_bound(in, out, fi, n);
	} else if ((n->flags & NF_ASYNC) && n->u.func) {
		rp_check_cpu_helpers(in, out, fi, n);
	}
}

const struct check_impl check_cpu_bound = {
	.def = &rp_checks[RP_CPU_BOUND],
	.kinds = VISITS(NODE_CALL) | VISITS(NODE_FUNC),
	.visit = visit,
};
