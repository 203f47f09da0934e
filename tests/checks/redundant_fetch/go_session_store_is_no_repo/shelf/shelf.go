package shelf

import "gorm.io/gorm"

type Book struct {
	ID    uint
	Title string
}

type Store struct {
	db *gorm.DB
}

func (s *Store) GetBook(id string) (*Book, error) {
	var b Book
	err := s.db.Where("id = ?", id).First(&b).Error
	return &b, err
}
