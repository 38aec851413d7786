/* BFD (RFC 5880/5881/5883/7130, and version 0 of draft-ietf-bfd-base-01): control packets
 * on the single-hop, multihop and LAG ports with their authentication section, echo packets
 * and anything else on those ports as a hex dump with -v.
 *
 * The UDP destination port decides the packet kind, as in tcpdump 4.99.3 (which does not
 * know the S-BFD port 7784: those datagrams stay plain UDP).  tcpdump reads BFD with its
 * longjmp-ing accessors, so a cut packet is dumped whole with -x/-X/-A (see leave()). */
#include "capture/netprint.h"

#define BFD_CONTROL_PORT 3784
#define BFD_ECHO_PORT 3785
#define BFD_MULTIHOP_PORT 4784
#define BFD_LAG_PORT 6784
#define BFD_HDRLEN 24
#define BFD_FLAG_AUTH 0x04

static const np_tok port_names[] = {
	{BFD_CONTROL_PORT, "Control"},
	{BFD_MULTIHOP_PORT, "Multihop"},
	{BFD_LAG_PORT, "Lag"},
	{0, NULL},
};

static const np_tok diag_names[] = {
	{0, "No Diagnostic"},
	{1, "Control Detection Time Expired"},
	{2, "Echo Function Failed"},
	{3, "Neighbor Signaled Session Down"},
	{4, "Forwarding Plane Reset"},
	{5, "Path Down"},
	{6, "Concatenated Path Down"},
	{7, "Administratively Down"},
	{8, "Reverse Concatenated Path Down"},
	{0, NULL},
};

static const np_tok v0_flags[] = {
	{0x80, "I Hear You"},
	{0x40, "Demand"},
	{0x20, "Poll"},
	{0x10, "Final"},
	{0x08, "Control Plane Independent"},
	{BFD_FLAG_AUTH, "Authentication Present"},
	{0x02, "Reserved"},
	{0x01, "Reserved"},
	{0, NULL},
};

static const np_tok v1_flags[] = {
	{0x20, "Poll"},
	{0x10, "Final"},
	{0x08, "Control Plane Independent"},
	{BFD_FLAG_AUTH, "Authentication Present"},
	{0x02, "Demand"},
	{0x01, "Multipoint"},
	{0, NULL},
};

static const np_tok v1_states[] = {
	{0, "AdminDown"}, {1, "Down"}, {2, "Init"}, {3, "Up"}, {0, NULL},
};

enum { AUTH_PASSWORD = 1, AUTH_MD5, AUTH_MET_MD5, AUTH_SHA1, AUTH_MET_SHA1 };

static const np_tok auth_names[] = {
	{AUTH_PASSWORD, "Simple Password"},
	{AUTH_MD5, "Keyed MD5"},
	{AUTH_MET_MD5, "Meticulous Keyed MD5"},
	{AUTH_SHA1, "Keyed SHA1"},
	{AUTH_MET_SHA1, "Meticulous Keyed SHA1"},
	{0, NULL},
};

/* Leaves the packet the way tcpdump's longjmp-ing accessors do: the dump after it shows
 * the whole packet, link header included. */
static void digest_print(np_ctx *c, const char *label, const uint8_t *p, unsigned len)
{
	np_need(c, p, len);
	np_printf(c, "\n\t  %s: ", label);
	for (unsigned i = 0; i < len; i++)
		np_printf(c, "%02x", np_u8(c, p + i));
}

/* The authentication section after the fixed header: type, length, key ID, then the
 * password, or the sequence number and the MD5 digest / SHA1 hash. */
static void auth_print(np_ctx *c, const uint8_t *p)
{
	np_need(c, p, 4);
	unsigned type = np_u8(c, p), len = np_u8(c, p + 1);
	const char *name = np_tok_find(auth_names, type);
	np_printf(c, "\n\tAuthentication: %s (%u), length: %u", name ? name : "Unknown", type,
		  len);
	np_printf(c, "\n\t  Auth Key ID: %u", np_u8(c, p + 2));
	switch (type) {
	case AUTH_PASSWORD:
		/* header (3 bytes) plus a password of 1 to 16 */
		if (len < 4 || len > 19) {
			np_printf(c, "[invalid length %u]", len);
			return;
		}
		np_puts(c, ", Password: ");
		if (np_print_chars(c, p + 3, len - 3))
			np_trunc(c);
		return;
	case AUTH_MD5:
	case AUTH_MET_MD5:
	case AUTH_SHA1:
	case AUTH_MET_SHA1: {
		int md5 = type == AUTH_MD5 || type == AUTH_MET_MD5;
		if (len != (md5 ? 24u : 28u)) {
			np_printf(c, "[invalid length %u]", len);
			return;
		}
		np_need(c, p + 4, 4);
		np_printf(c, ", Sequence Number: 0x%08x", np_be32(c, p + 4));
		digest_print(c, md5 ? "Digest" : "Hash", p + 8, md5 ? 16 : 20);
		return;
	}
	default:
		return;
	}
}

