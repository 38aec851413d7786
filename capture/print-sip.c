/* SIP on UDP port 5060: the request or status line, all text lines with -v (the generic
 * text printer, print-txtproto.c).  tcpdump 4.99.3 decodes SIP on UDP only. */
#include "capture/netprint.h"

static const char *const sip_methods[] = {
	"ACK", "BYE", "CANCEL", "DO", "INFO", "INVITE", "MESSAGE", "NOTIFY", "OPTIONS",
	"PRACK", "QAUTH", "REFER", "REGISTER", "SPRACK", "SUBSCRIBE", "UPDATE", "PUBLISH", NULL,
};

void np_sip_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	np_set_proto(c, "sip");
	np_txtproto_print(c, bp, length, "SIP", sip_methods, 1);
}
