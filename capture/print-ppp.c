/* PPP (DLT_PPP): the HDLC-like address/control bytes (or pppd's direction marks), the
 * protocol field (compressed or not), and the payload by protocol: IPv4, IPv6, MPLS, and
 * the control and authentication protocols of print-ppp-ctrl.c.  Protocols without a
 * printer print as tcpdump prints them, the name and a hex dump.  HDLC-escaped frames
 * (protocol 0x7dxx) are not un-escaped. */
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

void np_ppp_payload_print(np_ctx *c, unsigned proto, const uint8_t *p, unsigned length)
{
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
	return np_ppp_print(c, p, length);
}
