/* IGMP v1, v2 and v3 (RFC 1112, 2236, 3376), with mtrace/mresp, DVMRP and PIM version 1
 * inside IGMP; the checksum is verified with -v.
 *
 * tcpdump 4.99.3 reads IGMP with its longjmp-ing accessors: a cut message ends the packet
 * with " [|igmp]" and a dump of the whole packet (np_need()). */
#include "capture/netprint.h"

static const np_tok v3_report_types[] = {
	{1, "is_in"}, {2, "is_ex"}, {3, "to_in"}, {4, "to_ex"}, {5, "allow"}, {6, "block"},
	{0, NULL},
};

static const char *addr(np_ctx *c, const uint8_t *p, char *buf)
{
	np_need(c, p, 4);
	return np_ipv4_str(c, p, buf);
}

static void mtrace_print(np_ctx *c, const char *what, const uint8_t *bp, unsigned len)
{
	char b1[NP_ADDRSTRLEN], b2[NP_ADDRSTRLEN], b3[NP_ADDRSTRLEN];
	np_need(c, bp + 8, 16);
	if (len < 8 + 16) {
		np_printf(c, " [invalid len %u]", len);
		return;
	}
	uint32_t rttlqid = np_be32(c, bp + 20);
	np_printf(c, "%s %u: %s to %s reply-to %s", what, rttlqid & 0x00ffffff,
		  addr(c, bp + 8, b1), addr(c, bp + 12, b2), addr(c, bp + 16, b3));
	if ((np_be32(c, bp + 16) & 0xf0000000) == 0xe0000000)
		np_printf(c, " with-ttl %u", rttlqid >> 24);
}

static void v3_report_print(np_ctx *c, const uint8_t *bp, unsigned len)
{
	char buf[NP_ADDRSTRLEN], tbuf[32];
	if (len < 16 || len & 3) {
		np_printf(c, " [invalid len %u]", len);
		return;
	}
	np_need(c, bp + 6, 2);
	unsigned ngroups = np_be16(c, bp + 6);
	np_printf(c, ", %u group record(s)", ngroups);
	if (c->o.vflag < 1)
		return;
	unsigned g = 8;
	for (unsigned i = 0; i < ngroups; i++) {
		if (len < g + 8) {
			np_puts(c, " [invalid number of groups]");
			return;
		}
		np_printf(c, " [gaddr %s", addr(c, bp + g + 4, buf));
		np_need(c, bp + g, 4);
		np_printf(c, " %s", np_tok_str(v3_report_types, " [v3-report-#%u]", np_u8(c, bp + g),
					      tbuf, sizeof(tbuf)));
		unsigned nsrcs = np_be16(c, bp + g + 2);
		if (len < g + 8 + (nsrcs << 2)) {
			np_printf(c, " [invalid number of sources %u]", nsrcs);
			return;
		}
		if (c->o.vflag == 1) {
			np_printf(c, ", %u source(s)", nsrcs);
		} else {
			np_puts(c, " {");
			for (unsigned j = 0; j < nsrcs; j++)
				np_printf(c, " %s", addr(c, bp + g + 8 + (j << 2), buf));
			np_puts(c, " }");
		}
		g += 8 + (nsrcs << 2);
		np_putc(c, ']');
	}
}

static void v3_query_print(np_ctx *c, const uint8_t *bp, unsigned len)
{
	char buf[NP_ADDRSTRLEN];
	np_puts(c, " v3");
	if (len < 12 || len & 3) {
		np_printf(c, " [invalid len %u]", len);
		return;
	}
	np_need(c, bp + 1, 1);
	unsigned mrc = np_u8(c, bp + 1);
	unsigned mrt = mrc < 128 ? mrc : ((mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3);
	if (mrc != 100) {
		np_puts(c, " [max resp time ");
		if (mrt < 600)
			np_printf(c, "%.1fs", mrt * 0.1);
		else
			np_relts_print(c, mrt / 10);
		np_putc(c, ']');
	}
	np_need(c, bp + 4, 4);
	if (np_be32(c, bp + 4) == 0)
		return;
	np_printf(c, " [gaddr %s", addr(c, bp + 4, buf));
	np_need(c, bp + 10, 2);
	unsigned nsrcs = np_be16(c, bp + 10);
	if (nsrcs > 0) {
		if (len < 12 + (nsrcs << 2)) {
			np_puts(c, " [invalid number of sources]");
		} else if (c->o.vflag > 1) {
			np_puts(c, " {");
			for (unsigned i = 0; i < nsrcs; i++)
				np_printf(c, " %s", addr(c, bp + 12 + (i << 2), buf));
			np_puts(c, " }");
		} else {
			np_printf(c, ", %u source(s)", nsrcs);
		}
	}
	np_putc(c, ']');
}

void np_igmp_print(np_ctx *c, const uint8_t *bp, unsigned len, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	char buf[NP_ADDRSTRLEN];
	np_set_proto(c, "igmp");
	if (c->o.qflag) {
		np_puts(c, "igmp");
		return;
	}
	np_need(c, bp, 1);
	unsigned type = np_u8(c, bp);
	switch (type) {
	case 0x11:
		np_puts(c, "igmp query");
		if (len >= 12) {
			v3_query_print(c, bp, len);
		} else {
			np_need(c, bp + 1, 1);
			unsigned mrt = np_u8(c, bp + 1);
			if (mrt) {
				np_puts(c, " v2");
				if (mrt != 100)
					np_printf(c, " [max resp time %u]", mrt);
			} else {
				np_puts(c, " v1");
			}
			np_need(c, bp + 4, 4);
			if (np_be32(c, bp + 4))
				np_printf(c, " [gaddr %s]", addr(c, bp + 4, buf));
			if (len != 8)
				np_printf(c, " [len %u]", len);
		}
		break;
	case 0x12:
		np_printf(c, "igmp v1 report %s", addr(c, bp + 4, buf));
		if (len != 8)
			np_printf(c, " [len %u]", len);
		break;
	case 0x16:
		np_printf(c, "igmp v2 report %s", addr(c, bp + 4, buf));
		break;
	case 0x22:
		np_puts(c, "igmp v3 report");
		v3_report_print(c, bp, len);
		break;
	case 0x17:
		np_printf(c, "igmp leave %s", addr(c, bp + 4, buf));
		break;
	case 0x13:
		np_puts(c, "igmp dvmrp");
		if (len < 8)
			np_printf(c, " [len %u]", len);
		else
			np_dvmrp_print(c, bp, len);
		break;
	case 0x14:
		np_puts(c, "igmp pimv1");
		np_pimv1_print(c, bp, len);
		break;
	case 0x1e:
		mtrace_print(c, "mresp", bp, len);
		break;
	case 0x1f:
		mtrace_print(c, "mtrace", bp, len);
		break;
	default:
		np_printf(c, "igmp-%u", type);
		break;
	}
	if (c->o.vflag && np_has(c, bp, len) &&
	    np_cksum_fold(np_cksum_add(bp, len, 0)) != 0)
		np_printf(c, " bad igmp cksum %x!", np_be16(c, bp + 2));
}
