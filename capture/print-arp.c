/* ARP and RARP (RFC 826/903, inverse ARP RFC 2390).
 *
 * Only IPv4-over-anything is decoded in full; other protocol types or lengths print the
 * hardware/protocol header, as tcpdump does, and the addresses only with -v. */
#include "capture/netprint.h"

#define ARP_HDRLEN 8

static const np_tok hrd_names[] = {
	{1, "Ethernet"}, {6, "TokenRing"}, {7, "ArcNet"}, {15, "FrameRelay"},
	{23, "Strip"}, {24, "IEEE 1394"}, {19, "ATM"}, {32, "InfiniBand"}, {0, NULL},
};

static const np_tok op_names[] = {
	{1, "Request"}, {2, "Reply"}, {3, "Reverse Request"}, {4, "Reverse Reply"},
	{8, "Inverse Request"}, {9, "Inverse Reply"}, {10, "NACK Reply"}, {0, NULL},
};

static int is_ip_proto(unsigned pro) { return pro == 0x0800 || pro == 0x1000; }

/* A link address: a MAC for 6-byte Ethernet-style addresses, hex bytes otherwise. */
static void linkaddr_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	if (len == 0) {
		np_puts(c, "<empty>");
		return;
	}
	np_need(c, p, len);
	if (len == 6) {
		np_print_mac(c, p);
		return;
	}
	for (unsigned i = 0; i < len; i++)
		np_printf(c, i ? ":%02x" : "%02x", p[i]);
}

static void paddr_print(np_ctx *c, const uint8_t *p, unsigned pro, unsigned plen)
{
	if (!is_ip_proto(pro))
		np_puts(c, "<wrong proto type>");
	else if (plen != 4)
		np_puts(c, "<wrong len>");
	else
		np_print_ipv4(c, p);
}

/* The names on the line tcpdump prints for anything but plain IPv4 (and for all at -v) */
static const char *hrd_name(unsigned hrd, char *buf, size_t n)
{
	return np_tok_str(hrd_names, "Unknown Hardware (%u)", hrd, buf, n);
}

static const char *pro_name(unsigned pro, char *buf, size_t n)
{
	const char *name = np_ethertype_name(pro);
	if (name)
		return name;
	snprintf(buf, n, "Unknown Protocol (0x%04x)", pro);
	return buf;
}

/* The operation: after that line at -v, first otherwise */
static void op_print(np_ctx *c, unsigned op)
{
	char buf[32];
	np_printf(c, "%s%s ", c->o.vflag ? ", " : "",
		  np_tok_str(op_names, "Unknown (%u)", op, buf, sizeof(buf)));
}

/* An operation neither form knows: unlike the link layers, ARP dumps it even with -x/-q */
static void unknown_op(np_ctx *c, const uint8_t *bp)
{
	np_hex_ascii(c, "\n\t", bp, np_avail(c, bp));
}

/* ATM ARP (RFC 2225): type/length bytes for the hardware and subaddress fields. */
static void atm_addr_print(np_ctx *c, const uint8_t *ha, unsigned ha_len, const uint8_t *sa,
			   unsigned sa_len)
{
	if (ha_len == 0) {
		np_puts(c, "<No address>");
		return;
	}
	linkaddr_print(c, ha, ha_len);
	if (sa_len) {
		np_putc(c, ',');
		linkaddr_print(c, sa, sa_len);
	}
}

