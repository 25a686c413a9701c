package fonts

import (
	"bytes"
	"testing"
)

// TestFontsAreTrueType guards against the files being replaced by
// something the PDF writer cannot embed (an OpenType CFF font, a Git LFS
// pointer).
func TestFontsAreTrueType(t *testing.T) {
	for name, b := range map[string][]byte{"regular": NotoSansRegular, "bold": NotoSansBold} {
		if !bytes.HasPrefix(b, []byte{0, 1, 0, 0}) {
			t.Errorf("%s font does not start with the TrueType version tag", name)
		}
		if len(b) < 100_000 {
			t.Errorf("%s font is only %d bytes", name, len(b))
		}
	}
}
