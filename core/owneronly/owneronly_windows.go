package owneronly

import (
	"fmt"
	"strings"

	"golang.org/x/sys/windows"
)

// wantACEs are the entries Restrict puts in the access list: full access
// (FA) for the user and for SYSTEM (SY).
func wantACEs() (string, error) {
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return "", fmt.Errorf("find the current user: %w", err)
	}
	return "(A;;FA;;;" + u.User.Sid.String() + ")(A;;FA;;;SY)", nil
}

func restrict(path string) error {
	aces, err := wantACEs()
	if err != nil {
		return err
	}
	// P: protected, so that nothing is inherited from the folder.
	sd, err := windows.SecurityDescriptorFromString("D:P" + aces)
	if err != nil {
		return err
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		return err
	}
	if err := windows.SetNamedSecurityInfo(path, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION,
		nil, nil, dacl, nil); err != nil {
		return fmt.Errorf("restrict %s to its owner: %w", path, err)
	}
	return nil
}

func check(path string) error {
	aces, err := wantACEs()
	if err != nil {
		return err
	}
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return err
	}
	// Windows may add the auto-inherited flag (AI) next to P; the entries
	// and the protection are what matter.
	got := sd.String()
	flags, entries, _ := strings.Cut(strings.TrimPrefix(got, "D:"), "(")
	if !strings.HasPrefix(got, "D:") || !strings.Contains(flags, "P") || "("+entries != aces {
		return fmt.Errorf("%s has the access list %s, want D:P%s", path, got, aces)
	}
	return nil
}
