// Package webtest is the test harness of the consoles: an in-process trex
// (registry, border node and API over real SQLite stores) to serve them
// from, and one headless Chromium per test binary to drive them, with
// screenshots, keyboard-only navigation and an axe-core accessibility
// check. Tests only; nothing in the binary imports it.
package webtest
