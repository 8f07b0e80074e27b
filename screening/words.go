package screening

import (
	"slices"
	"strings"
)

// titles are honorifics and forms of address that are not part of a name
// on a travel document; they are dropped before comparison. Company forms
// are not among them: a person's name holds none, and stripping them would
// only make a company's name read as a person's.
var titles = map[string]bool{
	"MR": true, "MRS": true, "MS": true, "MISS": true, "MX": true, "DR": true, "PROF": true,
	"SIR": true, "DAME": true, "LORD": true, "LADY": true, "HERR": true, "FRAU": true,
	"MONSIEUR": true, "MADAME": true, "MME": true, "MLLE": true, "SENOR": true, "SENORA": true,
	"PRESIDENT": true, "PRAESIDENT": true, "PRASIDENT": true, "GOSPODIN": true, "GOSPOZHA": true,
	"ГОСПОДИН": true, "ГОСПОЖА": true, "SHEIKH": true, "SHAIKH": true, "SHEIKHA": true,
	"JR": true, "SR": true,
}

// particles are short words inside names (AL, BIN, DE, VAN, VON) that carry
// little weight: matching them proves little and missing them costs little.
var particles = map[string]bool{
	"AL": true, "EL": true, "BIN": true, "BEN": true, "IBN": true, "BINT": true, "ABU": true,
	"UMM": true, "BINTI": true, "BINTE": true, "DE": true, "DA": true, "DI": true, "DO": true,
	"DOS": true, "DAS": true, "DEL": true, "DELLA": true, "DER": true, "DEN": true, "DU": true,
	"LA": true, "LE": true, "LOS": true, "LAS": true, "VAN": true, "VON": true, "ZU": true,
	"TER": true, "TEN": true, "Y": true, "E": true, "OF": true, "NA": true, "ULD": true, "OULD": true,
	// Turkic patronymic markers ("son of", "daughter of"), which a
	// document may carry or omit.
	"OGLY": true, "OGLU": true, "OGLI": true, "UGLI": true, "ULY": true, "UULU": true,
	"KYZY": true, "KIZI": true, "QIZI": true, "GYZY": true,
}

func isParticle(forms []string) bool {
	return len(forms) > 0 && particles[forms[0]]
}

// particleIn reports whether token i of a name of n tokens is a particle
// there: a particle word followed, in the same part of the name, by a
// word that is not one (DE LA CRUZ, VAN DER BERG, AL RASHID). A particle
// word that is the whole of its part, or ends it, is a name: the surnames
// LE, DO and NA.
func particleIn(n, i int, forms func(int) []string, role func(int) int) bool {
	if !isParticle(forms(i)) {
		return false
	}
	for k := i + 1; k < n && role(k) == role(i); k++ {
		if !isParticle(forms(k)) {
			return true
		}
	}
	return false
}

// queryParticle reports whether token i of the traveller's name qs is a
// particle there (see particleIn).
func queryParticle(qs []qtok, i int) bool {
	return particleIn(len(qs), i, func(k int) []string { return qs[k].forms.forms }, func(k int) int { return qs[k].role })
}

// dropTitles removes honorifics unless nothing else would be left.
func dropTitles(ts []nameToken) []nameToken {
	if !slices.ContainsFunc(ts, func(t nameToken) bool { return titles[t.text] }) {
		return ts
	}
	out := ts[:0:0]
	for _, t := range ts {
		if !titles[t.text] {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return ts
	}
	return out
}

// patronymicEndings are the endings of East Slavic patronymics in the Latin
// renderings passports use.
var patronymicEndings = []string{
	"OVICH", "EVICH", "YEVICH", "OVITCH", "EVITCH", "OWITSCH", "EWITSCH", "ICH", "ITCH", "ITSCH",
	"OVNA", "EVNA", "YEVNA", "OWNA", "EWNA", "ICHNA", "INICHNA", "OVYCH", "OVYCH", "IVNA",
	"ОВИЧ", "ЕВИЧ", "ИЧ", "ОВНА", "ЕВНА", "ИЧНА", "ІВНА",
}

// looksPatronymic reports whether a token reads as a patronymic.
func looksPatronymic(tok string) bool {
	if len(tok) < 6 {
		return false
	}
	for _, e := range patronymicEndings {
		if strings.HasSuffix(tok, e) {
			return true
		}
	}
	return false
}
