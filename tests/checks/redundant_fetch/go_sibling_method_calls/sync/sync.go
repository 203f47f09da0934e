package sync

import (
	"context"

	"example.org/rosters/model"
	"gorm.io/gorm"
)

// TeamWriter is what the directory sync needs from the team service.
type TeamWriter interface {
	Rename(ctx context.Context, id string, name string, tx *gorm.DB) (model.Team, error)
	SetMembers(ctx context.Context, id string, memberIDs []string, tx *gorm.DB) (model.Team, error)
	Archive(ctx context.Context, id string, tx *gorm.DB) error
}

// LabelSource has two implementations that differ (SQL and in memory).
type LabelSource interface {
	Labels(ctx context.Context, id string) ([]string, error)
	Color(ctx context.Context, id string) (string, error)
}

type Syncer struct {
	db     *gorm.DB
	teams  TeamWriter
	labels LabelSource
}

type wanted struct {
	id      string
	other   string
	name    string
	members []string
}

// Apply renames a team, then sets its members: both calls load the
// same team by the same id.
func (s *Syncer) Apply(ctx context.Context, w wanted) error {
	tx := s.db.Begin()
	defer tx.Rollback()
	if _, err := s.teams.Rename(ctx, w.id, w.name, tx); err != nil {
		return err
	}
	_, err := s.teams.SetMembers(ctx, w.id, w.members, tx) // expect: redundant_fetch MEDIUM
	if err != nil {
		return err
	}
	return tx.Commit().Error
}

// Move renames one team and sets the members of another: two rows.
func (s *Syncer) Move(ctx context.Context, w wanted) error {
	tx := s.db.Begin()
	defer tx.Rollback()
	if _, err := s.teams.Rename(ctx, w.id, w.name, tx); err != nil {
		return err
	}
	if _, err := s.teams.SetMembers(ctx, w.other, w.members, tx); err != nil {
		return err
	}
	return tx.Commit().Error
}

// Retire archives the team first and then renames it: the first call
// only writes, so the rename's load is the only one.
func (s *Syncer) Retire(ctx context.Context, w wanted) error {
	tx := s.db.Begin()
	defer tx.Rollback()
	if err := s.teams.Archive(ctx, w.id, tx); err != nil {
		return err
	}
	if _, err := s.teams.Rename(ctx, w.id, w.name, tx); err != nil {
		return err
	}
	return tx.Commit().Error
}

// Describe asks the label source twice; the in-memory implementation
// reads nothing, so which one runs decides.
func (s *Syncer) Describe(ctx context.Context, w wanted) (string, error) {
	labels, err := s.labels.Labels(ctx, w.id)
	if err != nil {
		return "", err
	}
	color, err := s.labels.Color(ctx, w.id)
	if err != nil {
		return "", err
	}
	return color + ":" + labels[0], nil
}

// Relabel renames the team, stamps it through the session itself, then
// sets the members: the second load reads the stamped row, which the
// first call's copy does not hold.
func (s *Syncer) Relabel(ctx context.Context, w wanted) error {
	tx := s.db.Begin()
	defer tx.Rollback()
	if _, err := s.teams.Rename(ctx, w.id, w.name, tx); err != nil {
		return err
	}
	if err := tx.Model(&model.Team{}).Where("id = ?", w.id).Update("synced", true).Error; err != nil {
		return err
	}
	if _, err := s.teams.SetMembers(ctx, w.id, w.members, tx); err != nil {
		return err
	}
	return tx.Commit().Error
}

// Hop renames a team, then moves on to its parent under the same local
// name before setting members: two rows again.
func (s *Syncer) Hop(ctx context.Context, w wanted, parents map[string]string) error {
	tx := s.db.Begin()
	defer tx.Rollback()
	id := w.id
	if _, err := s.teams.Rename(ctx, id, w.name, tx); err != nil {
		return err
	}
	id = parents[id]
	if _, err := s.teams.SetMembers(ctx, id, w.members, tx); err != nil {
		return err
	}
	return tx.Commit().Error
}
