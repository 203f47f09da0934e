package server

import (
	"github.com/gofiber/fiber/v2"

	"example.com/shelfware/app"
	h "example.com/shelfware/handlers"
)

// Registering a delete endpoint, then a create endpoint, deletes and
// inserts nothing.
func Serve(a *app.App) {
	srv := fiber.New()
	api := srv.Group("/api")
	h.ShelfClear(a, api)
	h.ShelfAdd(a, api)
	h.ShelfCounts(a, api)
	h.ShelfRename(a, api)
}
