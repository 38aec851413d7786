/* Cisco's Dynamic Trunking Protocol (SNAP OUI 00000c, PID 0x2004): a version byte and,
 * with -v, its type-length-value records, as tcpdump 4.99.3 prints them.  A record whose
 * length is shorter than its own header or longer than the message ends the walk as
 * " (invalid)". */
#include "capture/netprint.h"

static const np_tok tlv_names[] = {
	{1, "Domain"}, {2, "Status"}, {3, "DTP type"}, {4, "Neighbor"}, {0, NULL},
};

void np_dtp_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_set_proto(c, "dtp");
	if (length < 1)
		goto invalid;
	np_printf(c, "DTPv%u, length %u", np_u8(c, bp), length);
	if (!c->o.vflag)
		return;
	const uint8_t *end = bp + length;
	for (const uint8_t *t = bp + 1; t < end;) {
		unsigned type = np_be16(c, t), len = np_be16(c, t + 2);
		if (type == 0) /* seen in real captures: the rest is padding */
			return;
		const char *name = np_tok_find(tlv_names, type);
		np_printf(c, "\n\t%s (0x%04x) TLV, length %u", name ? name : "Unknown", type, len);
		if (len < 4 || len > length)
			goto invalid;
		switch (type) {
		case 1:
			np_puts(c, ", ");
			np_print_zchars(c, t + 4, len - 4);
			break;
		case 2:
		case 3:
			if (len != 5)
				goto invalid;
			np_printf(c, ", 0x%x", np_u8(c, t + 4));
			break;
		case 4: {
			if (len != 10)
				goto invalid;
			char buf[NP_ADDRSTRLEN + 32];
			np_need(c, t + 4, 6);
			np_printf(c, ", %s", np_mac_str(c, t + 4, buf));
			break;
		}
		}
		t += len;
	}
	return;
invalid:
	np_print_invalid(c);
	np_need(c, bp, length);
}
