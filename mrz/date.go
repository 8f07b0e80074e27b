package mrz

import (
	"time"

	"trex"
)

// birthDate reads YYMMDD from the date of birth. Doc 9303 lets a document
// leave the month and the day, or the whole date, unknown (fillers). The
// century is the later one that does not put the birth in the future.
func (p *parser) birthDate() (trex.PartialDate, error) {
	s := p.lay.birth
	yy, mm, dd, err := p.dateParts(s, "date of birth", true)
	if err != nil || yy < 0 {
		return trex.PartialDate{}, err
	}
	d := trex.PartialDate{Year: 2000 + yy, Month: max(mm, 0), Day: max(dd, 0)}
	today := trex.PartialDate{Year: p.now.Year(), Month: int(p.now.Month()), Day: p.now.Day()}
	if after(d, today) {
		d.Year -= 100
	}
	return d, p.validDay(s, d, "date of birth")
}

// expiryDate reads YYMMDD from the date of expiry; all fillers means the
// document does not expire. The century is 20xx unless that lies more than
// fifty years ahead, which no document's validity does.
func (p *parser) expiryDate() (trex.PartialDate, error) {
	s := p.lay.expiry
	yy, mm, dd, err := p.dateParts(s, "date of expiry", false)
	if err != nil || yy < 0 {
		return trex.PartialDate{}, err
	}
	d := trex.PartialDate{Year: 2000 + yy, Month: mm, Day: dd}
	if d.Year > p.now.Year()+50 {
		d.Year -= 100
	}
	return d, p.validDay(s, d, "date of expiry")
}

// dateParts splits YYMMDD into numbers; -1 marks a part left unknown with
// fillers. Only the date of birth may leave parts unknown, and only from the
// right (the day, then the month, then the year).
func (p *parser) dateParts(s span, field string, partial bool) (yy, mm, dd int, err error) {
	parts := [3]int{}
	unknownFrom := -1
	for i := range 3 {
		a, b := p.char(s, 2*i), p.char(s, 2*i+1)
		col := s.start + 2*i + 1
		switch {
		case a == '<' && b == '<':
			parts[i] = -1
			if unknownFrom < 0 {
				unknownFrom = i
			}
		case a == '<' || b == '<':
			if a != '<' {
				col++
			}
			return 0, 0, 0, errorf(s.line+1, col, "%s: a part of the date is half digits, half fillers", field)
		default:
			if unknownFrom >= 0 {
				return 0, 0, 0, errorf(s.line+1, col, "%s: a part of the date is known though an earlier part is not", field)
			}
			parts[i] = int(a-'0')*10 + int(b-'0')
		}
	}
	if unknownFrom >= 0 && !partial && unknownFrom != 0 {
		return 0, 0, 0, errorf(s.line+1, s.start+2*unknownFrom+1, "%s: the month and the day must be given", field)
	}
	if parts[1] == 0 || parts[1] > 12 {
		return 0, 0, 0, errorf(s.line+1, s.start+3, "%s: month %02d does not exist", field, parts[1])
	}
	return parts[0], parts[1], parts[2], nil
}

func (p *parser) validDay(s span, d trex.PartialDate, field string) error {
	if d.Day == 0 && d.Month != 0 && p.char(s, 4) != '<' {
		return errorf(s.line+1, s.start+5, "%s: day 00 does not exist", field)
	}
	if d.Day != 0 && d.Day > daysIn(d.Year, d.Month) {
		return errorf(s.line+1, s.start+5, "%s: %04d-%02d has no day %02d", field, d.Year, d.Month, d.Day)
	}
	return nil
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// after reports whether a falls after b, counting unknown parts as the
// earliest they could be.
func after(a, b trex.PartialDate) bool {
	if a.Year != b.Year {
		return a.Year > b.Year
	}
	if max(a.Month, 1) != b.Month {
		return max(a.Month, 1) > b.Month
	}
	return max(a.Day, 1) > b.Day
}
