package service

import (
	"context"

	"example.org/rosters/model"
	"gorm.io/gorm"
)

type TeamService struct {
	db *gorm.DB
}

func (s *TeamService) load(ctx context.Context, id string, tx *gorm.DB) (team model.Team, err error) {
	err = tx.WithContext(ctx).Where("id = ?", id).Preload("Members").First(&team).Error
	return team, err
}

// Rename loads the team, renames it and hands the saved row back.
func (s *TeamService) Rename(ctx context.Context, id string, name string, tx *gorm.DB) (model.Team, error) {
	team, err := s.load(ctx, id, tx)
	if err != nil {
		return model.Team{}, err
	}
	team.Name = name
	err = tx.WithContext(ctx).Save(&team).Error
	return team, err
}

// SetMembers loads the same team again before it replaces the members.
func (s *TeamService) SetMembers(ctx context.Context, id string, memberIDs []string, tx *gorm.DB) (model.Team, error) {
	team, err := s.load(ctx, id, tx)
	if err != nil {
		return model.Team{}, err
	}
	var members []model.Member
	if err := tx.WithContext(ctx).Where("id IN ?", memberIDs).Find(&members).Error; err != nil {
		return model.Team{}, err
	}
	err = tx.WithContext(ctx).Model(&team).Association("Members").Replace(members)
	return team, err
}

// Archive only writes.
func (s *TeamService) Archive(ctx context.Context, id string, tx *gorm.DB) error {
	return tx.WithContext(ctx).Model(&model.Team{}).Where("id = ?", id).Update("archived", true).Error
}
