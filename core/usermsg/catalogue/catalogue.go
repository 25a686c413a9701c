// Package catalogue lists every plain-language message core/ can show a
// user, so that a translation can be checked for completeness and a
// message recorded by its key (a failed step in a handover) can be shown
// again in words.
package catalogue

import (
	"sync"

	"github.com/openipu/openipu/core/addrplan"
	"github.com/openipu/openipu/core/arpping"
	"github.com/openipu/openipu/core/backup"
	"github.com/openipu/openipu/core/camaddr"
	"github.com/openipu/openipu/core/demo"
	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/handover"
	"github.com/openipu/openipu/core/hostaddr"
	"github.com/openipu/openipu/core/journal"
	"github.com/openipu/openipu/core/report"
	"github.com/openipu/openipu/core/tlspin"
	"github.com/openipu/openipu/core/usermsg"
	"github.com/openipu/openipu/core/vapix"
	"github.com/openipu/openipu/core/workflow"
)

// All lists every message. vapix kinds are walked past Canceled until one
// falls back to the Unknown text, so kinds appended later are picked up
// without editing this list.
func All() []usermsg.Message {
	msgs := []usermsg.Message{usermsg.Unexpected, usermsg.TryAgain}
	unknown, _ := usermsg.Explain(&vapix.Error{Kind: vapix.Unknown})
	for k := vapix.Unknown; k < 1000; k++ {
		p, _ := usermsg.Explain(&vapix.Error{Kind: k})
		if k > vapix.Canceled && p.What.Key == unknown.What.Key {
			break
		}
		msgs = append(msgs, p.What, p.Next)
	}
	for _, list := range [][]usermsg.Message{
		discovery.Messages(), arpping.Messages(), backup.Messages(), camaddr.Messages(), journal.Messages(),
		tlspin.Messages(), workflow.Messages(), hostaddr.Messages(), addrplan.Messages(), demo.Messages(),
		handover.Messages(), report.Messages(),
	} {
		msgs = append(msgs, list...)
	}
	return msgs
}

var (
	byKeyOnce sync.Once
	byKey     map[string]usermsg.Message
)

// Lookup is the message with key, in English, and whether there is one.
func Lookup(key string) (usermsg.Message, bool) {
	byKeyOnce.Do(func() {
		byKey = map[string]usermsg.Message{}
		for _, m := range All() {
			if _, dup := byKey[m.Key]; !dup {
				byKey[m.Key] = m
			}
		}
	})
	m, ok := byKey[key]
	return m, ok
}

// Filled gives m the English text its key has in the catalogue when m
// came with none of its own (or its key for text): a failure recorded by
// key alone is shown in words again.
func Filled(m usermsg.Message) usermsg.Message {
	if m.Text != "" && m.Text != m.Key {
		return m
	}
	if known, ok := Lookup(m.Key); ok {
		known.Args = m.Args
		return known
	}
	return m
}
