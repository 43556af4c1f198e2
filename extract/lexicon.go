package extract

import (
	"crypto/sha256"
	_ "embed" // the tables
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"

	"cograph/internal/spaces"
)

// The tables in data/ are real-world facts (countries, places, institutions,
// events, titles, name lists) kept as plain text so they can be reviewed and
// extended without touching code. common_words.txt is derived from
// unlabelled news by internal/gen/commonwords.
//
// They are embedded as strings rather than an embed.FS, whose files are
// read as copies: 450 KB copied into fresh memory at every start, 4 ms of
// CPU in a 200-article run. The maps' keys are slices of these strings; the
// rest of the lexicon is compiled from them (see lexiconfile.go).
var (
	//go:embed data/chinese_surnames.txt
	chineseSurnamesTXT string
	//go:embed data/common_words.txt
	commonWordsTXT string
	//go:embed data/countries.tsv
	countriesTSV string
	//go:embed data/event_heads.txt
	eventHeadsTXT string
	//go:embed data/events.tsv
	eventsTSV string
	//go:embed data/given_names.txt
	givenNamesTXT string
	//go:embed data/korean_japanese_surnames.txt
	koreanJapaneseSurnamesTXT string
	//go:embed data/office_holders.tsv
	officeHoldersTSV string
	//go:embed data/org_heads.txt
	orgHeadsTXT string
	//go:embed data/organizations.tsv
	organizationsTSV string
	//go:embed data/places.tsv
	placesTSV string
	//go:embed data/stopwords.txt
	stopwordsTXT string
	//go:embed data/titles.txt
	titlesTXT string
)

// embeddedTables maps the files of data/ to their text (TestEmbeddedTables
// checks that none is missing).
var embeddedTables = map[string]string{
	"chinese_surnames.txt":         chineseSurnamesTXT,
	"common_words.txt":             commonWordsTXT,
	"countries.tsv":                countriesTSV,
	"event_heads.txt":              eventHeadsTXT,
	"events.tsv":                   eventsTSV,
	"given_names.txt":              givenNamesTXT,
	"korean_japanese_surnames.txt": koreanJapaneseSurnamesTXT,
	"office_holders.tsv":           officeHoldersTSV,
	"org_heads.txt":                orgHeadsTXT,
	"organizations.tsv":            organizationsTSV,
	"places.tsv":                   placesTSV,
	"stopwords.txt":                stopwordsTXT,
	"titles.txt":                   titlesTXT,
}

// A Name is a lexicon entry: the canonical label and type that a surface
// form stands for.
type Name struct {
	Label string
	Type  string
	Kind  string // finer class from the table: "capital", "company", "war"…
}

// A Lexicon holds the name tables the rule recognizer and resolution use.
// It is read-only after loading and safe for concurrent use.
type Lexicon struct {
	dir        string     // where the tables were read, for Digest
	texts      [][]string // the tables' text, by group and file, for Digest
	digestOnce sync.Once
	digest     string              // see Digest
	names      *trie               // folded token sequences -> Name
	demonyms   map[string]string   // "Chinese" -> "China"
	offices    map[string][]Office // CanonicalKey(person) -> offices held
	titles     *trie               // lower-case token sequences -> role class
	modifiers  *strSet             // "former", "acting", "deputy": only before a title
	orgHeads   map[string]head     // "Ministry", "Motors"
	eventHeads map[string]head     // "War", "Summit", "Treaty", "Hurricane"
	given      *strSet             // given names
	givenAmbig *strSet             // given names that are also common words
	surnames   *strSet             // East Asian family names, written first
	stop       *strSet             // capitalised words that are never names alone
	common     *strSet             // words mostly written in lower case
	starts     []uint8             // see indexStarts

	// Scratch for the keys of the two tries while they load; each trie is
	// filled by one group of tables, so one goroutine uses each.
	nameKeys, titleKeys keyer
}

var (
	defaultLexicon     *Lexicon
	defaultLexiconErr  error
	defaultLexiconOnce sync.Once
)

// DefaultLexicon returns the lexicon built from the embedded tables. It is
// loaded once; later calls return the same value.
func DefaultLexicon() (*Lexicon, error) {
	defaultLexiconOnce.Do(func() {
		defaultLexicon, defaultLexiconErr = loadEmbedded()
	})
	return defaultLexicon, defaultLexiconErr
}

