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

void np_arp_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_set_proto(c, "arp");
	np_need(c, bp, ARP_HDRLEN);
	unsigned hrd = np_be16(c, bp), pro = np_be16(c, bp + 2);
	unsigned hln = np_u8(c, bp + 4), pln = np_u8(c, bp + 5), op = np_be16(c, bp + 6);
	const uint8_t *sha = bp + ARP_HDRLEN, *spa = sha + hln, *tha = spa + pln,
		      *tpa = tha + hln;
	if (!np_has(c, tpa, pln)) {
		np_puts(c, " [|ARP]");
		np_default_print(c, bp, length);
		return;
	}
	if (!c->o.eflag)
		np_puts(c, "ARP, ");
	if (!is_ip_proto(pro) || pln != 4 || hln == 0 || c->o.vflag) {
		char b1[48], b2[48];
		const char *pname = np_ethertype_name(pro);
		if (!pname) {
			snprintf(b2, sizeof(b2), "Unknown Protocol (0x%04x)", pro);
			pname = b2;
		}
		np_printf(c, "%s (len %u), %s (len %u)",
			  np_tok_str(hrd_names, "Unknown Hardware (%u)", hrd, b1, sizeof(b1)), hln,
			  pname, pln);
		if (!c->o.vflag)
			goto out;
	}
	char ob[32];
	np_printf(c, "%s%s ", c->o.vflag ? ", " : "",
		  np_tok_str(op_names, "Unknown (%u)", op, ob, sizeof(ob)));
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
		np_default_print(c, bp, np_avail(c, bp));
		return;
	}
out:
	np_printf(c, ", length %u", length);
}
