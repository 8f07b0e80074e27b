package trex

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Kind is a kind of restriction the registry accepts: its name, the
// longest it may run, and how its subject appeals against it.
type Kind struct {
	Name string `json:"name"`
	// MaxDays bounds valid_until - valid_from, and how far ahead
	// valid_from may be scheduled.
	MaxDays int `json:"max_days"`
	// Appeal tells the subject where and how to appeal.
	Appeal string `json:"appeal"`
	// ReviewDays, when set, is how long a restriction of the kind runs
	// before its issuer must review it, and again after every review.
	ReviewDays int `json:"review_days,omitempty"`
	// LapseUnreviewed ends a restriction whose review is overdue: it is
	// lifted, and the lift propagates like any other.
	LapseUnreviewed bool `json:"lapse_unreviewed,omitempty"`
	// RetainDays is how long the registry keeps a lifted or expired
	// restriction before purging it (0: DefaultRetainDays).
	RetainDays int `json:"retain_days,omitempty"`
	// AppealDays is how long the issuing authority has to decide an
	// appeal against a restriction of this kind; zero means
	// DefaultAppealDays.
	AppealDays int `json:"appeal_days,omitempty"`
}

// DefaultAppealDays is the deadline for deciding an appeal when a kind
// sets none.
const DefaultAppealDays = 30

// AppealDeadline is how long the authority has to decide an appeal.
func (k Kind) AppealDeadline() time.Duration {
	d := k.AppealDays
	if d == 0 {
		d = DefaultAppealDays
	}
	return time.Duration(d) * 24 * time.Hour
}

// MaxKindDays is the longest any kind may allow: twenty years.
const MaxKindDays = 20 * 366

// MaxDuration is MaxDays as a duration.
func (k Kind) MaxDuration() time.Duration { return time.Duration(k.MaxDays) * 24 * time.Hour }

// Kinds is the configured list of restriction kinds.
type Kinds []Kind

// DefaultKinds are the kinds a registry accepts unless configured
// otherwise.
func DefaultKinds() Kinds {
	return Kinds{
		{Name: KindMilitaryCallUp, MaxDays: 366,
			Appeal: "Appeal to the conscription commission of the region, or to the district court, against the call-up decision the legal basis names.", AppealDays: 10},
		{Name: KindCourtOrder, MaxDays: 5 * 366,
			Appeal: "Appeal to the higher court against the order the legal basis names, within the time the order states."},
		{Name: KindDebtEnforcement, MaxDays: 2 * 366,
			Appeal: "Pay or settle the debt, or challenge the bailiff's decision with the senior bailiff or in court, citing the enforcement proceedings the legal basis names."},
	}
}

// Lookup returns the kind called name; an empty list means DefaultKinds.
func (ks Kinds) Lookup(name string) (Kind, bool) {
	if len(ks) == 0 {
		ks = DefaultKinds()
	}
	for _, k := range ks {
		if k.Name == name {
			return k, true
		}
	}
	return Kind{}, false
}

// Names lists the kinds' names, for messages.
func (ks Kinds) Names() string {
	if len(ks) == 0 {
		ks = DefaultKinds()
	}
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = k.Name
	}
	return strings.Join(names, ", ")
}

// ParseKinds reads a JSON array of kinds ({"name", "max_days", "appeal",
// and optionally "review_days", "lapse_unreviewed", "retain_days"}) and
// checks every entry: a lower-case name of letters, digits and
// underscores, given once; max_days from 1 to MaxKindDays; an appeal
// route; review and retention periods as validateLifecycle allows.
func ParseKinds(b []byte) (Kinds, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var ks Kinds
	if err := dec.Decode(&ks); err != nil {
		return nil, Errorf(EINVALID, "kinds: %v; want a JSON array of {\"name\", \"max_days\", \"appeal\"}", err)
	}
	if dec.More() {
		return nil, Errorf(EINVALID, "kinds: text after the array; want one JSON array")
	}
	if len(ks) == 0 {
		return nil, Errorf(EINVALID, "kinds: the list is empty")
	}
	seen := map[string]bool{}
	for i, k := range ks {
		if err := k.validate(); err != nil {
			return nil, Errorf(EINVALID, "kinds[%d]: %s", i, ErrorMessage(err))
		}
		if seen[k.Name] {
			return nil, Errorf(EINVALID, "kinds[%d]: %q is listed twice", i, k.Name)
		}
		seen[k.Name] = true
	}
	return ks, nil
}

func (k Kind) validate() error {
	if k.Name == "" || strings.Trim(k.Name, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
		return Errorf(EINVALID, "name %q: use lower-case letters, digits and underscores", k.Name)
	}
	if k.MaxDays < 1 || k.MaxDays > MaxKindDays {
		return Errorf(EINVALID, "%s: max_days %d: want 1 to %d", k.Name, k.MaxDays, MaxKindDays)
	}
	if strings.TrimSpace(k.Appeal) == "" {
		return Errorf(EINVALID, "%s: appeal: required; say where the subject appeals", k.Name)
	}
	if k.AppealDays < 0 || k.AppealDays > 366 {
		return Errorf(EINVALID, "%s: appeal_days %d: want 1 to 366, or leave it out for %d", k.Name, k.AppealDays, DefaultAppealDays)
	}
	return k.validateLifecycle()
}

// checkWindow checks a restriction's dates against its kind at now: the
// window runs at most MaxDays and starts at most MaxDays ahead.
func (k Kind) checkWindow(from, until, now time.Time) error {
	max := k.MaxDuration()
	if until.Sub(from) > max {
		return Errorf(EINVALID, "valid_until: a %s restriction runs at most %d days; %s is %s after valid_from",
			k.Name, k.MaxDays, until.Format(time.RFC3339), days(until.Sub(from)))
	}
	if from.Sub(now) > max {
		return Errorf(EINVALID, "valid_from: a %s restriction may be scheduled at most %d days ahead; %s is %s away",
			k.Name, k.MaxDays, from.Format(time.RFC3339), days(from.Sub(now)))
	}
	return nil
}

func days(d time.Duration) string {
	return fmt.Sprintf("%.1f days", d.Hours()/24)
}
