/* PPP over Ethernet (RFC 2516): the discovery stage (PADI/PADO/PADR/PADS/PADT with their
 * tags) and the session stage (a PPP frame without address/control), as tcpdump 4.99.3
 * prints them.
 *
 * Key decisions, tcpdump's: a tag value prints as text when most of its bytes are
 * printable (non-printables as '.', at most 79 characters), else as hex; the header's
 * length is trusted only up to what the frame holds ("[len N > M!]"). */
#include "capture/netprint.h"

#define PPPOE_HDRLEN 6
#define PPPOE_PADI 0x09
#define MAXTAGPRINT 80

static const np_tok codes[] = {
	{0x09, "PADI"}, {0x07, "PADO"}, {0x19, "PADR"}, {0x65, "PADS"}, {0xa7, "PADT"},
	{0, ""}, {0, NULL},
};

static const np_tok tags[] = {
	{0x0000, "EOL"},
	{0x0101, "Service-Name"},
	{0x0102, "AC-Name"},
	{0x0103, "Host-Uniq"},
	{0x0104, "AC-Cookie"},
	{0x0105, "Vendor-Specific"},
	{0x0110, "Relay-Session-ID"},
	{0x0120, "PPP-Max-Payload"},
	{0x0201, "Service-Name-Error"},
	{0x0202, "AC-System-Error"},
	{0x0203, "Generic-Error"},
	{0, NULL},
};

static void tag_print(np_ctx *c, unsigned type, const uint8_t *v, unsigned len)
{
	char nbuf[32];
	const char *name = np_tok_str(tags, "TAG-0x%x", type, nbuf, sizeof nbuf);
	if (len == 0) {
		np_printf(c, " [%s]", name);
		return;
	}
	np_need(c, v, len);
	char str[MAXTAGPRINT];
	unsigned n = 0, ascii = 0, garbage = 0;
	for (unsigned i = 0; i < len && n < MAXTAGPRINT - 1; i++) {
		unsigned ch = np_u8(c, v + i);
		if (ch >= 0x20 && ch < 0x7f) {
			str[n++] = (char)ch;
			ascii++;
		} else {
			str[n++] = '.';
			garbage++;
		}
	}
	str[n] = 0;
	if (ascii > garbage) {
		np_printf(c, " [%s \"%s\"]", name, str);
	} else {
		np_printf(c, " [%s 0x", name);
		for (unsigned i = 0; i < len; i++)
			np_printf(c, "%02X", np_u8(c, v + i));
		np_putc(c, ']');
	}
}

void np_pppoe_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_set_proto(c, "pppoe");
	if (length < PPPOE_HDRLEN || !np_has(c, bp, PPPOE_HDRLEN)) {
		np_print_trunc(c);
		return;
	}
	length -= PPPOE_HDRLEN;
	unsigned ver = np_u8(c, bp) >> 4, type = np_u8(c, bp) & 0x0f;
	unsigned code = np_u8(c, bp + 1), sid = np_be16(c, bp + 2), plen = np_be16(c, bp + 4);
	const uint8_t *payload = bp + PPPOE_HDRLEN;
	if (ver != 1)
		np_printf(c, " [ver %u]", ver);
	if (type != 1)
		np_printf(c, " [type %u]", type);
	char cbuf[32];
	np_printf(c, "PPPoE %s", np_tok_str(codes, "PAD-%x", code, cbuf, sizeof cbuf));
	if (code == PPPOE_PADI && plen > 1484 - PPPOE_HDRLEN)
		np_printf(c, " [len %u!]", plen);
	if (plen > length) {
		np_printf(c, " [len %u > %u!]", plen, length);
		plen = length;
	}
	if (sid)
		np_printf(c, " [ses 0x%x]", sid);
	if (code == 0) {
		np_putc(c, ' ');
		np_ppp_print(c, payload, plen);
		return;
	}
	/* discovery: tags up to the end of the payload or an EOL tag */
	unsigned tag_type = 0xffff;
	const uint8_t *p = payload;
	while (tag_type && p < payload + plen) {
		tag_type = np_be16(c, p);
		unsigned tag_len = np_be16(c, p + 2);
		p += 4;
		tag_print(c, tag_type, p, tag_len);
		p += tag_len;
	}
}
