package mrz

// Misreads OCR engines make with the OCR-B font. A field's kind decides
// which way a character is corrected: a letter in a field of digits, a digit
// in a field of letters.
var (
	letterToDigit = map[byte]byte{'O': '0', 'Q': '0', 'D': '0', 'I': '1', 'L': '1', 'Z': '2', 'S': '5', 'G': '6', 'B': '8'}
	digitToLetter = map[byte]byte{'0': 'O', '1': 'I', '2': 'Z', '5': 'S', '6': 'G', '8': 'B'}
)

// lookalike is the other reading of c in a field that may hold both letters
// and digits, and whether c has one.
func lookalike(c byte) (byte, bool) {
	switch c {
	case 'O':
		return '0', true
	case 'I':
		return '1', true
	case 'B':
		return '8', true
	case 'S':
		return '5', true
	case 'Z':
		return '2', true
	case 'G':
		return '6', true
	}
	d, ok := digitToLetter[c]
	return d, ok
}
