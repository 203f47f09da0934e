// path: internal/ledger/transfer.go
// stack: github.com/lib/pq
package ledger

import (
	"context"
	"database/sql"
	"errors"
)

type Ledger struct {
	db *sql.DB
}

// The debit's error path returns with the transaction still open.
func (l *Ledger) Transfer(ctx context.Context, from, to int64, cents int64) error {
	tx, err := l.db.BeginTx(ctx, nil) // expect: missing_rollback MEDIUM
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - $1 WHERE id = $2", cents, from); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance + $1 WHERE id = $2", cents, to); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Look-alike: the idiom, a deferred rollback right after Begin.
func (l *Ledger) TransferDeferred(ctx context.Context, from, to int64, cents int64) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - $1 WHERE id = $2", cents, from); err != nil {
		return err
	}
	if cents <= 0 {
		return errors.New("nothing to move")
	}
	return tx.Commit()
}

// Look-alike: a deferred function literal that rolls back on error.
func (l *Ledger) Close(ctx context.Context, id int64) (err error) {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if _, err = tx.ExecContext(ctx, "UPDATE accounts SET closed = true WHERE id = $1", id); err != nil {
		return err
	}
	return tx.Commit()
}

// Look-alike: every error path rolls back by hand.
func (l *Ledger) Freeze(ctx context.Context, id int64) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET frozen = true WHERE id = $1", id); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Look-alike: the caller owns the transaction it hands in.
func applyFee(ctx context.Context, tx *sql.Tx, id int64) error {
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - 100 WHERE id = $1", id); err != nil {
		return err
	}
	return tx.Commit()
}
