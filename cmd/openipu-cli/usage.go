package main

import (
	"fmt"
	"strings"
)

func usageText() string {
	var b strings.Builder
	b.WriteString(`openipu-cli sets up Axis network cameras: it shows what a camera is, sets its
first password, backs up its settings, resets it to factory settings,
restarts it and sets its IP address.

Usage: openipu-cli COMMAND HOST[:PORT] [options]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-16s %s\n", c.name, c.summary)
	}
	b.WriteString("  help COMMAND     Show the details of one command.\n\n")
	b.WriteString(commonHelp)
	return b.String()
}

const commonHelp = `Options for every command (before or after HOST):
  --json                    Print the result as JSON on standard output; messages go to standard error.
  --https                   Use HTTPS only (same as writing the address as https://HOST).
  --http                    Use plain HTTP, and send passwords over it. Anyone on the network can
                            read what is sent this way: use it only on a network you trust, for a
                            camera that offers no HTTPS.
  --accept-new-certificate  The camera was reset to factory settings without this program
                            watching it come back (with its control button, or after
                            factory-default --no-wait), so its secure certificate is new: accept
                            it, but only if the camera says it has factory settings. On a camera
                            that has a password this changes nothing: a changed certificate is
                            refused, because someone may be imitating the camera.
  --timeout DURATION        Give up on a camera that does not answer within this time (default 10s).
  --journal FILE            Record what was done in FILE instead of the usual journal.

HTTPS is tried first: on the port given, or on 443. A camera's certificate is
remembered the first time and checked every time after; a device showing another
certificate gets no password. Only a camera that offers no HTTPS is reached over
plain HTTP, and then nothing is sent without --http. An address written http://HOST
is tried over HTTPS first too.

Before a password is asked for, the camera that answered is named on standard
error: check its model and MAC address (on its label) before typing.

Passwords are typed when asked (they are not shown), or read from the first line of
standard input when it is not a terminal. They are never accepted on the command line
or from environment variables, where other programs could read them, and they are
never written to any file.

Exit codes: 0 done; 1 the camera refused, failed or did not answer, or Ctrl-C
stopped the work; 2 the command or the typed input was wrong, so nothing was sent.
`
