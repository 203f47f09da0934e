/* Receiver types for the function summaries (issue 10, value origins):
 * the method a call on `self.a.b.name(...)` reaches, from what the
 * project's classes declare. A property's return annotation (or the
 * self attribute it returns), a class-level annotation (`_repos:
 * AllRepositories | None`) or a `self.a = Class(...)` assignment gives an
 * attribute's class; methods are looked up through the bases named in the
 * class statements. Unknown stays unknown: no answer, the caller falls
 * back to names.
 *
 * Ownership: the table borrows the project's models (class names point
 * into their arenas); class_table_free() releases the table only. */
#ifndef PPAUDIT_RECEIVER_TYPES_H
#define PPAUDIT_RECEIVER_TYPES_H

#include <stddef.h>
#include <stdint.h>

#include "index.h"

struct class_table;
struct class_entry;

/* Every class of the project by name (a name two classes share is not
 * used). */
struct class_table *class_table_build(const struct project *p);
void class_table_free(struct class_table *t);

/* The method `name` of class cls or of its bases, or NULL; *file receives
 * its file. */
const struct node *class_method(const struct project *p, const struct class_table *t,
				const struct class_entry *cls, const char *name, uint32_t *file,
				int depth);

/* The method `name` of the one class named cls (or of its bases), or
 * NULL; *file receives its file. */
const struct node *class_method_named(const struct project *p, const struct class_table *t,
				      const char *cls, const char *name, uint32_t *file);

/* The classes named name, of every language (tests and interfaces
 * included): how many, the first's position in *first; with
 * class_table_entry() the node and file of position first + k. A binary
 * search: a check that looks up a type per call must not scan every
 * node of the project (hostile input chooses both counts). */
size_t class_table_find(const struct class_table *t, const char *name, size_t *first);
const struct node *class_table_entry(const struct project *p, const struct class_table *t,
				     size_t i, uint32_t *file);

/* The node of the one class named cls, or NULL; *file receives its file. */
const struct node *class_node_named(const struct project *p, const struct class_table *t,
				    const char *cls, uint32_t *file);

/* For a call `self.a.b.m(...)` in a method of file fi: 1 and the method
 * reached in *out when every step's class is known. */
int receiver_method(const struct project *p, const struct class_table *t, size_t fi,
		    const struct node *c, struct func_ref *out);

/* For a Go call `a.core.GetMember(...)` in file fi: 1 and the method
 * reached in *out when a's declared type, each field's struct type and
 * the one method with that receiver type are known (struct fields and
 * receiver-bound functions, NF_GO_RECEIVER). */
int receiver_go_method(const struct project *p, const struct class_table *t, size_t fi,
		       const struct node *c, struct func_ref *out);

/* The same, and the first name may also be a local whose type its
 * function shows: assigned a composite literal (`h := &Hook{}`), or the
 * item of a range over a slice local or parameter (`for _, h := range
 * hooks` with `hooks := []*Hook{}`). Not used by the summaries' call
 * graph (where it would add edges to every loop), only where one call's
 * target is asked for. */
/* `delivery.deliver(...)` on a local the enclosing function binds once,
 * before the call, to a new object of a project class (`delivery =
 * WebhookDelivery(repo)`): that class's method (or a base's). Asked by
 * the transaction checks only; the summaries' edges do not use it. */
int receiver_local_method(const struct project *p, const struct class_table *t, size_t fi,
			  const struct node *c, struct func_ref *out);

/* The annotation text, into buf, of field `field` that the project class
 * named by type expression `type` (`schemas.role.RoleCreate`) declares
 * in its body or a base's (`permissions: list[UUID4]`); 0 when none. */
int receiver_field_annotation(const struct project *p, const struct class_table *t,
			      const char *type, const char *field, char *buf, size_t size);

/* The decorator calls (NODE_CALL, NF_DECORATOR) written on that field
 * (`@IsArray() @ValidateNested({ each: true }) items: Item[]`), at most
 * max into out, the file of their model into *file; 0 when none. */
size_t receiver_field_decorators(const struct project *p, const struct class_table *t,
				 const char *type, const char *field,
				 const struct node **out, size_t max, uint32_t *file);

/* The declared type of Go local name at call c in function fn, into buf:
 * what go_local_type knows (a composite literal, a range item, a
 * parameter), a `var name T` declaration before c, or a named result
 * `(name T, err error)`. NULL when unknown. Read by redundant_fetch to
 * name the row a chained read fills (`First(&team)`). */
const char *receiver_go_local_decl_type(const struct model *m, const struct node *fn,
					const struct node *c, const char *name, char *buf,
					size_t size);

/* The declared type of the package-level Go variable name of model m
 * (`var SessionStore *session.Store`, alone or in a `var (...)` block),
 * into buf; NULL when it is not declared once at the top of m, or is
 * declared with a value and no type of its own. */
const char *receiver_go_global_decl_type(const struct model *m, const char *name, char *buf,
					 size_t size);

int receiver_go_local_method(const struct project *p, const struct class_table *t, size_t fi,
			     const struct node *c, struct func_ref *out);

/* The same, and the first name may also be the item of a range loop
 * over rows a project method returned (`posts, err :=
 * app.db.GetPosts(...)`, `for _, pp := range *posts { pp.Render() }`):
 * the method's declared first result is a slice of that item's type.
 * Used by the summaries' call graph: the item is a row another call
 * loaded, which composite literals and ranges over literals are not. */
int receiver_go_rows_method(const struct project *p, const struct class_table *t, size_t fi,
			    const struct node *c, struct func_ref *out);

/* For a Go call `s.jobs.Dispatch(...)` in file fi: the declared type of
 * its receiver (`*artifex.Dispatcher`) as source text into buf, the first
 * name a parameter and each further name a field of the project's
 * struct before it; *file receives the file whose imports qualify that
 * text. NULL when a step is unknown. */
const char *receiver_go_chain_type(const struct project *p, const struct class_table *t,
				   size_t fi, const struct node *c, char *buf, size_t size,
				   uint32_t *file);

/* For a Go call `h.userSrvc.Delete(...)` whose receiver chain ends in an
 * interface type that declares the method: every project method that
 * implements it (a type of the project with every method the interface
 * declares, in one package), test doubles left out (a field of the
 * catalog's sum_test_double_fields), into out (at most max). Returns
 * their count; 0 when unknown: no implementation, one whose type is no
 * struct of the project, more than max, or a method the interface gets
 * from one it embeds. */
size_t receiver_go_iface_methods(const struct project *p, const struct class_table *t,
				 size_t fi, const struct node *c, struct func_ref *out,
				 size_t max);

/* The declared type of field `field` of the struct or class named
 * type_name (its last dotted segment: "store.Memo" is Memo), as source
 * text into buf ("[]*Attachment"); NULL when the class or field is
 * unknown or two classes share the name. */
const char *receiver_field_type(const struct project *p, const struct class_table *t,
				const char *type_name, const char *field, char *buf, size_t size);

/* For a call `this.<member>.<method>(...)` in a method of file fi: the
 * type name the class declares for member (a constructor parameter
 * property or an annotated field of the class itself) into buf, when it
 * is a plain name that no class of the project has (`ConfigService`,
 * `Repository<User>` gives "Repository"); NULL otherwise. The caller
 * decides through the file's imports whether the type comes from outside
 * the project. */
const char *receiver_member_outside_type(const struct project *p, const struct class_table *t,
					 size_t fi, const struct node *c, char *buf, size_t size);

#endif
