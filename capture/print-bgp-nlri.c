/* BGP NLRI (print-bgp.c's other half): route distinguishers and the prefix decoders of every
 * address family tcpdump 4.99.3 decodes (IPv4/IPv6 unicast, labeled, VPN, RT-constraint, MDT,
 * multicast VPN, NSAP/CLNP, L2VPN/VPLS), the NLRI walk of MP reach/unreach with tcpdump's
 * add-path guess, and the MP next hops.  Reads go through the GET_-style accessors of
 * print-bgp.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "capture/print-bgp.h"

static const np_tok mvpn_names[] = {
	{1, "Intra-AS I-PMSI"}, {2, "Inter-AS I-PMSI"}, {3, "S-PMSI"},
	{4, "Intra-AS Segment-Leaf"}, {5, "Source-Active"}, {6, "Shared Tree Join"},
	{7, "Source Tree Join"}, {0, NULL},
};

/* isonsap_string */
static void nsap_fmt(char *out, const uint8_t *a, unsigned n)
{
	static const char hx[] = "0123456789abcdef";
	char *o = out;
	if (n < 1 || n > 20) {
		strcpy(out, "illegal NSAP length");
		return;
	}
	for (unsigned i = 0; i < n; i++) {
		*o++ = hx[a[i] >> 4];
		*o++ = hx[a[i] & 15];
		if ((i & 1) == 0 && i + 1 < n)
			*o++ = '.';
	}
	*o = '\0';
}

static void mask_tail(uint8_t *a, unsigned plen)
{
	if (plen % 8)
		a[(plen + 7) / 8 - 1] &= (uint8_t)((0xff00 >> (plen % 8)) & 0xff);
}

/* ---- route distinguishers, prefixes ----------------------------------------------- */

static const char *rd_str(np_ctx *c, const uint8_t *p, char *rd, size_t n)
{
	switch (bgp_g16(c, p)) {
	case 0:
		snprintf(rd, n, "%u:%u (= %u.%u.%u.%u)", bgp_g16(c, p + 2), bgp_g32(c, p + 4), bgp_g8(c, p + 4),
			 bgp_g8(c, p + 5), bgp_g8(c, p + 6), bgp_g8(c, p + 7));
		break;
	case 1:
		snprintf(rd, n, "%u.%u.%u.%u:%u", bgp_g8(c, p + 2), bgp_g8(c, p + 3), bgp_g8(c, p + 4),
			 bgp_g8(c, p + 5), bgp_g16(c, p + 6));
		break;
	case 2:
		snprintf(rd, n, "%u:%u (%u.%u.%u.%u:%u)", bgp_g32(c, p + 2), bgp_g16(c, p + 6), bgp_g8(c, p + 2),
			 bgp_g8(c, p + 3), bgp_g8(c, p + 4), bgp_g8(c, p + 5), bgp_g16(c, p + 6));
		break;
	default:
		snprintf(rd, n, "unknown RD format");
		break;
	}
	return rd;
}

static const char *bottom(np_ctx *c, const uint8_t *p)
{
	return (bgp_g8(c, p) & 1) ? "(bottom)" : "(BOGUS: Bottom of Stack NOT set!)";
}

/* A plain IPv4 (v6 0) or IPv6 prefix: its length in bits, then only the bytes that covers.
 * The size, -1 illegal length, -2 too short for itemlen. */
static int prefix(np_ctx *c, const uint8_t *p, unsigned itemlen, int v6, char *buf, size_t n)
{
	uint8_t a[16] = {0};
	char s[NP_ADDRSTRLEN];
	if (itemlen < 1)
		return -2;
	unsigned plen = bgp_g8(c, p);
	if (plen > (v6 ? 128u : 32u))
		return -1;
	itemlen--;
	unsigned nb = (plen + 7) / 8;
	if (itemlen < nb)
		return -2;
	bgp_need(c, p + 1, nb);
	memcpy(a, p + 1, nb);
	mask_tail(a, plen);
	snprintf(buf, n, "%s/%u", v6 ? np_fmt_ipv6(s, a) : np_fmt_ipv4(s, a), plen);
	return 1 + (int)nb;
}

