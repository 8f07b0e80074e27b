package screening

// ocrPairs are upper-case letters commonly confused by optical character
// readers or by typists copying from Cyrillic print (Р read as P, В as B,
// Н as H), and the lower-case skeleton classes of such letters. Such
// substitutions cost half an edit.
var ocrPairs = [...][2]rune{
	{'D', 'O'}, {'O', 'Q'}, {'C', 'O'}, {'I', 'L'}, {'I', 'J'},
	{'E', 'F'}, {'P', 'R'}, {'B', 'E'}, {'M', 'N'}, {'U', 'V'},
	{'C', 'G'}, {'H', 'N'}, {'K', 'X'}, {'B', 'P'}, {'B', 'R'},
	{'I', 'T'}, {'V', 'Y'}, {'c', 'k'}, {'d', 'o'}, {'i', 'l'},
	{'e', 'f'}, {'p', 'r'}, {'m', 'n'}, {'u', 'v'}, {'g', 'k'},
	{'b', 'e'}, {'h', 'n'},
}

// ocrTable[a] has bit b set when ASCII characters a and b are an OCR pair.
var ocrTable = func() (t [128][2]uint64) {
	for _, p := range ocrPairs {
		a, b := p[0], p[1]
		t[a][b>>6] |= 1 << (b & 63)
		t[b][a>>6] |= 1 << (a & 63)
	}
	return t
}()

// ocrPair reports whether a and b are an OCR pair (see ocrPairs).
func ocrPair(a, b rune) bool {
	if uint32(a) >= 128 || uint32(b) >= 128 {
		return false
	}
	return ocrTable[a][b>>6]>>(b&63)&1 != 0
}

// editDistance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and transpositions of neighbours
// cost 1; OCR look-alike substitutions cost 0.5). It stops early and
// returns a value above limit once the distance must exceed limit.
//
// The table counts in half edits, so that every cost is a whole number.
func editDistance[E byte | rune](a, b []E, limit float64) float64 {
	n, m := len(a), len(b)
	if n == 0 {
		return float64(m)
	}
	if m == 0 {
		return float64(n)
	}
	if d := n - m; float64(d) > limit || float64(-d) > limit {
		return limit + 1
	}
	var buf [3 * 40]int32
	var rows []int32
	if 3*(m+1) <= len(buf) {
		rows = buf[:3*(m+1)]
	} else {
		rows = make([]int32, 3*(m+1))
	}
	prev2, prev, cur := rows[:m+1], rows[m+1:2*(m+1)], rows[2*(m+1):]
	for j := 0; j <= m; j++ {
		prev[j] = int32(2 * j)
	}
	for i := 1; i <= n; i++ {
		ai := a[i-1]
		cur[0] = int32(2 * i)
		rowMin := cur[0]
		for j := 1; j <= m; j++ {
			bj := b[j-1]
			var cost int32 = 2
			if ai == bj {
				cost = 0
			} else if ocrPair(rune(ai), rune(bj)) {
				cost = 1
			}
			v := prev[j-1] + cost
			if d := prev[j] + 2; d < v {
				v = d
			}
			if d := cur[j-1] + 2; d < v {
				v = d
			}
			if i > 1 && j > 1 && ai == b[j-2] && a[i-2] == bj {
				if d := prev2[j-2] + 2; d < v {
					v = d
				}
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if float64(rowMin)/2 > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return float64(prev[m]) / 2
}

// bigramSignature sets one of 64 bits per letter pair of s (with word
// boundaries), so that two tokens that share few pairs can be told apart
// without an edit distance.
func bigramSignature(s string) uint64 {
	var sig uint64
	p := rune('^')
	for _, c := range s {
		sig |= 1 << ((uint32(p)*31 + uint32(c)) % 64)
		p = c
	}
	sig |= 1 << ((uint32(p)*31 + '$') % 64)
	return sig
}

// letterBin is the bin of each ASCII character in a letter histogram (see
// letterCounts). The letters of an OCR pair share a bin, so that a
// look-alike substitution leaves the histogram as it is; the lower-case
// skeleton classes get bins of their own as far as sixteen go.
var letterBin = func() (bin [128]uint8) {
	var parent [128]uint8
	for c := range parent {
		parent[c] = uint8(c)
	}
	root := func(c uint8) uint8 {
		for parent[c] != c {
			c = parent[c]
		}
		return c
	}
	for _, p := range ocrPairs {
		parent[root(uint8(p[1]))] = root(uint8(p[0]))
	}
	var binOfRoot [128]int
	for c := range binOfRoot {
		binOfRoot[c] = -1
	}
	next := 0
	order := "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for i := 0; i < len(order); i++ {
		if r := root(order[i]); binOfRoot[r] < 0 {
			binOfRoot[r] = next % 16
			next++
		}
	}
	for c := range bin {
		if r := root(uint8(c)); binOfRoot[r] >= 0 {
			bin[c] = uint8(binOfRoot[r])
		} else {
			bin[c] = uint8(c % 16)
		}
	}
	return bin
}()

// letterCounts is a histogram of the characters of s in sixteen bins of
// four bits each (counts stop at 15). Half the distance between two
// histograms (see countsApart) is a lower bound on the edit distance of the
// strings: an insertion or a deletion moves one count, a substitution at
// most two, a look-alike substitution or a transposition none.
func letterCounts[E byte | rune](s []E) uint64 {
	var h uint64
	for _, c := range s {
		bin := uint(c) % 16
		if uint32(c) < 128 {
			bin = uint(letterBin[c])
		}
		if h>>(4*bin)&15 < 15 {
			h += 1 << (4 * bin)
		}
	}
	return h
}

// countsApart is the L1 distance between two letter histograms.
func countsApart(a, b uint64) int {
	d := 0
	for ; a|b != 0; a, b = a>>4, b>>4 {
		d += abs(int(a&15) - int(b&15))
	}
	return d
}
