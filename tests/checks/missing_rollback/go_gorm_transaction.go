// path: internal/shop/orders.go
// stack: gorm.io/gorm gorm.io/driver/postgres
package shop

import "gorm.io/gorm"

type Order struct {
	ID     uint
	Status string
}

type Stock struct {
	ID  uint
	Qty int
}

// A manual GORM transaction whose error path forgets the rollback.
func Place(db *gorm.DB, o *Order, s *Stock) error {
	tx := db.Begin() // expect: missing_rollback MEDIUM
	if tx.Error != nil {
		return tx.Error
	}
	if err := tx.Create(o).Error; err != nil {
		return err
	}
	if err := tx.Model(s).Update("qty", gorm.Expr("qty - 1")).Error; err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit().Error
}

// Look-alike: db.Transaction commits or rolls back for the closure.
func PlaceManaged(db *gorm.DB, o *Order, s *Stock) error {
	return db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(o).Error; err != nil {
			return err
		}
		return tx.Model(s).Update("qty", gorm.Expr("qty - 1")).Error
	})
}
