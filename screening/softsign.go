package screening

import (
	"strings"

	"trex/romanize"
)

// softSignSkeleton is the phonetic skeleton of a Cyrillic token whose soft
// sign a document writes as a letter (Y in the Bulgarian system, J or I in
// Slavic-Latin and letter-by-letter spellings: ОЛЬГА as OLYGA, OLJGA or
// OLIGA, ИГОРЬ as IGORJ), where every system the tables hold drops it.
// It is "" when tok has no soft sign before a consonant or at its end,
// where the sign is silent in every system; before a vowel the systems
// already write it as a glide.
func softSignSkeleton(tok string) string {
	if !strings.Contains(tok, "ь") && !strings.Contains(tok, "Ь") {
		return ""
	}
	r := []rune(strings.ToLower(tok))
	changed := false
	for i, c := range r {
		if c != 'ь' {
			continue
		}
		if i+1 < len(r) && strings.ContainsRune("аеёиоуыэюя", r[i+1]) {
			continue
		}
		r[i] = 'и'
		changed = true
	}
	if !changed {
		return ""
	}
	return romanize.Skeleton(romanize.ICAOName(string(r)))
}

// addSkeleton adds s to t's skeletons unless t has it already.
func (t *tokenForms) addSkeleton(s string) {
	if s == "" {
		return
	}
	for _, o := range t.skelStr {
		if o == s {
			return
		}
	}
	t.skelSet |= stringBit(s)
	t.skelStr = append(t.skelStr, s)
	t.skels = append(t.skels, []rune(s))
	t.skelSig = append(t.skelSig, bigramSignature(s))
	t.skelCounts = append(t.skelCounts, letterCounts([]rune(s)))
	t.sig |= bigramSignature(s)
}
