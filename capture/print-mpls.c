/* MPLS label stacks (RFC 3032) on Ethernet (0x8847/0x8848): one "(label ..." group per
 * entry down to the bottom of stack, then the payload guessed from the bottom label (explicit
 * NULLs) or from the first payload byte (0x45-0x4f IPv4, 0x60-0x6f IPv6), as tcpdump does.
 * OSI payloads (0x81-0x83) are named by tcpdump's ISO printer, which is not written here:
 * they get the default dump. */
#include "capture/netprint.h"

static const char *const label_names[16] = {
	"IPv4 explicit NULL", "router alert", "IPv6 explicit NULL", "implicit NULL", "rsvd",
	"rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd",
};

void np_mpls_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_set_proto(c, "mpls");
	const uint8_t *p = bp;
	unsigned depth = 0;
	uint32_t entry;
	np_puts(c, "MPLS");
	do {
		if (length < 4) {
			np_print_invalid(c);
			np_need(c, p, length);
			return;
		}
		entry = np_be32(c, p);
		unsigned label = entry >> 12;
		np_printf(c, "%s(label %u", depth && c->o.vflag ? "\n\t" : " ", label);
		depth++;
		if (c->o.vflag && label < 16)
			np_printf(c, " (%s)", label_names[label]);
		np_printf(c, ", tc %u", (entry >> 9) & 7);
		if (entry & 0x100)
			np_puts(c, ", [S]");
		np_printf(c, ", ttl %u)", entry & 0xff);
		p += 4;
		length -= 4;
	} while (!(entry & 0x100));

	int version = 0;
	switch (entry >> 12) {
	case 0:
	case 3:
		version = 4;
		break;
	case 2:
		version = 6;
		break;
	default: {
		if (length < 1)
			return;
		unsigned first = np_u8(c, p);
		version = first >= 0x45 && first <= 0x4f ? 4 : first >= 0x60 && first <= 0x6f ? 6 : 0;
		break;
	}
	}
	if (!version) {
		np_default_print(c, p, length);
		return;
	}
	np_puts(c, c->o.vflag ? "\n\t" : " ");
	if (version == 4)
		np_ip_print(c, p, length);
	else
		np_ip6_print(c, p, length);
}
