/* PIM (RFC 7761, 5059, 5015) over IPv4 and IPv6: version 2 messages (hello options,
 * register with the packet inside, register-stop, join/prune/graft, bootstrap, assert,
 * candidate-RP advertisement, prune refresh) with the checksum verified; other versions
 * get their length only.
 *
 * Key decisions:
 * - Encoded addresses go through one function (addr_print) that checks the message length
 *   and the capture before it prints; a short one ends the message with " [|pimv2]", as in
 *   tcpdump 4.99.3, which also reads several fields with its longjmp-ing accessors: those
 *   reads use np_need() and dump the whole packet after the marker.
 * - The RFC 2117 encoding (address length in the header's reserved byte) is honoured. */
#include "capture/netprint.h"

#define PIM_VER(x) (((x) & 0xf0) >> 4)
#define PIM_TYPE(x) ((x) & 0x0f)

enum {
	PIMV2_HELLO, PIMV2_REGISTER, PIMV2_REGISTER_STOP, PIMV2_JOIN_PRUNE, PIMV2_BOOTSTRAP,
	PIMV2_ASSERT, PIMV2_GRAFT, PIMV2_GRAFT_ACK, PIMV2_CANDIDATE_RP, PIMV2_PRUNE_REFRESH,
	PIMV2_DF_ELECTION, PIMV2_ECMP_REDIRECT,
};

static const np_tok type_names[] = {
	{PIMV2_HELLO, "Hello"},
	{PIMV2_REGISTER, "Register"},
	{PIMV2_REGISTER_STOP, "Register Stop"},
	{PIMV2_JOIN_PRUNE, "Join / Prune"},
	{PIMV2_BOOTSTRAP, "Bootstrap"},
	{PIMV2_ASSERT, "Assert"},
	{PIMV2_GRAFT, "Graft"},
	{PIMV2_GRAFT_ACK, "Graft Acknowledgement"},
	{PIMV2_CANDIDATE_RP, "Candidate RP Advertisement"},
	{PIMV2_PRUNE_REFRESH, "Prune Refresh"},
	{PIMV2_DF_ELECTION, "DF Election"},
	{PIMV2_ECMP_REDIRECT, "ECMP Redirect"},
	{0, NULL},
};

enum {
	OPT_HOLDTIME = 1, OPT_LANPRUNEDELAY = 2, OPT_DR_PRIORITY_OLD = 18, OPT_DR_PRIORITY = 19,
	OPT_GENID = 20, OPT_REFRESH_CAP = 21, OPT_BIDIR_CAP = 22, OPT_ADDRESS_LIST = 24,
	OPT_ADDRESS_LIST_OLD = 65001,
};

static const np_tok hello_option_names[] = {
	{OPT_HOLDTIME, "Hold Time"},
	{OPT_LANPRUNEDELAY, "LAN Prune Delay"},
	{OPT_DR_PRIORITY_OLD, "DR Priority (Old)"},
	{OPT_DR_PRIORITY, "DR Priority"},
	{OPT_GENID, "Generation ID"},
	{OPT_REFRESH_CAP, "State Refresh Capability"},
	{OPT_BIDIR_CAP, "Bi-Directional Capability"},
	{OPT_ADDRESS_LIST, "Address List"},
	{OPT_ADDRESS_LIST_OLD, "Address List (Old)"},
	{0, NULL},
};

static const np_tok df_election_names[] = {
	{1, "Offer"}, {2, "Winner"}, {3, "Backoff"}, {4, "Pass"}, {0, NULL},
};

enum addr_kind { ADDR_UNICAST, ADDR_GROUP, ADDR_SOURCE };

/* Seconds as tcpdump's unsigned_relts_print: "1m45s", "0s" (also used by IGMP). */
void np_relts_print(np_ctx *c, unsigned secs)
{
	static const char units[] = "ywdhms";
	static const unsigned size[] = {31536000, 604800, 86400, 3600, 60, 1};
	if (secs == 0) {
		np_puts(c, "0s");
		return;
	}
	for (unsigned i = 0; i < 6 && secs > 0; i++) {
		if (secs >= size[i]) {
			np_printf(c, "%u%c", secs / size[i], units[i]);
			secs %= size[i];
		}
	}
}

