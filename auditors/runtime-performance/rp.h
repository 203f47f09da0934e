/* Private to ln-653 (auditors/runtime-performance/): the facts its checks
 * share. One check per file (blocking_io.c, sync_sleep.c, ...), each
 * exporting a struct check_impl that auditor.c lists. */
#ifndef PPAUDIT_RP_H
#define PPAUDIT_RP_H

#include <stddef.h>
#include <stdint.h>

#include "auditor.h"
#include "runtime-performance.h"

/* ---- event-loop.c: what blocks an event loop ---- */

/* What kind of blocking call c is, for the recommendation. */
enum rp_block_kind { BK_NONE, BK_FILE, BK_HTTP, BK_PROCESS, BK_SOCKET, BK_DB, BK_SESSION };

/* Classifies call c (resolved name res) as a blocking call. */
enum rp_block_kind rp_blocking_kind(const struct audit_input *in, const struct model *m,
				    const struct node *c, const char *res);
/* Sets f's recommendation for a blocking call of kind k (call: its text). */
void rp_blocking_advice(const struct audit_input *in, const struct model *m,
			struct finding *f, enum rp_block_kind k, const char *call);
/* True when call c runs on an event loop: in an async function, or
 * anywhere in a handler or worker where the language has one event loop. */
int rp_on_event_loop(const struct audit_input *in, size_t fi, const struct node *c);
/* True when node n (a call or a function) is in a method of a
 * command-line command class (a base, or a project base's base, is a
 * command-line framework's command, catalog words rp_cli_command_bases):
 * a process started by hand, not a request handler; rp_on_event_loop()
 * is false there. */
int rp_in_cli_command(const struct audit_input *in, size_t fi, const struct node *n);
/* True for a synchronous file-system call too cheap to report on its own:
 * one metadata call on one path outside a loop, or a read of a file at a
 * fixed path (a template shipped with the service). */
int rp_cheap_sync_fs(const struct model *m, const struct node *c);
/* ", once per iteration of the loop at line N" or "", into buf. */
const char *rp_loop_words(const struct model *m, const struct node *n, char *buf, size_t size);

/* ---- alloc-common.c: the allocation checks' facts ---- */

/* True when the callee is a builtin of word list `list` (bare, not
 * shadowed). */
int rpa_builtin(const struct model *m, const struct node *c, const char *list);
/* True when the text of span s matches word list `list`. */
int rp_span_match(const struct model *m, struct span s, const char *list);
/* Trims blanks around s[0..*n); returns the new start. */
const char *rpa_trim(const char *s, size_t *n);
/* True when s[0..n) is a list comprehension `[... for ...]`. */
int rpa_is_listcomp(const char *s, size_t n);
/* The only positional argument of call c, or NULL. */
const struct arg *rpa_single_arg(const struct node *c);
/* MEDIUM in a hot path (handler, loop), LOW otherwise. */
enum severity rpa_hot_severity(const struct audit_input *in, size_t fi, const struct node *c);
/* True for a method that only reads its receiver (get, count, ...). */
int rpa_readonly_method(const struct model *m, const char *name);
/* True for a call known to only read its arguments (len, print, ...). */
int rpa_readonly_call(const struct model *m, const char *callee);
/* True when identifier ident occurs on lines from..to. */
int rpa_lines_have(const struct model *m, uint32_t from, uint32_t to, const char *ident);
/* True when the value text v hands var on (var itself, in a container). */
int rpa_aliases(const struct model *m, struct span v, const char *var);
/* True when var (a name, or a dotted attribute path) may be written to or
 * escape in the body under root after line `after` (skipping node skip
 * and what it contains): a mutating method call, an item or attribute
 * assignment, del, an augmented assignment, being returned, aliased,
 * captured by a nested function or passed to a call that is not known to
 * be read-only. A stopped analysis answers "may change". */
int rpa_may_change(const struct model *m, const struct node *root, const char *var,
		   unsigned after, const struct node *skip);
/* True when root may suspend after line `after` (an await, an async
 * for/with, a yield): a shared collection may change meanwhile. */
int rpa_suspends(const struct model *m, const struct node *root, uint32_t after);

/* ---- the checks (one per file) ---- */

struct check_impl;
extern const struct check_impl check_blocking_io, check_sync_sleep, check_cpu_bound,
	check_unnecessary_allocation, check_string_concat_loop, check_redundant_copy;

#endif
