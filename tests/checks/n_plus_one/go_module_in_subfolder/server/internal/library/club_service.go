package library

import (
	"context"
	"strings"

	"example.org/bookclub/server/internal/paging"
	"gorm.io/gorm"
)

type Member struct {
	ID     string
	ClubID string
}

type Club struct {
	ID      string
	Name    string
	Members []Member
}

type ClubService struct {
	db *gorm.DB
}

func NewClubService(db *gorm.DB) *ClubService { return &ClubService{db: db} }

// List pages the clubs through the shared paging helper.
func (s *ClubService) List(ctx context.Context, page int) ([]Club, paging.Page, error) {
	var clubs []Club
	query := s.db.WithContext(ctx).Model(&Club{})
	p, err := paging.Fill(query, page, &clubs)
	return clubs, p, err
}

// MemberCount loads the club with its members, then counts them.
func (s *ClubService) MemberCount(ctx context.Context, id string) (int64, error) {
	tx := s.db.Begin()
	defer func() {
		tx.Rollback()
	}()
	var club Club
	if err := tx.WithContext(ctx).Preload("Members").Where("id = ?", id).First(&club).Error; err != nil {
		return 0, err
	}
	return tx.WithContext(ctx).Model(&club).Association("Members").Count(), nil
}

// Slug formats a name; no database work.
func (s *ClubService) Slug(name string) string {
	return strings.ToLower(strings.ReplaceAll(name, " ", "-"))
}
