//go:build !windows

package main

// attachConsole is needed only on Windows, where the window is built as a
// GUI program without a console.
func attachConsole() {}
