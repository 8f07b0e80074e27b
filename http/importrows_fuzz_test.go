package http

import (
	"testing"
)

// FuzzReadImport reads arbitrary files as CSV and as JSON lines: the file
// is refused with an invalid-input error, or read into rows each of which
// carries a line within the file and either a request or an error; never
// a panic, never more rows than lines.
func FuzzReadImport(f *testing.F) {
	f.Add(true, "last_name,birth_date,kind\nX,1980-01-01,court_order\n")
	f.Add(true, "\uFEFFlast_name;legal_basis\n\"a;b\";c\n\"unterminated\n")
	f.Add(true, "name\n\"x\"y\",\n,,,\n")
	f.Add(false, `{"schema": "Person", "properties": {"lastName": ["X"]}}`+"\n{\n\n[]")
	f.Add(false, `{"person": {"schema": "Person"}, "kind": 1}`)
	f.Fuzz(func(t *testing.T, csv bool, data string) {
		format := importFormatJSON
		if csv {
			format = importFormatCSV
		}
		rows, err := readImport(format, []byte(data), importDefaults{Kind: "court_order"})
		if err != nil {
			if len(rows) != 0 {
				t.Fatalf("error %v with %d rows", err, len(rows))
			}
			return
		}
		lines := 1
		for _, c := range data {
			if c == '\n' || c == '\r' {
				lines++
			}
		}
		if len(rows) > lines {
			t.Fatalf("%d rows from %d lines", len(rows), lines)
		}
		for _, r := range rows {
			if r.line < 1 || r.line > lines {
				t.Fatalf("row at line %d of %d", r.line, lines)
			}
			if r.err == nil && len(r.req.Person) == 0 && format == importFormatCSV {
				t.Fatalf("CSV row %d without a person and without an error", r.line)
			}
			if r.err != nil && (r.err.Row != r.line || r.err.Message == "") {
				t.Fatalf("row error %+v at line %d", r.err, r.line)
			}
		}
	})
}
