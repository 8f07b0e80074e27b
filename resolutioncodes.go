package trex

import (
	"slices"
	"strings"
)

// Reason codes a supervisor gives with a resolution: why a referred or hit
// check was confirmed (the traveller is the restricted person) or
// dismissed (overridden: let pass). The list is fixed so that resolutions
// can be counted and compared across nodes; the free-text reason says the
// rest.
const (
	// Confirmed because...
	CodeDocumentMatches   = "document_matches"   // the document presented is the one on the record
	CodeIdentifierMatches = "identifier_matches" // the national identifier agrees with the record
	CodeIdentityVerified  = "identity_verified"  // identity established by photograph, fingerprints or interview

	// Dismissed because...
	CodeDifferentPerson       = "different_person"         // another person with a similar name and birth date
	CodeDocumentMismatch      = "document_mismatch"        // the document's number or issuing state differs from the record
	CodeBirthDateMismatch     = "birth_date_mismatch"      // the birth date on the document differs from the record
	CodeRestrictionNotInForce = "restriction_not_in_force" // lifted, expired or not yet valid when checked
	CodeRecordError           = "record_error"             // the record is wrong; the issuing authority is told
)

// ResolutionCodes are the reason codes each resolution accepts.
var ResolutionCodes = map[string][]string{
	ResolutionConfirmed: {CodeDocumentMatches, CodeIdentifierMatches, CodeIdentityVerified},
	ResolutionDismissed: {CodeDifferentPerson, CodeDocumentMismatch, CodeBirthDateMismatch, CodeRestrictionNotInForce, CodeRecordError},
}

// ValidateResolution checks a supervisor's resolution: a known resolution,
// a reason code from its list, and a reason. EINVALID says what to send.
func ValidateResolution(resolution, code, reason string) error {
	codes, ok := ResolutionCodes[resolution]
	if !ok {
		return Errorf(EINVALID, "resolution %q: want %q or %q", resolution, ResolutionConfirmed, ResolutionDismissed)
	}
	if !slices.Contains(codes, code) {
		if code == "" {
			return Errorf(EINVALID, "reason_code: required; for %s one of %s", resolution, strings.Join(codes, ", "))
		}
		return Errorf(EINVALID, "reason_code %q: for %s want one of %s", code, resolution, strings.Join(codes, ", "))
	}
	if reason == "" {
		return Errorf(EINVALID, "reason: required; say why")
	}
	return nil
}
