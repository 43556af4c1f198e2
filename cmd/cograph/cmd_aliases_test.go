package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"cograph/graph"
)

// writeArticles writes one .txt article per text (title, blank line, body)
// into a new directory and returns it.
func writeArticles(t *testing.T, texts ...string) string {
	t.Helper()
	dir := t.TempDir()
	for i, text := range texts {
		name := filepath.Join(dir, string(rune('a'+i))+".txt")
		if err := os.WriteFile(name, []byte("Article "+string(rune('A'+i))+"\n\n"+text+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var aliasArticles = []string{
	"Vladimir Putin met officials of the Kremlin and Reuters reporters in Moscow on Monday.",
	"Putin later spoke to Chelsea supporters in Moscow about football.",
	"The Kremlin said Olaf Scholz would visit Moscow in May.",
}

func readNodeLink(t *testing.T, path string) nodeLink {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g nodeLink
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

func TestBuildAliases(t *testing.T) {
	dir := writeArticles(t, aliasArticles...)
	aliases := filepath.Join(t.TempDir(), "corrections.aliases")
	os.WriteFile(aliases, []byte(`# test corrections
rename Kremlin => Presidential Administration of Russia [organization]
merge Chelsea F.C. [organization] = Chelsea
drop Reuters
`), 0o644)
	out := filepath.Join(t.TempDir(), "g.json")
	code, _, stderr := cli(t, "", "build", "--types", "all", "--aliases", aliases, "-o", out, dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	g := readNodeLink(t, out)
	types := map[string]string{}
	for _, n := range g.Nodes {
		types[n.Label] = n.Type
		if n.Label == "Vladimir Putin" && !slices.Contains(n.Aliases, "Putin") {
			t.Errorf("the bare Putin of article b did not join Vladimir Putin: %v", n.Aliases)
		}
	}
	for label, typ := range map[string]string{"Presidential Administration of Russia": "organization", "Chelsea F.C.": "organization", "Vladimir Putin": "person"} {
		if types[label] != typ {
			t.Errorf("node %q: type %q, want %q; nodes %v", label, types[label], typ, types)
		}
	}
	for _, gone := range []string{"Reuters", "Kremlin", "Chelsea", "Putin"} {
		if _, ok := types[gone]; ok {
			t.Errorf("node %q should be gone: %v", gone, types)
		}
	}
}

func TestBuildAliasesErrors(t *testing.T) {
	dir := writeArticles(t, aliasArticles...)
	bad := filepath.Join(t.TempDir(), "bad.aliases")
	os.WriteFile(bad, []byte("merge A = B\n\nmerge C [country] = D\n"), 0o644)
	out := filepath.Join(t.TempDir(), "g.json")
	code, _, stderr := cli(t, "", "build", "--aliases", bad, "-o", out, dir)
	if code != exitError || !strings.Contains(stderr, "bad.aliases:3: unknown type \"country\"") {
		t.Errorf("exit %d, stderr %q; want 1 and the file:line of the mistake", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("output written despite the bad aliases file")
	}
	code, _, stderr = cli(t, "", "build", "--aliases", filepath.Join(t.TempDir(), "missing"), "-o", out, dir)
	if code != exitError || !strings.Contains(stderr, "no such file") {
		t.Errorf("missing file: exit %d, %q", code, stderr)
	}
}

func TestAliasesSuggest(t *testing.T) {
	dir := writeArticles(t,
		"Volodymyr Zelensky met Olaf Scholz in Berlin to discuss Ukraine.",
		"Volodymyr Zelenskyy thanked Olaf Scholz and Germany for their help to Ukraine.",
		"The Northern Grid Operators Council met in Oslo with Norway and Sweden.",
		"NGOC officials in Oslo said Norway and Sweden agreed.")
	code, stdout, stderr := cli(t, "", "aliases", "suggest", "--min-score", "0", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"merge Volodymyr Zelensky = Volodymyr Zelenskyy",
		"merge Northern Grid Operators Council = NGOC",
		"shared context", "a.txt",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("suggestions lack %q:\n%s", want, stdout)
		}
	}
	// Every suggested line is a valid aliases-file line.
	for _, line := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(line, "merge ") {
			if _, err := graph.ParseAliases(strings.NewReader(line), "suggestion"); err != nil {
				t.Errorf("suggested line does not parse: %v", err)
			}
		}
	}
	// Accepting a suggestion merges the two nodes.
	aliases := filepath.Join(t.TempDir(), "accepted.aliases")
	os.WriteFile(aliases, []byte("merge Volodymyr Zelensky = Volodymyr Zelenskyy\n"), 0o644)
	out := filepath.Join(t.TempDir(), "g.json")
	if code, _, stderr := cli(t, "", "build", "--aliases", aliases, "-o", out, dir); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var zel int
	for _, n := range readNodeLink(t, out).Nodes {
		if strings.HasPrefix(n.Label, "Volodymyr Zel") {
			zel++
		}
	}
	if zel != 1 {
		t.Errorf("%d Zelensky nodes after accepting the merge, want 1", zel)
	}
	if code, _, _ := cli(t, "", "aliases", "frobnicate"); code != exitUsage {
		t.Errorf("unknown aliases subcommand: exit %d, want %d", code, exitUsage)
	}
}

// TestBuildPictureAndTime draws the sample articles as SVG through sfdp
// and checks --since/--until and the flags of issue 5.
func TestBuildPictureAndTime(t *testing.T) {
	dir := t.TempDir()
	svg := filepath.Join(dir, "g.svg")
	code, _, stderr := cli(t, "", "build", "-q", "--types", "all", "--top", "40", "-o", svg, examples)
	if _, err := exec.LookPath("sfdp"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("sfdp is missing; .ci/run installs graphviz")
		}
		if code != exitError || !strings.Contains(stderr, "sfdp") {
			t.Errorf("without sfdp: exit %d, %q", code, stderr)
		}
		t.Skip("sfdp is missing; skipping the picture")
	}
	data, err := os.ReadFile(svg)
	if code != exitOK || err != nil || !strings.Contains(string(data), "<svg") || !strings.Contains(string(data), "Mohamed Salah") {
		t.Fatalf("exit %d, %v, %q: no SVG naming the top nodes", code, err, stderr)
	}

	out := filepath.Join(dir, "g.json")
	code, _, stderr = cli(t, "", "build", "--since", "2025-07-01", "--until", "2025-07-31", "-o", out, examples)
	if code != exitOK || !strings.Contains(stderr, "outside --since/--until") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, n := range readNodeLink(t, out).Nodes {
		if n.Label == "Mohamed Salah" {
			t.Errorf("an article outside July 2025 was read: %s", n.Label)
		}
	}
	for _, bad := range [][]string{
		{"--since", "July"}, {"--weight", "pmi"}, {"--backbone", "2"}, {"--window", "0"},
		{"--since", "2025-02-01", "--until", "2025-01-01"}, {"--gexf-version", "2.0"},
	} {
		args := append(append([]string{"build"}, bad...), "-o", out, examples)
		if code, _, _ := cli(t, "", args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", bad, code, exitUsage)
		}
	}
}

// TestBuildCache builds twice with a cache: the second run reads every
// article from it and writes the same file; an added article is the only
// one extracted; another window reuses the cache too.
func TestBuildCache(t *testing.T) {
	dir := writeArticles(t, aliasArticles...)
	db := filepath.Join(t.TempDir(), "cache.db")
	out1, out2 := filepath.Join(t.TempDir(), "1.graphml"), filepath.Join(t.TempDir(), "2.graphml")
	code, _, stderr := cli(t, "", "build", "--cache", db, "-o", out1, dir)
	if code != exitOK || !strings.Contains(stderr, "cache: 0 read, 3 extracted") {
		t.Fatalf("cold: exit %d: %s", code, stderr)
	}
	code, _, stderr = cli(t, "", "build", "--cache", db, "-o", out2, dir)
	if code != exitOK || !strings.Contains(stderr, "cache: 3 read, 0 extracted") {
		t.Fatalf("cached: exit %d: %s", code, stderr)
	}
	a, _ := os.ReadFile(out1)
	b, _ := os.ReadFile(out2)
	if string(a) != string(b) {
		t.Error("the cached rebuild differs from the cold build")
	}
	// Every file is listed by its digest, so the rebuild did not read the
	// files into articles; when a listed extraction turns out damaged, the
	// file is read and extracted after all, to the same graph.
	sdb, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	var files int
	if err := sdb.QueryRow(`SELECT count(*) FROM files`).Scan(&files); err != nil || files != 3 {
		t.Errorf("files table: %d rows, %v; want 3", files, err)
	}
	if _, err := sdb.Exec(`UPDATE extractions SET doc = x'00' WHERE id = 'b.txt'`); err != nil {
		t.Fatal(err)
	}
	sdb.Close()
	code, _, stderr = cli(t, "", "build", "--cache", db, "-o", out2, dir)
	if code != exitOK || !strings.Contains(stderr, "cache: 2 read, 1 extracted") {
		t.Fatalf("damaged entry: exit %d: %s", code, stderr)
	}
	if b, _ = os.ReadFile(out2); string(a) != string(b) {
		t.Error("the rebuild with a damaged entry differs from the cold build")
	}
	// A cache whose files table is empty (as one written before it
	// existed) still serves every article, read and found by its text,
	// and lists the files again.
	countFiles := func(clear bool) int {
		sdb, err := sql.Open("sqlite", db)
		if err != nil {
			t.Fatal(err)
		}
		defer sdb.Close()
		if clear {
			sdb.Exec(`DELETE FROM files`)
		}
		var n int
		sdb.QueryRow(`SELECT count(*) FROM files`).Scan(&n)
		return n
	}
	countFiles(true)
	code, _, stderr = cli(t, "", "build", "--cache", db, "-o", out2, dir)
	if code != exitOK || !strings.Contains(stderr, "cache: 3 read, 0 extracted") {
		t.Fatalf("no files listed: exit %d: %s", code, stderr)
	}
	if n := countFiles(false); n != 3 {
		t.Errorf("files listed again: %d, want 3", n)
	}
	os.WriteFile(filepath.Join(dir, "z.txt"), []byte("New article\n\nOlaf Scholz met Emmanuel Macron in Paris.\n"), 0o644)
	code, _, stderr = cli(t, "", "build", "--cache", db, "--window", "sentence", "-o", out2, dir)
	if code != exitOK || !strings.Contains(stderr, "cache: 3 read, 1 extracted") {
		t.Fatalf("incremental: exit %d: %s", code, stderr)
	}
	code, _, stderr = cli(t, "", "build", "--cache", filepath.Join(dir, "a.txt"), "-o", out2, dir)
	if code != exitError || !strings.Contains(stderr, "a.txt") {
		t.Errorf("a text file as cache: exit %d: %s", code, stderr)
	}
}
