/* MPLS label stacks (RFC 3032) and the packet under them: IPv4 or IPv6 by an explicit-NULL
 * label or by the first payload byte, otherwise a hex dump.  Reached by ethertype
 * (0x8847/0x8848), from GRE and from UDP port 6635 (RFC 7510). */
#include "capture/netprint.h"

static const char *const reserved_labels[] = {
	"IPv4 explicit NULL", "router alert", "IPv6 explicit NULL", "implicit NULL", "rsvd",
	"rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd",
};

enum payload { PT_UNKNOWN, PT_IPV4, PT_IPV6, PT_OSI };

/* tcpdump 4.99.3 reads MPLS with its longjmp-ing accessors: a cut stack ends the packet with
 * " [|mpls]" and a dump of the whole packet. */
void np_mpls_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_set_proto(c, "mpls");
	np_puts(c, "MPLS");
	const uint8_t *p = bp;
	uint32_t entry;
	unsigned depth = 0;
	do {
		if (length < 4) {
			np_print_invalid(c);
			return;
		}
		np_need(c, p, 4);
		entry = np_be32(c, p);
		unsigned label = entry >> 12;
		np_printf(c, "%s(label %u", depth && c->o.vflag ? "\n\t" : " ", label);
		depth++;
		if (c->o.vflag && label < sizeof(reserved_labels) / sizeof(reserved_labels[0]))
			np_printf(c, " (%s)", reserved_labels[label]);
		np_printf(c, ", tc %u", (entry >> 9) & 7);
		if (entry & 0x100)
			np_puts(c, ", [S]");
		np_printf(c, ", ttl %u)", entry & 0xff);
		p += 4;
		length -= 4;
	} while (!(entry & 0x100));

	enum payload pt = PT_UNKNOWN;
	unsigned label = entry >> 12;
	if (label == 0 || label == 3) {
		pt = PT_IPV4;
	} else if (label == 2) {
		pt = PT_IPV6;
	} else {
		/* no protocol field: guess from the first byte, as tcpdump does */
		if (length < 1)
			return;
		np_need(c, p, 1);
		unsigned b = np_u8(c, p);
		if (b >= 0x45 && b <= 0x4f)
			pt = PT_IPV4;
		else if (b >= 0x60 && b <= 0x6f)
			pt = PT_IPV6;
		else if (b >= 0x81 && b <= 0x83)
			pt = PT_OSI;
	}
	if (pt == PT_UNKNOWN || pt == PT_OSI) {
		/* OSI (CLNP, ES-IS, IS-IS) is not decoded: dumped like any unknown payload */
		np_default_print(c, p, length);
		return;
	}
	np_puts(c, c->o.vflag ? "\n\t" : " ");
	if (pt == PT_IPV4)
		np_ip_print(c, p, length);
	else
		np_ip6_print(c, p, length);
}

void np_mpls_udp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		       int frag)
{
	(void)ip, (void)frag;
	np_mpls_print(c, bp, length);
}
