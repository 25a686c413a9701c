// Command pecheck checks a Windows program the way a user's Windows will meet
// it, from Linux (`make windows` runs it on every .exe it ships):
//
//	go run ./.ci/pecheck -kind gui|console -version VERSION FILE.exe
//
// It checks:
//   - a 64-bit x86 PE of the right kind: GUI (no console window opens beside
//     the window) or console (the command-line tool);
//   - resources: an icon, a version resource whose strings say VERSION, and
//     an application manifest that declares DPI awareness;
//   - it imports no DLL that Windows does not ship: a MinGW runtime DLL left
//     behind would stop it from starting on the user's computer.
//
// It lives under .ci/ because it is a build check, not part of OpenIPU.
package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode/utf16"
)

// systemDLLs are in System32 on every Windows 10 and 11; Go's runtime,
// GLFW and OpenGL need nothing else.
var systemDLLs = []string{
	"advapi32.dll", "bcrypt.dll", "bcryptprimitives.dll", "comctl32.dll", "comdlg32.dll",
	"crypt32.dll", "dnsapi.dll", "dwmapi.dll", "gdi32.dll", "imm32.dll", "iphlpapi.dll",
	"kernel32.dll", "msvcrt.dll", "ntdll.dll", "ole32.dll", "oleaut32.dll", "opengl32.dll",
	"powrprof.dll", "secur32.dll", "setupapi.dll", "shell32.dll", "shlwapi.dll", "user32.dll",
	"userenv.dll", "uxtheme.dll", "version.dll", "winmm.dll", "ws2_32.dll",
}

// Resource types (winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

func main() {
	kind := flag.String("kind", "", "gui or console")
	version := flag.String("version", "", "the version the version resource must say")
	flag.Parse()
	if flag.NArg() != 1 || (*kind != "gui" && *kind != "console") || *version == "" {
		fmt.Fprintln(os.Stderr, "usage: pecheck -kind gui|console -version VERSION FILE.exe")
		os.Exit(2)
	}
	path := flag.Arg(0)
	dlls, problems, err := check(path, *kind, *version)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pecheck: %s: %v\n", path, err)
		os.Exit(1)
	}
	if len(problems) > 0 {
		fmt.Fprintf(os.Stderr, "pecheck: %s FAILED:\n", path)
		for _, p := range problems {
			fmt.Fprintf(os.Stderr, "  - %s\n", p)
		}
		os.Exit(1)
	}
	fmt.Printf("pecheck: %s is a 64-bit %s program, version %s, with icon and manifest; it imports %s\n",
		path, strings.ToUpper(*kind), *version, strings.Join(dlls, ", "))
}

func check(path, kind, version string) (dlls, problems []string, err error) {
	f, err := pe.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		problems = append(problems, fmt.Sprintf("machine %#x, want x86-64", f.Machine))
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		return nil, nil, errors.New("not a PE32+ (64-bit) program")
	}
	want := map[string]uint16{"gui": pe.IMAGE_SUBSYSTEM_WINDOWS_GUI, "console": pe.IMAGE_SUBSYSTEM_WINDOWS_CUI}[kind]
	if oh.Subsystem != want {
		problems = append(problems, fmt.Sprintf("subsystem %d, want %d (%s)", oh.Subsystem, want, kind))
	}

	// debug/pe's ImportedLibraries is not implemented for PE files; each
	// imported symbol is "function:library".
	syms, err := f.ImportedSymbols()
	if err != nil {
		return nil, nil, fmt.Errorf("reading the imports: %w", err)
	}
	for _, s := range syms {
		_, l, ok := strings.Cut(s, ":")
		l = strings.ToLower(l)
		if !ok || slices.Contains(dlls, l) {
			continue
		}
		dlls = append(dlls, l)
		if !slices.Contains(systemDLLs, l) {
			problems = append(problems, "imports "+l+", which Windows does not ship")
		}
	}
	if len(dlls) == 0 {
		problems = append(problems, "no imports found: not a program this check can read")
	}
	slices.Sort(dlls)

	rsrc := f.Section(".rsrc")
	if rsrc == nil {
		return dlls, append(problems, "no resources at all (.rsrc)"), nil
	}
	data, err := rsrc.Data()
	if err != nil {
		return nil, nil, fmt.Errorf("reading the resources: %w", err)
	}
	res, err := readResources(data, rsrc.VirtualAddress)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the resources: %w", err)
	}
	for _, t := range []struct {
		id   uint32
		name string
	}{{rtIcon, "icon"}, {rtGroupIcon, "icon group"}, {rtVersion, "version"}, {rtManifest, "manifest"}} {
		if len(res[t.id]) == 0 {
			problems = append(problems, "no "+t.name+" resource")
		}
	}
	if v := res[rtVersion]; len(v) > 0 {
		for _, key := range []string{"FileVersion", "ProductVersion"} {
			if !bytes.Contains(v[0], utf16le(key+"\x00")) {
				problems = append(problems, "the version resource has no "+key)
			}
		}
		if !bytes.Contains(v[0], utf16le(version+"\x00")) {
			problems = append(problems, "the version resource does not say "+version)
		}
	}
	if m := res[rtManifest]; len(m) > 0 && !bytes.Contains(m[0], []byte("PerMonitorV2")) {
		problems = append(problems, "the manifest does not declare per-monitor DPI awareness")
	}
	return dlls, problems, nil
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

// readResources walks the three-level resource directory (type, name,
// language) and returns each type's data blocks. rva is where the section
// is loaded: data entries give addresses relative to the image, not the
// section.
func readResources(sec []byte, rva uint32) (map[uint32][][]byte, error) {
	out := map[uint32][][]byte{}
	var walk func(off uint32, depth int, typ uint32) error
	walk = func(off uint32, depth int, typ uint32) error {
		if depth > 3 || int(off)+16 > len(sec) {
			return errors.New("directory out of range")
		}
		named := binary.LittleEndian.Uint16(sec[off+12:])
		ids := binary.LittleEndian.Uint16(sec[off+14:])
		for i := 0; i < int(named)+int(ids); i++ {
			e := int(off) + 16 + 8*i
			if e+8 > len(sec) {
				return errors.New("entry out of range")
			}
			id := binary.LittleEndian.Uint32(sec[e:])
			target := binary.LittleEndian.Uint32(sec[e+4:])
			t := typ
			if depth == 0 {
				t = id
			}
			if target&0x80000000 != 0 {
				if err := walk(target&0x7fffffff, depth+1, t); err != nil {
					return err
				}
				continue
			}
			if int(target)+16 > len(sec) {
				return errors.New("data entry out of range")
			}
			addr := binary.LittleEndian.Uint32(sec[target:])
			size := binary.LittleEndian.Uint32(sec[target+4:])
			if addr < rva || int(addr-rva)+int(size) > len(sec) {
				return errors.New("data out of range")
			}
			out[t] = append(out[t], sec[addr-rva:addr-rva+size])
		}
		return nil
	}
	return out, walk(0, 0, 0)
}
