package main

import (
	"os"
	"syscall"
)

// attachConsole lets `OpenIPU.exe --version` print in the Command Prompt or
// PowerShell it was typed in: a program built as a Windows GUI program
// (-H windowsgui, so no console window opens beside the app) has no console
// of its own. Output already going somewhere (a pipe or a file) is left
// alone.
func attachConsole() {
	if _, err := os.Stdout.Stat(); err == nil {
		return
	}
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return
	}
	if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = f, f
	}
}
