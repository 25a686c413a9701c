// Command openipu-cli sets up Axis cameras from a terminal or a script: it
// shows what a camera is, sets its first password, backs up its settings,
// resets it to factory settings, restarts it and sets its IP address.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	term := stdinTerminal()
	sigs := make(chan os.Signal, len(stopSignals))
	signal.Notify(sigs, stopSignals...)
	go handleSignals(sigs, cancel, term.restore, os.Exit)

	code := run(ctx, os.Args[1:], env{
		stdin:        os.Stdin,
		stdout:       os.Stdout,
		stderr:       os.Stderr,
		isTerminal:   term.isTerminal,
		readPassword: term.readPassword,
	})
	term.restore()
	os.Exit(code)
}
