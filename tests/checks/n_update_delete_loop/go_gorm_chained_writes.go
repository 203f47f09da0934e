// path: internal/catalog/service.go
// stack: gorm.io/gorm
package catalog

import (
	"context"
	"time"

	"gorm.io/gorm"
)

type Label struct {
	ID        string
	Title     string
	Note      string
	Hidden    bool
	UpdatedAt *time.Time
}

type Service struct {
	db *gorm.DB
}

// A full-row Save per label through a context-bound session, only to
// bump the timestamp: one UPDATE per label.
func (s *Service) TouchAll(ctx context.Context, labels []Label) error {
	tx := s.db.Begin()
	now := time.Now()
	for _, l := range labels {
		l.UpdatedAt = &now
		if err := tx.WithContext(ctx).Save(&l).Error; err != nil { // expect: n_update_delete_loop HIGH
			tx.Rollback()
			return err
		}
	}
	return tx.Commit().Error
}

// The loop's item is called `in` (a plain Go name): the kept labels are
// updated one by one in the branch that ends with continue.
func (s *Service) Reconcile(ctx context.Context, wanted map[string]Label, known map[string]Label) error {
	tx := s.db.Begin()
	for key, in := range wanted {
		if cur, ok := known[key]; ok {
			err := tx.WithContext(ctx). // expect: n_update_delete_loop HIGH
				Model(&Label{}).
				Where("id = ?", cur.ID).
				Updates(map[string]any{"title": in.Title, "note": in.Note}).
				Error
			if err != nil {
				tx.Rollback()
				return err
			}
			continue
		}
		if err := tx.WithContext(ctx).Create(&in).Error; err != nil { // expect: missing_bulk_ops MEDIUM
			tx.Rollback()
			return err
		}
	}
	return tx.Commit().Error
}

// One column per hidden label, through a transaction.
func (s *Service) RevealAll(ctx context.Context, labels []Label) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		for _, l := range labels {
			if !l.Hidden {
				continue
			}
			if err := tx.WithContext(ctx).Model(&Label{}).Where("id = ?", l.ID).UpdateColumn("hidden", false).Error; err != nil { // expect: n_update_delete_loop HIGH
				return err
			}
		}
		return nil
	})
}

// Look-alike: the loop only gathers ids; one UPDATE ... WHERE id IN ?
// after it.
func (s *Service) HideAll(ctx context.Context, labels []Label) error {
	ids := make([]string, 0, len(labels))
	for _, in := range labels {
		ids = append(ids, in.ID)
	}
	return s.db.WithContext(ctx).Model(&Label{}).Where("id IN ?", ids).UpdateColumn("hidden", true).Error
}

// Look-alike: `in` is the loop's item, but the Save writes one settings
// row that does not depend on it, once, after the loop.
type Settings struct {
	ID    int
	Count int
}

func (s *Service) Count(ctx context.Context, labels []Label, st *Settings) error {
	tx := s.db.Begin()
	for _, in := range labels {
		if in.Hidden {
			st.Count++
		}
	}
	if err := tx.WithContext(ctx).Save(st).Error; err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit().Error
}
