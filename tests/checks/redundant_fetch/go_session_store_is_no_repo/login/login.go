// A fiber session store held in a package variable: reading the cookie
// session is no database read, whatever the variable's name says.
package login

import (
	"errors"

	"example.com/lending/shelf"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/session"
)

var (
	CookieStore *session.Store
	BookStore   *shelf.Store
	ErrNoReader = errors.New("no reader in the session")
)

// ReaderName reads the route, then the cookie session.
func ReaderName(ctx *fiber.Ctx) (string, error) {
	if r := ctx.Params("reader"); r != "" {
		return r, nil
	}
	sess, err := CookieStore.Get(ctx)
	if err != nil {
		return "", err
	}
	if v, ok := sess.Get("reader").(string); ok {
		return v, nil
	}
	return "", ErrNoReader
}

// Greeting asks for the reader's name again: a second cookie read only.
func Greeting(ctx *fiber.Ctx) (string, error) {
	name, err := ReaderName(ctx)
	if err != nil {
		return "", err
	}
	return "hello " + name, nil
}

// LoadBook goes through the project's store, a real query.
func LoadBook(id string) (*shelf.Book, error) {
	return BookStore.GetBook(id)
}

// BookLabel loads the same book again by its id.
func BookLabel(id string) (string, error) {
	b, err := LoadBook(id)
	if err != nil {
		return "", err
	}
	return b.Title, nil
}
