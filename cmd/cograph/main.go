// Command cograph reads news articles and writes the co-mention graph of the
// people, organizations, events and places they mention, for Graphviz and
// Gephi.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	_ "cograph/internal/memtune" // tunes the runtime's memory as the program initialises
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	stopProfile := startProfile(os.Getenv("COGRAPH_CPUPROFILE"))
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stopProfile()
	stop()
	os.Exit(code)
}

// startProfile writes a CPU profile to path when it is set, for
// performance work: COGRAPH_CPUPROFILE=cpu.prof cograph build …
func startProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "cograph: COGRAPH_CPUPROFILE: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "cograph: COGRAPH_CPUPROFILE: %v\n", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// Exit codes, documented in usage and the README.
const (
	exitOK          = 0
	exitError       = 1
	exitUsage       = 2
	exitPartial     = 3
	exitInterrupted = 130
)

// run is the tested entry point: it dispatches to a subcommand and returns
// the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		printUsage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return runBuild(env, args[1:])
	case "aliases":
		return runAliases(env, args[1:])
	case "explain":
		return runExplain(env, args[1:])
	case "extract":
		return runExtract(env, args[1:])
	case "tag":
		return runTag(env, args[1:])
	case "eval":
		return runEval(env, args[1:])
	case "train":
		return runTrain(env, args[1:])
	case "version", "--version", "-version":
		return runVersion(env, args[1:])
	case "help", "-h", "--help", "-help":
		if len(args) > 1 {
			return run(ctx, []string{args[1], "--help"}, stdin, stdout, stderr)
		}
		printUsage(stdout)
		return exitOK
	}
	env.errorf("unknown command %q; run 'cograph help' for the list", args[0])
	return exitUsage
}
