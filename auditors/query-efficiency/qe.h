/* Private to ln-651 (auditors/query-efficiency/): what its checks share
 * beyond query-efficiency.h (the read classification and value origins
 * the summaries use too), and the checks themselves, one per file, each
 * exporting a struct check_impl that auditor.c lists. Language and ORM
 * forms of a check live beside it (n_plus_one-lazy.c). */
#ifndef PPAUDIT_QE_H
#define PPAUDIT_QE_H

#include <stddef.h>
#include <stdint.h>

#include "db-ops.h"
#include "query-efficiency.h"

/* ---- catalog words (match.c) ----
 * The names and code fragments the checks look for are words of
 * auditors/catalog/common-query-efficiency.json ("qe_*" lists): exact
 * names ("get"), prefixes ("len(*"), fragments ("*select(*") and dotted
 * segments ("*.objects.*"). */

/* True when name (or text) matches word list `list` of m's language. */
int qe_word(const struct model *m, const char *list, const char *name);

/* The same for the source text of span s (copied whole, never cut). */
int qe_span_word(const struct model *m, const char *list, struct span s);

/* The fragment of word list `list` that text holds ("*.objects.*" gives
 * ".objects.", "len(*" gives "len("), copied into buf; the first of the
 * list's patterns that matches. NULL when text holds none. */
const char *qe_fragment(const struct model *m, const char *list, const char *text, char *buf,
			size_t size);

/* Where text first holds the fragment of `list` (see qe_fragment), or
 * NULL; its length in *len when len is not NULL. */
const char *qe_find(const struct model *m, const char *list, const char *text, size_t *len);

/* The select(...) / query(...) entity of a statement text, or the model
 * of a Django `M.objects...` chain (the builders are named by m's
 * catalog); NULL when it names no known model. */
const struct orm_model *qe_text_entity(const struct audit_input *in, const struct model *m,
				       const char *text);

/* qe_find ignoring case (SQL keywords: `insert INTO t`). */
const char *qe_find_nocase(const struct model *m, const char *list, const char *text,
			   size_t *len);

/* The class name recommendations show when they know no model ("Model"). */
const char *qe_model_placeholder(const struct model *m);

/* ---- per-row-writes.c ---- */

/* The text of positional argument i of call c, or "" (into buf). */
const char *qe_arg(const struct model *m, const struct node *c, uint32_t i, char *buf,
		   size_t size);

/* The statement a call of a project function runs when that function is
 * a wrapper around it: `qtx.InsertItemLine(ctx, arg)` reaches sqlc's
 * `func (q *Queries) InsertItemLine` whose own first write is
 * `q.db.QueryRowContext(ctx, insertItemLine, ...)` with the SQL in a
 * constant. Only one helper away (the witness sits in the function called
 * and every definition of the name writes); fills oi from the witness. */
enum db_op qe_wrapped_op(const struct audit_input *in, const struct model *m,
				const struct node *c, struct db_op_info *oi);

/* True when write wc of function wf sits in a loop over a parameter of wf. */
int qe_batch_writer(const struct model *wm, const struct node *wc, const struct node *wf);

/* True when call c passes the loop's single target whole as an argument. */
int qe_item_passed_whole(const struct model *m, const struct node *loop, const struct node *c);

/* True when loop walks a parameter whose declared type is a message
 * stream (catalog words stream_param_types: a Go `<-chan T`): a queue
 * consumer handles one message at a time, not a collection. */
int qe_loop_over_stream(const struct model *m, const struct node *loop);
/* True when the loop checks each row it touches and gives the whole
 * operation up when one has changed (per-row optimistic locking). */
int qe_conflict_checked(const struct model *m, const struct node *loop);
/* True when a pass of loop asks a person at the terminal (catalog list
 * interactive_prompts: `input()`, `getpass`, `click.prompt`): an operator
 * command paced by the answers, one item per question, never a
 * collection served in bulk. */
int qe_loop_prompts(const struct model *m, const struct node *loop);

