// path: server/handler/stats.go
// stack: github.com/gofiber/fiber/v2 gorm.io/gorm gorm.io/driver/postgres
package handler

import (
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"
)

type Article struct {
	ID    uint
	Slug  string
	Views int
}

type statsParams struct {
	Slugs string `query:"slugs"`
}

type Server struct {
	db *gorm.DB
}

// readParams fills dst from the query string of the request.
func readParams(c *fiber.Ctx, dst interface{}) bool {
	return c.QueryParser(dst) == nil
}

// trimSplit splits a comma-separated value and drops blanks.
func trimSplit(s, sep string) []string {
	out := []string{}
	for _, v := range strings.Split(s, sep) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// One count per slug of a comma-separated query parameter.
func (s *Server) Views(c *fiber.Ctx) error {
	counts := map[string]int64{}
	for _, slug := range strings.Split(c.Query("slugs"), ",") {
		var n int64
		s.db.Model(&Article{}).Where("slug = ?", slug).Count(&n) // expect: n_plus_one HIGH
		counts[slug] = n
	}
	return c.JSON(counts)
}

// The same through a local and a splitting helper, after the
// parameters were read by a helper handed the request.
func (s *Server) ViewsByParams(c *fiber.Ctx) error {
	var p statsParams
	if !readParams(c, &p) {
		return fiber.ErrBadRequest
	}
	slugs := trimSplit(p.Slugs, ",")
	counts := map[string]int64{}
	for _, slug := range slugs {
		var a Article
		s.db.Where("slug = ?", slug).First(&a) // expect: n_plus_one HIGH
		counts[slug] = int64(a.Views)
	}
	return c.JSON(counts)
}

// Look-alike: a fixed list written in the code, split apart.
func (s *Server) Featured(c *fiber.Ctx) error {
	counts := map[string]int64{}
	slugs := strings.Split("about,contact,privacy", ",")
	for _, slug := range slugs {
		var n int64
		s.db.Model(&Article{}).Where("slug = ?", slug).Count(&n)
		counts[slug] = n
	}
	return c.JSON(counts)
}

type config struct {
	Pinned string
}

// Look-alike: a setting of the service split apart, not the request.
func (s *Server) Pinned(cfg config) map[string]int64 {
	counts := map[string]int64{}
	for _, slug := range strings.Split(cfg.Pinned, ",") {
		var n int64
		s.db.Model(&Article{}).Where("slug = ?", slug).Count(&n)
		counts[slug] = n
	}
	return counts
}