// lexiconGroups are the tables, in four groups that fill different
// structures and load at once; within a group the order matters (for the
// names trie, earlier tables win). The digest covers them in this order.
var lexiconGroups = []struct {
	files []string
	// make creates the group's structures at about their size (entries
	// counts a table's lines and |-separated aliases): growing one
	// rehashes it, and start-up is much of a small run.
	make func(lx *Lexicon, entries func(files ...string) int)
}{
	{[]string{"organizations.tsv", "events.tsv", "places.tsv", "countries.tsv"}, func(lx *Lexicon, n func(...string) int) {
		lx.names = newTrie(2 * n("organizations.tsv", "events.tsv", "places.tsv", "countries.tsv"))
		lx.demonyms = map[string]string{}
	}},
	{[]string{"titles.txt", "office_holders.tsv", "org_heads.txt", "event_heads.txt"}, func(lx *Lexicon, n func(...string) int) {
		lx.titles, lx.modifiers = newTrie(n("titles.txt")), newStrSet(0)
		lx.offices, lx.orgHeads, lx.eventHeads = map[string][]Office{}, map[string]head{}, map[string]head{}
	}},
	{[]string{"given_names.txt", "chinese_surnames.txt", "korean_japanese_surnames.txt", "stopwords.txt"}, func(lx *Lexicon, n func(...string) int) {
		lx.given, lx.givenAmbig = newStrSet(n("given_names.txt")), newStrSet(0)
		lx.surnames = newStrSet(n("chinese_surnames.txt", "korean_japanese_surnames.txt"))
		lx.stop = newStrSet(n("stopwords.txt"))
	}},
	{[]string{"common_words.txt"}, func(lx *Lexicon, n func(...string) int) {
		lx.common = newStrSet(n("common_words.txt"))
	}},
}

// LoadLexicon reads the tables from dir in fsys (the layout of data/).
func LoadLexicon(fsys fs.FS, dir string) (*Lexicon, error) {
	return loadLexicon(dir, func(file string) (string, error) {
		b, err := fs.ReadFile(fsys, dir+"/"+file)
		return asString(b), err
	})
}

// loadEmbedded returns the lexicon of the embedded tables: the compiled
// one (see lexiconfile.go), with the maps built from their tables.
func loadEmbedded() (*Lexicon, error) {
	lx := &Lexicon{dir: "data", texts: make([][]string, len(lexiconGroups))}
	for g, group := range lexiconGroups {
		for _, file := range group.files {
			lx.texts[g] = append(lx.texts[g], embeddedTables[file])
		}
	}
	if _, err := viewLexicon(lx, compiledLexicon); err != nil {
		return nil, fmt.Errorf("load lexicon: %w", err)
	}
	lx.demonyms, lx.offices, lx.orgHeads, lx.eventHeads = map[string]string{}, map[string][]Office{}, map[string]head{}, map[string]head{}
	var rec []string
	for _, file := range []string{"countries.tsv", "office_holders.tsv", "org_heads.txt", "event_heads.txt"} {
		rec = readTable(embeddedTables[file], rec, lx.mapLoader(file))
	}
	return lx, nil
}