int bgp_prefix4(np_ctx *c, const uint8_t *p, unsigned itemlen, char *buf, size_t n)
{
	return prefix(c, p, itemlen, 0, buf, n);
}

/* The text of a VPN prefix (RFC 4364): route distinguisher, prefix, then the MPLS label of the
 * 3 bytes after the length byte at p, with its bottom-of-stack check. */
static void vpn_prefix_fmt(np_ctx *c, const uint8_t *p, const char *addr, unsigned plen,
			   char *buf, size_t n)
{
	char rd[64];
	rd_str(c, p + 4, rd, sizeof(rd));
	snprintf(buf, n, "RD: %s, %s/%u, label:%u %s", rd, addr, plen, bgp_g24(c, p + 1) >> 4,
		 bottom(c, p + 3));
}

/* -1 illegal, -2 truncated, -3 too short for itemlen */
static int labeled_prefix(np_ctx *c, const uint8_t *p, unsigned itemlen, int v6, char *buf,
			  size_t n)
{
	uint8_t a[16] = {0};
	char s[NP_ADDRSTRLEN];
	if (!np_has(c, p, 4))
		return -2;
	if (itemlen < 4)
		return -3;
	unsigned plen = bgp_g8(c, p);
	if (plen < 24)
		return -1;
	plen -= 24;
	if (plen > (v6 ? 128u : 32u))
		return -1;
	itemlen -= 4;
	unsigned nb = (plen + 7) / 8;
	if (!v6 && itemlen < nb)
		return -3;
	bgp_need(c, p + 4, nb);
	memcpy(a, p + 4, nb);
	mask_tail(a, plen);
	unsigned label = bgp_g24(c, p + 1) >> 4;
	snprintf(buf, n, "%s/%u, label:%u %s", v6 ? np_fmt_ipv6(s, a) : np_fmt_ipv4(s, a), plen,
		 label, bottom(c, p + 3));
	return 4 + (int)nb;
}

static int labeled_vpn_prefix(np_ctx *c, const uint8_t *p, int v6, char *buf, size_t n)
{
	uint8_t a[16] = {0};
	char s[NP_ADDRSTRLEN];
	unsigned plen = bgp_g8(c, p);
	if (plen < 24 + 64)
		return -1;
	plen -= 24 + 64;
	if (plen > (v6 ? 128u : 32u))
		return -1;
	unsigned nb = (plen + 7) / 8;
	bgp_need(c, p + 12, nb);
	memcpy(a, p + 12, nb);
	mask_tail(a, plen);
	vpn_prefix_fmt(c, p, v6 ? np_fmt_ipv6(s, a) : np_fmt_ipv4(s, a), plen, buf, n);
	return 12 + (int)nb;
}

static int clnp_prefix(np_ctx *c, const uint8_t *p, int vpn, char *buf, size_t n)
{
	uint8_t a[19] = {0};
	char s[64];
	unsigned plen = bgp_g8(c, p);
	if (vpn) {
		if (plen < 24 + 64)
			return -1;
		plen -= 24 + 64;
	}
	if (plen > 152)
		return -1;
	unsigned nb = (plen + 7) / 8;
	const uint8_t *src = p + (vpn ? 12 : 4);
	bgp_need(c, src, nb);
	memcpy(a, src, nb);
	mask_tail(a, plen);
	nsap_fmt(s, a, nb);
	if (!vpn) {
		snprintf(buf, n, "%s/%u", s, plen);
		return 1 + (int)nb;
	}
	vpn_prefix_fmt(c, p, s, plen, buf, n);
	return 12 + (int)nb;
}

