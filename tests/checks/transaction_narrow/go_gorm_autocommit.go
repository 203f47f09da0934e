// stack: gorm.io/gorm
package board

import (
	"time"

	"gorm.io/gorm"
)

type Board struct {
	ID    uint
	Slug  string
	Title string
}

type Pin struct {
	ID      uint
	BoardID uint
	Note    string
}

type Like struct {
	ID    uint
	PinID uint
}

type AuditEntry struct {
	ID     uint
	PinID  uint
	Action string
	Closed bool
	At     time.Time
}

type Store struct{ db *gorm.DB }

func (s *Store) conn() *gorm.DB { return s.db }

// The board row goes first and commits; the pins that name it follow in
// their own commit, and a failure there leaves them pointing at nothing.
func (s *Store) DropBoard(b *Board) error {
	if err := s.conn().Unscoped().Delete(b).Error; err != nil { // expect: transaction_narrow HIGH
		return err
	}
	return s.conn().Where("board_id = ?", b.ID).Delete(&Pin{}).Error
}

// The likes of a pin, then the pin: children first, each in its own
// commit. One logical removal split over two commits (no orphan left
// behind if the second fails, so MEDIUM).
func (s *Store) DropPin(p *Pin) error {
	if err := s.db.Where("pin_id = ?", p.ID).Delete(&Like{}).Error; err != nil { // expect: transaction_narrow MEDIUM
		return err
	}
	return s.db.Unscoped().Delete(p).Error
}

// Look-alike: the same two deletes inside a managed transaction.
func (s *Store) DropBoardTx(b *Board) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Unscoped().Delete(b).Error; err != nil {
			return err
		}
		return tx.Where("board_id = ?", b.ID).Delete(&Pin{}).Error
	})
}

// Look-alike: the same two deletes between Begin and Commit.
func (s *Store) DropBoardBegin(b *Board) error {
	tx := s.db.Begin()
	if err := tx.Unscoped().Delete(b).Error; err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Where("board_id = ?", b.ID).Delete(&Pin{}).Error; err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit().Error
}

// Look-alike: a single write.
func (s *Store) Rename(b *Board, title string) error {
	return s.db.Model(b).Update("title", title).Error
}

// Look-alike: a write and a read of the same key.
func (s *Store) RenameAndCount(b *Board, title string) (int64, error) {
	if err := s.db.Model(b).Update("title", title).Error; err != nil {
		return 0, err
	}
	var n int64
	err := s.db.Model(&Pin{}).Where("board_id = ?", b.ID).Count(&n).Error
	return n, err
}

// Look-alike: the pin's audit entries closed beside the real delete (a
// log of what happened, not part of the change).
func (s *Store) DropPinLogged(p *Pin) error {
	if err := s.db.Unscoped().Delete(p).Error; err != nil {
		return err
	}
	return s.db.Model(&AuditEntry{}).Where("pin_id = ?", p.ID).Update("closed", true).Error
}

// Look-alike: two writes of one model keyed by the same value (the pin's
// note cleared, then the pin moved): one table, as two statements on one
// table elsewhere.
func (s *Store) ResetPins(board *Board) error {
	if err := s.db.Model(&Pin{}).Where("board_id = ?", board.ID).Update("note", "").Error; err != nil {
		return err
	}
	return s.db.Where("board_id = ? AND note = ?", board.ID, "").Delete(&Pin{}).Error
}
