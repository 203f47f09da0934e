// path: internal/store/recipes.go
// stack: github.com/jmoiron/sqlx github.com/lib/pq
package store

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type Step struct {
	ID   int    `db:"id"`
	Tool string `db:"tool"`
}

type Recipe struct {
	ID    int    `db:"id"`
	Steps []Step
}

type Recipes struct {
	db *sqlx.DB
}

func (r *Recipes) inTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := r.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// A lookup through a statement prepared before the loops, per step of
// every recipe passed in; the loops live in the transaction's closure and
// walk the method's variadic argument.
func (r *Recipes) Import(ctx context.Context, recipes ...Recipe) error {
	return r.inTx(ctx, func(tx *sqlx.Tx) error {
		toolID, err := tx.PreparexContext(ctx, `SELECT id FROM tool WHERE name = $1`)
		if err != nil {
			return err
		}
		for _, rc := range recipes {
			for _, st := range rc.Steps {
				var id int
				if err := toolID.GetContext(ctx, &id, st.Tool); err != nil { // expect: n_plus_one MEDIUM
					return err
				}
			}
		}
		return nil
	})
}

// The same lookup per item of a variadic argument, without a closure.
func (r *Recipes) Tools(ctx context.Context, names ...string) ([]int, error) {
	toolID, err := r.db.PreparexContext(ctx, `SELECT id FROM tool WHERE name = $1`)
	if err != nil {
		return nil, err
	}
	defer toolID.Close()
	out := []int{}
	for _, n := range names {
		var id int
		if err := toolID.GetContext(ctx, &id, n); err != nil { // expect: n_plus_one MEDIUM
			return nil, err
		}
		out = append(out, id)
	}
	return out, nil
}

// Look-alike: the closure binds its own list (a fixed pair of names),
// which shadows nothing the caller passed and does not grow.
func (r *Recipes) Defaults(ctx context.Context, recipes ...Recipe) error {
	return r.inTx(ctx, func(tx *sqlx.Tx) error {
		toolID, err := tx.PreparexContext(ctx, `SELECT id FROM tool WHERE name = $1`)
		if err != nil {
			return err
		}
		recipes := defaultRecipes()
		for _, rc := range recipes {
			var id int
			if err := toolID.GetContext(ctx, &id, rc.ID); err != nil {
				return err
			}
		}
		return nil
	})
}

func defaultRecipes() []Recipe { return []Recipe{{ID: 1}, {ID: 2}} }

// Look-alike: the inner loop's read does not depend on the step, and the
// outer loop walks a fixed local list.
func (r *Recipes) Warm(ctx context.Context) error {
	toolID, err := r.db.PreparexContext(ctx, `SELECT id FROM tool WHERE name = $1`)
	if err != nil {
		return err
	}
	defer toolID.Close()
	for _, rc := range defaultRecipes() {
		for range rc.Steps {
			var id int
			if err := toolID.GetContext(ctx, &id, "knife"); err != nil {
				return err
			}
		}
	}
	return nil
}