static void ip_addr_print(np_ctx *c, const uint8_t *p, int v6)
{
	char buf[NP_ADDRSTRLEN];
	np_need(c, p, v6 ? 16 : 4);
	np_puts(c, v6 ? np_ipv6_str(c, p, buf) : np_ipv4_str(c, p, buf));
}

/* An encoded address; returns its length, or -1 when it is not printable (unknown family,
 * or cut by the message length or the capture). */
static int addr_print(np_ctx *c, const uint8_t *bp, unsigned len, enum addr_kind kind,
		      unsigned addr_len)
{
	unsigned hdrlen = 0;
	if (addr_len == 0) {
		if (len < 2)
			return -1;
		np_need(c, bp, 2);
		unsigned family = np_u8(c, bp);
		if (family != 1 && family != 2)
			return -1;
		if (np_u8(c, bp + 1) != 0)
			return -1;
		addr_len = family == 1 ? 4 : 16;
		hdrlen = 2;
	} else if (addr_len != 4 && addr_len != 16) {
		return -1;
	}
	int v6 = addr_len == 16;
	bp += hdrlen;
	len -= hdrlen;
	if (kind == ADDR_UNICAST) {
		if (len < addr_len || !np_has(c, bp, addr_len))
			return -1;
		ip_addr_print(c, bp, v6);
		return (int)(hdrlen + addr_len);
	}
	if (len < addr_len + 2 || !np_has(c, bp, addr_len + 2))
		return -1;
	ip_addr_print(c, bp + 2, v6);
	unsigned mask = np_u8(c, bp + 1), flags = np_u8(c, bp);
	if (mask != (v6 ? 128u : 32u))
		np_printf(c, "/%u", mask);
	if (flags) {
		if (kind == ADDR_GROUP) {
			np_printf(c, "(0x%02x)", flags);
		} else {
			np_printf(c, "(%s%s%s", flags & 4 ? "S" : "", flags & 2 ? "W" : "",
				  flags & 1 ? "R" : "");
			if (flags & 0xf8)
				np_printf(c, "+0x%02x", flags & 0xf8);
			np_putc(c, ')');
		}
	}
	return (int)(hdrlen + 2 + addr_len);
}

/* The checksum over len bytes: 1 correct, 0 incorrect, -1 unverified (not all captured). */
static int checksum_ok(np_ctx *c, const uint8_t *bp, const uint8_t *ip, unsigned len)
{
	if (!np_has(c, bp, len))
		return -1;
	unsigned ver = np_u8(c, ip) >> 4;
	if (ver == 4)
		return np_cksum_fold(np_cksum_add(bp, len, 0)) == 0;
	if (ver == 6)
		return np_ip6_pseudo_cksum(ip, bp, len, 103) == 0;
	return -1;
}

/* A cursor over the message: the addresses and fields advance it. */
typedef struct pim_cur {
	const uint8_t *p;
	unsigned len;
	unsigned addr_len;
} pim_cur;

static int addr_take(np_ctx *c, pim_cur *m, enum addr_kind kind)
{
	int n = addr_print(c, m->p, m->len, kind, m->addr_len);
	if (n < 0)
		return 0;
	m->p += n;
	m->len -= (unsigned)n;
	return 1;
}

static void skip(pim_cur *m, unsigned n)
{
	m->p += n;
	m->len -= n;
}

