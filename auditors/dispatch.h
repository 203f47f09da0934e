/* One check, as its auditor runs it: its row of the check registry
 * (src/checks.c: id, title, severity rule) and the node kinds it visits.
 * An auditor lists its checks and dispatch_file() walks each file once,
 * calling every enabled check on the nodes it asked for, so adding a
 * check is one file and one line in its auditor's table. */
#ifndef PPAUDIT_DISPATCH_H
#define PPAUDIT_DISPATCH_H

#include <stddef.h>
#include <stdint.h>

#include "auditor.h"

#define VISITS(kind) (1u << (kind))

struct check_impl {
	/* NULL for a language form that reports for several checks and asks
	 * auditor_check() for each finding itself: always visited. */
	const struct check_def *def;
	uint32_t kinds;            /* VISITS(NODE_CALL) | ... */
	/* Called for every node of a visited kind while def is enabled. */
	void (*visit)(const struct audit_input *in, struct finding_sink *out, size_t fi,
		      const struct node *n);
	/* Or, for a check that reads a whole function or file at once (the
	 * transaction spans of ln-652): called once per file, before the
	 * node walk. kinds is 0 then. */
	void (*file)(const struct audit_input *in, size_t fi, struct finding_sink *out);
	/* Optional, once per run on the auditor's thread around the files:
	 * facts the check gathers over the whole project first, and their
	 * release. What they own is the check's own (file-scope) state. */
	void (*prepare)(const struct audit_input *in);
	void (*finish)(const struct audit_input *in);
};

_Static_assert(NODE_KIND_COUNT <= 32, "node kinds fit the visit mask");

/* Walks file fi once in node order, calling the enabled checks of impls
 * (n of them, in table order) on the kinds they visit. */
void dispatch_file(const struct check_impl *const *impls, size_t n, const struct audit_input *in,
		   size_t fi, struct finding_sink *out);

/* Calls every prepare hook of impls (dispatch_prepare) or every finish
 * hook (dispatch_finish), in table order. */
void dispatch_prepare(const struct check_impl *const *impls, size_t n,
		      const struct audit_input *in);
void dispatch_finish(const struct check_impl *const *impls, size_t n,
		     const struct audit_input *in);

#endif
