module example.com/ledger

go 1.22

require (
	xorm.io/xorm v1.3.0
	github.com/lib/pq v1.10.0
)
