// Package fonts holds the TrueType fonts that are embedded in the PDF
// documents OpenIPU writes. It is apart from package assets so that core/
// packages can use it without importing Fyne.
package fonts

import _ "embed"

// NotoSansRegular and NotoSansBold are Noto Sans (SIL Open Font License
// 1.1, see OFL.txt): it covers Latin, Greek and Cyrillic, so names such
// as Łódź, Ångström or Müller print as written.
var (
	//go:embed NotoSans-Regular.ttf
	NotoSansRegular []byte

	//go:embed NotoSans-Bold.ttf
	NotoSansBold []byte
)
