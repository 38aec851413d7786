/* Cisco Discovery Protocol (SNAP OUI 00000c, PID 0x2000), as tcpdump 4.99.3 prints it.
 *
 * Key decisions, tcpdump 4.99.3's:
 * - One table names each TLV type, bounds its value length and gives its value printer;
 *   a value outside the bounds prints " (malformed TLV)".
 * - Without -v only the Device-ID is decoded, yet every other TLV's value is still
 *   hex-dumped (4.99.3 dumps whatever it did not decode, whatever the verbosity); with -v
 *   only the types without an entry are dumped.
 * - Lengths come from the TLVs; a TLV shorter than its header or longer than what is left
 *   ends the message as " (invalid)". */
#include <string.h>

#include "capture/netprint.h"

#define CDP_HEADER_LEN 4
#define CDP_TLV_HEADER_LEN 4

typedef void (*value_fn)(np_ctx *c, const uint8_t *p, unsigned len);

static void string_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	np_need(c, p, len);
	np_putc(c, '\'');
	np_print_chars(c, p, len);
	np_putc(c, '\'');
}

static const np_tok capability_names[] = {
	{0x01, "Router"},    {0x02, "Transparent Bridge"}, {0x04, "Source Route Bridge"},
	{0x08, "L2 Switch"}, {0x10, "L3 capable"},         {0x20, "IGMP snooping"},
	{0x40, "L1 capable"}, {0, NULL},
};

static void capability_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	(void)len;
	uint32_t v = np_be32(c, p);
	np_printf(c, "(0x%08x): ", v);
	np_print_bits(c, capability_names, ", ", v);
}

/* The version text, its lines indented under the TLV. */
static void version_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	np_puts(c, "\n\t  ");
	for (unsigned i = 0; i < len; i++) {
		unsigned ch = np_u8(c, p + i);
		if (ch == '\n')
			np_puts(c, "\n\t  ");
		else
			np_print_chars(c, p + i, 1);
	}
}

static void uint16_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	(void)len;
	np_printf(c, "%u", np_be16(c, p));
}

static void duplex_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	(void)len;
	np_puts(c, np_u8(c, p) ? "full" : "half");
}

static void ata186_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	if (len == 2)
		np_printf(c, "unknown 0x%04x", np_be16(c, p));
	else
		np_printf(c, "app %u, vlan %u", np_u8(c, p), np_be16(c, p + 1));
}

static void power_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	unsigned v = len == 1 ? np_u8(c, p) : len == 2 ? np_be16(c, p) : np_be24(c, p);
	np_printf(c, "%1.2fW", v / 1000.0);
}

static void mtu_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	(void)len;
	np_printf(c, "%u bytes", np_be32(c, p));
}

static void uint8x_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	(void)len;
	np_printf(c, "0x%02x", np_u8(c, p));
}

static void phys_loc_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	np_printf(c, "0x%02x", np_u8(c, p));
	if (len > 1) {
		np_putc(c, '/');
		np_need(c, p + 1, len - 1);
		np_print_chars(c, p + 1, len - 1);
	}
}

/* A count, then per address: protocol type, protocol length, protocol, address length,
 * address.  IPv4 (NLPID 0xcc) and IPv6 (an LLC/SNAP header naming 0x86dd) are decoded. */
static void addr_print(np_ctx *c, const uint8_t *p, unsigned l)
{
	static const uint8_t snap_ipv6[8] = {0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x86, 0xdd};
	unsigned num = np_be32(c, p);
	p += 4;
	l -= 4;
	while (num) {
		if (l < 2) {
			np_puts(c, " (not enough space for PT+PL)");
			goto invalid;
		}
		unsigned pt = np_u8(c, p), pl = np_u8(c, p + 1);
		p += 2;
		l -= 2;
		if (l < pl + 2) {
			np_puts(c, " (not enough space for P+AL)");
			goto invalid;
		}
		unsigned al = np_be16(c, p + pl);
		char buf[NP_ADDRSTRLEN];
		/* NLPID IP or the SNAP header of IPv6; the second test reads only when the first
		 * fails, as tcpdump's if/else does */
		int v4 = pt == 1 && pl == 1 && np_u8(c, p) == 0xcc && al == 4;
		int v6 = !v4 && pt == 2 && pl == 8 &&
			 (np_need(c, p, 8), memcmp(p, snap_ipv6, 8) == 0) && al == 16;
		if (v4 || v6) {
			p += pl + 2;
			l -= pl + 2;
			if (l < al) {
				np_puts(c, " (not enough space for A)");
				goto invalid;
			}
			np_printf(c, "%s (%u) %s", v4 ? "IPv4" : "IPv6", num,
				  v4 ? np_ipv4_str(c, p, buf) : np_ipv6_str(c, p, buf));
		} else {
			np_printf(c, "pt=0x%02x, pl=%u, pb=", pt, pl);
			for (; pl; pl--, p++, l--)
				np_printf(c, " %02x", np_u8(c, p));
			np_printf(c, ", al=%u, a=", al);
			p += 2;
			l -= 2;
			if (l < al) {
				np_puts(c, " (not enough space for A)");
				goto invalid;
			}
			for (unsigned i = 0; i < al; i++)
				np_printf(c, " %02x", np_u8(c, p + i));
		}
		p += al;
		l -= al;
		num--;
		if (num)
			np_putc(c, ' ');
	}
	if (l)
		np_printf(c, " (%u bytes of stray data)", l);
	return;
invalid:
	np_need(c, p, l);
}

