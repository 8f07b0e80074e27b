package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"reflect"
	"strings"
	"testing"
	"time"
)

func mrzNow() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }

func TestMRZCommandPrintsTheZone(t *testing.T) {
	in := "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n"
	var out, errOut bytes.Buffer
	if err := mrzCommand(nil, strings.NewReader(in), &out, &errOut, mrzNow); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	want := map[string]any{
		"format": "TD3", "document_code": "P", "issuing_state": "UTO", "surname": "ERIKSSON",
		"given_names": "ANNA MARIA", "document_number": "L898902C3", "nationality": "UTO",
		"birth_date": "1974-08-12", "sex": "F", "expiry_date": "2012-04-15",
		"optional_data": "ZE184226B", "truncated": false,
		"warnings": []any{map[string]any{"code": "expired", "field": "date of expiry", "message": "the document expired on 2012-04-15"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}

func TestMRZCommandRefusesABadZone(t *testing.T) {
	in := "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<11\n"
	var out, errOut bytes.Buffer
	err := mrzCommand(nil, strings.NewReader(in), &out, &errOut, mrzNow)
	if err == nil || !strings.Contains(err.Error(), "line 2, position 44") {
		t.Fatalf("got %v, want the composite check digit refused at line 2, position 44", err)
	}
	if out.Len() != 0 {
		t.Errorf("printed %q for a bad zone", out.String())
	}
}

func TestMRZCommandOCR(t *testing.T) {
	in := "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8989O2C36UTO74O8122F1204159ZE184226B<<<<<10\n"
	var out, errOut bytes.Buffer
	if err := mrzCommand(nil, strings.NewReader(in), &out, &errOut, mrzNow); err == nil {
		t.Fatal("strict mode accepted misreads")
	}
	if err := mrzCommand([]string{"--ocr"}, strings.NewReader(in), &out, &errOut, mrzNow); err != nil {
		t.Fatal(err)
	}
	var got struct {
		DocumentNumber string `json:"document_number"`
		BirthDate      string `json:"birth_date"`
		Corrections    []struct {
			Line, Position int
			From, To       string
		} `json:"corrections"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.DocumentNumber != "L898902C3" || got.BirthDate != "1974-08-12" || len(got.Corrections) != 2 {
		t.Errorf("got %+v", got)
	}
}

func TestMRZCommandUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := mrzCommand([]string{"-h"}, strings.NewReader(""), &out, &errOut, mrzNow); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v", err)
	}
	if !strings.Contains(errOut.String(), "-ocr") {
		t.Errorf("usage does not mention -ocr: %s", errOut.String())
	}
	if err := mrzCommand([]string{"zone.txt"}, strings.NewReader(""), &out, &errOut, mrzNow); err == nil {
		t.Error("an argument was accepted; the zone comes on stdin")
	}
}
