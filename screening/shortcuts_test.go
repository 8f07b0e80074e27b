package screening

import (
	"strings"
	"testing"
)

// The comparison takes shortcuts that hold only while the tables agree
// with them; these tests say so when a table changes.

func TestFeminineEndingsEndInA(t *testing.T) {
	for _, g := range genderSuffixes {
		if !strings.HasSuffix(g.f, "A") {
			t.Errorf("feminine ending %s does not end in A: genderPairOrdered's shortcut is wrong", g.f)
		}
	}
}

func TestOCRPairsShareABin(t *testing.T) {
	for _, p := range ocrPairs {
		if letterBin[p[0]] != letterBin[p[1]] {
			t.Errorf("%c and %c are an OCR pair in different letter bins", p[0], p[1])
		}
		if !ocrPair(p[0], p[1]) || !ocrPair(p[1], p[0]) {
			t.Errorf("ocrPair(%c, %c) is false", p[0], p[1])
		}
	}
}

// TestLetterCountsBoundEditDistance checks that half the histogram
// distance never exceeds the edit distance.
func TestLetterCountsBoundEditDistance(t *testing.T) {
	words := []string{"ivanov", "ivanova", "ivamov", "lvanov", "petrov", "pjotr", "koval", "kovalcuk",
		"aaaaaaaaaaaaaaaaaaaaa", "a", "", "zhukov", "jukov", "dmitrii", "dmitri", "ocr", "dcr", "ЖУК", "ZHUK"}
	for _, a := range words {
		for _, b := range words {
			ra, rb := []rune(a), []rune(b)
			d := editDistance(ra, rb, 100)
			if bound := float64(countsApart(letterCounts(ra), letterCounts(rb))) / 2; bound > d {
				t.Errorf("%q %q: histogram bound %v above edit distance %v", a, b, bound, d)
			}
			if d <= 2 && !mayBeWithin(bigramSignature(a), bigramSignature(b), letterCounts(ra), letterCounts(rb), len(ra), len(rb), 2) {
				t.Errorf("%q %q: distance %v, but mayBeWithin(2) is false", a, b, d)
			}
		}
	}
}
