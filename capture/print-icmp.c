/* ICMP for IPv4: every message type tcpdump names, the checksum with -v, the quoted
 * datagram of error messages with -v (decoded by the IPv4 printer), and RFC 4884 / 4950
 * multi-part extensions (MPLS label stacks).
 *
 * The one-line summary is built first and printed whole, as tcpdump does, so a message cut
 * inside its fixed part prints "[|icmp]" alone. */
#include <stdio.h>
#include <string.h>

#include "capture/netprint.h"

#define ICMP_ECHOREPLY 0
#define ICMP_UNREACH 3
#define ICMP_SOURCEQUENCH 4
#define ICMP_REDIRECT 5
#define ICMP_ECHO 8
#define ICMP_ROUTERADVERT 9
#define ICMP_TIMXCEED 11
#define ICMP_PARAMPROB 12
#define ICMP_TSTAMP 13
#define ICMP_TSTAMPREPLY 14
#define ICMP_MASKREPLY 18

/* Where the multi-part extension structure starts: after 128 bytes of quoted datagram. */
#define ICMP_EXTD_MINLEN 136

static const np_tok type_names[] = {
	{0, "echo reply"}, {4, "source quench"}, {8, "echo request"},
	{10, "router solicitation"}, {13, "time stamp request"}, {14, "time stamp reply"},
	{15, "information request"}, {16, "information reply"}, {17, "address mask request"},
	{0, NULL},
};

/* %s is the quoted datagram's destination. */
static const np_tok unreach_fmts[] = {
	{5, "%s unreachable - source route failed"},
	{6, "net %s unreachable - unknown"},
	{7, "host %s unreachable - unknown"},
	{8, "%s unreachable - source host isolated"},
	{9, "net %s unreachable - admin prohibited"},
	{10, "host %s unreachable - admin prohibited"},
	{11, "net %s unreachable - tos prohibited"},
	{12, "host %s unreachable - tos prohibited"},
	{13, "host %s unreachable - admin prohibited filter"},
	{14, "host %s unreachable - host precedence violation"},
	{15, "host %s unreachable - precedence cutoff"},
	{0, NULL},
};

static const np_tok redirect_fmts[] = {
	{0, "redirect %s to net %s"},
	{1, "redirect %s to host %s"},
	{2, "redirect-tos %s to net %s"},
	{3, "redirect-tos %s to host %s"},
	{0, NULL},
};

static const np_tok ext_object_names[] = {
	{1, "MPLS Stack Entry"}, {2, "Interface Identification"}, {0, NULL},
};

static int is_error_type(unsigned t)
{
	return t == ICMP_UNREACH || t == ICMP_SOURCEQUENCH || t == ICMP_REDIRECT ||
	       t == ICMP_TIMXCEED || t == ICMP_PARAMPROB;
}

static int has_mpls_ext(unsigned t)
{
	return t == ICMP_UNREACH || t == ICMP_TIMXCEED || t == ICMP_PARAMPROB;
}

static void tstamp_str(char *buf, size_t n, uint32_t t)
{
	unsigned ms = t % 1000, sec = t / 1000;
	unsigned min = sec / 60;
	sec -= min * 60;
	unsigned hrs = min / 60;
	min -= hrs * 60;
	snprintf(buf, n, "%02u:%02u:%02u.%03u", hrs, min, sec, ms);
}

/* Builds the summary of the message in buf; returns -1 where tcpdump checks the length
 * itself and prints " [|icmp]" without its truncation exit (so -x still skips the link
 * header). */
