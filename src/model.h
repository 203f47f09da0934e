/* The language-neutral code model: one tree of nodes per source file.
 *
 * DESIGN
 * A front end (src/lang/<language>.c) turns a file's bytes into a struct
 * model. Nodes live in one array (m->nodes); node 0 is the module. Parent /
 * first_child / next_sibling are indexes into that array, 0 meaning "none"
 * (node 0 is never anyone's child, so 0 is free to mean null).
 *
 * Tree shape
 *  - Statement nodes (FUNC, CLASS, LOOP, WITH, TRY, IF, ASSIGN, ...) nest as
 *    in the source. A compound statement's children are first the calls of
 *    its header (flag NF_HEADER: the iterable of a for, the condition of an
 *    if/while, the context expressions of a with), then its body statements.
 *  - TRY's children: the body statements, then its EXCEPT / ELSE / FINALLY
 *    nodes (each holding its own block). An `elif` is an IF node with
 *    NF_ELIF; an `else:` block of if/for/while/try is an ELSE node. Both are
 *    siblings following the IF / LOOP / TRY they belong to (for TRY they are
 *    its children).
 *  - CALL nodes are children of the statement they appear in, in source
 *    order. A call appearing inside the argument list of another call is a
 *    child of that call (so `asyncio.to_thread(open(p).read)` has the call
 *    open() as a child of to_thread). A call on the result of another call,
 *    `session.query(User).filter(x).first()`, is ONE call node with callee
 *    "session.query().filter().first"; the calls inside its argument lists
 *    (User, x are not calls here) are its children.
 *  - A comprehension / generator expression is a LOOP node with
 *    NF_COMPREHENSION whose children are the calls of its element and
 *    condition expressions (evaluated per item); calls in the first iterable
 *    are children of the enclosing node, before the LOOP.
 *  - A lambda body is a FUNC node with NF_LAMBDA (its own scope); so is a
 *    JavaScript arrow function.
 *  - A function literal passed to a per-item method (`xs.map(x => ...)`,
 *    forEach, filter, reduce...) is a LOOP with NF_JS_CALLBACK, child of the
 *    CALL, wrapping the callback FUNC: per item, but in its own scope.
 *
 * Text
 * Names and callees are NUL-terminated strings in the model's arena, read
 * only: the front ends intern them (arena_intern), so equal names of one
 * file usually share one copy (in the pipeline, of all the files one
 * parse worker reads: the copy may sit in a block another model filled,
 * and this model's arena holds a reference on that block); compare them
 * with strcmp, not by address.
 * Longer text (argument expressions, values, iterables) is a struct span
 * into m->src; use span_* helpers below. Nothing in a model points outside
 * it and the arena blocks it holds.
 *
 * Ownership
 * struct model owns src, nodes, aux arrays and the arena; model_free()
 * releases everything. The arena's blocks may be shared with the models
 * parsed before and after it on the same thread (model_use_pool), and so
 * may its interned names; each block is freed with the last model (or
 * pool) holding a reference on it. After
 * parsing and indexing a model is read-only and may be shared by any
 * number of threads.
 */
#ifndef PPAUDIT_MODEL_H
#define PPAUDIT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

enum node_kind {
	NODE_MODULE,
	NODE_CLASS,     /* name, class_info */
	NODE_FUNC,      /* name, func_info; NF_ASYNC, NF_GENERATOR, NF_LAMBDA */
	NODE_LOOP,      /* for/while/comprehension: loop_info */
	NODE_WITH,      /* with / async with (NF_ASYNC); items in args */
	NODE_TRY,
	NODE_EXCEPT,    /* except_info; text: the type expression (may be empty); name: "as" name */
	NODE_FINALLY,
	NODE_ELSE,
	NODE_IF,        /* if / elif (NF_ELIF); value: condition */
	NODE_MATCH,     /* match statement; its CASE children hold the blocks */
	NODE_CASE,
	NODE_CALL,      /* call_info */
	NODE_ASSIGN,    /* target = value (also annotated `x: T = v`, walrus) */
	NODE_AUGASSIGN, /* target op= value; name holds the operator, e.g. "+=" */
	NODE_RETURN,    /* value */
	NODE_RAISE,     /* value */
	NODE_YIELD,     /* yield / yield from (NF_YIELD_FROM); value */
	NODE_AWAIT,     /* an await expression whose operand is not a call (`await fut`) */
	NODE_IMPORT,    /* see struct import_entry in the model; a Python import
	                   directly in the module body has no node, only its
	                   m->imports entries (nothing visits one; nodes are
	                   the bulk of a run's memory) */
	NODE_DEL,
	NODE_STMT,      /* any other simple statement (pass, expression, global, ...) */
	NODE_BREAK,     /* break (name: its label, where the language has labels) */
	NODE_CONTINUE,  /* continue (name: its label) */
	NODE_DEFER,     /* Go defer: its calls run when the function returns */
	NODE_SPAWN,     /* work started and not waited for: Go `go f()`; the calls
	                   are its children (Python/JS spawning is a catalog call) */
	NODE_KIND_COUNT
};
/* A C-like `switch` is a NODE_MATCH with NODE_CASE children. */

