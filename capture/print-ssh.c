/* SSH on TCP port 22: the identification string ("SSH-2.0-..." up to its CR LF or LF),
 * which is all tcpdump 4.99.3 decodes of SSH.
 *
 * A segment that does not start with "SSH-", or whose line holds a byte that is not
 * printable ASCII or a CR not followed by LF, or that does not end inside the segment,
 * prints nothing more.  The line is read with the jumping accessors: a capture cut inside
 * it ends the packet with " [|ssh]", as tcpdump's GET_ reads do. */
#include "capture/netprint.h"

void np_ssh_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	static const char prefix[] = "SSH-";
	np_set_proto(c, "ssh");
	unsigned idx = 0;
	for (; idx < 4; idx++)
		if (np_u8(c, bp + idx) != (unsigned char)prefix[idx])
			return;
	for (; idx < length; idx++) {
		unsigned ch = np_u8(c, bp + idx);
		if (ch == '\n')
			break;
		if (ch == '\r') {
			if (idx + 1 >= length || np_u8(c, bp + idx + 1) != '\n')
				return;
			break;
		}
		if (ch < 0x20 || ch > 0x7e)
			return;
	}
	if (idx == length)
		return;
	np_puts(c, ": SSH: ");
	np_printf(c, "%.*s", (int)idx, (const char *)bp);
}
