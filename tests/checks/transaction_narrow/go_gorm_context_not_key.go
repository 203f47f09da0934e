// stack: gorm.io/gorm
package seen

import (
	"context"
	"database/sql"

	"gorm.io/gorm"
)

type Reader struct {
	ID   uint
	Seen bool
}

type Shelf struct {
	ID     uint
	Opened bool
}

type Loan struct {
	ID       uint
	ReaderID uint
}

type Store struct{ db *gorm.DB }

// Look-alike: two statements on two tables that share only the
// request's context; no row ties them, so nothing is left half done if
// the second fails.
func (s *Store) MarkVisit(ctx context.Context, readerID uint, shelfID uint) error {
	if err := s.db.Exec("UPDATE readers SET seen = true WHERE id = ?", readerID).Error; err != nil {
		return err
	}
	return s.db.Exec("UPDATE shelves SET opened = true WHERE id = ?", shelfID).Error
}

// Look-alike, database/sql: the context handed to both statements is
// no key either.
func MarkVisitSQL(ctx context.Context, db *sql.DB, readerID int64, shelfID int64) error {
	if _, err := db.ExecContext(ctx, "UPDATE readers SET seen = true WHERE id = $1", readerID); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, "UPDATE shelves SET opened = true WHERE id = $1", shelfID)
	return err
}

// The reader row, then its loans, keyed by the same reader, each in its
// own commit: the context rides along, the key is the reader.
func (s *Store) DropReader(ctx context.Context, r *Reader) error {
	if err := s.db.WithContext(ctx).Unscoped().Delete(r).Error; err != nil { // expect: transaction_narrow HIGH
		return err
	}
	return s.db.WithContext(ctx).Where("reader_id = ?", r.ID).Delete(&Loan{}).Error
}
