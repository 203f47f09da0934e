// stack: gorm.io/gorm
package forum

import "gorm.io/gorm"

type Topic struct {
	ID    uint
	Title string
}

type Reply struct {
	ID      uint
	TopicID uint
}

type Store struct{ db *gorm.DB }

// Each store method commits on its own (no transaction is handed in).
func (s *Store) RemoveTopic(t *Topic) error {
	return s.db.Unscoped().Delete(t).Error
}

func (s *Store) RemoveReplies(topicID uint) error {
	return s.db.Unscoped().Where("topic_id = ?", topicID).Delete(&Reply{}).Error
}

func (s *Store) RenameTopic(t *Topic) error {
	return s.db.Save(t).Error
}

func (s *Store) RemoveTopicTx(tx *gorm.DB, t *Topic) error {
	return tx.Unscoped().Delete(t).Error
}

func (s *Store) RemoveRepliesTx(tx *gorm.DB, topicID uint) error {
	return tx.Where("topic_id = ?", topicID).Delete(&Reply{}).Error
}

func (s *Store) Topic(id uint) Topic {
	var t Topic
	s.db.First(&t, id)
	return t
}

// The topic goes first and commits; its replies, keyed by its id, are
// removed by another helper in their own commits: a failure there
// leaves replies naming a topic that is gone.
func (s *Store) DropTopic(id uint) error {
	t := s.Topic(id)
	if err := s.RemoveTopic(&t); err != nil { // expect: transaction_narrow HIGH
		return err
	}
	return s.RemoveReplies(t.ID)
}

// The same per item of a list of topics.
func (s *Store) DropTopics(topics []Topic) {
	for _, t := range topics {
		s.RemoveTopic(&t) // expect: transaction_narrow HIGH, n_update_delete_loop HIGH
		s.RemoveReplies(t.ID)
	}
}

// Look-alike: the children removed in a goroutine; started apart, not
// one change in line.
func (s *Store) DropTopicLater(t *Topic) error {
	if err := s.RemoveTopic(t); err != nil {
		return err
	}
	go s.RemoveReplies(t.ID)
	return nil
}

// Look-alike: the first helper only saves the row, nothing is deleted.
func (s *Store) RenameAndPrune(t *Topic) error {
	if err := s.RenameTopic(t); err != nil {
		return err
	}
	return s.RemoveReplies(t.ID)
}

// Look-alike: both helpers run on one transaction the caller opens.
func (s *Store) DropTopicTx(t *Topic) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		if err := s.RemoveTopicTx(tx, t); err != nil {
			return err
		}
		return s.RemoveRepliesTx(tx, t.ID)
	})
}

// Look-alike: the second helper is keyed by something else than the
// deleted row.
func (s *Store) DropTopicAndStale(t *Topic, staleID uint) error {
	if err := s.RemoveTopic(t); err != nil {
		return err
	}
	return s.RemoveReplies(staleID)
}
