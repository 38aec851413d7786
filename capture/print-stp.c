/* IEEE 802.1D spanning tree BPDUs: STP configuration and topology change, RSTP (802.1w),
 * MSTP (802.1s) with its MSTI records, and SPB (802.1aq), as tcpdump 4.99.3 prints them.
 *
 * Key decisions, tcpdump's: a BPDU shorter than its type requires is " (invalid)", a read
 * past the capture is the truncation exit ("[|stp]"); times are in 1/256 s units and print
 * with two decimals; the MSTI records are walked by the version-3 length, not by what was
 * captured. */
#include "capture/netprint.h"

#define STP_TIME_BASE 256.0
#define STP_BPDU_LEN 36     /* through the version-1 length */
#define STP_CONFIG_LEN 35   /* a configuration BPDU has no version-1 length */
#define MSTP_MIN_LEN 102
#define MSTI_LEN 16
#define MST_CONFIG_INFO_LEN 64
#define MST_V3LEN_OFF 36
#define MST_NAME_OFF 39
#define MST_DIGEST_OFF 73
#define MST_INT_COST_OFF 89
#define MST_BRIDGE_ID_OFF 93
#define MST_HOPS_OFF 101
#define MST_MSTI_OFF 102
#define SPB_MIN_LEN 87

enum { PROTO_STP = 0, PROTO_RSTP = 2, PROTO_MSTP = 3, PROTO_SPB = 4 };
enum { TYPE_CONFIG = 0x00, TYPE_RSTP = 0x02, TYPE_TCN = 0x80 };

static const np_tok proto_names[] = {
	{PROTO_STP, "802.1d"}, {PROTO_RSTP, "802.1w"}, {PROTO_MSTP, "802.1s"},
	{PROTO_SPB, "802.1aq"}, {0, NULL},
};

static const np_tok type_names[] = {
	{TYPE_CONFIG, "Config"}, {TYPE_RSTP, "Rapid STP"}, {TYPE_TCN, "Topology Change"},
	{0, NULL},
};

static const np_tok flag_names[] = {
	{0x01, "Topology change"}, {0x02, "Proposal"}, {0x10, "Learn"},
	{0x20, "Forward"}, {0x40, "Agreement"}, {0x80, "Topology change ACK"}, {0, NULL},
};

static const np_tok role_names[] = {
	{0, "Unknown"}, {1, "Alternate"}, {2, "Root"}, {3, "Designated"}, {0, NULL},
};

static const char *role(unsigned flags)
{
	return np_tok_find(role_names, (flags & 0x0c) >> 2);
}

/* priority.mac: "8001.00:19:06:ea:b8:80" */
static void bridge_id_print(np_ctx *c, const uint8_t *p)
{
	np_need(c, p, 8);
	np_printf(c, "%02x%02x.%02x:%02x:%02x:%02x:%02x:%02x", p[0], p[1], p[2], p[3], p[4], p[5],
		  p[6], p[7]);
}

static void times_print(np_ctx *c, const uint8_t *p)
{
	np_printf(c,
		  "\n\tmessage-age %.2fs, max-age %.2fs, hello-time %.2fs, forwarding-delay %.2fs",
		  (float)(np_be16(c, p + 27) / STP_TIME_BASE), (float)(np_be16(c, p + 29) / STP_TIME_BASE),
		  (float)(np_be16(c, p + 31) / STP_TIME_BASE), (float)(np_be16(c, p + 33) / STP_TIME_BASE));
}

static void config_print(np_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned flags = np_u8(c, p + 4);
	np_puts(c, ", Flags [");
	np_print_bits(c, flag_names, ", ", flags);
	np_puts(c, "], bridge-id ");
	bridge_id_print(c, p + 17);
	np_printf(c, ".%04x, length %u", np_be16(c, p + 25), length);
	if (!c->o.vflag)
		return;
	times_print(c, p);
	np_puts(c, "\n\troot-id ");
	bridge_id_print(c, p + 5);
	np_printf(c, ", root-pathcost %u", np_be32(c, p + 13));
	if (np_u8(c, p + 2) == PROTO_RSTP)
		np_printf(c, ", port-role %s", role(flags));
}

