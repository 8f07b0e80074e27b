package paxlst

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Separators are the service characters of an interchange, as a UNA
// service string advice sets them.
type Separators struct {
	Component  byte
	Element    byte
	Decimal    byte
	Release    byte
	Repetition byte // reserved in syntax version 3; written back, never interpreted
	Segment    byte
}

// DefaultSeparators apply when an interchange has no UNA.
var DefaultSeparators = Separators{Component: ':', Element: '+', Decimal: '.', Release: '?', Repetition: ' ', Segment: '\''}

// segment is one segment as read: its tag and its elements (after the tag),
// each a list of components with release characters removed.
type segment struct {
	tag      string
	elements [][]string
	index    int  // 1-based, in the interchange (UNA not counted)
	line     int  // 1-based line of its first character
	open     bool // the input ended before its terminator
	spaced   bool // spaces or tabs came before it
	tagSpace bool // spaces stood between the tag and its first separator
}

// el returns component j of element i, or "" when there is none.
func (s *segment) el(i, j int) string {
	if i < len(s.elements) && j < len(s.elements[i]) {
		return s.elements[i][j]
	}
	return ""
}

// lexed is an interchange cut into segments.
type lexed struct {
	seps     Separators
	hasUNA   bool
	segments []segment
	notes    []string // irregularities of the whole text, for warnings
}

// lex cuts data into segments. It refuses empty input, binary data and a
// UNA that cannot be used; everything else is the parser's business.
func lex(data []byte) (*lexed, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	line := 1
	for i, c := range data {
		if c == '\n' {
			line++
		}
		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f {
			return nil, &Error{Line: line, Reason: fmt.Sprintf("binary data (byte 0x%02x at offset %d): this is not an EDIFACT interchange", c, i)}
		}
	}
	if !utf8.Valid(data) {
		data = latin1ToUTF8(data)
	}
	lx := &lexed{seps: DefaultSeparators}
	pos, line := 0, 1
	skip := func() (spaced, newline bool) {
		for pos < len(data) {
			switch data[pos] {
			case '\n':
				line++
				newline = true
			case ' ', '\t':
				spaced = true
			case '\r':
			default:
				return spaced, newline
			}
			pos++
		}
		return spaced, newline
	}
	skip()
	if pos == len(data) {
		return nil, &Error{Reason: "empty input: expected a UNA service string advice or a UNB interchange header"}
	}
	if bytes.HasPrefix(data[pos:], []byte("UNA")) {
		if len(data)-pos < 9 {
			return nil, &Error{Line: line, Tag: "UNA", Reason: "the service string advice is cut short: expected six service characters after UNA"}
		}
		u := data[pos+3 : pos+9]
		s := Separators{Component: u[0], Element: u[1], Decimal: u[2], Release: u[3], Repetition: u[4], Segment: u[5]}
		if err := s.valid(); err != nil {
			return nil, &Error{Line: line, Tag: "UNA", Reason: err.Error()}
		}
		lx.seps, lx.hasUNA = s, true
		pos += 9
	}
	// Some carriers end segments with line breaks alone. Without a UNA and
	// without a single apostrophe, line breaks are the only terminators.
	if !lx.hasUNA && bytes.IndexByte(data[pos:], lx.seps.Segment) < 0 && bytes.IndexByte(data[pos:], '\n') >= 0 {
		lx.seps.Segment = '\n'
		lx.notes = append(lx.notes, "segments end with line breaks instead of a segment terminator")
	}
	sep := lx.seps
	lx.segments = make([]segment, 0, bytes.Count(data[pos:], []byte{sep.Segment})+1)
	var cur []byte // reused across segments
	var compEnds, elemEnds []int
	sharing, ending := 0, 0 // segments followed on their line by another, or not
	for index := 1; ; index++ {
		spaced, newline := skip()
		if index > 1 && pos < len(data) && sep.Segment != '\n' {
			if newline {
				ending++
			} else {
				sharing++
			}
		}
		if pos == len(data) {
			break
		}
		seg := segment{index: index, line: line, spaced: spaced}
		// Components are gathered in cur, their ends in compEnds and the
		// number of components before each element's end in elemEnds; one
		// string is made per segment and sliced.
		cur = cur[:0]
		compEnds = compEnds[:0]
		elemEnds = elemEnds[:0]
		ended := false
		for pos < len(data) && !ended {
			c := data[pos]
			pos++
			switch {
			case c == sep.Release && pos < len(data):
				if data[pos] == '\n' {
					line++
				}
				cur = append(cur, data[pos])
				pos++
			case c == sep.Segment:
				if c == '\n' {
					line++
				}
				ended = true
			case c == sep.Element:
				compEnds = append(compEnds, len(cur))
				elemEnds = append(elemEnds, len(compEnds))
			case c == sep.Component:
				compEnds = append(compEnds, len(cur))
			default:
				if c == '\n' {
					line++
				}
				cur = append(cur, c)
			}
		}
		compEnds = append(compEnds, len(cur))
		elemEnds = append(elemEnds, len(compEnds))
		whole := string(cur)
		comps := make([]string, len(compEnds))
		start := 0
		for i, end := range compEnds {
			comps[i] = whole[start:end]
			start = end
		}
		elems := make([][]string, len(elemEnds))
		first := 0
		for i, n := range elemEnds {
			elems[i] = comps[first:n:n]
			first = n
		}
		seg.open = !ended
		tag := elems[0][0]
		seg.tag = strings.TrimSpace(tag)
		seg.tagSpace = seg.tag != tag
		seg.elements = elems[1:]
		for _, e := range seg.elements {
			for j := range e {
				e[j] = strings.TrimSpace(e[j])
			}
		}
		lx.segments = append(lx.segments, seg)
	}
	if sharing > 0 && ending > 0 {
		lx.notes = append(lx.notes, fmt.Sprintf("line breaks are used unevenly: %d segments share their line with the next, %d end theirs", sharing, ending))
	}
	return lx, nil
}

// valid reports whether the service characters can be told apart.
func (s Separators) valid() error {
	chars := []byte{s.Component, s.Element, s.Release, s.Segment}
	for i, a := range chars {
		if isAlnum(a) || a == ' ' {
			return fmt.Errorf("service character %q cannot be a letter, a digit or a space", a)
		}
		for _, b := range chars[i+1:] {
			if a == b {
				return fmt.Errorf("service character %q is used twice", a)
			}
		}
	}
	return nil
}

func isAlnum(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
}

// latin1ToUTF8 reads bytes as ISO 8859-1, the character set of UNOC.
func latin1ToUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return out
}
