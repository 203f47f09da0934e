// stack: github.com/mattn/go-sqlite3
package members

import (
	"context"
	"database/sql"
)

const (
	promoteQuery     = `UPDATE member SET rank = ? WHERE handle = ?`
	dropGrantsQuery  = `DELETE FROM grant_entry WHERE member_handle = ?`
	touchQuery       = `UPDATE member SET seen_at = CURRENT_TIMESTAMP WHERE handle = ?`
	bumpVisitsQuery  = `UPDATE member SET visits = visits + 1 WHERE handle = ?`
	purgeOldLogQuery = `DELETE FROM audit_trail WHERE created_at < ?`
	dropMemberQuery  = `DELETE FROM member WHERE handle = ?`
)

type Directory struct{ db *sql.DB }

// The rank change and the grant removal it implies are one change, run as
// two autocommits on the pool.
func (d *Directory) Promote(handle string, rank string) error {
	if _, err := d.db.Exec(promoteQuery, rank, handle); err != nil { // expect: transaction_narrow MEDIUM
		return err
	}
	if rank == "owner" {
		if _, err := d.db.Exec(dropGrantsQuery, handle); err != nil {
			return err
		}
	}
	return nil
}

// Look-alike: the same two statements in one transaction.
func (d *Directory) PromoteTx(ctx context.Context, handle string, rank string) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, promoteQuery, rank, handle); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, dropGrantsQuery, handle); err != nil {
		return err
	}
	return tx.Commit()
}

// Look-alike: two updates of the same table row (one statement could do,
// but nothing is split across tables).
func (d *Directory) Visit(handle string) error {
	if _, err := d.db.Exec(touchQuery, handle); err != nil {
		return err
	}
	_, err := d.db.Exec(bumpVisitsQuery, handle)
	return err
}

// Look-alike: the second statement names nothing the first one changed.
func (d *Directory) Rename(handle string, cutoff int64) error {
	if _, err := d.db.Exec(touchQuery, handle); err != nil {
		return err
	}
	_, err := d.db.Exec(purgeOldLogQuery, cutoff)
	return err
}

// Look-alike: a handle the caller passes may be its transaction.
func promoteWith(db *sql.DB, handle string, rank string) error {
	if _, err := db.Exec(promoteQuery, rank, handle); err != nil {
		return err
	}
	_, err := db.Exec(dropGrantsQuery, handle)
	return err
}

// Look-alike: the member's grants, then the member, removed in order;
// each step can simply be repeated.
func (d *Directory) Remove(handle string) error {
	if _, err := d.db.Exec(dropGrantsQuery, handle); err != nil {
		return err
	}
	_, err := d.db.Exec(dropMemberQuery, handle)
	return err
}
