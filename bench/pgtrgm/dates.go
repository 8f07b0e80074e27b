package pgtrgm

import (
	"fmt"
	"time"

	"trex"
)

// BirthDateVariants are the dates a birth date is queried as: the date
// itself, day and month swapped, and every date one digit off in its
// YYYYMMDD form (each digit replaced by each other digit), as far as they
// are dates a living person could be born on (years 1880 to 2100). A date known only to its year or month stands for every day
// it covers; an unknown date gives none. Dates are YYYY-MM-DD.
func BirthDateVariants(d trex.PartialDate) []string {
	if d.IsZero() {
		return nil
	}
	if !d.IsFull() {
		return coveredDays(d)
	}
	seen := map[string]bool{}
	var out []string
	add := func(y, m, day int) {
		if !validDate(y, m, day) {
			return
		}
		s := fmt.Sprintf("%04d-%02d-%02d", y, m, day)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	add(d.Year, d.Month, d.Day)
	add(d.Year, d.Day, d.Month)
	digits := []byte(fmt.Sprintf("%04d%02d%02d", d.Year, d.Month, d.Day))
	for i := range digits {
		was := digits[i]
		for c := byte('0'); c <= '9'; c++ {
			if c == was {
				continue
			}
			digits[i] = c
			add(number(digits[:4]), number(digits[4:6]), number(digits[6:]))
		}
		digits[i] = was
	}
	return out
}

// number reads decimal digits.
func number(digits []byte) int {
	n := 0
	for _, c := range digits {
		n = n*10 + int(c-'0')
	}
	return n
}

func validDate(y, m, d int) bool {
	if y < 1880 || y > 2100 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() == d
}

// coveredDays are the days of a year or of a month of a year.
func coveredDays(d trex.PartialDate) []string {
	first := time.Date(d.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(1, 0, 0)
	if d.Month > 0 {
		first = time.Date(d.Year, time.Month(d.Month), 1, 0, 0, 0, 0, time.UTC)
		last = first.AddDate(0, 1, 0)
	}
	var out []string
	for t := first; t.Before(last); t = t.AddDate(0, 0, 1) {
		out = append(out, t.Format(time.DateOnly))
	}
	return out
}