/* Hello options; 0 when the message ends early. */
static int hello_print(np_ctx *c, pim_cur *m)
{
	char buf[32];
	while (m->len > 0) {
		if (m->len < 4)
			return 0;
		np_need(c, m->p, 4);
		unsigned type = np_be16(c, m->p), olen = np_be16(c, m->p + 2);
		np_printf(c, "\n\t  %s Option (%u), length %u, Value: ",
			  np_tok_str(hello_option_names, "Unknown", type, buf, sizeof(buf)), type,
			  olen);
		skip(m, 4);
		const uint8_t *v = m->p;
		if (m->len < olen || !np_has(c, v, olen))
			return 0;
		switch (type) {
		case OPT_HOLDTIME:
			if (olen != 2)
				goto bad_length;
			np_relts_print(c, np_be16(c, v));
			break;
		case OPT_LANPRUNEDELAY:
			if (olen != 4)
				goto bad_length;
			np_printf(c, "\n\t    T-bit=%u, LAN delay %ums, Override interval %ums",
				  np_be16(c, v) >> 15, np_be16(c, v) & 0x7fff, np_be16(c, v + 2));
			break;
		case OPT_DR_PRIORITY_OLD:
		case OPT_DR_PRIORITY:
			if (olen == 0)
				np_puts(c, "Bi-Directional Capability (Old)");
			else if (olen == 4)
				np_printf(c, "%u", np_be32(c, v));
			else
				goto bad_length;
			break;
		case OPT_GENID:
			if (olen != 4)
				goto bad_length;
			np_printf(c, "0x%08x", np_be32(c, v));
			break;
		case OPT_REFRESH_CAP:
			if (olen != 4)
				goto bad_length;
			np_printf(c, "v%u", np_u8(c, v));
			if (np_u8(c, v + 1)) {
				np_puts(c, ", interval ");
				np_relts_print(c, np_u8(c, v + 1));
			}
			if (np_be16(c, v + 2))
				np_printf(c, " ?0x%04x?", np_be16(c, v + 2));
			break;
		case OPT_BIDIR_CAP:
			break;
		case OPT_ADDRESS_LIST:
		case OPT_ADDRESS_LIST_OLD:
			if (c->o.vflag > 1) {
				pim_cur a = *m;
				while (a.p < v + olen) {
					np_puts(c, "\n\t    ");
					if (!addr_take(c, &a, ADDR_UNICAST))
						return 0;
				}
			}
			break;
		default:
			if (c->o.vflag <= 1)
				np_hex(c, "\n\t    ", v, olen);
			break;
		}
		if (c->o.vflag > 1)
			np_hex(c, "\n\t    ", v, olen);
		skip(m, olen);
	}
	return 1;
bad_length:
	np_printf(c, "[option length %u != %u]", np_be16(c, m->p - 2),
		  np_be16(c, m->p - 4) == OPT_HOLDTIME ? 2u : 4u);
	np_print_invalid(c);
	return -1;
}

static int register_print(np_ctx *c, pim_cur *m)
{
	if (m->len < 4 || !np_has(c, m->p, 4))
		return 0;
	uint32_t flags = np_be32(c, m->p);
	const char *f = flags == 0x80000000u ? "Border" : flags == 0x40000000u ? "Null" : "none";
	np_printf(c, ", Flags [ %s ]\n\t", f);
	skip(m, 4);
	if (m->len == 0)
		return 0;
	np_need(c, m->p, 1);
	unsigned ver = np_u8(c, m->p) >> 4;
	switch (ver) {
	case 0: {
		char a[NP_ADDRSTRLEN], b[NP_ADDRSTRLEN];
		np_need(c, m->p + 12, 8);
		np_printf(c, "IP-Null-header %s > %s", np_ipv4_str(c, m->p + 12, a),
			  np_ipv4_str(c, m->p + 16, b));
		break;
	}
	case 4:
		np_ip_print(c, m->p, m->len);
		break;
	case 6:
		np_ip6_print(c, m->p, m->len);
		break;
	default:
		np_printf(c, "IP ver %u", ver);
		break;
	}
	return 1;
}

static int join_prune_print(np_ctx *c, pim_cur *m, unsigned type)
{
	if (type != PIMV2_GRAFT_ACK) {
		np_puts(c, ", upstream-neighbor: ");
		if (!addr_take(c, m, ADDR_UNICAST))
			return 0;
	}
	if (m->len < 4 || !np_has(c, m->p, 4))
		return 0;
	unsigned ngroup = np_u8(c, m->p + 1), holdtime = np_be16(c, m->p + 2);
	np_printf(c, "\n\t  %u group(s)", ngroup);
	if (type != PIMV2_GRAFT_ACK) {
		np_puts(c, ", holdtime: ");
		if (holdtime == 0xffff)
			np_puts(c, "infinite");
		else
			np_relts_print(c, holdtime);
	}
	skip(m, 4);
	for (unsigned i = 0; i < ngroup; i++) {
		np_printf(c, "\n\t    group #%u: ", i + 1);
		if (!addr_take(c, m, ADDR_GROUP))
			return 0;
		if (m->len < 4 || !np_has(c, m->p, 4))
			return 0;
		unsigned njoin = np_be16(c, m->p), nprune = np_be16(c, m->p + 2);
		np_printf(c, ", joined sources: %u, pruned sources: %u", njoin, nprune);
		skip(m, 4);
		for (unsigned j = 0; j < njoin; j++) {
			np_printf(c, "\n\t      joined source #%u: ", j + 1);
			if (!addr_take(c, m, ADDR_SOURCE))
				return 0;
		}
		for (unsigned j = 0; j < nprune; j++) {
			np_printf(c, "\n\t      pruned source #%u: ", j + 1);
			if (!addr_take(c, m, ADDR_SOURCE))
				return 0;
		}
	}
	return 1;
}