/* RFC 4684 membership NLRI; prints itself */
static int rt_routing_info(np_ctx *c, const uint8_t *p)
{
	uint8_t rt[8] = {0};
	unsigned plen = bgp_g8(c, p);
	if (plen == 0) {
		np_puts(c, "\n\t      default route target");
		return 1;
	}
	if (plen < 32) {
		np_puts(c, "\n\t      (illegal prefix length)");
		return -1;
	}
	uint32_t as = bgp_g32(c, p + 1);
	plen -= 32;
	if (plen > 64) {
		np_puts(c, "\n\t      (illegal prefix length)");
		return -1;
	}
	unsigned nb = (plen + 7) / 8;
	bgp_need(c, p + 5, nb);
	memcpy(rt, p + 5, nb);
	mask_tail(rt, plen);
	char hex[24] = "";
	size_t hl = 0;
	for (unsigned i = 0; i < nb; i++)
		hl += (size_t)snprintf(hex + hl, sizeof(hex) - hl, "%02x%s", rt[i],
				       (i % 2 == 1 && i < nb - 1) ? " " : "");
	np_printf(c, "\n\t      origin AS: %u, ", as);
	unsigned type = (unsigned)rt[0] << 8 | rt[1];
	if (plen == 0)
		np_puts(c, "route-target: 0:0/0");
	else if (plen < 16)
		np_printf(c, "route-target: partial-type: (%s/%u)", hex, plen);
	else if (type == 0x0002)
		np_printf(c, "route-target: %u:%u/%u (%s)", (unsigned)rt[2] << 8 | rt[3],
			  (unsigned)rt[4] << 24 | (unsigned)rt[5] << 16 | (unsigned)rt[6] << 8 | rt[7],
			  plen, hex);
	else if (type == 0x0102)
		np_printf(c, "route-target: %u.%u.%u.%u:%u/%u (%s)", rt[2], rt[3], rt[4], rt[5],
			  (unsigned)rt[6] << 8 | rt[7], plen, hex);
	else if (type == 0x0202)
		np_printf(c, "route-target: %u:%u/%u (%s)",
			  (unsigned)rt[2] << 24 | (unsigned)rt[3] << 16 | (unsigned)rt[4] << 8 | rt[5],
			  (unsigned)rt[6] << 8 | rt[7], plen, hex);
	else
		np_printf(c, "route target: unknown-type(%04x) (%s/%u)", type, hex, plen);
	return 5 + (int)nb;
}

static int mdt_vpn(np_ctx *c, const uint8_t *p, char *buf, size_t n)
{
	char rd[64], a[NP_ADDRSTRLEN], g[NP_ADDRSTRLEN];
	if (bgp_g8(c, p) != 16 * 8)
		return -1;
	p++;
	if (!np_has(c, p, 8))
		return -2;
	rd_str(c, p, rd, sizeof(rd));
	bgp_ip4s(c, p + 8, a);
	bgp_ip4s(c, p + 12, g);
	snprintf(buf, n, "RD: %s, VPN IP Address: %s, MC Group Address: %s", rd, a, g);
	return 17;
}

static const char *vpn_ip(np_ctx *c, const uint8_t *p, unsigned bits_len, char *out, size_t n)
{
	char s[NP_ADDRSTRLEN];
	if (bits_len == 32)
		snprintf(out, n, "%s", bgp_ip4s(c, p, s));
	else if (bits_len == 128)
		snprintf(out, n, "%s", bgp_ip6s(c, p, s));
	else
		snprintf(out, n, "bogus address length %u", bits_len);
	return out;
}

/* Appends to the text in buf (n bytes in all), cut at the end as snprintf cuts */
static void append(char *buf, size_t n, const char *fmt, ...) NP_PRINTF(3, 4);
static void append(char *buf, size_t n, const char *fmt, ...)
{
	size_t o = strlen(buf);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + o, n - o, fmt, ap);
	va_end(ap);
}

/* The multicast source and group of a route (each a bit length, then the address); what they
 * take, as far as the capture holds them. */
