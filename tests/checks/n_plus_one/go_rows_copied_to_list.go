package roster

import "database/sql"

type Member struct {
	Handle string
	Team   string
}

type Registry struct{ db *sql.DB }

// Everyone copies the handles of one query into a slice, closes the rows,
// then reads each member again: one query per handle of the first query.
func (g *Registry) Everyone() ([]*Member, error) {
	rows, err := g.db.Query(`SELECT handle FROM member ORDER BY handle`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	handles := make([]string, 0)
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		handles = append(handles, h)
	}
	rows.Close()
	out := make([]*Member, 0, len(handles))
	for _, h := range handles {
		mb, err := g.Member(h) // expect: n_plus_one MEDIUM
		if err != nil {
			return nil, err
		}
		out = append(out, mb)
	}
	return out, nil
}

// Labels copies the handles the same way but only formats them: no query
// per item.
func (g *Registry) Labels() ([]string, error) {
	rows, err := g.db.Query(`SELECT handle FROM member`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	handles := make([]string, 0)
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		handles = append(handles, h)
	}
	labels := make([]string, 0, len(handles))
	for _, h := range handles {
		labels = append(labels, label(h))
	}
	return labels, rows.Err()
}

// Defaults builds its list from a fixed set of names, not from rows: the
// loop is as long as the literal.
func (g *Registry) Defaults() ([]*Member, error) {
	names := make([]string, 0)
	for _, n := range []string{"admin", "guest"} {
		names = append(names, n)
	}
	out := make([]*Member, 0)
	for _, n := range names {
		mb, err := g.Member(n)
		if err != nil {
			return nil, err
		}
		out = append(out, mb)
	}
	return out, nil
}

func (g *Registry) Member(handle string) (*Member, error) {
	var mb Member
	err := g.db.QueryRow(`SELECT handle, team FROM member WHERE handle = ?`, handle).Scan(&mb.Handle, &mb.Team)
	if err != nil {
		return nil, err
	}
	return &mb, nil
}

func label(h string) string { return "@" + h }
