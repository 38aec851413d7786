/* IPv6 mobility header (RFC 6275; IPv6 next header 135, and 62 from early drafts):
 * "mobility: TYPE" with the message fields and, with -v, the cookies, tokens and mobility
 * options, as tcpdump 4.99.3 prints them.  Called by the IPv6 printer for those next
 * headers; returns the header length, or -1 after " [|mobility]". */
#include "capture/netprint.h"

#define MINLEN 8


static const np_tok type_names[] = {
	{0, "BRR"}, {1, "HoTI"}, {2, "CoTI"}, {3, "HoT"}, {4, "CoT"}, {5, "BU"}, {6, "BA"},
	{7, "BE"}, {0, NULL},
};
static const unsigned min_hdrlen[8] = {
	MINLEN, MINLEN + 8, MINLEN + 8, MINLEN + 16, MINLEN + 16, MINLEN + 4, MINLEN + 4, MINLEN + 16,
};

/* 1 when cut */
static int options(np_ctx *c, const uint8_t *bp, unsigned len)
{
	char s[NP_ADDRSTRLEN];
	unsigned optlen;
	for (unsigned i = 0; i < len; i += optlen) {
		unsigned type = np_u8(c, bp + i);
		if (type == 0) {
			optlen = 1;
		} else {
			if (i + 1 >= len)
				return 1;
			optlen = np_u8(c, bp + i + 1) + 2;
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
			np_need(c, bp + i + 2, 16);
			np_printf(c, "(alt-CoA: %s)", np_ipv6_str(c, bp + i + 2, s));
			break;
		case 4:
			if (len - i < 6) {
				np_puts(c, "(ni: trunc)");
				return 1;
			}
			np_printf(c, "(ni: ho=0x%04x co=0x%04x)", np_be16(c, bp + i + 2), np_be16(c, bp + i + 4));
			break;
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

int np_mobility_print(np_ctx *c, const uint8_t *bp, const uint8_t *ip6)
{
	(void)ip6;
	char s[NP_ADDRSTRLEN];
	unsigned hlen = MINLEN;
	np_set_proto(c, "mobility");
	np_puts(c, "mobility: ");
	np_u8(c, bp); /* the payload protocol: 4.99.3 does not check it */
	unsigned mhlen = (np_u8(c, bp + 1) + 1) << 3;
	unsigned type = np_u8(c, bp + 2);
	if (type <= 7 && mhlen < min_hdrlen[type]) {
		np_printf(c, "(header length %u is too small for type %u)", mhlen, type);
		goto trunc;
	}
	const char *name = np_tok_find(type_names, type);
	if (name)
		np_puts(c, name);
	else
		np_printf(c, "type-#%u", type);
	switch (type) {
	case 0:
		break;
	case 1:
	case 2:
		if (c->o.vflag) {
			uint32_t a = np_be32(c, bp + hlen);
			np_printf(c, " %s Init Cookie=%08x:%08x", type == 1 ? "Home" : "Care-of", a,
				  np_be32(c, bp + hlen + 4));
		}
		hlen += 8;
		break;
	case 3:
	case 4: {
		np_printf(c, " nonce id=0x%x", np_be16(c, bp + 6));
		const char *who = type == 3 ? "Home" : "Care-of";
		if (c->o.vflag) {
			uint32_t a = np_be32(c, bp + hlen);
			np_printf(c, " %s Init Cookie=%08x:%08x", who, a, np_be32(c, bp + hlen + 4));
		}
		hlen += 8;
		if (c->o.vflag) {
			uint32_t a = np_be32(c, bp + hlen);
			np_printf(c, " %s Keygen Token=%08x:%08x", who, a, np_be32(c, bp + hlen + 4));
		}
		hlen += 8;
		break;
	}
	case 5: {
		np_printf(c, " seq#=%u", np_be16(c, bp + 6));
		if (!np_has(c, bp + hlen, 2))
			goto trunc;
		unsigned bits = (np_u8(c, bp + hlen) & 0xf0) >> 4;
		if (bits) {
			static const char flag[] = "KLHA"; /* bits 0x1..0x8 */
			np_putc(c, ' ');
			for (int k = 3; k >= 0; k--)
				if (bits & (1u << k))
					np_putc(c, flag[k]);
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
		np_need(c, bp + hlen, 16);
		np_printf(c, " homeaddr %s", np_ipv6_str(c, bp + hlen, s));
		hlen += 16;
		break;
	default:
		np_printf(c, " len=%u", np_u8(c, bp + 1));
		return (int)mhlen;
	}
	if (c->o.vflag && options(c, bp + hlen, mhlen - hlen))
		goto trunc;
	return (int)mhlen;
trunc:
	np_print_trunc(c);
	return -1;
}
