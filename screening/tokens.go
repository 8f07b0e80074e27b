package screening

import (
	"hash/maphash"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"trex/romanize"
)

// tokenForms is everything the matcher needs about one name token: its
// Latin renderings under every applicable system, their distinct phonetic
// skeletons, and a bigram signature over the skeletons for quick rejection.
type tokenForms struct {
	// The fields that tell most pairs of tokens apart come first and
	// together: a check compares the traveller's few tokens with hundreds
	// or thousands of record tokens that are cold in the CPU's caches, and
	// rejecting a pair should touch two or three cache lines of the
	// record token, not every slice it holds.

	text    string // the token as written, upper-cased
	textSum uint64 // a hash of text: tokens with other sums differ
	sig     uint64
	// skelSet has one bit per distinct skeleton (see stringBit); prefixes
	// one per first two letters of a form. Two tokens whose sets do not
	// meet share no skeleton, or no form prefix.
	skelSet  uint64
	prefixes uint64
	// initials has a bit for the first letter of each form of two letters
	// or more, swapped one for its first two letters in reverse order.
	initials, swapped uint64
	// altBits and formSet (bits per form, see stringBits and bitPair) let
	// most pairs of tokens be told apart without reading alt.
	altBits altBits
	formSet bitPair
	// skelEnv and formEnv bound the skeletons and the forms (see
	// typoEnvelope).
	skelEnv, formEnv typoEnvelope
	// alt holds the token's weaker readings (romanize.Alternates), each
	// a system byte, the text and a NUL (see alternates.go).
	alt string
	// skel0Len is the length of the first skeleton (0 without one);
	// skel0Pairs has a bit for each pair of adjacent bytes in it (see
	// pairBits): a skeleton held inside another has no pair the other
	// lacks.
	skel0Len   int32
	skel0Pairs uint64
	script     romanize.Script
	initial    bool // a single letter
	// syllabic: written in a script whose characters are syllables or
	// words, where a one-character difference is a different name.
	syllabic bool

	forms   []string // Latin renderings, most official first
	systems []romanize.System
	skels   [][]rune // distinct skeletons
	skelStr []string
	skelSig []uint64 // bigram signature of each skeleton
	formSig []uint64 // bigram signature of each form
	// letter histograms (see letterCounts) of each skeleton and form
	skelCounts []uint64
	formCounts []uint64
}

func newTokenForms(tok string) *tokenForms {
	t := &tokenForms{text: tok, textSum: maphash.String(textSeed, tok), script: romanize.ScriptOf(tok), syllabic: isSyllabic(tok)}
	renderings := romanize.Renderings(tok)
	for _, r := range renderings {
		t.forms = append(t.forms, r.Text)
		t.systems = append(t.systems, r.System)
		t.formSig = append(t.formSig, bigramSignature(r.Text))
		t.formCounts = append(t.formCounts, letterCounts([]byte(r.Text)))
		t.formSet.add(r.Text)
		t.formSet.add(squeeze(r.Text))
		t.formSet.add(foldLoose(squeeze(r.Text)))
		if len(r.Text) >= 2 {
			t.prefixes |= stringBit(r.Text[:2])
			t.initials |= 1 << (r.Text[0] % 64)
			t.swapped |= stringBit(string([]byte{r.Text[1], r.Text[0]}))
		}
		s := romanize.Skeleton(r.Text)
		t.skelSet |= stringBit(s)
		dup := false
		for _, o := range t.skelStr {
			if o == s {
				dup = true
				break
			}
		}
		if !dup && s != "" {
			t.skelStr = append(t.skelStr, s)
			t.skels = append(t.skels, []rune(s))
			t.skelSig = append(t.skelSig, bigramSignature(s))
			t.skelCounts = append(t.skelCounts, letterCounts([]rune(s)))
			t.sig |= bigramSignature(s)
		}
	}
	if t.script == romanize.ScriptCyrillic {
		t.addSkeleton(softSignSkeleton(tok))
	}
	t.setEnvelopes()
	t.initial = len(t.forms) > 0 && utf8.RuneCountInString(t.forms[0]) == 1
	t.alt, t.altBits = packAlternates(romanize.Alternates(tok, renderings))
	return t
}

// textSeed seeds tokenForms.textSum.
var textSeed = maphash.MakeSeed()

