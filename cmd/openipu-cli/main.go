// Command openipu-cli sets up Axis cameras from a terminal or a script: it
// shows what a camera is, sets its first password, backs up its settings,
// resets it to factory settings, restarts it and sets its IP address.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first Ctrl-C has canceled the work, a second one should end
	// the program at once, as it normally would.
	go func() { <-ctx.Done(); stop() }()

	term := stdinTerminal()
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
