// Package archtest holds the test that keeps cograph's packages flowing one
// way: corpus → extract → cache → graph → export, with only cmd/cograph importing
// them all.
package archtest
