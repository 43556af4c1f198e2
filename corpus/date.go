package corpus

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseDate recognises s as a whole as one of the date formats common in
// news pages and returns it as "YYYY-MM-DD". It accepts RFC 3339 and ISO
// dates ("2025-05-04", "2025-05-04T10:00:00+03:00", "2025/05/04"), day-month
// and month-day dates with a month name ("28 August 2025", "28 Aug 2025",
// "August 28, 2025", "Monday, May 4, 2025", "May 4, 2025 - 23:27",
// "4th of May 2025"), RFC 1123 ("Mon, 04 May 2025 10:00:00 GMT"), and an
// optional label ("Published: …", "Updated on …"). Numeric day/month dates
// are accepted only when unambiguous ("28/08/2025"); "04/05/2025" is
// rejected. Times and zones are ignored: the date is the one written, not
// converted to UTC. ok is false when any part of s is not part of a date.
func ParseDate(s string) (date string, ok bool) {
	s = strings.TrimSpace(s)
	// A date has a year in digits: most paragraphs are ruled out at once.
	if s == "" || len(s) > 80 || strings.IndexAny(s, "0123456789") < 0 {
		return "", false
	}
	s = strings.ToLower(s)
	s = stripDateLabel(s)
	var d dateParts
	for _, tok := range dateFields(s) {
		if !d.add(tok) {
			return "", false
		}
	}
	return d.result()
}

// dateLabels are prefixes that turn a date into a dateline, not prose.
var dateLabels = []string{
	"first published", "last updated", "last modified", "published", "updated",
	"posted", "modified", "date", "on",
}

// stripDateLabel removes leading labels such as "Published:" or "Updated on".
func stripDateLabel(s string) string {
	for changed := true; changed; {
		changed = false
		for _, l := range dateLabels {
			rest, found := strings.CutPrefix(s, l)
			if !found || rest == "" || !(rest[0] == ' ' || rest[0] == ':') {
				continue
			}
			s = strings.TrimLeft(rest, " :")
			changed = true
		}
	}
	return s
}

// dateFields splits s into tokens, treating commas, bars, bullets and
// free-standing dashes as separators but keeping the dashes inside an ISO
// date or a time zone offset.
func dateFields(s string) []string {
	s = dateSeparators.Replace(s)
	f := strings.Fields(s)
	out := f[:0]
	for _, t := range f {
		if t == "-" {
			continue
		}
		out = append(out, t)
	}
	return out
}

var dateSeparators = strings.NewReplacer(",", " ", "|", " ", "·", " ", "•", " ", "–", " ", "—", " ", " - ", " ", "(", " ", ")", " ")

// dateParts accumulates the pieces of one date while tokens are classified.
type dateParts struct {
	year, month, day int
	weekday, clock   bool
}

var (
	isoDateRE   = lazyRegexp(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(t.*)?$`)
	isoTimeRE   = lazyRegexp(`^t\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?$`)
	numDateRE   = lazyRegexp(`^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$`)
	clockRE     = lazyRegexp(`^\d{1,2}[:.h]\d{2}([:.]\d{2})?(am|pm|a\.m\.|p\.m\.)?(z|[+-]\d{2}:?\d{2})?$`)
	zoneRE      = lazyRegexp(`^((utc|gmt)([+-]\d{1,2}(:?\d{2})?)?|[+-]\d{2}:?\d{2}|z)$`)
	dayNumberRE = lazyRegexp(`^(\d{1,2})(st|nd|rd|th)?\.?$`)
)

// zones are the abbreviations newspapers print after a time.
var zones = map[string]bool{
	"et": true, "est": true, "edt": true, "ct": true, "cst": true, "cdt": true,
	"pt": true, "pst": true, "pdt": true, "mst": true, "mdt": true, "bst": true,
	"cet": true, "cest": true, "eet": true, "eest": true, "msk": true, "ist": true,
	"jst": true, "kst": true, "hkt": true, "sgt": true, "aest": true, "aedt": true,
	"wib": true, "pkt": true, "irst": true, "ast": true, "sast": true, "wat": true,
	"eat": true, "cat": true, "time": true, "local": true,
}

var fillers = map[string]bool{"at": true, "on": true, "the": true, "of": true, "am": true, "pm": true, "a.m.": true, "p.m.": true}

var months = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
	"oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdays = map[string]bool{
	"monday": true, "mon": true, "tuesday": true, "tue": true, "tues": true,
	"wednesday": true, "wed": true, "thursday": true, "thu": true, "thur": true,
	"thurs": true, "friday": true, "fri": true, "saturday": true, "sat": true,
	"sunday": true, "sun": true,
}

// add classifies one token and reports whether it can belong to a date.
func (d *dateParts) add(tok string) bool {
	word := strings.TrimSuffix(tok, ".")
	switch {
	case months[word] != 0:
		return d.set(&d.month, months[word])
	case weekdays[word]:
		if d.weekday {
			return false
		}
		d.weekday = true
		return true
	case fillers[tok] || zones[word] || zoneRE().MatchString(tok):
		return true
	case clockRE().MatchString(tok):
		if d.clock {
			return false
		}
		d.clock = true
		return true
	}
	if m := isoDateRE().FindStringSubmatch(tok); m != nil {
		if m[4] != "" && !isoTimeRE().MatchString(m[4]) {
			return false
		}
		return d.set(&d.year, atoi(m[1])) && d.set(&d.month, atoi(m[2])) && d.set(&d.day, atoi(m[3]))
	}
	if m := numDateRE().FindStringSubmatch(tok); m != nil {
		a, b := atoi(m[1]), atoi(m[2])
		switch {
		case a > 12 && b <= 12:
			return d.set(&d.day, a) && d.set(&d.month, b) && d.set(&d.year, atoi(m[3]))
		case b > 12 && a <= 12:
			return d.set(&d.month, a) && d.set(&d.day, b) && d.set(&d.year, atoi(m[3]))
		}
		return false // 04/05/2025: April or May depends on the country
	}
	if len(tok) == 4 && allDigits(tok) {
		return d.set(&d.year, atoi(tok))
	}
	if m := dayNumberRE().FindStringSubmatch(tok); m != nil {
		return d.set(&d.day, atoi(m[1]))
	}
	return false
}

// set stores v in *field unless the field was already set.
func (d *dateParts) set(field *int, v int) bool {
	if *field != 0 || v == 0 {
		return false
	}
	*field = v
	return true
}

// result validates the collected parts as a calendar date.
func (d *dateParts) result() (string, bool) {
	if d.year < 1800 || d.year > 2200 || d.month < 1 || d.month > 12 || d.day < 1 {
		return "", false
	}
	t := time.Date(d.year, time.Month(d.month), d.day, 0, 0, 0, 0, time.UTC)
	if t.Day() != d.day { // 31 April would roll over into May
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day), true
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
