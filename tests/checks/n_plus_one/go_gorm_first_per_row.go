// path: internal/service/posts.go
// stack: gorm.io/gorm gorm.io/driver/postgres github.com/gin-gonic/gin
package service

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type Post struct {
	ID       uint
	AuthorID uint
	Author   User
}

type User struct {
	ID   uint
	Name string
}

type API struct {
	db *gorm.DB
}

// One author First per post in a gin handler.
func (a *API) ListPosts(c *gin.Context) {
	var posts []Post
	if err := a.db.Find(&posts).Error; err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
		return
	}
	for i := range posts {
		a.db.First(&posts[i].Author, posts[i].AuthorID) // expect: n_plus_one HIGH
	}
	c.JSON(http.StatusOK, posts)
}

// Look-alike: the association is preloaded with the first query.
func (a *API) ListPostsPreloaded(c *gin.Context) {
	var posts []Post
	if err := a.db.Preload("Author").Find(&posts).Error; err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
		return
	}
	names := make([]string, 0, len(posts))
	for _, p := range posts {
		names = append(names, p.Author.Name)
	}
	c.JSON(http.StatusOK, names)
}
