package mrz

// Record is a zone as JSON, the shape the trex mrz command prints and the
// HTTP API returns: dates as YYYY-MM-DD (YYYY-MM or YYYY when the document
// leaves parts unknown, "" when it has none), given names space-separated.
type Record struct {
	Format         Format `json:"format"`
	DocumentCode   string `json:"document_code"`
	IssuingState   string `json:"issuing_state"`
	Surname        string `json:"surname"`
	GivenNames     string `json:"given_names"`
	DocumentNumber string `json:"document_number"`
	Nationality    string `json:"nationality"`
	BirthDate      string `json:"birth_date"`
	Sex            string `json:"sex"`
	ExpiryDate     string `json:"expiry_date"`
	OptionalData   string `json:"optional_data"`
	Truncated      bool   `json:"truncated"`
	// NumberCheckWithFiller: the long document number's check digit
	// counts the filler after its ninth character (see Zone).
	NumberCheckWithFiller bool         `json:"number_check_with_filler,omitempty"`
	Corrections           []Correction `json:"corrections,omitempty"`
	Warnings              []Warning    `json:"warnings,omitempty"`
}

// Record returns the zone as JSON fields. On TD1 the two optional data
// fields are joined by a space.
func (z *Zone) Record() Record {
	return Record{
		Format:                z.Format,
		DocumentCode:          z.DocumentCode,
		IssuingState:          z.IssuingState,
		Surname:               z.Surname,
		GivenNames:            joinWords(z.GivenNames),
		DocumentNumber:        z.DocumentNumber,
		Nationality:           z.Nationality,
		BirthDate:             z.BirthDate.String(),
		Sex:                   string(z.Sex),
		ExpiryDate:            z.ExpiryDate.String(),
		OptionalData:          joinWords([]string{z.OptionalData, z.OptionalData2}),
		Truncated:             z.Truncated,
		NumberCheckWithFiller: z.NumberCheckWithFiller,
		Corrections:           z.Corrections,
		Warnings:              z.Warnings,
	}
}