// size estimates the bytes t holds, with its entry in a map keyed by its
// text.
func (t *tokenForms) size() int {
	const overhead = 464 // the struct, slice headers, map entry
	n := overhead + 2*len(t.text) + len(t.alt)
	for _, f := range t.forms {
		n += len(f) + 16 + 1 + 8 + 8 // form, header, system, signature, counts
	}
	for i, s := range t.skelStr {
		n += len(s) + 16 + 4*len(t.skels[i]) + 24 + 8 + 8
	}
	return n
}

// isInitial reports whether the token is a single letter.
func (t *tokenForms) isInitial() bool { return t.initial }

// outcome classifies how two tokens compare, from best to worst.
type outcome uint8

const (
	outMismatch  outcome = iota
	outInitial           // one side is the initial of the other
	outGender            // the same surname in the other gender's form
	outTruncated         // one side is the other cut short (MRZ field length)
	outTypo              // an edit or two apart (typing or OCR)
	outJoined            // two words of one side written as one on the other
	outVariant           // same phonetic skeleton: another romanisation
	outTranslit          // a rendering of the record under a named system
	outExact             // identical as written
)

var outcomeNames = [...]string{
	outMismatch:  "mismatch",
	outInitial:   "initial",
	outGender:    "gender_form",
	outTruncated: "truncated",
	outTypo:      "typo",
	outJoined:    "joined",
	outVariant:   "variant",
	outTranslit:  "transliteration",
	outExact:     "exact",
}

// String names the outcome as evidence records it.
func (o outcome) String() string { return outcomeNames[o] }

// cmp is the result of comparing a traveller token with a record token.
type cmp struct {
	out    outcome
	sim    float32 // 0..1
	system romanize.System
	form   int8 // index of the record form that matched best, -1 if none
	// travellerSide: the system rendered the traveller's name, not the
	// record's.
	travellerSide bool
}

// strength is how much a match outcome counts, 0..1.
func (c cmp) strength() float64 {
	switch c.out {
	case outExact, outTranslit:
		return 1
	case outVariant, outJoined:
		return 0.95
	case outTypo:
		// An edit in a long name is slight; the same edit in a short
		// one is not.
		return max(0.3, 1-2.5*(1-float64(c.sim)))
	case outTruncated:
		return 0.7
	case outInitial:
		return 0.25
	}
	return 0
}

// matched reports whether the comparison counts as the same name.
func (c cmp) matched() bool { return c.out >= outInitial && c.out != outGender }

// compareTokens compares a traveller token q with a record token r.
func compareTokens(q, r *tokenForms) cmp {
	// Identical as written, or a rendering of the record equals the
	// traveller's spelling.
	if (plainComparisons || q.textSum == r.textSum) && q.text == r.text {
		return cmp{out: outExact, sim: 1, form: 0}
	}
	// Equal renderings have equal skeletons: without a common skeleton
	// neither can agree.
	if q.skelSet&r.skelSet != 0 {
		if c, ok := sameRendering(q, r); ok {
			return c
		}
	}
	if (q.alt != "" || r.alt != "") && mayMatchAlternate(q, r) {
		if c, ok := alternateMatch(q, r); ok {
			return c
		}
	}
	// Initials.
	if q.isInitial() || r.isInitial() {
		for _, qf := range q.forms {
			for _, rf := range r.forms {
				if qf != "" && rf != "" && qf[0] == rf[0] {
					return cmp{out: outInitial, sim: 0.5, form: -1}
				}
			}
		}
		return cmp{out: outMismatch, form: -1}
	}

	// Tokens that share few letter pairs cannot be a typo, a truncation or
	// a gender form of each other.
	if common, small := bits.OnesCount64(q.sig&r.sig), min(bits.OnesCount64(q.sig), bits.OnesCount64(r.sig)); common*3 < small {
		return cmp{out: outMismatch, form: -1}
	}
	// A gender form or a truncation keeps the first two letters of some
	// form.
	if q.prefixes&r.prefixes != 0 {
		if c, ok := genderOrTruncation(q, r); ok {
			return c
		}
	}
	// Scripts whose letters are syllables or words (Han, Kana, Hangul)
	// have no one-letter typos.
	if q.syllabic || r.syllabic {
		return cmp{out: outMismatch, form: -1}
	}
	return typoComparison(q, r)
}

