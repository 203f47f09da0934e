/* The per-file walker of the checks; see dispatch.h. */
#include "dispatch.h"

void dispatch_file(const struct check_impl *const *impls, size_t n, const struct audit_input *in,
		   size_t fi, struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	uint32_t wanted = 0;
	size_t k;

	for (k = 0; k < n; k++) {
		wanted |= impls[k]->kinds;
		if (impls[k]->file != NULL && (impls[k]->def == NULL || auditor_check(impls[k]->def)))
			impls[k]->file(in, fi, out);
	}
	if (wanted == 0)
		return;
	for (uint32_t i = 1; i < m->n_nodes; i++) {
		const struct node *node = &m->nodes[i];

		if (!(wanted & VISITS(node->kind)))
			continue;
		/* auditor_check() before every visit: it charges the work to
		 * that check's budget for this file and refuses a check whose
		 * budget has run out (auditor.h) */
		for (k = 0; k < n; k++)
			if ((impls[k]->kinds & VISITS(node->kind)) &&
			    (impls[k]->def == NULL || auditor_check(impls[k]->def)))
				impls[k]->visit(in, out, fi, node);
	}
}

void dispatch_prepare(const struct check_impl *const *impls, size_t n,
		      const struct audit_input *in)
{
	for (size_t k = 0; k < n; k++)
		if (impls[k]->prepare != NULL)
			impls[k]->prepare(in);
}

void dispatch_finish(const struct check_impl *const *impls, size_t n,
		     const struct audit_input *in)
{
	for (size_t k = 0; k < n; k++)
		if (impls[k]->finish != NULL)
			impls[k]->finish(in);
}
