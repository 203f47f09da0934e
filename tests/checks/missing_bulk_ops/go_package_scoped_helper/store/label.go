package store

import "gorm.io/gorm"

var db *gorm.DB

type Label struct {
	ID    uint
	Title string
	Owner string
}

// AddLabel writes one label row.
func AddLabel(title, owner string) error {
	return db.Create(&Label{Title: title, Owner: owner}).Error
}
