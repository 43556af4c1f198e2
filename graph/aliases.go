package graph

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"cograph/extract"
)

// Aliases are a user's corrections to entity resolution, read from a
// plain-text file kept beside the corpus (see ParseAliases for the format).
// Names match by extract.CanonicalKey, so case, dots, hyphens, a leading
// "the" and a possessive do not matter.
type Aliases struct {
	canon  map[string]*canonical // name key -> the node it belongs to
	drop   map[string]bool       // name keys that are never nodes
	forbid map[[2]string]bool    // sorted key pairs that never merge
	lines  map[string]int        // name key -> line that set it, for conflict messages
}

// canonical is the node a merge or rename directive names.
type canonical struct {
	key, label, typ string
}

// An AliasError locates a mistake in an aliases file.
type AliasError struct {
	File string
	Line int
	Msg  string
}

func (e *AliasError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// LoadAliases reads an aliases file.
func LoadAliases(path string) (*Aliases, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseAliases(f, path)
}

// ParseAliases reads the aliases format, one directive per line; name is
// used in error messages. Blank lines and lines starting with # are
// ignored.
//
//	merge  LABEL [TYPE] = NAME | NAME ...   one node labelled LABEL (of TYPE) for all these names
//	rename OLD => NEW [TYPE]                the node OLD is labelled NEW
//	drop   NAME | NAME ...                  these names are never nodes
//	forbid NAME != NAME                     these two names are never merged
//
// TYPE is person, organization, event or place. A merge without names
// only fixes the label and type of LABEL.
func ParseAliases(r io.Reader, name string) (*Aliases, error) {
	a := &Aliases{canon: map[string]*canonical{}, drop: map[string]bool{}, forbid: map[[2]string]bool{}, lines: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := a.parseLine(line, n); err != "" {
			return nil, &AliasError{File: name, Line: n, Msg: err}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return a, nil
}

// parseLine applies one directive and returns what is wrong with it.
func (a *Aliases) parseLine(line string, n int) string {
	verb, rest, _ := strings.Cut(line, " ")
	rest = strings.TrimSpace(rest)
	switch verb {
	case "merge":
		label, names, _ := strings.Cut(rest, "=")
		return a.addMerge(label, splitNames(names), n)
	case "rename":
		old, label, ok := strings.Cut(rest, "=>")
		if !ok || strings.TrimSpace(old) == "" {
			return "rename wants OLD => NEW [TYPE]"
		}
		return a.addMerge(label, []string{old}, n)
	case "drop":
		names := splitNames(rest)
		if len(names) == 0 {
			return "drop wants at least one name"
		}
		for _, nm := range names {
			k := extract.CanonicalKey(nm)
			if err := a.claim(k, nm, n); err != "" {
				return err
			}
			a.drop[k] = true
		}
	case "forbid":
		x, y, ok := strings.Cut(rest, "!=")
		kx, ky := extract.CanonicalKey(x), extract.CanonicalKey(y)
		if !ok || kx == "" || ky == "" || kx == ky {
			return "forbid wants two different names: NAME != NAME"
		}
		a.forbid[sortedPair(kx, ky)] = true
	default:
		return fmt.Sprintf("unknown directive %q (want merge, rename, drop or forbid)", verb)
	}
	return ""
}

// addMerge maps names, and the label itself, to the canonical label.
func (a *Aliases) addMerge(labelType string, names []string, n int) string {
	label, typ, err := splitType(labelType)
	if err != "" {
		return err
	}
	if label == "" {
		return "missing the canonical label"
	}
	c := &canonical{key: extract.CanonicalKey(label), label: label, typ: typ}
	for _, nm := range append([]string{label}, names...) {
		k := extract.CanonicalKey(nm)
		if prev, ok := a.canon[k]; ok && prev.key == c.key && nm == label {
			continue // the label of an earlier merge of the same node
		}
		if err := a.claim(k, nm, n); err != "" {
			return err
		}
		a.canon[k] = c
	}
	return ""
}

// claim records that line n decides the name with key k, refusing a name
// that an earlier line already decided.
func (a *Aliases) claim(k, name string, n int) string {
	if k == "" {
		return "empty name"
	}
	if prev, ok := a.lines[k]; ok {
		return fmt.Sprintf("%q is already used on line %d", name, prev)
	}
	a.lines[k] = n
	return ""
}

// splitType splits "LABEL [TYPE]".
func splitType(s string) (label, typ, err string) {
	s = strings.TrimSpace(s)
	i := strings.LastIndexByte(s, '[')
	if i < 0 || !strings.HasSuffix(s, "]") {
		return s, "", ""
	}
	typ = strings.ToLower(strings.TrimSpace(s[i+1 : len(s)-1]))
	if !slices.Contains([]string{Person, Organization, Event, Place}, typ) {
		return "", "", fmt.Sprintf("unknown type %q (want person, organization, event or place)", typ)
	}
	return strings.TrimSpace(s[:i]), typ, ""
}

func splitNames(s string) []string {
	var out []string
	for _, f := range strings.Split(s, "|") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func sortedPair(x, y string) [2]string {
	if y < x {
		x, y = y, x
	}
	return [2]string{x, y}
}

// forbids reports whether the names with keys x and y must stay apart.
func (a *Aliases) forbids(x, y string) bool {
	return a != nil && len(a.forbid) > 0 && a.forbid[sortedPair(x, y)]
}

// Len returns the number of names the file decides, for summaries.
func (a *Aliases) Len() int { return len(a.lines) + len(a.forbid) }
