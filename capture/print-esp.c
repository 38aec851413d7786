/* ESP (RFC 4303) on IP protocol 50 and in UDP (RFC 3948): the SPI, the sequence number and
 * the length, as tcpdump 4.99.3 prints it without decryption keys (-E is not supported). */
#include "capture/netprint.h"

void np_esp_body(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_set_proto(c, "esp");
	/* tcpdump wants one byte past the 8-byte header before it prints anything */
	if (!np_has(c, bp, 9)) {
		np_print_trunc(c);
		return;
	}
	np_printf(c, "ESP(spi=0x%08x,seq=0x%x), length %u", np_be32(c, bp), np_be32(c, bp + 4),
		  length);
}

void np_esp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	np_esp_body(c, bp, length);
}
