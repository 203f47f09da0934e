// path: internal/jobs/badges.go
package jobs

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

type Stamp struct {
	ID        string
	CreatedAt int64
}

// A member row: 12 columns (2 embedded), two lists of other rows.
type Member struct {
	Stamp
	Handle    string
	Email     string
	Given     string
	Family    string
	Bio       string
	AvatarURL string
	Locale    string
	Admin     bool
	Disabled  bool
	Secret    []byte
	Teams     []Team
	Keys      []Key
}

type Team struct{ ID, Name string }
type Key struct{ ID, Value string }

// A narrow row: 3 columns.
type Tag struct {
	ID    string
	Name  string
	Color string
}

func (m Member) Monogram() string {
	return strings.ToUpper(m.Given[:1] + m.Family[:1])
}

type Badges struct{ db *gorm.DB }

// Positive: every column of every member, to build monograms.
func (b *Badges) usedMonograms(ctx context.Context) (map[string]bool, error) {
	var members []Member
	err := b.db.WithContext(ctx).Find(&members).Error // expect: over_fetching LOW
	if err != nil {
		return nil, err
	}
	used := map[string]bool{}
	for _, mb := range members {
		used[mb.Monogram()] = true
	}
	return used, nil
}

// Positive: two fields read directly, a pointer slice.
func (b *Badges) handles(ctx context.Context) ([]string, error) {
	var members []*Member
	if err := b.db.WithContext(ctx).Where("disabled = ?", false).Find(&members).Error; err != nil { // expect: over_fetching LOW
		return nil, err
	}
	out := make([]string, 0)
	for _, mb := range members {
		out = append(out, mb.Handle+" <"+mb.Email+">")
	}
	return out, nil
}

// Look-alike: the chain names its columns.
func (b *Badges) handlesSelected(ctx context.Context) ([]string, error) {
	var members []Member
	if err := b.db.WithContext(ctx).Select("handle", "email").Find(&members).Error; err != nil {
		return nil, err
	}
	out := make([]string, 0)
	for _, mb := range members {
		out = append(out, mb.Handle+" <"+mb.Email+">")
	}
	return out, nil
}

// Look-alike: the rows are returned whole.
func (b *Badges) all(ctx context.Context) ([]Member, error) {
	var members []Member
	err := b.db.WithContext(ctx).Find(&members).Error
	return members, err
}

// Look-alike: each row is handed on whole.
func (b *Badges) exportAll(ctx context.Context, sink func(Member)) error {
	var members []Member
	if err := b.db.WithContext(ctx).Find(&members).Error; err != nil {
		return err
	}
	for _, mb := range members {
		sink(mb)
	}
	return nil
}

// Look-alike: more than three fields of each row are read.
func (b *Badges) cards(ctx context.Context) ([]string, error) {
	var members []Member
	if err := b.db.WithContext(ctx).Find(&members).Error; err != nil {
		return nil, err
	}
	out := make([]string, 0)
	for _, mb := range members {
		out = append(out, mb.Handle+mb.Email+mb.Given+mb.Family+mb.Bio)
	}
	return out, nil
}

// Look-alike: a narrow model.
func (b *Badges) tagNames(ctx context.Context) ([]string, error) {
	var tags []Tag
	if err := b.db.WithContext(ctx).Find(&tags).Error; err != nil {
		return nil, err
	}
	out := make([]string, 0)
	for _, t := range tags {
		out = append(out, t.Name)
	}
	return out, nil
}
