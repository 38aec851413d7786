/* The Ethernet configuration testing protocol ("Loopback", ethertype 0x9000, Xerox/DEC/Intel
 * Ethernet v2 section 8), as tcpdump 4.99.3 prints it: the skip count, then the message it
 * points at: a reply (receipt number) or a forwarded message (address), then the length
 * of the data that follows.  Fields are little-endian. */
#include "capture/netprint.h"

#define LOOPBACK_REPLY 1
#define LOOPBACK_FWDDATA 2

static const np_tok functions[] = {
	{LOOPBACK_REPLY, "Reply"}, {LOOPBACK_FWDDATA, "Forward Data"}, {0, NULL},
};

/* One message; returns 0 when malformed. */
static int message_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	if (len < 2)
		return 0;
	unsigned fn = np_le16(c, p);
	const char *name = np_tok_find(functions, fn);
	if (name)
		np_printf(c, ", %s", name);
	else
		np_printf(c, ",  invalid (%u)", fn);
	switch (fn) {
	case LOOPBACK_REPLY:
		if (len < 4)
			return 0;
		np_printf(c, ", receipt number %u", np_le16(c, p + 2));
		p += 4;
		len -= 4;
		break;
	case LOOPBACK_FWDDATA: {
		if (len < 8)
			return 0;
		char buf[NP_ADDRSTRLEN + 32];
		np_need(c, p + 2, 6);
		np_printf(c, ", forwarding address %s", np_mac_str(c, p + 2, buf));
		p += 8;
		len -= 8;
		break;
	}
	default:
		p += 2;
		len -= 2;
		break;
	}
	np_printf(c, ", data (%u octets)", len);
	np_need(c, p, len);
	return 1;
}

void np_loopback_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_set_proto(c, "loopback");
	np_puts(c, "Loopback");
	if (length < 2)
		goto invalid;
	unsigned skip = np_le16(c, bp);
	np_printf(c, ", skipCount %u", skip);
	if (skip % 8)
		np_puts(c, " (bogus)");
	if (skip > length - 2)
		goto invalid;
	if (message_print(c, bp + skip + 2, length - skip - 2))
		return;
invalid:
	np_print_invalid(c);
	np_need(c, bp, length);
}
