package fakes

import (
	"example.com/tracker/repo"
	"github.com/stretchr/testify/mock"
)

// A test double of IMemberService: not an implementation the service runs.
type MemberServiceMock struct {
	mock.Mock
}

func (m *MemberServiceMock) Delete(u *repo.Member) error { return m.Called(u).Error(0) }
func (m *MemberServiceMock) Ping(id string) error         { return m.Called(id).Error(0) }
func (m *MemberServiceMock) Get(id string) (*repo.Member, error) {
	args := m.Called(id)
	return args.Get(0).(*repo.Member), args.Error(1)
}