/* A call to project code that writes one row per call, one helper away
 * or more (the function summaries: `await this.tags.createTag(t)`,
 * `repo_helper.mark_done(session, j)`), with the loop's item in its
 * arguments. want: the SUM_DB_* row facts that count; a helper that also
 * has one of avoid is left to the other check. Fills what (the callee),
 * why (where the write is) and *facts. */
/* True when the module-level function holding c is dead code: no
 * decorator, its name written only at definitions of that name and at
 * calls the summaries resolve to other functions. */
/* The next plain name of text at or after p (an identifier not preceded by
 * '.' or part of a longer one) copied into word (truncated to cap - 1);
 * returns the position after it, NULL when there is none. */
const char *qe_next_name(const char *text, const char *p, char *word, size_t cap);
int qe_unreached_function(const struct audit_input *in, size_t fi, const struct node *c);
/* True when each pass of loop also does work one statement could not
 * batch (catalog list unbatchable_side_effects: a file removed, a mail
 * sent, an HTTP request) in a call other than the write, directly or in
 * a project helper that writes no row itself: the row written beside it
 * records that this item is done. Calls in the loop's iterable run once
 * and do not count. */
int qe_loop_side_effect(const struct audit_input *in, size_t fi, const struct node *loop,
			const struct node *write);
/* True when another call of loop than write runs a function value the
 * loop's item holds (`m.fn(db)`): each item brings its own work. */
/* The loop marks its item right after the item's own external effect,
 * skipping the mark when the effect fails (per-row-writes.c). */
int qe_loop_ack_after_effect(const struct audit_input *in, size_t fi, const struct node *loop,
			     const struct node *write);
int qe_loop_item_work(const struct model *m, const struct node *loop, const struct node *write);
/* True when the project function helper call c reaches is a dispatch on
 * the kind of what it is handed (a switch on a field of a parameter with
 * three arms or more): each item is a command that runs its own arm. */
int qe_dispatch_helper(const struct audit_input *in, size_t fi, const struct node *c);

/* Where a loop's rows come from: 2 = another query's rows, 1 = a
 * parameter list, 3 = parsed input, 4 = a remote service's answer,
 * 5 = a project async generator's stream, 0 = none of them (n_plus_one.c).
 * origin receives the followed text. */
int qe_loop_source(const struct audit_input *in, const struct model *m,
		   const struct node *fn, const struct node *loop, struct strbuf *origin);

/* True when loop, in a handler, walks a list field of the body model the
 * handler receives (`for tag in body.tags`, `body: PresetIn`), or a
 * local list filled only inside such loops: the sub-items of one
 * submitted form, bounded by the form (missing_bulk_ops). */
int qe_request_field_loop(const struct audit_input *in, size_t fi, const struct node *loop);

/* True when loop walks the parts of ONE object (missing_bulk_ops and
 * n_update_delete_loop: a handful, bounded by that object, not by the
 * data): the nested items a serializer saves for the submitted object
 * (a local taken from `validated_data`, or a method parameter every
 * `self.m(...)` call fills with one), or a to-many attribute of one row
 * (`query.alerts` after `Query.query.get(id)`, `action.fields.all()`
 * with `action: WorkflowAction`, `self.widgets` in a model class), or
 * the rows of a queryset filtered by the primary key alone
 * (`M.objects.filter(pk=obj.id)`, directly or through a local refined
 * only through itself): one row. Only a loop with no loop around it in
 * its function and none inside it. */
int qe_one_object_loop(const struct audit_input *in, size_t fi, const struct node *loop);

/* True when loop walks the rows of one pair of objects: a Django
 * `.filter()` pinned to two different objects through two relations of
 * the model (`ReadThrough.objects.filter(user=request.user, book=book)`,
 * directly or through a local assigned once), with no loop around it in
 * its function, none inside it, and its function never called inside a
 * loop or comprehension. One user's rows of one book are a handful, not
 * a collection that grows with the data (SPEC 11). */
