package workflow

import (
	"context"

	"github.com/openipu/openipu/core/vapix"
)

// CameraSide is what the handover's camera checks ask of a camera's
// client; *vapix.Client satisfies it. It stands apart from Client so that
// clients made for other purposes (test doubles among them) need not
// offer it: a client without it is reported as a camera that does not
// offer the function.
type CameraSide interface {
	Clock(ctx context.Context) (vapix.ClockReading, error)
	SetClock(ctx context.Context, s vapix.ClockSetting) error
	Snapshot(ctx context.Context, maxBytes int64) ([]byte, error)
	SetFriendlyName(ctx context.Context, name string) error
}

var _ CameraSide = (*vapix.Client)(nil)

// side is the camera's client as a CameraSide.
func (c *Camera) side(op string) (CameraSide, error) {
	if s, ok := c.client.(CameraSide); ok {
		return s, nil
	}
	return nil, &vapix.Error{Kind: vapix.Unsupported, Op: op, Host: c.target.Address()}
}

func (c *namedClient) inner(op string) (CameraSide, error) {
	if s, ok := c.Client.(CameraSide); ok {
		return s, nil
	}
	return nil, &vapix.Error{Kind: vapix.Unsupported, Op: op, Host: c.addr}
}

func (c *namedClient) Clock(ctx context.Context) (vapix.ClockReading, error) {
	s, err := c.inner("read the camera's clock")
	if err != nil {
		return vapix.ClockReading{}, err
	}
	r, err := s.Clock(ctx)
	return r, c.name(err)
}

func (c *namedClient) SetClock(ctx context.Context, set vapix.ClockSetting) error {
	s, err := c.inner("set the camera's clock")
	if err != nil {
		return err
	}
	return c.name(s.SetClock(ctx, set))
}

func (c *namedClient) Snapshot(ctx context.Context, maxBytes int64) ([]byte, error) {
	s, err := c.inner("take a picture from the camera")
	if err != nil {
		return nil, err
	}
	b, err := s.Snapshot(ctx, maxBytes)
	return b, c.name(err)
}

func (c *namedClient) SetFriendlyName(ctx context.Context, name string) error {
	s, err := c.inner("name the camera")
	if err != nil {
		return err
	}
	return c.name(s.SetFriendlyName(ctx, name))
}
