package report

import "testing"

func TestTypedPasswordsAreKeptPerCameraUntilForgotten(t *testing.T) {
	var typed Typed
	typed.Remember(Credential{Camera: "Entrance", MAC: "accc8e000001", User: "admin", Password: "first"})
	typed.Remember(Credential{Camera: "Entrance", MAC: "ACCC8E000001", User: "admin", Password: "second"})
	typed.Remember(Credential{Camera: "Car park", MAC: "ACCC8E000002", User: "root", Password: "third"})
	typed.Remember(Credential{Camera: "No password", MAC: "ACCC8E000003", User: "root"})
	got := typed.List()
	if len(got) != 2 || got[0].Camera != "Car park" || got[1].Password != "second" {
		t.Fatalf("kept %+v", got)
	}
	typed.Forget()
	if len(typed.List()) != 0 {
		t.Error("Forget kept passwords")
	}
}
