package gui

import (
	"net/url"

	"fyne.io/fyne/v2/dialog"

	"github.com/openipu/openipu/core/discovery"
	"github.com/openipu/openipu/core/usermsg"
)

var (
	msgBrowserTitle   = dmsg("browser.title", "Open in web browser")
	msgBrowserNoURL   = dmsg("browser.no_url", "The web address of {{.Camera}} is not known yet.")
	msgBrowserNoURLNx = dmsg("browser.no_url_next", "Search again, or wait until the camera list shows its IP address.")
	msgBrowserFailed  = dmsg("browser.failed", "The web browser could not be opened for {{.URL}}.")
	msgBrowserFailedN = dmsg("browser.failed_next", "Open a web browser yourself and type that address.")
)

// OpenInBrowser opens the camera's web page.
func OpenInBrowser(h ActionHost, cam discovery.Device) {
	raw := cameraWebURL(cam)
	u, err := url.Parse(raw)
	if raw == "" || err != nil || u.Host == "" {
		showProblem(h, msgBrowserTitle, usermsg.Problem{
			What: msgBrowserNoURL.With("Camera", cameraTitle(cam)),
			Next: msgBrowserNoURLNx,
		})
		return
	}
	open := h.Deps().OpenURL
	if open == nil || open(u) != nil {
		showProblem(h, msgBrowserTitle, usermsg.Problem{
			What: msgBrowserFailed.With("URL", raw),
			Next: msgBrowserFailedN,
		})
	}
}

// showProblem is a one-button dialog with a problem and its next step.
func showProblem(h ActionHost, title usermsg.Message, p usermsg.Problem) {
	what, next := ProblemText(p)
	dialog.ShowInformation(Text(title), what+"\n\n"+next, h.Window())
}
