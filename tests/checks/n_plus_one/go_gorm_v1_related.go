// path: models/thread.go
// stack: github.com/jinzhu/gorm
package models

import "github.com/jinzhu/gorm"

type Reply struct {
	ID       uint
	AuthorID uint
	Author   Member
}

type Member struct {
	ID   uint
	Nick string
}

type Thread struct {
	ID      uint
	Replies []Reply
}

// The replies come from one query, then each reply's author from another.
func (t *Thread) LoadReplies(db *gorm.DB) error {
	tx := db.Begin()
	tx.Model(t).Related(&t.Replies, "Replies")
	for i := range t.Replies {
		tx.Model(&t.Replies[i]).Related(&t.Replies[i].Author, "Author") // expect: n_plus_one MEDIUM
	}
	return tx.Commit().Error
}

// One FirstOrCreate per label handed in.
func EnsureLabels(db *gorm.DB, labels []string) error {
	for _, l := range labels {
		var m Member
		if err := db.FirstOrCreate(&m, Member{Nick: l}).Error; err != nil { // expect: n_plus_one MEDIUM
			return err
		}
	}
	return nil
}

// Look-alike: the authors are preloaded with the replies.
func (t *Thread) LoadRepliesPreloaded(db *gorm.DB) error {
	return db.Preload("Replies.Author").First(t, t.ID).Error
}
