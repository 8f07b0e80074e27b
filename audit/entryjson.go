package audit

import (
	"math"
	"strconv"
	"time"
)

// appendEntryJSON appends the encoding of e stamped at (e.At in UTC), byte
// for byte what encoding/json writes for it (fields in order, empty ones
// left out), for the entries
// whose strings need no escaping, times fall in years 0 to 9999 and
// scores are finite and written without an exponent: the entries a node
// writes. It says false, having appended nothing, for any other entry,
// which Encode then leaves to encoding/json. Written out by hand, an
// entry costs a fraction of what reflection does, on every check.
func appendEntryJSON(b []byte, e *Entry, at time.Time) ([]byte, bool) {
	if y := at.Year(); y < 0 || y > 9999 {
		return b, false
	}
	start := len(b)
	ok := true
	str := func(name string, v string, always bool) {
		if v == "" && !always {
			return
		}
		if !plainJSON(v) {
			ok = false
			return
		}
		b = append(b, ',', '"')
		b = append(b, name...)
		b = append(b, '"', ':', '"')
		b = append(b, v...)
		b = append(b, '"')
	}
	b = append(b, '{')
	str("type", e.Type, true)
	b = append(b, `,"at":"`...)
	b = at.AppendFormat(b, time.RFC3339Nano)
	b = append(b, '"')
	str("node", e.Node, true)
	str("actor", e.Actor, false)
	str("role", e.Role, false)
	str("check_id", e.CheckID, false)
	str("request", e.Request, false)
	str("document", e.Document, false)
	str("document_hash", e.DocumentHash, false)
	str("decision", e.Decision, false)
	if len(e.Matches) > 0 {
		b = append(b, `,"matches":[`...)
		for i, m := range e.Matches {
			if i > 0 {
				b = append(b, ',')
			}
			if !plainJSON(m.RestrictionID) || !plainScore(m.Score) {
				return b[:start], false
			}
			b = append(b, `{"restriction_id":"`...)
			b = append(b, m.RestrictionID...)
			b = append(b, `","score":`...)
			b = strconv.AppendFloat(b, m.Score, 'f', -1, 64)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	str("resolution", e.Resolution, false)
	str("reason_hash", e.ReasonHash, false)
	str("restriction_id", e.RestrictionID, false)
	if e.Version != 0 {
		b = append(b, `,"version":`...)
		b = strconv.AppendInt(b, e.Version, 10)
	}
	str("authority", e.Authority, false)
	str("kind", e.Kind, false)
	str("status", e.Status, false)
	str("subject_hash", e.SubjectHash, false)
	str("token", e.Token, false)
	if e.Exempt {
		b = append(b, `,"exempt":true`...)
	}
	str("reason_code", e.ReasonCode, false)
	if len(e.Shown) > 0 {
		b = append(b, `,"shown":[`...)
		for i, id := range e.Shown {
			if !plainJSON(id) {
				return b[:start], false
			}
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '"')
			b = append(b, id...)
			b = append(b, '"')
		}
		b = append(b, ']')
	}
	b = append(b, '}')
	if !ok {
		return b[:start], false
	}
	// The first field was written with a comma before it.
	copy(b[start+1:], b[start+2:])
	return b[:len(b)-1], true
}

// plainJSON says whether encoding/json writes s as it is, in quotes:
// printable ASCII other than the quote, the backslash and the characters
// it escapes for HTML.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c > 0x7e, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		}
	}
	return true
}

// plainScore says whether encoding/json writes f as strconv's shortest
// decimal without an exponent.
func plainScore(f float64) bool {
	a := math.Abs(f)
	return !math.IsNaN(f) && !math.IsInf(f, 0) && (a == 0 || a >= 1e-6 && a < 1e21)
}
