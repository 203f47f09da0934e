package catalog

import (
	"database/sql"
	"sync"
)

type Price struct {
	SKU   string
	Cents int64
}

// TagStore reads prices from the database.
type TagStore struct {
	db *sql.DB
}

func (s *TagStore) LoadPrice(sku string) (Price, error) {
	var p Price
	err := s.db.QueryRow(`SELECT sku, cents FROM prices WHERE sku = $1`, sku).Scan(&p.SKU, &p.Cents)
	return p, err
}

// Positive: the store parameter is the database-backed store; one SELECT
// per SKU.
func pricesFromStore(priceStore *TagStore, skus []string) []Price {
	out := make([]Price, 0, len(skus))
	for _, sku := range skus {
		p, err := priceStore.LoadPrice(sku) // expect: n_plus_one MEDIUM
		if err == nil {
			out = append(out, p)
		}
	}
	return out
}

// Look-alike: the "store" parameter is declared as an in-memory map; its
// Load is a map lookup, not a query, whatever the parameter is called.
func pricesFromCache(priceStore *sync.Map, skus []string) []Price {
	out := make([]Price, 0, len(skus))
	for _, sku := range skus {
		if v, ok := priceStore.Load(sku); ok {
			out = append(out, v.(Price))
		}
	}
	return out
}
