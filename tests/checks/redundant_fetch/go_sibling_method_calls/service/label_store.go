package service

import (
	"context"

	"example.org/rosters/model"
	"gorm.io/gorm"
)

// SQLLabels and MemoryLabels both answer LabelSource; only one reads.
type SQLLabels struct {
	db *gorm.DB
}

func (s *SQLLabels) Labels(ctx context.Context, id string) ([]string, error) {
	var team model.Team
	err := s.db.WithContext(ctx).Where("id = ?", id).First(&team).Error
	return team.Labels, err
}

func (s *SQLLabels) Color(ctx context.Context, id string) (string, error) {
	var team model.Team
	err := s.db.WithContext(ctx).Where("id = ?", id).First(&team).Error
	return team.Name, err
}

type MemoryLabels struct {
	byTeam map[string][]string
}

func (m *MemoryLabels) Labels(ctx context.Context, id string) ([]string, error) {
	return m.byTeam[id], nil
}

func (m *MemoryLabels) Color(ctx context.Context, id string) (string, error) {
	return "grey", nil
}
