package orders

import (
	"context"

	"example.com/shop/pkg/broker"
)

type EventPublisher interface {
	Publish(ctx context.Context, body []byte) error
}

// A thin wrapper over the broker publisher, as wire-built services have.
type kitchenPublisher struct {
	pub broker.Publisher
}

func (k *kitchenPublisher) Publish(ctx context.Context, body []byte) error {
	return k.pub.Publish(ctx, body)
}
