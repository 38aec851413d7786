/* VXLAN-GPE (draft-ietf-nvo3-vxlan-gpe): flags, VNI and the next protocol it carries
 * (IPv4, IPv6, Ethernet, NSH, MPLS), on UDP port 4790. */
#include "capture/netprint.h"

#define VXLAN_GPE_HDRLEN 8

/* tcpdump 4.99.3 reads the header with its longjmp-ing accessors: a cut header ends the
 * packet with " [|vxlan_gpe]" and a dump of the whole packet. */
static const np_tok gpe_flags[] = {
	{0x08, "I"}, {0x04, "P"}, {0x02, "B"}, {0x01, "O"}, {0, NULL},
};

void np_vxlan_gpe_print(np_ctx *c, const uint8_t *bp, unsigned len, const uint8_t *ip,
			int frag)
{
	(void)ip, (void)frag;
	np_set_proto(c, "vxlan_gpe");
	np_puts(c, "VXLAN-GPE, ");
	if (len < VXLAN_GPE_HDRLEN) {
		np_printf(c, " (len %u < %u)", len, VXLAN_GPE_HDRLEN);
		np_print_invalid(c);
		return;
	}
	np_need(c, bp, 1);
	unsigned flags = np_u8(c, bp);
	np_puts(c, "flags [");
	np_print_bits(c, gpe_flags, "", flags);
	np_puts(c, "], ");
	np_need(c, bp + 3, 5);
	unsigned next = np_u8(c, bp + 3);
	np_printf(c, "vni %u", np_be24(c, bp + 4));
	np_puts(c, c->o.vflag ? "\n    " : ": ");
	bp += VXLAN_GPE_HDRLEN;
	len -= VXLAN_GPE_HDRLEN;
	if (next == 4)
		np_nsh_print(c, bp, len);
	else if (next == 5 && np_ethertype_dispatch(c, 0x8847, bp, len))
		return;
	else if (!np_nsh_next_print(c, next, bp, len)) {
		np_puts(c, "ERROR: unknown-next-protocol");
		np_print_invalid(c);
	}
}
