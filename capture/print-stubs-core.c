/* Temporary: the core IPv4 printers land in their own files (print-ip.c, print-arp.c,
 * print-tcp.c, print-udp.c, print-icmp.c, print-http.c) in the next commits. */
#include "capture/netprint.h"

void np_ip_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_set_proto(c, "ip");
	np_puts(c, "IP ");
	np_need(c, bp, 20);
	np_print_ipv4(c, bp + 12);
	np_puts(c, " > ");
	np_print_ipv4(c, bp + 16);
	np_printf(c, ": ip-proto-%u %u", np_u8(c, bp + 9), length);
}
void np_arp_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	(void)bp;
	np_printf(c, "ARP, length %u", length);
}
void np_tcp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)c, (void)bp, (void)length, (void)ip, (void)frag;
}
void np_udp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)c, (void)bp, (void)length, (void)ip, (void)frag;
}
void np_icmp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)c, (void)bp, (void)length, (void)ip, (void)frag;
}
void np_http_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)c, (void)bp, (void)length, (void)ip, (void)frag;
}
void np_tcp_state_free(np_ctx *c)
{
	(void)c;
}
