/* IGMP (RFC 1112, 2236, 3376): queries of every version, reports, leaves, the IGMPv3
 * group records with -v, and the checksum with -v.
 *
 * IGMPv3 is told from v1/v2 by the message length (12 bytes or more for a query), as
 * tcpdump does.  DVMRP, PIMv1, mtrace and mresp are named, not decoded. */
#include "capture/netprint.h"

static const np_tok report_types[] = {
	{1, "is_in"}, {2, "is_ex"}, {3, "to_in"}, {4, "to_ex"}, {5, "allow"}, {6, "block"},
	{0, NULL},
};

/* tcpdump's unsigned_relts_print: seconds as "1h2m3s". */
static void print_relts(np_ctx *c, unsigned secs)
{
	static const char *const units[] = {"y", "w", "d", "h", "m", "s"};
	static const unsigned sizes[] = {31536000, 604800, 86400, 3600, 60, 1};
	if (secs == 0) {
		np_puts(c, "0s");
		return;
	}
	for (int i = 0; i < 6 && secs > 0; i++) {
		if (secs >= sizes[i]) {
			np_printf(c, "%u%s", secs / sizes[i], units[i]);
			secs -= (secs / sizes[i]) * sizes[i];
		}
	}
}

static void print_v3_query(np_ctx *c, const uint8_t *bp, unsigned len)
{
	np_puts(c, " v3");
	if (len < 12 || (len & 3)) {
		np_printf(c, " [invalid len %u]", len);
		return;
	}
	unsigned mrc = np_u8(c, bp + 1);
	unsigned mrt = mrc < 128 ? mrc : ((mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3);
	if (mrc != 100) {
		np_puts(c, " [max resp time ");
		if (mrt < 600)
			np_printf(c, "%.1fs", mrt * 0.1);
		else
			print_relts(c, mrt / 10);
		np_putc(c, ']');
	}
	if (np_be32(c, bp + 4) == 0)
		return;
	np_puts(c, " [gaddr ");
	np_print_ipv4(c, bp + 4);
	unsigned nsrcs = np_be16(c, bp + 10);
	if (nsrcs > 0) {
		if (len < 12 + (nsrcs << 2)) {
			np_puts(c, " [invalid number of sources]");
			return;
		}
		if (c->o.vflag > 1) {
			np_puts(c, " {");
			for (unsigned i = 0; i < nsrcs; i++) {
				np_putc(c, ' ');
				np_print_ipv4(c, bp + 12 + (i << 2));
			}
			np_puts(c, " }");
		} else {
			np_printf(c, ", %u source(s)", nsrcs);
		}
	}
	np_putc(c, ']');
}

static void print_v3_report(np_ctx *c, const uint8_t *bp, unsigned len)
{
	if (len < 16 || (len & 3)) {
		np_printf(c, " [invalid len %u]", len);
		return;
	}
	unsigned ngroups = np_be16(c, bp + 6);
	np_printf(c, ", %u group record(s)", ngroups);
	if (!c->o.vflag)
		return;
	unsigned group = 8;
	for (unsigned i = 0; i < ngroups; i++) {
		if (len < group + 8) {
			np_puts(c, " [invalid number of groups]");
			return;
		}
		np_puts(c, " [gaddr ");
		np_print_ipv4(c, bp + group + 4);
		unsigned type = np_u8(c, bp + group);
		const char *name = np_tok_find(report_types, type);
		if (name)
			np_printf(c, " %s", name);
		else
			np_printf(c, "  [v3-report-#%u]", type);
		unsigned nsrcs = np_be16(c, bp + group + 2);
		if (len < group + 8 + (nsrcs << 2)) {
			np_printf(c, " [invalid number of sources %u]", nsrcs);
			return;
		}
		if (c->o.vflag == 1) {
			np_printf(c, ", %u source(s)", nsrcs);
		} else {
			np_puts(c, " {");
			for (unsigned j = 0; j < nsrcs; j++) {
				np_putc(c, ' ');
				np_print_ipv4(c, bp + group + 8 + (j << 2));
			}
			np_puts(c, " }");
		}
		group += 8 + (nsrcs << 2);
		np_putc(c, ']');
	}
}

void np_igmp_print(np_ctx *c, const uint8_t *bp, unsigned len, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	np_set_proto(c, "igmp");
	if (c->o.qflag) {
		np_puts(c, "igmp");
		return;
	}
	unsigned type = np_u8(c, bp);
	switch (type) {
	case 0x11:
		np_puts(c, "igmp query");
		if (len >= 12) {
			print_v3_query(c, bp, len);
		} else {
			unsigned mrt = np_u8(c, bp + 1);
			if (mrt) {
				np_puts(c, " v2");
				if (mrt != 100)
					np_printf(c, " [max resp time %u]", mrt);
			} else {
				np_puts(c, " v1");
			}
			if (np_be32(c, bp + 4)) {
				np_puts(c, " [gaddr ");
				np_print_ipv4(c, bp + 4);
				np_putc(c, ']');
			}
			if (len != 8)
				np_printf(c, " [len %u]", len);
		}
		break;
	case 0x12:
		np_puts(c, "igmp v1 report ");
		np_print_ipv4(c, bp + 4);
		if (len != 8)
			np_printf(c, " [len %u]", len);
		break;
	case 0x16:
		np_puts(c, "igmp v2 report ");
		np_print_ipv4(c, bp + 4);
		break;
	case 0x22:
		np_puts(c, "igmp v3 report");
		print_v3_report(c, bp, len);
		break;
	case 0x17:
		np_puts(c, "igmp leave ");
		np_print_ipv4(c, bp + 4);
		break;
	case 0x13:
		np_puts(c, "igmp dvmrp");
		if (len < 8)
			np_printf(c, " [len %u]", len);
		break;
	case 0x14:
		np_puts(c, "igmp pimv1");
		break;
	default:
		np_printf(c, "igmp-%u", type);
		break;
	}
	if (c->o.vflag && len >= 4 && np_has(c, bp, len) &&
	    np_cksum_fold(np_cksum_add(bp, len, 0)) != 0)
		np_printf(c, " bad igmp cksum %x!", np_be16(c, bp + 2));
}
