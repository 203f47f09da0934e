package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"example.com/labels/store"
)

// AddLabel is the handler: the same name as the store's function.
func AddLabel(c *gin.Context) {
	if err := store.AddLabel(c.PostForm("title"), c.PostForm("owner")); err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
		return
	}
	c.Status(http.StatusCreated)
}
