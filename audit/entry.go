package audit

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// Entry types.
const (
	TypeCheck         = "check"              // a traveller screened (API form, MRZ or manifest)
	TypeResolve       = "check.resolve"      // a supervisor confirmed or dismissed a check
	TypeChangeMade    = "change.made"        // the registry published a restriction change
	TypeChangeApplied = "change.applied"     // a border node applied a restriction change
	TypeSubjectAccess = "subject.access"     // a person asked for their own restrictions
	TypePurged        = "restriction.purged" // an ended restriction's data purged after its retention period
	TypeTokenIssued   = "token.issued"
	TypeTokenRevoked  = "token.revoked"
	// TypeRestrictionRead is an issuing authority's read of one of its
	// restrictions, marked exempt when the authority kept it from the
	// person's access log.
	TypeRestrictionRead = "restriction.read"
	// A person's requests without an account, and appeals.
	TypeSubjectStatus    = "subject.status"     // a person asked for their status
	TypeSubjectAccessLog = "subject.access_log" // a person asked who looked them up
	TypeAppealFiled      = "appeal.filed"       // a person appealed against a restriction
	TypeAppealDecided    = "appeal.decided"     // an authority decided an appeal
	// TypeReferralOpened is a supervisor opening a referral, which shows
	// the node's copy of the restrictions the check matched.
	TypeReferralOpened = "referral.opened"
)

// Entry is one record of the log. Its JSON encoding, as stored, is what the
// tree hashes; see the package comment for which fields are kept and why.
type Entry struct {
	Type  string    `json:"type"`
	At    time.Time `json:"at"`
	Node  string    `json:"node"`
	Actor string    `json:"actor,omitempty"` // token id of the caller
	Role  string    `json:"role,omitempty"`

	CheckID      string  `json:"check_id,omitempty"`
	Request      string  `json:"request,omitempty"`       // "sha256:" + hex of the request body as received
	Document     string  `json:"document,omitempty"`      // the kind of document read
	DocumentHash string  `json:"document_hash,omitempty"` // keyed hash of the document number
	Decision     string  `json:"decision,omitempty"`
	Matches      []Match `json:"matches,omitempty"`

	Resolution string `json:"resolution,omitempty"`
	ReasonHash string `json:"reason_hash,omitempty"`

	RestrictionID string `json:"restriction_id,omitempty"`
	Version       int64  `json:"version,omitempty"`
	Authority     string `json:"authority,omitempty"`
	Kind          string `json:"kind,omitempty"`
	Status        string `json:"status,omitempty"`

	SubjectHash string `json:"subject_hash,omitempty"`
	Token       string `json:"token,omitempty"`

	// Exempt marks a look kept from the person's access log; the ground
	// given for it is in ReasonHash.
	Exempt bool `json:"exempt,omitempty"`
	// ReasonCode is a supervisor's resolution code (trex.ResolutionCodes).
	ReasonCode string `json:"reason_code,omitempty"`
	// Shown are the restrictions whose records a supervisor was shown on
	// opening a referral (referral.opened); ids only.
	Shown []string `json:"shown,omitempty"`
}

// Match is one restriction a check matched, with its score.
type Match struct {
	RestrictionID string  `json:"restriction_id"`
	Score         float64 `json:"score"`
}

// Encode returns the bytes the log stores and hashes for e.
func (e *Entry) Encode() ([]byte, error) {
	if data, ok := appendEntryJSON(make([]byte, 0, 640), e, e.At.UTC()); ok {
		return data, nil
	}
	c := *e
	c.At = c.At.UTC()
	data, err := json.Marshal(&c)
	if err != nil {
		return nil, fmt.Errorf("encode audit entry %s: %w", e.Type, err)
	}
	return data, nil
}

// DecodeEntry reads an entry as the log stores it.
func DecodeEntry(data []byte) (*Entry, error) {
	var e Entry
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, fmt.Errorf("decode audit entry: %w", err)
	}
	return &e, nil
}

// RequestHash is the form Entry.Request and signed decisions give the
// hash of a request body.
func RequestHash(body []byte) string {
	sum := sha256.Sum256(body)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// TextHash is an unkeyed hash of a free text (a supervisor's reason), so
// that the text can later be shown to be the one recorded without being
// kept in the log.
func TextHash(s string) string {
	if s == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(s))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// keyedHash is an HMAC-SHA256 of value under key, for identifiers (document
// numbers, national identifiers) that a plain hash would not hide: their
// space is small enough to be searched.
func keyedHash(key []byte, value string) string {
	if value == "" {
		return ""
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(value))
	return keyedHashPrefix + hex.EncodeToString(m.Sum(nil))
}

// keyedHashPrefix names the keyed hash in the entries.
const keyedHashPrefix = "hmac-sha256:"
