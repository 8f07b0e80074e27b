package screening

// ocrPair reports whether two upper-case letters are commonly confused by
// optical character readers or by typists copying from Cyrillic print
// (Р read as P, В as B, Н as H). Such substitutions cost half an edit.
func ocrPair(a, b rune) bool {
	if a > b {
		a, b = b, a
	}
	switch [2]rune{a, b} {
	case [2]rune{'D', 'O'}, [2]rune{'O', 'Q'}, [2]rune{'C', 'O'}, [2]rune{'I', 'L'}, [2]rune{'I', 'J'},
		[2]rune{'E', 'F'}, [2]rune{'P', 'R'}, [2]rune{'B', 'E'}, [2]rune{'M', 'N'}, [2]rune{'U', 'V'},
		[2]rune{'C', 'G'}, [2]rune{'H', 'N'}, [2]rune{'K', 'X'}, [2]rune{'B', 'P'}, [2]rune{'B', 'R'},
		[2]rune{'I', 'T'}, [2]rune{'V', 'Y'}, [2]rune{'c', 'k'}, [2]rune{'d', 'o'}, [2]rune{'i', 'l'},
		[2]rune{'e', 'f'}, [2]rune{'p', 'r'}, [2]rune{'m', 'n'}, [2]rune{'u', 'v'}, [2]rune{'g', 'k'},
		[2]rune{'b', 'e'}, [2]rune{'h', 'n'}:
		return true
	}
	return false
}

// editDistance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and transpositions of neighbours
// cost 1; OCR look-alike substitutions cost 0.5). It stops early and
// returns a value above limit once the distance must exceed limit.
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
	var buf [3 * 40]float64
	var rows []float64
	if 3*(m+1) <= len(buf) {
		rows = buf[:3*(m+1)]
	} else {
		rows = make([]float64, 3*(m+1))
	}
	prev2, prev, cur := rows[:m+1], rows[m+1:2*(m+1)], rows[2*(m+1):]
	for j := 0; j <= m; j++ {
		prev[j] = float64(j)
	}
	for i := 1; i <= n; i++ {
		cur[0] = float64(i)
		rowMin := cur[0]
		for j := 1; j <= m; j++ {
			cost := 1.0
			if a[i-1] == b[j-1] {
				cost = 0
			} else if ocrPair(rune(a[i-1]), rune(b[j-1])) {
				cost = 0.5
			}
			v := prev[j-1] + cost
			if d := prev[j] + 1; d < v {
				v = d
			}
			if d := cur[j-1] + 1; d < v {
				v = d
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				if d := prev2[j-2] + 1; d < v {
					v = d
				}
			}
			cur[j] = v
			if v < rowMin {
				rowMin = v
			}
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
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
