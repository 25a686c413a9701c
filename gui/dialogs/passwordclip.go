package dialogs

import (
	"crypto/sha256"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// clipboardFor is how long a copied password stays on the clipboard: time
// to paste it into a password manager, not long enough to be pasted
// somewhere by accident an hour later.
const clipboardFor = time.Minute

// passwordClip puts a password on the clipboard and takes it off again
// after clipboardFor, or when the dialog closes, but only if the clipboard
// still holds it: whatever the user copied since is theirs. Only a digest
// of the password is kept to recognise it.
type passwordClip struct {
	mu     sync.Mutex
	digest [sha256.Size]byte
	held   bool
	timer  *time.Timer
	// after is clipboardFor; tests shorten it.
	after time.Duration
}

// put copies pw and arranges for it to be cleared; ui hands the clearing
// to the Fyne goroutine.
func (c *passwordClip) put(pw string, ui func(func())) {
	board := fyne.CurrentApp().Clipboard()
	board.SetContent(pw)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.digest, c.held = sha256.Sum256([]byte(pw)), true
	if c.timer != nil {
		c.timer.Stop()
	}
	after := c.after
	if after <= 0 {
		after = clipboardFor
	}
	c.timer = time.AfterFunc(after, func() { ui(c.clear) })
}

// clear empties the clipboard if it still holds the copied password. Fyne
// goroutine only.
func (c *passwordClip) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	if !c.held {
		return
	}
	c.held = false
	board := fyne.CurrentApp().Clipboard()
	if sha256.Sum256([]byte(board.Content())) == c.digest {
		board.SetContent("")
	}
}
