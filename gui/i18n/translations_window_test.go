package i18n

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"net/netip"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"text/template"

	"github.com/openipu/openipu/assets"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
)

// The window's English texts live in the code, next to where they are
// shown (lang.X(key, English) and i18n.Counted(key, one, other, n)), in
// every package under gui/; en.json must hold each of them verbatim so
// translators see every one. The same -update flag as the core messages'
// test merges them in (and drops dialog.* keys no dialog uses any more):
//
//	go test ./gui/i18n -run Translations -update

// guiRoot is the folder whose packages make up the window.
const guiRoot = ".."

// windowTexts reads the source of every gui package for the texts it shows.
func windowTexts(t *testing.T) map[string]any {
	t.Helper()
	var files []string
	err := filepath.WalkDir(guiRoot, func(path string, e fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case e.IsDir() && e.Name() == "testdata":
			return filepath.SkipDir
		case !e.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go"):
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{}
	add := func(pos token.Position, key string, v any) {
		if prev, ok := want[key]; ok {
			pj, _ := json.Marshal(prev)
			vj, _ := json.Marshal(v)
			if !bytes.Equal(pj, vj) {
				t.Errorf("%s: key %q has two texts: %s and %s", pos, key, pj, vj)
			}
		}
		want[key] = v
	}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var strs []string
			for _, a := range call.Args {
				lit, ok := a.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					break
				}
				s, _ := strconv.Unquote(lit.Value)
				strs = append(strs, s)
			}
			pos := fset.Position(call.Pos())
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				if id, ok := fn.X.(*ast.Ident); ok && id.Name == "lang" && fn.Sel.Name == "X" {
					switch len(strs) {
					case 0:
						return true // a key from a message (Text), checked by core's test
					case 1:
						t.Errorf("%s: lang.X without its English text", pos)
						return true
					}
					add(pos, strs[0], strs[1])
				}
				if id, ok := fn.X.(*ast.Ident); ok && id.Name == "i18n" && (fn.Sel.Name == "Counted" || fn.Sel.Name == "CountedWith") {
					if len(strs) < 3 {
						t.Errorf("%s: i18n.Counted without literal key and forms", pos)
						return true
					}
					add(pos, strs[0], map[string]any{"one": strs[1], "other": strs[2]})
				}
			}
			return true
		})
	}
	for _, m := range shownCoreMessages() {
		add(token.Position{Filename: "core"}, m.Key, m.Text)
	}
	return want
}

// shownCoreMessages are the discovery messages the window shows: every
// diagnosis, and the engine's "nothing heard".
func shownCoreMessages() []usermsg.Message {
	local := []netif.Interface{{Name: "eth0", Up: true, Multicast: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("10.0.4.17/24")}}}
	on, off := netip.MustParseAddr("10.0.4.5"), netip.MustParseAddr("172.16.3.4")
	msgs := []usermsg.Message{discovery.MsgNothingFound, discovery.MsgNothingFoundNext}
	for _, c := range []struct {
		addrs []netip.Addr
		probe discovery.ProbeResult
	}{
		{[]netip.Addr{on}, discovery.ProbeAnswered},
		{[]netip.Addr{on}, discovery.ProbeFailed},
		{[]netip.Addr{on}, discovery.NotProbed},
		{nil, discovery.NotProbed},
		{[]netip.Addr{discovery.FactoryAddress}, discovery.ProbeFailed},
		{[]netip.Addr{netip.MustParseAddr("169.254.3.4")}, discovery.ProbeFailed},
		{[]netip.Addr{off}, discovery.ProbeFailed},
	} {
		d := discovery.Diagnose(c.addrs, local, c.probe)
		msgs = append(msgs, d.What, d.Next)
	}
	return msgs
}

func TestEnglishTranslationsHoldEveryWindowText(t *testing.T) {
	want := windowTexts(t)
	if len(want) < 50 {
		t.Fatalf("found only %d window texts; the source scan is broken", len(want))
	}
	have := readEnglish(t, *update)
	if *update {
		writeEnglish(t, have, want, func(k string) bool {
			_, used := want[k]
			return !used && strings.HasPrefix(k, "dialog.")
		})
		t.Logf("merged %d window texts into %s", len(want), enJSON)
		return
	}
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		wj, _ := json.Marshal(want[k])
		hj, _ := json.Marshal(have[k])
		if _, ok := have[k]; !ok {
			t.Errorf("en.json lacks %q: %s", k, wj)
		} else if !bytes.Equal(wj, hj) {
			t.Errorf("en.json %q = %s, but the window shows %s", k, hj, wj)
		}
	}
	for k := range have {
		if _, used := want[k]; !used && strings.HasPrefix(k, "dialog.") {
			t.Errorf("en.json holds %q, which no dialog uses any more", k)
		}
	}
	if t.Failed() {
		t.Log("merge them with: go test ./gui/i18n -run Translations -update")
	}
}

// The dialogs' texts, under the dialog. prefix so they never collide with
// the window's keys or core/'s, are the bulk of what translators get: a
// scan that finds few of them is broken, and each must be a template that
// parses.
func TestWindowTextsAreTemplatesThatParseAndTheDialogsAreAmongThem(t *testing.T) {
	dialogTexts := 0
	for k, v := range windowTexts(t) {
		if strings.HasPrefix(k, "dialog.") {
			dialogTexts++
		}
		forms := []string{}
		switch v := v.(type) {
		case string:
			forms = append(forms, v)
		case map[string]any:
			for _, f := range v {
				forms = append(forms, f.(string))
			}
		}
		for _, f := range forms {
			if _, err := template.New("").Parse(f); err != nil {
				t.Errorf("%q does not parse: %v", k, err)
			}
		}
	}
	if dialogTexts < 20 {
		t.Errorf("only %d dialog texts found; the source scan is not finding them", dialogTexts)
	}
}

// The file on disk is what -update writes and what translators edit; the
// binary shows what was embedded when it was built.
func TestEmbeddedEnglishTranslationsAreTheFileOnDisk(t *testing.T) {
	data, err := os.ReadFile(enJSON)
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := assets.Translations.ReadFile("translations/en.json")
	if err != nil || !bytes.Equal(embedded, data) {
		t.Fatalf("the embedded en.json differs from the file (%v)", err)
	}
}
