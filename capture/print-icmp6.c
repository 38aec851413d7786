/* ICMPv6 (RFC 4443): echo, the errors with the packet they quote, neighbor and router
 * discovery with their options (RFC 4861, 4191, 8106, 6275), MLD and MLDv2 (RFC 2710,
 * 3810), home agent discovery and mobile prefix messages.
 *
 * Key decisions, as tcpdump 4.99.3 prints them:
 * - With -v the checksum is verified over the whole message when it was captured, with
 *   the final destination of a routing header in the pseudo-header.
 * - Discovery messages print their options only with -v, one per line; -vv adds a hex dump
 *   of each option's body.  An option with length 0 or running past the capture ends the
 *   packet in " [|icmp6]".
 * - Without -v, ", length N" closes the line; with -v the discovery messages print it
 *   right after their name instead.
 * Node information, router renumbering and RPL are in print-icmp6-info.c. */
#include <string.h>

#include "capture/netprint.h"

enum {
	T_UNREACH = 1, T_TOOBIG = 2, T_TIMEX = 3, T_PARAMPROB = 4,
	T_ECHO = 128, T_ECHOREPLY = 129, T_MLD_QUERY = 130, T_MLD_REPORT = 131,
	T_MLD_DONE = 132, T_RS = 133, T_RA = 134, T_NS = 135, T_NA = 136, T_REDIRECT = 137,
	T_RENUM = 138, T_NI_QUERY = 139, T_NI_REPLY = 140, T_IND_SOL = 141, T_IND_ADV = 142,
	T_MLDV2_REPORT = 143, T_HA_REQ = 144, T_HA_REPLY = 145, T_MP_SOL = 146, T_MP_ADV = 147,
	T_RPL = 155,
};

static const np_tok type_names[] = {
	{T_UNREACH, "destination unreachable"},
	{T_TOOBIG, "packet too big"},
	{T_TIMEX, "time exceeded in-transit"},
	{T_PARAMPROB, "parameter problem"},
	{T_ECHO, "echo request"},
	{T_ECHOREPLY, "echo reply"},
	{T_MLD_QUERY, "multicast listener query"},
	{T_MLD_REPORT, "multicast listener report"},
	{T_MLD_DONE, "multicast listener done"},
	{T_RS, "router solicitation"},
	{T_RA, "router advertisement"},
	{T_NS, "neighbor solicitation"},
	{T_NA, "neighbor advertisement"},
	{T_REDIRECT, "redirect"},
	{T_RENUM, "router renumbering"},
	{T_IND_SOL, "inverse neighbor solicitation"},
	{T_IND_ADV, "inverse neighbor advertisement"},
	{T_MLDV2_REPORT, "multicast listener report v2"},
	{T_HA_REQ, "ha discovery request"},
	{T_HA_REPLY, "ha discovery reply"},
	{T_MP_SOL, "mobile router solicitation"},
	{T_MP_ADV, "mobile router advertisement"},
	/* 139/140 are also node information messages: tcpdump names them by their KAME
	 * "who-are-you" names, the first in its table */
	{T_NI_QUERY, "who-are-you request"},
	{T_NI_REPLY, "who-are-you reply"},
	{201, "mtrace message"},
	{200, "mtrace response"},
	{T_RPL, "RPL"},
	{0, NULL},
};

static const np_tok unreach_codes[] = {
	{0, "unreachable route"}, {1, " unreachable prohibited"}, {2, "beyond scope"},
	{3, "unreachable address"}, {4, "unreachable port"}, {0, NULL},
};

static const np_tok paramprob_codes[] = {
	{0, "erroneous"}, {1, "next header"}, {2, "option"}, {3, "incomplete header chain"},
	{0, NULL},
};

static const np_tok pi_flags[] = {
	{0x80, "onlink"}, {0x40, "auto"}, {0x20, "router"}, {0, NULL},
};

