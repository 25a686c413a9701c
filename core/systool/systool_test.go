//go:build !windows

package systool

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestRunKeepsWhatAFailingToolPrintedAndItsExitStatus(t *testing.T) {
	out, err := Run(context.Background(), 10*time.Second, "sh", "-c", "echo 'RTNETLINK answers: Operation not permitted' >&2; exit 2")
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("err %v, want exit status 2", err)
	}
	if !strings.Contains(string(out), "Operation not permitted") {
		t.Fatalf("output %q lost what the tool said", out)
	}
}

func TestRunStopsAToolThatHangsAtItsTimeout(t *testing.T) {
	start := time.Now()
	_, err := Run(context.Background(), 100*time.Millisecond, "sleep", "30")
	if err == nil {
		t.Fatal("a hanging tool was reported as done")
	}
	if time.Since(start) > 20*time.Second {
		t.Fatalf("Run waited %v for a tool it should have stopped", time.Since(start))
	}
}

func TestRunOfAMissingToolSaysItIsNotFound(t *testing.T) {
	if _, err := Run(context.Background(), time.Second, "openipu-no-such-tool"); !errors.Is(err, exec.ErrNotFound) {
		t.Fatalf("err %v, want exec.ErrNotFound", err)
	}
}
