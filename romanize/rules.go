package romanize

import (
	"strings"
	"unicode"
)

// pair is a source sequence and its Latin rendering.
type pair struct{ from, to string }

// rules is one way of writing a script in Latin letters. Lookups go from the
// most specific context to the least: word endings, letter sequences, word
// start, after a vowel, between vowels, then the base table.
type rules struct {
	system        System
	base          map[rune]string
	initial       map[rune]string // at the start of a word
	afterVowel    map[rune]string // after a vowel (or a sign letter such as ь, ъ)
	betweenVowels map[rune]string // between two vowels
	endings       []pair          // at the end of a word
	seqs          []pair          // anywhere
	vowels        string          // the script's vowels and signs, for context
	// only, when set, says which words (lower case) a reading applies to.
	only func(word string) bool
	// prep, when set, rewrites a word (lower case) before the rules apply.
	prep func(word []rune) []rune
}

// apply renders one word (lower-case source letters) in upper-case Latin.
// Letters the rules do not know are kept as they are, upper-cased.
func (r *rules) apply(word []rune) string {
	if r.prep != nil {
		word = r.prep(word)
	}
	var b strings.Builder
	b.Grow(len(word) * 2)
	n := len(word)
	isVowel := func(i int) bool {
		return i >= 0 && i < n && strings.ContainsRune(r.vowels, word[i])
	}
outer:
	for i := 0; i < n; {
		for _, e := range r.endings {
			if hasRunesAt(word, i, e.from) && i+runeLen(e.from) == n && i > 0 {
				b.WriteString(e.to)
				break outer
			}
		}
		for _, s := range r.seqs {
			if hasRunesAt(word, i, s.from) {
				b.WriteString(s.to)
				i += runeLen(s.from)
				continue outer
			}
		}
		c := word[i]
		var out string
		var ok bool
		switch {
		case i == 0 && r.initial != nil:
			out, ok = r.initial[c]
		case isVowel(i-1) && isVowel(i+1) && r.betweenVowels != nil:
			out, ok = r.betweenVowels[c]
		}
		if !ok && i > 0 && isVowel(i-1) && r.afterVowel != nil {
			out, ok = r.afterVowel[c]
		}
		if !ok {
			out, ok = r.base[c]
		}
		if !ok {
			out = string(unicode.ToUpper(c))
		}
		b.WriteString(out)
		i++
	}
	return b.String()
}

func hasRunesAt(word []rune, i int, s string) bool {
	for _, c := range s {
		if i >= len(word) || word[i] != c {
			return false
		}
		i++
	}
	return true
}

func runeLen(s string) int { return len([]rune(s)) }

// table builds a rune map from alternating source letters and renderings.
func table(kv ...string) map[rune]string {
	m := make(map[rune]string, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[[]rune(kv[i])[0]] = kv[i+1]
	}
	return m
}

// with returns a copy of base with the given entries replaced.
func with(base map[rune]string, kv ...string) map[rune]string {
	m := make(map[rune]string, len(base)+len(kv)/2)
	for k, v := range base {
		m[k] = v
	}
	for k, v := range table(kv...) {
		m[k] = v
	}
	return m
}