static const np_tok ra_flags[] = {
	{0x80, "managed"}, {0x40, "other stateful"}, {0x20, "home agent"}, {0x02, "ipv6 only"},
	{0, NULL},
};

static const np_tok na_flags[] = {
	{0x80000000u, "router"}, {0x40000000u, "solicited"}, {0x20000000u, "override"},
	{0, NULL},
};

enum {
	OPT_SRC_LL = 1, OPT_TGT_LL = 2, OPT_PREFIX = 3, OPT_REDIRECTED = 4, OPT_MTU = 5,
	OPT_ADVINT = 7, OPT_HAINFO = 8, OPT_ROUTE = 24, OPT_RDNSS = 25, OPT_DNSSL = 31,
};

static const np_tok opt_names[] = {
	{OPT_SRC_LL, "source link-address"},
	{OPT_TGT_LL, "destination link-address"},
	{OPT_PREFIX, "prefix info"},
	{OPT_REDIRECTED, "redirected header"},
	{OPT_MTU, "mtu"},
	{OPT_RDNSS, "rdnss"},
	{OPT_DNSSL, "dnssl"},
	{OPT_ADVINT, "advertisement interval"},
	{OPT_HAINFO, "homeagent information"},
	{OPT_ROUTE, "route info"},
	{0, NULL},
};

static const np_tok mldv2_record_types[] = {
	{1, "is_in"}, {2, "is_ex"}, {3, "to_in"}, {4, "to_ex"}, {5, "allow"}, {6, "block"},
	{0, NULL},
};

static const char *rtpref(unsigned v)
{
	static const char *const names[] = {"medium", "high", "rsv", "low"};
	return names[(v & 0x18) >> 3];
}

static const char *lifetime(uint32_t v, char *buf, size_t n)
{
	if (v == 0xffffffffu)
		return "infinity";
	snprintf(buf, n, "%us", v);
	return buf;
}

/* The transport header a quoted packet carries, past its extension headers; NULL when it
 * cannot be found in what was captured. */
static const uint8_t *upper_layer(np_ctx *c, const uint8_t *ip6, unsigned *proto)
{
	if (!np_has(c, ip6 + 6, 1))
		return NULL;
	unsigned nh = ip6[6];
	const uint8_t *bp = ip6;
	unsigned hlen = 40;
	while (bp < c->snapend) {
		bp += hlen;
		switch (nh) {
		case 6:
		case 17:
			if (!np_has(c, bp + 2, 2))
				return NULL;
			*proto = nh;
			return bp;
		case 0:  /* hop-by-hop */
		case 60: /* destination options */
		case 43: /* routing */
			if (!np_has(c, bp, 2))
				return NULL;
			nh = bp[0];
			hlen = (bp[1] + 1u) * 8u;
			break;
		case 44: /* fragment: odd in an error, but try */
			if (!np_has(c, bp, 4))
				return NULL;
			if ((bp[2] << 8 | bp[3]) & 0xfff8)
				return NULL;
			nh = bp[0];
			hlen = 8;
			break;
		case 51: /* AH */
			if (!np_has(c, bp, 2))
				return NULL;
			nh = bp[0];
			hlen = (bp[1] + 2u) * 4u;
			break;
		default:
			*proto = nh;
			return NULL;
		}
	}
	return NULL;
}

static void print_lladdr(np_ctx *c, const uint8_t *p, unsigned len)
{
	for (unsigned i = 0; i < len; i++)
		np_printf(c, i ? ":%02x" : "%02x", np_u8(c, p + i));
}

/* One option body; returns -1 when the packet must end in " [|icmp6]", 1 when the option
 * list ends here (an unknown option without -vv), 0 to go on. */