static int summary(np_ctx *c, const uint8_t *dp, unsigned type, unsigned code, char *buf,
		    size_t n)
{
	char a1[NP_ADDRSTRLEN * 4], a2[NP_ADDRSTRLEN * 4], pb[16];
	const uint8_t *oip = dp + 8; /* the quoted datagram */
	switch (type) {
	case ICMP_ECHO:
	case ICMP_ECHOREPLY:
		snprintf(buf, n, "echo %s, id %u, seq %u", type == ICMP_ECHO ? "request" : "reply",
			 np_be16(c, dp + 4), np_be16(c, dp + 6));
		break;
	case ICMP_UNREACH:
		switch (code) {
		case 0:
			snprintf(buf, n, "net %s unreachable", np_ipv4_str(c, oip + 16, a1));
			break;
		case 1:
			snprintf(buf, n, "host %s unreachable", np_ipv4_str(c, oip + 16, a1));
			break;
		case 2:
			snprintf(buf, n, "%s protocol %u unreachable", np_ipv4_str(c, oip + 16, a1),
				 np_u8(c, oip + 9));
			break;
		case 3: {
			if (!np_has(c, oip + 9, 1))
				return -1;
			unsigned hlen = (np_u8(c, oip) & 0xf) * 4u;
			unsigned dport = np_be16(c, oip + hlen + 2);
			unsigned proto = np_u8(c, oip + 9);
			const char *dst = np_ipv4_str(c, oip + 16, a1);
			if (proto == 6)
				snprintf(buf, n, "%s tcp port %s unreachable", dst,
					 np_tcpport_str(c, dport, pb));
			else if (proto == 17)
				snprintf(buf, n, "%s udp port %s unreachable", dst,
					 np_udpport_str(c, dport, pb));
			else
				snprintf(buf, n, "%s protocol %u port %u unreachable", dst, proto,
					 dport);
			break;
		}
		case 4: {
			unsigned mtu = np_be16(c, dp + 6);
			const char *dst = np_ipv4_str(c, oip + 16, a1);
			if (mtu)
				snprintf(buf, n, "%s unreachable - need to frag (mtu %u)", dst, mtu);
			else
				snprintf(buf, n, "%s unreachable - need to frag", dst);
			break;
		}
		default: {
			const char *fmt = np_tok_find(unreach_fmts, code);
			const char *dst = np_ipv4_str(c, oip + 16, a1);
			if (fmt)
				snprintf(buf, n, fmt, dst);
			else
				snprintf(buf, n, "%s unreachable - #%u", dst, code);
			break;
		}
		}
		break;
	case ICMP_REDIRECT: {
		const char *dst = np_ipv4_str(c, oip + 16, a1);
		const char *gw = np_ipv4_str(c, dp + 4, a2);
		const char *fmt = np_tok_find(redirect_fmts, code);
		if (fmt)
			snprintf(buf, n, fmt, dst, gw);
		else
			snprintf(buf, n, "redirect-#%u %s to %s", code, dst, gw);
		break;
	}
	case ICMP_ROUTERADVERT: {
		size_t used;
		if (!np_has(c, dp + 4, 4))
			return -1;
		unsigned num = np_u8(c, dp + 4), size = np_u8(c, dp + 5);
		unsigned life = np_be16(c, dp + 6);
		if (life < 60)
			snprintf(buf, n, "router advertisement lifetime %u", life);
		else if (life < 3600)
			snprintf(buf, n, "router advertisement lifetime %u:%02u", life / 60,
				 life % 60);
		else
			snprintf(buf, n, "router advertisement lifetime %u:%02u:%02u", life / 3600,
				 (life % 3600) / 60, life % 60);
		used = strlen(buf);
		snprintf(buf + used, n - used, " %u:", num);
		used = strlen(buf);
		if (size != 2) {
			snprintf(buf + used, n - used, " [size %u]", size);
			break;
		}
		for (const uint8_t *p = dp + 8; num > 0; num--, p += 8) {
			if (!np_has(c, p, 8))
				return -1;
			used = strlen(buf);
			if (n - used < 64)
				break;
			snprintf(buf + used, n - used, " {%s %u}", np_ipv4_str(c, p, a1),
				 np_be32(c, p + 4));
		}
		break;
	}
	case ICMP_TIMXCEED:
		if (!np_has(c, oip + 16, 4))
			return -1;
		if (code == 0)
			snprintf(buf, n, "time exceeded in-transit");
		else if (code == 1)
			snprintf(buf, n, "ip reassembly time exceeded");
		else
			snprintf(buf, n, "time exceeded-#%u", code);
		break;
	case ICMP_PARAMPROB:
		if (code)
			snprintf(buf, n, "parameter problem - code %u", code);
		else
			snprintf(buf, n, "parameter problem - octet %u", np_u8(c, dp + 4));
		break;
	case ICMP_MASKREPLY:
		snprintf(buf, n, "address mask is 0x%08x", np_be32(c, dp + 8));
		break;
	case ICMP_TSTAMP:
		snprintf(buf, n, "time stamp query id %u seq %u", np_be16(c, dp + 4),
			 np_be16(c, dp + 6));
		break;
	case ICMP_TSTAMPREPLY: {
		char t1[32], t2[32], t3[32];
		if (!np_has(c, dp + 16, 4))
			return -1;
		tstamp_str(t1, sizeof(t1), np_be32(c, dp + 8));
		tstamp_str(t2, sizeof(t2), np_be32(c, dp + 12));
		tstamp_str(t3, sizeof(t3), np_be32(c, dp + 16));
		snprintf(buf, n, "time stamp reply id %u seq %u: org %s, recv %s, xmit %s",
			 np_be16(c, dp + 4), np_be16(c, dp + 6), t1, t2, t3);
		break;
	}
	default: {
		const char *s = np_tok_find(type_names, type);
		if (s)
			snprintf(buf, n, "%s", s);
		else
			snprintf(buf, n, "type-#%u", type);
		break;
	}
	}
	return 0;
}

