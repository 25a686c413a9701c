package vapix

import (
	"bytes"
	"context"
	"image/jpeg"
	"mime"
	"net/http"
)

const snapshotPath = "/axis-cgi/jpg/image.cgi"

// DefaultSnapshotLimit bounds a snapshot when the caller gives no limit: a
// 4K JPEG at high quality stays well under it.
const DefaultSnapshotLimit = 16 << 20

// Snapshot takes one still picture from the camera (image.cgi, at the
// camera's default resolution) and checks that it is a JPEG picture before
// handing it over. maxBytes bounds the reply (DefaultSnapshotLimit when 0
// or less).
func (c *Client) Snapshot(ctx context.Context, maxBytes int64) ([]byte, error) {
	const op = "take a picture from the camera"
	if maxBytes <= 0 {
		maxBytes = DefaultSnapshotLimit
	}
	r, err := c.do(ctx, call{op: op, method: http.MethodGet, path: snapshotPath, auth: true, limit: maxBytes})
	if err != nil {
		return nil, err
	}
	if r.status != http.StatusOK {
		return nil, c.statusError(op, r)
	}
	if err := checkJPEG(r.header.Get("Content-Type"), r.body); err != nil {
		return nil, c.located(err, op)
	}
	return r.body, nil
}

// checkJPEG accepts a reply only if it says it is a JPEG and its header
// decodes as one: a camera that answers with an error page, or anything
// answering in its place, must not end up in a handover file as "the
// picture".
func checkJPEG(contentType string, body []byte) error {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil || mt != "image/jpeg" {
		return &Error{Kind: NotAnImage, Op: parseOp, Detail: "the reply is not a JPEG picture"}
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(body))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return &Error{Kind: NotAnImage, Op: parseOp, Detail: "the reply says it is a JPEG picture but is not one"}
	}
	return nil
}