static int opt_body(np_ctx *c, const uint8_t *cp, const uint8_t *bp, unsigned type,
		    unsigned olen)
{
	char buf[NP_ADDRSTRLEN], b1[20], b2[20];
	switch (type) {
	case OPT_SRC_LL:
	case OPT_TGT_LL:
		print_lladdr(c, cp + 2, olen * 8 - 2);
		break;
	case OPT_PREFIX: {
		const char *prefix = np_ipv6_str(c, cp + 16, buf);
		unsigned plen = np_u8(c, cp + 2), flags = np_u8(c, cp + 3);
		const char *valid = lifetime(np_be32(c, cp + 4), b1, sizeof(b1));
		np_printf(c, "%s/%u%s, Flags [", prefix, plen, olen != 4 ? "badlen" : "");
		np_print_bits(c, pi_flags, ", ", flags);
		np_printf(c, "], valid time %s", valid);
		np_printf(c, ", pref. time %s", lifetime(np_be32(c, cp + 8), b2, sizeof(b2)));
		break;
	}
	case OPT_REDIRECTED:
		/* tcpdump dumps from the start of the option list here */
		np_unknown_data(c, bp, "\n\t    ", olen * 8);
		break;
	case OPT_MTU: {
		uint32_t mtu = np_be32(c, cp + 4);
		np_printf(c, " %u%s", mtu, olen != 1 ? "bad option length" : "");
		break;
	}
	case OPT_RDNSS:
		np_printf(c, " lifetime %us,", np_be32(c, cp + 4));
		for (unsigned i = 0; i < (olen - 1) / 2; i++) {
			const char *a = np_ipv6_str(c, cp + 8 + 16 * i, buf);
			np_printf(c, " addr: %s", a);
		}
		break;
	case OPT_DNSSL: {
		np_printf(c, " lifetime %us, domain(s):", np_be32(c, cp + 4));
		const uint8_t *dom = cp + 8;
		while (dom < cp + olen * 8 && np_u8(c, dom) != 0) {
			np_putc(c, ' ');
			dom = np_dns_name_print(c, dom, bp);
			if (!dom)
				return -1;
		}
		break;
	}
	case OPT_ADVINT:
		np_printf(c, " %ums", np_be32(c, cp + 4));
		break;
	case OPT_HAINFO: {
		unsigned pref = np_be16(c, cp + 4), life = np_be16(c, cp + 6);
		np_printf(c, " preference %u, lifetime %u", pref, life);
		break;
	}
	case OPT_ROUTE: {
		uint8_t prefix[16];
		np_need(c, cp + 4, 4);
		memset(prefix, 0, sizeof(prefix));
		if (olen == 2)
			np_copy(c, prefix, cp + 8, 8);
		else if (olen == 3)
			np_copy(c, prefix, cp + 8, 16);
		else if (olen != 1)
			return -1;
		np_printf(c, " %s/%u", np_fmt_ipv6(buf, prefix), np_u8(c, cp + 2));
		np_printf(c, ", pref=%s", rtpref(np_u8(c, cp + 3)));
		np_printf(c, ", lifetime=%s", lifetime(np_be32(c, cp + 4), b1, sizeof(b1)));
		break;
	}
	default:
		if (c->o.vflag <= 1) {
			np_unknown_data(c, cp + 2, "\n\t  ", olen * 8 - 2);
			return 1;
		}
		break;
	}
	return 0;
}

/* The options of a discovery message; -1 when the packet must end in " [|icmp6]". */
static int opts_print(np_ctx *c, const uint8_t *bp, int resid)
{
	const uint8_t *cp = bp;
	while (cp < c->snapend) {
		if (!np_has(c, cp + 1, 1))
			return -1;
		if (resid <= 0)
			return 0;
		unsigned type = cp[0], olen = cp[1];
		if (olen == 0 || olen * 8 > (unsigned)(c->snapend - cp))
			return -1;
		const char *name = np_tok_find(opt_names, type);
		np_printf(c, "\n\t  %s option (%u), length %u (%u): ", name ? name : "unknown", type,
			  olen * 8, olen);
		int r = opt_body(c, cp, bp, type, olen);
		if (r)
			return r < 0 ? -1 : 0;
		if (c->o.vflag > 1)
			np_unknown_data(c, cp + 2, "\n\t    ", olen * 8 - 2);
		cp += olen * 8;
		resid -= (int)(olen * 8);
	}
	return 0;
}

