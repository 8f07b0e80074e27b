package mrz

// charValue is the value ICAO 9303 Part 3 gives a character for check
// digits: 0-9 for digits, 10-35 for A-Z, 0 for the filler. ok is false for
// characters outside the MRZ alphabet.
func charValue(c byte) (v int, ok bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10, true
	case c == '<':
		return 0, true
	}
	return 0, false
}

// CheckDigit computes the ICAO 9303 check digit of s: each character's value
// times the repeating weights 7, 3, 1, summed, modulo 10. Characters outside
// the MRZ alphabet count as fillers.
func CheckDigit(s string) byte {
	weights := [3]int{7, 3, 1}
	sum := 0
	for i := 0; i < len(s); i++ {
		v, _ := charValue(s[i])
		sum += v * weights[i%3]
	}
	return byte('0' + sum%10)
}

// inAlphabet reports whether c may appear in a zone: A-Z, 0-9 or <.
func inAlphabet(c byte) bool {
	_, ok := charValue(c)
	return ok
}
