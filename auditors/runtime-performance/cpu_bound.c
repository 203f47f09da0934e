/* cpu_bound (ln-653): CPU-heavy calls on an event loop. */
#include "auditor.h"

#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "db-ops.h"
#include "dispatch.h"
#include "semantic.h"
#include "rp.h"

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

	if ((c->flags & (NF_AWAITED | NF_DECORATOR)) || !rp_on_event_loop(in, fi, c) ||
	    sem_offloaded(m, c))
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
	} else if (!catalog_match(catalog_get(m->lang, "cpu_bound"), res)) {
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

static void visit(const struct audit_input *in, struct finding_sink *out, size_t fi,
		  const struct node *n)
{
	if (n->u.call != NULL && n->u.call->callee != NULL)
		rp_check_cpu_bound(in, out, fi, n);
}

const struct check_impl check_cpu_bound = {
	.def = &rp_checks[RP_CPU_BOUND],
	.kinds = VISITS(NODE_CALL),
	.visit = visit,
};
