/* IPv6 fragment header: "frag (offset|length)" (-v adds the identification).
 *
 * The length is what the payload length leaves after the headers up to and including this
 * one, computed in 64 bits as tcpdump 4.99.3 does, so a header placed past the payload
 * length prints the wrapped-around value it prints.  Only a first fragment (offset 0) has
 * a next header worth decoding; for the others the walk stops here. */
#include "capture/netprint.h"

#define FRAG_HDRLEN 8
#define FRAG_OFF_MASK 0xfff8

int np_frag6_print(np_ctx *c, const uint8_t *bp, const uint8_t *ip6)
{
	np_set_proto(c, "frag6");
	uint32_t ident = c->o.vflag ? np_be32(c, bp + 4) : 0;
	unsigned off = np_be16(c, bp + 2) & FRAG_OFF_MASK;
	uint64_t rest = (uint64_t)40 + np_be16(c, ip6 + 4) - (uint64_t)(bp - ip6) - FRAG_HDRLEN;
	if (c->o.vflag)
		np_printf(c, "frag (0x%08x:%u|%llu)", ident, off, (unsigned long long)rest);
	else
		np_printf(c, "frag (%u|%llu)", off, (unsigned long long)rest);
	if (off != 0)
		return -1;
	np_putc(c, ' ');
	return FRAG_HDRLEN;
}
