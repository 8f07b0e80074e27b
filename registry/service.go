package registry

import (
	"context"

	"trex"
)

// Service is the registry as the API sees it: the store, with the relay
// woken after every write so changes leave at once.
type Service struct {
	trex.RestrictionService
	Relay *Relay
}

// CreateRestriction stores r and wakes the relay.
func (s *Service) CreateRestriction(ctx context.Context, r *trex.Restriction) error {
	if err := s.RestrictionService.CreateRestriction(ctx, r); err != nil {
		return err
	}
	s.Relay.Kick()
	return nil
}

// LiftRestriction lifts and wakes the relay.
func (s *Service) LiftRestriction(ctx context.Context, id, reason string) (*trex.Restriction, error) {
	r, err := s.RestrictionService.LiftRestriction(ctx, id, reason)
	if err == nil {
		s.Relay.Kick()
	}
	return r, err
}
