package main

import (
	"path/filepath"

	"trex/natsx"
)

// exchangeURL returns the NATS URL to use: the given one(s), or an embedded
// server storing its streams under dataDir/nats, with a function to stop it.
func exchangeURL(urls, dataDir string) (string, func(), error) {
	if urls != "" {
		return urls, func() {}, nil
	}
	srv, err := natsx.RunEmbedded(filepath.Join(dataDir, "nats"), 0)
	if err != nil {
		return "", nil, err
	}
	return srv.URL(), srv.Shutdown, nil
}
