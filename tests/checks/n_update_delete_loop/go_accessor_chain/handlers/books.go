package handlers

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"example.com/shelfware/app"
	"example.com/shelfware/store"
)

func ShelfCounts(a *app.App, r fiber.Router) {
	r.Get("/shelves/counts", func(c *fiber.Ctx) error {
		var books []store.Book
		a.Store().DB().Where("title LIKE ?", c.Query("q")+"%").Find(&books)
		counts := map[uint]int64{}
		for _, b := range books {
			var n int64
			a.Store().DB().Model(&store.Book{}).Where("shelf_id = ?", b.ShelfID).Count(&n) // expect: n_plus_one HIGH
			counts[b.ShelfID] = n
		}
		return c.JSON(counts)
	})
}

func ShelfRename(a *app.App, r fiber.Router) {
	r.Put("/shelves/:id", func(c *fiber.Ctx) error {
		var books []store.Book
		a.Store().DB().Where("shelf_id = ?", c.Params("id")).Find(&books)
		for _, b := range books {
			b.Title = strings.TrimSpace(b.Title)
			a.Store().UpdateBook(&b) // expect: n_update_delete_loop HIGH
		}
		for _, b := range books {
			// an accessor returning an interface with two implementations
			a.Archive().Put(&b)
		}
		tally := a.Store().Tally()
		for _, b := range books {
			// Count of a project type that is no database handle
			_ = tally.Count(b.Title)
			_ = a.Store().Tally().Count(b.Title)
		}
		for _, id := range []uint{1, 2} {
			// a fixed list
			_ = a.Store().FindBook(id)
		}
		return c.JSON(books)
	})
}
