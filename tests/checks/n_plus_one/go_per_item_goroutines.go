// path: internal/store/orders.go
// stack: github.com/jackc/pgx/v5 golang.org/x/sync
package store

import (
	"context"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/sync/errgroup"
)

type Store struct {
	pool *pgxpool.Pool
}

type Order struct {
	ID         int64
	CustomerID int64
	Customer   string
}

func (s *Store) listOrders(ctx context.Context) ([]Order, error) {
	rows, err := s.pool.Query(ctx, "SELECT id, customer_id FROM orders ORDER BY id LIMIT 100")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Order
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID, &o.CustomerID); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// One query per order, run concurrently through an errgroup: still N
// round trips and up to N pooled connections at once.
func (s *Store) OrdersWithCustomers(ctx context.Context) ([]Order, error) {
	orders, err := s.listOrders(ctx)
	if err != nil {
		return nil, err
	}
	g, gctx := errgroup.WithContext(ctx)
	for i := range orders {
		o := &orders[i]
		g.Go(func() error {
			return s.pool.QueryRow(gctx, "SELECT name FROM customers WHERE id = $1", o.CustomerID).Scan(&o.Customer) // expect: n_plus_one MEDIUM
		})
	}
	return orders, g.Wait()
}

// The same with one goroutine per item and a WaitGroup.
func (s *Store) OrdersWithCustomersWG(ctx context.Context) ([]Order, error) {
	orders, err := s.listOrders(ctx)
	if err != nil {
		return nil, err
	}
	var wg sync.WaitGroup
	for i := range orders {
		wg.Add(1)
		go func(o *Order) {
			defer wg.Done()
			_ = s.pool.QueryRow(ctx, "SELECT name FROM customers WHERE id = $1", o.CustomerID).Scan(&o.Customer) // expect: n_plus_one MEDIUM
		}(&orders[i])
	}
	wg.Wait()
	return orders, nil
}

// Look-alike: one batched query for every customer, no per-item closure.
func (s *Store) OrdersWithCustomersBatched(ctx context.Context) ([]Order, error) {
	orders, err := s.listOrders(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(orders))
	for _, o := range orders {
		ids = append(ids, o.CustomerID)
	}
	rows, err := s.pool.Query(ctx, "SELECT id, name FROM customers WHERE id = ANY($1)", ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		names[id] = name
	}
	for i := range orders {
		orders[i].Customer = names[orders[i].CustomerID]
	}
	return orders, rows.Err()
}

// Look-alike: a fixed set of independent queries in an errgroup, no loop.
func (s *Store) Dashboard(ctx context.Context) (int64, int64, error) {
	var orders, customers int64
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		return s.pool.QueryRow(gctx, "SELECT count(*) FROM orders").Scan(&orders)
	})
	g.Go(func() error {
		return s.pool.QueryRow(gctx, "SELECT count(*) FROM customers").Scan(&customers)
	})
	return orders, customers, g.Wait()
}