enum node_flag {
	NF_ASYNC          = 1u << 0,  /* async def / async for / async with */
	NF_AWAITED        = 1u << 1,  /* call: `await f(...)` applies to this call */
	NF_GENERATOR      = 1u << 2,  /* func: contains yield in its own scope */
	NF_LAMBDA         = 1u << 3,
	NF_HEADER         = 1u << 4,  /* call in a compound statement's header */
	NF_COMPREHENSION  = 1u << 5,  /* loop: comprehension or generator expression */
	NF_WHILE          = 1u << 6,  /* loop: while loop */
	NF_SMALL_LITERAL  = 1u << 7,  /* loop: iterable is a literal list/tuple/set of < 100 items,
	                                 or range(N) with a literal N < 100 */
	NF_ELIF           = 1u << 8,
	NF_YIELD_FROM     = 1u << 9,
	NF_METHOD         = 1u << 10, /* func: defined directly in a class body */
	NF_ANNOTATED      = 1u << 11, /* assign: has an annotation (class attribute declarations) */
	NF_WALRUS         = 1u << 12,
	NF_STAR_EXCEPT    = 1u << 13, /* except* */
	NF_TARGET_ATTR    = 1u << 14, /* assign: target is an attribute or subscript (x.y = / x[k] =) */
	NF_DECORATOR      = 1u << 15, /* call: part of a decorator expression */
	NF_CATCH_ALL      = 1u << 16, /* except/catch: catches every error (bare, or the
	                                 language's root types, set by the front end) */
	/* bits 17..23: reserved for the JavaScript/TypeScript front end's needs,
	 * bits 24..30: for the Go front end's */
	NF_OUTER_NAMES    = 1u << 31, /* stmt: declares names of an outer scope
	                                 (Python `global` / `nonlocal`); value: the names */
	NF_JS_CALLBACK    = 1u << 17, /* loop: a per-item callback, `xs.map(x => ...)`
	                                 (forEach/map/flatMap/filter/reduce/some/every/
	                                 find...): child of the CALL, wraps the callback
	                                 FUNC; iter = the receiver `xs` (the first
	                                 argument of `_.map(xs, f)`, `pMap(xs, f)`...),
	                                 target = the item parameter */
	/* Go (src/lang/go.h; there a LOOP's text is its label) */
	NF_GO_RECEIVER    = 1u << 24, /* func: params[0] is the method receiver (name may be
	                                 "", annotation its type as written: "*Store[T]") */
	NF_GO_FIELD       = 1u << 25, /* assign (with NF_ANNOTATED) under a CLASS: a struct
	                                 field; name the field, text its type ("*sql.DB") */
	NF_GO_EMBEDDED    = 1u << 26, /* field: embedded; name is the type's own name */
	NF_GO_INTERFACE   = 1u << 27, /* class: an interface type (no children) */
	NF_GO_TYPESWITCH  = 1u << 28, /* match: `switch v := x.(type)`; name: the binding */
	NF_GO_SELECT      = 1u << 29, /* match: a select statement; its cases are channel ops */
	NF_GO_DEFINE      = 1u << 30, /* assign: declares its names (`:=`, var, const) */
};

/* A slice of m->src. len 0 means empty / absent. */
struct span {
	uint32_t off;
	uint32_t len;
};

/* A positional or keyword argument; for WITH nodes, one with-item
 * (expr = context expression, name = the `as` target or NULL). */
struct arg {
	const char *name;  /* keyword name, "*" / "**" for star args, or NULL */
	struct span expr;
};

struct param {
	const char *name;      /* without * / ** */
	struct span annotation;
	struct span def;       /* default value */
	uint8_t star;          /* 0, 1 (*args) or 2 (**kwargs) */
};

/* Fields in this order: no padding but the tail (48 bytes, one per function). */
struct func_info {
	const char *qualname;     /* "Class.method", "outer.<locals>.inner" style kept simple: "outer.inner" */
	struct param *params;
	struct span *decorators;  /* decorator expressions without the '@' */
	uint32_t n_params;
	uint32_t n_decorators;
	struct span returns;      /* return annotation */
	uint32_t body_line;       /* first line of the body */
	/* Filled by the project index (src/index.c), read-only afterwards. */
	uint8_t role;             /* enum func_role bits */
};
_Static_assert(sizeof(struct func_info) <= 48, "struct func_info stays 48 bytes");

