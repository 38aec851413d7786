/* IPv6 hop-by-hop and destination options headers: Pad1, PadN, router alert, Jumbo
 * Payload (RFC 2675), home address (RFC 6275, with its sub-options), unknown options.
 *
 * The Jumbo Payload option is only honoured in a hop-by-hop header of a packet whose
 * payload length is 0, and only when it says at least 65536; every other case is printed
 * with the reason, as tcpdump 4.99.3 does.  A malformed option list ends the header with
 * " [|hbhopt]" / " [|dstopt]" and the caller stops the walk. */
#include "capture/netprint.h"

#define OPT_PAD1 0x00
#define OPT_PADN 0x01
#define OPT_JUMBO 0xc2
#define OPT_RTALERT 0x05
#define OPT_HOMEADDR 0xc9
#define OPT_MINLEN 2
#define OPT_RTALERT_LEN 4
#define OPT_JUMBO_LEN 6
#define OPT_HOMEADDR_MINLEN 18

/* The length of the option at bp + i, its type and length bytes included (Pad1: 1); -1
 * when it does not fit in the len bytes of the list. */
static int opt_len(np_ctx *c, const uint8_t *bp, int i, int len)
{
	int optlen;
	if (np_u8(c, bp + i) == OPT_PAD1)
		optlen = 1;
	else if (i + 1 >= len)
		return -1;
	else
		optlen = np_u8(c, bp + i + 1) + 2;
	return i + optlen > len ? -1 : optlen;
}

/* tcpdump's checks of an option with a fixed layout: left bytes from it to the end of the
 * list, olen its length field; 0 after the complaint */
static int opt_ok(np_ctx *c, const char *name, int left, unsigned olen, int min, int exact)
{
	if (left < min) {
		np_printf(c, "(%s: trunc)", name);
		return 0;
	}
	if (exact ? olen != (unsigned)min - 2 : olen < (unsigned)min - 2) {
		np_printf(c, "(%s: invalid len %u)", name, olen);
		return 0;
	}
	return 1;
}

/* The sub-options of a home address option; -1 when malformed. */
static int sopt_print(np_ctx *c, const uint8_t *bp, int len)
{
	int optlen;
	for (int i = 0; i < len; i += optlen) {
		unsigned type = np_u8(c, bp + i);
		if ((optlen = opt_len(c, bp, i, len)) < 0)
			return -1;
		switch (type) {
		case OPT_PAD1:
			np_puts(c, ", pad1");
			break;
		case OPT_PADN:
			if (len - i < OPT_MINLEN) {
				np_puts(c, ", padn: trunc");
				return -1;
			}
			np_puts(c, ", padn");
			break;
		default:
			if (len - i < OPT_MINLEN) {
				np_printf(c, ", sopt_type %u: trunc)", type);
				return -1;
			}
			np_printf(c, ", sopt_type 0x%02x: len=%u", type, np_u8(c, bp + i + 1));
			break;
		}
	}
	return 0;
}

/* The jumbo option's verdict; payload_len is NULL for a destination options header. */
static void jumbo(np_ctx *c, uint32_t value, int *seen, int *found, uint32_t *payload_len)
{
	const char *why = NULL;
	if (*seen) {
		why = " - already seen";
	} else {
		*seen = 1;
		if (!payload_len)
			why = " - not a hop-by-hop option";
		else if (*payload_len != 0)
			why = " - payload len != 0";
		else if (value < 65536)
			why = " - < 65536";
		else {
			*found = 1;
			*payload_len = value;
		}
	}
	if (c->o.vflag)
		np_printf(c, "(jumbo: %u%s) ", value, why ? why : "");
}

/* Prints the options (most only with -v); -1 when malformed. */
static int opt_process(np_ctx *c, const uint8_t *bp, int len, int *found, uint32_t *payload_len)
{
	int optlen = 0, seen = 0;
	if (len == 0)
		return 0;
	for (int i = 0; i < len; i += optlen) {
		unsigned type = np_u8(c, bp + i);
		if ((optlen = opt_len(c, bp, i, len)) < 0)
			return -1;
		unsigned olen = type == OPT_PAD1 ? 0 : np_u8(c, bp + i + 1);
		switch (type) {
		case OPT_PAD1:
			if (c->o.vflag)
				np_puts(c, "(pad1)");
			break;
		case OPT_PADN:
			if (len - i < OPT_MINLEN) {
				np_puts(c, "(padn: trunc)");
				return -1;
			}
			if (c->o.vflag)
				np_puts(c, "(padn)");
			break;
		case OPT_RTALERT:
			if (!opt_ok(c, "rtalert", len - i, olen, OPT_RTALERT_LEN, 1))
				return -1;
			if (c->o.vflag)
				np_printf(c, "(rtalert: 0x%04x) ", np_be16(c, bp + i + 2));
			break;
		case OPT_JUMBO:
			if (!opt_ok(c, "jumbo", len - i, olen, OPT_JUMBO_LEN, 1))
				return -1;
			jumbo(c, np_be32(c, bp + i + 2), &seen, found, payload_len);
			break;
		case OPT_HOMEADDR:
			if (!opt_ok(c, "homeaddr", len - i, olen, OPT_HOMEADDR_MINLEN, 0))
				return -1;
			if (c->o.vflag) {
				np_puts(c, "(homeaddr: ");
				np_print_ipv6(c, bp + i + 2);
				if (olen > OPT_HOMEADDR_MINLEN - 2 &&
				    sopt_print(c, bp + i + OPT_HOMEADDR_MINLEN,
					       optlen - OPT_HOMEADDR_MINLEN) < 0)
					return -1;
				np_putc(c, ')');
			}
			break;
		default:
			if (len - i < OPT_MINLEN) {
				np_printf(c, "(type %u: trunc)", type);
				return -1;
			}
			if (c->o.vflag)
				np_printf(c, "(opt_type 0x%02x: len=%u)", type, olen);
			break;
		}
	}
	if (c->o.vflag)
		np_putc(c, ' ');
	return 0;
}

/* The header's length once it is known to be captured (its label printed), else -1 */
static int header_len(np_ctx *c, const uint8_t *bp, const char *proto, const char *label)
{
	np_set_proto(c, proto);
	unsigned hlen = (np_u8(c, bp + 1) + 1u) * 8u;
	if (!np_has(c, bp, hlen)) {
		np_print_trunc(c);
		return -1;
	}
	np_puts(c, label);
	return (int)hlen;
}

int np_hbhopt_process(np_ctx *c, const uint8_t *bp, int *found_jumbo, uint32_t *payload_len)
{
	int hlen = header_len(c, bp, "hbhopt", "HBH ");
	if (hlen < 0)
		return -1;
	if (opt_process(c, bp + 2, hlen - 2, found_jumbo, payload_len) < 0) {
		np_print_trunc(c);
		return -1;
	}
	return hlen;
}

int np_dstopt_process(np_ctx *c, const uint8_t *bp)
{
	int hlen = header_len(c, bp, "dstopt", "DSTOPT ");
	if (hlen < 0)
		return -1;
	/* a Jumbo Payload here is reported as invalid: it is a hop-by-hop option */
	int found = 0;
	if (c->o.vflag && opt_process(c, bp + 2, hlen - 2, &found, NULL) < 0) {
		np_print_trunc(c);
		return -1;
	}
	return hlen;
}
