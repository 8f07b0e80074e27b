package screening

// Weights are the evidence weights the index adds up into a candidate's
// score (in log-odds-like units) and the thresholds that turn the score into
// a decision. DefaultWeights holds values calibrated on the labelled
// screening data; change them only with a measurement.
type Weights struct {
	Surname, Given, OtherGiven, Patronymic, Unknown float64 // a full match of a token in that role
	// UnknownOffset is added to the score of names without parts, which
	// carry less structure (no surname to insist on) than names with parts.
	UnknownOffset                                   float64
	MissingSurname, MissingGiven                    float64 // the record's token has no counterpart
	AbsentGiven                                     float64 // the traveller's document has no given name at all
	ExtraToken                                      float64 // a traveller token that matches nothing
	ContradictingPatronymic                         float64 // the traveller's patronymic differs
	Conflict                                        float64 // both sides hold a token the other lacks
	GenderForm                                      float64 // surname in the other gender's form
	Swapped                                         float64 // surname and given name in each other's place
	DateExact, DatePartial, DateNear, DateDifferent float64
	SexAgree, SexDisagree                           float64
	NationalityDisagree                             float64
	// MaxChance is the decision threshold of a referral resting on a near
	// or partial birth date while the register is too small to estimate
	// its own (see chanceLimit), stated as the number of records the
	// register is expected to hold that would agree with the traveller as
	// well by chance alone (see the chance model in chance.go). Past the
	// threshold the candidate is not referred, whatever its score.
	MaxChance float64
	// NearDateFlags is the share of unlisted travellers a namesake born
	// on a near birth date may get referred: the threshold for the
	// register as it stands is worked out from it (see threshold.go), so
	// that this share stays flat as the register grows.
	NearDateFlags float64
	// UnrecordedDocument is the share of listed persons assumed to
	// travel on a document the register does not hold (a renewed or a
	// second passport): a traveller whose document is not the record's
	// is that much less likely the record's person (see documents.go).
	UnrecordedDocument float64
	Identifier         float64
	// Refer is the score at or above which a candidate is referred.
	Refer float64
	// Scale maps the score to 0..1: 1/(1+exp(-(score-Refer)/Scale)) shifted
	// so that Refer maps to 0.5.
	Scale float64
}

// DefaultWeights returns the calibrated weights.
func DefaultWeights() Weights {
	return Weights{
		Surname: 4, Given: 3, OtherGiven: 0.8, Patronymic: 1.5, Unknown: 7,
		UnknownOffset:  -1,
		MissingSurname: -4, MissingGiven: -3.5, AbsentGiven: -1.5,
		ExtraToken:              -0.8,
		ContradictingPatronymic: -5,
		Conflict:                -3.5,
		GenderForm:              -5,
		Swapped:                 -0.3,
		DateExact:               3, DatePartial: 1, DateNear: -0.5, DateDifferent: -8,
		SexAgree: 0.2, SexDisagree: -4.5,
		NationalityDisagree: -0.5,
		MaxChance:           0.01,
		NearDateFlags:       0.002,
		UnrecordedDocument:  0.25,
		Identifier:          5,
		Refer:               5.5,
		Scale:               2,
	}
}