static void mld_print(np_ctx *c, const uint8_t *bp)
{
	if (!np_has(c, bp, 24))
		return;
	np_printf(c, "max resp delay: %u ", np_be16(c, bp + 4));
	np_puts(c, "addr: ");
	np_print_ipv6(c, bp + 8);
}

static void mldv2_report_print(np_ctx *c, const uint8_t *bp, unsigned len)
{
	char buf[NP_ADDRSTRLEN], tbuf[32];
	if (len < 8) {
		np_printf(c, " [invalid len %u]", len);
		return;
	}
	unsigned ngroups = np_be16(c, bp + 6);
	np_printf(c, ", %u group record(s)", ngroups);
	if (!c->o.vflag)
		return;
	unsigned group = 8;
	for (unsigned i = 0; i < ngroups; i++) {
		if (len < group + 20) {
			np_puts(c, " [invalid number of groups]");
			return;
		}
		np_printf(c, " [gaddr %s", np_ipv6_str(c, bp + group + 4, buf));
		np_printf(c, " %s", np_tok_str(mldv2_record_types, " [v2-report-#%u]",
					       np_u8(c, bp + group), tbuf, sizeof(tbuf)));
		unsigned nsrcs = np_be16(c, bp + group + 2);
		if (len < group + 20 + nsrcs * 16) {
			np_printf(c, " [invalid number of sources %u]", nsrcs);
			return;
		}
		if (c->o.vflag == 1) {
			np_printf(c, ", %u source(s)", nsrcs);
		} else {
			np_puts(c, " {");
			for (unsigned j = 0; j < nsrcs; j++)
				np_printf(c, " %s", np_ipv6_str(c, bp + group + 20 + j * 16, buf));
			np_puts(c, " }");
		}
		group += 20 + nsrcs * 16;
		np_putc(c, ']');
	}
}

static void mldv2_query_print(np_ctx *c, const uint8_t *bp, unsigned len)
{
	char buf[NP_ADDRSTRLEN];
	if (len < 28) {
		np_printf(c, " [invalid len %u]", len);
		return;
	}
	unsigned mrc = np_be16(c, bp + 4);
	unsigned mrt = mrc < 32768 ? mrc : ((mrc & 0x0fff) | 0x1000) << (((mrc & 0x7000) >> 12) + 3);
	if (c->o.vflag)
		np_printf(c, " [max resp delay=%u]", mrt);
	np_printf(c, " [gaddr %s", np_ipv6_str(c, bp + 8, buf));
	if (c->o.vflag) {
		unsigned f = np_u8(c, bp + 24);
		if (f & 0x08)
			np_puts(c, " sflag");
		if (f & 0x07)
			np_printf(c, " robustness=%u", f & 0x07);
		unsigned q = np_u8(c, bp + 25);
		unsigned qqi = q < 128 ? q : ((q & 0x0f) | 0x10) << (((q & 0x70) >> 4) + 3);
		np_printf(c, " qqi=%u", qqi);
	}
	unsigned nsrcs = np_be16(c, bp + 26);
	if (nsrcs > 0) {
		if (len < 28 + nsrcs * 16) {
			np_puts(c, " [invalid number of sources]");
		} else if (c->o.vflag > 1) {
			np_puts(c, " {");
			for (unsigned i = 0; i < nsrcs; i++)
				np_printf(c, " %s", np_ipv6_str(c, bp + 28 + i * 16, buf));
			np_puts(c, " }");
		} else {
			np_printf(c, ", %u source(s)", nsrcs);
		}
	}
	np_putc(c, ']');
}

/* Destination unreachable; returns 1 when the line is complete (no ", length"), -1 on
 * truncation. */
