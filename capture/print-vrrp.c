/* VRRP versions 2 and 3 (RFC 3768, 5798): type, router ID, priority, interval and, with
 * -v, the checksum check, the virtual addresses and a simple-text password.
 *
 * tcpdump 4.99.3 reads VRRP with its longjmp-ing accessors: a cut packet ends with
 * " [|vrrp]" and a dump of the whole packet (np_need()). */
#include "capture/netprint.h"

static const np_tok auth_names[] = {{0, "none"}, {1, "simple"}, {2, "ah"}, {0, NULL}};

void np_vrrp_print(np_ctx *c, const uint8_t *bp, unsigned len, const uint8_t *ip, int frag)
{
	(void)frag;
	char buf[NP_ADDRSTRLEN];
	np_set_proto(c, "vrrp");
	int v6 = np_u8(c, ip) >> 4 == 6;
	unsigned ttl = np_u8(c, ip + (v6 ? 7 : 8));
	np_puts(c, "VRRP");
	np_need(c, bp, 1);
	unsigned version = np_u8(c, bp) >> 4, type = np_u8(c, bp) & 0x0f;
	np_printf(c, "v%u, ", version);
	if (type == 1)
		np_puts(c, "Advertisement");
	else
		np_printf(c, "unknown type (%u)", type);
	if (ttl != 255)
		np_printf(c, ", (ttl %u)", ttl);
	if (version < 2 || version > 3 || type != 1)
		return;
	np_need(c, bp + 1, 2);
	np_printf(c, ", vrid %u, prio %u", np_u8(c, bp + 1), np_u8(c, bp + 2));
	np_need(c, bp + 4, 1);
	unsigned auth = np_u8(c, bp + 4);
	if (version == 2) {
		char abuf[16];
		np_printf(c, ", authtype %s", np_tok_str(auth_names, NULL, auth, abuf, sizeof(abuf)));
		np_need(c, bp + 5, 1);
		np_printf(c, ", intvl %us, length %u", np_u8(c, bp + 5), len);
	} else {
		np_need(c, bp + 5, 1);
		np_printf(c, ", intvl %ucs, length %u", (auth & 0x0f) << 8 | np_u8(c, bp + 5), len);
	}
	if (!c->o.vflag)
		return;
	np_need(c, bp + 3, 1);
	unsigned naddrs = np_u8(c, bp + 3);
	if (np_has(c, bp, len)) {
		uint16_t sum;
		if (version == 2)
			sum = np_cksum_fold(np_cksum_add(bp, len, 0));
		else if (v6)
			sum = np_ip6_pseudo_cksum(ip, bp, len, 112);
		else
			sum = np_ip_pseudo_cksum(c, ip, bp, len, 112);
		if (sum)
			np_printf(c, ", (bad vrrp cksum %x)", np_be16(c, bp + 6));
	}
	np_puts(c, ", addrs");
	if (naddrs > 1)
		np_printf(c, "(%u)", naddrs);
	np_putc(c, ':');
	const uint8_t *a = bp + 8;
	for (unsigned i = 0; i < naddrs; i++, a += v6 ? 16 : 4) {
		np_need(c, a, v6 ? 16 : 4);
		np_printf(c, "%c%s", i ? ',' : ' ',
			  v6 ? np_ipv6_str(c, a, buf) : np_ipv4_str(c, a, buf));
	}
	if (version == 2 && auth == 1) {
		np_puts(c, " auth \"");
		/* the eight password bytes, up to a NUL */
		for (unsigned k = 0; k < 8; k++) {
			np_need(c, a + k, 1);
			if (!np_u8(c, a + k))
				break;
			np_print_chars(c, a + k, 1);
		}
		np_putc(c, '"');
	}
}
