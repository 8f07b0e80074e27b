package romanize

// greekRules is ICAO Doc 9303 Part 3 for Greek, with the digraphs Greek
// passports use (ΑΥ→AV, ΕΥ→EV, ΟΥ→OU, ΜΠ→B at word start, ΓΓ→NG).
var greekRules = &rules{system: Greek, base: table(
	"α", "A", "β", "V", "γ", "G", "δ", "D", "ε", "E", "ζ", "Z", "η", "I", "θ", "TH",
	"ι", "I", "κ", "K", "λ", "L", "μ", "M", "ν", "N", "ξ", "X", "ο", "O", "π", "P",
	"ρ", "R", "σ", "S", "ς", "S", "τ", "T", "υ", "Y", "φ", "F", "χ", "CH", "ψ", "PS",
	"ω", "O", "ά", "A", "έ", "E", "ή", "I", "ί", "I", "ϊ", "I", "ΐ", "I", "ό", "O",
	"ύ", "Y", "ϋ", "Y", "ΰ", "Y", "ώ", "O"),
	vowels:  "αεηιουωάέήίόύώϊϋ",
	initial: table("μ", "M"),
	seqs: []pair{{"αυ", "AV"}, {"ευ", "EV"}, {"ηυ", "IV"}, {"ου", "OU"}, {"ού", "OU"},
		{"αύ", "AV"}, {"εύ", "EV"}, {"γγ", "NG"}, {"γκ", "GK"}, {"γχ", "NCH"}, {"γξ", "NX"}},
}

// greekSimple renders Υ as I and ΟΥ as U, as many older documents do.
var greekSimple = &rules{system: Greek, base: with(greekRules.base, "υ", "I", "ύ", "I", "η", "I"),
	vowels: greekRules.vowels, seqs: []pair{{"ου", "OU"}, {"ού", "OU"}, {"μπ", "B"}, {"ντ", "D"}, {"γγ", "NG"}, {"γκ", "G"}}}
