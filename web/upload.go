package web

import (
	"io"
	"mime"
	"net/http"
	"strings"

	thttp "trex/http"
)

// maxUploadBytes bounds a form that carries a file (an import): the API's
// bound on the file and room for the other fields.
const maxUploadBytes = thttp.MaxImportBytes + 64<<10

// parseForm reads a POST's form, bounded: a URL-encoded form to
// maxFormBytes, a multipart form (a file upload) to maxUploadBytes, its
// parts held in memory up to maxFormBytes and on disk beyond.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		return r.ParseForm()
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadBytes)
	return r.ParseMultipartForm(maxFormBytes)
}

// uploadedFile reads the file of field name from a multipart form, at
// most limit bytes; ok is false when no file was sent.
func uploadedFile(r *http.Request, name string, limit int64) (data []byte, filename string, ok bool, err error) {
	if r.MultipartForm == nil || len(r.MultipartForm.File[name]) == 0 {
		return nil, "", false, nil
	}
	fh := r.MultipartForm.File[name][0]
	f, err := fh.Open()
	if err != nil {
		return nil, "", false, err
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, limit+1))
	return data, strings.TrimSpace(fh.Filename), true, err
}
