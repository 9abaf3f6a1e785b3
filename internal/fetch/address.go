package fetch

import (
	"fmt"
	"net"
	"net/netip"
)

// cgnat is the carrier-grade NAT range (RFC 6598), private in practice.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

var ipv4Broadcast = netip.AddrFrom4([4]byte{255, 255, 255, 255})

// BlockedAddressError reports a connection refused because the address is
// not on the public internet.
type BlockedAddressError struct {
	// URL is the address being fetched when known (after redirects, the
	// redirect's target).
	URL  string
	IP   netip.Addr
	Kind string // "loopback", "private", "link-local", ...
}

func (e *BlockedAddressError) Error() string {
	reason := fmt.Sprintf("%s is a %s address; use --allow-private to allow it", e.IP, e.Kind)
	if e.URL == "" {
		return "refusing to connect: " + reason
	}
	return "refusing to fetch " + e.URL + ": " + reason
}

// nonPublicKind names why ip is not a public unicast address, or "" when it
// is one.
func nonPublicKind(ip netip.Addr) string {
	ip = ip.Unmap()
	switch {
	case ip.IsLoopback():
		return "loopback"
	case ip.IsUnspecified():
		return "unspecified"
	case ip.IsPrivate():
		return "private"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return "link-local"
	case ip.IsMulticast(), ip.IsInterfaceLocalMulticast():
		return "multicast"
	case cgnat.Contains(ip):
		return "shared (CGNAT)"
	case ip.Is4() && ip.As4()[0] == 0:
		return "unspecified"
	case ip == ipv4Broadcast:
		return "broadcast"
	}
	return ""
}

// checkDialAddress backs the net.Dialer Control hook: it runs after name
// resolution, on the very address about to be connected, so neither a
// public name resolving to a private address nor a redirect escapes it.
func (c *Client) checkDialAddress(address string) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("unexpected dial address %q", address)
	}
	if kind := c.addressKind(ip); kind != "" {
		return &BlockedAddressError{IP: ip.Unmap(), Kind: kind}
	}
	return nil
}
