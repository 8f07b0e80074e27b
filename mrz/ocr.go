package mrz

// Misreads OCR engines make with the OCR-B font, as pairs of a digit and
// the letters it is confused with. The table is symmetric: each letter
// below can be read for its digit and the digit for each of its letters.
var confusions = map[byte]string{
	'0': "OQD",
	'1': "IL",
	'2': "Z",
	'5': "S",
	'6': "G",
	'8': "B",
}

// letterToDigit corrects a letter in a field of digits: every letter of the
// table stands for exactly one digit.
var letterToDigit = func() map[byte]byte {
	m := map[byte]byte{}
	for d, letters := range confusions {
		for i := 0; i < len(letters); i++ {
			m[letters[i]] = d
		}
	}
	return m
}()

// digitToLetter corrects a digit in a field of letters, but only where the
// digit stands for one letter: a 0 may be O, Q or D and a 1 may be I or L,
// and a name has no check digit to tell them apart.
var digitToLetter = func() map[byte]byte {
	m := map[byte]byte{}
	for d, letters := range confusions {
		if len(letters) == 1 {
			m[d] = letters[0]
		}
	}
	return m
}()

// lookalikes are the other readings of c in a field that may hold both
// letters and digits; a check digit decides between them.
func lookalikes(c byte) string {
	if letters, ok := confusions[c]; ok {
		return letters
	}
	if d, ok := letterToDigit[c]; ok {
		return string(d)
	}
	return ""
}
