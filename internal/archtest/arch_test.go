package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

// rank orders the pipeline stages; a package may import only stages of
// lower rank.
var rank = map[string]int{
	"cograph/corpus":  1,
	"cograph/extract": 2,
	"cograph/cache":   3,
	"cograph/graph":   4,
	"cograph/export":  5,
}

func TestImportsFlowOneWay(t *testing.T) {
	for pkg, r := range rank {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dr, ok := rank[dep]; ok && dr > r {
				t.Errorf("%s imports %s: the flow is corpus → extract → graph → export", pkg, dep)
			}
			if dep == "cograph/cmd/cograph" {
				t.Errorf("%s imports the command", pkg)
			}
		}
	}
}
