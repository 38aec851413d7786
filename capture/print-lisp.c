/* LISP control plane (RFC 6830/6833): Map-Register and Map-Notify messages with their EID
 * records and locators, the authentication data, and the xTR-ID/site-ID trailer; other
 * message types get their name only, as in tcpdump 4.99.3.
 *
 * Offsets are kept from the start of the message and checked against the capture before
 * each block is read; a cut message ends with " [|lisp]" and, as in tcpdump 4.99.3, a dump
 * of the whole packet (np_need(), np_hex()). */
#include "capture/netprint.h"

#define LISP_HDRLEN 16 /* type/flags, record count, nonce, key ID, auth length */
#define LISP_EID_LEN 12
#define LISP_LOC_LEN 8

enum { LISP_MAP_REGISTER = 3, LISP_MAP_NOTIFY = 4 };
enum { AFI_IPV4 = 1, AFI_IPV6 = 2 };

static const np_tok type_names[] = {
	{0, "LISP-Reserved"},
	{1, "LISP-Map-Request"},
	{2, "LISP-Map-Reply"},
	{3, "LISP-Map-Register"},
	{4, "LISP-Map-Notify"},
	{8, "LISP-Encapsulated-Contol-Message"},
	{0, NULL},
};

static const np_tok register_flags[] = {
	{0x08000000, "P-Proxy-Map-Reply"},
	{0x04000000, "S-LISP-SEC-Capable"},
	{0x02000000, "I-xTR-ID-Present"},
	{0x01000000, "R-Build-For-RTR"},
	{0x00000100, "M-Want-Map-Notify"},
	{0, NULL},
};

static const np_tok notify_flags[] = {
	{0x08000000, "I-xTR-ID-Present"},
	{0x04000000, "R-Build-For-RTR"},
	{0, NULL},
};

static const np_tok auth_names[] = {{0, "None"}, {1, "SHA1"}, {2, "SHA256"}, {0, NULL}};
static const np_tok action_names[] = {
	{0, "No-Action"}, {1, "Natively-Forward"}, {2, "Send-Map-Request"}, {3, "Drop"},
	{0, NULL},
};
static const np_tok locator_flags[] = {
	{0x0004, "Local-Locator"}, {0x0002, "RLoc-Probed"}, {0x0001, "Reachable"}, {0, NULL},
};

/* tcpdump 4.99.3 leaves LISP the way its GET_ accessors do: the dump after " [|lisp]" shows
 * the whole packet. */
/* the two checks as one function type (addr_print picks one) */
static void need(np_ctx *c, const uint8_t *p, unsigned len)
{
	np_need(c, p, len);
}

static void need_plain(np_ctx *c, const uint8_t *p, unsigned len)
{
	np_need_plain(c, p, len);
}

/* An EID or locator address.  tcpdump 4.99.3 checks a locator's address first (a plain
 * " [|lisp]") but reads an EID's directly (a whole-packet dump). */
static int addr_print(np_ctx *c, const char *label, unsigned afi, const uint8_t *p)
{
	char buf[NP_ADDRSTRLEN];
	void (*check)(np_ctx *, const uint8_t *, unsigned) = label[0] == 'E' ? need : need_plain;
	if (afi == AFI_IPV4) {
		check(c, p, 4);
		np_printf(c, " %s %s", label, np_ipv4_str(c, p, buf));
		return 4;
	}
	if (afi == AFI_IPV6) {
		check(c, p, 16);
		np_printf(c, " %s %s", label, np_ipv6_str(c, p, buf));
		return 16;
	}
	return -1;
}

void np_lisp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	char buf[32];
	np_set_proto(c, "lisp");
	np_need_plain(c, bp, LISP_HDRLEN); /* checked first: a plain [|lisp] */
	unsigned type = np_u8(c, bp) >> 4;
	np_printf(c, "%s,", np_tok_str(type_names, "unknown-type-%u", type, buf, sizeof(buf)));
	if (c->o.vflag && (type == LISP_MAP_REGISTER || type == LISP_MAP_NOTIFY)) {
		np_puts(c, " flags [");
		np_print_bits(c, type == LISP_MAP_REGISTER ? register_flags : notify_flags, ", ",
			      np_be32(c, bp));
		np_puts(c, "],");
	}
	if (type != LISP_MAP_REGISTER && type != LISP_MAP_NOTIFY)
		return;
	unsigned flags = np_u8(c, bp);
	int xtr_present = type == LISP_MAP_REGISTER ? flags & 2 : flags & 8;
	unsigned auth_len = np_be16(c, bp + 14);
	unsigned records = np_u8(c, bp + 3);
	unsigned off = LISP_HDRLEN;
	if (c->o.vflag) {
		unsigned key_id = np_be16(c, bp + 12);
		np_printf(c, "\n    %u record(s), ", records);
		np_printf(c, "Authentication %s,",
			  np_tok_str(auth_names, "unknown-type", key_id, buf, sizeof(buf)));
		np_hex(c, "\n    Authentication-Data: ", bp + off, auth_len);
	} else {
		np_printf(c, " %u record(s),", records);
	}
	off += auth_len;
	if (records == 0) {
		np_print_invalid(c);
		return;
	}
	while (length > off && records--) {
		const uint8_t *eid = bp + off;
		np_need_plain(c, eid, LISP_EID_LEN);
		np_putc(c, '\n');
		off += LISP_EID_LEN;
		unsigned mask = np_u8(c, eid + 5), afi = np_be16(c, eid + 10);
		unsigned locs = np_u8(c, eid + 4);
		if (c->o.vflag) {
			unsigned aa = np_u8(c, eid + 6);
			np_printf(c, "      Record TTL %u,", np_be32(c, eid));
			np_puts(c, aa & 0x10 ? " Authoritative," : " Non-Authoritative,");
			np_printf(c, " %s,", np_tok_str(action_names, "unknown", aa >> 5, buf,
							sizeof(buf)));
			np_printf(c, " Map Version: %u,", np_be16(c, eid + 8) & 0x0fff);
		}
		int n = addr_print(c, "EID", afi, bp + off);
		if (n < 0)
			return; /* LCAF and other families are not decoded */
		np_printf(c, "/%u,", mask);
		off += (unsigned)n;
		np_printf(c, " %u locator(s)", locs);
		while (locs--) {
			const uint8_t *loc = bp + off;
			np_need_plain(c, loc, LISP_LOC_LEN);
			off += LISP_LOC_LEN;
			if (c->o.vflag)
				np_puts(c, "\n       ");
			n = addr_print(c, "LOC", np_be16(c, loc + 6), bp + off);
			if (n > 0)
				off += (unsigned)n;
			if (c->o.vflag) {
				np_printf(c, "\n          Priority/Weight %u/%u, Multicast Priority/Weight %u/%u,",
					  np_u8(c, loc), np_u8(c, loc + 1), np_u8(c, loc + 2),
					  np_u8(c, loc + 3));
				np_puts(c, " flags [");
				np_print_bits(c, locator_flags, ", ", np_be16(c, loc + 4));
				np_puts(c, "],");
			}
		}
	}
	const uint8_t *tail = bp + off;
	if (xtr_present) {
		if (!np_has(c, tail, 24)) {
			np_print_invalid(c);
			return;
		}
		np_hex(c, "\n    xTR-ID: ", tail, 16);
		np_printf(c, "\n    SITE-ID: %llu", (unsigned long long)np_be64(c, tail + 16));
	} else if (np_avail(c, tail) > 0) {
		np_hex(c, "\n    Data: ", tail, np_avail(c, tail));
	}
}
