package trex

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Person is someone as one side of the exchange knows them. The issuer holds
// names in Cyrillic with patronymics and internal identifiers; the border sees
// a travel document with a Latin rendering. Both are a Person.
type Person struct {
	// Names holds every known rendering of the name, in any script. The
	// first is the primary one.
	Names       []Name       `json:"names"`
	BirthDate   PartialDate  `json:"birth_date"`
	Sex         Sex          `json:"sex,omitempty"`
	Nationality []string     `json:"nationality,omitempty"` // ISO 3166-1 alpha-2 or alpha-3, as given
	Identifiers []Identifier `json:"identifiers,omitempty"` // national IDs, tax numbers, ...
	Documents   []Document   `json:"documents,omitempty"`   // travel documents
}

// Name is one rendering of a person's name. Either the parts are set, or only
// Full is (when a source gives the whole name as one string, the matcher
// splits it itself).
type Name struct {
	Surname    string `json:"surname,omitempty"`
	Given      string `json:"given,omitempty"` // given names, space-separated
	Patronymic string `json:"patronymic,omitempty"`
	Full       string `json:"full,omitempty"`
}

// String renders the name for people: "Surname Given Patronymic", or Full.
func (n Name) String() string {
	if n.Surname == "" && n.Given == "" && n.Patronymic == "" {
		return n.Full
	}
	return strings.Join(nonEmpty(n.Surname, n.Given, n.Patronymic), " ")
}

// IsZero reports whether the name carries no text at all.
func (n Name) IsZero() bool {
	return strings.TrimSpace(n.Surname+n.Given+n.Patronymic+n.Full) == ""
}

// Sex as recorded on a document: M, F, or unknown.
type Sex string

// Sexes.
const (
	SexUnknown Sex = ""
	SexMale    Sex = "M"
	SexFemale  Sex = "F"
)

// ParseSex accepts the spellings sources use (M, F, male, female, X, <).
func ParseSex(s string) (Sex, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "m", "male", "м", "муж":
		return SexMale, nil
	case "f", "female", "ж", "жен":
		return SexFemale, nil
	case "", "x", "<", "u", "unknown", "other":
		return SexUnknown, nil
	}
	return SexUnknown, Errorf(EINVALID, "sex %q: want M, F, male, female or X", s)
}

// Identifier is a national identifier (ID card, tax, internal passport number).
type Identifier struct {
	Kind    string `json:"kind,omitempty"`    // e.g. "national_id", "internal_passport"
	Country string `json:"country,omitempty"` // issuing country, if known
	Value   string `json:"value"`
}

// Document is a travel document.
type Document struct {
	Kind         string      `json:"kind,omitempty"` // "passport", "id_card", "visa", ...
	Number       string      `json:"number"`
	IssuingState string      `json:"issuing_state,omitempty"`
	Expiry       PartialDate `json:"expiry,omitempty"`
}

// NormalizeDocumentNumber reduces a document or ID number to the characters
// that identify it: upper-case letters and digits, no spaces, dashes or MRZ
// fillers. A fullwidth or styled letter or digit counts as the one it
// stands for (its NFKC form, when that is a single character).
func NormalizeDocumentNumber(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r >= 0x80 {
			if n := []rune(norm.NFKC.String(string(r))); len(n) == 1 {
				r = unicode.ToUpper(n[0])
			}
		}
		if (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// PartialDate is a date of which the year, the month or the day may be
// unknown (zero). Sources often know only a birth year.
type PartialDate struct {
	Year  int
	Month int
	Day   int
}

// ParsePartialDate reads YYYY, YYYY-MM or YYYY-MM-DD. The empty string is the
// zero (unknown) date.
func ParsePartialDate(s string) (PartialDate, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return PartialDate{}, nil
	}
	if len(s) > 10 { // a timestamp: keep the date part
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return PartialDate{t.Year(), int(t.Month()), t.Day()}, nil
		}
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return PartialDate{}, Errorf(EINVALID, "date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var d PartialDate
	var err error
	if d.Year, err = strconv.Atoi(parts[0]); err != nil || d.Year < 1 {
		return PartialDate{}, Errorf(EINVALID, "date %q: year is not a number", s)
	}
	if len(parts) > 1 {
		if d.Month, err = strconv.Atoi(parts[1]); err != nil || len(parts[1]) != 2 || d.Month < 1 || d.Month > 12 {
			return PartialDate{}, Errorf(EINVALID, "date %q: month must be 01-12", s)
		}
	}
	if len(parts) > 2 {
		if d.Day, err = strconv.Atoi(parts[2]); err != nil || len(parts[2]) != 2 || d.Day < 1 || d.Day > daysIn(d.Year, d.Month) {
			return PartialDate{}, Errorf(EINVALID, "date %q: day does not exist in that month", s)
		}
	}
	return d, nil
}

// MustPartialDate is ParsePartialDate for literals in tests and generators.
func MustPartialDate(s string) PartialDate {
	d, err := ParsePartialDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether nothing of the date is known.
func (d PartialDate) IsZero() bool { return d.Year == 0 }

// IsFull reports whether year, month and day are all known.
func (d PartialDate) IsFull() bool { return d.Year != 0 && d.Month != 0 && d.Day != 0 }

// String renders the date as YYYY, YYYY-MM or YYYY-MM-DD; "" when unknown.
func (d PartialDate) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// MarshalText implements encoding.TextMarshaler.
func (d PartialDate) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *PartialDate) UnmarshalText(b []byte) error {
	v, err := ParsePartialDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func nonEmpty(ss ...string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
