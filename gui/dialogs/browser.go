package dialogs

import (
	"net/url"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/openipu/openipu/core/discovery"
)

// OpenInBrowser opens the camera's web page.
func OpenInBrowser(h Host, cam discovery.Device) {
	title := lang.X("dialog.browser.title", "Open in web browser")
	raw := cameraWebURL(h.Backend(), cam)
	u, err := url.Parse(raw)
	if raw == "" || err != nil || u.Host == "" {
		showProblem(h, title,
			lang.X("dialog.browser.no_url", "The web address of {{.Camera}} is not known yet.", map[string]any{"Camera": CameraTitle(cam)}),
			lang.X("dialog.browser.no_url_next", "Search again, or wait until the camera list shows its IP address."))
		return
	}
	if h.OpenURL(u) != nil {
		showProblem(h, title,
			lang.X("dialog.browser.failed", "The web browser could not be opened for {{.URL}}.", map[string]any{"URL": raw}),
			lang.X("dialog.browser.failed_next", "Open a web browser yourself and type that address."))
	}
}

// showProblem is a one-button dialog with a problem and its next step.
func showProblem(h Host, title, what, next string) {
	dialog.ShowInformation(title, what+"\n\n"+next, h.Window())
}
