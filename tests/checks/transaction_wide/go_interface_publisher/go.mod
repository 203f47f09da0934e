module example.com/shop

go 1.22

require (
	github.com/lib/pq v1.10.9
	github.com/rabbitmq/amqp091-go v1.9.0
)
