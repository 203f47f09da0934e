package svc

import "example.com/tracker/repo"

type IMemberService interface {
	Delete(m *repo.Member) error
	Ping(id string) error
	Get(id string) (*repo.Member, error)
}

type MemberService struct {
	repository repo.IMemberRepo
}

func (s *MemberService) Delete(m *repo.Member) error {
	return s.repository.Remove(m)
}

func (s *MemberService) Get(id string) (*repo.Member, error) {
	all, err := s.repository.FindAll()
	if err != nil || len(all) == 0 {
		return nil, err
	}
	return all[0], nil
}

func (s *MemberService) Ping(id string) error {
	return s.repository.Touch(id, 0)
}

// A second interface whose implementations do not all write: one keeps
// the state in memory.
type IFlagService interface {
	Clear(m *repo.Member) error
}

type DBFlagService struct {
	repository repo.IMemberRepo
}

func (s *DBFlagService) Clear(m *repo.Member) error { return s.repository.Remove(m) }

type MemoryFlagService struct {
	flags map[string]bool
}

func (s *MemoryFlagService) Clear(m *repo.Member) error { delete(s.flags, m.ID); return nil }
