/* Cisco's Enhanced Interior Gateway Routing Protocol (IP protocol 88), as tcpdump 4.99.3
 * prints it: the opcode and length without -v; with -v the common header and the TLVs
 * (general parameters, software version, IPv4 and AppleTalk routes, AppleTalk cable
 * setup), hex-dumping the others, and every TLV at -vv.  A TLV shorter than its fixed part
 * prints " (too short, < N)"; a TLV length that is impossible ends it as " (invalid)". */
#include <string.h>

#include "capture/netprint.h"

#define EIGRP_HDRLEN 20
#define EIGRP_VERSION 2

enum {
	TLV_GENERAL = 0x0001,
	TLV_SW_VERSION = 0x0004,
	TLV_IP_INT = 0x0102,
	TLV_IP_EXT = 0x0103,
	TLV_AT_INT = 0x0202,
	TLV_AT_EXT = 0x0203,
	TLV_AT_CABLE = 0x0204,
};

static const np_tok opcodes[] = {
	{1, "Update"}, {3, "Query"}, {4, "Reply"}, {5, "Hello"}, {6, "IPX SAP"}, {7, "Probe"},
	{0, NULL},
};

static const np_tok header_flags[] = {
	{0x01, "Init"}, {0x02, "Conditionally Received"}, {0x04, "Restart"},
	{0x08, "End-of-Table"}, {0, NULL},
};

static const np_tok tlv_names[] = {
	{0x0001, "General Parameters"},
	{0x0002, "Authentication"},
	{0x0003, "Sequence"},
	{0x0004, "Software Version"},
	{0x0005, "Next Multicast Sequence"},
	{0x0102, "IP Internal routes"},
	{0x0103, "IP External routes"},
	{0x0202, "AppleTalk Internal routes"},
	{0x0203, "AppleTalk External routes"},
	{0x0204, "AppleTalk Cable setup"},
	{0x0302, "IPX Internal routes"},
	{0x0303, "IPX External routes"},
	{0, NULL},
};

static const np_tok ext_protos[] = {
	{0x01, "IGRP"}, {0x02, "EIGRP"}, {0x03, "Static"}, {0x04, "RIP"},  {0x05, "Hello"},
	{0x06, "OSPF"}, {0x07, "IS-IS"}, {0x08, "EGP"},    {0x09, "BGP"},  {0x0a, "IDRP"},
	{0x0b, "Connected"}, {0, NULL},
};

/* fixed value lengths (the route TLVs count one destination byte) */
static unsigned fixed_len(unsigned type)
{
	switch (type) {
	case TLV_GENERAL:
		return 8;
	case TLV_SW_VERSION:
		return 4;
	case TLV_IP_INT:
		return 22;
	case TLV_IP_EXT:
		return 42;
	case TLV_AT_INT:
		return 24;
	case TLV_AT_EXT:
		return 40;
	case TLV_AT_CABLE:
		return 8;
	}
	return 0;
}

static const char *tok(const np_tok *t, const char *dflt, unsigned v)
{
	const char *s = np_tok_find(t, v);
	return s ? s : dflt;
}

static void metrics_print(np_ctx *c, const uint8_t *m)
{
	np_printf(c, "\n\t      delay %u ms, bandwidth %u Kbps, mtu %u, hop %u, reliability %u, load %u",
		  np_be32(c, m) / 100, np_be32(c, m + 4), np_be24(c, m + 8), np_u8(c, m + 11),
		  np_u8(c, m + 12), np_u8(c, m + 13));
}

/* "IPv4 prefix: %15s/LEN, nexthop: "; 0 when the prefix length is impossible */
static int prefix_print(np_ctx *c, const uint8_t *plen_p, const uint8_t *nexthop)
{
	unsigned bits = np_u8(c, plen_p);
	if (bits > 32) {
		np_printf(c, "\n\t    illegal prefix length %u", bits);
		return 0;
	}
	uint8_t prefix[4] = {0, 0, 0, 0};
	np_copy(c, prefix, plen_p + 1, (bits + 7) / 8);
	char buf[NP_ADDRSTRLEN];
	np_printf(c, "\n\t    IPv4 prefix: %15s/%u, nexthop: ", np_fmt_ipv4(buf, prefix), bits);
	if (np_be32(c, nexthop) == 0)
		np_puts(c, "self");
	else
		np_puts(c, np_ipv4_str(c, nexthop, buf));
	return 1;
}

static void at_nexthop(np_ctx *c, const uint8_t *v)
{
	if (np_be32(c, v) == 0)
		np_puts(c, "self");
	else
		np_printf(c, "%u.%u", np_be16(c, v), np_be16(c, v + 2));
}

