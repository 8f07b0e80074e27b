package http

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"trex"
)

// Bounds of one bulk import: the file, its rows, and one row of JSON lines.
const (
	MaxImportBytes   = 8 << 20
	MaxImportRows    = 10000
	maxImportLine    = 64 << 10
	maxImportErrors  = 1000 // row errors kept per job; the rest are only counted
	importFormatCSV  = "csv"
	importFormatJSON = "jsonl"
)

// ImportCSVColumns are the columns a CSV import may have, in any order,
// named in its first row (case and surrounding spaces ignored). kind,
// legal_basis, valid_from and valid_until are the restriction's; the others
// are the person's and become the FollowTheMoney properties in brackets:
//
//	kind             restriction kind (e.g. court_order)
//	legal_basis      the decision or law grounding it
//	valid_from       RFC 3339 timestamp or YYYY-MM-DD (midnight UTC); empty: now
//	valid_until      RFC 3339 timestamp or YYYY-MM-DD (midnight UTC)
//	last_name        [lastName]
//	first_name       [firstName]
//	middle_name      [middleName]
//	father_name      patronymic [fatherName]
//	name             a whole name, when not split [name]
//	alias            other names, separated by "|" [alias]
//	birth_date       YYYY, YYYY-MM or YYYY-MM-DD [birthDate]
//	gender           male | female [gender]
//	nationality      ISO 3166 code [nationality]
//	id_number        national identity number [idNumber]
//	passport_number  [passportNumber]
//	tax_number       [taxNumber]
//
// A restriction column left empty in a row takes the import's default
// (the query parameters of the same names). The separator is a comma, or a
// semicolon when the header row has semicolons and no comma.
var ImportCSVColumns = map[string]string{
	"kind": "", "legal_basis": "", "valid_from": "", "valid_until": "",
	"last_name": "lastName", "first_name": "firstName", "middle_name": "middleName", "father_name": "fatherName",
	"name": "name", "alias": "alias", "birth_date": "birthDate", "gender": "gender", "nationality": "nationality",
	"id_number": "idNumber", "passport_number": "passportNumber", "tax_number": "taxNumber",
}

