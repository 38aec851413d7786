/* IPv4: header checks, -v details (tos/ECN, ttl, id, offset, flags, proto, length,
 * options, header checksum), fragments, and the hand-off to the payload printer.
 *
 * The snapshot end is narrowed to the datagram's total length, so link-layer padding is
 * never taken for payload.  A non-first fragment has no transport header: only the
 * addresses and the protocol are printed. */
#include <netdb.h>
#include <stdlib.h>

#include "capture/netprint.h"

#define IP_HDRLEN 20
#define IP_MF 0x2000
#define IP_DF 0x4000
#define IP_RES 0x8000
#define IP_OFFMASK 0x1fff

static const np_tok option_names[] = {
	{0, "EOL"}, {1, "NOP"}, {68, "timestamp"}, {130, "security"}, {7, "RR"},
	{137, "SSRR"}, {131, "LSRR"}, {148, "RA"}, {82, "traceroute"}, {0, NULL},
};

static const np_tok frag_bits[] = {
	{IP_MF, "+"}, {IP_DF, "DF"}, {IP_RES, "rsvd"}, {0, NULL},
};

/* RR, LSRR, SSRR: the recorded route; returns -1 when the addresses run out. */
static int print_route(np_ctx *c, const uint8_t *cp, unsigned length)
{
	if (length < 3) {
		np_printf(c, " [bad length %u]", length);
		return 0;
	}
	if ((length + 1) & 3)
		np_printf(c, " [bad length %u]", length);
	unsigned ptr = np_u8(c, cp + 2) - 1u;
	if (ptr < 3 || ((ptr + 1) & 3) || ptr > length + 1)
		np_printf(c, " [bad ptr %u]", np_u8(c, cp + 2));
	for (unsigned len = 3; len < length; len += 4) {
		if (!np_has(c, cp + len, 4))
			return -1;
		np_putc(c, ' ');
		np_print_ipv4(c, cp + len);
		if (ptr > len)
			np_putc(c, ',');
	}
	return 0;
}

static int print_timestamps(np_ctx *c, const uint8_t *cp, unsigned length)
{
	if (length < 4) {
		np_printf(c, "[bad length %u]", length);
		return 0;
	}
	np_puts(c, " TS{");
	unsigned flags = np_u8(c, cp + 3);
	unsigned hoplen = (flags & 0xf) != 0 ? 8 : 4;
	if ((length - 4) & (hoplen - 1))
		np_printf(c, "[bad length %u]", length);
	unsigned ptr = np_u8(c, cp + 2) - 1u;
	unsigned len = 0;
	if (ptr < 4 || ((ptr - 4) & (hoplen - 1)) || ptr > length + 1)
		np_printf(c, "[bad ptr %u]", np_u8(c, cp + 2));
	switch (flags & 0xf) {
	case 0: np_puts(c, "TSONLY"); break;
	case 1: np_puts(c, "TS+ADDR"); break;
	case 3: np_puts(c, "PRESPEC"); break;
	default:
		np_printf(c, "[bad ts type %u]", flags & 0xf);
		goto done;
	}
	const char *sep = " ";
	for (len = 4; len < length; len += hoplen) {
		if (ptr == len)
			sep = " ^ ";
		if (!np_has(c, cp + len, hoplen))
			return -1;
		np_printf(c, "%s%u@", sep, np_be32(c, cp + len + hoplen - 4));
		if (hoplen == 8)
			np_print_ipv4(c, cp + len);
		sep = " ";
	}
done:
	np_puts(c, ptr == len ? " ^ " : "");
	if (flags >> 4)
		np_printf(c, " [%u hops not recorded]} ", flags >> 4);
	else
		np_putc(c, '}');
	return 0;
}

