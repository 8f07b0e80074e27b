package paxlst

import (
	"bytes"
	"strconv"
	"strings"
	"time"
)

// writer prints segments with a set of service characters, releasing
// service characters inside values, one segment per line.
type writer struct {
	seps  Separators
	buf   bytes.Buffer
	count int // segments since the last reset, for UNT
}

func newWriter(seps Separators) *writer {
	w := &writer{seps: seps}
	w.buf.WriteString("UNA")
	w.buf.Write([]byte{seps.Component, seps.Element, seps.Decimal, seps.Release, seps.Repetition, seps.Segment})
	w.buf.WriteByte('\n')
	return w
}

// c joins components into an element, releasing service characters and
// dropping trailing empty components.
func (w *writer) c(parts ...string) string {
	for len(parts) > 0 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte(w.seps.Component)
		}
		for j := 0; j < len(p); j++ {
			switch ch := p[j]; ch {
			case w.seps.Component, w.seps.Element, w.seps.Release, w.seps.Segment:
				b.WriteByte(w.seps.Release)
				b.WriteByte(ch)
			default:
				b.WriteByte(ch)
			}
		}
	}
	return b.String()
}

// seg writes a segment of elements built with c, dropping trailing empty
// elements.
func (w *writer) seg(tag string, elements ...string) {
	for len(elements) > 0 && elements[len(elements)-1] == "" {
		elements = elements[:len(elements)-1]
	}
	w.buf.WriteString(tag)
	for _, e := range elements {
		w.buf.WriteByte(w.seps.Element)
		w.buf.WriteString(e)
	}
	w.buf.WriteByte(w.seps.Segment)
	w.buf.WriteByte('\n')
	w.count++
}

// stamp writes a date and time as YYMMDD (CCYYMMDD outside this century)
// and HHMM.
func stamp(t time.Time) (string, string) {
	switch {
	case t.IsZero():
		return "", ""
	case t.Year() < 2000 || t.Year() >= 2100:
		return t.Format("20060102"), t.Format("1504")
	}
	return t.Format("060102"), t.Format("1504")
}

func itoa(n int) string { return strconv.Itoa(n) }
