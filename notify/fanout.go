package notify

import (
	"context"
	"errors"

	"trex"
)

// Fanout sends each notice over every sender; it fails (and the notice is
// retried over all of them) when any of them fails.
type Fanout []trex.NoticeSender

// SendNotice implements trex.NoticeSender.
func (f Fanout) SendNotice(ctx context.Context, n trex.Notice) error {
	var errs []error
	for _, s := range f {
		if err := s.SendNotice(ctx, n); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
