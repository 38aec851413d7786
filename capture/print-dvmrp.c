/* DVMRP (RFC 1075, draft-ietf-idmr-dvmrp-v3) inside IGMP: probes, route reports, neighbor
 * lists, prunes and grafts.
 *
 * tcpdump 4.99.3 reads DVMRP with its longjmp-ing accessors: a cut message ends the packet
 * with " [|dvmrp]" and a dump of the whole packet (np_need()). */
#include "capture/netprint.h"

static const np_tok type_names[] = {
	{1, "Probe"}, {2, "Report"}, {3, "Ask-neighbors(old)"}, {4, "Neighbors(old)"},
	{5, "Ask-neighbors2"}, {6, "Neighbors2"}, {7, "Prune"}, {8, "Graft"}, {9, "Graft-ACK"},
	{0, NULL},
};

static const char *addr(np_ctx *c, const uint8_t *p, char *buf)
{
	np_need(c, p, 4);
	return np_ipv4_str(c, p, buf);
}

static void dotted(np_ctx *c, uint32_t a)
{
	np_printf(c, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

static int report_print(np_ctx *c, const uint8_t *bp, unsigned len)
{
	while (len > 0) {
		if (len < 3) {
			np_printf(c, " [length %u < 3]", len);
			return 0;
		}
		uint32_t mask = 0xffu << 24 | np_u8(c, bp) << 16 | np_u8(c, bp + 1) << 8 | np_u8(c, bp + 2);
		unsigned width = np_u8(c, bp + 2) ? 4 : np_u8(c, bp + 1) ? 3 : np_u8(c, bp) ? 2 : 1;
		np_puts(c, "\n\tMask ");
		dotted(c, mask);
		bp += 3;
		len -= 3;
		unsigned done;
		do {
			if (len < width + 1) {
				np_puts(c, "\n\t  [Truncated Report]");
				return 0;
			}
			uint32_t origin = 0;
			unsigned i;
			for (i = 0; i < width; i++)
				origin = origin << 8 | np_u8(c, bp++);
			for (; i < 4; i++)
				origin <<= 8;
			unsigned metric = np_u8(c, bp++);
			done = metric & 0x80;
			np_puts(c, "\n\t  ");
			dotted(c, origin);
			np_printf(c, " metric %u", metric & 0x7f);
			len -= width + 1;
		} while (!done);
	}
	return 1;
}

static int probe_print(np_ctx *c, const uint8_t *bp, unsigned len)
{
	char buf[NP_ADDRSTRLEN];
	if (len < 4) {
		np_printf(c, " [full length %u < 4]", len);
		return 0;
	}
	np_puts(c, c->o.vflag > 1 ? "\n\t" : " ");
	np_need(c, bp, 4);
	np_printf(c, "genid %u", np_be32(c, bp));
	if (c->o.vflag < 2)
		return 1;
	for (bp += 4, len -= 4; len > 0; bp += 4, len -= 4) {
		if (len < 4) {
			np_printf(c, "[remaining length %u < 4]", len);
			return 0;
		}
		np_printf(c, "\n\tneighbor %s", addr(c, bp, buf));
	}
	return 1;
}

static int neighbors_print(np_ctx *c, const uint8_t *bp, unsigned len, int v2, unsigned major,
			   unsigned minor)
{
	char b1[NP_ADDRSTRLEN], b2[NP_ADDRSTRLEN];
	unsigned hdr = v2 ? 8 : 7;
	if (v2)
		np_printf(c, " (v %u.%u):", major, minor);
	while (len > 0) {
		if (len < hdr) {
			np_printf(c, " [length %u < %u]", len, hdr);
			return 0;
		}
		const uint8_t *laddr = bp;
		unsigned metric = np_u8(c, bp + 4), thresh = np_u8(c, bp + 5);
		unsigned flags = v2 ? np_u8(c, bp + 6) : 0;
		int ncount = np_u8(c, bp + hdr - 1);
		bp += hdr;
		len -= hdr;
		while (--ncount >= 0 && (!v2 || len > 0)) {
			if (len < 4) {
				np_printf(c, " [length %u < 4]", len);
				return 0;
			}
			if (!v2) {
				np_printf(c, " [%s ->", addr(c, laddr, b1));
				np_printf(c, " %s, (%u/%u)]", addr(c, bp, b2), metric, thresh);
			} else {
				np_printf(c, " [%s -> ", addr(c, laddr, b1));
				np_printf(c, "%s (%u/%u", addr(c, bp, b2), metric, thresh);
				if (flags & 0x01)
					np_puts(c, "/tunnel");
				if (flags & 0x02)
					np_puts(c, "/srcrt");
				if (flags & 0x40)
					np_puts(c, "/querier");
				if (flags & 0x20)
					np_puts(c, "/disabled");
				if (flags & 0x10)
					np_puts(c, "/down");
				np_puts(c, ")]");
			}
			bp += 4;
			len -= 4;
		}
		if (v2 && ncount != -1) {
			np_puts(c, " [invalid ncount]");
			return 0;
		}
	}
	return 1;
}

void np_dvmrp_print(np_ctx *c, const uint8_t *bp, unsigned len)
{
	char buf[32], b1[NP_ADDRSTRLEN], b2[NP_ADDRSTRLEN];
	np_set_proto(c, "dvmrp");
	if (len < 8) {
		np_printf(c, " [length %u < 8]", len);
		np_print_invalid(c);
		return;
	}
	unsigned type = np_u8(c, bp + 1);
	const uint8_t *p = bp + 8;
	len -= 8;
	np_printf(c, " %s", np_tok_str(type_names, "[type %u]", type, buf, sizeof(buf)));
	int ok = 1;
	switch (type) {
	case 1:
		if (c->o.vflag)
			ok = probe_print(c, p, len);
		break;
	case 2:
		if (c->o.vflag > 1)
			ok = report_print(c, p, len);
		break;
	case 4:
		ok = neighbors_print(c, p, len, 0, 0, 0);
		break;
	case 6:
		ok = neighbors_print(c, p, len, 1, np_u8(c, bp + 7), np_u8(c, bp + 6));
		break;
	case 7:
		np_printf(c, " src %s grp %s", addr(c, p, b1), addr(c, p + 4, b2));
		np_puts(c, " timer ");
		np_need(c, p + 8, 4);
		np_relts_print(c, np_be32(c, p + 8));
		break;
	case 8:
	case 9:
		np_printf(c, " src %s grp %s", addr(c, p, b1), addr(c, p + 4, b2));
		break;
	}
	if (!ok)
		np_print_invalid(c);
}
