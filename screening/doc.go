// Package screening is the in-memory person index of a border node: it
// decides whether a traveller is someone on the restriction list (hit),
// may be (refer), or is not (clear), and says why.
//
// Records hold names as the issuer knows them (usually Cyrillic, with a
// patronymic); travellers carry a Latin rendering from whichever
// romanisation rule produced their document. The index keeps, for every
// distinct name token, its renderings under all systems package romanize
// knows and their phonetic skeletons, and compares a traveller's tokens
// against those. Candidates come from exact keys (document numbers,
// national IDs), birth-date keys (with the usual data-entry errors), and
// name-skeleton-plus-birth-year keys, so that a check costs a few lookups
// rather than a scan.
//
// Each candidate is scored field by field in log-odds-like units (see
// Weights): every token of the record's name is paired with the traveller's
// best matching token (exact, a rendering under a named system, the same
// phonetic skeleton, a typo or OCR confusion, a truncation, an initial);
// a missing surname or given name, a contradicting patronymic, the other
// gender's form of a surname, a different birth date or sex count against.
// A near birth date (day and month swapped, one unit apart, digits
// transposed) is referred, never cleared silently, unless the register is
// expected to hold namesakes on such dates by chance. The chance model
// (chance.go) estimates, from the register itself, how many records would
// agree with a traveller as well as a candidate does were the traveller
// not listed: the records that share the name (or what the frequencies of
// its parts predict), the holders of every name with an initial or a
// prefix, how birth dates spread and how many dates each tolerated entry
// error admits. The decision threshold, Weights.MaxChance, is stated in
// those units (expected chance matches per check), so the false-flag rate
// stays flat as the register grows; Index.Calibration reports the
// estimates. A name and an exact birth date that agree in full are always
// referred: nothing a booth reads tells such namesakes apart. A typo
// reading of a name that is itself a name the register holds is no match,
// nor is a patronymic read as a misspelt surname; a spelling a syllable
// apart from a record's is a typo at most, never another romanisation. A soft sign a document writes as a letter (OLYGA,
// OLJGA for ОЛЬГА) is another rendering, not a typo.
//
// RunSplit builds a held-out split from package synth (its few hundred
// names, or its population model) and screens it under the error model
// border checks are believed to meet: the figures the quality tests
// assert and trex screen --split prints.
//
// A hit requires an identifier on the traveller's document to belong to the
// record and name and birth date to agree. Name and birth date alone give at
// most a refer; an identifier whose holder's name or birth date disagrees
// gives a refer that says so.
//
// Every name passes through romanize.Tokens (Unicode normalisation,
// default-ignorable code points dropped, look-alike letters folded) before
// it is indexed or compared, on every input path. Explanations say how
// each field agrees without quoting the record (Evidence.Record carries the
// record's value for supervisors). Subjects a check may not consider (not
// in force) are skipped before the search settles. The work and memory of
// a check are bounded whatever the input: name parts, tokens, letters and
// identifiers are capped, caches are bounded by bytes, and a check stops
// when its context ends.
//
// The package does no I/O. Index is safe for concurrent use.
package screening