static void atmarp_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_need(c, bp, 12);
	unsigned hrd = np_be16(c, bp), pro = np_be16(c, bp + 2), op = np_be16(c, bp + 6);
	unsigned shl = np_u8(c, bp + 4) & 0x3f, ssl = np_u8(c, bp + 5) & 0x3f;
	unsigned spl = np_u8(c, bp + 8), thl = np_u8(c, bp + 9) & 0x3f;
	unsigned tsl = np_u8(c, bp + 10) & 0x3f, tpl = np_u8(c, bp + 11);
	const uint8_t *sha = bp + 12, *ssa = sha + shl, *spa = ssa + ssl, *tha = spa + spl,
		      *tsa = tha + thl, *tpa = tsa + tsl;
	np_need(c, tpa, tpl);
	if (!c->o.eflag)
		np_puts(c, "ARP, ");
	if (!is_ip_proto(pro) || spl != 4 || tpl != 4 || c->o.vflag) {
		char b1[48], b2[48];
		np_printf(c, "%s, %s (len %u/%u)", hrd_name(hrd, b1, sizeof(b1)),
			  pro_name(pro, b2, sizeof(b2)), spl, tpl);
		if (!c->o.vflag)
			goto out;
	}
	op_print(c, op);
	switch (op) {
	case 1:
		np_puts(c, "who-has ");
		paddr_print(c, tpa, pro, tpl);
		if (thl) {
			np_puts(c, " (");
			atm_addr_print(c, tha, thl, tsa, tsl);
			np_putc(c, ')');
		}
		np_puts(c, " tell ");
		paddr_print(c, spa, pro, spl);
		break;
	case 2:
		paddr_print(c, spa, pro, spl);
		np_puts(c, " is-at ");
		atm_addr_print(c, sha, shl, ssa, ssl);
		break;
	case 8:
		np_puts(c, "who-is ");
		atm_addr_print(c, tha, thl, tsa, tsl);
		np_puts(c, " tell ");
		atm_addr_print(c, sha, shl, ssa, ssl);
		break;
	case 9:
		atm_addr_print(c, sha, shl, ssa, ssl);
		np_puts(c, " at ");
		paddr_print(c, spa, pro, spl);
		break;
	case 10:
		np_puts(c, "for ");
		paddr_print(c, spa, pro, spl);
		break;
	default:
		unknown_op(c, bp);
		return;
	}
out:
	np_printf(c, ", length %u", length);
}

void np_arp_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_set_proto(c, "arp");
	np_need(c, bp, ARP_HDRLEN);
	if (np_be16(c, bp) == 19) {
		atmarp_print(c, bp, length);
		return;
	}
	unsigned hrd = np_be16(c, bp), pro = np_be16(c, bp + 2);
	unsigned hln = np_u8(c, bp + 4), pln = np_u8(c, bp + 5), op = np_be16(c, bp + 6);
	const uint8_t *sha = bp + ARP_HDRLEN, *spa = sha + hln, *tha = spa + pln,
		      *tpa = tha + hln;
	np_need(c, tpa, pln);
	if (!c->o.eflag)
		np_puts(c, "ARP, ");
	if (!is_ip_proto(pro) || pln != 4 || hln == 0 || c->o.vflag) {
		char b1[48], b2[48];
		np_printf(c, "%s (len %u), %s (len %u)", hrd_name(hrd, b1, sizeof(b1)), hln,
			  pro_name(pro, b2, sizeof(b2)), pln);
		if (!c->o.vflag)
			goto out;
	}
	op_print(c, op);
	switch (op) {
	case 1: {
		np_puts(c, "who-has ");
		paddr_print(c, tpa, pro, pln);
		int nonzero = 0;
		for (unsigned i = 0; i < hln; i++)
			nonzero |= np_u8(c, tha + i);
		if (nonzero) {
			np_puts(c, " (");
			linkaddr_print(c, tha, hln);
			np_putc(c, ')');
		}
		np_puts(c, " tell ");
		paddr_print(c, spa, pro, pln);
		break;
	}
	case 2:
		paddr_print(c, spa, pro, pln);
		np_puts(c, " is-at ");
		linkaddr_print(c, sha, hln);
		break;
	case 3:
	case 8:
		np_puts(c, "who-is ");
		linkaddr_print(c, tha, hln);
		np_puts(c, " tell ");
		linkaddr_print(c, sha, hln);
		break;
	case 4:
		linkaddr_print(c, tha, hln);
		np_puts(c, " at ");
		paddr_print(c, tpa, pro, pln);
		break;
	case 9:
		linkaddr_print(c, sha, hln);
		np_puts(c, " at ");
		paddr_print(c, spa, pro, pln);
		break;
	default:
		unknown_op(c, bp);
		return;
	}
out:
	np_printf(c, ", length %u", length);
}
