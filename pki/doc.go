// Package pki is the small certificate authority of a trex deployment: it
// creates a CA, issues the server certificate of the NATS exchange and the
// client certificates of registries and border nodes, stores them as PEM
// files (private keys mode 0600), loads them back, and builds the tls.Config
// each side needs for mutual TLS.
//
// A client certificate names one principal: its common name is the
// process's name (a registry or a border node ID) and its organisational
// unit is its role, so the exchange can map a verified certificate to
// exactly the permissions of that role and name. The package does not
// decide those permissions (natsx does) and keeps no revocation list:
// a principal is withdrawn by removing it from the principals file the
// exchange loads.
package pki