static void print_extensions(np_ctx *c, const uint8_t *dp, unsigned plen)
{
	const uint8_t *ext = dp + ICMP_EXTD_MINLEN;
	np_need(c, dp, ICMP_EXTD_MINLEN + 5);
	/* without a length field, an extension is assumed only if its checksum holds */
	if (np_u8(c, dp + 5) == 0 && np_has(c, ext, plen - ICMP_EXTD_MINLEN) &&
	    np_cksum_fold(np_cksum_add(ext, plen - ICMP_EXTD_MINLEN, 0)) != 0)
		return;
	unsigned version = np_u8(c, ext) >> 4;
	np_printf(c, "\n\tICMP Multi-Part extension v%u", version);
	if (version != 2) {
		np_puts(c, " packet not supported");
		return;
	}
	unsigned hlen = plen - ICMP_EXTD_MINLEN;
	if (np_has(c, ext, hlen)) {
		int bad = np_cksum_fold(np_cksum_add(ext, hlen, 0)) != 0;
		np_printf(c, ", checksum 0x%04x (%scorrect), length %u", np_be16(c, ext + 2),
			  bad ? "in" : "", hlen);
	}
	hlen -= 4;
	const uint8_t *obj = ext + 4;
	while (hlen > 4) {
		np_need(c, obj, 4);
		unsigned tlen = np_be16(c, obj), cls = np_u8(c, obj + 2), ctype = np_u8(c, obj + 3);
		obj += 4;
		const char *name = np_tok_find(ext_object_names, cls);
		np_printf(c, "\n\t  %s Object (%u), Class-Type: %u, length %u",
			  name ? name : "unknown", cls, ctype, tlen);
		hlen -= 4;
		if (cls == 0 || tlen < 4)
			return;
		tlen -= 4;
		if (cls == 1 && ctype == 1) {
			uint32_t raw = np_be32(c, obj);
			np_printf(c, "\n\t    label %u, tc %u", raw >> 12, (raw >> 9) & 7);
			if (raw & 0x100)
				np_puts(c, ", [S]");
			np_printf(c, ", ttl %u", raw & 0xff);
		} else {
			np_unknown_data(c, obj, "\n\t    ", tlen);
		}
		if (hlen < tlen)
			break;
		hlen -= tlen;
		obj += tlen;
	}
}

void np_icmp_print(np_ctx *c, const uint8_t *bp, unsigned plen, const uint8_t *ip, int frag)
{
	(void)ip;
	np_set_proto(c, "icmp");
	unsigned type = np_u8(c, bp), code = np_u8(c, bp + 1);
	char buf[1024];
	if (summary(c, bp, type, code, buf, sizeof(buf)) < 0) {
		np_print_trunc(c);
		return;
	}
	np_printf(c, "ICMP %s, length %u", buf, plen);
	if (c->o.vflag && !frag && np_has(c, bp, plen)) {
		uint16_t sum = np_cksum_fold(np_cksum_add(bp, plen, 0));
		if (sum != 0) {
			unsigned icmp_sum = np_be16(c, bp + 2);
			np_printf(c, " (wrong icmp cksum %x (->%x)!)", icmp_sum,
				  np_cksum_shouldbe(icmp_sum, sum));
		}
	}
	if (c->o.vflag && is_error_type(type)) {
		const uint8_t *oip = bp + 8;
		np_puts(c, "\n\t");
		unsigned olen = np_be16(c, oip + 2);
		const uint8_t *saved = np_narrow(c, oip, olen);
		np_ip_print(c, oip, olen);
		np_restore_snapend(c, saved);
	}
	np_set_proto(c, "icmp");
	if (c->o.vflag && plen > ICMP_EXTD_MINLEN && has_mpls_ext(type))
		print_extensions(c, bp, plen);
}