static int bootstrap_print(np_ctx *c, pim_cur *m)
{
	if (m->len < 2)
		return 0;
	np_need(c, m->p, 2);
	np_printf(c, " tag=%x", np_be16(c, m->p));
	skip(m, 2);
	if (m->len < 1)
		return 0;
	np_need(c, m->p, 1);
	np_printf(c, " hashmlen=%u", np_u8(c, m->p));
	if (m->len < 2 || !np_has(c, m->p + 2, 1))
		return 0;
	np_printf(c, " BSRprio=%u", np_u8(c, m->p + 1));
	skip(m, 2);
	np_puts(c, " BSR=");
	if (!addr_take(c, m, ADDR_UNICAST))
		return 0;
	for (unsigned i = 0; m->len > 0; i++) {
		np_printf(c, " (group%u: ", i);
		if (!addr_take(c, m, ADDR_GROUP))
			return 0;
		if (m->len < 1)
			return 0;
		np_need(c, m->p, 1);
		np_printf(c, " RPcnt=%u", np_u8(c, m->p));
		if (m->len < 2)
			return 0;
		np_need(c, m->p + 1, 1);
		unsigned frpcnt = np_u8(c, m->p + 1);
		np_printf(c, " FRPcnt=%u", frpcnt);
		if (m->len < 4)
			return 0;
		skip(m, 4);
		for (unsigned j = 0; j < frpcnt && m->len > 0; j++) {
			np_printf(c, " RP%u=", j);
			if (!addr_take(c, m, ADDR_UNICAST))
				return 0;
			if (m->len < 2)
				return 0;
			np_puts(c, ",holdtime=");
			np_need(c, m->p, 2);
			np_relts_print(c, np_be16(c, m->p));
			if (m->len < 3)
				return 0;
			np_need(c, m->p + 2, 1);
			np_printf(c, ",prio=%u", np_u8(c, m->p + 2));
			if (m->len < 4)
				return 0;
			skip(m, 4);
		}
		np_putc(c, ')');
	}
	return 1;
}

static int assert_print(np_ctx *c, pim_cur *m)
{
	np_puts(c, " group=");
	if (!addr_take(c, m, ADDR_GROUP))
		return 0;
	np_puts(c, " src=");
	if (!addr_take(c, m, ADDR_UNICAST))
		return 0;
	if (m->len < 8 || !np_has(c, m->p, 8))
		return 0;
	if (np_u8(c, m->p) & 0x80)
		np_puts(c, " RPT");
	np_printf(c, " pref=%u", np_be32(c, m->p) & 0x7fffffff);
	np_printf(c, " metric=%u", np_be32(c, m->p + 4));
	return 1;
}

static int candidate_rp_print(np_ctx *c, pim_cur *m)
{
	if (m->len < 1)
		return 0;
	np_need(c, m->p, 1);
	unsigned pfxcnt = np_u8(c, m->p);
	np_printf(c, " prefix-cnt=%u", pfxcnt);
	if (m->len < 2)
		return 0;
	np_need(c, m->p + 1, 1);
	np_printf(c, " prio=%u", np_u8(c, m->p + 1));
	if (m->len < 4)
		return 0;
	np_puts(c, " holdtime=");
	np_need(c, m->p + 2, 2);
	np_relts_print(c, np_be16(c, m->p + 2));
	skip(m, 4);
	np_puts(c, " RP=");
	if (!addr_take(c, m, ADDR_UNICAST))
		return 0;
	for (unsigned i = 0; i < pfxcnt && m->len > 0; i++) {
		np_printf(c, " Group%u=", i);
		if (!addr_take(c, m, ADDR_GROUP))
			return 0;
	}
	return 1;
}

