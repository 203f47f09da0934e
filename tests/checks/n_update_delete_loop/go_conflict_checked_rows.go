// path: internal/store/postgres/cart.go
// stack: github.com/lib/pq
package postgres

import (
	"context"
	"database/sql"
	"errors"
)

var ErrConflict = errors.New("cart changed concurrently")

type Line struct {
	ItemID  int64
	Qty     int
	WasHeld bool
}

type DB struct {
	db *sql.DB
}

// Look-alikes: each line of one cart is locked and checked before it is
// written, and a row that changed aborts the whole transaction; one
// set-based statement could not say which line conflicted.
func (d *DB) Checkout(ctx context.Context, cartID int64, lines []Line, dropped []int64) error {
	tx, err := d.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()

	for _, l := range lines {
		var holder sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT cart_id FROM stock WHERE item_id = $1 FOR UPDATE`, l.ItemID).Scan(&holder); err != nil {
			return err
		}
		if l.WasHeld != holder.Valid {
			return ErrConflict
		}
		if _, err := tx.ExecContext(ctx, `UPDATE stock SET cart_id = $1, qty = $2 WHERE item_id = $3`, cartID, l.Qty, l.ItemID); err != nil {
			return err
		}
	}

	for _, id := range dropped {
		res, err := tx.ExecContext(ctx, `UPDATE stock SET cart_id = NULL WHERE item_id = $1 AND cart_id = $2`, id, cartID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return ErrConflict
		}
	}
	return tx.Commit()
}

// One UPDATE per line, nothing checked per row: a single statement over
// the id list does the same.
func (d *DB) Restock(ctx context.Context, lines []Line) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, l := range lines {
		if _, err := tx.ExecContext(ctx, `UPDATE stock SET qty = qty + $1 WHERE item_id = $2`, l.Qty, l.ItemID); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return tx.Commit()
}

// A row read per line only to skip missing ones is no conflict check:
// still one UPDATE per line.
func (d *DB) Reprice(ctx context.Context, lines []Line, price int) error {
	for _, l := range lines {
		var n int
		if err := d.db.QueryRowContext(ctx, `SELECT 1 FROM stock WHERE item_id = $1`, l.ItemID).Scan(&n); err != nil { // expect: n_plus_one MEDIUM
			continue
		}
		if _, err := d.db.ExecContext(ctx, `UPDATE stock SET price = $1 WHERE item_id = $2`, price, l.ItemID); err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}
