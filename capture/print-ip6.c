/* IPv6: the fixed header (-v: class, flow label, hop limit, next header, payload length),
 * the walk over the extension headers (hop-by-hop, destination options, routing,
 * fragment, mobility), the Jumbo Payload rules of RFC 2675, and the hand-off to the payload
 * printer.
 *
 * Key decisions, all tcpdump 4.99.3's:
 * - The snapshot end is narrowed to the payload length, so link padding is never decoded.
 *   A zero payload length means "maybe a jumbogram": the walk runs over what was
 *   captured, and only a valid Jumbo Payload hop-by-hop option gives the real length.
 * - "src > dst: " is printed before the first extension header, except when the next
 *   header is TCP/UDP/DCCP/SCTP, whose printers print addresses with the ports.
 * - The pseudo-header of TCP/UDP/ICMPv6 checksums uses the final destination of a routing
 *   header (np_ip6_final_dst), as tcpdump's nextproto6_cksum does. */
#include "capture/netprint.h"

#define IP6_HDRLEN 40
#define NH_HOPOPTS 0
#define NH_TCP 6
#define NH_UDP 17
#define NH_DCCP 33
#define NH_ROUTING 43
#define NH_FRAGMENT 44
#define NH_ICMPV6 58
#define NH_NONE 59
#define NH_DSTOPTS 60
#define NH_MOBILITY_OLD 62
#define NH_SCTP 132
#define NH_MOBILITY 135

/* Bytes [p, p+n) lie before `end` (the start of the checksummed data, which the caller has
 * verified is captured, so everything before it from the IPv6 header on is captured too). */
static int before(const uint8_t *p, size_t n, const uint8_t *end)
{
	return p <= end && n <= (size_t)(end - p);
}

const uint8_t *np_ip6_final_dst(const uint8_t *ip6, const uint8_t *end)
{
	const uint8_t *dst = ip6 + 24;
	const uint8_t *cp = ip6 + IP6_HDRLEN;
	unsigned nh = ip6[6];
	for (;;) {
		switch (nh) {
		case NH_HOPOPTS:
		case NH_DSTOPTS:
		case 62:  /* old Mobility */
		case 135: /* Mobility */
			if (!before(cp, 2, end))
				return dst;
			nh = cp[0];
			cp += (cp[1] + 1u) * 8u;
			break;
		case NH_FRAGMENT:
			if (!before(cp, 1, end))
				return dst;
			nh = cp[0];
			cp += 8;
			break;
		case NH_ROUTING: {
			/* only the first routing header counts */
			if (!before(cp, 4, end))
				return dst;
			unsigned len = cp[1], type = cp[2];
			if (type == 0 || type == 2) {
				if (len % 2)
					return dst;
				const uint8_t *p = cp + 8;
				for (unsigned i = 0; i < len / 2; i++, p += 16) {
					if (!before(p, 16, end))
						return dst;
					dst = p;
				}
			} else if (type == 4) {
				/* SRH: the segments are in reverse order, the final one first */
				if (len % 2 == 0 && before(cp + 8, 16, end))
					dst = cp + 8;
			}
			return dst;
		}
		default:
			return dst;
		}
	}
}

/* tcpdump's "goto trunc" inside the walk: " [|ip6]" and the packet goes on to its dump. */
static void walk_trunc(np_ctx *c)
{
	np_set_proto(c, "ip6");
	np_print_trunc(c);
}

