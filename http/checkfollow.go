package http

import (
	"context"

	"trex"
)

// checkLogFollower writes the node's check log alongside its audit log
// (audit.Follower): the check records of every caller whose entries the
// audit log commits together, in one RecordChecks while the audit log
// commits them, so that a busy node writes its check log once per batch
// of the audit log and a check waits for one write, not two in turn. It is the Server
// itself, seen as a follower, so that all the callers of one Server name
// the same follower and share the write.
type checkLogFollower Server

// checkLogError is the check log's refusal of a caller's records: the
// caller is answered with it as the check log gave it.
type checkLogError struct{ err error }

func (e checkLogError) Error() string { return e.err.Error() }
func (e checkLogError) Unwrap() error { return e.err }

// Follow writes items (each a caller's []*trex.CheckRecord) in one go;
// when that fails, each caller's on its own, so that one bad record fails
// only its caller.
func (f *checkLogFollower) Follow(ctx context.Context, items []any) []error {
	s := (*Server)(f)
	var all []*trex.CheckRecord
	for _, it := range items {
		all = append(all, it.([]*trex.CheckRecord)...)
	}
	err := s.CheckLog.RecordChecks(ctx, all)
	if err == nil {
		return nil
	}
	errs := make([]error, len(items))
	for i, it := range items {
		if len(items) > 1 {
			err = s.CheckLog.RecordChecks(ctx, it.([]*trex.CheckRecord))
		}
		if err != nil {
			errs[i] = checkLogError{err}
		}
	}
	return errs
}