// sameRendering compares the renderings and then the skeletons of q and r.
func sameRendering(q, r *tokenForms) (cmp, bool) {
	// Equal renderings meet in formSet (see bitPair).
	forms := q.forms
	if !plainComparisons && !q.formSet.meets(r.formSet) {
		forms = nil
	}
	for a, qf := range forms {
		for i, rf := range r.forms {
			if qf == rf {
				sys := r.systems[i]
				switch {
				case r.script == romanize.ScriptLatin && q.script == romanize.ScriptLatin:
					return cmp{out: outExact, sim: 1, system: sys, form: int8(i)}, true
				case r.script == romanize.ScriptLatin:
					// The traveller's name is the one transliterated.
					return cmp{out: outTranslit, sim: 1, system: q.systems[a], form: int8(i), travellerSide: true}, true
				}
				return cmp{out: outTranslit, sim: 1, system: sys, form: int8(i)}, true
			}
		}
	}
	for _, qs := range q.skelStr {
		for _, rs := range r.skelStr {
			if qs == rs && syllablesAgree(q, r) {
				return cmp{out: outVariant, sim: 0.97, form: -1}, true
			}
		}
	}
	return cmp{}, false
}

// genderOrTruncation finds the other gender's form of a surname or a
// token cut short.
func genderOrTruncation(q, r *tokenForms) (cmp, bool) {
	// Gendered surname forms: IVANOV/IVANOVA, KOVALSKII/KOVALSKAIA.
	if len(q.forms) > 0 {
		qf := q.forms[0]
		for _, rf := range r.forms {
			if len(qf) >= 4 && len(rf) >= 4 && qf[:2] == rf[:2] && genderPair(qf, rf) {
				return cmp{out: outGender, sim: 0.5, form: -1}, true
			}
		}
	}
	// Truncation: one side is the other cut short, at least four letters
	// kept and at least two dropped.
	for _, qf := range q.forms {
		for i, rf := range r.forms {
			if truncationOf(qf, rf) || truncationOf(rf, qf) {
				return cmp{out: outTruncated, sim: 0.85, form: int8(i)}, true
			}
		}
	}
	return cmp{}, false
}

// typoComparison finds the closest typo reading of q and r, if any.
func typoComparison(q, r *tokenForms) cmp {
	// Typos on the skeletons, and on the renderings themselves (the
	// skeleton may hide a look-alike letter).
	best := cmp{out: outMismatch, form: -1}
	skels := q.skels
	if skelTypoApart(q, r) {
		skels = nil // no pair is within a typo
	}
	for a, qs := range skels {
		for b, rs := range r.skels {
			limit := typoLimit(max(len(qs), len(rs)))
			if q.script != r.script {
				limit = skelLimit(max(len(qs), len(rs)))
			}
			if mayBeWithin(q.skelSig[a], r.skelSig[b], q.skelCounts[a], r.skelCounts[b], len(qs), len(rs), limit) {
				best = betterWithin(best, qs, rs, limit)
			}
		}
	}
	// Equal skeletons reach here only when the syllables disagree (see
	// syllablesAgree): a vowel dropped or added, one edit at least.
	if best.out == outTypo && best.sim >= 1 {
		n := 0
		for _, s := range q.skels {
			n = max(n, len(s))
		}
		best.sim = 1 - 1/float32(max(n, 2))
	}
	// The skeleton may hide a look-alike letter or a transposition that
	// the spellings show.
	// The spellings are compared only when their first letters agree,
	// or their first two are swapped.
	mayStartAlike := q.initials&r.initials != 0 || q.prefixes&r.swapped != 0
	if best.out == outMismatch && q.script == romanize.ScriptLatin && mayStartAlike && !formTypoApart(q, r) {
		for a, qf := range q.forms {
			for b, rf := range r.forms {
				if len(qf) < 2 || len(rf) < 2 || (qf[0] != rf[0] && (qf[0] != rf[1] || qf[1] != rf[0])) {
					continue // other errors in the first letter are left to the skeletons
				}
				if mayBeWithin(q.formSig[a], r.formSig[b], q.formCounts[a], r.formCounts[b], len(qf), len(rf), typoLimit(max(len(qf), len(rf)))) {
					best = better(best, []byte(qf), []byte(rf))
				}
			}
		}
	}
	return best
}

// stringBit is one of 64 bits chosen by s (FNV-1a).
func stringBit(s string) uint64 {
	lo, _ := stringBits(s)
	return lo
}

// stringBits is stringBit, and a second bit chosen by the top bits of
// the same hash.
func stringBits(s string) (lo, hi uint64) {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return 1 << (h % 64), 1 << (h >> 26)
}