static unsigned mvpn_sg(np_ctx *c, const uint8_t *p, char *buf, size_t n)
{
	static const char *const what[] = {"Source", "Group"};
	char s[64];
	unsigned total = 0;
	for (size_t i = 0; i < 2; i++) {
		unsigned al = bgp_g8(c, p++);
		if (!np_has(c, p, al >> 3))
			return total;
		total += (al >> 3) + 1;
		if (al)
			append(buf, n, ", %s %s", what[i], vpn_ip(c, p, al, s, sizeof(s)));
		p += al >> 3;
	}
	return total;
}

/* A multicast VPN route (RFC 6514).  Every type decoded starts with a route distinguisher;
 * types 2, 6 and 7 follow it with the source AS. */
static int mvpn(np_ctx *c, const uint8_t *p, char *buf, size_t n)
{
	char rd[64], s[64];
	unsigned type = bgp_g8(c, p), rlen = bgp_g8(c, p + 1);
	p += 2;
	snprintf(buf, n, "Route-Type: %s (%u), length: %u", bgp_tok(mvpn_names, "Unknown", type), type,
		 rlen);
	if (type == 0 || type == 4 || type > 7)
		return (int)rlen + 2;
	int with_as = type == 2 || type >= 6;
	if (!np_has(c, p, with_as ? 12 : 8))
		return -2;
	rd_str(c, p, rd, sizeof(rd));
	append(buf, n, ", RD: %s", rd);
	if (with_as)
		append(buf, n, ", Source-AS %u", bgp_g32(c, p + 8));
	switch (type) {
	case 1:
		append(buf, n, ", Originator %s", vpn_ip(c, p + 8, (rlen - 8) << 3, s, sizeof(s)));
		break;
	case 3: {
		p += 8;
		unsigned al = rlen - mvpn_sg(c, p, buf, n);
		if (!np_has(c, p, al))
			return -2;
		append(buf, n, ", Originator %s", vpn_ip(c, p, al << 3, s, sizeof(s)));
		break;
	}
	case 5:
		mvpn_sg(c, p + 8, buf, n);
		break;
	case 6:
	case 7:
		mvpn_sg(c, p + 12, buf, n);
		break;
	}
	return (int)rlen + 2;
}

