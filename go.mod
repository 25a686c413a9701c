module github.com/openipu/openipu

go 1.26.0

require (
	fyne.io/fyne/v2 v2.7.1 // indirect
	github.com/icholy/digest v1.2.0 // indirect
	github.com/koron/go-ssdp v0.9.2 // indirect
	golang.org/x/net v0.61.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
)
