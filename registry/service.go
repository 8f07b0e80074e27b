package registry

import (
	"context"
	"sync"

	"trex"
)

// Service is the registry as the API sees it: the store, with the relay
// woken after every write so changes leave at once.
type Service struct {
	trex.RestrictionService
	Relay *Relay
	// CanSign reports, as a trex.Error saying why, whether authority can
	// sign a change now (it is on the trust list and holds a key valid
	// now). A change it could not sign is refused before it is stored
	// rather than accepted and left unpublished. Nil accepts every
	// authority.
	CanSign func(authority string) error

	// batcher commits concurrent creates together when the store can.
	batchOnce sync.Once
	batcher   *createBatcher
}

// CreateRestriction refuses a restriction its authority cannot sign now,
// stores it, and wakes the relay.
func (s *Service) CreateRestriction(ctx context.Context, r *trex.Restriction) error {
	if err := s.canSign(r.Authority); err != nil {
		return err
	}
	if err := s.create(ctx, r); err != nil {
		return err
	}
	s.Relay.Kick()
	return nil
}

// LiftRestriction refuses a lift the restriction's authority cannot sign
// now (the border would keep applying the restriction while the registry
// said it was lifted), lifts, and wakes the relay.
func (s *Service) LiftRestriction(ctx context.Context, id, reason string) (*trex.Restriction, error) {
	if s.CanSign != nil {
		cur, err := s.RestrictionService.FindRestriction(ctx, id)
		if err != nil {
			return nil, err
		}
		if err := s.canSign(cur.Authority); err != nil {
			return nil, err
		}
	}
	r, err := s.RestrictionService.LiftRestriction(ctx, id, reason)
	if err == nil {
		s.Relay.Kick()
	}
	return r, err
}

// create stores r, in a transaction shared with the creates that arrive
// meanwhile when the store can create many at once.
func (s *Service) create(ctx context.Context, r *trex.Restriction) error {
	s.batchOnce.Do(func() {
		if bc, ok := s.RestrictionService.(trex.BatchCreator); ok {
			s.batcher = newCreateBatcher(bc)
		}
	})
	if s.batcher == nil {
		return s.RestrictionService.CreateRestriction(ctx, r)
	}
	return s.batcher.create(ctx, r)
}

func (s *Service) canSign(authority string) error {
	if s.CanSign == nil {
		return nil
	}
	return s.CanSign(authority)
}