// typoLimit is the edit distance still read as a typo in a name of n
// letters.
func typoLimit(n int) float64 {
	switch {
	case n >= 10:
		return 2
	case n >= 8:
		return 1.5
	case n < 4:
		return 0.5
	}
	return 1
}

// better returns best, or a typo comparison of a and b when that is
// closer.
func better[E byte | rune](best cmp, a, b []E) cmp {
	return betterWithin(best, a, b, typoLimit(max(len(a), len(b))))
}

// skelLimit is the typo limit on the skeletons of a transliterated name
// (the two sides in different scripts): a spelling error in a name
// romanised under a system the index does not know can cost a little more
// on the skeleton than on the spelling.
func skelLimit(n int) float64 {
	if n >= 7 {
		return typoLimit(n) + skeletonSlack
	}
	return typoLimit(n)
}

// skeletonSlack is what skelLimit adds for names of seven letters or more.
const skeletonSlack = 0.5

func betterWithin[E byte | rune](best cmp, a, b []E, limit float64) cmp {
	n := max(len(a), len(b))
	d := editDistance(a, b, limit)
	if d > limit {
		return best
	}
	if sim := float32(1 - d/float64(n)); best.out == outMismatch || sim > best.sim {
		return cmp{out: outTypo, sim: sim, form: -1}
	}
	return best
}

// truncationOf reports whether short is long cut short (or abbreviated):
// at least two letters kept, at least two dropped. A patronymic formed from
// a given name (OLEKSANDR, OLEKSANDROVYCH) is not a truncation. Whether a
// truncation is plausible depends on the whole name (see mrzLong).
func truncationOf(short, long string) bool {
	return len(short) >= 2 && len(long) >= len(short)+2 &&
		strings.HasPrefix(long, short) && !looksPatronymic(long)
}

// genderSuffixes pairs masculine and feminine surname endings as they
// appear in Latin renderings of Slavic surnames.
var genderSuffixes = []pair{
	{"OV", "OVA"}, {"EV", "EVA"}, {"IN", "INA"}, {"YN", "YNA"}, {"YOV", "YOVA"},
	{"SKII", "SKAIA"}, {"SKIY", "SKAYA"}, {"SKY", "SKAYA"}, {"SKI", "SKA"}, {"SKIJ", "SKAJA"},
	{"SKYI", "SKA"}, {"TSKII", "TSKAIA"}, {"SKII", "SKAYA"}, {"SKIY", "SKAIA"}, {"SKY", "SKAIA"},
	{"OI", "AIA"}, {"OY", "AYA"}, {"II", "AIA"}, {"YI", "AYA"}, {"IY", "AYA"},
}

type pair struct{ m, f string }

// genderPair reports whether a and b are the masculine and feminine forms
// of one surname (in either order).
func genderPair(a, b string) bool {
	return genderPairOrdered(a, b) || genderPairOrdered(b, a)
}

// genderPairOrdered reports whether a is the masculine and b the feminine
// form. Every feminine ending ends in A.
func genderPairOrdered(a, b string) bool {
	if b == "" || b[len(b)-1] != 'A' {
		return false
	}
	for _, g := range genderSuffixes {
		if strings.HasSuffix(a, g.m) && strings.HasSuffix(b, g.f) &&
			a[:len(a)-len(g.m)] == b[:len(b)-len(g.f)] && len(a)-len(g.m) >= 2 {
			return true
		}
	}
	return false
}

// isSyllabic reports whether s is written in Han, Kana or Hangul.
func isSyllabic(s string) bool {
	for _, c := range s {
		if c < 0x1100 { // below Hangul Jamo: none of these scripts
			continue
		}
		if unicode.In(c, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) {
			return true
		}
	}
	return false
}

// mayBeWithin is a necessary condition for two strings with the given
// bigram signatures, letter histograms and lengths to be within edit
// distance limit: every unit of distance changes at most four letter pairs
// (two look-alike substitutions at half cost each change two), two letter
// counts and one letter of length.
func mayBeWithin(sa, sb, ca, cb uint64, la, lb int, limit float64) bool {
	if float64(abs(la-lb)) > limit {
		return false
	}
	budget := int(4 * limit)
	if bits.OnesCount64(sa&^sb) > budget || bits.OnesCount64(sb&^sa) > budget {
		return false
	}
	return float64(countsApart(ca, cb)) <= 2*limit
}
