package backup

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/internal/wine"
	"github.com/openipu/openipu/core/owneronly"

	"github.com/openipu/openipu/core/testdir"

	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
)

// fixedList is a ParamSource with a set reply (and error, as ListParams
// returns the settings it could read along with a CameraRefused error). It stands in for the camera
// only where the test is about the file, not the conversation; the tests in
// camera_test.go take the settings from a simulated camera over a socket.
type fixedList struct {
	raw    []byte
	params []vapix.Param
	err    error
	calls  int
}

func (s *fixedList) ListParams(ctx context.Context, groups ...string) ([]vapix.Param, []byte, error) {
	s.calls++
	return s.params, s.raw, s.err
}

// A reply with CRLF line ends, an error line and no final newline: all of it
// must survive untouched.
var oddReply = []byte("root.Brand.ProdShortName=AXIS M1075-L\r\n# Error: Error -1 getting param in group 'Properties.Image.Resolution'\r\nroot.SNMP.V2c.Community=s3cret\nroot.Network.IPAddress=10.0.0.5")

func oddSource() *fixedList {
	return &fixedList{raw: oddReply, params: []vapix.Param{
		{Name: "root.Brand.ProdShortName", Value: "AXIS M1075-L"},
		{Name: "root.SNMP.V2c.Community", Value: "s3cret"},
		{Name: "root.Network.IPAddress", Value: "10.0.0.5"},
	}}
}

var testID = Identity{MAC: "ACCC8E270AD8", Serial: "ACCC8E270AD8", Model: "AXIS M1075-L", Firmware: "12.9.57", Host: "10.0.0.5"}

