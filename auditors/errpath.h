/* Deferred cleanup and value-returned error paths, for the checks that ask
 * "is this transaction / resource released on every way out?".
 *
 * In a language whose failures are values (lang traits.errors_are_values:
 * Go), the error path is an early `return` after `if err != nil`, and the
 * release that covers every way out is a deferred call (NODE_DEFER:
 * `defer tx.Rollback()`, `defer rows.Close()`, or a deferred function
 * literal that calls it). These helpers read the model only; they name no
 * call: the release is a catalog list (db_rollback, db_close, ...).
 *
 * Stateless; safe from every auditor thread. */
#ifndef PPAUDIT_ERRPATH_H
#define PPAUDIT_ERRPATH_H

#include <stddef.h>

#include "model.h"

/* True when m's language reports failures as values (lang traits). */
int ep_errors_are_values(const struct model *m);

/* True when a deferred statement of function f, before line `before`,
 * calls a release of catalog list `list` on receiver root (`defer
 * root.Rollback()`, `defer func() { ... root.Rollback() ... }()`). */
int ep_deferred_release(const struct model *m, const struct node *f, const char *list,
			const char *root, uint32_t before);

/* The assignment in f's own scope, before line `before`, that binds name
 * (first target) from a call of catalog list `list` (`tx, err :=
 * db.BeginTx(ctx, nil)`), or NULL. *call receives that call. */
const struct node *ep_acquired_by(const struct model *m, const struct node *f, const char *list,
				  const char *name, uint32_t before, const struct node **call);

/* True when nodes a and k sit in two branches of one if / else-if / else
 * chain (`if x { a } else { k }`): no path runs both. */
int ep_other_branch(const struct model *m, const struct node *a, const struct node *k);

/* The first `return` of f's own scope after line `after` and before line
 * `before` not preceded in its block by a release of catalog list `list`
 * on root (its error path leaves root unreleased), or NULL. */
const struct node *ep_unreleased_return(const struct model *m, const struct node *f,
					const char *list, const char *root, uint32_t after,
					uint32_t before);

/* True when call c is on receiver root: `root.X(...)`, `root.a.X(...)`. */
int ep_call_on(const struct model *m, const struct node *c, const char *root);

#endif
