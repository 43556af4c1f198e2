package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExplainSeeds(t *testing.T) {
	seeds := filepath.Join(sharedDir(t), "seeds")
	code, stdout, stderr := cli(t, "", "explain", "Xi Jinping", "Vyacheslav Volodin", seeds)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "== 000_3552dfd9861511af.txt · 2025-08-28 · ") {
		t.Errorf("no header with the article's id and date:\n%s", stdout)
	}
	if !strings.Contains(stdout, "Xi met Russian State Duma Chairman Vyacheslav Volodin in Beijing") {
		t.Errorf("the sentence naming both is missing:\n%s", stdout)
	}
	if !strings.Contains(stderr, "1 passage in 1 article (sentence window)") {
		t.Errorf("summary: %s", stderr)
	}
}

func TestExplainJSON(t *testing.T) {
	seeds := filepath.Join(sharedDir(t), "seeds")
	code, stdout, stderr := cli(t, "", "explain", "--json", "-q", "--window", "paragraph", "Xi", "Vyacheslav Volodin", seeds)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 1 {
		t.Fatalf("want 1 line, got %d:\n%s", len(lines), stdout)
	}
	var r passageRecord
	if err := json.Unmarshal([]byte(lines[0]), &r); err != nil {
		t.Fatal(err)
	}
	if r.ID != "000_3552dfd9861511af.txt" || r.Date != "2025-08-28" || r.Window != "paragraph" ||
		r.A != "Xi Jinping" || r.B != "Vyacheslav Volodin" || !strings.Contains(r.Text, "President Vladimir Putin") {
		t.Errorf("record %+v", r)
	}
	if stderr != "" {
		t.Errorf("-q printed %q", stderr)
	}
}

func TestExplainMax(t *testing.T) {
	seeds := filepath.Join(sharedDir(t), "seeds")
	code, stdout, stderr := cli(t, "", "explain", "-n", "2", "Xi Jinping", "Putin", seeds)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := strings.Count(stdout, "\n== "); n != 1 || !strings.HasPrefix(stdout, "== ") {
		t.Errorf("want 2 passages, blank line between:\n%s", stdout)
	}
	if !strings.Contains(stderr, "stopped at -n 2") {
		t.Errorf("summary does not say it stopped: %s", stderr)
	}
}

func TestExplainNotFound(t *testing.T) {
	seeds := filepath.Join(sharedDir(t), "seeds")
	code, stdout, stderr := cli(t, "", "explain", "Xi Jinpin", "Vyacheslav Volodin", seeds)
	if code != exitError {
		t.Fatalf("exit %d, want %d: %s", code, exitError, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout: %q", stdout)
	}
	for _, want := range []string{
		"0 passages in 0 articles",
		`"Xi Jinpin" matches no entity's label or alias; similar names seen: "Xi Jinping"`,
		`"Vyacheslav Volodin" is named in 1 article`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if code, _, stderr := cli(t, "", "explain", "-q", "Xi Jinpin", "Vyacheslav Volodin", seeds); code != exitError || stderr != "" {
		t.Errorf("-q: exit %d, stderr %q; want %d and nothing", code, stderr, exitError)
	}
}

func TestExplainHints(t *testing.T) {
	dir := writeArticles(t,
		"Vladimir Putin met officials in Moscow on Monday. Olaf Scholz stayed in Berlin.",
		"Olaf Scholz spoke in Berlin on Tuesday.",
	)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"apart", []string{"Putin", "Olaf Scholz"},
			`"Putin" is named in 1 article and "Olaf Scholz" in 2 articles, both in 1 article, but never in the same sentence; try a wider --window`},
		{"same entity", []string{"Putin", "Vladimir Putin"},
			`"Putin" and "Vladimir Putin" name the same entity (Vladimir Putin) in 1 article`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := cli(t, "", append(append([]string{"explain"}, c.args...), dir)...)
			if code != exitError || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, exitError, c.want)
			}
		})
	}
	code, stdout, stderr := cli(t, "", "explain", "--window", "paragraph", "Putin", "Olaf Scholz", dir)
	if code != exitOK || !strings.Contains(stdout, "Olaf Scholz stayed in Berlin.") {
		t.Errorf("paragraph window: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestExplainSkipped(t *testing.T) {
	dir := writeArticles(t, "Vladimir Putin met Olaf Scholz in Moscow on Monday.")
	bad := []byte("{\"id\":\"a\",\"text\":\"Angela Merkel visited Berlin.\"}\n{not json\n")
	if err := os.WriteFile(filepath.Join(dir, "wire.jsonl"), bad, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := cli(t, "", "explain", "Putin", "Scholz", dir)
	if code != exitPartial || !strings.Contains(stdout, "Vladimir Putin met Olaf Scholz") {
		t.Errorf("exit %d, want %d (passage printed, an input skipped)\n%s%s", code, exitPartial, stdout, stderr)
	}
}

func TestExplainUsage(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no arguments", nil, exitUsage, "want two names and at least one PATH"},
		{"no path", []string{"Putin", "Scholz"}, exitUsage, "want two names and at least one PATH"},
		{"same name", []string{"Putin", "putin", examples}, exitUsage, "same name"},
		{"empty name", []string{"", "Putin", examples}, exitUsage, "empty name"},
		{"bad window", []string{"--window", "page", "Putin", "Scholz", examples}, exitUsage, "unknown window"},
		{"negative n", []string{"-n", "-1", "Putin", "Scholz", examples}, exitUsage, "-n must be"},
		{"help", []string{"--help"}, exitOK, "Exit status: 0 at least one passage printed, 1 none found"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := cli(t, "", append([]string{"explain"}, c.args...)...)
			if code != c.code || !strings.Contains(stderr, c.msg) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, c.code, c.msg)
			}
		})
	}
}
