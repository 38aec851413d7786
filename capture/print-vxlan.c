/* VXLAN (RFC 7348): the 8-byte header (flags, VNI) and the Ethernet frame it carries.
 *
 * The inner frame starts on a new line, as tcpdump prints it, and is decoded by the
 * Ethernet printer with the length the outer UDP datagram leaves for it.  The fields are
 * printed as they are read, so a header cut by the capture ends where tcpdump's does. */
#include "capture/netprint.h"

#define VXLAN_HDRLEN 8

/* tcpdump 4.99.3 reads the VXLAN header with its longjmp-ing accessors; a packet truncated
 * that way is dumped (-x/-X/-A) whole, link header included.  Clearing the link-header
 * length before leaving gives the same dump. */
void np_vxlan_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		    int frag)
{
	(void)ip, (void)frag;
	np_set_proto(c, "vxlan");
	np_puts(c, "VXLAN");
	if (length < VXLAN_HDRLEN) {
		np_print_invalid(c);
		return;
	}
	np_need(c, bp, 1);
	unsigned flags = np_u8(c, bp);
	/* tcpdump 4.99.3 calls a header without the I (valid VNI) flag invalid */
	np_printf(c, ", flags [%s] (0x%02x), ", flags & 0x08 ? "I" : "invalid", flags);
	np_need(c, bp + 4, 3);
	np_printf(c, "vni %u\n", np_be24(c, bp + 4));
	const uint8_t *inner = bp + VXLAN_HDRLEN;
	/* tcpdump 4.99.3 leaves as VXLAN when the header's last (reserved) byte is missing */
	np_need(c, bp, VXLAN_HDRLEN);
	np_ether_print(c, inner, length - VXLAN_HDRLEN, np_avail(c, inner));
}
