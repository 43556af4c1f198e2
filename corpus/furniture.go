package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"cograph/internal/spaces"
)

// maxFurnitureLen bounds the length in bytes of a furniture line other than
// a URL; longer lines are prose and skip the rules, which keeps cleaning fast.
const maxFurnitureLen = 300

// lineKey reduces a line to the form the furniture tables are written in:
// lowercase, without the arrows, colons and bullets that decorate links.
func lineKey(l string) string {
	l = strings.ToLower(l)
	l = strings.Trim(l, " :»›>|•·-–—→▶►#*_.!")
	return spaces.Collapse(l)
}

// blockHeadings introduce a list of links to other articles.
var blockHeadings = map[string]bool{
	"related": true, "related articles": true, "related article": true,
	"related stories": true, "related story": true, "related news": true,
	"related content": true, "related posts": true, "related coverage": true,
	"related topics": true, "related links": true, "read more": true,
	"read more stories": true, "read next": true, "more stories": true,
	"more news": true, "more articles": true, "more on this story": true,
	"more on this topic": true, "you may also like": true,
	"you might also like": true, "you may be interested in": true,
	"you might be interested in": true, "recommended": true,
	"recommended for you": true, "recommended stories": true,
	"recommended articles": true, "most read": true, "most popular": true,
	"most viewed": true, "trending": true, "trending now": true,
	"top stories": true, "latest news": true, "latest stories": true,
	"editor's picks": true, "editors' picks": true, "also read": true,
	"see also": true, "further reading": true, "popular": true,
	"don't miss": true, "in case you missed it": true,
}

// isBlockHeading reports whether l heads a related-article block.
// k is lineKey(l), or "" when l is longer than maxFurnitureLen.
func isBlockHeading(l, k string) bool {
	if len(l) > maxFurnitureLen {
		return false
	}
	// lineKey neither trims nor splits at apostrophes, so replacing them
	// in the key is replacing them in the line.
	k = strings.ReplaceAll(k, "’", "'")
	if blockHeadings[k] {
		return true
	}
	// "More from Business", "More from The Times": a short label.
	return strings.HasPrefix(k, "more from ") && len(strings.Fields(k)) <= 6 && !endsSentence(l)
}

// prompts are whole lines that are buttons or calls to action.
var prompts = map[string]bool{
	"share": true, "share this": true, "share this article": true,
	"share this story": true, "share this post": true, "share this page": true,
	"share article": true, "share story": true, "share via": true,
	"tweet": true, "email": true, "e-mail": true, "print": true,
	"print this article": true, "print this page": true, "copy link": true,
	"copy link to clipboard": true, "link copied": true, "save": true,
	"save article": true, "comments": true, "comment": true,
	"leave a comment": true, "leave a reply": true, "add a comment": true,
	"post a comment": true, "view comments": true, "show comments": true,
	"load comments": true, "join the conversation": true, "advertisement": true,
	"advertising": true, "sponsored": true, "sponsored content": true,
	"skip to content": true, "skip to main content": true, "back to top": true,
	"listen to this article": true, "listen": true, "facebook": true,
	"twitter": true, "linkedin": true, "whatsapp": true, "telegram": true,
	"reddit": true, "pinterest": true, "x": true,
}

// promptPrefixes start calls to action; only short lines qualify, so prose
// that happens to begin with the same words is kept.
var promptPrefixes = []string{
	"share on ", "share via ", "share to ", "subscribe", "sign up", "follow us",
	"follow our ", "join our ", "click here", "download our app", "download the app",
	"get the app", "get our newsletter", "newsletter sign", "register now",
	"log in to comment", "you must be logged in", "we use cookies",
}

