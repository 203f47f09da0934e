/* unnecessary_resolve (ln-651): an object re-read where its id would do. */
#include "auditor.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "context.h"
#include "semantic.h"
#include "lang/lang.h"
#include "qe.h"
#include "dispatch.h"

/* unnecessary_resolve — a function receives `x_id`, loads the row only to
 * read one field that every caller already had. MEDIUM. */
static void qe_unnecessary_resolve_file(const struct audit_input *in, size_t fi,
				      struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *g;

	for (g = NULL; (g = model_walk(m, model_node(m, 0), g, 1)); ) {
		const struct node *load;
		const struct param *p;
		struct qe_read r;
		char field[128], obj[128], call[128], desc[160], count[16], text[1024], pass[260];
		uint32_t field_line = 0;
		size_t ndefs = 0;
		int n_calls;
		struct finding *f;

		if (g->kind != NODE_FUNC || g->name == NULL ||
		    !qf_resolve_shape(in, m, g, &load, &p, &r, field, sizeof field, &field_line))
			continue;
		index_funcs_named(in->proj->index, g->name, &ndefs);
		if (ndefs != 1 || !qf_callers_hold_object(in, g, p, &n_calls, obj, sizeof obj))
			continue;
		f = auditor_emit(in, out, &qe_checks[QE_UNNECESSARY_RESOLVE], SEV_MEDIUM, fi, load);
		if (f == NULL)
			continue;
		sem_call_source(m, load, call, sizeof call);
		sem_func_desc(in, fi, load, desc, sizeof desc);
		snprintf(count, sizeof count, "%d", n_calls);
		if (db_text(m, n_calls == 1 ? "unnecessary_resolve.one_caller" :
			    "unnecessary_resolve.callers",
			    (const char *const[]){ "desc", desc, "param", p->name, "call", call,
						   "field", field, "obj", obj, "count", count,
						   "model", r.model[0] ? r.model : obj, NULL },
			    text, sizeof text))
			finding_set_issue(f, "%s", text);
		/* what the callers pass instead: `obj.field` */
		snprintf(pass, sizeof pass, "%s.%s", obj, field);
		finding_set_recommendation(f, "Take the value instead of the key: let `%s()` accept "
					   "`%s` as a parameter and pass `%s` from the callers, "
					   "which drops one query per call.", g->name, field, pass);
		if (field_line)
			sem_add_line(f, m, field_line);
	}
}

const struct check_impl check_unnecessary_resolve = {
	.def = &qe_checks[QE_UNNECESSARY_RESOLVE],
	.file = qe_unnecessary_resolve_file,
};
