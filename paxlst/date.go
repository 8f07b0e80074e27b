package paxlst

import (
	"time"

	"trex"
)

// parseStamp reads the date-and-time forms manifests use: YYMMDD,
// CCYYMMDD, YYMMDDHHMM (format 201) and CCYYMMDDHHMM (format 203). Flights
// are all in this century.
func parseStamp(v string) (time.Time, bool) {
	layouts := map[int]string{6: "060102", 8: "20060102", 10: "0601021504", 12: "200601021504"}
	l, ok := layouts[len(v)]
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(l, v)
	if err != nil || t.Year() < 1 {
		return time.Time{}, false
	}
	if len(v) == 6 || len(v) == 10 {
		t = t.AddDate(2000-100*(t.Year()/100), 0, 0)
	}
	return t, true
}

// birthDate reads YYMMDD or CCYYMMDD; a two-digit year is put in the latest
// century that does not place the birth after ref.
func birthDate(v string, ref time.Time) (trex.PartialDate, bool) {
	t, ok := parseDay(v)
	if !ok {
		return trex.PartialDate{}, false
	}
	if len(v) == 6 && t.After(ref) {
		t = t.AddDate(-100, 0, 0)
	}
	return trex.PartialDate{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, true
}

// expiryDate reads YYMMDD or CCYYMMDD; a two-digit year is 20xx unless that
// lies more than fifty years after ref.
func expiryDate(v string, ref time.Time) (trex.PartialDate, bool) {
	t, ok := parseDay(v)
	if !ok {
		return trex.PartialDate{}, false
	}
	if len(v) == 6 && t.Year() > ref.Year()+50 {
		t = t.AddDate(-100, 0, 0)
	}
	return trex.PartialDate{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, true
}

// parseDay reads YYMMDD (as 20YY) or CCYYMMDD.
func parseDay(v string) (time.Time, bool) {
	if len(v) != 6 && len(v) != 8 {
		return time.Time{}, false
	}
	return parseStamp(v)
}
