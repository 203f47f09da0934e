/* Private to src/index*.c: the index structure shared by the role pass
 * (index.c) and the ORM model pass (index-orm.c).
 *
 * Ownership: every array here belongs to the index; strs holds the heap
 * strings the index made itself (stripped table names, relationship
 * targets); other strings point into model arenas. */
#ifndef PPAUDIT_INDEX_PRIVATE_H
#define PPAUDIT_INDEX_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "index.h"

/* Open-addressing map from a NUL-terminated name to a range [start,
 * start+count) of some sorted array. Keys are borrowed. */
struct name_map {
	struct name_slot {
		const char *key;
		uint32_t start, count;
	} *slots;
	size_t cap;
};

struct project_index {
	/* every FUNC node of every parsed file, ordered by (file, node) */
	struct ix_func {
		struct func_ref ref;
		const char *name;
		uint32_t parent;       /* gid of the enclosing function, or UINT32_MAX */
		unsigned role;
	} *funcs;
	size_t n_funcs;
	/* func_refs sorted by (name, file, node), looked up through by_name */
	struct func_ref *sorted;
	const char **sorted_names;
	struct name_map by_name;
	/* ORM models */
	struct orm_model *models;
	size_t n_models, cap_models;
	struct name_map model_by_name, model_by_table;
	uint32_t *model_table_order;   /* model indexes sorted by table */
	uint32_t *model_name_order;    /* model indexes sorted by name */
	/* classes the project does not declare but its Django relations point
	 * at (auth's User): only the reverse accessors the project adds */
	struct orm_model *stubs;
	size_t n_stubs, cap_stubs;
	/* Prisma schema models (schema.prisma): scalar fields as columns */
	struct orm_model *schema_models;
	size_t n_schema_models;
	/* session factories: names sorted, with their kinds */
	const char **factory_names;
	unsigned char *factory_kinds;
	size_t n_factories;
	struct name_map factory_by_name;
	/* heap strings owned by the index */
	char **strs;
	size_t n_strs, cap_strs;
};

#define NO_FUNC UINT32_MAX

/* A call site, for the call graph: bare callee name and calling function. */
struct ix_call {
	const char *name;
	uint64_t hash;    /* of name: sorting compares it before the text */
	uint32_t caller;  /* gid, or NO_FUNC at module level */
	uint32_t file;
	uint8_t local;    /* the calling file defines this name itself */
	uint8_t first;    /* first call of its name in the sorted array */
	uint8_t method;   /* called on an object (`this.x.f()`, `client.f()`), not
	                     on an imported module: never a module-level function */
	uint8_t load;     /* made by module-level code, or by a function literal
	                     written there (`process.nextTick(async () => ...)`) */
	uint8_t test;     /* made in a test file */
	uint8_t self;     /* on the language's implicit receiver alone
	                     (`this.f()`, `self.f()`): a method of the
	                     caller's own class */
	uint8_t once;     /* its result is kept in a slot it runs only while the
	                     slot is unset (`if (!C.init) C.init = f();`):
	                     made once per process, like a load-time call */
};

/* What the callers of one name, outside the files defining it, agree on. */
struct ix_agg {
	int n, all_bg, all_h;
	int n_plain, all_init; /* the calls not on an object: all at module level or
	                          in startup code */
	int n_obj;             /* the calls on an object, outside tests */
	int n_once;            /* plain calls made once per process: a once call
	                          (ix_call.once) or a call from a function that
	                          runs only through such calls (IX_ROLE_ONCE) */
};

/* Build-time role bits, above the eight a func_info keeps (dropped when
 * the roles are written to the models):
 * IX_ROLE_BG_DIR: ROLE_BACKGROUND comes only from the function's folder
 *   (catalog ix_background_dirs), a guess that a start-up role found
 *   through once calls overrides;
 * IX_ROLE_ONCE: start-up code reached only through calls made once per
 *   process (ix_call.once). */
#define IX_ROLE_BG_DIR (1u << 8)
#define IX_ROLE_ONCE   (1u << 9)

/* Build-time state that does not outlive index_build. */
struct ix_build {
	struct project_index *ix;
	const struct project *p;
	struct ix_call *calls;
	size_t n_calls, cap_calls;
	struct name_map calls_by_name;
	/* per call group (the run of one name's sites in calls), in calls'
	 * order: the group's aggregate and its first site's index; owned,
	 * during index_calls_propagate only */
	struct ix_agg *agg;
	uint32_t *agg_start;
	size_t n_agg;
	int multi_lang;       /* files of more than one language: callers are
			       * counted per language */
};

/* Helpers of index.c shared with index-calls.c. */
size_t ix_hash(const char *s);
char *ix_head_name(const char *s, size_t n, char *buf, size_t size);
const char *ix_last_segment(const char *s);
struct catalog_list;
int ix_span_match(const struct model *m, struct span s, const struct catalog_list *l);
uint32_t ix_gid(const struct project_index *ix, uint32_t file, uint32_t node);
uint32_t ix_enclosing_func_node(const struct model *m, uint32_t i);
int ix_file_defines(const struct project_index *ix, uint32_t file, const char *name);
void ix_mark_named(struct project_index *ix, uint32_t from, const char *name, unsigned bits);

/* index-calls.c: roles from references, then through the call graph. */
void index_calls_scan(struct ix_build *b, int jobs);
void index_calls_propagate(struct ix_build *b, int jobs);

/* index-routes.c: roles of functions registered by a call (routers, job
 * queues), naming anonymous ones; and roles from the file layout. */
void index_routes_scan(struct ix_build *b);
unsigned index_route_file_role(const struct model *m, const char *path, const struct node *fn);

/* Copies [s, s+n) into a string owned by the index. */
char *ix_strndup(struct project_index *ix, const char *s, size_t n);

/* Name map: built from an array of names sorted so equal names are
 * adjacent. */
void name_map_build(struct name_map *nm, const char *const *names, size_t n);
const struct name_slot *name_map_get(const struct name_map *nm, const char *key);
void name_map_free(struct name_map *nm);

/* Finds ORM model classes in every parsed file (index-orm.c). */
void index_orm_build(struct project_index *ix, const struct project *p);
void index_orm_free(struct project_index *ix);

#endif
