package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/sharedtest"
)

// TestEvalClaimsAndQuotes scores claims and quotes on the PolNeAR
// development split; the floors sit under the measured scores (claims
// 0.393 / 0.902 / 0.957, quotes 0.983 / 0.936). A whole split also
// guards against a document the analysis cannot finish.
func TestEvalClaimsAndQuotes(t *testing.T) {
	dev := sharedtest.Path(t, "data", "quotes", "polnear", "data", "dev")
	out, errOut, code := runCLI(t, "eval", "claims", dev, "--format", "json")
	if code != 0 {
		t.Fatalf("eval claims: exit %d: %s", code, errOut)
	}
	var claims struct{ Indirect, Named, FoundShare, ClaimantShare, Precision float64 }
	if err := json.Unmarshal([]byte(out), &claims); err != nil {
		t.Fatal(err)
	}
	if claims.Indirect < 1000 || claims.Named < 300 || claims.FoundShare < 0.37 || claims.ClaimantShare < 0.88 || claims.Precision < 0.94 {
		t.Errorf("claims %+v: want ≥ 1000 attributions, ≥ 300 named, covered ≥ 0.37, right claimant ≥ 0.88, precision ≥ 0.94", claims)
	}
	out, errOut, code = runCLI(t, "eval", "quotes", dev, "--format", "json")
	if code != 0 {
		t.Fatalf("eval quotes: exit %d: %s", code, errOut)
	}
	var quotes struct{ Direct, FoundShare, SpeakerShare float64 }
	if err := json.Unmarshal([]byte(out), &quotes); err != nil {
		t.Fatal(err)
	}
	if quotes.Direct < 300 || quotes.FoundShare < 0.97 || quotes.SpeakerShare < 0.92 {
		t.Errorf("quotes %+v: want ≥ 300 direct, found ≥ 0.97, right speaker ≥ 0.92", quotes)
	}
	if _, errOut, code := runCLI(t, "eval", "claims", "/nonexistent/polnear"); code == 0 || !strings.Contains(errOut, "/nonexistent/polnear") {
		t.Errorf("missing folder: exit %d (%s), want an error naming it", code, errOut)
	}
}
