/* What a call does to the database, decided from the language's catalog
 * (auditors/catalog/<lang>-db.json) rather than from names written in C:
 * ORM calls by their dotted pattern (`prisma.*.findUnique`, `*.First`) and
 * SQL text handed to a driver method (`pool.query("UPDATE ...")`,
 * `db.QueryRow("SELECT ...").Scan(...)`) by its leading verb.
 *
 * Lists read (all optional; an absent list matches nothing):
 *   orm_read_one_calls, orm_read_calls       reads (one row / many)
 *   orm_insert_calls, orm_update_calls,
 *   orm_delete_calls, orm_upsert_calls        per-row writes
 *   orm_bulk_calls                            set-based writes (never per row)
 *   sql_methods                               driver methods taking SQL first
 *   sql_one_methods                           those that read one row
 * The receiver of a sql_methods call must be a session or connection name
 * (session_names / connection_names) so `cache.query(...)` stays silent.
 *
 * Stateless; safe from every auditor thread. */
#ifndef PPAUDIT_DB_OPS_H
#define PPAUDIT_DB_OPS_H

#include <stddef.h>

#include "model.h"

enum db_op {
	DB_OP_NONE,
	DB_OP_READ,        /* reads rows */
	DB_OP_READ_ONE,    /* reads one row */
	DB_OP_INSERT,
	DB_OP_UPDATE,
	DB_OP_DELETE,
	DB_OP_UPSERT,
	DB_OP_BULK,        /* a set-based write: createMany, CopyFrom, batch */
};

struct db_op_info {
	enum db_op op;
	int sql;                 /* decided by SQL text rather than an ORM name */
	char what[128];          /* short form for issue text: "pool.query" */
	char target[128];        /* the model or table when known ("user", "orders"), else "" */
};

/* Classifies call c of m; fills *info (op DB_OP_NONE when c does nothing
 * to the database that the catalog knows of). Returns info->op. */
enum db_op db_call_op(const struct model *m, const struct node *c, struct db_op_info *info);

/* The operation of call c on a receiver declared of type (one of the
 * catalog's typed_chain_receivers): "<type>.<method>" matched against the
 * ORM lists, as for a typed parameter; DB_OP_NONE otherwise. */
/* The operation of SQL-method call c (`db.Exec(query, params...)`, on a
 * session name) when its argument arg (0, or 1 after a context) is SQL
 * text sql that the index found elsewhere (the caller's local handed to
 * this function's parameter); DB_OP_NONE otherwise. */
enum db_op db_handed_sql_op(const struct model *m, const struct node *c, uint32_t arg,
			    const char *sql, struct db_op_info *info);

enum db_op db_declared_type_op(const struct model *m, const struct node *c, const char *type,
		       struct db_op_info *info);

/* The SQL of a module-level constant of m named by text s, n (`db.Exec(
 * startupQueries)` with `const startupQueries = "PRAGMA ..."` in the same
 * file) into buf; NULL when s names no such constant. */
/* True when name is a parameter of function fn declared with a type of
 * the catalog's "db_handle_types" (`s *Session`, `q *Queries`): the
 * handle a call runs on, never the key it is called with. */
int db_param_is_handle(const struct model *m, const struct node *fn, const char *name);
const char *db_const_sql(const struct model *m, const char *s, size_t n, char *buf, size_t size);

/* The session link a query-builder statement c is written on (`knex`
 * of `knex('t').where(...).del()`, `knex.table('t').insert(rows)`) into
 * buf, or NULL. */
const char *db_call_builder_session(const struct model *m, const struct node *c, char *buf,
				    size_t size);

/* True when call c is a statement of a model's query builder
 * (`User.query().patch(...)`); *alone set when its head is handed no
 * connection (`query()`, not `query(trx)`): it commits on its own. */
int db_call_model_builder(const struct model *m, const struct node *c, int *alone);

/* True for the per-row write operations (insert, update, delete, upsert). */
int db_op_writes(enum db_op op);

struct audit_input;
struct finding;

/* Sets f's recommendation from the catalog text of check for the stack
 * of m's language: "<orm>.<check>", then "<driver>.<check>", then
 * "<check>", with `{target}` replaced by target ("the model" when empty).
 * Returns 0 when the catalog has no such text (f untouched). */
int db_advice(const struct audit_input *in, const struct model *m, const char *check,
	      const char *target, struct finding *f);

/* The catalog text called name for m's language with its `{key}`
 * placeholders replaced: kv holds key, value pairs and ends with NULL.
 * Issue wording that speaks the language (`defer tx.Rollback()`) lives
 * there, not in C. Returns out, or NULL when the catalog has no such text. */
const char *db_text(const struct model *m, const char *name, const char *const *kv, char *out,
		    size_t size);

#endif
