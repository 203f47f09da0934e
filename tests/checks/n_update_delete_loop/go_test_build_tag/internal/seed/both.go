//go:build linux && integration

// Look-alike: linux alone does not build it; the integration tag is
// required.
package seed

func (s *Service) Fill(items []Item) error {
	for _, it := range items {
		if err := s.db.Model(&Item{}).Where("id = ?", it.ID).Update("stock", 100).Error; err != nil {
			return err
		}
	}
	return nil
}
