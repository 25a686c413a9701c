//go:build !windows

package owneronly

import (
	"fmt"
	"os"
)

func restrict(string) error { return nil }

func check(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("%s has mode %v: others may use it", path, perm)
	}
	return nil
}