static void bufcat(char **b, size_t *n, const char *fmt, ...) NP_PRINTF(3, 4);
static void bufcat(char **b, size_t *n, const char *fmt, ...)
{
	if (*n == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(*b, *n, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k > *n) {
		*n = 0;
	} else {
		*n -= (size_t)k;
		*b += k;
	}
}

static int labeled_vpn_l2(np_ctx *c, const uint8_t *p, char *buf, size_t n)
{
	char rd[64], s[NP_ADDRSTRLEN];
	unsigned plen = bgp_g16(c, p), tlen = plen;
	p += 2;
	if (plen == 12) {
		if (!np_has(c, p, 12))
			return -2;
		buf[0] = '\0';
		rd_str(c, p, rd, sizeof(rd));
		bufcat(&buf, &n, "RD: %s, BGPNH: %s", rd, bgp_ip4s(c, p + 8, s));
		return (int)plen + 2;
	}
	if (plen <= 17)
		return -2;
	if (!np_has(c, p, 15))
		return -2;
	buf[0] = '\0';
	rd_str(c, p, rd, sizeof(rd));
	bufcat(&buf, &n, "RD: %s, CE-ID: %u, Label-Block Offset: %u, Label Base %u", rd,
	       bgp_g16(c, p + 8), bgp_g16(c, p + 10), bgp_g24(c, p + 12) >> 4);
	p += 15;
	tlen -= 15;
	while (tlen != 0) {
		if (tlen < 3) {
			bufcat(&buf, &n, "\n\t\tran past the end");
			return (int)plen + 2;
		}
		unsigned type = bgp_g8(c, p);
		unsigned tl = bgp_g16(c, p + 1), tbytes = (tl + 7) / 8;
		p += 3;
		if (type == 1) {
			bufcat(&buf, &n, "\n\t\tcircuit status vector (%u) length: %u: 0x", type, tl);
			while (tbytes != 0) {
				if (tlen < 1) {
					bufcat(&buf, &n, " (ran past the end)");
					return (int)plen + 2;
				}
				if (!np_has(c, p, 1))
					return -2;
				if (n != 0) {
					bufcat(&buf, &n, "%02x", bgp_g8(c, p));
					p++;
				}
				tbytes--;
				tlen--;
			}
		} else {
			bufcat(&buf, &n, "\n\t\tunknown TLV #%u, length: %u", type, tl);
			if (tlen < tbytes) {
				bufcat(&buf, &n, " (ran past the end)");
				return (int)plen + 2;
			}
			tlen -= tbytes;
		}
	}
	return (int)plen + 2;
}

/* ---- MP reach / unreach ------------------------------------------------------------ */

static int af_supported(unsigned afs)
{
	switch (afs) {
	case AFS(AF_IP, S_UNI): case AFS(AF_IP, S_MULTI): case AFS(AF_IP, S_UNIMULTI):
	case AFS(AF_IP, S_LABUNI): case AFS(AF_IP, S_RT): case AFS(AF_IP, S_VPNUNI):
	case AFS(AF_IP, S_VPNMULTI): case AFS(AF_IP, S_VPNUNIMULTI): case AFS(AF_IP, S_MVPN):
	case AFS(AF_IP, S_MDT): case AFS(AF_IP6, S_UNI): case AFS(AF_IP6, S_MULTI):
	case AFS(AF_IP6, S_UNIMULTI): case AFS(AF_IP6, S_LABUNI): case AFS(AF_IP6, S_VPNUNI):
	case AFS(AF_IP6, S_VPNMULTI): case AFS(AF_IP6, S_VPNUNIMULTI):
	case AFS(AF_NSAP, S_UNI): case AFS(AF_NSAP, S_MULTI): case AFS(AF_NSAP, S_UNIMULTI):
	case AFS(AF_NSAP, S_VPNUNI): case AFS(AF_NSAP, S_VPNMULTI):
	case AFS(AF_NSAP, S_VPNUNIMULTI): case AFS(AF_L2VPN, S_VPNUNI):
	case AFS(AF_L2VPN, S_VPNMULTI): case AFS(AF_L2VPN, S_VPNUNIMULTI):
	case AFS(AF_VPLS, S_VPLS):
		return 1;
	default:
		return 0;
	}
}

/* 0 decodable, -1 not (already reported), -2 truncated */
int bgp_mp_af_print(np_ctx *c, const uint8_t *p, unsigned tlen, unsigned *af,
		       unsigned *safi)
{
	*af = bgp_g16(c, p);
	*safi = bgp_g8(c, p + 2);
	np_printf(c, "\n\t    AFI: %s (%u), %sSAFI: %s (%u)",
		  bgp_tok(bgp_af_names, "Unknown AFI", *af), *af,
		  *safi > 128 ? "vendor specific " : "", bgp_tok(bgp_safi_names, "Unknown SAFI", *safi),
		  *safi);
	if (af_supported(AFS(*af, *safi)))
		return 0;
	if (!np_has(c, p, tlen))
		return -2;
	np_printf(c, "\n\t    no AFI %u / SAFI %u decoder", *af, *safi);
	if (c->o.vflag <= 1)
		np_unknown_data(c, p, "\n\t    ", tlen);
	return -1;
}

int bgp_check_add_path(np_ctx *c, const uint8_t *p, unsigned length, unsigned maxlen)
{
	unsigned off, pl;
	if (length < 5)
		return 0;
	for (off = 0; off < length;) {
		off += 4;
		if (!np_has(c, p + off, 1))
			break;
		pl = p[off];
		if (pl > maxlen)
			return 0;
		off += 1 + (pl + 7) / 8;
	}
	if (off > length)
		return 0;
	for (off = 0; off < length;) {
		if (!np_has(c, p + off, 1))
			break;
		pl = p[off];
		if (pl < 1 || pl > maxlen)
			return 1;
		off += 1 + (pl + 7) / 8;
	}
	if (off > length)
		return 1;
	return 0;
}

/* How tcpdump reports a decoded item: -1 as the illegal-length note, a size as the text in
 * buf, other failures (truncated, too short for the attribute) silently.  Returns adv. */
static int report(np_ctx *c, int adv, const char *buf, const char *illegal)
{
	if (adv == -1)
		np_printf(c, "\n\t    (%s)", illegal);
	else if (adv >= 0)
		np_printf(c, "\n\t      %s", buf);
	return adv;
}

int bgp_nlri_print(np_ctx *c, unsigned af, unsigned safi, const uint8_t *p, unsigned len,
		   int ap4, int ap6)
{
	char buf[512];
	int adv;
	const char *illegal = "illegal prefix length";
	switch (AFS(af, safi)) {
	case AFS(AF_IP, S_UNI): case AFS(AF_IP, S_MULTI): case AFS(AF_IP, S_UNIMULTI):
	case AFS(AF_IP6, S_UNI): case AFS(AF_IP6, S_MULTI): case AFS(AF_IP6, S_UNIMULTI): {
		int ap = af == AF_IP ? ap4 : ap6;
		uint32_t path_id = 0;
		if (ap) {
			path_id = bgp_g32(c, p);
			p += 4;
		}
		adv = report(c, prefix(c, p, len, af == AF_IP6, buf, sizeof(buf)), buf, illegal);
		if (ap && adv != -2) {
			np_printf(c, "   Path Id: %u", path_id);
			adv += 4;
		}
		return adv;
	}
	case AFS(AF_IP, S_LABUNI): case AFS(AF_IP6, S_LABUNI):
		adv = labeled_prefix(c, p, len, af == AF_IP6, buf, sizeof(buf));
		break;
	case AFS(AF_IP, S_VPNUNI): case AFS(AF_IP, S_VPNMULTI): case AFS(AF_IP, S_VPNUNIMULTI):
	case AFS(AF_IP6, S_VPNUNI): case AFS(AF_IP6, S_VPNMULTI): case AFS(AF_IP6, S_VPNUNIMULTI):
		adv = labeled_vpn_prefix(c, p, af == AF_IP6, buf, sizeof(buf));
		break;
	case AFS(AF_IP, S_RT):
		return rt_routing_info(c, p);
	case AFS(AF_IP, S_MVPN): case AFS(AF_IP6, S_MVPN):
	case AFS(AF_IP, S_MDT):
		adv = safi == S_MDT ? mdt_vpn(c, p, buf, sizeof(buf)) : mvpn(c, p, buf, sizeof(buf));
		break;
	case AFS(AF_VPLS, S_VPLS): case AFS(AF_L2VPN, S_VPNUNI): case AFS(AF_L2VPN, S_VPNMULTI):
	case AFS(AF_L2VPN, S_VPNUNIMULTI):
		adv = labeled_vpn_l2(c, p, buf, sizeof(buf));
		illegal = "illegal length";
		break;
	case AFS(AF_NSAP, S_UNI): case AFS(AF_NSAP, S_MULTI): case AFS(AF_NSAP, S_UNIMULTI):
	case AFS(AF_NSAP, S_VPNUNI): case AFS(AF_NSAP, S_VPNMULTI): case AFS(AF_NSAP, S_VPNUNIMULTI):
		adv = clnp_prefix(c, p, safi >= S_VPNUNI, buf, sizeof(buf));
		break;
	default:
		np_printf(c, "\n\t    ERROR: no AFI %u / SAFI %u decoder", af, safi);
		return -4;
	}
	return report(c, adv, buf, illegal);
}

/* the next-hop list of an MP_REACH; 0 when tcpdump jumps to its "done" label */
int bgp_nexthops(np_ctx *c, unsigned af, unsigned safi, const uint8_t **pp, unsigned *tlen,
		    unsigned nhlen)
{
	const uint8_t *p = *pp;
	char s[NP_ADDRSTRLEN], rd[64], ns[64];
	unsigned nnh = 0, left = nhlen;
	np_puts(c, "\n\t    nexthop: ");
	while (left != 0) {
		if (nnh++ > 0)
			np_puts(c, ", ");
		unsigned want = 0, rdl = 0;
		int v6 = 0;
		switch (AFS(af, safi)) {
		case AFS(AF_IP, S_UNI): case AFS(AF_IP, S_MULTI): case AFS(AF_IP, S_UNIMULTI):
		case AFS(AF_IP, S_LABUNI): case AFS(AF_IP, S_RT): case AFS(AF_IP, S_MVPN):
		case AFS(AF_IP, S_MDT): case AFS(AF_VPLS, S_VPLS): case AFS(AF_L2VPN, S_VPNUNI):
		case AFS(AF_L2VPN, S_VPNMULTI): case AFS(AF_L2VPN, S_VPNUNIMULTI):
			want = 4;
			break;
		case AFS(AF_IP, S_VPNUNI): case AFS(AF_IP, S_VPNMULTI): case AFS(AF_IP, S_VPNUNIMULTI):
			want = 12, rdl = 8;
			break;
		case AFS(AF_IP6, S_UNI): case AFS(AF_IP6, S_MULTI): case AFS(AF_IP6, S_UNIMULTI):
		case AFS(AF_IP6, S_LABUNI):
			want = 16, v6 = 1;
			break;
		case AFS(AF_IP6, S_VPNUNI): case AFS(AF_IP6, S_VPNMULTI):
		case AFS(AF_IP6, S_VPNUNIMULTI):
			want = 24, rdl = 8, v6 = 1;
			break;
		case AFS(AF_NSAP, S_UNI): case AFS(AF_NSAP, S_MULTI): case AFS(AF_NSAP, S_UNIMULTI):
			bgp_need(c, p, left);
			nsap_fmt(ns, p, left);
			np_puts(c, ns);
			p += left, *tlen -= left, left = 0;
			continue;
		case AFS(AF_NSAP, S_VPNUNI): case AFS(AF_NSAP, S_VPNMULTI):
		case AFS(AF_NSAP, S_VPNUNIMULTI):
			if (left < 9) {
				np_puts(c, "invalid len");
			} else {
				if (!np_has(c, p, left)) {
					*pp = p;
					return -1;
				}
				rd_str(c, p, rd, sizeof(rd));
				nsap_fmt(ns, p + 8, left - 8);
				np_printf(c, "RD: %s, %s", rd, ns);
				if (bgp_g32(c, p + 8) == 0x47000601)
					np_printf(c, " = %s", bgp_ip4s(c, p + 12, s));
				else if (bgp_g24(c, p + 8) == 0x350000)
					np_printf(c, " = %s", bgp_ip6s(c, p + 11, s));
			}
			p += left, *tlen -= left, left = 0;
			continue;
		default:
			np_printf(c, "ERROR: no AFI %u/SAFI %u nexthop decoder", af, safi);
			p += left, *tlen -= left;
			*pp = p;
			return 0;
		}
		if (left < want) {
			np_puts(c, "invalid len");
			p += left, *tlen -= left, left = 0;
			continue;
		}
		if (rdl) {
			rd_str(c, p, rd, sizeof(rd));
			np_printf(c, "RD: %s, %s", rd, v6 ? bgp_ip6s(c, p + rdl, s) : bgp_ip4s(c, p + rdl, s));
		} else {
			np_puts(c, v6 ? bgp_ip6s(c, p, s) : bgp_ip4s(c, p, s));
		}
		p += want, *tlen -= want, left -= want;
	}
	*pp = p;
	return 1;
}