func filesIn(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestSaveWritesTheHeaderThenTheReplyByteForByte(t *testing.T) {
	dest := filepath.Join(testdir.New(t), "cam.txt")
	path, err := Save(context.Background(), oddSource(), testID, dest)
	if err != nil {
		t.Fatal(err)
	}
	if path != dest {
		t.Errorf("saved to %q, want %q", path, dest)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(data, oddReply) {
		t.Fatalf("the file does not end with the reply as received:\n%q", data)
	}
	head := string(data[:len(data)-len(oddReply)])
	for _, want := range []string{
		"# OpenIPU settings backup\n", "# MAC: ACCC8E270AD8\n", "# Serial: ACCC8E270AD8\n",
		"# Model: AXIS M1075-L\n", "# Firmware: 12.9.57\n", "# Host: 10.0.0.5\n", endMarker + "\n",
	} {
		if !strings.Contains(head, want) {
			t.Errorf("header lacks %q:\n%s", want, head)
		}
	}
	for _, line := range strings.Split(strings.TrimSuffix(head, "\n"), "\n") {
		if !strings.HasPrefix(line, "#") {
			t.Errorf("header line %q is not a comment", line)
		}
	}
	m := regexp.MustCompile(`(?m)^# Time: (.*)$`).FindStringSubmatch(head)
	if m == nil {
		t.Fatal("no time in the header")
	}
	if ts, err := time.Parse(time.RFC3339, m[1]); err != nil || time.Since(ts) > time.Minute {
		t.Errorf("time %q is not a recent RFC 3339 time (%v)", m[1], err)
	}
}

func TestSavedFileIsReadableOnlyByItsOwner(t *testing.T) {
	wine.SkipWithoutFileACLs(t)
	path, err := Save(context.Background(), oddSource(), testID, filepath.Join(testdir.New(t), "cam.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := owneronly.Check(path); err != nil {
		t.Error(err)
	}
}

func TestSaveInAFolderUsesTheDefaultName(t *testing.T) {
	dir := testdir.New(t)
	path, err := Save(context.Background(), oddSource(), testID, dir)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(path) != dir {
		t.Errorf("saved in %q, want %q", filepath.Dir(path), dir)
	}
	if !regexp.MustCompile(`^openipu-backup-ACCC8E270AD8-\d{8}-\d{6}\.txt$`).MatchString(filepath.Base(path)) {
		t.Errorf("name %q does not follow openipu-backup-<MAC>-<YYYYMMDD-HHMMSS>.txt", filepath.Base(path))
	}
	if names := filesIn(t, dir); len(names) != 1 {
		t.Errorf("folder holds %v, want just the backup (no temporary files left)", names)
	}
}

func TestSaveCreatesAFolderNamedWithATrailingSeparator(t *testing.T) {
	dir := filepath.Join(testdir.New(t), "new", "backups")
	path, err := Save(context.Background(), oddSource(), testID, dir+string(filepath.Separator))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(path) != dir {
		t.Errorf("saved in %q, want %q", filepath.Dir(path), dir)
	}
}

func TestSaveNeverReplacesANamedFileAndAsksTheCameraNothing(t *testing.T) {
	dest := filepath.Join(testdir.New(t), "cam.txt")
	if err := os.WriteFile(dest, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	src := oddSource()
	_, err := Save(context.Background(), src, testID, dest)
	if !errors.Is(err, Exists) {
		t.Fatalf("err = %v, want Exists", err)
	}
	if src.calls != 0 {
		t.Errorf("the camera was asked %d times", src.calls)
	}
	if data, _ := os.ReadFile(dest); string(data) != "precious" {
		t.Errorf("the existing file was changed to %q", data)
	}
	p, _ := usermsg.Explain(err)
	if p.What.Key != "backup.exists" {
		t.Errorf("explained as %q", p.What.Key)
	}
}

func TestSaveInAFolderPicksAFreeNameWhenTwoBackupsShareASecond(t *testing.T) {
	fixed := time.Date(2026, 11, 26, 17, 30, 5, 0, time.Local)
	now = func() time.Time { return fixed }
	defer func() { now = time.Now }()

	dir := testdir.New(t)
	first, err := Save(context.Background(), oddSource(), testID, dir)
	if err != nil {
		t.Fatal(err)
	}
	second, err := Save(context.Background(), oddSource(), testID, dir)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(first) != "openipu-backup-ACCC8E270AD8-20261126-173005.txt" {
		t.Errorf("first = %q", filepath.Base(first))
	}
	if filepath.Base(second) != "openipu-backup-ACCC8E270AD8-20261126-173005-2.txt" {
		t.Errorf("second = %q", filepath.Base(second))
	}
	if names := filesIn(t, dir); len(names) != 2 {
		t.Errorf("folder holds %v", names)
	}
}

func TestSaveStopsWithTheCamerasOwnExplanationWhenListingFails(t *testing.T) {
	dir := testdir.New(t)
	src := &fixedList{err: &vapix.Error{Kind: vapix.WrongPassword, Op: "list the settings", Host: "10.0.0.5", Status: 401}}
	_, err := Save(context.Background(), src, testID, dir)
	if !errors.Is(err, vapix.WrongPassword) {
		t.Fatalf("err = %v, want one wrapping WrongPassword", err)
	}
	if p, _ := usermsg.Explain(err); p.What.Key != "vapix.wrong_password" {
		t.Errorf("explained as %q", p.What.Key)
	}
	if names := filesIn(t, dir); len(names) != 0 {
		t.Errorf("files were left behind: %v", names)
	}
}

func TestSaveRefusesAnEmptySettingsList(t *testing.T) {
	dir := testdir.New(t)
	_, err := Save(context.Background(), &fixedList{raw: []byte("\n")}, testID, dir)
	if !errors.Is(err, Empty) {
		t.Fatalf("err = %v, want Empty", err)
	}
	if names := filesIn(t, dir); len(names) != 0 {
		t.Errorf("files were left behind: %v", names)
	}
}

func TestSaveWhereNoFolderCanBeMadeSaysItCannotWrite(t *testing.T) {
	blocker := filepath.Join(testdir.New(t), "a-file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Save(context.Background(), oddSource(), testID, filepath.Join(blocker, "sub", "cam.txt"))
	if !errors.Is(err, CannotWrite) {
		t.Fatalf("err = %v, want CannotWrite", err)
	}
}

func TestAModelNameCannotForgeAHeaderLine(t *testing.T) {
	id := testID
	id.Model = "AXIS X\n# MAC: 000000000000"
	path, err := Save(context.Background(), oddSource(), id, filepath.Join(testdir.New(t), "cam.txt"))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if n := strings.Count(string(data), "\n# MAC:"); n != 1 {
		t.Errorf("%d MAC lines, want the one real one:\n%s", n, data)
	}
	got, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Identity.MAC != testID.MAC {
		t.Errorf("MAC read back as %q", got.Identity.MAC)
	}
}

func TestReadReturnsWhatSaveWrote(t *testing.T) {
	path, err := Save(context.Background(), oddSource(), testID, filepath.Join(testdir.New(t), "cam.txt"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Identity != testID {
		t.Errorf("identity %+v, want %+v", got.Identity, testID)
	}
	if time.Since(got.Time) > time.Minute || got.Time.After(time.Now().Add(time.Second)) {
		t.Errorf("time %v is not when it was saved", got.Time)
	}
	if !bytes.Equal(got.Raw, oddReply) {
		t.Errorf("raw %q, want %q", got.Raw, oddReply)
	}
	want := map[string]string{"root.Brand.ProdShortName": "AXIS M1075-L", "root.SNMP.V2c.Community": "s3cret", "root.Network.IPAddress": "10.0.0.5"}
	found := 0
	for _, p := range got.Params {
		if v, ok := want[p.Name]; ok {
			found++
			if p.Value != v {
				t.Errorf("%s = %q, want %q", p.Name, p.Value, v)
			}
		}
	}
	if found != len(want) {
		t.Errorf("params %+v lack some of %v", got.Params, want)
	}
}

func TestReadRejectsAFileThatIsNotABackup(t *testing.T) {
	for name, content := range map[string]string{
		"plain params":   "root.Brand.ProdShortName=AXIS M1075-L\n",
		"header unended": firstLine + "\n# MAC: ACCC8E270AD8\n",
		"bad time":       firstLine + "\n# Time: yesterday\n" + endMarker + "\n",
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(testdir.New(t), "x.txt")
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Read(path)
			if !errors.Is(err, NotBackup) {
				t.Fatalf("err = %v, want NotBackup", err)
			}
		})
	}
}

func TestDefaultDirIsInTheUserConfigFolder(t *testing.T) {
	dir, err := os.UserConfigDir()
	if err != nil {
		t.Skip("no user config folder here:", err)
	}
	got, err := DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	if got != filepath.Join(dir, "openipu", "backups") {
		t.Errorf("DefaultDir() = %q", got)
	}
}

func TestSaveKeepsAListingThatHasErrorLinesForSomeGroups(t *testing.T) {
	src := oddSource()
	src.err = &vapix.Error{Kind: vapix.CameraRefused, Op: "read the camera's settings", Detail: "Error -1 getting param in group 'Properties.Image.Resolution'"}
	path, err := Save(context.Background(), src, testID, filepath.Join(testdir.New(t), "cam.txt"))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if !bytes.HasSuffix(data, oddReply) {
		t.Errorf("the reply, error line included, was not kept as received")
	}
}

func TestSaveFailsWhenTheCameraRefusesEverything(t *testing.T) {
	dir := testdir.New(t)
	src := &fixedList{err: &vapix.Error{Kind: vapix.CameraRefused, Op: "read the camera's settings"}}
	if _, err := Save(context.Background(), src, testID, dir); !errors.Is(err, vapix.CameraRefused) {
		t.Fatalf("err = %v, want CameraRefused", err)
	}
	if names := filesIn(t, dir); len(names) != 0 {
		t.Errorf("files were left behind: %v", names)
	}
}
