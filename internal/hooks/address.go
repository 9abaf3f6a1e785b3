package hooks

import (
	"fmt"
	"net"
	"net/netip"

	"github.com/storyline/storyline/internal/fetch"
)

// cgnat is the carrier-grade NAT range (RFC 6598), private in practice.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// nonPublicKind names why ip is not a public unicast address, or "" when
// it is one. It follows fetch's rules; fetch keeps its own check
// unexported, so deliveries, which are POSTs fetch cannot make, repeat it.
func nonPublicKind(ip netip.Addr) string {
	ip = ip.Unmap()
	switch {
	case ip.IsLoopback():
		return "loopback"
	case ip.IsUnspecified(), ip.Is4() && ip.As4()[0] == 0:
		return "unspecified"
	case ip.IsPrivate():
		return "private"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return "link-local"
	case ip.IsMulticast(), ip.IsInterfaceLocalMulticast():
		return "multicast"
	case cgnat.Contains(ip):
		return "shared (CGNAT)"
	case ip == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return "broadcast"
	}
	return ""
}

// checkDialAddress backs the dialer's Control hook: it sees the resolved
// address about to be connected, so a public name resolving to a private
// address is refused too.
func checkDialAddress(address string) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("unexpected dial address %q", address)
	}
	if kind := nonPublicKind(ip); kind != "" {
		return &fetch.BlockedAddressError{IP: ip.Unmap(), Kind: kind}
	}
	return nil
}

// CheckURL refuses a webhook URL that is not http(s), has no host, or
// names a non-public address literal (unless allowPrivate). Names are
// checked again, once resolved, at every delivery.
func CheckURL(raw string, allowPrivate bool) error {
	u, err := parseURL(raw)
	if err != nil {
		return err
	}
	if allowPrivate {
		return nil
	}
	if ip, err := netip.ParseAddr(u.Hostname()); err == nil {
		if kind := nonPublicKind(ip); kind != "" {
			return &fetch.BlockedAddressError{URL: u.Redacted(), IP: ip.Unmap(), Kind: kind}
		}
	}
	if u.Hostname() == "localhost" {
		return &fetch.BlockedAddressError{URL: u.Redacted(), IP: netip.IPv6Loopback(), Kind: "loopback"}
	}
	return nil
}
