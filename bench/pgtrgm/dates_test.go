package pgtrgm_test

import (
	"slices"
	"testing"
	"time"

	"trex"
	"trex/bench/pgtrgm"
)

// TestBirthDateVariants: a full date is queried as itself, with day and
// month swapped and one digit off, each variant a real date, once; a
// partial date as every day it covers; an unknown date as none.
func TestBirthDateVariants(t *testing.T) {
	d := trex.MustPartialDate("1988-07-21")
	vs := pgtrgm.BirthDateVariants(d)
	for _, want := range []string{"1988-07-21", "1988-07-20", "1988-07-29", "1978-07-21", "1989-07-21", "1988-01-21", "1988-07-01", "1888-07-21"} {
		if !slices.Contains(vs, want) {
			t.Errorf("variants of %v lack %s", d, want)
		}
	}
	for _, not := range []string{"1988-08-20", "1988-07-22x", "1987-07-20", "1988-21-07", "2988-07-21", "0988-07-21"} {
		if slices.Contains(vs, not) {
			t.Errorf("variants of %v hold %s (two digits off, or no date)", d, not)
		}
	}
	swapped := pgtrgm.BirthDateVariants(trex.MustPartialDate("1990-03-11"))
	if !slices.Contains(swapped, "1990-11-03") {
		t.Errorf("day and month not swapped: %v", swapped)
	}
	seen := map[string]bool{}
	for _, v := range append(vs, swapped...) {
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			t.Errorf("variant %q is not a date: %v", v, err)
		}
		if seen[v] {
			t.Errorf("variant %s twice", v)
		}
		seen[v] = true
	}
	if n := len(pgtrgm.BirthDateVariants(trex.PartialDate{Year: 2000})); n != 366 {
		t.Errorf("year 2000 gives %d days", n)
	}
	if n := len(pgtrgm.BirthDateVariants(trex.PartialDate{Year: 2001, Month: 2})); n != 28 {
		t.Errorf("February 2001 gives %d days", n)
	}
	if vs := pgtrgm.BirthDateVariants(trex.PartialDate{}); vs != nil {
		t.Errorf("an unknown date gives %v", vs)
	}
	// The last day of a month has fewer variants: no 31 April.
	for _, v := range pgtrgm.BirthDateVariants(trex.MustPartialDate("1975-03-31")) {
		if v == "1975-04-31" || v == "1975-02-31" {
			t.Errorf("variant %s does not exist", v)
		}
	}
}
