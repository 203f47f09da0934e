/* Function summaries: what each project function does, transitively
 * (issue 10, item 1). The checks ask "does this call reach the
 * database / block?" instead of matching a name at a direct call, so a
 * query one helper away is seen.
 *
 * DESIGN
 * Built once per run, after the index and before the auditors start, on
 * the run thread; read-only afterwards (every auditor thread reads it).
 * 1. Direct facts, per FUNC node: the calls of its own scope that read the
 *    database (qe_read_call / qe_call_is_db) and, in a synchronous def,
 *    the calls that block (the blocking_io catalogs, synchronous
 *    sessions, database work: a sync def has no other kind).
 * 2. Propagation to a fixed point over the call graph: a call passes a
 *    fact on only when it surely reaches project code: every definition
 *    of its name (1 to SUMMARY_MAX_CANDIDATES of them: overrides of a
 *    repository base class are many) has the fact, the
 *    callee is not an imported third-party module, and a call on an
 *    unknown object needs a specific method name (not get/save/run...).
 *    Unknown stays unknown: a missing fact means silence, never a finding.
 * Each fact keeps a witness (the direct call it comes from) for issue
 * text. Cost: linear in calls per round, at most SUMMARY_ROUNDS rounds.
 *
 * Ownership: struct summaries owns its arrays; it borrows the project
 * (models and index), which must outlive it. */
#ifndef PPAUDIT_SUMMARY_H
#define PPAUDIT_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "auditor.h"

struct class_table;

enum summary_fact {
	SUM_DB_READ  = 1u << 0,   /* executes a database read (this function or a callee);
	                             building a statement is not one */
	SUM_BLOCKING = 1u << 1,   /* a synchronous def that blocks: file, HTTP, process,
	                             socket or synchronous database work */
	SUM_DB_WRITE = 1u << 2,   /* adds, changes, deletes or commits rows */
	SUM_COMMITS  = 1u << 4,   /* commits a session or connection it was given or made */
	SUM_MEMOISED = 1u << 3,   /* @lru_cache / @cache / memoize: its work runs once
	                             per key, so it neither blocks nor reads per call,
	                             though what it returns may still be rows */
	/* What kind of per-row write (each implies SUM_DB_WRITE): one
	 * statement for one row or object, not a set-based or bulk one
	 * (`updateMany`, `WHERE id IN`, `bulk_create`, `add_all`). */
	SUM_DB_INSERT = 1u << 5,  /* creates a row: ORM create, session.add(Model(...)),
	                             INSERT SQL */
	SUM_DB_UPDATE = 1u << 6,  /* changes a row: ORM update/upsert/save, UPDATE SQL */
	SUM_DB_DELETE = 1u << 7,  /* deletes a row: ORM delete, session.delete(x), DELETE SQL */
	SUM_SIDE_EFFECT = 1u << 8,/* does work outside the database that one set-based
	                             statement could not do for it: removes or writes a
	                             file, deletes a stored object, calls another
	                             service (catalog unbatchable_side_effects) */
	SUM_CPU = 1u << 9,        /* a synchronous def that runs CPU-bound work (catalog
	                             cpu_bound: pbkdf2Sync, bcrypt's *Sync), itself or
	                             through synchronous callees */
};
enum { SUM_N_FACTS = 10 };

/* The per-row write facts together. */
#define SUM_ROW_WRITES (SUM_DB_INSERT | SUM_DB_UPDATE | SUM_DB_DELETE)

enum { SUMMARY_MAX_CANDIDATES = 64, SUMMARY_ROUNDS = 8 };

/* Where a fact comes from: the direct call that does the work. */
struct summary_witness {
	uint32_t file, node;      /* NODE_CALL; file == UINT32_MAX: none */
};

struct summaries;

/* Builds the summaries of every function of the project (its index must
 * be built), on up to `jobs` threads (at most 4). Honours cancellation
 * through progress (may be NULL). */
struct summaries *summaries_build(const struct project *p, struct progress *progress, int jobs);
void summaries_free(struct summaries *s);

/* The facts of FUNC node fn of file fi (0 when unknown). */
unsigned summary_facts(const struct summaries *s, size_t fi, const struct node *fn);

/* The facts every definition call c surely reaches has in common (0 when
 * it reaches no project function for sure). */
unsigned summary_call_facts(const struct summaries *s, size_t fi, const struct node *c);
/* The same for a call of model m (its file found by the model). */
unsigned summary_model_call_facts(const struct summaries *s, const struct model *m,
				  const struct node *c);

/* The project function(s) call c of file fi surely reaches, when every
 * one of them has fact: returns 1 and fills *w (may be NULL) with the
 * witness of the first. */
int summary_call_has(const struct summaries *s, const struct project *p, size_t fi,
		     const struct node *c, unsigned fact, struct summary_witness *w);

/* The one project function call c of file fi surely reaches (as the
 * facts above resolve it: names, imports, receiver types): 1 and *out,
 * or 0 when none or several. */
/* The project's classes by name (receiver-types.h), or NULL. */
const struct class_table *summary_classes(const struct summaries *s);

int summary_call_target(const struct summaries *s, size_t fi, const struct node *c,
			struct func_ref *out);

#endif
