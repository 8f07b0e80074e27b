package mrz_test

import (
	"fmt"
	"time"

	"trex/mrz"
)

func ExampleReader_Read() {
	r := mrz.Reader{Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }, OCR: true}
	z, err := r.Read("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" +
		"L8989O2C36UTO7408122F1204159ZE184226B<<<<<10") // O read for 0
	if err != nil {
		fmt.Println(err)
		return
	}
	p := z.Person()
	fmt.Println(z.Format, p.Names[0].Surname, p.Names[0].Given, p.BirthDate, p.Documents[0].Number)
	for _, c := range z.Corrections {
		fmt.Printf("line %d position %d: %s -> %s\n", c.Line, c.Pos, c.From, c.To)
	}
	// Output:
	// TD3 ERIKSSON ANNA MARIA 1974-08-12 L898902C3
	// line 2 position 6: O -> 0
}

func ExampleParse_error() {
	_, err := mrz.Parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" +
		"L898902C37UTO7408122F1204159ZE184226B<<<<<10")
	fmt.Println(err)
	// Output:
	// mrz line 2, position 10: check digit of the document number is 7, but the data gives 6
}
