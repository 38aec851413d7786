/* IPsec ESP (RFC 4303) and IP payload compression (RFC 3173), for IPv4 and IPv6.
 *
 * Neither is decrypted nor decompressed (tcpdump's -E is not supported): ESP prints its
 * SPI, sequence number and length, IPComp its CPI, and the packet ends there as in
 * tcpdump 4.99.3 without a secret. */
#include "capture/netprint.h"

void np_esp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	np_set_proto(c, "esp");
	/* tcpdump wants more than the 8-byte header before it prints anything */
	if (np_avail(c, bp) <= 8) {
		np_print_trunc(c);
		return;
	}
	np_printf(c, "ESP(spi=0x%08x", np_be32(c, bp));
	np_printf(c, ",seq=0x%x)", np_be32(c, bp + 4));
	np_printf(c, ", length %u", length);
}

void np_ipcomp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		     int frag)
{
	(void)length, (void)ip, (void)frag;
	np_set_proto(c, "ipcomp");
	np_printf(c, "IPComp(cpi=0x%04x)", np_be16(c, bp + 2));
}
