package natsx

import "trex"

// The refusal reasons are the domain's (see trex.RefusalCode); these names
// keep them at hand where envelopes are opened.
var (
	ErrMalformed      = trex.ErrMalformed
	ErrUnsigned       = trex.ErrUnsigned
	ErrUnknownKey     = trex.ErrUnknownKey
	ErrBadSignature   = trex.ErrBadSignature
	ErrWrongAuthority = trex.ErrWrongAuthority
	ErrRevokedKey     = trex.ErrRevokedKey
	ErrOutsideWindow  = trex.ErrOutsideWindow
	ErrFromFuture     = trex.ErrFromFuture
	ErrBackdated      = trex.ErrBackdated
	ErrReplayed       = trex.ErrReplayed
	ErrMisrouted      = trex.ErrMisrouted
)

// RefusalCode is trex.RefusalCode.
func RefusalCode(err error) string { return trex.RefusalCode(err) }
