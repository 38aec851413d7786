/* NSH, the network service header (RFC 8300): base and service path headers, the context
 * headers of MD types 1 and 2 with -vvv, then the packet it carries.
 *
 * tcpdump 4.99.3 reads NSH with its longjmp-ing accessors: a cut header ends the packet
 * with " [|nsh]" and a dump of the whole packet (np_need()). */
#include "capture/netprint.h"

#define NSH_HDR_WORDS 2 /* base + service path header */

static const np_tok md_types[] = {
	{0x0, "reserved"}, {0x1, "1"}, {0x2, "2"}, {0xf, "experimental"}, {0, NULL},
};
static const np_tok next_protocols[] = {
	{1, "IPv4"}, {2, "IPv6"}, {3, "Ethernet"}, {4, "NSH"}, {5, "MPLS"},
	{0xfe, "Experiment 1"}, {0xff, "Experiment 2"}, {0, NULL},
};

/* The inner packet by the NSH/VXLAN-GPE next-protocol code; 0 when it is not decoded. */
int np_nsh_next_print(np_ctx *c, unsigned next, const uint8_t *bp, unsigned len)
{
	switch (next) {
	case 1:
		np_ip_print(c, bp, len);
		return 1;
	case 2:
		np_ip6_print(c, bp, len);
		return 1;
	case 3:
		np_ether_print(c, bp, len, np_avail(c, bp));
		return 1;
	default:
		return 0;
	}
}

void np_nsh_print(np_ctx *c, const uint8_t *bp, unsigned len)
{
	char buf[32];
	np_set_proto(c, "nsh");
	if (len < 4 * NSH_HDR_WORDS) {
		np_printf(c, " (packet length %u < %u)", len, 4 * NSH_HDR_WORDS);
		np_print_invalid(c);
		return;
	}
	np_need(c, bp, 4);
	uint32_t base = np_be32(c, bp);
	bp += 4;
	unsigned ver = base >> 30, length = (base >> 16) & 0x3f, md = (base >> 8) & 0x0f;
	unsigned next = base & 0xff;
	np_puts(c, "NSH, ");
	if (c->o.vflag > 1)
		np_printf(c, "ver %u, ", ver);
	if (ver != 0)
		return;
	np_printf(c, "flags [%s], ", (base >> 28) & 0x2 ? "O" : "none");
	if (c->o.vflag > 2) {
		np_printf(c, "TTL %u, ", (base >> 22) & 0x3f);
		np_printf(c, "length %u, ", length);
		np_printf(c, "md type %s, ", np_tok_str(md_types, "unknown (0x%02x)", md, buf,
						       sizeof(buf)));
	}
	if (c->o.vflag > 1)
		np_printf(c, "next-protocol %s, ",
			  np_tok_str(next_protocols, "unknown (0x%02x)", next, buf, sizeof(buf)));
	if (len < length * 4) {
		np_printf(c, " (too many headers for packet length %u)", len);
		np_print_invalid(c);
		return;
	}
	np_need(c, bp, 3);
	np_printf(c, "service-path-id 0x%06x, ", np_be24(c, bp));
	np_need(c, bp + 3, 1);
	np_printf(c, "service-index 0x%x", np_u8(c, bp + 3));
	bp += 4;
	if (length < NSH_HDR_WORDS) {
		np_puts(c, " (less than two headers)");
		np_print_invalid(c);
		return;
	}
	int past = 0;
	if (c->o.vflag > 2 && md == 1) {
		if (length != 6) {
			np_puts(c, " (invalid length for the MD type)");
			np_print_invalid(c);
			return;
		}
		for (unsigned n = 0; n < length - 2; n++, bp += 4) {
			np_need(c, bp, 4);
			np_printf(c, "\n        Context[%02u]: 0x%08x", n, np_be32(c, bp));
		}
		past = 1;
	} else if (c->o.vflag > 2 && md == 2) {
		unsigned n = 0;
		while (n < length - 2) {
			np_need(c, bp, 4);
			unsigned cls = np_be16(c, bp), type = np_u8(c, bp + 2);
			unsigned tlen = np_u8(c, bp + 3) & 0x7f, padded = (tlen + 3) & ~3u;
			bp += 4;
			np_printf(c, "\n        TLV Class %u, Type %u, Len %u", cls, type, tlen);
			n++;
			if (length - 2 < n + padded / 4) {
				np_puts(c, " (length too big)");
				np_print_invalid(c);
				return;
			}
			if (tlen) {
				np_puts(c, "\n            Value: ");
				for (unsigned k = 0; k < tlen; k++) {
					np_need(c, bp, 1);
					np_printf(c, k ? ":%02x" : "0x%02x", np_u8(c, bp));
					bp++;
				}
				np_need(c, bp, padded - tlen);
				bp += padded - tlen;
				n += padded / 4;
			}
		}
		past = 1;
	}
	if (!past) {
		np_need(c, bp, (length - 2) * 4);
		bp += (length - 2) * 4;
	}
	np_puts(c, c->o.vflag ? "\n    " : ": ");
	if (!np_nsh_next_print(c, next, bp, len - length * 4))
		np_puts(c, "ERROR: unknown-next-protocol");
}
