package screening

import (
	"strings"

	"trex/romanize"
)

// Romanisation systems respell letters, letter groups and vowels, but none
// drops a syllable or adds one (a soft or hard sign aside, which some
// systems write as a vowel): ZHAROV is not a rendering of ЗАХАРОВ, whatever
// their phonetic skeletons say. syllableRange bounds the number of vowel
// groups a token can be written with; two tokens whose bounds do not meet
// are at most a typo apart, never a variant.

// cyrillicVowels are the Cyrillic letters that make a syllable (Й joins
// the vowels it stands by), for Russian, Ukrainian, Belarusian and the
// Turkic and Iranian languages written in Cyrillic.
const cyrillicVowels = "АЕЁИОУЫЭЮЯІЇЄЙӢӮҮӨӘЭ"

// cyrillicOptional are the letters some systems write as a vowel and
// others drop or write as a consonant.
const cyrillicOptional = "ЬЪЎ"

// syllableRange returns the fewest and most vowel groups t may be written
// with, and false for scripts it cannot judge.
func syllableRange(t *tokenForms) (lo, hi int, ok bool) {
	switch t.script {
	case romanize.ScriptCyrillic:
		n, opt := 0, 0
		prev := false
		for _, c := range t.text {
			v := strings.ContainsRune(cyrillicVowels, c)
			if v && !prev {
				n++
			}
			if strings.ContainsRune(cyrillicOptional, c) {
				opt++
			}
			prev = v
		}
		return n, n + opt, n > 0
	case romanize.ScriptLatin:
		if len(t.forms) == 0 {
			return 0, 0, false
		}
		return latinSyllables(t.forms[0])
	}
	return 0, 0, false
}

// latinSyllables counts the vowel groups of an upper-case Latin spelling:
// J may be a vowel's glide (MAJA) or a consonant (ZAJAROV for Захаров), U
// after Q is silent, and so may be a final E.
func latinSyllables(s string) (lo, hi int, ok bool) {
	groups := func(jVowel bool) int {
		n := 0
		prev := false
		for i := 0; i < len(s); i++ {
			c := s[i]
			v := strings.IndexByte("AEIOUY", c) >= 0 || (jVowel && c == 'J')
			if c == 'U' && i > 0 && s[i-1] == 'Q' {
				v = false
			}
			if v && !prev {
				n++
			}
			prev = v
		}
		return n
	}
	a, b := groups(true), groups(false)
	lo, hi = min(a, b), max(a, b)
	if n := len(s); n >= 3 && (s[n-1] == 'E' || (s[n-2] == 'E' && s[n-1] == 'S')) && lo > 1 {
		lo--
	}
	return lo, hi, hi > 0
}

// syllablesAgree reports whether q and r may be written with as many
// syllables; tokens of scripts syllableRange cannot judge agree.
func syllablesAgree(q, r *tokenForms) bool {
	ql, qh, okq := syllableRange(q)
	rl, rh, okr := syllableRange(r)
	if !okq || !okr {
		return true
	}
	return ql <= rh && rl <= qh
}
