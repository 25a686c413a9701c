package gui

import "github.com/openipu/openipu/core/usermsg"

// dialogMessages collects every sentence the action dialogs can show, so a
// test can check that en.json holds each one verbatim and translators see
// them all. Messages are declared next to the dialog that shows them,
// through dmsg.
var dialogMessages []usermsg.Message

// dmsg declares a dialog message. Keys start with "dialog." so they never
// collide with the window's own keys or with core/'s.
func dmsg(key, text string) usermsg.Message {
	m := usermsg.Message{Key: "dialog." + key, Text: text}
	dialogMessages = append(dialogMessages, m)
	return m
}

// tr renders m in the user's language with template arguments given as
// name/value pairs: dtext(msgCameraAt, "Host", "10.0.0.5").
func dtext(m usermsg.Message, nameValues ...any) string {
	for i := 0; i+1 < len(nameValues); i += 2 {
		if name, ok := nameValues[i].(string); ok {
			m = m.With(name, nameValues[i+1])
		}
	}
	return Text(m)
}
