/* The per-file walker of the checks; see dispatch.h. */
#include "dispatch.h"

void dispatch_file(const struct check_impl *const *impls, size_t n, const struct audit_input *in,
		   size_t fi, struct finding_sink *out)
{
	const struct model *m = in->proj->files[fi].model;
	const struct check_impl *on[32];
	uint32_t wanted = 0;
	size_t k, n_on = 0;

	/* the enabled checks, once per file rather than per node */
	for (k = 0; k < n && n_on < sizeof on / sizeof on[0]; k++)
		if (auditor_check(impls[k]->def)) {
			on[n_on++] = impls[k];
			wanted |= impls[k]->kinds;
		}
	for (uint32_t i = 1; i < m->n_nodes; i++) {
		const struct node *node = &m->nodes[i];

		if (!(wanted & VISITS(node->kind)))
			continue;
		for (k = 0; k < n_on; k++)
			if (on[k]->kinds & VISITS(node->kind))
				on[k]->visit(in, out, fi, node);
	}
}