// loadLexicon builds a lexicon of the tables read gives, by file name.
func loadLexicon(dir string, read func(file string) (string, error)) (*Lexicon, error) {
	lx := &Lexicon{dir: dir, texts: make([][]string, len(lexiconGroups))}
	errs := make([]error, len(lexiconGroups))
	var wg sync.WaitGroup
	for g, group := range lexiconGroups {
		wg.Go(func() {
			// The tables' keys are slices of their text, which is never
			// written: it is used as read, without a copy.
			data := map[string]string{}
			for _, file := range group.files {
				text, err := read(file)
				if err != nil {
					errs[g] = fmt.Errorf("load lexicon: %w", err)
					return
				}
				data[file] = text
				lx.texts[g] = append(lx.texts[g], text)
			}
			group.make(lx, func(files ...string) int {
				n := 0
				for _, f := range files {
					n += strings.Count(data[f], "\n") + strings.Count(data[f], "|")
				}
				return n
			})
			var rec []string
			for _, file := range group.files {
				rec = readTable(data[file], rec, lx.loader(file))
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	lx.indexStarts()
	return lx, nil
}

// loader returns the function that loads the records of a table.
func (lx *Lexicon) loader(file string) func(rec []string, section string) {
	switch file {
	case "organizations.tsv":
		return lx.nameLoader(Organization)
	case "events.tsv":
		return lx.nameLoader(Event)
	case "places.tsv":
		return lx.nameLoader(Place)
	case "countries.tsv":
		return func(rec []string, s string) {
			lx.nameLoader(Place)([]string{rec[0], field(rec, 1), "country"}, s)
			lx.loadDemonyms(rec, s)
		}
	case "titles.txt":
		return lx.loadTitle
	case "office_holders.tsv", "org_heads.txt", "event_heads.txt":
		return lx.mapLoader(file)
	case "given_names.txt":
		return lx.loadGiven
	case "chinese_surnames.txt", "korean_japanese_surnames.txt":
		return lx.loadSurname
	case "stopwords.txt":
		return setLoader(lx.stop)
	case "common_words.txt":
		return setLoader(lx.common)
	}
	panic("lexicon: no loader for " + file)
}

// mapLoader returns the function that loads a table's records into the
// lexicon's maps, which a compiled lexicon does not hold: demonyms from
// countries.tsv, offices and heads.
func (lx *Lexicon) mapLoader(file string) func(rec []string, section string) {
	switch file {
	case "countries.tsv":
		return lx.loadDemonyms
	case "office_holders.tsv":
		return lx.loadOffice
	case "org_heads.txt":
		return headLoader(lx.orgHeads)
	case "event_heads.txt":
		return headLoader(lx.eventHeads)
	}
	panic("lexicon: no map in " + file)
}

// Digest returns the SHA-256 (hex) of the tables read. It is computed on
// first use: only a run with a cache needs it.
func (lx *Lexicon) Digest() string {
	lx.digestOnce.Do(func() {
		h := sha256.New()
		for g, group := range lexiconGroups {
			for i, file := range group.files {
				fmt.Fprintf(h, "%s/%s\n", lx.dir, file)
				io.WriteString(h, lx.texts[g][i])
			}
		}
		lx.digest = hex.EncodeToString(h.Sum(nil))
	})
	return lx.digest
}

// readTable calls load for each record of a tab-separated table. Lines
// starting with '#' are comments; the text of the latest comment is passed
// as section so that tables can group entries ("# ambiguous: …"). The
// record is built in rec, which load must not keep, and returned for
// reuse.
func readTable(data string, rec []string, load func(rec []string, section string)) []string {
	section := ""
	for line := range strings.Lines(data) {
		line = strings.TrimRight(line, " \r\n")
		if strings.HasPrefix(line, "#") {
			section = strings.ToLower(line)
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		rec = rec[:0]
		for f := range strings.SplitSeq(line, "\t") {
			rec = append(rec, strings.TrimSpace(f))
		}
		load(rec, section)
	}
	return rec
}

func field(rec []string, i int) string {
	if i < len(rec) {
		return rec[i]
	}
	return ""
}

// eachValue calls f with each non-empty value of a field of |-separated
// values. (A callback that does not escape costs no allocation; an
// iterator's closures did, tens of thousands of times per start.)
func eachValue(s string, f func(v string)) {
	for s != "" {
		var v string
		v, s, _ = strings.Cut(s, "|")
		if v = strings.TrimSpace(v); v != "" {
			f(v)
		}
	}
}

func setLoader(set *strSet) func([]string, string) {
	return func(rec []string, _ string) {
		eachValue(rec[0], func(v string) {
			set.add(v)
		})
	}
}

// nameLoader adds a table of canonical names and aliases of one type.
// Earlier tables win for a surface form listed twice.
func (lx *Lexicon) nameLoader(typ string) func([]string, string) {
	return func(rec []string, _ string) {
		kind := field(rec, 2)
		if typ == Place && strings.HasPrefix(kind, "historical") {
			kind = "historical-state"
		}
		n := Name{Label: Fold(rec[0]), Type: typ, Kind: kind}
		lx.addName(rec[0], n)
		eachValue(field(rec, 1), func(a string) {
			lx.addName(a, n)
		})
	}
}

func (lx *Lexicon) addName(surface string, n Name) {
	if key := lx.nameKeys.key(surface); key != nil {
		lx.names.add(key, n)
	}
}

func (lx *Lexicon) loadDemonyms(rec []string, _ string) {
	eachValue(field(rec, 2), func(d string) {
		if _, ok := lx.demonyms[d]; !ok {
			lx.demonyms[d] = Fold(rec[0])
		}
	})
}

func (lx *Lexicon) loadTitle(rec []string, _ string) {
	if field(rec, 1) == "modifier" {
		lx.modifiers.add(strings.TrimSuffix(strings.ToLower(rec[0]), "-"))
		return
	}
	key := lx.titleKeys.key(strings.ToLower(rec[0]))
	if key != nil {
		lx.titles.put(key, Name{Label: strings.ToLower(rec[0]), Kind: field(rec, 1)})
	}
}

// An Office is a title a person has held in a country or body.
type Office struct {
	Title, Target string // "president", "United States"
}

func (lx *Lexicon) loadOffice(rec []string, _ string) {
	if len(rec) < 3 {
		return
	}
	o := Office{Title: roleKey(rec[1]), Target: rec[2]}
	for _, name := range strings.Split(rec[0], "|") {
		k := CanonicalKey(name)
		lx.offices[k] = append(lx.offices[k], o)
	}
}

// OfficesOf returns the offices the table lists for a person's canonical
// key.
func (lx *Lexicon) OfficesOf(key string) []Office { return lx.offices[key] }

// roleKey folds the spellings of a title: "Secretary-General" and
// "secretary general" are one title.
func roleKey(s string) string {
	return spaces.Collapse(strings.ReplaceAll(strings.ToLower(s), "-", " "))
}

// A head is a word that makes a capitalised phrase an organization or an
// event: as its last word ("Foreign Ministry", "Korean War"), as its first
// word before "of" ("Ministry of Defence", "Treaty of Versailles"), or as
// its first word before a name ("Hurricane Katrina").
type head struct {
	suffix, prefix, prefixOf bool
	ambiguous                bool // the phrase may also be something else
}

// headLoader reads "word kind position flag" rows; position is suffix,
// prefix, prefix-of or both (suffix and prefix-of). Pattern rows ("COP<N>",
// "*gate") are left to code.
func headLoader(m map[string]head) func([]string, string) {
	return func(rec []string, _ string) {
		w := rec[0]
		if strings.ContainsAny(w, "<*") {
			return
		}
		var h head
		switch field(rec, 2) {
		case "prefix":
			h.prefix = true
		case "prefix-of":
			h.prefixOf = true
		case "both":
			h.suffix, h.prefixOf = true, true
		default:
			h.suffix = true
		}
		h.ambiguous = field(rec, 3) == "ambiguous"
		m[w] = h
	}
}

// loadSurname reads East Asian family names, which are written before the
// given name; those that are also common words are left out, since they
// alone cannot show that a phrase is a name.
func (lx *Lexicon) loadSurname(rec []string, section string) {
	if strings.Contains(section, "ambiguous") {
		return
	}
	eachValue(rec[0], func(v string) {
		lx.surnames.add(v)
	})
}

func (lx *Lexicon) loadGiven(rec []string, section string) {
	eachValue(rec[0], func(v string) {
		if strings.Contains(section, "ambiguous") {
			lx.givenAmbig.add(v)
		} else if strings.Contains(section, "surname") {
			lx.surnames.add(v)
		} else {
			lx.given.add(v)
		}
	})
}

// A keyer tokenizes table entries the way text is tokenized, so that
// entries match token sequences ("People's" is "People" + "'s"). It
// reuses its buffers: a key is valid until the next call (the tries keep
// its strings, not the slice).
type keyer struct {
	toks []Token
	buf  []string
}

// key returns the tokens of s, or nil when it has none.
func (k *keyer) key(s string) []string {
	if words, ok := k.plainWords(s); ok {
		return words
	}
	return k.tokenized(s)
}

// tokenized is key for any s: the Norm of each of its tokens.
func (k *keyer) tokenized(s string) []string {
	s = Fold(s)
	k.toks = tokenize(s, 0, len(s), k.toks[:0])
	if len(k.toks) == 0 {
		return nil
	}
	k.buf = k.buf[:0]
	for _, t := range k.toks {
		k.buf = append(k.buf, t.Norm)
	}
	return k.buf
}

// plainWords returns the words of s when it has only ASCII letters,
// digits and spaces: then its tokens are its words as written, and
// tokenizing (the most of loading the tables) is not needed. Most names
// in the tables are such.
func (k *keyer) plainWords(s string) ([]string, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == ' ') {
			return nil, false
		}
	}
	k.buf = k.buf[:0]
	for i := 0; i < len(s); {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' {
			j++
		}
		if j > i {
			k.buf = append(k.buf, s[i:j])
		}
		i = j
	}
	if len(k.buf) == 0 {
		return nil, true
	}
	return k.buf, true
}

// IsCommon reports whether w (any case) is mostly written in lower case.
func (lx *Lexicon) IsCommon(w string) bool {
	return lx.common.hasLower(w)
}

// Lookup returns the entry for an exact surface form.
func (lx *Lexicon) Lookup(surface string) (Name, bool) {
	var k keyer
	key := k.key(surface)
	if key == nil {
		return Name{}, false
	}
	return lx.names.get(key)
}

// Demonym returns the country an adjective of nationality refers to.
func (lx *Lexicon) Demonym(w string) (string, bool) {
	c, ok := lx.demonyms[w]
	return c, ok
}