void np_ip6_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_set_proto(c, "ip6");
	/* tcpdump tests this itself ("goto trunc") and returns: the -x dump then skips the
	 * link header, unlike after the truncation exit */
	if (!np_has(c, bp, IP6_HDRLEN)) {
		np_print_trunc(c);
		return;
	}
	if (length < IP6_HDRLEN) {
		np_printf(c, "truncated-ip6 %u", length);
		return;
	}
	if (!c->o.eflag)
		np_puts(c, "IP6 ");
	unsigned version = np_u8(c, bp) >> 4;
	if (version != 6) {
		np_printf(c, "version error: %u != 6", version);
		return;
	}
	uint32_t payload_len = np_be16(c, bp + 4);
	unsigned len; /* 32-bit arithmetic throughout, as tcpdump's u_int */
	if (payload_len != 0) {
		len = payload_len + IP6_HDRLEN;
		if (length < len)
			np_printf(c, "truncated-ip6 - %u bytes missing!", len - length);
	} else {
		len = length + IP6_HDRLEN;
	}
	unsigned nh = np_u8(c, bp + 6);
	if (c->o.vflag) {
		uint32_t flow = np_be32(c, bp);
		np_putc(c, '(');
		if (flow & 0x0ff00000)
			np_printf(c, "class 0x%02x, ", (flow & 0x0ff00000) >> 20);
		if (flow & 0x000fffff)
			np_printf(c, "flowlabel 0x%05x, ", flow & 0x000fffff);
		const char *name = np_ipproto_name(nh);
		np_printf(c, "hlim %u, next-header %s (%u) payload length: %u) ", np_u8(c, bp + 7),
			  name ? name : "unknown", nh, payload_len);
	}
	const uint8_t *saved_end = np_narrow(c, bp, len);

	const uint8_t *cp = bp;
	int advance = IP6_HDRLEN;
	unsigned total_advance = 0;
	int found_ext = 0, found_jumbo = 0, found_hbh = 0, fragmented = 0;
	unsigned prev = 255;
	while (cp < c->snapend && advance > 0) {
		if (len < (unsigned)advance) {
			walk_trunc(c);
			goto done;
		}
		cp += advance;
		len -= (unsigned)advance;
		total_advance += (unsigned)advance;
		if (cp == bp + IP6_HDRLEN && nh != NH_TCP && nh != NH_UDP && nh != NH_DCCP &&
		    nh != NH_SCTP) {
			np_print_ipv6(c, bp + 8);
			np_puts(c, " > ");
			np_print_ipv6(c, bp + 24);
			np_puts(c, ": ");
		}
		switch (nh) {
		case NH_HOPOPTS:
			/* RFC 8200: only once, and right after the IPv6 header */
			if (found_hbh) {
				np_puts(c, "[The Hop-by-Hop Options header was already found]");
				np_print_invalid(c);
				goto done;
			}
			if (prev != 255) {
				np_puts(c, "[The Hop-by-Hop Options header don't follow the IPv6 "
					   "header]");
				np_print_invalid(c);
				goto done;
			}
			advance = np_hbhopt_process(c, cp, &found_jumbo, &payload_len);
			if (payload_len == 0 && !found_jumbo) {
				np_puts(c, "[No valid Jumbo Payload Hop-by-Hop option found]");
				np_print_invalid(c);
				goto done;
			}
			if (advance < 0)
				goto done;
			found_ext = found_hbh = 1;
			nh = np_u8(c, cp);
			break;
		case NH_DSTOPTS:
			advance = np_dstopt_process(c, cp);
			if (advance < 0)
				goto done;
			found_ext = 1;
			nh = np_u8(c, cp);
			break;
		case NH_FRAGMENT:
			advance = np_frag6_print(c, cp, bp);
			if (advance < 0 || c->snapend <= cp + advance)
				goto done;
			found_ext = 1;
			nh = np_u8(c, cp);
			fragmented = 1;
			break;
		case NH_MOBILITY_OLD:
		case NH_MOBILITY:
			/* RFC 6275 says nothing follows a mobility header: the walk ends */
			np_mobility_print(c, cp, bp);
			goto done;
		case NH_ROUTING:
			np_need(c, cp, 1);
			advance = np_rt6_print(c, cp, bp);
			if (advance < 0)
				goto done;
			found_ext = 1;
			nh = np_u8(c, cp);
			break;
		default:
			if (found_jumbo) {
				len = payload_len + IP6_HDRLEN;
				if (len < total_advance) {
					walk_trunc(c);
					goto done;
				}
				if (length < len)
					np_printf(c, "truncated-ip6 - %u bytes missing!", len - length);
				np_narrow(c, bp, len);
				len -= total_advance;
			} else if (payload_len == 0) {
				/* no payload could hold an extension header */
				if (found_ext) {
					walk_trunc(c);
					goto done;
				}
				len = IP6_HDRLEN;
				np_narrow(c, bp, len);
				len -= total_advance;
			}
			if (nh == NH_NONE)
				np_puts(c, "no next header");
			else
				np_ipproto_dispatch(c, nh, cp, len, bp, fragmented);
			goto done;
		}
		prev = nh;
		np_set_proto(c, "ip6");
	}
done:
	np_restore_snapend(c, saved_end);
}

/* IP protocol 143 (RFC 8986 SRv6 "Ethernet" next header): an Ethernet frame, printed as
 * an inner frame (MACs only with -e). */
void np_ip6_ether_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
			int frag)
{
	(void)ip, (void)frag;
	np_ether_print(c, bp, length, np_avail(c, bp));
}