struct class_info {
	struct span bases;        /* text between the parentheses */
	struct span *decorators;
	uint32_t n_decorators;
};

struct loop_info {
	struct span target;       /* `x` in `for x in xs`, empty for while */
	struct span iter;         /* iterable (for) or condition (while) */
	struct span step;         /* three-clause for (`for (i = 0; i < n; i += PAGE)`):
	                             the update clause; empty otherwise */
};

/* EXCEPT: the exception types it names, as dotted names in source order
 * (`except (db.Error, ValueError)` -> "db.Error", "ValueError"). */
struct except_info {
	const char **types;
	uint32_t n_types;
};

struct call_info {
	const char *callee;       /* normalized dotted callee: "session.query().filter().first" */
	const char *name;         /* last segment, points into callee: "first" */
	const char *resolved;     /* callee resolved through the file's imports
	                             (model_resolve_calls), or NULL before that */
	uint64_t catalog_mask;    /* bit i: the resolved callee matches catalog list i
	                             (catalog_annotate_calls), valid when catalog_known */
	struct arg *args;
	uint32_t n_args;
	uint8_t catalog_known;    /* beside n_args: no padding (one per call site) */
	struct span args_text;    /* everything between the outer parentheses of the last call */
};
_Static_assert(sizeof(struct call_info) <= 56, "struct call_info stays 56 bytes");

struct node {
	uint8_t kind;             /* enum node_kind */
	uint8_t n_items;          /* WITH: number of items (at most 255) */
	uint16_t col;             /* 0-based byte column of the first token (65535 past that) */
	uint32_t flags;           /* enum node_flag bits */
	uint32_t parent, first_child, next_sibling, last_child;
	uint32_t line, end_line;  /* 1-based, inclusive */
	const char *name;         /* func/class name, assign/augassign/loop target text,
	                             augassign operator (in text), except `as` name */
	struct span text;         /* assign/augassign target, except type, with/if header text */
	struct span value;        /* assign value, return/raise/yield value, if/while condition */
	union {
		struct func_info *func;
		struct class_info *cls;
		struct loop_info *loop;
		struct call_info *call;
		struct arg *items;    /* WITH: items, count in n_items */
		struct except_info *exc;  /* EXCEPT (may be NULL: bare) */
	} u;
};

/* Nodes are the bulk of a run's memory: keep them one cache line. */
_Static_assert(sizeof(struct node) == 64, "struct node stays 64 bytes");
_Static_assert(NODE_KIND_COUNT <= 256, "node kinds fit node.kind");

/* `import a.b as c` -> {local "c", target "a.b"};
 * `from a.b import c as d` -> {local "d", target "a.b.c"};
 * `import a.b` -> {local "a", target "a"} (binding of the first segment).
 * Both in the arena; local may be the tail of target's string. */
struct import_entry {
	const char *local;
	const char *target;
	uint32_t line;
};

/* `# ppaudit: ignore[check_a,check_b] reason` comments (also `ignore` with no
 * list, meaning every check). They apply to their own line and, when the
 * comment stands alone on a line, to the next code line. */
struct ignore_comment {
	uint32_t line;            /* the line the ignore applies to */
	const char *checks;       /* comma-separated ids, or "" for all */
	const char *reason;
};

struct parse_error {
	uint32_t line;
	const char *message;
};

enum lang {
	LANG_NONE,
	LANG_PYTHON,
	LANG_JAVASCRIPT,    /* JavaScript and TypeScript (src/lang/javascript.h) */
	LANG_GO,            /* src/lang/go.h */
	LANG_COUNT
};

struct model {
	enum lang lang;
	const char *src;          /* owned: the file bytes, NUL-terminated */
	size_t src_len;
	uint32_t *line_off;       /* owned: byte offset of each line start; line_off[0] is line 1 */
	uint32_t n_lines;
	struct node *nodes;
	uint32_t n_nodes, cap_nodes;
	struct import_entry *imports;
	uint32_t n_imports, cap_imports;
	struct ignore_comment *ignores;
	uint32_t n_ignores, cap_ignores;
	struct parse_error *errors;   /* recoverable problems; the model is still usable */
	uint32_t n_errors, cap_errors;
	struct arena arena;
	uint64_t serial;          /* unique per model in the process (model_new): caches
	                             keyed by a model cannot mistake a later one at
	                             the same address for it */
};

/* True when except node e names a type whose last dotted segment ends
 * with suffix ("Error" matches "db.IntegrityError"). */
