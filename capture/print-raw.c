/* Raw IP link types: DLT_RAW, LINKTYPE_IPV4 and LINKTYPE_IPV6.  All three look at the
 * version nibble, as tcpdump does, so an "IPv4" file holding IPv6 prints as IPv6. */
#include "capture/netprint.h"

static unsigned raw_common(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen)
{
	(void)caplen;
	if (c->o.eflag)
		np_puts(c, "ip: ");
	np_ipN_print(c, p, length);
	return 0;
}

unsigned np_raw_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen)
{
	np_set_proto(c, "raw");
	return raw_common(c, p, length, caplen);
}

unsigned np_ipv4_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen)
{
	np_set_proto(c, "ipv4");
	return raw_common(c, p, length, caplen);
}

unsigned np_ipv6_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen)
{
	np_set_proto(c, "ipv6");
	return raw_common(c, p, length, caplen);
}

void np_ipN_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	if (length < 1 || !np_has(c, bp, 1)) {
		np_printf(c, "truncated-ip %u", length);
		return;
	}
	switch (np_u8(c, bp) & 0xf0) {
	case 0x40:
		np_ip_print(c, bp, length);
		break;
	case 0x60:
		np_ip6_print(c, bp, length);
		break;
	default:
		np_printf(c, "unknown ip %u", np_u8(c, bp) >> 4);
		break;
	}
}
