// Package wine tells whether a Windows program is running under Wine, so
// that tests can work around what Wine lacks, and only there.
package wine

import "testing"

// Running reports whether this is a Windows program running under Wine. It is
// always false on other systems.
func Running() bool { return running() }

// SkipWithoutFileACLs skips t under Wine, which cannot show who may use a
// file: Wine 8 answers SetNamedSecurityInfo with success but keeps no access
// list for a file, and reports one made up from the Unix mode instead.
func SkipWithoutFileACLs(t testing.TB) {
	t.Helper()
	if Running() {
		t.Skip("Wine 8 keeps no access list for a file (it makes one up from the Unix mode), so only Windows can show who may read it")
	}
}
