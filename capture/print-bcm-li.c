/* Broadcom LI (lawful intercept) shim on UDP source port 49152: the 4-byte shim (direction,
 * packet type and subtype, LI identifier) and, with -v, the intercepted Ethernet frame or IP
 * packet below it, as tcpdump 4.99.3 prints them. */
#include "capture/netprint.h"

static const np_tok directions[] = {{1, "unused"}, {2, "egress"}, {3, "ingress"}, {0, NULL}};
static const np_tok pkt_types[] = {
	{4, "undecided"}, {5, "ipv4"}, {6, "ipv6"}, {7, "ethernet"}, {0, NULL},
};
static const np_tok pkt_subtypes[] = {
	{1, "single VLAN tag"}, {2, "double VLAN tag"}, {3, "untagged"}, {0, NULL},
};

static const char *name(const np_tok *t, unsigned v)
{
	const char *s = np_tok_find(t, v);
	return s ? s : "unknown";
}

void np_bcm_li_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	np_set_proto(c, "bcm_li");
	if (length < 4 || !np_has(c, bp, 4)) {
		np_print_trunc(c);
		return;
	}
	uint32_t shim = np_be32(c, bp);
	unsigned type = (shim >> 25) & 0xf;
	np_printf(c, "%sBCM-LI-SHIM: direction %s, pkt-type %s, pkt-subtype %s, li-id %u",
		  c->o.vflag ? "\n    " : "", name(directions, (shim >> 29) & 7), name(pkt_types, type),
		  name(pkt_subtypes, (shim >> 22) & 7), shim & 0x3fffff);
	if (!c->o.vflag)
		return;
	np_puts(c, "\n    ");
	bp += 4;
	length -= 4;
	if (type == 4) {
		np_need(c, bp, 1);
		type = bp[0] >> 4 == 4 ? 5 : bp[0] >> 4 == 6 ? 6 : 0;
		if (!type) {
			np_puts(c, "unknown payload");
			return;
		}
	}
	switch (type) {
	case 7:
		np_ether_print(c, bp, length, np_avail(c, bp));
		break;
	case 5:
		np_ip_print(c, bp, length);
		break;
	case 6:
		np_ip6_print(c, bp, length);
		break;
	default:
		np_print_invalid(c); /* 4.99.3 marks the other packet types invalid */
		break;
	}
}