static void tlv_value(np_ctx *c, unsigned type, const uint8_t *v, unsigned vlen)
{
	unsigned need = fixed_len(type);
	if (need && vlen < need) {
		np_printf(c, " (too short, < %u)", need + 4);
		return;
	}
	char buf[NP_ADDRSTRLEN];
	switch (type) {
	case TLV_GENERAL:
		np_printf(c, "\n\t    holdtime: %us, k1 %u, k2 %u, k3 %u, k4 %u, k5 %u", np_be16(c, v + 6),
			  np_u8(c, v), np_u8(c, v + 1), np_u8(c, v + 2), np_u8(c, v + 3), np_u8(c, v + 4));
		break;
	case TLV_SW_VERSION:
		np_printf(c, "\n\t    IOS version: %u.%u, EIGRP version %u.%u", np_u8(c, v),
			  np_u8(c, v + 1), np_u8(c, v + 2), np_u8(c, v + 3));
		break;
	case TLV_IP_INT:
		if (!prefix_print(c, v + 20, v))
			break;
		metrics_print(c, v + 4);
		break;
	case TLV_IP_EXT:
		if (!prefix_print(c, v + 40, v))
			break;
		np_printf(c, "\n\t      origin-router %s, origin-as %u, origin-proto %s, flags [0x%02x], "
			     "tag 0x%08x, metric %u",
			  np_ipv4_str(c, v + 4, buf), np_be32(c, v + 8),
			  tok(ext_protos, "unknown", np_u8(c, v + 22)), np_u8(c, v + 23),
			  np_be32(c, v + 12), np_be32(c, v + 16));
		metrics_print(c, v + 24);
		break;
	case TLV_AT_CABLE:
		np_printf(c, "\n\t    Cable-range: %u-%u, Router-ID %u", np_be16(c, v), np_be16(c, v + 2),
			  np_be32(c, v + 4));
		break;
	case TLV_AT_INT:
		np_printf(c, "\n\t     Cable-Range: %u-%u, nexthop: ", np_be16(c, v + 20),
			  np_be16(c, v + 22));
		at_nexthop(c, v);
		metrics_print(c, v + 4);
		break;
	case TLV_AT_EXT:
		np_printf(c, "\n\t     Cable-Range: %u-%u, nexthop: ", np_be16(c, v + 36),
			  np_be16(c, v + 38));
		at_nexthop(c, v);
		np_printf(c, "\n\t      origin-router %u, origin-as %u, origin-proto %s, flags [0x%02x], "
			     "tag 0x%08x, metric %u",
			  np_be32(c, v + 4), np_be32(c, v + 8), tok(ext_protos, "unknown", np_u8(c, v + 16)),
			  np_u8(c, v + 17), np_be32(c, v + 12), np_be16(c, v + 18));
		metrics_print(c, v + 20);
		break;
	default:
		if (c->o.vflag <= 1)
			np_unknown_data(c, v, "\n\t    ", vlen);
		break;
	}
}

void np_eigrp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	np_set_proto(c, "eigrp");
	const uint8_t *t = bp;
	unsigned tlen = length;
	char ob[32];
	if (length < EIGRP_HDRLEN) {
		np_printf(c, "EIGRP %s, length: %u (too short, < %u)",
			  np_tok_str(opcodes, "unknown (%u)", np_u8(c, bp + 1), ob, sizeof ob), length,
			  EIGRP_HDRLEN);
		goto check;
	}
	if (np_u8(c, bp) != EIGRP_VERSION) {
		np_printf(c, "EIGRP version %u packet not supported", np_u8(c, bp));
		goto check;
	}
	if (!c->o.vflag) {
		np_printf(c, "EIGRP %s, length: %u",
			  np_tok_str(opcodes, "unknown (%u)", np_u8(c, bp + 1), ob, sizeof ob), length);
		goto check;
	}
	tlen -= EIGRP_HDRLEN;
	unsigned op = np_u8(c, bp + 1);
	np_printf(c, "\n\tEIGRP v%u, opcode: %s (%u), chksum: 0x%04x, Flags: [", np_u8(c, bp),
		  np_tok_str(opcodes, "unknown, type: %u", op, ob, sizeof ob), op, np_be16(c, bp + 2));
	np_print_bits(c, header_flags, ", ", np_be32(c, bp + 4));
	np_printf(c, "]\n\tseq: 0x%08x, ack: 0x%08x, VRID: %u, AS: %u, length: %u", np_be32(c, bp + 8),
		  np_be32(c, bp + 12), np_be16(c, bp + 16), np_be16(c, bp + 18), tlen);
	t += EIGRP_HDRLEN;
	while (tlen) {
		if (tlen < 4) {
			if (!np_has(c, t, 4)) {
				/* tcpdump checks the capture first: " [|eigrp]" */
				np_print_trunc(c);
				return;
			}
			np_printf(c, "\n\t  (only %u bytes of data)", tlen);
			goto invalid;
		}
		unsigned len = np_be16(c, t + 2), type = np_be16(c, t);
		np_printf(c, "\n\t  %s TLV (0x%04x), length: %u", tok(tlv_names, "Unknown", type), type,
			  len);
		if (len < 4 || len > tlen)
			goto invalid;
		np_need(c, t, len);
		tlv_value(c, type, t + 4, len - 4);
		if (c->o.vflag > 1)
			np_unknown_data(c, t + 4, "\n\t    ", len - 4);
		t += len;
		tlen -= len;
	}
	return;
invalid:
	np_print_invalid(c);
check:
	np_need(c, t, tlen);
}
