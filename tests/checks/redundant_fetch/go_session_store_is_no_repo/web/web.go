package web

import (
	"example.com/lending/login"
	"github.com/gofiber/fiber/v2"
)

func Welcome(c *fiber.Ctx) error {
	who, err := login.ReaderName(c)
	if err != nil {
		return err
	}
	hello, err := login.Greeting(c)
	if err != nil {
		return err
	}
	return c.SendString(who + hello)
}

func ShowBook(c *fiber.Ctx) error {
	id := c.Params("id")
	b, err := login.LoadBook(id)
	if err != nil {
		return err
	}
	label, err := login.BookLabel(id) // expect: redundant_fetch HIGH
	if err != nil {
		return err
	}
	return c.SendString(b.Title + label)
}
