package screening

import (
	"strings"

	"trex/romanize"
)

// An entry error and a different name can be one or two letters apart
// alike, but they differ in where and how the letters differ. A typist or
// a reader slips a letter anywhere in a name, one at a time; names that
// are different but similar differ where names are built: in their
// endings (Italian -I and -O, Dutch and English -S, Czech and Polish
// diminutive -IK and -EK, German -ER and -ERT), and by a syllable or a
// suffix inside them (-SK- of a -SKAYA name, -NA- of a Lithuanian
// diminutive, -CHU- of a Ukrainian -CHUK). A one-letter difference at the
// end of a name, or a block of two letters or more dropped or added
// inside it, is far likelier another person's name than an error in
// this one's; an exact birth date does not make it this person's.
// plausibleEdit tells the two apart on a pair of spellings, and
// judgeEdits turns the typo readings no pair explains as an error into
// mismatches.

// plausibleEdit reports whether a and b, within limit edits of each
// other, differ as an entry error does: their last letters agree (or are
// look-alikes, or the last two are swapped), and what one holds beyond
// the other is not one block of two letters or more inside the name.
func plausibleEdit[E byte | rune](a, b []E, limit float64) bool {
	n, m := len(a), len(b)
	if n < 2 || m < 2 {
		return false
	}
	switch {
	case a[n-1] == b[m-1]:
	case ocrPair(rune(a[n-1]), rune(b[m-1])), printPair(rune(a[n-1]), rune(b[m-1])):
	case a[n-1] == b[m-2] && a[n-2] == b[m-1]:
	default:
		return false // another ending
	}
	d := editDistance(a, b, limit)
	if d > limit || fusesLetters(a, b) {
		return false
	}
	switch {
	case len(a) > len(b):
		return !oneBlock(a, b, d)
	case len(a) < len(b):
		return !oneBlock(b, a, d)
	}
	return !oneBlock(a, b, d) && !oneBlock(b, a, d)
}

// oneBlock reports whether long and short, d edits apart, differ by one
// block: two neighbouring letters or more replaced, or added to the
// shorter, with the rest of the distance spent elsewhere. Two slips are
// seldom neighbours; a suffix or a syllable is a block (-OVA and -INA,
// -SK- of -SKAYA). A doubled letter added twice is not a block.
func oneBlock[E byte | rune](long, short []E, d float64) bool {
	k := len(long) - len(short)
	w := max(k, 2)
	rem := d - float64(w)
	if rem < 0 {
		return false
	}
	buf := make([]E, 0, len(short))
	for p := 0; p+w <= len(long) && p+w-k <= len(short); p++ {
		if k >= 2 && repeats(long, p, k) {
			continue
		}
		buf = append(append(append(buf[:0], long[:p]...), short[p:p+w-k]...), long[p+w:]...)
		if editDistance(buf, short, rem) <= rem {
			return true
		}
	}
	return false
}

// repeats reports whether each of the k letters of long from p repeats
// the letter before or after the block.
func repeats[E byte | rune](long []E, p, k int) bool {
	for i := p; i < p+k; i++ {
		if (p == 0 || long[i] != long[p-1]) && (p+k >= len(long) || long[i] != long[p+k]) {
			return false
		}
	}
	return true
}

// editExplained reports whether some pair of q's and r's skeletons (or,
// for a Latin traveller token, spellings) is within a typo's reach of
// each other and differs as an entry error does (see plausibleEdit).
func editExplained(q, r *tokenForms) bool {
	for _, qs := range q.skels {
		for _, rs := range r.skels {
			limit := typoLimit(max(len(qs), len(rs)))
			if q.script != r.script {
				limit = skelLimit(max(len(qs), len(rs)))
			}
			if plausibleEdit(qs, rs, limit) {
				return true
			}
		}
	}
	return q.script == romanize.ScriptLatin && formsExplained(q, r)
}

// formsExplained reports whether a spelling of q and one of r are within a
// typo's reach and differ as an entry error does.
func formsExplained(q, r *tokenForms) bool {
	for _, qf := range q.forms {
		for _, rf := range r.forms {
			if plausibleEdit([]byte(qf), []byte(rf), typoLimit(max(len(qf), len(rf)))) {
				return true
			}
		}
	}
	return false
}

// judgeEdits turns into mismatches the typo readings of the record's
// surnames and given names that no pair of spellings explains as an
// entry error (see editExplained): another ending, or a syllable more.
// Readings of tokens whose syllables disagree (a vowel group dropped or
// added, see syllablesAgree) whose skeletons agree only because they hide
// a letter fused with its neighbours are mismatches too.
func (x *Index) judgeEdits(qs []qtok, res *nameResult, mat *[maxTokens][maxTokens]cmp) {
	for i := range qs {
		for j := 0; j < res.nr; j++ {
			c := &mat[i][j]
			if c.out != outTypo || res.rRole[j] == rolePatronymic {
				continue
			}
			r := x.tokens.toks[res.rTok[j]]
			if !typoExplained(qs[i].forms, r) {
				*c = cmp{out: outMismatch, form: -1}
			}
		}
	}
}

