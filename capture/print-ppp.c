/* PPP (DLT_PPP): the HDLC-like address/control bytes (or pppd's direction marks), the
 * protocol field (compressed or not), and the payload by protocol: IPv4, IPv6, MPLS, and
 * the control and authentication protocols of print-ppp-ctrl.c.  Protocols without a
 * printer print as tcpdump prints them, the name and a hex dump.
 *
 * A protocol field starting 0x7e means the frame is still in RFC 1662 HDLC framing with
 * octet escapes: tcpdump un-escapes what was captured into a private copy and decodes that
 * (by guessing where the protocol field is).  The copy lives in the context and the
 * printers read it through the same accessors, with c->packet/c->snapend pointing at it
 * for the time of the decode. */
#include <stdlib.h>

#include "capture/netprint.h"

#define PPP_HDRLEN 4

static const np_tok ppp_protos[] = {
	{0x0021, "IP"}, {0x0023, "OSI"}, {0x0025, "NS"}, {0x0027, "DECNET"}, {0x0029, "APPLE"},
	{0x002b, "IPX"}, {0x002d, "VJC IP"}, {0x002f, "VJNC IP"}, {0x0031, "BRPDU"},
	{0x0033, "STII"}, {0x0035, "VINES"}, {0x0281, "MPLS"}, {0x0283, "MPLS"},
	{0x00fd, "Compressed"}, {0x003d, "MLPPP"}, {0x0057, "IP6"}, {0x0201, "HELLO"},
	{0x0231, "LUXCOM"}, {0x1001, "SNS"}, {0x8021, "IPCP"}, {0x8023, "OSICP"},
	{0x8025, "NSCP"}, {0x8027, "DECNETCP"}, {0x8029, "APPLECP"}, {0x802b, "IPXCP"},
	{0x8033, "STIICP"}, {0x8035, "VINESCP"}, {0x8057, "IP6CP"}, {0x8281, "MPLSCP"},
	{0xc021, "LCP"}, {0xc023, "PAP"}, {0xc025, "LQM"}, {0xc223, "CHAP"}, {0xc227, "EAP"},
	{0xc027, "SPAP"}, {0xc123, "Old-SPAP"}, {0xc02b, "BACP"}, {0xc02d, "BAP"},
	{0xc03d, "MLPPP-CP"}, {0x80fd, "CCP"}, {0, NULL},
};

const char *np_ppp_proto_name(unsigned proto)
{
	return np_tok_find(ppp_protos, proto);
}

static void ppp_hdlc(np_ctx *c, const uint8_t *p, unsigned length);

void np_ppp_payload_print(np_ctx *c, unsigned proto, const uint8_t *p, unsigned length)
{
	if ((proto & 0xff00) == 0x7e00) {
		ppp_hdlc(c, p - 1, length);
		return;
	}
	switch (proto) {
	case 0xc021: /* LCP */
	case 0x8021: /* IPCP */
	case 0x8023: /* OSICP */
	case 0x8281: /* MPLSCP */
	case 0x8057: /* IP6CP */
	case 0x80fd: /* CCP */
	case 0xc02b: /* BACP */
		np_ppp_ctrl_print(c, proto, p, length);
		break;
	case 0x003d:
		np_ppp_mlppp_print(c, p, length);
		break;
	case 0xc223:
		np_ppp_chap_print(c, p, length);
		break;
	case 0xc023:
		np_ppp_pap_print(c, p, length);
		break;
	case 0xc02d: /* BAP: tcpdump prints nothing of it */
		break;
	case 0x0800:
	case 0x002f:
	case 0x0021:
		np_ip_print(c, p, length);
		break;
	case 0x86dd:
	case 0x0057:
		np_ip6_print(c, p, length);
		break;
	case 0x0281:
	case 0x0283:
		np_mpls_print(c, p, length);
		break;
	case 0x00fd:
		np_puts(c, "compressed PPP data");
		break;
	default: {
		const char *name = np_tok_find(ppp_protos, proto);
		if (name)
			np_printf(c, "%s ", name);
		else
			np_printf(c, "unknown PPP protocol (0x%04x) ", proto);
		np_unknown_data(c, p, "\n\t", length);
		break;
	}
	}
}

