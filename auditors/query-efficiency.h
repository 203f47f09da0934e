/* Private to the ln-651 auditor (auditors/query-efficiency*.c): the check
 * table and helpers shared between its files. */
#ifndef PPAUDIT_QUERY_EFFICIENCY_H
#define PPAUDIT_QUERY_EFFICIENCY_H

#include "checks.h"
#include "auditor.h"
#include "util/strbuf.h"

enum qe_check {
	QE_MISSING_BULK_OPS,
	QE_N_UPDATE_DELETE_LOOP,
	QE_N_PLUS_ONE,
	QE_OVER_FETCHING,
	QE_REDUNDANT_FETCH,
	QE_UNNECESSARY_RESOLVE,
	QE_WRONG_CACHING_SCOPE,
	QE_N_CHECKS
};

/* this auditor's block of the check registry (src/checks.c) */
#define qe_checks (check_defs + CHECKS_QE)

/* The loop that makes call c run once per row: the innermost enclosing
 * loop over a data-dependent collection. Small-literal loops count only
 * when allow_small (and then only if no unbounded loop encloses them),
 * while loops only when allow_while; retry and per-chunk loops end the
 * search (what runs in them is not per row). NULL when none. */
const struct node *qe_per_row_loop(const struct model *m, const struct node *c, int allow_small,
				   int allow_while);

/* A database read recognised by qe_read_call. */
struct qe_read {
	char model[128];  /* entity class read ("User"), "" when unknown */
	char what[128];   /* short form for issue text: "session.get", "repo.get_by_id" */
	int single;       /* reads one row (get, first, one, scalar, fetchrow) */
	int repo;         /* a repository / DAO method rather than a session call */
	int get_or_create; /* get_or_create(): a read, and an insert on a miss */
};

/* True when call c (in function fn, or NULL) reads from the database:
 * `session.get(M, id)`, `session.scalar(s)/execute(select ...)`,
 * `session.query(M)...first()`, `conn.fetchrow(...)`, Django
 * `M.objects.get(...)`, `repo.get_by_id(...)`. Fills r. */
/* True when the row insert c in loop feeds the next iteration's insert
 * (`const row = await T.insert({ parentId: cur })`, then `cur = row.id`):
 * a chain of rows each naming the previous one's key, no bulk candidate. */
int qe_insert_feeds_next(const struct model *m, const struct node *loop, const struct node *c);
int qe_read_call(const struct audit_input *in, const struct model *m, const struct node *fn,
		 const struct node *c, struct qe_read *r);

/* Appends to sb the values of the local assignments (in fn's own scope,
 * before line `before`) of the names text uses, recursively, so a
 * statement can be judged with what its variables hold. Sets *db when
 * one of those values calls the database. */
void qe_origin(const struct audit_input *in, const struct model *m, const struct node *fn,
	       const char *text, uint32_t before, struct strbuf *sb, int *db);

/* qe_origin for the rows a loop walks: the callbacks passed to the
 * calls of a followed value (a filter's predicate, a mapper) are not
 * followed. */
void qe_origin_rows(const struct audit_input *in, const struct model *m, const struct node *fn,
		    const char *text, uint32_t before, struct strbuf *sb, int *db);

/* The model class named by the first argument text (`User`,
 * `models.User`), or NULL when the index knows no such model. */
const struct orm_model *qe_model_arg(const struct audit_input *in, const char *text);

/* True when call c (not a chain) runs a project function that returns a
 * Django queryset unevaluated (every definition of its name): iterating
 * what it returns reads the rows. */
int qe_call_returns_queryset(const struct audit_input *in, const struct model *m,
			     const struct node *c);

/* True when call c is what a loop or comprehension iterates (`for u in
 * f(x)`, `[g(u) for u in f(x)]`). */
int qe_call_iterated(const struct model *m, const struct node *c);

/* True when call k touches the database: a read, a select() builder, a
 * queryset, a session stream, or a repository list/find method. */
int qe_call_is_db(const struct audit_input *in, const struct model *m, const struct node *fn,
		  const struct node *k);

/* True when some call under st (own scope) touches the database: a read,
 * a select() builder, a queryset, a repository list method. */
int qe_subtree_is_db(const struct audit_input *in, const struct model *m, const struct node *fn,
		     const struct node *st);

/* n_plus_one through lazy relationships (query-efficiency/n_plus_one-lazy.c): reports
 * relationships of the rows of loop (in function fn) that its body loads
 * one query per row; origin is the loop's iterable with the assignments
 * it was built through (qe_origin), from_query whether those call the
 * database (a Flask-SQLAlchemy `Model.query` held in a variable is
 * recognised without), per_row 0 when the loop's names say it walks
 * chunks or retries (sem_loop_not_per_row) — unless they are the rows'
 * model's own name (`for page in Page.query.all()`). */
void qe_lazy_relationships(const struct audit_input *in, size_t fi, struct finding_sink *out,
			   const struct node *fn, const struct node *loop, const char *origin,
			   int from_query, int per_row);


#endif
