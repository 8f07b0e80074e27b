package mrz

import (
	"strings"

	"golang.org/x/text/language"
)

// doc9303Codes are the codes Doc 9303 Part 3 adds to ISO 3166-1 alpha-3
// for issuing states and nationalities: Germany's one-letter code, the
// specimen state, the stateless and refugee codes, the British
// nationality classes, and the organisations that issue travel documents.
var doc9303Codes = map[string]bool{
	"D":   true,                                                     // Germany
	"UTO": true,                                                     // Utopia, the specimen state
	"XXA": true,                                                     // stateless person (1954 Convention)
	"XXB": true,                                                     // refugee (1951 Convention)
	"XXC": true,                                                     // refugee, other than under the 1951 Convention
	"XXX": true,                                                     // person of unspecified nationality
	"GBD": true, "GBN": true, "GBO": true, "GBP": true, "GBS": true, // British nationality classes
	"EUE": true, // European Union
	"UNO": true, // United Nations Organization
	"UNA": true, // a specialised agency of the United Nations
	"UNK": true, // resident of Kosovo (UN interim administration)
	"RKS": true, // Kosovo, as its own documents print it
	"XBA": true, // African Development Bank
	"XIM": true, // African Export-Import Bank
	"XCC": true, // Caribbean Community
	"XCE": true, // Council of Europe
	"XCO": true, // Common Market for Eastern and Southern Africa
	"XDC": true, // Southern African Development Community
	"XEC": true, // Economic Community of West African States
	"XES": true, // Organisation of Eastern Caribbean States
	"XOM": true, // Sovereign Military Order of Malta
	"XPO": true, // International Criminal Police Organization
}

// notAssigned are alpha-3 codes the region table parses as countries of
// their own that ISO 3166-1 does not assign: withdrawn ones (ANT, NTZ, PCI,
// SCG, SUN, YUG, CSK) and the exceptionally reserved ones of places
// without a code (ASC, CPT, DGA, TAA).
var notAssigned = map[string]bool{
	"ANT": true, "NTZ": true, "PCI": true, "SCG": true, "SUN": true, "YUG": true, "CSK": true,
	"ASC": true, "CPT": true, "DGA": true, "TAA": true,
}

// KnownCode reports whether code, as it stands in a zone's issuing state
// or nationality field (fillers removed), is a code Doc 9303 knows: an
// assigned ISO 3166-1 alpha-3 code or one of Part 3's own.
func KnownCode(code string) bool {
	if doc9303Codes[code] {
		return true
	}
	if len(code) != 3 || notAssigned[code] {
		return false
	}
	r, err := language.ParseRegion(code)
	if err != nil || !r.IsCountry() || r.IsPrivateUse() {
		return false
	}
	// A withdrawn code that the table maps to its successor (ZAR to COD,
	// say) is not the successor's code.
	return r.Canonicalize() == r && r.ISO3() == code
}

// codeCandidates are the readings of a code field (with fillers) whose
// digits are read as the letters they may stand for; nil when a digit
// stands for no letter.
func codeCandidates(field string) []string {
	out := []string{""}
	for i := 0; i < len(field); i++ {
		c := field[i]
		alts := string(c)
		if c >= '0' && c <= '9' {
			alts = confusions[c]
			if alts == "" {
				return nil
			}
		}
		var next []string
		for _, o := range out {
			for k := 0; k < len(alts); k++ {
				next = append(next, o+string(alts[k]))
			}
		}
		out = next
	}
	return out
}

// settleCode picks the one reading of a code field with misread digits
// that is a known code; ok is false when none or several are.
func settleCode(field string) (string, bool) {
	found := ""
	for _, c := range codeCandidates(field) {
		if KnownCode(strings.TrimRight(c, "<")) {
			if found != "" {
				return "", false
			}
			found = c
		}
	}
	return found, found != ""
}
