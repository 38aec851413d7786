/* Ethernet (DLT_EN10MB) with 802.1Q / QinQ tags.
 *
 * With -e the addresses, every tag and the final ethertype are printed before the payload;
 * without it, a payload nobody decodes still gets the addresses and type (tcpdump's
 * fallback), then the default dump.  802.3 length-field frames carry LLC, which is outside
 * print-llc.c: it prints the addresses itself when no payload printer runs, and the dumps
 * skip the LLC header too. */
#include "capture/netprint.h"

#define ETHER_HDRLEN 14
#define MAX_ETHERNET_LENGTH 1500

static int is_vlan_type(unsigned t)
{
	return t == 0x8100 || t == 0x9100 || t == 0x9200 || t == 0x88a8;
}

static void addresses_print(np_ctx *c, const uint8_t *p)
{
	np_print_mac(c, p + 6);
	np_puts(c, " > ");
	np_print_mac(c, p);
	np_puts(c, ", ");
}

static void type_print(np_ctx *c, unsigned type)
{
	const char *name = np_ethertype_name(type);
	if (!c->o.qflag)
		np_printf(c, "ethertype %s (0x%04x)", name ? name : "Unknown", type);
	else if (name)
		np_puts(c, name);
	else
		np_printf(c, "Unknown Ethertype (0x%04x)", type);
}

static unsigned ether_common(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen)
{
	const uint8_t *eh = p;
	np_set_proto(c, "ether");
	if (length < caplen) {
		np_printf(c, "[length %u < caplen %u]", length, caplen);
		np_print_invalid(c);
		return length;
	}
	if (caplen < ETHER_HDRLEN) {
		np_print_trunc(c);
		return caplen;
	}
	unsigned orig_length = length;
	if (c->o.eflag)
		addresses_print(c, eh);
	p += 12;
	length -= 12;
	caplen -= 12;
	unsigned hdrlen = 12;
	unsigned type = np_be16(c, p);
	p += 2;
	length -= 2;
	caplen -= 2;
	hdrlen += 2;

	int printed_length = 0;
	while (is_vlan_type(type)) {
		if (caplen < 4 || length < 4) {
			np_set_proto(c, "vlan");
			np_print_trunc(c);
			return hdrlen + (caplen < 4 ? caplen : length);
		}
		if (c->o.eflag) {
			unsigned tci = np_be16(c, p);
			type_print(c, type);
			np_puts(c, printed_length ? ", " : "");
			if (!printed_length)
				np_printf(c, ", length %u: ", orig_length);
			printed_length = 1;
			np_printf(c, "vlan %u, p %u%s, ", tci & 0xfff, tci >> 13,
				  tci & 0x1000 ? ", DEI" : "");
		}
		type = np_be16(c, p + 2);
		p += 4;
		length -= 4;
		caplen -= 4;
		hdrlen += 4;
	}
	if (eh == c->packet) /* the link header, not a tunnel's inner frame */
		c->ll_known_len = hdrlen;

	if (type <= MAX_ETHERNET_LENGTH) {
		/* 802.3: the length field cuts the frame, LLC follows */
		length = type;
		if (c->o.eflag) {
			np_puts(c, "802.3");
			if (!printed_length)
				np_printf(c, ", length %u: ", length);
		}
		const uint8_t *end = np_narrow(c, p, length);
		int llc_len = np_llc_print(c, p, length, eh + 6, eh);
		if (llc_len < 0) {
			np_default_print(c, p, np_avail(c, p));
			llc_len = -llc_len;
		}
		np_restore_snapend(c, end);
		return hdrlen + (unsigned)llc_len;
	}
	if (c->o.eflag) {
		type_print(c, type);
		np_puts(c, printed_length ? ", " : "");
		if (!printed_length)
			np_printf(c, ", length %u: ", orig_length);
	}
	if (!np_ethertype_dispatch(c, type, p, length)) {
		if (!c->o.eflag) {
			addresses_print(c, eh);
			type_print(c, type);
			np_printf(c, ", length %u: ", orig_length);
		}
		np_default_print(c, p, caplen);
	}
	return hdrlen;
}

unsigned np_ether_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen)
{
	return ether_common(c, p, length, caplen);
}

unsigned np_ether_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen)
{
	return ether_common(c, p, length, caplen);
}
