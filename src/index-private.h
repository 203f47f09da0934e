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
	/* session factories: names sorted, with their kinds */
	const char **factory_names;
	unsigned char *factory_kinds;
	size_t n_factories;
	struct name_map factory_by_name;
	/* heap strings owned by the index */
	char **strs;
	size_t n_strs, cap_strs;
};

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
