package screening

import "trex"

// packDate packs a partial date into 32 bits: year<<9 | month<<5 | day.
// Zero is the unknown date.
func packDate(d trex.PartialDate) uint32 {
	if d.Year <= 0 || d.Year > 1<<20 {
		return 0
	}
	return uint32(d.Year)<<9 | uint32(d.Month&15)<<5 | uint32(d.Day&31)
}

func unpackDate(p uint32) trex.PartialDate {
	return trex.PartialDate{Year: int(p >> 9), Month: int(p >> 5 & 15), Day: int(p & 31)}
}

// dateRelation is how a traveller's birth date compares with a record's.
type dateRelation uint8

const (
	dateDifferent dateRelation = iota
	dateUnknown                // one side does not know the date
	dateNear                   // a typical data-entry error apart
	datePartial                // agree on what both know (e.g. the year)
	dateExact                  // same full date
)

var dateRelationNames = [...]string{
	dateDifferent: "mismatch",
	dateUnknown:   "absent",
	dateNear:      "near",
	datePartial:   "partial",
	dateExact:     "exact",
}

// String names the relation as evidence outcomes do.
func (r dateRelation) String() string { return dateRelationNames[r] }

// compareDates relates two packed dates and, for near dates, says which
// error explains the difference.
func compareDates(q, r uint32) (dateRelation, string) {
	if q == 0 || r == 0 {
		return dateUnknown, ""
	}
	a, b := unpackDate(q), unpackDate(r)
	if q == r && a.IsFull() {
		return dateExact, ""
	}
	if !a.IsFull() || !b.IsFull() {
		if a.Year != b.Year {
			if abs(a.Year-b.Year) == 1 {
				return dateNear, "birth year one apart"
			}
			return dateDifferent, ""
		}
		if a.Month != 0 && b.Month != 0 && a.Month != b.Month {
			if a.Day == 0 || b.Day == 0 {
				return dateDifferent, ""
			}
		}
		return datePartial, ""
	}
	return nearRelation(a, b)
}

// nearRelation says which typical entry error, if any, turns a into b
// (both full dates); it agrees with appendNearDates.
func nearRelation(a, b trex.PartialDate) (dateRelation, string) {
	sameY, sameM, sameD := a.Year == b.Year, a.Month == b.Month, a.Day == b.Day
	switch {
	case sameY && a.Month == b.Day && a.Day == b.Month:
		return dateNear, "day and month swapped"
	case sameY && sameM && abs(a.Day-b.Day) == 1:
		return dateNear, "day one apart"
	case sameY && sameD && abs(a.Month-b.Month) == 1:
		return dateNear, "month one apart"
	case sameM && sameD && abs(a.Year-b.Year) == 1:
		return dateNear, "year one apart"
	case sameY && sameM && a.Day == b.Day%10*10+b.Day/10:
		return dateNear, "digits of the day transposed"
	case sameM && sameD && a.Year/100 == b.Year/100 && a.Year%100 == b.Year%10*10+b.Year/10%10:
		return dateNear, "last digits of the year transposed"
	}
	return dateDifferent, ""
}

// maxNearDates bounds how many near dates appendNearDates adds.
const maxNearDates = 9

type nearDate struct {
	date trex.PartialDate
	why  string
}

// appendNearDates appends to out the dates a clerk or a traveller may have
// written instead of d: day and month swapped, the day, the month or the
// year one off, the digits of the day or of the year's last two places
// transposed.
func appendNearDates(out []nearDate, d trex.PartialDate) []nearDate {
	add := func(y, m, dd int, why string) {
		if m < 1 || m > 12 || dd < 1 || dd > 31 || y < 1 {
			return
		}
		v := trex.PartialDate{Year: y, Month: m, Day: dd}
		if v == d {
			return
		}
		out = append(out, nearDate{v, why})
	}
	add(d.Year, d.Day, d.Month, "day and month swapped")
	add(d.Year, d.Month, d.Day-1, "day one apart")
	add(d.Year, d.Month, d.Day+1, "day one apart")
	add(d.Year, d.Month-1, d.Day, "month one apart")
	add(d.Year, d.Month+1, d.Day, "month one apart")
	add(d.Year-1, d.Month, d.Day, "year one apart")
	add(d.Year+1, d.Month, d.Day, "year one apart")
	if dd := d.Day%10*10 + d.Day/10; dd != d.Day {
		add(d.Year, d.Month, dd, "digits of the day transposed")
	}
	if yy := d.Year%10*10 + d.Year/10%10; yy != d.Year%100 {
		add(d.Year-d.Year%100+yy, d.Month, d.Day, "last digits of the year transposed")
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func describeDate(p uint32) string {
	if p == 0 {
		return "unknown"
	}
	return unpackDate(p).String()
}