/* Returns -1 when an option is cut by the capture. */
static int print_options(np_ctx *c, const uint8_t *cp, unsigned length)
{
	const char *sep = "";
	unsigned option_len;
	for (; length > 0; cp += option_len, length -= option_len) {
		np_puts(c, sep);
		sep = ",";
		unsigned code = np_u8(c, cp);
		const char *name = np_tok_find(option_names, code);
		if (name)
			np_puts(c, name);
		else
			np_printf(c, "unknown %u", code);
		if (code == 0 || code == 1) {
			option_len = 1;
		} else {
			option_len = np_u8(c, cp + 1);
			if (option_len < 2) {
				np_printf(c, " [bad length %u]", option_len);
				return 0;
			}
		}
		if (option_len > length) {
			np_printf(c, " [bad length %u]", option_len);
			return 0;
		}
		if (!np_has(c, cp, option_len))
			return -1;
		switch (code) {
		case 0:
			return 0;
		case 68:
			if (print_timestamps(c, cp, option_len) < 0)
				return -1;
			break;
		case 7:
		case 131:
		case 137:
			if (print_route(c, cp, option_len) < 0)
				return -1;
			break;
		case 148:
			if (option_len < 4) {
				np_printf(c, " [bad length %u]", option_len);
				break;
			}
			if (np_be16(c, cp + 2) != 0)
				np_printf(c, " value %u", np_be16(c, cp + 2));
			break;
		default:
			break;
		}
	}
	return 0;
}

/* The final destination of a source-routed datagram (LSRR/SSRR), else the header's. */
static const uint8_t *final_dst(np_ctx *c, const uint8_t *ip)
{
	unsigned length = (np_u8(c, ip) & 0xf) * 4u;
	if (length < IP_HDRLEN)
		return ip + 16;
	length -= IP_HDRLEN;
	const uint8_t *cp = ip + IP_HDRLEN;
	unsigned len;
	for (; length != 0; cp += len, length -= len) {
		unsigned tt = np_u8(c, cp);
		if (tt == 0)
			break;
		if (tt == 1) {
			len = 1;
		} else {
			len = np_u8(c, cp + 1);
			if (len < 2)
				break;
		}
		if (length < len)
			break;
		np_need(c, cp, len);
		if ((tt == 131 || tt == 137) && len >= 7)
			return cp + len - 4;
	}
	return ip + 16;
}

uint16_t np_ip_pseudo_cksum(np_ctx *c, const uint8_t *ip, const uint8_t *data, unsigned len,
			    unsigned proto)
{
	const uint8_t *dst = (np_u8(c, ip) & 0xf) == 5 ? ip + 16 : final_dst(c, ip);
	np_need(c, ip + 12, 4);
	np_need(c, dst, 4);
	np_need(c, data, len);
	uint32_t sum = np_cksum_add(ip + 12, 4, 0);
	sum = np_cksum_add(dst, 4, sum);
	sum += proto + (len & 0xffff);
	return np_cksum_fold(np_cksum_add(data, len, sum));
}

static void print_addrs(np_ctx *c, const uint8_t *ip)
{
	np_print_ipv4(c, ip + 12);
	np_puts(c, " > ");
	np_print_ipv4(c, ip + 16);
}

/* The name the protocols database gives (without -n), as tcpdump's netdb_protoname. */
static const char *netdb_name(unsigned proto, char *buf, size_t n)
{
	struct protoent pe, *res = NULL;
	char tmp[1024];
	if (getprotobynumber_r((int)proto, &pe, tmp, sizeof(tmp), &res) != 0 || !res)
		return NULL;
	snprintf(buf, n, "%s", res->p_name);
	return buf;
}

void np_ip_proto_fallback(np_ctx *c, unsigned proto)
{
	char buf[64];
	const char *name = c->o.nflag ? NULL : netdb_name(proto, buf, sizeof(buf));
	if (name)
		np_printf(c, " %s", name);
	else
		np_printf(c, " ip-proto-%u", proto);
}

