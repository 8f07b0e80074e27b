package paxlst_test

import (
	"fmt"
	"os"

	"trex"
	"trex/paxlst"
)

func ExampleWriteCUSRES() {
	data, err := os.ReadFile("testdata/clean.edi")
	if err != nil {
		fmt.Println(err)
		return
	}
	ic, err := paxlst.Parse(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Screen each traveller (here: the first is clear, the second a probable
	// match) and answer the carrier in manifest order.
	var verdicts []paxlst.Verdict
	for i, p := range ic.Persons() {
		decision := trex.Clear
		if i == 1 {
			decision = trex.Refer
		}
		fmt.Println(p.Names[0].Surname, decision)
		verdicts = append(verdicts, paxlst.Verdict{Answer: paxlst.AnswerFor(decision)})
	}
	res, err := paxlst.WriteCUSRES(ic, verdicts, paxlst.Response{})
	if err != nil {
		fmt.Println(err)
		return
	}
	os.Stdout.Write(res)
	// Output:
	// O'BRIEN clear
	// IVANOVA refer
	// UNA:+.? '
	// UNB+UNOA:4+BORDER+CARRIER+261125:0930+IC0001++APIS'
	// UNG+CUSRES+BORDER+CARRIER+261125:0930+G1+UN+D:05B'
	// UNH+M1+CUSRES:D:05B:UN:IATA'
	// BGM+962'
	// RFF+TN:TX123'
	// RFF+AF:XY101'
	// DTM+189:2611261000:201'
	// DTM+232:2611261200:201'
	// LOC+92+ALA'
	// LOC+92+TSE'
	// RFF+AF:XY102'
	// DTM+189:2611261400:201'
	// DTM+232:2611261700:201'
	// LOC+125+TSE'
	// LOC+87+IST'
	// ERP+2'
	// RFF+AVF:ABC123'
	// RFF+ABO:P1'
	// ERC+0Z'
	// FTX+AAP+++OK TO BOARD'
	// ERP+2'
	// ERC+2Z'
	// FTX+AAP+++CONTACT BORDER AGENCY BEFORE BOARDING'
	// UNT+22+M1'
	// UNE+1+G1'
	// UNZ+1+IC0001'
}
