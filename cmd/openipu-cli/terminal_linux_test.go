//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/openipu/openipu/core/camsim"
)

// mainArgsEnv carries the arguments of a run of the whole program in a
// process of its own: TestRunAsProgram calls main() with them.
const mainArgsEnv = "OPENIPU_TEST_MAIN_ARGS"

// TestRunAsProgram is the program itself when the pseudo-terminal tests
// start this test binary as a child; run directly it has nothing to do.
func TestRunAsProgram(t *testing.T) {
	args := os.Getenv(mainArgsEnv)
	if args == "" {
		t.Skip("only run as a child of the pseudo-terminal tests")
	}
	os.Args = append([]string{"openipu-cli"}, strings.Split(args, "\n")...)
	main()
}

// pty is a pseudo-terminal: the program gets the terminal end, the test
// reads what it prints from the other.
type pty struct {
	master, tty *os.File
	mu          sync.Mutex
	out         bytes.Buffer
	seen        chan struct{} // closed when out holds the awaited text
	await       string
}

func openPTY(t *testing.T, await string) *pty {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal on this computer: %v", err)
	}
	var n uint32
	err = fdControl(master, func(fd int) error {
		if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
			return err
		}
		var err error
		n, err = unix.IoctlGetUint32(fd, unix.TIOCGPTN)
		return err
	})
	if err != nil {
		master.Close()
		t.Skipf("cannot unlock a pseudo-terminal: %v", err)
	}
	tty, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		t.Skipf("cannot open the terminal end of a pseudo-terminal: %v", err)
	}
	p := &pty{master: master, tty: tty, seen: make(chan struct{}), await: await}
	go p.read()
	t.Cleanup(func() { tty.Close(); master.Close() })
	return p
}

func (p *pty) read() {
	buf := make([]byte, 4096)
	for {
		n, err := p.master.Read(buf)
		p.mu.Lock()
		had := strings.Contains(p.out.String(), p.await)
		p.out.Write(buf[:n])
		if !had && strings.Contains(p.out.String(), p.await) {
			close(p.seen)
		}
		p.mu.Unlock()
		if err != nil {
			return
		}
	}
}

func (p *pty) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

// echo reports whether the terminal echoes what is typed, read from the
// terminal itself.
func (p *pty) echo(t *testing.T) bool {
	t.Helper()
	var tio *unix.Termios
	err := fdControl(p.tty, func(fd int) error {
		var err error
		tio, err = unix.IoctlGetTermios(fd, unix.TCGETS)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tio.Lflag&unix.ECHO != 0
}

// fdControl runs fn on f's descriptor without putting it in blocking mode,
// as Fd would, so that a pending Read still ends when the file is closed.
func fdControl(f *os.File, fn func(fd int) error) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	if err := rc.Control(func(fd uintptr) { ferr = fn(int(fd)) }); err != nil {
		return err
	}
	return ferr
}

// waitFor polls cond, which no event reports (a terminal's mode), until it
// holds or the deadline passes.
func waitFor(cond func() bool, within time.Duration) bool {
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
	return true
}

func TestEchoIsBackAfterAnySignalAtThePasswordPrompt(t *testing.T) {
	cam := startCamera(t, camsim.Gen12, admin())
	for _, tc := range []struct {
		name string
		sigs []syscall.Signal
		code int // 0: whatever the run ends with
	}{
		{"Ctrl-C", []syscall.Signal{syscall.SIGINT}, exitFailed},
		{"SIGTERM", []syscall.Signal{syscall.SIGTERM}, exitFailed},
		{"SIGHUP", []syscall.Signal{syscall.SIGHUP}, exitFailed},
		{"Ctrl-backslash", []syscall.Signal{syscall.SIGQUIT}, 128 + int(syscall.SIGQUIT)},
		{"Ctrl-C twice", []syscall.Signal{syscall.SIGINT, syscall.SIGINT}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := openPTY(t, "Password for root")
			if !p.echo(t) {
				t.Fatal("a new terminal does not echo")
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestRunAsProgram$")
			dir := t.TempDir()
			cmd.Env = append(os.Environ(),
				mainArgsEnv+"=restart\n"+hostOf(cam)+"\n--user\nroot",
				"HOME="+dir, "XDG_CONFIG_HOME="+dir)
			cmd.Stdin, cmd.Stdout, cmd.Stderr = p.tty, p.tty, p.tty
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			var waitErr error
			exited := make(chan struct{})
			go func() { waitErr = cmd.Wait(); close(exited) }()
			defer func() {
				select {
				case <-exited:
				default:
					_ = cmd.Process.Kill()
					<-exited
				}
			}()

			select {
			case <-p.seen:
			case <-exited:
				t.Fatalf("the program ended (%v) before asking for the password:\n%s", waitErr, p.output())
			case <-time.After(30 * time.Second):
				t.Fatalf("no password prompt:\n%s", p.output())
			}
			// The prompt is printed just before echo is turned off.
			if !waitFor(func() bool { return !p.echo(t) }, 10*time.Second) {
				t.Fatalf("echo is still on at the password prompt:\n%s", p.output())
			}
			for _, s := range tc.sigs {
				if err := cmd.Process.Signal(s); err != nil {
					t.Fatal(err)
				}
			}
			select {
			case <-exited:
			case <-time.After(30 * time.Second):
				t.Fatalf("the program did not end after %v:\n%s", tc.sigs, p.output())
			}
			code := 0
			if ee, ok := waitErr.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if waitErr != nil {
				t.Fatal(waitErr)
			}
			if tc.code != 0 && code != tc.code {
				t.Errorf("exit code %d, want %d", code, tc.code)
			}
			if !p.echo(t) {
				t.Errorf("after %v the terminal no longer echoes what is typed:\n%s", tc.sigs, p.output())
			}
			if strings.Contains(p.output(), "goroutine ") {
				t.Errorf("the program printed its internals:\n%s", p.output())
			}
			if st := cam.Snapshot(); st.FailedLogins != 0 || st.Resets != 0 {
				t.Errorf("the camera was touched: %+v", st)
			}
		})
	}
}