/* Returns the PPP header length. */
unsigned np_ppp_print(np_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned olen = length, hdr_len = 0;
	np_set_proto(c, "ppp");
	if (length < 2) {
		np_print_trunc(c);
		return 0;
	}
	switch (np_be16(c, p)) {
	case 0x0003: /* pppd's "received" mark */
	case 0x0103: /* pppd's "sent" mark */
		if (c->o.eflag)
			np_puts(c, np_u8(c, p) ? "Out " : "In  ");
		/* fall through */
	case 0xff03:
		p += 2;
		length -= 2;
		hdr_len += 2;
		break;
	default:
		break;
	}
	if (length < 2) {
		np_print_trunc(c);
		return 0;
	}
	unsigned proto;
	if (np_u8(c, p) % 2) { /* protocol field compression */
		proto = np_u8(c, p);
		p++;
		length--;
		hdr_len++;
	} else {
		proto = np_be16(c, p);
		p += 2;
		length -= 2;
		hdr_len += 2;
	}
	if (c->o.eflag) {
		const char *name = np_tok_find(ppp_protos, proto);
		np_printf(c, "%s (0x%04x), length %u", name ? name : "unknown", proto, olen);
		if (!name)
			return hdr_len;
		np_puts(c, ": ");
	}
	np_ppp_payload_print(c, proto, p, length);
	return hdr_len;
}

unsigned np_ppp_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen)
{
	np_set_proto(c, "ppp_if");
	if (caplen < PPP_HDRLEN) {
		np_print_trunc(c);
		return caplen;
	}
	/* tcpdump 4.99.3 skips 4 bytes in the dumps whatever the header really was */
	np_ppp_print(c, p, length);
	return PPP_HDRLEN;
}

void np_ppp_state_free(np_ctx *c)
{
	free(c->unesc);
	c->unesc = NULL;
	c->unesc_cap = 0;
}

/* Decodes the un-escaped copy; returns 0 when it ran out (the caller prints the marker). */
static int hdlc_decode(np_ctx *c, const uint8_t *b, unsigned length)
{
	if (length < 1)
		return 0;
	unsigned proto = np_u8(c, b);
	if (proto == 0x21) {
		np_ip_print(c, b + 1, length - 1);
		return 1;
	}
	if (proto == 0x57) {
		np_ip6_print(c, b + 1, length - 1);
		return 1;
	}
	if (length < 2)
		return 0;
	proto = np_be16(c, b);
	if (proto == 0xff03) {
		if (length < 4)
			return 0;
		proto = np_be16(c, b + 2);
		b += 4;
		length -= 4;
	} else {
		b += 2;
		length -= 2;
	}
	if ((proto & 0xff00) == 0x7e00)
		np_printf(c, "(protocol 0x%04x invalid)", proto);
	else
		np_ppp_payload_print(c, proto, b, length);
	return 1;
}

static void ppp_hdlc(np_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned caplen = np_avail(c, p);
	if (caplen == 0 || length == 0)
		return;
	if (c->unesc_cap < caplen) {
		uint8_t *nb = realloc(c->unesc, caplen);
		if (!nb)
			return;
		c->unesc = nb;
		c->unesc_cap = caplen;
	}
	unsigned n = 0;
	for (unsigned i = 0; i < caplen; i++) {
		uint8_t ch = p[i];
		if (ch == 0x7d) {
			if (i + 1 >= caplen)
				break;
			ch = p[++i] ^ 0x20;
		}
		c->unesc[n++] = ch;
	}
	const uint8_t *packet = c->packet, *snapend = c->snapend;
	c->packet = c->unesc;
	c->snapend = c->unesc + n;
	int ok = hdlc_decode(c, c->unesc, n);
	c->packet = packet;
	c->snapend = snapend;
	if (!ok)
		np_print_trunc(c);
}

void np_ppp_ether_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	if (length) {
		np_puts(c, ": ");
		np_ppp_print(c, bp, length);
	}
}

/* DLT_PPP_SERIAL: HDLC-like framing whose address and control bytes are always there. */
unsigned np_ppp_hdlc_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen)
{
	np_set_proto(c, "ppp_hdlc");
	if (caplen < 2) {
		np_print_trunc(c);
		return caplen;
	}
	unsigned addr = np_u8(c, p);
	if (addr == 0x0f || addr == 0x8f) {
		/* Cisco HDLC: not decoded here */
		np_default_print(c, p, caplen);
		return 0;
	}
	if (caplen < 4) {
		np_print_trunc(c);
		return caplen;
	}
	if (c->o.eflag)
		np_printf(c, "%02x %02x %u ", addr, np_u8(c, p + 1), length);
	if (addr != 0xff) {
		np_printf(c, "unknown addr %02x; ctrl %02x", np_u8(c, p + 2), np_u8(c, p + 3));
		return 2;
	}
	unsigned proto = np_be16(c, p + 2);
	const char *name = np_ppp_proto_name(proto);
	if (name)
		np_printf(c, "%s: ", name);
	else
		np_printf(c, "unknown PPP protocol (0x%04x): ", proto);
	np_ppp_payload_print(c, proto, p + 4, length - 4);
	return 4;
}