var (
	// labelledLinkRE matches a single link line with its label:
	// "Related article: …", "Read also: …", "See also: …", "READ MORE: …".
	labelledLinkRE = lazyRegexp(`(?i)^(related( articles?| stories| story| news| coverage)?|read also|also read|see also|also see|read more|read next|more on this|watch|watch now|recommended|listen)\s*[:|»›>–—-]\s*\S`)
	// bareURLRE matches a line that is only a URL, optionally in brackets.
	bareURLRE = lazyRegexp(`(?i)^[<(\[]?(https?://|www\.)\S+[>)\]]?$`)
	// creditRE matches caption credits and tag lists of a few words.
	creditRE = lazyRegexp(`(?i)^(©|\(c\)|copyright\b|all rights reserved|photo:|photos:|photo by|picture:|image:|image source:|images:|credit:|photograph:|file photo|tags:|topics:|filed under:)`)
	// commentCountRE matches "12 comments", "1 Comment".
	commentCountRE = lazyRegexp(`(?i)^\d+ (comments?|replies|shares)$`)
)

// isFurnitureLine reports whether a whole line is page furniture that never
// belongs to the article body.
// k is lineKey(l), or "" when l is longer than maxFurnitureLen.
func isFurnitureLine(l, k string) bool {
	// Every line of every article comes here: cheap tests on the first
	// byte or on spaces rule the regular expressions out for most lines
	// (a non-ASCII first byte always goes to them, since (?i) folds some
	// letters such as ſ and K onto ASCII).
	if !strings.ContainsAny(l, " \t\f\r\n") && bareURLRE().MatchString(l) {
		return true
	}
	if len(l) > maxFurnitureLen || l == "" {
		return false
	}
	if prompts[k] || k != "" && k[0] >= '0' && k[0] <= '9' && commentCountRE().MatchString(k) {
		return true
	}
	words := len(strings.Fields(k))
	if words <= 15 {
		for _, p := range promptPrefixes {
			if strings.HasPrefix(k, p) {
				return true
			}
		}
	}
	// A credit or tag list is a few words; a longer "Photo: …" line is a
	// caption that tells part of the story.
	if (words <= 25 && mayStart(l, "rsamwlRSAMWL") && labelledLinkRE().MatchString(l)) ||
		(words <= 10 && mayStart(l, "(capiftCAPIFT") && creditRE().MatchString(l)) {
		return true
	}
	return strings.ContainsAny(l, "»›>/|") && isBreadcrumb(l)
}

// mayStart reports whether l begins with one of the ASCII bytes in first
// or with a non-ASCII byte.
func mayStart(l, first string) bool {
	return l != "" && (l[0] >= utf8.RuneSelf || strings.IndexByte(first, l[0]) >= 0)
}

// isBreadcrumb reports whether l is a navigation trail such as
// "Home > World > Asia" or "News » Politics": several short segments
// joined by arrows, or by slashes and bars when the trail starts at "Home".
func isBreadcrumb(l string) bool {
	parts := strings.FieldsFunc(l, func(r rune) bool { return r == '»' || r == '›' || r == '>' || r == '/' || r == '|' })
	if len(parts) < 2 || len(parts) > 8 {
		return false
	}
	for _, p := range parts {
		if n := len(strings.Fields(p)); n == 0 || n > 4 {
			return false
		}
	}
	if strings.ContainsAny(l, "»›>") {
		return true
	}
	return strings.EqualFold(strings.TrimSpace(parts[0]), "home")
}

// bylineRE splits "By Jane Doe" into the label and the names.
var bylineRE = lazyRegexp(`^(?:[Bb]y|BY|[Ww]ritten by|[Ww]ords by|[Ss]tory by)[:\s]+(.+)$`)

// bylineSepRE separates several authors and an affiliation.
var bylineSepRE = lazyRegexp(`\s*(?:,|;|\||/|\s-\s|\s–\s|\s—\s|\band\b|&)\s*`)

// nameParticles may appear in lowercase inside a name or an affiliation.
var nameParticles = map[string]bool{
	"de": true, "da": true, "del": true, "della": true, "di": true, "du": true,
	"van": true, "von": true, "der": true, "den": true, "la": true, "le": true,
	"bin": true, "ibn": true, "al": true, "el": true, "dos": true, "das": true,
	"y": true, "in": true,
}

