/* HSRP version 0 (RFC 2281): op code, state, group, virtual address and, with -v, timers,
 * priority and the authentication string (UDP destination port 1985).
 *
 * tcpdump 4.99.3 reads HSRP with its longjmp-ing accessors: a cut packet ends with
 * " [|hsrp]" and a dump of the whole packet (np_need()). */
#include "capture/netprint.h"

static const np_tok op_codes[] = {{0, "hello"}, {1, "coup"}, {2, "resign"}, {0, NULL}};
static const np_tok states[] = {
	{0, "initial"}, {1, "learn"}, {2, "listen"}, {4, "speak"}, {8, "standby"},
	{16, "active"}, {0, NULL},
};

void np_hsrp_print(np_ctx *c, const uint8_t *bp, unsigned len, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	char buf[32], abuf[NP_ADDRSTRLEN];
	np_set_proto(c, "hsrp");
	np_need(c, bp, 1);
	unsigned version = np_u8(c, bp);
	np_printf(c, "HSRPv%u", version);
	if (version != 0)
		return;
	np_putc(c, '-');
	np_need(c, bp + 1, 1);
	np_printf(c, "%s ", np_tok_str(op_codes, "unknown (%u)", np_u8(c, bp + 1), buf,
					sizeof(buf)));
	np_printf(c, "%u: ", len);
	np_need(c, bp + 2, 1);
	np_printf(c, "state=%s ", np_tok_str(states, "Unknown (%u)", np_u8(c, bp + 2), buf,
					     sizeof(buf)));
	np_need(c, bp + 6, 1);
	np_printf(c, "group=%u ", np_u8(c, bp + 6));
	np_need(c, bp + 7, 1);
	if (np_u8(c, bp + 7))
		np_printf(c, "[reserved=%u!] ", np_u8(c, bp + 7));
	np_need(c, bp + 16, 4);
	np_printf(c, "addr=%s", np_ipv4_str(c, bp + 16, abuf));
	if (!c->o.vflag)
		return;
	np_puts(c, " hellotime=");
	np_relts_print(c, np_u8(c, bp + 3));
	np_puts(c, " holdtime=");
	np_relts_print(c, np_u8(c, bp + 4));
	np_printf(c, " priority=%u", np_u8(c, bp + 5));
	np_puts(c, " auth=\"");
	for (unsigned k = 0; k < 8 && np_u8(c, bp + 8 + k); k++)
		np_print_chars(c, bp + 8 + k, 1);
	np_putc(c, '"');
}
