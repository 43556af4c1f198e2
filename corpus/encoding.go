package corpus

import (
	"bytes"
	"unicode/utf8"
)

// sniffLen is how much of a file is inspected to decide whether it is binary.
const sniffLen = 8 << 10

// isBinary reports whether head (the start of a file) looks like binary data:
// any NUL byte (UTF-16 and every binary format we may meet) or more than 10%
// control characters other than the usual text whitespace.
func isBinary(head []byte) bool {
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range head {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b) || c == 0x7f {
			ctrl++
		}
	}
	return ctrl*10 > len(head)
}

// cp1252 maps the bytes 0x80–0x9F of Windows-1252 to runes. The five
// unassigned bytes map to the C1 control with the same value, as the WHATWG
// Encoding Standard does; normalisation later removes them.
var cp1252 = [32]rune{
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
}

// decodeText returns b as a UTF-8 string and the number of bytes that were
// not valid UTF-8 and were decoded as Windows-1252 instead. Decoding is per
// invalid byte rather than per file because real files mix the two: a UTF-8
// article with one pasted Latin-1 pound sign must keep its other characters.
func decodeText(b []byte) (string, int) {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if utf8.Valid(b) {
		return string(b), 0
	}
	var sb bytes.Buffer
	sb.Grow(len(b) + len(b)/8)
	n := 0
	for len(b) > 0 {
		r, size, bad := decodeRune(b)
		if bad {
			n++
		}
		sb.WriteRune(r)
		b = b[size:]
	}
	return sb.String(), n
}

// decodeRune decodes the first rune of b as decodeText does, reporting
// whether it was an invalid byte decoded as Windows-1252.
func decodeRune(b []byte) (r rune, size int, bad bool) {
	r, size = utf8.DecodeRune(b)
	if r != utf8.RuneError || size > 1 {
		return r, size, false
	}
	c := b[0]
	if c >= 0x80 && c <= 0x9F {
		return cp1252[c-0x80], 1, true
	}
	return rune(c), 1, true // Windows-1252 equals Latin-1 from 0xA0 up
}

// rawOffset converts a byte offset into decodeText(b) into an offset into
// b, so that error columns count the bytes of the file: an invalid byte
// decoded as Windows-1252 takes two or three bytes once decoded.
func rawOffset(b []byte, off int) int {
	raw := 0
	if bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		raw, b = 3, b[3:]
	}
	for len(b) > 0 && off > 0 {
		r, size, _ := decodeRune(b)
		off -= utf8.RuneLen(r)
		raw += size
		b = b[size:]
	}
	return raw + max(off, 0)
}
