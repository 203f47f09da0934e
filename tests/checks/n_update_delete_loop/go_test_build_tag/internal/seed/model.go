package seed

import "gorm.io/gorm"

type Item struct {
	ID    string
	Stock int
}

type Service struct {
	db *gorm.DB
}
