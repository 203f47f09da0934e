//go:build !e2etest

// The tag is negated: every default build compiles this file.
package seed

func (s *Service) Restock(items []Item) error {
	for _, it := range items {
		if err := s.db.Model(&Item{}).Where("id = ?", it.ID).Update("stock", it.Stock).Error; err != nil { // expect: n_update_delete_loop HIGH
			return err
		}
	}
	return nil
}
