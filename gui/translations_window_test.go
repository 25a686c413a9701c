package gui

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"net/netip"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/openipu/openipu/assets"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/netif"
	"github.com/openipu/openipu/core/usermsg"
)

// The window's English texts live in the code, next to where they are
// shown (lang.X(key, English) and countedText(key, one, other, n)); en.json
// must hold each of them verbatim so translators see every one. The same
// -update flag as the core messages' test merges them in:
//
//	go test ./gui -run Translations -update

// windowTexts reads gui's own source for the texts it shows.
func windowTexts(t *testing.T) map[string]any {
	t.Helper()
	files, err := filepath.Glob("*.go")
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
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
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
			case *ast.Ident:
				if fn.Name == "countedText" {
					if len(strs) < 3 {
						t.Errorf("%s: countedText without literal key and forms", pos)
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
	data, err := assets.Translations.ReadFile("translations/en.json")
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		// Re-read the file on disk: others may have added keys since the
		// binary embedded it.
		if disk, err := os.ReadFile(enJSON); err == nil {
			data = disk
		}
	}
	have := map[string]any{}
	if err := json.Unmarshal(data, &have); err != nil {
		t.Fatalf("en.json: %v", err)
	}
	if *update {
		for k, v := range want {
			have[k] = v
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(have); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(enJSON, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
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
	if t.Failed() {
		t.Log("merge them with: go test ./gui -run Translations -update")
	}
}
