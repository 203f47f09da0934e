module example.com/roster

go 1.22

require xorm.io/xorm v1.3.0
