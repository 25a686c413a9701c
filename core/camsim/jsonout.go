package camsim

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// Real cameras answer each JSON API with its own fixed key order and spacing;
// encoding/json would sort map keys and always print compactly, so the replies
// are built from ordered key/value lists instead.

// jobj is a JSON object whose keys keep their order.
type jobj []jkv

type jkv struct {
	k string
	v any
}

// jsonStyle is the whitespace a given CGI uses.
type jsonStyle int

const (
	// compact: {"a":"b","c":1} (firmwaremanagement.cgi, per VAPIX).
	compact jsonStyle = iota
	// spaced: {"a": "b", "c": 1} on one line (systemready and basicdeviceinfo,
	// recorded).
	spaced
	// indented: two-space pretty printing (network_settings.cgi, recorded).
	indented
)

func encodeJSON(v any, style jsonStyle) []byte {
	var b bytes.Buffer
	writeJSON(&b, v, style == spaced)
	if style != indented {
		return b.Bytes()
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return b.Bytes()
	}
	return out.Bytes()
}

func writeJSON(b *bytes.Buffer, v any, sp bool) {
	sep, colon := ",", ":"
	if sp {
		sep, colon = ", ", ": "
	}
	switch x := v.(type) {
	case jobj:
		writeList(b, '{', '}', sep, x, func(kv jkv) {
			writeString(b, kv.k)
			b.WriteString(colon)
			writeJSON(b, kv.v, sp)
		})
	case []any:
		writeList(b, '[', ']', sep, x, func(e any) { writeJSON(b, e, sp) })
	case []string:
		writeList(b, '[', ']', sep, x, func(e string) { writeString(b, e) })
	case []jobj:
		writeList(b, '[', ']', sep, x, func(e jobj) { writeJSON(b, e, sp) })
	case string:
		writeString(b, x)
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int:
		b.WriteString(strconv.Itoa(x))
	case json.RawMessage:
		var c bytes.Buffer
		if json.Compact(&c, x) == nil {
			b.Write(c.Bytes())
		} else {
			b.WriteString("null")
		}
	case nil:
		b.WriteString("null")
	default:
		enc, err := json.Marshal(x)
		if err != nil {
			b.WriteString("null")
			return
		}
		b.Write(enc)
	}
}

// writeList writes the elements of an object or array between start and
// end, sep between them.
func writeList[T any](b *bytes.Buffer, start, end byte, sep string, elems []T, write func(T)) {
	b.WriteByte(start)
	for i, e := range elems {
		if i > 0 {
			b.WriteString(sep)
		}
		write(e)
	}
	b.WriteByte(end)
}

func writeString(b *bytes.Buffer, s string) {
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if enc.Encode(s) != nil {
		b.WriteString(`""`)
		return
	}
	b.Write(bytes.TrimSuffix(out.Bytes(), []byte("\n")))
}