int qe_pair_pinned_loop(const struct audit_input *in, size_t fi, const struct node *loop);
/* True for a loop over the fields of one object, not over rows: its body
 * reads an attribute, named by the item, of an object the loop does not
 * bind (`getattr(book, "custom_column_" + str(c.id))`, catalog list
 * qe_dynamic_attr_reads), directly or through a local the body assigns
 * from the item; no loop of its function around it. The passes are as
 * many as the object's columns (the schema), not as its rows (SPEC 11). */
int qe_object_field_loop(const struct model *m, const struct node *loop);

/* True for a loop over the components of one path: its iterable (or the
 * local it names, assigned once before it) splits a string on a path
 * separator (`path.split("/")`: catalog words qe_path_split_methods,
 * qe_path_separators); no loop of its function around it. As many
 * passes as the path is deep (SPEC 11). */
int qe_path_parts_loop(const struct model *m, const struct node *loop);

/* True for a loop over a module-wide list filled once at import time: its
 * iterable is a bare name, neither a parameter nor a local of its
 * function, and every binding of that name in the project's files is
 * `name = []` (the language's empty value) or `name = fill()` where fill
 * returns the same list, at module level; every method call on it is an
 * append (catalog words qe_list_appends) outside any loop, at module
 * level or in a module-level function called only at module level; at
 * most QE_FIXED_LIST_MAX appends in all. No loop of its function around
 * it. The passes are fixed by the code (the two OAuth providers a module
 * registers), not by the data (SPEC 11). */
int qe_fixed_module_list(const struct audit_input *in, size_t fi, const struct node *loop);

/* True when call c runs at most once in loop: it sits in an `if not v:`
 * (or `if v is None:`) block of the loop that first sets v, directly
 * and before c, to a new row of a model the index knows (`db_author =
 * db.Authors(...)`), and every other write of v in the loop sits under
 * such a test too (`if not v: v = stored`): once v is set it stays set,
 * and the block never runs again. */
int qe_once_guarded(const struct audit_input *in, size_t fi, const struct node *c,
		    const struct node *loop);

/* True when the loop around call c runs only at start-up
 * (sem_startup_only) and walks neither another query's rows, nor a
 * parameter list, nor parsed input: a list from the environment, a
 * settings value, the files of a provisioning folder. The per-row
 * checks stay silent there (a handful of items, once per start). */
int qe_startup_config_loop(const struct audit_input *in, size_t fi, const struct node *c,
			   const struct node *loop);
int qe_helper_write(const struct audit_input *in, size_t fi, const struct node *loop,
			   const struct node *c, unsigned want, unsigned avoid,
			   char *what, size_t size, char *why, size_t why_size, unsigned *facts);

/* The single-row read assigned by statement a (`x = await session.get(M,
 * id)`), filling r; NULL when a is no such load. */

/* ---- flow-common.c ---- */

const struct node *qf_load(const struct audit_input *in, const struct model *m,
				  const struct node *fn, const struct node *a, struct qe_read *r);

/* True when the call's session is one the function was given: a
 * parameter, or an attribute of self (a repository or service). */
int qf_given_session(const struct model *m, const struct node *fn, const struct node *k);

/* The parameter of callee g that receives argument ai of call c, or NULL. */
const struct param *qf_param_for(const struct model *m, const struct node *c,
					uint32_t ai, const struct node *g);

/* The fields of variable y read in fn after line `after`: returns the
 * number of distinct fields, the first in field (and its line in *line),
 * or -1 when y is used any other way (passed on, returned, written,
 * a method called on it). `y is None` / `not y` checks are allowed. */
int qf_fields_read(const struct model *m, const struct node *fn, const char *y,
			  uint32_t after, char *field, size_t size, uint32_t *line);

/* True when every call of function g (file gfi) in the project passes
 * `obj.id` for parameter p: the callers already hold the object. Counts
 * them in *n_calls and names the first object in obj. */
