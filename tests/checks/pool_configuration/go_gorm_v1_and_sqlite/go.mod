module example.com/notes

go 1.22

require (
	github.com/jinzhu/gorm v1.9.16
	github.com/lib/pq v1.10.9
	modernc.org/sqlite v1.29.0
)
