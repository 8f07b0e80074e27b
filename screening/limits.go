package screening

import (
	"strings"
	"unicode/utf8"

	"trex"
	"trex/romanize"
)

// Limits on how much of a name the matcher reads, so that the work and
// memory of a check or an update stay bounded whatever the input (the API
// refuses such input earlier with a clear error; these hold for every
// caller). No real name comes near them.
const (
	// maxTokenLetters bounds the letters of one name token; longer tokens
	// are cut. It is the domain's limit, which the API enforces first.
	maxTokenLetters = trex.MaxTokenLetters
	// maxQueryNames bounds the names of a traveller that are compared;
	// further names are ignored.
	maxQueryNames = 8
	// maxRecordNames bounds the names (aliases) of an indexed subject that
	// are indexed; further names are ignored (the domain's limit).
	maxRecordNames = trex.MaxNames
	// maxIdentifiers bounds the document numbers and national IDs of a
	// person that are indexed or looked up, and maxIdentifierLen their
	// length (longer values are not identifiers and are ignored).
	maxIdentifiers   = 64
	maxIdentifierLen = 64
	// maxNameBytes bounds one part of a name (surname, given names,
	// patronymic, full name) as written, before normalisation: a traveller
	// with a longer one is refused, a subject's is cut. It leaves room for
	// maxTokens tokens of maxTokenLetters letters with marks.
	maxNameBytes = 4096
	// maxNameCandidates bounds the namesakes a check without a full birth
	// date (a supervisor's search on a name, or a name and a birth year)
	// may score: the records whose name parts agree with the traveller's
	// (a record whose surname none of the traveller's tokens matches, or
	// whose only given name none matches, is no namesake: it cannot be
	// referred). Past it, the check is refused as matching too many
	// namesakes, instead of scoring and explaining every holder of a
	// common name over a century of birth years: without a birth date
	// each of them is referred, and a longer list is one nobody reads. Checks with a full birth date are not
	// bounded by it (their blocks are a few days of births).
	maxNameCandidates = 2_000
	// maxNamePostings bounds the entries of the name keys such a check
	// reads to find the namesakes (each one a record's name parts looked
	// at): the work of a check whose name holds a part so common (a given
	// name over a century of births) that reading its holders would cost
	// more than a search may. Such a check is refused before anything is
	// read. It is well above what maxNameCandidates records could take.
	maxNamePostings = 150_000
	// maxInternBytes bounds the table of shared short strings
	// (nationality lists); beyond it, strings are kept unshared.
	maxInternBytes = 256 << 10
)

// tooManyNamesakes is the answer to a check whose name, without a full
// birth date, agrees with more than limit records.
func tooManyNamesakes(limit int) error {
	return trex.Errorf(trex.EINVALID, "traveller: the name without a full birth date agrees with more than %d records (too many namesakes to screen); give the birth date, or at least the birth year, or a document number", limit)
}

// tooCommonName is the answer to a check whose name, without a full birth
// date, leads to more index entries (n) than such a check may read
// (limit).
func tooCommonName(n, limit int) error {
	return trex.Errorf(trex.EINVALID, "traveller: a part of the name is too common to search without a full birth date (%d index entries to read, at most %d); give the birth date, or at least the birth year, or a document number", n, limit)
}

// checkNameSizes refuses a traveller with a name part longer than
// maxNameBytes: no name is that long, and reading it would cost time in
// proportion.
func checkNameSizes(p trex.Person) error {
	for _, n := range p.Names {
		for _, part := range []string{n.Full, n.Surname, n.Given, n.Patronymic} {
			if len(part) > maxNameBytes {
				return trex.Errorf(trex.EINVALID, "traveller: a name part of %d bytes is longer than any name (at most %d bytes)", len(part), maxNameBytes)
			}
		}
	}
	return nil
}

// cutName cuts each part of n to maxNameBytes (at a character boundary).
func cutName(n trex.Name) trex.Name {
	for _, f := range []*string{&n.Full, &n.Surname, &n.Given, &n.Patronymic} {
		if len(*f) > maxNameBytes {
			cut := maxNameBytes
			for cut > 0 && !utf8.RuneStart((*f)[cut]) {
				cut--
			}
			*f = strings.Clone((*f)[:cut])
		}
	}
	return n
}

// limitTokens keeps the first maxTokens tokens of one name, each cut to
// maxTokenLetters letters. Cut tokens are copied, so that they do not pin
// the (possibly huge) input in memory.
func limitTokens(ts []nameToken) []nameToken {
	if len(ts) > maxTokens {
		ts = ts[:maxTokens]
	}
	for i := range ts {
		ts[i].text = cutLetters(ts[i].text, maxTokenLetters)
	}
	return ts
}

// cutLetters returns s cut to at most n runes, as a fresh copy when cut.
func cutLetters(s string, n int) string {
	if len(s) <= n {
		return s
	}
	count := 0
	for i := range s {
		if count == n {
			return strings.Clone(s[:i])
		}
		count++
	}
	return s
}

// spacedReading returns name n as it displays when it holds Hangul
// fillers (the fillers as spaces), and whether it does. Normalisation
// drops the fillers, which joins two words a filler stands between, so
// the matcher reads such a name both ways.
func spacedReading(n trex.Name) (trex.Name, bool) {
	any := false
	for _, f := range []*string{&n.Full, &n.Surname, &n.Given, &n.Patronymic} {
		if v, ok := romanize.SpacedFillers(*f); ok {
			*f, any = v, true
		}
	}
	return n, any
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
