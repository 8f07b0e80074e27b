package mrz

import "fmt"

// Warning is something about a zone that was read that an officer should
// hear about: the zone is readable and its check digits agree, but a code
// is unknown, the name may have been misread, or the document has expired.
type Warning struct {
	Code    string `json:"code"`            // one of the Warn... constants
	Field   string `json:"field,omitempty"` // the field concerned, as error messages name it
	Message string `json:"message"`
}

// Warning codes.
const (
	WarnUnknownCode   = "unknown_code"   // an issuing state or nationality Doc 9303 does not know
	WarnNameSeparator = "name_separator" // a second double filler in the name field
	WarnExpired       = "expired"        // the date of expiry has passed
)

func (p *parser) warn(code, field, format string, args ...any) {
	p.warnings = append(p.warnings, Warning{Code: code, Field: field, Message: fmt.Sprintf(format, args...)})
}
