package romanize

import "strings"

// Alternates returns readings of a name token that are weaker evidence
// than its Renderings and are not among them: for a Cyrillic word without
// Ukrainian letters, its Russian form read in the Azerbaijani or Turkic,
// Uzbek and Romanian Latin alphabets (see TurkicReading); for a given name,
// the renderings of its other forms (NameForm, see NameForms); the
// original spellings of a given name Russian transcribed by sound
// (OriginalSpelling, see GivenOriginals); and the word's foreign-origin
// keys (ForeignOrigin, lower case; see OriginKeys).
// A reading equal to the other side's spelling, a name form with the
// other side's phonetic skeleton, or a key equal to its key says the two
// may be one name; a reading one letter off says nothing (Таня is not
// Анна).
// renderings are the token's Renderings, which the result leaves out; nil
// computes them.
func Alternates(token string, renderings []Rendering) []Rendering {
	var out []Rendering
	have := renderings
	if have == nil {
		have = Renderings(token)
	}
	add := func(text string, sys System) {
		if text == "" {
			return
		}
		// An Uzbek or Belarusian reading with an A is compared more
		// loosely (an A may stand for O): it is kept even when another
		// spelling is the same.
		loose := LooseAO(sys) && strings.ContainsRune(text, 'A')
		for _, r := range have {
			if r.Text == text && !loose {
				return
			}
		}
		for _, r := range out {
			if r.Text == text && (!loose || r.System == sys) {
				return
			}
		}
		out = append(out, Rendering{Text: text, System: sys})
	}
	if ScriptOf(token) == ScriptCyrillic {
		lower := strings.ToLower(token)
		if !strings.ContainsAny(lower, ukrainianLetters) && !hasTurkicLetters(lower) {
			word := []rune(lower)
			for _, r := range russianFormReadings {
				if r.only == nil || r.only(lower) {
					add(r.apply(word), r.system)
				}
			}
		}
	}
	for _, other := range NameForms(token) {
		w := []rune(strings.ToLower(other))
		if hasTurkicLetters(string(w)) {
			add(cyrillicRules[0].apply(w), NameForm)
			continue
		}
		for _, r := range cyrillicRules {
			if r.system == ICAO || r.system == MVD1997 || r.system == English {
				add(r.apply(w), NameForm)
			}
		}
		if bulgarianCandidate(string(w)) {
			add(bulgarianRules.apply(w), NameForm)
		}
	}
	for _, o := range GivenOriginals(token) {
		add(o, OriginalSpelling)
	}
	for _, k := range OriginKeys(token) {
		add(k, ForeignOrigin)
	}
	return out
}

// LooseAO reports whether an A of a reading under sys may stand for an O
// of the other side's spelling: the Uzbek O that Russian writes А, and the
// unstressed О that Belarusian writes А.
func LooseAO(sys System) bool { return sys == UzbekReading || sys == BelarusianReading }

// LooseLetter reports whether the letter r of a reading under sys may
// stand for the letter f of the other side's spelling: an A for an O
// (LooseAO); and in a Turkic reading an E for the Azerbaijani Ə that
// passports write A (Russian writes it Е: Ахмедов, AHMADOV) and an X for
// an H (Russian writes both Х: Джейхун, CEYHUN).
func LooseLetter(sys System, r, f byte) bool {
	switch {
	case LooseAO(sys):
		return r == 'A' && f == 'O'
	case sys == TurkicReading:
		return r == 'E' && f == 'A' || r == 'X' && f == 'H'
	}
	return false
}
