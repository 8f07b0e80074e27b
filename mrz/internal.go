package mrz

import (
	"strings"

	"trex"
)

// The Russian internal passport (issued since 2011) carries a TD3-sized
// zone with the document code PN. Its name field writes the Cyrillic name
// letter by letter in the MRZ alphabet by the issuer's own code table, not
// by a transliteration: one Latin letter or digit for each Cyrillic
// letter, so that the zone decodes back to the exact Cyrillic name. Line 2
// holds the first three digits of the four-digit series and the six-digit
// number in the document number field, no date of expiry (fillers, the
// check digit a filler too), and in the optional data the last digit of
// the series, the date of issue (YYMMDD), the issuing office's code (six
// digits) and a filler; the usual check digits cover it all.

// internalCode is the code table of the Russian internal passport's zone:
// the Cyrillic letter each character of the name field stands for.
var internalCode = map[byte]rune{
	'A': 'А', 'B': 'Б', 'V': 'В', 'G': 'Г', 'D': 'Д', 'E': 'Е', '2': 'Ё', 'J': 'Ж',
	'Z': 'З', 'I': 'И', 'Q': 'Й', 'K': 'К', 'L': 'Л', 'M': 'М', 'N': 'Н', 'O': 'О',
	'P': 'П', 'R': 'Р', 'S': 'С', 'T': 'Т', 'U': 'У', 'F': 'Ф', 'H': 'Х', 'C': 'Ц',
	'3': 'Ч', '4': 'Ш', 'W': 'Щ', 'X': 'Ъ', 'Y': 'Ы', '9': 'Ь', '6': 'Э', '7': 'Ю',
	'8': 'Я',
}

// isInternalPassport reports whether the zone is a Russian internal
// passport's: TD3-sized, document code PN, issued by RUS.
func (p *parser) isInternalPassport() bool {
	return p.lay.format == TD3 && IsInternalPassport(p.text(p.lay.code), p.text(p.lay.state))
}

// IsInternalPassport reports whether a document of this code (the zone's
// document code, or a manifest's document type) and issuing state is the
// Russian internal passport, whose zone codes the name letter by letter.
func IsInternalPassport(code, state string) bool {
	return strings.EqualFold(strings.TrimSpace(code), "PN") && strings.EqualFold(strings.TrimSpace(state), "RUS")
}

// InternalPassportName decodes a name as the internal passport's zone
// writes it (and as a manifest repeats it from the zone): the surname, and
// the given names and patronymic as words, each in the code table. The
// last word is the patronymic when there are two or more (the last two
// when they end in a particle such as ОГЛЫ). Letters outside the table
// (lower case, punctuation) are kept as they are.
func InternalPassportName(surname string, given []string) trex.Name {
	name := trex.Name{Surname: decodeInternal(strings.ToUpper(surname))}
	words := make([]string, len(given))
	for i, g := range given {
		words[i] = decodeInternal(strings.ToUpper(g))
	}
	split := len(words)
	switch {
	case len(words) >= 3 && patronymicParticles[words[len(words)-1]]:
		split = len(words) - 2
	case len(words) >= 2:
		split = len(words) - 1
	}
	name.Given = strings.Join(words[:split], " ")
	name.Patronymic = strings.Join(words[split:], " ")
	return name
}

// InternalPassportIdentifier is the national identifier of an internal
// passport's series and number, written in any way (with spaces, say).
func InternalPassportIdentifier(seriesAndNumber string) trex.Identifier {
	return trex.Identifier{Kind: "internal_passport", Country: "RUS", Value: trex.NormalizeDocumentNumber(seriesAndNumber)}
}

// internalName checks the name field of an internal passport: letters and
// the digits of the code table. In OCR mode a 5 (no letter's code) is an
// S; a 0 or a 1 may stand for several letters and is refused.
func (p *parser) internalName(s span) error {
	for i := s.start; i < s.end; i++ {
		c := p.lines[s.line][i]
		if c < '0' || c > '9' {
			continue
		}
		if _, ok := internalCode[c]; ok {
			continue
		}
		if to, ok := digitToLetter[c]; p.ocr && ok {
			p.set(s.line, i, to, "name")
			continue
		}
		return errorf(s.line+1, i+1, "digit %q in the name, which the internal passport's code table does not use", c)
	}
	return nil
}

// decodeInternal decodes a word of the name field to Cyrillic.
func decodeInternal(word string) string {
	var b strings.Builder
	for i := 0; i < len(word); i++ {
		if r, ok := internalCode[word[i]]; ok {
			b.WriteRune(r)
		} else {
			b.WriteByte(word[i])
		}
	}
	return b.String()
}

// patronymicParticles end a Turkic patronymic written as two words
// ("ГУСЕЙН ОГЛЫ").
var patronymicParticles = map[string]bool{"ОГЛЫ": true, "КЫЗЫ": true, "УЛЫ": true, "УУЛУ": true, "ГЫЗЫ": true}

// internalPassport reads what the internal passport's zone says beyond
// Doc 9303: the Cyrillic name (see InternalPassportName), the series and
// number, the date of issue and the issuing office.
func (p *parser) internalPassport(z *Zone) (*National, error) {
	l := p.lay
	line := p.lines[l.number.line]
	series := string(line[0:3]) + string(line[28])
	number := string(line[3:9])
	for i, c := range []byte(series + number) {
		if c < '0' || c > '9' {
			col := []int{1, 2, 3, 29, 4, 5, 6, 7, 8, 9}[i]
			return nil, errorf(l.number.line+1, col, "internal passport: the series and number hold digits only, not %q", c)
		}
	}
	n := &National{
		Document:       "internal_passport",
		Identifier:     InternalPassportIdentifier(series + number),
		IdentifierName: "series and number",
	}
	issue := span{l.number.line, 29, 35}
	for i := issue.start; i < issue.end; i++ {
		if c := line[i]; c < '0' || c > '9' {
			return nil, errorf(issue.line+1, i+1, "internal passport: the date of issue holds digits only, not %q", c)
		}
	}
	yy, mm, dd, err := p.dateParts(issue, "date of issue", false)
	if err != nil {
		return nil, err
	}
	n.IssueDate = trex.PartialDate{Year: 2000 + yy, Month: mm, Day: dd}
	today := trex.PartialDate{Year: p.now.Year(), Month: int(p.now.Month()), Day: p.now.Day()}
	if after(n.IssueDate, today) {
		n.IssueDate.Year -= 100
	}
	if err := p.validDay(issue, n.IssueDate, "date of issue"); err != nil {
		return nil, err
	}
	office := string(line[35:41])
	if strings.Trim(office, "0123456789") != "" {
		return nil, errorf(l.number.line+1, 36, "internal passport: the issuing office's code holds six digits, not %q", office)
	}
	n.Authority = office[:3] + "-" + office[3:]

	name := InternalPassportName(z.Surname, z.GivenNames)
	n.Name = &name
	return n, nil
}

// InternalPassportNames are the names to screen for a traveller a
// manifest lists with an internal passport: the name decoded from the
// zone's code table, and the name as sent when it holds no digits, for a
// carrier may have sent a transliteration rather than the zone's letters.
func InternalPassportNames(surname string, given []string) []trex.Name {
	names := []trex.Name{InternalPassportName(surname, given)}
	sent := trex.Name{Surname: surname, Given: strings.Join(given, " ")}
	if !strings.ContainsAny(sent.Surname+sent.Given, "0123456789") {
		names = append(names, sent)
	}
	return names
}
