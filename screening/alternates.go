package screening

import (
	"strings"

	"trex/romanize"
)

// packAlternates packs a token's weaker readings (romanize.Alternates)
// into one string: per reading a system byte, the text and a NUL. Other
// forms of a given name are kept as their phonetic skeletons, which is
// how they are compared, each followed by palatalMark and its palatal
// skeleton (see nameFormMatches). One string per token keeps the readings cheap to
// hold for every surname of the register.
func packAlternates(rs []romanize.Rendering) (string, altBits) {
	var bits altBits
	if len(rs) == 0 {
		return "", bits
	}
	var b strings.Builder
	for _, r := range rs {
		text := r.Text
		switch r.System {
		case romanize.NameForm:
			skel := romanize.Skeleton(text)
			bits.skels |= stringBit(skel)
			text = skel + palatalMark + romanize.PalatalSkeleton(text)
		case romanize.ForeignOrigin:
			bits.keys.add(text)
		case romanize.UzbekReading, romanize.BelarusianReading, romanize.TurkicReading:
			text = squeeze(text)
			bits.forms.add(foldLoose(text))
		default:
			text = squeeze(text)
			bits.forms.add(text)
		}
		entry := string(rune(r.System)) + text + "\x00"
		if !strings.Contains(b.String(), entry) {
			b.WriteString(entry)
		}
	}
	return b.String(), bits
}

// altBits has one bit (see stringBit) per reading of a token, by kind:
// spellings, phonetic skeletons, foreign-origin keys; spellings and keys
// two bits each, in two sets (see bitPair).
type altBits struct {
	skels       uint64
	forms, keys bitPair
}

// mayMatchAlternate is a necessary condition for alternateMatch: some
// reading of one token may equal a spelling, skeleton or key of the other.
func mayMatchAlternate(q, r *tokenForms) bool {
	meet := func(a, b *tokenForms) bool {
		if a.altBits.skels&b.skelSet != 0 {
			return true
		}
		return a.script != b.script &&
			(a.altBits.forms.meets(b.formSet) || a.altBits.keys.meets(b.altBits.keys))
	}
	return meet(r, q) || meet(q, r)
}

// eachAlternate calls f with each reading packed in alt until f returns
// true, and reports whether it did.
func eachAlternate(alt string, f func(sys romanize.System, text string) bool) bool {
	for len(alt) > 1 {
		end := strings.IndexByte(alt, 0)
		if end < 0 {
			return false
		}
		if f(romanize.System(alt[0]), alt[1:end]) {
			return true
		}
		alt = alt[end+1:]
	}
	return false
}

// hasAlternate reports whether alt holds text under sys.
func hasAlternate(alt string, sys romanize.System, text string) bool {
	return eachAlternate(alt, func(s romanize.System, t string) bool { return s == sys && t == text })
}

// alternateMatch compares the weaker readings of two tokens: another form
// of a given name with the other side's phonetic skeleton (Саша, SASHA for
// Александр); and, for tokens in different scripts, a reading of one equal
// to a spelling of the other but for doubled letters (a Russian form read
// in the bearer's own Latin alphabet: Мамедов, MAMMADOV), or a
// foreign-origin key both share (a name transcribed
// into Russian and its original spelling). Each reads as a variant of the
// name, under the system that produced it. Nothing here allows a typo: a
// reading one letter off another name says nothing.
func alternateMatch(q, r *tokenForms) (cmp, bool) {
	cross := q.script != r.script
	var found romanize.System
	match := func(a, b *tokenForms) bool {
		return eachAlternate(a.alt, func(sys romanize.System, text string) bool {
			switch {
			case sys == romanize.NameForm:
				if nameFormMatches(text, b) {
					found = sys
					return true
				}
			case !cross:
			case sys == romanize.ForeignOrigin:
				if hasAlternate(b.alt, sys, text) {
					found = sys
					return true
				}
			default:
				for _, f := range b.forms {
					if equalSqueezed(f, text, sys) {
						found = sys
						return true
					}
				}
			}
			return false
		})
	}
	if match(r, q) || match(q, r) {
		return cmp{out: outVariant, sim: 0.95, system: found, form: -1}, true
	}
	return cmp{}, false
}

// palatalMark separates a packed name form's skeleton from its palatal
// skeleton.
const palatalMark = "\x01"

// nameFormMatches reports whether the packed name form packed (skeleton,
// palatalMark, palatal skeleton) is a spelling of token b: a skeleton of
// b's, with the same soft consonants (romanize.PalatalSkeleton) as one of
// b's spellings, so that a short form is not another name's by a soft
// sign the skeleton does not see (Лёня, LENIA, is not Лена, LENA).
func nameFormMatches(packed string, b *tokenForms) bool {
	skel, palatal, _ := strings.Cut(packed, palatalMark)
	for _, s := range b.skelStr {
		if s != skel {
			continue
		}
		for _, f := range b.forms {
			if romanize.PalatalSkeleton(f) == palatal {
				return true
			}
		}
		return false
	}
	return false
}

// squeeze makes doubled letters single: Russian and the Latin alphabets
// of Turkic languages and Romanian double different consonants.
func squeeze(s string) string {
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] {
			b := []byte(s[:i])
			for j := i + 1; j < len(s); j++ {
				if s[j] != s[j-1] {
					b = append(b, s[j])
				}
			}
			return string(b)
		}
	}
	return s
}

// equalSqueezed reports whether form with its doubled letters made single
// equals squeezed (already without doubled letters), a reading under sys,
// whose letters may stand for others as romanize.LooseLetter says where
// form has them single.
func equalSqueezed(form, squeezed string, sys romanize.System) bool {
	j := 0
	for i := 0; i < len(form); i++ {
		if i > 0 && form[i] == form[i-1] {
			continue
		}
		if j >= len(squeezed) {
			return false
		}
		// A letter a reading may stand for is a single one: the Turkic and
		// Belarusian alphabets that write those letters double no vowel,
		// and a doubled one (the Dutch OO) is another spelling's.
		single := i+1 >= len(form) || form[i+1] != form[i]
		if c := squeezed[j]; form[i] != c && !(single && romanize.LooseLetter(sys, c, form[i])) {
			return false
		}
		j++
	}
	return j == len(squeezed)
}

// foldLoose writes every O and E of s as A and every H as X, so that
// spellings that differ only in letters a reading may stand for
// (romanize.LooseLetter) share a bit (see altBits).
func foldLoose(s string) string {
	if !strings.ContainsAny(s, "OEH") {
		return s
	}
	return strings.NewReplacer("O", "A", "E", "A", "H", "X").Replace(s)
}

// bitPair is a set of strings as two sets of 64 bits, one bit each in
// both (see stringBits): two strings that are equal share a bit in each,
// and two sets whose strings are all different meet in both by chance
// far more rarely than in one. A token's cross-script readings are many,
// and one set of 64 bits alone met the spellings of every tenth other
// token.
type bitPair struct{ lo, hi uint64 }

// add puts s in the set.
func (b *bitPair) add(s string) {
	lo, hi := stringBits(s)
	b.lo |= lo
	b.hi |= hi
}

// meets reports whether the sets may share a string: both halves meet.
// The plain path asks only the first.
func (b bitPair) meets(o bitPair) bool {
	return b.lo&o.lo != 0 && (plainComparisons || b.hi&o.hi != 0)
}
