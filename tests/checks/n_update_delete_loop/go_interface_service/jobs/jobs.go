package jobs

import (
	"example.com/tracker/repo"
	"example.com/tracker/svc"

	"github.com/muety/artifex/v2"
)

// The project's own hub: Dispatch runs the handler at once, in the
// caller's goroutine.
type Hub struct {
	handlers []func()
}

func (h *Hub) Dispatch(fn func()) error {
	fn()
	return nil
}

type Cleaner struct {
	members svc.IMemberService
	flags   svc.IFlagService
	tags    repo.ITagRepo
	queue   *artifex.Dispatcher
	hub     *Hub
}

// Every implementation of IMemberService.Delete deletes a row: one DELETE
// per stale member.
func (c *Cleaner) Prune(stale []*repo.Member) {
	for _, m := range stale {
		_ = c.members.Delete(m) // expect: n_update_delete_loop HIGH
	}
}

// The only implementation of ITagRepo writes (NoteCache takes other types).
func (c *Cleaner) DropTags(tags []*repo.Tag) {
	for _, t := range tags {
		_ = c.tags.Drop(t) // expect: n_update_delete_loop HIGH
	}
}

// Look-alike: one implementation of IFlagService keeps flags in memory,
// so the index cannot say this loop deletes rows.
func (c *Cleaner) ClearFlags(stale []*repo.Member) {
	for _, m := range stale {
		_ = c.flags.Clear(m)
	}
}

// Look-alike: each deletion is a job handed to a job queue library's
// dispatcher (the field's type comes from its package); the loop only
// enqueues.
func (c *Cleaner) PruneLater(stale []*repo.Member) {
	for _, m := range stale {
		c.pruneLater(m)
	}
}

func (c *Cleaner) pruneLater(m *repo.Member) {
	_ = c.queue.Dispatch(func() {
		_ = c.members.Delete(m)
	})
}

// The project's hub runs each deletion before Dispatch returns: one
// DELETE per member, whatever the method is called.
func (c *Cleaner) PruneNow(stale []*repo.Member) {
	for _, m := range stale {
		c.pruneNow(m) // expect: n_update_delete_loop HIGH
	}
}

func (c *Cleaner) pruneNow(m *repo.Member) {
	_ = c.hub.Dispatch(func() {
		_ = c.members.Delete(m)
	})
}

// One UPDATE per id of the list.
func (c *Cleaner) PingAll(ids []string) {
	for _, id := range ids {
		_ = c.members.Ping(id) // expect: n_update_delete_loop HIGH
	}
}

// A read through an interface whose one implementation reads with no
// cache of its own (`MemberService.Get` loads the members each time): one
// read per id. (A service that answers from its own cache first stays
// silent: n_plus_one/go_iface_one_impl_reads.go.)
func (c *Cleaner) Names(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if m, err := c.members.Get(id); err == nil { // expect: n_plus_one MEDIUM
			out = append(out, m.ID)
		}
	}
	return out
}
