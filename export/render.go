package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"

	"cograph/graph"
)

// ErrNoGraphviz is returned (wrapped) by [Rendered] when Graphviz's sfdp
// is not on PATH.
var ErrNoGraphviz = errors.New("Graphviz 'sfdp' not found on PATH; install Graphviz (apt-get install graphviz) or write .dot and render it elsewhere")

// Rendered writes g as a picture: it lays out the DOT that [DOT] writes
// with Graphviz's sfdp (a force-directed layout for large graphs) and
// copies the SVG, PNG or PDF that sfdp prints. The picture shows what the
// DOT encodes:
//
//   - node fill: the community (the 8 largest in a colour-blind-safe
//     palette, smaller ones pale grey);
//   - node shape: the type (person circle, organization square, event
//     hexagon, place house);
//   - node area and label size: PageRank, so the main actors stand out;
//   - labels: every name in a graph of up to 60 nodes, otherwise the 40
//     names of highest PageRank; in SVG every node has its name and
//     figures as a tooltip;
//   - edge width: the logarithm of the weight (co-mention count), with the
//     relation, if any, as a small grey label.
//
// Nodes do not overlap (overlap=prism) and edges are straight. PNG is drawn
// at 150 dpi and scaled down to fit 40 × 40 inches (6000 pixels), so a
// large graph still gives a file that viewers open.
//
// Unlike the text formats, the bytes also depend on the installed Graphviz
// (the same graph and version give the same SVG and PNG), and PDF records
// its creation time unless SOURCE_DATE_EPOCH is set and cairo honours it.
// Write returns [ErrNoGraphviz] when sfdp is missing and an error quoting
// sfdp's messages when sfdp fails.
type Rendered struct {
	// Format is "svg", "png" or "pdf", case-insensitive; "" means "svg".
	Format string
}

var _ Writer = Rendered{}

// renderArgs lists the picture formats and the sfdp arguments each needs
// besides -T. PNG is the only raster: without a size cap a graph of
// thousands of nodes becomes an image larger than cairo or any viewer
// handles. Layout options (overlap, splines) are in the DOT header, where
// they also serve people who render the .dot themselves.
var renderArgs = map[string][]string{
	"svg": nil,
	"png": {"-Gdpi=150", "-Gsize=40,40"},
	"pdf": nil,
}

// Check reports whether Write can work without drawing anything: an
// ErrUnknownFormat for a format Rendered does not know, ErrNoGraphviz when
// sfdp is missing. A program that spends minutes building a graph calls it
// first.
func (r Rendered) Check() error {
	if _, err := r.format(); err != nil {
		return err
	}
	_, err := lookSFDP()
	return err
}

// Write renders g and writes the picture to w.
func (r Rendered) Write(w io.Writer, g *graph.Graph) error {
	format, err := r.format()
	if err != nil {
		return err
	}
	var dot bytes.Buffer
	if err := (DOT{}).Write(&dot, g); err != nil {
		return err
	}
	bin, err := lookSFDP()
	if err != nil {
		return err
	}
	return runSFDP(bin, format, &dot, w)
}

func (r Rendered) format() (string, error) {
	f := strings.ToLower(r.Format)
	if f == "" {
		f = "svg"
	}
	if _, ok := renderArgs[f]; !ok {
		return "", fmt.Errorf("export: %w %q for a picture (want svg, png or pdf)", ErrUnknownFormat, r.Format)
	}
	return f, nil
}

func lookSFDP() (string, error) {
	bin, err := exec.LookPath("sfdp")
	if err != nil {
		// Also when PATH names sfdp only relative to the working directory
		// (exec.ErrDot): running that one would be a surprise.
		return "", fmt.Errorf("export: %w", ErrNoGraphviz)
	}
	return bin, nil
}

// maxStderr bounds how much of sfdp's standard error an error quotes: a
// bad input can make it warn once per node.
const maxStderr = 2048

// runSFDP pipes dot through sfdp -T<format> into w.
func runSFDP(bin, format string, dot io.Reader, w io.Writer) error {
	cmd := exec.Command(bin, append([]string{"-T" + format}, renderArgs[format]...)...)
	cmd.Stdin = dot
	out := &firstErrorWriter{w: w}
	cmd.Stdout = out
	stderr := &prefixBuffer{max: maxStderr}
	cmd.Stderr = stderr
	err := cmd.Run()
	if out.err != nil {
		// w failed first; sfdp then died of a broken pipe, which says
		// nothing useful.
		return out.err
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.buf.String())
		if msg == "" {
			return fmt.Errorf("export: sfdp -T%s: %w", format, err)
		}
		return fmt.Errorf("export: sfdp -T%s: %w: %s", format, err, msg)
	}
	return nil
}

// firstErrorWriter remembers the first error of w, so that Write can report
// it rather than what it does to sfdp.
type firstErrorWriter struct {
	w   io.Writer
	err error
}

func (f *firstErrorWriter) Write(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	n, err := f.w.Write(p)
	f.err = err
	return n, err
}

// prefixBuffer keeps the first max bytes written to it and drops the rest,
// marking the cut with an ellipsis.
type prefixBuffer struct {
	buf       bytes.Buffer
	max       int
	truncated bool
}

func (b *prefixBuffer) Write(p []byte) (int, error) {
	if b.truncated {
		return len(p), nil
	}
	if room := b.max - b.buf.Len(); len(p) > room {
		b.buf.Write(p[:room])
		b.buf.WriteString(" …")
		b.truncated = true
		return len(p), nil
	}
	return b.buf.Write(p)
}
