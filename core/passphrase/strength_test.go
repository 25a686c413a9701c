package passphrase

import "testing"

func TestEstimateRanksKnownPasswords(t *testing.T) {
	cases := []struct {
		pw   string
		want Level
	}{
		{"", VeryWeak},
		{"pass", VeryWeak},
		{"123456", VeryWeak},
		{"password1", VeryWeak},
		{"P@ssw0rd", VeryWeak},
		{"root1234", VeryWeak},
		{"aaaaaaaaaaaa", VeryWeak},
		{"abcdefghijkl", VeryWeak},
		{"x7#Kq", Weak},
		{"mountain7", Fair},
		{"Tr0ub4dor&3x", Strong},
		{"k9#Tm2$vLq8!wZ4p", VeryStrong},
	}
	for _, c := range cases {
		if got := Estimate(c.pw); got.Level != c.want {
			t.Errorf("Estimate(%q) = %v (%.0f bits, reasons %v), want %v", c.pw, got.Level, got.Bits, got.Reasons, c.want)
		}
	}
}

func TestEstimateCapsShortPasswordsAtWeakAndSaysWhy(t *testing.T) {
	s := Estimate("Zq#8w!")
	if s.Level > Weak {
		t.Errorf("a 6-character password rated %v", s.Level)
	}
	if !s.Has(Short) {
		t.Errorf("reasons %v lack Short", s.Reasons)
	}
}

func TestEstimateNamesCommonWordsPatternsAndOneKind(t *testing.T) {
	if s := Estimate("Admin2024x"); !s.Has(Common) {
		t.Errorf("Admin2024x: reasons %v lack Common", s.Reasons)
	}
	if s := Estimate("xq9abcdefz"); !s.Has(Patterns) {
		t.Errorf("xq9abcdefz: reasons %v lack Patterns", s.Reasons)
	}
	if s := Estimate("8274619305"); !s.Has(OneKind) {
		t.Errorf("digits only: reasons %v lack OneKind", s.Reasons)
	}
	if s := Estimate("k9#Tm2$vLq8!wZ4p"); len(s.Reasons) != 0 {
		t.Errorf("a random password got reasons %v", s.Reasons)
	}
}

func TestEveryGeneratedPasswordIsVeryStrong(t *testing.T) {
	// Enough draws that a common word spelled by chance turns up (about one
	// in a hundred at the shortest length).
	for range 5000 {
		pw, err := Generate(MinGenerateLen)
		if err != nil {
			t.Fatal(err)
		}
		if s := Estimate(pw); s.Level != VeryStrong || len(s.Reasons) != 0 {
			t.Fatalf("a generated password rated %v (%.0f bits, %v)", s.Level, s.Bits, s.Reasons)
		}
	}
}

func TestLongerRandomTextNeverScoresLower(t *testing.T) {
	pw, err := Generate(MaxGenerateLen)
	if err != nil {
		t.Fatal(err)
	}
	prev := -1.0
	for n := 1; n <= len(pw); n++ {
		b := Estimate(pw[:n]).Bits
		if b < prev {
			t.Fatalf("adding character %d lowered the estimate from %.1f to %.1f", n, prev, b)
		}
		prev = b
	}
}

func TestLevelNames(t *testing.T) {
	if VeryStrong.String() != "very strong" || Level(9).String() != "unknown" {
		t.Errorf("level names: %q, %q", VeryStrong, Level(9))
	}
}

func TestAPasswordWithAFindingIsNeverRatedAboveWhatTheFindingAllows(t *testing.T) {
	cases := []struct {
		pw      string
		reason  Reason
		ceiling Level
	}{
		{"Password-Harbor-Lantern-92!", Common, Fair},
		{"Correct-Horse-Battery-Admin-7", Common, Fair},
		{"qwertyuiopasdfghjklzxcvbnm#42", Common, Fair},
		{"Zx9#Kq2$Lm8!abcdefWp4&Tn6*", Patterns, Strong},
		{"kqzmwbxtrplhdgn", OneKind, Fair},
		{"Z#8w!q", Short, Weak},
	}
	for _, c := range cases {
		s := Estimate(c.pw)
		if !s.Has(c.reason) {
			t.Errorf("%q: reasons %v lack %v", c.pw, s.Reasons, c.reason)
		}
		if s.Level > c.ceiling {
			t.Errorf("%q rated %v although %v allows at most %v", c.pw, s.Level, c.reason, c.ceiling)
		}
	}
}
