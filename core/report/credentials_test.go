package report

import (
	"bytes"
	"context"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/openipu/openipu/core/handover"
)

var sampleCreds = []Credential{
	{Camera: "Entrance, \"main\" door", Address: "10.0.20.11", MAC: "ACCC8E0A0001", User: "root", Password: samplePass},
	{Camera: "Car park – Łódź wing", Address: "10.0.20.12", MAC: "ACCC8E0A0002", User: "root", Password: "=Kx7#mq+Tz9@w"},
}

func TestCredentialsSheetWarnsFirstAndShowsEveryPasswordExactly(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCredentialsPDF(context.Background(), &b, sampleSite, sampleCreds, Options{Now: sampleNow, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	text := flat(extractText(t, b.Bytes()))
	warn := strings.Index(text, "Keep this sheet safe")
	if warn < 0 {
		t.Fatal("no warning")
	}
	for _, c := range sampleCreds {
		i := strings.Index(text, c.Password)
		if i < 0 {
			t.Errorf("password of %s missing", c.MAC)
		} else if i < warn {
			t.Errorf("password of %s comes before the warning", c.MAC)
		}
		if !strings.Contains(text, c.Address) || !strings.Contains(text, c.MAC) {
			t.Errorf("address or MAC of %s missing", c.MAC)
		}
	}
	if !strings.Contains(text, "not part of the handover report") || !strings.Contains(text, "Łódź") {
		t.Error("sheet lacks its warning's point or the non-ASCII name")
	}
	if info := pdfInfo(t, b.Bytes()); info["Title"] != "Camera passwords" {
		t.Errorf("title %q", info["Title"])
	}
}

func TestCredentialsCSVRoundTripsAndEscapesFormulaPasswords(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCredentialsCSV(context.Background(), &b, sampleSite, sampleCreds, Options{}); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, b.Bytes())
	if len(recs) != 3 || len(recs[0]) != 6 {
		t.Fatalf("%d rows of %d", len(recs), len(recs[0]))
	}
	if recs[1][1] != sampleCreds[0].Camera || recs[1][5] != samplePass {
		t.Errorf("row 1 = %q", recs[1])
	}
	if recs[2][5] != "'"+sampleCreds[1].Password {
		t.Errorf("a password starting with = came out as %q", recs[2][5])
	}
}

func TestCredentialsStopWhenCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := WriteCredentialsPDF(ctx, &bytes.Buffer{}, "x", sampleCreds, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("PDF: %v", err)
	}
	if err := WriteCredentialsCSV(ctx, &bytes.Buffer{}, "x", sampleCreds, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("CSV: %v", err)
	}
}

// TestReportInputsHaveNoPasswordField walks every type the report
// functions take (WritePDF, WriteCSV, WriteDeviceListCSV) and proves none
// has a field that could carry a password: no field named like one, and
// no field of a kind that holds arbitrary data (interfaces, byte slices,
// maps of strings to strings) — except the translation function, which
// returns text to print, and the map of checklist ticks, whose values are
// walked too.
func TestReportInputsHaveNoPasswordField(t *testing.T) {
	allowedFunc := reflect.TypeOf(Options{}.Translate)
	seen := map[reflect.Type]bool{}
	var check func(tp reflect.Type, path string)
	check = func(tp reflect.Type, path string) {
		if seen[tp] {
			return
		}
		seen[tp] = true
		switch tp.Kind() {
		case reflect.Struct:
			if tp == reflect.TypeOf(time.Time{}) || tp == reflect.TypeOf(time.Location{}) {
				return
			}
			for i := 0; i < tp.NumField(); i++ {
				f := tp.Field(i)
				name := tp.Name() + "." + f.Name
				low := strings.ToLower(f.Name)
				// DeviceRow.PasswordState says whether one is set, in the
				// list's words; its values are the window's, not a secret.
				if (strings.Contains(low, "pass") || strings.Contains(low, "pwd") || strings.Contains(low, "secret")) &&
					name != "DeviceRow.PasswordState" {
					t.Errorf("field %s looks like it is meant for a password", name)
				}
				check(f.Type, name)
			}
		case reflect.Slice, reflect.Array, reflect.Pointer:
			if tp.Elem().Kind() == reflect.Uint8 {
				t.Errorf("%s is raw bytes, which can hold anything", path)
			}
			check(tp.Elem(), path+"[]")
		case reflect.Map:
			if tp.Key() != reflect.TypeOf(handover.Step("")) {
				t.Errorf("%s is a map keyed by %s, a bag of anything", path, tp.Key())
			}
			check(tp.Elem(), path+"[]")
		case reflect.Func:
			if tp != allowedFunc {
				t.Errorf("%s is a function", path)
			}
		case reflect.Interface:
			t.Errorf("%s is an interface, which can hold anything", path)
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int64, reflect.Float64:
		default:
			t.Errorf("%s has kind %s", path, tp.Kind())
		}
	}
	for _, fn := range []any{WritePDF, WriteCSV, WriteDeviceListCSV} {
		ft := reflect.TypeOf(fn)
		for i := 1; i < ft.NumIn(); i++ { // after the context
			in := ft.In(i)
			if in == reflect.TypeOf((*io.Writer)(nil)).Elem() {
				continue // the writer the document goes to
			}
			check(in, in.Name())
		}
	}
	if !seen[reflect.TypeOf(handover.Tick{})] || !seen[reflect.TypeOf(DeviceRow{})] {
		t.Error("the walk did not reach the session's ticks or the device rows")
	}
}
