package api

import (
	"net/http"

	"example.org/bookclub/server/internal/library"
	"github.com/gin-gonic/gin"
)

type ClubHandler struct {
	clubs   *library.ClubService
	counter library.MemberCounter
}

type clubDto struct {
	ID      string `json:"id"`
	Slug    string `json:"slug"`
	Members int64  `json:"members"`
}

// Per club of the page: the service loads the club and counts its
// members, one transaction and two queries per row.
func (h *ClubHandler) list(c *gin.Context) {
	clubs, _, err := h.clubs.List(c.Request.Context(), 1)
	if err != nil {
		return
	}
	out := make([]clubDto, len(clubs))
	for i, club := range clubs {
		out[i].ID = club.ID
		out[i].Members, err = h.clubs.MemberCount(c.Request.Context(), club.ID) // expect: n_plus_one HIGH
		if err != nil {
			return
		}
	}
	c.JSON(http.StatusOK, out)
}

// Look-alike: the per-row call does no database work.
func (h *ClubHandler) slugs(c *gin.Context) {
	clubs, _, err := h.clubs.List(c.Request.Context(), 1)
	if err != nil {
		return
	}
	out := make([]clubDto, len(clubs))
	for i, club := range clubs {
		out[i] = clubDto{ID: club.ID, Slug: h.clubs.Slug(club.Name)}
	}
	c.JSON(http.StatusOK, out)
}

// Look-alike: per row through an interface with two implementations
// that differ (a query and a map lookup).
func (h *ClubHandler) counts(c *gin.Context) {
	clubs, _, err := h.clubs.List(c.Request.Context(), 1)
	if err != nil {
		return
	}
	out := make([]clubDto, len(clubs))
	for i, club := range clubs {
		out[i] = clubDto{ID: club.ID, Members: h.counter.Count(c.Request.Context(), club.ID)}
	}
	c.JSON(http.StatusOK, out)
}

// Look-alike: a loop over a fixed list of two featured ids.
func (h *ClubHandler) featured(c *gin.Context) {
	out := []clubDto{}
	for _, id := range []string{"classics", "poetry"} {
		n, err := h.clubs.MemberCount(c.Request.Context(), id)
		if err != nil {
			return
		}
		out = append(out, clubDto{ID: id, Members: n})
	}
	c.JSON(http.StatusOK, out)
}