static int unreach_print(np_ctx *c, const uint8_t *bp, unsigned length, unsigned code)
{
	char buf[NP_ADDRSTRLEN], pbuf[NP_ADDRSTRLEN], nbuf[32];
	const uint8_t *oip = bp + 8;
	np_printf(c, ", %s",
		  np_tok_str(unreach_codes, "unknown unreach code (%u)", code, nbuf, sizeof(nbuf)));
	switch (code) {
	case 0:
	case 1:
	case 3:
		np_printf(c, " %s", np_ipv6_str(c, oip + 24, buf));
		break;
	case 2: {
		const char *dst = np_ipv6_str(c, oip + 24, buf);
		const char *src = np_ipv6_str(c, oip + 8, pbuf);
		np_printf(c, " %s, source address %s", dst, src);
		break;
	}
	case 4: {
		unsigned proto = 0;
		const uint8_t *th = upper_layer(c, oip, &proto);
		if (!th)
			return -1;
		unsigned dport = np_be16(c, th + 2);
		const char *dst = np_ipv6_str(c, oip + 24, buf);
		if (proto == 6)
			np_printf(c, ", %s tcp port %s", dst, np_tcpport_str(c, dport, pbuf));
		else if (proto == 17)
			np_printf(c, ", %s udp port %s", dst, np_udpport_str(c, dport, pbuf));
		else
			np_printf(c, ", %s protocol %u port %u unreachable", dst, proto, dport);
		break;
	}
	default:
		if (c->o.vflag <= 1) {
			np_unknown_data(c, bp, "\n\t", length);
			return 1;
		}
		break;
	}
	return 0;
}