int model_except_names_suffix(const struct node *e, const char *suffix);

/* ---- construction (front ends) ---- */

/* Arenas of the models this thread creates from now on take their blocks
 * from pool (NULL: blocks of their own), until model_shrink() detaches
 * each. The pool may be freed before the models: its blocks live while
 * models hold pieces of them (util/arena.h). */
void model_use_pool(struct arena_pool *pool);
/* Takes ownership of src (heap, NUL-terminated at src[len]). A source
 * past 2 GiB is truncated there, with a parse error saying so (spans are
 * 32-bit). */
struct model *model_new(enum lang lang, char *src, size_t len);
/* After parsing: line ranges clamped to the file, and each compound
 * statement ending where its last child ends. */
void model_close_lines(struct model *m);
void model_free(struct model *m);
/* Appends a node as the last child of parent; returns its index. */
uint32_t model_add_node(struct model *m, uint32_t parent, enum node_kind kind,
			uint32_t line, uint32_t col);
void model_add_import(struct model *m, const char *local, size_t local_len,
		      const char *target, size_t target_len, uint32_t line);
void model_add_error(struct model *m, uint32_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Parses a comment's text (after its leader, "#" or "//") as `ppaudit:
 * ignore[check,...] reason` and appends it to m->ignores for line `line`.
 * Returns its index, or -1 when the comment is not one. */
int model_add_ignore(struct model *m, const char *text, size_t len, uint32_t line);

/* Front end entry point, one per language: parses src (ownership taken)
 * into a model; never fails (problems go to m->errors). */
struct model *python_parse(char *src, size_t len);

/* ---- text ---- */

static inline const char *span_ptr(const struct model *m, struct span s) { return m->src + s.off; }
int span_eq(const struct model *m, struct span s, const char *lit);
int span_has(const struct model *m, struct span s, const char *needle);  /* substring */
int span_starts(const struct model *m, struct span s, const char *prefix);
/* Copies into buf (always NUL-terminated, truncated to size-1). Returns buf. */
char *span_copy(const struct model *m, struct span s, char *buf, size_t size);
/* Text of line n (1-based) without the newline; *len receives its length. */
const char *model_line(const struct model *m, uint32_t n, size_t *len);

/* ---- navigation ---- */

static inline struct node *model_node(const struct model *m, uint32_t i) { return &m->nodes[i]; }
static inline uint32_t node_index(const struct model *m, const struct node *n)
{
	return (uint32_t)(n - m->nodes);
}

/* Nearest ancestor (excluding n) of the given kind, or NULL. */
const struct node *model_ancestor(const struct model *m, const struct node *n, enum node_kind kind);
/* Enclosing function (including lambdas), or NULL at module/class level. */
const struct node *model_enclosing_func(const struct model *m, const struct node *n);
/* Innermost loop around n within its own function, or NULL. Comprehensions count;
 * so does the NF_JS_CALLBACK loop around a per-item callback n is in. */
const struct node *model_enclosing_loop(const struct model *m, const struct node *n);
/* True when a is an ancestor of n. */
int model_is_within(const struct model *m, const struct node *n, const struct node *a);

/* Depth-first walk of the subtree under root (root excluded), in source
 * order. When into_funcs is 0, nested FUNC and CLASS nodes are visited but
 * not entered (their bodies are another scope). Usage:
 *   for (const struct node *c = NULL; (c = model_walk(m, root, c, 0)); ) ... */
const struct node *model_walk(const struct model *m, const struct node *root,
			      const struct node *prev, int into_funcs);

/* Resolves the first segment of a dotted name through the file's imports:
 * with `from time import sleep`, "sleep" -> "time.sleep"; with
 * `import numpy as np`, "np.array" -> "numpy.array". Unresolved names are
 * copied unchanged. Returns buf. */
char *model_resolve(const struct model *m, const char *dotted, char *buf, size_t size);

/* Fills call_info->resolved for every call of m, once after parsing, so
 * the auditors' catalog lookups do not resolve the same callee again. */
void model_resolve_calls(struct model *m);

/* Copies the resolved dotted callee of call c into buf (the one computed
 * by model_resolve_calls, else resolved now); "" for a non-call. */
const char *model_call_resolved(const struct model *m, const struct node *c, char *buf,
				size_t size);

/* Once the thread that parsed m is done with it (after the parse,
 * model_resolve_calls and the catalog's annotations): gives back the
 * unused tails of the node, import, ignore and error arrays (they grow by
 * doubling) and detaches the arena from the thread's pool, so that any
 * thread may add to it later (the index does). */
void model_shrink(struct model *m);

#endif
