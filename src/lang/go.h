/* The Go front end: Go 1.23 source -> struct model (see model.h).
 *
 * How Go maps onto the language-neutral model:
 *  - func declarations are FUNC nodes; methods have NF_METHOD and
 *    NF_GO_RECEIVER, qualname "Type.Method" with the receiver type
 *    normalised (`func (s *Store[T]) Get()` -> "Store.Get"), and the
 *    receiver as params[0]. Function literals are FUNC with NF_LAMBDA,
 *    name "func", qualname "<enclosing>.func" (not numbered: qualnames of
 *    closures are not unique). Parameters sharing a type
 *    (`a, b int`) each carry it as annotation; `...T` has star 1; unnamed
 *    parameters have name "". func_info.returns is the result list.
 *  - `type T struct {...}` is a CLASS whose children are one ASSIGN per
 *    field (NF_ANNOTATED | NF_GO_FIELD, NF_GO_EMBEDDED for embedded ones):
 *    name = the field, text = its type as written, so a check finds a
 *    `*sql.DB` field with span_eq(m, f->text, "*sql.DB"). Interfaces are
 *    CLASS with NF_GO_INTERFACE; other type declarations are STMT (name,
 *    text = the type).
 *  - var / const specs and `:=` are ASSIGN with NF_GO_DEFINE; `=` is
 *    ASSIGN; `op=` and `++` / `--` are AUGASSIGN (name the operator).
 *    A field, element or pointer (`*p = v`) target sets NF_TARGET_ATTR.
 *  - for (all forms) is a LOOP: range loops have target "k, v" and iter
 *    the ranged expression; three-clause loops have target = the init's
 *    names and iter = the condition; condition-only and infinite loops
 *    have NF_WHILE. A label (`Outer: for`) is the LOOP's text (labels of
 *    other statements are not kept).
 *  - if / else if / else: IF, IF with NF_ELIF and ELSE siblings; the calls
 *    of the init statement and the condition are NF_HEADER children.
 *  - switch, type switch (NF_GO_TYPESWITCH) and select (NF_GO_SELECT) are
 *    MATCH with one CASE per clause (text = its expressions or comm
 *    statement, whose calls are NF_HEADER; `default` has name "default").
 *  - `defer f()` is DEFER and `go f()` SPAWN, with the call as child;
 *    `defer func() {...}()` is a CALL with callee "func" whose child is the
 *    FUNC literal. break / continue are BREAK / CONTINUE, name = label.
 *  - Calls are CALL nodes; a call on a call's result is one node
 *    ("db.Query().Scan"); type assertions and type arguments are left out
 *    of the callee, an index is "[]". `f(xs...)` has an arg named "*".
 *  - Imports: model_add_import(local = alias, or the package name from
 *    the path's last element without a /vN or .vN suffix and after the
 *    last '-', target = the path); `.` and `_` imports keep "." / "_" as
 *    their local name. Each spec is also an IMPORT node (name = local).
 *  - `// ppaudit: ignore[check] reason` comments become ignores.
 *  - Syntax errors are recorded per line; parsing resumes at the next
 *    statement. */
#ifndef PPAUDIT_LANG_GO_H
#define PPAUDIT_LANG_GO_H

#include <stddef.h>

#include "model.h"

/* Parses Go source (ownership of src taken, NUL-terminated at src[len])
 * into a model; never fails. */
struct model *go_parse(char *src, size_t len);

#endif
