package library

import (
	"context"

	"gorm.io/gorm"
)

// MemberCounter has two implementations that differ: one asks the
// database, the other answers from a map kept in memory. Which one a
// caller holds is not known from its field.
type MemberCounter interface {
	Count(ctx context.Context, clubID string) int64
}

type SQLCounter struct {
	db *gorm.DB
}

func (c *SQLCounter) Count(ctx context.Context, clubID string) int64 {
	var n int64
	c.db.WithContext(ctx).Model(&Member{}).Where("club_id = ?", clubID).Count(&n)
	return n
}

type CachedCounter struct {
	byClub map[string]int64
}

func (c *CachedCounter) Count(ctx context.Context, clubID string) int64 {
	return c.byClub[clubID]
}
