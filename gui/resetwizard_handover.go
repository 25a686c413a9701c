package gui

// showResetWizard is "Guided factory reset…" in the toolbar and the menu:
// about the selected camera, if there is one.
func (w *MainWindow) showResetWizard() {
	cam, _ := w.selectedDevice()
	ShowResetWizard(w, cam)
}
