package mrz

import "strings"

// splitName cuts a name field at its first double filler into the primary
// identifier (surname) and the secondary one (given names); single fillers
// inside either part separate words.
func splitName(field string) (surname string, given []string) {
	field = strings.TrimRight(field, "<")
	primary, secondary, _ := strings.Cut(field, "<<")
	surname = strings.Join(strings.FieldsFunc(primary, isFiller), " ")
	given = strings.FieldsFunc(secondary, isFiller)
	return surname, given
}

func isFiller(r rune) bool { return r == '<' }
