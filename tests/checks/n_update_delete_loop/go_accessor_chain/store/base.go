package store

import (
	"log"

	"gorm.io/gorm"
)

// The store hands out its GORM session through an accessor whose result
// is an alias of *gorm.DB: `s.DB().Save(b)` is a GORM write, and a call
// chain reaching it through other accessors (`a.Store().UpdateBook(b)`)
// reaches the write too.

type DB = gorm.DB

type Store struct {
	db *DB
}

func (s *Store) DB() *DB {
	return s.db
}

type Book struct {
	ID      uint
	ShelfID uint
	Title   string
}

// Shelves counts per shelf in memory; its Count is no query.
type Tally struct {
	seen map[string]int
}

func (t *Tally) Count(key string) int {
	return t.seen[key]
}

func (s *Store) Tally() *Tally {
	return &Tally{seen: map[string]int{}}
}

func (s *Store) UpdateBook(b *Book) error {
	err := s.DB().Save(b).Error
	if err != nil {
		// a log line starting with the word is no UPDATE statement
		log.Println("Update book failed: ", err)
	}
	return err
}

func (s *Store) Note(b *Book) {
	log.Println("Update queued for book", b.ID)
}

func (s *Store) FindBook(id uint) Book {
	var b Book
	s.DB().Where("id = ?", id).First(&b)
	return b
}

func (s *Store) DeleteBook(b *Book) error {
	return s.DB().Delete(b).Error
}

func (s *Store) CreateBook(b *Book) error {
	return s.DB().Create(b).Error
}