// byline recognises a byline paragraph ("By Jane Doe", "By Jane Doe and
// John Roe", "By Jane Doe, Reuters") and returns what follows "By".
// Every word must look like part of a name, so "By 2019, trade had …" is
// prose.
func byline(p string) (string, bool) {
	m := bylineRE().FindStringSubmatch(p)
	if m == nil || len(strings.Fields(m[1])) > 12 {
		return "", false
	}
	names := strings.TrimSpace(m[1])
	for _, part := range bylineSepRE().Split(names, -1) {
		if part == "" {
			continue
		}
		if !isNamePart(part) {
			return "", false
		}
	}
	return names, true
}

// isNamePart reports whether s is one to five name words with at least one
// capitalised word and no sentence punctuation.
func isNamePart(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	capital := false
	for _, w := range words {
		switch {
		case nameParticles[w]:
		case isNameWord(w) || isParticleName(w):
			capital = true
		default:
			return false
		}
	}
	return capital
}

// isParticleName reports whether w is a name with a lowercase particle
// joined by a hyphen, such as "al-Rashid".
func isParticleName(w string) bool {
	p, rest, ok := strings.Cut(w, "-")
	return ok && nameParticles[p] && isNameWord(rest)
}

// isNameWord reports whether w is a capitalised word or an initial, such
// as "Saei", "O'Brien", "Al-Masri" or "J.".
func isNameWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	for i, c := range w {
		switch {
		case unicode.IsLetter(c) || unicode.Is(unicode.Mn, c):
		case c == '\'' || c == '’' || c == '-':
		case c == '.' && (i == len(w)-1 || strings.Count(w, ".") > 1):
		default:
			return false
		}
	}
	return true
}

// datelineRE matches a location tag at the start of a paragraph:
// "BEIJING- ", "MOSCOW (Reuters) - ", "LONDON — ", "WASHINGTON, May 4 (AP) -".
var datelineRE = lazyRegexp(`^[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+){0,2}` +
	`(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?` +
	`(?:,? (?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8}))?` +
	`(?: ?\([A-Za-z][A-Za-z .&/]{0,30}\))?` +
	`( ?)(?:--?|–|—)( ?)`)

// stripDateline removes a dateline from the start of p. The tag must be
// set off by a space on at least one side of the dash and be followed by
// the capitalised start of a sentence, so hyphenated words stay intact.
func stripDateline(p string) string {
	m := datelineRE().FindStringSubmatchIndex(p)
	if m == nil || (m[2] == m[3] && m[4] == m[5]) {
		return p
	}
	rest := p[m[1]:]
	r, _ := utf8.DecodeRuneInString(rest)
	if utf8.RuneCountInString(rest) < 20 || !(unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'", r)) {
		return p
	}
	return rest
}

var (
	// signatureRE matches an agency signature as a paragraph of its own:
	// "GT", "AFP", "(Reuters)".
	signatureRE = lazyRegexp(`^(?:[A-Z]{2,6}|\([A-Z][A-Za-z]{1,15}\)|\([A-Z]{2,6}(?:/[A-Z]{2,6})?\))$`)
	// trailingSignatureRE matches the same signature after the last sentence.
	trailingSignatureRE = lazyRegexp(`([.!?"”’)])\s+(?:[A-Z]{2,6}|\([A-Z][A-Za-z]{1,15}\))$`)
	// creditLineRE matches agency credits: "(Reporting by …; Editing by …)".
	creditLineRE = lazyRegexp(`^\(?(?:[Rr]eporting|[Aa]dditional reporting|[Ww]riting|[Ee]diting|[Ee]dited|[Cc]ompiled|[Tt]ranslated|[Pp]roduced) by\b`)
)

// dropTrailer removes agency signatures and reporting credits from the end
// of the text; they name the wire service and its staff, not the story.
func dropTrailer(paras []string) []string {
	for len(paras) > 0 {
		last := paras[len(paras)-1]
		if signatureRE().MatchString(last) || (creditLineRE().MatchString(last) && len(strings.Fields(last)) <= 40) {
			paras = paras[:len(paras)-1]
			continue
		}
		// Only the tail can hold a signature; matching the whole paragraph
		// would make the unanchored pattern scan all of it.
		off := max(0, len(last)-32)
		if m := trailingSignatureRE().FindStringSubmatchIndex(last[off:]); m != nil {
			paras[len(paras)-1] = last[:off+m[3]]
		}
		break
	}
	return paras
}