// RowError is what went wrong with one row of an import: its line in the
// file (the CSV header is line 1), the field at fault when one can be
// named, and the message the single create would have answered.
type RowError struct {
	Row     int    `json:"row"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// importRow is one row read from the file: the create request it makes, or
// why it makes none.
type importRow struct {
	line int
	req  createRestrictionRequest
	err  *RowError
}

// importDefaults are the restriction fields an import applies to rows that
// leave them out.
type importDefaults struct {
	Kind, LegalBasis, ValidFrom, ValidUntil string
}

func (d importDefaults) fill(req *createRestrictionRequest) {
	fill := func(v *string, def string) {
		if strings.TrimSpace(*v) == "" {
			*v = def
		}
	}
	fill(&req.Kind, d.Kind)
	fill(&req.LegalBasis, d.LegalBasis)
	fill(&req.ValidFrom, d.ValidFrom)
	fill(&req.ValidUntil, d.ValidUntil)
}

// readImport reads a whole file into rows. An error means the file as a
// whole cannot be read (bad header, too many rows); a bad row is kept with
// its error instead.
func readImport(format string, data []byte, def importDefaults) ([]importRow, error) {
	if !utf8.Valid(data) {
		return nil, trex.Errorf(trex.EINVALID, "file: not UTF-8 text; save it as UTF-8")
	}
	switch format {
	case importFormatCSV:
		return readCSVImport(data, def)
	case importFormatJSON:
		return readJSONLImport(data, def)
	}
	return nil, trex.Errorf(trex.EINVALID, "format %q: want csv or jsonl", format)
}

// jsonlLine is a line of a JSON-lines import: a create request (with
// "person"), or a bare FollowTheMoney Person entity (with "schema") that
// takes the restriction fields from the import's defaults.
type jsonlLine struct {
	createRestrictionRequest
	Schema     string          `json:"schema"`
	ID         string          `json:"id"`
	Properties json.RawMessage `json:"properties"`
}

func readJSONLImport(data []byte, def importDefaults) ([]importRow, error) {
	var rows []importRow
	rd := bufio.NewReaderSize(bytes.NewReader(data), maxImportLine+1)
	for line := 1; ; line++ {
		text, err := rd.ReadSlice('\n')
		tooLong := errors.Is(err, bufio.ErrBufferFull)
		for errors.Is(err, bufio.ErrBufferFull) { // skip the rest of an overlong line
			_, err = rd.ReadSlice('\n')
		}
		if len(bytes.TrimSpace(text)) > 0 || tooLong {
			if len(rows) == MaxImportRows {
				return nil, trex.Errorf(trex.EINVALID, "file: more than %d rows; split it", MaxImportRows)
			}
			rows = append(rows, jsonlRow(line, text, tooLong, def))
		}
		if err == io.EOF {
			break
		}
	}
	if len(rows) == 0 {
		return nil, trex.Errorf(trex.EINVALID, "file: no rows")
	}
	return rows, nil
}

func jsonlRow(line int, text []byte, tooLong bool, def importDefaults) importRow {
	row := importRow{line: line}
	if tooLong || len(text) > maxImportLine {
		row.err = &RowError{Row: line, Message: "line longer than 64 KiB"}
		return row
	}
	var l jsonlLine
	if err := decodeJSONBody(bytes.TrimSpace(text), &l); err != nil {
		row.err = &RowError{Row: line, Field: fieldOf(trex.ErrorMessage(err)), Message: trex.ErrorMessage(err)}
		return row
	}
	row.req = l.createRestrictionRequest
	if l.Schema != "" || l.Properties != nil {
		if len(l.Person) > 0 {
			row.err = &RowError{Row: line, Field: "person", Message: "a line is either a create request (with person) or a Person entity (with schema), not both"}
			return row
		}
		entity, _ := json.Marshal(struct {
			ID         string          `json:"id,omitempty"`
			Schema     string          `json:"schema"`
			Properties json.RawMessage `json:"properties"`
		}{l.ID, l.Schema, l.Properties})
		row.req.Person = entity
	}
	def.fill(&row.req)
	return row
}

func readCSVImport(data []byte, def importDefaults) ([]importRow, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	cr := csv.NewReader(bytes.NewReader(data))
	if first, _, _ := bytes.Cut(data, []byte("\n")); !bytes.Contains(first, []byte(",")) && bytes.Contains(first, []byte(";")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, trex.Errorf(trex.EINVALID, "file: no header row naming the columns: %v", err)
	}
	cols := make([]string, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if _, ok := ImportCSVColumns[name]; !ok {
			return nil, trex.Errorf(trex.EINVALID, "file: column %d %q: unknown; columns are %s", i+1, truncate(h, 40), csvColumnList())
		}
		if seen[name] {
			return nil, trex.Errorf(trex.EINVALID, "file: column %q appears twice", name)
		}
		seen[name], cols[i] = true, name
	}
	var rows []importRow
	lastLine := 1
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		var line int
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			line = pe.StartLine
		} else if len(rec) > 0 {
			line, _ = cr.FieldPos(0)
		}
		if line <= lastLine && err != nil {
			return nil, trex.Errorf(trex.EINVALID, "file: line %d: %v", line, err)
		}
		lastLine = line
		if len(rows) == MaxImportRows {
			return nil, trex.Errorf(trex.EINVALID, "file: more than %d rows; split it", MaxImportRows)
		}
		switch {
		case err != nil:
			rows = append(rows, importRow{line: line, err: &RowError{Row: line, Message: csvMessage(err)}})
		case len(rec) != len(cols):
			rows = append(rows, importRow{line: line, err: &RowError{Row: line, Message: "has " + strconv.Itoa(len(rec)) + " fields; the header names " + strconv.Itoa(len(cols))}})
		default:
			rows = append(rows, csvRow(line, cols, rec, def))
		}
	}
	if len(rows) == 0 {
		return nil, trex.Errorf(trex.EINVALID, "file: no rows after the header")
	}
	return rows, nil
}

func csvRow(line int, cols, rec []string, def importDefaults) importRow {
	row := importRow{line: line}
	props := map[string][]string{}
	for i, col := range cols {
		v := strings.TrimSpace(rec[i])
		switch col {
		case "kind":
			row.req.Kind = v
		case "legal_basis":
			row.req.LegalBasis = v
		case "valid_from":
			row.req.ValidFrom = csvTime(v)
		case "valid_until":
			row.req.ValidUntil = csvTime(v)
		case "alias":
			for a := range strings.SplitSeq(v, "|") {
				if a = strings.TrimSpace(a); a != "" {
					props["alias"] = append(props["alias"], a)
				}
			}
		default:
			if v != "" {
				props[ImportCSVColumns[col]] = append(props[ImportCSVColumns[col]], v)
			}
		}
	}
	row.req.Person, _ = json.Marshal(map[string]any{"schema": "Person", "properties": props})
	def.fill(&row.req)
	row.req.ValidFrom, row.req.ValidUntil = csvTime(row.req.ValidFrom), csvTime(row.req.ValidUntil)
	return row
}

var dateOnly = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// csvTime reads a bare date as midnight UTC of that day.
func csvTime(v string) string {
	if dateOnly.MatchString(v) {
		return v + "T00:00:00Z"
	}
	return v
}

func csvMessage(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// fieldOf names the field an error message is about, from the prefix the
// API's messages carry ("valid_until: ...", "person entity: birthDate:
// ..."), or "" when it names none.
func fieldOf(msg string) string {
	head, rest, ok := strings.Cut(msg, ":")
	if !ok {
		return ""
	}
	head = strings.TrimSpace(head)
	if f, _, ok := strings.Cut(head, " "); ok && (f == "kind" || f == "person") {
		head = f // "kind \"x\": unknown", "person entity: ..."
	}
	switch head {
	case "kind", "legal_basis", "valid_from", "valid_until", "reason", "outcome":
		return head
	case "person":
		if sub, _, ok := strings.Cut(strings.TrimSpace(rest), ":"); ok && ftmProperty[sub] != "" {
			return "person." + sub
		}
		return "person"
	}
	return ""
}

// ftmProperty maps the Person properties trex reads to their CSV column.
var ftmProperty = func() map[string]string {
	m := map[string]string{}
	for col, prop := range ImportCSVColumns {
		if prop != "" {
			m[prop] = col
		}
	}
	return m
}()

// csvField names, for a CSV import, the column a JSON field name stands for.
func csvField(field string) string {
	if prop, ok := strings.CutPrefix(field, "person."); ok {
		return ftmProperty[prop]
	}
	return field
}

func csvColumnList() string {
	return "kind, legal_basis, valid_from, valid_until, last_name, first_name, middle_name, father_name, name, alias, birth_date, gender, nationality, id_number, passport_number, tax_number"
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
