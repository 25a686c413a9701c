package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// shownBy are the calls whose string arguments a user reads: a text put
// there as a literal would never be translated. (A vet check of our own:
// the window's words must go through lang.X or i18n.)
var shownBy = map[string]bool{
	"NewLabel": true, "NewLabelWithStyle": true, "NewButton": true, "NewButtonWithIcon": true,
	"NewCheck": true, "SetText": true, "SetPlaceHolder": true, "NewCard": true, "SetTitle": true,
	"NewMenuItem": true, "NewMenu": true, "ShowInformation": true, "ShowConfirm": true,
	"NewCustomConfirm": true, "NewCustom": true, "NewCustomWithoutButtons": true, "NewWindow": true,
	"NewHyperlink": true, "NewRichTextWithText": true, "NewRichTextFromMarkdown": true, "Wrapped": true,
	"Note": true, "SetSubTitle": true, "NewEscButton": true, "NewTextGridFromString": true,
}

// untranslated are literals that are the same in every language: names
// and units no one translates.
var untranslated = map[string]bool{
	"A4": true, "Letter": true, "CSV": true, "PDF": true, "OpenIPU": true,
}

func TestNoTextTheUserReadsBypassesTranslation(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(guiRoot, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") ||
			strings.Contains(path, string(filepath.Separator)+"internal"+string(filepath.Separator)) {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name := ""
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			case *ast.Ident:
				name = fn.Name
			}
			if !shownBy[name] {
				return true
			}
			for _, a := range call.Args {
				lit, ok := a.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				s, _ := strconv.Unquote(lit.Value)
				if untranslated[s] || letters(s) < 2 {
					continue // a name, a unit, or "X" to measure a line
				}
				t.Errorf("%s: %s(%q) shows a text that is not translated; use lang.X(key, text)", fset.Position(lit.Pos()), name, s)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
