package model

type Member struct {
	ID   string
	Name string
}

type Team struct {
	ID      string
	Name    string
	Members []Member
	Labels  []string
}
