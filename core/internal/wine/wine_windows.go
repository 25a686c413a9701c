package wine

import (
	"sync"
	"syscall"
)

// Wine's ntdll.dll exports wine_get_version; Windows' never has.
var running = sync.OnceValue(func() bool {
	return syscall.NewLazyDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
})
