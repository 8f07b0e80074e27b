package paxlst

import (
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Reader reads interchanges. The zero value takes the time from the clock.
type Reader struct {
	// Now is the fallback reference for two-digit birth years when the
	// interchange header carries no readable date (a birth date is never
	// after the day the manifest was prepared). Nil means time.Now.
	Now func() time.Time
}

// Parse reads a PAXLST interchange with the zero Reader.
func Parse(data []byte) (*Interchange, error) {
	return Reader{}.Read(data)
}

// parser walks the segments of one interchange.
type parser struct {
	ic      *Interchange
	ref     time.Time // reference date for two-digit years
	msg     *Message
	msgSeg  segment // the UNH of the open message
	msgLen  int     // segments since UNH, UNH included
	counts  []segment
	inTrav  bool // a traveller group is open: its segments go to the last traveller
	groupN  int  // messages in the open group
	groups  int
	inGroup bool
	hadUNB  bool
	unz     *segment
	spaced  []segment
}

// Read reads data as a PAXLST interchange. It returns an *Error when the
// data cannot be read; everything it could read past is in Warnings.
func (r Reader) Read(data []byte) (*Interchange, error) {
	lx, err := lex(data)
	if err != nil {
		return nil, err
	}
	p := &parser{ic: &Interchange{Separators: lx.seps}}
	p.ref = time.Now()
	if r.Now != nil {
		p.ref = r.Now()
	}
	for _, n := range lx.notes {
		p.ic.Warnings = append(p.ic.Warnings, Warning{Line: 1, Message: n})
	}
	segs := lx.segments
	for _, s := range segs {
		if s.spaced || s.tagSpace {
			p.spaced = append(p.spaced, s)
		}
	}
	if len(segs) > 0 && segs[0].tag == "UNB" {
		p.header(&segs[0])
		segs = segs[1:]
	} else if len(segs) > 0 {
		p.warn(&segs[0], "the interchange has no UNB header")
	}
	p.checkCharset(lx.segments)
	for i := range segs {
		s := &segs[i]
		if p.unz != nil {
			p.warn(s, "text after the UNZ interchange trailer is ignored")
			break
		}
		if s.open && s.tag != "UNZ" {
			return nil, p.fail(s, "the input ends inside this segment: the interchange is truncated (expected a segment terminator %q)", p.ic.Separators.Segment)
		}
		if err := p.segment(s); err != nil {
			return nil, err
		}
	}
	if p.msg != nil {
		return nil, p.fail(&p.msgSeg, "the interchange ends inside message %q: expected UNT", p.msg.Ref)
	}
	if len(p.ic.Messages) == 0 {
		return nil, &Error{Reason: "no message: expected a UNH message header and a UNT trailer"}
	}
	if p.hadUNB && p.unz == nil {
		last := segs[len(segs)-1]
		return nil, p.fail(&last, "the interchange ends without its UNZ trailer: it is truncated")
	}
	if len(p.spaced) > 0 {
		w := Warning{Segment: p.spaced[0].index, Line: p.spaced[0].line, Tag: p.spaced[0].tag,
			Message: fmt.Sprintf("%d segment(s) have spaces before them or after their tag", len(p.spaced))}
		p.ic.Warnings = append(p.ic.Warnings, w)
	}
	// Counts are checked at the trailer; report in input order.
	slices.SortStableFunc(p.ic.Warnings, func(a, b Warning) int { return a.Segment - b.Segment })
	return p.ic, nil
}

func (p *parser) warn(s *segment, format string, args ...any) {
	p.ic.Warnings = append(p.ic.Warnings, Warning{Segment: s.index, Line: s.line, Tag: s.tag, Message: fmt.Sprintf(format, args...)})
}

func (p *parser) fail(s *segment, format string, args ...any) *Error {
	return &Error{Segment: s.index, Line: s.line, Tag: s.tag, Reason: fmt.Sprintf(format, args...)}
}

// header reads UNB: syntax, sender, recipient, date and time, reference.
func (p *parser) header(s *segment) {
	p.hadUNB = true
	ic := p.ic
	ic.Syntax, ic.SyntaxVersion = s.el(0, 0), s.el(0, 1)
	ic.Sender, ic.Recipient = s.el(1, 0), s.el(2, 0)
	ic.ControlRef = s.el(4, 0)
	ic.Application = s.el(6, 0)
	if t, ok := parseStamp(s.el(3, 0) + s.el(3, 1)); ok {
		ic.Prepared = t
		p.ref = t
	} else if s.el(3, 0) != "" {
		p.warn(s, "preparation date %q is unreadable", s.el(3, 0)+":"+s.el(3, 1))
	}
}

func (p *parser) segment(s *segment) error {
	if p.msg != nil {
		p.msgLen++
	}
	switch s.tag {
	case "UNA":
		p.warn(s, "a UNA service string advice may only open the interchange; ignored")
	case "UNB":
		p.warn(s, "a second UNB header is ignored")
	case "UNG":
		if p.inGroup {
			p.warn(s, "a UNG opens a group before the previous one was closed by UNE")
		}
		p.inGroup, p.groupN = true, 0
		p.groups++
		if p.ic.Group == nil {
			p.ic.Group = &Group{Sender: s.el(1, 0), Recipient: s.el(2, 0), Ref: s.el(4, 0), Version: s.el(6, 0)}
			if v := s.el(6, 1); v != "" {
				p.ic.Group.Version += ":" + v
			}
		}
	case "UNE":
		if !p.inGroup {
			p.warn(s, "UNE closes a group that no UNG opened")
		}
		if n, err := strconv.Atoi(s.el(0, 0)); err != nil || n != p.groupN {
			p.warn(s, "UNE counts %q messages; the group has %d", s.el(0, 0), p.groupN)
		}
		if g := p.ic.Group; g != nil && s.el(1, 0) != g.Ref && p.groups == 1 {
			p.warn(s, "UNE reference %q differs from the UNG reference %q", s.el(1, 0), g.Ref)
		}
		p.inGroup = false
	case "UNH":
		if p.msg != nil {
			return p.fail(s, "a new message begins before message %q (line %d) was closed: expected UNT", p.msg.Ref, p.msgSeg.line)
		}
		p.msg = &Message{Ref: s.el(0, 0), Association: s.el(1, 4)}
		if typ := s.el(1, 0); typ != "PAXLST" {
			p.warn(s, "message type %q is not PAXLST; read as one", typ)
		}
		if v, r := s.el(1, 1), s.el(1, 2); v != "" || r != "" {
			p.msg.Version = v + ":" + r
		}
		p.msgSeg, p.msgLen, p.counts = *s, 1, nil
		p.inTrav = false
	case "UNT":
		if p.msg == nil {
			p.warn(s, "UNT closes a message that no UNH opened; ignored")
			return nil
		}
		p.close(s)
	case "UNZ":
		p.unz = s
		if s.open {
			p.warn(s, "UNZ has no segment terminator")
		}
		want, what := len(p.ic.Messages), "messages"
		if p.groups > 0 {
			want, what = p.groups, "groups"
		}
		if n, err := strconv.Atoi(s.el(0, 0)); err != nil || n != want {
			p.warn(s, "UNZ counts %q; the interchange has %d %s", s.el(0, 0), want, what)
		}
		if p.hadUNB && s.el(1, 0) != p.ic.ControlRef {
			p.warn(s, "UNZ reference %q differs from the UNB reference %q", s.el(1, 0), p.ic.ControlRef)
		}
		if p.inGroup {
			p.warn(s, "the last group has no UNE trailer")
		}
	default:
		if p.msg == nil {
			p.warn(s, "segment %s outside a message is ignored", s.tag)
			return nil
		}
		p.body(s)
	}
	return nil
}

// close ends the open message at its UNT, checking the counts.
func (p *parser) close(s *segment) {
	m := p.msg
	if n, err := strconv.Atoi(s.el(0, 0)); err != nil || n != p.msgLen {
		p.warn(s, "UNT counts %q segments; message %q has %d", s.el(0, 0), m.Ref, p.msgLen)
	}
	if s.el(1, 0) != m.Ref {
		p.warn(s, "UNT reference %q differs from the UNH reference %q", s.el(1, 0), m.Ref)
	}
	passengers, crew := 0, 0
	for _, t := range m.Travellers {
		if t.Role == Crew {
			crew++
		} else {
			passengers++
		}
	}
	for _, c := range p.counts {
		value := c.el(0, 1)
		if value == "" && c.el(1, 0) != "" {
			value = c.el(1, 0)
			p.warn(&c, "the count belongs in the same element as its qualifier (%s:%s)", c.el(0, 0), value)
		}
		n, err := strconv.Atoi(value)
		switch c.el(0, 0) {
		case "42":
			if err != nil || n != passengers {
				p.warn(&c, "CNT+42 counts %q passengers; message %q has %d", value, m.Ref, passengers)
			}
		case "41":
			if err != nil || n != crew {
				p.warn(&c, "CNT+41 counts %q crew; message %q has %d", value, m.Ref, crew)
			}
		}
	}
	p.ic.Messages = append(p.ic.Messages, *m)
	p.msg = nil
	p.groupN++
}
