package store

// Resync saves every book again, one statement per row.
func (s *Store) Resync() {
	var books []Book
	s.DB().Find(&books)
	for _, b := range books {
		s.UpdateBook(&b) // expect: n_update_delete_loop HIGH
	}
	for _, b := range books {
		// only logs: no write behind the word "Update"
		s.Note(&b)
	}
}
