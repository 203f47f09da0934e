/* The project index: cross-file facts every auditor needs, built once on
 * the run thread after parsing and read-only while the auditors run.
 *
 * It classifies every function (handler / background / streaming ...)
 * into func_info->role, maps function names to definitions, and ORM models
 * to their columns, relationships and tables.
 *
 * Ownership: the index owns its tables; strings point into the models'
 * arenas (valid as long as the project). index_free() releases it. */
#ifndef PPAUDIT_INDEX_H
#define PPAUDIT_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "project.h"

enum func_role {
	ROLE_HANDLER    = 1u << 0, /* route / view / websocket endpoint */
	ROLE_BACKGROUND = 1u << 1, /* task, worker, cron, add_task target, or called only from them */
	ROLE_STREAMING  = 1u << 2, /* SSE / StreamingResponse / websocket / long-poll endpoint */
	ROLE_WEBSOCKET  = 1u << 3,
	ROLE_INIT       = 1u << 4, /* init / setup / bootstrap / migrate / lifespan / startup */
	ROLE_DEPENDENCY = 1u << 5, /* target of Depends(...) */
	ROLE_LONGPOLL   = 1u << 6,
	ROLE_HANDLER_PATH = 1u << 7, /* not a handler, but every caller is a handler or such a
	                                helper (runs on the request path) */
};

/* The roles of code that runs while the service serves: requests, streams,
 * tasks. Startup code (ROLE_INIT) without any of them runs before. */
#define IX_SERVING_ROLES (ROLE_HANDLER | ROLE_BACKGROUND | ROLE_STREAMING | ROLE_WEBSOCKET | \
			  ROLE_DEPENDENCY | ROLE_LONGPOLL | ROLE_HANDLER_PATH)

struct func_ref {
	uint32_t file;             /* index into project->files */
	uint32_t node;             /* NODE_FUNC index in that file's model */
};

/* What a relationship attribute holds (orm_relationship.flags). */
enum orm_rel_flag {
	ORM_REL_SCALAR     = 1u << 0, /* one related object: many-to-one, one-to-one */
	ORM_REL_COLLECTION = 1u << 1, /* many: one-to-many, many-to-many (neither bit: unknown) */
	ORM_REL_REVERSE    = 1u << 2, /* made by the other model's declaration: a SQLAlchemy
	                                 backref, a Django reverse accessor (`check_set`,
	                                 related_name) */
	ORM_REL_INHERITED  = 1u << 3, /* declared on a model base class */
};

struct orm_relationship {
	const char *attr;          /* attribute name */
	const char *target;        /* related model class name, or NULL */
	const char *lazy;          /* "select" (default), "selectin", "joined", "raise", "dynamic", ... */
	const char *fk_attr;       /* the attribute that already holds the related key
	                              (Django `<attr>_id`; a SQLAlchemy `<attr>_id` column), or NULL */
	const char *reverse;       /* the accessor of the other direction on the target: the
	                              one a declaration adds (backref, related_name,
	                              `<model>_set`), or for an ORM_REL_REVERSE accessor the
	                              declaring attribute; NULL for none */
	const char *reverse_lazy;  /* declared: its loading mode (backref(..., lazy=)) */
	unsigned reverse_flags;    /* declared: its ORM_REL_SCALAR / ORM_REL_COLLECTION */
	unsigned flags;            /* enum orm_rel_flag */
};

struct orm_model {
	const char *name;          /* class name */
	const char *table;         /* __tablename__ / db_table / derived, or NULL */
	struct func_ref where;     /* node is the NODE_CLASS */
	int n_columns;
	const char **columns;
	struct orm_relationship *rels;
	int n_rels;
	int is_django;
	/* schema models: columns that some many-rows read of the model in the
	 * project leaves out by name (`omit: { textContent: true }`) */
	const char **omitted;
	struct func_ref *omitted_at;   /* each one's read: node is the NODE_CALL */
	int n_omitted;
};

struct project_index;

/* Resolves the calls made through a project module's exported client
 * instance as calls on its class (index-clients.c); after parsing, before
 * index_build. */
void index_resolve_client_exports(struct project *p);

/* Resolves the call chains through a project function returning a
 * database handle (`app.Dao().DB().Where(...).Count(&n)`) as chains on
 * the handle's type (index-clients.c); after parsing, before
 * index_build. */
void index_resolve_handle_accessors(struct project *p);

/* Builds the index (and fills func_info->role in every model), on up to
 * `jobs` threads: the work per file or per function, the sort of the call
 * sites, and the ORM models beside the call-site scan. */
struct project_index *index_build(struct project *p, int jobs);
void index_free(struct project_index *ix);

/* Definitions of functions / methods with this bare name (not qualified). */
const struct func_ref *index_funcs_named(const struct project_index *ix, const char *name, size_t *n);
/* True when the type written in span a (`*gin.Context`), pointer stars
 * dropped and resolved through m's imports, is in catalog list `list`. */
int index_type_matches(const struct model *m, struct span a, const char *list);
const struct orm_model *index_model_named(const struct project_index *ix, const char *class_name);
const struct orm_model *index_model_for_table(const struct project_index *ix, const char *table);
size_t index_n_models(const struct project_index *ix);
/* The model of a Prisma schema (`model Link { ... }`) whose name is name
 * with its first letter in either case (the client's accessor `link`),
 * or NULL. Its columns are the scalar and enum fields, not relations. */
const struct orm_model *index_schema_model(const struct project_index *ix, const char *name);
const struct orm_model *index_model_at(const struct project_index *ix, size_t i);

/* The model named class_name, or for a class the project does not declare
 * but its Django relations point at (`settings.AUTH_USER_MODEL`, auth's
 * `User`), a stand-in holding only the reverse accessors the project's
 * models add to it (`user.profile`, `user.order_set`): is_django set, no
 * table, no columns, where zeroed. NULL when neither. */
const struct orm_model *index_relation_owner(const struct project_index *ix, const char *class_name);

/* The relationship attr of model om: declared, inherited from a model base
 * class, or added by another model (backref, Django reverse accessor).
 * NULL when attr is no relationship of om. */
const struct orm_relationship *index_model_relation(const struct orm_model *om, const char *attr);

enum session_kind { SESSION_NONE = 0, SESSION_SYNC = 1, SESSION_ASYNC = 2 };

/* What calling the bare name creates: a module-level `X = sessionmaker(...)`
 * is SESSION_SYNC (SESSION_ASYNC with class_=AsyncSession),
 * `X = async_sessionmaker(...)` SESSION_ASYNC; the classes Session /
 * AsyncSession themselves too. SESSION_NONE otherwise. */
enum session_kind index_session_factory(const struct project_index *ix, const char *name);

/* Role bits of the function enclosing node n in file fi (0 at module level).
 * Nested functions inherit the roles of their outer function. */
unsigned index_role_at(const struct project *p, uint32_t fi, const struct node *n);
/* Whether call c runs once per process: its result is kept in a module
 * slot (or a static field of its class) that c runs only while the slot
 * is unset (`if (!C.init) C.init = f();`, `if _cfg is None: _cfg = load()`;
 * catalog ix_once_unset_tests). */
int index_once_call(const struct model *m, const struct node *c);

#endif
