/* TFTP (RFC 1350, options RFC 2347) on UDP port 69: length, opcode and the file name, mode,
 * options, block number or error, as tcpdump 4.99.3 prints them; a cut string or field ends
 * the line with " [|tftp]". */
#include "capture/netprint.h"


static const np_tok op_names[] = {
	{1, "RRQ"}, {2, "WRQ"}, {3, "DATA"}, {4, "ACK"}, {5, "ERROR"}, {6, "OACK"}, {0, NULL},
};
static const np_tok err_names[] = {
	{0, "EUNDEF"}, {1, "ENOTFOUND"}, {2, "EACCESS"}, {3, "ENOSPACE"}, {4, "EBADOP"},
	{5, "EBADID"}, {6, "EEXISTS"}, {7, "ENOUSER"}, {0, NULL},
};

/* tcpdump's nd_printztn: a NUL-terminated string of at most n bytes; the bytes used with
 * the NUL, 0 when the string or the capture ends first */
static unsigned printztn(np_ctx *c, const uint8_t *s, unsigned n)
{
	unsigned bytes = 0;
	for (;;) {
		if (n == 0 || !np_has(c, s, 1))
			return 0;
		unsigned ch = *s++;
		bytes++;
		n--;
		if (ch == 0)
			return bytes;
		np_print_chars(c, s - 1, 1);
	}
}

/* A NUL-terminated string in quotes (the closing one even when it is cut): the bytes it
 * took, 0 when it is cut or there is none */
static unsigned quoted(np_ctx *c, const uint8_t *bp, unsigned length)
{
	if (length == 0)
		return 0;
	np_puts(c, " \"");
	unsigned ui = printztn(c, bp, length);
	np_putc(c, '"');
	return ui;
}

void np_tftp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	unsigned ui;
	np_set_proto(c, "tftp");
	np_printf(c, "TFTP, length %u", length);
	if (length < 2)
		goto trunc;
	unsigned op = np_be16(c, bp);
	const char *name = np_tok_find(op_names, op);
	if (!name) {
		np_printf(c, ", tftp-#%u", op);
		return;
	}
	np_printf(c, ", %s", name);
	bp += 2;
	length -= 2;
	switch (op) {
	case 1:
	case 2:
		if ((ui = quoted(c, bp, length)) == 0)
			goto trunc;
		bp += ui, length -= ui;
		if (length == 0)
			goto trunc;
		np_putc(c, ' ');
		if ((ui = printztn(c, bp, length)) == 0)
			goto trunc;
		bp += ui, length -= ui;
		/* fallthrough: the options */
	case 6:
		while (length != 0) {
			np_need(c, bp, 1); /* tcpdump reads it with GET_U_1 */
			if (*bp != 0)
				np_putc(c, ' ');
			if ((ui = printztn(c, bp, length)) == 0)
				goto trunc;
			bp += ui, length -= ui;
		}
		break;
	case 3:
	case 4:
		if (length < 2)
			goto trunc;
		np_printf(c, " block %u", np_be16(c, bp));
		break;
	case 5: {
		if (length < 2)
			goto trunc;
		unsigned code = np_be16(c, bp);
		const char *e = np_tok_find(err_names, code);
		if (e)
			np_printf(c, " %s", e);
		else
			np_printf(c, " tftp-err-#%u \"", code);
		bp += 2, length -= 2;
		if (quoted(c, bp, length) == 0)
			goto trunc;
		break;
	}
	}
	return;
trunc:
	np_puts(c, " [|tftp]");
}
