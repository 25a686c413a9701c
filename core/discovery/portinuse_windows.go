package discovery

import (
	"errors"

	"golang.org/x/sys/windows"
)

// portInUse tells a port another socket holds from other reasons a bind
// fails. A socket that holds it with SO_EXCLUSIVEADDRUSE makes Windows
// answer "access denied" rather than "in use".
func portInUse(err error) bool {
	return errors.Is(err, windows.WSAEADDRINUSE) || errors.Is(err, windows.WSAEACCES)
}
