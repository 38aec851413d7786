/* IPsec Authentication Header (RFC 4302), for IPv4 and IPv6: "AH(spi=...,seq=...,icv=...): "
 * (-v adds the length), then the protected payload is decoded by its next header, as
 * tcpdump's ip_demux_print does. */
#include "capture/netprint.h"

#define AH_FIXED 12

void np_ah_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	np_set_proto(c, "ah");
	if (!np_has(c, bp, 1)) {
		np_print_trunc(c);
		return;
	}
	unsigned nh = bp[0];
	np_puts(c, "AH");
	unsigned ah_len = np_u8(c, bp + 1);
	unsigned hdr_len = (ah_len + 2) * 4;
	np_putc(c, '(');
	if (c->o.vflag)
		np_printf(c, "length=%u(%u-bytes),", ah_len, hdr_len);
	unsigned reserved = np_be16(c, bp + 2);
	if (reserved)
		np_printf(c, "reserved=0x%x[MustBeZero],", reserved);
	np_printf(c, "spi=0x%08x,", np_be32(c, bp + 4));
	np_printf(c, "seq=0x%x,", np_be32(c, bp + 8));
	np_puts(c, "icv=0x");
	for (unsigned i = AH_FIXED; i < hdr_len; i++)
		np_printf(c, "%02x", np_u8(c, bp + i));
	np_puts(c, "): ");
	if (nh == 59) {
		np_puts(c, "no next header");
		return;
	}
	np_ipproto_dispatch(c, nh, bp + hdr_len, length - hdr_len, ip, frag);
}