static int prune_refresh_print(np_ctx *c, pim_cur *m)
{
	np_puts(c, " src=");
	if (!addr_take(c, m, ADDR_UNICAST))
		return 0;
	np_puts(c, " grp=");
	if (!addr_take(c, m, ADDR_GROUP))
		return 0;
	np_puts(c, " forwarder=");
	if (!addr_take(c, m, ADDR_UNICAST))
		return 0;
	if (m->len < 2)
		return 0;
	np_puts(c, " TUNR ");
	np_need(c, m->p, 2);
	np_relts_print(c, np_be16(c, m->p));
	return 1;
}

static int df_election_print(np_ctx *c, pim_cur *m, unsigned subtype)
{
	char buf[32];
	np_printf(c, "\n\t  %s,", np_tok_str(df_election_names, "Unknown", subtype, buf,
					    sizeof(buf)));
	np_puts(c, " rpa=");
	if (!addr_take(c, m, ADDR_UNICAST))
		return 0;
	np_need(c, m->p, 4);
	np_printf(c, " sender pref=%u", np_be32(c, m->p));
	np_need(c, m->p + 4, 4);
	np_printf(c, " sender metric=%u", np_be32(c, m->p + 4));
	skip(m, 8);
	if (subtype == 3 || subtype == 4) {
		const char *who = subtype == 3 ? "offer" : "new winner";
		np_printf(c, "\n\t  %s addr=", who);
		if (!addr_take(c, m, ADDR_UNICAST))
			return 0;
		np_need(c, m->p, 4);
		np_printf(c, " %s pref=%u", who, np_be32(c, m->p));
		np_need(c, m->p + 4, 4);
		np_printf(c, " %s metric=%u", who, np_be32(c, m->p + 4));
		skip(m, 8);
		if (subtype == 3) {
			np_need(c, m->p, 2);
			np_printf(c, " interval %dms", np_be16(c, m->p));
		}
	}
	return 1;
}

static void pimv2_print(np_ctx *c, const uint8_t *bp, unsigned len, const uint8_t *ip)
{
	np_set_proto(c, "pimv2");
	if (len < 2) {
		np_printf(c, "[length %u < 2]", len);
		np_print_invalid(c);
		return;
	}
	unsigned typever = np_u8(c, bp);
	np_need(c, bp + 1, 1);
	unsigned rsv = np_u8(c, bp + 1);
	pim_cur m = {bp, len, rsv & 0x0f};
	if (m.addr_len)
		np_puts(c, ", RFC2117-encoding");
	if (len < 4) {
		np_printf(c, "[length %u < 4]", len);
		np_print_invalid(c);
		return;
	}
	np_need(c, bp + 2, 2);
	unsigned cksum = np_be16(c, bp + 2);
	np_printf(c, ", cksum 0x%04x ", cksum);
	if (cksum == 0) {
		np_puts(c, "(unverified)");
	} else {
		int ok;
		if (PIM_TYPE(typever) == PIMV2_REGISTER) {
			/* the sum covers the header only, or (RFC 4601) the whole message */
			ok = checksum_ok(c, bp, ip, 8);
			if (ok == 0)
				ok = checksum_ok(c, bp, ip, len);
		} else {
			ok = checksum_ok(c, bp, ip, len);
		}
		np_puts(c, ok > 0 ? "(correct)" : ok == 0 ? "(incorrect)" : "(unverified)");
	}
	skip(&m, 4);

	int r;
	switch (PIM_TYPE(typever)) {
	case PIMV2_HELLO:
		r = hello_print(c, &m);
		break;
	case PIMV2_REGISTER:
		r = register_print(c, &m);
		break;
	case PIMV2_REGISTER_STOP:
		np_puts(c, " group=");
		r = addr_take(c, &m, ADDR_GROUP);
		if (r) {
			np_puts(c, " source=");
			r = addr_take(c, &m, ADDR_UNICAST);
		}
		break;
	case PIMV2_JOIN_PRUNE:
	case PIMV2_GRAFT:
	case PIMV2_GRAFT_ACK:
		r = join_prune_print(c, &m, PIM_TYPE(typever));
		break;
	case PIMV2_BOOTSTRAP:
		r = bootstrap_print(c, &m);
		break;
	case PIMV2_ASSERT:
		r = assert_print(c, &m);
		break;
	case PIMV2_CANDIDATE_RP:
		r = candidate_rp_print(c, &m);
		break;
	case PIMV2_PRUNE_REFRESH:
		r = prune_refresh_print(c, &m);
		break;
	case PIMV2_DF_ELECTION:
		r = df_election_print(c, &m, rsv >> 4);
		break;
	default:
		np_printf(c, " [type %u]", PIM_TYPE(typever));
		r = 1;
		break;
	}
	if (r == 0)
		np_print_trunc(c);
}

