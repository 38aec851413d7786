/* IEEE 802.3 "slow protocols" (ethertype 0x8809) as tcpdump 4.99.3 prints them: LACP and
 * the Marker protocol (802.3ad) with their TLVs at -v.  OAM (802.3ah) prints its name and
 * length only; other subtypes print "unknown (N)" and a hex dump, as tcpdump does. */
#include "capture/netprint.h"

#define SLOW_LACP 1
#define SLOW_MARKER 2
#define SLOW_OAM 3

static const np_tok subtypes[] = {
	{SLOW_LACP, "LACP"}, {SLOW_MARKER, "MARKER"}, {SLOW_OAM, "OAM"}, {0, NULL},
};

/* keyed by subtype << 8 | TLV type */
static const np_tok tlv_names[] = {
	{SLOW_LACP << 8 | 0, "Terminator"},
	{SLOW_LACP << 8 | 1, "Actor Information"},
	{SLOW_LACP << 8 | 2, "Partner Information"},
	{SLOW_LACP << 8 | 3, "Collector Information"},
	{SLOW_MARKER << 8 | 0, "Terminator"},
	{SLOW_MARKER << 8 | 1, "Marker Information"},
	{0, NULL},
};

static const np_tok state_names[] = {
	{0x01, "Activity"},   {0x02, "Timeout"},      {0x04, "Aggregation"},
	{0x08, "Synchronization"}, {0x10, "Collecting"}, {0x20, "Distributing"},
	{0x40, "Default"},    {0x80, "Expired"},      {0, NULL},
};

static void tlvs_print(np_ctx *c, const uint8_t *t, unsigned tlen, unsigned sub)
{
	char buf[NP_ADDRSTRLEN + 32];
	while (tlen) {
		if (tlen < 2)
			goto tooshort;
		unsigned type = np_u8(c, t), len = np_u8(c, t + 1);
		const char *name = np_tok_find(tlv_names, sub << 8 | type);
		np_printf(c, "\n\t%s TLV (0x%02x), length %u", name ? name : "Unknown", type, len);
		if (type == 0)
			return;
		if (len < 2) {
			np_printf(c, "\n\t    ERROR: illegal length - should be >= %u", 2);
			return;
		}
		if (tlen < len)
			goto tooshort;
		np_need(c, t, len);
		const uint8_t *v = t + 2;
		unsigned vlen = len - 2;
		switch (sub << 8 | type) {
		case SLOW_LACP << 8 | 1:
		case SLOW_LACP << 8 | 2:
			if (vlen != 18) {
				np_printf(c, "\n\t    ERROR: illegal length - should be %u", 20);
				break;
			}
			np_need(c, v + 2, 6);
			np_printf(c, "\n\t  System %s, System Priority %u, Key %u, Port %u, Port Priority %u"
				     "\n\t  State Flags [",
				  np_mac_str(c, v + 2, buf), np_be16(c, v), np_be16(c, v + 8),
				  np_be16(c, v + 12), np_be16(c, v + 10));
			np_print_bits(c, state_names, ", ", np_u8(c, v + 14));
			np_putc(c, ']');
			break;
		case SLOW_LACP << 8 | 3:
			if (vlen != 14) {
				np_printf(c, "\n\t    ERROR: illegal length - should be %u", 16);
				break;
			}
			np_printf(c, "\n\t  Max Delay %u", np_be16(c, v));
			break;
		case SLOW_MARKER << 8 | 1:
			if (vlen != 14) {
				np_printf(c, "\n\t    ERROR: illegal length - should be %u", 16);
				break;
			}
			np_need(c, v + 2, 6);
			np_printf(c, "\n\t  Request System %s, Request Port %u, Request Transaction ID 0x%08x",
				  np_mac_str(c, v + 2, buf), np_be16(c, v), np_be32(c, v + 8));
			break;
		default:
			if (c->o.vflag <= 1)
				np_unknown_data(c, v, "\n\t  ", vlen);
			break;
		}
		if (c->o.vflag > 1)
			np_unknown_data(c, v, "\n\t  ", vlen);
		t += len;
		tlen -= len;
	}
	return;
tooshort:
	np_puts(c, "\n\t\t packet is too short");
}

void np_slow_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	np_set_proto(c, "slow");
	if (len < 1)
		goto tooshort;
	unsigned sub = np_u8(c, p);
	int version = -1;
	if (sub == SLOW_LACP || sub == SLOW_MARKER) {
		if (len < 2)
			goto tooshort;
		if (np_u8(c, p + 1) != 1) {
			np_printf(c, "%s version %u packet not supported", sub == SLOW_LACP ? "LACP" : "MARKER",
				  np_u8(c, p + 1));
			return;
		}
		version = 1;
	} else if (sub == SLOW_OAM) {
		version = 0;
	}
	char nbuf[32];
	const char *name = np_tok_str(subtypes, "unknown (%u)", sub, nbuf, sizeof nbuf);
	if (version == 1)
		np_printf(c, "%sv%u, length %u", name, np_u8(c, p + 1), len);
	else
		np_printf(c, "%s, length %u", name, len);
	if (version == -1) {
		np_unknown_data(c, p, "\n\t", len);
		return;
	}
	if (!c->o.vflag || sub == SLOW_OAM)
		return;
	tlvs_print(c, p + 2, len - 2, sub);
	return;
tooshort:
	if (!c->o.vflag)
		np_puts(c, " (packet is too short)");
	else
		np_puts(c, "\n\t\t packet is too short");
}