void np_ip_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_set_proto(c, "ip");
	unsigned version = np_u8(c, bp) >> 4;
	if (version != 4) {
		if (version == 6)
			np_puts(c, "IP6, wrong link-layer encapsulation");
		else
			np_printf(c, "IP%u", version);
		np_print_invalid(c);
		return;
	}
	if (!c->o.eflag)
		np_puts(c, "IP ");
	/* tcpdump leaves here without its truncation exit: the dump skips the link header */
	if (!np_has(c, bp, IP_HDRLEN)) {
		np_print_trunc(c);
		return;
	}
	if (length < IP_HDRLEN) {
		np_printf(c, "truncated-ip %u", length);
		return;
	}
	unsigned hlen = (np_u8(c, bp) & 0xf) * 4u;
	if (hlen < IP_HDRLEN) {
		np_printf(c, "bad-hlen %u", hlen);
		return;
	}
	unsigned len = np_be16(c, bp + 2);
	if (length < len)
		np_printf(c, "truncated-ip - %u bytes missing! ", len - length);
	if (len < hlen) {
		np_printf(c, "bad-len %u", len);
		return;
	}
	const uint8_t *saved_end = np_narrow(c, bp, len);
	len -= hlen;
	unsigned off = np_be16(c, bp + 6);
	unsigned proto = np_u8(c, bp + 9);

	if (c->o.vflag) {
		unsigned tos = np_u8(c, bp + 1);
		static const char *const ecn[] = {"", ",ECT(1)", ",ECT(0)", ",CE"};
		np_printf(c, "(tos 0x%x%s", tos, ecn[tos & 3]);
		unsigned ttl = np_u8(c, bp + 8);
		if (ttl >= 1)
			np_printf(c, ", ttl %u", ttl);
		np_printf(c, ", id %u, offset %u, flags [", np_be16(c, bp + 4),
			  (off & IP_OFFMASK) * 8);
		np_print_bits(c, frag_bits, ", ", off & (IP_RES | IP_DF | IP_MF));
		const char *pname = np_ipproto_name(proto);
		np_printf(c, "], proto %s (%u)", pname ? pname : "unknown", proto);
		np_printf(c, ", length %u", np_be16(c, bp + 2));
		int truncated = 0;
		if (hlen > IP_HDRLEN) {
			np_puts(c, ", options (");
			if (print_options(c, bp + IP_HDRLEN, hlen - IP_HDRLEN) < 0) {
				np_puts(c, " [truncated-option]");
				truncated = 1;
			}
			np_putc(c, ')');
		}
		if (np_has(c, bp, hlen)) {
			uint16_t sum = np_cksum_fold(np_cksum_add(bp, hlen, 0));
			if (sum != 0) {
				unsigned ip_sum = np_be16(c, bp + 10);
				np_printf(c, ", bad cksum %x (->%x)!", ip_sum,
					  np_cksum_shouldbe(ip_sum, sum));
			}
		}
		np_puts(c, ")\n    ");
		if (truncated) {
			print_addrs(c, bp);
			np_puts(c, ": ");
			np_print_trunc(c);
			np_restore_snapend(c, saved_end);
			return;
		}
	}

	if ((off & IP_OFFMASK) == 0) {
		/* TCP, UDP, SCTP and DCCP print the addresses with their ports, when they have a
		 * printer */
		const np_ipproto_entry *e = np_find_ipproto(proto);
		int own_addrs = (proto == 6 || proto == 17 || proto == 132 || proto == 33) && e &&
				e->fn;
		if (!own_addrs) {
			print_addrs(c, bp);
			np_puts(c, ": ");
		}
		if (!np_has(c, bp, hlen)) {
			np_printf(c, " [remaining caplen(%u) < header length(%u)]", np_avail(c, bp),
				  hlen);
			np_trunc(c);
		}
		np_ipproto_dispatch(c, proto, bp + hlen, len, bp, (off & IP_MF) != 0);
	} else {
		if (c->o.qflag > 1) {
			np_restore_snapend(c, saved_end);
			return;
		}
		print_addrs(c, bp);
		np_putc(c, ':');
		np_ip_proto_fallback(c, proto);
	}
	np_restore_snapend(c, saved_end);
}

void np_ipip_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	np_ip_print(c, bp, length);
}

void np_ip6ip_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	np_ip6_print(c, bp, length);
}
