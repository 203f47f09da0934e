package repo

import "gorm.io/gorm"

type Member struct {
	ID       string
	LastSeen int64
}

type Tag struct {
	ID   int64
	Name string
}

// One interface per table; the service holds the interface, not the struct.
type IMemberRepo interface {
	FindAll() ([]*Member, error)
	Remove(m *Member) error
	Touch(id string, at int64) error
}

type MemberRepo struct {
	db *gorm.DB
}

func (r *MemberRepo) FindAll() ([]*Member, error) {
	var out []*Member
	return out, r.db.Find(&out).Error
}

func (r *MemberRepo) Remove(m *Member) error {
	return r.db.Delete(m).Error
}

func (r *MemberRepo) Touch(id string, at int64) error {
	return r.db.Model(&Member{}).Where("id = ?", id).Update("last_seen", at).Error
}

type ITagRepo interface {
	Put(t *Tag) error
	Drop(t *Tag) error
}

type TagRepo struct {
	db *gorm.DB
}

func (r *TagRepo) Put(t *Tag) error  { return r.db.Save(t).Error }
func (r *TagRepo) Drop(t *Tag) error { return r.db.Delete(t).Error }

// Same method names, other parameter types: it does not implement ITagRepo,
// so it is no second, database-free implementation of it.
type Note struct{ ID int64 }

type NoteCache struct {
	notes map[int64]*Note
}

func (c *NoteCache) Put(n *Note) error  { c.notes[n.ID] = n; return nil }
func (c *NoteCache) Drop(n *Note) error { delete(c.notes, n.ID); return nil }
