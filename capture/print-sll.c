/* Linux cooked captures: SLL (16-byte header) and SLL2 (20 bytes, what `-i any` gives).
 *
 * SLL2 always starts the line with the interface name and packet type, the name looked up
 * with if_indextoname() on the machine that prints, as tcpdump does.  -e adds the address
 * and protocol; a payload nobody decodes gets them too, then the default dump. */
#include <net/if.h>

#include "capture/netprint.h"

#define SLL_HDR_LEN 16
#define SLL2_HDR_LEN 20
#define MAX_ETHERNET_LENGTH 1500

static const np_tok pkttype_names[] = {
	{0, "In"}, {1, "B"}, {2, "M"}, {3, "P"}, {4, "Out"}, {0, NULL},
};

/* Where the fields sit in either header. */
typedef struct sll_layout {
	int v2;
	unsigned hdrlen;
	unsigned pkttype_off, halen_off, addr_off, proto_off;
} sll_layout;

static const sll_layout sll1 = {0, SLL_HDR_LEN, 0, 4, 6, 14};
static const sll_layout sll2 = {1, SLL2_HDR_LEN, 10, 11, 12, 0};

/* The -e part (and the unknown-payload fallback): address and protocol. */
static void sll_header_print(np_ctx *c, const sll_layout *l, const uint8_t *h, unsigned length)
{
	if (l->v2) {
		np_printf(c, "ifindex %u ", np_be32(c, h + 4));
	} else {
		const char *t = np_tok_find(pkttype_names, np_be16(c, h));
		np_printf(c, "%3s ", t ? t : "?");
	}
	unsigned halen = l->v2 ? np_u8(c, h + l->halen_off) : np_be16(c, h + l->halen_off);
	if (halen == 6) {
		np_print_mac(c, h + l->addr_off);
		np_putc(c, ' ');
	}
	if (c->o.qflag)
		return;
	unsigned proto = np_be16(c, h + l->proto_off);
	if (proto <= MAX_ETHERNET_LENGTH) {
		if (proto == 1)
			np_puts(c, "802.3");
		else if (proto == 4)
			np_puts(c, "802.2");
		else
			np_printf(c, "ethertype Unknown (0x%04x)", proto);
	} else {
		const char *name = np_ethertype_name(proto);
		np_printf(c, "ethertype %s (0x%04x)", name ? name : "Unknown", proto);
	}
	np_printf(c, ", length %u: ", length);
}

static unsigned sll_common(np_ctx *c, const sll_layout *l, const uint8_t *p, unsigned length,
			   unsigned caplen)
{
	const uint8_t *h = p;
	np_set_proto(c, l->v2 ? "sll2" : "sll");
	np_need(c, p, l->hdrlen);
	if (l->v2) {
		char name[IF_NAMESIZE + 1];
		if (!if_indextoname(np_be32(c, h + 4), name))
			name[0] = '?', name[1] = '\0';
		const char *t = np_tok_find(pkttype_names, np_u8(c, h + l->pkttype_off));
		np_printf(c, "%-5s %-3s ", name, t ? t : "?");
	}
	if (c->o.eflag)
		sll_header_print(c, l, h, length);
	length -= l->hdrlen;
	caplen -= l->hdrlen;
	p += l->hdrlen;
	unsigned hdrlen = l->hdrlen;
	unsigned proto = np_be16(c, h + l->proto_off);
	for (;;) {
		if (proto <= MAX_ETHERNET_LENGTH) {
			/* 802.3 (IPX) and 802.2 (LLC) are not decoded: the default dump */
			np_default_print(c, p, caplen);
			return hdrlen;
		}
		if (proto != 0x8100)
			break;
		if (caplen < 4) {
			np_set_proto(c, "vlan");
			np_print_trunc(c);
			return hdrlen + caplen;
		}
		if (c->o.eflag) {
			unsigned tci = np_be16(c, p);
			np_printf(c, "vlan %u, p %u%s, ", tci & 0xfff, tci >> 13,
				  tci & 0x1000 ? ", DEI" : "");
		}
		proto = np_be16(c, p + 2);
		if (proto <= MAX_ETHERNET_LENGTH)
			proto = 4;
		if (!c->o.qflag) {
			const char *name = np_ethertype_name(proto);
			np_printf(c, "ethertype %s, ", name ? name : "Unknown");
		}
		p += 4;
		length -= 4;
		caplen -= 4;
		hdrlen += 4;
	}
	if (!np_ethertype_dispatch(c, proto, p, length)) {
		if (!c->o.eflag)
			sll_header_print(c, l, h, length + l->hdrlen);
		np_default_print(c, p, caplen);
	}
	return hdrlen;
}

unsigned np_sll_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen)
{
	return sll_common(c, &sll1, p, length, caplen);
}

unsigned np_sll2_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen)
{
	return sll_common(c, &sll2, p, length, caplen);
}
