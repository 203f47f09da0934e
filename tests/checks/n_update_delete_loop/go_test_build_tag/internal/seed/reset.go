//go:build e2etest

// Look-alike: a reset service compiled only into the end-to-end test
// binary (`go build -tags e2etest`); no default build holds it, so it is
// test code like a _test.go file.
package seed

func (s *Service) ResetStock(items []Item) error {
	for _, it := range items {
		if err := s.db.Model(&Item{}).Where("id = ?", it.ID).Update("stock", 0).Error; err != nil {
			return err
		}
	}
	return nil
}
