package report

import "testing"

func TestPDFTextKeepsNamesAndDefusesWhatTheWriterCannotTake(t *testing.T) {
	for in, want := range map[string]string{
		"Łódź Ångström Müller": "Łódź Ångström Müller",
		"a\x00b\tc\r\nd":       "a b c\nd",
		"bad \xff byte":        "bad \uFFFD byte",
		"smile 🙂":              "smile \uFFFD",
	} {
		if got := pdfText(in); got != want {
			t.Errorf("pdfText(%q) = %q, want %q", in, got, want)
		}
	}
}
