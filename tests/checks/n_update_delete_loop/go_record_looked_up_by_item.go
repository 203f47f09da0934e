// path: internal/directory/sync.go
// stack: gorm.io/gorm
package directory

import (
	"context"

	"gorm.io/gorm"
)

type Member struct {
	ID       string
	Login    string
	Archived bool
}

type remoteMember struct {
	remoteID string
	login    string
}

type Syncer struct {
	db *gorm.DB
}

// Each remote member's stored record is found in a map keyed by a field
// of the member, then revived with its own UPDATE: one statement per row.
func (s *Syncer) Revive(ctx context.Context, tx *gorm.DB, remote []remoteMember, stored map[string]Member) error {
	for _, rm := range remote {
		rec := stored[rm.remoteID]
		if rec.ID != "" && rec.Archived {
			err := tx.WithContext(ctx). // expect: n_update_delete_loop HIGH
							Model(&Member{}).
							Where("id = ?", rec.ID).
							Update("archived", false).
							Error
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// The map is keyed by the item itself: same per-row write.
func (s *Syncer) Rename(ctx context.Context, tx *gorm.DB, keys []string, byID map[string]Member) error {
	for _, key := range keys {
		rec := byID[key]
		if err := tx.Model(&Member{}).Where("id = ?", rec.ID).Update("login", rec.Login+"-old").Error; err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}

// Look-alike: the key is a constant, so every pass touches the same row
// (a loop-invariant write, not one per member).
func (s *Syncer) TouchOwner(ctx context.Context, tx *gorm.DB, remote []remoteMember, stored map[string]Member) error {
	for range remote {
		owner := stored["owner"]
		if err := tx.Model(&Member{}).Where("id = ?", owner.ID).Update("archived", false).Error; err != nil { // silent: not one row per pass
			return err
		}
	}
	return nil
}

// Look-alike: the lookup happens once, before the loop.
func (s *Syncer) ReviveOne(ctx context.Context, tx *gorm.DB, key string, remote []remoteMember, stored map[string]Member) error {
	rec := stored[key]
	for _, rm := range remote {
		if rm.login != rec.Login {
			continue
		}
		if err := tx.Model(&Member{}).Where("id = ?", rec.ID).Update("archived", false).Error; err != nil { // silent: not one row per pass
			return err
		}
	}
	return nil
}

// Look-alike: the key is the position in a two-name target, not the item.
func (s *Syncer) ByPosition(ctx context.Context, tx *gorm.DB, remote []remoteMember, slots map[int]Member) error {
	for i, rm := range remote {
		slot := slots[i]
		_ = rm
		if err := tx.Model(&Member{}).Where("id = ?", slot.ID).Update("archived", false).Error; err != nil { // silent: not one row per pass
			return err
		}
	}
	return nil
}