// documentLonger reports whether the traveller's token q reads as the
// record's token r with letters added at its end, and not the other way
// round: a truncation the register, not the document, would have made.
func documentLonger(q, r *tokenForms) bool {
	for _, qf := range q.forms {
		for _, rf := range r.forms {
			if truncationOf(qf, rf) {
				return false
			}
		}
	}
	return true
}

// recordMRZLong reports whether a record's name (its tokens rs) is long
// enough to have been cut short by a machine-readable zone itself, as a
// register filled from documents' zones may hold it (see mrzLong).
func recordMRZLong(x *Index, rs []uint32) bool {
	n := 1
	for _, t := range rs {
		if f := x.tokens.toks[t>>2].forms; len(f) > 0 {
			n += len(f[0]) + 1
		}
	}
	return n >= 28
}

// westSlavicFeminine reports whether q is r, a woman's surname of another
// language ending in A, in the Czech and Slovak feminine form: the
// masculine stem with -OVA (PETROVA, PETROVOVA).
func westSlavicFeminine(q, r *tokenForms) bool {
	for _, qf := range q.forms {
		stem, ok := strings.CutSuffix(qf, "OVA")
		if !ok || len(stem) < 3 {
			continue
		}
		for _, rf := range r.forms {
			if rf == stem+"A" {
				return true
			}
		}
	}
	return false
}

// cyrillicPrint pairs the Latin letter a Cyrillic letter looks like in
// print with the letter its romanisation writes (В read as B for V, С as
// C for S, У as Y for U, Н as H for N, Р as P for R), in upper case, and
// in the skeletons' lower case where the skeleton keeps the letter (its
// k and i stand for other letters too): a typist copying a Cyrillic name
// makes these slips at the end of a name as anywhere (GONCHAROB).
var cyrillicPrint = [...][2]rune{{'B', 'V'}, {'C', 'S'}, {'Y', 'U'}, {'H', 'N'}, {'P', 'R'}, {'b', 'v'}, {'h', 'n'}, {'p', 'r'}}

// printPair reports whether a and b are a pair of cyrillicPrint.
func printPair(a, b rune) bool {
	for _, p := range cyrillicPrint {
		if (a == p[0] && b == p[1]) || (a == p[1] && b == p[0]) {
			return true
		}
	}
	return false
}

// digraphs are the letter pairs romanisation systems write for one
// Cyrillic letter.
var digraphs = [...]string{"ZH", "KH", "SH", "CH", "TS", "TC", "TZ", "GH", "PH", "TH", "DJ"}

// fusesLetters reports whether a and b are one letter apart, and every
// letter the longer holds beyond the shorter stands between two letters
// that, brought together, spell another letter (ZAHAROV, ZHAROV): a
// different name, not a dropped letter.
func fusesLetters[E byte | rune](a, b []E) bool {
	long, short := a, b
	if len(long) < len(short) {
		long, short = short, long
	}
	if len(long) != len(short)+1 {
		return false
	}
	found := false
	for p := 1; p+1 < len(long); p++ {
		if !sameWithout(long, short, p) {
			continue
		}
		found = true
		if !isDigraph(long[p-1], long[p+1]) {
			return false
		}
	}
	return found
}

// sameWithout reports whether long without its letter at p is short.
func sameWithout[E byte | rune](long, short []E, p int) bool {
	for i := range short {
		j := i
		if i >= p {
			j++
		}
		if short[i] != long[j] {
			return false
		}
	}
	return true
}

// isDigraph reports whether letters a and b spell one of digraphs.
func isDigraph[E byte | rune](a, b E) bool {
	for _, d := range digraphs {
		if E(d[0]) == a && E(d[1]) == b {
			return true
		}
	}
	return false
}

// typoExplained reports whether the typo reading of traveller token q
// and record token r is explained as an entry error (see judgeEdits).
func typoExplained(q, r *tokenForms) bool {
	if q.script == romanize.ScriptLatin && !syllablesAgree(q, r) && fusedSpelling(q, r) && !formsExplained(q, r) {
		// The syllables disagree and the skeletons hide it (a glide
		// and a doubled vowel dropped): ZHAROV is no slip of ZAHAROV,
		// whose dropped A fuses Z and H into another letter.
		return false
	}
	if sharesSkeleton(q, r) {
		return true
	}
	return editExplained(q, r) || westSlavicFeminine(q, r)
}

// fusedSpelling reports whether a spelling of q is one of r with a letter
// dropped or added between two letters that spell one together (see
// fusesLetters).
func fusedSpelling(q, r *tokenForms) bool {
	for _, qf := range q.forms {
		for _, rf := range r.forms {
			if fusesLetters([]byte(qf), []byte(rf)) {
				return true
			}
		}
	}
	return false
}