/* ---- PIM version 1, carried in IGMP --------------------------------------------------- */

static const np_tok pimv1_types[] = {
	{0, "Query"}, {1, "Register"}, {2, "Register-Stop"}, {3, "Join/Prune"},
	{4, "RP-reachable"}, {5, "Assert"}, {6, "Graft"}, {7, "Graft-ACK"}, {0, NULL},
};

static const char *v4(np_ctx *c, const uint8_t *p, char *buf)
{
	np_need(c, p, 4);
	return np_ipv4_str(c, p, buf);
}

static void pimv1_join_prune_print(np_ctx *c, const uint8_t *bp, unsigned len)
{
	char b1[NP_ADDRSTRLEN], b2[NP_ADDRSTRLEN], b3[NP_ADDRSTRLEN];
	/* one group with one source: a one-line summary */
	if (np_has(c, bp, 30) && np_u8(c, bp + 11) == 1 &&
	    np_be16(c, bp + 20) + np_be16(c, bp + 22) == 1) {
		unsigned njoin = np_be16(c, bp + 20);
		np_printf(c, " RPF %s ", v4(c, bp, b1));
		unsigned hold = np_be16(c, bp + 6);
		if (hold != 180) {
			np_puts(c, "Hold ");
			np_relts_print(c, hold);
		}
		np_printf(c, "%s (%s/%u, %s", njoin ? "Join" : "Prune", v4(c, bp + 26, b1),
			  np_u8(c, bp + 25) & 0x3f, v4(c, bp + 12, b2));
		if (np_be32(c, bp + 16) != 0xffffffff)
			np_printf(c, "/%s", v4(c, bp + 16, b3));
		np_printf(c, ") %s%s %s", np_u8(c, bp + 24) & 1 ? "Sparse" : "Dense",
			  np_u8(c, bp + 25) & 0x80 ? " WC" : "", np_u8(c, bp + 25) & 0x40 ? "RP" : "SPT");
		return;
	}
	if (len < 4)
		goto trunc;
	if (c->o.vflag > 1)
		np_putc(c, '\n');
	np_printf(c, " Upstream Nbr: %s", v4(c, bp, b1));
	bp += 4;
	len -= 4;
	if (len < 4)
		goto trunc;
	if (c->o.vflag > 1)
		np_putc(c, '\n');
	np_puts(c, " Hold time: ");
	np_need(c, bp + 2, 2);
	np_relts_print(c, np_be16(c, bp + 2));
	if (c->o.vflag < 2)
		return;
	bp += 4;
	len -= 4;
	if (len < 4)
		goto trunc;
	np_need(c, bp + 3, 1);
	unsigned ngroups = np_u8(c, bp + 3);
	bp += 4;
	len -= 4;
	while (ngroups--) {
		if (len < 4)
			goto trunc;
		np_printf(c, "\n\tGroup: %s", v4(c, bp, b1));
		bp += 4;
		len -= 4;
		if (len < 4)
			goto trunc;
		np_need(c, bp, 4);
		if (np_be32(c, bp) != 0xffffffff)
			np_printf(c, "/%s", v4(c, bp, b1));
		bp += 4;
		len -= 4;
		if (len < 4)
			goto trunc;
		np_need(c, bp, 4);
		unsigned njoin = np_be16(c, bp), nprune = np_be16(c, bp + 2);
		np_printf(c, " joined: %u pruned: %u", njoin, nprune);
		bp += 4;
		len -= 4;
		for (unsigned k = 0; k < njoin + nprune; k++) {
			if (len < 6)
				goto trunc;
			np_need(c, bp, 6);
			unsigned f0 = np_u8(c, bp), f1 = np_u8(c, bp + 1);
			np_printf(c, "\n\t%s %s%s%s%s/%u", k < njoin ? "Join " : "Prune",
				  f0 & 1 ? "Sparse " : "Dense ", f1 & 0x80 ? "WC " : "",
				  f1 & 0x40 ? "RP " : "SPT ", v4(c, bp + 2, b1), f1 & 0x3f);
			bp += 6;
			len -= 6;
		}
	}
	return;
trunc:
	np_print_trunc(c);
}

