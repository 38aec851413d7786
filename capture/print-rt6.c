/* IPv6 routing header: type 0 (deprecated) and type 2 (Mobile IPv6) with their address
 * lists, type 4 (segment routing, RFC 8754) with its segment list; "RT6 (len=..., ...)".
 *
 * As in tcpdump 4.99.3, the SRH segment list is printed from the header length (len/2
 * addresses), and an odd length is reported as invalid rather than decoded: TLVs are not
 * printed by this version. */
#include "capture/netprint.h"

int np_rt6_print(np_ctx *c, const uint8_t *bp, const uint8_t *ip6)
{
	(void)ip6;
	np_set_proto(c, "rt6");
	np_puts(c, "RT6");
	unsigned len = np_u8(c, bp + 1);
	np_printf(c, " (len=%u", len);
	unsigned type = np_u8(c, bp + 2);
	np_printf(c, ", type=%u", type);
	if (type == 0)
		np_puts(c, " [Deprecated]");
	np_printf(c, ", segleft=%u", np_u8(c, bp + 3));
	const uint8_t *p = bp + 8;
	switch (type) {
	case 0:
	case 2: {
		uint32_t rsv = np_be32(c, bp + 4);
		if (rsv || c->o.vflag)
			np_printf(c, ", rsv=0x%x", rsv);
		break;
	}
	case 4: {
		np_printf(c, ", last-entry=%u", np_u8(c, bp + 4));
		unsigned flags = np_u8(c, bp + 5);
		if (flags || c->o.vflag)
			np_printf(c, ", flags=0x%x", flags);
		np_printf(c, ", tag=%x", np_be16(c, bp + 6));
		break;
	}
	default:
		np_puts(c, " (unknown type)");
		np_print_invalid(c);
		return -1;
	}
	if (len % 2 == 1) {
		np_printf(c, " (invalid length %u)", len);
		np_print_invalid(c);
		return -1;
	}
	for (unsigned i = 0; i < len / 2; i++, p += 16) {
		np_need(c, p, 16);
		np_printf(c, ", [%u]", i);
		np_print_ipv6(c, p);
	}
	np_puts(c, ") ");
	return (int)((len + 1) * 8);
}
