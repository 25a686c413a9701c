package main

import (
	"github.com/openipu/openipu/core/tlspin"
	"github.com/openipu/openipu/core/vapix"
)

// pinStore opens the file of remembered camera certificates, shared with the
// app, so that a certificate first seen by either is checked by both.
func (c *cli) pinStore() (vapix.PinStore, error) {
	path := c.pinsPath
	if path == "" {
		p, err := tlspin.DefaultPath()
		if err != nil {
			return nil, &fileProblem{kind: pinsUnavailable, path: "the certificate list", err: err}
		}
		path = p
	}
	store, err := tlspin.Open(path)
	if err != nil {
		return nil, &fileProblem{kind: pinsUnavailable, path: path, err: err}
	}
	return store, nil
}