int qf_callers_hold_object(const struct audit_input *in, const struct node *g,
				  const struct param *p, int *n_calls, char *obj, size_t size);

/* What unnecessary_resolve needs from function g: a parameter named
 * `*_id` used only to load one row through a session g was given, and
 * that row only read for one field. Fills the load, the param and the
 * field; 0 when g is not such a function. */
int qf_resolve_shape(const struct audit_input *in, const struct model *m,
			    const struct node *g, const struct node **load, const struct param **pp,
			    struct qe_read *r, char *field, size_t size, uint32_t *field_line);

/* redundant_fetch's sibling form (redundant_fetch-sibling.c): the same
 * key handed to two helpers in a row that each load the same entity, or
 * a row the function loaded whose id goes to a helper that loads it
 * again; reported (by node index, may be NULL) marks the calls the
 * direct form already reported. */
void qf_sibling_reloads(const struct audit_input *in, size_t fi, struct finding_sink *out,
			const unsigned char *reported);

/* redundant_fetch's typed form (redundant_fetch-typed.c): a row of a
 * declared type whose id alone goes to a function that reads it again.
 * Skips the calls reported marks (may be NULL) and marks its own. */
void qf_typed_reloads(const struct audit_input *in, size_t fi, struct finding_sink *out,
		      unsigned char *reported);

/* n_plus_one through GraphQL field resolvers (n_plus_one-resolvers.c):
 * the types some resolver returns as a list, gathered once per run
 * (prepare), then the field resolvers of file fi on those types that read
 * the database per parent object. */
void qe_resolvers_prepare(const struct audit_input *in);
void qe_field_resolvers(const struct audit_input *in, size_t fi, struct finding_sink *out);

/* n_plus_one through the serializer of a list view
 * (n_plus_one-serializers.c): the serializer and list view classes of the
 * project, gathered once per run (prepare), then the list views of file fi
 * whose serializer reads relations their queryset does not load. */
void qe_serializers_prepare(const struct audit_input *in);
void qe_serializer_lists(const struct audit_input *in, size_t fi, struct finding_sink *out);
/* n_plus_one: serializer getters / per-row overrides that query, built with many=True. */
void qe_serializer_getter_queries(const struct audit_input *in, size_t fi,
				  struct finding_sink *out);
/* n_plus_one: a serializer built with many=True over the rows a bulk
 * create returned, reading relations those rows hold by key only. */
void qe_serializer_bulk_rows(const struct audit_input *in, size_t fi, struct finding_sink *out);

/* redundant_fetch's loader form (redundant_fetch-helper.c): a row loaded
 * through a project loader whose key alone goes to a function that calls
 * the same loader with it. Skips the calls reported marks (may be NULL)
 * and marks its own. */
void qf_loader_reloads(const struct audit_input *in, size_t fi, struct finding_sink *out,
		       unsigned char *reported);

/* Shared by the loader and list-row forms (redundant_fetch-helper.c):
 * whether a call of fn (own scope) strictly between lines a and b writes,
 * directly or through project code; whether name is assigned in fn
 * (own scope) between lines a and b. */
int qf_writes_between(const struct audit_input *in, size_t fi, const struct node *fn,
		      uint32_t a, uint32_t b);
int qf_reassigned(const struct model *m, const struct node *fn, const char *name,
		  uint32_t a, uint32_t b);

/* redundant_fetch's list-row form (redundant_fetch-rows.c): rows of a
 * many-rows read walked by a loop, each row's id handed to a function
 * that loads that row again. Same marking as above. */
void qf_row_reloads(const struct audit_input *in, size_t fi, struct finding_sink *out,
		    unsigned char *reported);

/* ---- the checks ---- */

struct check_impl;
extern const struct check_impl check_missing_bulk_ops, check_n_update_delete_loop,
	check_n_plus_one, check_over_fetching, check_redundant_fetch, check_unnecessary_resolve,
	check_wrong_caching_scope;

#endif
