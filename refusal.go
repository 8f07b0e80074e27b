package trex

import "errors"

// Reasons a border node refuses an envelope. Each refusal is logged and
// counted by its RefusalCode; the change is never applied.
var (
	ErrMalformed      = errors.New("envelope is malformed")
	ErrUnsigned       = errors.New("envelope is not signed")
	ErrUnknownKey     = errors.New("envelope is signed by a key not on the trust list")
	ErrBadSignature   = errors.New("envelope signature does not verify (tampered or forged)")
	ErrWrongAuthority = errors.New("envelope key belongs to another authority than the restriction")
	ErrRevokedKey     = errors.New("envelope is signed by a revoked key")
	ErrOutsideWindow  = errors.New("envelope was signed outside its key's validity window")
	ErrFromFuture     = errors.New("envelope claims an issue time in the future")
	ErrBackdated      = errors.New("envelope claims an issue time far from when the exchange stored it (backdated)")
	ErrReplayed       = errors.New("envelope carries a version already applied or superseded (replay)")
	ErrMisrouted      = errors.New("envelope arrived on another restriction's subject")
)

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
	{ErrBackdated, "backdated"},
	{ErrUnknownKey, "unknown_key"},
	{ErrBadSignature, "bad_signature"},
	{ErrWrongAuthority, "wrong_authority"},
	{ErrUnsigned, "unsigned"},
	{ErrMalformed, "malformed"},
}

// RefusalCode is a short, stable name for why an envelope was refused
// (replayed, revoked_key, outside_window, backdated, unknown_key,
// bad_signature, ...), or "other" for an error that is none of the reasons
// above.
func RefusalCode(err error) string {
	for _, rc := range refusalCodes {
		if errors.Is(err, rc.err) {
			return rc.code
		}
	}
	return "other"
}