void np_icmp6_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	char buf[NP_ADDRSTRLEN], nbuf[40];
	np_set_proto(c, "icmp6");
	if (length == 0) {
		np_puts(c, "ICMP6, length 0");
		np_print_invalid(c);
		return;
	}
	if (c->o.vflag && !frag && np_has(c, bp, length)) {
		unsigned field = np_be16(c, bp + 2);
		uint16_t sum = np_ip6_pseudo_cksum(ip, bp, length, 58);
		if (sum != 0) {
			np_printf(c, "[bad icmp6 cksum 0x%04x -> 0x%04x!] ", field,
				  np_cksum_shouldbe(field, sum));
		} else {
			np_puts(c, "[icmp6 sum ok] ");
		}
	}
	unsigned type = np_u8(c, bp);
	np_printf(c, "ICMP6, %s",
		  np_tok_str(type_names, "unknown icmp6 type (%u)", type, nbuf, sizeof(nbuf)));
	if (c->o.vflag && (type == T_RS || type == T_RA || type == T_NA || type == T_NS ||
			   type == T_REDIRECT || type == T_HA_REPLY || type == T_MP_ADV))
		np_printf(c, ", length %u", length);
	unsigned code = np_u8(c, bp + 1);
	const uint8_t *oip = bp + 8;
	const uint8_t *end = c->snapend;
	int r = 0;
	switch (type) {
	case T_UNREACH:
		r = unreach_print(c, bp, length, code);
		break;
	case T_TOOBIG:
		np_printf(c, ", mtu %u", np_be32(c, bp + 4));
		break;
	case T_TIMEX:
		if (code == 0)
			np_printf(c, " for %s", np_ipv6_str(c, oip + 24, buf));
		else if (code == 1)
			np_puts(c, " (reassembly)");
		else
			np_printf(c, ", unknown code (%u)", code);
		break;
	case T_PARAMPROB: {
		np_need(c, oip + 24, 16);
		const char *what = np_tok_find(paramprob_codes, code);
		if (what)
			np_printf(c, ", %s - octet %u", what, np_be32(c, bp + 4));
		else
			np_printf(c, ", code-#%u", code);
		break;
	}
	case T_ECHO:
	case T_ECHOREPLY: {
		unsigned id = np_be16(c, bp + 4), seq = np_be16(c, bp + 6);
		np_printf(c, ", id %u, seq %u", id, seq);
		break;
	}
	case T_MLD_QUERY:
		if (length == 24) {
			mld_print(c, bp);
		} else if (length >= 28) {
			np_puts(c, " v2");
			mldv2_query_print(c, bp, length);
		} else {
			np_printf(c, " unknown-version (len %u) ", length);
		}
		break;
	case T_MLD_REPORT:
	case T_MLD_DONE:
		mld_print(c, bp);
		break;
	case T_RS:
		if (c->o.vflag)
			r = opts_print(c, bp + 8, (int)(length - 8));
		break;
	case T_RA:
		if (c->o.vflag) {
			unsigned hl = np_u8(c, bp + 4), fl = np_u8(c, bp + 5);
			unsigned life = np_be16(c, bp + 6);
			uint32_t reach = np_be32(c, bp + 8), retrans = np_be32(c, bp + 12);
			np_printf(c, "\n\thop limit %u, Flags [", hl);
			np_print_bits(c, ra_flags, ", ", fl);
			np_printf(c, "], pref %s, router lifetime %us, reachable time %ums, "
				     "retrans timer %ums",
				  rtpref(fl), life, reach, retrans);
			r = opts_print(c, bp + 16, (int)(length - 16));
		}
		break;
	case T_NS:
		np_printf(c, ", who has %s", np_ipv6_str(c, bp + 8, buf));
		if (c->o.vflag)
			r = opts_print(c, bp + 24, (int)(length - 24));
		break;
	case T_NA:
		np_printf(c, ", tgt is %s", np_ipv6_str(c, bp + 8, buf));
		if (c->o.vflag) {
			uint32_t flags = np_be32(c, bp + 4);
			np_puts(c, ", Flags [");
			np_print_bits(c, na_flags, ", ", flags);
			np_putc(c, ']');
			r = opts_print(c, bp + 24, (int)(length - 24));
		}
		break;
	case T_REDIRECT:
		np_printf(c, ", %s", np_ipv6_str(c, bp + 24, buf));
		np_printf(c, " to %s", np_ipv6_str(c, bp + 8, buf));
		if (c->o.vflag)
			r = opts_print(c, bp + 40, (int)(length - 40));
		break;
	case T_RENUM:
		np_icmp6_rrenum_print(c, bp, end);
		break;
	case T_NI_QUERY:
	case T_NI_REPLY:
		np_icmp6_nodeinfo_print(c, bp, length, end);
		break;
	case T_RPL:
		np_icmp6_rpl_print(c, code, bp + 4, length - 8 + 4);
		break;
	case T_IND_SOL:
	case T_IND_ADV:
		break;
	case T_MLDV2_REPORT:
		mldv2_report_print(c, bp, length);
		break;
	case T_MP_SOL:
	case T_HA_REQ:
		np_printf(c, ", id 0x%04x", np_be16(c, bp + 4));
		break;
	case T_HA_REPLY:
		if (c->o.vflag) {
			np_printf(c, ", id 0x%04x", np_be16(c, bp + 4));
			unsigned avail = np_avail(c, bp);
			const uint8_t *stop = bp + (length < avail ? length : avail);
			for (const uint8_t *p = bp + 8; p < stop; p += 16)
				np_printf(c, ", %s", np_ipv6_str(c, p, buf));
		}
		break;
	case T_MP_ADV:
		if (c->o.vflag) {
			np_printf(c, ", id 0x%04x", np_be16(c, bp + 4));
			unsigned flags = np_be16(c, bp + 6);
			if (flags & 0xc000)
				np_putc(c, ' ');
			if (flags & 0x8000)
				np_putc(c, 'M');
			if (flags & 0x4000)
				np_putc(c, 'O');
			r = opts_print(c, bp + 8, (int)(length - 8));
		}
		break;
	default:
		np_printf(c, ", length %u", length);
		if (c->o.vflag <= 1)
			np_unknown_data(c, bp, "\n\t", length);
		return;
	}
	if (r < 0) {
		np_print_trunc(c);
		return;
	}
	if (r > 0)
		return;
	if (!c->o.vflag)
		np_printf(c, ", length %u", length);
}
