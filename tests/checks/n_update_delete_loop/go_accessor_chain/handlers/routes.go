package handlers

import (
	"github.com/gofiber/fiber/v2"

	"example.com/shelfware/app"
	"example.com/shelfware/store"
)

// Each function registers one endpoint; the closures run per request,
// later, not when the function registering them runs.
func ShelfClear(a *app.App, r fiber.Router) {
	r.Delete("/shelves/:id/books/:book", func(c *fiber.Ctx) error {
		return a.Store().DeleteBook(&store.Book{ID: uint(c.QueryInt("book"))})
	})
}

func ShelfAdd(a *app.App, r fiber.Router) {
	r.Post("/shelves/:id/books", func(c *fiber.Ctx) error {
		return a.Store().CreateBook(&store.Book{Title: c.FormValue("title")})
	})
}
