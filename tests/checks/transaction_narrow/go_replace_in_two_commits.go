// stack: gorm.io/gorm gorm.io/driver/postgres
package ranking

import (
	"time"

	"gorm.io/gorm"
)

type Score struct {
	PlayerID string
	Week     int
	Points   int
}

type Session struct {
	Token   string
	Expires time.Time
}

type Player struct{ ID string }

// scoreStore commits every call on its own: GORM's Delete and Create are
// each one statement in autocommit.
type scoreStore struct{ db *gorm.DB }

func (r *scoreStore) DeleteForPlayer(playerID string, week int) error {
	return r.db.Where("player_id = ? AND week = ?", playerID, week).Delete(&Score{}).Error
}

func (r *scoreStore) InsertAll(rows []*Score) error {
	return r.db.Create(&rows).Error
}

func (r *scoreStore) DeleteTx(tx *gorm.DB, playerID string) error {
	return tx.Where("player_id = ?", playerID).Delete(&Score{}).Error
}

func (r *scoreStore) InsertTx(tx *gorm.DB, rows []*Score) error {
	return tx.Create(&rows).Error
}

type sessionStore struct{ db *gorm.DB }

func (s *sessionStore) DeleteExpired() error {
	return s.db.Where("expires < ?", time.Now()).Delete(&Session{}).Error
}

func (s *sessionStore) Insert(sess *Session) error {
	return s.db.Create(sess).Error
}

type Ranker struct {
	scores   *scoreStore
	sessions *sessionStore
	db       *gorm.DB
}

// Rebuild removes a player's week and writes the recomputed rows in a
// second commit: if the insert fails, the week is simply gone.
func (k *Ranker) Rebuild(p *Player, week int) error {
	if err := k.scores.DeleteForPlayer(p.ID, week); err != nil { // expect: transaction_narrow MEDIUM
		return err
	}
	rows, err := k.compute(p, week)
	if err != nil {
		return err
	}
	return k.scores.InsertAll(rows)
}

// Look-alike: the same replacement inside one GORM transaction.
func (k *Ranker) RebuildAtomically(p *Player, week int) error {
	return k.db.Transaction(func(tx *gorm.DB) error {
		if err := k.scores.DeleteTx(tx, p.ID); err != nil {
			return err
		}
		rows, err := k.compute(p, week)
		if err != nil {
			return err
		}
		return k.scores.InsertTx(tx, rows)
	})
}

// Look-alike: housekeeping, then an unrelated new row: the delete is not
// keyed by what is inserted.
func (k *Ranker) Login(token string) error {
	if err := k.sessions.DeleteExpired(); err != nil {
		return err
	}
	return k.sessions.Insert(&Session{Token: token, Expires: time.Now().Add(time.Hour)})
}

// Look-alike: the delete and the insert are alternatives, never both.
func (k *Ranker) Reset(p *Player, week int, keep bool) error {
	if !keep {
		return k.scores.DeleteForPlayer(p.ID, week)
	} else {
		rows, err := k.compute(p, week)
		if err != nil {
			return err
		}
		return k.scores.InsertAll(rows)
	}
}

// Look-alike: a store the caller hands in may already be in its
// transaction.
func rebuildWith(scores *scoreStore, p *Player, week int) error {
	if err := scores.DeleteForPlayer(p.ID, week); err != nil {
		return err
	}
	rows := []*Score{{PlayerID: p.ID, Week: week}}
	return scores.InsertAll(rows)
}

func (k *Ranker) compute(p *Player, week int) ([]*Score, error) {
	return []*Score{{PlayerID: p.ID, Week: week, Points: 0}}, nil
}
