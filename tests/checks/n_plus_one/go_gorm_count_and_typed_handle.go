// path: internal/service/pantry.go
// stack: gorm.io/gorm gorm.io/driver/postgres github.com/gin-gonic/gin
package service

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

// GORM's Count runs a SELECT COUNT(*), also at the end of an association
// chain. And a parameter declared `*gorm.DB` is a session whatever it is
// called: `query.Offset(o).Find(out)` in a paging helper reads the rows
// the caller hands it.

type Jar struct {
	ID     uint
	Label  string
	Spices []Spice `gorm:"many2many:jar_spices"`
}

type Spice struct {
	ID   uint
	Name string
}

type Queue struct{ items []string }

func (q *Queue) Find(out *[]string) { *out = append(*out, q.items...) }

type PantryHandler struct {
	db *gorm.DB
}

// pageOf fills out with one page of what query selects.
func pageOf(query *gorm.DB, page int, out any) error {
	return query.Offset((page - 1) * 20).Limit(20).Find(out).Error
}

// drain copies the queue; a parameter of another type with a Find method.
func drain(query *Queue, out *[]string) {
	query.Find(out)
}

func (h *PantryHandler) spiceCounts(c *gin.Context) {
	var jars []Jar
	if err := h.db.Find(&jars).Error; err != nil {
		return
	}
	out := map[uint]int64{}
	for _, jar := range jars {
		// one COUNT per jar through the association
		out[jar.ID] = h.db.Model(&jar).Association("Spices").Count() // expect: n_plus_one HIGH
	}
	c.JSON(http.StatusOK, out)
}

func (h *PantryHandler) labelCounts(c *gin.Context) {
	var jars []Jar
	if err := h.db.Find(&jars).Error; err != nil {
		return
	}
	out := map[uint]int64{}
	for _, jar := range jars {
		var n int64
		h.db.Model(&Jar{}).Where("label = ?", jar.Label).Count(&n) // expect: n_plus_one HIGH
		out[jar.ID] = n
	}
	c.JSON(http.StatusOK, out)
}

func (h *PantryHandler) pagedJars(c *gin.Context) {
	var jars []Jar
	if err := pageOf(h.db.Model(&Jar{}), 1, &jars); err != nil {
		return
	}
	names := []string{}
	for _, jar := range jars {
		var first Spice
		h.db.Where("jar_id = ?", jar.ID).First(&first) // expect: n_plus_one HIGH
		names = append(names, first.Name)
	}
	c.JSON(http.StatusOK, names)
}

// Look-alike: one COUNT before the loop; the loop only formats.
func (h *PantryHandler) totals(c *gin.Context) {
	var jars []Jar
	if err := h.db.Find(&jars).Error; err != nil {
		return
	}
	var total int64
	h.db.Model(&Spice{}).Count(&total)
	out := []string{}
	for _, jar := range jars {
		out = append(out, jar.Label+" "+strings.Repeat("*", strings.Count(jar.Label, "a")))
	}
	c.JSON(http.StatusOK, gin.H{"total": total, "labels": out})
}

// Look-alike: the list comes from an in-memory queue whose parameter is
// named like a session but is declared with another type.
func (h *PantryHandler) queued(c *gin.Context, q *Queue) {
	var names []string
	drain(q, &names)
	out := []Spice{}
	for _, name := range names {
		var s Spice
		h.db.Where("name = ?", name).First(&s)
		out = append(out, s)
	}
	c.JSON(http.StatusOK, out)
}