static void mstp_print(np_ctx *c, const uint8_t *p, unsigned length)
{
	unsigned flags = np_u8(c, p + 4);
	np_puts(c, ", CIST Flags [");
	np_print_bits(c, flag_names, ", ", flags);
	np_printf(c, "], length %u", length);
	if (!c->o.vflag)
		return;
	np_printf(c, "\n\tport-role %s, ", role(flags));
	np_puts(c, "CIST root-id ");
	bridge_id_print(c, p + 5);
	np_printf(c, ", CIST ext-pathcost %u", np_be32(c, p + 13));
	np_puts(c, "\n\tCIST regional-root-id ");
	bridge_id_print(c, p + 17);
	np_printf(c, ", CIST port-id %04x,", np_be16(c, p + 25));
	times_print(c, p);
	np_printf(c, "\n\tv3len %u, ", np_be16(c, p + MST_V3LEN_OFF));
	np_need(c, p + MST_DIGEST_OFF + 12, 4);
	np_puts(c, "MCID Name ");
	np_print_zchars(c, p + MST_NAME_OFF, 32);
	np_printf(c, ", rev %u,\n\t\tdigest %08x%08x%08x%08x, ", np_be16(c, p + MST_NAME_OFF + 32),
		  np_be32(c, p + MST_DIGEST_OFF), np_be32(c, p + MST_DIGEST_OFF + 4),
		  np_be32(c, p + MST_DIGEST_OFF + 8), np_be32(c, p + MST_DIGEST_OFF + 12));
	np_printf(c, "CIST int-root-pathcost %u,", np_be32(c, p + MST_INT_COST_OFF));
	np_puts(c, "\n\tCIST bridge-id ");
	bridge_id_print(c, p + MST_BRIDGE_ID_OFF);
	np_printf(c, ", CIST remaining-hops %u", np_u8(c, p + MST_HOPS_OFF));

	unsigned v3len = np_be16(c, p + MST_V3LEN_OFF);
	if (v3len <= MST_CONFIG_INFO_LEN)
		return;
	unsigned left = v3len - MST_CONFIG_INFO_LEN;
	for (const uint8_t *m = p + MST_MSTI_OFF; left >= MSTI_LEN; m += MSTI_LEN, left -= MSTI_LEN) {
		np_need(c, m, MSTI_LEN);
		unsigned mflags = np_u8(c, m);
		np_printf(c, "\n\tMSTI %u, Flags [", np_be16(c, m + 1) & 0x0fff);
		np_print_bits(c, flag_names, ", ", mflags);
		np_printf(c, "], port-role %s", role(mflags));
		np_puts(c, "\n\t\tMSTI regional-root-id ");
		bridge_id_print(c, m + 1);
		np_printf(c, ", pathcost %u", np_be32(c, m + 9));
		np_printf(c, "\n\t\tMSTI bridge-prio %u, port-prio %u, hops %u", np_u8(c, m + 13) >> 4,
			  np_u8(c, m + 14) >> 4, np_u8(c, m + 15));
	}
}

static void spb_print(np_ctx *c, const uint8_t *p, unsigned off)
{
	if (!c->o.vflag)
		return;
	const uint8_t *s = p + off;
	const unsigned name = 3, rev = name + 32, digest = rev + 2, agr = digest + 16;
	const unsigned fmt = agr + 2, conv = fmt + 1, edge = conv + 1, adigest = edge + 2 + 8;
	np_need(c, s + adigest + 16, 4);
	np_printf(c, "\n\tv4len %u, ", np_be16(c, s));
	np_puts(c, "AUXMCID Name ");
	np_print_zchars(c, s + name, 32);
	np_printf(c, ", Rev %u,\n\t\tdigest %08x%08x%08x%08x", np_be16(c, s + rev),
		  np_be32(c, s + digest), np_be32(c, s + digest + 4), np_be32(c, s + digest + 8),
		  np_be32(c, s + digest + 12));
	unsigned a = np_u8(c, s + agr), f = np_u8(c, s + fmt), cv = np_u8(c, s + conv);
	np_printf(c,
		  "\n\tAgreement num %u, Discarded Agreement num %u, Agreement valid-flag %u,"
		  "\n\tRestricted role-flag: %u, Format id %u cap %u, Convention id %u cap %u,"
		  "\n\tEdge count %u, Agreement digest %08x%08x%08x%08x%08x\n",
		  a >> 6, a >> 4 & 3, a >> 3 & 1, a >> 2 & 1, f >> 4, f, cv >> 4, cv,
		  np_be16(c, s + edge), np_be32(c, s + adigest), np_be32(c, s + adigest + 4),
		  np_be32(c, s + adigest + 8), np_be32(c, s + adigest + 12),
		  np_be32(c, s + adigest + 16));
}

void np_stp_print(np_ctx *c, const uint8_t *p, unsigned length)
{
	np_set_proto(c, "stp");
	if (length < 4) {
		np_print_invalid(c);
		return;
	}
	if (np_be16(c, p) != 0) {
		np_printf(c, "unknown STP version, length %u", length);
		return;
	}
	unsigned version = np_u8(c, p + 2);
	const char *vname = np_tok_find(proto_names, version);
	if (vname)
		np_printf(c, "STP %s", vname);
	else
		np_printf(c, "STP Unknown STP protocol (0x%02x)", version);
	if (!vname)
		return;
	unsigned type = np_u8(c, p + 3);
	const char *tname = np_tok_find(type_names, type);
	if (tname)
		np_printf(c, ", %s", tname);
	else
		np_printf(c, ", Unknown BPDU Type (0x%02x)", type);

	switch (type) {
	case TYPE_CONFIG:
		if (length < STP_CONFIG_LEN)
			goto invalid;
		config_print(c, p, length);
		break;
	case TYPE_RSTP:
		if (version == PROTO_RSTP) {
			if (length < STP_BPDU_LEN)
				goto invalid;
			config_print(c, p, length);
		} else if (version == PROTO_MSTP || version == PROTO_SPB) {
			if (length < MSTP_MIN_LEN)
				goto invalid;
			if (np_u8(c, p + 35) != 0)
				goto invalid;
			unsigned mstp_len = np_be16(c, p + MST_V3LEN_OFF) + 2u;
			if (length < STP_BPDU_LEN + mstp_len)
				goto invalid;
			mstp_print(c, p, length);
			if (version == PROTO_SPB) {
				unsigned spb_len = np_be16(c, p + MST_V3LEN_OFF + mstp_len) + 2u;
				if (length < STP_BPDU_LEN + mstp_len + spb_len || spb_len < SPB_MIN_LEN)
					goto invalid;
				spb_print(c, p, STP_BPDU_LEN + mstp_len);
			}
		}
		break;
	default:
		break;
	}
	return;
invalid:
	np_print_invalid(c);
}
