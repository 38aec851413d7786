/* UDP: ports, length checks, checksum (-vv for IPv4, -v for IPv6), and the hand-off to
 * payload printers by port (np_udp_port_table).
 *
 * The UDP length field bounds the payload handed on; a datagram without a payload printer
 * prints "UDP, length N". */
#include "capture/netprint.h"

#define UDP_HDRLEN 8

static void addrs_only(np_ctx *c, const uint8_t *ip)
{
	int v6 = (np_u8(c, ip) >> 4) == 6;
	unsigned next = np_u8(c, ip + (v6 ? 6 : 9));
	if (next != 17)
		return;
	np_print_ip_addr(c, ip, 0);
	np_puts(c, " > ");
	np_print_ip_addr(c, ip, 1);
	np_puts(c, ": ");
}

/* The first entry matching wins, in table order (tcpdump's if/else chain); an entry with
 * NP_PORT_DST only matches the destination port, one with NP_PORT_SRC only the source. */
static np_ipproto_fn payload_printer(unsigned sport, unsigned dport)
{
	for (const np_port_entry *e = np_udp_port_table; e->fn; e++) {
		if (e->port == dport && !(e->flags & NP_PORT_SRC))
			return e->fn;
		if (e->port == sport && !(e->flags & NP_PORT_DST))
			return e->fn;
	}
	return NULL;
}

void np_udp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	np_set_proto(c, "udp");
	int v6 = (np_u8(c, ip) >> 4) == 6;
	if (!np_has(c, bp, 4)) {
		addrs_only(c, ip);
		np_print_trunc(c);
		return;
	}
	unsigned sport = np_be16(c, bp), dport = np_be16(c, bp + 2);
	if (length < UDP_HDRLEN) {
		np_ip_addrs_print(c, ip, sport, dport, 0);
		np_printf(c, "truncated-udp %u", length);
		return;
	}
	if (!np_has(c, bp + 4, 2)) {
		np_ip_addrs_print(c, ip, sport, dport, 0);
		np_print_trunc(c);
		return;
	}
	unsigned ulen = np_be16(c, bp + 4);
	/* IPv6 jumbograms (RFC 2675) carry 0 here */
	if (ulen == 0 && length > 65535)
		ulen = length;
	if (ulen < UDP_HDRLEN) {
		np_ip_addrs_print(c, ip, sport, dport, 0);
		np_printf(c, "truncated-udplength %u", ulen);
		return;
	}
	ulen -= UDP_HDRLEN;
	length -= UDP_HDRLEN;
	if (ulen < length)
		length = ulen;
	const uint8_t *cp = bp + UDP_HDRLEN;
	if (cp > c->snapend) {
		np_ip_addrs_print(c, ip, sport, dport, 0);
		np_print_trunc(c);
		return;
	}
	np_ip_addrs_print(c, ip, sport, dport, 0);
	/* Sun RPC on the NFS port goes first, before the checksum (tcpdump's order) */
	if (!c->o.qflag && np_nfs_udp_print(c, cp, length, ip, sport, dport))
		return;
	if (c->o.vflag && !frag) {
		int check = v6 || c->o.vflag > 1;
		unsigned udp_sum = np_be16(c, bp + 6);
		if (!v6 && check && udp_sum == 0) {
			np_puts(c, "[no cksum] ");
		} else if (check && np_has(c, cp, length)) {
			unsigned n = length + UDP_HDRLEN;
			uint16_t sum = v6 ? np_ip6_pseudo_cksum(ip, bp, n, 17)
					  : np_ip_pseudo_cksum(c, ip, bp, n, 17);
			if (sum != 0) {
				np_printf(c, "[bad udp cksum 0x%04x -> 0x%04x!] ", udp_sum,
					  np_cksum_shouldbe(udp_sum, sum));
			} else {
				np_puts(c, "[udp sum ok] ");
			}
		}
	}
	np_ipproto_fn fn = c->o.qflag ? NULL : payload_printer(sport, dport);
	if (fn) {
		fn(c, cp, length, ip, frag);
		return;
	}
	if (ulen > length && !frag)
		np_printf(c, "UDP, bad length %u > %u", ulen, length);
	else
		np_printf(c, "UDP, length %u", ulen);
}