static void prefixes_print(np_ctx *c, const uint8_t *p, unsigned l)
{
	if (l % 5) {
		np_printf(c, " [length %u is not a multiple of 5]", l);
		np_need(c, p, l);
		return;
	}
	np_printf(c, " IPv4 Prefixes (%u):", l / 5);
	for (; l; l -= 5, p += 5)
		np_printf(c, " %u.%u.%u.%u/%u", np_u8(c, p), np_u8(c, p + 1), np_u8(c, p + 2),
			  np_u8(c, p + 3), np_u8(c, p + 4));
}

typedef struct tlv_info {
	const char *name;
	value_fn fn;      /* NULL: named only, never dumped */
	int brief;        /* decoded without -v too */
	int min_len, max_len; /* value length bounds, 0: none */
} tlv_info;

static const tlv_info tlvs[] = {
	[0x01] = {"Device-ID", string_print, 1, 0, 0},
	[0x02] = {"Address", addr_print, 0, 4, 0},
	[0x03] = {"Port-ID", string_print, 0, 0, 0},
	[0x04] = {"Capability", capability_print, 0, 4, 4},
	[0x05] = {"Version String", version_print, 0, 0, 0},
	[0x06] = {"Platform", string_print, 0, 0, 0},
	[0x07] = {"Prefixes", prefixes_print, 0, 0, 0},
	[0x08] = {"Protocol-Hello option", NULL, 0, 0, 0},
	[0x09] = {"VTP Management Domain", string_print, 0, 0, 0},
	[0x0a] = {"Native VLAN ID", uint16_print, 0, 2, 2},
	[0x0b] = {"Duplex", duplex_print, 0, 1, 1},
	[0x0e] = {"ATA-186 VoIP VLAN assignment", ata186_print, 0, 3, 3},
	[0x0f] = {"ATA-186 VoIP VLAN request", ata186_print, 0, 2, 3},
	[0x10] = {"power consumption", power_print, 0, 1, 3},
	[0x11] = {"MTU", mtu_print, 0, 4, 4},
	[0x12] = {"AVVID trust bitmap", uint8x_print, 0, 1, 1},
	[0x13] = {"AVVID untrusted ports CoS", uint8x_print, 0, 1, 1},
	[0x14] = {"System Name", string_print, 0, 0, 0},
	[0x15] = {"System Object ID (not decoded)", NULL, 0, 0, 0},
	[0x16] = {"Management Addresses", addr_print, 0, 4, 0},
	[0x17] = {"Physical Location", phys_loc_print, 0, 1, 0},
};

#define NTLVS (sizeof tlvs / sizeof tlvs[0])

void np_cdp_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_set_proto(c, "cdp");
	unsigned orig_length = length;
	const uint8_t *t = bp;
	if (length < CDP_HEADER_LEN) {
		np_printf(c, " (packet length %u < %u)", length, CDP_HEADER_LEN);
		goto invalid;
	}
	np_printf(c, "CDPv%u, ttl: %us", np_u8(c, t), np_u8(c, t + 1));
	unsigned cksum = np_be16(c, t + 2);
	if (c->o.vflag)
		np_printf(c, ", checksum: 0x%04x (unverified), length %u", cksum, orig_length);
	t += CDP_HEADER_LEN;
	length -= CDP_HEADER_LEN;
	while (length) {
		if (length < CDP_TLV_HEADER_LEN) {
			np_printf(c, " (remaining packet length %u < %u)", length,
				  CDP_TLV_HEADER_LEN);
			goto invalid;
		}
		unsigned type = np_be16(c, t), len = np_be16(c, t + 2);
		const tlv_info *info = type < NTLVS && tlvs[type].name ? &tlvs[type] : NULL;
		const char *name = info ? info->name : "unknown field type";
		if (len < CDP_TLV_HEADER_LEN) {
			if (c->o.vflag)
				np_printf(c, "\n\t%s (0x%02x), TLV length: %u byte%s (too short)", name,
					  type, len, len == 1 ? "" : "s");
			else
				np_printf(c, ", %s TLV length %u too short", name, len);
			goto invalid;
		}
		if (len > length) {
			np_printf(c, " (TLV length %u > %u)", len, length);
			goto invalid;
		}
		t += CDP_TLV_HEADER_LEN;
		length -= CDP_TLV_HEADER_LEN;
		len -= CDP_TLV_HEADER_LEN;
		int brief = info && info->brief;
		if (c->o.vflag)
			np_printf(c, "\n\t%s (0x%02x), value length: %u byte%s: ", name, type, len,
				  len == 1 ? "" : "s");
		else if (brief)
			np_printf(c, ", %s ", name);
		int covered = 0;
		if (info) {
			if ((info->min_len && len < (unsigned)info->min_len) ||
			    (info->max_len && len > (unsigned)info->max_len)) {
				np_puts(c, " (malformed TLV)");
			} else if (c->o.vflag || brief) {
				if (info->fn)
					info->fn(c, t, len);
				else
					np_need(c, t, len);
				covered = 1;
			}
		}
		if (!covered) {
			np_need(c, t, len);
			np_unknown_data(c, t, "\n\t  ", len);
		}
		t += len;
		length -= len;
	}
	if (!c->o.vflag)
		np_printf(c, ", length %u", orig_length);
	return;
invalid:
	np_print_invalid(c);
	np_need(c, t, length);
}
