// path: internal/ledger/postgres/reconcile.go
// stack: github.com/jackc/pgx/v5 github.com/Masterminds/squirrel
package postgres

import (
	"context"

	sq "github.com/Masterminds/squirrel"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Handle struct {
	ReadPool *pgxpool.Pool
	Builder  sq.StatementBuilderType
}

type Reconciler struct {
	h *Handle
}

type Filter interface {
	ToSql() (string, []interface{}, error)
}

// The open ledgers: SQL rendered by the builder, run on the read pool.
func (r *Reconciler) openLedgers(ctx context.Context) ([]int64, error) {
	q, args, err := r.h.Builder.Select("id").From("ledgers").Where(sq.Eq{"closed": false}).ToSql()
	if err != nil {
		return nil, err
	}
	rows, err := r.h.ReadPool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// The balance of one ledger: the builder is bound to a local, narrowed,
// then rendered; one row through QueryRow.
func (r *Reconciler) balance(ctx context.Context, ledger int64) (int64, error) {
	b := r.h.Builder.Select("sum(amount)").From("entries")
	b = b.Where(sq.Eq{"ledger_id": ledger}).Limit(1)
	q, args, err := b.ToSql()
	if err != nil {
		return 0, err
	}
	var total int64
	err = r.h.ReadPool.QueryRow(ctx, q, args...).Scan(&total)
	return total, err
}

// A helper that runs whatever filter it is handed: the SQL is not known
// here, so a loop over it is not taken for a read per item.
func (r *Reconciler) count(ctx context.Context, f Filter) (int64, error) {
	q, args, err := f.ToSql()
	if err != nil {
		return 0, err
	}
	var n int64
	err = r.h.ReadPool.QueryRow(ctx, q, args...).Scan(&n)
	return n, err
}

// One balance query per ledger of the first query.
func (r *Reconciler) Totals(ctx context.Context) (map[int64]int64, error) {
	ids, err := r.openLedgers(ctx)
	if err != nil {
		return nil, err
	}
	out := map[int64]int64{}
	for _, id := range ids {
		t, err := r.balance(ctx, id) // expect: n_plus_one MEDIUM
		if err != nil {
			return nil, err
		}
		out[id] = t
	}
	return out, nil
}

// Look-alike: the filters are the caller's, and what they render is not
// known here.
func (r *Reconciler) CountAll(ctx context.Context, filters []Filter) (int64, error) {
	var sum int64
	for _, f := range filters {
		n, err := r.count(ctx, f)
		if err != nil {
			return 0, err
		}
		sum += n
	}
	return sum, nil
}

// Look-alike: one builder query for the whole set, before the loop.
func (r *Reconciler) Names(ctx context.Context, ids []int64) (map[int64]string, error) {
	q, args, err := r.h.Builder.Select("id", "name").From("ledgers").Where(sq.Eq{"id": ids}).ToSql()
	if err != nil {
		return nil, err
	}
	rows, err := r.h.ReadPool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}
