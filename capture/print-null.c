/* BSD loopback: DLT_NULL (address family in the capturing host's byte order) and DLT_LOOP
 * (network byte order).
 *
 * The family of a NULL file is in the byte order of whoever captured it; a value with bits
 * in the upper half cannot be a family, so it is taken as byte-swapped, as tcpdump does. */
#include "capture/netprint.h"

#define NULL_HDRLEN 4

static const np_tok bsd_af_names[] = {
	{2, "IPv4"}, {24, "IPv6"}, {28, "IPv6"}, {30, "IPv6"},
	{7, "OSI"}, {16, "Appletalk"}, {23, "IPX"}, {0, NULL},
};

static void null_hdr_print(np_ctx *c, unsigned family, unsigned length)
{
	const char *name = np_tok_find(bsd_af_names, family);
	if (!c->o.qflag)
		np_printf(c, "AF %s (%u)", name ? name : "Unknown", family);
	else if (name)
		np_puts(c, name);
	else
		np_printf(c, "Unknown AF %u", family);
	np_printf(c, ", length %u: ", length);
}

static unsigned null_common(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen,
			    int loop)
{
	np_set_proto(c, loop ? "loop" : "null");
	np_need(c, p, NULL_HDRLEN);
	uint32_t family = loop ? np_be32(c, p) : np_le32(c, p);
	if (!loop && (family & 0xffff0000u))
		family = np_be32(c, p);
	if (c->o.eflag)
		null_hdr_print(c, family, length);
	p += NULL_HDRLEN;
	length -= NULL_HDRLEN;
	caplen -= NULL_HDRLEN;
	switch (family) {
	case 2:
		np_ip_print(c, p, length);
		break;
	case 24:
	case 28:
	case 30:
		np_ip6_print(c, p, length);
		break;
	default:
		/* OSI, AppleTalk and IPX are outside the decoded set: the fallback */
		if (!c->o.eflag)
			null_hdr_print(c, family, length + NULL_HDRLEN);
		np_default_print(c, p, caplen);
		break;
	}
	return NULL_HDRLEN;
}

unsigned np_null_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen)
{
	return null_common(c, p, length, caplen, 0);
}

unsigned np_loop_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen)
{
	return null_common(c, p, length, caplen, 1);
}
