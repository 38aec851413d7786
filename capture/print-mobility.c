/* The IPv6 mobility header (RFC 6275): binding refresh request, home/care-of test init and
 * test, binding update, acknowledgement and error, and (with -v) the mobility options.
 *
 * As in tcpdump 4.99.3 the header ends the IPv6 walk: nothing after it is decoded.  A
 * header shorter than its type needs, or an option list cut or running past the header,
 * ends in " [|mobility]". */
#include "capture/netprint.h"

#define MH_MINLEN 8

static const np_tok type_names[] = {
	{0, "BRR"}, {1, "HoTI"}, {2, "CoTI"}, {3, "HoT"}, {4, "CoT"},
	{5, "BU"}, {6, "BA"}, {7, "BE"}, {0, NULL},
};

/* The fixed part each message type needs. */
static const unsigned type_hdrlen[8] = {8, 16, 16, 24, 24, 12, 12, 24};

/* Returns 1 when the options are cut. */
static int options_print(np_ctx *c, const uint8_t *bp, unsigned len)
{
	char buf[NP_ADDRSTRLEN];
	unsigned optlen;
	for (unsigned i = 0; i < len; i += optlen) {
		unsigned type = np_u8(c, bp + i);
		if (type == 0) {
			optlen = 1;
		} else {
			if (i + 1 >= len)
				return 1;
			optlen = np_u8(c, bp + i + 1) + 2u;
		}
		if (i + optlen > len || !np_has(c, bp + i + optlen, 1))
			return 1;
		switch (type) {
		case 0:
			np_puts(c, "(pad1)");
			break;
		case 1:
			if (len - i < 2) {
				np_puts(c, "(padn: trunc)");
				return 1;
			}
			np_puts(c, "(padn)");
			break;
		case 2:
			if (len - i < 4) {
				np_puts(c, "(refresh: trunc)");
				return 1;
			}
			np_printf(c, "(refresh: %u)", np_be16(c, bp + i + 2) << 2);
			break;
		case 3:
			if (len - i < 18) {
				np_puts(c, "(altcoa: trunc)");
				return 1;
			}
			np_printf(c, "(alt-CoA: %s)", np_ipv6_str(c, bp + i + 2, buf));
			break;
		case 4: {
			if (len - i < 6) {
				np_puts(c, "(ni: trunc)");
				return 1;
			}
			unsigned ho = np_be16(c, bp + i + 2), co = np_be16(c, bp + i + 4);
			np_printf(c, "(ni: ho=0x%04x co=0x%04x)", ho, co);
			break;
		}
		case 5:
			if (len - i < 12) {
				np_puts(c, "(auth: trunc)");
				return 1;
			}
			np_puts(c, "(auth)");
			break;
		default:
			if (len - i < 2) {
				np_printf(c, "(sopt_type %u: trunc)", type);
				return 1;
			}
			np_printf(c, "(type-0x%02x: len=%u)", type, np_u8(c, bp + i + 1));
			break;
		}
	}
	return 0;
}

static void cookie(np_ctx *c, const char *who, const char *what, const uint8_t *p)
{
	uint32_t a = np_be32(c, p), b = np_be32(c, p + 4);
	np_printf(c, " %s %s=%08x:%08x", who, what, a, b);
}

int np_mobility_print(np_ctx *c, const uint8_t *bp, const uint8_t *ip6)
{
	(void)ip6;
	char buf[NP_ADDRSTRLEN], tbuf[24];
	np_set_proto(c, "mobility");
	if (!np_has(c, bp + 1, 1)) {
		np_print_trunc(c);
		return -1;
	}
	unsigned mhlen = (bp[1] + 1u) * 8u;
	unsigned type = np_u8(c, bp + 2);
	if (type < 8 && mhlen < type_hdrlen[type]) {
		np_printf(c, "(header length %u is too small for type %u)", mhlen, type);
		np_print_trunc(c);
		return -1;
	}
	np_printf(c, "mobility: %s", np_tok_str(type_names, "type-#%u", type, tbuf, sizeof(tbuf)));
	unsigned hlen = MH_MINLEN;
	switch (type) {
	case 0:
		break;
	case 1:
	case 2:
		if (c->o.vflag)
			cookie(c, type == 1 ? "Home" : "Care-of", "Init Cookie", bp + hlen);
		hlen += 8;
		break;
	case 3:
	case 4: {
		const char *who = type == 3 ? "Home" : "Care-of";
		np_printf(c, " nonce id=0x%x", np_be16(c, bp + 6));
		if (c->o.vflag)
			cookie(c, who, "Init Cookie", bp + hlen);
		hlen += 8;
		if (c->o.vflag)
			cookie(c, who, "Keygen Token", bp + hlen);
		hlen += 8;
		break;
	}
	case 5: {
		np_printf(c, " seq#=%u", np_be16(c, bp + 6));
		np_need(c, bp + hlen, 2);
		unsigned bits = (bp[hlen] & 0xf0) >> 4;
		if (bits) {
			static const np_tok flags[] = {{8, "A"}, {4, "H"}, {2, "L"}, {1, "K"}, {0, NULL}};
			np_putc(c, ' ');
			np_print_bits(c, flags, "", bits);
		}
		hlen += 2;
		np_printf(c, " lifetime=%u", np_be16(c, bp + hlen) << 2);
		hlen += 2;
		break;
	}
	case 6:
		np_printf(c, " status=%u", np_u8(c, bp + 6));
		if (np_u8(c, bp + 7) & 0x80)
			np_puts(c, " K");
		np_printf(c, " seq#=%u", np_be16(c, bp + hlen));
		hlen += 2;
		np_printf(c, " lifetime=%u", np_be16(c, bp + hlen) << 2);
		hlen += 2;
		break;
	case 7:
		np_printf(c, " status=%u", np_u8(c, bp + 6));
		np_printf(c, " homeaddr %s", np_ipv6_str(c, bp + hlen, buf));
		hlen += 16;
		break;
	default:
		np_printf(c, " len=%u", np_u8(c, bp + 1));
		return (int)mhlen;
	}
	if (c->o.vflag && options_print(c, bp + hlen, mhlen - hlen)) {
		np_print_trunc(c);
		return -1;
	}
	return (int)mhlen;
}
