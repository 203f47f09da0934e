package broker

import (
	"context"

	amqp "github.com/rabbitmq/amqp091-go"
)

type Publisher interface {
	Publish(ctx context.Context, body []byte) error
}

type amqpPublisher struct {
	conn     *amqp.Connection
	exchange string
}

func NewPublisher(conn *amqp.Connection, exchange string) Publisher {
	return &amqpPublisher{conn: conn, exchange: exchange}
}

// Opens a channel (a broker round trip) and publishes on it.
func (p *amqpPublisher) Publish(ctx context.Context, body []byte) error {
	ch, err := p.conn.Channel()
	if err != nil {
		return err
	}
	defer ch.Close()
	return ch.PublishWithContext(ctx, p.exchange, "orders", false, false,
		amqp.Publishing{ContentType: "application/json", Body: body})
}
