// path: internal/shelf/shelf.go
// stack: gorm.io/gorm gorm.io/driver/postgres
package shelf

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

type Book struct {
	ID      string
	Title   string
	Authors []string
}

type Cache struct {
	byID map[string]Book
}

func (c *Cache) Where(id string) *Cache { return c }
func (c *Cache) First(b *Book) error {
	*b = c.byID["x"]
	return nil
}

type Shelf struct {
	db    *gorm.DB
	cache *Cache
}

// Positive: the query is built into a local per id and run there.
func (s *Shelf) Titles(ctx context.Context, ids []string) []string {
	var out []string
	for _, id := range ids {
		q := s.db.WithContext(ctx).Preload("Authors").Where("id = ?", id)
		var b Book
		if err := q.First(&b).Error; err != nil { // expect: n_plus_one MEDIUM
			continue
		}
		out = append(out, b.Title)
	}
	return out
}

// Positive: the base query is built once, refined and run per id.
func (s *Shelf) Authors(ctx context.Context, tx *gorm.DB, ids []string) int {
	n := 0
	base := tx.
		WithContext(ctx).
		Preload("Authors")
	for _, id := range ids {
		var b Book
		if err := base.Where("id = ?", id).First(&b).Error; err != nil { // expect: n_plus_one MEDIUM
			continue
		}
		n += len(b.Authors)
	}
	return n
}

// Look-alike: the local query runs once, before the loop.
func (s *Shelf) Upper(ctx context.Context, shelfID string) []string {
	q := s.db.WithContext(ctx).Where("shelf_id = ?", shelfID)
	var books []Book
	q.Find(&books)
	var out []string
	for _, b := range books {
		out = append(out, strings.ToUpper(b.Title))
	}
	return out
}

// Look-alike: the local is the in-memory cache, not a session.
func (s *Shelf) Cached(ids []string) []string {
	var out []string
	for _, id := range ids {
		q := s.cache.Where(id)
		var b Book
		if err := q.First(&b); err != nil {
			continue
		}
		out = append(out, b.Title)
	}
	return out
}
