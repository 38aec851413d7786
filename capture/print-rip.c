/* RIP versions 1 and 2 (RFC 1058, 2453) with simple and cryptographic authentication
 * (RFC 4822) on UDP port 520: "RIPvN, command, length" and, with -v, the route entries,
 * as tcpdump 4.99.3 prints them.
 *
 * tcpdump reads RIP with its longjmp-ing accessors (ND_LONGJMP_FROM_TCHECK): a cut packet
 * ends with " [|rip]" and the whole-packet dump (np_need()). */
#include "capture/netprint.h"

#define ROUTELEN 20


static const np_tok cmd_names[] = {
	{1, "Request"}, {2, "Response"}, {3, "Trace on"}, {4, "Trace off"},
	{6, "Triggered Request"}, {7, "Triggered Response"}, {8, "Triggered Acknowledgement"},
	{9, "Update Request"}, {10, "Update Response"}, {11, "Update Acknowledge"}, {0, NULL},
};
/* tcpdump's bsd_af_values */
static const np_tok bsd_af_names[] = {
	{2, "IPv4"}, {6, "NS"}, {7, "ISO"}, {16, "Appletalk"}, {23, "IPX"}, {24, "IPv6"},
	{28, "IPv6"}, {30, "IPv6"}, {0, NULL},
};

static const char *af_name(unsigned af, char *buf, size_t n)
{
	return np_tok_str(bsd_af_names, "Unknown (%u)", af, buf, n);
}

/* tcpdump's mask2plen: -1 for a non-contiguous mask */
static int mask2plen(uint32_t mask)
{
	int plen = 32;
	uint32_t bit = 1;
	while (plen > 0 && !(mask & bit))
		plen--, bit <<= 1;
	for (; bit; bit <<= 1)
		if (!(mask & bit))
			return -1;
	return plen;
}

/* tcpdump's ND_ICHECKMSG_U: 1 (and the message) when A < B */
static int short_of(np_ctx *c, const char *what, unsigned a, unsigned b)
{
	if (a < b) {
		np_printf(c, " [%s %u < %u]", what, a, b);
		return 1;
	}
	return 0;
}

/* entry length, 0 when short or cut (the caller prints " [|rip]") */
static unsigned entry_v1(np_ctx *c, const uint8_t *p, unsigned remaining)
{
	char buf[NP_ADDRSTRLEN], ab[32];
	if (remaining < ROUTELEN || !np_has(c, p, ROUTELEN))
		return 0;
	unsigned af = np_be16(c, p);
	if (af != 2 && af != 0) {
		np_printf(c, "\n\t AFI %s, ", af_name(af, ab, sizeof(ab)));
		np_unknown_data(c, p + 4, "\n\t  ", ROUTELEN - 4);
		return ROUTELEN;
	}
	if (np_be16(c, p + 2) || np_be32(c, p + 8) || np_be32(c, p + 12)) {
		np_unknown_data(c, p, "\n\t  ", ROUTELEN);
		return ROUTELEN;
	}
	np_ipv4_str(c, p + 4, buf);
	np_printf(c, "\n\t  %s%s, metric: %u", af == 0 ? "AFI 0, " : "", buf, np_be32(c, p + 16));
	return ROUTELEN;
}

static unsigned entry_v2(np_ctx *c, const uint8_t *p, unsigned remaining)
{
	char buf[NP_ADDRSTRLEN], ab[32];
	if (remaining < 4 || !np_has(c, p, 4))
		return 0;
	unsigned af = np_be16(c, p);
	if (af == 0xffff) {
		unsigned at = np_be16(c, p + 2);
		p += 4;
		remaining -= 4;
		if (at == 2) {
			np_puts(c, "\n\t  Simple Text Authentication data: ");
			for (unsigned i = 0; i < 16 && np_u8(c, p + i); i++)
				np_print_chars(c, p + i, 1);
		} else if (at == 3) {
			if (!np_has(c, p, 16) || remaining < 16)
				return 0;
			np_puts(c, "\n\t  Auth header:");
			np_printf(c, " Packet Len %u,", np_be16(c, p));
			np_printf(c, " Key-ID %u,", np_u8(c, p + 2));
			np_printf(c, " Auth Data Len %u,", np_u8(c, p + 3));
			np_printf(c, " SeqNo %u,", np_be32(c, p + 4));
			np_printf(c, " MBZ %u,", np_be32(c, p + 8));
			np_printf(c, " MBZ %u", np_be32(c, p + 12));
		} else {
			if (at == 1)
				np_puts(c, "\n\t  Auth trailer:");
			else
				np_printf(c, "\n\t  Unknown (%u) Authentication data:", at);
			np_unknown_data(c, p, "\n\t  ", remaining);
			return 4 + remaining; /* to the end of the packet */
		}
	} else if (af != 2 && af != 0) {
		np_printf(c, "\n\t  AFI %s", af_name(af, ab, sizeof(ab)));
		np_unknown_data(c, p + 4, "\n\t  ", ROUTELEN - 4);
	} else {
		if (!np_has(c, p, ROUTELEN) || remaining < ROUTELEN)
			return 0;
		const char *fam = af == 2 ? "IPv4" : "0";
		np_ipv4_str(c, p + 4, buf);
		int plen = mask2plen(np_be32(c, p + 8));
		np_printf(c, "\n\t  AFI %s, %15s/%-2d, tag 0x%04x, metric: %u, next-hop: ", fam, buf,
			  plen, np_be16(c, p + 2), np_be32(c, p + 16));
		if (np_be32(c, p + 12))
			np_puts(c, np_ipv4_str(c, p + 12, buf));
		else
			np_puts(c, "self");
	}
	return ROUTELEN;
}

void np_rip_print(np_ctx *c, const uint8_t *p, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	np_set_proto(c, "rip");
	/* 4.99.3 walks the entries over what was captured of the message */
	unsigned len = np_avail(c, p);
	if (len > length)
		len = length;
	if (len < 4) {
		np_print_trunc(c);
		return;
	}
	len -= 4;
	unsigned vers = np_u8(c, p + 1);
	np_printf(c, "%sRIPv%u", c->o.vflag >= 1 ? "\n\t" : "", vers);
	unsigned cmd = np_u8(c, p);
	char cb[40];
	np_printf(c, ", %s, length: %u",
		  np_tok_str(cmd_names, "unknown command (%u)", cmd, cb, sizeof(cb)), length);
	if (c->o.vflag < 1)
		return;
	switch (cmd) {
	case 1:
	case 2:
		if (vers != 1 && vers != 2) {
			np_puts(c, ", unknown version");
			break;
		}
		/* the route count is taken from the whole message, header included */
		np_printf(c, vers == 1 ? ", routes: %u" : ", routes: %u or less", length / ROUTELEN);
		for (const uint8_t *e = p + 4; len != 0;) {
			unsigned n = vers == 1 ? entry_v1(c, e, len) : entry_v2(c, e, len);
			if (n == 0) {
				np_print_trunc(c);
				break;
			}
			if (short_of(c, "remaining entries length", len, n)) {
				np_print_invalid(c);
				break;
			}
			e += n;
			len -= n;
		}
		break;
	case 3: case 4: case 6: case 7: case 8: case 9: case 10: case 11:
		break;
	default:
		if (c->o.vflag <= 1 && !np_unknown_data(c, p, "\n\t", length))
			return;
		break;
	}
	if (c->o.vflag > 1)
		np_unknown_data(c, p, "\n\t", length);
}
