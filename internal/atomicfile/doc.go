// Package atomicfile replaces files atomically, so that an interrupted or
// failed write leaves the previous version in place.
package atomicfile
