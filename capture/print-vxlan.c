/* VXLAN (RFC 7348): the 8-byte header (flags, VNI) and the Ethernet frame it carries.
 *
 * The inner frame starts on a new line, as tcpdump prints it, and is decoded by the
 * Ethernet printer with the length the outer UDP datagram leaves for it. */
#include "capture/netprint.h"

#define VXLAN_HDRLEN 8

void np_vxlan_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		    int frag)
{
	(void)ip, (void)frag;
	np_set_proto(c, "vxlan");
	if (length < VXLAN_HDRLEN) {
		np_print_trunc(c);
		return;
	}
	np_need(c, bp, VXLAN_HDRLEN);
	unsigned flags = np_u8(c, bp);
	unsigned vni = np_be24(c, bp + 4);
	np_printf(c, "VXLAN, flags [%s] (0x%02x), vni %u\n", flags & 0x08 ? "I" : ".", flags,
		  vni);
	const uint8_t *inner = bp + VXLAN_HDRLEN;
	np_ether_print(c, inner, length - VXLAN_HDRLEN, np_avail(c, inner));
}
