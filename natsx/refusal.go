package natsx

import "errors"

// refusalCodes name each refusal reason for logs and metrics.
var refusalCodes = []struct {
	err  error
	code string
}{
	{ErrReplayed, "replayed"},
	{ErrMisrouted, "misrouted"},
	{ErrRevokedKey, "revoked_key"},
	{ErrOutsideWindow, "outside_window"},
	{ErrFromFuture, "from_future"},
	{ErrUnknownKey, "unknown_key"},
	{ErrBadSignature, "bad_signature"},
	{ErrWrongAuthority, "wrong_authority"},
	{ErrUnsigned, "unsigned"},
	{ErrMalformed, "malformed"},
}

// RefusalCode is a short, stable name for why an envelope was refused
// (replayed, revoked_key, outside_window, unknown_key, bad_signature, ...),
// or "other" for an error that is none of this package's reasons.
func RefusalCode(err error) string {
	for _, rc := range refusalCodes {
		if errors.Is(err, rc.err) {
			return rc.code
		}
	}
	return "other"
}
