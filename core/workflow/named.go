package workflow

import (
	"context"
	"time"

	"github.com/openipu/openipu/core/vapix"
)

// namedClient is a camera's client whose failures name the camera by the
// address the user knows (Target.Address), whatever address the client
// dials: the simulated office reaches its cameras on loopback ports, and
// a connector may reach a camera through another port or name.
type namedClient struct {
	Client
	addr string
}

func named(c Client, t Target) Client { return &namedClient{Client: c, addr: t.Address()} }

func (c *namedClient) name(err error) error { return vapix.Named(err, c.addr) }

func (c *namedClient) Identify(ctx context.Context) (vapix.Identity, error) {
	id, err := c.Client.Identify(ctx)
	return id, c.name(err)
}

func (c *namedClient) SystemReady(ctx context.Context) (vapix.SystemReady, error) {
	sr, err := c.Client.SystemReady(ctx)
	return sr, c.name(err)
}

func (c *namedClient) CreateFirstAccount(ctx context.Context, user, password string) (vapix.AccountResult, error) {
	r, err := c.Client.CreateFirstAccount(ctx, user, password)
	return r, c.name(err)
}

func (c *namedClient) VerifyLogin(ctx context.Context) error {
	return c.name(c.Client.VerifyLogin(ctx))
}

func (c *namedClient) FactoryDefault(ctx context.Context, mode vapix.ResetMode) error {
	return c.name(c.Client.FactoryDefault(ctx, mode))
}

func (c *namedClient) Restart(ctx context.Context) error {
	return c.name(c.Client.Restart(ctx))
}

func (c *namedClient) WaitForReboot(ctx context.Context, before vapix.SystemReady, timeout time.Duration, progress func(vapix.RebootProgress)) (vapix.SystemReady, error) {
	sr, err := c.Client.WaitForReboot(ctx, before, timeout, progress)
	return sr, c.name(err)
}

func (c *namedClient) ListParams(ctx context.Context, groups ...string) ([]vapix.Param, []byte, error) {
	ps, raw, err := c.Client.ListParams(ctx, groups...)
	return ps, raw, c.name(err)
}

func (c *namedClient) SetNetwork(ctx context.Context, cfg vapix.NetworkConfig) error {
	return c.name(c.Client.SetNetwork(ctx, cfg))
}
