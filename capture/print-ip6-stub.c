/* Placeholder for the IPv6 printer (print-ip6.c, owned by the IPv6 helper): it only names
 * the packet, so IPv6 captures print something and never crash.  Delete this file when
 * print-ip6.c provides np_ip6_print. */
#include "capture/netprint.h"

void np_ip6_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_set_proto(c, "ip6");
	if (!c->o.eflag)
		np_puts(c, "IP6 ");
	np_need(c, bp, 40);
	np_print_ipv6(c, bp + 8);
	np_puts(c, " > ");
	np_print_ipv6(c, bp + 24);
	np_printf(c, ": ip6-proto-%u %u", np_u8(c, bp + 6), length);
}
