package mrz

import (
	"time"

	"trex"
)

// Zone is a machine-readable zone that has been read and verified.
type Zone struct {
	Format         Format
	DocumentCode   string // "P", "I", "ID", "V", ... without fillers
	IssuingState   string // ICAO 9303 Part 3 code, e.g. "UTO", "D"
	Surname        string // fillers inside the name become spaces
	GivenNames     []string
	DocumentNumber string // the whole number, also when it continues into the optional data
	Nationality    string
	BirthDate      trex.PartialDate // parts the document leaves unknown are zero
	Sex            trex.Sex
	ExpiryDate     trex.PartialDate // zero when the document has none
	// OptionalData is the optional data of line 2 (TD2, TD3, visas) or
	// line 1 (TD1), without trailing fillers; on TD1 the part
	// that carries a long document number is left out.
	OptionalData string
	// OptionalData2 is the second optional field of TD1 (line 2).
	OptionalData2 string
	// NumberCheckWithFiller is set when the check digit of a long document
	// number (TD1, TD2) counts the filler that stands between the number's
	// first nine characters and the rest, as some issuers compute it,
	// rather than the number alone as Doc 9303 does. Both are accepted.
	NumberCheckWithFiller bool
	// Truncated is set when the name field is full to its last position, so
	// that the name may have been cut short to fit.
	Truncated bool
	// Corrections lists what the OCR-tolerant mode changed, in order.
	Corrections []Correction
	// National is what the zone says under its issuer's own rules (the
	// Russian internal passport's Cyrillic name and series, a card's
	// personal number); nil when it says nothing beyond Doc 9303.
	National *National
	// Warnings lists what an officer should hear about a zone that reads:
	// unknown codes, a name split in doubt, an expired document.
	Warnings []Warning
}

// Correction is one character the OCR-tolerant mode changed.
type Correction struct {
	Line  int    `json:"line"`     // 1-based
	Pos   int    `json:"position"` // 1-based
	From  string `json:"from"`
	To    string `json:"to"`
	Field string `json:"field"`
}

// Reader reads zones. The zero value reads strictly and takes the time from
// the clock; set Now to fix it (tests, replays) and OCR to accept misreads.
type Reader struct {
	// Now is the time the century rules count from: a birth date is never
	// in the future. Nil means time.Now.
	Now func() time.Time
	// OCR turns on the tolerant mode: lower case is raised, spaces inside
	// lines are dropped, a zone sent as one line is cut into its lines, and
	// a letter read for a digit (or a digit for a letter) is corrected when
	// the field's kind or its check digit leaves exactly one reading.
	OCR bool
}

// Parse reads a zone strictly, with the clock as now.
func Parse(text string) (*Zone, error) {
	return Reader{}.Read(text)
}

func (r Reader) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

// Person is the traveller the zone describes, for screening: the name,
// birth date, sex, nationality, the document itself and the national
// identifier it carries. Where the zone encodes the name in the issuer's
// script (the Russian internal passport), that decoded name is the one
// screened: its Latin letters are a code, not a rendering of the name. The
// internal passport's document number is its whole series and number.
func (z *Zone) Person() trex.Person {
	p := trex.Person{
		Names:     []trex.Name{{Surname: z.Surname, Given: joinWords(z.GivenNames)}},
		BirthDate: z.BirthDate,
		Sex:       z.Sex,
	}
	if z.Nationality != "" {
		p.Nationality = []string{z.Nationality}
	}
	doc := trex.Document{Kind: DocumentKind(z.DocumentCode), Number: z.DocumentNumber, IssuingState: z.IssuingState, Expiry: z.ExpiryDate}
	if n := z.National; n != nil {
		if n.Name != nil {
			p.Names = []trex.Name{*n.Name}
		}
		if n.Document == "internal_passport" {
			doc.Kind, doc.Number = n.Document, n.Identifier.Value
		}
		p.Identifiers = []trex.Identifier{n.Identifier}
	}
	if doc.Number != "" {
		p.Documents = []trex.Document{doc}
	}
	return p
}

// DocumentKind names the kind of document a document code stands for:
// "passport" (P), "visa" (V), "id_card" (I, A, C), else "travel_document".
func DocumentKind(code string) string {
	if code == "" {
		return "travel_document"
	}
	switch code[0] {
	case 'P':
		return "passport"
	case 'V':
		return "visa"
	case 'I', 'A', 'C':
		return "id_card"
	}
	return "travel_document"
}

func joinWords(ws []string) string {
	out := ""
	for _, w := range ws {
		if w == "" {
			continue
		}
		if out != "" {
			out += " "
		}
		out += w
	}
	return out
}
