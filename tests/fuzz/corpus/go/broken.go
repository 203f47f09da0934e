package p

func f( {
	x := []int{1, 2
	s := "unterminated
	r := `raw
}
func g[T any, ](a ...T) (int, error { return 0, nil }
