/* SMTP on TCP port 25: every segment is text to show (no command table), so "SMTP" and,
 * when the data is text, its first line (all lines with -v). */
#include "capture/netprint.h"

void np_smtp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	np_puts(c, ": ");
	np_set_proto(c, "smtp");
	np_txtproto_print(c, bp, length, "SMTP", NULL, 0);
}
