// Package wine tells whether a Windows program is running under Wine, so
// that tests can work around what Wine lacks, and only there.
package wine

// Running reports whether this is a Windows program running under Wine. It is
// always false on other systems.
func Running() bool { return running() }
