// Command openipu is OpenIPU's window: it finds the Axis cameras on this
// computer's networks and sets them up. With --demo it shows a simulated
// office instead, so every feature can be tried without a camera.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/openipu/openipu/assets"
	"github.com/openipu/openipu/core/backend"
	"github.com/openipu/openipu/core/buildinfo"
	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/gui/i18n"
	"github.com/openipu/openipu/gui/window"
)

// started is as close to the process's start as Go code gets.
var started = time.Now()

func main() {
	simulated := flag.Bool("demo", false, "show simulated cameras instead of searching the real network")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		attachConsole()
		printVersion(os.Stdout)
		return
	}

	a := app.NewWithID("io.github.openipu.openipu")
	a.SetIcon(assets.Icon)
	if err := i18n.LoadTranslations(); err != nil {
		fmt.Fprintln(os.Stderr, "openipu:", err) // the English texts still show
	}
	// The language chosen in the window, applied before any text is built
	// (Fyne cannot change it later); without a choice, the system's.
	if err := i18n.Use(a.Preferences().String(i18n.PreferenceKey)); err != nil {
		fmt.Fprintln(os.Stderr, "openipu:", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// A demo handover survives closing the program, as a real one does,
	// in a folder of its own beside the real ones.
	demoHandovers := ""
	if dir, err := handover.DefaultDir(); err == nil {
		demoHandovers = filepath.Join(filepath.Dir(dir), "demo-handovers")
	}
	if dir := os.Getenv("OPENIPU_DEMO_HANDOVERS"); dir != "" {
		demoHandovers = dir // the smoke tests keep theirs apart
	}
	demoOpts := demo.Options{HandoverDir: demoHandovers}
	// The smoke test wants a busy demo; people get the calm one.
	if pace, err := time.ParseDuration(os.Getenv("OPENIPU_DEMO_PACE")); err == nil && pace > 0 {
		demoOpts.ComeAndGo, demoOpts.AwayFor, demoOpts.Liveness = pace, pace/2, pace
	}
	startDemo := func(ctx context.Context) (*backend.Backend, error) { return demo.NewBackend(ctx, demoOpts) }

	opts := window.Options{OpenURL: a.OpenURL, StartDemo: startDemo, Version: buildinfo.Version(), Restart: restart(a),
		// Windows Defender Firewall asks about the first socket the search
		// opens; the window explains the question first (once; --demo
		// opens none, and the window does not ask then).
		ExplainFirewall: runtime.GOOS == "windows"}
	if *simulated {
		// Nothing of the real network or the user's files is opened: the
		// office keeps its own records.
		b, err := startDemo(ctx)
		if err != nil {
			fmt.Fprintln(os.Stderr, "openipu: the simulated cameras could not start:", err)
			os.Exit(1)
		}
		opts.Backend = b
	} else {
		b := backend.Network(discovery.Options{}, backend.Files{})
		for _, err := range b.Problems {
			fmt.Fprintln(os.Stderr, "openipu:", err)
		}
		opts.Backend = b
	}
	defer opts.Backend.Shutdown()
	if os.Getenv("OPENIPU_STARTUP_TRACE") != "" {
		// Read by `make bench`: launch to first camera on screen.
		opts.OnFirstCamera = func() {
			fmt.Fprintf(os.Stderr, "openipu: first camera on screen %d ms after start\n", time.Since(started).Milliseconds())
		}
	}
	window.NewMainWindow(a, opts).ShowAndRun()
}

// printVersion answers --version, for support and for checking which build
// a download is.
func printVersion(w io.Writer) {
	fmt.Fprintf(w, "OpenIPU %s\n", buildinfo.Text())
}

// restart starts this program again with the same arguments and quits this
// one: how a new language takes effect, since every text is built in the
// language chosen at start. nil where the program cannot find itself.
func restart(a fyne.App) func() error {
	self, err := os.Executable()
	if err != nil {
		return nil
	}
	return func() error {
		cmd := exec.Command(self, os.Args[1:]...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Start(); err != nil {
			return err
		}
		a.Quit()
		return nil
	}
}