/* What tcpdump's print_unknown_data prints with -v: a hex dump of what was captured. */
static void unknown_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	if (!c->o.vflag)
		return;
	unsigned avail = np_avail(c, p);
	np_hex(c, "\n\t", p, len < avail ? len : avail);
}

static void control_print(np_ctx *c, const uint8_t *bp, unsigned len, unsigned port)
{
	char buf[32];
	np_need(c, bp, BFD_HDRLEN);
	unsigned vd = np_u8(c, bp), flags = np_u8(c, bp + 1);
	unsigned version = vd >> 5, diag = vd & 0x1f;
	const np_tok *flag_names = version == 0 ? v0_flags : v1_flags;
	const char *kind = np_tok_str(port_names, "unknown (%u)", port, buf, sizeof(buf));
	if (version > 1) {
		np_printf(c, "BFDv%u, Control, length: %u", version, len);
		unknown_print(c, bp, len);
		return;
	}
	if (!c->o.vflag) {
		if (version == 0) {
			np_puts(c, "BFDv0, Control, Flags: [");
			np_print_bits(c, v0_flags, ", ", flags);
		} else {
			char sbuf[32];
			np_printf(c, "BFDv1, %s, State %s, Flags: [", kind,
				  np_tok_str(v1_states, "unknown (%u)", flags >> 6, sbuf, sizeof(sbuf)));
			np_print_bits(c, v1_flags, ", ", flags & 0x3f);
		}
		np_printf(c, "], length: %u", len);
		return;
	}
	if (version == 0) {
		np_printf(c, "BFDv0, length: %u\n\tControl, Flags: [", len);
		np_print_bits(c, flag_names, ", ", flags);
	} else {
		char sbuf[32];
		np_printf(c, "BFDv1, length: %u\n\t%s, State %s, Flags: [", len, kind,
			  np_tok_str(v1_states, "unknown (%u)", flags >> 6, sbuf, sizeof(sbuf)));
		np_print_bits(c, flag_names, ", ", flags & 0x3f);
	}
	const char *dname = np_tok_find(diag_names, diag);
	np_printf(c, "], Diagnostic: %s (0x%02x)", dname ? dname : "unknown", diag);
	unsigned mult = np_u8(c, bp + 2);
	uint32_t tx = np_be32(c, bp + 12);
	/* tcpdump multiplies in 32 bits before dividing */
	np_printf(c, "\n\tDetection Timer Multiplier: %u (%u ms Detection time), BFD Length: %u",
		  mult, (uint32_t)(mult * tx) / 1000, np_u8(c, bp + 3));
	np_printf(c, "\n\tMy Discriminator: 0x%08x", np_be32(c, bp + 4));
	np_printf(c, ", Your Discriminator: 0x%08x", np_be32(c, bp + 8));
	np_printf(c, "\n\t  Desired min Tx Interval:    %4u ms", tx / 1000);
	np_printf(c, "\n\t  Required min Rx Interval:   %4u ms", np_be32(c, bp + 16) / 1000);
	np_printf(c, "\n\t  Required min Echo Interval: %4u ms", np_be32(c, bp + 20) / 1000);
	if (flags & BFD_FLAG_AUTH)
		auth_print(c, bp + BFD_HDRLEN);
}

void np_bfd_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	np_set_proto(c, "bfd");
	/* the UDP header precedes the payload: its destination port names the packet kind */
	unsigned port = np_be16(c, bp - 6);
	if (port == BFD_CONTROL_PORT || port == BFD_MULTIHOP_PORT || port == BFD_LAG_PORT) {
		control_print(c, bp, length, port);
	} else if (port == BFD_ECHO_PORT) {
		np_printf(c, "BFD, Echo, length: %u", length);
		unknown_print(c, bp, length);
	} else {
		np_printf(c, "BFD, unknown (%u), length: %u", port, length);
		unknown_print(c, bp, length);
	}
}
