package main

import (
	"log"
	"os"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// Look-alike: an operator command that copies rows once and exits. Its
// pool lives for one run; nothing is there to cap or recycle.
func main() {
	src, err := gorm.Open(postgres.Open(os.Getenv("SRC")), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	dst, err := gorm.Open(postgres.Open(os.Getenv("DST")), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	var n int64
	src.Table("events").Count(&n)
	dst.Exec("SELECT 1")
	log.Println(n)
}
