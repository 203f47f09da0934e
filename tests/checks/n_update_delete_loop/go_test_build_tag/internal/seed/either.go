//go:build integration || linux

// Either tag builds it, and linux is a default tag: service code.
package seed

func (s *Service) Zero(items []Item) error {
	for _, it := range items {
		if err := s.db.Model(&Item{}).Where("id = ?", it.ID).Update("stock", 0).Error; err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}