void np_pimv1_print(np_ctx *c, const uint8_t *bp, unsigned len)
{
	char buf[32], b1[NP_ADDRSTRLEN], b2[NP_ADDRSTRLEN];
	np_set_proto(c, "pimv1");
	np_need(c, bp + 1, 1);
	unsigned type = np_u8(c, bp + 1);
	np_printf(c, " %s", np_tok_str(pimv1_types, "[type %u]", type, buf, sizeof(buf)));
	switch (type) {
	case 0:
		if (np_has(c, bp + 8, 1)) {
			unsigned mode = np_u8(c, bp + 8) >> 4;
			if (mode == 0)
				np_puts(c, " Dense-mode");
			else if (mode == 1)
				np_puts(c, " Sparse-mode");
			else if (mode == 2)
				np_puts(c, " Sparse-Dense-mode");
			else
				np_printf(c, " mode-%u", mode);
		}
		if (c->o.vflag) {
			np_puts(c, " (Hold-time ");
			np_need(c, bp + 10, 2);
			np_relts_print(c, np_be16(c, bp + 10));
			np_putc(c, ')');
		}
		break;
	case 1:
		if (!np_has(c, bp + 8, 20)) {
			np_print_trunc(c);
			return;
		}
		np_printf(c, " for %s > %s", v4(c, bp + 20, b1), v4(c, bp + 24, b2));
		break;
	case 2:
		np_printf(c, " for %s > %s", v4(c, bp + 8, b1), v4(c, bp + 12, b2));
		break;
	case 4:
		if (c->o.vflag) {
			np_printf(c, " group %s", v4(c, bp + 8, b1));
			np_need(c, bp + 12, 4);
			if (np_be32(c, bp + 12) != 0xffffffff)
				np_printf(c, "/%s", v4(c, bp + 12, b1));
			np_printf(c, " RP %s hold ", v4(c, bp + 16, b1));
			np_need(c, bp + 22, 2);
			np_relts_print(c, np_be16(c, bp + 22));
		}
		break;
	case 5:
		np_printf(c, " for %s > %s", v4(c, bp + 16, b1), v4(c, bp + 8, b2));
		np_need(c, bp + 12, 4);
		if (np_be32(c, bp + 12) != 0xffffffff)
			np_printf(c, "/%s", v4(c, bp + 12, b1));
		np_need(c, bp + 20, 8);
		np_printf(c, " %s pref %u metric %u", np_u8(c, bp + 20) & 0x80 ? "RP-tree" : "SPT",
			  np_be32(c, bp + 20) & 0x7fffffff, np_be32(c, bp + 24));
		break;
	case 3:
	case 6:
	case 7:
		if (c->o.vflag) {
			if (len < 8) {
				np_print_trunc(c);
				return;
			}
			pimv1_join_prune_print(c, bp + 8, len - 8);
		}
		break;
	}
	np_need(c, bp + 4, 1);
	if (np_u8(c, bp + 4) >> 4 != 1)
		np_printf(c, " [v%u]", np_u8(c, bp + 4) >> 4);
}

void np_pim_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)frag;
	char buf[32];
	np_set_proto(c, "pim");
	np_need(c, bp, 1);
	unsigned typever = np_u8(c, bp);
	const char *name = np_tok_str(type_names, "Unknown Type", PIM_TYPE(typever), buf,
				      sizeof(buf));
	if (PIM_VER(typever) != 2) {
		np_printf(c, "PIMv%u, length %u", PIM_VER(typever), length);
		return;
	}
	if (!c->o.vflag) {
		np_printf(c, "PIMv2, %s, length %u", name, length);
		return;
	}
	np_printf(c, "PIMv2, length %u\n\t%s", length, name);
	pimv2_print(c, bp, length, ip);
}
