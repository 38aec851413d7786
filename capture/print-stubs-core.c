/* Temporary: the core IPv4 printers land in their own files (print-ip.c, print-arp.c,
 * print-tcp.c, print-udp.c, print-icmp.c, print-http.c) in the next commits. */
#include "capture/netprint.h"

void np_icmp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)c, (void)bp, (void)length, (void)ip, (void)frag;
}
